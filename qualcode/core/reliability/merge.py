"""Bring a second analyst's coding back into the project.

The other project (a copy prepared with :mod:`qualcode.core.reliability.second_coder_copy`, any
qualcode project, or a REFI-QDA ``.qdpx``) is matched piece by piece —
documents by guid, source hash or title, codes by guid, path or a name only
one of ours has (:mod:`qualcode.core.reliability.matching`) — and then its
codings arrive under their coder (or the name given), keeping their guids.

Nothing here is overwritten: our codings, codes and definitions stay as they
are, and anything not matched is reported.  The whole merge is one
transaction, and merging the same project twice adds nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.core import events
from qualcode.core.errors import QualcodeError
from qualcode.core.model import Incoming
from qualcode.core.progress import Progress
from qualcode.core.reliability.coverage import mark_coded_in
from qualcode.core.reliability.incoming import read_qualcode
from qualcode.core.reliability.ipa_levels import carry_levels
from qualcode.core.reliability.matching import CodeMatches, DocumentMatches, match_codes, match_documents
from qualcode.store.schema import CodeRow, CoderRow, CodingRow, DocumentRow, SegmentRow

if TYPE_CHECKING:
    from qualcode.core.project import Project

class MergeError(QualcodeError):
    """The merge cannot be done as asked; nothing was changed."""


@dataclass
class MergeReport:
    """What the merge added, matched and left out."""

    source: str
    added: dict[str, int] = field(default_factory=dict)  # coder → codings added
    already_here: int = 0
    documents_matched: dict[str, int] = field(default_factory=dict)  # how → count
    documents_unmatched: list[str] = field(default_factory=list)
    codes_matched: dict[str, int] = field(default_factory=dict)
    codes_added: list[str] = field(default_factory=list)
    codes_unmatched: list[str] = field(default_factory=list)
    codings_skipped: list[str] = field(default_factory=list)
    definition_differences: list[str] = field(default_factory=list)
    not_read: list[str] = field(default_factory=list)
    coded_through: int = 0  # documents recorded as coded through by the second coder
    coded_through_how: str = ""  # marked done in the copy, or how it was inferred
    not_coded_through: int = 0  # matched documents of the copy the second coder did not code through
    codes_renamed: list[str] = field(default_factory=list)  # same guid, another name (ours kept)
    codes_moved: list[str] = field(default_factory=list)  # same guid, another parent (ours kept)
    codes_deleted: list[str] = field(default_factory=list)  # ours, given to the copy, gone from it
    codes_kept_apart: list[str] = field(default_factory=list)  # their code, one of our names, another parent
    pets_owned: int = 0  # added PETs given their participant (IPA)
    theme_links_added: int = 0  # links from group themes to PETs brought with added codes (IPA)

    @property
    def codings_added(self) -> int:
        return sum(self.added.values())

    def note_matches(self, documents: DocumentMatches, codes: CodeMatches) -> None:
        """Record how the documents and codes matched, and every difference found on the way."""
        self.documents_matched, self.documents_unmatched = documents.how, documents.unmatched
        self.codes_matched, self.codes_added, self.codes_unmatched = codes.how, codes.added, codes.unmatched
        self.codes_renamed, self.codes_moved, self.codes_deleted = (
            codes.codebook.renamed, codes.codebook.moved, codes.codebook.deleted)
        self.codes_kept_apart, self.definition_differences = codes.kept_apart, codes.definition_differences

    def summary(self) -> str:
        """A plain-words account, one fact per line."""
        who = ", ".join(f"{n} by {c}" for c, n in self.added.items()) or "none"
        lines = [f"Merged {Path(self.source).name}: {_count(self.codings_added, 'coding')} added ({who}); "
                 f"{self.already_here} already here."]
        matched = ", ".join(f"{n} by {how}" for how, n in self.documents_matched.items() if n)
        lines.append(f"Documents matched: {sum(self.documents_matched.values())} ({matched or 'none'}).")
        codes = ", ".join(f"{n} by {how}" for how, n in self.codes_matched.items() if n)
        lines.append(f"Codes matched: {sum(self.codes_matched.values())} ({codes or 'none'}).")
        if self.pets_owned or self.theme_links_added:
            lines.append(f"Personal themes given their participant: {self.pets_owned}; links from group themes "
                         f"to personal themes added: {self.theme_links_added} (only to or from added codes).")
        if self.coded_through:
            lines.append(f"{_count(self.coded_through, 'document')} recorded as coded through by the second coder"
                         + (f" ({self.coded_through_how})" if self.coded_through_how else "") + ".")
        if self.not_coded_through:
            lines.append(f"{_count(self.not_coded_through, 'document')} of the copy not coded through by the "
                         f"second coder: agreement leaves them out for them.")
        for title, items in (("Codes added", self.codes_added), ("Codes renamed", self.codes_renamed),
                             ("Codes moved", self.codes_moved), ("Codes deleted in the copy", self.codes_deleted),
                             ("Codes with one of our names under another parent (kept apart)",
                              self.codes_kept_apart),
                             ("Codes not matched", self.codes_unmatched),
                             ("Documents not matched", self.documents_unmatched),
                             ("Codings left out", self.codings_skipped),
                             ("Definitions that differ (ours kept)", self.definition_differences),
                             ("Not read", self.not_read)):
            if items:
                shown = items[:20] + ([f"… and {len(items) - 20} more"] if len(items) > 20 else [])
                lines.append(f"{title} ({len(items)}):")
                lines += [f"  {item}" for item in shown]
        return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def read_incoming(path: str | Path) -> Incoming:
    """The other project's material, by file type (``.qdpx`` or a qualcode project)."""
    path = Path(path)
    if not path.exists():
        raise MergeError(f"{path}: no such file")
    if path.suffix.lower() == ".qdpx":
        from qualcode.io.exchange.qdpx import read_qdpx

        return read_qdpx(path)
    return read_qualcode(path)


