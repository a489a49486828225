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
