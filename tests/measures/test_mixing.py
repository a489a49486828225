"""E-I index, mixing matrix and assortativity: hand-computed cases, networkx, and Newman's formula."""

from __future__ import annotations

import csv
import itertools
import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao_utils import measures, paths
from chanjiao_utils.graph import organisation_graph
from chanjiao_utils.loading import load


def _graph(edges, groups) -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(groups)
    g.add_edges_from(edges)
    for n, s in groups.items():
        g.nodes[n].update(sector=s, name_zh=f"单位{n}", provenance="synthetic")
    return g


def _triangle_and_one():
    # Triangle a, b, c (group A, 3 internal ties) and x (group B) tied to c (1 external tie).
    return _graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "x")], {"a": "A", "b": "A", "c": "A", "x": "B"})


def test_ei_index_by_hand():
    row = measures.ei_index(_triangle_and_one()).iloc[0]
    assert (row["ties"], row["external"], row["internal"]) == (4, 1, 3)
    assert row["ei_index"] == pytest.approx(-0.5)           # (1 − 3) / 4
    # possible pairs: internal C(3,2) = 3, external 3·1 = 3 → expected (3 − 3) / 6 = 0
    assert row["expected_ei"] == pytest.approx(0.0)
    # 4 ties on 3 internal + 3 external pairs: E between 1 and 3
    assert row["min_ei"] == pytest.approx(-0.5)
    assert row["max_ei"] == pytest.approx(0.5)


def test_ei_index_extremes_and_expected_value():
    k22 = _graph([("a", "x"), ("a", "y"), ("b", "x"), ("b", "y")], {"a": "A", "b": "A", "x": "B", "y": "B"})
    row = measures.ei_index(k22).iloc[0]
    assert row["ei_index"] == 1.0
    assert row["expected_ei"] == pytest.approx((4 - 2) / 6)  # 4 external, 2 internal possible pairs
    assert (row["min_ei"], row["max_ei"]) == (0.0, 1.0)       # 4 ties: at most 2 internal
    inside = _graph([("a", "b"), ("x", "y")], {"a": "A", "b": "A", "x": "B", "y": "B"})
    assert measures.ei_index(inside).loc[0, "ei_index"] == -1.0
    assert measures.ei_index(inside).loc[0, "min_ei"] == -1.0
    none = measures.ei_index(_graph([], {"a": "A", "x": "B"})).iloc[0]
    assert none["ties"] == 0 and math.isnan(none["ei_index"]) and math.isnan(none["min_ei"])
    assert none["expected_ei"] == 1.0                         # the only pair is external
    assert math.isnan(measures.ei_index(_graph([], {"a": "A"})).loc[0, "expected_ei"])
    assert math.isnan(measures.ei_index(nx.Graph()).loc[0, "ei_index"])


def test_expected_ei_is_the_mean_over_all_label_permutations():
    g = _graph([("a", "b"), ("b", "c"), ("c", "d"), ("a", "e")], dict(zip("abcde", "AABBC")))
    labels = [g.nodes[v]["sector"] for v in "abcde"]
    values = []
    for perm in itertools.permutations(labels):
        side = dict(zip("abcde", perm))
        external = sum(side[u] != side[v] for u, v in g.edges)
        values.append((external - (4 - external)) / 4)
    assert measures.ei_index(g).loc[0, "expected_ei"] == pytest.approx(sum(values) / len(values))
    # and by hand: sizes 2, 2, 1 → 2 internal and 8 external of 10 pairs
    assert measures.ei_index(g).loc[0, "expected_ei"] == pytest.approx(0.6)


def test_ei_weighted_counts_partnership_rows():
    g = _triangle_and_one()
    g.edges["c", "x"]["weight"] = 5  # five partnerships across, one in each internal pair
    row = measures.ei_index(g, weight="weight").iloc[0]
    assert (row["external"], row["internal"]) == (5, 3)
    assert row["ei_index"] == pytest.approx(2 / 8)
    assert math.isnan(row["min_ei"]) and math.isnan(row["max_ei"])
    assert measures.ei_by_organisation(g, weight="weight").loc["c", "ei_index"] == pytest.approx((5 - 2) / 7)


