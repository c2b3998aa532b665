"""Applying a suggestion the researcher accepted (and perhaps edited).

The suggestion is the same JSON ``qualcode suggest`` prints, so a researcher
can edit it — rename, move items between clusters, delete clusters they
reject — and accept it with ``qualcode accept``.  Everything happens in one
transaction and one undoable command (undo and redo are one transaction each,
and redo puts back the very same codes and codings, ids and guids included):

* emergent themes: superordinate themes and sub-themes are created and each
  emergent theme moves under its sub-theme (the IPA clustering step);
* segments or answers: themes are created and each sub-theme becomes a code
  applied to its items;
* one participant's experiential statements (``statements``): that
  participant's personal experiential themes (PETs, role ``personal``) and
  their sub-themes are created and each statement moves under its sub-theme;
* personal experiential themes (``personal-themes``): group experiential
  themes (GETs) and sub-themes are created and each PET is *linked*
  (:mod:`qualcode.core.themes.levels`) once, to its sub-theme, or to the GET
  when no sub-theme lists it (:mod:`qualcode.core.themes.accepted`) — no PET
  or statement moves, so every participant's own table stays whole and
  nothing is left empty.

New themes take their labels as they are unless a sibling on the same level
has the name (:mod:`qualcode.core.themes.naming`): a PET may keep a
statement's wording and a GET a PET's.

Clusters marked ``"rejected": true`` and the unclustered group are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import select, update

from qualcode.core import events
from qualcode.core.errors import QualcodeError
from qualcode.core.model import CodeRole
from qualcode.core.themes.accepted import accept_summary, group_links
from qualcode.core.themes.clustered import Clustered
from qualcode.core.themes.codes import code_row
from qualcode.core.themes.leftovers import clear_again, clear_emptied, put_back
from qualcode.core.themes.naming import free_name
from qualcode.core.themes.suggestion_file import check_suggestion
from qualcode.core.themes.terms import terms_of
from qualcode.io.exchange.json_file import Shape
from qualcode.store.schema import (
    CodeRow,
    CodingRow,
    DocumentRow,
    MemoRow,
    ParticipantRow,
    QuestionRow,
    SegmentRow,
    ThemeLinkRow,
)
from qualcode.store.snapshot import RowSnapshot, restore, snapshot

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qualcode.core.project import Project


class AcceptError(QualcodeError):
    """A suggestion file that cannot be applied, worded for the researcher."""


@dataclass(frozen=True)
class MovedTheme:
    """An emergent theme the accept placed under a sub-theme, and where it sat before."""

    code_id: int
    old_parent: int | None
    new_parent: int


@dataclass(frozen=True)
class AcceptRecord:
    """What an accept changed, for undo."""

    created_codes: tuple[int, ...]  # creation order: themes, then their sub-themes
    moved: tuple[MovedTheme, ...]
    codings: tuple[int, ...]
    summary: str
    links: tuple[tuple[int, int], ...] = ()  # (GET or its sub-theme, PET) linked by a personal-themes accept
    cleared: tuple[RowSnapshot, ...] = ()  # themes the moves left empty, removed in the same step (leftovers)


@dataclass(frozen=True)
class UndoneAccept:
    """The rows an undo took away, so that redo puts back the very same ones."""

    codes: tuple[RowSnapshot, ...]  # parents before children
    memos: tuple[RowSnapshot, ...]  # written on the new themes after the accept
    codings: tuple[RowSnapshot, ...]
    links: tuple[RowSnapshot, ...] = ()


def _clusters(data: dict) -> tuple[list[dict], list[dict]]:
    if not isinstance(data, dict) or not isinstance(data.get("clusters"), list):
        raise AcceptError("this is not a qualcode suggestion (no \"clusters\" list)")
    keep = [c for c in data["clusters"] if not c.get("unclustered") and not c.get("rejected")]
    for c in keep:
        if not str(c.get("label", "")).strip():
            raise AcceptError("every accepted cluster needs a label")
    themes = [c for c in keep if not c.get("parent")]
    subs = [c for c in keep if c.get("parent")]
    labels = {t["label"] for t in themes}
    orphans = [s["label"] for s in subs if s["parent"] not in labels]
    if orphans:
        raise AcceptError(f"sub-theme ‘{orphans[0]}’ names a parent theme that is not in the file")
    return themes, subs


def _emergent_code(s: Session, item: dict) -> int:
    if item.get("code_id"):
        if s.get(CodeRow, item["code_id"]) is None:
            raise AcceptError(f"no code with code_id {item['code_id']} in the project "
                              "(was the suggestion made in another project?)")
        return int(item["code_id"])
    rows = list(s.scalars(select(CodeRow).where(CodeRow.role == CodeRole.EMERGENT.value,
                                                CodeRow.name == str(item["id"]))))
    if not rows:
        raise AcceptError(f"no emergent theme called ‘{item['id']}’ in the project")
    if len(rows) > 1 and item.get("participant"):
        # Same wording from two participants: pick the one coded in this participant's transcript.
        for row in rows:
            who = s.scalar(select(ParticipantRow.pseudonym)
                           .join(DocumentRow, DocumentRow.participant_id == ParticipantRow.id)
                           .join(SegmentRow, SegmentRow.document_id == DocumentRow.id)
                           .join(CodingRow, CodingRow.segment_id == SegmentRow.id)
                           .where(CodingRow.code_id == row.id).limit(1))
            if who == item["participant"]:
                return row.id
    return rows[0].id


def _personal_theme(s: Session, item: dict) -> int:
    """The PET an item of a ``personal-themes`` suggestion names (by ``code_id``, or name and participant)."""
    if item.get("code_id"):
        row = s.get(CodeRow, item["code_id"])
    else:
        q = select(CodeRow).where(CodeRow.role == CodeRole.PERSONAL.value, CodeRow.name == str(item["id"]))
        if item.get("participant"):
            q = q.join(ParticipantRow, ParticipantRow.id == CodeRow.participant_id).where(
                ParticipantRow.pseudonym == item["participant"])
        row = s.scalars(q).first()
    if row is None or row.role != CodeRole.PERSONAL.value:
        raise AcceptError(f"‘{item.get('id')}’ is not a personal experiential theme in this project "
                          "(was the suggestion made in another project?)")
    return row.id


def _owner(s: Session, data: dict) -> tuple[int, str]:
    """The participant whose statements a ``statements`` suggestion groups: their id and pseudonym."""
    name = str((data.get("scope") or {}).get("participant") or "")
    pid = s.scalar(select(ParticipantRow.id).where(ParticipantRow.pseudonym == name)) if name else None
    if pid is None:
        raise AcceptError("a suggestion of personal experiential themes must name its participant "
                          "(\"scope\": {\"participant\": …}) and that participant must be in the project")
    return pid, name


def _check_owner(s: Session, code_id: int, owner: tuple[int, str]) -> None:
    """A PET holds only its participant's statements: refuse one coded in someone else's transcript."""
    others = set(s.scalars(select(ParticipantRow.pseudonym)
                           .join(DocumentRow, DocumentRow.participant_id == ParticipantRow.id)
                           .join(SegmentRow, SegmentRow.document_id == DocumentRow.id)
                           .join(CodingRow, CodingRow.segment_id == SegmentRow.id)
                           .where(CodingRow.code_id == code_id, ParticipantRow.id != owner[0])))
    if others:
        raise AcceptError(f"the statement ‘{code_row(s, code_id).name}’ is coded in {sorted(others)[0]}'s "
                          f"transcript, so it cannot go into a personal theme of {owner[1]}'s")


def _span(s: Session, data: dict, item: dict) -> tuple[int, int, int]:
    if data.get("mode") == Clustered.SEGMENTS:
        seg = s.get(SegmentRow, int(item["id"]))
        if seg is None:
            raise AcceptError(f"segment {item['id']} is no longer in the project")
        return seg.document_id, seg.start, seg.end
    question = (data.get("scope") or {}).get("question")
    row = s.execute(select(DocumentRow.id, DocumentRow.length)
                    .join(ParticipantRow, ParticipantRow.id == DocumentRow.participant_id)
                    .join(QuestionRow, QuestionRow.id == DocumentRow.question_id)
                    .where(ParticipantRow.pseudonym == str(item["id"]), QuestionRow.name == question)).first()
    if row is None:
        raise AcceptError(f"respondent {item['id']} has no answer to ‘{question}’")
    return row.id, 0, row.length


def accept_suggestion(project: Project, data: dict, allow_moves: bool = False) -> AcceptRecord:
    """Create the accepted themes and place or code their items; one transaction.

    Emergent themes already placed under a theme are not silently taken out of
    the researcher's structure (nor is a suggestion accepted twice): that
    needs ``allow_moves``.
    """
    check_suggestion(data, Shape(AcceptError))  # every field below is what it should be
    mode = data.get("mode", Clustered.EMERGENT.value)
    if mode not in {c.value for c in Clustered}:
        raise AcceptError(f"unknown suggestion mode ‘{mode}’")
    emergent = mode in (Clustered.EMERGENT, Clustered.STATEMENTS)
    linking = mode == Clustered.PERSONAL_THEMES
    themes, subs = _clusters(data)
    linked: list[tuple[int, int]] = []
    created: list[int] = []
    old_parents: dict[int, int | None] = {}  # emergent theme → where it sat before
    new_parents: dict[int, int] = {}
    codings: list[int] = []
    words = terms_of(project)
    project.backups.before("accept")
    with project.transaction() as s:
        if emergent and not allow_moves:
            placed_already = []
            for sub in subs:
                for item in sub.get("items", []):
                    code = code_row(s, _emergent_code(s, item))
                    if code.parent_id is not None:
                        placed_already.append((code.name, code_row(s, code.parent_id).name))
            if placed_already:
                name, under = placed_already[0]
                raise AcceptError(
                    f"{len(placed_already)} of these emergent themes already sit under themes (e.g. ‘{name}’ "
                    f"under ‘{under}’); accepting would move them. Accept with --move to move them, "
                    "or suggest again for the themes not yet placed")
        owner = _owner(s, data) if mode == Clustered.STATEMENTS else None
        theme_ids: dict[str, int] = {}
        for t in themes:
            # A PET belongs to one participant; its name need only differ from their other PETs
            # (and a GET's from other GETs): see qualcode.core.themes.naming.
            role, pid = (CodeRole.PERSONAL, owner[0]) if owner is not None else (CodeRole.THEME, None)
            row = project.codes.create_in(s, free_name(s, None, t["label"], role, pid), role, None)
            row.participant_id = pid
            theme_ids[t["label"]] = row.id
            created.append(row.id)
        placed = 0
        sub_ids: list[int] = []
        for sub in subs:
            role = CodeRole.SUBTHEME if emergent or linking else CodeRole.CODE
            parent = theme_ids[sub["parent"]]
            row = project.codes.create_in(s, free_name(s, parent, sub["label"], role), role, parent)
            created.append(row.id)
            sub_ids.append(row.id)
            if linking:
                continue  # linked below, once every sub-theme exists
            for item in sub.get("items", []):
                if emergent:
                    code_id = _emergent_code(s, item)
                    if owner is not None:
                        _check_owner(s, code_id, owner)
                    code = code_row(s, code_id)
                    old_parents.setdefault(code_id, code.parent_id)
                    code.parent_id = new_parents[code_id] = row.id
                else:
                    doc, start, end = _span(s, data, item)
                    coding = project.coding.apply_in(s, doc, start, end, row.id)
                    codings.append(coding.id)
                placed += 1
        if linking:
            linked = group_links(
                [(theme_ids[t["label"]], [_personal_theme(s, i) for i in t.get("items", [])]) for t in themes],
                [(theme_ids[sub["parent"]], sub_id, [_personal_theme(s, i) for i in sub.get("items", [])])
                 for sub, sub_id in zip(subs, sub_ids)])
            for group_id, pet_id in linked:
                s.add(ThemeLinkRow(group_id=group_id, personal_id=pet_id))
            placed = len({pet for _group, pet in linked})
        s.flush()
        cleared, emptied = clear_emptied(s, old_parents.values())
        summary = accept_summary(words, mode, len(themes), len(subs), placed)
        if emptied:
            summary += (f"; {len(emptied)} theme{'s' if len(emptied) != 1 else ''} left empty by the moves "
                        f"removed (‘{emptied[0]}’{'…' if len(emptied) > 1 else ''})")
        record = AcceptRecord(tuple(created),
                              tuple(MovedTheme(c, old, new_parents[c]) for c, old in old_parents.items()),
                              tuple(codings), summary, tuple(linked), cleared)
        project.audit(s, "accept suggestion", "project", None,
                      {"mode": mode, "themes": len(themes), "sub_themes": len(subs), "items": placed,
                       "emptied_removed": list(emptied), "summary": summary})
    project.emit(events.CODES_CHANGED)
    project.emit(events.CODINGS_CHANGED)
    return record


def undo_accept(project: Project, record: AcceptRecord) -> UndoneAccept:
    """Put everything back as it was before the accept; one transaction.

    Returns the rows taken away, which :func:`redo_accept` puts back.
    """
    with project.transaction() as s:
        put_back(s, record.cleared)  # the themes the moves emptied, before their statements return
        for moved in record.moved:
            s.execute(update(CodeRow).where(CodeRow.id == moved.code_id).values(parent_id=moved.old_parent))
        coding_rows = list(s.scalars(select(CodingRow).where(CodingRow.id.in_(record.codings)))) \
            if record.codings else []
        codings = tuple(snapshot(row) for row in coding_rows)
        for row in coding_rows:
            s.delete(row)
        s.flush()
        link_rows = [link for group, pet in record.links
                     if (link := s.get(ThemeLinkRow, (group, pet))) is not None]
        links = tuple(snapshot(link) for link in link_rows)
        for link in link_rows:
            s.delete(link)
        s.flush()
        memo_rows = list(s.scalars(select(MemoRow).where(MemoRow.code_id.in_(record.created_codes)))) \
            if record.created_codes else []
        memos = tuple(snapshot(memo) for memo in memo_rows)
        for memo in memo_rows:
            s.delete(memo)
        s.flush()
        codes: list[RowSnapshot] = []
        for code_id in reversed(record.created_codes):
            code = s.get(CodeRow, code_id)
            if code is not None:
                codes.insert(0, snapshot(code))
                s.delete(code)
                s.flush()
        project.audit(s, "undo accept suggestion", "project", None, {"summary": record.summary})
    project.emit(events.CODES_CHANGED)
    project.emit(events.CODINGS_CHANGED)
    return UndoneAccept(tuple(codes), memos, codings, links)


def redo_accept(project: Project, record: AcceptRecord, undone: UndoneAccept) -> None:
    """Accept again exactly as before: the same codes and codings, ids and guids included."""
    with project.transaction() as s:
        restore(s, list(undone.codes))
        s.flush()
        restore(s, list(undone.memos) + list(undone.codings) + list(undone.links))
        for moved in record.moved:
            s.execute(update(CodeRow).where(CodeRow.id == moved.code_id).values(parent_id=moved.new_parent))
        s.flush()
        clear_again(s, record.cleared)
        project.audit(s, "redo accept suggestion", "project", None, {"summary": record.summary})
    project.emit(events.CODES_CHANGED)
    project.emit(events.CODINGS_CHANGED)


@dataclass
class AcceptSuggestion:
    """The undoable command the theme board and ``qualcode accept`` run."""

    data: dict
    allow_moves: bool = False
    record: AcceptRecord | None = field(default=None, init=False)
    undone: UndoneAccept | None = field(default=None, init=False)  # set by undo, for an exact redo
    label: ClassVar[str] = "Accept suggested themes"

    def do(self, project: Project) -> None:
        if self.record is None or self.undone is None:
            self.record = accept_suggestion(project, self.data, self.allow_moves)
        else:
            redo_accept(project, self.record, self.undone)
            self.undone = None

    def undo(self, project: Project) -> None:
        assert self.record is not None
        self.undone = undo_accept(project, self.record)
