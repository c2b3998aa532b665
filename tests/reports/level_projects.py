"""Small IPA projects whose tables can be counted by hand: one in two levels, one in the older single level.

Every transcript line is one fixed line ("Ann line 3 …"), so a quote coded on
line 3 is cited ``(Ann, 3)`` and lines 3 and 4 ``(Ann, 3-4)``.

Two levels (made through the core's accept, as ``qualcode accept`` does)::

    Ann  PET "Under water"  · sub-theme "Sinking" ← "Going under" (line 2)
                            · sub-theme "Held"    ← "A rope thrown" (lines 3-4, line 6)
         PET "Worn out"     · sub-theme "Tired"   ← "Running on fumes" (line 5)
    Ben  PET "Out of my depth" ← "Drowning in cases" (line 2), "My anchor" (line 4)
    Cat  PET "Empty tank"      ← "Nothing left" (line 3)
    Dan  a transcript, nothing coded

    GET "Keeping afloat" · "Drowning"  ← Ann's "Under water", Ben's "Out of my depth"
                         · "Exhausted" ← Ann's "Worn out", Cat's "Empty tank"

One level (themes holding the statements, as projects before the two levels)::

    "Pressure"  · sub-theme "Targets" ← "Numbers first" (Ann 2), "The spreadsheet" (Ben 3)
    "Support"   ← "A kind word" (Ann 4, Ann 5)  (statements straight under the theme)
"""

from __future__ import annotations

from pathlib import Path

from qualcode.core.model import CodeRole
from qualcode.core.project import Project
from qualcode.core.themes.accept import accept_suggestion


def _transcript(project: Project, who: str) -> int:
    text = "".join(f"{who} line {n} says something about work.\n" for n in range(1, 8))
    return project.documents.add_transcript(f"{who} interview", text, participant=who).id


def _code(project: Project, doc: int, name: str, *lines: tuple[int, int]) -> int:
    """A top-level statement coded on each (first, last) range of lines."""
    code = project.codes.create(name, CodeRole.EMERGENT)
    text = project.documents.text(doc)
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    for first, last in lines:
        project.coding.apply(doc, starts[first - 1], starts[last] - 1, code.id)
    return code.id


def _item(name: str, code_id: int, who: str) -> dict:
    return {"id": name, "code_id": code_id, "participant": who}


def two_level_project(path: Path) -> Project:
    project = Project.create(path, name="Two levels")
    docs = {who: _transcript(project, who) for who in ("Ann", "Ben", "Cat", "Dan")}
    st = {"Going under": _code(project, docs["Ann"], "Going under", (2, 2)),
          "A rope thrown": _code(project, docs["Ann"], "A rope thrown", (3, 4), (6, 6)),
          "Running on fumes": _code(project, docs["Ann"], "Running on fumes", (5, 5)),
          "Drowning in cases": _code(project, docs["Ben"], "Drowning in cases", (2, 2)),
          "My anchor": _code(project, docs["Ben"], "My anchor", (4, 4)),
          "Nothing left": _code(project, docs["Cat"], "Nothing left", (3, 3))}

    def statements(who: str, pets: dict[str, dict[str, list[str]]]) -> None:
        clusters: list[dict] = []
        for pet, subs in pets.items():
            clusters.append({"label": pet, "items": []})
            clusters += [{"label": sub, "parent": pet, "items": [_item(n, st[n], who) for n in names]}
                         for sub, names in subs.items()]
        accept_suggestion(project, {"mode": "statements", "scope": {"participant": who}, "clusters": clusters})

    statements("Ann", {"Under water": {"Sinking": ["Going under"], "Held": ["A rope thrown"]},
                       "Worn out": {"Tired": ["Running on fumes"]}})
    statements("Ben", {"Out of my depth": {"Out of my depth": ["Drowning in cases", "My anchor"]}})
    statements("Cat", {"Empty tank": {"Empty tank": ["Nothing left"]}})
    pets = {c.name: c.id for c in project.codes.list() if c.role == CodeRole.PERSONAL}
    drowning = [_item("Under water", pets["Under water"], "Ann"), _item("Out of my depth", pets["Out of my depth"], "Ben")]
    exhausted = [_item("Worn out", pets["Worn out"], "Ann"), _item("Empty tank", pets["Empty tank"], "Cat")]
    # The theme lists its sub-themes' items too, as `qualcode suggest --items personal-themes` writes it.
    accept_suggestion(project, {"mode": "personal-themes", "clusters": [
        {"label": "Keeping afloat", "items": drowning + exhausted},
        {"label": "Drowning", "parent": "Keeping afloat", "items": drowning},
        {"label": "Exhausted", "parent": "Keeping afloat", "items": exhausted}]})
    return project


def one_level_project(path: Path) -> Project:
    project = Project.create(path, name="One level")
    docs = {who: _transcript(project, who) for who in ("Ann", "Ben")}
    pressure = project.codes.create("Pressure", CodeRole.THEME)
    targets = project.codes.create("Targets", CodeRole.SUBTHEME, parent_id=pressure.id)
    support = project.codes.create("Support", CodeRole.THEME)
    for doc, name, lines, parent in ((docs["Ann"], "Numbers first", [(2, 2)], targets.id),
                                     (docs["Ben"], "The spreadsheet", [(3, 3)], targets.id),
                                     (docs["Ann"], "A kind word", [(4, 4), (5, 5)], support.id)):
        code = _code(project, doc, name, *lines)
        project.codes.move(code, parent)
    return project