def test_ei_by_group_and_by_organisation_by_hand():
    g = _triangle_and_one()
    g.add_node("z", sector="C", name_zh="单位z", provenance="synthetic")
    groups = measures.ei_by_group(g)
    assert groups.index.tolist() == ["A", "B", "C"]
    assert groups["organisations"].tolist() == [3, 1, 1]
    assert groups.loc["A", ["external", "internal"]].tolist() == [1, 3]
    assert groups.loc["A", "ei_index"] == pytest.approx(-0.5)
    assert groups.loc["B", "ei_index"] == 1.0
    assert math.isnan(groups.loc["C", "ei_index"])
    nodes = measures.ei_by_organisation(g)
    assert nodes.index.tolist() == ["a", "b", "c", "x", "z"]
    assert nodes.loc["c", ["external", "internal"]].tolist() == [1, 2]
    assert nodes.loc["c", "ei_index"] == pytest.approx(-1 / 3)
    assert nodes.loc["a", "ei_index"] == -1.0
    assert nodes.loc["x", "ei_index"] == 1.0
    assert math.isnan(nodes.loc["z", "ei_index"])                   # isolate
    assert nodes.loc["c", "name_zh"] == "单位c"
    ordered = measures.ei_by_group(g, order=["C", "B", "A", "D"])
    assert ordered.index.tolist() == ["C", "B", "A", "D"]
    assert ordered.loc["D", "organisations"] == 0


def test_mixing_matrix_by_hand_and_order():
    g = _triangle_and_one()
    m = measures.mixing_matrix(g)
    assert m.to_dict("index") == {"A": {"A": 3, "B": 1}, "B": {"A": 1, "B": 0}}
    m = measures.mixing_matrix(g, order=["B", "X", "A"])
    assert m.index.tolist() == m.columns.tolist() == ["B", "X", "A"]
    assert m.loc["X"].sum() == 0 and m.loc["B", "A"] == 1
    with pytest.raises(ValueError, match="A"):
        measures.mixing_matrix(g, order=["B"])
    shares = measures.mixing_matrix(g, normalize=True)
    assert shares.loc["A", "A"] == pytest.approx(3 / 4)
    assert shares.loc["A", "B"] == shares.loc["B", "A"] == pytest.approx(1 / 8)
    assert shares.to_numpy().sum() == pytest.approx(1.0)
    assert np.isnan(measures.mixing_matrix(_graph([], {"a": "A"}), normalize=True).to_numpy()).all()


def test_self_loops_are_not_ties():
    g = _triangle_and_one()
    g.add_edge("a", "a")
    assert measures.ei_index(g).loc[0, "internal"] == 3
    assert measures.mixing_matrix(g).loc["A", "A"] == 3
    assert measures.ei_by_organisation(g).loc["a", "internal"] == 2
    assert measures.assortativity(g).equals(measures.assortativity(_triangle_and_one()))


def test_missing_group_is_an_error():
    g = _triangle_and_one()
    g.nodes["x"]["sector"] = float("nan")
    for f in (measures.ei_index, measures.ei_by_group, measures.ei_by_organisation, measures.mixing_matrix,
              measures.assortativity):
        with pytest.raises(ValueError, match="x"):
            f(g)


def test_assortativity_by_hand():
    # two internal ties and one external: e = [[1/3, 1/6], [1/6, 1/3]], a = b = (1/2, 1/2)
    g = _graph([("a", "b"), ("x", "y"), ("a", "x")], {"a": "A", "b": "A", "x": "B", "y": "B"})
    row = measures.assortativity(g).iloc[0]
    assert row["assortativity"] == pytest.approx((2 / 3 - 1 / 2) / (1 - 1 / 2))
    assert row["ties"] == 3
    assert math.isnan(measures.assortativity(_graph([], {"a": "A", "x": "B"})).loc[0, "assortativity"])
    one_group = _graph([("a", "b")], {"a": "A", "b": "A"})
    assert math.isnan(measures.assortativity(one_group).loc[0, "assortativity"])


def test_bundled_sector_mixing_matches_an_independent_recount():
    data = paths.bundled_data()
    with (data / "organisations.csv").open(encoding="utf-8") as fh:
        sector = {r["id"]: r["sector"] for r in csv.DictReader(fh)}
    with (data / "partnerships.csv").open(encoding="utf-8") as fh:
        pairs = {frozenset((r["org_a"], r["org_b"])) for r in csv.DictReader(fh)}
    external = sum(1 for p in pairs if len({sector[o] for o in p}) == 2)
    g = organisation_graph(load())
    row = measures.ei_index(g).iloc[0]
    assert (row["external"], row["internal"]) == (external, len(pairs) - external)
    order = ["government", "association", "enterprise", "research", "school"]
    m = measures.mixing_matrix(g, order=order)
    assert m.index.tolist() == order
    assert int(np.trace(m) + np.triu(m.to_numpy(), 1).sum()) == len(pairs)


