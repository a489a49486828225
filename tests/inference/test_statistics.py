"""The fast paths used for draws give the measures' own values; hand-computed values on tiny graphs."""

from __future__ import annotations

import math
import random

import networkx as nx
import numpy as np
import pytest

from chanjiao_utils import measures
from chanjiao_utils.graph import organisation_graph
from chanjiao_utils.inference import statistics as S
from chanjiao_utils.inference.frames import Draw, Frame, brokerage_counts
from chanjiao_utils.measures.brokerage import ROLES
from chanjiao_utils.loading import load

SECTORS = ("government", "association", "enterprise", "research", "school")


def with_sectors(g: nx.Graph, seed: int, groups=SECTORS) -> nx.Graph:
    rng = random.Random(seed)
    nx.set_node_attributes(g, {v: rng.choice(groups) for v in g.nodes}, "sector")
    return g


GRAPHS = {
    "bundled": lambda: organisation_graph(load()),
    "karate": lambda: with_sectors(nx.karate_club_graph(), 1),
    "gnm": lambda: with_sectors(nx.gnm_random_graph(40, 90, seed=3), 2),
    "sparse": lambda: with_sectors(nx.gnm_random_graph(30, 12, seed=4), 3, ("a", "b")),
    "barbell": lambda: with_sectors(nx.barbell_graph(5, 2), 5, ("a", "b", "c")),
}


@pytest.mark.parametrize("name", GRAPHS)
def test_fast_paths_equal_the_measures(name):
    g = GRAPHS[name]()
    frame = Frame.of(g)
    draw = Draw(frame)
    for statistic in S.available(frame).values():
        observed, fast = statistic.measure(g, "sector"), statistic.fast(draw)
        assert (math.isnan(observed) and math.isnan(fast)) or fast == pytest.approx(observed, rel=1e-12, abs=1e-12), \
            statistic.name


def test_the_bundled_graph_has_every_family():
    names = set(S.available(Frame.of(organisation_graph(load()))))
    assert {"transitivity", "degree_centralization", "betweenness_centralization", "modularity",
            "core_periphery_fit", "ei_index", "assortativity", "brokerage_liaison", "brokerage_school",
            "mixing_enterprise_school"} <= names


@pytest.mark.parametrize("seed", range(8))
def test_brokerage_by_matrices_equals_the_measure(seed):
    g = with_sectors(nx.gnp_random_graph(25, 0.15, seed=seed), seed)
    frame = Frame.of(g)
    roles, by_group = brokerage_counts(Draw(frame).adjacency, frame.codes, len(frame.groups))
    network = measures.brokerage_network(g)
    assert roles.tolist() == [int(network.loc[r, "observed"]) for r in ROLES]
    assert by_group.tolist() == measures.brokerage_by_group(g)["total"].tolist()


def triangle_with_tail() -> nx.Graph:
    g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")])
    nx.set_node_attributes(g, {"a": "X", "b": "X", "c": "Y", "d": "Y"}, "sector")
    return g


def test_hand_computed_values_on_a_triangle_with_a_tail():
    g = triangle_with_tail()
    # 3 triangles·... : 1 triangle, connected triples Σ C(k,2) = 1 + 1 + 3 + 0 = 5: 3·1/5
    assert S.value(g, "transitivity") == pytest.approx(0.6)
    # degrees 2, 2, 3, 1: Σ(3 − k) = 4 over (n−1)(n−2) = 6
    assert S.value(g, "degree_centralization") == pytest.approx(4 / 6)
    # betweenness: c lies on a–d and b–d: 2; Σ(2 − b) = 6 over (n−1)²(n−2)/2 = 9
    assert S.value(g, "betweenness_centralization") == pytest.approx(6 / 9)
    # external a–c, b–c; internal a–b, c–d: (2 − 2)/4
    assert S.value(g, "ei_index") == 0.0
    # c brokers a → d, d → a (representative / gatekeeper, the broker is in d's group) and b → d, d → b
    assert S.value(g, "brokerage_gatekeeper") == 2 and S.value(g, "brokerage_representative") == 2
    assert S.value(g, "brokerage_Y") == 4 and S.value(g, "brokerage_X") == 0
    assert S.value(g, "mixing_X_Y") == 2 and S.value(g, "mixing_X_X") == 1


def test_a_callable_is_a_statistic():
    g = triangle_with_tail()

    def max_degree(graph: nx.Graph) -> float:
        return max(d for _, d in graph.degree())

    assert S.value(g, max_degree) == 3
    assert S.resolve(Frame.of(g), [max_degree])[0].name == "max_degree"


def test_an_unknown_name_lists_the_known_ones():
    with pytest.raises(ValueError, match=r"unknown statistic 'transitivty'.*transitivity, degree_centralization"):
        S.value(triangle_with_tail(), "transitivty")


def test_group_statistics_need_the_group():
    g = nx.path_graph(4)
    assert "ei_index" not in S.available(Frame.of(g))
    with pytest.raises(ValueError, match="unknown statistic 'ei_index'"):
        S.value(g, "ei_index")


def test_assortativity_is_nan_when_all_ties_lie_in_one_group():
    g = nx.Graph([("a", "b")])
    g.add_node("x")
    nx.set_node_attributes(g, {"a": "A", "b": "A", "x": "B"}, "sector")
    d = Draw(Frame.of(g))
    assert math.isnan(S.BASE["assortativity"].fast(d)) and math.isnan(S.value(g, "assortativity"))
    assert np.isnan(S.ei_batch(np.zeros((2, 3), dtype=int), np.zeros((0, 2), dtype=int))).all()
