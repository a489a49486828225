"""Departure scenarios: paths, stars and two groups joined by a broker done by hand; the ranking's
shortcut (cut vertices only) against brute-force removal; properties on random small graphs."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao_utils import measures
from chanjiao_utils.graph import organisation_graph
from chanjiao_utils.loading import load
from chanjiao_utils.measures import scenarios as S

from conftest import BUNDLED


@pytest.fixture(scope="module")
def bundled():
    """The bundled package and its organisation graph, loaded once."""
    c = load(BUNDLED)
    return c, organisation_graph(c)


def _row(graph, remove, **kw):
    return S.departure(graph, remove, **kw).iloc[0]


def _sectors(g, school=(), enterprise=(), other="government"):
    for n in g.nodes:
        g.nodes[n].update(name_zh=f"单位{n}", provenance="synthetic",
                          sector="school" if n in school else "enterprise" if n in enterprise else other)
    return g


def _broker():
    """Schools a1–a3 (a triangle) and enterprises b1–b3 (a triangle), joined only through k (government)."""
    g = nx.Graph([("a1", "a2"), ("a2", "a3"), ("a1", "a3"), ("b1", "b2"), ("b2", "b3"), ("b1", "b3"),
                  ("a1", "k"), ("k", "b1")])
    return _sectors(g, school={"a1", "a2", "a3"}, enterprise={"b1", "b2", "b3"})


# ----------------------------------------------------------------------------- by hand


def test_path_removing_the_middle():
    g = nx.path_graph(["a", "b", "c", "d", "e"])
    r = _row(g, ["c"])
    assert r["removed"] == 1 and r["removed_ids"] == "c"
    assert (r["organisations_before"], r["organisations_after"]) == (5, 4)
    assert r["ties_lost"] == 2 and r["partnerships_lost"] == 2
    assert (r["components_before"], r["components_after"]) == (1, 2)
    assert (r["largest_component_before"], r["largest_component_after"]) == (5, 2)
    assert (r["reachable_pairs_before"], r["reachable_pairs_after"]) == (10, 2)  # 5·4/2 → 1 + 1
    assert r["reachable_pairs_lost"] == 8
    assert r["reachable_pairs_kept"] == pytest.approx(0.2)


def test_star_removing_the_centre_leaves_isolates():
    g = nx.star_graph(["c", "x1", "x2", "x3", "x4"])
    r = _row(g, "c")  # a lone id is accepted
    assert (r["reachable_pairs_before"], r["reachable_pairs_after"]) == (10, 0)
    assert (r["components_after"], r["largest_component_after"]) == (4, 1)
    assert r["reachable_pairs_kept"] == 0
    leaf = _row(g, "x1")
    assert (leaf["reachable_pairs_after"], leaf["components_after"]) == (6, 1)  # a star of 3 leaves


def test_two_groups_joined_by_a_broker():
    g = _broker()
    g.add_node("z")
    _sectors(g, school={"a1", "a2", "a3", "z"}, enterprise={"b1", "b2", "b3"})  # z: an isolated school
    r = _row(g, ["k"])
    assert (r["reachable_pairs_before"], r["reachable_pairs_after"]) == (21, 6)  # 7·6/2 → 3 + 3
    assert (r["components_before"], r["components_after"]) == (2, 3)
    # schools × enterprises in one component: 3 × 3 before (z is alone), none after
    assert (r["school_enterprise_pairs_before"], r["school_enterprise_pairs_after"]) == (9, 0)
    assert r["school_enterprise_pairs_kept"] == 0
    r = _row(g, ["a2"])  # not a cut vertex: the big component keeps 6 nodes
    assert (r["reachable_pairs_after"], r["school_enterprise_pairs_after"]) == (15, 6)
    r = _row(g, ["a1"])  # cuts a2–a3 off from the rest
    assert (r["reachable_pairs_after"], r["school_enterprise_pairs_after"]) == (1 + 6, 0)
    r = _row(g, ["b2", "b3"])
    assert (r["reachable_pairs_after"], r["school_enterprise_pairs_after"]) == (10, 3)
    assert r["removed_ids"] == "b2, b3" and r["ties_lost"] == 3


def test_sector_names_are_arguments():
    g = _sectors(nx.path_graph(["s", "e", "t"]), school={"s"}, enterprise={"e"}, other="research")
    assert _row(g, [])["school_enterprise_pairs_before"] == 1
    r = _row(g, [], school_sector="research", enterprise_sector="school")
    assert r["school_enterprise_pairs_before"] == 1  # t (research) with s (school)


def test_weights_count_as_partnerships_lost():
    g = nx.Graph()
    g.add_edge("a", "b", weight=3)
    g.add_edge("b", "c", weight=2)
    g.add_edge("c", "d")  # no weight: one partnership
    assert _row(g, ["b"])[["ties_lost", "partnerships_lost"]].tolist() == [2, 5]
    assert _row(g, ["c", "d"])[["ties_lost", "partnerships_lost"]].tolist() == [2, 3]


def test_unknown_ids_are_named():
    g = nx.path_graph(["a", "b"])
    with pytest.raises(ValueError, match="nope.*zzz"):
        S.departure(g, ["a", "zzz", "nope"])
    with pytest.raises(ValueError, match="nope"):
        S.departure_by_area(g, "nope")


def test_removing_nobody_and_degenerate_graphs():
    g = nx.path_graph(["a", "b", "c"])
    r = _row(g, [])
    assert r["removed"] == 0 and r["reachable_pairs_after"] == r["reachable_pairs_before"] == 3
    assert r["reachable_pairs_kept"] == 1
    empty = _row(nx.Graph(), [])
    assert empty["components_before"] == 0 and empty["largest_component_before"] == 0
    assert empty["reachable_pairs_kept"] != empty["reachable_pairs_kept"]  # NaN: nothing to keep
    single = nx.Graph()
    single.add_node("a")
    r = _row(single, ["a"])
    assert (r["organisations_after"], r["components_after"], r["reachable_pairs_after"]) == (0, 0, 0)
    assert S.departure_ranking(nx.Graph()).empty
    ranking = S.departure_ranking(single)
    assert ranking.loc["a", ["rank", "reachable_pairs_lost", "components_after"]].tolist() == [1, 0, 0]


def test_departure_by_area_by_hand():
    g = nx.Graph()
    g.add_edge("a", "b", areas=(1, 2), weight=2)
    g.add_edge("b", "c", areas=(2,), weight=1)
    g.add_edge("c", "d", areas=(), weight=1)  # a partnership without an area
    g.add_edge("a", "c", areas=(5,), weight=1)
    t = S.departure_by_area(g, ["a"])
    assert t.index.tolist() == [1, 2, 5]  # codes found on the edges
    assert t["ties_before"].tolist() == [1, 2, 1]
    assert t["ties_after"].tolist() == [0, 1, 0]
    assert t["ties_lost"].tolist() == [1, 1, 1]
    assert t["ties_kept"].tolist() == [0, 0.5, 0]
    full = S.departure_by_area(g, ["a"], areas=range(1, 7))
    assert full.index.tolist() == [1, 2, 3, 4, 5, 6]
    assert full.loc[3, ["ties_before", "ties_lost"]].tolist() == [0, 0]
    assert full.loc[3, "ties_kept"] != full.loc[3, "ties_kept"]  # NaN: no ties to keep


def test_departure_by_area_with_the_package_areas(bundled):
    c, g = bundled
    schools = S.remove_group(g, "sector", "school")
    t = S.departure_by_area(g, schools, c.areas)
    assert t.index.tolist() == list(range(1, 13))
    assert t.loc[1, "name_zh"] == "共建产业学院"
    # recount: a tie is lost in an area when either end is a school
    for code in range(1, 13):
        before = [(u, v) for u, v, a in g.edges(data="areas") if code in a]
        lost = [e for e in before if g.nodes[e[0]]["sector"] == "school" or g.nodes[e[1]]["sector"] == "school"]
        assert t.loc[code, "ties_before"] == len(before)
        assert t.loc[code, "ties_lost"] == len(lost)
    # partnerships with an area, per area, add up to the rows that state one
    assert t["ties_before"].sum() == c.partnerships["area"].notna().sum()


def test_remove_group(bundled):
    g = nx.Graph()
    g.add_node("b", lead_role="lead_enterprise", sector="enterprise")
    g.add_node("a", lead_role="lead_enterprise", sector="enterprise")
    g.add_node("c", lead_role="none", sector="school")
    g.add_node("d", sector="school")
    assert S.remove_group(g, "lead_role", "lead_enterprise") == ["a", "b"]
    assert S.remove_group(g, "sector", ["school"]) == ["c", "d"]
    assert S.remove_group(g, "lead_role", "park") == []
    with pytest.raises(ValueError, match="lead_rol"):
        S.remove_group(g, "lead_rol", "lead_enterprise")
    g = bundled[1]
    assert S.remove_group(g, "lead_role", "lead_enterprise") == ["A03", "A04", "A05"]
    assert _row(g, S.remove_group(g, "lead_role", "lead_enterprise"))["removed"] == 3


# ----------------------------------------------------------------------------- ranking


def test_ranking_of_the_broker_graph():
    t = S.departure_ranking(_broker())
    assert t.columns[:4].tolist() == ["rank", "name_zh", "sector", "provenance"]
    # sorted by damage, then id: k (21 → 6), a1 and b1 (21 → 7), then the rest (21 → 15)
    assert t.index.tolist() == ["k", "a1", "b1", "a2", "a3", "b2", "b3"]
    assert t["reachable_pairs_lost"].tolist() == [15, 14, 14, 6, 6, 6, 6]
    assert t["rank"].tolist() == [1, 2, 2, 4, 4, 4, 4]
    assert t["components_after"].tolist() == [2, 2, 2, 1, 1, 1, 1]
    assert t["school_enterprise_pairs_lost"].tolist() == [9, 9, 9, 3, 3, 3, 3]
    assert t["ties_lost"].to_dict() == dict(_broker().degree())
    assert t.loc["k", "reachable_pairs_kept"] == pytest.approx(6 / 21)


def test_ranking_of_a_star_puts_the_centre_first():
    g = nx.star_graph(["c", "x1", "x2", "x3"])
    g.add_node("z")
    t = S.departure_ranking(g)
    assert t.index.tolist() == ["c", "x1", "x2", "x3", "z"]
    assert t["reachable_pairs_lost"].tolist() == [6, 3, 3, 3, 0]
    assert t["components_after"].tolist() == [4, 2, 2, 2, 1]  # removing the isolate z removes a component


def _brute(graph, node):
    return _row(graph, [node])


def test_bundled_ranking_matches_brute_force(bundled):
    g = bundled[1]
    t = S.departure_ranking(g)
    assert sorted(t.index) == sorted(g.nodes)
    for n in g.nodes:
        r = _brute(g, n)
        assert t.loc[n, "reachable_pairs_lost"] == r["reachable_pairs_lost"], n
        assert t.loc[n, "components_after"] == r["components_after"], n
        assert t.loc[n, "school_enterprise_pairs_lost"] == (
            r["school_enterprise_pairs_before"] - r["school_enterprise_pairs_after"]), n
        assert t.loc[n, "partnerships_lost"] == r["partnerships_lost"], n


def test_exported_from_measures():
    for name in ("departure", "departure_by_area", "departure_ranking", "remove_group"):
        assert getattr(measures, name) is getattr(S, name)


# ----------------------------------------------------------------------------- properties


@st.composite
def graphs(draw, max_nodes=9):
    n = draw(st.integers(1, max_nodes))
    nodes = [f"n{i}" for i in range(n)]
    g = nx.Graph()
    for v in nodes:
        g.add_node(v, sector=draw(st.sampled_from(["school", "enterprise", "government"])),
                   name_zh=v, provenance="synthetic")
    pairs = list(itertools.combinations(nodes, 2))
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs))) if pairs else []
    g.add_edges_from(chosen)
    return g


def _pairs_by_brute_force(g):
    """Reachable pairs by checking every pair with has_path (independent of components)."""
    return sum(1 for u, v in itertools.combinations(g.nodes, 2) if nx.has_path(g, u, v))


SETTINGS = settings(max_examples=50, deadline=None, derandomize=True)


@SETTINGS
@given(graphs(), st.data())
def test_properties_of_a_departure(g, data):
    remove = data.draw(st.lists(st.sampled_from(sorted(g.nodes)), unique=True))
    r = _row(g, remove)
    rest = g.subgraph(set(g) - set(remove))
    assert r["reachable_pairs_before"] == _pairs_by_brute_force(g)
    assert r["reachable_pairs_after"] == _pairs_by_brute_force(rest)
    assert r["reachable_pairs_after"] <= r["reachable_pairs_before"]
    assert r["school_enterprise_pairs_after"] <= r["school_enterprise_pairs_before"]
    assert r["ties_lost"] == g.number_of_edges() - rest.number_of_edges()
    se = sum(1 for u, v in itertools.product(rest, rest)
             if rest.nodes[u]["sector"] == "school" and rest.nodes[v]["sector"] == "enterprise"
             and nx.has_path(rest, u, v))
    assert r["school_enterprise_pairs_after"] == se


@SETTINGS
@given(graphs())
def test_removing_an_isolate_changes_only_the_counts(g):
    g = g.copy()
    g.add_node("iso", sector="school", name_zh="iso", provenance="synthetic")
    r = _row(g, ["iso"])
    assert r["organisations_after"] == r["organisations_before"] - 1
    assert r["components_after"] == r["components_before"] - 1  # its own component goes with it
    for key in ("reachable_pairs", "school_enterprise_pairs", "largest_component"):
        assert r[f"{key}_after"] == r[f"{key}_before"]
    assert r["ties_lost"] == 0 and r["partnerships_lost"] == 0


@SETTINGS
@given(graphs())
def test_ranking_equals_one_departure_at_a_time(g):
    t = S.departure_ranking(g)
    assert t["reachable_pairs_lost"].is_monotonic_decreasing
    assert t["rank"].iloc[0] == 1
    for n in g.nodes:
        r = _brute(g, n)
        assert t.loc[n, "reachable_pairs_lost"] == r["reachable_pairs_lost"]
        assert t.loc[n, "components_after"] == r["components_after"]
        assert t.loc[n, "school_enterprise_pairs_lost"] == (
            r["school_enterprise_pairs_before"] - r["school_enterprise_pairs_after"])


@SETTINGS
@given(st.integers(2, 12))
def test_star_centre_is_always_first(leaves):
    g = nx.star_graph(leaves)  # centre 0
    t = S.departure_ranking(g)
    assert t.index[0] == 0 and t["rank"].tolist().count(1) == 1


@SETTINGS
@given(graphs(), st.randoms(use_true_random=False))
def test_relabelling_permutes_the_results(g, rnd):
    names = sorted(g.nodes)
    shuffled = names[:]
    rnd.shuffle(shuffled)
    mapping = {old: f"m{new}" for old, new in zip(names, shuffled)}
    h = nx.relabel_nodes(g, mapping)
    a, b = S.departure_ranking(g), S.departure_ranking(h)
    for column in ("reachable_pairs_lost", "components_after", "school_enterprise_pairs_lost", "ties_lost", "rank"):
        assert {mapping[n]: v for n, v in a[column].items()} == b[column].to_dict()
    remove = names[: len(names) // 2]
    ra = S.departure(g, remove).drop(columns="removed_ids")
    rb = S.departure(h, [mapping[n] for n in remove]).drop(columns="removed_ids")
    assert ra.equals(rb)
