"""The reflexive journal: entries with links, undo and redo, search and browsing."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from qualcode.core.coding.undo import UndoStack
from qualcode.core.errors import InvalidValue, NotFound
from qualcode.core.journal.commands import AddJournalEntry, DeleteJournalEntry, EditJournalEntry
from qualcode.core.journal.entries import Journal
from qualcode.core.journal.links import code_link, link_from_names, place_of, span_link
from qualcode.core.model import CodeRole


def test_an_entry_about_lines_links_to_them_and_jumps_there(transcript_project) -> None:
    project, doc = transcript_project
    link = link_from_names(project, document="Maya interview", lines="3-4")
    entry = Journal(project).add("Her tiredness shows in the repetition", link)
    assert entry.about == "Maya interview, lines 3-4"
    place = place_of(project, entry.link)
    text = project.documents.text(doc.id)
    assert text[place.start:place.end].startswith("Maya: Honestly?")
    assert span_link(project, doc.id, place.start, place.end) == link


def test_a_link_the_command_line_names_wrongly_is_refused_in_one_line(transcript_project) -> None:
    project, _doc = transcript_project
    project.codes.create("Production line", CodeRole.EMERGENT)
    with pytest.raises(InvalidValue, match="use --code for it"):
        link_from_names(project, theme="Production line")
    with pytest.raises(NotFound, match="no code called ‘Nope’"):
        link_from_names(project, code="Nope")
    with pytest.raises(InvalidValue, match="--lines needs --document"):
        link_from_names(project, lines="2-3")
    with pytest.raises(InvalidValue, match="has lines 1-"):
        link_from_names(project, document="Maya interview", lines="90-91")


def test_add_edit_delete_undo_and_redo_restore_exactly(transcript_project) -> None:
    project, _doc = transcript_project
    theme = project.codes.create("Relentlessness", CodeRole.THEME)
    stack = UndoStack(project)
    journal = Journal(project)
    add = stack.push(AddJournalEntry("Is this my own burnout talking?", code_link(project, theme.id)))
    assert isinstance(add, AddJournalEntry) and add.entry is not None
    first = journal.get(add.entry.id)
    stack.push(EditJournalEntry(first.id, "Bracketing my own burnout", None))
    assert journal.get(first.id).text == "Bracketing my own burnout" and journal.get(first.id).link is None
    stack.undo()
    assert journal.get(first.id) == first
    stack.push(DeleteJournalEntry(first.id))
    assert journal.entries() == []
    stack.undo()
    assert journal.entries() == [first]
    stack.undo()  # the delete was undone; now the add
    stack.undo()
    assert journal.entries() == []
    stack.redo()
    assert journal.entries() == [first]  # same id, guid and date
    actions = [e.action for e in project.queries.audit_log()]
    assert "add journal entry" in actions and "delete journal entry" in actions


def test_an_empty_entry_is_refused_and_nothing_is_saved(transcript_project) -> None:
    project, _doc = transcript_project
    with pytest.raises(InvalidValue, match="needs some text"):
        Journal(project).add("   ")
    assert Journal(project).entries() == []


def test_search_is_case_insensitive_and_reads_the_link_too(transcript_project) -> None:
    project, doc = transcript_project
    journal = Journal(project)
    about_maya = journal.add("Pauses before she named Helen", link_from_names(project, document="Maya interview"))
    journal.add("Été: supervision felt different")
    assert journal.entries(search="helen") == [about_maya]
    assert journal.entries(search="maya interview") == [about_maya]
    assert [e.text for e in journal.entries(search="été")] == ["Été: supervision felt different"]
    assert [e.text for e in journal.entries(search="ÉTÉ SUPERVISION")] == ["Été: supervision felt different"]
    assert journal.entries(search="nothing like this") == []
    assert journal.entries(document_guid=doc.guid) == [about_maya]


def test_browse_by_date_takes_whole_days(transcript_project) -> None:
    project, _doc = transcript_project
    journal = Journal(project)
    old = journal.add("Before the interviews", written_at=datetime(2025, 3, 1, 23, 59))
    new = journal.add("After the second coder")
    assert journal.entries(until=date(2025, 3, 1)) == [old]
    assert journal.entries(since=date(2025, 3, 2)) == [new]
    assert journal.entries(since=date.today() + timedelta(days=2)) == []
    assert journal.entries() == [old, new]  # oldest first


def test_an_entry_about_a_transcript_named_by_its_file_reads_as_the_quotes_cite_it(project) -> None:
    """A transcript imported from maya.txt is cited "Maya": the journal says "Maya, lines 1-2" too."""
    doc = project.documents.add_transcript("maya", "Maya: One.\nTwo.\n", [], participant="Maya", line_width=30,
                                           source_name="maya.txt", source_hash="m")
    entry = Journal(project).add("Short answers today", link_from_names(project, document="maya", lines="1-2"))
    assert entry.about == "Maya, lines 1-2"
    assert place_of(project, entry.link).start == 0 and doc.id
