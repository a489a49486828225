"""Gould–Fernandez brokerage: hand-computed cases, brute-force two-path enumeration, and the sna null model.

The expected values are checked against the exact expectation over every graph of a given size
(a Bernoulli graph with the density of the observed one); on directed graphs the per-broker variances
of sna are exact too, so they are checked the same way.
"""

from __future__ import annotations

import itertools
import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao_utils import measures
from chanjiao_utils.graph import organisation_graph
from chanjiao_utils.loading import load

ROLES = ["coordinator", "itinerant", "gatekeeper", "representative", "liaison"]
COLUMNS = [*ROLES, "total"]


def _graph(edges, groups, directed=False) -> nx.Graph:
    g = nx.DiGraph() if directed else nx.Graph()
    g.add_nodes_from(groups)
    g.add_edges_from(edges)
    for n, s in groups.items():
        g.nodes[n].update(sector=s, name_zh=f"单位{n}", provenance="synthetic")
    return g


def _role_by_definition(ga, gv, gb) -> str:
    """The two-path definitions, written out independently of the implementation."""
    if ga == gv == gb:
        return "coordinator"
    if ga == gb != gv:
        return "itinerant"
    if ga == gv != gb:
        return "representative"
    if ga != gv == gb:
        return "gatekeeper"
    assert ga != gv and gv != gb and ga != gb
    return "liaison"


def _brute_force(g: nx.Graph, attr: str = "sector") -> dict:
    """Every ordered triple (a, v, b) of distinct nodes with a→v, v→b and no a→b, by its roles."""
    arcs = set()
    for u, v in g.edges():
        if u != v:
            arcs.add((u, v))
            if not g.is_directed():
                arcs.add((v, u))
    counts = {v: dict.fromkeys(COLUMNS, 0) for v in g.nodes}
    grp = {v: g.nodes[v][attr] for v in g.nodes}
    for v in g.nodes:  # the triples (a, v, b) of distinct nodes with a→v and v→b, checked one by one
        for a in [x for x in g.nodes if (x, v) in arcs]:
            for b in [y for y in g.nodes if (v, y) in arcs]:
                if len({a, v, b}) == 3 and (a, b) not in arcs:
                    counts[v][_role_by_definition(grp[a], grp[v], grp[b])] += 1
                    counts[v]["total"] += 1
    return counts


def _raw(table) -> dict:
    return {v: {c: int(table.loc[v, c]) for c in COLUMNS} for v in table.index}


# --- hand-computed -------------------------------------------------------------------------------

@pytest.mark.parametrize(("groups", "role"), [
    ({"a": "A", "b": "A", "c": "A"}, "coordinator"),
    ({"a": "A", "b": "B", "c": "A"}, "itinerant"),
    ({"a": "A", "b": "B", "c": "C"}, "liaison"),
])
def test_path_of_three_gives_the_role_twice(groups, role):
    # a – b – c: b brokers a→b→c and c→b→a, both of the same role here.
    t = measures.brokerage(_graph([("a", "b"), ("b", "c")], groups))
    assert t.loc["b", role] == 2
    assert t.loc["b", "total"] == 2
    assert t.loc["b", [r for r in ROLES if r != role]].sum() == 0
    assert t.loc[["a", "c"], COLUMNS].to_numpy().sum() == 0


def test_gatekeeper_and_representative_on_a_path():
    # a(A) – b(B) – c(B): a→b→c is A→B→B (gatekeeper), c→b→a is B→B→A (representative).
    t = measures.brokerage(_graph([("a", "b"), ("b", "c")], {"a": "A", "b": "B", "c": "B"}))
    assert (t.loc["b", "gatekeeper"], t.loc["b", "representative"], t.loc["b", "total"]) == (1, 1, 2)


