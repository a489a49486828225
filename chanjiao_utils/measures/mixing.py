"""Mixing between groups (sectors 政行企研校, or any node attribute): E-I index, assortativity, mixing matrix.

A *tie* is an unordered pair of organisations joined by an edge, counted once; with ``weight="weight"``
a tie counts its weight instead (in the organisation graph: the number of partnership rows, so a pair
cooperating in three areas counts 3). A tie is *external* when its two ends are in different groups,
*internal* otherwise. Self-loops are ignored. Organisations without a group value raise ValueError.

>>> import networkx as nx
>>> g = nx.Graph([("s1", "s2"), ("s1", "e1")])
>>> nx.set_node_attributes(g, {"s1": "school", "s2": "school", "e1": "enterprise"}, "sector")
>>> float(ei_index(g).loc[0, "ei_index"])  # (1 − 1) / 2
0.0
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from ._table import per_organisation
from .brokerage import _group_of, _group_order


def _ties(graph: nx.Graph, weight: str | None) -> list[tuple[Hashable, Hashable, float]]:
    """(u, v, amount) per tie, self-loops dropped; amount is 1, or the edge's ``weight`` (default 1)."""
    if weight is None:
        return [(u, v, 1) for u, v in graph.edges() if u != v]
    return [(u, v, w) for u, v, w in graph.edges(data=weight, default=1) if u != v]


def _ratio(external: float, internal: float) -> float:
    total = external + internal
    return (external - internal) / total if total else float("nan")


def ei_index(graph: nx.Graph, group: str = "sector", weight: str | None = None) -> pd.DataFrame:
    """Whole-network E-I index (Krackhardt & Stern 1988), with its expected value and range, in one row.

    E-I = (E − I) / (E + I), E external and I internal ties (see the module docstring; Krackhardt, D. &
    Stern, R. N. 1988, "Informal networks and organizational crises: an experimental simulation",
    *Social Psychology Quarterly* 51(2): 123–140). −1: all ties inside groups; +1: all between groups.
    NaN without ties.

    ``expected_ei`` is the expected E-I when ties fall on pairs at random, given the group sizes nᵢ:
    (Pₑ − Pᵢ) / (Pₑ + Pᵢ) with Pₑ = Σᵢ<ⱼ nᵢnⱼ possible external and Pᵢ = Σᵢ nᵢ(nᵢ−1)/2 possible
    internal pairs — the E-I index of the complete graph, and exactly the mean E-I over random
    reassignments of the group labels (the permutation null); NaN below two organisations. ``min_ei`` and ``max_ei`` are the lowest and highest E-I reachable
    with the same number of ties m and group sizes: E ranges over [max(0, m − Pᵢ), min(m, Pₑ)]. They
    are given for unweighted ties only (NaN with ``weight``).

    Columns: ``ties`` (m, or the total weight), ``external``, ``internal``, ``ei_index``,
    ``expected_ei``, ``min_ei``, ``max_ei``.

    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "x")])
    >>> nx.set_node_attributes(g, {"a": "A", "b": "A", "c": "A", "x": "B"}, "sector")
    >>> ei_index(g).loc[0, ["external", "internal", "ei_index", "expected_ei", "min_ei", "max_ei"]].tolist()
    [1.0, 3.0, -0.5, 0.0, -0.5, 0.5]
    """
    groups = _group_of(graph, group)
    external = internal = 0
    for u, v, w in _ties(graph, weight):
        if groups[u] == groups[v]:
            internal += w
        else:
            external += w
    sizes = np.array(list(pd.Series(list(groups.values()), dtype="object").value_counts()), dtype=float)
    n = sizes.sum()
    possible_internal = float(np.sum(sizes * (sizes - 1) / 2))
    possible_external = float(n * (n - 1) / 2 - possible_internal)
    m = len(_ties(graph, None))
    lo = hi = float("nan")
    if weight is None and m:
        lo = _ratio(max(0.0, m - possible_internal), m - max(0.0, m - possible_internal))
        hi = _ratio(min(m, possible_external), m - min(m, possible_external))
    return pd.DataFrame([{
        "ties": external + internal,
        "external": external,
        "internal": internal,
        "ei_index": _ratio(external, internal),
        "expected_ei": _ratio(possible_external, possible_internal),
        "min_ei": lo,
        "max_ei": hi,
    }])


