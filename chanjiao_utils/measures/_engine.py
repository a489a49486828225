"""Which engine computes a measure: networkx (the reference) or igraph (compiled, for large graphs).

Every measure is defined, documented and tested against networkx. For graphs of at least
:data:`ENGINE_THRESHOLD` organisations the heavy ones (betweenness, closeness, eigenvector,
clustering, distances, constraint, k-cores) are computed by igraph instead, which gives the same
numbers (tests in ``tests/measures/test_engine.py`` compare both engines, forced, on graphs of a few
hundred to a few thousand organisations). Below the threshold networkx is cheap (the 85-organisation
consortium takes milliseconds) and stays the engine.

Choosing the engine, first match wins:

1. the ``engine=`` argument of a measure (``"networkx"``, ``"igraph"`` or ``"auto"``);
2. the environment variable ``CHANJIAO_ENGINE`` (same values);
3. ``"auto"``: igraph when the graph has at least :data:`ENGINE_THRESHOLD` organisations, has no
   self-loops, and igraph can be imported; networkx otherwise.

igraph is imported only when first needed, and the conversion of a networkx graph is cached per
graph object (weakly, so the cache dies with the graph). The cache checks the number of organisations
and ties; a graph rewired in place with both counts unchanged is not noticed — call :func:`forget`.
Tie weights are read afresh on every call.

>>> import networkx as nx
>>> choose(nx.path_graph(3))
'networkx'
>>> choose(nx.path_graph(3), "igraph")
'igraph'
"""

from __future__ import annotations

import os
import weakref
from typing import Any

import networkx as nx

#: Graphs with at least this many organisations go to igraph under ``"auto"``. Measured on this
#: machine (benchmarks/README.md): at 1 000 organisations / 8 400 ties networkx needs 14 s for
#: :func:`cohesion` and 1.4 s for the centralities, igraph 0.26 s and 0.08 s; at 85 organisations
#: networkx takes milliseconds and is the reference, so it stays there.
ENGINE_THRESHOLD = 500
#: Environment variable that forces an engine for every measure (tests, benchmarks).
ENGINE_ENV = "CHANJIAO_ENGINE"
ENGINES = ("auto", "networkx", "igraph")

_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def choose(graph: nx.Graph, engine: str | None = None) -> str:
    """``"networkx"`` or ``"igraph"`` for this graph (see the module docstring for the rules)."""
    wanted = engine if engine is not None else os.environ.get(ENGINE_ENV, "auto") or "auto"
    if wanted not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, not {wanted!r}")
    if wanted != "auto":
        return wanted
    if graph.number_of_nodes() < ENGINE_THRESHOLD or graph.is_directed() or graph.is_multigraph():
        return "networkx"
    if nx.number_of_selfloops(graph):
        return "networkx"
    try:
        import igraph  # noqa: F401
    except ImportError:  # pragma: no cover - igraph is a declared dependency
        return "networkx"
    return "igraph"


def node_order(graph: nx.Graph) -> list[Any]:
    """Organisations sorted by id (insertion order if the ids do not sort)."""
    try:
        return sorted(graph.nodes)
    except TypeError:
        return list(graph.nodes)


def to_igraph(graph: nx.Graph, weight: str | None = None, *, default: float = 1) -> tuple[Any, list[Any]]:
    """The graph as an undirected ``igraph.Graph`` (vertex k = ``nodes[k]``, nodes sorted by id), and ``nodes``.

    Self-loops are dropped. With ``weight`` the igraph edges carry attribute ``"weight"`` read from the
    networkx edge attribute (``default`` where missing); the returned igraph graph is then a copy,
    so the cached one is never changed.
    """
    import igraph as ig

    key = (graph.number_of_nodes(), graph.number_of_edges())
    hit = _cache.get(graph)
    if hit is None or hit[0] != key:
        nodes = node_order(graph)
        index = {n: k for k, n in enumerate(nodes)}
        edges = [(index[u], index[v]) for u, v in graph.edges if u != v]
        h = ig.Graph(n=len(nodes), edges=edges, directed=False)
        hit = (key, h, nodes)
        _cache[graph] = hit
    _, h, nodes = hit
    if weight is None:
        return h, nodes
    h = h.copy()
    h.es["weight"] = [w for u, v, w in graph.edges(data=weight, default=default) if u != v]
    return h, nodes


def forget(graph: nx.Graph) -> None:
    """Drop the cached igraph conversion of ``graph`` (after rewiring it in place)."""
    _cache.pop(graph, None)
