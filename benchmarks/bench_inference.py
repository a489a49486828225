"""Benchmark: inference on the bundled graph, ours against R sna, and the robustness tables, with ratios.

    .venv/bin/python benchmarks/bench_inference.py                 # everything (about 2 minutes on 2 cores)
    .venv/bin/python benchmarks/bench_inference.py --only cug      # ours against R only

1. ``cug``: transitivity, degree and betweenness centralization under the ``edges`` null with 1000 draws
   each: ``significance(..., n_jobs=1)`` (one core; and the default ``n_jobs="auto"``) against one ``Rscript`` running
   ``sna::cug.test(cmode="edges", reps=1000)`` for the same three (``gtrans``, ``centralization(degree)``,
   ``centralization(betweenness)``, mode "graph"). Both read the same edge list
   (``tests/inference/r_inputs/bundled.csv``, the bundled graph; reading and validating the whole data
   package is the loader's cost, not inference's). Each side's time is printed twice: the tests alone
   (``significance`` including its observed values; ``system.time`` of the three ``cug.test`` calls in R)
   and the whole process (Python's imports; R's start and ``library(sna)``). Target: ours ≤ R's.
2. ``completions``: :func:`completions` of the bundled package, 200 completions, the default statistics
   and findings, then every statistic (``core_periphery_fit`` included), ``n_jobs=-1``. Target: under
   60 s on 2 cores.
3. ``missing``: :func:`missing_data`, 200 runs per share (0.1, 0.2, 0.3), ties and organisations,
   ``n_jobs=-1``. Target: under 60 s on 2 cores for each unit.

Each measurement runs in its own subprocess (cold imports, as a notebook or the CLI would start).
Not a timed unit test: the numbers depend on the machine and what else runs on it.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DRAWS = 1000

OURS_CUG = """
import networkx as nx
from chanjiao_utils.inference import significance
import time
lines = open("{edges}").read().split()
g = nx.Graph()
g.add_nodes_from(range(1, int(lines[0].split(",")[1]) + 1))
g.add_edges_from(tuple(map(int, line.split(","))) for line in lines[1:])
t = time.perf_counter()
significance(g, ["transitivity", "degree_centralization", "betweenness_centralization"], "edges",
             draws={draws}, seed=1, n_jobs={jobs})
print(time.perf_counter() - t)
"""

R_CUG = """
suppressPackageStartupMessages(library(sna))
lines <- readLines("{edges}")
n <- as.integer(strsplit(lines[1], ",")[[1]][2])
ties <- do.call(rbind, lapply(strsplit(lines[-1], ","), as.integer))
m <- matrix(0, n, n); m[ties] <- 1; m[ties[, 2:1]] <- 1
set.seed(1)
t <- system.time({{
  cug.test(m, function(x) gtrans(x, mode = "graph"), mode = "graph", cmode = "edges", reps = {draws})
  cug.test(m, function(x) centralization(x, degree, mode = "graph"), mode = "graph", cmode = "edges", reps = {draws})
  cug.test(m, function(x) centralization(x, betweenness, mode = "graph"), mode = "graph", cmode = "edges", reps = {draws})
}})[["elapsed"]]
cat(t, "\\n")
"""

OURS_COMPLETIONS = """
import time; t = time.perf_counter()
from chanjiao_utils.inference import completions, statistic_names
from chanjiao_utils.graph import organisation_graph
from chanjiao_utils.loading import load
names = None if {everything} is False else statistic_names(organisation_graph(load()))
table = completions(runs=200, statistics=names, n_jobs=-1)
print(time.perf_counter() - t)
"""

OURS_MISSING = """
import time; t = time.perf_counter()
from chanjiao_utils.graph import organisation_graph
from chanjiao_utils.inference import missing_data
from chanjiao_utils.loading import load
missing_data(organisation_graph(load()), shares=(0.1, 0.2, 0.3), runs=200, unit="{unit}", n_jobs=-1)
print(time.perf_counter() - t)
"""


def _python(code: str) -> tuple[float, float]:
    """(seconds the code reports, wall seconds of the whole subprocess)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    return float(out.stdout.split()[-1]), time.perf_counter() - start


