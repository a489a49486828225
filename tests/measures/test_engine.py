"""The igraph / numpy fast paths give the numbers of the networkx reference (issue 6).

Each engine is forced (``engine=``) so the comparison runs on graphs of a few hundred to a few
thousand organisations, well below :data:`ENGINE_THRESHOLD`. Tolerance: 1e-9 relative (absolute
below 1) unless a test says otherwise; eigenvector 1e-6 absolute, since networkx stops its power
iteration at a tolerance of n·1e-10 while igraph solves the eigenproblem to machine precision.
"""

from __future__ import annotations

import ast
import os
import random
import subprocess
import sys

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from chanjiao_utils.measures import centrality, cohesion, kcore, structural_holes
from chanjiao_utils.measures import _engine

RTOL = 1e-9


def caveman(groups: int, size: int, p: float, seed: int, weights: bool = False) -> nx.Graph:
    """Many small communities (as DESIGN §7), string ids, plus isolates and a small separate component."""
    g = nx.relaxed_caveman_graph(groups, size, p, seed=seed)
    g.remove_edges_from(list(nx.selfloop_edges(g)))
    g = nx.relabel_nodes(g, {i: f"N{i:05d}" for i in g})
    g.add_nodes_from(["Z1", "Z2"])
    g.add_edges_from([("Y1", "Y2"), ("Y2", "Y3")])
    if weights:
        rng = random.Random(seed)
        for u, v in g.edges:
            g[u][v]["weight"] = rng.choice([1, 1, 2, 3])
    for k, v in enumerate(sorted(g)):
        g.nodes[v].update(name_zh=f"单位{k}", sector="school", provenance="synthetic")
    return g


@pytest.fixture(scope="module")
def small() -> nx.Graph:
    return caveman(60, 8, 0.15, seed=3, weights=True)


@pytest.fixture(scope="module")
def medium() -> nx.Graph:
    return caveman(300, 10, 0.1, seed=5, weights=True)  # 3 005 organisations


def assert_same(a: pd.DataFrame, b: pd.DataFrame, atol: dict[str, float] | None = None) -> None:
    assert list(a.columns) == list(b.columns)
    assert list(a.index) == list(b.index)
    for column in a.columns:
        x, y = a[column], b[column]
        if not pd.api.types.is_numeric_dtype(x):
            assert x.tolist() == y.tolist(), column
            continue
        x, y = x.to_numpy(float), y.to_numpy(float)
        assert np.array_equal(np.isnan(x), np.isnan(y)), column
        tol = (atol or {}).get(column)
        if tol is None:
            np.testing.assert_allclose(y, x, rtol=RTOL, atol=RTOL, err_msg=column)
        else:
            np.testing.assert_allclose(y, x, rtol=0, atol=tol, err_msg=column)


@pytest.mark.parametrize("weighted", [False, True])
def test_centrality_engines_agree(small, weighted):
    assert_same(centrality(small, weighted=weighted, engine="networkx"),
                centrality(small, weighted=weighted, engine="igraph"), atol={"eigenvector": 1e-6})


@pytest.mark.parametrize("weighted", [False, True])
def test_sampled_betweenness_engines_agree_and_record_the_sample(small, weighted):
    a = centrality(small, weighted=weighted, sample=40, seed=7, engine="networkx")
    b = centrality(small, weighted=weighted, sample=40, seed=7, engine="igraph")
    assert_same(a, b, atol={"eigenvector": 1e-6})
    assert a["betweenness_sources"].unique().tolist() == [40]
    assert a["betweenness_seed"].unique().tolist() == [7]
    assert list(a.columns).index("betweenness_sources") == list(a.columns).index("betweenness") + 1


def test_sampled_betweenness_is_networkx_k_sampling(small):
    """Same estimator as nx.betweenness_centrality(k=...) given the same sources."""
    h = nx.Graph()
    h.add_nodes_from(sorted(small))
    h.add_edges_from(small.edges)
    sources = random.Random(3).sample(sorted(small), 50)

    class FixedSample(random.Random):
        def sample(self, population, k):
            return sources

    expected = nx.betweenness_centrality(h, k=50, seed=FixedSample())
    got = centrality(small, sample=50, seed=3, engine="igraph")["betweenness"]
    np.testing.assert_allclose(got.to_numpy(), [expected[v] for v in got.index], rtol=RTOL, atol=1e-15)


