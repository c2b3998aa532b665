"""Codebook files read into plain values and written back, with no project involved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qualcode.core.model import Codebook, CodebookEntry, CodeRole
from qualcode.io.base import ImportRefused
from qualcode.io.exchange.codebooks.excel_format import read_codebook
from qualcode.io.exchange.codebooks.json_format import codebook_to_dict, read_codebook_json, write_codebook_json

REPO = Path(__file__).resolve().parents[2]


def test_a_codebook_file_becomes_entries_parents_first(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    path.write_text(json.dumps({"format": "qualcode-codebook", "version": 1, "name": "Retention", "codes": [
        {"name": " Pay ", "role": "theme", "description": "Money", "segments": 9, "children": [
            {"name": "Pay rise", "colour": "#112233", "children": [{"name": "Bonus", "role": "emergent"}]}]},
        {"name": "Morale"}]}), encoding="utf-8")
    book = read_codebook_json(path)
    assert book.name == "Retention"
    assert [(e.parent, e.name, e.role) for e in book.entries] == [
        ((), "Pay", CodeRole.THEME), (("Pay",), "Pay rise", CodeRole.CODE),
        (("Pay", "Pay rise"), "Bonus", CodeRole.EMERGENT), ((), "Morale", CodeRole.CODE)]
    assert book.entries[0].description == "Money" and book.entries[0].segments is None
    assert book.entries[1].colour == "#112233" and book.entries[3].colour is None


def test_entries_written_and_read_again_keep_the_tree(tmp_path: Path) -> None:
    book = Codebook("Mine", (CodebookEntry("Theme", role=CodeRole.THEME, colour="#4e79a7", segments=3, participants=2),
                             CodebookEntry("Code", ("Theme",), inclusion="when…", guid="g-1")))
    write_codebook_json(book, tmp_path / "out.json")
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert data["codes"][0]["segments"] == 3 and data["codes"][0]["children"][0]["name"] == "Code"
    again = read_codebook_json(tmp_path / "out.json")
    assert [(e.path, e.inclusion, e.guid) for e in again.entries] == [(("Theme",), "", ""),
                                                                        (("Theme", "Code"), "when…", "g-1")]
    assert codebook_to_dict(again)["codes"][0]["children"][0]["inclusion"] == "when…"


@pytest.mark.parametrize("name", ["ipa-structure.json", "reflexive-ta.json", "staff-retention-survey.json"])
def test_the_ready_codebooks_read_by_suffix(name: str) -> None:
    book = read_codebook(REPO / "codebooks" / name)
    assert book.entries
    seen: set[tuple[str, ...]] = set()
    for entry in book.entries:
        assert entry.parent == () or entry.parent in seen  # parents before children
        seen.add(entry.path)


def test_a_file_that_is_not_a_codebook_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text('{"codes": []}', encoding="utf-8")
    with pytest.raises(ImportRefused, match="not a qualcode codebook"):
        read_codebook(tmp_path / "x.json")
