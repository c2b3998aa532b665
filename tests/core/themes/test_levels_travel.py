"""The IPA levels travel: a second coder's copy and the merge back, the codebook files out and in.

Each keeps whose each PET is (``code.participant_id``) and which GETs gather
it (``theme_link``), which the code tree alone does not say.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from two_levels import with_group_themes

from qualcode.core.model import CodeRole
from qualcode.core.project import Project
from qualcode.core.reliability.merge import merge_project
from qualcode.core.reliability.second_coder_copy import SampleSpec, prepare_copy
from qualcode.store.schema import CodeRow, ParticipantRow, ThemeLinkRow


@pytest.fixture
def study(tmp_path: Path) -> Iterator[tuple[Project, dict]]:
    with Project.create(tmp_path / "study.qualcode") as p:
        built = with_group_themes(p)
        yield p, built


def levels_by_guid(project: Project) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """Each PET's owner (guid → pseudonym) and each link (guids): comparable across projects."""
    with project.read() as s:
        owners = dict(s.execute(select(CodeRow.guid, ParticipantRow.pseudonym)
                                .join(ParticipantRow, ParticipantRow.id == CodeRow.participant_id)).all())
        guid = dict(s.execute(select(CodeRow.id, CodeRow.guid)).all())
        links = {(guid[g], guid[p]) for g, p in s.execute(select(ThemeLinkRow.group_id, ThemeLinkRow.personal_id))}
    return owners, links


def test_the_second_coders_copy_keeps_pet_owners_and_group_links(study, tmp_path: Path) -> None:
    project, _built = study
    owners, links = levels_by_guid(project)
    assert len(owners) == 6 and len(links) == 4  # three participants' two PETs; Maya's and Tom's in two GETs
    prepare_copy(project, tmp_path / "all.qualcode", "Sam")
    with Project.open(tmp_path / "all.qualcode") as copy:
        assert levels_by_guid(copy) == (owners, links)
    # A sample without Lee's transcript: Lee still owns Lee's PETs in the copy (Lee comes, without the transcript).
    maya_only = tuple(d.id for d in project.documents.list() if d.title.startswith("Maya"))
    prepare_copy(project, tmp_path / "maya.qualcode", "Sam", SampleSpec(document_ids=maya_only))
    with Project.open(tmp_path / "maya.qualcode") as copy:
        assert levels_by_guid(copy) == (owners, links)
        assert [d.title for d in copy.documents.list()] == ["Maya interview"]


def test_merging_back_brings_new_pets_owners_and_their_links_but_leaves_ours(study, tmp_path: Path) -> None:
    project, _built = study
    prepare_copy(project, tmp_path / "copy.qualcode", "Sam")
    with Project.open(tmp_path / "copy.qualcode") as copy, copy.transaction() as s:
        tom = s.scalar(select(ParticipantRow.id).where(ParticipantRow.pseudonym == "Tom"))
        pet = copy.codes.create_in(s, "Tom: watched", CodeRole.PERSONAL)
        pet.participant_id = tom
        get = copy.codes.create_in(s, "Being watched", CodeRole.THEME)
        guid = {r.name: r.id for r in s.scalars(select(CodeRow))}
        s.add(ThemeLinkRow(group_id=get.id, personal_id=pet.id))  # new GET → new PET
        s.add(ThemeLinkRow(group_id=get.id, personal_id=guid["Maya: the numbers"]))  # new GET → our PET
        # Between two codes we both had: Lee's PET into our first GET's sub-theme.
        s.add(ThemeLinkRow(group_id=guid["Targets before people"], personal_id=guid["Lee: the numbers"]))
    owners, links = levels_by_guid(project)
    report = merge_project(project, tmp_path / "copy.qualcode")
    new_owners, new_links = levels_by_guid(project)
    with project.read() as s:
        ids = {r.name: r.guid for r in s.scalars(select(CodeRow))}
    assert new_owners == owners | {ids["Tom: watched"]: "Tom"}
    assert new_links == links | {(ids["Being watched"], ids["Tom: watched"]),
                                 (ids["Being watched"], ids["Maya: the numbers"])}
    assert (report.pets_owned, report.theme_links_added) == (1, 2)
    assert "links from group themes to personal themes added: 2" in report.summary()


def test_the_codebook_json_carries_pet_owners_and_links_into_another_project(study, tmp_path: Path) -> None:
    from two_levels import statements_only

    from qualcode.core.themes.codebook import export_codebook_json, import_codebook_json

    project, _built = study
    export_codebook_json(project, tmp_path / "codebook.json")
    owners, links = levels_by_guid(project)

    def by_name(p: Project) -> tuple[set, set]:
        """Owners and links by name: a codebook brings new guids into another project."""
        o, ln = levels_by_guid(p)
        with p.read() as s:
            name = dict(s.execute(select(CodeRow.guid, CodeRow.name)).all())
        return {(name[g], who) for g, who in o.items()}, {(name[g], name[q]) for g, q in ln}

    with Project.create(tmp_path / "team.qualcode") as team:
        statements_only(team)  # the same participants, their statements at the top level
        import_codebook_json(team, tmp_path / "codebook.json")
        assert by_name(team) == by_name(project)
        assert len(levels_by_guid(team)[1]) == len(links) and len(levels_by_guid(team)[0]) == len(owners)
        import_codebook_json(team, tmp_path / "codebook.json")  # again: nothing doubled
        assert by_name(team) == by_name(project) and len(levels_by_guid(team)[1]) == len(links)


def test_the_excel_codebook_carries_pet_owners_and_links_too(study, tmp_path: Path) -> None:
    """The sheet a team edits in Excel: Participant and Gathers columns; two participants' same-named PETs stay two."""
    from two_levels import statements_only

    from qualcode.core.themes.codebook import import_codebook_xlsx
    from qualcode.reports.codebook import codebook_document
    from qualcode.reports.writers import write

    project, _built = study
    # Two participants' PETs may share a name (and so a path): the sheet must keep them apart.
    pets = [c for c in project.codes.list() if c.role == CodeRole.PERSONAL]
    other = next(p for p in pets if p.participant_id != pets[0].participant_id)
    project.codes.rename(other.id, pets[0].name)
    write(codebook_document(project), tmp_path / "codebook.xlsx")

    def by_name(p: Project) -> tuple[set, set]:
        o, ln = levels_by_guid(p)
        with p.read() as s:
            name = dict(s.execute(select(CodeRow.guid, CodeRow.name)).all())
        return {(name[g], who) for g, who in o.items()}, {(name[g], name[q]) for g, q in ln}

    with Project.create(tmp_path / "team.qualcode") as team:
        statements_only(team)
        import_codebook_xlsx(team, tmp_path / "codebook.xlsx")
        assert by_name(team) == by_name(project)
        assert len([c for c in team.codes.list() if c.role == CodeRole.PERSONAL]) == len(pets)
