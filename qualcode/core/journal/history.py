"""The themes' history, read out of the audit log: created, renamed, merged, moved, accepted.

Every change to the codebook writes an audit row in its own transaction
(:meth:`qualcode.core.project.Project.audit`).  This module replays those
rows in order, so each event names the themes as they were called *then*
(a theme renamed twice reads "‘A’ renamed ‘B’", then "‘B’ renamed ‘C’").

Since schema 6 every audit row carries its transaction's ``batch``: a theme
created in the same batch as an "accept suggestion" row was accepted from a
suggestion.  Older rows have no batch, so for them the trail lists the
accept with its counts but cannot say which themes it made
(:attr:`ThemeHistory.undated_batches`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from qualcode.core.journal.links import THEME_ROLES
from qualcode.core.themes.terms import Terms, terms_of
from qualcode.store.schema import AuditRow, CodeRow

if TYPE_CHECKING:
    from qualcode.core.project import Project

_CODE_ACTIONS = ("create code", "rename code", "merge codes", "move code", "delete code", "undo merge codes",
                 "undo delete code", "remove new code")
_ACCEPTS = ("accept suggestion", "undo accept suggestion", "redo accept suggestion")


@dataclass(frozen=True)
class ThemeEvent:
    """One thing that happened to the themes, worded for a supervisor or an examiner."""

    at: datetime  # UTC, as the audit log keeps it
    coder: str
    kind: str  # created | accepted | renamed | merged | moved | deleted | undone
    theme: str  # the theme's name at the time
    detail: str


@dataclass(frozen=True)
class ThemeHistory:
    events: list[ThemeEvent]
    #: Accepts written before schema 6: which themes they created cannot be told apart.
    undated_batches: int


def _role_words(words: Terms) -> dict[str, str]:
    """What each role is called in the project's edition of the IPA terms."""
    return {"theme": words.group_theme, "subtheme": words.sub_theme, "personal": words.personal_theme,
            "emergent": words.statement, "code": "code"}


def theme_history(project: Project) -> ThemeHistory:
    """The history of every theme (group, sub- and personal themes), oldest first."""
    with project.read() as s:
        rows = list(s.execute(select(AuditRow.id, AuditRow.at, AuditRow.coder, AuditRow.action,
                                     AuditRow.target_id, AuditRow.detail, AuditRow.batch)
                              .where(AuditRow.action.in_(_CODE_ACTIONS + _ACCEPTS)).order_by(AuditRow.id)))
        current = {i: (n, r) for i, n, r in s.execute(select(CodeRow.id, CodeRow.name, CodeRow.role))}
    words = _role_words(terms_of(project))

    def _role_word(role: str) -> str:
        return words.get(role, "code")

    accepted = {r.batch for r in rows if r.action == "accept suggestion" and r.batch}
    names: dict[int, str] = {}
    roles: dict[int, str] = {}

    def name(code_id: int | None) -> str:
        if code_id is None:
            return "the top level"
        return names.get(code_id) or current.get(code_id, ("(a code since deleted)", ""))[0]

    def role(code_id: int | None) -> str:
        return roles.get(code_id, current.get(code_id, ("", ""))[1]) if code_id is not None else ""

    events: list[ThemeEvent] = []
    old_accepts = 0
    for r in rows:
        d = json.loads(r.detail or "{}")
        cid = r.target_id

        def add(kind: str, theme: str, detail: str) -> None:
            events.append(ThemeEvent(r.at, r.coder, kind, theme, detail))  # noqa: B023 (called at once)

        if r.action == "create code":
            names[cid], roles[cid] = d.get("name", ""), d.get("role", "code")
            if roles[cid] in THEME_ROLES:
                parent = d.get("parent")
                where = f", under ‘{name(parent)}’" if parent is not None else ""
                how = "accepted from a suggestion" if r.batch in accepted else "created"
                add("accepted" if r.batch in accepted else "created", names[cid],
                    f"{_role_word(roles[cid])} {how}{where}")
        elif r.action == "rename code" and role(cid) in THEME_ROLES:
            add("renamed", d.get("to", ""), f"renamed from ‘{d.get('from', '')}’ to ‘{d.get('to', '')}’")
            names[cid] = d.get("to", names.get(cid, ""))
        elif r.action == "rename code":
            names[cid] = d.get("to", names.get(cid, ""))
        elif r.action == "merge codes" and (role(cid) in THEME_ROLES or _source_was_theme(d, names, roles)):
            moved_codings = d.get("codings_moved", 0)
            add("merged", d.get("target", name(cid)),
                f"‘{d.get('source', '')}’ merged into ‘{d.get('target', '')}’"
                + (f" ({moved_codings} coding{'s' if moved_codings != 1 else ''} moved with it)" if moved_codings
                   else ""))
        elif r.action == "move code":
            moved, to, frm = role(cid), d.get("to_parent"), d.get("from_parent")
            if moved in THEME_ROLES or role(to) in THEME_ROLES or role(frm) in THEME_ROLES:
                add("moved", name(cid) if moved in THEME_ROLES else name(to),
                    f"{_role_word(moved)} ‘{name(cid)}’ moved from ‘{name(frm)}’ to ‘{name(to)}’")
        elif r.action in ("delete code", "remove new code") and role(cid) in THEME_ROLES:
            add("deleted", d.get("name", name(cid)), f"{_role_word(role(cid))} deleted")
        elif r.action in ("undo merge codes", "undo delete code") and role(cid) in THEME_ROLES:
            add("undone", d.get("name", name(cid)), r.action.replace("undo ", "undone: ").replace(" codes", "")
                .replace(" code", ""))
        elif r.action in _ACCEPTS:
            if not r.batch and r.action == "accept suggestion":
                old_accepts += 1
            summary = d.get("summary") or ", ".join(
                _count(d.get(key, 0), word) for key, word in (("themes", "theme"), ("sub_themes", "sub-theme"),
                                                             ("items", "item"))) + " placed"
            verb = {"accept suggestion": "suggested themes accepted", "undo accept suggestion": "accept undone",
                    "redo accept suggestion": "accept redone"}[r.action]
            add("accepted" if r.action != "undo accept suggestion" else "undone", "—", f"{verb}: {summary}")
    return ThemeHistory(events, old_accepts)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _source_was_theme(detail: dict, names: dict[int, str], roles: dict[int, str]) -> bool:
    """Whether the code merged away (known by name only) was a theme."""
    source = detail.get("source")
    return any(roles.get(i) in THEME_ROLES for i, n in names.items() if n == source)