def merge_project(project: Project, source: str | Path | Incoming, coder: str | None = None,
                  add_codes: bool = True, progress: Progress | None = None) -> MergeReport:
    """Merge the other project's codings; see the module docstring.

    ``coder`` names the coder every incoming coding is recorded under (by
    default each keeps its own coder's name).  Raises :class:`MergeError`,
    changing nothing, when an incoming coder's name is one that already
    codes the same documents here (name the second coder to proceed).
    """
    incoming = source if isinstance(source, Incoming) else read_incoming(source)
    if Path(incoming.path).resolve() == Path(str(project.location)).resolve():
        raise MergeError("a project cannot be merged into itself")
    report = MergeReport(incoming.path, not_read=list(incoming.not_read))
    project.backups.before("merge")
    with project.transaction() as s:
        matched_documents = match_documents(s, incoming)
        ours_before = set(s.scalars(select(CodeRow.id)))
        matched_codes = match_codes(project, s, incoming, add_codes)
        report.pets_owned, report.theme_links_added = carry_levels(
            s, incoming, matched_codes.ids, set(matched_codes.ids.values()) - ours_before)
        report.note_matches(matched_documents, matched_codes)
        documents, codes = matched_documents.ids, matched_codes.ids
        names = _coder_names(incoming, coder)
        _refuse_mixing(s, incoming, documents, names)
        _add_codings(project, s, incoming, documents, codes, names, report, progress)
        second = coder or (incoming.origin or {}).get("coder") or (
            next(iter(set(names.values()))) if len(set(names.values())) == 1 else None)
        if incoming.complete_documents and second and documents:
            covered = set(incoming.covered) if incoming.covered is not None else set(documents)
            done = [ours for theirs, ours in documents.items() if theirs in covered]
            report.coded_through = mark_coded_in(s, project.coder_id_in(s, second), done, "merge")
            report.coded_through_how = incoming.covered_how
            report.not_coded_through = len(documents) - len(done)
        project.audit(s, "merge second coder", "project", None,
                      {"source": incoming.path, "added": report.added, "already_here": report.already_here,
                       "documents_unmatched": len(report.documents_unmatched),
                       "codes_added": report.codes_added, "codes_unmatched": report.codes_unmatched,
                       "codes_renamed": report.codes_renamed, "codes_moved": report.codes_moved,
                       "codes_deleted": report.codes_deleted, "codes_kept_apart": report.codes_kept_apart})
    project.emit(events.CODES_CHANGED)
    project.emit(events.CODINGS_CHANGED)
    return report


# -- codings ---------------------------------------------------------------------------


def _coder_names(incoming: Incoming, coder: str | None) -> dict[str, str]:
    """Incoming coder name → the name their codings are recorded under here."""
    names = {c.coder for c in incoming.codings}
    if coder is not None and not coder.strip():
        raise MergeError("the coder for the incoming codings needs a name")
    return {n: coder.strip() if coder else n for n in names}


