"""Core/periphery (Borgatti & Everett 1999) and k-cores: hand values, brute force, dense recomputation."""

from __future__ import annotations

import itertools
import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao_utils import measures
from chanjiao_utils.measures import core

SETTINGS = settings(max_examples=30, deadline=None, derandomize=True)


def _attrs(g: nx.Graph) -> nx.Graph:
    for n in g.nodes:
        g.nodes[n].update(name_zh=f"单位{n}", sector="school", provenance="synthetic")
    return g


@st.composite
def graphs(draw, min_nodes: int = 2, max_nodes: int = 9) -> nx.Graph:
    n = draw(st.integers(min_nodes, max_nodes))
    pairs = list(itertools.combinations(range(n), 2))
    chosen = draw(st.lists(st.booleans(), min_size=len(pairs), max_size=len(pairs)))
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(p for p, keep in zip(pairs, chosen) if keep)
    return g


def pattern_correlation(g: nx.Graph, core: set, between: str = "missing") -> float:
    """Pearson r between a_ij and the ideal pattern over unordered pairs, written out pair by pair."""
    xs, ys = [], []
    for u, v in itertools.combinations(sorted(g.nodes), 2):
        if u in core and v in core:
            ideal = 1
        elif u not in core and v not in core:
            ideal = 0
        elif between == "missing":
            continue
        else:
            ideal = 1 if between == "one" else 0
        xs.append(1.0 if g.has_edge(u, v) else 0.0)
        ys.append(ideal)
    if len(xs) < 2 or np.std(xs) == 0 or np.std(ys) == 0:
        return math.nan
    return float(np.corrcoef(xs, ys)[0, 1])


def brute_force_best(g: nx.Graph, between: str) -> float:
    nodes = sorted(g.nodes)
    fits = [pattern_correlation(g, set(s), between)
            for k in range(len(nodes) + 1) for s in itertools.combinations(nodes, k)]
    defined = [f for f in fits if not math.isnan(f)]
    return max(defined) if defined else math.nan


def core_set(g: nx.Graph, **kw) -> set:
    table = measures.core_periphery(g, **kw)
    return set(table.index[table["core"]])


# ----------------------------------------------------------------------------- discrete model


def ideal_core_periphery() -> nx.Graph:
    """Core clique c1–c4; periphery p1–p6 tied to one to three core members, never to each other."""
    g = nx.complete_graph(["c1", "c2", "c3", "c4"])
    reach = {"p1": ["c1"], "p2": ["c1", "c2"], "p3": ["c2", "c3", "c4"], "p4": ["c4"], "p5": ["c3", "c1"],
             "p6": ["c2"]}
    g.add_edges_from((p, c) for p, cs in reach.items() for c in cs)
    return _attrs(g)


def test_ideal_pattern_is_found_with_correlation_one():
    # With core–periphery pairs left out, the ideal is core–core all 1, periphery–periphery all 0:
    # the data are exactly that, so r = 1, and only this partition reaches it (no periphery node
    # is tied to the whole core, so no larger clique; removing a core node puts ties in the periphery).
    g = ideal_core_periphery()
    assert core_set(g) == {"c1", "c2", "c3", "c4"}
    row = measures.core_periphery_fit(g).iloc[0]
    assert row["correlation"] == pytest.approx(1.0)
    assert row["core_size"] == 4
    assert row["density_core"] == 1.0
    assert row["density_periphery"] == 0.0
    assert row["density_core_periphery"] == pytest.approx(10 / 24)  # 10 ties of 4 × 6 pairs
    assert brute_force_best(g, "missing") == pytest.approx(1.0)


def test_star_centre_is_core_and_hand_correlation():
    # Star c–a, c–b, c–d plus the tie a–b. With between="one": core {c} gives over the 6 pairs
    # a = (ca 1, cb 1, cd 1, ab 1, ad 0, bd 0), ideal = (1, 1, 1, 0, 0, 0):
    # r = (6·3 − 4·3) / sqrt((6·4 − 16)(6·3 − 9)) = 6 / sqrt(72) = 1/√2.
    g = _attrs(nx.Graph([("c", "a"), ("c", "b"), ("c", "d"), ("a", "b")]))
    assert core_set(g, between="one") == {"c"}
    assert measures.core_periphery_fit(g, between="one").loc[0, "correlation"] == pytest.approx(1 / math.sqrt(2))
    assert brute_force_best(g, "one") == pytest.approx(1 / math.sqrt(2))
    # With core–periphery pairs missing, a core of c and one of a, b fits exactly: core–core (c, a)
    # is tied, the only periphery pair (b, d) or (a, d) is not.
    missing = core_set(g)
    assert "c" in missing and len(missing) == 2 and missing <= {"a", "b", "c"}
    assert measures.core_periphery_fit(g).loc[0, "correlation"] == pytest.approx(1.0)


