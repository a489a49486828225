"""Benchmark: the notebook suite against its floor (kernel start plus the imports cell), in one run.

    make bench                                  # runs this after the other benchmarks
    .venv/bin/python benchmarks/bench_notebooks.py [--repeat 2]

For each numbered notebook, in a fresh kernel each time (as nbval and ``chanjiao report`` run them):

* **floor**: start the kernel, run the imports cell and the parameters cell, stop — what no notebook can avoid;
* **full**: start the kernel, run every cell (figures and tables written to a temporary folder), stop.

Prints seconds per notebook and the suite's full / floor ratio (target: within 1.3×). ``--repeat`` runs each
measurement that many times and keeps the fastest, to damp noise from other processes.
"""

from __future__ import annotations

import argparse
import copy
import os
import tempfile
import time
from pathlib import Path

TARGET_RATIO = 1.3
ROOT = Path(__file__).resolve().parent.parent


def timed_run(nb, cwd: Path, out: str) -> float:
    from nbclient import NotebookClient

    env_before = {k: os.environ.get(k) for k in ("CHANJIAO_OUT", "MPLBACKEND")}
    os.environ["CHANJIAO_OUT"] = out
    os.environ.pop("MPLBACKEND", None)
    try:
        t0 = time.perf_counter()
        NotebookClient(copy.deepcopy(nb), timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(cwd)}}).execute()
        return time.perf_counter() - t0
    finally:
        for k, v in env_before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def floor_of(nb):
    """The notebook cut to its imports cell and its parameters cell (the first two code cells)."""
    floor = copy.deepcopy(nb)
    code = [c for c in floor.cells if c.cell_type == "code"][:2]
    floor.cells = code
    return floor


def main(argv: list[str] | None = None) -> None:
    import nbformat

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    print(f"# {os.cpu_count()} cores; {len(notebooks)} notebooks; best of {args.repeat}")
    print("| notebook | floor (kernel + imports) | full | full / floor |")
    print("|---|---|---|---|")
    floor_total = full_total = 0.0
    with tempfile.TemporaryDirectory() as out:
        for path in notebooks:
            nb = nbformat.read(path, as_version=4)
            floor = min(timed_run(floor_of(nb), path.parent, out) for _ in range(args.repeat))
            full = min(timed_run(nb, path.parent, out) for _ in range(args.repeat))
            floor_total, full_total = floor_total + floor, full_total + full
            print(f"| {path.stem} | {floor:.2f} s | {full:.2f} s | {full / floor:.2f}× |", flush=True)
    ratio = full_total / floor_total
    print(f"| **suite** | **{floor_total:.2f} s** | **{full_total:.2f} s** | **{ratio:.2f}×** |")
    print(f"\nsuite / floor: {ratio:.2f}× (target {TARGET_RATIO}×: {'met' if ratio <= TARGET_RATIO else 'not met'})")


if __name__ == "__main__":
    main()