def test_directed_two_paths_keep_their_direction():
    groups = {"a": "A", "b": "B", "c": "B"}
    t = measures.brokerage(_graph([("a", "b"), ("b", "c")], groups, directed=True))
    assert (t.loc["b", "gatekeeper"], t.loc["b", "representative"]) == (1, 0)
    t = measures.brokerage(_graph([("c", "b"), ("b", "a")], groups, directed=True))
    assert (t.loc["b", "gatekeeper"], t.loc["b", "representative"]) == (0, 1)
    # the arc a→c closes the two-path; c→a would not
    assert measures.brokerage(_graph([("a", "b"), ("b", "c"), ("a", "c")], groups, True))["total"].sum() == 0
    assert measures.brokerage(_graph([("a", "b"), ("b", "c"), ("c", "a")], groups, True)).loc["b", "total"] == 1


@pytest.mark.parametrize(("broker_group", "expected"), [
    ("A", {"representative": 4, "gatekeeper": 4}),   # A→A→C and C→A→A
    ("C", {"gatekeeper": 4, "representative": 4}),   # A→C→C and C→C→A
    ("B", {"liaison": 8}),                           # A→B→C and C→B→A
])
def test_two_groups_joined_by_one_broker(broker_group, expected):
    # Two closed pairs {a1, a2} (group A) and {c1, c2} (group C), both tied to broker b: the only open
    # two-paths run through b, 2 × 2 ordered pairs in each direction.
    edges = [("a1", "a2"), ("c1", "c2"), ("a1", "b"), ("a2", "b"), ("c1", "b"), ("c2", "b")]
    groups = {"a1": "A", "a2": "A", "b": broker_group, "c1": "C", "c2": "C"}
    t = measures.brokerage(_graph(edges, groups))
    assert {r: int(t.loc["b", r]) for r in ROLES if t.loc["b", r]} == expected
    assert t.loc["b", "total"] == 8
    assert t.drop(index="b")["total"].sum() == 0


def _star():
    # Centre h (A), leaves a1, a2 (A) and b1, b2, b3 (B): N = 6, 5 ties, d = 5/15 = 1/3.
    leaves = {"a1": "A", "a2": "A", "b1": "B", "b2": "B", "b3": "B"}
    return _graph([("h", leaf) for leaf in leaves], {"h": "A", **leaves})


def test_star_raw_counts_by_hand():
    t = measures.brokerage(_star())
    # 20 ordered leaf pairs, all open: A,A: 2; B,B: 6; A→B: 2·3 = 6; B→A: 6.
    assert t.loc["h", COLUMNS].tolist() == [2, 6, 6, 6, 0, 20]
    assert t.drop(index="h")[COLUMNS].to_numpy().sum() == 0
    by_group = measures.brokerage_by_group(_star())
    assert by_group.loc["A", COLUMNS].tolist() == [2, 6, 6, 6, 0, 20]
    assert by_group.loc["B", COLUMNS].tolist() == [0] * 6
    assert by_group["organisations"].tolist() == [3, 3]


