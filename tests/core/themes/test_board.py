"""The theme board without Qt: cards, themes, the researcher's edits, recurrence, the edited suggestion."""

from __future__ import annotations

import numpy as np
import pytest

from qualcode.core.themes.board import BoardEdit, ThemeBoard, map_points
from qualcode.core.themes.cards import Card, SubTheme, Theme, Unclustered
from qualcode.core.themes.clustered import CLI_CHOICES, Clustered
from qualcode.core.themes.recurrence import falls_short, suggestion_recurrence


def _handmade() -> dict:
    def items(*names: str) -> list[dict]:
        return [{"id": n, "text": n, "participant": p, "neighbours": []} for n, p in names]

    return {"backend": "test", "mode": "emergent", "scope": {"participant": None}, "clusters": [
        {"key": "T1", "label": "Numbers", "parent": None, "parent_key": None, "unclustered": False,
         "tightness": 0.5, "typical": [], "items": []},
        {"key": "T1.1", "label": "Targets", "parent": "Numbers", "parent_key": "T1", "unclustered": False,
         "tightness": 0.5, "typical": [], "items": items(("Targets over people", "Maya"), ("League table", "Tom"))},
        {"key": "T1.2", "label": "Scores", "parent": "Numbers", "parent_key": "T1", "unclustered": False,
         "tightness": 0.5, "typical": [], "items": items(("Scores on the wall", "Lee"))},
        {"key": "T2", "label": "Held", "parent": None, "parent_key": None, "unclustered": False,
         "tightness": 0.5, "typical": [], "items": []},
        {"key": "T2.1", "label": "Supervision", "parent": "Held", "parent_key": "T2", "unclustered": False,
         "tightness": 0.5, "typical": [], "items": items(("Held by supervision", "Tom"))},
        {"key": "U", "label": "Unclustered", "parent": None, "parent_key": None, "unclustered": True,
         "tightness": 0.0, "typical": [], "items": items(("Odd one out", "Maya"))},
    ]}


def _uid(board: ThemeBoard, name: str) -> int:
    return next(u for u in board.cards() if board.item(u).id == name)


def test_model_merge_reject_and_accept_data() -> None:
    model = ThemeBoard(_handmade())
    edits: list[BoardEdit] = []
    model.subscribe(edits.append)
    assert [i["id"] for i in model.cluster("T1")["items"]] == ["Targets over people", "League table",
                                                                "Scores on the wall"]
    model.merge("T1.2", "T1.1")
    assert edits == [BoardEdit("merged", ("T1.2", "T1.1"))]  # the listeners heard of it
    assert [s["key"] for s in model.subthemes("T1")] == ["T1.1"]
    assert model.rename("T1.1", "Held") == "there is already a theme called ‘Held’"
    model.set_rejected("T2", True)
    assert model.is_rejected(model.cluster("T2.1"))
    data = model.accept_data()
    kept = [c["label"] for c in data["clusters"] if not c.get("rejected") and not c.get("unclustered")]
    assert kept == ["Numbers", "Targets"]
    assert all("_uid" not in i for c in data["clusters"] for i in c["items"])
    # The original suggestion is untouched: the board edits its own copy.
    assert len(_handmade()["clusters"]) == 6
    # A card dragged out of Unclustered joins a sub-theme (and counts for recurrence there).
    odd = next(u for u in model.cards() if model.item(u)["id"] == "Odd one out")
    model.move_items([odd], "T1.1")
    assert model.unclustered()["items"] == []
    row = next(r for r in model.recurrence()["themes"] if r["key"] == "T1.1")
    assert row["participants"] == ["Lee", "Maya", "Tom"]


def test_the_board_is_typed_cards_in_sub_themes_under_themes() -> None:
    board = ThemeBoard(_handmade())
    numbers, targets = board.cluster("T1"), board.cluster("T1.1")
    assert isinstance(numbers, Theme) and isinstance(targets, SubTheme) and targets.theme is numbers
    assert isinstance(board.unclustered(), Unclustered)
    card = board.item(_uid(board, "League table"))
    assert isinstance(card, Card) and card.participant == "Tom" and board.group_of(card.uid) is targets
    assert board.mode is Clustered.EMERGENT and board.cross_case
    assert board.participants() == ["Lee", "Maya", "Tom"]


def test_moves_splits_and_renames_follow_through_to_the_accepted_file() -> None:
    board = ThemeBoard(_handmade())
    edits: list[BoardEdit] = []
    stop = board.subscribe(edits.append)
    board.move_items([_uid(board, "League table")], "T2.1")
    assert [c.id for c in board.cluster("T2").cards] == ["Held by supervision", "League table"]
    assert [c.id for c in board.cluster("T1").cards] == ["Targets over people", "Scores on the wall"]
    with pytest.raises(ValueError):
        board.move_items([_uid(board, "Odd one out")], "T1")  # a column takes sub-themes, not cards

    new = board.split("T1.1", [_uid(board, "Targets over people")])
    assert board.cluster(new).label == "Targets (split)"
    assert [s.key for s in board.subthemes("T1")] == ["T1.1", "T1.2", new]
    assert board.rename("T1", "  ") == "a theme needs a name"
    assert board.rename("T1", "Working on the production line") is None
    assert board.cluster(new)["parent"] == "Working on the production line"
    assert [e.kind for e in edits] == ["moved", "split", "renamed"]
    stop()
    board.set_rejected("T1.2", True)
    assert len(edits) == 3  # no longer listening

    data = board.accept_data()
    by_label = {c["label"]: c for c in data["clusters"]}
    assert by_label["Targets (split)"]["parent"] == "Working on the production line"
    assert [i["id"] for i in by_label["Supervision"]["items"]] == ["Held by supervision", "League table"]
    assert "Targets" not in by_label  # emptied by the split: not created at all
    assert by_label["Scores"]["rejected"] is True


