"""A consortium's profile: a five-organisation consortium worked out by hand, and agreement with the measures it joins."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from chanjiao_utils import measures
from chanjiao_utils.graph import organisation_graph
from chanjiao_utils.loading import load
from chanjiao_utils.measures.profile import PROFILE_COLUMNS, consortium_profile

from conftest import collection_consortia, make_small_package, org_row, tie_row


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """School S (lead school, attested), enterprises E1, E2, X (X without ties), government G.

    Ties: S–E1 in areas 1 and 2, S–E2 in area 2, S–G in area 6, E1–E2 in area 2.
    """
    orgs = [
        org_row("A01", "school", "secondary_vocational_school", lead_role="lead_school", provenance="attested",
                source_id="S01", council_tier=""),
        org_row("S001", "enterprise", "leading_enterprise"),
        org_row("S002", "enterprise", "leading_enterprise"),
        org_row("S003", "government", "government_body"),
        org_row("S004", "enterprise", "leading_enterprise"),
    ]
    ties = [tie_row("PS01", "A01", "S001", 1), tie_row("PS02", "A01", "S001", 2), tie_row("PS03", "A01", "S002", 2),
            tie_row("PS04", "A01", "S003", 6), tie_row("PS05", "S001", "S002", 2)]
    package = make_small_package(tmp_path_factory.mktemp("tiny") / "tiny", orgs, ties)
    return load(package.folder)


def test_tiny_consortium_by_hand(tiny):
    p = consortium_profile(tiny).iloc[0]
    assert list(consortium_profile(tiny).columns) == list(PROFILE_COLUMNS)
    assert (p["organisations"], p["ties"], p["partnerships"], p["components"], p["largest_component"], p["isolates"]) == \
        (5, 4, 5, 2, 4, 1)
    assert p["density"] == pytest.approx(4 / 10) and p["mean_degree"] == pytest.approx(8 / 5)
    # degrees 3, 2, 2, 1, 0: Σ(3 − d) = 7 over (n−1)(n−2) = 12
    assert p["degree_centralization"] == pytest.approx(7 / 12)
    # only the school lies between others (G–E1, G–E2): b = 2; Σ(2 − b) = 8 over (n−1)²(n−2)/2 = 24
    assert p["betweenness_centralization"] == pytest.approx(1 / 3)
    # open two-paths through the school: G–S–E1 and G–S–E2, three sectors each: liaison, counted both ways
    assert (p["lead_school"], p["lead_school_degree"], p["lead_school_brokerage"], p["lead_school_liaison"]) == \
        ("A01", 3, 4, 4)
    # of the school's 3 pairs of partners (G–E1, G–E2, E1–E2) it brokers the 2 not tied to each other
    assert p["lead_school_brokered_share"] == pytest.approx(2 / 3)
    assert p["areas_covered"] == 3  # 1, 2, 6
    assert p["thin_areas"] == 9  # the median area has no organisation: only the empty ones are thin
    # E = 3 ties across sectors, I = 1 (E1–E2): (3 − 1)/4; expected: Pe = 1·3 + 1·1 + 3·1 = 7, Pi = 3 → 4/10
    assert p["ei_index"] == pytest.approx(0.5) and p["expected_ei"] == pytest.approx(0.4)
    assert p["synthetic_organisations"] == pytest.approx(0.8) and p["synthetic_partnerships"] == 1.0


def test_profile_agrees_with_the_measures_it_joins():
    consortium = load()
    graph = organisation_graph(consortium)
    p = consortium_profile(consortium).iloc[0]
    whole = measures.cohesion(graph, engine="networkx").iloc[0]
    assert p["degree_centralization"] == pytest.approx(whole["degree_centralization"], abs=1e-12)
    assert p["betweenness_centralization"] == pytest.approx(whole["betweenness_centralization"], abs=1e-12)
    roles = measures.brokerage(graph).loc["A01"]
    assert p["lead_school_brokerage"] == roles["total"] and p["lead_school_liaison"] == roles["liaison"]
    assert p["ei_index"] == pytest.approx(measures.ei_index(graph).loc[0, "ei_index"])
    counts = consortium.provenance_counts()
    assert p["synthetic_organisations"] == pytest.approx(80 / 85)
    assert p["synthetic_partnerships"] == pytest.approx(counts.loc["partnerships", "synthetic"] / counts.loc["partnerships", "total"])


def test_area_columns_are_those_of_thin_areas(tiny):
    for consortium in [tiny, load(), *collection_consortia()]:
        p, areas = consortium_profile(consortium).iloc[0], measures.thin_areas(consortium)
        assert p["areas_covered"] == int((areas["partnerships"] > 0).sum())
        assert p["thin_areas"] == int(areas["thin"].sum())


def test_both_engines_give_the_same_profile():
    consortium = load()
    pd.testing.assert_frame_equal(consortium_profile(consortium, engine="networkx"),
                                  consortium_profile(consortium, engine="igraph"), rtol=1e-9)


def test_a_consortium_without_lead_school_has_no_lead_school_values(tiny):
    tiny.organisations.loc["A01", "lead_role"] = "none"
    try:
        p = consortium_profile(tiny).iloc[0]
    finally:
        tiny.organisations.loc["A01", "lead_role"] = "lead_school"
    assert p["lead_school"] is pd.NA and p["lead_school_brokerage"] is pd.NA and math.isnan(p["lead_school_brokerage_z"])
    assert math.isnan(p["lead_school_brokered_share"])
    assert p["organisations"] == 5
