"""Opsahl, Agneessens & Skvoretz (2010) weighted centrality: a small weighted graph by hand at α = 0, ½, 1;
networkx at α = 0 (steps) and α = 1 (lengths 1/w, exact integers) and with random real weights."""

from __future__ import annotations

import math
import random

import networkx as nx
import pytest

from chanjiao_utils import measures


def _kite():
    """Triangle a–b (w 1), a–c (w 4), c–b (w 4), and d hanging on b (w 1)."""
    return nx.Graph([("a", "b", {"weight": 1}), ("a", "c", {"weight": 4}), ("c", "b", {"weight": 4}),
                     ("b", "d", {"weight": 1})])


def test_kite_at_alpha_one_half():
    t = measures.weighted_centrality(_kite(), alpha=0.5)
    assert t.attrs["alpha"] == 0.5
    assert t["degree"].to_dict() == {"a": 2, "b": 3, "c": 2, "d": 1}
    assert t["strength"].to_dict() == {"a": 5, "b": 6, "c": 8, "d": 1}
    # k^½ s^½
    assert t["weighted_degree"].tolist() == pytest.approx([math.sqrt(10), math.sqrt(18), 4, 1])
    # lengths: a–b 1, a–c ½, c–b ½, b–d 1. a–b: 1 either way (direct, or via c): two geodesics.
    # d–a: d–b–a = 2 = d–b–c–a: two geodesics; d–c: 1.5 via b.
    # betweenness: b on d–a (1) and d–c (1): 2; c on a–b (½) and d–a (½): 1; a: 0; d: 0.
    assert t["betweenness"].to_dict() == pytest.approx({"a": 0, "b": 2, "c": 1, "d": 0})
    # Σ distances: a: 1 + ½ + 2; b: 1 + ½ + 1; c: ½ + ½ + 1.5; d: 1 + 2 + 1.5
    assert t["closeness"].tolist() == pytest.approx([1 / 3.5, 1 / 2.5, 1 / 2.5, 1 / 4.5])
    assert t["harmonic_closeness"].tolist() == pytest.approx([1 + 2 + 0.5, 1 + 2 + 1, 2 + 2 + 1 / 1.5, 1 + 0.5 + 1 / 1.5])


def test_kite_at_alpha_zero_and_one():
    zero = measures.weighted_centrality(_kite(), alpha=0)
    assert zero["weighted_degree"].tolist() == [2, 3, 2, 1]
    # steps: a–b direct; d–a and d–c through b only
    assert zero["betweenness"].to_dict() == {"a": 0, "b": 2, "c": 0, "d": 0}
    one = measures.weighted_centrality(_kite(), alpha=1)
    assert one["weighted_degree"].tolist() == [5, 6, 8, 1]
    # lengths a–b 1, a–c ¼, c–b ¼: a–b goes through c (½); d–a through b and c (1.5)
    assert one["betweenness"].to_dict() == pytest.approx({"a": 0, "b": 2, "c": 2, "d": 0})
    assert one["closeness"]["d"] == pytest.approx(1 / (1 + 1.5 + 1.25))


def test_isolates_and_components():
    g = _kite()
    g.add_edge("x", "y", weight=9)
    g.add_node("z")
    t = measures.weighted_centrality(g, alpha=1)
    assert math.isnan(t.loc["z", "closeness"]) and t.loc["z", "harmonic_closeness"] == 0
    assert t.loc["z", "weighted_degree"] == 0
    assert t.loc["x", "closeness"] == pytest.approx(9)  # its only reachable partner is 1/9 away


def _random_graph(seed, n=18, p=0.25, integer=True):
    rng = random.Random(seed)
    g = nx.gnp_random_graph(n, p, seed=seed)
    for u, v in g.edges:
        g.edges[u, v]["weight"] = rng.randint(1, 5) if integer else rng.uniform(0.5, 6)
    return g


@pytest.mark.parametrize("seed", range(4))
def test_alpha_zero_is_networkx_unweighted(seed):
    g = _random_graph(seed)
    t = measures.weighted_centrality(g, alpha=0)
    assert t["betweenness"].to_dict() == pytest.approx(nx.betweenness_centrality(g, normalized=False))
    assert t["harmonic_closeness"].to_dict() == pytest.approx(nx.harmonic_centrality(g))
    assert (t["weighted_degree"] == t["degree"]).all()


@pytest.mark.parametrize("seed", range(4))
def test_alpha_one_is_networkx_with_lengths_one_over_w(seed):
    g = _random_graph(seed)
    lcm = math.lcm(*range(1, 6))
    h = g.copy()
    for u, v, w in h.edges(data="weight"):
        h.edges[u, v]["length"] = lcm // w  # integers: equal geodesics tie exactly in networkx
    t = measures.weighted_centrality(g, alpha=1)
    expected = nx.betweenness_centrality(h, normalized=False, weight="length")
    assert t["betweenness"].to_dict() == pytest.approx(expected)
    for v in g:
        d = nx.single_source_dijkstra_path_length(h, v, weight="length")
        total = sum(d.values()) / lcm
        assert t.loc[v, "closeness"] == pytest.approx(1 / total if total else math.nan, nan_ok=True)
    assert t["weighted_degree"].to_dict() == pytest.approx(dict(g.degree(weight="weight")))


@pytest.mark.parametrize("seed", range(3))
def test_alpha_one_half_with_real_weights_is_networkx(seed):
    g = _random_graph(seed, integer=False)  # real weights: no two geodesics of equal length
    for u, v, w in g.edges(data="weight"):
        g.edges[u, v]["length"] = w ** -0.5
    t = measures.weighted_centrality(g, alpha=0.5)
    assert t["betweenness"].to_dict() == pytest.approx(nx.betweenness_centrality(g, normalized=False, weight="length"))
    assert t["harmonic_closeness"].to_dict() == pytest.approx(nx.harmonic_centrality(g, distance="length"))


def test_bad_input():
    g = nx.Graph([("a", "b", {"weight": 0})])
    with pytest.raises(ValueError, match="positive"):
        measures.weighted_centrality(g)
    with pytest.raises(ValueError, match="alpha"):
        measures.weighted_centrality(nx.path_graph(2), alpha=-1)
