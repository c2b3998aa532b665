"""Projects whose every piece of text from data starts like a spreadsheet formula, built at test time.

Answers, respondent ids, attribute values, code names, definitions, notes,
a participant's pseudonym and a coder's name all begin with ``=``, ``@``,
``+`` or ``-`` — what a participant, a colleague's file or another tool may
hand a researcher — so every report can be checked for formula injection.
"""

from __future__ import annotations

import csv
from pathlib import Path

from qualcode.core.model import CodeRole
from qualcode.core.project import Project

HYPERLINK = '=HYPERLINK("http://x","y")'
AT = "@SUM(A1)"
PLUS = "+1+1"
MINUS = "-1+1"
HOSTILE = (HYPERLINK, AT, PLUS, MINUS)
SCRIPT = "<script>alert(1)</script>"  # for HTML and SVG: shown, never run


def interviews_project(path: Path) -> Project:
    """One transcript by a participant called ``=HYPERLINK(…)``, coded with hostile themes and notes."""
    from qualcode.core.transcripts.importing import import_transcripts

    transcript = path.with_name("hostile-interview.txt")
    transcript.write_text(
        "Interviewer: How has work been?\n\n"
        f"Ann: {HYPERLINK} is what I typed.\n{AT} came next.\n{PLUS} and {MINUS} too.\n\n"
        "Interviewer: Anything else?\n\n"
        f"Ann: {MINUS} was the last one.\n", encoding="utf-8")
    project = Project.create(path, name=HYPERLINK)
    project.set_coder(AT)
    report = import_transcripts(project, [transcript], participant=HYPERLINK)
    assert not report.refused, [o.message for o in report.refused]
    project.participants.set_attributes(HYPERLINK, {"role": AT, "site": MINUS, "years": "-3"},
                                        {"years": "number"})
    doc = project.documents.list()[0]
    text = project.documents.text(doc.id)
    top = project.codes.create(HYPERLINK, CodeRole.THEME, description=PLUS)
    sub = project.codes.create(AT, CodeRole.SUBTHEME, parent_id=top.id, description=MINUS)
    for quote, name in ((HYPERLINK, PLUS), (AT, MINUS), (f"{PLUS} and", HYPERLINK + " again")):
        start = text.index(quote)
        code = project.codes.create(name, CodeRole.EMERGENT, parent_id=sub.id, description=AT)
        project.coding.apply(doc.id, start, text.index("\n", start), code.id)
    start = text.index(f"{MINUS} was")
    project.notes.add(doc.id, start, start + len(MINUS), HYPERLINK, "descriptive")
    project.notes.add(doc.id, text.index(AT), text.index(AT) + 3, PLUS, "linguistic")
    return project


def survey_project(path: Path) -> Project:
    """Three respondents with hostile ids, answers and attributes, coded by two coders with hostile codes."""
    from qualcode.core.surveys.importing import import_survey

    table = path.with_name("hostile-survey.csv")
    with table.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["respondent", "q1", "group", "score"])
        w.writerow([HYPERLINK, AT + " is my answer", PLUS, "-0.5"])
        w.writerow([AT, HYPERLINK, MINUS, "2"])
        w.writerow([MINUS, PLUS + " more", PLUS, "-1"])
        w.writerow(["R4", MINUS + " and so on", AT, "3"])
    project = Project.create(path, name=AT)
    project.set_coder(PLUS)
    import_survey(project, table, "respondent", ["q1"], ["group", "score"])
    top = project.codes.create(HYPERLINK, CodeRole.THEME, description=MINUS)
    codes = [project.codes.create(name, CodeRole.CODE, parent_id=top.id, description=HYPERLINK,
                                  inclusion=AT, exclusion=PLUS, example=MINUS) for name in (AT, PLUS, MINUS, SCRIPT)]
    documents = project.documents.list()
    for coder, step in ((PLUS, 1), (MINUS, 2)):
        project.set_coder(coder)
        for k, doc in enumerate(documents):
            code = codes[(k * step) % len(codes)]
            project.coding.apply(doc.id, 0, doc.length, code.id)
            project.coding.apply(doc.id, 0, doc.length, top.id)
    first = documents[0]
    project.notes.add(first.id, 0, first.length, HYPERLINK, "descriptive")
    return project
