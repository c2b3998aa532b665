"""``qualcode backups`` and ``qualcode restore``, run as a researcher runs them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from qualcode.cli import main
from qualcode.core.safety.backups import backup_folder, list_backups

REPO = Path(__file__).resolve().parents[2]
MAYA = REPO / "sample_projects" / "interviews" / "maya.txt"
TOM = REPO / "sample_projects" / "interviews" / "tom.txt"
CODEBOOK = REPO / "codebooks" / "reflexive-ta.json"


def run(capsys, *args: str) -> tuple[int, list[str], list[str]]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out.strip().splitlines(), err.strip().splitlines()


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as con:
        return list(con.iterdump())


def test_backups_are_listed_with_time_reason_size_and_counts(tmp_path: Path, capsys) -> None:
    path = tmp_path / "study.qualcode"
    assert run(capsys, "init", str(path))[0] == 0
    assert run(capsys, "backups", str(path))[1] == [f"No backups of {path} yet (they go in {backup_folder(path)})"]
    run(capsys, "import", str(path), str(MAYA))  # a new, empty project: nothing to back up yet
    run(capsys, "import", str(path), "--codebook", str(CODEBOOK))
    run(capsys, "import", str(path), str(TOM))
    status, out, err = run(capsys, "backups", str(path))
    assert status == 0 and err == []
    assert out[0] == f"Backups of {path} in {backup_folder(path)}, newest first:"
    newest, oldest = out[1], out[2]
    assert "batch import" in newest and "1 documents" in newest and "5 codes" in newest
    assert "codebook import" in oldest and "1 documents" in oldest and "0 codes" in oldest
    assert " KB " in newest and newest.endswith("_batch-import.qualcode")
    assert out[-1] == "(the newest 20 are kept; change that with --keep N)"
    status, out, _ = run(capsys, "backups", str(path), "--keep", "1")
    assert status == 0 and out[0] == f"{path}: the newest 1 backups are kept (1 older ones deleted)"
    assert len(list_backups(path)) == 1


def test_restore_goes_to_a_new_file_and_over_the_project_only_with_replace(tmp_path: Path, capsys) -> None:
    path = tmp_path / "study.qualcode"
    run(capsys, "init", str(path))
    run(capsys, "import", str(path), str(MAYA))
    before_tom = dump(path)
    run(capsys, "import", str(path), str(TOM))
    with_tom = dump(path)
    newest = list_backups(path)[0]
    new = tmp_path / "before-tom.qualcode"
    status, out, _ = run(capsys, "restore", str(path), newest.name, "-o", str(new))
    assert status == 0 and out == [f"Restored {newest.name} ({newest.created:%Y-%m-%d %H:%M:%S}, batch import) "
                                   f"to {new}"]
    assert dump(new) == before_tom and dump(path) == with_tom
    status, _, err = run(capsys, "restore", str(path), newest.name, "-o", str(new))
    assert status == 2 and err == [f"qualcode: {new}: a file already exists there; choose another name "
                                   "(or --replace to restore over the project)"]
    assert dump(new) == before_tom
    status, out, _ = run(capsys, "restore", str(path), newest.name, "--replace")
    assert status == 0 and out[0].endswith(f"over {path}; the project as it was is now the newest backup")
    assert dump(path) == before_tom
    assert dump(list_backups(path)[0].path) == with_tom  # the project as it was, kept before replacing
    status, _, err = run(capsys, "restore", str(path), "2020-01-01_00-00-00-000_merge.qualcode")
    assert status == 2 and len(err) == 1 and "no such backup" in err[0]


def test_a_damaged_project_names_its_latest_good_backup(tmp_path: Path, capsys) -> None:
    path = tmp_path / "study.qualcode"
    run(capsys, "init", str(path))
    run(capsys, "import", str(path), str(MAYA))
    run(capsys, "import", str(path), "--codebook", str(CODEBOOK))
    good = list_backups(path)[0]
    con = sqlite3.connect(path)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'document'").fetchone()[0]
    con.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\x0d\x00\x00\xff" + b"\xee" * 300)
    status, _, err = run(capsys, "info", str(path))
    assert status == 2 and len(err) == 1
    assert err[0].startswith(f"qualcode: {path}: the project file is damaged (")
    assert err[0].endswith(f"restore it with: qualcode restore {path} {good.name}")
    status, out, _ = run(capsys, "restore", str(path), "latest", "-o", str(tmp_path / "saved.qualcode"))
    assert status == 0 and out[0].startswith(f"Restored {good.name}")
    status, out, _ = run(capsys, "info", str(tmp_path / "saved.qualcode"))
    assert status == 0
