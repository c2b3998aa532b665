"""qualcode.core.reliability.agreement."""
