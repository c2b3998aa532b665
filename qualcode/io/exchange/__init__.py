"""qualcode.io.exchange."""
