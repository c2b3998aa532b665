"""Recurrence of suggested themes across participants: the one rule the board and ``qualcode suggest`` share.

IPA's quality rule keeps a group theme only if it is present in at least
``threshold`` (by default half) of the participants.  A sub-theme is present
for the participants of its items; a superordinate theme for those of its
sub-themes — except sub-themes the researcher rejected, whose items leave
with them.  A theme with no sub-themes (as a hand-written file may have)
counts its own items.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

DEFAULT_THRESHOLD = 0.5


def falls_short(count: int, participants: int, threshold: float = DEFAULT_THRESHOLD) -> bool:
    """Present for fewer than ``threshold`` of ``participants`` (never with no participants at all)."""
    return count < threshold * participants


@dataclass(frozen=True)
class Presence:
    """A theme or sub-theme and the participants its items come from."""

    key: str | None
    label: str
    participants: frozenset[str]
    rejected: bool = False


@dataclass(frozen=True)
class RecurrenceRow:
    """One line of the table: a superordinate theme (``parent`` None) or one of its sub-themes."""

    key: str | None
    theme: str
    parent: str | None
    participants: tuple[str, ...]
    rejected: bool
    below_threshold: bool

    @property
    def count(self) -> int:
        return len(self.participants)


@dataclass(frozen=True)
class RecurrenceTable:
    """Participants × themes: who is present in each, and which themes fall short."""

    participants: tuple[str, ...]
    threshold: float
    rows: tuple[RecurrenceRow, ...]

    def flagged(self) -> list[str]:
        """Themes and sub-themes (not rejected) present for fewer than ``threshold`` of the participants."""
        return [r.theme for r in self.rows if r.below_threshold and not r.rejected]

    def row(self, key: str) -> RecurrenceRow:
        return next(r for r in self.rows if r.key == key)

    def to_json(self, board: bool = True) -> dict[str, Any]:
        """The JSON form; ``board=False`` is the shape ``qualcode suggest`` has always written (no keys, no rejections)."""
        rows = []
        for r in self.rows:
            row: dict[str, Any] = {"key": r.key} if board else {}
            row.update(theme=r.theme, parent=r.parent, participants=list(r.participants), count=r.count)
            if board:
                row["rejected"] = r.rejected
            row["below_threshold"] = r.below_threshold
            rows.append(row)
        return {"participants": list(self.participants), "threshold": self.threshold, "themes": rows}

    def __getitem__(self, name: str) -> Any:
        """Read like the JSON (``table["themes"]``), as scripts written against suggestion files do."""
        return self.to_json()[name]


def recurrence_table(themes: Iterable[tuple[Presence, Sequence[Presence]]], everyone: Iterable[str],
                     threshold: float = DEFAULT_THRESHOLD) -> RecurrenceTable:
    """The table for superordinate themes, each with its sub-themes, in the order given.

    A sub-theme under a rejected theme is rejected too; rejected rows stay in
    the table (greyed by the board) but count for nothing above them.
    """
    people = tuple(sorted(set(everyone)))
    rows: list[RecurrenceRow] = []

    def row(p: Presence, parent: str | None, who: Iterable[str], rejected: bool) -> RecurrenceRow:
        present = tuple(sorted(set(who)))
        return RecurrenceRow(p.key, p.label, parent, present, rejected, falls_short(len(present), len(people), threshold))

    for theme, subs in themes:
        if subs:
            who: set[str] = set()
            for sub in subs:
                if not (sub.rejected or theme.rejected):  # a rejected sub-theme's items leave with it
                    who |= sub.participants
        else:
            who = set(theme.participants)
        rows.append(row(theme, None, who, theme.rejected))
        rows += [row(sub, theme.label, sub.participants, sub.rejected or theme.rejected) for sub in subs]
    return RecurrenceTable(people, threshold, tuple(rows))


def suggestion_recurrence(data: dict[str, Any], threshold: float = DEFAULT_THRESHOLD) -> RecurrenceTable:
    """The table for a suggestion file's clusters, read from each item's ``participant``.

    Themes are the clusters without a parent; sub-themes name their parent by
    label, as ``qualcode suggest`` writes them and ``qualcode accept`` reads them.
    """
    clusters = [c for c in data["clusters"] if not c.get("unclustered")]

    def presence(c: dict[str, Any]) -> Presence:
        who = frozenset(i["participant"] for i in c.get("items", []) if i.get("participant"))
        return Presence(c.get("key"), c["label"], who, bool(c.get("rejected")))

    themes = [(presence(t), [presence(s) for s in clusters if s.get("parent") == t["label"]])
              for t in clusters if not t.get("parent")]
    everyone = {i["participant"] for c in data["clusters"] for i in c.get("items", []) if i.get("participant")}
    return recurrence_table(themes, everyone, threshold)
