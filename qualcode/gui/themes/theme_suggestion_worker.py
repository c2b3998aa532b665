"""What the suggestion worker runs: gather, embed, cluster — plain Python, no widgets."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from qualcode.core.errors import Cancelled
from qualcode.core.progress import IsCancelled, Progress
from qualcode.core.themes import suggestions as sg
from qualcode.core.themes.clustered import Clustered

if TYPE_CHECKING:
    from qualcode.core.project import Project


@dataclass(frozen=True)
class SuggestRequest:
    """The researcher's choices in the Suggest themes dialog (the CLI's ``--items`` and its options)."""

    items: Clustered
    participant: str | None = None  # emergent themes: one participant's (None = across participants)
    code: str | None = None  # segments: the code to split
    question: str | None = None  # answers: the question
    uncoded_only: bool = False
    clusters: int | None = None  # sub-themes; None = automatic
    method: str = "auto"
    backend: str = "minilm"


def collect(project: Project, request: SuggestRequest) -> sg.Collected:
    return sg.collect(project, request.items, participant=request.participant, code=request.code,
                      question=request.question, uncoded_only=request.uncoded_only)


def run_suggestion(project: Project, request: SuggestRequest,
                   progress: Progress | None = None,
                   is_cancelled: IsCancelled | None = None) -> tuple[dict, dict[Hashable, np.ndarray]]:
    """The suggestion and each item's vector (for the map, tightness and neighbours after edits).

    Raises :class:`~qualcode.core.errors.Cancelled` (the analysis's own, too) when stopped.
    """
    stop = is_cancelled or (lambda: False)
    collected = collect(project, request)
    if stop():
        raise Cancelled()
    data = sg.suggest_themes(project, collected, clusters=request.clusters, backend=request.backend,
                             method=request.method, progress=progress, is_cancelled=is_cancelled)
    if stop():
        raise Cancelled()
    # Through the cache, so this costs nothing for model backends (TF-IDF refits the same texts).
    vectors, _ = sg.embed(project, [s.text for s in collected.sources], request.backend)
    _add_citations(project, collected, data)
    by_id: dict[Hashable, np.ndarray] = {}
    for source, vector in zip(collected.sources, vectors):
        by_id.setdefault(source.key, np.asarray(vector, dtype=float))
    return data, by_id


def _add_citations(project: Project, collected: sg.Collected, data: dict) -> None:
    """Quotes and answers carry their citation, e.g. ``(Maya, 155-157)``, for the cards."""
    if collected.mode == Clustered.EMERGENT:
        return
    by_key = {s.key: s for s in collected.sources}
    for cluster in data["clusters"]:
        for item in cluster["items"]:
            src = by_key.get(item["id"])
            if src is None:
                continue
            if collected.mode == Clustered.SEGMENTS and src.document_id is not None:
                item["citation"] = project.queries.citation(src.document_id, src.start, src.end)
            else:
                item["citation"] = f"({src.participant or src.label})"
