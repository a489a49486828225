"""Benchmark: the notebook suite against its floor (kernel start plus imports), in one run.

    make bench                                  # runs this after the other benchmarks
    .venv/bin/python benchmarks/bench_notebooks.py [--repeat 2]

For each numbered notebook, in a fresh kernel each time (as nbval and ``chanjiao report`` run them):

* **full**: start the kernel, run every cell as ``make test`` runs them (no report folder: figures and tables are
  shown, not written), stop. One line is added at the end to read which modules the run imported (``sys.modules``,
  a millisecond);
* **floor**: start the kernel, run the imports cell and the parameters cell, import every other module the full
  run imported (in the order it imported them), stop: kernel start plus imports, what no run of the notebook can
  avoid. ``chanjiao_utils`` imports its heavy dependencies (frictionless, networkx, igraph …) when first needed, so
  most imports happen in later cells; they are imports all the same and are counted in the floor;
* **imports cell**: kernel start, the imports cell and the parameters cell only (shown for reference).

Prints seconds per notebook and the suite's full / floor ratio (target: within 1.3×). A first full run finds the
modules (not timed); then ``--repeat`` rounds each run floor, full and imports cell once, and the fastest of each is
kept: noise from other processes only ever slows a run, and interleaving the three keeps a drift in the machine's
speed from favouring one of them.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import time
from pathlib import Path

TARGET_RATIO = 1.3
ROOT = Path(__file__).resolve().parent.parent
_MODULES = "import json as _json, sys as _sys; print(_json.dumps(list(_sys.modules)))"
_IMPORT_ALL = """import importlib as _importlib
_failed = []
for _name in {names!r}:
    try:
        _importlib.import_module(_name)
    except Exception:
        _failed.append(_name)
print(len(_failed))"""


def timed_run(nb, cwd: Path) -> float:
    """Seconds to start a kernel, run every cell of ``nb`` and stop, without a report folder; ``nb`` keeps the
    outputs."""
    from nbclient import NotebookClient

    saved = {k: os.environ.pop(k, None) for k in ("CHANJIAO_OUT", "CHANJIAO_DATA", "MPLBACKEND")}
    try:
        t0 = time.perf_counter()
        NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
        return time.perf_counter() - t0
    finally:
        os.environ.update({k: v for k, v in saved.items() if v is not None})


def imports_cells(nb):
    """The notebook cut to its imports cell and its parameters cell (the first two code cells)."""
    cut = copy.deepcopy(nb)
    cut.cells = [c for c in cut.cells if c.cell_type == "code"][:2]
    return cut


def full_run(nb, cwd: Path) -> tuple[float, list[str]]:
    """The full run's seconds, and the modules loaded at its end in the order they were first imported."""
    import nbformat

    run = copy.deepcopy(nb)
    run.cells.append(nbformat.v4.new_code_cell(_MODULES))
    seconds = timed_run(run, cwd)
    return seconds, json.loads(run.cells[-1].outputs[0]["text"])


def floor_run(nb, cwd: Path, modules: list[str]) -> tuple[float, int]:
    """Seconds for kernel start, the imports and parameters cells and importing ``modules``; modules that failed."""
    import nbformat

    run = imports_cells(nb)
    run.cells.append(nbformat.v4.new_code_cell(_IMPORT_ALL.format(names=modules)))
    seconds = timed_run(run, cwd)
    return seconds, int(run.cells[-1].outputs[0]["text"])


def main(argv: list[str] | None = None) -> None:
    import nbformat

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    print(f"# {os.cpu_count()} cores; {len(notebooks)} notebooks; best of {args.repeat}")
    print("| notebook | kernel + imports cell | floor: kernel + all imports | full | full / floor |")
    print("|---|---|---|---|---|")
    totals = {"cell": 0.0, "floor": 0.0, "full": 0.0}
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        _, modules = full_run(nb, path.parent)  # which modules a full run imports (not timed: it warms the disk cache)
        fulls, floors, cells = [], [], []
        for _ in range(args.repeat):  # one of each per round, so a machine that slows down or speeds up meets all three
            floor, failed = floor_run(nb, path.parent, modules)
            floors.append(floor)
            fulls.append(full_run(nb, path.parent)[0])
            cells.append(timed_run(imports_cells(nb), path.parent))
        full, floor, cell = min(fulls), min(floors), min(cells)
        for key, value in (("cell", cell), ("floor", floor), ("full", full)):
            totals[key] += value
        note = f" ({failed} modules would not import on their own)" if failed else ""
        print(f"| {path.stem} | {cell:.2f} s | {floor:.2f} s{note} | {full:.2f} s | {full / floor:.2f}× |", flush=True)
    ratio = totals["full"] / totals["floor"]
    print(f"| **suite** | **{totals['cell']:.2f} s** | **{totals['floor']:.2f} s** | **{totals['full']:.2f} s** "
          f"| **{ratio:.2f}×** |")
    print(f"\nsuite / floor: {ratio:.2f}× (target {TARGET_RATIO}×: {'met' if ratio <= TARGET_RATIO else 'not met'}); "
          f"work beyond kernel start and imports: {totals['full'] - totals['floor']:.2f} s")


if __name__ == "__main__":
    main()
