"""The themes' history from the audit log: names as they were then, accepts told apart (schema 6)."""

from __future__ import annotations

from qualcode.core.journal.history import theme_history
from qualcode.core.model import CodeRole
from qualcode.core.themes.accept import AcceptSuggestion


def test_created_renamed_merged_moved_deleted_in_order_with_names_of_the_time(transcript_project) -> None:
    project, _doc = transcript_project
    a = project.codes.create("Relentless demand", CodeRole.THEME)
    b = project.codes.create("Pressure", CodeRole.THEME)
    sub = project.codes.create("Never enough time", CodeRole.SUBTHEME)
    project.codes.rename(a.id, "Relentlessness")
    project.codes.merge(b.id, a.id)
    project.codes.move(sub.id, a.id)
    project.codes.rename(a.id, "The relentless day")
    project.codes.create("Just a code")  # not a theme: not in the history
    kinds = [(e.kind, e.theme) for e in theme_history(project).events]
    assert kinds == [("created", "Relentless demand"), ("created", "Pressure"), ("created", "Never enough time"),
                     ("renamed", "Relentlessness"), ("merged", "Relentlessness"), ("moved", "Never enough time"),
                     ("renamed", "The relentless day")]
    moved = theme_history(project).events[5]
    assert moved.detail.endswith("moved from ‘the top level’ to ‘Relentlessness’")  # the name at that time
    assert all(e.coder == "Ann" for e in theme_history(project).events)


def test_themes_made_by_an_accepted_suggestion_are_marked_as_such(transcript_project) -> None:
    project, _doc = transcript_project
    project.codes.create("By hand", CodeRole.THEME)
    statement = project.codes.create("Production line", CodeRole.EMERGENT)
    other = project.codes.create("Conveyor belt", CodeRole.EMERGENT)
    data = {"mode": "emergent", "clusters": [
        {"key": "T1", "label": "Work as a machine", "parent": None, "parent_key": None, "items": []},
        {"key": "T1.1", "label": "The line", "parent": "Work as a machine", "parent_key": "T1",
         "items": [{"id": "Production line", "code_id": statement.id},
                   {"id": "Conveyor belt", "code_id": other.id}]}]}
    AcceptSuggestion(data, allow_moves=True).do(project)
    history = theme_history(project)
    how = {e.theme: e.kind for e in history.events}
    assert how["By hand"] == "created"
    assert how["Work as a machine"] == "accepted" and how["The line"] == "accepted"
    assert any(e.detail.startswith("suggested themes accepted") for e in history.events)
    assert history.undated_batches == 0


def test_an_accept_recorded_before_schema_6_is_counted_as_such(transcript_project) -> None:
    project, _doc = transcript_project
    project.codes.create("Made then", CodeRole.THEME)
    with project.transaction() as s:  # as schema 5 wrote it: no batch
        project.audit(s, "accept suggestion", "project", None, {"mode": "emergent", "themes": 1,
                                                                 "sub_themes": 0, "items": 3})
    with project.engine.begin() as conn:
        from sqlalchemy import text

        conn.execute(text("UPDATE audit SET batch = NULL"))
    history = theme_history(project)
    assert history.undated_batches == 1
    assert [e.kind for e in history.events] == ["created", "accepted"]  # not told apart: listed as created
    assert history.events[1].detail == "suggested themes accepted: 1 theme, 0 sub-themes, 3 items placed"
