"""Fixed line numbering and citations: offsets must stay exact."""

from __future__ import annotations

import pytest

from qualcode.core.transcripts.lines import LineIndex, citation, compute_line_starts, normalise_text


def lines_of(text: str, width: int = 80) -> list[str]:
    idx = LineIndex.build(text, width)
    return [text[slice(*idx.span_of(n))] for n in range(1, idx.count + 1)]


def test_crlf_and_bom_are_normalised_without_touching_anything_else() -> None:
    raw = "\ufeffInterviewer:\tHello\r\nMaya: Café — “fine”\r\rEnd"
    assert normalise_text(raw) == "Interviewer:\tHello\nMaya: Café — “fine”\n\nEnd"


def test_every_hard_line_counts_blank_ones_included() -> None:
    text = "first\n\nthird\n\n\nsixth"
    idx = LineIndex.build(text)
    assert idx.count == 6
    assert text[slice(*idx.span_of(3))] == "third\n"
    assert idx.line_of(text.index("sixth")) == 6


def test_final_newline_opens_no_extra_line() -> None:
    assert LineIndex.build("a\nb\n").count == 2
    assert LineIndex.build("").count == 1


def test_long_lines_wrap_at_spaces_and_rejoin_exactly() -> None:
    words = " ".join(f"word{i}" for i in range(60))
    text = f"Maya: {words}\nshort"
    pieces = lines_of(text, 40)
    assert "".join(pieces) == text  # nothing lost, nothing added
    assert all(len(p.rstrip("\n")) <= 40 for p in pieces)
    # Breaks fall after a space, never inside a word.
    assert all(p.endswith(" ") or p.endswith("\n") or p == pieces[-1] for p in pieces)


def test_a_word_longer_than_the_width_is_cut() -> None:
    text = "x" * 95
    assert lines_of(text, 40) == ["x" * 40, "x" * 40, "x" * 15]


def test_tabs_and_non_ascii_keep_offsets_exact() -> None:
    text = "Interviewer:\tÇa va?\nParticipant: 😊 naïve — déjà vu\n\tindented"
    idx = LineIndex.build(text)
    start = text.index("déjà")
    assert text[start:start + 7] == "déjà vu"
    assert idx.lines_of(start, start + 7) == (2, 2)
    assert idx.line_of(text.index("indented")) == 3


def test_citation_of_a_span_over_three_lines() -> None:
    text = "one\ntwo\nthree\nfour\n"
    idx = LineIndex.build(text)
    first, last = idx.lines_of(text.index("two"), text.index("four") + 4)
    assert citation("Maya", first, last) == "(Maya, 2-4)"
    assert citation("Maya", 7, 7) == "(Maya, 7)"


def test_a_trailing_newline_in_a_selection_does_not_pull_in_the_next_line() -> None:
    text = "one\ntwo\nthree\n"
    idx = LineIndex.build(text)
    assert idx.lines_of(0, text.index("two")) == (1, 1)


def test_lines_are_fixed_at_import_width() -> None:
    text = "a " * 100
    assert compute_line_starts(text, 80) != compute_line_starts(text, 60)
    with pytest.raises(ValueError):
        compute_line_starts(text, 3)


def test_citation_through_the_project_uses_the_pseudonym(transcript_project) -> None:
    project, doc = transcript_project
    text = project.documents.text(doc.id)
    start = text.index("It feels")
    end = text.index("waiting room.") + len("waiting room.")
    assert project.queries.citation(doc.id, start, end) == "(Maya, 3-4)"


def test_crlf_transcript_keeps_exact_offsets_in_the_project(project) -> None:
    raw = "Interviewer: Hi\r\n\r\nMaya: I’m here — really 😊\r\nSecond line\r\n"
    text = normalise_text(raw)
    doc = project.documents.add_transcript("crlf", text)
    stored = project.documents.text(doc.id)
    assert stored == text
    start = stored.index("really")
    assert stored[start:start + 8] == "really 😊"
    assert project.queries.segment_lines(doc.id, start, start + 8) == (3, 3)
    with pytest.raises(ValueError):
        project.documents.add_transcript("raw", raw)
