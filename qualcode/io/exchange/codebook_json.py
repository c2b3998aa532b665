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
from typing import TYPE_CHECKING

from qualcode.core.model import CodeRole
from qualcode.io.base import ImportRefused

if TYPE_CHECKING:
    from qualcode.core.project import Project

FORMAT = "qualcode-codebook"
VERSION = 1


def codebook_dict(project: Project, with_counts: bool = True) -> dict:
    codes = project.codes.list()
    counts = project.queries.code_counts() if with_counts else {}
    nodes: dict[int, dict] = {}
    roots: list[dict] = []
    for c in codes:
        node = {"name": c.name, "role": c.role.value, "colour": c.colour, "description": c.description,
                "inclusion": c.inclusion, "exclusion": c.exclusion, "example": c.example, "guid": c.guid}
        if c.id in counts:
            node["segments"] = counts[c.id].segments
            node["participants"] = counts[c.id].participants
        node["children"] = []
        nodes[c.id] = node
        (nodes[c.parent_id]["children"] if c.parent_id in nodes else roots).append(node)
    return {"format": FORMAT, "version": VERSION, "name": project.name, "codes": roots}


def export_codebook_json(project: Project, path: str | Path) -> None:
    Path(path).write_text(json.dumps(codebook_dict(project), indent=2, ensure_ascii=False) + "\n",
                          encoding="utf-8")


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


def import_codebook_json(project: Project, path: str | Path) -> tuple[int, int]:
    """Add a codebook file's codes; returns (created, already there)."""
    return import_codebook_data(project, load_codebook_json(path), Path(path).name)


def import_codebook_data(project: Project, data: dict, source_name: str) -> tuple[int, int]:
    """Add a codebook's codes in one transaction.

    A code already at the same path is kept; its empty definition fields are
    filled from the codebook, nothing the researcher wrote is overwritten.
    Returns (created, already there).
    """
    created = existing = 0
    with project.transaction() as s:

        def add(nodes: list[dict], parent_id: int | None) -> None:
            nonlocal created, existing
            for n in nodes:
                row = project.codes.child_named_in(s, parent_id, n["name"])
                details = {k: n.get(k) or "" for k in ("description", "inclusion", "exclusion", "example")}
                if row is None:
                    row = project.codes.create_in(s, n["name"].strip(), n.get("role", "code"), parent_id,
                                                  n.get("colour"), **details)
                    created += 1
                else:
                    for k, v in details.items():
                        if v and not getattr(row, k):
                            setattr(row, k, v)
                    existing += 1
                add(n.get("children", []), row.id)

        add(data.get("codes", []), None)
        project.audit(s, "import codebook", "project", None,
                      {"file": source_name, "created": created, "existing": existing})
    project.emit("codes")
    return created, existing
