"""Blank lines are never units, and a coding's blank ends never decide which unit it touches (issue #12, item 1)."""

from __future__ import annotations

import pytest

from qualcode.analysis.agreement import agreement_report
from qualcode.analysis.agreement.units import Coding, line_units, sentence_units, trimmed

TEXT = "Ann: yes.\n\nBob: no.\n"  # lines: "Ann: yes.\n" (0–10), "\n" (10–11), "Bob: no.\n" (11–20)
STARTS = {"d": [0, 10, 11]}
CODINGS = [Coding("A", "X", "d", 0, 9), Coding("B", "X", "d", 11, 19)]
BOTH = {"A": {"d"}, "B": {"d"}}


def test_a_blank_line_is_not_a_unit() -> None:
    counted = line_units(CODINGS, BOTH, STARTS, document_lengths={"d": len(TEXT)})
    assert counted.units == 3  # without the text the blank line is a unit (the old count)
    data = line_units(CODINGS, BOTH, STARTS, document_lengths={"d": len(TEXT)}, texts={"d": TEXT})
    assert data.units == 2 and data.presence[0].tolist() == [[1, 0], [0, 1]]
    assert "Blank lines are never units (1 left out)" in data.description
    # By hand: with the blank line p_o = 1/3, p_e = (1·1 + 2·2)/9 = 5/9, kappa = (3/9 − 5/9)/(4/9) = −0.5;
    # without it p_o = 0, p_e = (1·1 + 1·1)/4 = 1/2, kappa = (0 − 1/2)/(1/2) = −1.
    assert agreement_report(counted).codes[0].kappa == pytest.approx(-0.5)
    assert agreement_report(data).codes[0].kappa == pytest.approx(-1.0)


SENTENCES = "I was tired.\nThen it got better.\nIt was fine.\n"


@pytest.mark.parametrize("starts", [[0, 12, 32], [0, 13, 33]])  # the newline opening the next sentence, or not
def test_the_same_passage_with_or_without_its_newline_gives_the_same_kappa(starts: list[int]) -> None:
    with_newline = [Coding("A", "X", "d", 0, 13), Coding("B", "X", "d", 0, 12)]
    data = sentence_units(with_newline, BOTH, {"d": starts}, document_lengths={"d": len(SENTENCES)},
                          texts={"d": SENTENCES})
    assert data.presence[0].tolist() == [[1, 1], [0, 0], [0, 0]]
    assert agreement_report(data).codes[0].kappa == pytest.approx(1.0)
    # By hand, without trimming and with the newline opening sentence 2: A [1, 1, 0], B [1, 0, 0];
    # p_o = 2/3, p_e = (2·1 + 1·2)/9 = 4/9, kappa = (6/9 − 4/9)/(5/9) = 0.4.
    untrimmed = sentence_units(with_newline, BOTH, {"d": [0, 12, 32]}, document_lengths={"d": len(SENTENCES)})
    assert agreement_report(untrimmed).codes[0].kappa == pytest.approx(0.4)


def test_trimming_leaves_out_blank_ends_only() -> None:
    columns = trimmed([Coding("A", "X", "d", 9, 20), Coding("A", "X", "e", 0, 5)], {"d": TEXT})
    assert list(columns.start) == [11, 0] and list(columns.end) == [19, 5]  # "e" has no text: kept as it was


def test_the_sentencizer_starts_a_sentence_at_its_first_word() -> None:
    from qualcode.core.reliability.sentences import sentence_starts

    starts = sentence_starts({1: SENTENCES})[1]
    assert starts == [0, 13, 33]  # the newline after "tired." is the first sentence's, not the second's
