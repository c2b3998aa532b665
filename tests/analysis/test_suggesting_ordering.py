"""What to code next: least sure first, non-answers last."""

from __future__ import annotations

import numpy as np

from qualcode.analysis.suggesting.ordering import sureness, what_to_code_next


def test_the_least_sure_text_comes_first_and_non_answers_last() -> None:
    texts = ["pay is low", "N/A", "something new", "admin", "-"]
    scores = np.array([[0.9, 0.1], [0.05, 0.0], [0.2, 0.3], [0.1, 0.6], [0.0, 0.0]])
    order, sure = what_to_code_next(texts, scores)
    assert list(order) == [2, 3, 0, 1, 4]
    assert list(sure) == [0.9, 0.05, 0.3, 0.6, 0.0]


def test_ties_keep_the_texts_own_order_and_no_codes_means_unsure() -> None:
    order, _ = what_to_code_next(["a b", "c d", "e f"], np.array([[0.5], [0.5], [0.4]]))
    assert list(order) == [2, 0, 1]
    assert list(sureness(np.zeros((3, 0)))) == [0.0, 0.0, 0.0]
