"""``qualcode import P X.qdpx`` and ``import P X.qdc --codebook`` as a user runs them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from qualcode.cli import main

sys.path.insert(0, str(Path(__file__).parents[1] / "core"))
from test_refi_import import C1, _selection, make_qdpx

INTEROP = Path("/work/shared/interop")


def test_import_a_qdpx_into_a_new_project_and_export_its_codebook(tmp_path, capsys):
    project = tmp_path / "p.qualcode"
    main(["init", str(project)])
    qdpx = make_qdpx(tmp_path / "p.qdpx", b"toast and tea", _selection(1, 0, 5, C1))
    assert main(["import", str(project), str(qdpx)]) == 0
    out = capsys.readouterr().out
    assert "1 documents" in out and "3 codes" in out and "1 codings" in out
    assert main(["info", str(project), "--json"]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert (counts["documents"], counts["codes"], counts["codings"]) == (1, 3, 1)
    assert main(["export", str(project), "codebook", "-o", str(tmp_path / "book.json")]) == 0
    book = json.loads((tmp_path / "book.json").read_text(encoding="utf-8"))
    assert [c["name"] for c in book["codes"][0]["children"]] == ["Coffee"]


def test_a_qdpx_with_other_files_is_refused(tmp_path, capsys):
    project = tmp_path / "p.qualcode"
    main(["init", str(project)])
    (tmp_path / "a.txt").write_text("hello", encoding="utf-8")
    qdpx = make_qdpx(tmp_path / "p.qdpx", b"toast and tea")
    assert main(["import", str(project), str(qdpx), str(tmp_path / "a.txt")]) != 0
    assert "on their own" in capsys.readouterr().err


@pytest.mark.skipif(not INTEROP.is_dir(), reason="the shared interop samples are not here")
def test_import_a_qdc_codebook(tmp_path, capsys):
    project = tmp_path / "p.qualcode"
    main(["init", str(project)])
    assert main(["import", str(project), str(INTEROP / "taguette__codebook_expected.qdc"), "--codebook"]) == 0
    out = capsys.readouterr().out
    assert "3 codes added" in out and "note: an empty <Sets/>" in out