def test_a_new_theme_takes_a_sub_theme_and_an_empty_one_is_left_out() -> None:
    board = ThemeBoard(_handmade())
    theme = board.new_theme()
    empty = board.new_theme()
    assert board.cluster(empty).label == "New theme 2"
    board.move_subtheme("T2.1", theme)
    sub = board.add_subtheme(theme)
    assert [s.key for s in board.subthemes(theme)] == ["T2.1", sub]
    assert board.cluster("T2").cards == []
    labels = [c["label"] for c in board.accept_data()["clusters"]]
    assert "New theme" in labels and "New theme 2" not in labels and "Held" not in labels
    assert "New sub-theme" not in labels  # no cards, so no code


def test_a_rejected_sub_theme_does_not_count_towards_its_theme() -> None:
    board = ThemeBoard(_handmade())
    table = board.recurrence()
    assert table.row("T1").participants == ("Lee", "Maya", "Tom")
    board.set_rejected("T1.1", True)  # Maya's and Tom's cards leave with it
    table = board.recurrence()
    assert table.row("T1").participants == ("Lee",) and table.row("T1").below_threshold
    assert table.row("T1.1").rejected and table.row("T1.1").count == 2  # still shown, greyed
    assert "Numbers" in table.flagged() and "Targets" not in table.flagged()
    board.set_rejected("T2", True)  # a rejected theme takes its sub-themes with it
    table = board.recurrence()
    assert table.row("T2.1").rejected and table.row("T2").count == 0
    # The file written for accept carries the same table.
    assert board.accept_data()["recurrence"] == table.to_json()


def test_a_theme_without_sub_themes_gets_one_for_its_cards() -> None:
    data = _handmade()
    data["clusters"] = [dict(data["clusters"][3], items=[{"id": "Alone", "text": "Alone", "participant": "Ann"}])]
    board = ThemeBoard(data)
    (sub,) = board.subthemes("T2")
    assert sub.key == "T2.1" and sub.label == "Held" and [c.id for c in sub.cards] == ["Alone"]


def test_tightness_neighbours_and_the_map_follow_the_vectors() -> None:
    vectors = {"Targets over people": np.array([1.0, 0.0]), "League table": np.array([0.9, 0.1]),
               "Scores on the wall": np.array([0.0, 1.0]), "Held by supervision": np.array([-1.0, 0.2]),
               "Odd one out": np.array([0.2, -1.0])}
    board = ThemeBoard(_handmade(), vectors)
    assert board.cluster("T1.1").tightness > 0.99
    (near, cosine), = board.neighbours(_uid(board, "Targets over people"))
    assert near.id == "League table" and cosine > 0.9
    board.move_items([_uid(board, "Scores on the wall")], "T1.1")
    assert board.cluster("T1.1").tightness < 0.99  # recomputed after the move
    assert set(map_points(board)) == set(board.cards())


def test_suggestion_recurrence_keeps_the_shape_suggest_writes() -> None:
    data = _handmade()
    for c in data["clusters"]:  # as suggest writes it: a theme lists its sub-themes' items
        if c["key"] in ("T1", "T2"):
            c["items"] = [i for s in data["clusters"] if s.get("parent_key") == c["key"] for i in s["items"]]
    table = suggestion_recurrence(data).to_json(board=False)
    assert table["participants"] == ["Lee", "Maya", "Tom"] and table["threshold"] == 0.5
    assert table["themes"][0] == {"theme": "Numbers", "parent": None, "participants": ["Lee", "Maya", "Tom"],
                                  "count": 3, "below_threshold": False}
    assert [r["theme"] for r in table["themes"]] == ["Numbers", "Targets", "Scores", "Held", "Supervision"]
    assert [r["below_threshold"] for r in table["themes"]] == [False, False, True, True, True]
    # The board, before any edit, says the same.
    board_rows = ThemeBoard(data).recurrence().to_json()["themes"]
    assert [{k: v for k, v in r.items() if k not in ("key", "rejected")} for r in board_rows] == table["themes"]


def test_present_in_at_least_half() -> None:
    assert not falls_short(3, 6) and falls_short(2, 6) and not falls_short(0, 0)
    assert falls_short(4, 6, threshold=0.7)


def test_one_vocabulary_for_what_is_clustered() -> None:
    assert CLI_CHOICES == ("emergent", "segments", "answers", "statements", "personal-themes")  # the README's --items words
    assert Clustered.parse("code") is Clustered.SEGMENTS and Clustered.parse("Question") is Clustered.ANSWERS
    assert Clustered.parse("experiential statements") is Clustered.EMERGENT
    assert Clustered.SEGMENTS.chosen_by == "code" and "quotes" in Clustered.SEGMENTS.words
    with pytest.raises(ValueError):
        Clustered.parse("paragraphs")
