"""Matching the second analyst's documents and codes to ours, before a merge.

A merge is only as right as its matches: a coding filed under the wrong
document points at the wrong words, one filed under the wrong code counts
for the wrong idea.  So each piece is matched by the surest evidence first:

* documents by guid, then by source hash, then by title (within the same
  survey question); a document whose text differs from ours is not matched,
  since its offsets would point at the wrong words;
* codes by guid, then by path (``Theme/Code``), then by a name that only one
  of our codes has; codes the second analyst added are added (under their
  parent) unless asked not to.

What matched, how, and what did not are returned for the merge report
(:mod:`qualcode.core.reliability.merge`); nothing of ours is changed here
except the codes added.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from qualcode.core.model import Incoming, IncomingCode
from qualcode.core.reliability.codebook_diff import CodebookDifferences, compare_codebooks
from qualcode.core.themes.codes import CodeError
from qualcode.store.schema import CodeRow, DocumentRow, QuestionRow

if TYPE_CHECKING:
    from qualcode.core.project import Project

DEFINITION_FIELDS = ("description", "inclusion", "exclusion", "example")


@dataclass
class DocumentMatches:
    """Incoming document guid → our document id, with how each matched and what did not."""

    ids: dict[str, int] = field(default_factory=dict)
    how: dict[str, int] = field(default_factory=dict)  # guid / source hash / title → count
    unmatched: list[str] = field(default_factory=list)


@dataclass
class CodeMatches:
    """Incoming code guid → our code id (codes added included), with every difference to report."""

    ids: dict[str, int] = field(default_factory=dict)
    how: dict[str, int] = field(default_factory=dict)  # guid / path / name → count
    added: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    kept_apart: list[str] = field(default_factory=list)  # their code, one of our names, another parent
    definition_differences: list[str] = field(default_factory=list)
    codebook: CodebookDifferences = field(default_factory=CodebookDifferences)  # renamed, moved, deleted


# -- documents -------------------------------------------------------------------------


def match_documents(s: Session, incoming: Incoming) -> DocumentMatches:
    """The incoming documents that match ours, and why the others do not."""
    out = DocumentMatches()
    questions = dict(s.execute(select(QuestionRow.id, QuestionRow.name)).all())
    ours = s.execute(select(DocumentRow.id, DocumentRow.guid, DocumentRow.title, DocumentRow.source_hash,
                            DocumentRow.question_id)).all()
    by_guid = {r.guid: r.id for r in ours}
    by_hash = {r.source_hash: r.id for r in ours if r.source_hash}
    by_title: dict[tuple[str | None, str], list[int]] = {}
    by_bare_title: dict[str, list[int]] = {}
    for r in ours:
        by_title.setdefault((questions.get(r.question_id), r.title), []).append(r.id)
        by_bare_title.setdefault(r.title, []).append(r.id)
    how_counts = {"guid": 0, "source hash": 0, "title": 0}
    for d in incoming.documents:
        how, found = "guid", by_guid.get(d.guid)
        if found is None and d.source_hash:
            how, found = "source hash", by_hash.get(d.source_hash)
        if found is None:
            same = by_title.get((d.question, d.title))
            if not same and d.question is None:  # another tool's source: "Maya.txt" is our "Maya"
                same = by_bare_title.get(d.title) or by_bare_title.get(Path(d.title).stem)
            how, found = "title", same[0] if same and len(same) == 1 else None
        if found is None:
            out.unmatched.append(f"{d.title}: no document here with its guid, source or title")
            continue
        if d.text is not None:
            ours_text = s.scalars(select(DocumentRow).options(undefer(DocumentRow.text))
                                  .where(DocumentRow.id == found)).one().text
            if ours_text != d.text:
                out.unmatched.append(f"{d.title}: its text differs from ours, so its codings "
                                     "would point at the wrong words")
                continue
        out.ids[d.guid] = found
        how_counts[how] += 1
    out.how = how_counts
    return out


# -- codes -----------------------------------------------------------------------------


def _paths(codes: list[IncomingCode]) -> dict[str, tuple[str, ...]]:
    """Each incoming code's path; ``A::B`` names (ATLAS.ti's flattened hierarchy) count as paths."""
    by_guid = {c.guid: c for c in codes}
    out: dict[str, tuple[str, ...]] = {}
    for c in codes:
        names: list[str] = []
        node: IncomingCode | None = c
        seen: set[str] = set()
        while node is not None and node.guid not in seen:
            seen.add(node.guid)
            names.extend(reversed([p.strip() for p in node.name.split("::")]))
            node = by_guid.get(node.parent_guid) if node.parent_guid else None
        out[c.guid] = tuple(reversed(names))
    return out


def match_codes(project: Project, s: Session, incoming: Incoming, add_codes: bool) -> CodeMatches:
    """The incoming codes matched to ours; unmatched codes added (parents first) or reported."""
    ours = list(s.scalars(select(CodeRow)))
    by_id = {c.id: c for c in ours}
    out = CodeMatches(codebook=compare_codebooks(ours, incoming))

    def path_of(row: CodeRow) -> tuple[str, ...]:
        names = [row.name]
        while row.parent_id is not None:
            row = by_id[row.parent_id]
            names.append(row.name)
        return tuple(n.casefold() for n in reversed(names))

    by_guid = {c.guid: c.id for c in ours}
    by_path = {path_of(c): c.id for c in ours}
    by_name: dict[str, list[int]] = {}
    for c in ours:
        by_name.setdefault(c.name.casefold(), []).append(c.id)
    paths = _paths(incoming.codes)
    counts = {"guid": 0, "path": 0, "name": 0}
    for code in sorted(incoming.codes, key=lambda c: len(paths[c.guid])):
        path = paths[code.guid]
        key = tuple(p.casefold() for p in path)
        how, found = "guid", by_guid.get(code.guid)
        if found is None:
            how, found = "path", by_path.get(key)
        # A name alone matches when one side is flat (another tool's list, or our top-level code):
        # a code under a parent is never absorbed into one of ours under another parent.
        same = by_name.get(key[-1], [])
        if found is None and len(same) == 1 and (len(key) == 1 or by_id[same[0]].parent_id is None):
            how, found = "name", same[0]
        elif found is None and by_name.get(key[-1]):
            ours_there = "; ".join("/".join(n for n in _our_path(by_id, i)) for i in by_name[key[-1]])
            out.kept_apart.append(f"{'/'.join(path)} (theirs) and {ours_there} (ours)")
        if found is not None:
            out.ids[code.guid] = found
            counts[how] += 1
            _note_definition(by_id.get(found), code, out)
            continue
        label = "/".join(path)
        if not add_codes:
            out.unmatched.append(f"{label}: no code here with its guid, path or name")
            continue
        parent = by_path.get(key[:-1]) if len(key) > 1 else None
        if len(key) > 1 and parent is None:
            out.unmatched.append(f"{label}: its parent code is not here")
            continue
        try:
            row = project.codes.create_in(s, path[-1], code.role, parent, code.colour,
                                          guid=None if code.guid in by_guid else code.guid,
                                          **{f: getattr(code, f) for f in DEFINITION_FIELDS})
        except (CodeError, ValueError) as exc:
            out.unmatched.append(f"{label}: {exc}")
            continue
        by_id[row.id], by_path[key], out.ids[code.guid] = row, row.id, row.id
        out.added.append(label)
    out.how = counts
    return out


def _our_path(by_id: dict[int, CodeRow], code_id: int) -> list[str]:
    names, row = [], by_id[code_id]
    while True:
        names.append(row.name)
        if row.parent_id is None or row.parent_id not in by_id:
            return names[::-1]
        row = by_id[row.parent_id]


def _note_definition(ours: CodeRow | None, theirs: IncomingCode, out: CodeMatches) -> None:
    if ours is None:
        return
    differ = [f for f in DEFINITION_FIELDS if getattr(theirs, f) and getattr(theirs, f) != getattr(ours, f)]
    if differ:
        out.definition_differences.append(f"{ours.name}: {', '.join(differ)}")
