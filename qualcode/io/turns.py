"""Find speaker turns in plain transcript text.

Typists mark turns with a label at the start of a line: ``Interviewer:``,
``I:``, ``R:``, ``P3:``, ``Caroline:``, ``Dr Smith:``, sometimes after a time
stamp (``[00:01:02] P3:``).  Meeting tools (Otter, Teams) instead put the
name and a time on a line of their own (``Caroline Smith  0:03``).  We accept
a short label (at most four words, starting with a letter) followed by a
colon, and mark the interviewer's turns so they can be left out of coding
statistics and clustering.

Prose has colons too ("What I mean is: ..."), so a label that occurs only
once must look like a name (capitalised words) to count as a speaker.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace

from qualcode.io.base import Turn

INTERVIEWER_LABELS = frozenset(
    {
        "interviewer", "i", "int", "q", "researcher", "facilitator",
        "moderator", "interviewer 1", "interviewer 2", "iv", "interviewer1", "interviewer2",
    }
)

# A time stamp as typists and tools write it: 1:02, 00:01:02, 00:01:02.500,
# optionally in brackets.
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_WORDS = r"[^\W\d_][\w.'’\-]*(?:[ \t][\w.'’\-]+){0,3}"

# "[00:01:02] Label:" or "Label [00:01:02]:" or "Label:" at a line start.
# Times like "10:30" are not labels because a label starts with a letter.
_LABEL = re.compile(
    rf"^[ \t]*(?:(?P<pre>[\[(]?(?P<ts>{_TIME})[\])]?)[ \t]+)?"
    rf"(?P<label>{_WORDS})[ \t]*(?:[\[(](?P<ts2>{_TIME})[\])][ \t]*)?:(?:[ \t]+|$)"
    # or a name followed only by a time, alone on its line (Otter, Teams).
    rf"|^[ \t]*(?P<label3>{_WORDS})[ \t]+[\[(]?(?P<ts3>{_TIME})[\])]?[ \t]*$",
    re.MULTILINE | re.UNICODE,
)

# Words that end a heading-like line with a colon but are not speakers.
_NOT_SPEAKERS = frozenset(
    {"note", "notes", "date", "time", "location", "transcript", "duration", "re", "subject",
     "place", "setting", "title", "interview", "participants", "present", "recording", "e.g", "i.e",
     "meeting", "start", "end", "started", "ended", "recorded", "page"}
)


def is_interviewer_label(label: str, interviewer: str | None = None) -> bool:
    """True when ``label`` names the interviewer (or the given interviewer name)."""
    norm = label.strip().lower()
    if interviewer and norm == interviewer.strip().lower():
        return True
    return norm in INTERVIEWER_LABELS


def looks_like_name(label: str) -> bool:
    """Capitalised words ("Dr Smith", "P3", "Caroline"), not a phrase."""
    words = label.split()
    return len(words) <= 3 and all(w[0].isupper() or w[0].isdigit() for w in words)


def find_turns(text: str, interviewer: str | None = None) -> list[Turn]:
    """Split ``text`` into speaker turns.

    A turn runs from its label (or the time stamp before it) to the start of
    the next label, trailing blank lines excluded.  Text before the first
    label is not a turn.  Labels that differ only in case are one speaker,
    shown with the spelling used most.
    """
    found = []
    for m in _LABEL.finditer(text):
        label = (m.group("label") or m.group("label3")).strip()
        if label.lower() not in _NOT_SPEAKERS:
            found.append((m, label))
    if not found:
        return []
    counts = Counter(label.lower() for _, label in found)
    spellings: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for _, label in found:
        spellings[label.lower()][label] += 1
    accepted = {
        key for key, n in counts.items()
        if n > 1 or is_interviewer_label(key, interviewer) or looks_like_name(spellings[key].most_common(1)[0][0])
    }
    matches = [(m, label) for m, label in found if label.lower() in accepted]
    # Prose with stray colons: a real set of speakers has a label that
    # recurs, a known interviewer label, or time stamps beside the labels.
    timed = any(m.group("ts") or m.group("ts2") or m.group("ts3") for m, _ in matches)
    if len(matches) > 1 and not timed and not any(counts[k] > 1 for k in accepted) and not any(
        is_interviewer_label(k, interviewer) for k in accepted
    ):
        return []
    shown = {key: spelled.most_common(1)[0][0] for key, spelled in spellings.items()}
    turns: list[Turn] = []
    for i, (m, label) in enumerate(matches):
        ts_group = next((g for g in ("ts", "ts2", "ts3") if m.group(g)), None)
        start = m.start("pre") if m.group("ts") else m.start("label" if m.group("label") else "label3")
        end = matches[i + 1][0].start() if i + 1 < len(matches) else len(text)
        while end > start and text[end - 1] in "\n\r \t":
            end -= 1
        speaker = shown[label.lower()]
        timestamp = m.group(ts_group) if ts_group else None
        turns.append(Turn(start, end, speaker, is_interviewer_label(speaker, interviewer), timestamp))
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


def guess_interviewer(turns: list[Turn], text: str) -> str | None:
    """The speaker who asks the questions, when no label says "interviewer".

    Meeting recordings label people by name, so nobody is marked as the
    interviewer.  In an interview one person asks most of the questions and
    talks less; we name that person only when the pattern is clear, and the
    caller tells the researcher so it can be corrected.
    """
    if not turns or any(t.is_interviewer for t in turns):
        return None
    asked: Counter[str] = Counter()
    spoke: Counter[str] = Counter()
    volume: Counter[str] = Counter()
    for t in turns:
        spoke[t.speaker] += 1
        volume[t.speaker] += t.end - t.start
        if "?" in text[t.start:t.end]:
            asked[t.speaker] += 1
    if len(spoke) < 2:
        return None
    ratio = {s: asked[s] / spoke[s] for s in spoke}
    ranked = sorted(ratio, key=ratio.__getitem__, reverse=True)
    top, runner_up = ranked[0], ranked[1]
    talks_most = volume.most_common(1)[0][0]
    if asked[top] >= 2 and ratio[top] >= 0.5 and ratio[top] >= 2 * ratio[runner_up] and top != talks_most:
        return top
    return None


def mark_interviewer(turns: list[Turn], speaker: str) -> list[Turn]:
    """The same turns with ``speaker``'s turns marked as the interviewer's."""
    return [replace(t, is_interviewer=True) if t.speaker == speaker else t for t in turns]
