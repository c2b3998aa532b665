"""REFI-QDA codebooks (.qdc) in: nesting, colours, descriptions, and the real files' quirks."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.core.themes.codebook import import_codebook_qdc
from qualcode.io.base import ImportRefused
from qualcode.io.exchange.codebooks.qdc_format import read_qdc

INTEROP = Path("/work/shared/interop")
needs_samples = pytest.mark.skipif(not INTEROP.is_dir(), reason="the shared interop samples are not here")

NESTED = """<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="test"><Codes>
<Code guid="a0000000-0000-0000-0000-000000000001" name="Workload" color="#102030" isCodable="true">
  <Description>how much there is</Description>
  <Code guid="a0000000-0000-0000-0000-000000000002" name="Caseload size" isCodable="true"/>
</Code></Codes></CodeBook>"""


def test_nesting_colours_and_descriptions(project, tmp_path):
    path = tmp_path / "book.qdc"
    path.write_text(NESTED, encoding="utf-8")
    created, existing, notes = import_codebook_qdc(project, path)
    assert (created, existing, notes) == (2, 0, [])
    workload = project.codes.find("Workload")
    assert workload.colour == "#102030" and workload.description == "how much there is"
    assert project.codes.find("Workload/Caseload size").parent_id == workload.id


def test_importing_twice_adds_nothing(project, tmp_path):
    path = tmp_path / "book.qdc"
    path.write_text(NESTED, encoding="utf-8")
    import_codebook_qdc(project, path)
    assert import_codebook_qdc(project, path)[:2] == (0, 2)


def test_not_a_codebook_is_refused_in_one_line(tmp_path):
    path = tmp_path / "book.qdc"
    path.write_text("<Project xmlns='urn:QDA-XML:project:1.0'/>", encoding="utf-8")
    with pytest.raises(ImportRefused, match="not a REFI-QDA codebook"):
        read_qdc(path)


@needs_samples
def test_atlas_ti_codebook_with_its_schema_location_and_code_group(project):
    created, _, notes = import_codebook_qdc(project, INTEROP / "atlasti-win-23.4.0__requal_valid.qdc")
    code = project.codes.find("code1")
    assert created == 1 and code.colour == "#46AA00" and code.description == "description"
    assert any("code group ‘code group 1’" in note for note in notes)


@needs_samples
def test_taguette_codebook_with_flattened_names_and_empty_sets(project):
    created, _, notes = import_codebook_qdc(project, INTEROP / "taguette__codebook_expected.qdc")
    assert created == 3
    assert project.codes.find("interesting/places") is not None
    assert any("empty <Sets/>" in note for note in notes)
    assert any("interesting\\places" in note for note in notes)


@needs_samples
def test_taguette_names_kept_whole_when_asked(project):
    import_codebook_qdc(project, INTEROP / "taguette__codebook_expected.qdc", flat_names=True)
    assert "interesting\\places" in {c.name for c in project.codes.list()}
