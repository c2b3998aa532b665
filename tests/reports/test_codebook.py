"""The codebook report, the Excel codebook both ways, and the ready codebooks in codebooks/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from report_samples import REPO

from qualcode.cli import main
from qualcode.core.themes.codebook import codebook_dict, import_codebook_xlsx
from qualcode.io.exchange.codebooks.excel_format import read_codebook_xlsx
from qualcode.reports.codebook import XLSX_HEADERS, codebook_document
from qualcode.reports.writers import write

CODEBOOKS = sorted((REPO / "codebooks").glob("*.json"))


def _tree(nodes: list[dict]) -> list[tuple]:
    keys = ("name", "role", "description", "inclusion", "exclusion", "example")
    return [tuple(n.get(k, "") for k in keys) + (tuple(_tree(n.get("children", []))),) for n in nodes]


def test_the_codebook_report_has_every_code_with_definitions_and_counts(survey) -> None:
    doc = codebook_document(survey)
    table = doc.tables[0]
    data_headers = [table.columns[i].header for i in table.columns_for("data")]
    assert tuple(data_headers) == ("Path", "Level", "Role", "Name", "Description", "Inclusion", "Exclusion",
                                   "Example", "Colour", "Answers", "Respondents", "GUID")
    assert len(table.rows) == 18
    counts = survey.queries.code_counts()
    pay = next(r for r in table.rows if r.cells[0] == "Pay and careers/Pay")
    code = survey.codes.find("Pay and careers/Pay")
    assert pay.cells[10:12] == (counts[code.id].segments, counts[code.id].participants)
    assert pay.cells[5] == code.description and pay.value(8, "document") == f"“{code.example}”"
    assert len(XLSX_HEADERS) == len(data_headers)


def test_excel_codebook_round_trips(survey, project, tmp_path: Path) -> None:
    out = tmp_path / "codebook.xlsx"
    write(codebook_document(survey), out)
    assert read_codebook_xlsx(out)["codes"][0]["name"] == "Workload and resourcing"
    assert import_codebook_xlsx(project, out) == (18, 0)
    assert _tree(codebook_dict(project, False)["codes"]) == _tree(codebook_dict(survey, False)["codes"])
    assert import_codebook_xlsx(project, out) == (0, 18)


def test_an_excel_codebook_written_by_hand(project, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["name of code", "Path", "Definition", "description", "Role"])
    ws.append(["", "Pay/Pay rise", "", "Money, in short", ""])
    ws.append(["", "Pay/Pensions", "", "", "emergent theme"])
    ws.append(["", "Morale", "", "", ""])
    wb.save(tmp_path / "hand.xlsx")
    assert import_codebook_xlsx(project, tmp_path / "hand.xlsx") == (4, 0)
    roles = {c.name: c.role.value for c in project.codes.list()}
    assert roles == {"Pay": "theme", "Pay rise": "code", "Pensions": "emergent", "Morale": "theme"}
    assert project.codes.find("Pay/Pay rise").description == "Money, in short"


def test_a_sheet_without_a_path_column_is_refused(project, tmp_path: Path) -> None:
    from openpyxl import Workbook

    from qualcode.io.base import ImportRefused

    wb = Workbook()
    wb.active.append(["Code", "Definition"])
    wb.save(tmp_path / "bad.xlsx")
    with pytest.raises(ImportRefused, match="Path"):
        import_codebook_xlsx(project, tmp_path / "bad.xlsx")


@pytest.mark.parametrize("path", CODEBOOKS, ids=[p.name for p in CODEBOOKS])
def test_ready_codebooks_load_with_the_import_command(path: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "p.qualcode"
    assert main(["init", str(target)]) == 0
    assert main(["import", str(target), str(path), "--codebook"]) == 0
    data = json.loads(path.read_text(encoding="utf-8"))

    def count(nodes: list[dict]) -> int:
        return sum(1 + count(n.get("children", [])) for n in nodes)

    assert f"{count(data['codes'])} codes added" in capsys.readouterr().out
    for node in data["codes"]:
        assert node["description"], f"{path.name}: ‘{node['name']}’ has no description"


def test_ready_codebooks_are_the_three_promised() -> None:
    assert [p.name for p in CODEBOOKS] == ["ipa-structure.json", "reflexive-ta.json", "staff-retention-survey.json"]


def test_excel_codebook_loads_with_the_import_command(survey, tmp_path: Path, capsys) -> None:
    out = tmp_path / "codebook.xlsx"
    write(codebook_document(survey), out)
    target = tmp_path / "p.qualcode"
    assert main(["init", str(target)]) == 0
    assert main(["import", str(target), str(out), "--codebook"]) == 0
    assert "18 codes added" in capsys.readouterr().out
