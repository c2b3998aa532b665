"""The quote table for reports: few quotes per theme, spread across respondents and groups."""

from __future__ import annotations

from collections import Counter

from qualcode.reports.options import ReportOptions
from qualcode.reports.quotes import build_quote_table, quote_table_document


def test_at_most_n_per_code_one_per_respondent_spread_across_groups(survey) -> None:
    t = build_quote_table(survey, ReportOptions(question="q1_retention", by="role_group", max_quotes=3))
    assert len(t.groups) == 15
    for g in t.groups:
        assert len(g.quotes) <= 3
        assert len({q.participant for q in g.quotes}) == len(g.quotes)
        groups = Counter(str(t.values[q.participant_id]["role_group"]) for q in g.quotes)
        if g.available >= 20:  # enough answers: each role group speaks once
            assert len(groups) == 3, (g.code.name, groups)


def test_filter_by_attribute_and_show_attributes(survey) -> None:
    t = build_quote_table(survey, ReportOptions(question="q1_retention", attributes=["role_group", "region"],
                                                filters={"role_group": ["manager"]}, max_quotes=2))
    quotes = [q for g in t.groups for q in g.quotes]
    assert quotes and all(t.values[q.participant_id]["role_group"] == "manager" for q in quotes)
    doc = quote_table_document(t)
    table = doc.tables[0]
    headers = [c.header for c in table.columns]
    assert headers[:4] == ["Theme", "Code", "Quote", "Respondent"] and "Region" in headers
    assert table.rows[0].value(2, "document").plain.startswith("“")
    assert any("manager" in n for n in table.notes)


def test_per_theme_level(survey) -> None:
    t = build_quote_table(survey, ReportOptions(question="q2_support", level="themes", max_quotes=5))
    assert [g.code.name for g in t.groups] == [g.theme.name for g in t.groups]
    assert len(t.groups) == 3 and all(len(g.quotes) == 5 for g in t.groups)
    assert quote_table_document(t).tables[0].group_by == 1


def test_interview_quotes_carry_their_lines(interviews) -> None:
    t = build_quote_table(interviews, ReportOptions(max_quotes=2, attributes=["profession"]))
    table = quote_table_document(t).tables[0]
    headers = [c.header for c in table.columns]
    assert headers[1] == "Sub-theme" and "Lines" in headers and "Profession" in headers
    assert all(len(g.quotes) == 2 for g in t.groups)
