"""Tie strength in centrality: Opsahl, Agneessens & Skvoretz (2010) degree, closeness and betweenness with α.

Opsahl, T., Agneessens, F. & Skvoretz, J. (2010). Node centrality in weighted networks: generalizing
degree and shortest paths. *Social Networks* 32: 245–251 (R package ``tnet``: ``degree_w``,
``closeness_w``, ``betweenness_w``). In the organisation graph a tie's weight w is the number of
partnership rows (areas of cooperation) of the pair. The tuning parameter α ≥ 0 weighs the number of
ties against their strength:

- weighted degree k_i^(1−α) · s_i^α, k the number of partners and s the strength (Σ of weights):
  α = 0 gives degree, α = 1 strength; between them, of two organisations with the same strength the
  one with more partners scores higher;
- a tie of weight w is 1/w^α long, and the length of a path is the sum of its ties' lengths: α = 0
  counts steps (every tie 1 long), α = 1 is Newman's (2001) and Brandes's (2001) 1/w (a tie of
  weight 2 is as short as two ties of weight 4), and α = ½ between them; closeness and betweenness
  use the shortest paths by this length.

**Tie-strength policy of the package** (each function's docstring says which it follows): Louvain
communities use the weight (more areas, stronger tie); :func:`.centrality.centrality` and
:func:`.centrality.cohesion` count a tie once unless ``weighted=True`` (then α = 1, lengths 1/w);
Burt's measures (:func:`.holes.structural_holes`) and core/periphery (:mod:`.core`) count a tie once
unless ``weight="weight"`` is passed, and so do the E-I index and the mixing matrix (:mod:`.mixing`);
k-cores, brokerage, assortativity, key players and reachability in departures always count it once
(departures report the partnership rows lost beside). This module gives the weighted versions with α
on request.

>>> import networkx as nx
>>> g = nx.Graph([("a", "b", {"weight": 1}), ("b", "c", {"weight": 4})])
>>> weighted_centrality(g, alpha=0.5).loc["b", ["strength", "weighted_degree"]].round(4).tolist()  # 2^½·5^½
[5.0, 3.1623]
"""

from __future__ import annotations

import heapq
import math
import numbers
from typing import Any

import networkx as nx
import pandas as pd

from . import _engine
from ._table import per_organisation

#: Two path lengths within this relative distance are equal (so equal geodesics tie despite rounding).
RELATIVE_TOLERANCE = 1e-9


def _lengths(graph: nx.Graph, alpha: float, weight: str) -> dict[Any, dict[Any, float]]:
    """``{i: {j: 1 / w_ij^α}}`` without self-loops; weights must be positive numbers."""
    out: dict[Any, dict[Any, float]] = {v: {} for v in graph.nodes}
    for u, v, w in graph.edges(data=weight, default=1):
        if u == v:
            continue
        if isinstance(w, bool) or not isinstance(w, numbers.Real) or not (0 < w < math.inf):
            raise ValueError(f"tie {u!r}–{v!r}: weight {w!r} is not a positive number")
        out[u][v] = out[v][u] = float(w) ** -alpha
    return out


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= RELATIVE_TOLERANCE * max(abs(a), abs(b))


def _sweep(nodes: list[Any], lengths: dict[Any, dict[Any, float]]) -> tuple[dict, dict, dict]:
    """Brandes (2001) from every source with Dijkstra on ``lengths``; equal lengths (to rounding) tie.

    Returns betweenness over unordered pairs, Σ of distances to the reachable, Σ of inverse distances.
    """
    between = dict.fromkeys(nodes, 0.0)
    total = dict.fromkeys(nodes, 0.0)
    inverse = dict.fromkeys(nodes, 0.0)
    order_of = {v: k for k, v in enumerate(nodes)}
    for s in nodes:
        dist: dict[Any, float] = {s: 0.0}
        sigma: dict[Any, float] = {s: 1.0}
        preds: dict[Any, list[Any]] = {s: []}
        done: list[Any] = []
        settled: set[Any] = set()
        heap = [(0.0, order_of[s], s)]
        while heap:
            d, _, v = heapq.heappop(heap)
            if v in settled or d > dist[v] and not _same(d, dist[v]):
                continue
            settled.add(v)
            done.append(v)
            for w, length in lengths[v].items():
                if w in settled:
                    continue
                nd = dist[v] + length
                if w not in dist or (nd < dist[w] and not _same(nd, dist[w])):
                    dist[w] = nd
                    sigma[w] = sigma[v]
                    preds[w] = [v]
                    heapq.heappush(heap, (nd, order_of[w], w))
                elif _same(nd, dist[w]):
                    sigma[w] += sigma[v]
                    preds[w].append(v)
        delta = dict.fromkeys(done, 0.0)
        for w in reversed(done):
            for v in preds[w]:
                delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
            if w != s:
                between[w] += delta[w]
        total[s] = sum(dist[v] for v in done if v != s)
        inverse[s] = sum(1 / dist[v] for v in done if v != s)
    return {v: b / 2 for v, b in between.items()}, total, inverse


