"""chanjiao_utils.findings: every number in a finding's words is the number the data give."""

from __future__ import annotations

import itertools
import re

import networkx as nx
import pytest

import chanjiao_utils as cj
from chanjiao_utils import findings, measures
from chanjiao_utils.graph import organisation_graph

from conftest import make_small_package, org_row, tie_row


@pytest.fixture(scope="module")
def bundled():
    consortium = cj.load()
    return consortium, organisation_graph(consortium), findings.key_findings(consortium)


def test_composition_counts_every_member_and_tie(bundled):
    consortium, graph, found = bundled
    first = found[0]
    assert first.value == len(consortium.organisations) == 85
    assert f"{graph.number_of_edges()} pairs of them cooperate" in first.en
    counts = consortium.organisations["sector"].value_counts()
    for sector, n in counts.items():
        word = findings.PARTY_WORDS[sector][0]
        assert f"{word}{n}家" in first.zh


def test_bridges_names_the_party_with_the_highest_mean_betweenness(bundled):
    consortium, graph, found = bundled
    mean = measures.centrality(graph).groupby("sector")["betweenness"].mean()
    assert found[1].value == mean.idxmax()
    assert f"{mean.max():.3f}" in found[1].zh and f"{mean.max():.3f}" in found[1].en


def test_thinnest_area_has_the_fewest_organisations(bundled):
    consortium, graph, found = bundled
    taking_part = {code: set() for code in consortium.areas.index}
    for _, tie in consortium.partnerships.dropna(subset=["area"]).iterrows():
        taking_part[int(tie["area"])] |= {tie["org_a"], tie["org_b"]}
    fewest = min(len(v) for v in taking_part.values())
    assert len(taking_part[found[2].value]) == fewest
    assert f"{fewest}家单位" in found[2].zh


def test_mixing_share_is_the_external_ties_recounted(bundled):
    consortium, graph, found = bundled
    sector = nx.get_node_attributes(graph, "sector")
    external = sum(sector[u] != sector[v] for u, v in graph.edges)
    assert f"{100 * external / graph.number_of_edges():.0f}%" in found[3].zh
    assert found[3].value == pytest.approx((external - (graph.number_of_edges() - external)) / graph.number_of_edges())


def _pairs_of_others_lost(graph: nx.Graph, node) -> int:
    """Brute force: pairs of the other organisations connected before and not after ``node`` leaves."""
    rest = graph.copy()
    rest.remove_node(node)
    lost = 0
    for a, b in itertools.combinations(sorted(rest.nodes), 2):
        if nx.has_path(graph, a, b) and not nx.has_path(rest, a, b):
            lost += 1
    return lost


def test_departure_counts_pairs_of_the_others_by_brute_force(tmp_path):
    # Two stars joined by a bridge A1—B1, and an isolate: A1's departure cuts its three leaves off from each
    # other (3 pairs) and from the four of B1's side (12): 15 pairs of the others; B1's likewise; a leaf's, none.
    orgs = [org_row(i) for i in ("A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4", "C1")]
    ties = [tie_row(f"P{k}", a, b, area=2) for k, (a, b) in enumerate(
        [("A1", "A2"), ("A1", "A3"), ("A1", "A4"), ("B1", "B2"), ("B1", "B3"), ("B1", "B4"), ("A1", "B1")], start=1)]
    package = make_small_package(tmp_path / "two_stars", orgs, ties)
    consortium = cj.load(package.folder)
    graph = organisation_graph(consortium)
    found = findings.departure(consortium, graph)
    lost = {n: _pairs_of_others_lost(graph, n) for n in graph.nodes}
    assert lost["A1"] == lost["B1"] == 15 and max(lost.values()) == 15 and lost["A2"] == lost["C1"] == 0
    assert found.value == ["A1", "B1"], "a tie is kept as a tie"
    assert found.details["pairs_lost"] == 15
    assert "2 departures tie" in found.en and "15 pairs" in found.en and "（并列）" in found.zh


