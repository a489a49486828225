"""Cohesion of the whole network and the centrality of each organisation.

Ties are undirected. Unless a function says otherwise a tie counts once, whatever its
``weight`` (the number of partnership rows between the pair).

>>> import networkx as nx
>>> star = nx.star_graph(["hub", "a", "b", "c"])
>>> float(cohesion(star).loc[0, "degree_centralization"])
1.0
>>> centrality(star)["degree"].to_dict()
{'a': 1, 'b': 1, 'c': 1, 'hub': 3}
"""

from __future__ import annotations

import math
import numbers
import random
import warnings
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from . import _engine
from ._table import per_organisation
from .structure import components as _components

#: Power iteration for eigenvector centrality: iterations and tolerance passed to networkx.
EIGENVECTOR_MAX_ITER = 10_000
EIGENVECTOR_TOL = 1e-10
#: Largest graph for which a failed power iteration falls back to a dense eigendecomposition.
EIGENVECTOR_DENSE_LIMIT = 3_000


def _distances_within(graph: nx.Graph, part: list[Any]) -> tuple[int, int, int]:
    """Sum of geodesic distances over ordered pairs, number of such pairs, and the largest distance in ``part``."""
    total = longest = 0
    sub = graph.subgraph(part)
    for source in part:
        lengths = nx.single_source_shortest_path_length(sub, source)
        total += sum(lengths.values())
        longest = max(longest, max(lengths.values()))
    return total, len(part) * (len(part) - 1), longest


def _freeman(values: list[float], maximum_sum: float) -> float:
    """Freeman's (1979) centralization: Σ (max − c_i) over the largest value that sum takes on a graph that size."""
    if not values or maximum_sum <= 0:
        return math.nan
    top = max(values)
    return float(sum(top - v for v in values) / maximum_sum)


