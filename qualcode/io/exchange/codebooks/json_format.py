"""Our documented codebook JSON: the hierarchy with definitions.

Format (``version`` 1)::

    {"format": "qualcode-codebook", "version": 1, "name": "…",
     "codes": [{"name": "…", "role": "theme|subtheme|code|emergent",
                "colour": "#4e79a7", "description": "…", "inclusion": "…",
                "exclusion": "…", "example": "…", "guid": "…",
                "segments": 12, "participants": 5,   # export only; ignored on import
                "participant": "Maya",               # IPA: a personal theme's participant
                "links": ["<guid of a PET>", …],     # IPA: the PETs a group theme gathers
                "children": [ … ]}]}

The two IPA fields are written only when there is something to say, and a
link names a PET by the ``guid`` it has in the same file.
"""

from __future__ import annotations

import json
from pathlib import Path

from qualcode.core.model import Codebook, CodebookEntry, CodeRole
from qualcode.io.base import ImportRefused
from qualcode.io.exchange.json_file import Shape, file_shape, read_json_file
from qualcode.io.output import Reads, write_text

FORMAT = "qualcode-codebook"
VERSION = 1
DETAILS = ("description", "inclusion", "exclusion", "example")
ROLES = frozenset(r.value for r in CodeRole)
#: Deeper than any codebook people write (an IPA structure has three levels); deeper ones are refused.
MAX_DEPTH = 100


def codebook_to_dict(codebook: Codebook) -> dict:
    """The codebook in the file's shape: codes nested under ``children``."""
    nodes: dict[tuple[str, ...], dict] = {}
    roots: list[dict] = []
    for e in codebook.entries:
        node: dict = {"name": e.name, "role": e.role.value, "colour": e.colour, "description": e.description,
                      "inclusion": e.inclusion, "exclusion": e.exclusion, "example": e.example, "guid": e.guid}
        if e.segments is not None:
            node["segments"] = e.segments
            node["participants"] = e.participants
        if e.participant:
            node["participant"] = e.participant
        if e.links:
            node["links"] = list(e.links)
        node["children"] = []
        nodes[e.path] = node
        (nodes[e.parent]["children"] if e.parent in nodes else roots).append(node)
    return {"format": FORMAT, "version": VERSION, "name": codebook.name, "codes": roots}


def write_codebook_json(codebook: Codebook, path: str | Path, reads: Reads = ()) -> None:
    """Write the codebook file, whole or not at all, never over a project or one of ``reads``."""
    write_text(path, json.dumps(codebook_to_dict(codebook), indent=2, ensure_ascii=False) + "\n", reads)


def load_codebook_json(path: str | Path) -> dict:
    """Read and check a codebook file; refuse anything that is not one.

    Every field an import uses is checked before anything reaches a project,
    and a wrong one is named by its place (``codes[0].children[2].name is
    not text``), so it can be found in an editor.
    """
    path = Path(path)
    data = read_json_file(path)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportRefused(path, "is not a qualcode codebook (no \"format\": \"qualcode-codebook\")")
    shape = file_shape(path)
    version = shape.whole_number(data.get("version", 0), "version")
    if version > VERSION:
        raise ImportRefused(path, f"was written by a newer qualcode (codebook version {version})")
    check_codebook(data, shape)
    return data


def check_codebook(data: dict, shape: Shape) -> None:
    """Refuse a codebook dict whose codes are not in this file's shape, or nest over :data:`MAX_DEPTH` deep.

    Walked with a list, not recursion, so a hostile file cannot exhaust the stack.
    """
    shape.text(data.get("name"), "name")
    stack = [(node, f"codes[{i}]", 1, "") for i, node in enumerate(shape.items(data.get("codes"), "codes"))]
    stack.reverse()
    while stack:
        node, where, depth, top = stack.pop()
        shape.mapping(node, where)
        name = shape.text(node.get("name"), f"{where}.name").strip()
        if not name:
            raise shape.refuse(f"{where}: every code needs a name")
        role = shape.text(node.get("role"), f"{where}.role")
        if role and role not in ROLES:
            raise shape.refuse(f"{where}.role: unknown role ‘{role}’ for code ‘{name}’ "
                               "(use theme, subtheme, code or emergent)")
        for key in ("colour", "guid", "participant", *DETAILS):
            shape.text(node.get(key), f"{where}.{key}")
        for i, guid in enumerate(shape.items(node.get("links"), f"{where}.links")):
            shape.text(guid, f"{where}.links[{i}]", missing_ok=False)
        children = shape.items(node.get("children"), f"{where}.children")
        if children and depth >= MAX_DEPTH:
            raise shape.refuse(f"the codes under ‘{top or name}’ nest more than {MAX_DEPTH} levels deep; "
                               f"qualcode reads codebooks up to {MAX_DEPTH} levels")
        stack.extend((child, f"{where}.children[{i}]", depth + 1, top or name)
                     for i, child in reversed(list(enumerate(children))))


def codebook_from_dict(data: dict, name: str = "") -> Codebook:
    """A checked codebook dict (this file's shape) as entries, parents first.

    The counts a file may carry are left out: they describe the project the
    codebook came from, not the one it goes into.
    """
    entries: list[CodebookEntry] = []
    stack: list[tuple[dict, tuple[str, ...]]] = [(n, ()) for n in reversed(data.get("codes") or [])]
    while stack:  # depth first, parents before children, without recursion
        n, parent = stack.pop()
        entry = CodebookEntry(str(n["name"]).strip(), parent, CodeRole(n.get("role") or "code"), n.get("colour"),
                              _text(n, "description"), _text(n, "inclusion"), _text(n, "exclusion"),
                              _text(n, "example"), _text(n, "guid"), participant=_text(n, "participant").strip(),
                              links=tuple(str(g) for g in n.get("links") or ()))
        entries.append(entry)
        stack.extend((child, entry.path) for child in reversed(n.get("children") or []))
    return Codebook(str(data.get("name") or name), tuple(entries))


def _text(node: dict, key: str) -> str:
    return str(node.get(key) or "")


def read_codebook_json(path: str | Path) -> Codebook:
    """A codebook file's codes; refuses anything that is not a codebook."""
    return codebook_from_dict(load_codebook_json(path), Path(path).stem)
