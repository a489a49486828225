"""Louvain communities: hand-built structure, modularity by hand and by an independent recount, determinism."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao_utils import measures

SETTINGS = settings(max_examples=30, deadline=None, derandomize=True)


def _attrs(g: nx.Graph, sectors: dict | None = None) -> nx.Graph:
    for n in g.nodes:
        g.nodes[n].update(name_zh=f"单位{n}", sector=(sectors or {}).get(n, "enterprise"),
                          provenance="attested" if str(n).endswith("1") else "synthetic")
    return g


def two_cliques() -> nx.Graph:
    """Clique a1–a4 and clique b1–b5 joined by the one tie a4–b1."""
    g = nx.complete_graph(["a1", "a2", "a3", "a4"])
    g.add_edges_from(itertools.combinations(["b1", "b2", "b3", "b4", "b5"], 2))
    g.add_edge("a4", "b1")
    return _attrs(g, {"a1": "school", "a2": "school", "b1": "government"})


@st.composite
def graphs(draw, max_nodes: int = 12) -> nx.Graph:
    n = draw(st.integers(1, max_nodes))
    pairs = list(itertools.combinations(range(n), 2))
    chosen = draw(st.lists(st.booleans(), min_size=len(pairs), max_size=len(pairs)))
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(p for p, keep in zip(pairs, chosen) if keep)
    return g


def test_two_cliques_are_two_communities_numbered_by_size():
    table = measures.communities(two_cliques())
    assert table["community"].to_dict() == {"a1": 2, "a2": 2, "a3": 2, "a4": 2,
                                            "b1": 1, "b2": 1, "b3": 1, "b4": 1, "b5": 1}
    assert table.columns.tolist() == ["name_zh", "sector", "provenance", "community"]


def test_modularity_of_two_cliques_by_hand():
    # m = 6 + 10 + 1 = 17 ties. Clique a: L = 6, degrees 3+3+3+4 = 13; clique b: L = 10,
    # degrees 5+4+4+4+4 = 21 (13 + 21 = 34 = 2m). Q = Σ_c [L_c/m − (d_c/2m)²]
    # = 6/17 − (13/34)² + 10/17 − (21/34)² = 16/17 − (169 + 441)/1156 = 1088/1156 − 610/1156 = 478/1156.
    row = measures.community_summary(two_cliques()).iloc[0]
    assert row["modularity"] == pytest.approx(478 / 1156)
    assert row["communities"] == 2
    assert row["sizes"] == "5, 4"
    assert row["largest"] == 5 and row["singletons"] == 0
    assert row["seed"] == 42 and row["resolution"] == 1.0 and row["method"] == "louvain"


def test_weighted_modularity_by_hand():
    # Same graph with the bridge a4–b1 weighing 2: m = 16 + 2 = 18, strengths a: 12 + 2 = 14,
    # b: 20 + 2 = 22. Q = 6/18 − (14/36)² + 10/18 − (22/36)² = (16·72 − 196 − 484)/1296 = 472/1296.
    g = two_cliques()
    nx.set_edge_attributes(g, 1, "weight")
    g.edges["a4", "b1"]["weight"] = 2
    assert measures.community_summary(g).loc[0, "modularity"] == pytest.approx(472 / 1296)
    assert measures.community_summary(g, weight=None).loc[0, "modularity"] == pytest.approx(478 / 1156)


def test_community_table_by_hand():
    table = measures.community_table(two_cliques(), show=3)
    assert table.index.tolist() == [1, 2]
    assert table["organisations"].tolist() == [5, 4]
    assert table["internal_ties"].tolist() == [10, 6]
    assert table["attested"].tolist() == [1, 1]  # b1, a1
    assert table["sectors"].tolist() == ["government 1, enterprise 4", "enterprise 2, school 2"]
    assert table["members"].tolist() == ["单位b1、单位b2、单位b3…", "单位a1、单位a2、单位a3…"]


def test_isolates_are_communities_of_their_own():
    g = two_cliques()
    g.add_nodes_from(["z2", "z1"])
    _attrs(g)
    table = measures.communities(g)
    assert table.loc["z1", "community"] == 3 and table.loc["z2", "community"] == 4  # size 1, then id
    row = measures.community_summary(g).iloc[0]
    assert row["communities"] == 4 and row["singletons"] == 2
    # isolates add nothing to m or to any d_c: Q is that of the two cliques
    assert row["modularity"] == pytest.approx(478 / 1156)


@pytest.mark.parametrize("g", [nx.empty_graph(0), nx.empty_graph(1), nx.empty_graph(3)],
                         ids=["no nodes", "one node", "no ties"])
def test_graphs_without_ties(g):
    table = measures.communities(g)
    assert table["community"].tolist() == list(range(1, g.number_of_nodes() + 1))
    row = measures.community_summary(g).iloc[0]
    assert row["communities"] == g.number_of_nodes()
    assert row["modularity"] != row["modularity"]  # NaN: Q needs m > 0
    assert len(measures.community_table(g)) == g.number_of_nodes()


def test_same_seed_same_result_whatever_the_insertion_order():
    # A random graph without clear communities: here networkx's Louvain alone gives different
    # partitions for the two insertion orders; ours visits organisations in id order first.
    g = nx.gnp_random_graph(20, 0.2, seed=0)
    h = nx.Graph()
    h.add_nodes_from(reversed(sorted(g.nodes)))
    h.add_edges_from(reversed(sorted(g.edges)))
    a = measures.communities(g, seed=7)
    assert a.equals(measures.communities(g, seed=7))
    assert a["community"].tolist() == measures.communities(h, seed=7)["community"].tolist()
    assert measures.community_summary(g, seed=7).equals(measures.community_summary(h, seed=7))


def _as_sets(table) -> set[frozenset]:
    return {frozenset(group.index) for _, group in table.groupby("community")}


@SETTINGS
@given(graphs(), st.integers(0, 3))
def test_partition_and_modularity_agree_with_networkx(g, seed):
    # Independent recount of Q from the reported partition, pair by pair:
    # Q = 1/2m Σ_ij [A_ij − k_i k_j / 2m] δ(c_i, c_j).
    table = measures.communities(g, seed=seed)
    row = measures.community_summary(g, seed=seed).iloc[0]
    parts = _as_sets(table)
    assert set().union(*parts) == set(g.nodes) if parts else g.number_of_nodes() == 0
    assert row["communities"] == len(parts)
    sizes = [len(p) for p in sorted(parts, key=lambda p: (-len(p), min(p)))]
    assert table["community"].value_counts().sort_index().tolist() == sizes  # numbered by size
    m = g.number_of_edges()
    if m == 0:
        assert row["modularity"] != row["modularity"]
        return
    k = dict(g.degree())
    q = sum((g.has_edge(u, v) - k[u] * k[v] / (2 * m)) for u in g for v in g
            if table.loc[u, "community"] == table.loc[v, "community"]) / (2 * m)
    assert row["modularity"] == pytest.approx(q, abs=1e-9)
    for part in parts:  # Louvain never leaves a community split into pieces with no tie between them
        assert len(part) == 1 or nx.is_connected(g.subgraph(part))


@SETTINGS
@given(graphs(max_nodes=10))
def test_relabelling_permutes_results(g):
    # Order-preserving labels keep Louvain's visiting order, so the same sets come back.
    names = {n: f"org{n:02d}" for n in g.nodes}
    before = measures.communities(g)
    after = measures.communities(nx.relabel_nodes(g, names))
    assert _as_sets(after) == {frozenset(names[n] for n in p) for p in _as_sets(before)}
    assert after["community"].tolist() == before["community"].tolist()


def test_relabelling_moves_clear_communities():
    g = two_cliques()
    mapping = {n: ("x" + n if n.startswith("a") else "c" + n) for n in g.nodes}
    h = _attrs(nx.relabel_nodes(g, mapping))
    assert _as_sets(measures.communities(h)) == {frozenset(mapping[n] for n in p)
                                                 for p in _as_sets(measures.communities(g))}


def test_bundled_consortium():
    from chanjiao_utils.graph import organisation_graph
    from chanjiao_utils.loading import load

    g = organisation_graph(load())
    table = measures.communities(g)
    summary = measures.community_summary(g).iloc[0]
    assert len(table) == 85
    assert summary["communities"] == table["community"].nunique()
    assert measures.community_table(g)["organisations"].sum() == 85
    assert summary["modularity"] == pytest.approx(nx.community.modularity(
        g, [set(p.index) for _, p in table.groupby("community")], weight="weight"))


# ----------------------------------------------------------------------------- engines


def planted(n_groups: int, size: int, p_in: float, p_out: float, seed: int) -> nx.Graph:
    g = nx.planted_partition_graph(n_groups, size, p_in, p_out, seed=seed)
    g = nx.relabel_nodes(g, {k: f"O{k:05d}" for k in g.nodes})
    nx.set_edge_attributes(g, 1, "weight")
    return g


def test_both_engines_recover_clear_communities_exactly():
    g = planted(8, 15, 0.9, 0.002, seed=3)
    truth = {frozenset(f"O{k:05d}" for k in block) for block in g.graph["partition"]}
    by_nx = measures.communities(g, engine="networkx")["community"]
    by_ig = measures.communities(g, engine="igraph")["community"]
    assert by_nx.equals(by_ig)
    found = {frozenset(by_nx.index[by_nx == k]) for k in by_nx.unique()}
    assert found == truth


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_engines_reach_the_same_modularity_within_0_02(seed):
    g = planted(30, 20, 0.3, 0.01, seed=seed)  # 600 organisations, fuzzy structure
    q = {e: measures.community_summary(g, seed=seed, engine=e).loc[0, "modularity"] for e in ("networkx", "igraph")}
    assert abs(q["networkx"] - q["igraph"]) <= 0.02, q
    assert measures.community_summary(g, seed=seed).loc[0, "engine"] == "igraph", "600 organisations: auto picks igraph"


def test_igraph_engine_is_seeded_and_leaves_the_global_random_state_alone():
    import random

    g = planted(30, 20, 0.3, 0.01, seed=5)
    random.seed(123)
    before = random.random()
    random.seed(123)
    first = measures.communities(g, seed=9, engine="igraph")
    assert random.random() == before, "igraph drew from its own seeded generator, not the global one"
    assert first.equals(measures.communities(g, seed=9, engine="igraph"))


def test_igraph_engine_modularity_is_the_one_networkx_computes():
    g = planted(10, 12, 0.5, 0.02, seed=8)
    table = measures.communities(g, engine="igraph")
    parts = [set(table.index[table["community"] == k]) for k in sorted(table["community"].unique())]
    q = nx.community.modularity(g, parts, weight="weight")
    assert measures.community_summary(g, engine="igraph").loc[0, "modularity"] == pytest.approx(q)
