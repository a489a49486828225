"""Whole-network and per-organisation measures, against hand-computed values and independent recounts."""

from __future__ import annotations

import collections
import csv

import networkx as nx
import pytest

from chanjiao_utils import measures, paths
from chanjiao_utils.graph import organisation_graph
from chanjiao_utils.loading import load


def _attrs(g: nx.Graph) -> nx.Graph:
    for n in g.nodes:
        g.nodes[n].update(name_zh=f"单位{n}", sector="school" if str(n).startswith("s") else "enterprise",
                          provenance="synthetic")
    return g


def test_summary_of_a_star_by_hand():
    # Star with centre c and 4 leaves, plus an isolate: 6 nodes, 4 ties of 15 pairs.
    g = nx.star_graph(["c", "a", "b", "d", "e"])
    g.add_node("z")
    row = measures.summary(g).iloc[0]
    assert row["organisations"] == 6
    assert row["ties"] == 4
    assert row["partnerships"] == 4  # no weights: one partnership per tie
    assert row["density"] == pytest.approx(round(4 / 15, 4))
    assert row["components"] == 2
    assert row["largest_component"] == 5
    assert row["isolates"] == 1
    assert row["mean_degree"] == pytest.approx(round(8 / 6, 4))


def test_summary_adds_partnership_weights():
    g = nx.Graph()
    g.add_edge("a", "b", weight=3)
    g.add_edge("b", "c", weight=1)
    assert measures.summary(g).loc[0, "partnerships"] == 4


def test_components_largest_first_then_smallest_id():
    g = nx.Graph([("d", "e"), ("a", "b"), ("x", "y"), ("y", "z")])
    g.add_node("c")
    assert measures.components(g) == [["x", "y", "z"], ["a", "b"], ["d", "e"], ["c"]]


def test_degree_table_by_hand():
    g = _attrs(nx.Graph())
    g.add_edge("s1", "e1", weight=2)
    g.add_edge("s1", "e2", weight=1)
    g.add_node("e3")
    _attrs(g)
    table = measures.degree_table(g)
    assert table.index.tolist() == ["s1", "e1", "e2", "e3"]
    assert table["degree"].tolist() == [2, 1, 1, 0]
    assert table["strength"].tolist() == [3, 2, 1, 0]
    assert table["component"].tolist() == [1, 1, 1, 2]
    assert table.loc["s1", "name_zh"] == "单位s1"


def test_degree_distribution_sums_to_nodes():
    g = nx.path_graph(5)
    d = measures.degree_distribution(g)
    assert d["organisations"].tolist() == [0, 2, 3]
    assert d["organisations"].sum() == 5


def test_bundled_summary_matches_an_independent_recount():
    with (paths.bundled_data() / "partnerships.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    with (paths.bundled_data() / "organisations.csv").open(encoding="utf-8") as fh:
        orgs = [r["id"] for r in csv.DictReader(fh)]
    pairs = {frozenset((r["org_a"], r["org_b"])) for r in rows}
    tied = {o for p in pairs for o in p}
    row = measures.summary(organisation_graph(load())).iloc[0]
    assert row["organisations"] == len(orgs)
    assert row["ties"] == len(pairs)
    assert row["partnerships"] == len(rows)
    assert row["density"] == pytest.approx(round(len(pairs) / (len(orgs) * (len(orgs) - 1) / 2), 4))
    assert row["isolates"] == len(set(orgs) - tied)


def test_composition_counts_every_organisation_and_keeps_missing():
    consortium = load()
    with (paths.bundled_data() / "organisations.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for column in ("sector", "kind", "council_tier"):
        table = measures.composition(consortium, column)
        expected = collections.Counter((r[column] or "未说明 (not stated)", r["provenance"]) for r in rows)
        got = {(value, prov): int(table.loc[value, prov]) for value in table.index for prov in ("attested", "synthetic")}
        assert {k: v for k, v in got.items() if v} == dict(expected)
        assert table["total"].sum() == len(rows)
    assert measures.composition(consortium, "sector").index.tolist() == [
        "government", "association", "enterprise", "research", "school"]
    assert measures.composition(consortium, "council_tier").index.tolist()[-1] == "未说明 (not stated)"


def test_timeline_writes_dates_to_their_precision():
    table = measures.timeline(load())
    assert table["date"].tolist() == ["2023-04-18", "2023-06", "2023-10-31", "2023-11-02"]


def test_lead_units_are_the_five_named_in_the_article():
    lead = measures.lead_units(load())
    assert lead.index.tolist() == ["A01", "A02", "A03", "A04", "A05"]
    assert lead["lead_role"].tolist() == ["lead_school", "park", "lead_enterprise", "lead_enterprise", "lead_enterprise"]


def test_component_table_and_ties_by_provenance_by_hand():
    g = nx.Graph()
    g.add_edge("a", "b", weight=2, provenance="attested")
    g.add_edge("c", "d", weight=1, provenance="synthetic")
    g.add_edge("d", "e", weight=3, provenance="synthetic")
    for n in g.nodes:
        g.nodes[n].update(name_zh=n.upper(), provenance="attested" if n in "ab" else "synthetic")
    comp = measures.component_table(g, show=2)
    assert comp["organisations"].tolist() == [3, 2]
    assert comp["attested"].tolist() == [0, 2]
    assert comp["members"].tolist() == ["C、D…", "A、B"]
    ties = measures.ties_by_provenance(g)
    assert ties.loc["attested"].tolist() == [1, 2]
    assert ties.loc["synthetic"].tolist() == [2, 4]
