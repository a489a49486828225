"""Two-mode organisation × area measures: a hand-made package done by hand, the bundled data recounted
from partnerships.csv, and properties of random two-mode graphs."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao_utils import measures
from chanjiao_utils.graph import organisation_area_graph
from chanjiao_utils.loading import load
from chanjiao_utils.measures import areas as A

from conftest import BUNDLED, collection_consortia, make_small_package, org_row, read_csv, tie_row

SECTORS = ["government", "association", "enterprise", "research", "school"]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """7 organisations; participation (worked out by hand below):

    area 2: S1–E1, S1–E2, S2–E2 → S1, S2, E1, E2 (4 organisations, 3 partnerships)
    area 3: S1–E1, E1–E2        → S1, E1, E2     (3, 2)
    area 6: S2–G1               → S2, G1         (2, 1)
    area 12: S2–E1              → S2, E1         (2, 1)
    R1–S1 has no area (counts nowhere); A1 has no tie; areas 1, 4, 5, 7–11 are unused.
    """
    folder = tmp_path_factory.mktemp("areas") / "small"
    make_small_package(folder, [
        org_row("S1", sector="school", kind="secondary_vocational_school"),
        org_row("S2", sector="school", kind="higher_vocational_college"),
        org_row("E1"),
        org_row("E2", kind="tech_innovation_enterprise"),
        org_row("G1", sector="government", kind="government_body"),
        org_row("R1", sector="research", kind="research_institute"),
        org_row("A1", sector="association", kind="industry_association"),
    ], [
        tie_row("T1", "S1", "E1", 2),
        tie_row("T2", "E1", "S1", 3),
        tie_row("T3", "S1", "E2", 2),
        tie_row("T4", "S2", "E2", 2),
        tie_row("T5", "S2", "G1", 6),
        tie_row("T6", "E1", "E2", 3),
        tie_row("T7", "R1", "S1", ""),
        tie_row("T8", "S2", "E1", 12),
    ])
    return load(folder)


# ----------------------------------------------------------------------------- by hand


def test_area_degree_by_hand(small):
    table = A.area_degree(organisation_area_graph(small))
    assert table.index.tolist() == list(range(1, 13))  # all twelve, unused ones included
    orgs = {2: 4, 3: 3, 6: 2, 12: 2}
    rows = {2: 3, 3: 2, 6: 1, 12: 1}
    assert table["organisations"].to_dict() == {c: orgs.get(c, 0) for c in range(1, 13)}
    assert table["partnerships"].to_dict() == {c: rows.get(c, 0) for c in range(1, 13)}
    # normalised by the other mode: 7 organisations (the isolate A1 and the area-less R1 included)
    assert table.loc[2, "organisations_normalised"] == pytest.approx(4 / 7)
    assert table.loc[6, "organisations_normalised"] == pytest.approx(2 / 7)
    assert table.loc[1, "organisations_normalised"] == 0
    assert table.loc[6, "sector_list"] == "government, school"
    assert table.loc[2, "sectors"] == 2 and table.loc[1, "sectors"] == 0 and table.loc[1, "sector_list"] == ""
    assert table.loc[1, "name_zh"] == "共建产业学院" and table.loc[1, "group"] == "合作办学"


def test_organisation_area_degree_by_hand(small):
    table = A.organisation_area_degree(organisation_area_graph(small))
    assert table.index.tolist() == sorted(["S1", "S2", "E1", "E2", "G1", "R1", "A1"])
    assert table.columns[:3].tolist() == ["name_zh", "sector", "provenance"]
    areas = {"S1": 2, "S2": 3, "E1": 3, "E2": 2, "G1": 1, "R1": 0, "A1": 0}
    rows = {"S1": 3, "S2": 3, "E1": 4, "E2": 3, "G1": 1, "R1": 0, "A1": 0}  # T7 (no area) not counted
    assert table["areas"].to_dict() == areas
    assert table["partnerships"].to_dict() == rows
    for org, k in areas.items():
        assert table.loc[org, "areas_normalised"] == pytest.approx(k / 12)


def test_coverage_matrix_by_sector_by_hand(small):
    m = A.coverage_matrix(small)
    assert m.index.tolist() == list(range(1, 13))
    assert m.columns.tolist() == SECTORS  # all five, in the package's order, even research and association at 0
    expected = {2: [0, 0, 2, 0, 2], 3: [0, 0, 2, 0, 1], 6: [1, 0, 0, 0, 1], 12: [0, 0, 1, 0, 1]}
    for code in range(1, 13):
        assert m.loc[code].tolist() == expected.get(code, [0] * 5)


def test_coverage_matrix_by_organisation_and_other_columns(small):
    m = A.coverage_matrix(small, by="organisation")
    assert m.columns.tolist() == ["A1", "E1", "E2", "G1", "R1", "S1", "S2"]
    assert m.loc[2].to_dict() == {"A1": 0, "E1": 1, "E2": 1, "G1": 0, "R1": 0, "S1": 1, "S2": 1}
    assert m.loc[12].to_dict() == {"A1": 0, "E1": 1, "E2": 0, "G1": 0, "R1": 0, "S1": 0, "S2": 1}
    assert int(m.values.sum()) == 4 + 3 + 2 + 2
    kinds = A.coverage_matrix(small, by="kind")
    assert kinds.loc[2, "secondary_vocational_school"] == 1 and kinds.loc[2, "higher_vocational_college"] == 1
    assert kinds.loc[2, "university"] == 0  # in the vocabulary, used by nobody: kept
    with pytest.raises(ValueError, match="colour"):
        A.coverage_matrix(small, by="colour")


def test_coverage_rows_sum_to_area_degree(small):
    m = A.coverage_matrix(small)
    degree = A.area_degree(organisation_area_graph(small))
    assert m.sum(axis=1).to_dict() == degree["organisations"].to_dict()


def test_thin_areas_rule(small):
    # median participation over twelve areas is 0 (eight are unused) → the default threshold is 0:
    # exactly the unused areas are thin.
    t = A.thin_areas(small)
    assert t.attrs["threshold"] == 0
    assert sorted(t.index[t["thin"]]) == [1, 4, 5, 7, 8, 9, 10, 11]
    # ranked thinnest first: unused by code, then 6 and 12 (2 organisations, 1 partnership), 3, 2
    assert t.index.tolist() == [1, 4, 5, 7, 8, 9, 10, 11, 6, 12, 3, 2]
    assert t["rank"].tolist() == list(range(1, 13))
    t3 = A.thin_areas(small, threshold=3)
    assert sorted(t3.index[t3["thin"]]) == [1, 4, 5, 6, 7, 8, 9, 10, 11, 12]


def test_area_participation_counts_what_the_two_mode_graph_counts(small):
    """The profile's table count (no graph) against area_degree of the two-mode graph: two ways, same numbers."""
    for c in [small, load(), *collection_consortia()]:
        expected = A.area_degree(organisation_area_graph(c))[["organisations", "partnerships"]]
        pd.testing.assert_frame_equal(A._area_participation(c), expected, check_index_type=False)


