"""Pseudonymisation: real names out of the project, consistently, with a record for the ethics file.

1. :func:`~qualcode.core.transcripts.name_proposals.propose_mapping` finds the
   names in every document and proposes one replacement per name
   (``Helen`` → ``[Colleague 1]`` everywhere in the project).
2. The researcher accepts, edits or rejects each entry (the review dialog,
   or an edited CSV with ``qualcode anonymise --apply``).
3. :func:`apply_mapping` replaces every whole-word occurrence in one
   transaction.  It may run before coding or after: segments (and so
   codings and notes), speaker turns and the fixed line starts all move with
   the text, so every quote keeps its line numbers and its citation.

The mapping is stored apart from the text (the ``pseudonym`` table) with
the replacement, kind and count; the real name only when the researcher
asks (``keep_originals``).  Names are also replaced in exploratory notes,
memos, codes and the audit trail, so no copy of a real name stays behind.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select

from qualcode.core import events
from qualcode.core.errors import Cancelled, QualcodeError
from qualcode.core.model import MappingEntry, StoredPseudonym
from qualcode.core.progress import IsCancelled, Progress
from qualcode.core.transcripts.name_proposals import label_spans, turns_by_document
from qualcode.core.transcripts.relocate import RewriteCounts, rewrite_document, rewrite_other_texts
from qualcode.core.transcripts.replacements import NameMatcher, find_replacements, normalise_name
from qualcode.store.schema import DocumentRow, PseudonymRow

if TYPE_CHECKING:
    from qualcode.core.project import Project

log = logging.getLogger(__name__)

_BATCH = 200  # documents read per query while applying


class PseudonymiseError(QualcodeError):
    """A mapping that cannot be applied, worded for the researcher."""


#: The researcher cancelled; nothing was changed (qualcode's one :class:`Cancelled`, under its old name).
PseudonymiseCancelled = Cancelled


@dataclass
class PseudonymisationReport(RewriteCounts):
    names: int = 0
    replacements: int = 0
    documents: int = 0
    other_texts: int = 0  # notes, memos, codes and audit entries rewritten
    kept_originals: bool = False
    file_scrubbed: bool = False  # the project file was rewritten so no old page keeps a real name
    applied: list[MappingEntry] = field(default_factory=list)  # each name with the count replaced

    def summary(self) -> str:
        return (f"{self.replacements} replacements of {self.names} names in {self.documents} documents; "
                f"{self.segments_moved} coded segments and {self.turns_moved} speaker turns moved with the "
                f"text (line numbers unchanged); {self.other_texts} notes, memos, codes and audit entries "
                "updated; real names " + ("kept in the project's mapping" if self.kept_originals else "not kept")
                + ("; the project file was compacted so no old copy of the text remains" if self.file_scrubbed
                   else ""))


# -- applying ---------------------------------------------------------------------------
def checked_mapping(entries: Iterable[MappingEntry]) -> dict[str, MappingEntry]:
    """The accepted entries by original, refused if one cannot be applied."""
    out: dict[str, MappingEntry] = {}
    for e in entries:
        if not e.accepted:
            continue
        original, replacement = normalise_name(e.original), e.replacement.strip()
        if not original:
            continue
        if not replacement:
            raise PseudonymiseError(f"‘{original}’ has no replacement; give it one or reject it")
        if "\n" in replacement:
            raise PseudonymiseError(f"the replacement for ‘{original}’ must be on one line")
        if original in out and out[original].replacement.strip() != replacement:
            raise PseudonymiseError(f"‘{original}’ is listed twice with different replacements")
        out[original] = MappingEntry(original, replacement, e.kind, e.count, e.example, where=e.where)
    return out


def apply_mapping(
    project: Project,
    entries: Iterable[MappingEntry],
    keep_originals: bool = False,
    include_speaker_labels: bool = False,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> PseudonymisationReport:
    """Replace every accepted name everywhere in the project, in one transaction."""
    mapping = checked_mapping(entries)
    report = PseudonymisationReport(kept_originals=keep_originals)
    if not mapping:
        return report
    replacement_of = {o: e.replacement for o, e in mapping.items()}
    matcher = NameMatcher(mapping)
    counts: Counter[str] = Counter()
    changed: list[int] = []
    project.backups.before("anonymise")  # holds the real names: the way back from a wrong mapping
    with project.transaction() as s:
        doc_ids = list(s.scalars(select(DocumentRow.id).order_by(DocumentRow.id)))
        for i in range(0, len(doc_ids), _BATCH):
            if is_cancelled and is_cancelled():
                raise Cancelled("pseudonymisation cancelled; nothing was changed")
            batch = doc_ids[i:i + _BATCH]
            turns = turns_by_document(s, batch)
            rows = s.execute(select(DocumentRow.id, DocumentRow.text, DocumentRow.line_starts)
                             .where(DocumentRow.id.in_(batch)))
            for doc_id, text, line_starts in rows:
                protected = () if include_speaker_labels else label_spans(text, turns.get(doc_id, ()))
                found = find_replacements(text, matcher, replacement_of, protected)
                if not found:
                    continue
                counts.update(normalise_name(text[r.start:r.end]) for r in found)
                rewrite_document(s, doc_id, text, line_starts, found, report,
                                  replacement_of if include_speaker_labels else None)
                changed.append(doc_id)
            if progress:
                progress(min(i + _BATCH, len(doc_ids)), len(doc_ids))
        report.other_texts = rewrite_other_texts(s, matcher, replacement_of)
        for original, entry in mapping.items():
            if counts[original]:
                s.add(PseudonymRow(replacement=entry.replacement, kind=entry.kind, occurrences=counts[original],
                                   original=original if keep_originals else None, coder=project.coder_name))
        report.applied = [MappingEntry(o, e.replacement, e.kind, counts[o]) for o, e in mapping.items() if counts[o]]
        report.names = len(report.applied)
        report.replacements = sum(counts.values())
        report.documents = len(changed)
        project.audit(s, "pseudonymise", "project", None, {
            "names": report.names, "replacements": report.replacements, "documents": report.documents,
            "segments moved": report.segments_moved, "kept originals": keep_originals,
            "kinds": dict(Counter(mapping[o].kind for o in mapping if counts[o]))})
    for doc_id in changed:
        project.documents.forget_cached(doc_id)
    report.file_scrubbed = _scrub_old_pages(project)
    project.emit(events.DOCUMENTS_CHANGED, tuple(changed))
    project.emit(events.CODINGS_CHANGED)
    project.emit(events.NOTES_CHANGED)
    project.emit(events.CODES_CHANGED)
    project.emit(events.MEMOS_CHANGED)
    return report


def _scrub_old_pages(project: Project) -> bool:
    """Rewrite a SQLite project file so freed pages keep no copy of the old text.

    An UPDATE leaves the old row's bytes in free pages (and the old pages in
    the main file until the log is checkpointed); a real name could be read
    back from them with a hex editor.  VACUUM rebuilds the file from the
    live rows only.  A server database manages its own storage.
    """
    if project.engine.dialect.name != "sqlite":
        return False
    from sqlalchemy import text

    try:
        # No worker writes mid-VACUUM; and the rewrite is this process's own (a window watching says nothing).
        with project.write_lock, project.writes.own_write(), project.engine.connect() as conn:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            conn.execute(text("VACUUM"))
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    except Exception:
        log.warning("could not compact the project file after pseudonymisation", exc_info=True)
        return False
    return True


# -- the record ----------------------------------------------------------------------------
def stored_mapping(project: Project) -> list[StoredPseudonym]:
    """Every replacement made so far, oldest first (originals only where kept)."""
    with project.read() as s:
        return [StoredPseudonym(r.replacement, r.kind, r.occurrences, r.original,
                                r.applied_at.isoformat(timespec="seconds"))
                for r in s.scalars(select(PseudonymRow).order_by(PseudonymRow.id))]
