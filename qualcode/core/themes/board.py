"""The theme board: a suggestion the researcher edits before accepting it.

A :class:`ThemeBoard` holds the cards (the items grouped: emergent themes,
quotes or answers, each with its participant), the superordinate themes
(the board's columns) and their sub-themes, and the edits the researcher
makes — move, split, merge, rename, reject, new theme.  Listeners hear of
every edit (the GUI's Qt adapter turns that into a signal).  Nothing touches
the project: :meth:`ThemeBoard.accept_data` is the edited suggestion, in the
shape :class:`qualcode.core.themes.accept.AcceptSuggestion` applies.

Cards are known by a ``uid``: an emergent theme's wording can repeat across
participants, so the item ``id`` is not unique on the board.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from qualcode.core.themes.cards import (
    TEMPLATE,
    Card,
    Group,
    SubTheme,
    Theme,
    Unclustered,
    cluster_fields,
)
from qualcode.core.themes.clustered import Clustered
from qualcode.core.themes.recurrence import DEFAULT_THRESHOLD, Presence, RecurrenceTable, recurrence_table

EditKind = Literal["moved", "renamed", "rejected", "split", "merged", "sub-theme moved", "new theme",
                   "new sub-theme"]


@dataclass(frozen=True)
class BoardEdit:
    """What the researcher just changed on the board; listeners redraw from the board itself."""

    kind: EditKind
    keys: tuple[str, ...] = ()


BoardListener = Callable[[BoardEdit], None]


class ThemeBoard:
    """Superordinate themes, their sub-themes and cards, edited by the researcher."""

    def __init__(self, suggestion: dict[str, Any], vectors: dict[Hashable, np.ndarray] | None = None) -> None:
        self._data = copy.deepcopy(suggestion)  # the suggestion's other fields (backend, scope …)
        self.vectors = vectors or {}
        self._listeners: list[BoardListener] = []
        self._groups: list[Group] = []
        self._cards: dict[int, Card] = {}
        self._where: dict[int, Group] = {}
        self._new = 0
        clusters: list[dict[str, Any]] = self._data["clusters"]
        themes = {c["key"]: Theme(c["key"], c["label"], [], c.get("tightness", 0.0), bool(c.get("rejected")),
                                  cluster_fields(c))
                  for c in clusters if not c.get("parent_key") and not c.get("unclustered")}
        sources: list[tuple[Group, dict[str, Any]]] = []
        for c in clusters:
            group: Group
            if c.get("unclustered"):
                group = Unclustered(c["key"], c["label"], [], c.get("tightness", 0.0), bool(c.get("rejected")),
                                    cluster_fields(c))
            elif c.get("parent_key"):
                group = SubTheme(c["key"], c["label"], [], c.get("tightness", 0.0), bool(c.get("rejected")),
                                 cluster_fields(c), theme=themes[c["parent_key"]])
            else:
                group = themes[c["key"]]
            sources.append((group, c))
        for theme in themes.values():
            if not any(isinstance(g, SubTheme) and g.theme is theme for g, _c in sources):
                # A theme the clustering left without sub-themes: one sub-theme holds its items.
                sub = SubTheme(f"{theme.key}.1", theme.label, [], theme.tightness, theme.rejected,
                               copy.deepcopy(theme.extra), theme=theme)
                sources.append((sub, next(c for g, c in sources if g is theme)))
        for group, c in sources:
            self._groups.append(group)
            if not isinstance(group, Theme):  # cards numbered in the suggestion's order
                for item in c["items"]:
                    card = Card(len(self._cards), item)
                    self._cards[card.uid] = card
                    group.cards.append(card)
                    self._where[card.uid] = group
        self._data["clusters"] = []  # the board holds them now; accept_data writes them back
        self._sync()

    # -- listening -------------------------------------------------------------------
    def subscribe(self, listener: BoardListener) -> Callable[[], None]:
        """Call ``listener`` after every edit; returns a function that stops it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _announce(self, kind: EditKind, *keys: str) -> None:
        edit = BoardEdit(kind, keys)
        for listener in list(self._listeners):
            listener(edit)

    # -- reading ---------------------------------------------------------------------
    @property
    def mode(self) -> Clustered:
        return Clustered(self._data.get("mode", Clustered.EMERGENT.value))

    @property
    def scope(self) -> dict[str, Any]:
        return dict(self._data.get("scope") or {})

    @property
    def backend(self) -> str:
        return str(self._data.get("backend", "?"))

    @property
    def cross_case(self) -> bool:
        """Across participants (PETs into GETs, or emergent themes of all): the case for a recurrence table."""
        if self.mode == Clustered.PERSONAL_THEMES:
            return True
        return self.mode == Clustered.EMERGENT and not self.scope.get("participant")

    @property
    def case(self) -> str | None:
        """The one participant whose material the board groups (IPA's personal level), else None."""
        if self.mode in (Clustered.STATEMENTS, Clustered.EMERGENT):
            return self.scope.get("participant") or None
        return None

    def cluster(self, key: str) -> Group:
        for group in self._groups:
            if group.key == key:
                return group
        raise KeyError(key)

    def themes(self) -> list[Theme]:
        return [g for g in self._groups if isinstance(g, Theme)]

    def subthemes(self, theme_key: str) -> list[SubTheme]:
        return [g for g in self._groups if isinstance(g, SubTheme) and g.theme.key == theme_key]

    def all_subthemes(self) -> list[SubTheme]:
        return [g for g in self._groups if isinstance(g, SubTheme)]

    def unclustered(self) -> Unclustered | None:
        return next((g for g in self._groups if isinstance(g, Unclustered)), None)

    def cards(self) -> list[int]:
        return list(self._cards)

    def item(self, uid: int) -> Card:
        return self._cards[uid]

    def group_of(self, uid: int) -> Group:
        """The sub-theme (or the unclustered group) a card is in."""
        return self._where[uid]

    def is_rejected(self, group: Group) -> bool:
        """Rejected itself, or under a rejected theme (either way skipped on accept)."""
        return group.rejected or (isinstance(group, SubTheme) and group.theme.rejected)

    def participants(self) -> list[str]:
        return sorted({c.participant for c in self._cards.values() if c.participant})

    def neighbours(self, uid: int, n: int = 3) -> list[tuple[Card, float]]:
        """The nearest cards in the card's current group, by cosine (``[]`` without vectors)."""
        mine = self.vectors.get(self._cards[uid].id)
        if mine is None:
            return []
        others = [c for c in self.group_of(uid).cards if c.uid != uid and c.id in self.vectors]
        scored = [(o, _cosine(mine, self.vectors[o.id])) for o in others]
        return sorted(scored, key=lambda pair: -pair[1])[:n]

    def recurrence(self, threshold: float = DEFAULT_THRESHOLD) -> RecurrenceTable:
        """Participants × themes and sub-themes, recomputed from the board as it stands (it follows every move)."""
        def presence(g: Group) -> Presence:
            return Presence(g.key, g.label, frozenset(c.participant for c in g.cards if c.participant), g.rejected)

        themes = [(presence(t), [presence(s) for s in self.subthemes(t.key)]) for t in self.themes()]
        return recurrence_table(themes, self.participants(), threshold)

    def accept_data(self) -> dict[str, Any]:
        """The edited suggestion for :class:`AcceptSuggestion` (rejections marked)."""
        out = copy.deepcopy(self._data)
        # Themes and sub-themes left empty by the edits are not created at all.
        live = {s.theme.key for s in self.all_subthemes() if s.cards and not self.is_rejected(s)}
        out["clusters"] = [g.to_json(self.is_rejected(g)) for g in self._groups
                           if isinstance(g, Unclustered) or (g.cards and (isinstance(g, SubTheme) or g.key in live))]
        if self.mode == Clustered.EMERGENT or self.cross_case:
            out["recurrence"] = self.recurrence().to_json()
        return out

    # -- editing ---------------------------------------------------------------------
    def move_items(self, uids: Iterable[int], target_key: str) -> None:
        """Move cards to another sub-theme (or to the unclustered group)."""
        target = self._card_group(target_key)
        self._move([self._cards[u] for u in uids if u in self._cards], target)
        self._sync()
        self._announce("moved", target_key)

    def rename(self, key: str, label: str) -> str | None:
        """Rename a theme or sub-theme; returns why not (labels must be unique) or None."""
        label = label.strip()
        group = self.cluster(key)
        if not label:
            return "a theme needs a name"
        if label == group.label:
            return None
        if any(g.label == label for g in self._groups if g is not group and not isinstance(g, Unclustered)):
            return f"there is already a theme called ‘{label}’"
        group.label = label  # its sub-themes name it through their theme
        self._announce("renamed", key)
        return None

    def set_rejected(self, key: str, rejected: bool) -> None:
        group = self.cluster(key)
        group.rejected = bool(rejected)
        group.extra["rejected"] = group.rejected  # a restored group says so in the file ("rejected": false)
        self._announce("rejected", key)

    def split(self, key: str, uids: Iterable[int], label: str | None = None) -> str:
        """The chosen cards of a sub-theme become a new sub-theme of the same theme; returns its key."""
        source = self.cluster(key)
        if not isinstance(source, SubTheme):
            raise ValueError("split a sub-theme, not a superordinate theme")
        new = self._new_subtheme(source.theme, label or f"{source.label} (split)")
        self._move([self._cards[u] for u in uids if u in self._cards], new)
        self._sync()
        self._announce("split", key, new.key)
        return new.key

    def merge(self, key: str, into_key: str) -> None:
        """All cards of one sub-theme join another; the first disappears."""
        if key == into_key:
            return
        source, target = self._card_group(key), self._card_group(into_key)
        self._move(list(source.cards), target)
        self._groups.remove(source)
        self._sync()
        self._announce("merged", key, into_key)

    def move_subtheme(self, key: str, theme_key: str) -> None:
        """Put a sub-theme under another superordinate theme."""
        sub, theme = self.cluster(key), self.cluster(theme_key)
        if not isinstance(sub, SubTheme) or not isinstance(theme, Theme):
            raise ValueError("move a sub-theme under a superordinate theme")
        sub.theme = theme
        self._sync()
        self._announce("sub-theme moved", key, theme_key)

    def new_theme(self, label: str = "New theme") -> str:
        """An empty superordinate theme; returns its key."""
        self._new += 1
        theme = Theme(f"N{self._new}", self._unique(label), extra=dict(TEMPLATE))
        self._groups.append(theme)
        self._announce("new theme", theme.key)
        return theme.key

    def add_subtheme(self, theme_key: str, label: str = "New sub-theme") -> str:
        """An empty sub-theme to drag cards into; returns its key."""
        theme = self.cluster(theme_key)
        if not isinstance(theme, Theme):
            raise ValueError("a sub-theme goes under a superordinate theme")
        sub = self._new_subtheme(theme, label)
        self._announce("new sub-theme", sub.key)
        return sub.key

    # -- helpers ---------------------------------------------------------------------
    def _card_group(self, key: str) -> Group:
        group = self.cluster(key)
        if isinstance(group, Theme):
            raise ValueError("cards go into a sub-theme (or Unclustered), not a superordinate theme")
        return group

    def _move(self, cards: list[Card], target: Group) -> None:
        for card in cards:
            source = self._where[card.uid]
            if source is target:
                continue
            source.cards.remove(card)
            target.cards.append(card)
            self._where[card.uid] = target

    def _new_subtheme(self, theme: Theme, label: str) -> SubTheme:
        self._new += 1
        sub = SubTheme(f"{theme.key}.n{self._new}", self._unique(label), extra=dict(TEMPLATE), theme=theme)
        last = max(i for i, g in enumerate(self._groups)
                   if g is theme or (isinstance(g, SubTheme) and g.theme is theme))
        self._groups.insert(last + 1, sub)
        return sub

    def _unique(self, label: str) -> str:
        taken = {g.label for g in self._groups}
        name, n = label, 2
        while name in taken:
            name, n = f"{label} {n}", n + 1
        return name

    def _sync(self) -> None:
        """A theme's cards are its sub-themes' cards; tightness follows the cards when vectors are known."""
        for theme in self.themes():
            theme.cards = [c for s in self.subthemes(theme.key) for c in s.cards]
        for group in self._groups:
            if isinstance(group, Unclustered):
                continue
            t = self._tightness(group.cards)
            if t is not None:
                group.tightness = round(t, 4)

    def _tightness(self, cards: list[Card]) -> float | None:
        rows = [self.vectors[c.id] for c in cards if c.id in self.vectors]
        if not self.vectors or not rows:
            return None
        m = _normalise(np.vstack(rows))
        centre = m.mean(axis=0)
        norm = np.linalg.norm(centre)
        if norm == 0:
            return 0.0
        return float((m @ (centre / norm)).mean())


def _normalise(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return m / norms


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    return float(a @ b / (na * nb)) if na and nb else 0.0


def map_points(board: ThemeBoard) -> dict[int, tuple[float, float]]:
    """2-D positions of the cards (the first two principal components of their vectors)."""
    uids = [u for u in board.cards() if board.item(u).id in board.vectors]
    if len(uids) < 2:
        return {}
    m = _normalise(np.vstack([board.vectors[board.item(u).id] for u in uids]).astype(float))
    m = m - m.mean(axis=0)
    u, s, _vt = np.linalg.svd(m, full_matrices=False)
    xy = u[:, :2] * s[:2] if u.shape[1] >= 2 else np.column_stack([u[:, 0] * s[0], np.zeros(len(uids))])
    return {uid: (float(x), float(y)) for uid, (x, y) in zip(uids, xy)}