def test_a_roster_without_ties_says_what_cannot_be_answered(tmp_path):
    package = make_small_package(tmp_path / "no_ties", [org_row("A1"), org_row("A2", "school", "university")], [])
    found = findings.key_findings(cj.load(package.folder))
    assert found[0].value == 2
    for finding in found[1:]:
        assert finding.value is None and "no ties" in finding.en and "templates/ties.xlsx" in finding.en


def test_findings_on_synthetic_rows_carry_their_share(bundled):
    _, _, found = bundled
    assert [f.synthetic for f in found] == [pytest.approx(80 / 85)] * 5
    assert not any(re.search(r"\bnan\b", f.en) for f in found)


def test_how_sure_gives_baselines_and_the_share_of_completions_that_agree(bundled):
    from chanjiao_utils import inference

    consortium, graph, found = bundled
    sure = {f.id: f for f in findings.how_sure(consortium, found, runs=20, draws=200)}
    assert "p < 0.005" in sure["bridges"].how_sure_en  # none of 200 relabellings reaches the schools' mean
    assert "holds in 100% of 20 synthetic completions" in sure["bridges"].how_sure_en
    # The share for the thinnest area is what the completions say, recounted with the same question.
    area = sure["thinnest_area"].value
    question = inference.Finding("t", lambda c, g: int(measures.thin_areas(c).sort_values(
        ["organisations", "partnerships"], kind="stable").index[0]) == area)
    share = inference.completions(consortium, runs=20, statistics=[], findings=[question]).iloc[0]["share_holds"]
    assert f"holds in {100 * share:.0f}% of 20 synthetic completions" in sure["thinnest_area"].how_sure_en
    assert "generator's assumptions" in sure["composition"].how_sure_en


def test_how_sure_on_a_roster_of_ones_own_has_no_completions(tmp_path):
    orgs = [org_row(i, sector, kind, provenance="attested", source_id="S01")
            for i, sector, kind in [("A1", "school", "university"), ("A2", "enterprise", "leading_enterprise"),
                                    ("A3", "enterprise", "leading_enterprise"), ("A4", "school", "university")]]
    ties = [tie_row(f"P{k}", a, b, area=2, provenance="attested", source_id="S01")
            for k, (a, b) in enumerate([("A1", "A2"), ("A1", "A3"), ("A4", "A2")], start=1)]
    consortium = cj.load(make_small_package(tmp_path / "own", orgs, ties).folder)
    sure = findings.how_sure(consortium, findings.key_findings(consortium), draws=100)
    assert not any("completions" in f.how_sure_en for f in sure)
    assert "relabellings" in {f.id: f for f in sure}["mixing"].how_sure_en

def test_notebook_sentences_take_their_numbers_from_the_tables(bundled):
    consortium, graph, _ = bundled
    effects = measures.disconnecting_departures(graph)
    words = findings.departures_found(graph, "en")
    assert f"only {len(effects)} cut other members apart" in words
    assert f"{int(effects['pairs_disconnected'].max())} pairs of the remaining" in words
    top = findings.top_departures(graph, 3)
    assert set(top) == set(effects.index[effects["rank"] <= 3]) and len(top) >= 3
    thin = measures.thin_areas(consortium)
    assert f"fewer than {thin.attrs['threshold']:g}" in findings.thin_rule_found(consortium, "en")
    share = measures.brokerage_pairs_by_group(graph, "sector")
    assert f"{int(share['total'].max())} of the {int(share['total'].sum())} brokered pairs" in \
        findings.brokerage_found(consortium, graph, "en")
    assert "cannot stand between any pair" in findings.lead_school_found(consortium, graph, "en")


def test_notebook_sentences_on_a_roster_without_ties(tmp_path):
    from chanjiao_utils.graph import organisation_graph as og

    orgs = [org_row(i, provenance="attested", source_id="S01") for i in ("A1", "A2", "A3")]
    consortium = cj.load(make_small_package(tmp_path / "own", orgs, []).folder)
    graph = og(consortium)
    for words in (findings.departures_found(graph, "en"), findings.thin_rule_found(consortium, "en"),
                  findings.coverage_found(consortium, "en"), findings.overlap_found(consortium, "en"),
                  findings.brokerage_found(consortium, graph, "en")):
        assert "data/templates/ties.xlsx" in words
