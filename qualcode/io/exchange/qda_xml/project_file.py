"""A whole project as a REFI-QDA project file (``.qdpx``) that NVivo, ATLAS.ti, MAXQDA and QualCoder open.

The zip holds ``project.qde`` (QDA-XML, ``urn:QDA-XML:project:1.0``, valid
against ``Project.xsd``) and each document's text as a UTF-8 file (no BOM)
under ``sources/``, named ``internal://<guid>.txt`` in the XML.  The rules:

* positions are Unicode code points into that file's text, 0-based, the
  end exclusive — the document's own text written unchanged, so a
  position qualcode shows is the position another tool reads (combining
  marks and emoji count as the code points they are; newlines are ``\\n``,
  one each, as qualcode stores them);
* one ``PlainTextSelection`` per coded or annotated span, holding each
  coder's ``Coding`` (``creatingUser`` names the coder) and a ``NoteRef``
  to each exploratory note on it;
* exploratory notes and memos are ``Notes``; a memo on a code or a
  document is referred to from it, a project memo (journal) from the
  project;
* participants and respondents are ``Cases`` with their documents and
  attribute values; each attribute is a ``Variable``, typed Integer, Float
  or Date when every value is one, else Text, its description naming
  qualcode's own type (``qualcode attribute type: category``);
* a personal experiential theme (IPA) is referred to from its participant's
  case (``CodeRef``), and a group theme's link to it is a ``Link`` from the
  group theme to the personal one;
* groups with no other home in REFI-QDA (a code's role, a survey question's
  answers) are ``Sets``.

A span outside its document's text is left out and reported, never written
into a file another tool would misread.
"""

from __future__ import annotations

import os
import uuid
import zipfile
from collections import defaultdict
from datetime import date
from decimal import Decimal, InvalidOperation
from xml.etree import ElementTree

from qualcode.core.errors import Cancelled
from qualcode.core.progress import IsCancelled, Progress, no_progress
from qualcode.io.exchange.qda_xml.elements import Cleaner, code_tree, guid, set_attributes, when
from qualcode.io.exchange.qda_xml.values import ExportedCoding, ExportedDocument, ExportedNote, ExportedProject
from qualcode.io.output import Reads, replacing

PROJECT_NS = "urn:QDA-XML:project:1.0"
_SPANS = uuid.UUID("0b7d5a43-5a7e-4f0e-8d0c-3f6e2b9a1c55")  # namespace of the selections' guids
ATTRIBUTE_TYPE_PREFIX = "qualcode attribute type: "
SELECTION_NAME = 60  # characters of the span's text shown as the selection's name


def source_member(document: ExportedDocument) -> str:
    """The zip member holding a document's text (``internal://`` + this without ``sources/``)."""
    return f"sources/{guid(document.guid)}.txt"


def _sub(parent: ElementTree.Element, tag: str, **values: str | None) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, tag)
    set_attributes(element, **values)
    return element


def _variable_type(kind: str, values: list[str]) -> str:
    """REFI-QDA's type for an attribute: the typed one only when every value fits it."""
    if not values or kind not in ("number", "date"):
        return "Text"
    if kind == "date":
        try:
            return "Date" if all(len(v) == 10 and date.fromisoformat(v) for v in values) else "Text"
        except ValueError:
            return "Text"
    try:
        numbers = [Decimal(v.strip()) for v in values]
    except InvalidOperation:
        return "Text"
    if not all(n.is_finite() for n in numbers):
        return "Text"
    return "Integer" if all(n == n.to_integral_value() for n in numbers) else "Float"


def _typed_value(kind: str, value: str) -> tuple[str, str]:
    """The ``VariableValue`` child and its text for one value of a variable of ``kind``."""
    if kind == "Integer":
        return "IntegerValue", str(int(Decimal(value.strip())))
    if kind == "Float":
        return "FloatValue", format(Decimal(value.strip()), "f")
    if kind == "Date":
        return "DateValue", value
    return "TextValue", value


