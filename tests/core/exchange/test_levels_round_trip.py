"""The IPA levels and the kinds of exploratory note survive export → import (issue #14).

Where each goes in REFI-QDA (see :mod:`qualcode.core.exchange.levels`): a
code's role is a set of codes, a personal experiential theme's participant a
``CodeRef`` from that participant's case, a group theme's link to a personal
theme a ``Link``, a note's kind its title.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from qualcode.core.exchange.outgoing import export_qdpx
from qualcode.core.model import CodeRole, NoteKind
from qualcode.core.project import Project
from qualcode.core.themes import levels
from qualcode.core.themes.placement import LinkPersonalTheme
from qualcode.core.themes.roles import ChangeCodeRole
from qualcode.core.transcripts.refi_import import import_refi_project


def _ipa_study(project: Project) -> None:
    """Two participants, a PET each (one with a sub-theme), one group theme gathering both, notes of each kind."""
    maya = project.documents.add_transcript("Maya", "I felt lost at first. Then the team helped.", participant="Maya")
    ravi = project.documents.add_transcript("Ravi", "Nobody explained the rota to me.", participant="Ravi")
    for document, name, (start, end) in ((maya, "Feeling lost", (0, 20)), (ravi, "Left to guess", (0, 31))):
        pet = project.codes.create(name)
        project.coding.apply(document.id, start, end, pet.id)
        ChangeCodeRole(pet.id, CodeRole.PERSONAL, name).do(project)
    group = project.codes.create("Finding one's feet", role=CodeRole.THEME)
    project.codes.create("Being shown the ropes", role=CodeRole.SUBTHEME, parent_id=group.id)
    for pet in levels.personal_themes(project):
        LinkPersonalTheme(group.id, pet.id).do(project)
    for kind, (start, end) in zip(NoteKind, ((0, 7), (8, 20), (22, 30), (31, 43)), strict=True):
        project.notes.add(maya.id, start, end, f"A {kind.value} thought", kind)


def _levels(project: Project) -> dict[str, object]:
    names = {c.id: c.name for c in project.codes.list()}
    owners = levels.participant_names(project)
    maya = project.documents.list()[0]
    return {
        "roles": {c.name: CodeRole(c.role).value for c in project.codes.list()},
        "owners": {c.name: owners.get(c.participant_id) for c in levels.personal_themes(project)},
        "links": {names[g]: sorted(names[p] for p in ps) for g, ps in levels.links(project).items()},
        "notes": sorted((n.start, n.end, NoteKind(n.kind).value, n.text) for n in project.notes.for_document(maya.id)),
    }


def test_pet_owners_group_theme_links_roles_and_note_kinds_come_back(project, tmp_path):
    _ipa_study(project)
    before = _levels(project)
    assert before["owners"] == {"Feeling lost": "Maya", "Left to guess": "Ravi"}  # the study is what it says
    assert before["links"] == {"Finding one's feet": ["Feeling lost", "Left to guess"]}
    export_qdpx(project, tmp_path / "ipa.qdpx")
    with Project.create(tmp_path / "again.qualcode") as again:
        report = import_refi_project(again, tmp_path / "ipa.qdpx")
        assert _levels(again) == before
        assert (report.personal_themes, report.theme_links) == (2, 2)
        assert not any("sets" in line or "links" in line for line in report.not_read), report.not_read


def test_the_levels_live_where_the_standard_has_room_for_them(project, tmp_path):
    _ipa_study(project)
    export_qdpx(project, tmp_path / "ipa.qdpx")
    with zipfile.ZipFile(tmp_path / "ipa.qdpx") as archive:
        xml = archive.read("project.qde").decode()
    assert "<Description>qualcode role: personal</Description>" in xml
    assert '<Link guid=' in xml and 'name="gathers"' in xml
    assert "<CodeRef targetGUID=" in xml.split("<Cases>")[1].split("</Cases>")[0]
    assert 'name="Linguistic note"' in xml


def test_importing_the_same_file_twice_adds_no_second_link_or_owner(project, tmp_path):
    _ipa_study(project)
    export_qdpx(project, tmp_path / "ipa.qdpx")
    with Project.create(tmp_path / "again.qualcode") as again:
        import_refi_project(again, tmp_path / "ipa.qdpx")
        second = import_refi_project(again, tmp_path / "ipa.qdpx")
        assert (second.documents, second.codings, second.theme_links) == (0, 0, 0)
        assert second.documents_reused == 2
        assert len(levels.links(again)[next(c.id for c in again.codes.list() if c.role == "theme")]) == 2


def test_a_link_from_another_tool_between_ordinary_codes_is_counted_not_made(tmp_path):
    path = Path(tmp_path / "other.qdpx")
    codes = ('<Code guid="22222222-2222-2222-2222-222222222221" name="A" isCodable="true"/>'
             '<Code guid="22222222-2222-2222-2222-222222222222" name="B" isCodable="true"/>')
    qde = ('<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="T">'
           f"<CodeBook><Codes>{codes}</Codes></CodeBook><Links><Link guid=\"77777777-7777-7777-7777-777777777777\" "
           'originGUID="22222222-2222-2222-2222-222222222221" targetGUID="22222222-2222-2222-2222-222222222222"/>'
           "</Links></Project>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
    with Project.create(tmp_path / "p.qualcode") as project:
        report = import_refi_project(project, path)
        assert levels.links(project) == {}
        assert report.theme_links == 0
        assert any(line.startswith("links between items") and line.endswith(": 1") for line in report.not_read)
