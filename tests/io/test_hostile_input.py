"""Hostile and broken input through ``qualcode import``, as a researcher would meet it.

Every file is made at test time (see ``hostile_files.py``): zip bombs whose
"300 MB" member is a few hundred kilobytes, forged member sizes, DTDs with
entities, links to devices, pipes, sockets, folders, and tables with broken
quotes or mixed encodings.  Each refusal must be exit status 2 with one
line naming the file, no traceback, the project unchanged (a full SQL dump
compared), within 30 s and 1 GB.
"""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile_files import hostile_files, mixed_encoding_csv, stale_dimension_xlsx

REPO = Path(__file__).resolve().parents[2]
MAYA = REPO / "sample_projects" / "interviews" / "maya.txt"
SURVEY = ("--survey", "--id-column", "id", "--question-column", "answer")
MAX_SECONDS, MAX_KB = 30, 1024 * 1024
# The command as a user runs it, reporting its own peak memory (VmHWM) on the way out: the
# parent's rusage would count the pages of the forking pytest process too.
LAUNCH = """
import atexit, os, runpy, sys
def peak():
    with open("/proc/self/status") as status, open(os.environ["QUALCODE_TEST_PEAK"], "w") as out:
        out.write(next(line for line in status if line.startswith("VmHWM")).split()[1])
atexit.register(peak)
sys.argv[0] = "qualcode"
runpy.run_module("qualcode", run_name="__main__", alter_sys=True)
"""


def run_cli(tmp_path: Path, *args: str) -> tuple[int, str, str, int]:
    """(exit status, stdout, stderr, peak memory in KB) of one ``qualcode`` run."""
    out, err, peak = tmp_path / "stdout", tmp_path / "stderr", tmp_path / "peak"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QUALCODE_TEST_PEAK": str(peak)}
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        process = subprocess.Popen([sys.executable, "-c", LAUNCH, *args], stdout=stdout, stderr=stderr,
                                   stdin=subprocess.DEVNULL, env=env, cwd=REPO)
        deadline = time.monotonic() + MAX_SECONDS
        while True:
            pid, status, _ = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                process.kill()
                process.wait()
                pytest.fail(f"qualcode {' '.join(args)} ran over {MAX_SECONDS} s")
            time.sleep(0.05)
        process.returncode = os.waitstatus_to_exitcode(status)  # wait4 reaped it
    return process.returncode, out.read_text(), err.read_text(), int(peak.read_text())


