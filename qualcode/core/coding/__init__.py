"""qualcode.core.coding.codings."""
