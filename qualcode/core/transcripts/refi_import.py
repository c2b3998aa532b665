"""Import a REFI-QDA project (``.qdpx`` from NVivo, ATLAS.ti, MAXQDA, QualCoder …) into a project.

The file is read whole first (:func:`qualcode.io.exchange.refi_project.read_refi_project`),
then added in one transaction after a backup, so a refused import leaves the
project as it was.  Into an existing project, codes at the same path and
documents with the same text are reused rather than doubled.

What arrives, and where:

* users → coders of the codings they made;
* the codebook with its nesting, colours and descriptions; a flat codebook
  whose names read ``Parent::Child`` (ATLAS.ti), ``Parent\\Child`` (Taguette)
  or ``Parent/Child`` (where ``Parent`` is itself a code) is offered as a
  hierarchy — split unless ``flat_names`` — and the report says so;
* text sources → transcripts, lines numbered now like any transcript and
  speaker turns found as in any imported file;
* codings on text selections at their code-point positions; a selection
  outside its text is left out and one whose recorded text differs is
  reported, both with their positions;
* a selection's description and the notes it refers to → exploratory notes
  on it; notes referred to by a code or a source → that memo; other notes →
  the project memo;
* cases with variables → participants with typed attributes (a source in
  exactly one case is that participant's transcript);
* qualcode's own survey questions (a set ``Question: …`` of sources, see
  :mod:`qualcode.core.exchange.questions`) → questions again, their
  sources answers under their respondents;
* the IPA levels and exploratory notes' kinds → as
  :mod:`qualcode.core.exchange.levels` reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from qualcode.core.errors import Cancelled
from qualcode.core.exchange.levels import note_kind, place_levels, with_roles
from qualcode.core.exchange.questions import add_questions, question_sets
from qualcode.core.exchange.sets import keep_source_sets
from qualcode.core.model import CodeRole, IncomingCode, NoteKind
from qualcode.core.participants import parse_attribute
from qualcode.core.progress import IsCancelled, Progress
from qualcode.io.exchange.qda_xml.elements import criteria
from qualcode.io.exchange.refi_project import RefiProject, RefiSource, read_refi_project
from qualcode.io.turns import find_turns, main_participant
from qualcode.store.schema import CodeRow, CodingRow, DocumentRow, MemoRow, NoteRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qualcode.core.project import Project

SEPARATORS = ("::", "\\", "/")


@dataclass
class RefiImportReport:
    """What the import brought in and what it left out, in plain words."""

    source: str
    documents: int = 0
    documents_reused: int = 0
    codes: int = 0
    codes_reused: int = 0
    codings: int = 0
    notes: int = 0
    memos: int = 0
    participants: int = 0
    personal_themes: int = 0  # personal experiential themes given their participant
    theme_links: int = 0  # group themes' links to personal themes
    coders: list[str] = field(default_factory=list)
    sets_kept: list[str] = field(default_factory=list)  # sets of sources kept as yes/no attributes
    hierarchy: str = ""
    not_read: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"Imported {Path(self.source).name}: {self.documents} documents"
                 + (f" ({self.documents_reused} already here)" if self.documents_reused else "")
                 + f", {self.codes} codes" + (f" ({self.codes_reused} already here)" if self.codes_reused else "")
                 + f", {self.codings} codings, {self.notes} exploratory notes, {self.memos} memos, "
                 f"{self.participants} participants."]
        if self.personal_themes or self.theme_links:
            lines.append(f"IPA levels: {self.personal_themes} personal experiential themes given their participant, "
                         f"{self.theme_links} links from group themes to personal themes.")
        if self.coders:
            lines.append("Coders: " + ", ".join(self.coders))
        if self.hierarchy:
            lines.append(self.hierarchy)
        if self.sets_kept:
            lines.append("Sets kept as participants' attributes:")
            lines += [f"  - {item}" for item in self.sets_kept]
        if self.not_read:
            lines.append("Not read:")
            lines += [f"  - {item}" for item in self.not_read]
        return "\n".join(lines)


def split_flattened(codes: list[IncomingCode]) -> tuple[list[IncomingCode], str]:
    """Codes of a flat codebook whose names hold their parents' names, nested; with what was done.

    ``::`` and ``\\`` are split wherever they appear; ``/`` only where what
    stands before it is the name of another code (``and/or`` stays whole).
    Missing parents are added as codes of their own.
    """
    if any(c.parent_guid for c in codes):
        return codes, ""
    names = {c.name for c in codes}
    out: list[IncomingCode] = []
    made: dict[tuple[str, ...], str] = {}
    split = 0
    example = ""
    for code in codes:
        sep = next((s for s in SEPARATORS if s in code.name
                    and (s != "/" or code.name.split("/", 1)[0].strip() in names)), None)
        parts = [p.strip() for p in code.name.split(sep)] if sep else [code.name]
        if sep is None or not all(parts):
            made[(code.name,)] = code.guid
            out.append(code)
            continue
        split += 1
        example = example or code.name
        parent_guid = None
        for depth in range(1, len(parts)):
            path = tuple(parts[:depth])
            if path not in made:
                own = next((c for c in codes if c.name == parts[0] and depth == 1 and c.parent_guid is None), None)
                made[path] = own.guid if own else f"split:{'/'.join(path)}"
                if own is None:
                    out.append(IncomingCode(made[path], parts[depth - 1], parent_guid, colour=code.colour))
            parent_guid = made[path]
        made[tuple(parts)] = code.guid
        out.append(IncomingCode(code.guid, parts[-1], parent_guid, code.role, code.colour, code.description))
    if not split:
        return codes, ""
    # parents named by their own code come before their children
    order = {c.guid: i for i, c in enumerate(out)}
    by_guid = {c.guid: c for c in out}  # built before sorting: a list being sorted reads as empty
    out.sort(key=lambda c: _depth(c, by_guid) * len(by_guid) + order[c.guid])
    return out, (f"{split} code names held their parents' names (like ‘{example}’); they were read as a hierarchy "
                 "(use --flat-names to keep the names whole)")


def _depth(code: IncomingCode, by_guid: dict[str, IncomingCode]) -> int:
    depth = 0
    while code.parent_guid and code.parent_guid in by_guid and depth < 100:
        code, depth = by_guid[code.parent_guid], depth + 1
    return depth


def import_refi_project(project: Project, path: str | Path, flat_names: bool = False,
                        progress: Progress | None = None, is_cancelled: IsCancelled | None = None) -> RefiImportReport:
    """Import a ``.qdpx`` in one transaction, after a backup; returns the import report.

    ``progress(done, total)`` counts the sources; a cancellation between two
    sources raises :class:`Cancelled` and the transaction keeps nothing.
    """
    refi = read_refi_project(path)
    report = RefiImportReport(str(path), not_read=list(refi.not_read))
    codes, other_sets = with_roles(refi.codes, refi)
    if not flat_names:
        codes, report.hierarchy = split_flattened(codes)
    project.backups.before("REFI-QDA import")
    with project.transaction() as s:
        code_ids = _add_codes(project, s, codes, report)
        participants, case_ids = _add_participants(project, s, refi, report)
        placed: set[str] = set()
        claimed: set[int] = set()  # documents this import made or reused: each source gets its own
        questions, other_sets = question_sets(other_sets)
        answers = add_questions(s, questions, participants)  # a survey written by qualcode: answers again
        documents: dict[str, int] = {}

        def stop_if_asked() -> None:
            if is_cancelled is not None and is_cancelled():
                raise Cancelled(f"{Path(path).name}: import stopped; nothing was imported")

        for done, source in enumerate(refi.sources):
            stop_if_asked()
            if progress is not None:
                progress(done, len(refi.sources))
            document_id = _add_source(project, s, refi, source, code_ids, participants.get(source.guid), report,
                                      placed, claimed, answers.get(source.guid))
            if document_id is not None:
                documents[source.guid] = document_id
        stop_if_asked()  # also after the last source: before anything is kept
        _add_memos(project, s, refi, code_ids, placed, report)
        report.personal_themes, report.theme_links = place_levels(s, refi, code_ids, case_ids, report.not_read)
        kept, other_sets = keep_source_sets(project, s, other_sets, documents)
        report.sets_kept = kept
        if other_sets:
            shown = [f"‘{g.name}’ ({len(g.code_guids) + len(g.source_guids)} members)" for g in other_sets[:10]]
            report.not_read.append(f"sets qualcode has no home for (groups of codes; sources with no participant): {len(other_sets)} — "
                                   + ", ".join(shown) + (" …" if len(other_sets) > 10 else ""))
        # The report is kept with the project, in its history, as well as shown.
        if progress is not None:
            progress(len(refi.sources), len(refi.sources))
        project.audit(s, "import REFI-QDA project", "project", None,
                      {"file": Path(path).name, "documents": report.documents, "codes": report.codes,
                       "codings": report.codings, "report": report.summary()})
    for kind in ("codes", "documents", "participants", "codings", "notes", "memos"):
        project.emit(kind)
    return report


def _add_codes(project: Project, s: Session, codes: list[IncomingCode],
               report: RefiImportReport) -> dict[str, int]:
    ids: dict[str, int] = {}
    for code in codes:
        parent_id = ids.get(code.parent_guid) if code.parent_guid else None
        row = project.codes.child_named_in(s, parent_id, code.name)
        if row is not None:
            report.codes_reused += 1
            if code.description and not row.description:
                row.description = code.description
        else:
            guid = code.guid if not code.guid.startswith("split:") and not s.scalar(
                select(CodeRow.id).where(CodeRow.guid == code.guid)) else None
            role = code.role if code.role in {r.value for r in CodeRole} else CodeRole.CODE.value
            # qualcode writes a code's criteria and example as labelled paragraphs of its description
            row = project.codes.create_in(s, code.name, role, parent_id, _colour(code.colour), guid,
                                          **criteria(code.description))
            report.codes += 1
        ids[code.guid] = row.id
    return ids


def _colour(value: str | None) -> str | None:
    return value if value and len(value) == 7 and value.startswith("#") else None


def _add_participants(project: Project, s: Session, refi: RefiProject,
                      report: RefiImportReport) -> tuple[dict[str, str], dict[str, int]]:
    """Cases as participants with their attributes; returns source guid → participant, case guid → its id."""
    of_source: dict[str, list[str]] = {}
    case_ids: dict[str, int] = {}
    for case in refi.cases:
        row = project.participants.ensure_in(s, case.name)
        case_ids[case.guid] = row.id
        report.participants += 1
        values = {}
        for name, raw in case.values.items():
            kind = refi.variable_types.get(name, "text")
            try:
                values[name] = parse_attribute(None if raw is None else str(raw), kind)
            except ValueError:
                report.not_read.append(f"case ‘{case.name}’: ‘{raw}’ is not a {kind} for ‘{name}’; kept as text")
                values[name], kind = raw, "text"
        project.participants.set_attributes_in(s, row.id, values, refi.variable_types)
        for guid in case.source_guids:
            of_source.setdefault(guid, []).append(case.name)
    return {guid: names[0] for guid, names in of_source.items() if len(names) == 1}, case_ids


def _same_document(s: Session, source: RefiSource, digest: str, claimed: set[int]) -> DocumentRow | None:
    """The document this source already is: the same guid (imported before), else the same text.

    A document is matched once per import, so two sources with the same
    text (two respondents answering "N/A") stay two documents.
    """
    existing = s.scalar(select(DocumentRow).where(DocumentRow.guid == source.guid))
    if existing is not None and existing.id not in claimed:
        return existing
    for row in s.scalars(select(DocumentRow).where(DocumentRow.source_hash == digest).order_by(DocumentRow.id)):
        if row.id not in claimed:
            return row
    return None


def _new_document(project: Project, s: Session, source: RefiSource, participant: str | None, digest: str,
                  question_id: int | None) -> DocumentRow:
    """A survey answer under its question and respondent, or a transcript with its speaker turns."""
    assert source.text is not None
    if question_id is not None and participant is not None:
        position = (s.scalar(select(func.max(DocumentRow.position))) or 0) + 1
        row = project.documents.add_answer_in(s, question_id, project.participants.ensure_in(s, participant).id,
                                              source.text, source.title, source.title, position)
        s.flush()
        return row
    turns = find_turns(source.text)
    from qualcode.core.transcripts.documents import TurnSpec
    specs = [TurnSpec(t.start, t.end, t.speaker, t.is_interviewer, t.timestamp) for t in turns]
    # A second source with the same text is a document of its own: no content hash to clash with.
    taken = s.scalar(select(DocumentRow.id).where(DocumentRow.source_hash == digest))
    return project.documents.add_transcript_in(s, source.title, source.text, specs,
                                               participant or main_participant(turns), source.title,
                                               "" if taken else digest)


def _add_source(project: Project, s: Session, refi: RefiProject, source: RefiSource, code_ids: dict[str, int],
                participant: str | None, report: RefiImportReport, placed: set[str], claimed: set[int],
                question_id: int | None = None) -> int | None:
    """Import one source with its selections; returns its document (None when it was left out)."""
    import hashlib

    codings = sum(len(sel.codings) for sel in source.selections)
    if source.text is not None and not source.text.strip():
        report.not_read.append(f"source ‘{source.title}’ holds no text ({source.text_from or 'empty'}): "
                               f"not imported, with its {codings} codings")
        return None
    if source.text is None:
        report.not_read.append(f"source ‘{source.title}’ came without its text (no plain text, no readable "
                               f"Word or OpenDocument file): not imported, with its {codings} codings")
        return None
    digest = hashlib.sha256(source.text.encode("utf-8")).hexdigest()
    existing = _same_document(s, source, digest, claimed)
    if existing is not None:
        document_id = existing.id
        report.documents_reused += 1
    else:
        row = _new_document(project, s, source, participant, digest, question_id)
        if not s.scalar(select(DocumentRow.id).where(DocumentRow.guid == source.guid)):
            row.guid = source.guid  # imported again later, the source finds its document by guid
        document_id = row.id
        report.documents += 1
        if source.text_from and source.text_from != "plain text":
            report.not_read.append(f"source ‘{source.title}’: text taken from {source.text_from}; "
                                   "its positions were checked against it")
    claimed.add(document_id)
    length = len(source.text)
    for note_guid in source.note_guids:
        _memo(project, s, refi, note_guid, placed, report, document_id=document_id)
    for sel in source.selections:
        where = f"‘{source.title}’ at characters {sel.start}–{sel.end}"
        if not (0 <= sel.start < sel.end <= length):
            report.not_read.append(f"selection in {where} lies outside its text (0–{length}): "
                                   f"{len(sel.codings)} codings left out")
            continue
        said = sel.name.rstrip("…").rstrip(".").strip()
        found = " ".join(source.text[sel.start:sel.end].split())
        if said and len(said) > 3 and not found.startswith(" ".join(said.split())[:40]):
            report.not_read.append(f"selection in {where} does not match its recorded text "
                                   f"(‘{said[:40]}’ vs ‘{found[:40]}’): coded where the positions say")
        for coding in sel.codings:
            code_id = code_ids.get(coding.code_guid)
            if code_id is None:
                report.not_read.append(f"a coding in {where} names no code of the codebook")
                continue
            guid = coding.guid if not s.scalar(select(CodingRow.id).where(CodingRow.guid == coding.guid)) else None
            if guid is None:
                continue  # this coding was imported before
            coder = coding.user or "unknown coder"
            if coder not in report.coders:
                report.coders.append(coder)
            project.coding.apply_in(s, document_id, sel.start, sel.end, code_id, coder, guid)
            report.codings += 1
        texts = [(NoteKind.FREE, sel.description, "")] if sel.description else []
        for note_guid in sel.note_guids:
            note = refi.notes.get(note_guid)
            if note is not None:
                kind = note_kind(note.title)  # "Linguistic note": the kind, and the text alone
                texts.append((kind, note.text, note.user) if kind
                             else (NoteKind.FREE, f"{note.title}\n{note.text}".strip(), note.user))
                placed.add(note_guid)
        for kind, text, author in texts:
            segment = project.coding.segment_in(s, document_id, sel.start, sel.end)
            s.add(NoteRow(segment_id=segment.id, kind=kind.value, text=text,
                          coder_id=project.coder_id_in(s, author or None)))  # its author, as the file says
            report.notes += 1
    return document_id


def _memo(project: Project, s: Session, refi: RefiProject, note_guid: str, placed: set[str],
          report: RefiImportReport, code_id: int | None = None, document_id: int | None = None) -> None:
    note = refi.notes.get(note_guid)
    if note is None:
        return
    placed.add(note_guid)
    target = "code" if code_id is not None else "document" if document_id is not None else "project"
    row = s.scalar(select(MemoRow).where(MemoRow.target == target, MemoRow.code_id.is_(code_id)
                                         if code_id is None else MemoRow.code_id == code_id,
                                         MemoRow.document_id.is_(None) if document_id is None
                                         else MemoRow.document_id == document_id))
    if row is None:
        row = MemoRow(target=target, code_id=code_id, document_id=document_id, title=note.title,
                      text="", coder_id=project.coder_id_in(s, note.user or None))
        s.add(row)
    block = f"{note.title}\n{note.text}".strip() if target == "project" or row.text else note.text
    row.text = f"{row.text}\n\n{block}".strip() if row.text else block
    report.memos += 1


def _add_memos(project: Project, s: Session, refi: RefiProject, code_ids: dict[str, int], placed: set[str],
               report: RefiImportReport) -> None:
    for code_guid, note_guids in refi.code_notes.items():
        if code_guid in code_ids:
            for note_guid in note_guids:
                _memo(project, s, refi, note_guid, placed, report, code_id=code_ids[code_guid])
    for note_guid in refi.notes:
        if note_guid not in placed:
            _memo(project, s, refi, note_guid, placed, report)