def test_plain_star_continuous_coreness_puts_the_centre_first():
    g = _attrs(nx.star_graph(["c", "a", "b", "d", "e"]))
    table = measures.core_periphery(g, between="one")
    assert table["coreness"].idxmax() == "c"
    assert table["coreness"]["c"] > 0.99  # the unit vector tends to (1, 0, 0, 0, 0)
    assert set(table.index[table["core"]]) == {"c"}
    assert measures.core_periphery_fit(g, between="one").loc[0, "correlation"] == pytest.approx(1.0)


def test_complete_graph_everyone_core_fit_undefined():
    g = _attrs(nx.complete_graph(5))
    table = measures.core_periphery(g)
    assert table["core"].all()
    assert table["coreness"].tolist() == pytest.approx([1 / math.sqrt(5)] * 5)  # c_i c_j = 1, unit length
    row = measures.core_periphery_fit(g).iloc[0]
    assert math.isnan(row["correlation"]) and math.isnan(row["continuous_correlation"])
    assert row["core_size"] == 5 and row["density_core"] == 1.0


@pytest.mark.parametrize("g", [nx.empty_graph(0), nx.empty_graph(1), nx.empty_graph(4), nx.Graph([(0, 0)])],
                         ids=["no nodes", "one node", "no ties", "self-loop only"])
def test_degenerate_graphs_do_not_crash(g):
    table = measures.core_periphery(g)
    row = measures.core_periphery_fit(g).iloc[0]
    assert len(table) == g.number_of_nodes()
    assert not table["core"].any()
    assert math.isnan(row["correlation"])
    if g.number_of_nodes() >= 2:
        assert (table["coreness"] == 0).all()  # c = 0 fits no ties exactly
    else:
        assert table["coreness"].isna().all()
    assert measures.kcore(g)["core_number"].eq(0).all()


def test_isolates_and_components_keep_going():
    g = ideal_core_periphery()
    g.add_edges_from([("x1", "x2")])
    g.add_node("z")
    _attrs(g)
    table = measures.core_periphery(g)
    assert table.loc["z", "coreness"] == 0.0
    assert table.loc["z", "core"] == False  # noqa: E712
    assert {"c1", "c2", "c3", "c4"} <= set(table.index[table["core"]])


def test_between_must_be_known():
    with pytest.raises(ValueError, match="between"):
        measures.core_periphery(nx.path_graph(3), between="maybe")


@SETTINGS
@given(graphs(max_nodes=8), st.sampled_from(["missing", "one", "zero"]))
def test_discrete_search_matches_brute_force(g, between):
    # Independent: the best correlation over all 2^n partitions, each written out pair by pair.
    best = brute_force_best(g, between)
    row = measures.core_periphery_fit(g, between=between).iloc[0]
    if math.isnan(best):
        assert math.isnan(row["correlation"])
    else:
        assert row["correlation"] == pytest.approx(best, abs=1e-9)
        # and the reported partition really has the reported fit
        assert pattern_correlation(g, core_set(g, between=between), between) == pytest.approx(
            row["correlation"], abs=1e-9)


@SETTINGS
@given(graphs(min_nodes=4, max_nodes=10), st.randoms(use_true_random=False))
def test_planted_core_periphery_matches_brute_force(g, rnd):
    # A planted structure: the first k nodes dense among themselves, the rest sparse.
    n = g.number_of_nodes()
    k = rnd.randint(2, n - 2)
    h = nx.Graph()
    h.add_nodes_from(range(n))
    for u, v in itertools.combinations(range(n), 2):
        p = 0.9 if v < k else (0.5 if u < k else 0.1)
        if rnd.random() < p:
            h.add_edge(u, v)
    best = brute_force_best(h, "missing")
    got = measures.core_periphery_fit(h).loc[0, "correlation"]
    assert (math.isnan(best) and math.isnan(got)) or got == pytest.approx(best, abs=1e-9)


