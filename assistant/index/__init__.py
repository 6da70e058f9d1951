"""Embedding units and keeping them in Chroma, one finished version at a time."""
