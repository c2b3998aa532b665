"""Subtitle cues (WebVTT, SubRip) turned into a transcript with speaker turns.

Meeting tools export captions: Teams names the speaker in a WebVTT voice tag
(``<v Caroline Smith>``), Zoom writes ``Caroline Smith: text`` in the cue.
One person speaking for a minute fills many cues, so consecutive cues of the
same speaker are merged into one turn that keeps the first cue's start time.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass

from qualcode.io.base import Turn
from qualcode.io.registry import ReadText
from qualcode.io.turns import is_interviewer_label, looks_like_name

# "h:mm:ss.ttt", "mm:ss.ttt", with "." (WebVTT) or "," (SubRip).
TIME = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?")
_SPEAKER_PREFIX = re.compile(r"^(?:>>\s*|-\s+)?([^\W\d_][\w.'’\- ]{0,40}?)\s*:\s+(?=\S)")
_TAG = re.compile(r"<[^>]*>")
_ASS_TAG = re.compile(r"\{\\[^}]*\}")
_SPACES = re.compile(r"\s+")


@dataclass
class Cue:
    """One caption: its start time, speaker if known, and text on one line."""

    start: str
    text: str
    speaker: str | None = None


def parse_time(raw: str) -> str | None:
    """``00:01:02.5`` style time as ``HH:MM:SS.mmm``, or None if it is not a time."""
    m = TIME.fullmatch(raw.strip())
    if not m:
        return None
    hours, minutes, seconds, fraction = m.groups()
    millis = (fraction or "0").ljust(3, "0")
    return f"{int(hours or 0):02d}:{int(minutes):02d}:{int(seconds):02d}.{millis}"


def clean_payload(text: str) -> str:
    """Markup removed, entities decoded, all whitespace as single spaces."""
    text = _ASS_TAG.sub("", _TAG.sub("", text))
    text = html.unescape(text).replace("\xa0", " ").replace("\u200e", "").replace("\u200f", "")
    return _SPACES.sub(" ", text).strip()


def assign_prefix_speakers(cues: list[Cue]) -> None:
    """Take ``Name: text`` prefixes as speakers when they recur or look like names.

    A cue without a label after a labelled one continues the same speaker,
    as some tools label only the first cue of a turn.
    """
    found: list[tuple[Cue, str, str]] = []
    for cue in cues:
        if cue.speaker is None:
            m = _SPEAKER_PREFIX.match(cue.text)
            if m:
                found.append((cue, m.group(1).strip(), cue.text[m.end():]))
    counts = Counter(label.lower() for _, label, _ in found)
    for cue, label, rest in found:
        if len(label.split()) <= 4 and (counts[label.lower()] > 1 or looks_like_name(label)):
            cue.speaker, cue.text = label, rest
    if any(c.speaker for c in cues):
        current = None
        for cue in cues:
            if cue.speaker:
                current = cue.speaker
            else:
                cue.speaker = current


def cues_to_transcript(cues: list[Cue], warnings: list[str]) -> ReadText:
    """One line per turn, ``Speaker: text``; without speakers, one line per cue."""
    lines: list[str] = []
    turns: list[Turn] = []
    offset = 0
    previous_text = None
    i = 0
    while i < len(cues):
        cue = cues[i]
        texts = [cue.text]
        j = i + 1
        while cue.speaker and j < len(cues) and cues[j].speaker == cue.speaker:
            texts.append(cues[j].text)
            j += 1
        # Rolling captions repeat the previous cue word for word.
        texts = [t for k, t in enumerate(texts) if t and (t != (texts[k - 1] if k else previous_text))]
        previous_text = cues[j - 1].text
        i = j
        if not texts:
            continue
        body = " ".join(texts)
        line = f"{cue.speaker}: {body}" if cue.speaker else body
        if cue.speaker:
            turns.append(Turn(offset, offset + len(line), cue.speaker,
                              is_interviewer_label(cue.speaker), cue.start))
        lines.append(line)
        offset += len(line) + 1
    return ReadText("\n".join(lines), turns=turns, warnings=warnings)
