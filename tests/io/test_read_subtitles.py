"""WebVTT and SubRip captions from meeting tools, parsed by our own readers."""

from __future__ import annotations

import pytest

from qualcode.io.base import ImportRefused
from qualcode.io.registry import read_transcript

TEAMS_VTT = """\ufeffWEBVTT

NOTE produced by the meeting tool

5e2c8a1f-1/12-0
00:00:03.450 --> 00:00:07.120
<v Dr Jane Doe>So, how did you come to nursing?</v>

5e2c8a1f-1/14-0
00:00:07.500 --> 00:00:11.000
<v Caroline Smith>By accident, really.</v>

5e2c8a1f-1/14-1
00:00:11.000 --> 00:00:15.250 align:start position:10%
<v Caroline Smith>A placement &amp; a good mentor — that’s all.</v>

00:00:15.900 --> 00:00:18.000
<v Dr Jane Doe>Would you do it again?</v>

00:00:18.100 --> 00:00:20.000
<v.loud Caroline Smith><i>Yes</i> 😊</v>"""


def test_teams_voice_tags_merge_consecutive_cues_and_keep_first_time(write_bytes) -> None:
    source = read_transcript(write_bytes("teams.vtt", TEAMS_VTT.replace("\n", "\r\n").encode("utf-8")))
    assert source.text == (
        "Dr Jane Doe: So, how did you come to nursing?\n"
        "Caroline Smith: By accident, really. A placement & a good mentor — that’s all.\n"
        "Dr Jane Doe: Would you do it again?\n"
        "Caroline Smith: Yes 😊"
    )
    assert [(t.speaker, t.timestamp) for t in source.turns] == [
        ("Dr Jane Doe", "00:00:03.450"), ("Caroline Smith", "00:00:07.500"),
        ("Dr Jane Doe", "00:00:15.900"), ("Caroline Smith", "00:00:18.100")]
    for turn in source.turns:
        assert source.text[turn.start:turn.end].startswith(turn.speaker + ": ")
    # Named people, no "Interviewer" label: the one asking is marked, and we say so.
    assert [t.is_interviewer for t in source.turns] == [True, False, True, False]
    assert source.participant == "Caroline Smith"
    assert any("Dr Jane Doe" in w for w in source.warnings)


def test_zoom_style_name_prefixes_and_numeric_ids_without_final_blank_line(write_bytes) -> None:
    vtt = ("WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nInterviewer: Can you hear me?\n\n"
           "2\n00:00:04.500 --> 00:00:06.000\nP4: Yes, fine.\n\n"
           "3\n00:00:06.000 --> 00:00:09.000\nP4: Shall I start\nwith the first job?")
    source = read_transcript(write_bytes("zoom.vtt", vtt.encode()))
    assert source.text == "Interviewer: Can you hear me?\nP4: Yes, fine. Shall I start with the first job?"
    assert [(t.speaker, t.is_interviewer, t.timestamp) for t in source.turns] == [
        ("Interviewer", True, "00:00:01.000"), ("P4", False, "00:00:04.500")]


def test_header_metadata_style_blocks_and_two_voices_in_one_cue(write_bytes) -> None:
    vtt = ("WEBVTT - captions\nKind: captions\nLanguage: en\n\nSTYLE\n::cue { color: white }\n\n"
           "00:01.000 --> 00:02.000\n<v Ann>Hi Ben.</v>\n<v Ben>Hi Ann.</v>\n")
    source = read_transcript(write_bytes("short_times.vtt", vtt.encode()))
    assert source.text == "Ann: Hi Ben.\nBen: Hi Ann."
    assert [t.timestamp for t in source.turns] == ["00:00:01.000", "00:00:01.000"]


def test_captions_without_speakers_keep_one_line_per_cue_and_drop_repeats(write_bytes) -> None:
    vtt = ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhello there\n\n"
           "00:00:02.000 --> 00:00:03.000\nhello there\n\n00:00:03.000 --> 00:00:04.000\nhow are you\n")
    source = read_transcript(write_bytes("auto.vtt", vtt.encode()))
    assert source.text == "hello there\nhow are you"
    assert source.turns == []


def test_not_a_vtt_file_is_refused(write_bytes) -> None:
    with pytest.raises(ImportRefused, match="notes.vtt: this is not a WebVTT subtitle file"):
        read_transcript(write_bytes("notes.vtt", b"Interviewer: hello\n"))


def test_srt_with_markup_commas_and_broken_blocks(write_bytes) -> None:
    srt = ("\ufeff1\r\n00:00:01,000 --> 00:00:03,500\r\nInterviewer: <i>Welcome</i> back.\r\n\r\n"
           "2\r\n00:00:04,000 --> 00:00:06,000 X1:10 X2:20 Y1:5 Y2:9\r\n{\\an8}P1: Thanks — glad to be\r\nhere.\r\n\r\n"
           "garbage block\r\nwithout times\r\n\r\n"
           "3\r\n00:00:06,100 --> 00:00:07,000\r\n<font color=\"#fff\">P1: Really.</font>\r\n\r\n"
           "4\r\n00:00:08.000 --> 00:00:09.000\r\nInterviewer: Good.")
    source = read_transcript(write_bytes("captions.srt", srt.encode("utf-8")))
    assert source.text == "Interviewer: Welcome back.\nP1: Thanks — glad to be here. Really.\nInterviewer: Good."
    assert [(t.speaker, t.timestamp) for t in source.turns] == [
        ("Interviewer", "00:00:01.000"), ("P1", "00:00:04.000"), ("Interviewer", "00:00:08.000")]
    assert "1 block(s) without a valid cue time were skipped (line 10)" in source.warnings[0]


def test_srt_continuation_cues_keep_the_speaker(write_bytes) -> None:
    srt = ("1\n00:00:01,000 --> 00:00:02,000\nR: I think\n\n2\n00:00:02,000 --> 00:00:03,000\nit was fine.\n\n"
           "3\n00:00:03,000 --> 00:00:04,000\nI: OK.\n\n4\n00:00:04,000 --> 00:00:05,000\nR: Yes.\n")
    source = read_transcript(write_bytes("cont.srt", srt.encode()))
    assert source.text == "R: I think it was fine.\nI: OK.\nR: Yes."


def test_srt_without_cues_is_refused(write_bytes) -> None:
    with pytest.raises(ImportRefused, match="empty.srt: this is not a SubRip subtitle file"):
        read_transcript(write_bytes("empty.srt", b"1\nno times here\n"))