def dump(project: Path) -> list[str]:
    with sqlite3.connect(project) as connection:
        return list(connection.iterdump())


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name, content in hostile_files().items():
        (folder / name).write_bytes(content)
    (folder / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(folder / "pipe.csv")
    os.mkfifo(folder / "pipe.qdpx")
    (folder / "folder.txt").mkdir()
    return folder


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("project") / "p.qualcode"
    for args in (("init", str(path)), ("import", str(path), str(MAYA))):
        subprocess.run([sys.executable, "-m", "qualcode", *args], check=True, capture_output=True, cwd=REPO)
    return path


@pytest.fixture
def project(template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "p.qualcode"
    shutil.copy(template, path)
    return path


def assert_refused(tmp_path: Path, project: Path, file: Path, expected: str, *options: str,
                   command: str = "import") -> str:
    before = dump(project)
    status, _, stderr, peak_kb = run_cli(tmp_path, command, str(project), str(file), *options)
    lines = stderr.strip().splitlines()
    naming = [line for line in lines if file.name in line]
    assert status == 2, stderr
    assert "Traceback" not in stderr and "Error:" not in stderr, stderr
    assert len(naming) == 1 and expected in naming[0], stderr
    # One file refused is one line; a batch of several would add a tally line.
    assert all(line in naming for line in lines), stderr
    assert dump(project) == before
    assert peak_kb < MAX_KB
    return naming[0]


@pytest.mark.parametrize(
    "name, expected",
    [
        ("bomb.docx", "it unzips to 301 MB; qualcode reads packages of up to 200 MB unzipped"),
        ("dense.docx", "word/media/image1.png shrank 1,011 times when zipped; qualcode refuses members "
                       "compressed more than 100 times"),
        ("forged.docx", "the file is damaged: word/media/image1.png cannot be unzipped"),
        ("bomb.odt", "it unzips to 300 MB; qualcode reads packages of up to 200 MB unzipped"),
        ("many.docx", "it holds 10,018 files; qualcode reads packages of at most 10,000"),
        ("doctype.docx", "the file contains a DOCTYPE/entity declaration (in word/document.xml), which qualcode does not read"),
        ("doctype.odt", "the file contains a DOCTYPE/entity declaration (in content.xml), which qualcode does not read"),
        ("zero.txt", "this is a link to /dev/zero, which is a device (character special file), not a file"),
        ("pipe.txt", "this is a named pipe (FIFO), not a file"),
        ("folder.txt", "this is a folder, not a file"),
    ],
)
def test_hostile_transcript_is_refused_in_one_line(hostile: Path, project: Path, tmp_path: Path,
                                                   name: str, expected: str) -> None:
    assert_refused(tmp_path, project, hostile / name, f"{name}: {expected}")


def test_a_socket_named_txt_is_refused(project: Path, tmp_path: Path) -> None:
    path = Path("/tmp") / f"qualcode-test-{os.getpid()}.txt"  # short: socket paths are limited to ~100 bytes
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        assert_refused(tmp_path, project, path, f"{path.name}: this is a socket, not a file")
    finally:
        server.close()
        path.unlink(missing_ok=True)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("bomb.xlsx", "it unzips to 300 MB; qualcode reads packages of up to 200 MB unzipped"),
        ("unterminated.csv", "line 2: a quote opened on this line is never closed"),
        ("swallowed.csv", "line 2: the quoted text that starts on this line runs on into line 3 "
                          "('R2,The pay is low'), which looks like the next respondent's row"),
        ("mixed-in-one-line.csv", "line 2 mixes UTF-8 with another text encoding within the line"),
        ("pipe.csv", "this is a named pipe (FIFO), not a file"),
    ],
)
def test_hostile_table_is_refused_in_one_line(hostile: Path, project: Path, tmp_path: Path,
                                              name: str, expected: str) -> None:
    line = assert_refused(tmp_path, project, hostile / name, f"{name}: {expected}", *SURVEY)
    assert line.startswith("qualcode: ")


@pytest.mark.parametrize(
    "name, expected",
    [
        ("bomb.qdpx", "it unzips to 300 MB; qualcode reads packages of up to 200 MB unzipped"),
        ("doctype.qdpx", "the file contains a DOCTYPE/entity declaration (in project.qde), which qualcode does not read"),
        ("pipe.qdpx", "this is a named pipe (FIFO), not a file"),
    ],
)
def test_hostile_qdpx_is_refused_before_merging(hostile: Path, project: Path, tmp_path: Path,
                                                name: str, expected: str) -> None:
    assert_refused(tmp_path, project, hostile / name, f"qualcode: {name}: {expected}", command="merge")


def test_an_excel_codebook_bomb_is_refused(hostile: Path, project: Path, tmp_path: Path) -> None:
    assert_refused(tmp_path, project, hostile / "bomb.xlsx",
                   "qualcode: bomb.xlsx: it unzips to 300 MB; qualcode reads packages of up to 200 MB", "--codebook")


def answers(project: Path) -> list[str]:
    with sqlite3.connect(project) as connection:
        return [text for (text,) in connection.execute("SELECT text FROM document WHERE text NOT LIKE '%Maya%'")]


def test_mixed_encodings_are_decoded_line_by_line_with_a_note(project: Path, tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(mixed_encoding_csv())
    status, _, stderr, _ = run_cli(tmp_path, "import", str(project), str(path), *SURVEY)
    assert status == 0, stderr
    assert "line(s) 3 were not UTF-8 and were read as Windows-1252" in stderr
    assert sorted(answers(project)) == ["Naïve managers", "The café is good", "The café is too far"]


def test_xlsx_is_read_past_a_stale_dimension_record(project: Path, tmp_path: Path) -> None:
    path = tmp_path / "stale.xlsx"
    path.write_bytes(stale_dimension_xlsx(10))
    status, stdout, stderr, _ = run_cli(tmp_path, "import", str(project), str(path), *SURVEY)
    assert status == 0, stderr
    assert "10 respondents; answer: 10 answers" in stdout
    assert len(answers(project)) == 10
