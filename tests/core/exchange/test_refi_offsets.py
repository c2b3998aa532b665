"""Where a REFI-QDA selection lands: code points, BOMs, CRLF, lone CR, combining marks, emoji (issue #14).

The rules (stated in :mod:`qualcode.io.exchange.refi_project`): positions
count Unicode code points from 0 in the source's text as the file holds it;
a BOM is not counted; a CRLF counts two and is kept as one LF, so later
positions move back one per CRLF; a lone CR counts one and stays one (as
LF).  An emoji is as many code points as it is made of (a family with
zero-width joiners is five), a letter with a combining accent two.  Each
test codes the words a researcher would see and checks they are the words
coded, both ways where qualcode writes the file.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_refi_import import C3, _coded, _selection, make_qdpx

from qualcode.core.exchange.outgoing import export_qdpx
from qualcode.core.project import Project
from qualcode.core.transcripts.refi_import import import_refi_project

FAMILY = "\U0001f469\u200d\U0001f469\u200d\U0001f467"  # 👩‍👩‍👧: five code points
THUMB = "\U0001f44d\U0001f3fd"  # 👍🏽: two
FLAG = "\U0001f1ec\U0001f1e7"  # 🇬🇧: two


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_selections_around_and_across_crlf_line_ends(project, tmp_path):
    text = "Interviewer: How was it?\r\nMaya: Hard.\r\nThe rota\r\nchanged weekly."
    across = _span(text, "rota\r\nchanged")  # a selection running over a line end
    last = _span(text, "weekly")
    path = make_qdpx(tmp_path / "p.qdpx", text.encode(), _selection(1, *across) + _selection(2, *last, C3))
    import_refi_project(project, path)
    assert project.documents.text(project.documents.list()[0].id) == text.replace("\r\n", "\n")
    assert _coded(project) == [("Breakfast", "rota\nchanged", "Ana"), ("Mood", "weekly", "Ana")]


def test_a_selection_ending_on_the_crlf_keeps_the_line_end_once(project, tmp_path):
    text = "first line\r\nsecond"
    start = 0
    end = text.index("\n") + 1  # the tool selected the whole first line with its CRLF
    import_refi_project(project, make_qdpx(tmp_path / "p.qdpx", text.encode(), _selection(1, start, end)))
    assert _coded(project) == [("Breakfast", "first line\n", "Ana")]


def test_a_lone_cr_counts_one(project, tmp_path):
    text = "old mac line\rnext line"
    import_refi_project(project, make_qdpx(tmp_path / "p.qdpx", text.encode(), _selection(1, *_span(text, "next"))))
    assert _coded(project) == [("Breakfast", "next", "Ana")]


@pytest.mark.parametrize("encoding, bom", [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"),
                                           ("utf-16-be", b"\xfe\xff")])
def test_a_bom_is_not_counted_in_any_encoding_and_emoji_are_code_points_not_utf16_units(
        project, tmp_path, encoding, bom):
    text = f"{FAMILY} we laughed {THUMB}\r\nthen {FLAG} home"
    path = make_qdpx(tmp_path / "p.qdpx", bom + text.encode(encoding),
                     _selection(1, *_span(text, "laughed")) + _selection(2, *_span(text, f"{FLAG} home"), C3))
    import_refi_project(project, path)
    assert _coded(project) == [("Breakfast", "laughed", "Ana"), ("Mood", f"{FLAG} home", "Ana")]


def test_combining_marks_stay_as_written_and_count_one_each(project, tmp_path):
    text = "Ame\u0301lie said: cafe\u0301 au lait. Then Zoe\u0308."
    path = make_qdpx(tmp_path / "p.qdpx", text.encode(),
                     _selection(1, *_span(text, "cafe\u0301")) + _selection(2, *_span(text, "Zoe\u0308"), C3))
    import_refi_project(project, path)
    stored = project.documents.text(project.documents.list()[0].id)
    assert stored == text  # not composed to é: a composed text would move every later position
    assert _coded(project) == [("Breakfast", "cafe\u0301", "Ana"), ("Mood", "Zoe\u0308", "Ana")]


def test_inline_text_with_character_referenced_crlf_counts_them_as_the_tool_did(project, tmp_path):
    """``&#13;&#10;`` survives XML parsing as CRLF: counted two, like a CRLF in a file."""
    text = "one\r\ntwo\r\nthree"
    inline = text.replace("\r\n", "&#13;&#10;")
    source = f"<PlainTextContent>{inline}</PlainTextContent>"
    path = make_qdpx(tmp_path / "p.qdpx", None, _selection(1, *_span(text, "three")), source_extra=source)
    import_refi_project(project, path)
    assert _coded(project) == [("Breakfast", "three", "Ana")]


def test_emoji_combining_marks_and_line_ends_survive_qualcode_export_and_import(project, tmp_path):
    text = f"Maya: {FAMILY} we cried, cafe\u0301 {THUMB}\nRavi: {FLAG} fine\n\nEnd"
    document = project.documents.add_transcript("Maya", text, participant="Maya")
    spans = [_span(text, FAMILY), _span(text, "cafe\u0301 " + THUMB), _span(text, f"{FLAG} fine\n\nEnd")]
    for n, (start, end) in enumerate(spans):
        project.coding.apply(document.id, start, end, project.codes.create(f"code {n}").id)
    export_qdpx(project, tmp_path / "out.qdpx")
    with zipfile.ZipFile(tmp_path / "out.qdpx") as archive:
        written = next(archive.read(n) for n in archive.namelist() if n.startswith("sources/"))
    assert written == text.encode("utf-8")  # no BOM, LF, nothing composed
    with Project.create(tmp_path / "again.qualcode") as again:
        import_refi_project(again, tmp_path / "out.qdpx")
        back = again.documents.list()[0]
        stored = again.documents.text(back.id)
        assert stored == text
        assert sorted(stored[c.start:c.end] for c in again.coding.for_document(back.id)) == sorted(
            text[s:e] for s, e in spans)
