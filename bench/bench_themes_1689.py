"""Suggested themes on 1,689 real answers, beside sentence-transformers + k-means in the same run.

Target (issue #15 item 6): qualcode's whole suggestion run — embedding with
the default MiniLM (ONNX int8), grouping into sub-themes and themes,
measuring and naming — in at most half the time of sentence-transformers
(PyTorch, same model) + scikit-learn k-means on the same answers.

The answers: the first 1,689 non-empty answers of ``../shared/data/nhs-fft-neas.csv``
(skipped, saying so, when the file is absent).  Both sides start cold in a
fresh process (model load included).  sentence-transformers is not a
qualcode dependency: when it is not installed, only qualcode's figure is
recorded with a line saying why the comparison is missing.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FFT = ROOT.parent / "shared" / "data" / "nhs-fft-neas.csv"
N = 1689


def _answers() -> list[str]:
    with FFT.open(encoding="utf-8", newline="") as f:
        return [r["FFT answer"] for r in csv.DictReader(f) if r["FFT answer"].strip()][:N]


def _qualcode(tmp: str) -> dict:
    os.environ["QUALCODE_SETTINGS_DIR"] = tmp
    from qualcode.core.project import Project
    from qualcode.core.themes import suggestions as sg
    from qualcode.store.schema import QuestionRow

    project = Project.create(Path(tmp) / "p.qualcode")
    with project.transaction() as s:
        q = QuestionRow(name="q", text="?", position=1)
        s.add(q)
        s.flush()
        for i, text in enumerate(_answers()):
            pid = project.participants.ensure_in(s, f"R{i:05d}", "respondent").id
            project.documents.add_answer_in(s, q.id, pid, text, title=f"R{i:05d}")
    wall, cpu = time.perf_counter(), time.process_time()
    data = sg.suggest_themes(project, sg.answer_items(project, "q"), backend="minilm")
    out = {"s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu,
           "sub_themes": sum(1 for c in data["clusters"] if c["parent"])}
    project.close()
    return out


def _sentence_transformers(k: int) -> dict:
    wall, cpu = time.perf_counter(), time.process_time()
    from sentence_transformers import SentenceTransformer
    from sklearn.cluster import KMeans

    model = SentenceTransformer("sentence-transformers/all-MiniLM-L6-v2", device="cpu")
    x = model.encode(_answers(), normalize_embeddings=True)
    KMeans(n_clusters=k, random_state=0, n_init="auto").fit_predict(x)
    return {"s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu}


def _in_child(which: str, arg: str) -> dict:
    done = subprocess.run([sys.executable, __file__, which, arg], check=True, capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"})
    return json.loads(done.stdout.strip().splitlines()[-1])


def run() -> dict[str, float | str]:
    if not FFT.is_file():
        return {"skipped": f"real answers not here ({FFT})"}
    out: dict[str, float | str] = {"answers": float(N), "answers_from": f"first {N} non-empty answers of {FFT.name}",
                                   "load_avg_1min_before": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory() as tmp:
        ours = _in_child("qualcode", tmp)
    out["qualcode_suggest_s"], out["qualcode_suggest_cpu_s"] = ours["s"], ours["cpu_s"]
    out["qualcode_sub_themes"] = float(ours["sub_themes"])
    try:
        theirs = _in_child("st", str(ours["sub_themes"]))
    except subprocess.CalledProcessError as exc:
        last = (exc.stderr or "").strip().splitlines()[-1:] or ["failed"]
        out["sentence_transformers"] = f"not measured: {last[0]}"
    else:
        out["st_kmeans_s"], out["st_kmeans_cpu_s"] = theirs["s"], theirs["cpu_s"]
        out["qualcode_over_st_kmeans"] = ours["s"] / theirs["s"]
    out["load_avg_1min_after"] = os.getloadavg()[0]
    out["target_ratio"] = 0.5
    return out


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] in ("qualcode", "st"):
        result = _qualcode(sys.argv[2]) if sys.argv[1] == "qualcode" else _sentence_transformers(int(sys.argv[2]))
        print(json.dumps(result))
    else:
        for key, value in run().items():
            print(f"{key}: {value}")
