"""Run every benchmark (``bench/bench_*.py``) and write their figures to JSON.

Each module exposes ``run() -> dict[str, float]``.  A module that fails is
reported with its error and does not stop the others.  Naming benchmarks
(``bench/run.py suggesting``) runs only those and keeps the other entries of
the output file; each entry records when it ran and the machine's load.  Figures are wall
times on this machine: run on a quiet machine (EMBEDDINGS.md: timings taken
during installs were 3-5x too slow).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", default=str(HERE / "results.json"))
    parser.add_argument("only", nargs="*", help="benchmark names to run (default: all)")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(HERE.parent))
    results: dict[str, object] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "platform": platform.platform()},
        "benchmarks": {},
    }
    output = Path(args.output)
    if args.only and output.exists():
        # Running some benchmarks keeps the others' last figures (each entry says when it was run).
        results["benchmarks"] = json.loads(output.read_text(encoding="utf-8")).get("benchmarks", {})
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if args.only and name not in args.only:
            continue
        print(f"[bench] {name} …", flush=True)
        started = time.perf_counter()
        try:
            spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
            module = importlib.util.module_from_spec(spec)
            assert spec.loader is not None
            spec.loader.exec_module(module)
            figures = module.run()
        except Exception as exc:
            traceback.print_exc()
            figures = {"error": f"{type(exc).__name__}: {exc}"}
        figures = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in figures.items()}
        results["benchmarks"][name] = {**figures, "_wall_s": round(time.perf_counter() - started, 2),
                                       "_when": datetime.now(UTC).isoformat(timespec="seconds"),
                                       "_load_avg_1min": round(os.getloadavg()[0], 2)}
        for key, value in figures.items():
            print(f"    {key}: {value}")
    output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"Wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
