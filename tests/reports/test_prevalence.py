"""Prevalence against a hand count of the sample survey's reference coding sheet.

The expected numbers are computed here from ``reference_coding_q1_retention.csv``
and ``responses.csv`` with the csv module alone, never through qualcode.
"""

from __future__ import annotations

import pytest
from report_samples import hand_count, reference_coding

from qualcode.reports.options import ReportOptions
from qualcode.reports.prevalence.counts import build_prevalence
from qualcode.reports.prevalence.table import prevalence_document


def by_path(prevalence):
    out = {}
    for r in prevalence.rows:
        key = r.code.name if r.depth == 0 else f"{r.theme.name}/{r.code.name}"
        out[key] = r
    return out


def test_bases_are_the_respondents_in_each_group_who_answered(survey) -> None:
    bases, _ = hand_count("role_group")
    p = build_prevalence(survey, ReportOptions(question="q1_retention", by="role_group"))
    assert p.bases == dict(bases)
    # 24 left q1 blank; 3 wrote a non-answer (R076 "?", R134 "-", R193 "n/a"), left out of the base (issue #12)
    assert p.base == sum(bases.values()) == 300 - 24 - 3
    assert p.groups == ["manager", "practitioner", "supervisor"]


def test_counts_and_percentages_equal_the_hand_count(survey) -> None:
    bases, counts = hand_count("role_group")
    p = build_prevalence(survey, ReportOptions(question="q1_retention", by="role_group"))
    rows = by_path(p)
    codes, _ = reference_coding("q1_retention")
    assert len(rows) == len(codes) + 3
    for key, row in rows.items():
        for group, base in bases.items():
            assert row.groups[group].n == counts[(key, group)], (key, group)
            assert row.groups[group].percent == pytest.approx(100 * counts[(key, group)] / base)
        assert row.overall.n == sum(counts[(key, g)] for g in bases)


def test_rows_are_sorted_by_prevalence_within_the_hierarchy(survey) -> None:
    p = build_prevalence(survey, ReportOptions(question="q1_retention", by="role_group"))
    themes = [r for r in p.rows if r.depth == 0]
    assert [t.overall.n for t in themes] == sorted((t.overall.n for t in themes), reverse=True)
    for theme in themes:
        kids = [r.overall.n for r in p.rows if r.depth == 1 and r.theme.id == theme.code.id]
        assert kids == sorted(kids, reverse=True)


def test_a_filter_narrows_the_respondents_and_their_base(survey) -> None:
    bases, counts = hand_count("role_group", keep=lambda r: r["region"] in ("North", "Wales"))
    p = build_prevalence(survey, ReportOptions(question="q1_retention", by="role_group",
                                               filters={"region": ["North", "Wales"]}))
    assert p.bases == dict(bases)
    for key, row in by_path(p).items():
        assert {g: c.n for g, c in row.groups.items()} == {g: counts[(key, g)] for g in bases}


def test_without_groups_one_overall_column(survey) -> None:
    bases, counts = hand_count(None)
    p = build_prevalence(survey, ReportOptions(question="q1_retention"))
    assert p.bases == {"All": bases["All"]}
    assert by_path(p)["Pay and careers/Pay"].overall.n == counts[("Pay and careers/Pay", "All")]


def test_the_table_states_its_base_and_has_a_chart(survey) -> None:
    bases, counts = hand_count("role_group")
    doc = prevalence_document(build_prevalence(survey, ReportOptions(question="q1_retention", by="role_group")))
    table = doc.tables[0]
    headers = [c.header for c in table.columns]
    assert f"Manager\n(n = {bases['manager']})" in headers and f"All\n(n = {sum(bases.values())})" in headers
    assert "manager n" in headers and "manager %" in headers
    base_row = table.rows[0]
    assert base_row.cells[2] == "base" and "who answered q1_retention" in base_row.cells[3]
    assert any("base" in n for n in table.notes)
    pay = next(r for r in table.rows if r.cells[1] == "Pay")
    col = headers.index(f"Manager\n(n = {bases['manager']})")
    n = counts[("Pay and careers/Pay", "manager")]
    assert pay.value(col, "document") == f"{n} ({100 * n / bases['manager']:.0f}%)"
    chart = doc.charts[0]
    assert len(chart.categories) == 15 and set(chart.series) == {
        f"{g.capitalize()} (n = {bases[g]})" for g in bases}


def test_a_question_is_needed_when_there_are_several(survey) -> None:
    with pytest.raises(KeyError, match="q1_retention, q2_support"):
        build_prevalence(survey, ReportOptions(by="role_group"))
