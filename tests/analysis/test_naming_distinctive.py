"""Theme names come from the group's own distinctive words (issue #15 item 5).

Never punctuation, a stop word, a word shared by most answers, or a whole
answer — on constructed groups (always run) and on real survey answers
(``../shared/data``, skipped when absent).
"""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import pytest

from qualcode.analysis import naming
from qualcode.analysis.clustering import ClusterSettings, Item, suggest_themes

FFT = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "nhs-fft-neas.csv"

# Every answer of a survey of psychological wellbeing practitioners says "PWP(s)".
PWP_GROUPS = [
    ["PWPs need more clinical supervision", "As a PWP my clinical supervision is rushed",
     "Clinical supervision for PWPs is too short", "PWP supervision happens rarely"],
    ["PWPs are paid too little", "The PWP pay band is too low", "Better pay for PWPs",
     "PWP pay has not risen"],
    ["My PWP caseload is huge", "PWPs carry caseloads of 60", "Caseloads for a PWP keep growing",
     "The caseload of PWPs"],
]


def _terms_of(name: str) -> list[str]:
    return [t.strip().lower() for t in name.split(",")]


def test_a_word_every_answer_says_never_names_a_group() -> None:
    names = naming.key_phrase_names(PWP_GROUPS)
    assert names == ["Clinical supervision", "Pay", "Caseload"]
    assert not any("pwp" in n.lower() for n in names)


def test_plurals_count_with_their_singular_and_the_name_uses_the_form_said_most() -> None:
    groups = [["Caseloads are high", "caseload doubled", "my caseload", "Smaller caseloads"],
              ["Pay is low", "more pay", "pay rise", "pay parity"]]
    assert naming.ctfidf_key_phrases(groups, top_n=1) == [["caseload"], ["pay"]]
    assert naming.singular("families") == "family" and naming.singular("pwps") == "pwp"
    assert naming.singular("news") == "news" and naming.singular("stress") == "stress"


def test_punctuation_stop_words_and_non_answers_never_name_a_group() -> None:
    groups = [["-", "...", "N/A", "?"], ["Nothing.", "nothing at all", "None"],
              ["The ambulance came fast", "Ambulance arrived quickly", "Fast ambulance"]]
    names = naming.key_phrase_names(groups)
    assert names[0] == names[1] == naming.NO_DISTINCTIVE_WORDS
    assert "ambulance" in names[2].lower()


def test_a_name_is_never_a_whole_answer() -> None:
    quote = "The paramedic who came was kind and explained everything to my mother"
    names = naming.key_phrase_names([[quote], ["Waiting times were long", "long wait"]])
    assert names[0] != quote and len(names[0].split(",")) <= 3


def test_negation_stays_with_its_word_and_phrases_stop_at_punctuation() -> None:
    groups = [["Staff were not helpful", "not helpful at all", "Call handler not helpful"],
              ["Friendly, punctual", "Friendly, kind", "friendly and punctual"]]
    first, second = naming.ctfidf_key_phrases(groups)
    assert "not helpful" in first
    assert "friendly punctual" not in second and "friendly" in second


def _real_answers() -> list[str]:
    with FFT.open(encoding="utf-8", newline="") as f:
        return [row["FFT answer"] for row in csv.DictReader(f) if row["FFT answer"].strip()]


@pytest.mark.skipif(not FFT.is_file(), reason=f"real answers not here ({FFT}); see shared/data/README.md")
def test_real_answers_are_named_by_distinctive_words_only() -> None:
    from qualcode.analysis.embeddings.tfidf import TfidfBackend

    texts = _real_answers()[:2000]
    result = suggest_themes(TfidfBackend().embed(texts), [Item(i, t) for i, t in enumerate(texts)],
                            ClusterSettings(), namer=naming.keyphrase_namer)
    subs = result.sub_themes()
    n_all = sum(len(c.items) for c in subs)
    keys = [set(naming.words(texts[int(i.id)])) for c in subs for i in c.items]
    said_by = {t: sum(t in k for k in keys) for k in keys for t in k}
    answers = {t.strip().lower() for t in texts}
    named = 0
    for c in subs:
        label = re.sub(r" \(\d+\)$", "", c.label)  # "Pay (2)": the second group named "Pay"
        if label == naming.NO_DISTINCTIVE_WORDS:
            continue
        named += 1
        assert label.lower() not in answers or len(label.split()) <= 2, label  # never a whole answer
        member_keys = [set(naming.words(texts[int(i.id)])) for i in c.items]
        for term in _terms_of(label):
            assert re.search(r"[a-z]", term), label  # never punctuation
            assert not set(term.split()) <= naming.stop_words(), label
            key = " ".join(naming.singular(w) if not w.isupper() else w for w in term.split())
            key = next((k for k in said_by if k.lower() == key.lower()), key)
            assert said_by.get(key, 0) <= naming.MAX_SHARE * n_all or len(subs) < 2, label
            inside = sum(key in k for k in member_keys) / len(c.items)
            outside = (said_by.get(key, 0) - inside * len(c.items)) / max(1, n_all - len(c.items))
            assert inside >= naming.MIN_LIFT * outside - 1e-9, (label, inside, outside)
    assert named >= math.ceil(0.8 * len(subs))  # most groups of real answers do get a name