def ei_by_group(graph: nx.Graph, group: str = "sector", weight: str | None = None,
                order: Sequence[Any] | None = None) -> pd.DataFrame:
    """E-I index of each group (Krackhardt & Stern 1988): ties incident to the group's members.

    For group g: ``external`` = ties with exactly one end in g, ``internal`` = ties with both ends in g
    (each counted once), ``ei_index`` = (E − I)/(E + I), NaN for a group without ties. Index ``group``
    in ``order`` (default sorted; groups listed but absent get zero counts); also ``organisations``.

    >>> g = nx.Graph([("a", "b"), ("b", "x")])
    >>> nx.set_node_attributes(g, {"a": "A", "b": "A", "x": "B"}, "sector")
    >>> ei_by_group(g)["ei_index"].tolist()
    [0.0, 1.0]
    """
    groups = _group_of(graph, group)
    names = _group_order(set(groups.values()), order)
    rows = {g: {"organisations": 0, "external": 0, "internal": 0} for g in names}
    for v in graph.nodes:
        rows[groups[v]]["organisations"] += 1
    for u, v, w in _ties(graph, weight):
        gu, gv = groups[u], groups[v]
        if gu == gv:
            rows[gu]["internal"] += w
        else:
            rows[gu]["external"] += w
            rows[gv]["external"] += w
    table = pd.DataFrame.from_dict(rows, orient="index", columns=["organisations", "external", "internal"])
    table["ei_index"] = [_ratio(e, i) for e, i in zip(table["external"], table["internal"])]
    table.index.name = group
    return table


def ei_by_organisation(graph: nx.Graph, group: str = "sector", weight: str | None = None) -> pd.DataFrame:
    """Per organisation: partners outside (``external``) and inside (``internal``) its group, and E-I.

    Krackhardt & Stern (1988) at the level of the individual: (E − I)/(E + I) over the organisation's
    own ties; NaN for an isolate. With ``weight`` the ties' weights are summed.

    >>> g = nx.Graph([("a", "b"), ("a", "x")]); g.add_node("z")
    >>> nx.set_node_attributes(g, {"a": "A", "b": "A", "x": "B", "z": "B"}, "sector")
    >>> ei_by_organisation(g)["ei_index"].tolist()
    [0.0, -1.0, 1.0, nan]
    """
    groups = _group_of(graph, group)
    external = dict.fromkeys(graph.nodes, 0)
    internal = dict.fromkeys(graph.nodes, 0)
    for u, v, w in _ties(graph, weight):
        side = internal if groups[u] == groups[v] else external
        side[u] += w
        side[v] += w
    ei = {v: _ratio(external[v], internal[v]) for v in graph.nodes}
    return per_organisation(graph, {"external": external, "internal": internal, "ei_index": ei})


def mixing_matrix(graph: nx.Graph, group: str = "sector", order: Sequence[Any] | None = None,
                  normalize: bool = False, weight: str | None = None) -> pd.DataFrame:
    """Ties between and within groups, group × group (symmetric).

    Cell (g, h), g ≠ h, holds the ties between g and h (so each appears in two cells); the diagonal
    holds the ties inside g, counted once. The diagonal plus the upper triangle therefore sum to the
    number of ties. Rows and columns follow ``order`` (e.g. ``["government", "association",
    "enterprise", "research", "school"]``; default sorted; groups listed but absent get zeros).

    ``normalize=True`` gives Newman's (2003, "Mixing patterns in networks", *Phys. Rev. E* 67, 026126)
    matrix e, each tie counted once in each direction: e_gg = internal ties / m, e_gh = ties between
    g and h / (2m); all cells sum to 1 (as ``nx.attribute_mixing_matrix(normalized=True)``). NaN without
    ties. With ``weight`` ties count their weights.

    >>> g = nx.Graph([("a", "b"), ("b", "x")])
    >>> nx.set_node_attributes(g, {"a": "A", "b": "A", "x": "B"}, "sector")
    >>> mixing_matrix(g).to_dict("list")
    {'A': [1, 1], 'B': [1, 0]}
    """
    groups = _group_of(graph, group)
    names = _group_order(set(groups.values()), order)
    at = {g: i for i, g in enumerate(names)}
    counts = np.zeros((len(names), len(names)), dtype="int64" if weight is None else float)
    for u, v, w in _ties(graph, weight):
        i, j = at[groups[u]], at[groups[v]]
        counts[i, j] += w
        if i != j:
            counts[j, i] += w
    table = pd.DataFrame(counts, index=pd.Index(names, name=group), columns=pd.Index(names, name=group))
    if normalize:
        total = float(np.trace(counts) + np.triu(counts, 1).sum())
        e = counts / (2 * total) if total else np.full(counts.shape, np.nan)
        np.fill_diagonal(e, np.diag(counts) / total if total else np.nan)
        table = pd.DataFrame(e, index=table.index, columns=table.columns)
    return table


