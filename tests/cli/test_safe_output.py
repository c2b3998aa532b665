"""Outputs never destroy inputs (issue #11, item 1), tried from the command line as a user would.

Every export, mapping and copy is refused, in one line naming the file and
before anything is written, when it would land on a project, on a file the
command reads, or on anything but an ordinary file; otherwise it is written
beside its target and renamed into place, so a failure leaves the old file
as it was and no partial file behind.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from qualcode.cli import main
from qualcode.core.model import MappingEntry
from qualcode.core.project import Project
from qualcode.io.exchange.pseudonym_csv import read_mapping_csv, write_mapping_csv
from qualcode.io.output import OutputRefused, check_output, replacing

REPO = Path(__file__).resolve().parents[2]
MAYA = REPO / "sample_projects" / "interviews" / "maya.txt"
TOM = REPO / "sample_projects" / "interviews" / "tom.txt"


def dump(path: Path) -> str:
    """The project's full SQL dump, read without writing (a read-only connection)."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        return "\n".join(db.iterdump())


@pytest.fixture
def study(tmp_path: Path) -> Path:
    """Maya's transcript, a code on one quote, a second coder's coding: enough for every command."""
    path = tmp_path / "study.qualcode"
    assert main(["init", str(path)]) == 0
    assert main(["import", str(path), str(MAYA)]) == 0
    with Project.open(path) as project:
        doc = project.documents.by_title("maya")
        text = project.documents.text(doc.id)
        start = text.index("supervisor, Helen")
        code = project.codes.create("Supervision as a lifeline")
        project.coding.apply(doc.id, start, start + 40, code.id)
        project.set_coder("Sam")
        project.coding.apply(doc.id, start, start + 40, code.id)
    return path


def refused(args: list[str], capsys: pytest.CaptureFixture[str], names: str) -> str:
    """Run ``qualcode args``; assert exit 2 and one line naming ``names``; return the line."""
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"qualcode: {names}: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err.strip()


def test_the_reported_case_exits_2_and_leaves_the_project_whole(study: Path) -> None:
    """``qualcode export P codebook -o P --format csv`` used to turn the project into a CSV."""
    before = dump(study)
    run = subprocess.run([sys.executable, "-m", "qualcode", "export", str(study), "codebook", "-o", str(study),
                          "--format", "csv"], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert run.returncode == 2
    assert run.stderr == f"qualcode: {study}: is a qualcode project — qualcode never writes over one; " \
                         "choose another file name\n"
    assert dump(study) == before
    with Project.open(study) as project:
        assert project.queries.counts()["documents"] == 1


@pytest.mark.parametrize("target", ["project", "symlink", "hard link", "other project"])
@pytest.mark.parametrize("report", [("codebook", "csv"), ("codebook", "json"), ("master", "xlsx"),
                                    ("master", "docx"), ("master", "html")])
def test_no_report_is_written_over_a_project(study: Path, tmp_path: Path, capsys, target: str,
                                             report: tuple[str, str]) -> None:
    name, fmt = report
    out = {"project": study, "symlink": tmp_path / f"link.{fmt}", "hard link": tmp_path / f"hard.{fmt}",
           "other project": tmp_path / f"other.{fmt}"}[target]
    if target == "symlink":
        out.symlink_to(study)
    elif target == "hard link":
        os.link(study, out)
    elif target == "other project":
        Project.create(out).close()
    before, other = dump(study), dump(out)
    line = refused(["export", str(study), name, "-o", str(out), "--format", fmt], capsys, str(out))
    assert "is a qualcode project" in line
    assert dump(study) == before and dump(out) == other
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


def test_anonymise_never_writes_the_mapping_over_the_project(study: Path, capsys) -> None:
    before = dump(study)
    refused(["anonymise", str(study), "--export-mapping", str(study)], capsys, str(study))
    refused(["anonymise", str(study), "--list", str(study), "--basic"], capsys, str(study))
    assert dump(study) == before


def test_anonymise_refuses_before_replacing_any_name(study: Path, tmp_path: Path, capsys) -> None:
    """An --export-mapping onto the project is refused before the mapping is applied, not after."""
    mapping = tmp_path / "mapping.csv"
    mapping.write_text("original,replacement,kind\nHelen,Hannah,person\n", encoding="utf-8")
    before = dump(study)
    refused(["anonymise", str(study), "--apply", str(mapping), "--export-mapping", str(study)], capsys,
            str(study))
    assert dump(study) == before and "Helen" in before


def test_the_mapping_applied_is_not_written_over(study: Path, tmp_path: Path, capsys) -> None:
    mapping = tmp_path / "mapping.csv"
    text = "original,replacement,kind\nHelen,Hannah,person\n"
    mapping.write_text(text, encoding="utf-8")
    before = dump(study)
    line = refused(["anonymise", str(study), "--apply", str(mapping), "--export-mapping", str(mapping)], capsys,
                   str(mapping))
    assert "is a file this command reads" in line
    assert mapping.read_text(encoding="utf-8") == text and dump(study) == before


@pytest.mark.parametrize("command", [
    ["agreement", "{p}", "--coders", "Researcher", "Sam", "-o", "{out}.csv"],
    ["suggest", "{p}", "--items", "segments", "--code", "Supervision as a lifeline", "-o", "{out}.json"],
    ["split", "{p}", "{p}"],
])
def test_other_outputs_are_never_written_over_the_project(study: Path, tmp_path: Path, capsys,
                                                          command: list[str]) -> None:
    out = tmp_path / "linked"
    args = [a.format(p=study, out=out) for a in command]
    if args[-1] != str(study):
        os.link(study, args[-1])
    before = dump(study)
    refused(args, capsys, args[-1])
    assert dump(study) == before


@pytest.mark.parametrize("where", ["folder", "device", "journal"])
def test_a_folder_a_device_or_a_journal_is_refused(study: Path, tmp_path: Path, capsys, where: str) -> None:
    out = {"folder": tmp_path, "device": Path(os.devnull), "journal": Path(f"{study}-journal")}[where]
    if where == "journal":
        out.write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + bytes(504))
    line = refused(["export", str(study), "codebook", "-o", str(out), "--format", "csv"], capsys, str(out))
    assert {"folder": "is a folder", "device": "not an ordinary file", "journal": "journal of the project"}[where] \
        in line


