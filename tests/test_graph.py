"""Tables → graphs, checked against an independent recount of the CSVs and against a hand-made package."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest
from networkx.algorithms import bipartite

from chanjiao_utils.graph import area_node, organisation_area_graph, organisation_graph
from chanjiao_utils.loading import load

from conftest import BUNDLED, make_small_package, org_row, read_csv, tie_row


@pytest.fixture(scope="module")
def consortium():
    return load(BUNDLED)


@pytest.fixture(scope="module")
def raw():
    """The bundled CSVs read with the csv module only."""
    return {name: read_csv(BUNDLED / f"{name}.csv") for name in ("organisations", "partnerships", "areas")}


@pytest.fixture(scope="module")
def graph(consortium):
    return organisation_graph(consortium)


@pytest.fixture(scope="module")
def two_mode(consortium):
    return organisation_area_graph(consortium)


def _pair(row: dict[str, str]) -> tuple[str, str]:
    return tuple(sorted((row["org_a"], row["org_b"])))


# ----------------------------------------------------------------------------- one-mode, bundled data


def test_one_node_per_organisation(graph, raw):
    assert graph.number_of_nodes() == len(raw["organisations"]) == 85
    assert set(graph.nodes) == {r["id"] for r in raw["organisations"]}


def test_node_attributes_are_the_table_row(graph, raw):
    for row in raw["organisations"]:
        expected = {column: (value if value != "" else None) for column, value in row.items() if column != "id"}
        assert graph.nodes[row["id"]] == expected, row["id"]


def test_one_edge_per_distinct_unordered_pair(graph, raw):
    pairs = {_pair(r) for r in raw["partnerships"]}
    assert graph.number_of_edges() == len(pairs)
    assert {tuple(sorted(e)) for e in graph.edges} == pairs


def test_edge_attributes_recounted(graph, raw):
    rows_by_pair: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for r in raw["partnerships"]:
        rows_by_pair[_pair(r)].append(r)
    for (u, v), rows in rows_by_pair.items():
        edge = graph.edges[u, v]
        assert edge["weight"] == len(rows)
        assert list(edge["areas"]) == sorted(int(r["area"]) for r in rows if r["area"])
        assert sorted(edge["partnerships"]) == sorted(r["id"] for r in rows)
        attested = any(r["provenance"] == "attested" for r in rows)
        assert edge["provenance"] == ("attested" if attested else "synthetic")
        sinces = [r["since"] for r in rows if r["since"]]
        assert edge["since"] == (min(sinces) if sinces else None)  # ISO dates sort as text


def test_weights_add_up_to_the_partnership_rows(graph, raw):
    assert sum(w for _, _, w in graph.edges(data="weight")) == len(raw["partnerships"])


def test_only_the_attested_tie_is_attested(graph):
    assert [(tuple(sorted((u, v)))) for u, v, p in graph.edges(data="provenance") if p == "attested"] == [("A01", "A02")]
    assert graph.edges["A01", "A02"]["areas"] == ()  # the article names no area for it


# ----------------------------------------------------------------------------- two-mode, bundled data


def test_two_mode_nodes(two_mode, raw):
    orgs = {n for n, b in two_mode.nodes(data="bipartite") if b == 0}
    areas = {n for n, b in two_mode.nodes(data="bipartite") if b == 1}
    assert orgs == {r["id"] for r in raw["organisations"]}
    assert areas == {f"area:{int(r['code']):02d}" for r in raw["areas"]}
    assert len(areas) == 12
    assert two_mode.number_of_nodes() == 85 + 12
    for r in raw["areas"]:
        node = two_mode.nodes[area_node(int(r["code"]))]
        assert (node["code"], node["name_zh"], node["name_en"]) == (int(r["code"]), r["name_zh"], r["name_en"])
    assert bipartite.is_bipartite_node_set(two_mode, orgs)


def test_two_mode_edges_recounted(two_mode, raw):
    counts: Counter[tuple[str, str]] = Counter()
    for r in raw["partnerships"]:
        if r["area"]:  # a tie without an area adds no two-mode edge
            for org in (r["org_a"], r["org_b"]):
                counts[(org, f"area:{int(r['area']):02d}")] += 1
    got = {}
    for u, v, w in two_mode.edges(data="weight"):
        org, area = (v, u) if u.startswith("area:") else (u, v)
        got[(org, area)] = w
    assert got == dict(counts)


def test_tie_without_area_adds_no_two_mode_edge(two_mode):
    # A01 and A02 have a single tie (PA01), with no area: they take part in no area.
    assert two_mode.degree("A01") == 0 and two_mode.degree("A02") == 0


# ----------------------------------------------------------------------------- determinism


def test_same_order_on_two_builds(consortium):
    for build in (organisation_graph, organisation_area_graph):
        g1, g2 = build(consortium), build(consortium)
        assert list(g1.nodes(data=True)) == list(g2.nodes(data=True))
        assert list(g1.edges(data=True)) == list(g2.edges(data=True))


def test_nodes_in_id_order_and_edges_in_pair_order(graph):
    assert list(graph.nodes) == sorted(graph.nodes)
    assert list(graph.edges) == sorted(tuple(sorted(e)) for e in graph.edges)


# ----------------------------------------------------------------------------- a package small enough to do by hand


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """4 organisations; X1–X2 tied in areas 2 and 5 (one row reversed) and once with no area;
    X1–X3 tied in areas 2 (synthetic) and 7 (attested); X4 tied to nobody."""
    folder = tmp_path_factory.mktemp("small") / "small"
    make_small_package(folder, [
        org_row("X1", sector="school", kind="secondary_vocational_school"),
        org_row("X2"),
        org_row("X3", kind="tech_innovation_enterprise", council_tier=""),
        org_row("X4", sector="association", kind="industry_association", district="石岐街道"),
    ], [
        tie_row("T1", "X1", "X2", 2, "2022-09-01"),
        tie_row("T2", "X2", "X1", 5),
        tie_row("T3", "X1", "X2", "", "2021-03-01"),
        tie_row("T4", "X3", "X1", 2, "2022-03-01"),
        tie_row("T5", "X1", "X3", 7, "2023-01-01", provenance="attested", source_id="S01"),
    ])
    return load(folder)


def test_small_one_mode_by_hand(small):
    g = organisation_graph(small)
    assert list(g.nodes) == ["X1", "X2", "X3", "X4"]
    assert g.nodes["X3"]["council_tier"] is None
    assert g.nodes["X4"]["district"] == "石岐街道"
    assert list(g.edges(data=True)) == [
        ("X1", "X2", {"weight": 3, "areas": (2, 5), "area_names": ("岗位实习", "真实项目进课堂"),
                      "partnerships": ("T1", "T2", "T3"), "provenance": "synthetic", "since": "2021-03-01"}),
        ("X1", "X3", {"weight": 2, "areas": (2, 7), "area_names": ("岗位实习", "编写新形态教材"),
                      "partnerships": ("T4", "T5"), "provenance": "attested", "since": "2022-03-01"}),
    ]
    assert g.degree("X4") == 0


def test_small_two_mode_by_hand(small):
    b = organisation_area_graph(small)
    assert [n for n, d in b.nodes(data=True) if d["bipartite"] == 0] == ["X1", "X2", "X3", "X4"]
    assert [n for n, d in b.nodes(data=True) if d["bipartite"] == 1] == [f"area:{c:02d}" for c in range(1, 13)]
    edges = {(u, v): (d["weight"], d["provenance"]) for u, v, d in b.edges(data=True)}
    assert edges == {
        ("X1", "area:02"): (2, "synthetic"),   # T1, T4
        ("X1", "area:05"): (1, "synthetic"),   # T2
        ("X1", "area:07"): (1, "attested"),    # T5
        ("X2", "area:02"): (1, "synthetic"),   # T1
        ("X2", "area:05"): (1, "synthetic"),   # T2
        ("X3", "area:02"): (1, "synthetic"),   # T4
        ("X3", "area:07"): (1, "attested"),    # T5
    }                                          # T3 has no area: no edge


def test_area_node():
    assert area_node(3) == "area:03"
    assert area_node(12) == "area:12"
    assert sorted(area_node(c) for c in range(12, 0, -1)) == [area_node(c) for c in range(1, 13)]  # sorts as numbers
