"""Suggested themes and code suggestions: quality on the sample projects, and speed.

Quality (needs ``sample_projects/``; figures are skipped when it is absent):

* adjusted Rand index (ARI) of suggested sub-themes against the reference
  ``sub_theme`` of the sample interviews' emergent themes, per participant
  (mean) and across participants (``_all``: every participant's emergent
  themes together, centred per participant), for three texts to embed: the label alone,
  label + quote, and label + quote + ±8 transcript lines (``ctx``); with the
  number of sub-themes chosen automatically and given;
* placing one participant's emergent themes under the other participants'
  sub-themes (leave one participant out; top-1/top-3);
* top-1/top-3 code-suggestion accuracy on the sample survey (q1) when a
  random half of the reference coding is known (mean of 5 halves).

Speed: model load, sentences/s and peak memory (fresh subprocesses), clustering
2,000 embedded items, re-clustering them from the cache, and 20,000 items
(the k-means path).

Run alone: ``.venv/bin/python bench/bench_clustering.py``; the runner
(``bench/run.py``) imports it and calls :func:`run`.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qualcode.analysis.clustering import (  # noqa: E402
    ClusterSettings,
    Item,
    emergent_theme_text,
    suggest_themes,
)
from qualcode.analysis.code_suggestions import (  # noqa: E402
    evaluate_half_known,
    suggest_codes,
    top_k_accuracy,
)
from qualcode.analysis.embeddings import embed_with_cache, get_backend  # noqa: E402

INTERVIEWS = ROOT / "sample_projects" / "interviews"
SURVEY = ROOT / "sample_projects" / "survey"
CONTEXT_LINES = 8


def ari(reference: list, predicted: list) -> float:
    """Adjusted Rand index (1 = same grouping, 0 = chance)."""
    from sklearn.metrics import adjusted_rand_score

    return float(adjusted_rand_score(reference, predicted))


# -- sample interviews ----------------------------------------------------------------


def load_emergent_themes() -> list[dict]:
    """Reference emergent themes of every participant, with ±8 transcript lines as context."""
    rows: list[dict] = []
    for path in sorted((INTERVIEWS / "reference").glob("*_emergent_themes.csv")):
        rows += list(csv.DictReader(path.open(encoding="utf-8")))
    lines: dict[str, list[str]] = {}
    for row in rows:
        name = row["participant"]
        if name not in lines:
            transcript = INTERVIEWS / f"{name.lower()}.txt"
            lines[name] = transcript.read_text(encoding="utf-8").split("\n")
        start, end = int(row["start_line"]) - 1, int(row["end_line"])
        row["context"] = " ".join(lines[name][max(0, start - CONTEXT_LINES) : end + CONTEXT_LINES])
    return rows


TEXTS: dict[str, Callable[[dict], str]] = {
    "label": lambda r: r["emergent_theme"],
    "label_quote": lambda r: emergent_theme_text(r["emergent_theme"], [r["quote"]]),
    "ctx": lambda r: emergent_theme_text(r["emergent_theme"], [r["quote"]], context=[r["context"]]),
}


def ipa_figures(backend, prefix: str = "") -> dict[str, float]:
    """ARI per participant and across, and leave-one-participant-out placement."""
    rows = load_emergent_themes()
    people = sorted({r["participant"] for r in rows})
    out: dict[str, float] = {f"{prefix}ipa_items": float(len(rows))}
    for name, make in TEXTS.items():
        texts = [make(r) for r in rows]
        x = backend.embed(texts)
        for given in (False, True):
            per, subs = [], []
            for who in [*people, None]:
                idx = [i for i, r in enumerate(rows) if who is None or r["participant"] == who]
                ref = [rows[i]["sub_theme"] for i in idx]
                ref_super = [rows[i]["superordinate_theme"] for i in idx]
                settings = ClusterSettings(
                    n_sub=len(set(ref)) if given else None,
                    n_super=len(set(ref_super)) if given else None,
                )
                items = [Item(i, texts[i], rows[i]["emergent_theme"]) for i in idx]
                cases = [rows[i]["participant"] for i in idx] if who is None else None
                result = suggest_themes(x[idx], items, settings, cases=cases)
                sub_of = result.sub_theme_of()
                theme_of = {i.id: c.key for c in result.themes() for i in c.items}
                score = ari(ref, [sub_of[i] for i in idx])
                score_super = ari(ref_super, [theme_of[i] for i in idx])
                if who is None:
                    tag = f"{prefix}ipa_ari_{name}_{'given_k' if given else 'auto_k'}"
                    out[f"{tag}_all"] = score
                    out[f"{tag}_all_superordinate"] = score_super
                    out[f"{tag}_all_n_sub"] = float(len(result.sub_themes()))
                else:
                    per.append(score)
                    subs.append(score_super)
            tag = f"{prefix}ipa_ari_{name}_{'given_k' if given else 'auto_k'}"
            out[f"{tag}_per_participant"] = float(np.mean(per))
            out[f"{tag}_per_participant_superordinate"] = float(np.mean(subs))
        hits1, hits3 = [], []
        for who in people:
            known = [i for i, r in enumerate(rows) if r["participant"] != who]
            new = [i for i, r in enumerate(rows) if r["participant"] == who]
            sugg = suggest_codes(x[new], x[known], [{rows[i]["sub_theme"]} for i in known])
            truth = [{rows[i]["sub_theme"]} for i in new]
            hits1.append(top_k_accuracy(sugg, truth, 1))
            hits3.append(top_k_accuracy(sugg, truth, 3))
        out[f"{prefix}ipa_place_{name}_top1"] = float(np.mean(hits1))
        out[f"{prefix}ipa_place_{name}_top3"] = float(np.mean(hits3))
    return out


# -- sample survey --------------------------------------------------------------------


def load_survey() -> tuple[list[str], list[set[str]], dict[str, str]]:
    """q1 answers, their reference codes, and each code's codebook text."""
    answers = {
        r["respondent_id"]: r["q1_retention"]
        for r in csv.DictReader((SURVEY / "responses.csv").open(encoding="utf-8"))
    }
    ref = list(csv.DictReader((SURVEY / "reference_coding_q1_retention.csv").open(encoding="utf-8")))
    columns = [c for c in ref[0] if c != "respondent_id"]
    texts = [answers[r["respondent_id"]] for r in ref]
    codes = [{c for c in columns if r[c].strip() == "1"} for r in ref]
    described: dict[str, str] = {}
    codebook = SURVEY / "codebook.json"
    if codebook.exists():
        def walk(nodes: list[dict], parent: str = "") -> None:
            for node in nodes:
                path = f"{parent}/{node['name']}" if parent else node["name"]
                if node.get("children"):
                    walk(node["children"], path)
                else:
                    described[path] = " ".join(
                        [node["name"] + ".", node.get("description", ""), node.get("example", "")]
                    )
        walk(json.loads(codebook.read_text(encoding="utf-8")).get("codes", []))
    return texts, codes, {c: described[c] for c in columns if c in described}