def assortativity(graph: nx.Graph, group: str = "sector") -> pd.DataFrame:
    """Attribute assortativity coefficient r of ``group`` (Newman 2003), and the number of ties used.

    r = (Σᵢ eᵢᵢ − Σᵢ aᵢbᵢ) / (1 − Σᵢ aᵢbᵢ) on the normalised mixing matrix e (see
    :func:`mixing_matrix`), as ``nx.attribute_assortativity_coefficient`` computes it but summed in sorted
    group order, so the same graph gives the same bits in every process; ties unweighted, self-loops ignored. NaN without ties (networkx returns 0 there) and when all ties lie in a single
    group (0/0). Columns ``assortativity``, ``ties``.

    >>> g = nx.Graph([("a", "b"), ("x", "y"), ("a", "x")])
    >>> nx.set_node_attributes(g, {"a": "A", "b": "A", "x": "B", "y": "B"}, "sector")
    >>> round(float(assortativity(g).loc[0, "assortativity"]), 4)  # e = [[1/3, 1/6], [1/6, 1/3]]
    0.3333
    """
    _group_of(graph, group)
    used = graph
    if nx.number_of_selfloops(graph):
        used = graph.copy()
        used.remove_edges_from(list(nx.selfloop_edges(used)))
    ties = used.number_of_edges()
    r = float("nan")
    if ties:
        # Summed over the groups in sorted order: networkx's own coefficient sums them in set order, which
        # follows the process's hash seed, so its last digit changed from one run to the next.
        e = mixing_matrix(used, group, normalize=True).to_numpy(dtype=float)
        expected = float(e.sum(axis=1) @ e.sum(axis=0))
        with np.errstate(divide="ignore", invalid="ignore"):
            r = float(np.divide(np.trace(e) - expected, 1.0 - expected))  # 0/0 when one group holds every tie
        if not np.isfinite(r):
            r = float("nan")
    return pd.DataFrame([{"assortativity": r, "ties": ties}])


