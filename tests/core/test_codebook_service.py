"""core.themes.codebook: a codebook's values added to a project, and read back out."""

from __future__ import annotations

from qualcode.core.model import Codebook, CodebookEntry, CodeRole
from qualcode.core.themes.codebook import add_codebook, codebook_of


def test_adding_a_codebook_fills_only_empty_definitions(project) -> None:
    pay = project.codes.create("Pay", CodeRole.THEME)
    project.codes.update(pay.id, description="Mine")
    book = Codebook("Theirs", (CodebookEntry("pay", role=CodeRole.THEME, description="Theirs", example="£"),
                               CodebookEntry("Pay rise", ("PAY",), inclusion="any rise")))
    assert add_codebook(project, book, "theirs.json") == (1, 1)
    pay = project.codes.find("Pay")
    assert (pay.description, pay.example) == ("Mine", "£")
    assert project.codes.find("Pay/Pay rise").inclusion == "any rise"
    audit = [e for e in project.queries.audit_log() if e.action == "import codebook"]
    assert [e.detail for e in audit] == [{"file": "theirs.json", "created": 1, "existing": 1}]


def test_the_project_read_back_as_entries(project) -> None:
    theme = project.codes.create("Workload", CodeRole.THEME, colour="#112233")
    project.codes.create("Caseload", CodeRole.CODE, theme.id, description="Too many cases")
    book = codebook_of(project, with_counts=False)
    assert [(e.parent, e.name, e.role, e.colour) for e in book.entries] == [
        ((), "Workload", CodeRole.THEME, "#112233"), (("Workload",), "Caseload", CodeRole.CODE, "#112233")]
    assert book.entries[1].description == "Too many cases" and book.entries[1].segments is None