def test_a_failed_export_leaves_the_old_file_and_nothing_else(study: Path, tmp_path: Path, capsys,
                                                              monkeypatch) -> None:
    """A disk that fills half-way through: one line, the earlier report intact, no partial file."""
    from qualcode.reports import writers

    report = tmp_path / "master.docx"
    assert main(["export", str(study), "master", "-o", str(report)]) == 0
    old = report.read_bytes()
    capsys.readouterr()
    writers.formats()

    def full_disk(doc, path: Path) -> None:
        path.write_bytes(b"half a report")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setitem(writers._WRITERS, "docx", full_disk)
    line = refused(["export", str(study), "master", "-o", str(report)], capsys, str(report))
    assert "No space left on device" in line and "nothing was changed" in line
    assert report.read_bytes() == old
    monkeypatch.setitem(writers._WRITERS, "csv", full_disk)
    refused(["export", str(study), "master", "-o", str(tmp_path / "new.csv")], capsys, str(tmp_path / "new.csv"))
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("study.qualcode")) == ["master.docx"]


def test_an_export_replaces_an_older_one_keeping_its_permissions_and_links(study: Path, tmp_path: Path) -> None:
    real = tmp_path / "shared" / "codebook.csv"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "codebook.csv"
    link.symlink_to(real)
    assert main(["export", str(study), "codebook", "-o", str(link)]) == 0
    assert link.is_symlink() and "Supervision as a lifeline" in real.read_text(encoding="utf-8-sig")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in real.parent.iterdir()) == ["codebook.csv"]


def test_a_failed_copy_for_a_second_coder_leaves_nothing(study: Path, tmp_path: Path, monkeypatch) -> None:
    from qualcode.core.reliability import second_coder_copy

    def broken(*args, **kwargs):
        raise RuntimeError("the copy broke half-way")

    monkeypatch.setattr(second_coder_copy, "_fill", broken)
    with Project.open(study) as project, pytest.raises(RuntimeError):
        second_coder_copy.prepare_copy(project, tmp_path / "sam.qualcode", "Sam")
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("study.qualcode")) == []


def test_a_copy_for_a_second_coder_is_whole_under_its_own_name(study: Path, tmp_path: Path, capsys) -> None:
    copy = tmp_path / "sam.qualcode"
    assert main(["split", str(study), str(copy), "--coder", "Sam"]) == 0
    assert capsys.readouterr().out.startswith("sam.qualcode: 1 of 1 documents")
    assert not Path(f"{copy}-wal").exists()
    with Project.open(copy) as project:
        assert project.queries.counts()["documents"] == 1


def test_a_mapping_keeps_a_name_that_looks_like_a_formula(tmp_path: Path) -> None:
    """The mapping file is safe to open in a spreadsheet and reads back as written."""
    path = tmp_path / "mapping.csv"
    write_mapping_csv(path, [MappingEntry("=Evil()", "@Good", "person", 2), MappingEntry("Ann", "-1", "person")])
    assert "'=Evil()" in path.read_text(encoding="utf-8")
    assert [(e.original, e.replacement) for e in read_mapping_csv(path)] == [("=Evil()", "@Good"), ("Ann", "-1")]


def test_replacing_names_the_file_and_keeps_its_suffix(tmp_path: Path) -> None:
    target = tmp_path / "table.xlsx"
    with replacing(target) as partial:
        assert partial.name == "table.xlsx" and partial.parent != tmp_path
        partial.write_text("new", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "new"
    with pytest.raises(OutputRefused, match="is a file this command reads"):
        check_output(target, reads=[tmp_path / "table.xlsx"])


def test_a_screenshot_is_never_saved_over_the_project(study: Path, tmp_path: Path, capsys) -> None:
    picture = tmp_path / "window.png"
    os.link(study, picture)
    before = dump(study)
    refused(["gui", str(study), "--screenshot", str(picture)], capsys, str(picture))
    assert dump(study) == before


def test_another_programs_database_is_refused_too(tmp_path: Path) -> None:
    other = tmp_path / "places.csv"
    with closing(sqlite3.connect(other)) as db:
        db.execute("PRAGMA application_id = 42")
        db.execute("CREATE TABLE t (x)")
        db.commit()
    with pytest.raises(OutputRefused, match=r"places\.csv: is a database — "):
        check_output(other)
    project = tmp_path / "p.csv"
    Project.create(project).close()
    with pytest.raises(OutputRefused, match=r"p\.csv: is a qualcode project — "):
        check_output(project)