def _variables(root: ElementTree.Element, project: ExportedProject, clean: Cleaner) -> dict[str, tuple[str, str]]:
    """``<Variables>``; returns each attribute's (guid, REFI type)."""
    found: dict[str, list[str]] = defaultdict(list)
    for case in project.cases:
        for name, value in case.values:
            if value != "":
                found[name].append(value)
    names = list(project.attributes) + [n for n in found if n not in project.attributes]
    if not names:
        return {}
    element = _sub(root, "Variables")
    typed: dict[str, tuple[str, str]] = {}
    for name in names:
        kind = _variable_type(project.attributes.get(name, "text"), found.get(name, []))
        typed[name] = (str(uuid.uuid5(_SPANS, f"variable:{name}")), kind)
        variable = _sub(element, "Variable", guid=typed[name][0], name=clean(name, f"the attribute ‘{name}’"),
                        typeOfVariable=kind)
        # REFI-QDA has no "category": the description keeps qualcode's own type for a tool that reads it.
        _sub(variable, "Description").text = f"{ATTRIBUTE_TYPE_PREFIX}{project.attributes.get(name, 'text')}"
    return typed


def _cases(root: ElementTree.Element, project: ExportedProject, typed: dict[str, tuple[str, str]],
           clean: Cleaner, documents: set[str]) -> None:
    if not project.cases:
        return
    element = _sub(root, "Cases")
    for case in project.cases:
        case_element = _sub(element, "Case", guid=guid(case.guid), name=clean(case.name, f"the case ‘{case.name}’"))
        for code in case.code_guids:
            _sub(case_element, "CodeRef", targetGUID=guid(code))
        for name, value in case.values:
            if value == "":
                continue
            holder = _sub(case_element, "VariableValue")
            _sub(holder, "VariableRef", targetGUID=typed[name][0])
            tag, text = _typed_value(typed[name][1], value)
            _sub(holder, tag).text = clean(text, f"the attribute ‘{name}’ of ‘{case.name}’")
        for document in case.document_guids:
            if document in documents:
                _sub(case_element, "SourceRef", targetGUID=guid(document))


def _selections(project: ExportedProject, warnings: list[str]
                ) -> dict[str, dict[tuple[int, int], tuple[list[ExportedCoding], list[ExportedNote]]]]:
    """Codings and notes on spans, by document and span; a span outside its text is reported and left out."""
    lengths = {d.guid: len(d.text) for d in project.documents}
    spans: dict[str, dict[tuple[int, int], tuple[list[ExportedCoding], list[ExportedNote]]]] = defaultdict(dict)
    outside = 0
    items: list[tuple[str, int, int, ExportedCoding | ExportedNote]] = [
        (c.document_guid, c.start, c.end, c) for c in project.codings]
    items += [(n.document_guid, n.start, n.end, n) for n in project.notes
              if n.document_guid is not None and n.start is not None and n.end is not None]
    for document, start, end, item in items:
        if document not in lengths or not 0 <= start <= end <= lengths[document]:
            outside += 1
            continue
        codings, notes = spans[document].setdefault((start, end), ([], []))
        (codings if isinstance(item, ExportedCoding) else notes).append(item)  # type: ignore[arg-type]
    if outside:
        warnings.append(f"{outside} codings or notes lay outside their document's text (or on a document "
                        "not exported) and were left out")
    return spans


def _sources(root: ElementTree.Element, project: ExportedProject, clean: Cleaner, warnings: list[str],
             memo_refs: dict[str, list[str]]) -> None:
    if not project.documents:
        return
    spans = _selections(project, warnings)
    element = _sub(root, "Sources")
    for document in project.documents:
        label = f"the document ‘{document.title}’"
        source = _sub(element, "TextSource", guid=guid(document.guid), name=clean(document.title, label),
                      plainTextPath="internal://" + source_member(document).removeprefix("sources/"),
                      creationDateTime=when(document.created_at))
        if document.question:
            _sub(source, "Description").text = clean(f"An answer to the survey question ‘{document.question}’")
        for (start, end), (codings, notes) in sorted(spans.get(document.guid, {}).items()):
            dated = [c for c in codings if c.created_at is not None]
            first = min(dated, key=lambda c: c.created_at or 0) if dated else (codings[0] if codings else None)
            name = " ".join(document.text[start:end].split())
            selection = _sub(source, "PlainTextSelection", guid=str(uuid.uuid5(_SPANS, f"{document.guid}:{start}:{end}")),
                             name=clean(name[:SELECTION_NAME] + ("…" if len(name) > SELECTION_NAME else "")),
                             startPosition=str(start), endPosition=str(end),
                             creatingUser=guid(first.coder_guid) if first and first.coder_guid else None,
                             creationDateTime=when(first.created_at) if first else None)
            for coding in codings:
                coding_element = _sub(selection, "Coding", guid=guid(coding.guid),
                                      creatingUser=guid(coding.coder_guid) if coding.coder_guid else None,
                                      creationDateTime=when(coding.created_at))
                _sub(coding_element, "CodeRef", targetGUID=guid(coding.code_guid))
            for note in notes:
                _sub(selection, "NoteRef", targetGUID=guid(note.guid))
        for memo in memo_refs.get(document.guid, []):
            _sub(source, "NoteRef", targetGUID=guid(memo))


