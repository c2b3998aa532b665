"""Code suggestions on real coded answers (issue #15 item 4), beside baselines fitted in the same run.

Data: ``../shared/data/nhs-fft-neas.csv`` — 5,096 NHS Friends-and-Family-Test
answers, each coded by trained people with one or more of ~50 labels (see its
README).  Skipped, with a line saying so, when the file is absent.

Protocol (every seed stated, so anyone can repeat it):

* **sample A**: 2,000 answers drawn with ``numpy.random.default_rng(0)``; the
  suggester's settings were chosen looking at this sample (seeds 0–2).
* **sample B**: 2,000 of the other 3,096 answers, drawn with
  ``default_rng(1)``; never looked at while choosing settings — the check
  against tuning to one split.
* in each sample, 50% and 10% coded: ``StratifiedShuffleSplit`` on each
  answer's rarest code, ``random_state`` 0–4 (5 repeated splits); every
  figure is the mean over the 5 (``_sd``: their spread).
* on each split, fitted on the coded part and scored on the rest: the
  supervised suggester (``model``), scikit-learn's default TF-IDF + one-vs-rest
  logistic regression (``tfidf_lr``), the 3 most frequent codes
  (``most_frequent``) and the earlier kNN/centroid blend (``blend``).  Hit@3 and recall@3 are on the full ranking (the
  suggester not abstaining); ``model_no_suggestion_share`` is how many held-out
  answers get "no suggestion" when it may abstain (non-answers, best score < 0.2).
* speed: fitting on 10,192 coded answers (the 5,096 twice) from scratch, then
  ``refit`` after one more code, one and 20 more answers coded (wall and CPU
  seconds, the 1-minute load beside them), and ranking 5,096; whether refitting
  loses anything against a fresh fit (``refit_quality``).

Also the sample survey (``sample_projects/survey``, q1, a random half known,
seeds 0–4 as ``bench_clustering``): the suggester beside the earlier
kNN/centroid blend, so a regression there shows.

Run alone: ``.venv/bin/python bench/bench_suggesting.py``.
"""

from __future__ import annotations

import csv
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from qualcode.analysis.embeddings import get_backend  # noqa: E402
from qualcode.analysis.suggesting import SupervisedSuggester  # noqa: E402
from qualcode.analysis.suggesting.evaluation import (  # noqa: E402
    compare,
    hit_at_k,
    recall_at_k,
    stratified_splits,
)

DATA = ROOT.parent / "shared" / "data" / "nhs-fft-neas.csv"
SAMPLE = 2000
SEEDS = (0, 1, 2, 3, 4)


def load_fft() -> tuple[list[str], list[set[str]]]:
    """Every answer and its set of reference labels."""
    rows = list(csv.DictReader(DATA.open(encoding="utf-8")))
    columns = list(rows[0])
    labels = columns[columns.index("Comment sentiment") + 1:]
    return [r["FFT answer"] for r in rows], [{c for c in labels if r[c].strip() == "1"} for r in rows]


def samples(n: int) -> dict[str, np.ndarray]:
    """Sample A (seed 0) and sample B (seed 1, from the answers A left out)."""
    a = np.random.default_rng(0).choice(n, SAMPLE, replace=False)
    rest = np.setdiff1d(np.arange(n), a)
    b = rest[np.random.default_rng(1).choice(len(rest), SAMPLE, replace=False)]
    return {"a": np.sort(a), "b": np.sort(b)}


def blend_figures(vectors: np.ndarray, labels: list[set[str]], share: float) -> dict[str, float]:
    """The earlier kNN/centroid blend (``qualcode.analysis.code_suggestions``) on the same splits."""
    from qualcode.analysis.code_suggestions import suggest_codes

    hits, recalls = [], []
    for coded, held in stratified_splits(labels, share, SEEDS):
        ranked = [[s.code for s in r] for r in suggest_codes(vectors[held], vectors[coded],
                                                             [labels[i] for i in coded], top_n=3)]
        truth = [labels[i] for i in held]
        hits.append(hit_at_k(ranked, truth))
        recalls.append(recall_at_k(ranked, truth))
    return {"blend_hit3": float(np.mean(hits)), "blend_recall3": float(np.mean(recalls))}


def fft_figures() -> dict[str, float | str]:
    texts, labels = load_fft()
    started = time.perf_counter()
    vectors = get_backend("minilm").embed(texts)
    out: dict[str, float | str] = {"fft_answers": float(len(texts)),
                                   "fft_embed_all_s": time.perf_counter() - started}
    for name, pick in samples(len(texts)).items():
        t, x, y = [texts[i] for i in pick], vectors[pick], [labels[i] for i in pick]
        for share in (0.5, 0.1):
            tag = f"fft_{name}_{round(share * 100)}pct"
            for key, value in compare(t, x, y, share, SEEDS, SupervisedSuggester).items():
                out[f"{tag}_{key}"] = value
            out.update({f"{tag}_{key}": value for key, value in blend_figures(x, y, share).items()})
    out.update(refit_figures(texts, vectors, labels))
    pick = samples(len(texts))["a"]
    out.update(refit_quality([texts[i] for i in pick], vectors[pick], [labels[i] for i in pick]))
    return out


