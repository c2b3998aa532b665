"""The codebook as an Excel sheet, and back.

Many teams draft and refine a codebook in Excel: one row per code, its path
(``Theme/Code``), definition, inclusion and exclusion criteria, example.
The sheet :mod:`qualcode.reports.codebook` writes is exactly what this module
reads, so a codebook can go to Excel, be edited by a colleague, and come
back.  Columns are found by their header (any order, any case); only
``Path`` (or ``Name``) is required.  The sheet is read into the JSON
codebook's shape, so both files reach a project the same way
(:mod:`qualcode.core.themes.codebook`): new codes are added, existing ones
(same path) keep their definitions and only fill empty fields.
"""

from __future__ import annotations

from pathlib import Path

from qualcode.core.model import Codebook, CodeRole, split_path
from qualcode.io.base import ImportRefused
from qualcode.io.exchange.codebooks.json_format import DETAILS, MAX_DEPTH, codebook_from_dict, read_codebook_json
from qualcode.io.safety import check_archive_file

_ROLE_WORDS = {r.value: r for r in CodeRole} | {r.label.casefold(): r for r in CodeRole} | {
    "theme": CodeRole.THEME, "sub-theme": CodeRole.SUBTHEME, "subtheme": CodeRole.SUBTHEME}


def _default_role(depth: int, deepest: int) -> CodeRole:
    if deepest == 1:
        return CodeRole.CODE
    if depth == 1:
        return CodeRole.THEME
    return CodeRole.CODE if depth == deepest else CodeRole.SUBTHEME


def read_codebook_xlsx(path: str | Path) -> dict:
    """The sheet as a codebook dict in the JSON codebook's shape (``codes`` → ``children``)."""
    from openpyxl import load_workbook

    path = Path(path)
    check_archive_file(path)  # an ordinary file, sizes and ratios within limits, no DTD: before inflating
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise ImportRefused(path, f"cannot be read as an Excel workbook ({exc})") from exc
    ws = wb["Codebook"] if "Codebook" in wb.sheetnames else wb.worksheets[0]
    ws.reset_dimensions()  # read every row, whatever a stale dimension record says
    rows = [["" if v is None else str(v).strip() for v in r] for r in ws.iter_rows(values_only=True)]
    wb.close()
    if not rows:
        raise ImportRefused(path, "the sheet is empty")
    header = {h.casefold(): j for j, h in enumerate(rows[0]) if h}
    key = "path" if "path" in header else "name" if "name" in header else None
    if key is None:
        raise ImportRefused(path, "no ‘Path’ column (e.g. ‘Theme/Code’) or ‘Name’ column in the first row")
    entries = []
    for line, r in enumerate(rows[1:], 2):
        def get(name: str, r: list[str] = r) -> str:
            j = header.get(name)
            return r[j] if j is not None and j < len(r) else ""

        parts = split_path(get(key)) if key == "path" else [get("name")]  # one escaping rule: core.model.split_path
        if not parts or not parts[0]:
            continue
        if len(parts) > MAX_DEPTH:
            raise ImportRefused(path, f"line {line}: the path under ‘{parts[0]}’ is {len(parts):,} codes deep; "
                                      f"qualcode reads codebooks up to {MAX_DEPTH} levels")
        role = get("role").casefold()
        if role and role not in _ROLE_WORDS:
            raise ImportRefused(path, f"line {line}: unknown role ‘{get('role')}’ "
                                      "(use theme, subtheme, code or emergent)")
        links = [g.strip() for g in get("gathers").split(";") if g.strip()]
        entries.append((parts, _ROLE_WORDS.get(role), {d: get(d) for d in DETAILS}, get("colour"),
                        (get("guid"), get("participant"), links)))
    deepest = max((len(p) for p, *_ in entries), default=1)
    roots: list[dict] = []
    # Two participants' personal themes may share a path: whose they are is part of the key.
    nodes: dict[tuple[str, ...], dict] = {}
    for parts, given_role, details, colour, (guid, participant, links) in entries:
        whose = participant.casefold()
        for depth in range(1, len(parts) + 1):
            key_ = (whose, *(p.casefold() for p in parts[:depth]))
            if key_ not in nodes:
                node: dict = {"name": parts[depth - 1], "role": _default_role(depth, deepest).value,
                              "children": []}
                nodes[key_] = node
                (nodes[key_[:-1]]["children"] if depth > 1 else roots).append(node)
        node = nodes[(whose, *(p.casefold() for p in parts))]
        if given_role is not None:
            node["role"] = given_role.value
        node.update({k: v for k, v in details.items() if v})
        if colour.startswith("#"):
            node["colour"] = colour
        if guid:
            node["guid"] = guid
        if participant and node["role"] == CodeRole.PERSONAL.value:
            node["participant"] = participant  # a PET's owner (its statements carry it only for the key)
        if links:
            node["links"] = links
    if not roots:
        raise ImportRefused(path, "no codes found below the header row")
    return {"format": "qualcode-codebook", "version": 1, "name": path.stem, "codes": roots}


def read_codebook(path: str | Path) -> Codebook:
    """A codebook from qualcode JSON or an Excel sheet, by the file's suffix."""
    if Path(path).suffix.lower() in (".xlsx", ".xlsm"):
        return codebook_from_dict(read_codebook_xlsx(path), Path(path).stem)
    return read_codebook_json(path)
