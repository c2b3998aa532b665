"""Turn the bytes of a text file into the exact text a document will keep.

Two jobs, kept apart so every reader shares them:

* :func:`decode_bytes` finds the encoding.  Researchers' files come from
  typists on old Windows machines (cp1252), from Excel (UTF-16), from Macs and
  from web tools (UTF-8, with or without a BOM).  A wrong guess silently
  turns "café" into "cafÃ©" and every quote built on it is wrong, so each
  guess is checked for plausibility and anything doubtful is reported in a
  warning or refused, never passed on quietly.
* :func:`normalise_text` fixes line endings and strips the BOM.  Offsets of
  segments are stored in code points against this text, so it must be the
  same however the file reached us (see ROADMAP: REFI-QDA export).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from qualcode.io.base import ImportRefused

# Line separators that are one code point each and mean "new line".  Mapping
# them to "\n" keeps every offset where it was while giving the document
# lines that the line-numbering (IPA citations) can count.
_ONE_CHAR_BREAKS = ("\u2028", "\u2029", "\x85", "\x0b", "\x0c")

# C0 controls other than tab/LF/CR/VT/FF, DEL, and the C1 block.  Real text
# hardly ever holds them; decoded with the wrong code page it often does.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")

_BINARY_MESSAGE = (
    "this does not look like a text file (it holds binary data); "
    "if it is a Word, PDF or spreadsheet file, give it the matching extension"
)


@dataclass
class Decoded:
    """Text decoded from bytes, with the encoding used and any doubts."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def normalise_newlines(raw: str) -> str:
    """Text exactly as it will be stored: LF line endings and no BOM.

    Nothing else changes (tabs, spaces and non-ASCII characters stay as they
    are), so character positions can be exchanged with other tools.  Pure and
    quiet, so texts that arrive without a file of their own (a REFI-QDA
    source, a pasted answer) get the same form as imported files.
    """
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    return raw.replace("\r\n", "\n").replace("\r", "\n")


def normalise_text(text: str, path: str | Path) -> str:
    """LF line endings, no BOM, no NUL; same length per character otherwise.

    ``\\r\\n`` and lone ``\\r`` become ``\\n``.  NUL is refused rather than
    dropped: in a text it means the file was binary or mis-decoded.
    """
    if "\x00" in text:
        raise ImportRefused(path, "the text contains NUL characters, so it is binary data or a damaged file")
    text = normalise_newlines(text)
    for mark in _ONE_CHAR_BREAKS:  # str.replace per character: far faster than translate
        if mark in text:
            text = text.replace(mark, "\n")
    return text


def decode_bytes(data: bytes, path: str | Path) -> Decoded:
    """Decode a whole text file, refusing empty, binary or unreadable data.

    Order of trust: a BOM; strict UTF-8; UTF-16 without a BOM (NUL pattern);
    then cp1252 or charset-normalizer's guess, each accepted only when the
    result reads like text.  A file that is UTF-8 but for a few bad bytes is
    read as UTF-8 with the bad bytes replaced and a warning saying where.
    """
    if not data:
        raise ImportRefused(path, "the file is empty")
    bom = _bom_encoding(data)
    if bom:
        try:
            text = data.decode(bom)
        except UnicodeDecodeError as exc:
            raise ImportRefused(path, f"the file says it is {_label(bom)} but is damaged at byte {exc.start}") from exc
        return _checked(Decoded(text, bom), path)
    if b"\x00" in data:
        return _checked(_decode_utf16_without_bom(data, path), path)
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8"), path)
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return mostly_utf8
    return _decode_legacy(data, path)


def decode_lines(data: bytes, path: str | Path) -> Decoded:
    """:func:`decode_bytes` for tables, where each line may come from a different source.

    A survey export pasted together from two machines can hold UTF-8 lines
    and Windows-1252 lines side by side.  Decoded as one, either half turns
    into mojibake ("cafÃ©").  When the file has UTF-8 lines with accents and
    lines that are not UTF-8, each line is decoded on its own — UTF-8 first,
    then Windows-1252 — and the lines read as Windows-1252 are named in a
    warning (when those lines do not read as Western text, the file is
    judged as a whole as before: a Cyrillic line can pass for UTF-8).  A line that is neither, or that mixes both within itself, is
    refused with its number.  Any other file is decoded as a whole.
    """
    if not data or _bom_encoding(data) or b"\x00" in data:
        return decode_bytes(data, path)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return decode_bytes(data, path)
    raw_lines = data.split(b"\n")
    if not any(_is_utf8(line) and not line.isascii() for line in raw_lines):
        return decode_bytes(data, path)  # one legacy encoding throughout
    texts: list[str] = []
    legacy: list[int] = []
    for number, line in enumerate(raw_lines, start=1):
        if _is_utf8(line):
            texts.append(line.decode("utf-8"))
            continue
        text = _try_decode(line, "cp1252")
        if _UTF8_SEQUENCE.search(line):
            raise ImportRefused(path, f"line {number} mixes UTF-8 with another text encoding within the line; "
                                      "save the file as UTF-8 and import it again")
        if text is None or not looks_like_text(text):
            raise ImportRefused(path, f"line {number}: the text encoding could not be recognised (the file mixes "
                                      "encodings); save the file as UTF-8 and import it again")
        texts.append(text)
        legacy.append(number)
    if not _reads_as_western("\n".join(texts[n - 1] for n in legacy)):
        return decode_bytes(data, path)  # not Western text: another legacy code page, judged as a whole
    shown = ", ".join(str(n) for n in legacy[:10]) + (f" and {len(legacy) - 10} more" if len(legacy) > 10 else "")
    warning = (f"the file mixes text encodings: line(s) {shown} were not UTF-8 and were read as Windows-1252 "
               "— check the accented letters on those lines")
    return _checked(Decoded("\n".join(texts), "utf-8", [warning]), path)


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# A UTF-8 multi-byte sequence; inside a line that is not UTF-8 it means two encodings in one line.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode_text_file(data: bytes, path: str | Path) -> Decoded:
    """:func:`decode_bytes` followed by :func:`normalise_text`."""
    decoded = decode_bytes(data, path)
    decoded.text = normalise_text(decoded.text, path)
    return decoded


