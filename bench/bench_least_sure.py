"""What to code next (issue #15 item 3): codings needed to reach 0.85 hit@3, least sure first vs file order vs random.

Data: ``../shared/data/nhs-fft-neas.csv`` (see its README); skipped, with a
line saying so, when it is absent.

Simulated coder (every choice stated, so anyone can repeat it):

* pool: sample A of ``bench_suggesting`` (2,000 answers, ``default_rng(0)``),
  in file order; test set: sample B (2,000 other answers, ``default_rng(1)``),
  never coded.
* each run starts from the same 20 answers coded, drawn with
  ``default_rng(seed)``, seeds 0, 1, 2; then codes 20 answers at a time (the
  reference labels are the coder's codes), the suggester refitted from scratch
  after each batch:
  - ``least_sure``: the 20 uncoded answers with the lowest best-code score,
    non-answers last (:func:`qualcode.analysis.suggesting.ordering.what_to_code_next`,
    the rule the survey table and ``--order least-sure`` use);
  - ``file``: the next 20 in file order;
  - ``random``: the next 20 of a ``default_rng(seed)`` permutation.
* after each batch: hit@3 (full ranking, no abstaining) on the pool's answers
  not coded yet — the figure the issue names — and on the test set.  Hit@3 on
  the *remaining* answers flatters an order that codes the hard answers first
  (the easy ones are left), so the fixed test set is reported beside it.
* ``*_to_085``: codings when the remaining answers' hit@3 first reaches 0.85
  (mean over seeds; a run that does not reach it by 1,000 codings counts 1,000
  and ``*_reached`` says how many runs did); ``*_test_hit3_at_N``: the test
  set's hit@3 after N codings.

Run alone: ``.venv/bin/python bench/bench_least_sure.py``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_suggesting import DATA, load_fft, samples  # noqa: E402

from qualcode.analysis.suggesting import SupervisedSuggester  # noqa: E402
from qualcode.analysis.suggesting.evaluation import hit_at_k  # noqa: E402
from qualcode.analysis.suggesting.ordering import what_to_code_next  # noqa: E402

SEEDS = (0, 1, 2)
START, BATCH, CAP, TARGET = 20, 20, 1000, 0.85
BUDGETS = (100, 200, 400)
ORDERS = ("least_sure", "file", "random")


def top3(codes: list, scores: np.ndarray) -> list[list[object]]:
    return [[codes[j] for j in np.argsort(-row, kind="stable")[:3]] for row in scores]


def simulate(order: str, seed: int, texts: list[str], vectors: np.ndarray, labels: list[set[str]],
             test: tuple[list[str], np.ndarray, list[set[str]]]) -> dict[str, float]:
    """One simulated coder: codings to reach the target on the remaining answers, test hit@3 at budgets."""
    n = len(texts)
    coded = [int(i) for i in np.random.default_rng(seed).choice(n, START, replace=False)]
    start = set(coded)
    queue = [int(i) for i in (range(n) if order == "file" else np.random.default_rng(seed).permutation(n))
             if i not in start]
    reached, at_budget = float(CAP), {}
    while True:
        done = set(coded)
        rest = [i for i in range(n) if i not in done]
        suggester = SupervisedSuggester().fit([texts[i] for i in coded], vectors[coded], [labels[i] for i in coded])
        rest_texts = [texts[i] for i in rest]
        scores = suggester.scores(rest_texts, vectors[rest])
        hit = hit_at_k(top3(suggester.codes, scores), [labels[i] for i in rest])
        if len(coded) in BUDGETS:
            at_budget[len(coded)] = hit_at_k(top3(suggester.codes, suggester.scores(test[0], test[1])), test[2])
        if hit >= TARGET and reached == CAP:
            reached = float(len(coded))
        if (reached < CAP and len(coded) >= max(BUDGETS)) or len(coded) >= CAP or not rest:
            break
        if order == "least_sure":
            ranked, _sure = what_to_code_next(rest_texts, scores)
            batch = [rest[j] for j in ranked[:BATCH]]
        else:
            batch, queue = queue[:BATCH], queue[BATCH:]
        coded += batch
    return {"to_085": reached, "reached": float(reached < CAP),
            **{f"test_hit3_at_{b}": v for b, v in at_budget.items()}}


def run() -> dict[str, float | str]:
    if not DATA.exists():
        print(f"    skipped the what-to-code-next simulation: {DATA} is not here", flush=True)
        return {"fft_skipped": f"{DATA} absent"}
    from qualcode.analysis.embeddings import get_backend

    texts, labels = load_fft()
    vectors = get_backend("minilm").embed(texts)
    picks = samples(len(texts))
    pool, test_pick = picks["a"], picks["b"]
    pool_texts, pool_vectors, pool_labels = [texts[i] for i in pool], vectors[pool], [labels[i] for i in pool]
    test = ([texts[i] for i in test_pick], vectors[test_pick], [labels[i] for i in test_pick])
    out: dict[str, float | str] = {"pool_answers": float(len(pool)), "test_answers": float(len(test_pick)),
                                   "start_coded": float(START), "batch": float(BATCH), "target_hit3": TARGET,
                                   "seeds": ",".join(map(str, SEEDS))}
    started = time.perf_counter()
    for order in ORDERS:
        runs = [simulate(order, seed, pool_texts, pool_vectors, pool_labels, test) for seed in SEEDS]
        for key in runs[0]:
            values = [r[key] for r in runs if key in r]
            out[f"{order}_{key}"] = float(np.mean(values))
            if key == "to_085":
                out[f"{order}_to_085_per_seed"] = ",".join(str(int(v)) for v in values)
    out["simulation_s"] = time.perf_counter() - started
    return out


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:50s} {value:.4f}" if isinstance(value, float) else f"{key:50s} {value}")