def test_star_expected_values_and_z_by_hand():
    # sna: q = d²(1−d) = 2/27, r = d³(1−d)³ = 8/729; group A has 3 of N = 6, group B 3.
    exp = measures.brokerage_expected(_star())
    a = exp.xs("A", level="sector")
    assert a.loc["coordinator", "expected"] == pytest.approx(2 / 27 * 2 * 1)
    assert a.loc["itinerant", "expected"] == pytest.approx(2 / 27 * 3 * 2)
    assert a.loc["gatekeeper", "expected"] == pytest.approx(2 / 27 * 3 * 2)
    assert a.loc["representative", "expected"] == pytest.approx(2 / 27 * 3 * 2)
    assert a.loc["liaison", "expected"] == 0
    assert a.loc["total", "expected"] == pytest.approx(2 / 27 * 5 * 4)
    # variances: E(1−q) + sna's d³(1−d)³ term
    assert a.loc["coordinator", "sd"] == pytest.approx(math.sqrt(100 / 729))
    assert a.loc["itinerant", "sd"] == pytest.approx(math.sqrt(300 / 729 + 2 * 6 * 8 / 729))
    assert a.loc["gatekeeper", "sd"] == pytest.approx(math.sqrt(300 / 729 + 2 * (2 * 3 + 3 * 1) * 8 / 729))
    assert a.loc["total", "sd"] == pytest.approx(math.sqrt(1000 / 729 + 2 * 5 * 4 * 3 * 8 / 729))
    assert a.loc["liaison", "sd"] == 0
    assert exp.loc[("B", "coordinator"), "organisations"] == 3
    t = measures.brokerage(_star())
    assert t.loc["h", "coordinator_z"] == pytest.approx(5.0)           # (2 − 4/27) / (10/27)
    assert t.loc["h", "itinerant_z"] == pytest.approx(150 / math.sqrt(396))
    assert t.loc["h", "gatekeeper_z"] == pytest.approx(150 / math.sqrt(444))
    assert t.loc["h", "total_z"] == pytest.approx(500 / math.sqrt(1960))
    assert math.isnan(t.loc["h", "liaison_z"])                        # sd 0: no third group
    assert t.loc["a1", "coordinator_z"] == pytest.approx(-0.4)         # (0 − 4/27) / (10/27)


def test_star_network_level_by_hand():
    net = measures.brokerage_network(_star())
    assert net.loc["coordinator", "observed"] == 2
    assert net.loc["coordinator", "expected"] == pytest.approx(2 / 27 * (6 + 6))
    # sna vgbr[1]: E(1−q) + Σ n(n−1)(n−2)·((4n−10) d³(1−d)³ − 4(n−3) d⁴(1−d)² + (n−3) d⁵(1−d)),
    # n = 3, 3: only the first term survives
    assert net.loc["coordinator", "sd"] == pytest.approx(math.sqrt(600 / 729 + 12 * 2 * 8 / 729))
    assert net.loc["coordinator", "z"] == pytest.approx(30 / math.sqrt(792))
    assert net["observed"].tolist() == [2, 6, 6, 6, 0, 20]


def test_self_loops_are_ignored():
    g = _star()
    before = measures.brokerage(g)
    g.add_edge("h", "h")
    g.add_edge("b1", "b1")
    assert measures.brokerage(g).equals(before)


def test_missing_group_is_an_error_naming_the_nodes():
    g = _graph([("a", "b"), ("b", "c")], {"a": "A", "b": "A", "c": "A"})
    g.nodes["c"]["sector"] = None
    del g.nodes["a"]["sector"]
    with pytest.raises(ValueError, match="2 organisation.*a, c"):
        measures.brokerage(g)
    with pytest.raises(ValueError, match="sector"):
        measures.brokerage_expected(g)


def test_degenerate_graphs():
    assert measures.brokerage(nx.Graph()).empty
    single = measures.brokerage(_graph([], {"a": "A"}))
    assert single.loc["a", "total"] == 0 and math.isnan(single.loc["a", "total_z"])
    empty = measures.brokerage(_graph([], {"a": "A", "b": "B", "c": "A"}))
    assert empty["total"].sum() == 0 and empty["total_z"].isna().all()   # d = 0: no variance
    complete = measures.brokerage(_graph(itertools.combinations("abcd", 2), dict.fromkeys("abcd", "A")))
    assert complete["total"].sum() == 0 and complete["total_z"].isna().all()  # d = 1
    assert measures.brokerage_network(nx.Graph())["observed"].sum() == 0


def test_order_of_groups_in_group_tables():
    t = measures.brokerage_by_group(_star(), order=["B", "X", "A"])
    assert t.index.tolist() == ["B", "X", "A"]
    assert t.loc["X"].sum() == 0
    e = measures.brokerage_expected(_star(), order=["B", "X", "A"])
    assert e.index.get_level_values(0).unique().tolist() == ["B", "X", "A"]
    assert e.loc[("X", "total"), "organisations"] == 0
    with pytest.raises(ValueError, match="A"):
        measures.brokerage_by_group(_star(), order=["B"])