def test_sample_at_least_n_is_exact(small):
    exact = centrality(small, engine="igraph")["betweenness"]
    full = centrality(small, sample=10_000, engine="igraph")
    np.testing.assert_allclose(full["betweenness"], exact, rtol=RTOL)
    assert full["betweenness_sources"].iloc[0] == small.number_of_nodes()


@pytest.mark.parametrize("bad", [0, -1, 2.5, True])
def test_sample_must_be_a_positive_integer(small, bad):
    with pytest.raises(ValueError, match="sample"):
        centrality(small, sample=bad)


@pytest.mark.slow
def test_sampled_betweenness_on_medium_graph():
    g = caveman(150, 10, 0.1, seed=6)  # 1 505 organisations
    assert_same(centrality(g, sample=64, engine="networkx"), centrality(g, sample=64, engine="igraph"),
                atol={"eigenvector": 1e-6})


@pytest.mark.parametrize("weights", ["none", "integer", "fractional"])
@pytest.mark.parametrize(("k", "seed"), [(2, 1), (5, 2), (40, 7), (480, 3)])
def test_sampled_closeness_engines_agree(small, weights, k, seed):
    """Few sources leave components (the 2-edge path, isolates, even the main one) to the exact fallback."""
    g = small.copy()
    if weights == "fractional":
        rng = random.Random(seed)
        for u, v in g.edges:
            g[u][v]["weight"] = rng.choice([0.5, 1, 1.5, 2.25])
    weighted = weights != "none"
    a = centrality(g, weighted=weighted, sample=k, seed=seed, engine="networkx")
    b = centrality(g, weighted=weighted, sample=k, seed=seed, engine="igraph")
    if weights == "fractional":  # float lengths: the engines break near-ties of geodesics differently,
        a, b = a.drop(columns="betweenness"), b.drop(columns="betweenness")  # which moves betweenness only
    assert_same(a, b, atol={"eigenvector": 1e-6})
    exact = centrality(g, weighted=weighted, engine="igraph")["closeness"]
    assert not a["closeness"].equals(exact)  # an estimate, not the exact values


@pytest.mark.parametrize(("k", "seed"), [(2, 1), (3, 4), (40, 7), (200, 3)])
def test_sampled_cohesion_engines_agree_and_record_the_sample(small, k, seed):
    a = cohesion(small, sample=k, seed=seed, engine="networkx")
    b = cohesion(small, sample=k, seed=seed, engine="igraph")
    assert_same(a, b)
    assert a[["sample_sources", "sample_seed"]].iloc[0].tolist() == [k, seed]
    assert list(a.columns)[-2:] == ["sample_sources", "sample_seed"]


def test_sampled_cohesion_engines_agree_without_a_source_in_the_largest_component():
    """Seed 0 draws both sources outside the largest component, which is then computed exactly."""
    g = nx.disjoint_union_all([nx.path_graph(12), nx.cycle_graph(5), nx.path_graph(3), nx.empty_graph(4)])
    assert all(v >= 12 for v in random.Random(0).sample(sorted(g), 2))
    a = cohesion(g, sample=2, seed=0, engine="networkx")
    assert_same(a, cohesion(g, sample=2, seed=0, engine="igraph"))
    exact = cohesion(g, engine="networkx")
    for column in ("avg_path_length_largest", "diameter_largest", "closeness_centralization_largest"):
        assert a.loc[0, column] == pytest.approx(exact.loc[0, column])


def test_eigenvector_is_the_exact_projection_on_two_equal_components():
    """Two identical components share the leading eigenvalue: both keep equal scores, as in networkx."""
    g = nx.disjoint_union(nx.complete_graph(4), nx.complete_graph(4))
    g.add_edge(8, 9)
    a = centrality(g, engine="networkx")["eigenvector"]
    b = centrality(g, engine="igraph")["eigenvector"]
    np.testing.assert_allclose(b, a, atol=1e-6)
    np.testing.assert_allclose(b.iloc[:8], np.full(8, 1 / np.sqrt(8)), atol=1e-12)


def test_cohesion_engines_agree(small):
    assert_same(cohesion(small, engine="networkx"), cohesion(small, engine="igraph"))


@pytest.mark.parametrize("graph", [nx.Graph(), nx.path_graph(2), nx.empty_graph(3), nx.star_graph(3)],
                         ids=["empty", "pair", "no-ties", "star"])
