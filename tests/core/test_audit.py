"""The audit log records who changed what, when — in the same transaction."""

from __future__ import annotations

from qualcode.core.model import NoteKind


def test_actions_are_logged_with_their_coder(transcript_project) -> None:
    project, doc = transcript_project
    code = project.codes.create("Supervision as a lifeline")
    coding = project.coding.apply(doc.id, 10, 20, code.id)
    project.set_coder("Ben")
    project.codes.rename(code.id, "Holding it all")
    project.notes.add(doc.id, 10, 20, "containment", NoteKind.CONCEPTUAL)
    project.coding.remove(coding.id)
    log = project.queries.audit_log()
    actions = [(e.action, e.coder) for e in log]
    assert ("import document", "Ann") in actions
    assert ("apply code", "Ann") in actions
    assert ("rename code", "Ben") in actions
    assert ("add note", "Ben") in actions
    assert ("remove coding", "Ben") in actions
    rename = next(e for e in log if e.action == "rename code")
    assert rename.detail == {"from": "Supervision as a lifeline", "to": "Holding it all"}
    assert [e.at for e in log] == sorted(e.at for e in log)


def test_a_failed_action_leaves_no_audit_entry(transcript_project) -> None:
    project, doc = transcript_project
    before = len(project.queries.audit_log())
    code = project.codes.create("A")
    try:
        project.coding.apply(doc.id, 5, 10_000, code.id)
    except Exception:
        pass
    log = project.queries.audit_log()
    assert len(log) == before + 1  # only the code creation
    assert project.queries.counts()["codings"] == 0
