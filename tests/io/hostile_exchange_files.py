"""Malformed exchange files made at test time: codebooks, suggestions and REFI-QDA projects.

Each is the kind of file a researcher gets from a colleague, another tool or
a hand edit gone wrong: JSON of the wrong shape, code trees 20,000 levels
deep, a ``.qdpx`` with impossible positions, repeated or missing GUIDs,
a source that is not UTF-8, a source type qualcode does not read.  Run
``python tests/io/hostile_exchange_files.py DIR`` to write every file into
DIR for trying them by hand.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from hostile_files import Member, xlsx_package, zip_bytes

REPO = Path(__file__).resolve().parents[2]
MAYA = REPO / "sample_projects" / "interviews" / "maya.txt"
DEEP = 20_000


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode()


def _codebook(codes: object, **fields: object) -> bytes:
    return _json({"format": "qualcode-codebook", "version": 1, "name": "Team codebook", **fields, "codes": codes})


def _nested_codebook(levels: int) -> bytes:
    """``levels`` codes, each the only child of the one before (written without recursion)."""
    return (b'{"format": "qualcode-codebook", "version": 1, "codes": ['
            + b'{"name": "level", "children": [' * levels + b"]}" * levels + b"]}")


def codebook_files() -> dict[str, bytes]:
    """Codebook JSON of the wrong shape, by name."""
    pay = {"name": "Pay", "role": "code"}
    return {
        "version-text.json": _codebook([pay], version="two"),
        "version-nan.json": b'{"format": "qualcode-codebook", "version": NaN, "codes": []}',
        "codes-object.json": _codebook({"Pay": {}}),
        "name-number.json": _codebook([pay, {"name": 5}]),
        "name-object.json": _codebook([{"name": {"en": "Pay"}}]),
        "role-list.json": _codebook([{"name": "Pay", "role": ["theme"]}]),
        "colour-number.json": _codebook([{"name": "Pay", "colour": 4095}]),
        "description-list.json": _codebook([{"name": "Pay", "children": [{"name": "Rota", "description": ["a"]}]}]),
        "children-text.json": _codebook([{"name": "Pay", "children": "Rota"}]),
        "codebook-name-list.json": _codebook([pay], name=["Team"]),
        "deep.json": _nested_codebook(DEEP),
        "deep-codes.json": _nested_codebook(150),
        "not-utf8.json": _codebook([{"name": "Café"}]).decode().encode("cp1252"),
    }


def deep_path_codebook_xlsx(levels: int = 10_000) -> bytes:
    """An Excel codebook whose one path runs ``levels`` codes deep (``a/a/a/…``)."""
    return xlsx_package([["Path", "Description"], ["/".join(["a"] * levels), "deep"]])


def _suggestion(clusters: object, **fields: object) -> bytes:
    return _json({"mode": "emergent", **fields, "clusters": clusters})


def suggestion_files() -> dict[str, bytes]:
    """``qualcode suggest`` output edited into the wrong shape, by name."""
    theme = {"label": "Working life"}
    return {
        "clusters-text.json": _suggestion(["Working life"]),
        "label-list.json": _suggestion([{"label": ["Working", "life"]}]),
        "parent-list.json": _suggestion([theme, {"label": "Pay", "parent": ["Working life"]}]),
        "items-text.json": _suggestion([theme, {"label": "Pay", "parent": "Working life", "items": "Maya"}]),
        "item-number.json": _suggestion([theme, {"label": "Pay", "parent": "Working life", "items": [7]}]),
        "item-without-id.json": _suggestion([theme, {"label": "Pay", "parent": "Working life",
                                                     "items": [{"text": "the rota"}]}]),
        "code-id-text.json": _suggestion([theme, {"label": "Pay", "parent": "Working life",
                                                  "items": [{"id": "Rota", "code_id": "seven"}]}]),
        "mode-list.json": _suggestion([theme], mode=["emergent"]),
        "segment-id-text.json": _suggestion([theme, {"label": "Pay", "parent": "Working life",
                                                     "items": [{"id": "first"}]}], mode="segments"),
        "scope-text.json": _suggestion([theme, {"label": "Pay", "parent": "Working life", "items": [{"id": "R1"}]}],
                                       mode="answers", scope="Q1"),
        "deep.json": b'{"mode": "emergent", "clusters": ' + b"[" * DEEP + b"]" * DEEP + b"}",
        "not-utf8.json": _suggestion([{"label": "Café"}]).decode().encode("cp1252"),
    }


USER = "11111111-1111-4111-8111-111111111111"
CODE = "22222222-2222-4222-8222-222222222222"
SOURCE = "44444444-4444-4444-4444-444444444444"


def maya_text() -> str:
    return MAYA.read_text(encoding="utf-8").replace("\r\n", "\n")


def _selection(start: object, end: object, coding_guid: str | None = "66666666-6666-4666-8666-666666666666",
               code: str = CODE) -> str:
    guid = "" if coding_guid is None else f' guid="{coding_guid}"'
    return (f'<PlainTextSelection guid="55555555-5555-4555-8555-{start}-{end}" '
            f'startPosition="{start}" endPosition="{end}" creatingUser="{USER}">'
            f'<Coding{guid} creatingUser="{USER}"><CodeRef targetGUID="{code}"/></Coding></PlainTextSelection>')


def qde(sources: str = "", codes: str = "", users: str = "") -> bytes:
    users = users or f'<User guid="{USER}" name="Sam"/>'
    codes = codes or f'<Code guid="{CODE}" name="Pay" isCodable="true"/>'
    return ('<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="Sam">'
            f"<Users>{users}</Users><CodeBook><Codes>{codes}</Codes></CodeBook><Sources>{sources}</Sources>"
            "</Project>").encode()


def text_source(selections: str = "", guid: str | None = SOURCE, name: str = "maya.txt") -> str:
    guid_attribute = "" if guid is None else f' guid="{guid}"'
    return (f'<TextSource{guid_attribute} name="{name}" plainTextPath="internal://{SOURCE}.txt">'
            f"{selections}</TextSource>")


def qdpx(project: bytes, text: bytes | None = None) -> bytes:
    members = [Member("project.qde", project)]
    if text is not None:
        members.append(Member(f"Sources/{SOURCE}.txt", text))
    return zip_bytes(members)


def qdpx_files() -> dict[str, bytes]:
    """REFI-QDA projects with impossible positions, bad GUIDs, odd sources, by name."""
    text = maya_text()
    utf8 = text.encode()
    length = len(text)
    deep_codes = (f'<Code guid="{CODE}" name="level">' + "".join(
        f'<Code guid="{n:08d}-0000-4000-8000-000000000000" name="level">' for n in range(DEEP))
        + "</Code>" * (DEEP + 1))
    inline = escape(text)
    return {
        "position-text.qdpx": qdpx(qde(text_source(_selection("ten", 20))), utf8),
        "position-fraction.qdpx": qdpx(qde(text_source(_selection("1.5", 20))), utf8),
        "start-after-end.qdpx": qdpx(qde(text_source(_selection(40, 12))), utf8),
        "past-the-end.qdpx": qdpx(qde(text_source(_selection(10, length + 500))), utf8),
        "negative.qdpx": qdpx(qde(text_source(_selection(-5, 10))), utf8),
        "duplicate-code-guid.qdpx": qdpx(qde(text_source(_selection(0, 10)), codes=(
            f'<Code guid="{CODE}" name="Pay"/><Code guid="{CODE.upper()}" name="Rota"/>')), utf8),
        "duplicate-coding-guid.qdpx": qdpx(qde(text_source(_selection(0, 10) + _selection(20, 30))), utf8),
        "duplicate-source-guid.qdpx": qdpx(qde(text_source() + text_source(name="maya-again.txt")), utf8),
        "duplicate-user-guid.qdpx": qdpx(qde(users=f'<User guid="{USER}" name="Sam"/><User guid="{USER}" name="Kim"/>'),
                                         utf8),
        "missing-code-guid.qdpx": qdpx(qde(codes='<Code name="Pay" isCodable="true"/>'), utf8),
        "missing-coding-guid.qdpx": qdpx(qde(text_source(_selection(0, 10, coding_guid=None))), utf8),
        "missing-source-guid.qdpx": qdpx(qde(text_source(guid=None)), utf8),
        "windows-1252-source.qdpx": qdpx(qde(text_source(_selection(*_words(text, "production line")))),
                                         text.encode("cp1252")),
        "binary-source.qdpx": qdpx(qde(text_source()), bytes(range(256)) * 4),
        "deep-codes.qdpx": qdpx(qde(codes=deep_codes)),
        "unknown-source.qdpx": qdpx(qde(text_source(_selection(0, 10)) + f'<SpreadsheetSource guid="{CODE[:-1]}9" '
                                        'name="rota.xlsx"/>'), utf8),
        "inline-text.qdpx": qdpx(qde(f'<TextSource guid="{SOURCE}" name="maya.txt"><PlainTextContent>{inline}'
                                     f"</PlainTextContent>{_selection(10, length + 1)}</TextSource>")),
        "forged-source-size.qdpx": _forged_source(qde(text_source()), utf8),
    }


def _words(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def _forged_source(project: bytes, text: bytes) -> bytes:
    """A .qdpx whose text source says it is 10 bytes long."""
    return zip_bytes([Member("project.qde", project), Member(f"Sources/{SOURCE}.txt", text, declared=10)])


def every_file() -> dict[str, bytes]:
    files = {f"codebook-{k}": v for k, v in codebook_files().items()}
    files |= {f"suggestion-{k}": v for k, v in suggestion_files().items()}
    files |= qdpx_files()
    files["codebook-deep-path.xlsx"] = deep_path_codebook_xlsx()
    return files


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    for file_name, content in every_file().items():
        (folder / file_name).write_bytes(content)
        print(folder / file_name, len(content))
