"""What a departure does to the others, and the key-player set (Borgatti 2006).

Borgatti, S. P. (2006). Identifying sets of key players in a social network. *Computational and
Mathematical Organization Theory* 12: 21–34. On the graph left after a set S of organisations leaves
(n organisations remain):

- **fragmentation** F = 1 − Σ_k s_k(s_k − 1) / (n(n − 1)) over its components k of sizes s_k: the share
  of ordered pairs of remaining organisations that cannot reach each other (0: connected; 1: no ties);
- **distance-weighted fragmentation** DF = 1 − (Σ_{i≠j} 1/d_ij) / (n(n − 1)), with 1/d_ij = 0 for a pair
  in different components: 0 only when everyone is tied to everyone, 1 when no one reaches anyone. DF
  also grows when paths among the others get longer, not only when they break.

Both are NaN with fewer than two organisations left. Ties are undirected and unweighted (a tie is
a tie, whatever its number of partnership rows); self-loops are ignored.

Unlike ``reachable_pairs_lost`` of :func:`.departure_ranking`, which counts the pairs that include the
leaver (so every member of a component of s scores at least s − 1 even when it disconnects no one),
:func:`departure_effects` separates the leaver's ``own_pairs`` from ``pairs_disconnected``, the pairs of
*remaining* organisations that could reach each other before and cannot after.

>>> g = nx.path_graph(["a", "b", "c", "d", "e"])
>>> fragmentation(g, "c")[["fragmentation", "distance_fragmentation"]].round(4).iloc[0].tolist()
[0.6667, 0.6667]
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Iterable
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd

from .. import _engine
from .._table import IDENTITY, per_organisation
from .departures import _selection

Measure = Literal["fragmentation", "distance_fragmentation"]
_MEASURES = ("fragmentation", "distance_fragmentation")
#: Two values of a measure closer than this are taken as equal (ties in the search and in rankings).
TOLERANCE = 1e-12


class _Net:
    """The graph in index form (nodes sorted by id): edge list for components, dense adjacency for distances."""

    def __init__(self, graph: nx.Graph) -> None:
        self.nodes = _engine.node_order(graph)
        self.index = {v: i for i, v in enumerate(self.nodes)}
        self.n = len(self.nodes)
        self.edges = [(self.index[u], self.index[v]) for u, v in graph.edges() if u != v]
        self._adj: np.ndarray | None = None

    @property
    def adj(self) -> np.ndarray:
        if self._adj is None:
            a = np.zeros((self.n, self.n), dtype=np.float64)
            for i, j in self.edges:
                a[i, j] = a[j, i] = 1.0
            self._adj = a
        return self._adj

    def sizes(self, removed: frozenset[int] | set[int]) -> list[int]:
        """Component sizes of the graph without ``removed`` (union–find)."""
        parent = list(range(self.n))

        def root(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for i, j in self.edges:
            if i in removed or j in removed:
                continue
            ri, rj = root(i), root(j)
            if ri != rj:
                parent[ri] = rj
        count: dict[int, int] = {}
        for x in range(self.n):
            if x not in removed:
                r = root(x)
                count[r] = count.get(r, 0) + 1
        return sorted(count.values(), reverse=True)

    def fragmentation(self, removed: frozenset[int] | set[int]) -> float:
        n = self.n - len(removed)
        if n < 2:
            return float("nan")
        return 1.0 - sum(s * (s - 1) for s in self.sizes(removed)) / (n * (n - 1))

    def distance_fragmentation(self, removed: frozenset[int] | set[int]) -> float:
        n = self.n - len(removed)
        if n < 2:
            return float("nan")
        keep = [i for i in range(self.n) if i not in removed]
        return float(1.0 - _inverse_distances(self.adj[np.ix_(keep, keep)]) / (n * (n - 1)))

    def value(self, measure: str, removed: frozenset[int] | set[int]) -> float:
        return self.fragmentation(removed) if measure == "fragmentation" else self.distance_fragmentation(removed)


def _inverse_distances(adj: np.ndarray) -> float:
    """Σ over ordered pairs i ≠ j of 1/d_ij (0 for unreachable pairs): breadth-first search from every
    organisation at once, one matrix product per distance (exact: counts are integers in float64)."""
    n = adj.shape[0]
    reached = np.eye(n, dtype=bool)
    frontier = np.eye(n)
    total, d = 0.0, 0
    while True:
        d += 1
        step = (frontier @ adj > 0) & ~reached
        count = int(step.sum())
        if not count:
            return total
        total += count / d
        reached |= step
        frontier = step.astype(np.float64)


def _check_measure(measure: str) -> None:
    if measure not in _MEASURES:
        raise ValueError(f"measure must be one of {', '.join(_MEASURES)}, not {measure!r}")


def fragmentation(graph: nx.Graph, remove: Hashable | Iterable[Hashable] = ()) -> pd.DataFrame:
    """One row: Borgatti's (2006) F and DF of the graph left after ``remove`` leave (see the module docstring).

    ``remove`` is an id or a collection of ids (default: nobody, the graph as it is); unknown ids raise
    ``ValueError``. Columns ``removed`` (how many), ``removed_ids`` (sorted, joined by ``, ``),
    ``organisations`` (n left), ``components``, ``fragmentation``, ``distance_fragmentation`` (NaN when
    n < 2). DF needs all distances: a dense n × n matrix, fine up to a few thousand organisations.

    >>> star = nx.star_graph(["hub", "a", "b", "c", "d"])
    >>> fragmentation(star)[["fragmentation", "distance_fragmentation"]].round(4).iloc[0].tolist()  # 1 − (8·1 + 12·½)/20
    [0.0, 0.3]
    >>> fragmentation(star, "hub")[["fragmentation", "distance_fragmentation"]].iloc[0].tolist()  # 4 isolates
    [1.0, 1.0]
    """
    chosen = _selection(graph, remove)
    net = _Net(graph)
    gone = frozenset(net.index[v] for v in chosen)
    return pd.DataFrame([{
        "removed": len(chosen),
        "removed_ids": ", ".join(map(str, chosen)),
        "organisations": net.n - len(gone),
        "components": len(net.sizes(gone)),
        "fragmentation": net.fragmentation(gone),
        "distance_fragmentation": net.distance_fragmentation(gone),
    }])


_EFFECT_COLUMNS = ["rank", "pairs_disconnected", "organisations_cut_off", "own_pairs", "components_after",
                   "fragmentation", "fragmentation_change", "distance_fragmentation", "distance_fragmentation_change"]


#: :func:`departure_effects` computes DF for every departure by default only below this many organisations.
DISTANCE_LIMIT = _engine.ENGINE_THRESHOLD


def departure_effects(graph: nx.Graph, distance: bool | None = None) -> pd.DataFrame:
    """Every organisation's departure on its own: what it does to the **others**, ranked.

    A per-organisation table (identity columns, then):

    - ``rank``: by ``pairs_disconnected``, largest first; organisations doing equal damage share the
      smallest rank of their group (``method="min"``: with 3 tied at the top, all rank 1 and the next
      ranks 4), so a tie is never broken silently;
    - ``pairs_disconnected``: unordered pairs of *other* organisations that reach each other before
      the departure and not after (0 unless the organisation is a cut vertex of its component);
    - ``organisations_cut_off``: others of its component left outside the largest piece that remains;
    - ``own_pairs``: the leaver's own reachable pairs (its component's size − 1), which
      ``reachable_pairs_lost`` of :func:`.departure_ranking` adds to ``pairs_disconnected``;
    - ``components_after``;
    - ``fragmentation``: F of the graph without it (Borgatti 2006, see the module docstring), and
      ``fragmentation_change``, that F minus the F of the whole graph;
    - ``distance_fragmentation`` and ``distance_fragmentation_change``: the same for DF (NaN columns with
      ``distance=False``, which skips the n all-distance searches: 0.07 s for the 85 organisations of the
      bundled package, but growing as n⁴ with dense matrices; the default ``None`` computes them below
      :data:`DISTANCE_LIMIT` organisations only). Both F and
      DF are taken over the n − 1 organisations left, so they move a little even when no one is
      disconnected (the leaver's own pairs leave the count): read ``pairs_disconnected`` for "who is cut
      off", F and DF for "how fragmented is what remains". Removing a peripheral organisation can lower
      DF: the pairs that leave with it were long ones.

    Rows are sorted by ``pairs_disconnected`` (descending), then ``distance_fragmentation``
    (descending), then id. The whole graph's F and DF are in ``table.attrs["fragmentation_before"]``
    and ``table.attrs["distance_fragmentation_before"]``.

    >>> t = departure_effects(nx.path_graph(["a", "b", "c", "d"]))
    >>> t.index.tolist(), t["rank"].tolist(), t["pairs_disconnected"].tolist(), t["own_pairs"].tolist()
    (['b', 'c', 'a', 'd'], [1, 1, 3, 3], [2, 2, 0, 0], [3, 3, 3, 3])
    """
    net = _Net(graph)
    if distance is None:
        distance = net.n < DISTANCE_LIMIT
    parts = [set(p) for p in nx.connected_components(graph)]
    total_pairs = sum(len(p) * (len(p) - 1) // 2 for p in parts)
    before_f = net.fragmentation(frozenset())
    before_df = net.distance_fragmentation(frozenset()) if distance else float("nan")
    cut = set(nx.articulation_points(graph))
    n_left = net.n - 1
    cols: dict[str, dict[Any, Any]] = {c: {} for c in _EFFECT_COLUMNS[1:]}
    for part in parts:
        s = len(part)
        for v in part:
            if v in cut:  # only a cut vertex splits its component: recount the pieces
                pieces = [len(p) for p in nx.connected_components(graph.subgraph(part - {v}))]
            else:
                pieces = [s - 1] if s > 1 else []
            pairs_after = total_pairs - s * (s - 1) // 2 + sum(p * (p - 1) // 2 for p in pieces)
            f = 1.0 - 2 * pairs_after / (n_left * (n_left - 1)) if n_left >= 2 else float("nan")
            df = net.distance_fragmentation(frozenset({net.index[v]})) if distance else float("nan")
            cols["pairs_disconnected"][v] = total_pairs - pairs_after - (s - 1)
            cols["organisations_cut_off"][v] = s - 1 - max(pieces, default=0)
            cols["own_pairs"][v] = s - 1
            cols["components_after"][v] = len(parts) - 1 + len(pieces)
            cols["fragmentation"][v] = f
            cols["fragmentation_change"][v] = f - before_f
            cols["distance_fragmentation"][v] = df
            cols["distance_fragmentation_change"][v] = df - before_df
    table = per_organisation(graph, cols)
    for c in ("pairs_disconnected", "organisations_cut_off", "own_pairs", "components_after"):
        table[c] = table[c].astype("int64")
    table = (table.assign(_df=table["distance_fragmentation"].fillna(-np.inf)).reset_index()
             .sort_values(["pairs_disconnected", "_df", "id"], ascending=[False, False, True], kind="stable")
             .drop(columns="_df").set_index("id"))
    table.insert(len(IDENTITY), "rank",
                 table["pairs_disconnected"].rank(method="min", ascending=False).astype("int64"))
    table.attrs["fragmentation_before"] = before_f
    table.attrs["distance_fragmentation_before"] = before_df
    return table


#: What :func:`disconnecting_departures` stores in ``attrs["note"]`` when no departure disconnects anyone.
NO_DISCONNECTION = "No single organisation's departure disconnects any two of the others."


def disconnecting_departures(graph: nx.Graph, distance: bool | None = None) -> pd.DataFrame:
    """Only the organisations whose departure on its own disconnects at least one pair of others.

    The rows of :func:`departure_effects` with ``pairs_disconnected`` > 0 (the cut vertices,
    Hopcroft & Tarjan 1973), same columns, order and ranks. When none does the table is empty (the
    columns kept), ``attrs["disconnects"]`` is False and ``attrs["note"]`` holds
    :data:`NO_DISCONNECTION`, a sentence a caller can print instead of an empty chart; otherwise
    ``attrs["disconnects"]`` is True and ``attrs["note"]`` is empty.

    >>> disconnecting_departures(nx.path_graph(["a", "b", "c"]))["pairs_disconnected"].to_dict()
    {'b': 1}
    >>> t = disconnecting_departures(nx.cycle_graph(4))
    >>> t.empty, t.attrs["note"] == NO_DISCONNECTION
    (True, True)
    """
    effects = departure_effects(graph, distance=distance)
    table = effects.loc[effects["pairs_disconnected"] > 0].copy()
    table.attrs.update(effects.attrs)
    table.attrs["disconnects"] = not table.empty
    table.attrs["note"] = "" if not table.empty else NO_DISCONNECTION
    return table


def _best_swaps(net: _Net, measure: str, start: list[int]) -> tuple[frozenset[int], float, int]:
    """Borgatti's (2006) KPP-Neg improvement: make the best single swap (member ↔ outsider) while it gains."""
    chosen = set(start)
    value = net.value(measure, chosen)
    swaps = 0
    while True:
        best, best_pair = value, None
        for u in sorted(chosen):
            for v in range(net.n):
                if v in chosen:
                    continue
                trial = (chosen - {u}) | {v}
                x = net.value(measure, trial)
                if x > best + TOLERANCE:
                    best, best_pair = x, (u, v)
        if best_pair is None:
            return frozenset(chosen), value, swaps
        chosen = (chosen - {best_pair[0]}) | {best_pair[1]}
        value = best
        swaps += 1


def _greedy(net: _Net, measure: str, k: int) -> list[int]:
    """Add, k times, the organisation whose removal with those already chosen fragments most (smallest id on ties)."""
    chosen: set[int] = set()
    for _ in range(k):
        best, pick = -np.inf, None
        for v in range(net.n):
            if v in chosen:
                continue
            x = net.value(measure, chosen | {v})
            x = -np.inf if np.isnan(x) else x
            if pick is None or x > best + TOLERANCE:
                best, pick = x, v
        chosen.add(pick)
    return sorted(chosen)


def _search(net: _Net, measure: str, k: int, restarts: int, seed: int) -> tuple[frozenset[int], float]:
    rng = random.Random(seed)
    starts = [_greedy(net, measure, k)] + [sorted(rng.sample(range(net.n), k)) for _ in range(restarts)]
    best_set, best = frozenset(), -np.inf
    for start in starts:
        found, value, _ = _best_swaps(net, measure, start)
        if value > best + TOLERANCE:
            best_set, best = found, value
    return best_set, best


def _top_singles(net: _Net, measure: str, k: int) -> list[int]:
    values = [net.value(measure, {i}) for i in range(net.n)]
    return sorted(range(net.n), key=lambda i: (-np.nan_to_num(values[i], nan=-np.inf), i))[:k]


def key_players(graph: nx.Graph, k: int, measure: Measure = "fragmentation", restarts: int = 10,
                seed: int = 42) -> pd.DataFrame:
    """The set of ``k`` organisations whose joint departure fragments the network most (KPP-Neg, Borgatti 2006).

    Maximises ``measure`` — ``"fragmentation"`` (F) or ``"distance_fragmentation"`` (DF), see the
    module docstring — of the graph without the set. Search (heuristic, deterministic for a given
    ``seed``): from a greedy start (add the organisation that raises the measure most, k times) and
    ``restarts`` random k-sets drawn by ``random.Random(seed)`` from the organisations sorted by id,
    repeatedly make the single swap of a member for an outsider that raises the measure most (first
    by id on ties) until no swap raises it (Borgatti's 2006 KPP-Neg algorithm, a local optimum); keep
    the best set over the starts (the earlier start on ties; values within :data:`TOLERANCE` are
    equal). Tested against brute force on seeded random graphs of up to 20 organisations, where it
    found the optimum; not guaranteed to in general. Cost per swap pass k(n − k) evaluations of the
    measure (F: O(n + m) each; DF: all distances): for k = 3 on the 85 bundled organisations about
    1 s on F and 5 s on DF.

    One row, beside the naive answer: ``measure``, ``k``, ``key_set`` (ids sorted, joined by ``, ``),
    its ``fragmentation`` and ``distance_fragmentation``; ``top_singles``, the k organisations whose
    departure *alone* scores highest on the same measure (ties by id), and the
    ``top_singles_fragmentation`` and ``top_singles_distance_fragmentation`` of their joint
    departure; ``fragmentation_before`` and ``distance_fragmentation_before`` of the whole graph;
    ``restarts`` and ``seed``. ``k`` must lie between 1 and n − 2 (two organisations must remain).

    Two stars joined at their hubs: the hubs are the key players.

    >>> g = nx.Graph([("h1", "h2")] + [("h1", f"a{i}") for i in range(3)] + [("h2", f"b{i}") for i in range(3)])
    >>> row = key_players(g, 2).iloc[0]
    >>> row["key_set"], float(row["fragmentation"]), row["top_singles"]
    ('h1, h2', 1.0, 'h1, h2')
    """
    _check_measure(measure)
    net = _Net(graph)
    if not 1 <= k <= net.n - 2:
        raise ValueError(f"k must be between 1 and n − 2 = {net.n - 2}, not {k}")
    found, _ = _search(net, measure, k, restarts, seed)
    singles = frozenset(_top_singles(net, measure, k))

    def ids(chosen: frozenset[int]) -> str:
        return ", ".join(str(net.nodes[i]) for i in sorted(chosen))

    return pd.DataFrame([{
        "measure": measure,
        "k": k,
        "key_set": ids(found),
        "fragmentation": net.fragmentation(found),
        "distance_fragmentation": net.distance_fragmentation(found),
        "top_singles": ids(singles),
        "top_singles_fragmentation": net.fragmentation(singles),
        "top_singles_distance_fragmentation": net.distance_fragmentation(singles),
        "fragmentation_before": net.fragmentation(frozenset()),
        "distance_fragmentation_before": net.distance_fragmentation(frozenset()),
        "restarts": restarts,
        "seed": seed,
    }])
