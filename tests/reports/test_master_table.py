"""The master table against the sample interviews' reference analysis."""

from __future__ import annotations

from collections import Counter

from report_samples import reference_master, squash

from qualcode.reports.master_table import build_master_table, master_table_document
from qualcode.reports.options import ReportOptions
from qualcode.reports.theme_table import theme_table_document


def _shown(table) -> list[tuple[str, str, str, str, str]]:
    return [(t.code.name, s.code.name, q.label, squash(q.quote.text), q.citation)
            for t in table.themes for s in t.sub_themes for q in s.quotes]


def test_every_reference_quote_is_under_its_theme_with_its_lines(interviews) -> None:
    table = build_master_table(interviews)
    expected = [(r["superordinate_theme"], r["sub_theme"], r["emergent_theme"], r["quote"], r["citation"])
                for r in reference_master()]
    assert sorted(_shown(table)) == sorted(expected)
    assert len(expected) == 107
    assert [t.code.name for t in table.themes] == ["Working on the production line", "Holding and being held",
                                                   "Running on empty", "Why I stay"]
    assert table.warnings == []


def test_citations_use_the_fixed_line_numbers(interviews) -> None:
    table = build_master_table(interviews)
    for t in table.themes:
        for s in t.sub_themes:
            for q in s.quotes:
                first, last = q.quote.first_line, q.quote.last_line
                lines = f"{first}" if first == last else f"{first}-{last}"
                assert q.citation == f"({q.quote.participant}, {lines})"


def test_the_document_puts_quotes_in_quotation_marks_before_the_citation(interviews) -> None:
    doc = master_table_document(build_master_table(interviews))
    table = doc.tables[0]
    quote_col = next(i for i, c in enumerate(table.columns) if c.header == "Quote" and "document" in c.show_in)
    first = table.rows[0].value(quote_col, "document").plain
    assert first.startswith("“") and first.endswith("(Daniel, 66-67)")
    assert table.group_by == 2
    assert table.rows[0].value(0, "document") == "1. Working on the production line"
    assert table.rows[0].value(1, "document").startswith("1.1 Numbers before people")


def test_most_typical_takes_n_per_sub_theme_spread_across_participants(interviews) -> None:
    table = build_master_table(interviews, ReportOptions(selection="typical", max_quotes=3))
    for t in table.themes:
        for s in t.sub_themes:
            assert len(s.quotes) == min(3, s.available)
            people = {q.quote.participant for q in s.quotes}
            assert len(people) == min(len(s.quotes), s.participants)


def test_balanced_keeps_every_participant_to_their_share(interviews) -> None:
    table = build_master_table(interviews, ReportOptions(selection="balanced", max_quotes=4))
    for t in table.themes:
        for s in t.sub_themes:
            counts = Counter(q.quote.participant for q in s.quotes)
            assert max(counts.values()) <= -(-4 // s.participants)
    # Without a maximum, at most two quotes per participant per sub-theme.
    table = build_master_table(interviews, ReportOptions(selection="balanced"))
    assert all(max(Counter(q.quote.participant for q in s.quotes).values()) <= 2
               for t in table.themes for s in t.sub_themes)


def test_a_rank_callback_decides_what_is_typical(interviews) -> None:
    calls = []

    def longest_first(theme, quotes):
        calls.append(theme)
        return sorted(quotes, key=lambda q: -len(q.text))

    table = build_master_table(interviews, ReportOptions(selection="typical", max_quotes=1, rank=longest_first))
    assert "Numbers before people" in calls
    every = build_master_table(interviews)
    for t, all_t in zip(table.themes, every.themes):
        for s, all_s in zip(t.sub_themes, all_t.sub_themes):
            assert len(s.quotes[0].quote.text) == max(len(q.quote.text) for q in all_s.quotes)


def test_one_voice_dominating_a_theme_is_warned_about(interviews) -> None:
    def only_tom(theme, quotes):
        return sorted(quotes, key=lambda q: q.participant != "Tom")

    table = build_master_table(interviews, ReportOptions(selection="typical", max_quotes=4, rank=only_tom))
    # Tom has 2 of the 4 quotes of "Supervision as surveillance": half is not domination.
    assert not any("Supervision as surveillance" in w for w in table.warnings)
    assert any("quotes are Tom’s" in w for w in table.warnings)
    assert master_table_document(table).warnings == table.warnings
    balanced = build_master_table(interviews, ReportOptions(selection="balanced", max_quotes=4))
    assert balanced.warnings == []


def test_exploratory_notes_on_the_quoted_lines(interviews) -> None:
    table = build_master_table(interviews, ReportOptions(notes=True))
    with_notes = [q for t in table.themes for s in t.sub_themes for q in s.quotes if q.notes]
    assert with_notes, "the sample has notes on quoted lines"
    for q in with_notes:
        for n in q.notes:
            assert n.first_line <= q.quote.last_line and q.quote.first_line <= n.last_line
    wider = build_master_table(interviews, ReportOptions(notes=True, notes_margin=3))
    assert sum(len(q.notes) for t in wider.themes for s in t.sub_themes for q in s.quotes) > \
        sum(len(q.notes) for q in with_notes)
    doc = master_table_document(table)
    assert doc.tables[0].columns[-1].header == "Exploratory notes"


def test_one_participant_only(interviews) -> None:
    table = build_master_table(interviews, ReportOptions(participant="Ruth"))
    quotes = [q for t in table.themes for s in t.sub_themes for q in s.quotes]
    assert quotes and {q.quote.participant for q in quotes} == {"Ruth"}
    assert len(quotes) == sum(1 for r in reference_master() if r["participant"] == "Ruth")


def test_survey_quotes_cite_the_respondent_and_chosen_attributes(survey) -> None:
    table = build_master_table(survey, ReportOptions(question="q1_retention", attributes=["role_group"]))
    assert table.survey
    q = table.themes[0].sub_themes[0].quotes[0]
    assert q.citation == f"({q.quote.participant}, {q.attributes[0]})"
    assert q.citation.startswith("(R") and q.attributes[0] in ("practitioner", "supervisor", "manager")
    doc = master_table_document(table)
    headers = [c.header for c in doc.tables[0].columns]
    assert headers[:2] == ["Theme", "Code"] and "Role group" in headers


def test_the_short_theme_table(interviews) -> None:
    doc = theme_table_document(interviews)
    table = doc.tables[0]
    rows = [(r.cells[0], r.cells[1], r.cells[2], r.cells[3]) for r in table.rows]
    reference = reference_master()
    assert len(rows) == 11
    for theme, sub, people, quotes in rows:
        mine = [r for r in reference if r["superordinate_theme"] == theme and r["sub_theme"] == sub]
        assert quotes == len(mine)
        assert people == len({r["participant"] for r in mine})
    assert table.merge_first == 1
    assert dict((r.cells[1], r.value(2, "document")) for r in table.rows)["Supervision as surveillance"] == "2 of 6"
