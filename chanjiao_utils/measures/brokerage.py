"""Gould–Fernandez brokerage roles, with expected values and z-scores as R ``sna::brokerage`` gives them.

Definitions (Gould & Fernandez 1989, "Structures of mediation: a formal approach to brokerage in
transaction networks", *Sociological Methodology* 19: 89–126; implemented as in Butts's R package
``sna``, function ``brokerage``, R/models.R and src/gli.c). An organisation ``v`` *brokers* an ordered
two-path ``a → v → b`` when ``a ≠ b`` and there is no arc ``a → b``. Writing ``A → B → C`` for the
groups of ``a``, ``v`` and ``b``, the role is

=================  ==========  ============  ==========================================
column             sna name    two-path      in words
=================  ==========  ============  ==========================================
``coordinator``    ``w_I``     A → A → A     all three in one group
``itinerant``      ``w_O``     A → B → A     ends in one group, broker outside it
``representative`` ``b_IO``    A → A → B     broker passes its own group's tie outwards
``gatekeeper``     ``b_OI``    A → B → B     broker lets an outsider into its own group
``liaison``        ``b_O``     A → B → C     three different groups
=================  ==========  ============  ==========================================

and ``total`` is their sum (sna ``t``). The two-path definitions are the reference; other programs
(and some papers) swap the names *gatekeeper* and *representative*.

**Undirected graphs.** An undirected tie counts as two arcs (the symmetric adjacency matrix, which is
what sna sees for an undirected network), so every open two-path ``a – v – b`` is counted twice, as
``a → v → b`` and ``b → v → a``. Counts are therefore even, and *gatekeeper* and *representative*
counts are equal for every organisation (the reversed path of one is the other). A ``networkx.DiGraph``
is taken as it is. Self-loops are ignored.

**Null model** (sna): arcs independent with probability ``d``, the density, arcs / (N(N−1)) — for an
undirected graph this is the ordinary density, ties / (N(N−1)/2). See :func:`brokerage_expected`.

>>> import networkx as nx
>>> g = nx.path_graph(["a", "b", "c"])
>>> nx.set_node_attributes(g, {"a": "school", "b": "enterprise", "c": "school"}, "sector")
>>> brokerage(g).loc["b", ["itinerant", "total"]].tolist()
[2, 2]
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from ._table import per_organisation

#: Role columns in output order; ``total`` is their sum.
ROLES = ("coordinator", "itinerant", "gatekeeper", "representative", "liaison")
#: The roles' names as readers meet them, Chinese and English (chart keys, table labels, sentences).
ROLE_NAMES: dict[str, tuple[str, str]] = {
    "coordinator": ("协调者", "coordinator"),
    "itinerant": ("巡回者", "itinerant"),
    "gatekeeper": ("守门人", "gatekeeper"),
    "representative": ("代表者", "representative"),
    "liaison": ("联络者", "liaison"),
}
_COLUMNS = (*ROLES, "total")
#: The names R ``sna::brokerage`` gives the same columns.
SNA_NAMES = {"coordinator": "w_I", "itinerant": "w_O", "gatekeeper": "b_OI", "representative": "b_IO",
             "liaison": "b_O", "total": "t"}


def _missing(v: Any) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _group_of(graph: nx.Graph, group: str) -> dict[Hashable, Any]:
    """``{node: value of the node attribute group}``; a ValueError names the nodes without a value.

    >>> _group_of(nx.Graph([("a", "b")]), "sector")
    Traceback (most recent call last):
    ...
    ValueError: 2 organisation(s) have no 'sector': a, b
    """
    values = {n: graph.nodes[n].get(group) for n in graph.nodes}
    missing = sorted((n for n, v in values.items() if _missing(v)), key=str)
    if missing:
        raise ValueError(f"{len(missing)} organisation(s) have no {group!r}: {', '.join(map(str, missing))}")
    return values


def _group_order(values: Any, order: Sequence[Any] | None = None) -> list[Any]:
    """The groups to report, in ``order`` (groups in ``order`` but absent are kept), else sorted.

    A group present in the data but missing from ``order`` is an error, not silently dropped.

    >>> _group_order(["school", "government"]), _group_order(["school"], order=["government", "school"])
    (['government', 'school'], ['government', 'school'])
    """
    present = set(values)
    if order is None:
        try:
            return sorted(present)
        except TypeError:
            return sorted(present, key=str)
    order = list(order)
    unknown = present - set(order)
    if unknown:
        raise ValueError(f"groups not in order: {', '.join(sorted(map(str, unknown)))}")
    return order


def _role(ga: Any, gv: Any, gb: Any) -> str:
    """The role of a broker of group ``gv`` on a two-path from group ``ga`` to group ``gb``."""
    if ga == gv:
        return "coordinator" if gb == gv else "representative"
    if gb == gv:
        return "gatekeeper"
    return "itinerant" if ga == gb else "liaison"


def _arcs(graph: nx.Graph) -> tuple[Any, Any]:
    """Predecessor and successor adjacency (the same dict for an undirected graph)."""
    if graph.is_multigraph():
        raise TypeError("brokerage needs a simple Graph or DiGraph, not a multigraph")
    if graph.is_directed():
        return graph.pred, graph.succ
    return graph.adj, graph.adj


def _raw_counts(graph: nx.Graph, groups: dict[Hashable, Any],
                brokers: list[Hashable] | None = None) -> dict[Hashable, dict[str, int]]:
    """Brokered two-paths per node and role, without enumerating two-paths one by one.

    For broker ``v`` with in-neighbours P and out-neighbours S (``v`` itself excluded), the ordered pairs
    (a, b) ∈ P × S are counted by the groups of a and b from group counts of P and S; the pairs with
    a = b, and the closed pairs (arc a → b, found once per arc from the common neighbours of its ends),
    are then taken off. Cost O(Σ degree + Σ over ties of the smaller degree), like triangle counting.
    With ``brokers``, only those nodes are counted, each closed pair found from the broker's neighbours
    (cost O(Σ over its neighbours of their degree)).
    """
    pred_view, succ_view = _arcs(graph)
    directed = graph.is_directed()
    if brokers is None:
        succ = {v: set(succ_view[v]) - {v} for v in graph.nodes}  # plain sets: fast intersections
        pred = {v: set(pred_view[v]) - {v} for v in graph.nodes} if directed else succ
    else:
        near = set(brokers).union(*(pred_view[v] for v in brokers))
        succ = {v: set(succ_view[v]) - {v} for v in near}
        pred = {v: set(pred_view[v]) - {v} for v in brokers} if directed else succ
    counts = {v: dict.fromkeys(ROLES, 0) for v in (graph.nodes if brokers is None else brokers)}
    for v in counts:
        s = groups[v]
        outs = succ[v]
        ins = pred[v]
        cout = Counter(groups[b] for b in outs)
        cin = Counter(groups[a] for a in ins) if directed else cout
        din, dout = len(ins), len(outs)
        same = sum(cin[g] * cout[g] for g in cin if g != s)
        c = counts[v]
        c["coordinator"] = cin[s] * cout[s]
        c["representative"] = cin[s] * (dout - cout[s])
        c["gatekeeper"] = (din - cin[s]) * cout[s]
        c["itinerant"] = same
        c["liaison"] = (din - cin[s]) * (dout - cout[s]) - same
        # a = b is not a two-path: take off the pairs (x, x), x both before and after v
        if directed:
            for x in ins & outs:
                c["coordinator" if groups[x] == s else "itinerant"] -= 1
        else:
            c["coordinator"] -= cout[s]
            c["itinerant"] -= dout - cout[s]
    if brokers is None:
        for a, b in graph.edges():
            if a == b:
                continue
            ga, gb = groups[a], groups[b]
            # brokers v of a → v → b closed by the arc a → b (and, undirected, of b → v → a)
            for v in succ[a] & pred[b]:  # never a or b: the sets hold no self-loops
                gv = groups[v]
                counts[v][_role(ga, gv, gb)] -= 1
                if not directed:
                    counts[v][_role(gb, gv, ga)] -= 1
    else:
        for v in counts:
            # a → v → b closed by the arc a → b (undirected: each tie {a, b} is met as (a, b) and as (b, a))
            gv, outs = groups[v], succ[v]
            for a in pred[v]:
                for b in succ[a] & outs:
                    counts[v][_role(groups[a], gv, groups[b])] -= 1
    for c in counts.values():
        c["total"] = sum(c[r] for r in ROLES)
    return counts


def _density(graph: nx.Graph) -> float:
    """Arcs / (N(N−1)), self-loops excluded; an undirected tie is two arcs. 0 below two nodes."""
    n = graph.number_of_nodes()
    if n < 2:
        return 0.0
    m = graph.number_of_edges() - nx.number_of_selfloops(graph)
    arcs = m if graph.is_directed() else 2 * m
    return arcs / (n * (n - 1))


def _choose2(x: Any) -> Any:
    return x * (x - 1) / 2


def _group_moments(sizes: Sequence[int], d: float) -> tuple[np.ndarray, np.ndarray]:
    """Expected count and variance for ONE broker of each group, per role (sna ``exp.grp``, ``sd.grp``²).

    Rows follow ``sizes``; columns follow :data:`_COLUMNS`. Transcribed from sna R/models.R.
    """
    n = np.asarray(sizes, dtype=float)
    big_n = n.sum()
    q = d**2 * (1 - d)
    r = d**3 * (1 - d) ** 3
    k = len(n)
    exp = np.zeros((k, 6))
    var = np.zeros((k, 6))
    for i in range(k):
        ni, o = n[i], np.delete(n, i)
        exp[i, 0] = q * (ni - 1) * (ni - 2)
        var[i, 0] = exp[i, 0] * (1 - q) + 2 * (ni - 1) * (ni - 2) * (ni - 3) * r
        exp[i, 1] = q * np.sum(o * (o - 1))
        var[i, 1] = exp[i, 1] * (1 - q) + 2 * np.sum(o * (o - 1) * (o - 2)) * r
        exp[i, 3] = q * (big_n - ni) * (ni - 1)  # representative b_IO
        var[i, 3] = exp[i, 3] * (1 - q) + 2 * (
            (ni - 1) * _choose2(big_n - ni) + (big_n - ni) * _choose2(ni - 1)) * r
        exp[i, 2], var[i, 2] = exp[i, 3], var[i, 3]  # gatekeeper b_OI: same moments
        exp[i, 4] = q * (np.sum(np.outer(o, o)) - np.sum(o**2))
        var[i, 4] = exp[i, 4] * (1 - q) + 4 * np.sum(o * _choose2(big_n - o - ni) * r)
        exp[i, 5] = q * (big_n - 1) * (big_n - 2)
        var[i, 5] = exp[i, 5] * (1 - q) + 2 * (big_n - 1) * (big_n - 2) * (big_n - 3) * r
    return exp + 0.0, var + 0.0  # no negative zeros


def _network_moments(sizes: Sequence[int], d: float) -> tuple[np.ndarray, np.ndarray]:
    """Expected whole-network count and variance per role (sna ``exp.gli``, ``sd.gli``²), order :data:`_COLUMNS`."""
    n = np.asarray(sizes, dtype=float)
    big_n = n.sum()
    q = d**2 * (1 - d)
    r3 = d**3 * (1 - d) ** 3
    r4 = d**4 * (1 - d) ** 2
    r5 = d**5 * (1 - d)
    exp = np.zeros(6)
    var = np.zeros(6)
    exp[0] = q * np.sum(n * (n - 1) * (n - 2))
    var[0] = exp[0] * (1 - q) + np.sum(n * (n - 1) * (n - 2) * ((4 * n - 10) * r3 - 4 * (n - 3) * r4 + (n - 3) * r5))
    exp[1] = q * np.sum(n * (big_n - n) * (n - 1))
    x, y = n[:, None], n[None, :]
    var[1] = exp[1] * (1 - q) + (
        np.sum(x * y * (x - 1) * ((2 * x + 2 * y - 6) * r3 + (big_n - x - 1) * r5))
        - np.sum(n * n * (n - 1) * ((4 * n - 6) * r3 + (big_n - n - 1) * r5)))
    exp[3] = q * np.sum(n * (big_n - n) * (n - 1))
    var[3] = exp[3] * (1 - q) + np.sum(n * (big_n - n) * (n - 1) * ((big_n - 3) * r3 + (n - 2) * r5))
    exp[2], var[2] = exp[3], var[3]
    exp[4] = q * (np.sum(x * y * (big_n - x - y)) - np.sum(n * n * (big_n - 2 * n)))
    var[4] = exp[4] * (1 - q)
    k = len(n)
    for i in range(k):
        for j in range(k):
            for m in range(k):
                if i != j and j != m and i != m:
                    var[4] += n[i] * n[j] * n[m] * (
                        (4 * (big_n - n[j]) - 2 * (n[i] + n[m] + 1)) * r3
                        - (4 * (big_n - n[m]) - 2 * (n[i] + n[j] + 1)) * r4
                        + (big_n - (n[i] + n[m] + 1)) * r5)
    exp[5] = q * big_n * (big_n - 1) * (big_n - 2)
    var[5] = exp[5] * (1 - q) + big_n * (big_n - 1) * (big_n - 2) * (
        (4 * big_n - 10) * r3 - 4 * (big_n - 3) * r4 + (big_n - 3) * r5)
    return exp, var


def _sd(var: np.ndarray) -> np.ndarray:
    """Square root; NaN for a negative variance (as R's ``sqrt`` gives)."""
    var = np.asarray(var, dtype=float)
    out = np.full(var.shape, np.nan)
    ok = var >= 0
    out[ok] = np.sqrt(var[ok])
    return out


def _z(observed: Any, expected: Any, sd: Any) -> Any:
    """(observed − expected) / sd, NaN where sd is 0 or undefined."""
    sd = np.asarray(sd, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (np.asarray(observed, dtype=float) - expected) / sd
    return np.where((sd > 0) & np.isfinite(sd), z, np.nan)


def _sizes(graph: nx.Graph, groups: dict[Hashable, Any]) -> tuple[list[Any], list[int]]:
    size = Counter(groups.values())
    names = _group_order(size)
    return names, [size[g] for g in names]


def brokerage(graph: nx.Graph, group: str = "sector", nodes: Iterable[Hashable] | None = None) -> pd.DataFrame:
    """Per organisation: brokered two-paths by Gould–Fernandez role, and their z-scores (sna ``brokerage``).

    Columns ``coordinator``, ``itinerant``, ``gatekeeper``, ``representative``, ``liaison``, ``total``
    (sna ``raw.nli``; see the module docstring for the two-path definitions and the undirected
    convention: each open two-path counts in both directions), then ``<role>_z`` = (count − expected) / sd
    with the expectation and sd of a broker of the organisation's group under sna's density null
    (:func:`brokerage_expected`; sna ``z.nli``). A z-score is NaN where the sd is 0 (no ties, a complete
    graph, or a role impossible for the group, e.g. coordinator in a group of one or two). Nodes without a
    ``group`` value raise ValueError. ``nodes`` limits the rows to those brokers (the same numbers, counted
    from their neighbourhoods only: what one organisation's profile needs in a large network).

    >>> g = nx.star_graph(["hub", "x", "y", "z"])
    >>> nx.set_node_attributes(g, {"hub": "A", "x": "A", "y": "B", "z": "C"}, "sector")
    >>> brokerage(g).loc["hub", list(_COLUMNS)].tolist()
    [0, 0, 2, 2, 2, 6]
    """
    groups = _group_of(graph, group)
    chosen = None if nodes is None else list(dict.fromkeys(nodes))  # each once; the table sorts its rows
    missing = [] if chosen is None else [v for v in chosen if v not in graph]
    if missing:
        raise KeyError(f"not in the graph: {', '.join(map(str, missing))}")
    counts = _raw_counts(graph, groups, chosen)
    names, sizes = _sizes(graph, groups)
    exp, var = _group_moments(sizes, _density(graph))
    row = {g: i for i, g in enumerate(names)}
    brokers = list(counts)
    at = np.array([row[groups[v]] for v in brokers], dtype=int)
    raw = np.array([[counts[v][c] for c in _COLUMNS] for v in brokers], dtype=float).reshape(len(brokers), 6)
    z = _z(raw, exp[at], _sd(var)[at])
    columns: dict[str, dict[Hashable, Any]] = {c: {v: counts[v][c] for v in brokers} for c in _COLUMNS}
    for j, c in enumerate(_COLUMNS):
        columns[f"{c}_z"] = dict(zip(brokers, z[:, j].tolist()))
    table = per_organisation(graph, columns, nodes=chosen)
    for c in _COLUMNS:
        table[c] = table[c].astype("int64")
    return table


def brokerage_expected(graph: nx.Graph, group: str = "sector", order: Sequence[Any] | None = None) -> pd.DataFrame:
    """Expected count and sd of each role for one broker of each group (sna ``exp.grp``, ``sd.grp``).

    Null model (Gould & Fernandez 1989; sna): arcs present independently with probability ``d``
    (the density, arcs / (N(N−1))). A given ordered two-path a → v → b is brokered with probability
    ``q = d²(1−d)``, so for a broker in group i (size nᵢ, N organisations, other groups' sizes nⱼ):

    - coordinator: q (nᵢ−1)(nᵢ−2)
    - itinerant: q Σⱼ≠ᵢ nⱼ(nⱼ−1)
    - representative = gatekeeper: q (N−nᵢ)(nᵢ−1)
    - liaison: q Σ over ordered pairs of distinct groups j, k ≠ i of nⱼnₖ
    - total: q (N−1)(N−2)

    i.e. q × the number of ordered pairs (a, b) of the right groups. The expectations hold exactly for an
    undirected Bernoulli graph too (the three ties involved are distinct). Variances are sna's formulas
    (R/models.R, ``vbr``: expectation·(1−q) plus a d³(1−d)³ term), transcribed, not re-derived; for an
    undirected graph they ignore that a path and its reverse are the same event, so treat the z-scores
    as descriptive. With fewer than two organisations d is taken as 0.

    Index (``group``, ``role``) with groups in ``order`` (default sorted) and roles in column order;
    columns ``organisations`` (nᵢ), ``expected``, ``sd``.

    >>> g = nx.path_graph(["a", "b", "c", "d"])
    >>> nx.set_node_attributes(g, {"a": "A", "b": "A", "c": "B", "d": "B"}, "sector")
    >>> float(brokerage_expected(g).loc[("A", "gatekeeper"), "expected"])  # d = 1/2: q·2·1
    0.25
    """
    groups = _group_of(graph, group)
    size = Counter(groups.values())
    names = _group_order(size, order)
    sizes = [size.get(g, 0) for g in names]
    present = [i for i, s in enumerate(sizes) if s > 0]
    exp = np.full((len(names), 6), np.nan)
    var = np.full((len(names), 6), np.nan)
    if present:
        e, v = _group_moments([sizes[i] for i in present], _density(graph))
        exp[present], var[present] = e, v
    index = pd.MultiIndex.from_product([names, list(_COLUMNS)], names=[group, "role"])
    return pd.DataFrame({
        "organisations": np.repeat(sizes, len(_COLUMNS)).astype("int64"),
        "expected": exp.ravel(),
        "sd": _sd(var).ravel(),
    }, index=index)


def brokerage_network(graph: nx.Graph, group: str = "sector") -> pd.DataFrame:
    """Whole-network brokerage per role: observed, expected, sd, z (sna ``raw.gli``, ``exp.gli``, ``sd.gli``, ``z.gli``).

    ``observed`` sums :func:`brokerage` over organisations. Expectations are the per-broker ones of
    :func:`brokerage_expected` summed over organisations (e.g. coordinator: d²(1−d) Σᵢ nᵢ(nᵢ−1)(nᵢ−2));
    variances are sna's whole-network formulas (R/models.R, ``vgbr``), transcribed; sd is NaN where sna's
    variance comes out negative, z is NaN where the sd is 0 or NaN. Index ``role``.

    >>> g = nx.path_graph(["a", "b", "c"])
    >>> nx.set_node_attributes(g, "A", "sector")
    >>> t = brokerage_network(g)
    >>> int(t.loc["coordinator", "observed"]), round(float(t.loc["coordinator", "expected"]), 4)  # d = 2/3
    (2, 0.8889)
    """
    groups = _group_of(graph, group)
    counts = _raw_counts(graph, groups)
    _, sizes = _sizes(graph, groups)
    observed = np.array([sum(c[col] for c in counts.values()) for col in _COLUMNS], dtype="int64")
    if sizes:
        exp, var = _network_moments(sizes, _density(graph))
    else:
        exp, var = np.zeros(6), np.zeros(6)
    sd = _sd(var)
    table = pd.DataFrame({"observed": observed, "expected": exp, "sd": sd, "z": _z(observed, exp, sd)},
                         index=pd.Index(list(_COLUMNS), name="role"))
    return table


def brokerage_by_group(graph: nx.Graph, group: str = "sector", order: Sequence[Any] | None = None) -> pd.DataFrame:
    """Raw brokerage counts of :func:`brokerage` summed over the organisations of each group.

    Index ``group`` in ``order`` (default sorted; groups without members get zeros); columns
    ``organisations`` then the role counts and ``total``.

    >>> g = nx.star_graph(["hub", "x", "y"])
    >>> nx.set_node_attributes(g, {"hub": "A", "x": "B", "y": "B"}, "sector")
    >>> brokerage_by_group(g)["itinerant"].tolist()
    [2, 0]
    """
    groups = _group_of(graph, group)
    counts = _raw_counts(graph, groups)
    names = _group_order(set(groups.values()), order)
    rows = {g: dict.fromkeys(("organisations", *_COLUMNS), 0) for g in names}
    for v, c in counts.items():
        r = rows[groups[v]]
        r["organisations"] += 1
        for col in _COLUMNS:
            r[col] += c[col]
    table = pd.DataFrame.from_dict(rows, orient="index", columns=["organisations", *_COLUMNS]).astype("int64")
    table.index.name = group
    return table


#: Columns of :func:`brokerage_pairs`: on an undirected tie gatekeeper and representative are one role.
PAIR_ROLES = ("coordinator", "itinerant", "gatekeeper_representative", "liaison")


def _pair_counts(graph: nx.Graph, group: str, nodes: Iterable[Hashable] | None = None
                 ) -> tuple[dict[Hashable, Any], dict[Hashable, dict[str, int]]]:
    if graph.is_directed():
        raise ValueError("brokered pairs are for undirected graphs; use brokerage() for ordered two-paths")
    groups = _group_of(graph, group)
    chosen = None if nodes is None else list(dict.fromkeys(nodes))
    missing = [] if chosen is None else [v for v in chosen if v not in graph]
    if missing:
        raise KeyError(f"not in the graph: {', '.join(map(str, missing))}")
    raw = _raw_counts(graph, groups, chosen)
    pairs = {}
    for v, c in raw.items():
        partners = len(set(graph.adj[v]) - {v})
        pairs[v] = {
            "coordinator": c["coordinator"] // 2,
            "itinerant": c["itinerant"] // 2,
            # the pair {a, b}, a in v's group and b not, is b → v → a (gatekeeper) and a → v → b (representative)
            "gatekeeper_representative": c["gatekeeper"],
            "liaison": c["liaison"] // 2,
            "total": c["total"] // 2,
            "neighbour_pairs": partners * (partners - 1) // 2,
        }
    return groups, pairs


def _share(part: float, whole: float) -> float:
    return part / whole if whole else float("nan")


def brokerage_pairs(graph: nx.Graph, group: str = "sector", nodes: Iterable[Hashable] | None = None) -> pd.DataFrame:
    """Per organisation: the **pairs** of partners it brokers, by Gould–Fernandez role, and per possible pair.

    What a policy reader means by "brokers": an unordered pair {a, b} of the organisation's
    partners that are not tied to each other (Gould & Fernandez 1989, the undirected two-path
    a – v – b, counted once). :func:`brokerage` counts ordered two-paths as R ``sna`` does, so every
    pair appears there twice (as a → v → b and b → v → a); here the counts are halved. On an
    undirected tie *gatekeeper* and *representative* are the same pair seen from its two ends, so
    they are one column here, ``gatekeeper_representative`` (pairs with exactly one partner in the
    broker's own group: :func:`brokerage`'s gatekeeper and representative counts summed and halved,
    i.e. equal to each of them). Columns ``coordinator``, ``itinerant``, ``gatekeeper_representative``, ``liaison``,
    ``total`` (brokered pairs = :func:`brokerage` ``total`` / 2), then the size-independent figures:

    - ``neighbour_pairs``: C(degree, 2), the pairs of its partners (self-loops ignored) — every pair
      it could broker;
    - ``<role>_share``: that role's brokered pairs over ``neighbour_pairs``, and ``brokered_share``:
      all brokered pairs over ``neighbour_pairs``, which is 1 − its local clustering coefficient
      (Watts & Strogatz 1998). NaN with fewer than two partners.

    A hub with 20 partners brokers up to 190 pairs and one with 3 partners up to 3: compare shares,
    not counts, across organisations of different degree. Undirected graphs only (a ``DiGraph``
    raises ``ValueError``); ``nodes`` limits the rows as in :func:`brokerage`.

    >>> g = nx.star_graph(["hub", "x", "y", "z"])
    >>> nx.set_node_attributes(g, {"hub": "A", "x": "A", "y": "B", "z": "C"}, "sector")
    >>> brokerage_pairs(g).loc["hub", ["gatekeeper_representative", "liaison", "total", "neighbour_pairs"]].tolist()
    [2, 1, 3, 3]
    """
    _, pairs = _pair_counts(graph, group, nodes)
    chosen = None if nodes is None else list(dict.fromkeys(nodes))
    counts = (*PAIR_ROLES, "total", "neighbour_pairs")
    columns: dict[str, dict[Hashable, Any]] = {c: {v: p[c] for v, p in pairs.items()} for c in counts}
    for role in PAIR_ROLES:
        columns[f"{role}_share"] = {v: _share(p[role], p["neighbour_pairs"]) for v, p in pairs.items()}
    columns["brokered_share"] = {v: _share(p["total"], p["neighbour_pairs"]) for v, p in pairs.items()}
    table = per_organisation(graph, columns, nodes=chosen)
    for c in counts:
        table[c] = table[c].astype("int64")
    return table


def brokerage_pairs_by_group(graph: nx.Graph, group: str = "sector", order: Sequence[Any] | None = None) -> pd.DataFrame:
    """Brokered pairs (:func:`brokerage_pairs`) summed over each group's members, and as shares.

    Index ``group`` in ``order`` (default sorted; groups without members get zeros and NaN shares);
    columns ``organisations``, the pair counts by role and ``total``, ``neighbour_pairs`` (Σ of
    the members' C(degree, 2)), ``brokered_share`` (Σ brokered / Σ neighbour pairs: the group's
    pooled share, dominated by its high-degree members) and ``mean_brokered_share`` (the mean of
    its members' own shares, over members with at least two partners: each organisation counts
    once).

    >>> g = nx.star_graph(["hub", "x", "y"])
    >>> nx.set_node_attributes(g, {"hub": "A", "x": "B", "y": "B"}, "sector")
    >>> brokerage_pairs_by_group(g)[["itinerant", "neighbour_pairs", "brokered_share"]].values.tolist()
    [[1.0, 1.0, 1.0], [0.0, 0.0, nan]]
    """
    groups, pairs = _pair_counts(graph, group)
    names = _group_order(set(groups.values()), order)
    counts = ("organisations", *PAIR_ROLES, "total", "neighbour_pairs")
    rows = {g: dict.fromkeys(counts, 0) for g in names}
    own: dict[Any, list[float]] = {g: [] for g in names}
    for v, p in pairs.items():
        r = rows[groups[v]]
        r["organisations"] += 1
        for c in counts[1:]:
            r[c] += p[c]
        if p["neighbour_pairs"]:
            own[groups[v]].append(p["total"] / p["neighbour_pairs"])
    table = pd.DataFrame.from_dict(rows, orient="index", columns=list(counts)).astype("int64")
    table["brokered_share"] = [_share(t, n) for t, n in zip(table["total"], table["neighbour_pairs"])]
    table["mean_brokered_share"] = [float(np.mean(own[g])) if own[g] else float("nan") for g in names]
    table.index.name = group
    return table
