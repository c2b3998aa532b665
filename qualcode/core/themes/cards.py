"""What the theme board holds: cards, and the sub-themes, themes and unclustered group they sit in.

The types are plain and typed; they also read like the suggestion file's
entries (``card["id"]``, ``group["items"]``), so scripts and tests written
against ``qualcode suggest``'s JSON read the board the same way.  The board
(:mod:`qualcode.core.themes.board`) does every edit; these only hold state.
"""

from __future__ import annotations

import copy
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

UNCLUSTERED = "Unclustered"


class ReadsLikeJson:
    """Read access by the suggestion file's field names too (``card["id"]``, ``group["items"]``).

    Scripts and tests written against ``qualcode suggest``'s JSON read the board the same way.
    """

    def _field(self, name: str) -> Any:
        raise KeyError(name)

    def __getitem__(self, name: str) -> Any:
        return self._field(name)

    def get(self, name: str, default: Any = None) -> Any:
        try:
            return self._field(name)
        except KeyError:
            return default


@dataclass(eq=False)
class Card(ReadsLikeJson):
    """One item being grouped, as the suggestion listed it (its other fields travel unchanged)."""

    uid: int
    entry: dict[str, Any]

    @property
    def id(self) -> Hashable:
        """The emergent theme's name, the segment's id or the respondent: what accept finds it by."""
        return self.entry["id"]

    @property
    def participant(self) -> str | None:
        return self.entry.get("participant")

    @property
    def text(self) -> str:
        return str(self.entry.get("text", ""))

    @property
    def citation(self) -> str:
        return str(self.entry.get("citation") or "")

    def _field(self, name: str) -> Any:
        return self.entry[name]


@dataclass(eq=False)
class Group(ReadsLikeJson):
    """A superordinate theme, a sub-theme or the unclustered items."""

    key: str
    label: str
    cards: list[Card] = field(default_factory=list)
    tightness: float = 0.0
    rejected: bool = False  # by the researcher, on this group itself
    extra: dict[str, Any] = field(default_factory=dict)  # the suggestion's other fields (typical …)

    @property
    def parent(self) -> str | None:
        return None

    @property
    def parent_key(self) -> str | None:
        return None

    @property
    def unclustered(self) -> bool:
        return False

    def _field(self, name: str) -> Any:
        if name == "items":
            return self.cards
        if name in ("key", "label", "tightness", "rejected", "parent", "parent_key", "unclustered"):
            return getattr(self, name)
        return self.extra[name]

    def to_json(self, rejected: bool) -> dict[str, Any]:
        out = copy.deepcopy(self.extra)
        out.update(key=self.key, label=self.label, parent=self.parent, parent_key=self.parent_key,
                   unclustered=self.unclustered, tightness=self.tightness)
        out["items"] = [copy.deepcopy(c.entry) for c in self.cards]
        if rejected:
            out["rejected"] = True
        elif "rejected" in out:
            out["rejected"] = False
        return out


class Theme(Group):
    """A superordinate (group) theme: a column; its cards are its sub-themes' cards."""


@dataclass(eq=False)
class SubTheme(Group):
    """A sub-theme: a box of cards under one superordinate theme."""

    theme: Theme = field(kw_only=True)

    @property
    def parent(self) -> str | None:
        return self.theme.label  # accept finds a sub-theme's theme by its label

    @property
    def parent_key(self) -> str | None:
        return self.theme.key


class Unclustered(Group):
    """Items close to no group; they stay out of the project unless dragged into a sub-theme."""

    @property
    def unclustered(self) -> bool:
        return True


#: The fields of a theme or sub-theme the researcher adds on the board.
TEMPLATE: dict[str, Any] = {"key": "", "label": "", "parent": None, "parent_key": None, "unclustered": False,
                             "tightness": 0.0, "typical": [], "items": []}


def cluster_fields(cluster: dict[str, Any]) -> dict[str, Any]:
    """A cluster's fields as the file had them, without its items (the board holds those as cards)."""
    return {k: v for k, v in cluster.items() if k != "items"} | {"items": []}
