"""Benchmark: each measure on our code (engine "auto"), plain networkx and plain igraph, side by side, with ratios.

    make bench                                   # 1k, 10k and 50k organisations
    .venv/bin/python benchmarks/bench_measures.py --sizes 1000 10000 --timeout 120

Graphs: :func:`graph` below, seeded — many small communities (12 organisations, ties inside with
probability 0.9) plus random ties between them, mean degree about 17 (as DESIGN §7: 50k / ~420k ties),
each organisation with a sector. Every measurement runs in its own subprocess, which reports its
wall time and its own peak resident memory (``VmHWM`` of ``/proc/self/status`` at the end, so it
includes Python, the libraries and the graph); a measurement
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
MEASURES = ("centrality_sampled", "cohesion", "cohesion_sampled", "structural_holes", "kcore", "communities", "all")
#: What "all" runs one after the other in one process, as a notebook or pipeline would (the target of issue 6 is
#: "all measures together"): every measure that scales to 50k; exact cohesion does not.
ALL_OF = ("centrality_sampled", "cohesion_sampled", "structural_holes", "kcore", "communities")
#: Sources drawn for the sampled measures (betweenness, closeness, distances).
SAMPLE = 256
#: The targets of issue 6, at 50,000 organisations.
TARGET_SIZE, TARGET_RATIO, TARGET_MEMORY_MIB = 50_000, 1.5, 8 * 1024
#: (measure, engine, smallest size skipped) -> reason
SKIP = {
    ("cohesion", "networkx", 10_000): "exact all-pairs betweenness + distances, > 120 s",
    ("cohesion", "ours", 50_000): "exact all-pairs betweenness: > 500 s on igraph (DESIGN §7); see cohesion_sampled",
    ("cohesion", "igraph", 50_000): "exact all-pairs betweenness: > 500 s (DESIGN §7)",
    ("centrality_sampled", "networkx", 50_000): "sampled betweenness alone 110 s (DESIGN §7)",
    ("cohesion_sampled", "networkx", 50_000): "sampled betweenness alone 110 s (DESIGN §7)",
    ("structural_holes", "networkx", 50_000): "nx.effective_size builds a dense n×n matrix: out of memory",
    ("all", "networkx", 1_000): "nx.effective_size on these graphs: > 60 s at 1k (see structural_holes)",
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
    if engine == "ours":  # imported before the clock starts, as igraph is for its column
        import igraph  # noqa: F401  (the engine ours hands large graphs to)

        from chanjiao_utils import measures as m

    def compute(measure: str) -> None:
        if engine == "ours":
            {"centrality_sampled": lambda: m.centrality(g, sample=SAMPLE, seed=1), "cohesion": lambda: m.cohesion(g),
             "cohesion_sampled": lambda: m.cohesion(g, sample=SAMPLE, seed=1),
             "structural_holes": lambda: m.structural_holes(g), "kcore": lambda: m.kcore(g),
             "communities": lambda: m.communities(g, seed=1)}[measure]()
        elif engine == "networkx":
            import networkx as nx
            import random
            sources = random.Random(1).sample(sorted(g), SAMPLE)
            if measure == "centrality_sampled":
                nx.betweenness_centrality(g, k=SAMPLE, seed=1)
                for s in sources:  # distances from the sampled sources: the closeness estimate
                    nx.single_source_shortest_path_length(g, s)
                nx.eigenvector_centrality(g, max_iter=10_000, tol=1e-10)
            elif measure == "cohesion_sampled":
                nx.transitivity(g), nx.average_clustering(g), nx.betweenness_centrality(g, k=SAMPLE, seed=1)
                for s in sources:
                    nx.single_source_shortest_path_length(g, s)
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
            import random
            sources = random.Random(1).sample(range(n), SAMPLE)
            if measure == "centrality_sampled":
                h.betweenness(directed=False, sources=sources)
                h.distances(source=sources)  # the closeness estimate
                h.eigenvector_centrality()
            elif measure == "cohesion_sampled":
                h.transitivity_undirected(), h.transitivity_avglocal_undirected(mode="zero")
                h.betweenness(directed=False, sources=sources), h.distances(source=sources)
            elif measure == "cohesion":
                h.transitivity_undirected(), h.transitivity_avglocal_undirected(mode="zero")
                h.betweenness(directed=False), h.average_path_length(), h.diameter(), h.closeness()
            elif measure == "structural_holes":
                h.constraint()
            elif measure == "kcore":
                h.coreness()
            elif measure == "communities":
                h.community_multilevel()

    t0 = time.perf_counter()
    for one in (ALL_OF if measure == "all" else (measure,)):
        compute(one)
    return time.perf_counter() - t0


def peak_mib() -> float:
    """This process's peak resident memory: VmHWM from /proc/self/status (per address space: a child started by
    fork + exec reports its own peak, where ru_maxrss would carry over the parent's), else ru_maxrss."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def skipped(measure: str, engine: str, n: int) -> str | None:
    for (m, e, at), why in SKIP.items():
        if m == measure and e == engine and n >= at:
            return why
    return None


