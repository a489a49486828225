"""Benchmark: the core/periphery search (``measures.core``) against the one it replaced, with ratios.

    .venv/bin/python benchmarks/bench_core.py                 # about a minute on 2 cores
    .venv/bin/python benchmarks/bench_core.py --repeat 3 --sizes 300

The old search (one start at a time, kept test-only in ``tests/measures/_reference_core.py``) and the
package's (every start as one row of arrays; see ``chanjiao_utils/measures/_core_search.py``) get the same
input: the tie arrays and continuous coreness of ``core._continuous``, 2 + 10 starts, seed 42, as
``core_periphery_fit`` runs them. Graphs: the bundled consortium (85 organisations, 182 ties) with each
``between``; twenty ``edges`` null draws of it (G(n, m) on the same organisations and number of ties, what
``inference.significance`` scores; the time is their sum); and the seeded planted-partition graphs of
``bench_measures.graph`` (communities of 12) at ``--sizes`` organisations. Last, the whole measure
``core_periphery_fit`` on the bundled graph (continuous coreness, search and table; its kept searches
cleared before each call). Each time is the best of ``--repeat`` runs, old and new interleaved; every
pair of results is checked equal (partition, and fit to the bit) before it is printed.
Not a timed unit test: the numbers depend on the machine and what else runs on it.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any, Callable

import networkx as nx
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from bench_measures import graph as planted  # noqa: E402

from chanjiao_utils import measures  # noqa: E402
from chanjiao_utils.measures import core  # noqa: E402
from tests.measures import _reference_core as reference  # noqa: E402


def best_of(repeat: int, *calls: Callable[[], Any]) -> list[float]:
    """Best wall seconds of each call over ``repeat`` rounds (the calls interleaved within a round)."""
    best = [float("inf")] * len(calls)
    for _ in range(repeat):
        for k, call in enumerate(calls):
            start = time.perf_counter()
            call()
            best[k] = min(best[k], time.perf_counter() - start)
    return best


def check(conts: list[dict[str, Any]], between: str) -> None:
    for cont in conts:
        old, new = reference._search(cont, between, 10, 42), core._search(cont, between, 10, 42)
        assert old["core"].tolist() == new["core"].tolist(), "partitions differ"
        assert np.float64(old["fit"]).tobytes() == np.float64(new["fit"]).tobytes(), "fits differ"


def row(label: str, conts: list[dict[str, Any]], between: str, repeat: int) -> None:
    check(conts, between)
    old, new = best_of(repeat, *(lambda f=f: [f(c, between, 10, 42) for c in conts]
                                 for f in (reference._search, core._search)))
    n, m = len(conts[0]["nodes"]), len(conts[0]["i"])
    print(f"| {label} | {n:,} | {m:,} | {between} | {old * 1e3:,.1f} ms | {new * 1e3:,.1f} ms | {old / new:.1f}× |")


def whole_measure(g: nx.Graph, repeat: int) -> None:
    def fit(search: Callable[..., Any]) -> Any:
        core._SEARCHES.clear()
        kept, core._search = core._search, search
        try:
            return measures.core_periphery_fit(g)
        finally:
            core._search = kept

    assert fit(reference._search).equals(fit(core._search))
    old, new = best_of(repeat, lambda: fit(reference._search), lambda: fit(core._search))
    print(f"| bundled, `core_periphery_fit` (whole measure) | {len(g)} | {g.number_of_edges()} | missing "
          f"| {old * 1e3:,.1f} ms | {new * 1e3:,.1f} ms | {old / new:.1f}× |")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000])
    args = parser.parse_args(argv)
    from chanjiao_utils.graph import organisation_graph
    from chanjiao_utils.loading import load

    g = organisation_graph(load())
    print(f"# {os.cpu_count()} cores, Python {platform.python_version()}, numpy {np.__version__}, "
          f"load average {os.getloadavg()[0]:.1f}; best of {args.repeat}")
    print("| graph | organisations | ties | between | old search | new search | old / new |")
    print("|---|---|---|---|---|---|---|")

    def continuous(h: nx.Graph) -> dict[str, Any]:
        return core._continuous(h, None, 1e-8, 1000)

    for between in ("missing", "one", "zero"):
        row("bundled", [continuous(g)], between, args.repeat)
    nodes, m = sorted(g), g.number_of_edges()
    draws = []
    for seed in range(20):
        h = nx.relabel_nodes(nx.gnm_random_graph(len(nodes), m, seed=seed), dict(enumerate(nodes)))
        draws.append(continuous(h))
    row("20 `edges` null draws of the bundled graph (sum)", draws, "missing", max(1, args.repeat // 2))
    for n in args.sizes:
        row("planted partition (`bench_measures.graph`)", [continuous(planted(n))], "missing",
            max(1, args.repeat // 2) if n > 500 else args.repeat)
    whole_measure(g, args.repeat)


if __name__ == "__main__":
    main()