def test_participation_is_a_count_of_row_ends(small):
    """One row per (organisation, area), sorted, counting each partnership row at both its ends (recounted)."""
    for c in [small, load(), *collection_consortia()]:
        ties = c.partnerships.dropna(subset=["area"])
        ends = Counter()
        for a, b, area in zip(ties["org_a"], ties["org_b"], ties["area"]):
            ends[(a, int(area))] += 1
            ends[(b, int(area))] += 1
        table = A._participation(c)
        rows = list(zip(table["org"], table["area"], table["partnerships"]))
        assert rows == [(*k, n) for k, n in sorted(ends.items())]
        assert table["area"].dtype == "int64" and table["partnerships"].dtype == "int64"


def test_projection_weights_by_hand(small):
    p = A.area_projection(organisation_area_graph(small))
    assert sorted(p.nodes) == ["A1", "E1", "E2", "G1", "R1", "S1", "S2"]
    shared = {("S1", "S2"): 1, ("E1", "S1"): 2, ("E2", "S1"): 2, ("E1", "S2"): 2, ("E2", "S2"): 1,
              ("G1", "S2"): 1, ("E1", "E2"): 2}
    assert {tuple(sorted(e)): w for *e, w in p.edges(data="weight")} == shared
    assert p.degree("R1") == 0 and p.degree("A1") == 0  # R1's tie has no area: no shared area
    assert p.nodes["S1"]["sector"] == "school"
    b = organisation_area_graph(small)
    assert A.area_projection(b, "jaccard").edges["S1", "E1"]["weight"] == pytest.approx(2 / 3)  # {2, 3} of {2, 3, 12}
    # Newman: area 2 has 4 members (1/3), area 3 has 3 (1/2)
    assert A.area_projection(b, "newman").edges["S1", "E1"]["weight"] == pytest.approx(5 / 6)
    with pytest.raises(ValueError):
        A.area_projection(organisation_area_graph(small), "cosine")


