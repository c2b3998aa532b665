"""qualcode.core.themes."""
