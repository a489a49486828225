"""The significance table: sampled p-values and means agree with full enumeration within Monte Carlo error,
the same seed gives the same table whatever n_jobs, undefined draws are counted, bad arguments are refused."""

from __future__ import annotations

import importlib
import itertools
import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from chanjiao_utils.inference._common import TIE_TOLERANCE
from chanjiao_utils.inference.frames import Draw, Frame
from chanjiao_utils.inference.statistics import BASE, available

sig = importlib.import_module("chanjiao_utils.inference.significance")  # the package exports a function of that name

#: Sampled and exact agree within this many standard errors (p: √(p(1−p)/draws); mean: sd/√draws).
SE = 4
DRAWS = 4000


def exact(values: np.ndarray, observed: float) -> dict[str, float]:
    tol = TIE_TOLERANCE * max(1.0, abs(observed))
    return {"mean": values.mean(), "sd": values.std(), "p_lower": np.mean(values <= observed + tol),
            "p_upper": np.mean(values >= observed - tol)}


def assert_close(row: pd.Series, truth: dict[str, float]) -> None:
    draws = row["draws"] - row["undefined"]
    assert abs(row["null_mean"] - truth["mean"]) <= SE * truth["sd"] / math.sqrt(draws) + 1e-12, row["statistic"]
    for p in ("p_lower", "p_upper"):
        assert abs(row[p] - truth[p]) <= SE * math.sqrt(truth[p] * (1 - truth[p]) / draws) + 1e-12, (row["statistic"], p)


def tadpole() -> nx.Graph:
    """A triangle with a tail of three: n = 6, m = 6."""
    return nx.Graph([(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5)])


STRUCTURE = ["transitivity", "degree_centralization", "betweenness_centralization"]


def every_graph(n: int, m: int) -> list[np.ndarray]:
    pairs = list(itertools.combinations(range(n), 2))
    return [np.array(c, dtype=np.int64) for c in itertools.combinations(pairs, m)]


def test_edges_p_values_agree_with_every_graph_of_six_ties_on_six_organisations():
    g = tadpole()
    frame = Frame.of(g)
    graphs = every_graph(6, 6)  # 5005 graphs, each equally likely under G(n, m)
    table = sig.significance(g, STRUCTURE, "edges", draws=DRAWS, seed=3).set_index("statistic")
    for name in STRUCTURE:
        values = np.array([BASE[name].fast(Draw(frame, edges=e)) for e in graphs])
        assert_close(table.loc[name].rename(name), exact(values, table.loc[name, "observed"]))


def test_degree_p_values_agree_with_every_graph_with_the_degree_sequence():
    g = nx.Graph([(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5), (1, 4)])  # degrees 2, 3, 3, 2, 3, 1
    frame = Frame.of(g)
    degrees = np.bincount(frame.edges.ravel(), minlength=6)
    graphs = [e for e in every_graph(6, 7) if (np.bincount(e.ravel(), minlength=6) == degrees).all()]
    assert len(graphs) > 10
    names = ["transitivity", "betweenness_centralization"]
    table = sig.significance(g, names, "degree", draws=DRAWS, seed=4).set_index("statistic")
    for name in names:
        values = np.array([BASE[name].fast(Draw(frame, edges=e)) for e in graphs])
        assert_close(table.loc[name].rename(name), exact(values, table.loc[name, "observed"]))


def labelled() -> nx.Graph:
    g = nx.Graph([(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5), (5, 6), (3, 6), (1, 5)])
    nx.set_node_attributes(g, dict(enumerate("AAABBCC")), "sector")
    return g


def test_labels_p_values_agree_with_every_labelling():
    g = labelled()
    frame = Frame.of(g)
    names = ["ei_index", "assortativity", "brokerage_A", "brokerage_liaison", "mixing_A_B"]
    stats = available(frame)
    table = sig.significance(g, names, "labels", draws=DRAWS, seed=5).set_index("statistic")
    perms = np.array(list(itertools.permutations(range(7))))  # 5040 relabellings
    for name in names:
        values = np.array([stats[name].fast(Draw(frame, codes=frame.codes[p])) for p in perms])
        assert_close(table.loc[name].rename(name), exact(values, table.loc[name, "observed"]))