def test_area_overlap_by_hand(small):
    m = A.area_overlap(small)
    assert m.index.tolist() == m.columns.tolist() == list(range(1, 13))
    expected = {(2, 2): 4, (3, 3): 3, (6, 6): 2, (12, 12): 2,
                (2, 3): 3, (2, 6): 1, (2, 12): 2, (3, 12): 1, (6, 12): 1}
    for a, b in itertools.product(range(1, 13), repeat=2):
        assert m.loc[a, b] == expected.get((min(a, b), max(a, b)), 0), (a, b)


def test_an_unused_package_keeps_every_area(tmp_path):
    folder = tmp_path / "empty"
    make_small_package(folder, [org_row("E1"), org_row("E2")], [tie_row("T1", "E1", "E2", "")])
    c = load(folder)
    b = organisation_area_graph(c)
    table = A.area_degree(b)
    assert table.index.tolist() == list(range(1, 13))
    assert (table[["organisations", "partnerships", "sectors"]] == 0).all().all()
    assert A.coverage_matrix(c).shape == (12, 5) and int(A.coverage_matrix(c).values.sum()) == 0
    assert int(A.area_overlap(c).values.sum()) == 0
    assert A.thin_areas(c)["thin"].all()
    assert A.area_projection(b).number_of_edges() == 0
    assert A.organisation_area_degree(b)["areas"].tolist() == [0, 0]


# ----------------------------------------------------------------------------- bundled data, recounted from the CSV


@pytest.fixture(scope="module")
def bundled_rows():
    return read_csv(BUNDLED / "partnerships.csv"), read_csv(BUNDLED / "organisations.csv")


@pytest.fixture(scope="module")
def consortium():
    return load(BUNDLED)


def _recount(ties):
    """{area: {organisations}} and {area: rows}, straight from partnerships.csv (area text, blank = none)."""
    members, rows = defaultdict(set), Counter()
    for r in ties:
        if r["area"].strip():
            code = int(r["area"])
            members[code] |= {r["org_a"], r["org_b"]}
            rows[code] += 1
    return members, rows


def test_bundled_area_degree_matches_recount(bundled_rows, consortium):
    ties, orgs = bundled_rows
    members, rows = _recount(ties)
    table = A.area_degree(organisation_area_graph(consortium))
    assert table.index.tolist() == list(range(1, 13))
    for code in range(1, 13):
        assert table.loc[code, "organisations"] == len(members[code])
        assert table.loc[code, "partnerships"] == rows[code]
        assert table.loc[code, "organisations_normalised"] == pytest.approx(len(members[code]) / len(orgs))
    sector = {o["id"]: o["sector"] for o in orgs}
    m = A.coverage_matrix(consortium)
    for code in range(1, 13):
        counts = Counter(sector[o] for o in members[code])
        assert m.loc[code].to_dict() == {s: counts.get(s, 0) for s in SECTORS}
    overlap = A.area_overlap(consortium)
    for a, b in itertools.product(range(1, 13), repeat=2):
        assert overlap.loc[a, b] == len(members[a] & members[b])


def test_bundled_organisation_area_degree_matches_recount(bundled_rows, consortium):
    ties, orgs = bundled_rows
    areas, rows = defaultdict(set), Counter()
    for r in ties:
        if r["area"].strip():
            for o in (r["org_a"], r["org_b"]):
                areas[o].add(int(r["area"]))
                rows[o] += 1
    table = A.organisation_area_degree(organisation_area_graph(consortium))
    assert table.index.tolist() == sorted(o["id"] for o in orgs)
    assert table["areas"].to_dict() == {o["id"]: len(areas[o["id"]]) for o in orgs}
    assert table["partnerships"].to_dict() == {o["id"]: rows[o["id"]] for o in orgs}