def _notes(root: ElementTree.Element, project: ExportedProject, clean: Cleaner) -> None:
    if not project.notes:
        return
    element = _sub(root, "Notes")
    for note in project.notes:
        label = f"the note ‘{note.title}’"
        note_element = _sub(element, "Note", guid=guid(note.guid), name=clean(note.title, label),
                            creatingUser=guid(note.coder_guid) if note.coder_guid else None,
                            creationDateTime=when(note.created_at))
        _sub(note_element, "PlainTextContent").text = clean(note.text, label)


def _links(root: ElementTree.Element, project: ExportedProject, clean: Cleaner) -> None:
    if not project.links:
        return
    element = _sub(root, "Links")
    for link in project.links:
        _sub(element, "Link", guid=guid(link.guid), name=clean(link.name), direction="OneWay",
             originGUID=guid(link.origin_guid), targetGUID=guid(link.target_guid))


def _sets(root: ElementTree.Element, project: ExportedProject, clean: Cleaner, documents: set[str]) -> None:
    if not project.sets:
        return
    element = _sub(root, "Sets")
    for group in project.sets:
        set_element = _sub(element, "Set", guid=guid(group.guid), name=clean(group.name, f"the set ‘{group.name}’"))
        if group.description:
            _sub(set_element, "Description").text = clean(group.description)
        for code in group.code_guids:
            _sub(set_element, "MemberCode", targetGUID=guid(code))
        for document in group.document_guids:
            if document in documents:
                _sub(set_element, "MemberSource", targetGUID=guid(document))


def project_xml(project: ExportedProject) -> tuple[bytes, list[str]]:
    """``project.qde``'s bytes (UTF-8, with an XML declaration) and any warnings."""
    clean = Cleaner()
    warnings: list[str] = []
    root = ElementTree.Element("Project", xmlns=PROJECT_NS)
    set_attributes(root, name=clean(project.name, "the project's name"), origin="qualcode",
                   creatingUserGUID=guid(project.creating_coder_guid) if project.creating_coder_guid else None,
                   creationDateTime=when(project.created_at))
    if project.coders:
        users = _sub(root, "Users")
        for coder in project.coders:
            _sub(users, "User", guid=guid(coder.guid), name=clean(coder.name, f"the coder ‘{coder.name}’"))
    code_memos: dict[str, list[str]] = defaultdict(list)
    document_memos: dict[str, list[str]] = defaultdict(list)
    project_memos: list[str] = []
    for note in project.notes:
        if note.start is not None and note.document_guid is not None:
            continue  # a note on a span: referred to from its selection
        if note.code_guid is not None:
            code_memos[note.code_guid].append(note.guid)
        elif note.document_guid is not None:
            document_memos[note.document_guid].append(note.guid)
        else:
            project_memos.append(note.guid)
    if project.codes:
        code_tree(_sub(_sub(root, "CodeBook"), "Codes"), project.codes, clean, code_memos)
    typed = _variables(root, project, clean)
    documents = {d.guid for d in project.documents}
    _cases(root, project, typed, clean, documents)
    _sources(root, project, clean, warnings, document_memos)
    _notes(root, project, clean)
    _links(root, project, clean)
    _sets(root, project, clean, documents)
    for memo in project_memos:
        _sub(root, "NoteRef", targetGUID=guid(memo))
    ElementTree.indent(root)
    data = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return data, warnings + clean.warning()


def write_qdpx(project: ExportedProject, path: str | os.PathLike[str], reads: Reads = (),
               progress: Progress | None = None, is_cancelled: IsCancelled | None = None) -> list[str]:
    """Write ``project`` as a ``.qdpx`` at ``path`` (never over a project or an input); returns warnings.

    ``progress`` counts the project file and then each document written;
    stopped part-way (``is_cancelled``), nothing is left at ``path``.
    """
    report = progress or no_progress
    total = len(project.documents) + 1
    data, warnings = project_xml(project)
    with replacing(path, reads) as partial, zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", data)
        report(1, total)
        for done, document in enumerate(project.documents, start=2):
            if is_cancelled is not None and is_cancelled():
                raise Cancelled()
            # "replace" turns a lone surrogate into one "?": one code point for one, so positions hold.
            archive.writestr(source_member(document), document.text.encode("utf-8", errors="replace"))
            report(done, total)
    return warnings
