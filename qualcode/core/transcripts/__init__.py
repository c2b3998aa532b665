"""Transcripts: documents, fixed line numbers, offsets, importing and pseudonymisation."""