def test_bundled_network_matches_brute_force():
    g = organisation_graph(load())
    t = measures.brokerage(g)
    assert _raw(t) == _brute_force(g)
    assert (t["gatekeeper"] == t["representative"]).all()
    assert t.index.tolist() == sorted(g.nodes)


# --- the null model against exact expectations --------------------------------------------------

def _exact_moments(nodes, groups, pairs, directed, arcs_in_reference):
    """Mean and variance of each node's counts over every graph on ``pairs``, each tie present with
    probability p = density of a graph with ``arcs_in_reference`` of them."""
    p = arcs_in_reference / len(pairs)
    mean = {v: dict.fromkeys(COLUMNS, 0.0) for v in nodes}
    square = {v: dict.fromkeys(COLUMNS, 0.0) for v in nodes}
    for mask in itertools.product((0, 1), repeat=len(pairs)):
        k = sum(mask)
        w = p**k * (1 - p) ** (len(pairs) - k)
        g = _graph([e for e, on in zip(pairs, mask) if on], groups, directed)
        for v, c in _brute_force(g).items():
            for col in COLUMNS:
                mean[v][col] += w * c[col]
                square[v][col] += w * c[col] ** 2
    var = {v: {c: square[v][c] - mean[v][c] ** 2 for c in COLUMNS} for v in nodes}
    return mean, var


@pytest.mark.parametrize("sizes", [(2, 1, 1), (3, 1), (4,)])
def test_directed_expectation_and_variance_are_exact(sizes):
    labels = "ABC"
    nodes = list("wxyz")
    groups = dict(zip(nodes, [labels[i] for i, s in enumerate(sizes) for _ in range(s)]))
    pairs = list(itertools.permutations(nodes, 2))
    mean, var = _exact_moments(nodes, groups, pairs, True, 4)
    reference = _graph([("w", "x"), ("x", "y"), ("y", "z"), ("z", "w")], groups, directed=True)  # d = 4/12
    exp = measures.brokerage_expected(reference)
    for v in nodes:
        for col in COLUMNS:
            assert exp.loc[(groups[v], col), "expected"] == pytest.approx(mean[v][col], abs=1e-12)
            assert exp.loc[(groups[v], col), "sd"] ** 2 == pytest.approx(var[v][col], abs=1e-12)


def test_undirected_expectation_is_exact():
    nodes = list("vwxyz")
    groups = {"v": "A", "w": "A", "x": "B", "y": "B", "z": "C"}
    pairs = list(itertools.combinations(nodes, 2))
    mean, _ = _exact_moments(nodes, groups, pairs, False, 4)
    reference = _graph([("v", "w"), ("w", "x"), ("x", "y"), ("y", "z")], groups)  # d = 4/10
    exp = measures.brokerage_expected(reference)
    net = measures.brokerage_network(reference)
    for v in nodes:
        for col in COLUMNS:
            assert exp.loc[(groups[v], col), "expected"] == pytest.approx(mean[v][col], abs=1e-12)
    for col in COLUMNS:
        assert net.loc[col, "expected"] == pytest.approx(sum(mean[v][col] for v in nodes), abs=1e-12)


# --- properties on random graphs -----------------------------------------------------------------

@st.composite
def graphs(draw, directed=False):
    n = draw(st.integers(0, 8))
    nodes = [f"n{i}" for i in range(n)]
    groups = {v: draw(st.sampled_from("ABC")) for v in nodes}
    possible = list(itertools.permutations(nodes, 2) if directed else itertools.combinations(nodes, 2))
    edges = [e for e in possible if draw(st.booleans())]
    return _graph(edges, groups, directed)


