"""Pseudonymisation: real names out of the project, consistently, with a record for the ethics file.

1. :func:`propose_mapping` finds the names of people, places and
   organisations in every document and proposes one replacement per name
   (``Helen`` → ``[Colleague 1]`` everywhere in the project).  Participants'
   pseudonyms are pseudonyms already and are never proposed; nor are the
   speaker labels of turns unless the researcher asks.
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
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.core import events
from qualcode.core.errors import Cancelled, QualcodeError
from qualcode.core.transcripts.lines import citation
from qualcode.core.transcripts.relocate import RewriteCounts, rewrite_document, rewrite_other_texts
from qualcode.core.transcripts.replacements import NameMatcher, find_replacements, normalise_name
from qualcode.store.schema import DocumentRow, ParticipantRow, PseudonymRow, TurnRow

if TYPE_CHECKING:
    from qualcode.analysis.entities import NameFinder
    from qualcode.core.project import Project

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]

KINDS = ("person", "place", "organisation", "other")
# How proposed replacements are written, per kind: "[Colleague 1]", "[Town A]".
LABELS: dict[str, tuple[str, str]] = {
    "person": ("Colleague", "number"),
    "place": ("Town", "letter"),
    "organisation": ("Organisation", "number"),
    "other": ("Name", "number"),
}
_LABELLED = re.compile(r"^\[(?P<word>.+) (?P<n>\d+|[A-Z]+)\]$")
_BATCH = 200  # documents read per query while applying


class PseudonymiseError(QualcodeError):
    """A mapping that cannot be applied, worded for the researcher."""


#: The researcher cancelled; nothing was changed (qualcode's one :class:`Cancelled`, under its old name).
PseudonymiseCancelled = Cancelled


@dataclass
class MappingEntry:
    """One real name and what replaces it, with where it occurs."""

    original: str
    replacement: str
    kind: str = "person"
    count: int = 0  # whole-word occurrences in the project's documents
    example: str = ""  # the first occurrence in context
    example_at: tuple[int, int] = (0, 0)  # where the name sits in ``example``
    where: str = ""  # its citation, e.g. "(Maya, 208)"
    accepted: bool = True


@dataclass
class Proposal:
    entries: list[MappingEntry]
    finder: str  # shown to the researcher: which finder proposed these
    basic_finder: bool  # True: the capitalised-word fallback — check carefully
    documents: int
    left_out: list[str] = field(default_factory=list)  # pseudonyms and speaker labels seen


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


@dataclass(frozen=True)
class StoredPseudonym:
    replacement: str
    kind: str
    occurrences: int
    original: str | None
    applied_at: str


# -- what is protected ------------------------------------------------------------------
def _turns_by_document(s: Session, document_ids: Iterable[int] | None = None) -> dict[int, list[tuple[int, str]]]:
    q = select(TurnRow.document_id, TurnRow.start, TurnRow.speaker).order_by(TurnRow.document_id, TurnRow.start)
    if document_ids is not None:
        q = q.where(TurnRow.document_id.in_(list(document_ids)))
    out: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for doc_id, start, speaker in s.execute(q):
        out[doc_id].append((start, speaker))
    return out


def label_spans(text: str, turns: Sequence[tuple[int, str]]) -> list[tuple[int, int]]:
    """Where each turn's speaker label is written (just after any time stamp)."""
    spans = []
    for start, speaker in turns:
        at = text.find(speaker, start, start + len(speaker) + 40)
        if at >= 0:
            spans.append((at, at + len(speaker)))
    return sorted(spans)


def _never_names(s: Session, include_speaker_labels: bool) -> tuple[set[str], set[str]]:
    """Participants' pseudonyms (never replaced) and speaker labels (not unless asked)."""
    pseudonyms = {p for p in s.scalars(select(ParticipantRow.pseudonym))}
    speakers = {sp for sp in s.scalars(select(TurnRow.speaker).distinct())} - pseudonyms
    return pseudonyms, (set() if include_speaker_labels else speakers)


