"""Key player (Borgatti 2006): F and DF by hand on a path, a star, two stars joined by a bridge and a graph
with isolates; departures' effects on the others against brute-force removal; the KPP-Neg search against
the brute-force optimum on seeded random graphs of up to 20 organisations."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import numpy as np
import pytest

from chanjiao_utils import measures
from chanjiao_utils.graph import organisation_graph
from chanjiao_utils.loading import load
from chanjiao_utils.measures.scenarios import keyplayer as K

from conftest import BUNDLED


def _f_df(graph: nx.Graph, removed=()) -> tuple[float, float]:
    """F and DF straight from the definitions, with networkx (an independent count)."""
    rest = graph.subgraph(v for v in graph if v not in set(removed))
    n = rest.number_of_nodes()
    f = 1 - sum(len(c) * (len(c) - 1) for c in nx.connected_components(rest)) / (n * (n - 1))
    inv = sum(1 / d for _, lengths in nx.all_pairs_shortest_path_length(rest) for d in lengths.values() if d > 0)
    return f, 1 - inv / (n * (n - 1))


def _values(graph, remove=()):
    row = K.fragmentation(graph, remove).iloc[0]
    return float(row["fragmentation"]), float(row["distance_fragmentation"])


def _two_stars():
    return nx.Graph([("h1", "h2")] + [("h1", f"a{i}") for i in range(3)] + [("h2", f"b{i}") for i in range(3)])


# ----------------------------------------------------------------------------- by hand


def test_path_by_hand():
    g = nx.path_graph(["a", "b", "c", "d", "e"])
    # distances: 4 pairs at 1, 3 at 2, 2 at 3, 1 at 4 (unordered); DF = 1 − 2(4 + 3/2 + 2/3 + 1/4)/20
    assert _values(g) == pytest.approx((0.0, 1 - (4 + 1.5 + 2 / 3 + 0.25) / 10))
    # without c: a–b and d–e, n = 4; F = 1 − (2 + 2)/12, DF = 1 − (2 + 2)/12
    assert _values(g, "c") == pytest.approx((2 / 3, 2 / 3))
    assert _values(g, ["a"]) == pytest.approx((0.0, 1 - (3 + 1 + 1 / 3) / 6))  # a path of 4


def test_star_by_hand():
    g = nx.star_graph(["hub", "a", "b", "c", "d"])
    assert _values(g) == pytest.approx((0.0, 1 - (4 + 6 / 2) / 10))  # 4 pairs at 1, 6 at 2
    assert _values(g, "hub") == pytest.approx((1.0, 1.0))  # four isolates
    assert _values(g, "a") == pytest.approx((0.0, 1 - (3 + 3 / 2) / 6))


def test_two_stars_joined_by_a_bridge_by_hand():
    g = _two_stars()  # n = 8, 28 unordered pairs: 7 ties at distance 1;
    # at 2: a_i–h2 and b_j–h1 (6), a_i–a_j and b_i–b_j (3 + 3); at 3: a_i–h1–h2–b_j (9)
    inv = 7 * 1 + (6 + 6) / 2 + 9 / 3
    assert _values(g) == pytest.approx((0.0, 1 - inv / 28))
    # without h1: a0, a1, a2 isolates and a star of 4 (h2 + 3 leaves) among n = 7
    assert _values(g, "h1") == pytest.approx((1 - 12 / 42, 1 - 2 * (3 + 3 / 2) / 42))
    assert _values(g, ["h1", "h2"]) == pytest.approx((1.0, 1.0))
    for measure in K._MEASURES:
        row = K.key_players(g, 2, measure).iloc[0]
        assert row["key_set"] == "h1, h2" and row[measure] == pytest.approx(1.0)
        assert row["fragmentation_before"] == 0.0


def test_isolates_by_hand():
    g = nx.path_graph(["a", "b", "c"])
    g.add_nodes_from(["x", "y"])
    # n = 5; one component of 3: F = 1 − 6/20; distances a–b, b–c at 1, a–c at 2: DF = 1 − 2(2 + 1/2)/20
    assert _values(g) == pytest.approx((0.7, 0.75))
    assert _values(g, "b") == pytest.approx((1.0, 1.0))
    row = K.fragmentation(g, ["x", "y"]).iloc[0]
    assert (row["organisations"], row["components"], row["removed_ids"]) == (3, 1, "x, y")


def test_degenerate_graphs():
    assert np.isnan(_values(nx.path_graph(2), [0])[0])  # one organisation left: undefined
    assert _values(nx.empty_graph(3)) == (1.0, 1.0)
    with pytest.raises(ValueError, match="zz"):
        K.fragmentation(nx.path_graph(3), "zz")
    with pytest.raises(ValueError, match="k must be"):
        K.key_players(nx.path_graph(3), 2)
    with pytest.raises(ValueError, match="measure"):
        K.key_players(nx.path_graph(4), 1, "nope")


# ----------------------------------------------------------------------------- departures' effects


def test_departure_effects_by_hand():
    g = nx.path_graph(["a", "b", "c", "d", "e"])
    g.add_node("z")
    t = K.departure_effects(g)
    assert t.index.tolist() == ["c", "b", "d", "a", "e", "z"]  # c cuts 4 pairs, b and d 3 each
    assert t["rank"].tolist() == [1, 2, 2, 4, 4, 4]
    assert t.loc["c", ["pairs_disconnected", "organisations_cut_off", "own_pairs", "components_after"]].tolist() == [
        4, 2, 4, 3]
    assert t.loc["b", ["pairs_disconnected", "organisations_cut_off"]].tolist() == [3, 1]
    assert t.loc["z", ["pairs_disconnected", "own_pairs", "components_after"]].tolist() == [0, 0, 1]
    assert t.columns[:4].tolist() == ["name_zh", "sector", "provenance", "rank"]
    assert t.attrs["fragmentation_before"] == pytest.approx(1 - 20 / 30)
    # F after c leaves: a–b, d–e, z among 5 → 1 − 4/20
    assert t.loc["c", "fragmentation"] == pytest.approx(0.8)
    assert t.loc["c", "fragmentation_change"] == pytest.approx(0.8 - (1 - 20 / 30))


def test_departure_effects_against_brute_force():
    for seed in range(6):
        g = nx.gnp_random_graph(14, 0.18, seed=seed)
        t = K.departure_effects(g)
        ranking = measures.departure_ranking(g)
        for v in g:
            rest = g.subgraph(set(g) - {v})
            comp_v = nx.node_connected_component(g, v) - {v}
            lost = sum(1 for a, b in itertools.combinations(sorted(comp_v), 2) if not nx.has_path(rest, a, b))
            assert t.loc[v, "pairs_disconnected"] == lost
            assert t.loc[v, "own_pairs"] + lost == ranking.loc[v, "reachable_pairs_lost"]
            assert (t.loc[v, "fragmentation"], t.loc[v, "distance_fragmentation"]) == pytest.approx(_f_df(g, [v]))
            assert t.loc[v, "components_after"] == nx.number_connected_components(rest)
        assert (t["rank"] == t["pairs_disconnected"].rank(method="min", ascending=False)).all()
        assert t["pairs_disconnected"].is_monotonic_decreasing


def test_disconnecting_departures():
    t = K.disconnecting_departures(nx.path_graph(["a", "b", "c", "d"]))
    assert t.index.tolist() == ["b", "c"] and t.attrs["disconnects"] and t.attrs["note"] == ""
    none = K.disconnecting_departures(nx.complete_graph(4))
    assert none.empty and not none.attrs["disconnects"] and none.attrs["note"] == K.NO_DISCONNECTION
    assert none.columns.tolist() == t.columns.tolist()


def test_bundled_leavers_mostly_disconnect_no_one():
    g = organisation_graph(load(BUNDLED))
    t = K.departure_effects(g)
    ranking = measures.departure_ranking(g)
    assert ((t["own_pairs"] + t["pairs_disconnected"]).reindex(ranking.index) == ranking["reachable_pairs_lost"]).all()
    cut = set(nx.articulation_points(g))
    assert set(K.disconnecting_departures(g).index) == cut


# ----------------------------------------------------------------------------- search against brute force


def _brute(graph, k, measure):
    nodes = sorted(graph)
    at = 0 if measure == "fragmentation" else 1
    return max(_f_df(graph, s)[at] for s in itertools.combinations(nodes, k))


@pytest.mark.parametrize("seed", range(5))
def test_search_finds_the_fragmentation_optimum(seed):
    rng = random.Random(seed)
    n = rng.randint(12, 20)
    g = nx.gnp_random_graph(n, rng.uniform(0.12, 0.25), seed=seed)
    for k in (1, 2, 3):
        row = K.key_players(g, k, "fragmentation", seed=seed).iloc[0]
        assert row["fragmentation"] == pytest.approx(_brute(g, k, "fragmentation"))
        assert row["fragmentation"] >= row["top_singles_fragmentation"] - 1e-12


@pytest.mark.parametrize("seed", range(3))
def test_search_finds_the_distance_fragmentation_optimum(seed):
    rng = random.Random(100 + seed)
    n = rng.randint(10, 14)
    g = nx.gnp_random_graph(n, rng.uniform(0.15, 0.3), seed=seed)
    for k in (2, 3):
        row = K.key_players(g, k, "distance_fragmentation", seed=seed).iloc[0]
        assert row["distance_fragmentation"] == pytest.approx(_brute(g, k, "distance_fragmentation"))


def test_search_is_deterministic():
    g = nx.gnp_random_graph(18, 0.15, seed=3)
    a = K.key_players(g, 3, seed=7)
    b = K.key_players(g, 3, seed=7)
    assert a.equals(b)


def test_distance_fragmentation_skipped_by_default_on_large_graphs():
    g = nx.path_graph(K.DISTANCE_LIMIT + 10)
    t = K.departure_effects(g)
    assert t["distance_fragmentation"].isna().all() and np.isnan(t.attrs["distance_fragmentation_before"])
    assert t.iloc[0]["pairs_disconnected"] == (len(g) // 2) * ((len(g) - 1) // 2)  # the middle splits it in halves
    small = K.departure_effects(nx.path_graph(5), distance=False)
    assert small["distance_fragmentation"].isna().all() and small["fragmentation"].notna().all()
