"""The result of suggested themes: themes, their sub-themes, and why each item sits where it does.

Plain data the CLI prints as JSON and the GUI shows on the theme board; every
number a researcher may want to quote (tightness, cosine to the centroid,
nearest neighbours) travels with the group, so nothing is recomputed to explain it.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from qualcode.analysis.clustering.settings import ClusterSettings

UNCLUSTERED = "Unclustered"


@dataclass
class Neighbour:
    """Another item of the same group, and how close it is (cosine)."""

    id: Hashable
    cosine: float


@dataclass
class ClusterItem:
    """An item as placed in a group, with the reasons it is there."""

    id: Hashable
    text: str
    cosine_to_centroid: float
    neighbours: list[Neighbour] = field(default_factory=list)


@dataclass
class Cluster:
    """A suggested theme. ``parent_key`` is None for superordinate themes.

    Attributes:
        key: Stable within one result: ``"T1"`` for themes, ``"T1.2"`` for sub-themes.
        tightness: Mean cosine of members to their centroid (1 = identical).
        typical: Ids of the items closest to the centroid, most typical first.
        unclustered: The HDBSCAN leftovers: not a theme at all.
    """

    key: str
    label: str
    parent_key: str | None
    items: list[ClusterItem]
    tightness: float
    typical: list[Hashable]
    unclustered: bool = False


@dataclass
class ThemeSuggestion:
    """The result: superordinate themes first, each followed by its sub-themes."""

    backend: str
    clusters: list[Cluster]
    settings: ClusterSettings
    silhouette_sub: float | None = None
    silhouette_super: float | None = None

    def themes(self) -> list[Cluster]:
        """Superordinate themes (and the unclustered group, if any)."""
        return [c for c in self.clusters if c.parent_key is None]

    def sub_themes(self, parent_key: str | None = None) -> list[Cluster]:
        """Sub-themes, all or those under one theme."""
        return [
            c for c in self.clusters
            if c.parent_key is not None and (parent_key is None or c.parent_key == parent_key)
        ]

    def sub_theme_of(self) -> dict[Hashable, str]:
        """Item id → sub-theme key (the unclustered group's key for leftovers)."""
        out: dict[Hashable, str] = {}
        for c in self.clusters:
            if c.parent_key is not None or c.unclustered:
                out.update({i.id: c.key for i in c.items})
        return out

    def to_json(self) -> dict[str, Any]:
        """The shape the CLI prints; ``parent`` is the parent's label (null for themes)."""
        labels = {c.key: c.label for c in self.clusters}
        return {
            "backend": self.backend,
            "silhouette": {"sub_themes": self.silhouette_sub, "themes": self.silhouette_super},
            "clusters": [
                {
                    "key": c.key,
                    "label": c.label,
                    "parent": labels[c.parent_key] if c.parent_key else None,
                    "parent_key": c.parent_key,
                    "unclustered": c.unclustered,
                    "tightness": round(c.tightness, 4),
                    "typical": list(c.typical),
                    "items": [
                        {
                            "id": i.id,
                            "text": i.text,
                            "cosine_to_centroid": round(i.cosine_to_centroid, 4),
                            "neighbours": [
                                {"id": n.id, "cosine": round(n.cosine, 4)} for n in i.neighbours
                            ],
                        }
                        for i in c.items
                    ],
                }
                for c in self.clusters
            ],
        }
