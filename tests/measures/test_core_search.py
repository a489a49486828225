"""The vectorised core/periphery search gives the partition and fit of the one it replaced, to the bit.

The reference is the search as it was (``_reference_core.py``, test-only): one start at a time, sums
kept move by move. Both get the same input (the tie arrays and continuous coreness of
``core._continuous``), so any difference is the search's: partition, fit, tie-breaking, seeds.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from chanjiao_utils import measures
from chanjiao_utils.measures import _core_search, core

from . import _reference_core as reference

BETWEEN = ("missing", "one", "zero")


def _bits(x: float) -> bytes:
    return np.float64(x).tobytes()


def assert_same_search(g: nx.Graph, weight: str | None = None, restarts: int = 10, seed: int = 42,
                       between: tuple[str, ...] = BETWEEN) -> None:
    cont = core._continuous(g, weight, 1e-8, 1000)
    for b in between:
        old = reference._search(cont, b, restarts, seed)
        new = core._search(cont, b, restarts, seed)
        assert new["core"].dtype == bool and new["core"].tolist() == old["core"].tolist(), b
        assert _bits(new["fit"]) == _bits(old["fit"]), (b, new["fit"], old["fit"])


def random_graph(seed: int) -> tuple[nx.Graph, str | None]:
    """5–120 organisations; sparse to dense; planted cores; split into parts; isolates; tie values."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 121)) if seed % 4 else int(rng.integers(5, 30))
    kind = seed % 5
    if kind == 0:  # G(n, p), sparse to dense
        g = nx.gnp_random_graph(n, float(rng.choice([0.02, 0.05, 0.1, 0.3, 0.6, 0.9])), seed=seed)
    elif kind == 1:  # a planted core: dense among the first k, sparse to the rest, none in the rest
        k = int(rng.integers(1, max(2, n // 3)))
        g = nx.empty_graph(n)
        for u in range(n):
            for v in range(u + 1, n):
                p = 0.8 if v < k else 0.25 if u < k else 0.01
                if rng.random() < p:
                    g.add_edge(u, v)
    elif kind == 2:  # disconnected: two or three parts, some identical (symmetric ties to break)
        parts = [nx.gnp_random_graph(max(2, n // 3), 0.3, seed=seed + t) for t in range(2)]
        g = nx.disjoint_union_all(parts + [parts[0].copy()])
    elif kind == 3:  # stars and cliques joined by a few ties, plus isolates
        g = nx.disjoint_union(nx.star_graph(max(2, n // 4)), nx.complete_graph(max(2, n // 5)))
        g = nx.disjoint_union(g, nx.empty_graph(int(rng.integers(1, 6))))
        nodes = list(g)
        for _ in range(int(rng.integers(1, 6))):
            u, v = rng.choice(len(nodes), 2, replace=False)
            g.add_edge(nodes[u], nodes[v])
    else:  # preferential attachment: hubs
        g = nx.barabasi_albert_graph(max(n, 4), int(rng.integers(1, 4)), seed=seed)
    g = nx.relabel_nodes(g, {v: f"O{int(rng.integers(0, 10**6)):06d}-{v}" for v in g})  # ids not in index order
    weight = None
    if seed % 3 == 1:  # numbers of partnership rows
        weight = "weight"
        for u, v in g.edges:
            g.edges[u, v]["weight"] = int(rng.choice([1, 1, 1, 2, 3, 7]))
    elif seed % 3 == 2 and seed % 2:  # any positive values: the search kept move by move
        weight = "weight"
        for u, v in g.edges:
            g.edges[u, v]["weight"] = float(rng.choice([0.5, 1.0, 1.25, 2.0, 1 / 3]))
    return g, weight


@pytest.mark.parametrize("seed", range(60))
def test_same_partition_and_fit_as_before(seed):
    g, weight = random_graph(seed)
    assert_same_search(g, weight, restarts=10 if len(g) <= 60 else 4, seed=seed)


def test_same_on_the_bundled_consortium():
    from chanjiao_utils.graph import organisation_graph
    from chanjiao_utils.loading import load

    g = organisation_graph(load())
    assert_same_search(g)
    assert_same_search(g, weight="weight", between=("missing",))


@pytest.mark.parametrize("g", [
    nx.empty_graph(6), nx.complete_graph(7), nx.path_graph(2), nx.star_graph(8), nx.cycle_graph(9),
    nx.complete_bipartite_graph(3, 5), nx.disjoint_union(nx.complete_graph(4), nx.complete_graph(4)),
    nx.karate_club_graph(), nx.les_miserables_graph(),
], ids=["empty", "complete", "one tie", "star", "cycle", "K3,5", "two K4", "karate", "les miserables"])
def test_same_on_small_shapes(g):
    assert_same_search(g)
    if g.number_of_edges() and any("weight" in d for _, _, d in g.edges(data=True)):
        assert_same_search(g, weight="weight")


def _arrays(g: nx.Graph, weight: str | None = None):
    nodes, i, j, a = core._arrays(g, weight)
    return len(nodes), i, j, a


def test_zero_and_negative_whole_values():
    g = nx.gnp_random_graph(25, 0.3, seed=3)
    for k, (u, v) in enumerate(g.edges):
        g.edges[u, v]["weight"] = (0, 1, -1, 2)[k % 4]
    assert _core_search._exact(*_arrays(g))
    assert_same_search(g, weight="weight")


def test_which_ties_take_the_vectorised_search():
    g = nx.gnp_random_graph(30, 0.2, seed=1)
    assert _core_search._exact(*_arrays(g))
    nx.set_edge_attributes(g, 2.5, "weight")
    assert not _core_search._exact(*_arrays(g, "weight"))  # not whole numbers
    nx.set_edge_attributes(g, 2.0**40, "weight")
    assert not _core_search._exact(*_arrays(g, "weight"))  # squares beyond exact sums
    big = nx.empty_graph(_core_search.DENSE_MAX + 1)
    big.add_edge(0, 1)
    assert not _core_search._exact(*_arrays(big))  # no dense n × n matrix


def test_fewer_restarts_and_other_seeds():
    g, _ = random_graph(8)
    for restarts, seed in [(0, 42), (1, 0), (3, 123), (25, 9)]:
        assert_same_search(g, restarts=restarts, seed=seed)


def test_a_pair_listed_twice():
    # A multigraph lists a pair once per parallel tie: the search kept move by move, as before.
    g = nx.MultiGraph(nx.gnp_random_graph(20, 0.25, seed=5))
    g.add_edges_from([(0, 1), (0, 1), (2, 3)])
    assert not _core_search._exact(*_arrays(g))
    assert_same_search(g)


def test_public_tables_unchanged(monkeypatch):
    # The whole row of core_periphery_fit and the partition of core_periphery, as the notebooks print them.
    g, _ = random_graph(11)
    new = measures.core_periphery_fit(g), measures.core_periphery(g)
    monkeypatch.setattr(core, "_search", reference._search)
    monkeypatch.setattr(core, "_SEARCHES", type(core._SEARCHES)())
    old = measures.core_periphery_fit(g), measures.core_periphery(g)
    assert new[0].equals(old[0]) and new[1].equals(old[1])
    assert not math.isnan(new[0].loc[0, "correlation"])
