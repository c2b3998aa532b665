"""The project file: other files refused untouched, read-only projects, a held lock, a full disk."""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from qualcode.cli import main
from qualcode.core.project import Project, ProjectBusy, ProjectError, ProjectReadOnly, ProjectStorageError
from qualcode.store.engine import APPLICATION_ID, BUSY_TIMEOUT

DATA = Path(__file__).parent / "data"
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as con:
        return list(con.iterdump())


def run(capsys, *args: str) -> tuple[int, str, list[str]]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err.strip().splitlines()


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "study.qualcode"
    with Project.create(path) as project:
        project.codes.create("Being held")
    return path


def test_a_new_project_carries_qualcodes_application_id(saved: Path) -> None:
    with sqlite3.connect(saved) as con:
        assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_an_old_project_gets_the_application_id_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "old.qualcode"
    with sqlite3.connect(path) as con:
        con.executescript((DATA / "project_schema_v1.sql").read_text(encoding="utf-8"))
        assert con.execute("PRAGMA application_id").fetchone()[0] == 0
    Project.open(path).close()
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


@pytest.mark.parametrize("application_id", [0, 0x4D504246])
def test_another_programs_sqlite_file_is_refused_and_left_byte_for_byte(tmp_path: Path, capsys,
                                                                       application_id: int) -> None:
    path = tmp_path / "photos.db"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA application_id = {application_id}")
    con.execute("CREATE TABLE photo (name TEXT)")
    con.execute("INSERT INTO photo VALUES ('beach.jpg')")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(ProjectError, match="not a qualcode project"):
        Project.open(path)
    status, _, err = run(capsys, "import", str(path), str(DATA / "project_schema_v1.sql"))
    assert status == 2 and len(err) == 1 and err[0].startswith(f"qualcode: {path}: ")
    assert "left as it was" in err[0]
    assert path.read_bytes() == before  # not switched to WAL, not written at all
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0


def test_an_empty_file_is_refused_and_stays_empty(tmp_path: Path, capsys) -> None:
    path = tmp_path / "empty.qualcode"
    path.write_bytes(b"")
    with pytest.raises(ProjectError, match="the file is empty"):
        Project.open(path)
    status, _, err = run(capsys, "info", str(path))
    assert status == 2 and err == [f"qualcode: {path}: the file is empty (0 bytes), not a qualcode project; "
                                   "it was left as it was"]
    assert path.read_bytes() == b""
    Project.create(path).close()  # creating is the one thing that may write into an empty file
    assert path.stat().st_size > 0


def test_a_project_opened_read_only_reads_and_refuses_every_write(saved: Path) -> None:
    before = saved.read_bytes()
    with Project.open(saved, read_only=True) as project:
        assert project.read_only == "opened read-only"
        assert [c.name for c in project.codes.list()] == ["Being held"]
        with pytest.raises(ProjectReadOnly) as caught:
            project.codes.create("Anything")
        assert caught.value.message == f"{saved} is read-only: opened read-only; nothing was changed"
        with pytest.raises(ProjectReadOnly):
            project.backups.before("batch import")
    assert saved.read_bytes() == before


def _read_only(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 444; run as root the system still lets writes through, so qualcode is told by the mode bits."""
    path.chmod(0o444)
    if AS_ROOT:
        import qualcode.core.safety.opening as opening

        def by_mode(p) -> str | None:
            return None if os.stat(p).st_mode & stat.S_IWUSR else "the file is not writable"

        monkeypatch.setattr(opening, "why_not_writable", by_mode)


def test_a_read_only_file_opens_read_only_in_the_cli(saved: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    _read_only(saved, monkeypatch)
    before = dump(saved)
    status, out, _ = run(capsys, "info", str(saved), "--json")
    assert status == 0 and '"codes": 1' in out
    status, _, _ = run(capsys, "export", str(saved), "codebook", "-o", str(tmp_path / "codebook.json"))
    assert status == 0 and (tmp_path / "codebook.json").exists()
    status, _, err = run(capsys, "import", str(saved), "--codebook", str(tmp_path / "codebook.json"))
    assert status == 2
    assert err == [f"qualcode: {saved} is read-only: the file is not writable; nothing was changed"]
    assert dump(saved) == before
    saved.chmod(0o644)


@pytest.mark.skipif(AS_ROOT, reason="run as root, chmod does not stop writes (the test above covers it by mode bits)")
def test_a_chmod_444_project_is_read_only_for_its_owner(saved: Path) -> None:
    saved.chmod(0o444)
    try:
        with Project.open(saved) as project:
            assert project.read_only == "the file is not writable"
    finally:
        saved.chmod(0o644)


def _hold_write_lock(path: Path) -> sqlite3.Connection:
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_another_programs_write_lock_gives_one_line_after_a_short_wait(saved: Path, capsys, monkeypatch) -> None:
    before = dump(saved)
    other = _hold_write_lock(saved)
    try:
        with Project.open(saved) as project:
            started = time.monotonic()
            with pytest.raises(ProjectBusy) as caught:
                project.codes.create("Waiting")
            waited = time.monotonic() - started
            assert BUSY_TIMEOUT - 0.5 <= waited < BUSY_TIMEOUT + 3  # a few seconds, not 30
            assert "another program is writing to this project" in caught.value.message
        monkeypatch.setattr("qualcode.store.engine.BUSY_TIMEOUT", 1.0)  # the CLI's wait, shortened here
        status, _, err = run(capsys, "import", str(saved), "--codebook",
                             str(Path(__file__).parents[2] / "codebooks" / "reflexive-ta.json"))
        assert status == 2 and len(err) == 1
        assert err[0].startswith(f"qualcode: {saved}: another program is writing to this project")
        assert "nothing was changed" in err[0]
    finally:
        other.rollback()
        other.close()
    assert dump(saved) == before
    with Project.open(saved) as project:  # once the other program is done, the same action works
        project.codes.create("Waiting")


def test_a_full_disk_is_one_line_and_nothing_is_lost(saved: Path) -> None:
    with Project.open(saved) as project:
        project.engine.dispose()
        pages = sqlite3.connect(saved).execute("PRAGMA page_count").fetchone()[0]

        @event.listens_for(project.engine, "connect")
        def _small_disk(dbapi_connection, _record) -> None:
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 1}")

        before = dump(saved)
        with pytest.raises(ProjectStorageError) as caught:
            project.codes.create("Big", description="x" * 200_000)
        assert caught.value.message == (f"{saved}: the disk is full; nothing was changed — "
                                        "free some space and try again")
        assert dump(saved) == before


def test_a_disk_io_error_is_one_line(saved: Path) -> None:
    with Project.open(saved) as project, pytest.raises(ProjectStorageError) as caught, project.transaction():
        raise OperationalError("INSERT …", {}, sqlite3.OperationalError("disk I/O error"))
    assert caught.value.message.startswith(f"{saved}: the disk reported an error (disk I/O error); nothing was")