def assortativity_range(graph: nx.Graph, group: str = "sector") -> pd.DataFrame:
    """Assortativity r beside the lowest value it can take for these groups, r_min (Newman 2003), in one row.

    With e the normalised mixing matrix (:func:`mixing_matrix` with ``normalize=True``; ties
    unweighted, self-loops ignored) and a_i its row sums — the share of tie ends in group i —
    r = (Σ e_ii − Σ a_i²)/(1 − Σ a_i²) and, since Σ e_ii ≥ 0, r ≥ r_min = −Σ a_i² / (1 − Σ a_i²)
    (Newman 2003, *Phys. Rev. E* 67, 026126, §II.A), reached exactly when no tie lies inside a group.
    When one group holds most tie ends r_min is close to 0, so a small negative r can already be
    the most disassortative mixing possible: ``r_scaled`` = r / |r_min| puts r on the scale where −1
    is that minimum (positive values are left as r/|r_min| too, so compare them with care; r's upper
    bound is always 1).

    r_min can be reached only when no group holds more than half the tie ends: a group with a_i > ½
    has at least 2a_i − 1 of the tie ends on ties inside it (its ends outnumber everyone else's).
    ``r_lowest`` = (max(0, 2a_max − 1) − Σ a_i²)/(1 − Σ a_i²) is the least r any mixing matrix with
    these a_i gives (= r_min when a_max ≤ ½, flagged by ``r_min_attainable``).

    Columns ``assortativity`` (r, the same number as :func:`assortativity`), ``r_min``, ``r_scaled``,
    ``r_lowest``, ``r_min_attainable``, ``sum_a_squared`` (Σ a_i²), ``ties``. NaN without ties, and
    the bounds NaN when all tie ends lie in one group (Σ a_i² = 1).

    >>> g = nx.star_graph(["x", "b", "c"])  # x in A, b in B, c in C: a = (½, ¼, ¼), Σ a² = ⅜
    >>> nx.set_node_attributes(g, {"x": "A", "b": "B", "c": "C"}, "sector")
    >>> assortativity_range(g).loc[0, ["assortativity", "r_min", "r_scaled", "r_lowest"]].round(4).tolist()
    [-0.6, -0.6, -1.0, -0.6]
    """
    base = assortativity(graph, group)
    r, ties = float(base.loc[0, "assortativity"]), int(base.loc[0, "ties"])
    sum_a2 = r_min = lowest = float("nan")
    attainable = False
    if ties:
        e = mixing_matrix(graph, group, normalize=True).to_numpy(dtype=float)
        a = e.sum(axis=1)
        sum_a2 = float(np.sum(a ** 2))
        if not np.isclose(sum_a2, 1.0):
            r_min = -sum_a2 / (1 - sum_a2)
            inside = max(0.0, 2 * float(a.max()) - 1)
            lowest = (inside - sum_a2) / (1 - sum_a2)
            attainable = inside <= 1e-12
    scaled = r / abs(r_min) if np.isfinite(r_min) and r_min != 0 else float("nan")
    return pd.DataFrame([{"assortativity": r, "r_min": r_min, "r_scaled": scaled, "r_lowest": lowest,
                          "r_min_attainable": attainable, "sum_a_squared": sum_a2, "ties": ties}])


def ei_by_group_expected(graph: nx.Graph, group: str = "sector", weight: str | None = None,
                         order: Sequence[Any] | None = None) -> pd.DataFrame:
    """Each group's E-I beside its expected value under random mixing, to say which group reaches out most.

    The columns of :func:`ei_by_group` (``organisations``, ``external``, ``internal``, ``ei_index``;
    internal ties counted once) and:

    - ``external_share``: the share of the group's members' ties that leave the group, counted at the
      members' ends, E / (E + 2I) (an internal tie has two member ends);
    - ``expected_external_share``: (n − n_g)/(n − 1), the same share when each member's partners are
      drawn at random from the other n − 1 organisations (Krackhardt & Stern 1988), n_g the group's size;
    - ``expected_ei``: the group E-I those random partners give, (2n − 3n_g + 1)/(2n − n_g − 1) —
      equivalently the group's E-I in the complete graph, n_g(n − n_g) external against
      n_g(n_g − 1)/2 internal possible pairs; 1 for a group of one;
    - ``ei_excess``: ``ei_index`` − ``expected_ei``: above 0 the group reaches out more than its size
      alone would make it, below 0 less. Groups differ in size, so compare this, not ``ei_index``.

    NaN where the group has no ties (observed columns) or n < 2 (expected ones). With ``weight`` the
    observed columns count weights; the expectations do not change.

    >>> g = nx.Graph([("a1", "a2"), ("a1", "b1"), ("a2", "b1"), ("b1", "b2")])
    >>> nx.set_node_attributes(g, {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B"}, "sector")
    >>> g.add_node("a3", sector="A")
    >>> ei_by_group_expected(g)[["ei_index", "expected_ei", "ei_excess"]].round(4).values.tolist()
    [[0.3333, 0.3333, 0.0], [0.3333, 0.7143, -0.381]]
    """
    table = ei_by_group(graph, group, weight, order)
    n = graph.number_of_nodes()
    size = table["organisations"].astype(float)
    ends = table["external"] + 2 * table["internal"]
    table["external_share"] = (table["external"] / ends).where(ends > 0)
    if n >= 2:
        table["expected_external_share"] = (n - size) / (n - 1)
        table["expected_ei"] = (2 * n - 3 * size + 1) / (2 * n - size - 1)
    else:
        table["expected_external_share"] = float("nan")
        table["expected_ei"] = float("nan")
    table.loc[size == 0, ["expected_external_share", "expected_ei"]] = float("nan")
    table["ei_excess"] = table["ei_index"] - table["expected_ei"]
    return table
