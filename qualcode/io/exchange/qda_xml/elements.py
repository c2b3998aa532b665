"""What the project and codebook files share: guids, colours, dates, text XML can hold, the code tree.

Rules every value written follows, so that another tool (and qualcode's
own reader) gets back what was written:

* a guid that is not the standard's 8-4-4-4-12 hex form (a project merged
  from an older tool may carry one) is replaced by a UUID made from it —
  the same one wherever it is referred to;
* a colour other than ``#RRGGBB`` / ``#RGB`` is left out (the other tool
  picks one);
* characters XML 1.0 cannot hold (control characters other than tab and
  newline, lone surrogates, U+FFFE/U+FFFF) become U+FFFD and the writer
  reports it; every other character — quotes, ``<``, ``&``, emoji,
  combining marks — is written as it is;
* a code's inclusion and exclusion criteria and its example, which REFI-QDA
  has no place for, follow its description in the one ``Description``,
  each as a paragraph starting ``Inclusion:``, ``Exclusion:``, ``Example:``.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from datetime import datetime
from xml.etree import ElementTree

from qualcode.io.exchange.qda_xml.values import ExportedCode

_GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_COLOUR = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_GUIDS_FROM = uuid.UUID("6f1c2a4e-2d3b-4c8e-9a57-0e9b1f3c7d21")  # namespace for guids made from others
CRITERIA = (("inclusion", "Inclusion"), ("exclusion", "Exclusion"), ("example", "Example"))


class Cleaner:
    """Makes text XML can hold, and remembers what it had to change (for one line of warning)."""

    def __init__(self) -> None:
        self.changed: list[str] = []

    def __call__(self, text: str, where: str = "") -> str:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        cleaned = _NOT_XML.sub("\ufffd", text)
        if cleaned != text and where:
            self.changed.append(where)
        return cleaned

    def warning(self) -> list[str]:
        if not self.changed:
            return []
        shown = ", ".join(self.changed[:3]) + (f" and {len(self.changed) - 3} more" if len(self.changed) > 3 else "")
        return [f"characters XML cannot hold (control characters) were written as � in {shown}"]


def guid(value: str) -> str:
    """``value`` if it is a standard guid, else a stable UUID made from it."""
    value = value.strip().strip("{}")
    return value if _GUID.fullmatch(value) else str(uuid.uuid5(_GUIDS_FROM, value))


def colour(value: str | None) -> str | None:
    return value if value and _COLOUR.fullmatch(value) else None


def when(value: datetime | None) -> str | None:
    """An ``xsd:dateTime`` in UTC (qualcode stores UTC without a zone)."""
    return value.replace(microsecond=0, tzinfo=None).isoformat() + "Z" if value else None


def description(code: ExportedCode) -> str:
    """The code's description, then its criteria and example as labelled paragraphs."""
    parts = [code.description.strip()] if code.description.strip() else []
    parts += [f"{label}: {getattr(code, key).strip()}" for key, label in CRITERIA if getattr(code, key).strip()]
    return "\n\n".join(parts)


def criteria(text: str) -> dict[str, str]:
    """The inverse of :func:`description`: the description and the labelled paragraphs, by field.

    A paragraph starting ``Inclusion:``, ``Exclusion:`` or ``Example:``
    begins that field (once each) and the paragraphs after it belong to it;
    a description that merely mentions an example mid-sentence stays whole.
    """
    found: dict[str, list[str]] = {}
    current = "description"
    for paragraph in text.split("\n\n"):
        key = next((k for k, label in CRITERIA if paragraph.startswith(f"{label}: ") and k not in found), None)
        if key is not None:  # a labelled paragraph starts a field; the paragraphs after it belong to it
            current, paragraph = key, paragraph.removeprefix(f"{dict(CRITERIA)[key]}: ")
        found.setdefault(current, []).append(paragraph)
    return {key: "\n\n".join(found.get(key, [])).strip() for key in ("description", *dict(CRITERIA))}


def set_attributes(element: ElementTree.Element, **values: str | None) -> None:
    """Set the attributes that have a value, in the order given."""
    for key, value in values.items():
        if value is not None:
            element.set(key, value)


def code_tree(parent: ElementTree.Element, codes: Iterable[ExportedCode], clean: Cleaner,
              note_refs: dict[str, list[str]] | None = None) -> dict[str, ElementTree.Element]:
    """``<Code>`` elements nested as the codebook nests them; returns them by code guid.

    Codes come parents first.  A code whose parent is missing is placed at
    the top rather than lost.  ``note_refs`` (project files only) adds a
    ``NoteRef`` for each memo on a code.
    """
    placed: dict[str, ElementTree.Element] = {}
    for code in codes:
        home = placed.get(code.parent_guid, parent) if code.parent_guid else parent
        element = ElementTree.SubElement(home, "Code")
        set_attributes(element, guid=guid(code.guid), name=clean(code.name, f"the code ‘{code.name}’"),
                       isCodable="true", color=colour(code.colour))
        text = description(code)
        if text:
            ElementTree.SubElement(element, "Description").text = clean(text, f"the code ‘{code.name}’")
        for target in (note_refs or {}).get(code.guid, []):
            ElementTree.SubElement(element, "NoteRef", targetGUID=guid(target))
        placed[code.guid] = element
    return placed