# --- properties on random graphs -----------------------------------------------------------------

@st.composite
def graphs(draw):
    n = draw(st.integers(0, 9))
    nodes = [f"n{i}" for i in range(n)]
    groups = {v: draw(st.sampled_from("ABC")) for v in nodes}
    edges = [e for e in itertools.combinations(nodes, 2) if draw(st.booleans())]
    g = _graph(edges, groups)
    for u, v in g.edges:
        g.edges[u, v]["weight"] = draw(st.integers(1, 3))
    return g


def _in_range(values) -> bool:
    return all(math.isnan(x) or -1 - 1e-12 <= x <= 1 + 1e-12 for x in values)


@settings(max_examples=50, deadline=None, derandomize=True)
@given(graphs())
def test_mixing_properties(g):
    m = g.number_of_edges()
    for weight in (None, "weight"):
        total = m if weight is None else sum(w for _, _, w in g.edges(data="weight"))
        row = measures.ei_index(g, weight=weight).iloc[0]
        groups = measures.ei_by_group(g, weight=weight)
        nodes = measures.ei_by_organisation(g, weight=weight)
        assert _in_range([row["ei_index"], row["expected_ei"], row["min_ei"], row["max_ei"]])
        assert _in_range(groups["ei_index"]) and _in_range(nodes["ei_index"])
        assert row["external"] + row["internal"] == row["ties"] == total
        assert groups["internal"].sum() == row["internal"]
        assert groups["external"].sum() == 2 * row["external"]
        assert nodes["internal"].sum() == 2 * row["internal"]
        assert nodes["external"].sum() == 2 * row["external"]
        assert (nodes["ei_index"].isna() == (nodes["external"] + nodes["internal"] == 0)).all()
        if weight is None and m:
            assert row["min_ei"] <= row["ei_index"] <= row["max_ei"]
        mix = measures.mixing_matrix(g, weight=weight).to_numpy()
        assert (mix == mix.T).all()
        assert np.trace(mix) + np.triu(mix, 1).sum() == total
        assert np.trace(mix) == row["internal"]


@settings(max_examples=50, deadline=None, derandomize=True)
@given(graphs())
def test_assortativity_against_newman_formula_and_networkx(g):
    r = measures.assortativity(g).loc[0, "assortativity"]
    shares = measures.mixing_matrix(g, normalize=True)
    if g.number_of_edges() == 0:
        assert math.isnan(r)
        return
    labels = shares.index.tolist()
    expected = nx.attribute_mixing_matrix(g, "sector", mapping={s: i for i, s in enumerate(labels)},
                                          normalized=True)
    assert shares.to_numpy() == pytest.approx(expected)
    e = shares.to_numpy()
    ab = float((e.sum(axis=1) * e.sum(axis=0)).sum())
    if ab == pytest.approx(1.0):
        assert math.isnan(r)                                   # all ties inside one group
    else:
        assert r == pytest.approx((np.trace(e) - ab) / (1 - ab))


# ----------------------------------------------------------------------------- r_min (Newman 2003)


def _r_bounds(g):
    row = measures.assortativity_range(g).iloc[0]
    return float(row["assortativity"]), float(row["r_min"]), float(row["r_lowest"]), bool(row["r_min_attainable"])


def test_r_min_by_hand():
    # path a – b – x, a, b in A, x in B: e_AA = 1/2, e_AB = e_BA = 1/4; a = (3/4, 1/4), Σa² = 5/8
    g = _graph([("a", "b"), ("b", "x")], {"a": "A", "b": "A", "x": "B"})
    row = measures.assortativity_range(g).iloc[0]
    assert row["assortativity"] == pytest.approx((0.5 - 0.625) / 0.375)
    assert row["r_min"] == pytest.approx(-0.625 / 0.375)
    assert row["r_scaled"] == pytest.approx(((0.5 - 0.625) / 0.375) / (0.625 / 0.375))
    # A holds 3/4 of the ends: at least 2·3/4 − 1 = 1/2 of them inside A, so the lowest r is r itself
    assert row["r_lowest"] == pytest.approx(row["assortativity"]) and not row["r_min_attainable"]
    assert row["assortativity"] == measures.assortativity(g).loc[0, "assortativity"]
    one = _graph([("a", "b")], {"a": "A", "b": "A"})
    assert np.isnan(measures.assortativity_range(one).loc[0, "r_min"])


