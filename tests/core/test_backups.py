"""Automatic backups: taken before every bulk operation and every ten minutes of editing, rotated, restored."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from qualcode.core.model import MappingEntry
from qualcode.core.project import Project, ProjectDamaged, ProjectError
from qualcode.core.safety import backups as bk
from qualcode.core.safety.restore import restore

REPO = Path(__file__).resolve().parents[2]
MAYA = REPO / "sample_projects" / "interviews" / "maya.txt"
CODEBOOK = REPO / "codebooks" / "reflexive-ta.json"


def dump(path: str | Path) -> list[str]:
    with sqlite3.connect(path) as con:
        return list(con.iterdump())


def reasons(project: Project) -> list[str]:
    return [b.reason for b in bk.list_backups(project.location)]


def _survey(project: Project, tmp: Path) -> None:
    from qualcode.core.surveys.importing import import_survey

    answers = tmp / "answers.csv"
    answers.write_text("id,group,q1\nR1,a,More pay and better salaries\nR2,b,Pay rise please and salaries are low\n"
                       "R3,a,Less paperwork and admin\nR4,b,Too much admin and paperwork\n", encoding="utf-8")
    import_survey(project, answers, "id", ["q1"], ["group"])


def _batch_import(project: Project, tmp: Path) -> None:
    from qualcode.core.transcripts.importing import import_transcripts

    assert import_transcripts(project, [MAYA]).outcomes[0].imported


def _survey_import(project: Project, tmp: Path) -> None:
    _survey(project, tmp)


def _code_sheet_import(project: Project, tmp: Path) -> None:
    from qualcode.core.surveys.code_sheets import import_code_sheet

    _survey(project, tmp)
    shutil.rmtree(bk.backup_folder(project.location))  # only the code sheet's backup is looked at
    project.codes.create("Pay")
    sheet = tmp / "sheet.csv"
    sheet.write_text("id,Pay\nR1,1\nR2,1\n", encoding="utf-8")
    import_code_sheet(project, sheet, "id", coder="Sam", question="q1")


def _codebook_import(project: Project, tmp: Path) -> None:
    from qualcode.core.themes.codebook import import_codebook

    import_codebook(project, CODEBOOK)


def _merge(project: Project, tmp: Path) -> None:
    from qualcode.core.reliability.merge import merge_project

    _batch_import(project, tmp)
    from qualcode.store.backup import copy_database

    other = tmp / "sam.qualcode"
    copy_database(project.location, other)  # a second coder's copy
    shutil.rmtree(bk.backup_folder(project.location))
    merge_project(project, other)


def _anonymise(project: Project, tmp: Path) -> None:
    from qualcode.core.transcripts.pseudonymise import apply_mapping

    _batch_import(project, tmp)
    shutil.rmtree(bk.backup_folder(project.location))
    apply_mapping(project, [MappingEntry("Helen", "[Colleague 1]")])


def _accept(project: Project, tmp: Path) -> None:
    from qualcode.core.themes import suggestions as sg
    from qualcode.core.themes.accept import accept_suggestion

    _survey(project, tmp)
    shutil.rmtree(bk.backup_folder(project.location))
    data = sg.suggest_themes(project, sg.answer_items(project, "q1"), clusters=2, themes=1, backend="tfidf")
    accept_suggestion(project, data)


@pytest.mark.parametrize(("operation", "reason"), [
    (_batch_import, "batch import"), (_survey_import, "survey import"), (_code_sheet_import, "code-sheet import"),
    (_codebook_import, "codebook import"), (_merge, "merge"), (_anonymise, "anonymise"), (_accept, "accept"),
])
def test_every_bulk_operation_backs_the_project_up_first(project: Project, tmp_path: Path, operation,
                                                         reason: str) -> None:
    project.codes.create("Mine")  # not an empty project (an empty one has nothing to back up)
    operation(project, tmp_path)
    (backup,) = bk.list_backups(project.location)
    assert backup.reason == reason
    assert backup.path.parent == Path(project.location).with_name("test.qualcode-backups")
    assert backup.name.endswith("_" + reason.replace(" ", "-") + ".qualcode")
    assert backup.size == backup.path.stat().st_size > 0
    # The backup is the project as it was before: a sound qualcode project, openable on its own.
    with Project.open(backup.path, read_only=True) as copy:
        assert copy.queries.counts()["documents"] == backup.counts["documents"]


def test_a_new_empty_project_is_not_backed_up(project: Project) -> None:
    from qualcode.core.themes.codebook import import_codebook

    import_codebook(project, CODEBOOK)
    assert bk.list_backups(project.location) == []
    import_codebook(project, CODEBOOK)
    assert reasons(project) == ["codebook import"]


def test_the_backup_holds_the_project_as_it_was_before_the_operation(project: Project) -> None:
    from qualcode.core.themes.codebook import import_codebook

    project.codes.create("Mine")
    before = dump(project.location)
    import_codebook(project, CODEBOOK)
    (backup,) = bk.list_backups(project.location)
    assert dump(backup.path) == before
    assert backup.counts == {"documents": 0, "codes": 1, "codings": 0}


def test_only_the_newest_twenty_are_kept_and_the_number_is_a_setting(project: Project) -> None:
    for i in range(23):
        project.codes.create(f"code {i}")  # a change, so each backup differs from the one before
        project.backups.before("codebook import")
    names = [b.name for b in bk.list_backups(project.location)]
    assert len(names) == 20
    assert len(list(bk.backup_folder(project.location).glob("*.json"))) == 20  # sidecars go with their backups
    assert bk.list_backups(project.location)[0].counts["codes"] == 23
    project.set_meta(bk.KEEP_KEY, "5")
    project.codes.create("one more")
    project.backups.before("merge")
    assert len(bk.list_backups(project.location)) == 5
    assert bk.kept(project.location) == 5


def test_nothing_written_since_the_latest_backup_takes_no_second_one(project: Project, tmp_path: Path) -> None:
    from qualcode.core.errors import QualcodeError
    from qualcode.core.themes.codebook import import_codebook

    project.codes.create("Mine")
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    import_codebook(project, CODEBOOK)
    for _ in range(3):  # refused imports must not push the useful backups out of the rotation
        with pytest.raises(QualcodeError):
            project.backups.before("codebook import")
            raise QualcodeError("refused")
    assert len(bk.list_backups(project.location)) == 2


def test_ten_minutes_of_editing_take_a_backup_and_not_before(project: Project, monkeypatch) -> None:
    project.codes.create("First")
    assert bk.list_backups(project.location) == []  # a new project starts its ten minutes at creation
    clock = [bk.time.time()]
    monkeypatch.setattr(bk.time, "time", lambda: clock[0])
    clock[0] += bk.INTERVAL + 1
    before = dump(project.location)
    project.codes.create("Second")
    (backup,) = bk.list_backups(project.location)
    assert backup.reason == "editing" and dump(backup.path) == before
    clock[0] += bk.INTERVAL - 5
    project.codes.create("Third")
    assert len(bk.list_backups(project.location)) == 1
    clock[0] += 10
    project.codes.create("Fourth")
    assert [b.reason for b in bk.list_backups(project.location)] == ["editing", "editing"]


def test_an_opened_project_without_a_recent_backup_is_backed_up_on_its_first_write(tmp_path: Path) -> None:
    path = tmp_path / "old.qualcode"
    with Project.create(path) as project:
        project.codes.create("First")
    with Project.open(path) as project:
        project.codes.create("Later")
        assert reasons(project) == ["editing"]
        project.codes.create("And later")
        assert reasons(project) == ["editing"]


def test_restore_round_trip_gives_the_project_as_it_was(project: Project, tmp_path: Path) -> None:
    from qualcode.core.themes.codebook import import_codebook

    project.codes.create("Mine")
    before = dump(project.location)
    import_codebook(project, CODEBOOK)
    written, backup = restore(project.location, "latest", tmp_path / "back.qualcode")
    assert written == tmp_path / "back.qualcode" and backup.reason == "codebook import"
    assert dump(written) == before
    with Project.open(written) as restored:
        assert [c.name for c in restored.codes.list()] == ["Mine"]


def test_restore_never_writes_over_a_file_unless_told(project: Project, tmp_path: Path) -> None:
    from qualcode.core.themes.codebook import import_codebook

    project.codes.create("Mine")
    import_codebook(project, CODEBOOK)
    after = dump(project.location)
    existing = tmp_path / "taken.qualcode"
    existing.write_bytes(b"someone's file")
    with pytest.raises(ProjectError, match="taken.qualcode: a file already exists there"):
        restore(project.location, "latest", existing)
    assert existing.read_bytes() == b"someone's file"
    written, _ = restore(project.location, "latest")  # by default: a new file beside the project
    assert written.parent == tmp_path and written.name.startswith("test (restored ")
    with pytest.raises(ProjectError, match="already exists"):
        restore(project.location, "latest")  # ...and never the same one twice
    assert dump(project.location) == after  # the project itself untouched throughout


def test_restore_over_the_project_backs_it_up_first(project: Project) -> None:
    from qualcode.core.themes.codebook import import_codebook

    project.codes.create("Mine")
    before = dump(project.location)
    import_codebook(project, CODEBOOK)
    after = dump(project.location)
    restore(project.location, "latest", replace=True)
    assert dump(project.location) == before
    assert [c.name for c in project.codes.list()] == ["Mine"]  # the open project sees the restored content
    newest = bk.list_backups(project.location)[0]
    assert newest.reason == "before restore" and dump(newest.path) == after


def test_a_damaged_project_is_refused_naming_its_latest_good_backup(project: Project, tmp_path: Path) -> None:
    from qualcode.core.themes.codebook import import_codebook

    project.codes.create("Mine")
    import_codebook(project, CODEBOOK)
    (good,) = bk.list_backups(project.location)
    path = Path(project.location)
    project.close()
    _damage(path)
    with pytest.raises(ProjectDamaged) as caught:
        Project.open(path)
    message = caught.value.message
    assert message.startswith(f"{path}: the project file is damaged (")
    assert str(good.path) in message and f"qualcode restore {path} {good.name}" in message
    written, _ = restore(path, good.name, tmp_path / "saved.qualcode")
    with Project.open(written) as saved:
        assert [c.name for c in saved.codes.list()] == ["Mine"]


def test_a_damaged_project_without_backups_says_there_is_none(tmp_path: Path) -> None:
    path = tmp_path / "lonely.qualcode"
    with Project.create(path) as project:
        project.codes.create("Mine")
    _damage(path)
    with pytest.raises(ProjectDamaged, match="there is no good backup of it"):
        Project.open(path)


def _damage(path: Path) -> None:
    """Overwrite the code table's first page with garbage, as a failing disk would."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'code'").fetchone()[0]
    con.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\x0d\x00\x00\xff" + b"\xee" * 300)
