"""A codebook as a REFI-QDA codebook file (``.qdc``, namespace ``urn:QDA-XML:codebook:1.0``).

NVivo, ATLAS.ti, MAXQDA, QualCoder and Taguette read it: the hierarchy as
nested ``<Code>`` elements, colours, and descriptions (with the criteria,
see :mod:`.elements`); groups of codes — qualcode's themes and sub-themes by
role — as ``<Set>`` elements whose ``MemberCode`` names each code.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree

from qualcode.core.errors import QualcodeError
from qualcode.io.exchange.qda_xml.elements import Cleaner, code_tree, guid
from qualcode.io.exchange.qda_xml.values import ExportedCode, ExportedSet

CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"


class NothingToExport(QualcodeError):
    """The file would be empty (a codebook without codes is not a valid ``.qdc``)."""


def codebook_xml(codes: Sequence[ExportedCode], sets: Sequence[ExportedSet] = (),
                 origin: str = "qualcode") -> tuple[bytes, list[str]]:
    """The ``.qdc`` file's bytes (UTF-8, with an XML declaration) and any warnings."""
    if not codes:
        raise NothingToExport("the project has no codes, so there is no codebook to write; "
                              "add codes first")
    clean = Cleaner()
    root = ElementTree.Element("CodeBook", xmlns=CODEBOOK_NS, origin=origin)
    code_tree(ElementTree.SubElement(root, "Codes"), codes, clean)
    with_codes = [s for s in sets if s.code_guids]
    if with_codes:
        sets_element = ElementTree.SubElement(root, "Sets")
        for group in with_codes:
            element = ElementTree.SubElement(sets_element, "Set", guid=guid(group.guid),
                                             name=clean(group.name, f"the set ‘{group.name}’"))
            if group.description:
                ElementTree.SubElement(element, "Description").text = clean(group.description)
            for member in group.code_guids:
                ElementTree.SubElement(element, "MemberCode", guid=guid(member))
    ElementTree.indent(root)
    data = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return data, clean.warning()