def test_engines_agree_on_tiny_graphs(graph):
    assert_same(cohesion(graph, engine="networkx"), cohesion(graph, engine="igraph"))
    assert_same(centrality(graph, engine="networkx"), centrality(graph, engine="igraph"),
                atol={"eigenvector": 1e-6})
    assert_same(structural_holes(graph, engine="networkx"), structural_holes(graph, engine="igraph"))
    assert_same(kcore(graph, engine="networkx"), kcore(graph, engine="igraph"))


@pytest.mark.parametrize("weight", [None, "weight"])
def test_structural_holes_engines_agree(medium, weight):
    g = medium.copy()
    if weight:  # zero and fractional weights too
        rng = random.Random(1)
        for u, v in g.edges:
            g[u][v]["weight"] = rng.choice([0, 1, 1.5, 2, 3])
    assert_same(structural_holes(g, weight=weight, engine="networkx"),
                structural_holes(g, weight=weight, engine="igraph"))


def test_kcore_engines_agree(medium):
    assert_same(kcore(medium, engine="networkx"), kcore(medium, engine="igraph"))


# --------------------------------------------------------------------------- choosing the engine


def test_auto_uses_networkx_below_the_threshold_and_igraph_above():
    assert _engine.choose(nx.path_graph(_engine.ENGINE_THRESHOLD - 1)) == "networkx"
    assert _engine.choose(nx.path_graph(_engine.ENGINE_THRESHOLD)) == "igraph"


def test_auto_keeps_self_loops_and_directed_graphs_on_networkx():
    g = nx.path_graph(_engine.ENGINE_THRESHOLD)
    g.add_edge(0, 0)
    assert _engine.choose(g) == "networkx"
    assert _engine.choose(nx.path_graph(_engine.ENGINE_THRESHOLD, create_using=nx.DiGraph)) == "networkx"


def test_environment_variable_forces_the_engine(monkeypatch):
    monkeypatch.setenv(_engine.ENGINE_ENV, "igraph")
    assert _engine.choose(nx.path_graph(3)) == "igraph"
    assert _engine.choose(nx.path_graph(3), "networkx") == "networkx"  # the argument wins
    monkeypatch.setenv(_engine.ENGINE_ENV, "fast")
    with pytest.raises(ValueError, match="engine"):
        _engine.choose(nx.path_graph(3))


def test_conversion_is_cached_and_refreshed_when_the_graph_grows():
    g = nx.path_graph(["a", "b", "c"])
    h1, nodes = _engine.to_igraph(g)
    assert _engine.to_igraph(g)[0] is h1 and nodes == ["a", "b", "c"]
    g.add_edge("c", "d")
    h2, nodes = _engine.to_igraph(g)
    assert h2 is not h1 and h2.ecount() == 3 and nodes == ["a", "b", "c", "d"]


def test_weights_are_read_afresh():
    g = nx.path_graph(["a", "b", "c"])
    before = centrality(g, weighted=True, engine="igraph")
    g["a"]["b"]["weight"] = 2
    after = centrality(g, weighted=True, engine="igraph")
    assert before.loc["a", "closeness"] != after.loc["a", "closeness"]
    assert_same(after, centrality(g, weighted=True, engine="networkx"), atol={"eigenvector": 1e-6})


def _loaded_after(statement: str, modules: tuple[str, ...]) -> list[str]:
    """Which of ``modules`` a fresh interpreter has loaded after running ``statement``."""
    code = f"import sys; {statement}; print(sorted(m for m in {modules!r} if m in sys.modules))"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONSTARTUP"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return ast.literal_eval(out.stdout.strip())  # a printed list of module names


def test_import_stays_light():
    """``import chanjiao_utils`` pulls in none of the heavy libraries (they load on first use)."""
    heavy = ("pandas", "networkx", "matplotlib", "igraph", "frictionless", "joblib", "dask")
    assert _loaded_after("import chanjiao_utils", heavy) == []
    assert _loaded_after("import chanjiao_utils, pandas", heavy) == ["pandas"], "the check sees a loaded module"


def test_collection_and_profiles_import_no_parallel_machinery_until_used():
    """joblib loads when profiles run, dask only when a caller picks its backend."""
    assert _loaded_after("import chanjiao_utils.collection, chanjiao_utils.measures.profile",
                         ("joblib", "dask", "distributed")) == []