def test_exported_from_measures():
    for name in ("area_degree", "organisation_area_degree", "coverage_matrix", "thin_areas", "area_projection",
                 "area_overlap"):
        assert getattr(measures, name) is getattr(A, name)


# ----------------------------------------------------------------------------- properties of random two-mode graphs


@st.composite
def two_mode_graphs(draw):
    n_orgs = draw(st.integers(0, 8))
    n_areas = draw(st.integers(1, 5))
    b = nx.Graph()
    for i in range(n_orgs):
        b.add_node(f"o{i}", bipartite=0, sector=draw(st.sampled_from(SECTORS)), name_zh=f"单位{i}",
                   provenance="synthetic")
    for c in range(1, n_areas + 1):
        b.add_node(f"area:{c:02d}", bipartite=1, code=c, name_zh=f"领域{c}", name_en="", group="")
    for i, c in itertools.product(range(n_orgs), range(1, n_areas + 1)):
        w = draw(st.integers(0, 2))
        if w:
            b.add_edge(f"o{i}", f"area:{c:02d}", weight=2 * w)  # even: each row counts at both ends
    return b


@settings(max_examples=50, deadline=None, derandomize=True)
@given(two_mode_graphs())
def test_two_mode_properties(b):
    orgs = sorted(n for n, d in b.nodes(data=True) if d["bipartite"] == 0)
    areas = sorted(n for n, d in b.nodes(data=True) if d["bipartite"] == 1)
    per_area = A.area_degree(b)
    per_org = A.organisation_area_degree(b)
    assert len(per_area) == len(areas) and len(per_org) == len(orgs)
    # both modes' degrees add up to the number of two-mode edges
    assert per_area["organisations"].sum() == per_org["areas"].sum() == b.number_of_edges()
    assert per_area["partnerships"].sum() * 2 == per_org["partnerships"].sum()
    assert ((per_org["areas_normalised"] >= 0) & (per_org["areas_normalised"] <= 1)).all()
    if orgs:
        assert ((per_area["organisations_normalised"] >= 0) & (per_area["organisations_normalised"] <= 1)).all()
    # projection weight = |N(u) ∩ N(v)|, brute force over every pair
    p = A.area_projection(b)
    assert sorted(p.nodes) == orgs
    for u, v in itertools.combinations(orgs, 2):
        shared = len(set(b[u]) & set(b[v]))
        assert (p.edges[u, v]["weight"] if p.has_edge(u, v) else 0) == shared


# ----------------------------------------------------------------------------- normalised overlap, shares, sensitivity


def test_overlap_normalised_on_a_hand_built_two_mode_table():
    # areas × organisations o1..o5 (N = 5): area 1 = {o1, o2, o3}, area 2 = {o2, o3}, area 3 = {o3, o4}, area 4 = {}
    m = pd.DataFrame([[1, 1, 1, 0, 0], [0, 1, 1, 0, 0], [0, 0, 1, 1, 0], [0, 0, 0, 0, 0]],
                     index=[1, 2, 3, 4], columns=["o1", "o2", "o3", "o4", "o5"])
    t = A.area_overlap_pairs(m).set_index(["area_a", "area_b"])
    assert t.attrs["organisations"] == 5
    assert t.loc[(1, 2), ["organisations_a", "organisations_b", "both"]].tolist() == [3, 2, 2]
    assert t.loc[(1, 2), "jaccard"] == pytest.approx(2 / 3)        # 2 in both, 3 in either
    assert t.loc[(1, 2), "expected"] == pytest.approx(3 * 2 / 5)
    assert t.loc[(1, 2), "ratio"] == pytest.approx(2 / (6 / 5))
    assert t.loc[(1, 3), "jaccard"] == pytest.approx(1 / 4)        # o3 of o1..o4
    assert t.loc[(1, 3), "ratio"] == pytest.approx(1 / (6 / 5))
    assert t.loc[(2, 3), "jaccard"] == pytest.approx(1 / 3) and t.loc[(2, 3), "ratio"] == pytest.approx(1 / (4 / 5))
    assert t.loc[(1, 4), "jaccard"] == 0 and np.isnan(t.loc[(1, 4), "ratio"])  # expected 0
    assert len(t) == 6  # C(4, 2): the diagonal is not a pair
    j = A.area_overlap_normalised(m)
    assert np.isnan(np.diag(j.to_numpy())).all()
    assert j.loc[1, 2] == j.loc[2, 1] == pytest.approx(2 / 3)
    r = A.area_overlap_normalised(m, "ratio")
    assert r.loc[3, 2] == pytest.approx(1.25)
    with pytest.raises(ValueError, match="jaccard"):
        A.area_overlap_normalised(m, "cosine")


