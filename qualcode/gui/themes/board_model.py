"""The edited suggestion behind the theme board.

The model holds a copy of the suggestion dict (the shape
:func:`qualcode.core.themes.suggestions.suggest_themes` returns) and every edit the
researcher makes on the board is an edit of that dict, exactly as
:class:`qualcode.core.themes.accept.AcceptSuggestion` expects.  Nothing
touches the project until :meth:`ThemeBoardModel.accept_data` is accepted.

Cards are known by a private ``uid``: an emergent theme's wording can repeat
across participants, so the item ``id`` is not unique on the board.
"""

from __future__ import annotations

import copy
from collections.abc import Hashable, Iterable

import numpy as np
from PySide6.QtCore import QObject, Signal

UNCLUSTERED = "Unclustered"


class ThemeBoardModel(QObject):
    """Superordinate themes, their sub-themes and cards; emits ``changed`` after every edit."""

    changed = Signal()

    def __init__(self, data: dict, vectors: dict[Hashable, np.ndarray] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data = copy.deepcopy(data)
        self.vectors = vectors or {}
        self._clusters: list[dict] = self.data["clusters"]
        self._items: dict[int, dict] = {}
        self._new = 0
        uid = 0
        for theme in [c for c in self._clusters if not c.get("parent_key") and not c.get("unclustered")]:
            if not self.subthemes(theme["key"]):
                # A theme the clustering left without sub-themes: one sub-theme holds its items.
                self._clusters.append({**copy.deepcopy(theme), "key": f"{theme['key']}.1",
                                       "parent": theme["label"], "parent_key": theme["key"]})
        for c in self._clusters:
            if c.get("parent_key") or c.get("unclustered"):
                for item in c["items"]:
                    item["_uid"] = uid
                    self._items[uid] = item
                    uid += 1
        self._sync_themes()

    # -- reading ---------------------------------------------------------------------
    @property
    def mode(self) -> str:
        return self.data.get("mode", "emergent")

    @property
    def cross_case(self) -> bool:
        """Emergent themes across participants: the case for a recurrence table."""
        return self.mode == "emergent" and not (self.data.get("scope") or {}).get("participant")

    def cluster(self, key: str) -> dict:
        return next(c for c in self._clusters if c["key"] == key)

    def themes(self) -> list[dict]:
        return [c for c in self._clusters if not c.get("parent_key") and not c.get("unclustered")]

    def subthemes(self, theme_key: str) -> list[dict]:
        return [c for c in self._clusters if c.get("parent_key") == theme_key]

    def all_subthemes(self) -> list[dict]:
        return [c for c in self._clusters if c.get("parent_key")]

    def unclustered(self) -> dict | None:
        return next((c for c in self._clusters if c.get("unclustered")), None)

    def cards(self) -> list[int]:
        return list(self._items)

    def item(self, uid: int) -> dict:
        return self._items[uid]

    def group_of(self, uid: int) -> dict:
        return next(c for c in self._clusters
                    if (c.get("parent_key") or c.get("unclustered")) and any(i["_uid"] == uid for i in c["items"]))

    def is_rejected(self, cluster: dict) -> bool:
        """Rejected itself, or under a rejected theme (either way skipped on accept)."""
        if cluster.get("rejected"):
            return True
        return bool(cluster.get("parent_key")) and bool(self.cluster(cluster["parent_key"]).get("rejected"))

    def participants(self) -> list[str]:
        return sorted({i["participant"] for i in self._items.values() if i.get("participant")})

    def neighbours(self, uid: int, n: int = 3) -> list[tuple[dict, float]]:
        """The nearest cards in the card's current group, by cosine (``[]`` without vectors)."""
        item = self._items[uid]
        mine = self.vectors.get(item["id"])
        if mine is None:
            return []
        others = [i for i in self.group_of(uid)["items"] if i["_uid"] != uid and i["id"] in self.vectors]
        scored = [(o, _cosine(mine, self.vectors[o["id"]])) for o in others]
        return sorted(scored, key=lambda pair: -pair[1])[:n]

    def recurrence(self, threshold: float = 0.5) -> dict:
        """Participants × themes and sub-themes: who is present, and who falls below the threshold.

        Recomputed from the board as it stands, so it follows every move.
        """
        everyone = self.participants()
        rows = []
        for theme in self.themes():
            subs = self.subthemes(theme["key"])
            who_theme: set[str] = set()
            sub_rows = []
            for sub in subs:
                who = {i["participant"] for i in sub["items"] if i.get("participant")}
                if not self.is_rejected(sub):  # a rejected sub-theme's cards leave with it
                    who_theme |= who
                sub_rows.append(_row(sub, who, everyone, threshold, self.is_rejected(sub)))
            rows.append(_row(theme, who_theme, everyone, threshold, self.is_rejected(theme)))
            rows += sub_rows
        return {"participants": everyone, "threshold": threshold, "themes": rows}

    def accept_data(self) -> dict:
        """The edited suggestion for :class:`AcceptSuggestion` (rejections marked, private ids gone)."""
        out = copy.deepcopy(self.data)
        # Themes and sub-themes left empty by the edits are not created at all.
        live = {c["parent_key"] for c in self.all_subthemes() if c["items"] and not self.is_rejected(c)}
        out["clusters"] = [c for c in out["clusters"] if c.get("unclustered")
                           or (c["items"] and (c.get("parent_key") or c["key"] in live))]
        for c in out["clusters"]:
            if self.is_rejected(self.cluster(c["key"])):
                c["rejected"] = True
            for item in c["items"]:
                item.pop("_uid", None)
        if self.mode == "emergent":
            out["recurrence"] = {k: v for k, v in self.recurrence().items()}
        return out

    # -- editing ---------------------------------------------------------------------
    def move_items(self, uids: Iterable[int], target_key: str) -> None:
        """Move cards to another sub-theme (or to the unclustered group)."""
        target = self.cluster(target_key)
        moving = [self._items[u] for u in uids if u in self._items]
        for item in moving:
            source = self.group_of(item["_uid"])
            if source is target:
                continue
            source["items"].remove(item)
            target["items"].append(item)
        self._sync_themes()
        self.changed.emit()

    def rename(self, key: str, label: str) -> str | None:
        """Rename a theme or sub-theme; returns why not (labels must be unique) or None."""
        label = label.strip()
        cluster = self.cluster(key)
        if not label:
            return "a theme needs a name"
        if label == cluster["label"]:
            return None
        if any(c["label"] == label for c in self._clusters if c is not cluster and not c.get("unclustered")):
            return f"there is already a theme called ‘{label}’"
        cluster["label"] = label
        for c in self._clusters:
            if c.get("parent_key") == key:
                c["parent"] = label  # AcceptSuggestion finds a sub-theme's theme by its label
        self.changed.emit()
        return None

    def set_rejected(self, key: str, rejected: bool) -> None:
        self.cluster(key)["rejected"] = bool(rejected)
        self.changed.emit()

    def split(self, key: str, uids: Iterable[int], label: str | None = None) -> str:
        """The chosen cards of a sub-theme become a new sub-theme of the same theme; returns its key."""
        source = self.cluster(key)
        theme_key = source.get("parent_key")
        if theme_key is None:
            raise ValueError("split a sub-theme, not a superordinate theme")
        new = self._new_subtheme(theme_key, label or f"{source['label']} (split)")
        self.move_items(list(uids), new["key"])
        return new["key"]

    def merge(self, key: str, into_key: str) -> None:
        """All cards of one sub-theme join another; the first disappears."""
        if key == into_key:
            return
        source = self.cluster(key)
        self.cluster(into_key)["items"].extend(source["items"])
        source["items"] = []
        self._clusters.remove(source)
        self._sync_themes()
        self.changed.emit()

    def move_subtheme(self, key: str, theme_key: str) -> None:
        """Put a sub-theme under another superordinate theme."""
        sub, theme = self.cluster(key), self.cluster(theme_key)
        sub["parent_key"], sub["parent"] = theme["key"], theme["label"]
        self._sync_themes()
        self.changed.emit()

    def new_theme(self, label: str = "New theme") -> str:
        """An empty superordinate theme; returns its key."""
        self._new += 1
        key = f"N{self._new}"
        self._clusters.append({"key": key, "label": self._unique(label), "parent": None, "parent_key": None,
                               "unclustered": False, "tightness": 0.0, "typical": [], "items": []})
        self.changed.emit()
        return key

    def add_subtheme(self, theme_key: str, label: str = "New sub-theme") -> str:
        """An empty sub-theme to drag cards into; returns its key."""
        sub = self._new_subtheme(theme_key, label)
        self.changed.emit()
        return sub["key"]

    # -- helpers ---------------------------------------------------------------------
    def _new_subtheme(self, theme_key: str, label: str) -> dict:
        self._new += 1
        theme = self.cluster(theme_key)
        sub = {"key": f"{theme_key}.n{self._new}", "label": self._unique(label), "parent": theme["label"],
               "parent_key": theme_key, "unclustered": False, "tightness": 0.0, "typical": [], "items": []}
        last = max(i for i, c in enumerate(self._clusters) if c["key"] == theme_key or c.get("parent_key") == theme_key)
        self._clusters.insert(last + 1, sub)
        return sub

    def _unique(self, label: str) -> str:
        taken = {c["label"] for c in self._clusters}
        name, n = label, 2
        while name in taken:
            name, n = f"{label} {n}", n + 1
        return name

    def _sync_themes(self) -> None:
        """A theme's cards are its sub-themes' cards; tightness follows the cards when vectors are known."""
        for theme in self.themes():
            theme["items"] = [i for s in self.subthemes(theme["key"]) for i in s["items"]]
        for c in self._clusters:
            if c.get("unclustered"):
                continue
            t = self._tightness(c["items"])
            if t is not None:
                c["tightness"] = round(t, 4)

    def _tightness(self, items: list[dict]) -> float | None:
        rows = [self.vectors[i["id"]] for i in items if i["id"] in self.vectors]
        if not self.vectors or not rows:
            return None
        m = _normalise(np.vstack(rows))
        centre = m.mean(axis=0)
        norm = np.linalg.norm(centre)
        if norm == 0:
            return 0.0
        return float((m @ (centre / norm)).mean())


def _row(cluster: dict, who: set[str], everyone: list[str], threshold: float, rejected: bool) -> dict:
    return {"key": cluster["key"], "theme": cluster["label"], "parent": cluster.get("parent"),
            "participants": sorted(who), "count": len(who), "rejected": rejected,
            "below_threshold": len(who) < threshold * len(everyone)}


def _normalise(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return m / norms


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    return float(a @ b / (na * nb)) if na and nb else 0.0


def map_points(model: ThemeBoardModel) -> dict[int, tuple[float, float]]:
    """2-D positions of the cards (the first two principal components of their vectors)."""
    uids = [u for u in model.cards() if model.item(u)["id"] in model.vectors]
    if len(uids) < 2:
        return {}
    m = _normalise(np.vstack([model.vectors[model.item(u)["id"]] for u in uids]).astype(float))
    m = m - m.mean(axis=0)
    u, s, _vt = np.linalg.svd(m, full_matrices=False)
    xy = u[:, :2] * s[:2] if u.shape[1] >= 2 else np.column_stack([u[:, 0] * s[0], np.zeros(len(uids))])
    return {uid: (float(x), float(y)) for uid, (x, y) in zip(uids, xy)}