def test_the_same_seed_gives_the_same_table_whatever_n_jobs():
    g = labelled()
    names = ["transitivity", "modularity", "ei_index", "brokerage_B"]
    one = sig.significance(g, names, ["edges", "degree"], draws=120, seed=8, n_jobs=1)
    two = sig.significance(g, names, ["edges", "degree"], draws=120, seed=8, n_jobs=2)
    pd.testing.assert_frame_equal(one, two)
    assert not one.equals(sig.significance(g, names, ["edges", "degree"], draws=120, seed=9, n_jobs=1))


def test_draw_i_is_the_same_whatever_the_number_of_draws():
    g = labelled()
    short = sig.null_draws(g, ["transitivity", "ei_index"], "edges", draws=30, seed=2)
    long = sig.null_draws(g, ["transitivity", "ei_index"], "edges", draws=130, seed=2)
    pd.testing.assert_frame_equal(short, long.iloc[:30])


def test_the_default_set_is_every_statistic_under_every_model_that_applies():
    g = labelled()
    tests = sig.default_tests(g)
    assert set(tests) == {"edges", "degree", "labels"}
    assert "degree_centralization" in tests["edges"] and "degree_centralization" not in tests["degree"]
    assert "transitivity" not in tests["labels"] and "ei_index" in tests["labels"]
    table = sig.significance(g, draws=50, seed=1, layers=(g, nx.cycle_graph(7)))
    assert list(table.columns) == sig.COLUMNS
    assert sum(len(v) for v in tests.values()) + 1 == len(table)
    assert table.iloc[-1]["null_model"] == "qap"


def test_labels_need_the_group_attribute():
    with pytest.raises(ValueError, match="no organisation has the attribute 'sector'"):
        sig.significance(tadpole(), null_models="labels", draws=10)
    assert set(sig.significance(tadpole(), draws=10)["null_model"]) == {"edges", "degree"}


def test_summarise_counts_undefined_draws_and_compares_with_ties():
    row = sig.summarise("x", "edges", 2.0, np.array([1.0, 2.0, 3.0, np.nan]), 7)
    assert row["undefined"] == 1 and row["draws"] == 4
    assert row["p_lower"] == pytest.approx(2 / 3) and row["p_upper"] == pytest.approx(2 / 3)
    assert row["null_mean"] == 2.0 and row["null_sd"] == 1.0 and row["seed"] == 7


def test_undefined_draws_reach_the_table():
    def odd_is_undefined(graph: nx.Graph) -> float:
        return math.nan if graph.degree(0) % 2 else float(graph.degree(0))

    row = sig.significance(tadpole(), [odd_is_undefined], "edges", draws=200, seed=1).iloc[0]
    values = sig.null_draws(tadpole(), [odd_is_undefined], "edges", draws=200, seed=1)["odd_is_undefined"]
    assert row["undefined"] == values.isna().sum() > 0
    assert row["p_upper"] == pytest.approx((values.dropna() >= 2).mean())


@pytest.mark.parametrize("kwargs, message", [
    ({"draws": 0}, "draws must be a positive"),
    ({"draws": -5}, "draws must be a positive"),
    ({"seed": -1}, "seed must be a non-negative"),
    ({"null_models": "config"}, "unknown null model 'config'; known: edges, degree, labels, qap"),
    ({"statistics": ["density"]}, "unknown statistic 'density'; known"),
    ({"null_models": "qap"}, "needs layers"),
    ({"statistics": ["transitivity"], "null_models": "labels"}, "does not read"),
])
def test_bad_arguments_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        sig.significance(labelled(), **{"draws": 10, **kwargs})