def test_overlap_normalised_by_hand(small):
    # participation (see the fixture): 2 = {S1, S2, E1, E2}, 3 = {S1, E1, E2}, 6 = {S2, G1}, 12 = {S2, E1}; N = 7
    t = A.area_overlap_pairs(small).set_index(["area_a", "area_b"])
    assert t.attrs["organisations"] == 7 and len(t) == 66
    assert t.loc[(2, 3), "jaccard"] == pytest.approx(3 / 4)
    assert t.loc[(2, 3), "ratio"] == pytest.approx(3 / (4 * 3 / 7))
    assert t.loc[(2, 6), "jaccard"] == pytest.approx(1 / 5)
    assert t.loc[(3, 6), "jaccard"] == 0
    assert t.loc[(6, 12), "jaccard"] == pytest.approx(1 / 3)
    assert np.isnan(t.loc[(1, 4), "jaccard"]) and np.isnan(t.loc[(1, 4), "ratio"])  # two unused areas
    assert t.loc[(2, 3), "name_zh_a"] == small.areas.loc[small.areas.index[1], "name_zh"]


def test_overlap_normalised_agrees_with_the_raw_overlap():
    c = load(BUNDLED)
    raw = A.area_overlap(c)
    t = A.area_overlap_pairs(c)
    n = len(c.organisations)
    for row in t.itertuples():
        na, nb, both = raw.loc[row.area_a, row.area_a], raw.loc[row.area_b, row.area_b], raw.loc[row.area_a, row.area_b]
        assert row.both == both
        assert row.jaccard == pytest.approx(both / (na + nb - both))
        assert row.ratio == pytest.approx(both / (na * nb / n))


def test_coverage_share_by_hand(small):
    s = A.coverage_share(small)
    # schools S1, S2; enterprises E1, E2; one government body, one research institute, one association
    assert s.attrs["members"] == {"government": 1, "association": 1, "enterprise": 2, "research": 1, "school": 2}
    assert s.loc[2, ["government", "association", "enterprise", "research", "school"]].tolist() == [0, 0, 1, 0, 1]
    assert s.loc[6, ["government", "school"]].tolist() == [1.0, 0.5]
    assert s.loc[12, ["enterprise", "school"]].tolist() == [0.5, 0.5]
    counts = A.coverage_matrix(small)
    assert (s * pd.Series(s.attrs["members"]) == counts).all().all()
    with pytest.raises(ValueError, match="per group"):
        A.coverage_share(small, "organisation")


def test_thin_sensitivity_by_hand(small):
    # organisations per area: 2 → 4, 3 → 3, 6 → 2, 12 → 2, eight areas with none; median 0
    t = A.thin_sensitivity(small)
    assert t["threshold_up_to"].tolist() == [2, 3, 4, float("inf")]
    assert t["thin"].tolist() == [8, 10, 11, 12]
    assert t["newly_thin"].tolist() == ["1, 4, 5, 7, 8, 9, 10, 11", "6, 12", "3", "2"]
    assert t["default"].tolist() == [True, False, False, False]  # 0.5 × median 0 = 0: only the unused areas
    assert t["share_up_to"].isna().all()


def test_thin_sensitivity_agrees_with_thin_areas():
    c = load(BUNDLED)
    t = A.thin_sensitivity(c)
    for row in t.itertuples():
        for threshold in (row.threshold_up_to, (row.threshold_above + min(row.threshold_up_to, 1e9)) / 2):
            if np.isinf(threshold):
                continue
            flags = A.thin_areas(c, threshold=threshold)["thin"]
            assert sorted(flags.index[flags]) == [int(x) for x in row.thin_codes.split(", ") if x]
    default = A.thin_areas(c)
    assert t.loc[t["default"], "thin_codes"].iloc[0] == ", ".join(map(str, sorted(default.index[default["thin"]])))
