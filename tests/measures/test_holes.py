"""Structural holes (Burt 1992): hand-computed values, networkx as the independent check, and properties."""

from __future__ import annotations

import itertools
import math

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao_utils import measures
from chanjiao_utils.graph import organisation_graph
from chanjiao_utils.loading import load

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True)
COLUMNS = ["effective_size", "efficiency", "constraint", "hierarchy"]


@st.composite
def graphs(draw, max_nodes: int = 8) -> nx.Graph:
    """A random undirected graph on nodes 'v0'…, possibly disconnected, with integer weights 1–4."""
    n = draw(st.integers(1, max_nodes))
    g = nx.Graph()
    g.add_nodes_from(f"v{i}" for i in range(n))
    for u, v in itertools.combinations(range(n), 2):
        if draw(st.booleans()):
            g.add_edge(f"v{u}", f"v{v}", weight=draw(st.integers(1, 4)))
    return g


def _hierarchy(dyadic: list[float]) -> float:
    """Burt's hierarchy from dyadic constraints, written out independently of the module."""
    n, c = len(dyadic), sum(dyadic)
    return sum((d / (c / n)) * math.log(d / (c / n)) for d in dyadic) / (n * math.log(n))


def test_star_by_hand():
    # Centre with 4 leaves, no ties among them: effective size 4 − 2·0/4 = 4, efficiency 1.
    # p_cj = 1/4 and no indirect paths: c_cj = (1/4)² = 1/16, C = 4/16 = 1/4.
    # All dyadic constraints equal: r_j = (1/16)/((1/4)/4) = 1, Σ 1·ln 1 = 0 → hierarchy 0.
    # A leaf has one contact: effective size 1, efficiency 1, constraint 1² = 1, hierarchy NaN (N ln N = 0).
    table = measures.structural_holes(nx.star_graph(["c", "a", "b", "d", "e"]))
    assert table.loc["c", COLUMNS].tolist() == pytest.approx([4.0, 1.0, 0.25, 0.0])
    assert table.loc["a", ["effective_size", "efficiency", "constraint"]].tolist() == pytest.approx([1.0, 1.0, 1.0])
    assert math.isnan(table.loc["a", "hierarchy"])


def test_triangle_by_hand():
    # Each node: N = 2, t = 1 → effective size 2 − 2/2 = 1, efficiency 1/2.
    # c_ij = (1/2 + 1/2 · 1/2)² = 9/16, C = 9/8; equal dyadic constraints → hierarchy 0.
    table = measures.structural_holes(nx.complete_graph(["a", "b", "c"]))
    for node in "abc":
        assert table.loc[node, COLUMNS].tolist() == pytest.approx([1.0, 0.5, 9 / 8, 0.0])


def _broker_graph() -> nx.Graph:
    g = nx.complete_graph(["a1", "a2", "a3"])
    g.add_edges_from(itertools.combinations(["b1", "b2", "b3"], 2))
    g.add_edges_from([("k", "a1"), ("k", "b1")])
    return g


def test_two_groups_joined_by_one_broker_by_hand():
    # Triangles a1a2a3 and b1b2b3; broker k tied to a1 and b1 only.
    # k: N = 2, t = 0 → effective size 2, efficiency 1; c = 2 · (1/2)² = 1/2; equal → hierarchy 0.
    # a1 (contacts a2, a3, k; t = 1): effective size 3 − 2/3 = 7/3.
    #   c(a1,a2) = (1/3 + p(a1,a3) p(a3,a2))² = (1/3 + 1/3 · 1/2)² = 1/4, likewise c(a1,a3); c(a1,k) = 1/9;
    #   C = 11/18; r = 27/22, 27/22, 12/22.
    # a2 (contacts a1 of degree 3, a3 of degree 2): c(a2,a1) = (1/2 + 1/2 · 1/2)² = 9/16,
    #   c(a2,a3) = (1/2 + 1/2 · 1/3)² = 4/9, C = 145/144.
    table = measures.structural_holes(_broker_graph())
    assert table.loc["k", COLUMNS].tolist() == pytest.approx([2.0, 1.0, 0.5, 0.0])
    assert table.loc["a1", "effective_size"] == pytest.approx(7 / 3)
    assert table.loc["a1", "efficiency"] == pytest.approx(7 / 9)
    assert table.loc["a1", "constraint"] == pytest.approx(11 / 18)
    h_a1 = (2 * 27 / 22 * math.log(27 / 22) + 12 / 22 * math.log(12 / 22)) / (3 * math.log(3))
    assert table.loc["a1", "hierarchy"] == pytest.approx(h_a1)
    assert table.loc["a2", "constraint"] == pytest.approx(145 / 144)
    h_a2 = (162 / 145 * math.log(162 / 145) + 128 / 145 * math.log(128 / 145)) / (2 * math.log(2))
    assert table.loc["a2", "hierarchy"] == pytest.approx(h_a2)
    assert table["constraint"].idxmin() == "k"
    assert table["efficiency"].idxmax() == "k"


