"""Hostile files made at test time: zip bombs, forged sizes, DTDs, broken tables.

Nothing large is written: a "300 MB" member is one deflated megabyte of
zeros repeated (a few hundred kilobytes on disk), so the tests stay fast and
the repository holds no fixtures.  Run ``python tests/io/hostile_files.py DIR``
to write every file into DIR for trying them by hand.
"""

from __future__ import annotations

import re
import struct
import sys
import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

MB = 1024 * 1024


@dataclass
class Member:
    """One zip member: real ``data``, or ``zeros`` bytes of zeros; ``declared`` forges the size."""

    name: str
    data: bytes = b""
    zeros: int = 0
    declared: int | None = None


def _deflated_zeros(size: int) -> tuple[bytes, int]:
    """Raw deflate of ``size`` zero bytes and their CRC, built from one flushed megabyte."""
    chunk = bytes(MB)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    whole, rest = divmod(size, MB)
    crc = 0
    for _ in range(whole):
        crc = zlib.crc32(chunk, crc)
    tail = compressor.compress(bytes(rest)) + compressor.flush()
    crc = zlib.crc32(bytes(rest), crc)
    return block * whole + tail, crc


def zip_bytes(members: list[Member]) -> bytes:
    """A zip written field by field, so sizes can lie."""
    out = BytesIO()
    central = []
    for member in members:
        if member.zeros:
            packed, crc = _deflated_zeros(member.zeros)
            size = member.zeros
        else:
            compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
            packed = compressor.compress(member.data) + compressor.flush()
            crc, size = zlib.crc32(member.data), len(member.data)
        declared = size if member.declared is None else member.declared
        name = member.name.encode()
        offset = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(packed), declared,
                              len(name), 0) + name + packed)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(packed),
                                   declared, len(name), 0, 0, 0, 0, 0, offset) + name)
    start = out.tell()
    for record in central:
        out.write(record)
    size = out.tell() - start
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), size, start, 0))
    return out.getvalue()


def members_of(package: bytes) -> list[Member]:
    """The members of a real package, to rebuild it with additions."""
    with zipfile.ZipFile(BytesIO(package)) as archive:
        return [Member(info.filename, archive.read(info)) for info in archive.infolist()]


def docx_package(text: str = "Interviewer: How was it?\nMaya: Fine, thanks.") -> bytes:
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_package(rows: list[list[object]]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


ODT_CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?>\n{doctype}'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    "<office:body><office:text><text:p>Interviewer: How was it?</text:p>"
    "<text:p>Maya: It was {word} and fine.</text:p></office:text></office:body></office:document-content>"
)
ODT_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
DOCTYPE = '<!DOCTYPE doc [<!ENTITY secret "hidden words">]>\n'


def odt_members(doctype: str = "", word: str = "good") -> list[Member]:
    return [
        Member("mimetype", b"application/vnd.oasis.opendocument.text"),
        Member("content.xml", ODT_CONTENT.format(doctype=doctype, word=word).encode()),
        Member("META-INF/manifest.xml", ODT_MANIFEST.encode()),
    ]


def with_doctype_docx() -> bytes:
    """A .docx whose body declares an entity and uses it mid-sentence."""
    members = members_of(docx_package("Interviewer: How was it?\nMaya: It was XENTITYX and fine."))
    for member in members:
        if member.name == "word/document.xml":
            xml = member.data.decode()
            xml = re.sub(r"(<\?xml[^>]*\?>\s*)", r"\1" + DOCTYPE.replace("\\", "\\\\"), xml, count=1)
            member.data = xml.replace("XENTITYX", "&secret;").encode()
    return zip_bytes(members)


def stale_dimension_xlsx(answers: int = 10) -> bytes:
    """A survey sheet of ``answers`` rows whose dimension record still says A1:B3."""
    rows: list[list[object]] = [["id", "answer"]]
    rows += [[f"R{n:02d}", f"Answer number {n} about the rota and pay"] for n in range(1, answers + 1)]
    members = members_of(xlsx_package(rows))
    for member in members:
        if member.name == "xl/worksheets/sheet1.xml":
            member.data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B3"', member.data)
    return zip_bytes(members)


QDE = (
    '<?xml version="1.0" encoding="utf-8"?>\n{doctype}<Project xmlns="urn:QDA-XML:project:1.0" name="{word}">'
    '<CodeBook><Codes><Code guid="6c9a2a7e-0000-4000-8000-000000000001" name="Pay" isCodable="true"/></Codes>'
    "</CodeBook></Project>"
)


def qdpx_members(doctype: str = "", word: str = "Study") -> list[Member]:
    return [Member("project.qde", QDE.format(doctype=doctype, word=word).encode())]


def hostile_files() -> dict[str, bytes]:
    """Every hostile file that is plain bytes, by the name a researcher might give it."""
    bomb = Member("word/media/image1.png", zeros=300 * MB)
    dense = Member("word/media/image1.png", zeros=150 * MB)
    return {
        "bomb.docx": zip_bytes(members_of(docx_package()) + [bomb]),
        "dense.docx": zip_bytes(members_of(docx_package()) + [dense]),
        "forged.docx": zip_bytes(members_of(docx_package()) + [Member("word/media/image1.png", zeros=300 * MB,
                                                                       declared=1000)]),
        "bomb.xlsx": zip_bytes(members_of(xlsx_package([["id", "answer"], ["R1", "fine"]]))
                               + [Member("xl/media/image1.png", zeros=300 * MB)]),
        "bomb.odt": zip_bytes(odt_members() + [Member("Pictures/image1.png", zeros=300 * MB)]),
        "many.docx": zip_bytes(members_of(docx_package()) + [Member(f"customXml/n{k}.txt", b"") for k in range(10_001)]),
        "doctype.docx": with_doctype_docx(),
        "doctype.odt": zip_bytes(odt_members(DOCTYPE, "&secret;")),
        "bomb.qdpx": zip_bytes(qdpx_members() + [Member("sources/7a1.txt", zeros=300 * MB)]),
        "doctype.qdpx": zip_bytes(qdpx_members(DOCTYPE, "&secret;")),
        "unterminated.csv": b'id,answer\nR1,"I liked the team\nR2,The pay is low\nR3,Too much overtime\n',
        "swallowed.csv": b'id,answer\nR1,"I liked the team\nR2,The pay is low"\nR3,Too much overtime\n',
        "mixed-in-one-line.csv": "id,answer\nR1,caf\u00e9 ".encode() + "cr\u00e8me\n".encode("cp1252")
                                 + "R2,na\u00efve\n".encode(),
    }


def mixed_encoding_csv() -> bytes:
    """UTF-8 rows and Windows-1252 rows in one export."""
    return ("id,answer\nR1,The caf\u00e9 is good\n".encode()
            + "R2,The caf\u00e9 is too far\n".encode("cp1252")
            + "R3,Na\u00efve managers\n".encode())


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    for file_name, content in {**hostile_files(), "mixed.csv": mixed_encoding_csv(),
                               "stale.xlsx": stale_dimension_xlsx()}.items():
        (folder / file_name).write_bytes(content)
        print(folder / file_name, len(content))
