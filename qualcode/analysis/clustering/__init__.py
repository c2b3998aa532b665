"""Suggested themes: group embedded items into sub-themes and superordinate themes.

Pure and deterministic: the same vectors and settings give the same result.
The caller embeds the items (see :mod:`qualcode.analysis.embeddings`); this
package only groups them, measures each group and names it provisionally.

Two levels at once, as in IPA: items → sub-themes → superordinate themes.
One module per job, run in order by :mod:`~qualcode.analysis.clustering.suggest`:

* :mod:`~qualcode.analysis.clustering.items` — what is grouped, and the text
  embedded for an emergent theme;
* :mod:`~qualcode.analysis.clustering.settings` — how to group;
* :mod:`~qualcode.analysis.clustering.grouping` — items into sub-themes
  (hierarchical, k-means or HDBSCAN), sub-themes into themes;
* :mod:`~qualcode.analysis.clustering.silhouette` — how many groups: the silhouette decides;
* :mod:`~qualcode.analysis.clustering.assemble` — measuring, ordering and naming the groups;
* :mod:`~qualcode.analysis.clustering.result` — the result callers read.

Callers import from here; the modules are the package's own business.
"""

from __future__ import annotations

from qualcode.analysis.clustering.assemble import Namer
from qualcode.analysis.clustering.items import Item, emergent_theme_text
from qualcode.analysis.clustering.result import (
    UNCLUSTERED,
    Cluster,
    ClusterItem,
    Neighbour,
    ThemeSuggestion,
)
from qualcode.analysis.clustering.settings import ClusterSettings, Linkage, Method
from qualcode.analysis.clustering.silhouette import silhouette
from qualcode.analysis.clustering.suggest import suggest_themes

__all__ = [
    "UNCLUSTERED",
    "Cluster",
    "ClusterItem",
    "ClusterSettings",
    "Item",
    "Linkage",
    "Method",
    "Namer",
    "Neighbour",
    "ThemeSuggestion",
    "emergent_theme_text",
    "silhouette",
    "suggest_themes",
]
