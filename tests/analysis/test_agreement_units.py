"""Units of analysis: exact presence from codings, checked by hand and by brute force."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest

from qualcode.analysis.agreement import agreement_report, krippendorff_alpha, methods_sentence
from qualcode.analysis.agreement.units import (
    Coding,
    ReliabilityData,
    answer_units,
    character_units,
    line_units,
    overlap_units,
    sentence_units,
)

NAN = np.nan
BOTH = {"A": {"d1"}, "B": {"d1"}}


def rows(data: ReliabilityData, code: str) -> list[list[float]]:
    """Presence of one code as plain lists, NaN shown as None, for readable asserts."""
    x = data.presence[data.codes.index(code)]
    return [[None if np.isnan(v) else int(v) for v in row] for row in x]


# --- lines ------------------------------------------------------------------------
# d1 has three lines: [0, 10), [10, 20), [20, 30).
LINES = {"d1": [0, 10, 20]}
LINE_CODINGS = [
    Coding("A", "X", "d1", 5, 15),   # crosses the line boundary at 10: lines 1 and 2
    Coding("B", "X", "d1", 10, 20),  # starts where line 2 starts, ends where line 3 starts: line 2 only
    Coding("A", "Y", "d1", 9, 10),   # the last character of line 1
    Coding("B", "Y", "d1", 20, 21),  # the first character of line 3
]


def test_lines_crossing_and_touching() -> None:
    data = line_units(LINE_CODINGS, BOTH, LINES, ["X", "Y"], document_lengths={"d1": 30})
    assert rows(data, "X") == [[1, 0], [1, 1], [0, 0]]
    assert rows(data, "Y") == [[1, 0], [0, 0], [0, 1]]
    assert data.units == 3 and data.documents == 1
    assert data.locations[0] == [("d1", 0, 10), ("d1", 10, 20), ("d1", 20, 30)]


def test_interviewer_turn_left_out_of_lines() -> None:
    # Line 1 is the interviewer's: it stops being a unit, and A's Y inside it no longer counts.
    data = line_units(LINE_CODINGS, BOTH, LINES, ["X", "Y"], document_lengths={"d1": 30},
                      excluded={"d1": [(0, 10)]})
    assert rows(data, "X") == [[1, 1], [0, 0]]
    assert rows(data, "Y") == [[0, 0], [0, 1]]
    assert "10 characters in excluded spans" in data.description


def test_coding_only_on_excluded_part_of_a_line_does_not_count() -> None:
    codings = [Coding("A", "X", "d1", 10, 12), Coding("B", "X", "d1", 12, 13)]
    data = line_units(codings, BOTH, LINES, ["X"], document_lengths={"d1": 30}, excluded={"d1": [(10, 12)]})
    assert rows(data, "X") == [[0, 0], [0, 1], [0, 0]]


def test_last_line_runs_to_document_end_even_without_lengths() -> None:
    codings = [Coding("A", "X", "d1", 25, 40)]
    data = line_units(codings, BOTH, LINES, ["X", "unused"])
    assert rows(data, "X") == [[0, 0], [0, 0], [1, 0]]
    assert rows(data, "unused") == [[0, 0]] * 3


def test_sentences() -> None:
    text = "I hate it. Ok. But then I grew to love it."
    starts = {"d1": [0, 11, 15]}
    codings = [Coding("A", "mixed", "d1", 2, 9), Coding("B", "mixed", "d1", 2, 20),
               Coding("A", "love", "d1", 15, 42), Coding("B", "love", "d1", 35, 41)]
    data = sentence_units(codings, BOTH, starts, ["mixed", "love"], document_lengths={"d1": len(text)})
    assert rows(data, "mixed") == [[1, 1], [0, 1], [0, 1]]
    assert rows(data, "love") == [[0, 0], [0, 0], [1, 1]]
    assert data.unit == "sentence"


# --- answers -------------------------------------------------------------------------


def test_answers_only_documents_every_coder_coded() -> None:
    coded = {"A": {1, 2, 3, 4}, "B": {1, 2, 3}}
    codings = [Coding("A", "pay", 1, 0, 5), Coding("B", "pay", 1, 3, 9), Coding("B", "pay", 2, 0, 1),
               Coding("A", "pay", 4, 0, 5),   # answer 4: B never opened it, so it is not a unit
               Coding("B", "pay", 4, 0, 5)]   # and B's coding there is outside B's list: ignored
    data = answer_units(codings, coded, ["pay", "workload"])
    assert rows(data, "pay") == [[1, 1], [0, 1], [0, 0]]
    assert rows(data, "workload") == [[0, 0]] * 3
    assert (data.units, data.documents) == (3, 3)
    report = agreement_report(data)
    assert report.codes[0].agreement == pytest.approx(2 / 3)
    assert report.codes[1].alpha is None and report.codes[1].agreement == 1.0

    # Without shared_only, any answer two coders coded counts; the third is missing there.
    everything = answer_units(codings, {**coded, "C": {2, 4}}, ["pay"], shared_only=False)
    assert rows(everything, "pay") == [[1, 1, None], [0, 1, 0], [0, 0, None], [1, None, 0]]


def test_answer_coded_only_in_excluded_span_is_absent() -> None:
    codings = [Coding("A", "pay", 1, 0, 5), Coding("B", "pay", 1, 8, 12)]
    data = answer_units(codings, {"A": {1}, "B": {1}}, ["pay"], excluded={1: [(0, 6)]})
    assert rows(data, "pay") == [[0, 1]]


def test_coder_who_coded_nothing_is_absent_not_missing() -> None:
    coded = {"A": {1, 2}, "B": {1, 2}}
    data = answer_units([Coding("A", "pay", 1, 0, 5)], coded, ["pay"])
    assert rows(data, "pay") == [[1, 0], [0, 0]]


def test_needs_two_coders() -> None:
    with pytest.raises(ValueError, match="two coders"):
        answer_units([], {"A": {1}}, ["pay"])


# --- characters --------------------------------------------------------------------------


def test_characters_counted_by_runs() -> None:
    # d1 has 20 characters: [0,5) A only, [5,10) both, [10,15) B only, [15,20) neither.
    codings = [Coding("A", "X", "d1", 0, 10), Coding("B", "X", "d1", 5, 15)]
    data = character_units(codings, BOTH, {"d1": 20}, ["X"])
    by_pattern = {tuple(r): int(w) for r, w in zip(rows(data, "X"), data.weights[0])}
    assert by_pattern == {(1, 0): 5, (1, 1): 5, (0, 1): 5, (0, 0): 5}
    assert data.units == 20
    row = agreement_report(data).codes[0]
    assert (row.units, row.agreement) == (20, 0.5)
    # n = 40, n_1 = 20, n_0 = 20, o_01 = 10: alpha = 1 - 39*10/400 = 0.025
    assert row.alpha == pytest.approx(0.025)


def test_characters_need_document_lengths() -> None:
    with pytest.raises(ValueError, match="no length given"):
        character_units([], BOTH, {}, ["X"])


# --- overlap ------------------------------------------------------------------------------


def test_overlap_units_match_by_share_of_longer_segment() -> None:
    codings = [
        Coding("A", "X", "d1", 0, 100), Coding("B", "X", "d1", 5, 100),      # 95/100: match
        Coding("A", "X", "d1", 200, 250), Coding("B", "X", "d1", 210, 250),  # 40/50: no match
        Coding("B", "X", "d1", 400, 410),                                     # B alone
    ]
    data = overlap_units(codings, BOTH, ["X", "unused"], share=0.9)
    assert rows(data, "X") == [[1, 1], [1, 0], [0, 1], [0, 1]]
    assert data.locations[0] == [("d1", 0, 100), ("d1", 200, 250), ("d1", 210, 250), ("d1", 400, 410)]
    assert rows(data, "unused") == []
    assert data.units == 4
    assert "at least 90% of the longer segment" in data.description
    assert agreement_report(data).codes[0].agreement == pytest.approx(0.25)
    loose = overlap_units(codings, BOTH, ["X"], share=0.8)
    assert rows(loose, "X") == [[1, 1], [1, 1], [0, 1]]


def test_overlap_share_is_inclusive_and_touching_codings_join() -> None:
    codings = [Coding("A", "X", "d1", 0, 10), Coding("B", "X", "d1", 1, 10),  # exactly 90%
               Coding("A", "X", "d1", 20, 30), Coding("A", "X", "d1", 30, 40), Coding("B", "X", "d1", 20, 40)]
    assert rows(overlap_units(codings, BOTH, ["X"], share=0.9), "X") == [[1, 1], [1, 1]]


def test_overlap_counts_only_characters_outside_excluded_spans() -> None:
    codings = [Coding("A", "X", "d1", 0, 100), Coding("B", "X", "d1", 0, 89)]
    assert rows(overlap_units(codings, BOTH, ["X"]), "X") == [[0, 1], [1, 0]]  # 89/100; B first
    cut = overlap_units(codings, BOTH, ["X"], excluded={"d1": [(90, 100)]})   # 89/90
    assert rows(cut, "X") == [[1, 1]]


def test_overlap_three_coders_and_missing() -> None:
    coded = {"A": {"d1"}, "B": {"d1"}, "C": set()}
    codings = [Coding("A", "X", "d1", 0, 10), Coding("B", "X", "d1", 0, 10)]
    data = overlap_units(codings, coded, ["X"], shared_only=False)
    assert rows(data, "X") == [[1, 1, None]]


def test_overlap_share_must_be_a_share() -> None:
    with pytest.raises(ValueError, match="share"):
        overlap_units([], BOTH, ["X"], share=1.5)


# --- brute force: every character, every line ---------------------------------------------


def _random_project(seed: int) -> dict:
    rng = np.random.default_rng(seed)
    coders = ["A", "B", "C"][: int(rng.integers(2, 4))]
    documents = [f"d{i}" for i in range(int(rng.integers(1, 5)))]
    lengths = {d: int(rng.integers(1, 60)) for d in documents}
    coded = {c: {d for d in documents if rng.random() < 0.8} for c in coders}
    codings = [
        Coding(c, f"code{k}", d, int(s), int(s + rng.integers(0, 15)))
        for c in coders for d in documents for k in range(3)
        for s in rng.integers(-2, lengths[d] + 2, rng.integers(0, 4))
    ]
    lines = {d: sorted({0, *map(int, rng.integers(0, lengths[d], rng.integers(0, 8)))}) for d in documents}
    excluded = {d: [(int(s), int(s + rng.integers(0, 10)))
                    for s in rng.integers(0, lengths[d], rng.integers(0, 3))] for d in documents}
    return dict(coders=coders, documents=documents, lengths=lengths, coded=coded, codings=codings,
                lines=lines, excluded=excluded, shared_only=bool(rng.random() < 0.5))


def _brute_force(p: dict, unit: str) -> dict[str, np.ndarray]:
    """One row per unit, computed character by character in plain Python."""
    need = len(p["coders"]) if p["shared_only"] else 2
    documents = [d for d in p["documents"] if sum(d in p["coded"][c] for c in p["coders"]) >= need]
    out = {}
    for code in ("code0", "code1", "code2"):
        table = []
        for d in documents:
            kept = [i for i in range(p["lengths"][d]) if not any(s <= i < e for s, e in p["excluded"][d])]
            def covered(coder: str, chars: list[int], d=d, code=code) -> float:  # bound now, called now
                if d not in p["coded"][coder]:
                    return NAN
                return float(any(c.coder == coder and c.code == code and c.document_id == d
                                 and c.start <= i < c.end for c in p["codings"] for i in chars))
            if unit == "character":
                groups = [[i] for i in kept]
            else:
                starts = p["lines"][d] + [p["lengths"][d]]
                groups = [[i for i in kept if a <= i < b] for a, b in pairwise(starts)]
                groups = [g for g in groups if g]
            table += [[covered(c, g) for c in p["coders"]] for g in groups]
        out[code] = np.array(table).reshape(-1, len(p["coders"]))
    return out


def _same_statistics(data: ReliabilityData, expected: dict[str, np.ndarray]) -> None:
    report = agreement_report(data)
    brute = agreement_report(ReliabilityData(
        data.unit, data.coders, data.codes, tuple(expected[c] for c in data.codes),
        (None,) * len(data.codes), 0))
    for ours, theirs in zip(report.codes, brute.codes):
        assert ours.units == theirs.units
        for name in ("agreement", "kappa", "alpha"):
            a, b = getattr(ours, name), getattr(theirs, name)
            assert (a is None) == (b is None), name
            if b is not None:
                assert a == pytest.approx(b, abs=1e-12), name


@pytest.mark.parametrize("seed", range(60))
def test_lines_against_brute_force(seed: int) -> None:
    p = _random_project(seed)
    data = line_units(p["codings"], p["coded"], p["lines"], ["code0", "code1", "code2"],
                      document_lengths=p["lengths"], excluded=p["excluded"], shared_only=p["shared_only"])
    expected = _brute_force(p, "line")
    for code in data.codes:
        np.testing.assert_array_equal(data.presence[data.codes.index(code)], expected[code])


@pytest.mark.parametrize("seed", range(60))
def test_characters_against_brute_force(seed: int) -> None:
    p = _random_project(seed)
    data = character_units(p["codings"], p["coded"], p["lengths"], ["code0", "code1", "code2"],
                           excluded=p["excluded"], shared_only=p["shared_only"])
    expected = _brute_force(p, "character")
    assert data.units == len(expected["code0"])
    for code in data.codes:
        weights = data.weights[data.codes.index(code)]
        assert weights.sum() == len(expected[code])
    _same_statistics(data, expected)


def test_report_and_sentence_from_line_units() -> None:
    data = line_units(LINE_CODINGS, BOTH, LINES, ["X", "Y"], document_lengths={"d1": 30})
    sentence = methods_sentence(agreement_report(data), of_documents=4)
    assert sentence.startswith("Agreement between coders A and B was assessed on 1 of 4 transcripts "
                               "(25%; 3 transcript lines), with the transcript line as the unit")
    assert krippendorff_alpha(data.presence[0]) is not None


def test_disagreements_listed_with_their_place() -> None:
    data = line_units(LINE_CODINGS, BOTH, LINES, ["X", "Y"], document_lengths={"d1": 30})
    assert data.disagreements("X") == [(("d1", 0, 10), {"A": True, "B": False})]


def test_overlap_report_names_how_units_were_formed() -> None:
    codings = [Coding("A", "X", "d1", 0, 100), Coding("B", "X", "d1", 5, 100)]
    sentence = methods_sentence(agreement_report(overlap_units(codings, BOTH, ["X"], share=0.9)))
    assert ("with the coded segment as the unit of analysis (segments of the same code matched when "
            "they overlapped by at least 90% of the longer segment)") in sentence


def test_coding_columns_give_the_same_data_as_codings() -> None:
    """Integer ids in numpy columns (how a project reads them) match by sorting, with the same result."""
    from qualcode.analysis.agreement.units import CodingColumns

    rng = np.random.default_rng(7)
    n = 400
    coder, code, doc = rng.integers(0, 3, n), rng.integers(10, 14, n), rng.integers(100, 120, n)
    start = rng.integers(0, 50, n)
    end = start + rng.integers(0, 30, n)
    tuples = [Coding(int(a), int(b), int(c), int(d), int(e)) for a, b, c, d, e in zip(coder, code, doc, start, end)]
    seen = {k: set(range(100, 120)) - {100 + k} for k in range(4)}  # coder 3 never coded: all missing
    lengths = {d: 100 for d in range(100, 120)}
    for build in (lambda c: answer_units(c, seen, [10, 11, 12, 13, 99], shared_only=False),
                  lambda c: character_units(c, seen, lengths, [10, 11, 12, 13], shared_only=False),
                  lambda c: line_units(c, seen, {d: [0, 40, 80] for d in lengths}, [10, 11], shared_only=False)):
        a = build(tuples)
        b = build(CodingColumns(coder, code, doc, start, end))
        assert a.codes == b.codes and a.units == b.units
        for x, y in zip(a.presence, b.presence):
            np.testing.assert_array_equal(x, y)
    with pytest.raises(ValueError, match="same length"):
        answer_units(CodingColumns(coder, code[:-1], doc, start, end), seen)
