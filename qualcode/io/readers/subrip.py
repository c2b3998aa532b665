"""SubRip captions (.srt): numbered cues with ``00:00:01,000 --> ...`` times.

Tolerant of what real exports do: a BOM, a missing final blank line, a
missing or non-numeric cue number, "." instead of ",", position
coordinates after the times, ``<i>``/``<font>`` and ``{\\an8}`` markup.
"""

from __future__ import annotations

from pathlib import Path

from qualcode.io.base import ImportRefused
from qualcode.io.readers.cues import Cue, assign_prefix_speakers, clean_payload, cues_to_transcript, parse_time
from qualcode.io.registry import ReadText, transcript_reader
from qualcode.io.textnorm import decode_text_file


@transcript_reader(".srt")
def read_srt(path: Path, data: bytes) -> ReadText:
    """Cues in order; ``Name: text`` prefixes give the speakers."""
    decoded = decode_text_file(data, path)
    cues, warnings = parse_subrip(decoded.text, path)
    return cues_to_transcript(cues, decoded.warnings + warnings)


def parse_subrip(text: str, path: str | Path) -> tuple[list[Cue], list[str]]:
    """The cues of a SubRip file, with warnings for blocks that were skipped."""
    cues: list[Cue] = []
    skipped: list[int] = []
    block: list[str] = []
    block_start = 0
    for number, line in enumerate(text.split("\n") + [""], start=1):
        if line.strip():
            if not block:
                block_start = number
            block.append(line)
            continue
        if not block:
            continue
        timing = next((k for k, b in enumerate(block[:2]) if "-->" in b), None)
        start = parse_time(block[timing].split("-->")[0]) if timing is not None else None
        if timing is None or start is None:
            skipped.append(block_start)
        else:
            payload = clean_payload(" ".join(block[timing + 1:]))
            if payload:
                cues.append(Cue(start, payload))
        block = []
    if not cues:
        if "-->" not in text:
            raise ImportRefused(path, "this is not a SubRip subtitle file (no cue times like 00:00:01,000 --> ...)")
        raise ImportRefused(path, "the subtitle file has no cues with text")
    warnings = []
    if skipped:
        shown = ", ".join(str(n) for n in skipped[:5])
        warnings.append(f"{len(skipped)} block(s) without a valid cue time were skipped (line {shown})")
    assign_prefix_speakers(cues)
    return cues, warnings