def looks_like_text(text: str) -> bool:
    """True when ``text`` has no control characters and no replacement marks."""
    return _CONTROL.search(text) is None and "\ufffd" not in text


def _bom_encoding(data: bytes) -> str | None:
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        return "utf-32"
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    return None


def _decode_utf16_without_bom(data: bytes, path: str | Path) -> Decoded:
    """UTF-16 text has NULs in every other byte while it is mostly ASCII."""
    sample = data[:4096]
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = max(1, len(sample) // 2)
    encoding = None
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        encoding = "utf-16-le"
    elif even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        encoding = "utf-16-be"
    if encoding and len(data) % 2 == 0:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            text = ""
        if text and looks_like_text(text):
            return Decoded(text, encoding)
    raise ImportRefused(path, _BINARY_MESSAGE)


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a handful of stray bytes (a file pasted together from two sources)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    good = non_ascii - bad
    if good < 3 or bad > max(2, good // 20):
        return None
    if _CONTROL.search(text):
        return None
    first = text.index("\ufffd")
    line = text.count("\n", 0, first) + 1
    return Decoded(
        text,
        "utf-8",
        [f"{bad} byte(s) were not valid UTF-8 and were replaced with \ufffd (first on line {line})"],
    )


def _decode_legacy(data: bytes, path: str | Path) -> Decoded:
    """cp1252 for Western text; otherwise charset-normalizer's guess, if it reads well."""
    cp1252 = _try_decode(data, "cp1252")
    if cp1252 is not None and looks_like_text(cp1252) and _reads_as_western(cp1252):
        return Decoded(cp1252, "cp1252")
    # Too little text makes any guess a coin toss (six Cyrillic bytes "are" Big5).
    guess = _charset_normalizer_guess(data) if len(data) >= 64 else None
    if guess and guess not in {"utf_8", "utf-8", "ascii", "cp1252"}:
        text = _try_decode(data, guess)
        if text is not None and looks_like_text(text):
            return Decoded(
                text,
                guess,
                [f"the encoding was not stated; read as {_label(guess)} — check that accented letters look right"],
            )
    if cp1252 is not None and looks_like_text(cp1252):
        return Decoded(
            cp1252,
            "cp1252",
            ["the encoding was not stated; read as Windows-1252 — check that accented letters look right"],
        )
    if _control_share(data.decode("latin-1")) > 0.01:
        raise ImportRefused(path, _BINARY_MESSAGE)
    raise ImportRefused(path, "the text encoding could not be recognised; save the file as UTF-8 and import it again")


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _reads_as_western(text: str) -> bool:
    """Western European text is mostly ASCII letters with a few accented ones.

    Cyrillic or Greek bytes decoded as cp1252 give words made only of
    accented Latin letters ("Ïðèâåò"), which this rejects.
    """
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return True
    accented = sum(1 for ch in letters if ord(ch) > 127)
    if accented / len(letters) > 0.3:
        return False
    # Mojibake of UTF-8 read as cp1252 leaves "Ã" or "â€" before a symbol.
    return text.count("Ã") + text.count("â€") <= max(1, accented // 10)


def _charset_normalizer_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # imported lazily: slow to load

    best = from_bytes(data[:200_000]).best()
    return best.encoding if best is not None else None


def _label(encoding: str) -> str:
    names = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32", "cp1252": "Windows-1252"}
    return names.get(encoding, encoding.replace("_", "-"))


def _control_share(text: str) -> float:
    sample = text[:20_000]
    return len(_CONTROL.findall(sample)) / max(1, len(sample))


def _checked(decoded: Decoded, path: str | Path) -> Decoded:
    """Refuse decoded text that is really binary (e.g. a zip named .txt)."""
    sample = decoded.text[:20_000]
    controls = len(_CONTROL.findall(sample))
    if controls > max(2, len(sample) // 1000):
        raise ImportRefused(path, _BINARY_MESSAGE)
    if controls:
        decoded.warnings.append(f"{controls} control character(s) in the text were kept as they are")
    return decoded
