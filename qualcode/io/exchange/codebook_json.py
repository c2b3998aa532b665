"""Our documented codebook JSON: the hierarchy with definitions.

Format (``version`` 1)::

    {"format": "qualcode-codebook", "version": 1, "name": "…",
     "codes": [{"name": "…", "role": "theme|subtheme|code|emergent",
                "colour": "#4e79a7", "description": "…", "inclusion": "…",
                "exclusion": "…", "example": "…", "guid": "…",
                "segments": 12, "participants": 5,   # export only; ignored on import
                "children": [ … ]}]}
"""

from __future__ import annotations

import json
from pathlib import Path

from qualcode.core.model import Codebook, CodebookEntry, CodeRole
from qualcode.io.base import ImportRefused
from qualcode.io.output import Reads, write_text

FORMAT = "qualcode-codebook"
VERSION = 1
DETAILS = ("description", "inclusion", "exclusion", "example")


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
        node["children"] = []
        nodes[e.path] = node
        (nodes[e.parent]["children"] if e.parent in nodes else roots).append(node)
    return {"format": FORMAT, "version": VERSION, "name": codebook.name, "codes": roots}


def write_codebook_json(codebook: Codebook, path: str | Path, reads: Reads = ()) -> None:
    """Write the codebook file, whole or not at all, never over a project or one of ``reads``."""
    write_text(path, json.dumps(codebook_to_dict(codebook), indent=2, ensure_ascii=False) + "\n", reads)


def load_codebook_json(path: str | Path) -> dict:
    """Read and check a codebook file; refuse anything that is not one."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportRefused(path, f"cannot be read ({exc})") from exc
    except json.JSONDecodeError as exc:
        raise ImportRefused(path, f"is not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportRefused(path, "is not a qualcode codebook (no \"format\": \"qualcode-codebook\")")
    if int(data.get("version", 0)) > VERSION:
        raise ImportRefused(path, f"was written by a newer qualcode (codebook version {data['version']})")

    def check(nodes: object, where: str) -> None:
        if not isinstance(nodes, list):
            raise ImportRefused(path, f"{where}: \"codes\"/\"children\" must be a list")
        for i, n in enumerate(nodes):
            if not isinstance(n, dict) or not str(n.get("name", "")).strip():
                raise ImportRefused(path, f"{where}, entry {i + 1}: every code needs a name")
            try:
                CodeRole(n.get("role", "code"))
            except ValueError:
                raise ImportRefused(path, f"code ‘{n['name']}’: unknown role ‘{n.get('role')}’ "
                                          f"(use theme, subtheme, code or emergent)") from None
            check(n.get("children", []), f"under ‘{n['name']}’")

    check(data.get("codes", []), "codebook")
    return data


def codebook_from_dict(data: dict, name: str = "") -> Codebook:
    """A checked codebook dict (this file's shape) as entries, parents first.

    The counts a file may carry are left out: they describe the project the
    codebook came from, not the one it goes into.
    """
    entries: list[CodebookEntry] = []

    def walk(nodes: list[dict], parent: tuple[str, ...]) -> None:
        for n in nodes:
            entry = CodebookEntry(str(n["name"]).strip(), parent, CodeRole(n.get("role", "code")), n.get("colour"),
                                  _text(n, "description"), _text(n, "inclusion"), _text(n, "exclusion"),
                                  _text(n, "example"), _text(n, "guid"))
            entries.append(entry)
            walk(n.get("children", []), entry.path)

    walk(data.get("codes", []), ())
    return Codebook(str(data.get("name") or name), tuple(entries))


def _text(node: dict, key: str) -> str:
    return str(node.get(key) or "")


def read_codebook_json(path: str | Path) -> Codebook:
    """A codebook file's codes; refuses anything that is not a codebook."""
    return codebook_from_dict(load_codebook_json(path), Path(path).stem)