@settings(max_examples=50, deadline=None, derandomize=True)
@given(graphs())
def test_undirected_properties(g):
    t = measures.brokerage(g)
    assert _raw(t) == _brute_force(g)
    assert (t[ROLES].sum(axis=1) == t["total"]).all()
    assert (t["gatekeeper"] == t["representative"]).all()
    symmetric = ["coordinator", "itinerant", "liaison", "total"]  # a reversed path keeps these roles
    assert (t[symmetric] % 2 == 0).all().all()
    # an undirected tie is two arcs: the same as the symmetric digraph, z-scores included
    d = measures.brokerage(g.to_directed())
    assert t.equals(d)
    # z finite exactly where the sd is positive
    exp = measures.brokerage_expected(g)
    sd, mean = exp["sd"].to_dict(), exp["expected"].to_dict()
    z = t[[f"{c}_z" for c in COLUMNS]].to_dict("index")
    for v in g.nodes:
        for col in COLUMNS:
            assert math.isfinite(z[v][f"{col}_z"]) == (sd[(g.nodes[v]["sector"], col)] > 0)
    # group sums and network totals
    by_group = measures.brokerage_by_group(g)
    assert by_group[COLUMNS].sum().tolist() == t[COLUMNS].sum().tolist()
    net = measures.brokerage_network(g)
    assert net["observed"].tolist() == t[COLUMNS].sum().tolist()
    per_node_expected = [sum(mean[(g.nodes[v]["sector"], c)] for v in g.nodes) for c in COLUMNS]
    assert net["expected"].tolist() == pytest.approx(per_node_expected, abs=1e-9)


@settings(max_examples=50, deadline=None, derandomize=True)
@given(graphs(directed=True))
def test_directed_counts_match_brute_force(g):
    t = measures.brokerage(g)
    assert _raw(t) == _brute_force(g)
    assert (t[ROLES].sum(axis=1) == t["total"]).all()


@settings(max_examples=30, deadline=None, derandomize=True)
@given(graphs(), st.randoms(use_true_random=False))
def test_relabelling_nodes_permutes_the_table(g, rnd):
    names = [f"m{i}" for i in range(g.number_of_nodes())]
    rnd.shuffle(names)
    mapping = dict(zip(sorted(g.nodes), names))
    before = measures.brokerage(g)
    after = measures.brokerage(nx.relabel_nodes(g, mapping))
    cols = COLUMNS + [f"{c}_z" for c in COLUMNS]
    moved = after.loc[[mapping[v] for v in before.index], cols].to_numpy(dtype=float)
    assert np.allclose(moved, before[cols].to_numpy(dtype=float), equal_nan=True, rtol=0, atol=1e-12)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.booleans().flatmap(lambda directed: graphs(directed=directed)), st.randoms(use_true_random=False))
def test_counting_some_brokers_gives_their_rows_of_the_whole_table(g, rnd):
    """``nodes=`` counts closed pairs from each broker's neighbourhood instead of from every tie: same rows."""
    whole = measures.brokerage(g)
    none = measures.brokerage(g, nodes=[])
    assert none.empty and list(none.columns) == list(whole.columns)
    if g.number_of_nodes():
        chosen = sorted(rnd.sample(sorted(g.nodes), rnd.randint(1, g.number_of_nodes())))
        some = measures.brokerage(g, nodes=chosen)
        assert list(some.index) == chosen
        pd.testing.assert_frame_equal(some, whole.loc[chosen])


def test_counting_a_broker_not_in_the_graph_is_an_error():
    g = _graph([("a", "b")], {"a": "A", "b": "B"})
    with pytest.raises(KeyError, match="not in the graph: x"):
        measures.brokerage(g, nodes=["a", "x"])


# ----------------------------------------------------------------------------- brokered pairs


