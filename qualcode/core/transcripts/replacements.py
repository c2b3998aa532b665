"""Replacing names in a text and moving every offset that points into it.

Pseudonymisation swaps real names for replacements of another length, so
every position after a replacement moves.  This module is pure: it finds the
occurrences of a set of names, rewrites the text, and maps old positions to
new ones, so the project's segments, turns and fixed line starts can follow
the text exactly.

A position strictly inside a replaced name has no counterpart in the new
text; it snaps to the replacement's edge.  Which edge depends on what the
position is: the start of a span snaps to the replacement's start and the end
of a span to its end, so a coded quote that cut a name in two now holds the
whole replacement.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

Side = Literal["start", "end"]

# Between the words of a name: spaces, or one line break (a name wrapped onto
# the next line) but not a blank line (a new paragraph).
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"


def normalise_name(name: str) -> str:
    """A name as the mapping knows it: runs of whitespace become one space."""
    return " ".join(name.split())


def _trie_pattern(names: Iterable[str]) -> str:
    """A regex alternation of ``names`` merged into a trie.

    A plain ``a|b|c`` of hundreds of names tries every name at every
    position of a million-word project; a trie tries only the names that
    begin with the character at hand.  A space inside a name matches any run
    of spaces or a single line break, so a name wrapped onto the next line
    is still found.  Longer names are preferred (greedy optional tails), so
    "Helen Smith" wins over "Helen".
    """
    trie: dict = {}
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends_here = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            atom = _GAP if ch == " " else re.escape(ch)
            branches.append(atom + build(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends_here:
            return "(?:" + body + ")?" if len(branches) == 1 else body + "?"
        return body

    return build(trie)


class NameMatcher:
    """Finds whole-word, case-sensitive occurrences of a set of names."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = sorted({normalise_name(n) for n in names if normalise_name(n)})
        self._regex = (re.compile(r"(?<!\w)" + _trie_pattern(self.names) + r"(?!\w)")
                       if self.names else None)

    def finditer(self, text: str, protected: Sequence[tuple[int, int]] = ()) -> Iterable[tuple[int, int, str]]:
        """``(start, end, name)`` of each occurrence outside the ``protected`` spans."""
        if self._regex is None:
            return
        starts = [a for a, _ in protected]
        for m in self._regex.finditer(text):
            i = bisect_right(starts, m.start()) - 1
            if i >= 0 and m.start() < protected[i][1]:
                continue  # e.g. a speaker label the researcher did not ask to replace
            yield m.start(), m.end(), normalise_name(m.group())


@dataclass(frozen=True)
class Replacement:
    """``text[start:end]`` of the old text becomes ``new``."""

    start: int
    end: int
    new: str


def find_replacements(text: str, matcher: NameMatcher, mapping: Mapping[str, str],
                      protected: Sequence[tuple[int, int]] = ()) -> list[Replacement]:
    """Every occurrence of a mapped name in ``text``, in order."""
    return [Replacement(a, b, mapping[name]) for a, b, name in matcher.finditer(text, protected)
            if name in mapping]


def apply_replacements(text: str, replacements: Sequence[Replacement]) -> str:
    """The text with each replacement made (replacements sorted, not overlapping)."""
    parts, pos = [], 0
    for r in replacements:
        parts.append(text[pos:r.start])
        parts.append(r.new)
        pos = r.end
    parts.append(text[pos:])
    return "".join(parts)


class ShiftMap:
    """Where each position of the old text lands in the new one."""

    def __init__(self, replacements: Sequence[Replacement]) -> None:
        self._replacements = list(replacements)
        self._old_starts = [r.start for r in replacements]
        self._old_ends = [r.end for r in replacements]
        self._new_starts: list[int] = []
        self._new_ends: list[int] = []
        self._delta_after: list[int] = []
        delta = 0
        for r in replacements:
            if self._new_starts and r.start < self._old_ends[len(self._new_starts) - 1]:
                raise ValueError("replacements overlap")
            self._new_starts.append(r.start + delta)
            delta += len(r.new) - (r.end - r.start)
            self._new_ends.append(r.end + delta)
            self._delta_after.append(delta)

    def position(self, offset: int, side: Side = "start") -> int:
        """The new position of ``offset``; inside a replaced name it snaps to ``side``."""
        i = bisect_right(self._old_starts, offset) - 1
        if i < 0:
            return offset
        if offset >= self._old_ends[i]:
            return offset + self._delta_after[i]
        if offset == self._old_starts[i] or side == "start":
            return self._new_starts[i]
        return self._new_ends[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A span's new bounds: a cut name is taken in whole."""
        return self.position(start, "start"), self.position(end, "end")

    def line_starts(self, starts: Sequence[int]) -> list[int]:
        """Fixed line starts moved with the text: the same lines, never rewrapped.

        A line may begin inside a name broken across two lines ("Kelbridge
        / Community Trust").  Its replacement then breaks too, at a space
        where it has one ("[Organisation / 1]"), so the replacement starts
        on the line where the name started and ends on the line where it
        ended, and no quote's line numbers change.
        """
        out: list[int] = []
        for s in starts:
            new = self._split_inside(s) if s else 0
            if out and new <= out[-1]:
                new = out[-1] + 1  # two breaks inside one short replacement
            out.append(new)
        return out

    def _split_inside(self, offset: int) -> int:
        i = bisect_right(self._old_starts, offset) - 1
        if i < 0 or offset >= self._old_ends[i] or offset == self._old_starts[i]:
            return self.position(offset)
        new = self._replacements[i].new
        if len(new) < 2:
            return self._new_ends[i]
        target = round((offset - self._old_starts[i]) / (self._old_ends[i] - self._old_starts[i]) * len(new))
        after_spaces = [j + 1 for j, ch in enumerate(new[:-1]) if ch == " "]
        k = min(after_spaces, key=lambda j: abs(j - target)) if after_spaces else min(max(target, 1), len(new) - 1)
        return self._new_starts[i] + k