def cohesion(graph: nx.Graph, sample: int | None = None, seed: int = 42, engine: str | None = None) -> pd.DataFrame:
    """Cohesion and centralization of the whole network, in one row.

    Columns (``n`` organisations, isolates included):

    - ``organisations``, ``components``, ``largest_component`` (its size; the largest component
      is the first of :func:`.structure.components`: largest, ties broken by the smallest id);
    - ``density``: ties over n(n−1)/2 (Wasserman & Faust 1994, §4.2); 0 when n < 2;
    - ``transitivity``: the global clustering coefficient, 3 × triangles / connected triples
      (Wasserman & Faust 1994, §14.3; ``nx.transitivity``); 0 without triples;
    - ``average_clustering``: mean over all n organisations of the local clustering coefficient
      (Watts & Strogatz 1998), organisations with fewer than two partners counted as 0
      (``nx.average_clustering``); NaN for an empty graph;
    - ``avg_path_length_largest``: mean geodesic distance over the ordered pairs of the largest
      component (Wasserman & Faust 1994, §4.3); ``avg_path_length_size_weighted``: the same mean computed
      in every component with at least two organisations, then averaged with the component sizes
      (numbers of organisations) as weights. Pairs in different components are never counted.
      Both NaN when no component has two organisations;
    - ``diameter_largest``: the longest geodesic in the largest component; NaN as above;
    - ``degree_centralization``, ``betweenness_centralization``: Freeman (1979),
      Σ_i (c_max − c_i) divided by its value for the star on n nodes, the maximum over all graphs
      of n nodes: (n−1)(n−2) for degree and (n−1)²(n−2)/2 for betweenness (pairs counted once).
      Computed on the whole graph, so isolates count in n. 1 for a star, 0 when all
      organisations score alike (cycle, complete graph); NaN when n < 3;
    - ``closeness_centralization_largest``: Freeman (1979) closeness centralization, with
      closeness (n−1)/Σ_j d(i, j) and the star's sum (n−1)(n−2)/(2n−3) as denominator; closeness is
      only defined on a connected graph, so it is computed on the largest component alone
      (n = its size); NaN when that component has fewer than 3 organisations.

    Distances and betweenness are exact (a breadth-first search from every organisation), so the
    cost grows with organisations × ties. Floats are not rounded. ``engine`` picks networkx or igraph
    (see :mod:`._engine`); both give the same numbers.

    ``sample=k`` estimates everything that needs all-pairs distances from breadth-first searches
    from k source organisations, drawn as in :func:`centrality` (same ``seed``, same sources):
    a component's mean path length is the mean distance from its sampled sources to the rest of it
    (Eppstein & Wang 2004); ``diameter_largest`` is the largest distance from a sampled source, a
    **lower bound** of the diameter; betweenness and closeness are the sampled estimates of
    :func:`centrality` (Brandes & Pich 2007; Eppstein & Wang 2004; closeness within the largest
    component). A component holding no sampled source is computed exactly (a component of r
    organisations is missed with probability about (1 − r/n)^k, so in practice only small ones are).
    Columns ``sample_sources`` (k, at most n) and ``sample_seed`` are then appended, and mark the
    row as an estimate; k ≥ n gives the exact values. Sampling is never done unless asked for.

    Tie strength: a tie counts once, whatever its weight (distances are steps); for weighted
    closeness and betweenness see :func:`centrality` ``(weighted=True)`` and :mod:`.weighted`.

    >>> c = cohesion(nx.path_graph(["a", "b", "c", "d"]))
    >>> float(c.loc[0, "avg_path_length_largest"]), int(c.loc[0, "diameter_largest"])
    (1.6666666666666667, 3)
    >>> round(float(c.loc[0, "betweenness_centralization"]), 4)  # Σ (2 − b_i) = 4 over 9
    0.4444
    >>> cohesion(nx.path_graph(["a", "b", "c", "d"]), sample=2, seed=1)[["diameter_largest", "sample_sources"]]
       diameter_largest  sample_sources
    0                 2               2
    """
    n = graph.number_of_nodes()
    parts = _components(graph)
    largest = parts[0] if parts else []
    sources = _draw_sources(graph, sample, seed)
    estimated = sources is not None and len(sources) < n
    if _engine.choose(graph, engine) == "igraph":
        table = _cohesion_igraph(graph, parts, sources if estimated else None)
    elif estimated:
        table = _cohesion_sampled_networkx(graph, parts, sources)
    else:
        lengths, sizes, diameter = [], [], math.nan
        for i, part in enumerate(parts):
            if len(part) < 2:
                continue
            total, pairs, longest = _distances_within(graph, part)
            lengths.append(total / pairs)
            sizes.append(len(part))
            if i == 0:
                diameter = longest

        degrees = [d for _, d in graph.degree()]
        betweenness = list(nx.betweenness_centrality(graph, normalized=False).values()) if n else []
        if len(largest) >= 3:
            core = graph.subgraph(largest)
            m = len(largest)
            closeness = list(nx.closeness_centrality(core, wf_improved=False).values())
            closeness_c = _freeman(closeness, (m - 1) * (m - 2) / (2 * m - 3))
        else:
            closeness_c = math.nan

        table = _cohesion_record(
            graph, parts, lengths, sizes, diameter, closeness_c, degrees, betweenness,
            transitivity=float(nx.transitivity(graph)),
            average_clustering=float(nx.average_clustering(graph)) if n else math.nan,
        )
    if sources is not None:
        table["sample_sources"] = len(sources)
        table["sample_seed"] = seed
    return table


def _cohesion_record(
    graph: nx.Graph, parts: list[list[Any]], lengths: list[float], sizes: list[int], diameter: float,
    closeness_c: float, degrees: list[float], betweenness: list[float], *, transitivity: float,
    average_clustering: float,
) -> pd.DataFrame:
    """The one-row :func:`cohesion` table from what either engine computed."""
    n = graph.number_of_nodes()
    largest = parts[0] if parts else []
    record = {
        "organisations": n,
        "components": len(parts),
        "largest_component": len(largest),
        "density": nx.density(graph) if n > 1 else 0.0,
        "transitivity": transitivity,
        "average_clustering": average_clustering,
        "avg_path_length_largest": lengths[0] if len(largest) >= 2 else math.nan,
        "avg_path_length_size_weighted": float(np.average(lengths, weights=sizes)) if lengths else math.nan,
        "diameter_largest": diameter,
        "degree_centralization": _freeman(degrees, (n - 1) * (n - 2)) if n >= 3 else math.nan,
        "betweenness_centralization": _freeman(betweenness, (n - 1) ** 2 * (n - 2) / 2) if n >= 3 else math.nan,
        "closeness_centralization_largest": closeness_c,
    }
    return pd.DataFrame([record])