def _pairs_by_brute_force(g, group="sector"):
    """Unordered pairs {a, b} of v's partners with no a–b tie, classified from the definitions."""
    out = {}
    for v in g:
        gv = g.nodes[v][group]
        c = dict.fromkeys(("coordinator", "itinerant", "gatekeeper_representative", "liaison"), 0)
        partners = sorted(set(g[v]) - {v}, key=str)
        for a, b in itertools.combinations(partners, 2):
            if g.has_edge(a, b):
                continue
            ga, gb = g.nodes[a][group], g.nodes[b][group]
            if ga == gb == gv:
                c["coordinator"] += 1
            elif ga == gb:
                c["itinerant"] += 1
            elif gv in (ga, gb):
                c["gatekeeper_representative"] += 1
            else:
                c["liaison"] += 1
        c["total"] = sum(c.values())
        c["neighbour_pairs"] = len(partners) * (len(partners) - 1) // 2
        out[v] = c
    return out


def test_brokerage_pairs_by_hand():
    # hub h (A) with partners a1 (A), b1, b2 (B), c1 (C); b1–b2 tied
    g = _graph([("h", "a1"), ("h", "b1"), ("h", "b2"), ("h", "c1"), ("b1", "b2")],
               {"h": "A", "a1": "A", "b1": "B", "b2": "B", "c1": "C"})
    t = measures.brokerage_pairs(g)
    # pairs of h's 4 partners: 6; b1–b2 closed; a1–b1, a1–b2, a1–c1: one end in A; b1–c1, b2–c1: liaison
    assert t.loc["h", ["coordinator", "itinerant", "gatekeeper_representative", "liaison", "total",
                       "neighbour_pairs"]].tolist() == [0, 0, 3, 2, 5, 6]
    assert t.loc["h", "brokered_share"] == pytest.approx(5 / 6)
    assert t.loc["h", "liaison_share"] == pytest.approx(2 / 6)
    assert t.loc["h", "brokered_share"] == pytest.approx(1 - nx.clustering(g, "h"))
    assert np.isnan(t.loc["a1", "brokered_share"])  # one partner: nothing to broker
    by = measures.brokerage_pairs_by_group(g)
    assert by.loc["A", ["organisations", "total", "neighbour_pairs"]].tolist() == [2, 5, 6]
    # B: b1 and b2 each have partners h and the other, who are tied: 0 of 1 pair each
    assert by.loc["B", "brokered_share"] == 0 and by.loc["B", "mean_brokered_share"] == 0
    assert np.isnan(by.loc["C", "brokered_share"])


@pytest.mark.parametrize("seed", range(5))
def test_brokerage_pairs_recount_unordered_pairs(seed):
    rng = np.random.default_rng(seed)
    g = nx.gnp_random_graph(25, 0.2, seed=seed)
    groups = {v: "ABCD"[int(rng.integers(4))] for v in g}
    nx.set_node_attributes(g, groups, "sector")
    t = measures.brokerage_pairs(g)
    expected = _pairs_by_brute_force(g)
    for v in g:
        for c, x in expected[v].items():
            assert t.loc[v, c] == x, (v, c)
    ordered = measures.brokerage(g)
    assert (t["total"] * 2 == ordered["total"]).all()
    assert (t["gatekeeper_representative"] == ordered["gatekeeper"]).all()
    assert (t["gatekeeper_representative"] == ordered["representative"]).all()
    clustering = nx.clustering(g)
    for v in g:
        if g.degree(v) >= 2:
            assert t.loc[v, "brokered_share"] == pytest.approx(1 - clustering[v])
    by = measures.brokerage_pairs_by_group(g)
    assert by["total"].sum() == t["total"].sum()
    sub = measures.brokerage_pairs(g, nodes=[3, 1])
    assert sub.index.tolist() == [1, 3] and sub.equals(t.loc[[1, 3]])


def test_brokerage_pairs_refuse_directed_graphs():
    g = _graph([("a", "b"), ("b", "c")], {"a": "A", "b": "B", "c": "A"}, directed=True)
    with pytest.raises(ValueError, match="undirected"):
        measures.brokerage_pairs(g)
