"""Provisional names for suggested themes."""

from __future__ import annotations

from qualcode.analysis import naming
from qualcode.analysis.clustering import Item

SURVEY_GROUPS = [
    [
        "We need better pay for band five nurses.",
        "Pay has not kept up with inflation.",
        "A pay rise would help.",
        "Pay parity with agency staff.",
    ],
    [
        "Caseloads are far too high.",
        "Smaller caseloads please.",
        "My caseload doubled in two years.",
        "Cap the caseload size.",
    ],
    [
        "Clinical supervision every month.",
        "Protected time for supervision.",
        "Good clinical supervision keeps me here.",
    ],
]


def test_key_phrases_name_each_group_by_its_own_words():
    assert naming.key_phrase_names(SURVEY_GROUPS) == ["Pay", "Caseload", "Clinical supervision"]


def test_key_phrases_contrast_groups():
    """A word common to every group (c-TF-IDF's 'staff' here) never names one group alone."""
    groups = [
        ["staff need pay", "staff pay rise", "staff pay"],
        ["staff need rest", "staff rest days", "staff rest"],
    ]
    phrases = naming.ctfidf_key_phrases(groups, top_n=1)
    assert phrases == [["pay"], ["rest"]]


def test_central_names_use_short_labels_and_phrases_for_long_answers():
    groups = [
        [Item(1, "x", "The numbers become the patient"), Item(2, "y", "Keeping the spreadsheet green")],
        [Item(3, t) for t in SURVEY_GROUPS[0]],
        [Item(4, "a very long answer " * 5)],
    ]
    names = naming.central_names(groups)
    assert names[0] == "The numbers become the patient"
    assert names[1] == "Pay"
    assert names[2] and len(names[2].split()) <= 4


def test_empty_group_gets_a_placeholder():
    assert naming.central_names([[]]) == ["Untitled"]