def _cohesion_igraph(graph: nx.Graph, parts: list[list[Any]], sources: list[Any] | None = None) -> pd.DataFrame:
    """:func:`cohesion` computed by igraph (same definitions, same numbers); sampled from ``sources`` if given."""
    h, nodes = _engine.to_igraph(graph)
    n = len(nodes)
    index = {v: k for k, v in enumerate(nodes)}
    degrees = h.degree()
    transitivity = h.transitivity_undirected() if n else 0.0
    if sources is not None:
        picked = [index[v] for v in sources]
        membership = _membership(parts, index, n)
        lengths, sizes, diameter, closeness_c = _sampled_cohesion(
            parts, membership, picked, _sweep_igraph(h, picked, None),
            exact_paths=lambda part: _paths_igraph(h, index, part),
            exact_closeness=lambda idx: np.asarray(h.closeness(vertices=idx.tolist(), normalized=True), dtype=float))
        betweenness = np.asarray(h.betweenness(directed=False, sources=picked)) * _raw_factors(n, picked)
    else:
        lengths, sizes, diameter, closeness_c = [], [], math.nan, math.nan
        for i, part in enumerate(parts):
            if len(part) < 2:
                continue
            sub = h.induced_subgraph([index[v] for v in part]) if len(part) < n else h
            lengths.append(float(sub.average_path_length(directed=False)))
            sizes.append(len(part))
            if i == 0:
                diameter = int(sub.diameter(directed=False))
                m = len(part)
                if m >= 3:
                    closeness_c = _freeman(sub.closeness(normalized=True), (m - 1) * (m - 2) / (2 * m - 3))
        betweenness = h.betweenness(directed=False) if n else []
    return _cohesion_record(
        graph, parts, lengths, sizes, diameter, closeness_c, degrees, list(betweenness),
        transitivity=0.0 if math.isnan(transitivity) else float(transitivity),
        average_clustering=float(h.transitivity_avglocal_undirected(mode="zero")) if n else math.nan,
    )


def _cohesion_sampled_networkx(graph: nx.Graph, parts: list[list[Any]], sources: list[Any]) -> pd.DataFrame:
    """:func:`cohesion` estimated from ``sources`` (fewer than n) by networkx."""
    nodes = _engine.node_order(graph)
    n = len(nodes)
    index = {v: k for k, v in enumerate(nodes)}
    picked = [index[v] for v in sources]
    membership = _membership(parts, index, n)

    def exact_paths(part: list[Any]) -> tuple[float, float]:
        total, pairs, longest = _distances_within(graph, part)
        return total / pairs, longest

    def exact_closeness(idx: np.ndarray) -> np.ndarray:
        return np.array([nx.closeness_centrality(graph, u=nodes[i], wf_improved=False) for i in idx.tolist()])

    lengths, sizes, diameter, closeness_c = _sampled_cohesion(
        parts, membership, picked, _sweep_networkx(graph, nodes, sources, None), exact_paths, exact_closeness)
    raw = nx.betweenness_centrality_subset(graph, sources, nodes, normalized=False)
    factors = _raw_factors(n, picked)
    betweenness = [raw[v] * factors[k] for k, v in enumerate(nodes)]
    return _cohesion_record(
        graph, parts, lengths, sizes, diameter, closeness_c, [d for _, d in graph.degree()], betweenness,
        transitivity=float(nx.transitivity(graph)), average_clustering=float(nx.average_clustering(graph)),
    )


def _paths_igraph(h: Any, index: dict[Any, int], part: list[Any]) -> tuple[float, float]:
    """Exact mean geodesic distance and diameter of one component, by igraph."""
    sub = h.induced_subgraph([index[v] for v in part]) if len(part) < h.vcount() else h
    return float(sub.average_path_length(directed=False)), int(sub.diameter(directed=False))


def _sampled_cohesion(
    parts: list[list[Any]], membership: np.ndarray, picked: list[int],
    sweep: tuple[np.ndarray, np.ndarray, np.ndarray], exact_paths: Any, exact_closeness: Any,
) -> tuple[list[float], list[int], float, float]:
    """Path lengths, sizes, diameter and closeness centralization of :func:`cohesion` from sampled sources.

    ``sweep`` is (Σ_s d(s, i) per organisation, Σ_j d(s, j) per source, eccentricity per source) as
    from :func:`_sweep_igraph`; ``exact_paths(part)`` gives (mean distance, diameter) of a component
    without a sampled source; ``exact_closeness(indices)`` gives (r−1)/Σ_j d(i, j) exactly.
    """
    total, row_sum, ecc = sweep
    source_part = membership[picked]
    lengths, sizes, diameter, closeness_c = [], [], math.nan, math.nan
    for i, part in enumerate(parts):
        r = len(part)
        if r < 2:
            continue
        own = np.flatnonzero(source_part == i)
        if own.size:
            mean, longest = float(row_sum[own].sum() / (own.size * (r - 1))), int(ecc[own].max())
        else:
            mean, longest = exact_paths(part)
        lengths.append(mean)
        sizes.append(r)
        if i == 0:
            diameter = longest
    if parts and len(parts[0]) >= 3:
        m = len(parts[0])
        closeness = _closeness_from_sources(membership, picked, total, exact_closeness, within=membership == 0)
        closeness_c = _freeman(closeness[membership == 0].tolist(), (m - 1) * (m - 2) / (2 * m - 3))
    return lengths, sizes, diameter, closeness_c


