"""Codes and themes: the codebook and its hierarchy, suggestions, accepting them, and the
theme board's model."""
