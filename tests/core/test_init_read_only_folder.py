"""A new project in a read-only folder: the message names the folder, not "the file cannot be opened".

As root a chmod'ed folder stays writable, so the read-only folder is made by
monkeypatching what the check asks: ``os.access``, and the probe file that
a read-only mount (EROFS) or a denied folder (EACCES) refuses.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest

from qualcode.cli import main
from qualcode.core.project import Project, ProjectReadOnly


def test_a_folder_os_access_calls_read_only(tmp_path: Path, monkeypatch) -> None:
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if Path(p) == tmp_path else real_access(p, mode))
    with pytest.raises(ProjectReadOnly, match=rf"^{tmp_path}/p.qualcode: the folder {tmp_path} is read-only; "):
        Project.create(tmp_path / "p.qualcode")
    assert not (tmp_path / "p.qualcode").exists()


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES])
def test_a_folder_that_refuses_a_new_file(tmp_path: Path, monkeypatch, capsys, code: int) -> None:
    def refuse(*_args, **_kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    target = tmp_path / "p.qualcode"
    assert main(["init", str(target)]) == 2
    assert capsys.readouterr().err == f"qualcode: {target}: the folder {tmp_path} is read-only; " \
                                      "choose a folder you can write to\n"
    assert not target.exists()


def test_a_writable_folder_still_gets_its_project(tmp_path: Path) -> None:
    project = Project.create(tmp_path / "p.qualcode")
    project.close()
    assert (tmp_path / "p.qualcode").stat().st_size > 0
    assert [p.name for p in tmp_path.iterdir()] == ["p.qualcode"]  # the probe file left nothing behind
