"""WebVTT captions (.vtt) from Teams, Zoom, Otter and video platforms.

A small parser of our own: blocks separated by blank lines, ``NOTE``,
``STYLE`` and ``REGION`` blocks skipped, optional cue identifiers, cue
settings after the times ignored, voice tags ``<v Name>`` giving speakers.
"""

from __future__ import annotations

import re
from pathlib import Path

from qualcode.io.base import ImportRefused
from qualcode.io.readers.cues import Cue, assign_prefix_speakers, clean_payload, cues_to_transcript, parse_time
from qualcode.io.registry import ReadText, transcript_reader
from qualcode.io.textnorm import decode_text_file

_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]+)>")
_SKIPPED_BLOCKS = ("NOTE", "STYLE", "REGION")


@transcript_reader(".vtt")
def read_vtt(path: Path, data: bytes) -> ReadText:
    """Cues in order; one turn per run of cues by the same speaker."""
    decoded = decode_text_file(data, path)
    cues, warnings = parse_webvtt(decoded.text, path)
    return cues_to_transcript(cues, decoded.warnings + warnings)


def parse_webvtt(text: str, path: str | Path) -> tuple[list[Cue], list[str]]:
    """The cues of a WebVTT file, with warnings for blocks that were skipped."""
    lines = text.split("\n")
    warnings: list[str] = []
    if not lines[0].startswith("WEBVTT"):
        if "-->" not in text:
            raise ImportRefused(path, "this is not a WebVTT subtitle file (no WEBVTT header and no cue times)")
        warnings.append("the WEBVTT header line is missing; the cues were read anyway")
    else:
        # The header block ("WEBVTT", "Kind: captions", ...) ends at the first blank line.
        end = next((k for k, line in enumerate(lines) if not line.strip()), len(lines))
        header = range(end) if not any("-->" in line for line in lines[:end]) else range(1)
        for k in header:
            lines[k] = ""
    cues: list[Cue] = []
    skipped: list[int] = []
    for first_line, block in _blocks(lines):
        if block[0].startswith(_SKIPPED_BLOCKS):
            continue
        timing = next((k for k, line in enumerate(block[:2]) if "-->" in line), None)
        start = parse_time(block[timing].split("-->")[0]) if timing is not None else None
        if timing is None or start is None:
            skipped.append(first_line)
            continue
        cues.extend(_voiced_cues(start, "\n".join(block[timing + 1:])))
    if skipped:
        shown = ", ".join(str(n) for n in skipped[:5])
        warnings.append(f"{len(skipped)} block(s) without a valid cue time were skipped (line {shown})")
    if not cues:
        raise ImportRefused(path, "the subtitle file has no cues with text")
    assign_prefix_speakers(cues)
    return [c for c in cues if c.text], warnings


def _blocks(lines: list[str]):
    """(1-based line number, lines) of each block between blank lines."""
    block: list[str] = []
    start = 0
    for number, line in enumerate(lines + [""], start=1):
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, block
            block = []


def _voiced_cues(start: str, payload: str) -> list[Cue]:
    """One cue per voice span: a Teams cue can hold two speakers."""
    pieces = _VOICE.split(payload)
    cues = []
    if clean_payload(pieces[0]):
        cues.append(Cue(start, clean_payload(pieces[0])))
    for k in range(1, len(pieces), 2):
        cues.append(Cue(start, clean_payload(pieces[k + 1]), pieces[k].strip()))
    return cues