def test_weighted_star_by_hand():
    # Centre c: a with weight 3, b and d with weight 1 → p = 3/5, 1/5, 1/5; no ties among contacts,
    # so nothing is redundant: effective size 3. C = 9/25 + 1/25 + 1/25 = 11/25.
    # r = (9/25)/(11/75) = 27/11 and 3/11 (twice).
    g = nx.Graph()
    g.add_edge("c", "a", weight=3)
    g.add_edges_from([("c", "b"), ("c", "d")], weight=1)
    row = measures.structural_holes(g, weight="weight").loc["c"]
    assert row["effective_size"] == pytest.approx(3.0)
    assert row["constraint"] == pytest.approx(11 / 25)
    h = (27 / 11 * math.log(27 / 11) + 2 * 3 / 11 * math.log(3 / 11)) / (3 * math.log(3))
    assert row["hierarchy"] == pytest.approx(h)
    assert h > 0
    # without weights the same star is a plain star: hierarchy 0, constraint 1/3
    assert measures.structural_holes(g).loc["c", ["constraint", "hierarchy"]].tolist() == pytest.approx([1 / 3, 0.0])


def test_weighted_effective_size_by_hand():
    # i–a weight 2, i–b 1, a–b 1. p(i,a) = 2/3, p(i,b) = 1/3. Marginal strengths: m(a,b) = 1/max(2, 1) = 1/2,
    # m(b,a) = 1/max(1, 1) = 1. Effective size = (1 − p(i,b) m(a,b)) + (1 − p(i,a) m(b,a)) = 5/6 + 1/3 = 7/6.
    g = nx.Graph()
    g.add_edge("i", "a", weight=2)
    g.add_edges_from([("i", "b"), ("a", "b")], weight=1)
    row = measures.structural_holes(g, weight="weight").loc["i"]
    assert row["effective_size"] == pytest.approx(7 / 6)
    assert row["efficiency"] == pytest.approx(7 / 12)


@pytest.mark.parametrize("g", [nx.Graph(), nx.empty_graph(1), nx.empty_graph(3)])
def test_graphs_without_ties_give_nan(g):
    table = measures.structural_holes(g)
    assert len(table) == len(g)
    assert table[COLUMNS].isna().all().all()


def test_isolates_are_nan_and_others_are_not():
    g = _broker_graph()
    g.add_node("z")
    table = measures.structural_holes(g)
    assert table.loc["z", COLUMNS].isna().all()
    assert not table.drop(index="z")[["effective_size", "efficiency", "constraint"]].isna().any().any()


def test_negative_weights_are_rejected():
    g = nx.Graph()
    g.add_edge("a", "b", weight=-1)
    with pytest.raises(ValueError, match="non-negative"):
        measures.structural_holes(g, weight="weight")


def test_bundled_data_matches_networkx():
    g = organisation_graph(load())
    for weight in (None, "weight"):
        table = measures.structural_holes(g, weight=weight)
        es, con = nx.effective_size(g, weight=weight), nx.constraint(g, weight=weight)
        assert table["effective_size"].tolist() == pytest.approx([es[v] for v in sorted(g)], nan_ok=True)
        assert table["constraint"].tolist() == pytest.approx([con[v] for v in sorted(g)], nan_ok=True)


@SETTINGS
@given(graphs(), st.booleans())
def test_matches_networkx_on_random_graphs(g, weighted):
    weight = "weight" if weighted else None
    table = measures.structural_holes(g, weight=weight)
    nodes = sorted(g)
    es, con = nx.effective_size(g, weight=weight), nx.constraint(g, weight=weight)
    assert table["effective_size"].tolist() == pytest.approx([es[v] for v in nodes], nan_ok=True)
    assert table["constraint"].tolist() == pytest.approx([con[v] for v in nodes], nan_ok=True)
    for v in nodes:  # hierarchy from networkx's dyadic (local) constraints
        if g.degree(v) >= 2:
            dyadic = [nx.local_constraint(g, v, j, weight=weight) for j in g[v]]
            assert table.loc[v, "hierarchy"] == pytest.approx(_hierarchy(dyadic), abs=1e-12)
            assert 0 <= table.loc[v, "hierarchy"] <= 1
        else:
            assert math.isnan(table.loc[v, "hierarchy"])


@SETTINGS
@given(graphs(), st.booleans())
def test_efficiency_is_effective_size_over_degree(g, weighted):
    table = measures.structural_holes(g, weight="weight" if weighted else None)
    for v in g:
        if g.degree(v):
            assert table.loc[v, "efficiency"] == pytest.approx(table.loc[v, "effective_size"] / g.degree(v))
            assert 0 < table.loc[v, "efficiency"] <= 1 + 1e-12


@SETTINGS
@given(graphs(), st.booleans())
def test_removing_an_isolate_changes_no_score(g, weighted):
    weight = "weight" if weighted else None
    h = g.copy()
    h.add_node("zz")
    before = measures.structural_holes(h, weight=weight).drop(index="zz")
    after = measures.structural_holes(g, weight=weight)
    assert after.index.tolist() == before.index.tolist()
    for column in COLUMNS:
        assert after[column].tolist() == pytest.approx(before[column].tolist(), nan_ok=True)


@SETTINGS
@given(graphs(), st.randoms(use_true_random=False))
def test_relabelling_permutes_the_scores(g, rnd):
    old = sorted(g)
    new = [f"w{i}" for i in range(len(old))]
    rnd.shuffle(new)
    mapping = dict(zip(old, new))
    before = measures.structural_holes(g, weight="weight")
    after = measures.structural_holes(nx.relabel_nodes(g, mapping), weight="weight")
    for column in COLUMNS:
        moved = after[column].reindex([mapping[v] for v in old]).tolist()
        assert moved == pytest.approx(before[column].tolist(), nan_ok=True)
