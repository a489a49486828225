"""Claims: a test read as higher / lower / as the null gives, its sentence built from the table's numbers."""

from __future__ import annotations

import networkx as nx
import numpy as np

import chanjiao_utils as cj
from chanjiao_utils import inference as inf
from chanjiao_utils.inference.claims import CLAIM_COLUMNS
from chanjiao_utils.findings import claim_finding, claim_findings, number, p_value


def test_table_of_draws_equals_significance_for_the_same_seed():
    g = cj.organisation_graph(cj.load())
    draws = {m: inf.null_draws(g, s, m, draws=60, seed=5) for m, s in
             {"edges": ["transitivity", "ei_index"], "labels": ["assortativity"]}.items()}
    expected = inf.significance(g, ["transitivity", "ei_index"], "edges", draws=60, seed=5)
    got = inf.table_of_draws(g, draws, 5)
    assert got.iloc[:2].reset_index(drop=True).equals(expected)
    assert got.iloc[2]["statistic"] == "assortativity" and got.iloc[2]["null_model"] == "labels"


def test_claims_without_ties_is_empty_and_says_so():
    g = nx.empty_graph(5)
    nx.set_node_attributes(g, "school", "sector")
    c = cj.load()
    t = inf.claims(c, g, {"edges": ["transitivity"]}, draws=20, runs=0)
    assert t.empty and list(t.columns) == CLAIM_COLUMNS
    assert "no ties" in claim_findings(t, "en")[0]


def test_every_number_of_a_claim_sentence_is_the_tables():
    c = cj.load()
    g = cj.organisation_graph(c)
    t = inf.claims(c, g, {"edges": ["transitivity"], "degree": ["betweenness_centralization"]}, draws=100, runs=4,
                   inner_draws=10)
    for _, row in t.iterrows():
        en = claim_finding(row).en
        assert number(row["observed"]) in en and number(row["null_mean"]) in en
        assert f"{100 * row['holds_share']:.0f}% of 4" in en
        draws = int(row["draws"])
        if row["reading"] == "higher":
            assert f"p_upper {p_value(row['p_upper'], draws)}" in en
        elif row["reading"] == "lower":
            assert f"p_lower {p_value(row['p_lower'], draws)}" in en
        else:
            assert "what" in en and p_value(row["p_lower"], draws) in en
    assert np.all(t["runs"] == 4)
