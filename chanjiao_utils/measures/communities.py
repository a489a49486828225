"""Communities by Louvain modularity optimisation (Blondel, Guillaume, Lambiotte & Lefebvre 2008).

Louvain is a heuristic: it finds a partition of high modularity, not necessarily
the highest, and which one it finds depends on the random order in which it visits
organisations. Every function here takes a ``seed`` (default 42) and records it with
the result, and visits organisations in id order before shuffling with that seed, so
the same graph and seed give the same communities. Try a few seeds before reading
much into a single boundary: even two cliques joined by one tie of weight 3 can come
back as three communities (the bridge's two ends on their own) with a lower Q than
the obvious two.

Engines (:mod:`._engine`): networkx's ``louvain_communities`` is the reference and runs below
``ENGINE_THRESHOLD`` organisations; from there on igraph's ``community_multilevel`` (the same
algorithm in C, 10–20 times faster at 10k–50k organisations), seeded through a private
``random.Random(seed)``. Louvain's result depends on the order of visits, which the two
implementations draw differently, so the engines need not return the same partition: they agree
on clear community structure, and otherwise reach the same modularity within 0.02 (tests in
``tests/measures/test_communities.py``). ``community_summary`` records the engine with the seed.

>>> import networkx as nx
>>> g = nx.barbell_graph(4, 0)
>>> communities(g)["community"].tolist()
[1, 1, 1, 1, 2, 2, 2, 2]
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx
import pandas as pd

from . import _engine
from ._table import per_organisation

#: Sector order in composition strings: 政行企研校 (government, association, enterprise, research, school).
SECTOR_ORDER = ("government", "association", "enterprise", "research", "school")


def _sorted_copy(graph: nx.Graph, weight: str | None) -> nx.Graph:
    """The graph with nodes and edges inserted in id order (Louvain's visiting order depends on it)."""
    h = nx.Graph()
    h.add_nodes_from(sorted(graph.nodes))
    edges = []
    for u, v, d in graph.edges(data=True):
        a, b = (u, v) if u <= v else (v, u)
        edges.append((a, b, {} if weight is None else {weight: d.get(weight, 1)}))
    h.add_edges_from(sorted(edges, key=lambda e: (e[0], e[1])))
    return h


def _partition(graph: nx.Graph, seed: int, resolution: float, weight: str | None,
               engine: str | None = None) -> list[list[Any]]:
    """Louvain communities, each sorted, numbered by size (descending) then smallest id."""
    if graph.number_of_nodes() == 0:
        return []
    if _engine.choose(graph, engine) == "igraph":
        found = _louvain_igraph(graph, seed, resolution, weight)
    else:
        h = _sorted_copy(graph, weight)
        found = nx.community.louvain_communities(h, weight=weight, resolution=resolution, seed=seed)
    parts = [sorted(c) for c in found]
    return sorted(parts, key=lambda c: (-len(c), c[0]))


def _louvain_igraph(graph: nx.Graph, seed: int, resolution: float, weight: str | None) -> list[list[Any]]:
    """igraph's multilevel (Louvain) communities, seeded: igraph draws from a ``random.Random(seed)`` meanwhile."""
    import random

    import igraph as ig

    h, nodes = _engine.to_igraph(graph, weight)
    rng = random.Random(seed)
    ig.set_random_number_generator(rng)
    try:
        membership = h.community_multilevel(weights="weight" if weight else None, resolution=resolution).membership
    finally:
        ig.set_random_number_generator(random)
    parts: dict[int, list[Any]] = {}
    for node, label in zip(nodes, membership):
        parts.setdefault(label, []).append(node)
    return list(parts.values())


def communities(graph: nx.Graph, seed: int = 42, resolution: float = 1.0,
                weight: str | None = "weight", engine: str | None = None) -> pd.DataFrame:
    """Per organisation: its Louvain ``community``, numbered 1, 2, … by size (largest first), ties by smallest id.

    Louvain (Blondel et al. 2008) as implemented by
    :func:`networkx.community.louvain_communities`, maximising modularity with the given
    ``resolution`` (Reichardt & Bornholdt 2006; 1 is Newman's modularity). Ties are
    undirected; ``weight="weight"`` counts a pair by its number of partnership rows,
    ``weight=None`` counts every tie once. An isolate is a community of its own.
    The result depends on ``seed`` (see the module docstring); :func:`community_summary`
    records it. ``engine`` picks networkx or igraph (see the module docstring).

    Tie strength: Louvain **uses** the weight by default (``weight="weight"``: a pair cooperating in
    three areas pulls three times as hard as one in a single area); ``weight=None`` counts ties once.
    Other measures count ties once by default: see :mod:`.weighted` for the package's policy.

    >>> communities(nx.Graph([("a", "b"), ("c", "d")]))["community"].tolist()
    [1, 1, 2, 2]
    """
    number = {n: k for k, part in enumerate(_partition(graph, seed, resolution, weight, engine), start=1)
              for n in part}
    table = per_organisation(graph, {"community": number})
    table["community"] = table["community"].astype("int64")
    return table


def community_summary(graph: nx.Graph, seed: int = 42, resolution: float = 1.0,
                      weight: str | None = "weight", engine: str | None = None) -> pd.DataFrame:
    """Louvain communities in one row: ``modularity``, number of ``communities``, their ``sizes``, and the settings.

    ``modularity`` is Newman's Q of the partition found (Newman & Girvan 2004; Newman
    2006), Q = Σ_c [L_c/m − γ (d_c/2m)²], with L_c the (weighted) ties inside community c,
    d_c its total (weighted) degree, m the total tie weight and γ the ``resolution``;
    computed by :func:`networkx.community.modularity` with the same ``weight`` and
    ``resolution``. NaN for a graph without ties. ``sizes`` lists community sizes, largest
    first; ``singletons`` counts communities of one organisation. ``seed``, ``resolution``,
    ``weight`` and the ``engine`` that ran are recorded so the row can be reproduced.

    Tie strength: as :func:`communities` (the weight by default; modularity with the same weights).

    >>> row = community_summary(nx.barbell_graph(3, 0)).iloc[0]
    >>> int(row["communities"]), row["sizes"], round(float(row["modularity"]), 4)
    (2, '3, 3', 0.3571)
    """
    parts = _partition(graph, seed, resolution, weight, engine)
    if graph.size(weight=weight) > 0:
        q = nx.community.modularity(_sorted_copy(graph, weight), parts, weight=weight, resolution=resolution)
    else:
        q = math.nan
    return pd.DataFrame([{
        "method": "louvain",
        "communities": len(parts),
        "modularity": float(q),
        "sizes": ", ".join(str(len(p)) for p in parts),
        "largest": len(parts[0]) if parts else 0,
        "singletons": sum(1 for p in parts if len(p) == 1),
        "seed": seed,
        "resolution": resolution,
        "weight": weight,
        "engine": _engine.choose(graph, engine),
    }])


def _sectors(graph: nx.Graph, members: list[Any]) -> str:
    counts: dict[str, int] = {}
    for n in members:
        s = graph.nodes[n].get("sector") or "未说明"
        counts[s] = counts.get(s, 0) + 1
    rank = {s: k for k, s in enumerate(SECTOR_ORDER)}
    order = sorted(counts, key=lambda s: (rank.get(s, len(rank)), s))
    return ", ".join(f"{s} {counts[s]}" for s in order)


def community_table(graph: nx.Graph, seed: int = 42, resolution: float = 1.0,
                    weight: str | None = "weight", show: int = 4, engine: str | None = None) -> pd.DataFrame:
    """One row per Louvain community (numbered as in :func:`communities`): size, sectors, members.

    ``organisations`` is the size, ``attested`` how many members are attested,
    ``sectors`` the count per sector in 政行企研校 order (``未说明`` where a sector
    is missing), ``internal_ties`` the ties (pairs) inside the community, and
    ``members`` the first ``show`` names in id order (``…`` if there are more).

    Tie strength: as :func:`communities` (the weight by default).

    >>> community_table(nx.barbell_graph(3, 0))["internal_ties"].tolist()
    [3, 3]
    """
    rows = []
    for k, part in enumerate(_partition(graph, seed, resolution, weight, engine), start=1):
        names = [str(graph.nodes[n].get("name_zh") or n) for n in part]
        rows.append({
            "community": k,
            "organisations": len(part),
            "attested": sum(1 for n in part if graph.nodes[n].get("provenance") == "attested"),
            "sectors": _sectors(graph, part),
            "internal_ties": graph.subgraph(part).number_of_edges(),
            "members": "、".join(names[:show]) + ("…" if len(names) > show else ""),
        })
    columns = ["community", "organisations", "attested", "sectors", "internal_ties", "members"]
    return pd.DataFrame(rows, columns=columns).set_index("community")
