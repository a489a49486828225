"""Benchmark: each measure on our code (engine "auto"), plain networkx and plain igraph, side by side.

    make bench                                   # 1k, 10k and 50k organisations
    .venv/bin/python benchmarks/bench_measures.py --sizes 1000 10000 --timeout 120

Graphs: :func:`graph` below, seeded — many small communities (12 organisations, ties inside with
probability 0.9) plus random ties between them, mean degree about 17 (as DESIGN §7: 50k / ~420k ties),
each organisation with a sector. Every measurement runs in its own subprocess, which reports its
wall time and its own peak resident memory (``resource.getrusage(RUSAGE_SELF).ru_maxrss`` at the
end, so it includes Python, the libraries and the graph, ~150–250 MiB at 50k); a measurement
over ``--timeout`` seconds is killed and printed as such. Graph building is not timed (the parent
times it once per size). The igraph column times the igraph calls on an igraph graph already
built (conversion not included); "ours" includes conversion. Columns that plain networkx cannot
finish in reasonable time or memory at a size are skipped with the reason.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time

SECTORS = ("government", "association", "enterprise", "research", "school")
MEASURES = ("centrality_sampled", "cohesion", "structural_holes", "kcore", "communities")
#: (measure, engine, smallest size skipped) -> reason
SKIP = {
    ("cohesion", "networkx", 10_000): "exact all-pairs betweenness + distances, > 120 s",
    ("cohesion", "ours", 50_000): "exact all-pairs betweenness: > 500 s on igraph (DESIGN §7)",
    ("cohesion", "igraph", 50_000): "exact all-pairs betweenness: > 500 s (DESIGN §7)",
    ("centrality_sampled", "networkx", 50_000): "exact closeness > 120 s",
    ("structural_holes", "networkx", 50_000): "nx.effective_size builds a dense n×n matrix: out of memory",
}


def graph(n: int, seed: int = 1):
    """Seeded planted-partition graph of ``n`` organisations (ids O000000…), communities of 12."""
    import networkx as nx
    import numpy as np

    rng = np.random.default_rng(seed)
    size = 12
    block = np.arange(n) // size
    edges = []
    for start in range(0, n, size):
        members = np.arange(start, min(start + size, n))
        i, j = np.triu_indices(len(members), 1)
        keep = rng.random(len(i)) < 0.9
        edges.append(np.stack([members[i[keep]], members[j[keep]]], axis=1))
    extra = rng.integers(0, n, size=(int(3.5 * n), 2))
    extra = extra[(extra[:, 0] != extra[:, 1]) & (block[extra[:, 0]] != block[extra[:, 1]])]
    edges.append(extra)
    e = np.concatenate(edges)
    ids = [f"O{k:06d}" for k in range(n)]
    g = nx.Graph()
    g.add_nodes_from((ids[k], {"name_zh": f"单位{k}", "sector": SECTORS[k % 5], "provenance": "synthetic"})
                     for k in range(n))
    g.add_edges_from((ids[a], ids[b], {"weight": 1}) for a, b in e.tolist())
    return g


def run_one(measure: str, engine: str, n: int) -> float:
    """Build the graph, then time one measure on one engine (in this process)."""
    g = graph(n)
    if engine == "igraph":
        import igraph as ig
        index = {v: k for k, v in enumerate(sorted(g))}
        h = ig.Graph(n=n, edges=[(index[u], index[v]) for u, v in g.edges])
    t0 = time.perf_counter()
    if engine == "ours":
        from chanjiao_utils import measures as m
        {"centrality_sampled": lambda: m.centrality(g, sample=256, seed=1), "cohesion": lambda: m.cohesion(g),
         "structural_holes": lambda: m.structural_holes(g), "kcore": lambda: m.kcore(g),
         "communities": lambda: m.communities(g, seed=1)}[measure]()
    elif engine == "networkx":
        import networkx as nx
        if measure == "centrality_sampled":
            nx.betweenness_centrality(g, k=256, seed=1)
            nx.closeness_centrality(g)
            nx.eigenvector_centrality(g, max_iter=10_000, tol=1e-10)
        elif measure == "cohesion":
            nx.transitivity(g), nx.average_clustering(g), nx.betweenness_centrality(g)
            for c in nx.connected_components(g):
                s = g.subgraph(c)
                nx.average_shortest_path_length(s), nx.diameter(s)
        elif measure == "structural_holes":
            nx.constraint(g), nx.effective_size(g)
        elif measure == "kcore":
            nx.core_number(g)
        elif measure == "communities":
            nx.community.louvain_communities(g, seed=1)
    else:
        if measure == "centrality_sampled":
            import random
            h.betweenness(directed=False, sources=random.Random(1).sample(range(n), 256))
            h.closeness()
            h.eigenvector_centrality()
        elif measure == "cohesion":
            h.transitivity_undirected(), h.transitivity_avglocal_undirected(mode="zero")
            h.betweenness(directed=False), h.average_path_length(), h.diameter(), h.closeness()
        elif measure == "structural_holes":
            h.constraint()
        elif measure == "kcore":
            h.coreness()
        elif measure == "communities":
            h.community_multilevel()
    return time.perf_counter() - t0


def skipped(measure: str, engine: str, n: int) -> str | None:
    for (m, e, at), why in SKIP.items():
        if m == measure and e == engine and n >= at:
            return why
    return None


def measure_in_child(measure: str, engine: str, n: int, timeout: float) -> str:
    reason = skipped(measure, engine, n)
    if reason:
        return f"skipped ({reason})"
    cmd = [sys.executable, __file__, "--child", measure, engine, str(n)]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return f"> {timeout:.0f} s (killed)"
    except subprocess.CalledProcessError as err:
        return "failed: " + (err.stderr.strip().splitlines() or ["?"])[-1][:60]
    r = json.loads(out.stdout.strip().splitlines()[-1])
    return f"{r['seconds']:.2f} s / {r['peak_mib']:.0f} MiB"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    parser.add_argument("--measures", nargs="+", default=list(MEASURES), choices=MEASURES)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        import resource
        seconds = run_one(args.child[0], args.child[1], int(args.child[2]))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"seconds": seconds, "peak_mib": peak}))
        return
    import igraph
    import networkx
    print(f"# {platform.node() and 'this machine'}: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"networkx {networkx.__version__}, igraph {igraph.__version__}")
    print("| organisations | ties | measure | ours (auto) | networkx | igraph |")
    print("|---|---|---|---|---|---|")
    for n in args.sizes:
        t0 = time.perf_counter()
        m = graph(n).number_of_edges()
        build = time.perf_counter() - t0
        print(f"| {n:,} | {m:,} | (generate + build networkx graph) | {build:.2f} s | | |", flush=True)
        for measure in args.measures:
            cells = [measure_in_child(measure, e, n, args.timeout) for e in ("ours", "networkx", "igraph")]
            print(f"| {n:,} | {m:,} | {measure} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