def timed(out: dict[str, float | str], name: str, work: Callable[[], object]) -> object:
    """Run ``work``; record its wall and CPU seconds (CPU time is what a busy machine does not inflate)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    out[f"{name}_s"], out[f"{name}_cpu_s"] = time.perf_counter() - wall, time.process_time() - cpu
    return result


def refit_figures(texts: list[str], vectors: np.ndarray, labels: list[set[str]]) -> dict[str, float | str]:
    """Refit speed at the scale the issue asks for: 10,192 coded answers (the 5,096 twice).

    ``fit``: from scratch.  ``refit_one_code``: one more code on one coded answer.
    ``refit_one_answer``: one more answer coded (a new text, its codes).
    ``refit_20_answers``: 20 more answers coded.  ``*_relearned``: codes learned again.
    """
    out: dict[str, float | str] = {"fft_speed_load_avg_1min": os.getloadavg()[0]}
    big_texts, big_vectors, big_labels = texts * 2, np.vstack([vectors, vectors]), labels * 2
    suggester = SupervisedSuggester()
    timed(out, "fft_fit_10192_coded", lambda: suggester.fit(big_texts, big_vectors, big_labels))
    out["fft_fit_10192_coded_learned"] = float(suggester.relearned)
    other = next(c for c in suggester.codes if c not in big_labels[1])
    one_code = [*big_labels[:1], big_labels[1] | {other}, *big_labels[2:]]
    timed(out, "fft_refit_one_code", lambda: suggester.refit(big_texts, big_vectors, one_code))
    out["fft_refit_one_code_relearned"] = float(suggester.relearned)
    for n in (1, 20):
        more = [f"{t} (new answer {j})" for j, t in enumerate(texts[:n])]
        timed(out, f"fft_refit_{n}_answers", lambda m=more, k=n: suggester.refit(
            big_texts + m, np.vstack([big_vectors, vectors[:k]]), one_code + labels[:k]))
        out[f"fft_refit_{n}_answers_relearned"] = float(suggester.relearned)
    timed(out, "fft_rank_5096", lambda: suggester.rank(texts, vectors, 3))
    timed(out, "fft_fit_1000_coded", lambda: SupervisedSuggester().fit(texts[:1000], vectors[:1000], labels[:1000]))
    return out


def refit_quality(texts: list[str], vectors: np.ndarray, labels: list[set[str]]) -> dict[str, float]:
    """Does refitting lose anything?  Sample A, 50% coded (seeds 0–4): the last 80 coded answers
    added 20 at a time by ``refit``, against one ``fit`` on all of them; hit@3 on the held-out half."""
    refit_hits, fit_hits = [], []
    for coded, held in stratified_splits(labels, 0.5, SEEDS):
        rest = [texts[i] for i in held], vectors[held], [labels[i] for i in held]
        suggester = SupervisedSuggester()
        for end in range(len(coded) - 80, len(coded) + 1, 20):
            part = coded[:end]
            suggester.refit([texts[i] for i in part], vectors[part], [labels[i] for i in part])
        fresh = SupervisedSuggester().fit([texts[i] for i in coded], vectors[coded], [labels[i] for i in coded])
        for model, hits in ((suggester, refit_hits), (fresh, fit_hits)):
            ranked = [[s.code for s in r.suggestions] for r in model.rank(rest[0], rest[1], 3, abstain=False)]
            hits.append(hit_at_k(ranked, rest[2]))
    return {"fft_a_50pct_refit_80_hit3": float(np.mean(refit_hits)), "fft_a_50pct_fit_hit3": float(np.mean(fit_hits))}


def survey_figures() -> dict[str, float]:
    """The sample survey's q1, a random half known (seeds 0–4): the suggester and the earlier blend."""
    sys.path.insert(0, str(HERE))
    from bench_clustering import load_survey

    from qualcode.analysis.code_suggestions import evaluate_half_known

    texts, codes, _described = load_survey()
    vectors = get_backend("minilm").embed(texts)
    usable = np.array([i for i, c in enumerate(codes) if c])
    top1, top3, rec3 = [], [], []
    for seed in SEEDS:
        order = np.random.default_rng(seed).permutation(usable)
        known, unknown = order[: len(order) // 2], order[len(order) // 2:]
        suggester = SupervisedSuggester().fit([texts[i] for i in known], vectors[known], [codes[i] for i in known])
        ranked = [[s.code for s in r.suggestions]
                  for r in suggester.rank([texts[i] for i in unknown], vectors[unknown], 3, abstain=False)]
        truth = [codes[i] for i in unknown]
        top1.append(hit_at_k(ranked, truth, 1))
        top3.append(hit_at_k(ranked, truth, 3))
        rec3.append(recall_at_k(ranked, truth, 3))
    blend = evaluate_half_known(vectors, codes, seeds=SEEDS)
    return {
        "survey_model_top1": float(np.mean(top1)), "survey_model_top3": float(np.mean(top3)),
        "survey_model_recall3": float(np.mean(rec3)),
        "survey_blend_top1": blend["top1"], "survey_blend_top3": blend["top3"],
        "survey_blend_recall3": blend["recall3"],
    }


def run() -> dict[str, float | str]:
    figures: dict[str, float | str] = {}
    if DATA.exists():
        figures.update(fft_figures())
    else:
        print(f"    skipped the real-data figures: {DATA} is not here", flush=True)
        figures["fft_skipped"] = f"{DATA} absent"
    if (ROOT / "sample_projects" / "survey" / "reference_coding_q1_retention.csv").exists():
        figures.update(survey_figures())
    return figures


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:60s} {value:.4f}" if isinstance(value, float) else f"{key:60s} {value}")
