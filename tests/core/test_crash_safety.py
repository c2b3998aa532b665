"""A process killed in the middle of an import leaves the project intact.

The child imports transcripts one per transaction and says when each is
committed; then it starts a very large import and we SIGKILL it midway.
Everything committed before the kill must be there, whole; the interrupted
document must be absent, not half-written.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from qualcode.core.project import Project

CHILD = textwrap.dedent(
    """
    import sys
    from qualcode.core.project import Project
    from qualcode.core.transcripts.documents import TurnSpec

    project = Project.open(sys.argv[1])
    for i in range(3):
        text = f"Interviewer: Question {i}?\\n\\nP{i}: " + "An answer that goes on. " * 200 + "\\n"
        project.documents.add_transcript(f"small-{i}", text, [TurnSpec(0, 24, "Interviewer", True)],
                                         participant=f"P{i}")
        print(f"committed small-{i}", flush=True)
    code = project.codes.create("Pressure")
    big = "Interviewer: Tell me more.\\n\\nP9: " + "word " * 2_000_000 + "\\n"
    print("starting big", flush=True)
    with project.transaction() as s:
        row = project.documents.add_transcript_in(s, "big", big, participant="P9")
        for k in range(200_000):
            project.coding.apply_in(s, row.id, k * 5, k * 5 + 4, code.id)
            if k == 200:
                print("inside big", flush=True)
    print("big committed", flush=True)
    """
)


@pytest.mark.slow
def test_sigkill_mid_import_keeps_committed_documents(tmp_path: Path) -> None:
    path = tmp_path / "crash.qualcode"
    Project.create(path).close()
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    seen = []
    assert child.stdout is not None
    for line in child.stdout:
        seen.append(line.strip())
        if line.startswith("inside big"):
            break
    assert child.poll() is None, f"child ended early: {seen} {child.stderr.read() if child.stderr else ''}"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert seen == ["committed small-0", "committed small-1", "committed small-2", "starting big", "inside big"]

    project = Project.open(path)
    try:
        with project.engine.connect() as conn:
            from sqlalchemy import text

            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        titles = [d.title for d in project.documents.list()]
        assert titles == ["small-0", "small-1", "small-2"]
        for i, doc in enumerate(project.documents.list()):
            body = project.documents.text(doc.id)
            assert body.startswith(f"Interviewer: Question {i}?") and body.endswith("goes on. \n")
            assert project.documents.line_index(doc.id).length == len(body)
        assert project.queries.counts()["codings"] == 0
        assert [c.name for c in project.codes.list()] == ["Pressure"]
        # And the project takes new work.
        project.documents.add_transcript("after", "P1: still fine\n", participant="P1")
    finally:
        project.close()