# Graphs on which one start (splits by coreness, then Kernighan–Lin) stops short of the optimum.
HARD = [
    ("missing", [(0, 3), (0, 4), (0, 5), (0, 6), (1, 2), (1, 3), (1, 4), (1, 6), (1, 7), (2, 3), (2, 4), (2, 5),
                 (3, 6), (3, 7), (4, 6), (4, 7), (5, 6), (5, 7), (6, 7)]),
    ("one", [(0, 1), (0, 2), (0, 3), (0, 5), (0, 6), (0, 8), (1, 2), (1, 4), (1, 5), (1, 7), (2, 3), (2, 4), (2, 5),
             (2, 6), (2, 8), (3, 5), (3, 7), (3, 8), (4, 7), (4, 8), (5, 6), (5, 7), (5, 8), (6, 8)]),
    ("zero", [(0, 1), (0, 3), (0, 4), (0, 7), (0, 8), (1, 3), (1, 4), (1, 6), (2, 3), (2, 5), (2, 7), (3, 4), (3, 5),
              (3, 8), (4, 7), (5, 6), (5, 7), (5, 8), (6, 7), (7, 8)]),
    ("missing", [(0, 1), (0, 4), (0, 5), (0, 6), (0, 7), (1, 2), (1, 3), (1, 4), (1, 7), (2, 3), (2, 5), (2, 6),
                 (3, 5), (3, 6), (3, 7), (4, 6), (5, 7), (6, 7)]),
]


@pytest.mark.parametrize(("between", "edges"), HARD)
def test_restarts_reach_the_optimum_on_hard_graphs(between, edges):
    g = nx.Graph(edges)
    assert measures.core_periphery_fit(g, between=between).loc[0, "correlation"] == pytest.approx(
        brute_force_best(g, between), abs=1e-9)


@SETTINGS
@given(graphs(max_nodes=8), st.sampled_from(["missing", "one", "zero"]))
def test_block_densities_by_recount(g, between):
    table = measures.core_periphery(g, between=between)
    core = set(table.index[table["core"]])
    row = measures.core_periphery_fit(g, between=between).iloc[0]
    blocks = {"cc": [0, 0], "cp": [0, 0], "pp": [0, 0]}
    for u, v in itertools.combinations(g.nodes, 2):
        key = "cc" if u in core and v in core else "pp" if u not in core and v not in core else "cp"
        blocks[key][0] += g.has_edge(u, v)
        blocks[key][1] += 1
    for key, column in [("cc", "density_core"), ("cp", "density_core_periphery"), ("pp", "density_periphery")]:
        ties, pairs = blocks[key]
        if pairs:
            assert row[column] == pytest.approx(ties / pairs)
        else:
            assert math.isnan(row[column])


# ----------------------------------------------------------------------------- continuous model


def test_complete_bipartite_coreness_in_closed_form():
    # K_{2,3}: by symmetry x on the side of 2, y on the side of 3; the residual
    # 6(1 − xy)² + x⁴ + 3y⁴ (unordered pairs) is stationary when x⁴ = 3y⁴ and
    # x(1 − xy) = y³, i.e. y² = 3^¼ / (1 + √3). At unit length (2x² + 3y² = 1):
    # y = 1/√(3 + 2√3), x = 3^¼ y.
    g = _attrs(nx.complete_bipartite_graph(2, 3))
    c = measures.coreness(g)["coreness"]
    y = 1 / math.sqrt(3 + 2 * math.sqrt(3))
    assert c.tolist() == pytest.approx([3 ** 0.25 * y] * 2 + [y] * 3, abs=1e-6)


def test_continuous_correlation_by_dense_recount():
    g = ideal_core_periphery()
    c = measures.coreness(g)["coreness"]
    xs, ys = [], []
    for u, v in itertools.combinations(sorted(g.nodes), 2):
        xs.append(float(g.has_edge(u, v)))
        ys.append(c[u] * c[v])
    expected = np.corrcoef(xs, ys)[0, 1]
    assert measures.core_periphery_fit(g).loc[0, "continuous_correlation"] == pytest.approx(expected)
    # the core clique gets more coreness than any periphery node
    assert c[["c1", "c2", "c3", "c4"]].min() > c[["p1", "p2", "p3", "p4", "p5", "p6"]].max()