# -- proposing --------------------------------------------------------------------------
def propose_mapping(
    project: Project,
    finder: NameFinder | None = None,
    include_speaker_labels: bool = False,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> Proposal:
    """Find names in every document and propose one replacement for each."""
    from qualcode.analysis.entities import (
        Mention,
        clean_span,
        find_mentions,
        load_name_finder,
        settle_kind,
    )

    finder = finder or load_name_finder()
    with project.read() as s:
        texts = {doc_id: text for doc_id, text in s.execute(select(DocumentRow.id, DocumentRow.text))}
        turns = _turns_by_document(s)
        pseudonyms, speakers = _never_names(s, include_speaker_labels)
        stored = list(s.scalars(select(PseudonymRow).order_by(PseudonymRow.id)))
        all_speakers = set(s.scalars(select(TurnRow.speaker).distinct())) - pseudonyms
    mentions = find_mentions(texts, finder, progress, is_cancelled)  # Cancelled if the researcher stops it
    protected = {} if include_speaker_labels else {d: label_spans(texts[d], t) for d, t in turns.items()}
    if include_speaker_labels:
        # Speakers who are not participants (an interviewer called by name): propose them too.
        for doc_id, doc_turns in turns.items():
            for start, speaker in doc_turns:
                at = texts[doc_id].find(speaker, start, start + len(speaker) + 40)
                if speaker in all_speakers and at >= 0 and clean_span(texts[doc_id], at, at + len(speaker)):
                    mentions.append(Mention(doc_id, at, at + len(speaker), speaker, "person"))
    pseudonym_words = {w for p in pseudonyms for w in p.split()}
    by_name: defaultdict[str, list[Mention]] = defaultdict(list)
    left_out: set[str] = set()
    for m in mentions:
        if m.name in pseudonyms or m.name in speakers or set(m.name.split()) & pseudonym_words:
            left_out.add(m.name)
            continue
        if _inside(protected.get(m.key, ()), m.start):
            continue
        by_name[m.name].append(m)
    entries = [MappingEntry(name, "", settle_kind(name, ms, texts)) for name, ms in by_name.items()]
    _scan(texts, turns, entries, include_speaker_labels, project)
    entries = [e for e in entries if e.count]
    _assign_replacements(entries, stored)
    entries.sort(key=lambda e: (KINDS.index(e.kind) if e.kind in KINDS else 9, -e.count, e.original))
    return Proposal(entries, finder.label, finder.is_fallback, len(texts), sorted(left_out))


def _inside(spans: Sequence[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)


def _assign_replacements(entries: list[MappingEntry], stored: Sequence[PseudonymRow]) -> None:
    """``[Colleague 1]``, ``[Town A]`` …, numbered on from earlier runs.

    A name already replaced in an earlier run (when its original was kept)
    gets the same replacement again.  A full name whose first or last word
    is a proposed name gets that name's replacement: "Helen Smith" and
    "Helen" are one person.
    """
    used: dict[str, int] = Counter()
    for row in stored:
        m = _LABELLED.match(row.replacement)
        if m:
            used[m["word"]] = max(used[m["word"]], _label_number(m["n"]))
    known = {row.original: row.replacement for row in stored if row.original}
    people = {e.original for e in entries if e.kind == "person" and " " not in e.original}
    shared = {}
    for e in sorted(entries, key=lambda e: (KINDS.index(e.kind) if e.kind in KINDS else 9, -e.count, e.original)):
        words = e.original.split()
        if e.original in known:
            e.replacement = known[e.original]
        elif e.kind == "person" and len(words) > 1 and (words[0] in people or words[-1] in people):
            shared[e.original] = words[0] if words[0] in people else words[-1]
        else:
            word, style = LABELS.get(e.kind, LABELS["other"])
            used[word] += 1
            e.replacement = f"[{word} {_label_text(used[word], style)}]"
    replacement_of = {e.original: e.replacement for e in entries}
    for e in entries:
        if e.original in shared:
            e.replacement = replacement_of[shared[e.original]]


def _label_text(n: int, style: str) -> str:
    if style == "number":
        return str(n)
    letters = ""
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _label_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    n = 0
    for ch in text:
        n = n * 26 + ord(ch) - 64
    return n


def _scan(texts: dict[int, str], turns: dict[int, list[tuple[int, str]]], entries: Sequence[MappingEntry],
          include_speaker_labels: bool, project: Project) -> None:
    """Fill in each entry's count, first example and its citation."""
    by_name = {normalise_name(e.original): e for e in entries}
    matcher = NameMatcher(by_name)
    first: dict[str, tuple[int, int, int]] = {}
    for e in entries:
        e.count = 0
    for doc_id in sorted(texts):
        text = texts[doc_id]
        protected = () if include_speaker_labels else label_spans(text, turns.get(doc_id, ()))
        for a, b, name in matcher.finditer(text, protected):
            by_name[name].count += 1
            first.setdefault(name, (doc_id, a, b))
    for name, (doc_id, a, b) in first.items():
        text = texts[doc_id]
        entry = by_name[name]
        entry.example, entry.example_at = _context(text, a, b)
        line = project.documents.line_index(doc_id).line_of(a)
        entry.where = citation(project.documents.participant_label(doc_id), line, line)


def _context(text: str, a: int, b: int, width: int = 45) -> tuple[str, tuple[int, int]]:
    """The name with some words either side on one line, and where the name sits in it."""
    before = ("…" if a > width else "") + _flat(text[max(0, a - width):a]).lstrip()
    name = _flat(text[a:b])
    after = _flat(text[b:b + width]).rstrip() + ("…" if b + width < len(text) else "")
    return before + name + after, (len(before), len(before) + len(name))


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def count_occurrences(project: Project, entries: Sequence[MappingEntry],
                      include_speaker_labels: bool = False) -> None:
    """Fill in counts and examples of entries read from a mapping file."""
    with project.read() as s:
        texts = {doc_id: text for doc_id, text in s.execute(select(DocumentRow.id, DocumentRow.text))}
        turns = _turns_by_document(s)
    _scan(texts, turns, entries, include_speaker_labels, project)


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
        out[original] = MappingEntry(original, replacement, e.kind, e.count, e.example, e.where)
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
    with project.transaction() as s:
        doc_ids = list(s.scalars(select(DocumentRow.id).order_by(DocumentRow.id)))
        for i in range(0, len(doc_ids), _BATCH):
            if is_cancelled and is_cancelled():
                raise Cancelled("pseudonymisation cancelled; nothing was changed")
            batch = doc_ids[i:i + _BATCH]
            turns = _turns_by_document(s, batch)
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
        with project.engine.connect() as conn:
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