def test_r_min_is_the_minimum_over_edge_sets():
    """Every edge set of K5 with labels A A B B C: r never below r_min (nor r_lowest), and the smallest r
    among edge sets with the same tie-end shares a_i is r_min exactly when r_min is attainable."""
    labels = {0: "A", 1: "A", 2: "B", 3: "B", 4: "C"}
    pairs = list(itertools.combinations(range(5), 2))
    best: dict[tuple, list] = {}
    for mask in range(1, 2 ** len(pairs)):
        edges = [p for k, p in enumerate(pairs) if mask >> k & 1]
        g = _graph(edges, labels)
        r, r_min, lowest, attainable = _r_bounds(g)
        if np.isnan(r_min):
            continue  # every tie end in one group
        assert r >= lowest - 1e-9 and lowest >= r_min - 1e-9
        ends = tuple(sorted(sum(1 for e in edges for v in e if labels[v] == grp) / (2 * len(edges))
                            for grp in "ABC"))
        entry = best.setdefault(ends, [math.inf, r_min, lowest, attainable])
        entry[0] = min(entry[0], r)
    reached = 0
    for ends, (r_best, r_min, lowest, attainable) in best.items():
        if attainable:
            # an edge set of K5 with these shares and no internal tie exists iff r_best == r_min
            reached += math.isclose(r_best, r_min, abs_tol=1e-9)
        else:
            assert r_best > r_min + 1e-9
    assert reached >= 5


def test_r_never_below_r_min_over_labellings():
    g0 = nx.Graph([(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 0), (0, 3), (1, 4)])
    for labels in itertools.product("ABC", repeat=6):
        g = _graph(list(g0.edges), dict(enumerate(labels)))
        r, r_min, lowest, _ = _r_bounds(g)
        if not np.isnan(r_min):
            assert r >= lowest - 1e-9 >= r_min - 2e-9
            if all(labels[u] != labels[v] for u, v in g0.edges):
                assert r == pytest.approx(r_min)


# ----------------------------------------------------------------------------- E-I per group, expected


def test_ei_by_group_expected_by_hand():
    # A = {a1, a2, a3}, B = {b1, b2}, n = 5; ties a1–a2 (A), a1–b1, a2–b1 (A–B), b1–b2 (B)
    g = _graph([("a1", "a2"), ("a1", "b1"), ("a2", "b1"), ("b1", "b2")],
               {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B"})
    t = measures.ei_by_group_expected(g)
    assert t.loc["A", ["external", "internal"]].tolist() == [2, 1]
    assert t.loc["A", "ei_index"] == pytest.approx(1 / 3)
    assert t.loc["A", "external_share"] == pytest.approx(2 / 4)       # 2 of the 4 member ends leave A
    assert t.loc["A", "expected_external_share"] == pytest.approx(2 / 4)  # (5 − 3)/(5 − 1)
    assert t.loc["A", "expected_ei"] == pytest.approx(2 / 6)          # pairs: 6 external, 3 internal
    assert t.loc["A", "ei_excess"] == pytest.approx(0)
    assert t.loc["B", "ei_index"] == pytest.approx(1 / 3)
    assert t.loc["B", "expected_external_share"] == pytest.approx(3 / 4)
    assert t.loc["B", "expected_ei"] == pytest.approx(5 / 7)          # pairs: 6 external, 1 internal
    assert t.loc["B", "ei_excess"] == pytest.approx(1 / 3 - 5 / 7)
    same = measures.ei_by_group(g)
    assert t[same.columns].equals(same)


def test_expected_group_ei_is_that_of_the_complete_graph():
    labels = {0: "A", 1: "A", 2: "A", 3: "A", 4: "B", 5: "B", 6: "C"}
    full = measures.ei_by_group(_graph(list(itertools.combinations(range(7), 2)), labels))
    sparse = measures.ei_by_group_expected(_graph([(0, 4), (4, 6)], labels))
    assert sparse["expected_ei"].tolist() == pytest.approx(full["ei_index"].tolist())
    # and the expected share is the complete graph's share of member ends leaving the group
    full_ends = full["external"] / (full["external"] + 2 * full["internal"])
    assert sparse["expected_external_share"].tolist() == pytest.approx(full_ends.tolist())
