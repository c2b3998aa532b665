"""qualcode.core.transcripts."""
