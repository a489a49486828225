"""Writes the edge lists R reads in ``r_reference.R``: the graphs whose null distributions are compared with sna.

Run from the project folder (the reference values are committed; rerun only to change the graphs):

    python -m tests.inference.r_inputs tests/inference/r_inputs
    Rscript tests/inference/r_reference.R tests/inference/r_inputs tests/inference/r_reference.csv 5000

Graphs (nodes numbered 1 … n in id order, as the measures and :class:`chanjiao_utils.inference.frames.Frame` sort them):

- ``bundled``: the organisation graph of the bundled package (85 organisations, 182 ties);
- ``karate``: Zachary's karate club (34, 78), as networkx ships it;
- ``gnm``: ``nx.gnm_random_graph(40, 90, seed=3)``.

QAP pairs (``<name>_layer1`` and ``_layer2``): the bundled graph's ties in areas 2 and 5 (two
areas that share two ties, :func:`chanjiao_utils.inference.tie_layer`); karate against karate with 30 of its ties
moved to random pairs (seed 5); ``gnm`` against another ``gnm_random_graph(40, 90, seed=4)``.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import networkx as nx

from chanjiao_utils.graph import organisation_graph
from chanjiao_utils.inference import tie_layer
from chanjiao_utils.loading import load
from chanjiao_utils.measures._engine import node_order

HERE = Path(__file__).parent
INPUTS = HERE / "r_inputs"
REFERENCE = HERE / "r_reference.csv"


def _noisy(graph: nx.Graph, moved: int, seed: int) -> nx.Graph:
    rng = random.Random(seed)
    g = graph.copy()
    g.remove_edges_from(rng.sample(sorted(g.edges), moved))
    nodes = sorted(g.nodes)
    while g.number_of_edges() < graph.number_of_edges():
        u, v = rng.sample(nodes, 2)
        g.add_edge(u, v)
    return g


def graphs() -> dict[str, nx.Graph]:
    """The single graphs for ``cug.test``."""
    return {"bundled": organisation_graph(load()), "karate": nx.karate_club_graph(),
            "gnm": nx.gnm_random_graph(40, 90, seed=3)}


def layers() -> dict[str, tuple[nx.Graph, nx.Graph]]:
    """The pairs of layers for ``qaptest``."""
    g = organisation_graph(load())
    karate = nx.karate_club_graph()
    return {"bundled": (tie_layer(g, 2), tie_layer(g, 5)), "karate": (karate, _noisy(karate, 30, 5)),
            "gnm": (nx.gnm_random_graph(40, 90, seed=3), nx.gnm_random_graph(40, 90, seed=4))}


def _write(path: Path, graph: nx.Graph, order: list) -> None:
    index = {v: i + 1 for i, v in enumerate(order)}
    rows = sorted(tuple(sorted((index[u], index[v]))) for u, v in graph.edges)
    path.write_text(f"n,{len(order)}\n" + "".join(f"{a},{b}\n" for a, b in rows), encoding="utf-8")


def write_inputs(folder: Path) -> list[Path]:
    """Write ``<name>.csv`` and ``<name>_layer1.csv``/``_layer2.csv`` (first line ``n,<n>``, then 1-based ties)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, g in graphs().items():
        written.append(folder / f"{name}.csv")
        _write(written[-1], g, node_order(g))
    for name, (g1, g2) in layers().items():
        order = node_order(g1)
        for k, g in enumerate((g1, g2), start=1):
            written.append(folder / f"{name}_layer{k}.csv")
            _write(written[-1], g, order)
    return written


if __name__ == "__main__":
    for path in write_inputs(Path(sys.argv[1]) if len(sys.argv) > 1 else INPUTS):
        print(path)
