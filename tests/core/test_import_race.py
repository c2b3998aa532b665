"""Two real processes importing at the same moment: the same file lands once, a new participant never clashes."""

from __future__ import annotations

import multiprocessing as mp
import sqlite3
from pathlib import Path

import pytest

from qualcode.core.project import Project
from qualcode.core.safety.backups import BackupService

ROUNDS = 10
TRANSCRIPT = ("Interviewer: How has work been lately?\n\n"
              "{who}: Honestly? It feels like a production line. You see one person,\n"
              "you write it up, the next one is already in the waiting room.\n")


@pytest.fixture(autouse=True)
def _no_backups(monkeypatch: pytest.MonkeyPatch) -> None:
    """What is raced here is the import itself (the forked processes inherit this).

    Backups have tests of their own; two taken in the same second by two
    processes currently clash on the backup's file name.
    """
    monkeypatch.setattr(BackupService, "before", lambda self, operation: None)
    monkeypatch.setattr(BackupService, "on_write", lambda self: None)


def _import(location: str, path: str, participant: str, go, results) -> None:
    """One process: open the project, wait for the other, import."""
    from qualcode.core.transcripts.importing import import_transcripts

    try:
        with Project.open(location) as project:
            go.wait(10)
            report = import_transcripts(project, [path], participant=participant)
        results.put(("ok", [o.imported for o in report.outcomes], [o.message for o in report.outcomes]))
    except BaseException as exc:  # the failure the test guards against, sent back to be shown
        results.put(("error", type(exc).__name__, str(exc)))


def _race(location: Path, jobs: list[tuple[str, str]]) -> list[tuple]:
    ctx = mp.get_context("fork")
    go, results = ctx.Barrier(len(jobs)), ctx.Queue()
    procs = [ctx.Process(target=_import, args=(str(location), path, who, go, results)) for path, who in jobs]
    for p in procs:
        p.start()
    out = [results.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(30)
    return out


def _count(location: Path, sql: str) -> int:
    with sqlite3.connect(location) as conn:
        return conn.execute(sql).fetchone()[0]


def test_two_processes_importing_the_same_file_import_it_once(tmp_path: Path) -> None:
    source = tmp_path / "maya.txt"
    source.write_text(TRANSCRIPT.format(who="Maya"), encoding="utf-8")
    for round_ in range(ROUNDS):
        location = tmp_path / f"round{round_}.qualcode"
        Project.create(location).close()
        out = _race(location, [(str(source), "Maya"), (str(source), "Maya")])
        assert [o[0] for o in out] == ["ok", "ok"], out
        imported = sorted(o[1][0] for o in out)
        assert imported == [False, True], out  # one imported it, the other was told it already was
        refused = next(o[2][0] for o in out if not o[1][0])
        assert "already imported" in refused and "\n" not in refused
        assert _count(location, "SELECT count(*) FROM document") == 1
        assert _count(location, "SELECT count(*) FROM participant") == 1


def test_two_processes_adding_the_same_new_participant_both_import(tmp_path: Path) -> None:
    for round_ in range(ROUNDS):
        first, second = tmp_path / f"a{round_}.txt", tmp_path / f"b{round_}.txt"
        first.write_text(TRANSCRIPT.format(who="Maya"), encoding="utf-8")
        second.write_text(TRANSCRIPT.format(who="Maya") + "Maya: A second interview.\n", encoding="utf-8")
        location = tmp_path / f"round{round_}.qualcode"
        Project.create(location).close()
        out = _race(location, [(str(first), "P07"), (str(second), "P07")])
        assert [o[0] for o in out] == ["ok", "ok"], out
        assert [o[1] for o in out] == [[True], [True]], out
        assert _count(location, "SELECT count(*) FROM document") == 2
        assert _count(location, "SELECT count(*) FROM participant WHERE pseudonym = 'P07'") == 1
