"""HTML exports: one self-contained file (inline CSS, charts as inline SVG), parsed with html.parser."""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))
from report_samples import reference_master, sample

from qualcode.core.project import Project
from qualcode.reports.export import export_report
from qualcode.reports.options import ReportOptions

VOID = {"meta", "br", "col", "link", "img", "input", "hr", "path", "use", "rect", "stop"}


class Page(HTMLParser):
    """Tags, attributes and text, and a check that elements nest properly."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[str] = []
        self.text: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    assert page.errors == [] and page.stack == []
    return page


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("html")
    with Project.open(sample("interviews", folder / "i.qualcode")) as p:
        export_report(p, "master", folder / "master.html")
        export_report(p, "themes", folder / "themes.html")
        export_report(p, "coded-transcript", folder / "transcript.html", options=ReportOptions(participant="Tom"))
    with Project.open(sample("survey", folder / "s.qualcode")) as p:
        export_report(p, "prevalence", folder / "prevalence.html",
                      options=ReportOptions(question="q1_retention", by="role_group"))
    return folder


@pytest.mark.parametrize("name", ["master", "themes", "transcript", "prevalence"])
def test_one_self_contained_file(out: Path, name: str) -> None:
    page = parse(out / f"{name}.html")
    tags = [t for t, _ in page.tags]
    assert "style" in tags and "script" not in tags and "link" not in tags and "img" not in tags
    for _, attrs in page.tags:
        for key in ("src", "href"):
            assert not str(attrs.get(key, "")).startswith(("http", "//", "file:")), attrs
    assert "thead" in tags and "caption" in tags


def test_master_table_has_every_quote_and_citation(out: Path) -> None:
    page = parse(out / "master.html")
    text = " ".join(" ".join(page.text).split())
    for r in reference_master():
        assert f"“{r['quote']}” {r['citation']}" in text
    group_rows = [a for t, a in page.tags if t == "tr" and a.get("class", "").startswith("group-")]
    assert len(group_rows) == 4 + 11


def test_theme_table_spans_rows(out: Path) -> None:
    page = parse(out / "themes.html")
    spans = [int(a["rowspan"]) for t, a in page.tags if t == "td" and "rowspan" in a]
    assert spans == [2, 3, 3, 3]


def test_prevalence_chart_is_inline_svg(out: Path) -> None:
    page = parse(out / "prevalence.html")
    tags = [t for t, _ in page.tags]
    assert "svg" in tags and "figure" in tags
    assert "Figure 1. Prevalence of themes by role group: codes" in " ".join(page.text)


def test_transcript_marks_coded_text(out: Path) -> None:
    page = parse(out / "transcript.html")
    assert sum(1 for t, _ in page.tags if t == "mark") >= 18
    assert "Tom" in [d.strip() for d in page.text]