def _residual(a: np.ndarray, c: np.ndarray) -> float:
    off = ~np.eye(len(c), dtype=bool)
    return float(((a - np.outer(c, c))[off] ** 2).sum())


def _best_scale(a: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Least-squares multiple of a unit vector u: t² = Σ_{i≠j} a_ij u_i u_j / Σ_{i≠j} u_i² u_j²."""
    off = ~np.eye(len(u), dtype=bool)
    return u * math.sqrt(max((a * np.outer(u, u))[off].sum(), 0) / (np.outer(u ** 2, u ** 2))[off].sum())


def _dense_minres(a: np.ndarray, start: np.ndarray, steps: int = 4000) -> np.ndarray:
    """Independent minimiser: projected gradient descent (step by backtracking) on the dense residual."""
    c = start.copy()
    off = ~np.eye(len(c), dtype=bool)
    f = _residual(a, c)
    for _ in range(steps):
        r = np.where(off, a - np.outer(c, c), 0.0)
        grad = -4 * r @ c
        step = 0.1
        while step > 1e-12:
            trial = np.maximum(c - step * grad, 0)
            ft = _residual(a, trial)
            if ft <= f:
                break
            step /= 2
        if f - ft < 1e-14:
            c, f = trial, ft
            break
        c, f = trial, ft
    return c


@SETTINGS
@given(graphs(min_nodes=3, max_nodes=8))
def test_coreness_is_a_least_squares_minimum(g):
    # Against a dense, independent descent from 8 starts: when the coordinate descent says it
    # converged, no start reaches a smaller residual Σ_{i≠j} (a_ij − c_i c_j)² than ours.
    row = measures.core_periphery_fit(g).iloc[0]
    if g.number_of_edges() == 0 or not row["converged"]:
        return
    nodes = sorted(g.nodes)
    a = nx.to_numpy_array(g, nodelist=nodes, weight=None)
    ours = _best_scale(a, measures.coreness(g)["coreness"].to_numpy())
    rng = np.random.default_rng(0)
    starts = [a.sum(axis=1) + 0.1] + [rng.random(len(nodes)) for _ in range(7)]
    theirs = min(_residual(a, _dense_minres(a, _best_scale(a, s / np.linalg.norm(s)))) for s in starts)
    assert _residual(a, ours) <= theirs + 1e-6
    # and the stationarity condition c_i Σ_{j≠i} c_j² = Σ_j a_ij c_j holds
    lhs = ours * ((ours ** 2).sum() - ours ** 2)
    assert lhs == pytest.approx(a @ ours, abs=1e-5)


@SETTINGS
@given(graphs(min_nodes=2, max_nodes=9))
def test_coreness_is_unit_length_and_nonnegative(g):
    c = measures.coreness(g)["coreness"]
    assert (c >= 0).all()
    if g.number_of_edges():
        assert float((c ** 2).sum()) == pytest.approx(1.0)


def test_weights_change_the_valued_fit():
    g = ideal_core_periphery()
    nx.set_edge_attributes(g, 1, "weight")
    g.edges["c1", "c2"]["weight"] = 5
    plain = measures.coreness(g)["coreness"]
    valued = measures.coreness(g, weight="weight")["coreness"]
    assert plain["c1"] == pytest.approx(plain["c3"], abs=0.05)
    assert valued["c1"] > valued["c3"] + 0.1  # the heavy tie lifts both of its ends


# ----------------------------------------------------------------------------- relabelling


@settings(max_examples=20, deadline=None, derandomize=True)
@given(graphs(min_nodes=2, max_nodes=8), st.randoms(use_true_random=False))
def test_relabelling_permutes_results(g, rnd):
    # Order-preserving new labels: every tie-break by id is unchanged, so results move with the labels.
    names = {n: f"org{n:02d}" for n in g.nodes}
    h = nx.relabel_nodes(g, names)
    for between in ("missing", "one"):
        before = measures.core_periphery(g, between=between)
        after = measures.core_periphery(h, between=between)
        assert after["core"].tolist() == before["core"].tolist()
        assert after["coreness"].tolist() == pytest.approx(before["coreness"].tolist())
    assert measures.kcore(h)["core_number"].tolist() == measures.kcore(g)["core_number"].tolist()
    # Any relabelling: the fit and the sorted values do not depend on the names.
    perm = list(g.nodes)
    rnd.shuffle(perm)
    k = nx.relabel_nodes(g, dict(zip(g.nodes, perm)))
    fit_g, fit_k = measures.core_periphery_fit(g).iloc[0], measures.core_periphery_fit(k).iloc[0]
    assert (math.isnan(fit_g["correlation"]) and math.isnan(fit_k["correlation"])) or (
        fit_k["correlation"] == pytest.approx(fit_g["correlation"], abs=1e-9))
    mapping = dict(zip(g.nodes, perm))
    assert measures.kcore(k)["core_number"].to_dict() == {
        mapping[n]: v for n, v in measures.kcore(g)["core_number"].items()}


def test_relabelling_moves_an_unambiguous_partition():
    g = ideal_core_periphery()
    mapping = {n: ("Z" + n if n.startswith("c") else "A" + n) for n in g.nodes}  # core now sorts last
    h = _attrs(nx.relabel_nodes(g, mapping))
    assert core_set(h) == {mapping[n] for n in ("c1", "c2", "c3", "c4")}
    assert measures.coreness(h)["coreness"].rename(lambda n: n[1:]).sort_index().tolist() == pytest.approx(
        measures.coreness(g)["coreness"].sort_index().tolist(), abs=1e-7)


# ----------------------------------------------------------------------------- k-cores


def test_kcore_by_hand():
    # K4 on a, b, c, d is a 3-core; the path d–e–f–g hangs off it (core number 1); the
    # triangle x, y, z attached by x–a is a 2-core; i is an isolate (0).
    g = nx.complete_graph(["a", "b", "c", "d"])
    g.add_edges_from([("d", "e"), ("e", "f"), ("f", "g"), ("x", "y"), ("y", "z"), ("z", "x"), ("x", "a")])
    g.add_node("i")
    table = measures.kcore(_attrs(g))
    assert table["core_number"].to_dict() == {"a": 3, "b": 3, "c": 3, "d": 3, "e": 1, "f": 1, "g": 1, "i": 0,
                                              "x": 2, "y": 2, "z": 2}
    assert table.columns[:3].tolist() == ["name_zh", "sector", "provenance"]


def test_kcore_ignores_self_loops():
    g = nx.Graph([("a", "b"), ("b", "b")])
    assert measures.kcore(g)["core_number"].tolist() == [1, 1]


@SETTINGS
@given(graphs(max_nodes=9))
def test_kcore_by_definition(g):
    # Independent: the k-core is what is left after deleting nodes of degree < k until none remain.
    got = measures.kcore(g)["core_number"]
    for n in g.nodes:
        k = 0
        while True:
            h = g.copy()
            while True:
                low = [v for v, d in h.degree() if d < k + 1]
                if not low:
                    break
                h.remove_nodes_from(low)
            if n in h:
                k += 1
            else:
                break
        assert got[n] == k


def test_bundled_consortium_runs():
    from chanjiao_utils.graph import organisation_graph
    from chanjiao_utils.loading import load

    g = organisation_graph(load())
    table = measures.core_periphery(g)
    row = measures.core_periphery_fit(g).iloc[0]
    assert len(table) == 85
    assert row["core_size"] == table["core"].sum()
    assert row["converged"]
    assert row["correlation"] == pytest.approx(pattern_correlation(g, set(table.index[table["core"]])))


# ----------------------------------------------------------------------------- one search for partition and fit


def _searches(monkeypatch) -> list[int]:
    """Count the discrete searches actually run (not served from the kept results); start with none kept."""
    calls: list[int] = []
    search = core._search

    def counted(*args, **kwargs):
        calls.append(1)
        return search(*args, **kwargs)

    monkeypatch.setattr(core, "_search", counted)
    monkeypatch.setattr(core, "_SEARCHES", type(core._SEARCHES)())
    return calls


def test_partition_and_fit_share_one_search(monkeypatch):
    calls = _searches(monkeypatch)
    g = ideal_core_periphery()
    table = measures.core_periphery(g)
    row = measures.core_periphery_fit(g).iloc[0]
    assert len(calls) == 1
    assert int(row["core_size"]) == int(table["core"].sum()) == 4
    table.loc["c1", "core"] = False  # the caller's copy: the kept partition is not touched
    assert measures.core_periphery(g)["core"].sum() == 4 and len(calls) == 1


@pytest.mark.parametrize("change", ["add a tie", "remove a tie", "weight", "between", "restarts", "seed"])
def test_any_change_searches_again(monkeypatch, change):
    calls = _searches(monkeypatch)
    g = ideal_core_periphery()
    measures.core_periphery_fit(g)
    kw: dict = {}
    if change == "add a tie":
        g.add_edge("p1", "p2")
    elif change == "remove a tie":
        g.remove_edge("c1", "p1")
    elif change == "weight":
        nx.set_edge_attributes(g, 1, "weight")
        g.edges["c1", "p1"]["weight"] = 3
        kw["weight"] = "weight"
    else:
        kw = {"between": {"between": "one"}, "restarts": {"restarts": 3}, "seed": {"seed": 7}}[change]
    fresh = measures.core_periphery_fit(g, **kw)
    assert len(calls) == 2
    monkeypatch.setattr(core, "_SEARCHES", type(core._SEARCHES)())  # nothing kept
    assert fresh.equals(measures.core_periphery_fit(g, **kw))  # what a search from scratch gives


# ----------------------------------------------------------------------------- where the two models disagree


def _missing_fit(g, nodes, core_set):
    """Pearson of a_ij with the ideal pattern over core–core and periphery–periphery pairs (between="missing")."""
    xs, ys = [], []
    for u, v in itertools.combinations(nodes, 2):
        if (u in core_set) != (v in core_set):
            continue
        xs.append(1.0 if g.has_edge(u, v) else 0.0)
        ys.append(1.0 if u in core_set else 0.0)
    if len(set(xs)) < 2 or len(set(ys)) < 2:
        return -math.inf
    return float(np.corrcoef(xs, ys)[0, 1])


def _hub_and_path():
    return nx.Graph([("h", "a"), ("h", "l1"), ("h", "l2"), ("h", "l3"), ("a", "b"), ("b", "t")])


def test_core_disagreement_by_hand():
    g = _attrs(_hub_and_path())
    nodes = sorted(g)
    # brute force over all 2^7 partitions: the discrete core is the path h–a–b
    best = max((frozenset(s) for k in range(1, len(nodes)) for s in itertools.combinations(nodes, k)),
               key=lambda s: _missing_fit(g, nodes, s))
    assert best == {"a", "b", "h"}
    t = measures.core_disagreement(g)
    full = measures.core_periphery(g)
    assert set(full.index[full["core"]]) == set(best)
    assert set(t.index) == {"l1", "l2", "l3", "b"}
    weakest = full.loc[["a", "b", "h"], "coreness"].min()
    assert weakest == full.loc["b", "coreness"] == t.attrs["weakest_core"]
    assert t.attrs["strongest_periphery"] == full.loc[["l1", "l2", "l3", "t"], "coreness"].max()
    for leaf in ("l1", "l2", "l3"):
        assert t.loc[leaf, "disagreement"] == "periphery above weakest core"
        assert t.loc[leaf, "gap"] == pytest.approx(full.loc[leaf, "coreness"] - weakest)
    assert t.loc["b", "gap"] < 0 and not t.attrs["agree"]
    assert t["coreness"].is_monotonic_decreasing
    assert t.columns[:3].tolist() == ["name_zh", "sector", "provenance"]


def test_core_disagreement_empty_when_the_models_agree():
    g = _attrs(nx.complete_graph(["c1", "c2", "c3"]))
    g.add_edges_from([("c1", "p1"), ("c2", "p2"), ("c3", "p3")])
    t = measures.core_disagreement(g)
    assert t.empty and t.attrs["agree"]
    assert t.attrs["weakest_core"] > t.attrs["strongest_periphery"]


@pytest.mark.parametrize("seed", range(4))
def test_core_disagreement_is_its_definition(seed):
    g = _attrs(nx.gnp_random_graph(20, 0.2, seed=seed))
    full = measures.core_periphery(g)
    t = measures.core_disagreement(g)
    weakest = full.loc[full["core"], "coreness"].min()
    strongest = full.loc[~full["core"], "coreness"].max()
    expected = set(full.index[(~full["core"]) & (full["coreness"] > weakest + 1e-9)])
    expected |= set(full.index[full["core"] & (full["coreness"] < strongest - 1e-9)])
    assert set(t.index) == expected
    ranks = full["coreness"].rank(method="min", ascending=False)
    assert (t["coreness_rank"] == ranks.reindex(t.index)).all()
