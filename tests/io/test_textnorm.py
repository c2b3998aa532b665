"""Decoding and normalisation: the exact text every offset is counted in."""

from __future__ import annotations

import codecs

import pytest

from qualcode.io.base import ImportRefused
from qualcode.io.textnorm import decode_bytes, decode_text_file, normalise_text

SAMPLE = "Interviewer: Café? I’d say — yes 😊\nP3: Naïve, but fine.\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("utf-16"), "utf-16"),  # with BOM, native order
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16"),
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),  # no BOM: found from the NUL pattern
    ],
)
def test_unicode_encodings_decode_to_the_same_text(data: bytes, encoding: str) -> None:
    decoded = decode_text_file(data, "a.txt")
    assert decoded.text == SAMPLE
    assert decoded.encoding == encoding
    assert decoded.warnings == []


def test_windows_1252_is_recognised_without_mojibake() -> None:
    text = "I’d rather not say — it’s the café’s fault.\r\nP2: “Fine”.\r\n"
    decoded = decode_text_file(text.encode("cp1252"), "typist.txt")
    assert decoded.encoding == "cp1252"
    assert decoded.text == text.replace("\r\n", "\n")


def test_latin1_accents_read_as_the_same_letters() -> None:
    text = "Réunion à Genève, très bien; naïveté.\n" * 3
    assert decode_text_file(text.encode("latin-1"), "fr.txt").text == text


def test_cyrillic_in_a_legacy_code_page_is_not_passed_off_as_cp1252() -> None:
    text = "Интервьюер: Расскажите о своей работе в больнице, пожалуйста.\n" * 5
    try:
        decoded = decode_text_file(text.encode("cp1251"), "ru.txt")
    except ImportRefused:
        return  # refusing is acceptable; silent mojibake is not
    assert decoded.text == text
    assert decoded.warnings and "check" in decoded.warnings[0]


def test_utf8_with_a_stray_byte_is_read_with_a_warning_naming_the_line() -> None:
    good = "Café crème, déjà vu, naïve, résumé.\n" * 3
    data = good.encode("utf-8") + b"Line four has a bad \x92 byte.\n"
    decoded = decode_text_file(data, "mixed.txt")
    assert decoded.text.startswith(good)
    assert "\ufffd" in decoded.text
    assert "line 4" in decoded.warnings[0]


def test_binary_data_is_refused_with_a_message_naming_the_file() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(ImportRefused) as caught:
        decode_bytes(png, "/tmp/photo.txt")
    assert str(caught.value).startswith("photo.txt: ")
    assert "binary" in str(caught.value)


def test_empty_data_is_refused() -> None:
    with pytest.raises(ImportRefused, match="empty"):
        decode_bytes(b"", "nothing.txt")


def test_line_endings_become_lf_and_bom_is_removed() -> None:
    assert normalise_text("\ufeffa\r\nb\rc\nd", "x.txt") == "a\nb\nc\nd"


def test_one_character_breaks_become_lf_without_moving_offsets() -> None:
    text = "a\u2028b\x0cc\x0bd"
    out = normalise_text(text, "x.txt")
    assert out == "a\nb\nc\nd"
    assert len(out) == len(text)


def test_nul_characters_are_refused() -> None:
    with pytest.raises(ImportRefused, match="NUL"):
        normalise_text("abc\x00def", "x.txt")
