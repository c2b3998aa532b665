"""Coders and blind coding: whose codings a view shows.

A second analyst codes *without seeing* the first analyst's coding
(METHODS.md §3).  Blind coding is a project setting; while it is on, every
view shows only the current coder's codings.  Views ask one function,
:func:`visible_coders`, and pass its answer to the ``coders=`` filter the
queries already take, so every view filters the same way.

Blind coding is a discipline aid, not access control: anyone can turn it
off, and the audit trail records who did.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import distinct, func, select

from qualcode.core import events
from qualcode.store.schema import CoderRow, CodingRow, MetaRow, SegmentRow

if TYPE_CHECKING:
    from qualcode.core.project import Project

BLIND_KEY = "blind_coding"
CONSENSUS = "consensus"  # the coder that holds agreed and resolved codings


@dataclass(frozen=True)
class CoderSummary:
    """A coder with how much they have coded (for filters and the agreement dialog)."""

    name: str
    guid: str
    codings: int
    documents: int


def is_blind(project: Project) -> bool:
    return project.get_meta(BLIND_KEY) == "on"


def set_blind(project: Project, on: bool) -> None:
    """Turn blind coding on or off; views refresh through a codings event."""
    if on == is_blind(project):
        return
    with project.transaction() as s:
        s.merge(MetaRow(key=BLIND_KEY, value="on" if on else "off"))
        project.audit(s, "blind coding on" if on else "blind coding off", "project", None,
                      {"coder": project.coder_name})
    project.emit(events.CODINGS_CHANGED)


def visible_coders(project: Project, chosen: list[str] | None = None) -> list[str] | None:
    """The coders whose codings a view may show; ``None`` means everyone.

    ``chosen`` is the researcher's own coder filter (None: all).  In blind
    coding only the current coder is visible, whatever was chosen, so a
    filter can never reveal another coder's work.
    """
    if is_blind(project):
        return [project.coder_name]
    return list(chosen) if chosen else None


def coder_summaries(project: Project) -> list[CoderSummary]:
    """Every coder with their number of codings and of documents coded, by name."""
    with project.read() as s:
        counts = {cid: (n, d) for cid, n, d in s.execute(
            select(CodingRow.coder_id, func.count(CodingRow.id), func.count(distinct(SegmentRow.document_id)))
            .join(SegmentRow, SegmentRow.id == CodingRow.segment_id).group_by(CodingRow.coder_id))}
        rows = s.execute(select(CoderRow.id, CoderRow.name, CoderRow.guid).order_by(CoderRow.name)).all()
    return [CoderSummary(name, guid, *counts.get(cid, (0, 0))) for cid, name, guid in rows]


def coders_with_codings(project: Project) -> list[str]:
    """Names of the coders who have applied at least one code."""
    return [c.name for c in coder_summaries(project) if c.codings]
