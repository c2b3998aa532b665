"""REFI-QDA codebooks (``.qdc``): the codes, their nesting, colours and descriptions.

Real files do not always follow ``Codebook.xsd`` (see ``/work/shared/interop/README.md``),
and a researcher cannot mend them, so what can be read is read and the rest
is said:

* ATLAS.ti names ``codebook:0:4`` in ``xsi:schemaLocation`` while its
  namespace is ``codebook:1.0`` — the location is never looked at;
* ATLAS.ti's code groups come as ``<Set>`` with ``<MemberCode>`` — qualcode
  has no code groups, so they are listed as not read;
* Taguette writes an empty ``<Sets/>``, which the schema forbids — accepted,
  and said; its hierarchy flattened into names (``interesting\\places``) is
  split by the caller (:func:`qualcode.core.transcripts.refi_import.split_flattened`).

Elements are matched by local name, so a file in no namespace or the
project namespace reads the same.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from qualcode.core.model import IncomingCode
from qualcode.io.base import ImportRefused
from qualcode.io.exchange.codebooks.json_format import MAX_DEPTH
from qualcode.io.safety import open_regular_file

MAX_BYTES = 50_000_000


def _local(element: ElementTree.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _children(element: ElementTree.Element, name: str) -> list[ElementTree.Element]:
    return [child for child in element if _local(child) == name]


def read_qdc(path: str | Path) -> tuple[str, list[IncomingCode], list[str]]:
    """(name, codes parents first, notes on what was not read or not standard) of a ``.qdc``."""
    path = Path(path)
    with open_regular_file(path) as stream:
        data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ImportRefused(path, "the codebook is larger than 50 MB, the most qualcode reads")
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
        raise ImportRefused(path, "the codebook declares a DTD or entities, which qualcode does not read")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise ImportRefused(path, f"not a REFI-QDA codebook: the XML cannot be read ({exc})") from None
    if _local(root) != "CodeBook":
        raise ImportRefused(path, f"not a REFI-QDA codebook: it holds <{_local(root)}>, not <CodeBook>")
    notes: list[str] = []
    namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    if namespace != "urn:QDA-XML:codebook:1.0":
        notes.append(f"the codebook's namespace is ‘{namespace or 'none'}’, not urn:QDA-XML:codebook:1.0; read anyway")
    codes: list[IncomingCode] = []
    seen: set[str] = set()
    for block in _children(root, "Codes"):
        stack: list[tuple[ElementTree.Element, str | None, int]] = [(code, None, 1) for code in reversed(_children(block, "Code"))]
        while stack:
            code, parent, depth = stack.pop()
            name = (code.get("name") or "").strip() or "(unnamed)"
            guid = (code.get("guid") or "").strip().lower() or f"nameless:{len(codes)}"
            if guid in seen:
                raise ImportRefused(path, f"two codes have the guid {guid}; each guid must be unique")
            seen.add(guid)
            description = _children(code, "Description")
            codes.append(IncomingCode(guid, name, parent, "code", code.get("color"),
                                      (description[0].text or "").strip() if description else ""))
            children = _children(code, "Code")
            if children and depth >= MAX_DEPTH:
                raise ImportRefused(path, f"the codes under ‘{name}’ nest more than {MAX_DEPTH} levels deep")
            stack.extend((child, guid, depth + 1) for child in reversed(children))
    for sets in _children(root, "Sets"):
        groups = _children(sets, "Set")
        if not groups:
            notes.append("an empty <Sets/> (which Codebook.xsd does not allow) was accepted")
        for group in groups:
            members = len(_children(group, "MemberCode"))
            notes.append(f"code group ‘{group.get('name', '')}’ ({members} codes) not read: qualcode has no code groups")
    return root.get("name") or path.stem, codes, notes
