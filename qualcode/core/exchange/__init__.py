"""Exchanging whole projects and codebooks with other QDA tools (REFI-QDA)."""
