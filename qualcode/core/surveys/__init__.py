"""qualcode.core.surveys."""
