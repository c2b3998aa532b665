"""Speaker-turn detection in transcript text."""

from __future__ import annotations

from qualcode.io.turns import find_turns, guess_interviewer, main_participant


def spoken(text: str) -> list[tuple[str, bool, str]]:
    return [(t.speaker, t.is_interviewer, text[t.start:t.end]) for t in find_turns(text)]


def test_interviewer_and_participant_labels() -> None:
    text = "Interviewer: How did it start?\nP3: Slowly.\n\nIt took years.\n\nInterviewer: And now?\nP3: Better.\n"
    assert spoken(text) == [
        ("Interviewer", True, "Interviewer: How did it start?"),
        ("P3", False, "P3: Slowly.\n\nIt took years."),
        ("Interviewer", True, "Interviewer: And now?"),
        ("P3", False, "P3: Better."),
    ]


def test_single_letter_labels_i_and_r() -> None:
    text = "I: Tell me more.\nR: Well, I left.\nI: Why?\nR: Money.\n"
    assert [(s, i) for s, i, _ in spoken(text)] == [("I", True), ("R", False), ("I", True), ("R", False)]


def test_names_titles_and_text_before_the_first_label() -> None:
    text = "Transcript 4, recorded at home\nDr Smith: Shall we begin?\nCaroline: Yes.\nDr Smith: Good.\n"
    turns = find_turns(text, interviewer="Dr Smith")
    assert [(t.speaker, t.is_interviewer) for t in turns] == [
        ("Dr Smith", True), ("Caroline", False), ("Dr Smith", True)]
    assert turns[0].start == text.index("Dr Smith")  # the heading line is not a turn


def test_timestamps_before_or_after_the_label_are_kept_on_the_turn() -> None:
    text = "[00:01:02] Interviewer: Ready?\n(00:01:05) P3: Yes.\nP3 [00:02:10]: Still here.\n"
    turns = find_turns(text)
    assert [(t.speaker, t.timestamp) for t in turns] == [
        ("Interviewer", "00:01:02"), ("P3", "00:01:05"), ("P3", "00:02:10")]
    assert text[turns[0].start:turns[0].end] == "[00:01:02] Interviewer: Ready?"


def test_meeting_tool_layout_name_and_time_on_their_own_line() -> None:
    text = "Sam Jones  0:03\nSo, how was the first week?\n\nCaroline Smith  0:09\nExhausting, honestly.\n"
    turns = find_turns(text)
    assert [(t.speaker, t.timestamp) for t in turns] == [("Sam Jones", "0:03"), ("Caroline Smith", "0:09")]
    assert text[turns[1].start:turns[1].end] == "Caroline Smith  0:09\nExhausting, honestly."


def test_colons_in_prose_are_not_speakers() -> None:
    text = "Interviewer: What happened?\nP1: Well, what I mean is: nothing.\nso basically what happened: more.\n"
    assert [s for s, _, _ in spoken(text)] == ["Interviewer", "P1"]


def test_times_and_headings_are_not_labels() -> None:
    text = "Date: 4 May\n10:30: arrived\nNote: noisy room\n"
    assert find_turns(text) == []


def test_labels_differing_only_in_case_are_one_speaker() -> None:
    text = "INTERVIEWER: One?\nP2: A.\nInterviewer: Two?\nP2: B.\nInterviewer: Three?\n"
    assert {t.speaker for t in find_turns(text)} == {"Interviewer", "P2"}


def test_main_participant_is_the_non_interviewer_who_says_most() -> None:
    text = "I: Q?\nP1: A long, long answer about the ward.\nP2: Short.\nI: Q?\nP1: More.\n"
    assert main_participant(find_turns(text)) == "P1"


def test_the_questioner_is_guessed_when_no_label_says_interviewer() -> None:
    text = ("Sam: How did you start?\nCaroline: By accident, after a placement on the ward.\n"
            "Sam: And then?\nCaroline: I stayed for ten years because the team was good.\n"
            "Sam: Would you do it again?\nCaroline: Yes.\n")
    assert guess_interviewer(find_turns(text), text) == "Sam"


def test_no_guess_when_both_speakers_ask_questions() -> None:
    text = "Ann: Why?\nBen: Why not?\nAnn: Really?\nBen: Really?\n"
    assert guess_interviewer(find_turns(text), text) is None


def test_a_heading_with_a_time_is_not_a_speaker() -> None:
    text = "Meeting 10:30\nInterviewer: Shall we?\nP1: Yes.\n"
    assert [t.speaker for t in find_turns(text)] == ["Interviewer", "P1"]
