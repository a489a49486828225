"""Missing data: what is dropped, the rankings' agreement, and the table's shape and reproducibility."""

from __future__ import annotations

import importlib

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from chanjiao_utils import measures
from chanjiao_utils.graph import organisation_graph
from chanjiao_utils.inference.frames import Draw, Frame
from chanjiao_utils.loading import load

M = importlib.import_module("chanjiao_utils.inference.missing")  # the package exports a function of that name


def test_the_centralities_are_the_measures():
    g = organisation_graph(load())
    d = Draw(Frame.of(g))
    table = measures.centrality(g)
    n = g.number_of_nodes()
    assert (M._centrality(d, "degree") == table["degree"].to_numpy()).all()
    scaled = M._centrality(d, "betweenness") * 2 / ((n - 1) * (n - 2))  # networkx normalises, the ranks do not care
    assert np.allclose(scaled, table["betweenness"].to_numpy(), rtol=1e-12, atol=1e-15)


def test_damage_drops_the_share_asked_for():
    frame = Frame.of(organisation_graph(load()))
    rng = np.random.default_rng(0)
    ties = M._damage(frame, "ties", 0.25, rng)
    assert len(ties.edges) == frame.m - round(0.25 * frame.m) and ties.n == frame.n
    assert {tuple(e) for e in ties.edges.tolist()} <= {tuple(e) for e in frame.edges.tolist()}
    orgs = M._damage(frame, "organisations", 0.2, rng)
    assert orgs.n == frame.n - 17 and len(orgs.keep) == orgs.n
    kept = set(orgs.keep.tolist())
    expected = {(a, b) for a, b in frame.edges.tolist() if a in kept and b in kept}
    assert {(int(orgs.keep[a]), int(orgs.keep[b])) for a, b in orgs.edges.tolist()} == expected


def test_spearman_and_top_k_by_hand():
    assert M.spearman(np.array([1.0, 2, 3]), np.array([3.0, 2, 1])) == pytest.approx(-1)
    assert np.isnan(M.spearman(np.array([1.0, 2, 3]), np.array([1.0, 1, 1])))
    # leaders of full: positions 0 and 1; damaged ranks them 1st and 3rd
    assert M.top_kept(np.array([9.0, 8, 1]), np.array([5.0, 1, 2]), 2) == 0.0
    assert M.top_kept(np.array([9.0, 8, 1]), np.array([5.0, 4, 4]), 2) == 1.0


def test_nothing_missing_changes_nothing():
    g = nx.karate_club_graph()
    t = M.missing_data(g, shares=[0.0], runs=3, statistics=["transitivity"], top=4).set_index("statistic")
    assert t.loc["transitivity", "min"] == t.loc["transitivity", "max"] == pytest.approx(t.loc["transitivity", "observed"])
    assert t.loc["spearman_betweenness", "min"] == pytest.approx(1.0) and t.loc["top4_degree", "share_holds"] == 1.0


def test_more_missing_ties_move_rankings_further():
    g = organisation_graph(load())
    t = M.missing_data(g, shares=[0.05, 0.5], runs=60, statistics=["transitivity"], seed=3)
    rho = t[t["statistic"] == "spearman_degree"].set_index("share")["median"]
    assert rho[0.05] > rho[0.5]
    assert list(t.columns) == M.COLUMNS and set(t["unit"]) == {"ties"}


def test_the_same_seed_gives_the_same_table_whatever_n_jobs_and_other_shares():
    g = organisation_graph(load())
    kw = {"runs": 30, "unit": "organisations", "statistics": ["ei_index", "modularity"], "seed": 4}
    one = M.missing_data(g, shares=[0.1, 0.3], n_jobs=1, **kw)
    two = M.missing_data(g, shares=[0.1, 0.3], n_jobs=2, **kw)
    pd.testing.assert_frame_equal(one, two)
    alone = M.missing_data(g, shares=[0.3], n_jobs=1, **kw)
    pd.testing.assert_frame_equal(alone.reset_index(drop=True),
                                  one[one["share"] == 0.3].reset_index(drop=True))


@pytest.mark.parametrize("kwargs, message", [
    ({"runs": 0}, "runs must be a positive"),
    ({"shares": [-0.1]}, r"shares must lie in \[0, 1\)"),
    ({"shares": [1.0]}, r"shares must lie in \[0, 1\)"),
    ({"unit": "nodes"}, "unknown unit 'nodes'; known: ties, organisations"),
    ({"centralities": ["eigenvector"]}, "unknown centrality 'eigenvector'; known: degree, betweenness"),
    ({"top": 0}, "top must be a positive"),
    ({"statistics": ["nope"]}, "unknown statistic 'nope'"),
])
def test_bad_arguments_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        M.missing_data(nx.karate_club_graph(), **{"runs": 2, **kwargs})