def _distance_graph(graph: nx.Graph, weight: str) -> tuple[nx.Graph, float]:
    """A copy of ``graph`` whose ties carry ``distance`` ∝ 1/weight, and the factor that turns it into 1/weight.

    With positive integer weights the distances are the integers L / w (L = the least common
    multiple of the weights), so equal-length geodesics tie exactly; otherwise they are 1.0 / w.
    """
    ties = [(u, v, w) for u, v, w in graph.edges(data=weight, default=1)]
    for u, v, w in ties:
        if isinstance(w, bool) or not isinstance(w, numbers.Real) or not (0 < w < math.inf):
            raise ValueError(f"tie {u!r}–{v!r}: weight {w!r} is not a positive number")
    h = nx.Graph()
    h.add_nodes_from(sorted(graph.nodes))
    if ties and all(isinstance(w, numbers.Integral) for _, _, w in ties):
        scale = math.lcm(*(int(w) for _, _, w in ties))
        h.add_edges_from((u, v, {"distance": scale // int(w)}) for u, v, w in ties)
        return h, float(scale)
    h.add_edges_from((u, v, {"distance": 1.0 / float(w)}) for u, v, w in ties)
    return h, 1.0


def _eigenvector(graph: nx.Graph, weight: str | None) -> dict[Any, float]:
    """Eigenvector centrality as described in :func:`centrality`."""
    if graph.number_of_nodes() == 0:
        return {}
    if graph.number_of_edges() == 0:
        return {node: 0.0 for node in graph.nodes}
    try:
        x = nx.eigenvector_centrality(graph, max_iter=EIGENVECTOR_MAX_ITER, tol=EIGENVECTOR_TOL, weight=weight)
    except nx.PowerIterationFailedConvergence:
        nodes = sorted(graph.nodes)
        if len(nodes) > EIGENVECTOR_DENSE_LIMIT:
            warnings.warn(f"eigenvector centrality did not converge in {EIGENVECTOR_MAX_ITER} iterations; "
                          "reported as NaN", RuntimeWarning, stacklevel=3)
            return {node: math.nan for node in nodes}
        a = nx.to_numpy_array(graph, nodelist=nodes, weight=weight)
        values, vectors = np.linalg.eigh(a)
        top = vectors[:, values >= values[-1] - 1e-9 * max(1.0, abs(values[-1]))]
        x = top @ (top.T @ np.ones(len(nodes)))  # the all-ones vector projected on the leading eigenspace
        x = dict(zip(nodes, (np.abs(x) / np.linalg.norm(x)).tolist()))
    return {node: (0.0 if graph.degree(node) == 0 else float(x[node])) for node in graph.nodes}


def centrality(graph: nx.Graph, weighted: bool = False, sample: int | None = None, seed: int = 42,
               engine: str | None = None) -> pd.DataFrame:
    """Degree, betweenness, closeness and eigenvector centrality of every organisation.

    Columns (n organisations in the graph, isolates included):

    - ``degree``: number of partners; ``degree_normalised``: degree / (n − 1)
      (Freeman 1979; Wasserman & Faust 1994, §5.2.1), NaN when n < 2;
    - ``betweenness``: Σ over pairs s < t (s, t ≠ i) of the share of s–t geodesics through i
      (Freeman 1977; Brandes 2001), divided by (n−1)(n−2)/2 as ``nx.betweenness_centrality``
      does for undirected graphs (left as is, i.e. 0, when n ≤ 2);
    - ``closeness``: the Wasserman–Faust (1994, eq. 5.3) variant for disconnected graphs,
      ((r−1)/Σ_j d(i, j)) · ((r−1)/(n−1)) with r the size of i's component
      (``nx.closeness_centrality(wf_improved=True)``); 0 for an isolate;
    - ``eigenvector``: Bonacich (1972) eigenvector centrality by networkx's power iteration over the
      whole graph (iterating with A + I from the all-ones vector, Euclidean norm 1). On a
      disconnected graph this converges to the all-ones vector projected on the leading eigenspace:
      organisations outside the component(s) with the largest eigenvalue tend to 0, so compare
      eigenvector scores within the main component only. Isolates get 0 (also in a graph without
      ties, where every vector is an eigenvector). If the iteration does not converge within
      :data:`EIGENVECTOR_MAX_ITER` steps, the same projection is computed from a dense
      eigendecomposition (graphs up to :data:`EIGENVECTOR_DENSE_LIMIT` organisations) or reported as
      NaN with a ``RuntimeWarning``.

    ``weighted=True`` reads edge ``weight`` (partnership rows, default 1; must be positive) as tie
    strength: a ``strength`` column (sum of weights; Barrat et al. 2004) is added after
    ``degree_normalised``; betweenness and closeness use geodesics with tie length 1/weight
    (Newman 2001; Opsahl et al. 2010: stronger ties are shorter), so closeness is
    (r−1)/Σ_j d_w(i, j) · (r−1)/(n−1) with these lengths; eigenvector iterates with the weighted
    adjacency matrix. Degree and normalised degree stay counts of partners.

    Betweenness and closeness are exact; their cost grows with organisations × ties.

    ``sample=k`` estimates betweenness and closeness from k source organisations instead of all n.
    The k sources are drawn with ``random.Random(seed).sample`` from the organisations sorted by id.
    Betweenness (Brandes & Pich 2007, as ``nx.betweenness_centrality(k=...)``): the dependencies of
    every organisation on geodesics from those sources are summed and scaled by (n−1)/k — by
    (n−1)/(k−1) for a sampled organisation, which is never its own source — as networkx 3.6 does.
    Closeness (Eppstein & Wang 2004): for i in a component of r organisations holding k_i sampled
    sources other than i, Σ_j d(i, j) is estimated by (r−1)/k_i · Σ_s d(s, i) over those sources
    (one search per source serves every organisation, ties being undirected); when k_i = 0 the
    exact value is computed instead (a component of r organisations is missed with probability
    about (1 − r/n)^k, so in practice only small ones are). Columns ``betweenness_sources`` (k) and
    ``betweenness_seed`` are then added after ``betweenness`` so the estimates can be reproduced;
    they record the sample of closeness too. k ≥ n gives the exact values. Sampling is never done
    unless asked for. 256 sources ranked organisations with Spearman 0.92 against the exact
    betweenness on the graphs of the design notes (§7), but only 0.85 (2 000 organisations) and 0.70
    (10 000) on the benchmark graph of many small, dense communities, where most organisations have
    near-equal, small betweenness: take more sources for rankings below the top. On the 50 000-organisation benchmark graph
    (``benchmarks/bench_measures.py``) with Spearman 0.92 against the exact closeness, no estimate
    off by more than 4 % (2 000 organisations: 0.95, tested in ``tests/measures/test_centrality.py``).

    ``engine`` (``"auto"``, ``"networkx"``, ``"igraph"``; see :mod:`._engine`) picks who computes
    betweenness, closeness and eigenvector; both give the same numbers (eigenvector to about 1e-7,
    the tolerance of networkx's power iteration; igraph's result is the exact projection).

    Tie strength: by default a tie counts once, whatever its weight; ``weighted=True`` is α = 1 of
    Opsahl et al. (2010) (lengths 1/w); other α: :func:`.weighted.weighted_centrality`.

    >>> g = nx.path_graph(["a", "b", "c"])
    >>> centrality(g)[["degree_normalised", "betweenness", "closeness"]].loc["b"].tolist()
    [1.0, 1.0, 1.0]
    >>> g["a"]["b"]["weight"] = 2
    >>> centrality(g, weighted=True).loc["a", ["strength", "closeness"]].tolist()  # d(a,b)=1/2, d(a,c)=3/2
    [2.0, 1.0]
    """
    n = graph.number_of_nodes()
    degree = dict(graph.degree())
    columns: dict[str, dict[Any, Any]] = {
        "degree": degree,
        "degree_normalised": {v: (d / (n - 1) if n > 1 else math.nan) for v, d in degree.items()},
    }
    sources = _draw_sources(graph, sample, seed)
    if weighted:
        columns["strength"] = dict(graph.degree(weight="weight"))
    use = _engine.choose(graph, engine)
    if use == "igraph":
        columns.update(_centrality_igraph(graph, weighted, sources))
    elif weighted:
        h, scale = _distance_graph(graph, "weight")
        columns["betweenness"] = _betweenness_networkx(h, "distance", sources)
        columns["closeness"] = {v: c * scale for v, c in _closeness_networkx(h, "distance", sources).items()}
        columns["eigenvector"] = _eigenvector(graph, "weight")
    else:
        columns["betweenness"] = _betweenness_networkx(graph, None, sources)
        columns["closeness"] = _closeness_networkx(graph, None, sources)
        columns["eigenvector"] = _eigenvector(graph, None)
    order = [*columns.keys()]
    order.remove("eigenvector")
    order.append("eigenvector")
    if sources is not None:
        order[order.index("betweenness") + 1:order.index("betweenness") + 1] = ["betweenness_sources",
                                                                              "betweenness_seed"]
        columns["betweenness_sources"] = dict.fromkeys(graph.nodes, len(sources))
        columns["betweenness_seed"] = dict.fromkeys(graph.nodes, seed)
    return per_organisation(graph, {name: columns[name] for name in order})


def _betweenness_networkx(graph: nx.Graph, weight: str | None, sources: list[Any] | None) -> dict[Any, float]:
    """Normalised betweenness; from ``sources`` only (scaled by n/k) when given."""
    n = graph.number_of_nodes()
    if sources is None or len(sources) >= n:
        return nx.betweenness_centrality(graph, weight=weight)
    # the subset sum halves each undirected pair, as the exact sum does
    raw = nx.betweenness_centrality_subset(graph, sources, list(graph.nodes), normalized=False, weight=weight)
    scale = _sample_scale(n, len(sources))
    chosen = set(sources)
    return {v: b * scale[v in chosen] for v, b in raw.items()}


def _closeness_networkx(graph: nx.Graph, weight: str | None, sources: list[Any] | None) -> dict[Any, float]:
    """Wasserman–Faust closeness (in units of ``weight``); estimated from ``sources`` when fewer than n."""
    nodes = _engine.node_order(graph)
    n = len(nodes)
    if sources is None or len(sources) >= n:
        return nx.closeness_centrality(graph, distance=weight, wf_improved=True)
    index = {v: k for k, v in enumerate(nodes)}
    membership = _membership(_components(graph), index, n)
    picked = [index[v] for v in sources]
    total, _, _ = _sweep_networkx(graph, nodes, sources, weight)

    def exact(idx: np.ndarray) -> np.ndarray:
        return np.array([nx.closeness_centrality(graph, u=nodes[i], distance=weight, wf_improved=False)
                         for i in idx.tolist()])

    close = _closeness_from_sources(membership, picked, total, exact)
    return dict(zip(nodes, _wasserman_faust(close, membership).tolist()))


def _draw_sources(graph: nx.Graph, sample: int | None, seed: int) -> list[Any] | None:
    """The sampled source organisations (all of them, sorted, when ``sample`` ≥ n); None without sampling."""
    if sample is None:
        return None
    if isinstance(sample, bool) or not isinstance(sample, numbers.Integral) or sample < 2:
        raise ValueError(f"sample must be a number of source organisations, at least 2, not {sample!r}")
    ordered = _engine.node_order(graph)
    return ordered if sample >= len(ordered) else random.Random(seed).sample(ordered, int(sample))


def _membership(parts: list[list[Any]], index: dict[Any, int], n: int) -> np.ndarray:
    """Component number (position in ``parts``) of every organisation, in the order of ``index``."""
    membership = np.zeros(n, dtype=np.int64)
    for c, part in enumerate(parts):
        membership[[index[v] for v in part]] = c
    return membership


#: Sources per call to igraph's ``distances`` (a block of this many rows of n distances).
SWEEP_BLOCK = 32


def _sweep_igraph(h: Any, picked: list[int], lengths: list[float] | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Geodesic distances from the sampled sources (vertex numbers ``picked``), summarised.

    Returns Σ_s d(s, i) for every organisation i (over the sources in i's component), and for every
    source Σ_j d(s, j) and its eccentricity (largest finite distance).
    """
    total = np.zeros(h.vcount())
    row_sum, ecc = np.zeros(len(picked)), np.zeros(len(picked))
    for start in range(0, len(picked), SWEEP_BLOCK):
        block = picked[start:start + SWEEP_BLOCK]
        d = np.asarray(h.distances(source=block, weights=lengths), dtype=float)
        d[~np.isfinite(d)] = 0.0
        total += d.sum(axis=0)
        row_sum[start:start + len(block)] = d.sum(axis=1)
        ecc[start:start + len(block)] = d.max(axis=1)
    return total, row_sum, ecc


def _sweep_networkx(graph: nx.Graph, nodes: list[Any], sources: list[Any],
                    weight: str | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_sweep_igraph` by networkx (breadth-first search, or Dijkstra on edge attribute ``weight``)."""
    index = {v: k for k, v in enumerate(nodes)}
    total = np.zeros(len(nodes))
    row_sum, ecc = np.zeros(len(sources)), np.zeros(len(sources))
    for k, s in enumerate(sources):
        if weight is None:
            lengths = nx.single_source_shortest_path_length(graph, s)
        else:
            lengths = nx.single_source_dijkstra_path_length(graph, s, weight=weight)
        where = np.fromiter((index[v] for v in lengths), dtype=np.int64, count=len(lengths))
        d = np.fromiter(lengths.values(), dtype=float, count=len(lengths))
        total[where] += d
        row_sum[k], ecc[k] = d.sum(), d.max()
    return total, row_sum, ecc


def _closeness_from_sources(membership: np.ndarray, picked: list[int], total: np.ndarray, exact: Any,
                            within: np.ndarray | None = None) -> np.ndarray:
    """Closeness within the component, (r−1)/Σ_j d(i, j), estimated from sampled sources (Eppstein & Wang 2004).

    For organisation i in a component of r organisations holding k_i sampled sources other than
    i, Σ_j d(i, j) is estimated by (r−1)/k_i · Σ_s d(s, i) (``total``), so the estimate is
    k_i / Σ_s d(s, i). Where k_i = 0 (r > 1), ``exact(indices)`` gives the exact value. Isolates
    get 0. With ``within`` (a boolean mask) only those organisations are filled in (the rest 0).
    """
    n = len(membership)
    out = np.zeros(n)
    if n == 0:
        return out
    size = np.bincount(membership)
    r = size[membership]
    is_source = np.zeros(n, dtype=bool)
    is_source[picked] = True
    k = np.bincount(membership[picked], minlength=len(size))[membership] - is_source
    wanted = np.ones(n, dtype=bool) if within is None else within
    estimate = wanted & (k > 0)
    out[estimate] = k[estimate] / total[estimate]
    missing = np.flatnonzero(wanted & (k == 0) & (r > 1))
    if missing.size:
        out[missing] = exact(missing)
    return out


def _wasserman_faust(close: np.ndarray, membership: np.ndarray) -> np.ndarray:
    """Closeness within the component times (r−1)/(n−1), the Wasserman–Faust factor."""
    n = len(membership)
    if n < 2:
        return np.zeros(n)
    r = np.bincount(membership)[membership]
    return close * ((r - 1) / (n - 1))


def _raw_factors(n: int, picked: list[int]) -> np.ndarray:
    """Per organisation, the factor from a k-source betweenness sum to raw betweenness.

    (n−1)/k, or (n−1)/(k−1) for a sampled organisation (as :func:`_sample_scale`, before normalising).
    """
    k = len(picked)
    factors = np.full(n, (n - 1) / k)
    factors[picked] = (n - 1) / (k - 1)
    return factors


def _sample_scale(n: int, k: int) -> tuple[float, float]:
    """(factor for a non-source, factor for a source) from a k-source sum to normalised betweenness.

    As networkx 3.6: an organisation's betweenness sums over the n − 1 other sources, estimated
    from the k sampled ones ((n−1)/k), or the k − 1 other sampled ones for a source itself; then
    divided by (n−1)(n−2)/2. n > k ≥ 2 here.
    """
    return 2 / (k * (n - 2)), 2 / ((k - 1) * (n - 2))


def _centrality_igraph(graph: nx.Graph, weighted: bool, sources: list[Any] | None) -> dict[str, dict[Any, float]]:
    """Betweenness, closeness and eigenvector computed by igraph, scaled as the networkx definitions."""
    h, nodes = _engine.to_igraph(graph, "weight" if weighted else None)
    n = len(nodes)
    lengths = None
    if weighted:
        weights = h.es["weight"]
        _check_weights(graph)
        if all(isinstance(w, numbers.Integral) for w in weights):
            scale = float(math.lcm(*(int(w) for w in weights))) if weights else 1.0
            lengths = [scale / int(w) for w in weights]  # integers held exactly: equal geodesics tie
        else:
            scale, lengths = 1.0, [1.0 / float(w) for w in weights]
    # betweenness: igraph counts each unordered pair once (also from a source subset), like networkx's halving
    if sources is None or len(sources) >= n:
        raw = h.betweenness(directed=False, weights=lengths)
        factor = 1 / ((n - 1) * (n - 2) / 2) if n > 2 else 1.0
    else:
        index = {v: k for k, v in enumerate(nodes)}
        picked = [index[v] for v in sources]
        raw = h.betweenness(directed=False, weights=lengths, sources=picked)
        per_source = _sample_scale(n, len(sources))
        factor = np.full(n, per_source[0])
        factor[picked] = per_source[1]
    # closeness: igraph gives (r−1)/Σ d over the r−1 reachable organisations (NaN for an isolate)
    membership = h.connected_components().membership
    if sources is None or len(sources) >= n:
        size = np.bincount(membership, minlength=1) if n else np.zeros(0, dtype=int)
        raw_close = np.asarray(h.closeness(normalized=True, weights=lengths), dtype=float)
        r = size[membership] if n else np.zeros(0)
        close = np.where(r > 1, np.nan_to_num(raw_close) * (r - 1) / max(n - 1, 1), 0.0)
    else:
        total, _, _ = _sweep_igraph(h, picked, lengths)
        close = _wasserman_faust(_closeness_from_sources(
            np.asarray(membership), picked, total,
            lambda idx: np.asarray(h.closeness(vertices=idx.tolist(), normalized=True, weights=lengths), dtype=float),
        ), np.asarray(membership))
    if weighted:
        close = close * scale
    return {
        "betweenness": dict(zip(nodes, (np.asarray(raw) * factor).tolist())),
        "closeness": dict(zip(nodes, close.tolist())),
        "eigenvector": _eigenvector_igraph(h, nodes, membership, weighted),
    }


def _check_weights(graph: nx.Graph) -> None:
    for u, v, w in graph.edges(data="weight", default=1):
        if isinstance(w, bool) or not isinstance(w, numbers.Real) or not (0 < w < math.inf):
            raise ValueError(f"tie {u!r}–{v!r}: weight {w!r} is not a positive number")


def _eigenvector_igraph(h: Any, nodes: list[Any], membership: list[int], weighted: bool) -> dict[Any, float]:
    """The limit of networkx's power iteration, computed per component.

    Iterating from the all-ones vector converges to its projection on the leading eigenspace of
    the adjacency matrix; on a disconnected graph that space is spanned by the Perron vectors v_c
    of the components whose largest eigenvalue equals the graph's, so the limit is
    Σ_c (1·v_c) v_c, scaled to length 1. Components are solved one by one with igraph (ARPACK);
    only those whose largest (weighted) degree reaches the leading eigenvalue can share it.
    """
    n = len(nodes)
    if n == 0:
        return {}
    if h.ecount() == 0:
        return dict.fromkeys(nodes, 0.0)
    weights = "weight" if weighted else None
    import warnings as _w
    member = np.asarray(membership)
    strength = np.asarray(h.strength(weights=weights), dtype=float)
    top = np.zeros(int(member.max()) + 1)
    np.maximum.at(top, member, strength)
    groups: dict[int, list[int]] = {}
    for c in np.argsort(-top, kind="stable").tolist():
        groups[c] = []
    for k, c in enumerate(membership):
        groups[c].append(k)
    lam_best, found = 0.0, []
    for c, members in groups.items():
        if top[c] <= 0 or len(members) < 2 or top[c] < lam_best * (1 - 1e-9):
            continue
        sub = h.induced_subgraph(members) if len(members) < n else h
        with _w.catch_warnings():
            _w.simplefilter("ignore", RuntimeWarning)
            vec, lam = sub.eigenvector_centrality(weights=weights, return_eigenvalue=True)
        vec = np.abs(np.asarray(vec, dtype=float))
        vec /= np.linalg.norm(vec)
        if lam > lam_best * (1 + 1e-9):
            lam_best, found = lam, []
        if lam >= lam_best * (1 - 1e-9):
            found.append((members, vec))
    x = np.zeros(n)
    for members, vec in found:
        x[members] = vec * vec.sum()
    x /= np.linalg.norm(x)
    x[strength == 0] = 0.0
    return dict(zip(nodes, x.tolist()))