def _r(code: str) -> tuple[float, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".R", delete=False) as fh:
        fh.write(code)
    try:
        start = time.perf_counter()
        out = subprocess.run(["Rscript", fh.name], capture_output=True, text=True, check=True)
        return float(out.stdout.split()[-1]), time.perf_counter() - start
    finally:
        os.unlink(fh.name)


def cug() -> None:
    edges = ROOT / "tests" / "inference" / "r_inputs" / "bundled.csv"
    one, one_wall = _python(OURS_CUG.format(edges=edges, draws=DRAWS, jobs=1))
    every, every_wall = _python(OURS_CUG.format(edges=edges, draws=DRAWS, jobs='"auto"'))
    print(f"cug.test edges, 3 statistics x {DRAWS} draws on the bundled graph (85 organisations, 182 ties)")
    print(f"  ours n_jobs=1   {one:6.2f} s   (process wall {one_wall:5.2f} s)")
    print(f"  ours n_jobs=auto {every:5.2f} s   (process wall {every_wall:5.2f} s)")
    if shutil.which("Rscript") is None:
        print("  R: Rscript not installed (apt-get install r-base-core r-cran-sna r-cran-network)")
        return
    r, r_wall = _r(R_CUG.format(edges=edges, draws=DRAWS))
    command = _command()
    print(f"  R sna cug.test  {r:6.2f} s   (Rscript wall {r_wall:5.2f} s)")
    print(f"  chanjiao significance, the whole command (loads and validates the package): {command:5.2f} s")
    print(f"  ratio ours/R: n_jobs=1 {one / r:.2f}, n_jobs=auto {every / r:.2f}; "
          f"whole process {one_wall / r_wall:.2f}; whole command / Rscript {command / r_wall:.2f}   (target <= 1)")


def _command() -> float:
    """Wall seconds of `chanjiao significance` as a user runs it, for the three statistics, 1000 edges draws."""
    exe = Path(sys.executable).with_name("chanjiao")
    argv = [str(exe)] if exe.exists() else [sys.executable, "-m", "chanjiao_utils.cli"]
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        subprocess.run(argv + ["significance", "--statistics", "transitivity,degree_centralization,"
                               "betweenness_centralization", "--null", "edges", "--draws", str(DRAWS),
                               "--out", str(Path(folder) / "t.csv")], check=True, capture_output=True, cwd=ROOT)
        return time.perf_counter() - start


def completions() -> None:
    for everything, what in ((False, "default statistics (all but core_periphery_fit)"),
                             (True, "every statistic, core_periphery_fit included")):
        seconds, wall = _python(OURS_COMPLETIONS.format(everything=everything))
        print(f"completions: 200 completions of the bundled package, {what} + 3 findings, n_jobs=-1")
        print(f"  {seconds:6.2f} s (process wall {wall:5.2f} s); ratio to the 60 s target {seconds / 60:.2f}")


def missing() -> None:
    for unit in ("ties", "organisations"):
        seconds, wall = _python(OURS_MISSING.format(unit=unit))
        print(f"missing_data {unit}: 3 shares x 200 runs, default statistics + 2 rankings, n_jobs=-1")
        print(f"  {seconds:6.2f} s (process wall {wall:5.2f} s); ratio to the 60 s target {seconds / 60:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("cug", "completions", "missing"))
    args = parser.parse_args()
    print(f"{platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()} · "
          f"load average {os.getloadavg()[0]:.1f} (other work on the machine slows both sides)")
    for name, run in (("cug", cug), ("completions", completions), ("missing", missing)):
        if args.only in (None, name):
            run()


if __name__ == "__main__":
    main()