def survey_figures(backend, prefix: str = "") -> dict[str, float]:
    """Code suggestions with half the reference coding known, with and without the codebook."""
    texts, codes, described = load_survey()
    x = backend.embed(texts + list(described.values()))
    answers, desc = x[: len(texts)], x[len(texts) :]
    out = {f"{prefix}survey_answers": float(len(texts))}
    for tag, vectors in (("", None), ("_with_codebook", dict(zip(described, desc)))):
        scores = evaluate_half_known(answers, codes, code_vectors=vectors)
        for key, value in scores.items():
            out[f"{prefix}survey_{key}{tag}"] = value
    single = [i for i, c in enumerate(codes) if len(c) == 1]
    result = suggest_themes(answers[single], [Item(i, texts[i]) for i in single])
    sub_of = result.sub_theme_of()
    out[f"{prefix}survey_ari_single_code_answers"] = ari(
        [next(iter(codes[i])) for i in single], [sub_of[i] for i in single]
    )
    return out


# -- speed ----------------------------------------------------------------------------

_PROBE = """
import json, sys, time
sys.path.insert(0, {root!r})
t0 = time.perf_counter()
from qualcode.analysis.embeddings import get_backend
b = get_backend({name!r})
if hasattr(b, "load"):
    b.load()
t1 = time.perf_counter()
sets = json.loads(sys.stdin.read())
b.embed(sets["short"][:16])
out = {{"load_s": t1 - t0}}
for key, texts in sets.items():
    best = 0.0
    for _ in range(3):  # best of three: other work on a shared machine only slows runs down
        t = time.perf_counter()
        b.embed(texts)
        best = max(best, len(texts) / (time.perf_counter() - t))
    out[key + "_per_s"] = best
status = open("/proc/self/status").read().split("\\n")
out["peak_rss_mb"] = [int(l.split()[1]) for l in status if l.startswith("VmHWM")][0] / 1024
print(json.dumps(out))
"""


def probe(name: str, texts: dict[str, list[str]]) -> dict[str, float]:
    """Load time, sentences/s and peak memory (VmHWM) of one backend, in a fresh process."""
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE.format(root=str(ROOT), name=name)],
        input=json.dumps(texts), capture_output=True, text=True, check=True,
    )
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    return {f"{name}_{k}": float(v) for k, v in data.items()}