def weighted_centrality(graph: nx.Graph, alpha: float = 0.5, weight: str = "weight") -> pd.DataFrame:
    """Per organisation: Opsahl, Agneessens & Skvoretz (2010) degree, closeness and betweenness with ``alpha``.

    Columns (lengths 1/w^α, see the module docstring; ``weight`` is the edge attribute, default 1,
    and must be positive; self-loops ignored):

    - ``degree`` (k_i), ``strength`` (s_i = Σ_j w_ij) and ``weighted_degree`` = k_i^(1−α) s_i^α
      (tnet ``degree_w``'s ``alpha`` column);
    - ``closeness`` = 1 / Σ_j d(i, j) over the organisations i can reach (Opsahl et al. 2010, eq. 6;
      tnet ``closeness_w`` on a connected network; NaN for an isolate): compare it only within one
      component, as a small component's members are close to few;
    - ``harmonic_closeness`` = Σ_{j≠i} 1/d(i, j), unreachable organisations adding 0 (the version
      Opsahl proposes for disconnected networks, tnet ``closeness_w(gconly=FALSE)``);
    - ``betweenness``: Σ over unordered pairs s < t (s, t ≠ i) of the share of shortest s–t paths (by
      length) through i, not normalised (Brandes 2001 with Dijkstra; path lengths within
      :data:`RELATIVE_TOLERANCE` count as equal, so rounding never splits a tie between geodesics;
      a program counting ordered pairs, both directions, reports twice this).

    α = 0 gives degree and the unweighted (step-counting) closeness and betweenness; α = 1 strength
    and the 1/w lengths of :func:`.centrality.centrality` ``(weighted=True)``, which however
    normalises its columns (raw sums here, as tnet). ``table.attrs["alpha"]`` records α. Cost: one
    Dijkstra search per organisation, O(n·m·log n).

    >>> g = nx.Graph([("a", "b", {"weight": 1}), ("a", "c", {"weight": 4}), ("c", "b", {"weight": 4})])
    >>> t = weighted_centrality(g, alpha=0.5)  # a–b: 1 long, or a–c–b: ½ + ½ — two shortest paths
    >>> t["betweenness"].tolist(), t["closeness"].round(4).tolist()
    ([0.0, 0.0, 0.5], [0.6667, 0.6667, 1.0])
    """
    if not (isinstance(alpha, numbers.Real) and alpha >= 0):
        raise ValueError(f"alpha must be a number ≥ 0, not {alpha!r}")
    lengths = _lengths(graph, alpha, weight)
    nodes = _engine.node_order(graph)
    strength = {v: sum(w for u, x, w in graph.edges(v, data=weight, default=1) if u != x) for v in nodes}
    degree = {v: len(lengths[v]) for v in nodes}
    wdeg = {v: (degree[v] ** (1 - alpha)) * (strength[v] ** alpha) if degree[v] else 0.0 for v in nodes}
    between, total, inverse = _sweep(nodes, lengths)
    table = per_organisation(graph, {
        "degree": degree,
        "strength": strength,
        "weighted_degree": wdeg,
        "closeness": {v: 1 / total[v] if total[v] else math.nan for v in nodes},
        "harmonic_closeness": inverse,
        "betweenness": between,
    })
    table["degree"] = table["degree"].astype("int64")
    table["strength"] = table["strength"].astype(float)
    table.attrs["alpha"] = float(alpha)
    return table
