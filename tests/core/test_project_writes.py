"""Writes are serialised: a worker and the GUI thread never write the project at the same time."""

from __future__ import annotations

import threading
import time

from sqlalchemy import event, func, select

from qualcode.core.project import Project
from qualcode.store.schema import MetaRow


def _impatient(project: Project) -> None:
    """SQLite gives up at once on a busy file, so any overlap of two writes shows as 'database is locked'."""
    project.engine.dispose()

    @event.listens_for(project.engine, "connect")
    def _no_wait(dbapi_connection, _record) -> None:
        dbapi_connection.execute("PRAGMA busy_timeout=0")


def test_two_threads_writing_at_once_both_land_without_database_is_locked(project: Project) -> None:
    _impatient(project)
    spans: dict[str, list[tuple[float, float]]] = {"gui": [], "worker": []}
    errors: list[BaseException] = []
    go = threading.Barrier(2)

    def write(who: str) -> None:
        try:
            go.wait(5)
            for i in range(15):
                with project.transaction() as s:
                    began = time.monotonic()
                    s.add(MetaRow(key=f"{who}-{i}", value="x"))
                    s.flush()  # the write lock is taken here, in SQLite
                    time.sleep(0.005)  # a write that takes a while, as an import's does
                    s.scalar(select(func.count()).select_from(MetaRow))
                spans[who].append((began, time.monotonic()))
        except BaseException as exc:  # pragma: no cover - the failure this test guards against
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(who,)) for who in spans]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    keys = {project.get_meta(f"{who}-{i}") for who in spans for i in range(15)}
    assert keys == {"x"}  # all thirty writes are in the file
    # ...and no write of one thread ran while the other's was open.
    for a_start, a_end in spans["gui"]:
        assert all(b_end <= a_start or b_start >= a_end for b_start, b_end in spans["worker"])


def test_a_thread_may_nest_its_own_transactions(project: Project) -> None:
    with project.transaction() as outer:
        outer.add(MetaRow(key="outer", value="1"))
    with project.write_lock:  # held, as a VACUUM would hold it: the same thread still writes
        project.set_meta("inner", "2")
    assert project.get_meta("outer") == "1" and project.get_meta("inner") == "2"


def test_two_projects_on_one_file_share_the_lock(project: Project) -> None:
    other = Project.open(project.location)
    try:
        assert other.write_lock is project.write_lock
    finally:
        other.close()
