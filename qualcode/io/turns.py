"""Find speaker turns in plain transcript text.

Typists mark turns with a label at the start of a line: ``Interviewer:``,
``I:``, ``R:``, ``P3:``, ``Caroline:``, ``Dr Smith:``.  We accept a short label
(at most four words, starting with a letter) followed by a colon and a space,
and mark the interviewer's turns so they can be left out of coding
statistics and clustering.
"""

from __future__ import annotations

import re
from collections import Counter

from qualcode.io.base import Turn

INTERVIEWER_LABELS = frozenset(
    {
        "interviewer", "i", "int", "q", "researcher", "facilitator",
        "moderator", "interviewer 1", "interviewer 2", "iv",
    }
)

# A label: up to four words of letters/digits (with . ' -), then ':' and space
# or end of line.  Times like "10:30" do not match because a label must start
# with a letter.
_LABEL = re.compile(
    r"^[ \t]*(?P<label>[^\W\d_][\w.'\-]*(?:[ \t][\w.'\-]+){0,3})[ \t]*:(?:[ \t]+|$)",
    re.MULTILINE | re.UNICODE,
)

# Words that end a sentence-like line with a colon but are not speakers.
_NOT_SPEAKERS = frozenset({"note", "notes", "date", "time", "location", "transcript", "duration", "re", "subject"})


def is_interviewer_label(label: str, interviewer: str | None = None) -> bool:
    """True when ``label`` names the interviewer (or the given interviewer name)."""
    norm = label.strip().lower()
    if interviewer and norm == interviewer.strip().lower():
        return True
    return norm in INTERVIEWER_LABELS


def find_turns(text: str, interviewer: str | None = None) -> list[Turn]:
    """Split ``text`` into speaker turns.

    A turn runs from its label to the start of the next label (trailing blank
    lines excluded).  Text before the first label is not a turn.  Labels used
    only once in a long text are kept: a participant may speak once.
    """
    matches = [m for m in _LABEL.finditer(text) if m.group("label").strip().lower() not in _NOT_SPEAKERS]
    if not matches:
        return []
    # Guard against prose with stray colons: a real speaker label recurs or
    # is a known interviewer label.  If no label recurs we still accept the
    # known ones.
    counts = Counter(m.group("label").strip() for m in matches)
    if len(matches) > 1 and not any(c > 1 for c in counts.values()) and not any(
        is_interviewer_label(l, interviewer) for l in counts
    ):
        return []
    turns: list[Turn] = []
    for i, m in enumerate(matches):
        start = m.start("label")
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        while end > start and text[end - 1] in "\n\r \t":
            end -= 1
        label = m.group("label").strip()
        turns.append(Turn(start, end, label, is_interviewer_label(label, interviewer)))
    return turns


def main_participant(turns: list[Turn]) -> str | None:
    """The speaker who says most outside the interviewer's turns, if any."""
    volume: Counter[str] = Counter()
    for t in turns:
        if not t.is_interviewer:
            volume[t.speaker] += t.end - t.start
    if not volume:
        return None
    return volume.most_common(1)[0][0]
