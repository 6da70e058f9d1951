"""Finding the units closest to a question: dense, lexical, fused."""
