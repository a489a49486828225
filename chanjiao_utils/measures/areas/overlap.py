"""Areas that share organisations, and organisations that share areas: the two one-mode projections."""

from __future__ import annotations

import itertools

import networkx as nx
import pandas as pd

from ...loading import Consortium
from .coverage import _participation
from .degree import _modes

_PROJECTIONS = {
    "shared": nx.bipartite.weighted_projected_graph,
    "jaccard": nx.bipartite.overlap_weighted_projected_graph,
    "newman": nx.bipartite.collaboration_weighted_projected_graph,
}


def area_projection(two_mode: nx.Graph, weight: str = "shared") -> nx.Graph:
    """One-mode projection: organisations linked when they take part in a common area.

    Every organisation of the two-mode graph is a node (with its attributes; those in no
    area stay as isolates); two are tied when they share at least one area. The edge
    attribute ``weight`` is, by ``weight``: ``"shared"`` — the number of shared areas, the
    off-diagonal of the co-affiliation matrix A·Aᵀ (Borgatti & Everett 1997;
    ``nx.bipartite.weighted_projected_graph``); ``"jaccard"`` — shared areas over areas
    either takes part in (``overlap_weighted_projected_graph``); ``"newman"`` — Newman's
    (2001) collaboration weight Σ 1/(k_area − 1) (``collaboration_weighted_projected_graph``).
    The partnership weights of the two-mode edges are not used: sharing is presence in both.
    Nodes and edges are added in sorted order.

    >>> b = nx.Graph([("a", "area:01"), ("b", "area:01"), ("a", "area:02"), ("b", "area:02")])
    >>> nx.set_node_attributes(b, {"a": 0, "b": 0, "area:01": 1, "area:02": 1}, "bipartite")
    >>> area_projection(b).edges["a", "b"]["weight"]
    2
    """
    if weight not in _PROJECTIONS:
        raise ValueError(f"weight must be one of {', '.join(_PROJECTIONS)}, not {weight!r}")
    orgs, _ = _modes(two_mode)
    projected = _PROJECTIONS[weight](two_mode, orgs)
    out = nx.Graph(**two_mode.graph)
    out.add_nodes_from((n, projected.nodes[n]) for n in orgs)
    out.add_edges_from(sorted(((*sorted((u, v)), d) for u, v, d in projected.edges(data=True)),
                              key=lambda e: (e[0], e[1])))
    return out


def area_overlap(consortium: Consortium) -> pd.DataFrame:
    """Areas × areas: how many organisations take part in both (the dual projection).

    The area co-affiliation matrix Aᵀ·A of Borgatti & Everett (1997), for every area
    of the data package (index and columns ``code``); the diagonal holds the area's own
    number of organisations (its degree in :func:`area_degree`). Symmetric; counted
    organisation by organisation over the pairs of its areas, so the cost grows with the
    number of organisations (no organisations × areas matrix is built).

    >>> from chanjiao_utils.loading import load
    >>> m = area_overlap(load())
    >>> m.shape, bool((m.values == m.values.T).all())
    ((12, 12), True)
    """
    codes = sorted(int(c) for c in consortium.areas.index)
    counts = {(a, b): 0 for a in codes for b in codes}
    for _, group in _participation(consortium).groupby("org", sort=True):
        mine = sorted(group["area"].tolist())
        for a in mine:
            counts[a, a] += 1
        for a, b in itertools.combinations(mine, 2):
            counts[a, b] += 1
            counts[b, a] += 1
    matrix = pd.DataFrame([[counts[a, b] for b in codes] for a in codes], index=codes, columns=codes, dtype="int64")
    matrix.index.name = "code"
    matrix.columns.name = "code"
    return matrix
