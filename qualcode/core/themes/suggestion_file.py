"""The suggestion file a researcher accepts: read, and its shape checked before anything is applied.

``qualcode suggest`` writes its clusters as JSON for the researcher to edit
(rename, move items, delete clusters) and hand back to ``qualcode accept``.
A hand edit can leave a label that is a list, an item that is a bare
number, a ``code_id`` typed as a word.  Every field :mod:`.accept` reads is
checked here first, and a wrong one is named by its place in the file
(``clusters[2].items[0].code_id is not a whole number (it is text)``), so
an accept either applies the whole suggestion or changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from qualcode.core.themes.clustered import Clustered
from qualcode.io.base import ImportRefused
from qualcode.io.exchange.json_file import Shape, kind_of, read_json_file

MODES = frozenset(c.value for c in Clustered)
NOT_A_SUGGESTION = "this is not a qualcode suggestion (no \"clusters\" list)"


def read_suggestion(path: str | Path) -> dict:
    """The JSON object in ``path``; refused in one line naming the file when it cannot be one.

    Its fields are checked by :func:`check_suggestion` when it is accepted.
    """
    data = read_json_file(path)
    if not isinstance(data, dict):
        raise ImportRefused(path, NOT_A_SUGGESTION)
    return data


def check_suggestion(data: object, shape: Shape) -> None:
    """Refuse, through ``shape``, a suggestion whose fields are not what ``accept`` reads."""
    if not isinstance(data, dict) or not isinstance(data.get("clusters"), list):
        raise shape.refuse(NOT_A_SUGGESTION)
    mode = shape.text(data.get("mode"), "mode") or Clustered.EMERGENT.value
    if mode not in MODES:
        raise shape.refuse(f"unknown suggestion mode ‘{mode}’ (use {', '.join(sorted(MODES))})")
    if mode == Clustered.ANSWERS:
        scope = data.get("scope")
        if scope is not None:
            shape.text(shape.mapping(scope, "scope").get("question"), "scope.question")
    for i, cluster in enumerate(data["clusters"]):
        where = f"clusters[{i}]"
        shape.mapping(cluster, where)
        if _flag(shape, cluster, "unclustered", where) or _flag(shape, cluster, "rejected", where):
            continue
        if not shape.text(cluster.get("label"), f"{where}.label").strip():
            raise shape.refuse(f"{where}: every accepted cluster needs a label")
        if shape.text(cluster.get("parent"), f"{where}.parent"):
            for j, item in enumerate(shape.items(cluster.get("items"), f"{where}.items")):
                _check_item(shape, mode, item, f"{where}.items[{j}]")


def _flag(shape: Shape, cluster: dict, key: str, where: str) -> bool:
    value = cluster.get(key)
    if value is not None and not isinstance(value, bool):
        raise shape.wrong(f"{where}.{key}", "true or false", value)
    return bool(value)


def _check_item(shape: Shape, mode: str, item: object, where: str) -> None:
    """An item of a sub-theme: an emergent theme (by ``code_id`` or name), a segment or an answer."""
    item = shape.mapping(item, where)
    if mode in (Clustered.EMERGENT, Clustered.STATEMENTS, Clustered.PERSONAL_THEMES):
        shape.text(item.get("participant"), f"{where}.participant")
        if item.get("code_id") is not None:
            shape.whole_number(item["code_id"], f"{where}.code_id")
            if item["code_id"]:
                return
    if "id" not in item or item["id"] is None:
        raise shape.refuse(f"{where} has no \"id\"")
    value = item["id"]
    if mode == Clustered.SEGMENTS:
        if not _is_segment_number(value):
            raise shape.wrong(f"{where}.id", "a segment number", value)
    elif not isinstance(value, str | int) or isinstance(value, bool):
        raise shape.refuse(f"{where}.id is not text or a number (it is {kind_of(value)})")


def _is_segment_number(value: object) -> bool:
    """A segment's number as ``suggest`` writes it (an integer), or typed back as digits."""
    if isinstance(value, str):
        return value.isascii() and value.isdigit()
    return isinstance(value, int) and not isinstance(value, bool)