def corpus(n: int) -> list[str]:
    """About ``n`` real texts: survey answers, transcript sentences and speaker turns."""
    import re

    texts: list[str] = []
    if SURVEY.exists():
        for r in csv.DictReader((SURVEY / "responses.csv").open(encoding="utf-8")):
            texts += [t for t in (r.get("q1_retention", ""), r.get("q2_support", "")) if t.strip()]
    for path in sorted(INTERVIEWS.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        flat = " ".join(raw.split())
        texts += [s for s in re.split(r"(?<=[.?!])\s+", flat) if len(s.split()) >= 4]
        texts += [" ".join(p.split()) for p in raw.split("\n\n") if len(p.split()) >= 30]
    if not texts:
        texts = [f"placeholder sentence number {i} about work" for i in range(50)]
    out = list(dict.fromkeys(texts))
    while len(out) < n:  # vary repeats so every text is distinct (no cache hits)
        out += [f"{t} ({len(out) + i})" for i, t in enumerate(out[: n - len(out)])]
    return out[:n]


def speed_figures() -> dict[str, float]:
    """Timings; the embedding probes run in subprocesses so memory is measured cleanly."""
    out: dict[str, float] = {"load_avg_1min": os.getloadavg()[0]}  # >2 here: timings inflated
    pool = corpus(4000)
    # Survey-like answers (under 15 words) and transcript-like passages (30+ words).
    sets = {
        "short": [t for t in pool if len(t.split()) < 15][:500],
        "long": [t for t in pool if len(t.split()) >= 30][:300],
    }
    out["short_mean_words"] = float(np.mean([len(t.split()) for t in sets["short"]]))
    out["long_mean_words"] = float(np.mean([len(t.split()) for t in sets["long"]]))
    for name in ("minilm", "tfidf"):
        out.update(probe(name, sets))
    backend = get_backend("minilm")
    texts = corpus(2000)
    cache: dict[tuple[str, str], np.ndarray] = {}

    def lookup(model_id: str, hashes: list[str]) -> dict[str, np.ndarray]:
        return {h: cache[(model_id, h)] for h in hashes if (model_id, h) in cache}

    def store(model_id: str, vectors: dict[str, np.ndarray]) -> None:
        cache.update({(model_id, h): v for h, v in vectors.items()})

    with timed(out, "embed_2000"):
        x = embed_with_cache(backend, texts, lookup, store)
    items = [Item(i, t) for i, t in enumerate(texts)]
    with timed(out, "cluster_2000"):
        suggest_themes(x, items, namer=_no_names)
    with timed(out, "recluster_2000_from_cache"):
        again = embed_with_cache(backend, texts, lookup, store)
        suggest_themes(again, items, namer=_no_names)
    with timed(out, "cluster_2000_with_naming"):  # key phrases by spaCy for unlabelled answers
        result = suggest_themes(x, items)
    out["cluster_2000_n_sub"] = float(len(result.sub_themes()))
    rng = np.random.default_rng(0)
    big = np.repeat(x, 10, axis=0) + rng.normal(size=(len(x) * 10, x.shape[1])) * 0.02
    big_items = [Item(i, "") for i in range(len(big))]
    with timed(out, "cluster_20000_kmeans"):
        suggest_themes(big, big_items, namer=_no_names)
    return out


@contextmanager
def timed(out: dict[str, float], name: str) -> Iterator[None]:
    """Record wall time (``_s``) and this process's CPU time (``_cpu_s``, less sensitive to load)."""
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    out[f"{name}_s"] = time.perf_counter() - wall
    out[f"{name}_cpu_s"] = time.process_time() - cpu


def _no_names(groups: list, centroids: list) -> list[str]:
    return [f"group {i}" for i in range(len(groups))]


def run() -> dict[str, float]:
    """Every figure; quality figures only where the sample projects exist."""
    figures: dict[str, float] = {}
    minilm, tfidf = get_backend("minilm"), get_backend("tfidf")
    if (INTERVIEWS / "reference").exists():
        figures.update(ipa_figures(minilm))
        figures.update({k: v for k, v in ipa_figures(tfidf, "tfidf_").items() if "_ctx_" in k})
    if (SURVEY / "reference_coding_q1_retention.csv").exists():
        figures.update(survey_figures(minilm))
        figures.update(survey_figures(tfidf, "tfidf_"))
    figures.update(speed_figures())
    return figures


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:60s} {value:.4f}" if isinstance(value, float) else f"{key:60s} {value}")
