"""Reading files and turning them into citable, attributed units."""
