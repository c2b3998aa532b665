"""Plain-text transcripts through read_transcript, and what every format shares."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from qualcode.io import registry
from qualcode.io.base import ImportRefused
from qualcode.io.registry import ReadText, read_transcript, transcript_reader

TRANSCRIPT = (
    "Interview 7 — recorded 3 May\n"
    "Interviewer: What’s the hardest part? 😊\n"
    "P3: Honestly — the night shifts. Café at 3am.\n"
    "Interviewer: And the best?\n"
    "P3: The team.\n"
)


def test_text_offsets_speakers_and_source_details(write_bytes) -> None:
    data = TRANSCRIPT.encode("utf-8")
    source = read_transcript(write_bytes("interview7.txt", data))
    assert source.text == TRANSCRIPT
    assert source.title == "interview7"
    assert source.source_name == "interview7.txt"
    assert source.source_hash == hashlib.sha256(data).hexdigest()
    assert source.participant == "P3"
    first, second = source.turns[:2]
    # Offsets count code points: the emoji is one, "—" is one.
    assert (first.start, first.end) == (29, 68)
    assert source.text[first.start:first.end] == "Interviewer: What’s the hardest part? 😊"
    assert second.start == 69
    assert source.text[second.start:second.end] == "P3: Honestly — the night shifts. Café at 3am."
    assert [(t.speaker, t.is_interviewer) for t in source.turns] == [
        ("Interviewer", True), ("P3", False), ("Interviewer", True), ("P3", False)]


def test_crlf_file_gives_the_same_text_and_offsets(write_bytes) -> None:
    lf = read_transcript(write_bytes("lf.txt", TRANSCRIPT.encode("utf-8")))
    crlf = read_transcript(write_bytes("crlf.txt", TRANSCRIPT.replace("\n", "\r\n").encode("utf-8")))
    assert crlf.text == lf.text
    assert crlf.turns == lf.turns
    assert crlf.source_hash != lf.source_hash  # the hash is of the raw bytes


def test_utf16_file_with_bom(write_bytes) -> None:
    source = read_transcript(write_bytes("excel_export.txt", TRANSCRIPT.replace("\n", "\r\n").encode("utf-16")))
    assert source.text == TRANSCRIPT
    assert not source.text.startswith("\ufeff")


def test_utf8_bom_is_not_part_of_the_text(write_bytes) -> None:
    source = read_transcript(write_bytes("bom.txt", b"\xef\xbb\xbf" + TRANSCRIPT.encode("utf-8")))
    assert source.text == TRANSCRIPT
    assert source.turns[0].start == 29


def test_cp1252_typist_file(write_bytes) -> None:
    text = "I: Where’s the café?\r\nR: Down the road — near the église.\r\nI: Thanks.\r\n"
    source = read_transcript(write_bytes("typist.txt", text.encode("cp1252")))
    assert source.text == text.replace("\r\n", "\n")
    assert [t.speaker for t in source.turns] == ["I", "R", "I"]


def test_binary_named_txt_is_refused(write_bytes) -> None:
    path = write_bytes("recording.txt", b"ID3\x03\x00\x00\x00" + bytes(range(256)) * 20)
    with pytest.raises(ImportRefused) as caught:
        read_transcript(path)
    assert str(caught.value).startswith("recording.txt: ")
    assert "binary" in caught.value.problem


def test_a_zip_named_txt_is_refused(write_bytes, tmp_path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(tmp_path / "pack.zip", "w") as z:
        z.writestr("a.bin", bytes(range(256)) * 10)
    path = write_bytes("notes.txt", (tmp_path / "pack.zip").read_bytes())
    with pytest.raises(ImportRefused, match="notes.txt: .*binary"):
        read_transcript(path)


def test_empty_and_blank_files_are_refused(write_bytes) -> None:
    with pytest.raises(ImportRefused, match="empty.txt: the file is empty"):
        read_transcript(write_bytes("empty.txt", b""))
    with pytest.raises(ImportRefused, match="blank.txt: the file holds no text"):
        read_transcript(write_bytes("blank.txt", b"\r\n  \n"))


def test_file_over_the_size_cap_is_refused_before_reading(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(registry.MAX_FILE_BYTES + 1)  # sparse: no real 200 MB written

    def never(*args, **kwargs):
        raise AssertionError("the file was read although it is over the cap")

    monkeypatch.setattr(Path, "read_bytes", never)
    with pytest.raises(ImportRefused) as caught:
        read_transcript(path)
    assert str(caught.value).startswith("huge.txt: the file is 200 MB")
    assert "up to 200 MB" in caught.value.problem


def test_missing_file_folder_and_unknown_type(tmp_path: Path) -> None:
    with pytest.raises(ImportRefused, match="gone.txt: the file does not exist"):
        read_transcript(tmp_path / "gone.txt")
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(ImportRefused, match="folder.txt: this is a folder"):
        read_transcript(tmp_path / "folder.txt")
    (tmp_path / "audio.mp3").write_bytes(b"x")
    with pytest.raises(ImportRefused, match=r"audio.mp3: '.mp3' files cannot be imported.*\.docx.*\.vtt"):
        read_transcript(tmp_path / "audio.mp3")
    (tmp_path / "old.doc").write_bytes(b"x")
    with pytest.raises(ImportRefused, match="old.doc: old Word .doc files are not read; .*save it as .docx"):
        read_transcript(tmp_path / "old.doc")


def test_unexpected_reader_errors_become_refusals(write_bytes, monkeypatch) -> None:
    monkeypatch.setattr(registry, "_READERS", dict(registry._READERS))

    @transcript_reader(".boom")
    def explode(path: Path, data: bytes) -> ReadText:
        raise KeyError("word/document.xml")

    with pytest.raises(ImportRefused) as caught:
        read_transcript(write_bytes("x.boom", b"data"))
    assert str(caught.value).startswith("x.boom: the file could not be read (KeyError")


def test_registered_reader_is_used_and_its_text_normalised(write_bytes, monkeypatch) -> None:
    monkeypatch.setattr(registry, "_READERS", dict(registry._READERS))

    @transcript_reader(".Fake")
    def fake(path: Path, data: bytes) -> ReadText:
        return ReadText("\ufeffI: hi?\r\nR: " + data.decode())

    source = read_transcript(write_bytes("y.fake", b"hello"))
    assert source.text == "I: hi?\nR: hello"
    assert [t.speaker for t in source.turns] == ["I", "R"]
    assert ".fake" in registry.supported_suffixes()


def test_interviewer_named_by_the_caller(write_bytes) -> None:
    text = "Sam: Hello.\nCaroline: Hi.\nSam: Ready.\nCaroline: Yes.\n"
    source = read_transcript(write_bytes("named.txt", text.encode()), interviewer="Sam")
    assert [t.is_interviewer for t in source.turns] == [True, False, True, False]
    assert source.participant == "Caroline"


def test_guessed_interviewer_is_reported_in_a_warning(write_bytes) -> None:
    text = ("Sam: How did you start?\nCaroline: By accident, after a long placement on the ward.\n"
            "Sam: And then?\nCaroline: I stayed on for ten years because the team was good.\n")
    source = read_transcript(write_bytes("guess.txt", text.encode()))
    assert [t.is_interviewer for t in source.turns] == [True, False, True, False]
    assert "'Sam' asks most of the questions" in source.warnings[0]


def test_io_package_never_imports_qt() -> None:
    root = Path(__file__).resolve().parents[2] / "qualcode" / "io"
    offenders = [p.name for p in root.rglob("*.py") if "PySide6" in p.read_text(encoding="utf-8")
                 or "PyQt" in p.read_text(encoding="utf-8")]
    assert offenders == []
