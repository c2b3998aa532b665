"""Names replaced in a text, and every offset moved with them (pure functions)."""

from __future__ import annotations

import random

import pytest

from qualcode.core.transcripts.lines import LineIndex, compute_line_starts
from qualcode.core.transcripts.replacements import (
    NameMatcher,
    Replacement,
    ShiftMap,
    apply_replacements,
    find_replacements,
)


def test_whole_words_only_longest_name_first_and_across_a_line_break() -> None:
    matcher = NameMatcher(["Helen", "Helen Smith", "Kev", "A&E"])
    text = "Helen Smith told Helen\nSmith; Helen's Kev'll see HelenX, Kevin and A&E."
    found = [(text[a:b], name) for a, b, name in matcher.finditer(text)]
    assert found == [("Helen Smith", "Helen Smith"), ("Helen\nSmith", "Helen Smith"), ("Helen", "Helen"),
                     ("Kev", "Kev"), ("A&E", "A&E")]


def test_a_blank_line_ends_a_name_and_case_matters() -> None:
    matcher = NameMatcher(["Helen Smith", "Will"])
    assert list(matcher.finditer("Helen\n\nSmith will go")) == []


def test_protected_spans_are_skipped() -> None:
    text = "Sam: hello Sam"
    matcher = NameMatcher(["Sam"])
    assert [a for a, _, _ in matcher.finditer(text, [(0, 3)])] == [11]


def test_positions_move_and_cut_names_snap_outwards() -> None:
    text = "ab Helen cd Kelbridge ef"
    reps = find_replacements(text, NameMatcher(["Helen", "Kelbridge"]), {"Helen": "[Colleague 1]",
                                                                        "Kelbridge": "[Town A]"})
    new = apply_replacements(text, reps)
    assert new == "ab [Colleague 1] cd [Town A] ef"
    shift = ShiftMap(reps)
    assert shift.position(0) == 0 and shift.position(3) == 3
    assert shift.position(8) == 16  # just after "Helen"
    assert shift.span(3, 8) == (3, 16)  # exactly the name
    assert new[slice(*shift.span(5, 14))] == "[Colleague 1] cd [Town A]"  # cut names taken whole
    assert new[slice(*shift.span(12, 24))] == "[Town A] ef"
    assert shift.position(len(text), "end") == len(new)


def test_overlapping_replacements_are_refused() -> None:
    with pytest.raises(ValueError):
        ShiftMap([Replacement(0, 5, "x"), Replacement(3, 7, "y")])


def test_line_starts_keep_their_count_and_their_lines() -> None:
    rng = random.Random(4)
    words = ["the", "team", "Helen", "said", "Kelbridge", "was", "fine", "and", "we", "talked"]
    text = "\n".join(" ".join(rng.choice(words) for _ in range(rng.randint(3, 40))) for _ in range(60))
    starts = compute_line_starts(text, 40)
    matcher = NameMatcher(["Helen", "Kelbridge"])
    reps = find_replacements(text, matcher, {"Helen": "[Colleague 12]", "Kelbridge": "[K]"})
    new = apply_replacements(text, reps)
    shift = ShiftMap(reps)
    new_starts = shift.line_starts(starts)
    assert len(new_starts) == len(starts) and new_starts == sorted(new_starts)
    old_lines, new_lines = LineIndex(tuple(starts), len(text)), LineIndex(tuple(new_starts), len(new))
    for n in range(1, old_lines.count + 1):
        old = text[slice(*old_lines.span_of(n))]
        assert new[slice(*new_lines.span_of(n))] == old.replace("Helen", "[Colleague 12]").replace("Kelbridge", "[K]")


def test_a_name_broken_across_lines_keeps_both_lines() -> None:
    text = "we left Kelbridge\nCommunity Trust long ago"
    starts = [0, text.index("Community")]
    reps = find_replacements(text, NameMatcher(["Kelbridge Community Trust"]),
                             {"Kelbridge Community Trust": "[Organisation 1]"})
    new, shift = apply_replacements(text, reps), ShiftMap(reps)
    new_starts = shift.line_starts(starts)
    assert [new[a:b] for a, b in zip(new_starts, new_starts[1:] + [len(new)])] == \
        ["we left [Organisation ", "1] long ago"]
    # A quote ending inside the name's second line still ends on line 2.
    end = shift.position(text.index("Trust") + 2, "end")
    assert LineIndex(tuple(new_starts), len(new)).line_of(end - 1) == 2