def measure_in_child(measure: str, engine: str, n: int, timeout: float) -> tuple[str, float | None, float | None]:
    """(cell text, seconds, peak MiB) of one measurement in a fresh subprocess; seconds None when not measured."""
    reason = skipped(measure, engine, n)
    if reason:
        return f"skipped ({reason})", None, None
    cmd = [sys.executable, __file__, "--child", measure, engine, str(n)]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return f"> {timeout:.0f} s (killed)", None, None
    except subprocess.CalledProcessError as err:
        return "failed: " + (err.stderr.strip().splitlines() or ["?"])[-1][:60], None, None
    r = json.loads(out.stdout.strip().splitlines()[-1])
    return f"{r['seconds']:.2f} s / {r['peak_mib']:.0f} MiB", r["seconds"], r["peak_mib"]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    parser.add_argument("--measures", nargs="+", default=list(MEASURES), choices=MEASURES)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        seconds = run_one(args.child[0], args.child[1], int(args.child[2]))
        print(json.dumps({"seconds": seconds, "peak_mib": peak_mib()}))
        return
    import igraph
    import networkx
    print(f"# {platform.node() and 'this machine'}: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"networkx {networkx.__version__}, igraph {igraph.__version__}")
    print("| organisations | ties | measure | ours (auto) | networkx | igraph | ours / igraph |")
    print("|---|---|---|---|---|---|---|")
    summary = []
    for n in args.sizes:
        t0 = time.perf_counter()
        m = graph(n).number_of_edges()
        build = time.perf_counter() - t0
        print(f"| {n:,} | {m:,} | (generate + build networkx graph) | {build:.2f} s | | | |", flush=True)
        ours_total = igraph_total = 0.0
        peak = 0.0
        together = None
        for measure in args.measures:
            cells = [measure_in_child(measure, e, n, args.timeout) for e in ("ours", "networkx", "igraph")]
            (_, ours, ours_peak), _, (_, fast, _) = cells
            ratio = f"{ours / fast:.2f}×" if ours is not None and fast else ""
            if ours is not None:
                peak = max(peak, ours_peak or 0.0)
            if measure == "all" and ours is not None and fast:
                together = (ours, fast)
            elif ours is not None and fast is not None:
                ours_total, igraph_total = ours_total + ours, igraph_total + fast
            print(f"| {n:,} | {m:,} | {measure} | " + " | ".join(c[0] for c in cells) + f" | {ratio} |", flush=True)
        if igraph_total:
            print(f"| {n:,} | {m:,} | sum of the separate runs above (each converting to igraph anew) | "
                  f"{ours_total:.2f} s | | {igraph_total:.2f} s | {ours_total / igraph_total:.2f}× |", flush=True)
        summary.append((n, together, peak))
    print()
    for n, together, peak in summary:
        verdict = "not measured"
        if together:
            ratio = together[0] / together[1]
            verdict = f"{together[0]:.2f} s against {together[1]:.2f} s = {ratio:.2f}×"
            if n == TARGET_SIZE:
                verdict += f" (target {TARGET_RATIO}×: {'met' if ratio <= TARGET_RATIO else 'not met'})"
        print(f"{n:,} organisations: all measures together, ours / igraph: {verdict}; largest peak memory of ours "
              f"{peak:.0f} MiB (limit {TARGET_MEMORY_MIB} MiB: {'met' if peak <= TARGET_MEMORY_MIB else 'not met'})")

if __name__ == "__main__":
    main()
