"""No report runs text from data as a spreadsheet formula (issue #11, item 2).

Two projects whose answers, respondent ids, attribute values, code names,
definitions, notes and names all begin with ``=``, ``@``, ``+`` or ``-``
are exported as every report in the registry, in every format it offers,
plus the reliability table.  Excel files hold no formula cell; CSV cells
that would start a formula carry OWASP's leading quote, numbers stay
numbers; HTML shows the text, escaped.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hostile_project import HOSTILE, HYPERLINK, MINUS, PLUS, SCRIPT, interviews_project, survey_project
from openpyxl import load_workbook

from qualcode.core.errors import QualcodeError
from qualcode.core.reliability.agreement import compute_agreement
from qualcode.core.reliability.comparison import AgreementRequest
from qualcode.io.csv_cells import FORMULA_START, is_number, neutralise, restore
from qualcode.reports.export import export_report
from qualcode.reports.options import ReportOptions
from qualcode.reports.registry import REPORTS
from qualcode.reports.reliability_table import write_report


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], list[Path]]:
    """Every (report, format) written from whichever hostile project can hold it."""
    folder = tmp_path_factory.mktemp("hostile-exports")
    written: dict[tuple[str, str], list[Path]] = {}
    refusals: dict[tuple[str, str], str] = {}
    builds = {"interviews": (interviews_project, ReportOptions(attributes=["role", "site"], notes=True)),
              "survey": (survey_project, ReportOptions(question="q1", by="group", attributes=["group", "score"]))}
    for kind, (build, options) in builds.items():
        project = build(folder / f"{kind}.qualcode")
        try:
            for spec in REPORTS.values():
                for fmt in spec.formats:
                    out = folder / kind / f"{spec.name}.{fmt}"
                    try:
                        written.setdefault((spec.name, fmt), []).extend(
                            export_report(project, spec.name, out, fmt, options).files)
                    except QualcodeError as exc:  # e.g. no question in the interviews project
                        refusals[(spec.name, fmt)] = exc.message
            if kind == "survey":
                result = compute_agreement(project, AgreementRequest((PLUS, MINUS)))
                for fmt in ("docx", "xlsx", "csv"):
                    written[("reliability", fmt)] = [write_report(result, folder / kind / f"reliability.{fmt}")]
        finally:
            project.close()
    missing = {key: refusals.get(key) for key in
               [(s.name, f) for s in REPORTS.values() for f in s.formats] if key not in written}
    assert not missing, f"reports never written from either hostile project: {missing}"
    return written


def _files(exported: dict[tuple[str, str], list[Path]], suffix: str) -> list[Path]:
    return [p for files in exported.values() for p in files if p.suffix == suffix]


def test_every_report_and_format_was_written(exported) -> None:
    expected = {(s.name, f) for s in REPORTS.values() for f in s.formats}
    expected |= {("reliability", f) for f in ("docx", "xlsx", "csv")}
    assert expected <= set(exported)


def test_no_excel_cell_is_a_formula(exported) -> None:
    books = _files(exported, ".xlsx")
    assert len(books) >= len([s for s in REPORTS.values() if "xlsx" in s.formats]) + 1
    seen: set[str] = set()
    for book in books:
        wb = load_workbook(book)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"{book.name} {ws.title}!{cell.coordinate}: {cell.value!r}"
                    if isinstance(cell.value, str):
                        seen.update(h for h in HOSTILE if cell.value.startswith(h))
    assert seen == set(HOSTILE), "the hostile text reached the workbooks, as text"


def test_no_csv_cell_starts_a_formula_unless_it_is_a_number(exported) -> None:
    quoted: set[str] = set()
    numbers: set[str] = set()
    for path in _files(exported, ".csv"):
        with path.open(encoding="utf-8-sig", newline="") as f:
            for line, row in enumerate(csv.reader(f), 1):
                for cell in row:
                    assert not cell.startswith(FORMULA_START) or is_number(cell), f"{path}:{line}: {cell!r}"
                    quoted.update(h for h in HOSTILE if cell.startswith("'" + h))
                    if cell.startswith("-") and is_number(cell):
                        numbers.add(cell)
    assert quoted == set(HOSTILE), "hostile text kept, behind OWASP's quote"
    assert numbers, "negative numbers (a kappa, an attribute) stay numbers"


def test_html_shows_the_text_escaped(exported) -> None:
    escaped = 0
    for path in _files(exported, ".html") + _files(exported, ".svg"):
        page = path.read_text(encoding="utf-8")
        assert '<a href="http://x"' not in page and SCRIPT not in page
        escaped += "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert escaped >= 3  # the codebook, the code's prevalence row and its bar in the chart
    master = (exported[("master", "html")][0]).read_text(encoding="utf-8")
    assert "=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)" in master


def test_the_codebook_json_keeps_names_exactly(exported) -> None:
    for path in exported[("codebook", "json")]:
        names = json.dumps(json.loads(path.read_text(encoding="utf-8")))
        assert json.dumps(HYPERLINK)[1:-1] in names  # JSON is data, not a spreadsheet: nothing added


@pytest.mark.parametrize(("text", "cell"), [
    (HYPERLINK, "'" + HYPERLINK), ("@SUM(A1)", "'@SUM(A1)"), ("+1+1", "'+1+1"), ("-1+1", "'-1+1"),
    ("\tx", "'\tx"), ("\r=1", "'\r=1"), ("-0.5", "-0.5"), ("+3", "+3"), ("-12.5%", "-12.5%"), ("1e-3", "1e-3"),
    ("-", "'-"), ("Plain", "Plain"), ("", ""), ("'=quoted", "''=quoted"), ("'plain", "'plain"), ("-inf", "'-inf"),
])
def test_the_csv_rule(text: str, cell: str) -> None:
    assert neutralise(text) == cell
    assert restore(neutralise(text)) == text