def _refuse_mixing(s: Session, incoming: Incoming, documents: dict[str, int], names: dict[str, str]) -> None:
    """Refuse to file the second analyst's codings under a coder who already codes those documents here.

    A repeated merge of the same project is fine: its codings are already
    here under their guids.
    """
    doc_ids = set(documents.values())
    incoming_guids = {c.guid for c in incoming.codings}
    for target in sorted(set(names.values())):
        rows = s.execute(select(CodingRow.guid, SegmentRow.document_id)
                         .join(SegmentRow, SegmentRow.id == CodingRow.segment_id)
                         .join(CoderRow, CoderRow.id == CodingRow.coder_id)
                         .where(CoderRow.name == target)).all()
        mine = [g for g, d in rows if d in doc_ids]
        if mine and not incoming_guids.intersection(mine):
            raise MergeError(f"‘{target}’ already codes these documents in this project, so their codings and "
                             f"the incoming ones could not be told apart; name the second coder "
                             f"(e.g. --coder Sam) and merge again")


def _add_codings(project: Project, s: Session, incoming: Incoming, documents: dict[str, int],
                 codes: dict[str, int], names: dict[str, str], report: MergeReport,
                 progress: Progress | None) -> None:
    """Add the incoming codings in bulk (a second coder may bring tens of thousands)."""
    guids = [c.guid for c in incoming.codings]
    present: set[str] = set()
    for i in range(0, len(guids), 500):
        present |= set(s.scalars(select(CodingRow.guid).where(CodingRow.guid.in_(guids[i:i + 500]))))
    doc_ids = sorted(set(documents.values()))
    lengths: dict[int, int] = {}
    segments: dict[tuple[int, int, int], int] = {}
    taken: set[tuple[int, int, int]] = set()  # (segment, code, coder) already coded
    for i in range(0, len(doc_ids), 500):
        chunk = doc_ids[i:i + 500]
        lengths.update(s.execute(select(DocumentRow.id, DocumentRow.length)
                                 .where(DocumentRow.id.in_(chunk))).all())
        for seg, seg_doc, a, b in s.execute(select(SegmentRow.id, SegmentRow.document_id, SegmentRow.start,
                                                   SegmentRow.end).where(SegmentRow.document_id.in_(chunk))):
            segments[(seg_doc, a, b)] = seg
        taken.update(s.execute(select(CodingRow.segment_id, CodingRow.code_id, CodingRow.coder_id)
                               .join(SegmentRow, SegmentRow.id == CodingRow.segment_id)
                               .where(SegmentRow.document_id.in_(chunk))).all())
    coder_ids = {name: project.coder_id_in(s, name) for name in set(names.values())}
    wanted: list[tuple[str, tuple[int, int, int], int, int]] = []  # guid, span, code, coder
    no_document = no_code = 0
    outside: list[str] = []  # each coding whose span does not fit our text, with its position
    titles = {d.guid: d.title for d in incoming.documents}
    for c in incoming.codings:
        if c.guid in present:
            report.already_here += 1
            continue
        doc, code = documents.get(c.document_guid), codes.get(c.code_guid)
        if doc is None:
            no_document += 1
        elif code is None:
            no_code += 1
        elif not 0 <= c.start < c.end <= lengths[doc]:
            outside.append(f"{titles.get(c.document_guid, c.document_guid)}, characters {c.start} to {c.end}: "
                           f"{_misplaced(c.start, c.end, lengths[doc])}")
        else:
            wanted.append((c.guid, (doc, c.start, c.end), code, coder_ids[names[c.coder]]))
    new_segments = {span: SegmentRow(document_id=span[0], start=span[1], end=span[2])
                    for _, span, _, _ in wanted if span not in segments}
    s.add_all(new_segments.values())
    s.flush()
    segments.update({span: row.id for span, row in new_segments.items()})
    by_id = {v: k for k, v in coder_ids.items()}
    rows = []
    for done, (guid, span, code, coder_id) in enumerate(wanted, 1):
        key = (segments[span], code, coder_id)
        if key in taken:
            report.already_here += 1  # the same code on the same span by the same coder
            continue
        taken.add(key)
        rows.append(CodingRow(guid=guid, segment_id=key[0], code_id=code, coder_id=coder_id))
        report.added[by_id[coder_id]] = report.added.get(by_id[coder_id], 0) + 1
        if progress and done % 1000 == 0:
            progress(done, len(wanted))
    s.add_all(rows)
    s.flush()
    for count, why in ((no_document, "in documents that were not matched"),
                       (no_code, "of codes that were not matched")):
        if count:
            report.codings_skipped.append(f"{_count(count, 'coding')} {why}")
    report.codings_skipped += outside


def _misplaced(start: int, end: int, length: int) -> str:
    """Why a coding's span cannot be placed in a text of ``length`` characters."""
    if start < 0:
        return "it starts before the text"
    if start > end:
        return "it starts after it ends"
    if start == end:
        return "it is empty"
    return f"it runs past the end of the text ({length:,} characters)"
