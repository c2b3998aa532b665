"""Plain-text transcripts (.txt), the format most typists deliver."""

from __future__ import annotations

from pathlib import Path

from qualcode.io.registry import ReadText, transcript_reader
from qualcode.io.textnorm import decode_text_file


@transcript_reader(".txt")
def read_txt(path: Path, data: bytes) -> ReadText:
    """Decode with a checked encoding guess; the text is kept exactly."""
    decoded = decode_text_file(data, path)
    return ReadText(decoded.text, warnings=decoded.warnings)
