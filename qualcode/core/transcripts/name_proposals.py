"""Proposing a pseudonymisation: the names in a project and a replacement for each.

:func:`propose_mapping` finds the names of people, places and organisations
in every document and proposes one replacement per name (``Helen`` →
``[Colleague 1]`` everywhere), numbered on from earlier runs.  Participants'
pseudonyms are pseudonyms already and are never proposed; nor are the
speaker labels of turns unless the researcher asks.  :func:`count_occurrences`
fills in the counts and examples of a mapping the researcher edited in a
file.  Nothing here changes the project: :mod:`qualcode.core.transcripts.pseudonymise`
applies the mapping the researcher accepts.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.core.model import NAME_KINDS, MappingEntry
from qualcode.core.progress import IsCancelled, Progress
from qualcode.core.transcripts.lines import citation
from qualcode.core.transcripts.replacements import NameMatcher, normalise_name
from qualcode.store.schema import DocumentRow, ParticipantRow, PseudonymRow, TurnRow

if TYPE_CHECKING:
    from qualcode.analysis.entities import NameFinder
    from qualcode.core.project import Project

# How proposed replacements are written, per kind: "[Colleague 1]", "[Town A]".
LABELS: dict[str, tuple[str, str]] = {
    "person": ("Colleague", "number"),
    "place": ("Town", "letter"),
    "organisation": ("Organisation", "number"),
    "other": ("Name", "number"),
}
_LABELLED = re.compile(r"^\[(?P<word>.+) (?P<n>\d+|[A-Z]+)\]$")


@dataclass
class Proposal:
    entries: list[MappingEntry]
    finder: str  # shown to the researcher: which finder proposed these
    basic_finder: bool  # True: the capitalised-word fallback — check carefully
    documents: int
    left_out: list[str] = field(default_factory=list)  # pseudonyms and speaker labels seen


# -- what is protected ------------------------------------------------------------------
def turns_by_document(s: Session, document_ids: Iterable[int] | None = None) -> dict[int, list[tuple[int, str]]]:
    """Each document's turns as (start, speaker), in order: their labels are not names to replace."""
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
        turns = turns_by_document(s)
        pseudonyms, speakers = _never_names(s, include_speaker_labels)
        stored = list(s.scalars(select(PseudonymRow).order_by(PseudonymRow.id)))
        all_speakers = set(s.scalars(select(TurnRow.speaker).distinct())) - pseudonyms
    # Texts keyed by document id (find_mentions takes any key); Cancelled if the researcher stops it.
    keyed = cast("Mapping[Hashable, str]", texts)
    mentions = find_mentions(keyed, finder, progress, is_cancelled)
    protected: dict[Hashable, list[tuple[int, int]]] = {} if include_speaker_labels else {
        d: label_spans(texts[d], t) for d, t in turns.items()}
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
    entries = [MappingEntry(name, "", settle_kind(name, ms, keyed)) for name, ms in by_name.items()]
    _scan(texts, turns, entries, include_speaker_labels, project)
    entries = [e for e in entries if e.count]
    _assign_replacements(entries, stored)
    entries.sort(key=lambda e: (NAME_KINDS.index(e.kind) if e.kind in NAME_KINDS else 9, -e.count, e.original))
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
    for e in sorted(entries, key=lambda e: (NAME_KINDS.index(e.kind) if e.kind in NAME_KINDS else 9, -e.count, e.original)):
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
        turns = turns_by_document(s)
    _scan(texts, turns, entries, include_speaker_labels, project)
