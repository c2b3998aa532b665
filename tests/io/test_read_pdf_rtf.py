"""PDF and RTF fixtures written by LibreOffice, Pillow and pypdf (see data/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.io.base import ImportRefused
from qualcode.io.registry import read_transcript


def test_pdf_text_layer_with_speaker_turns(data_dir: Path) -> None:
    source = read_transcript(data_dir / "interview.pdf")
    assert source.text.startswith("Interviewer: Can you tell me about your first year on the ward?\nP3: It was a blur")
    assert "café au lait" in source.text and "“you’re not a production line”." in source.text
    assert [(t.speaker, t.is_interviewer) for t in source.turns] == [
        ("Interviewer", True), ("P3", False), ("Interviewer", True), ("P3", False)]
    assert source.participant == "P3"
    assert source.title == "interview"


def test_pdf_encrypted_only_against_editing_is_read(data_dir: Path) -> None:
    assert read_transcript(data_dir / "owner_only.pdf").text == read_transcript(data_dir / "interview.pdf").text


def test_pdf_with_open_password_is_refused(data_dir: Path) -> None:
    with pytest.raises(ImportRefused, match="encrypted.pdf: the PDF is password-protected"):
        read_transcript(data_dir / "encrypted.pdf")


def test_scanned_pdf_without_text_layer_points_to_ocr(data_dir: Path) -> None:
    with pytest.raises(ImportRefused) as caught:
        read_transcript(data_dir / "scanned.pdf")
    assert str(caught.value).startswith("scanned.pdf: the PDF has no text layer")
    assert "looks like a scanned image; run OCR" in caught.value.problem


def test_truncated_pdf_is_refused(data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "half.pdf"
    path.write_bytes((data_dir / "interview.pdf").read_bytes()[:2000])
    with pytest.raises(ImportRefused, match="half.pdf: "):
        read_transcript(path)


def test_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "notes.pdf"
    path.write_text("Interviewer: plain text", encoding="utf-8")
    with pytest.raises(ImportRefused, match="notes.pdf: this is not a PDF file"):
        read_transcript(path)


def test_rtf_from_libreoffice_with_speaker_table_and_emoji(data_dir: Path) -> None:
    source = read_transcript(data_dir / "focus_group.rtf")
    assert source.text == (
        "Focus group, site B\n"
        "Facilitator: What would keep you in post?\n"
        "Amélie: Fair rotas — and being heard 😊.\n"
        "Facilitator: Anything else?\n"
        "Amélie: Time to train.\n"
        "End of recording."
    )
    assert [(t.speaker, t.is_interviewer) for t in source.turns] == [
        ("Facilitator", True), ("Amélie", False), ("Facilitator", True), ("Amélie", False)]


def test_hand_written_rtf_code_page_and_unicode_escapes(tmp_path: Path) -> None:
    rtf = (rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Arial;}}"
           rb"\f0 I: Caf\'e9?\par R: Oui \u8212? bien \uc1\u-10179?\u-8694?\par}")
    path = tmp_path / "wordpad.rtf"
    path.write_bytes(rtf)
    source = read_transcript(path)
    assert source.text == "I: Café?\nR: Oui — bien 😊"
    assert [t.speaker for t in source.turns] == ["I", "R"]


def test_not_rtf(tmp_path: Path) -> None:
    path = tmp_path / "fake.rtf"
    path.write_bytes(b"Interviewer: hello")
    with pytest.raises(ImportRefused, match=r"fake.rtf: this is not an RTF document"):
        read_transcript(path)
