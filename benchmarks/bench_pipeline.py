"""Benchmark: the whole pipeline on a national-scale collection — load, validate, build, every measure.

    make bench                                        # runs this after bench_measures.py
    .venv/bin/python benchmarks/bench_pipeline.py --consortia 500 --organisations 50000 --partnerships 500000

A seeded synthetic collection (:func:`chanjiao_utils.synthetic.write_collection`) is written to a temporary
folder first (not timed). Then, timed step by step in this process:

1. ``load_collection``: read every CSV, validate it (Table Schema and our rules, every tie's ends members of its
   consortium) and type the tables;
2. ``profiles``: one profile per consortium (graph + size, density, centralization, lead school brokerage,
   areas, E-I), in parallel through joblib on every core;
3. the union graph of all organisations and partnerships (``organisation_graph``);
4. the network-wide measures on it: ``centrality(sample=256)``, ``cohesion(sample=256)``, ``structural_holes``,
   ``kcore``, ``communities`` (Louvain), ``ei_index`` and ``assortativity`` across sectors.

Prints seconds per step, the total against the 60 s target as a ratio, and peak memory (this process's, and
the largest joblib worker's: ``VmHWM`` from ``/proc/self/status``).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_measures import peak_mib as _peak_mib  # noqa: E402  (one definition of peak memory for every benchmark)

TARGET_SECONDS = 60.0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--consortia", type=int, default=500)
    parser.add_argument("--organisations", type=int, default=50_000)
    parser.add_argument("--partnerships", type=int, default=500_000)
    parser.add_argument("--sample", type=int, default=256, help="sampled sources for betweenness, closeness, distances")
    parser.add_argument("--jobs", type=int, default=-1)
    args = parser.parse_args(argv)

    from chanjiao_utils.synthetic import CollectionAssumptions, write_collection

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "collection"
        t0 = time.perf_counter()
        counts = write_collection(folder, CollectionAssumptions(
            consortia=args.consortia, organisations=args.organisations, partnerships=args.partnerships))
        written = time.perf_counter() - t0
        print(f"# {os.cpu_count()} cores, Python {platform.python_version()}; collection written in {written:.1f} s "
              "(not timed): " + ", ".join(f"{n:,} {what}" for what, n in counts.items()), flush=True)
        steps = run(folder, args.sample, args.jobs)
    total = sum(seconds for _, seconds in steps)
    print("| step | seconds |")
    print("|---|---|")
    for name, seconds in steps:
        print(f"| {name} | {seconds:.2f} |")
    print(f"| **total** | **{total:.2f}** |")
    own = _peak_mib()
    workers = max(_worker_peaks(args.jobs), default=0.0)
    print(f"\npipeline / target: {total:.1f} s / {TARGET_SECONDS:.0f} s = {total / TARGET_SECONDS:.2f}× "
          f"({'within' if total <= TARGET_SECONDS else 'over'} target); peak memory: {own:.0f} MiB here, "
          f"{workers:.0f} MiB in the largest worker")


def _worker_peaks(jobs: int) -> list[float]:
    """Peak memory of joblib's worker processes: loky keeps them between calls made with the same settings, so
    these are the workers ``profiles`` used (it calls ``Parallel(n_jobs, max_nbytes=None)``)."""
    from joblib import Parallel, delayed, effective_n_jobs

    return Parallel(n_jobs=jobs, max_nbytes=None)(delayed(_peak_mib)() for _ in range(4 * effective_n_jobs(jobs)))


def run(folder: Path, sample: int, jobs: int) -> list[tuple[str, float]]:
    """Every timed step, in order, as (name, seconds)."""
    steps: list[tuple[str, float]] = []

    def step(name: str, work):
        t0 = time.perf_counter()
        result = work()
        steps.append((name, time.perf_counter() - t0))
        print(f"  {name}: {steps[-1][1]:.2f} s", file=sys.stderr, flush=True)
        return result

    t0 = time.perf_counter()
    import chanjiao_utils.measures as m
    from chanjiao_utils.collection import load_collection, profiles
    from chanjiao_utils.graph import organisation_graph
    steps.append(("import chanjiao_utils (measures, collection, graph)", time.perf_counter() - t0))

    collection = step("load + validate + type the tables", lambda: load_collection(folder))
    step(f"profiles of {len(collection.consortia)} consortia (joblib, n_jobs={jobs})",
         lambda: profiles(collection, n_jobs=jobs))
    graph = step("build the union graph", lambda: organisation_graph(collection.whole))
    step(f"centrality (sample={sample})", lambda: m.centrality(graph, sample=sample, seed=1))
    step(f"cohesion (sample={sample})", lambda: m.cohesion(graph, sample=sample, seed=1))
    step("structural holes", lambda: m.structural_holes(graph))
    step("k-cores", lambda: m.kcore(graph))
    step("communities (Louvain)", lambda: m.communities(graph, seed=1))
    step("E-I index and assortativity (sectors)", lambda: (m.ei_index(graph), m.assortativity(graph)))
    return steps


if __name__ == "__main__":
    main()
