"""Areas that share organisations, and organisations that share areas: the two one-mode projections."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pandas as pd

from ...loading import Consortium
from .coverage import _participation, coverage_matrix
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


def _incidence(source: Consortium | pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Areas × organisations, 1 where the organisation takes part, and the areas' names when known."""
    if isinstance(source, Consortium):
        names = source.areas[[c for c in ("name_zh", "name_en") if c in source.areas.columns]]
        return coverage_matrix(source, by="organisation"), names.set_axis([int(c) for c in names.index])
    matrix = source.astype(bool).astype("int64")
    return matrix, None


def area_overlap_pairs(source: Consortium | pd.DataFrame) -> pd.DataFrame:
    """Every pair of areas: organisations in both, and that overlap normalised two ways (diagonal excluded).

    ``source`` is a consortium (its two-mode incidence, :func:`.coverage_matrix` with
    ``by="organisation"``: every organisation of the package is a column, those in no area too) or
    such a table itself (rows areas, columns organisations, non-zero = takes part). For areas a < b
    with n_a and n_b organisations, ``both`` of them in both, among N organisations:

    - ``jaccard`` = both / (n_a + n_b − both), the share of the organisations in either area that are
      in both (Jaccard 1901; NaN when neither area has anyone): 1 when the two areas have the same
      members, whatever their size;
    - ``expected`` = n_a · n_b / N, the organisations in both if taking part in one area were
      independent of taking part in the other (each organisation in a with probability n_a / N);
      ``ratio`` = both / expected (NaN when expected is 0): above 1 the areas share more
      organisations than their sizes alone would give, below 1 fewer.

    Raw counts (:func:`area_overlap`) grow with the areas' sizes, so the busiest areas look most
    linked; these do not. Rows sorted by ``area_a``, ``area_b``; columns ``area_a``, ``area_b``
    (plus their ``name_zh_a``/``name_zh_b`` for a consortium), ``organisations_a``,
    ``organisations_b``, ``both``, ``jaccard``, ``expected``, ``ratio``. N is stored in
    ``table.attrs["organisations"]``.

    >>> m = pd.DataFrame([[1, 1, 1, 0], [1, 1, 0, 0], [0, 0, 0, 1]], index=[1, 2, 3])
    >>> t = area_overlap_pairs(m)  # N = 4; areas 1 and 2: both 2, union 3, expected 3·2/4
    >>> t["both"].tolist(), t["jaccard"].round(4).tolist(), t["ratio"].round(4).tolist()
    ([2, 0, 0], [0.6667, 0.0, 0.0], [1.3333, 0.0, 0.0])
    """
    matrix, names = _incidence(source)
    codes = list(matrix.index)
    x = matrix.to_numpy(dtype="int64")
    n = x.shape[1]
    both = x @ x.T
    size = x.sum(axis=1)
    rows = []
    for i, j in itertools.combinations(range(len(codes)), 2):
        union = size[i] + size[j] - both[i, j]
        expected = size[i] * size[j] / n if n else float("nan")
        rows.append({
            "area_a": codes[i], "area_b": codes[j],
            "organisations_a": int(size[i]), "organisations_b": int(size[j]), "both": int(both[i, j]),
            "jaccard": both[i, j] / union if union else float("nan"),
            "expected": expected,
            "ratio": both[i, j] / expected if expected else float("nan"),
        })
    columns = ["area_a", "area_b", "organisations_a", "organisations_b", "both", "jaccard", "expected", "ratio"]
    table = pd.DataFrame(rows, columns=columns)
    if names is not None and "name_zh" in names.columns:
        table.insert(2, "name_zh_a", table["area_a"].map(names["name_zh"]))
        table.insert(3, "name_zh_b", table["area_b"].map(names["name_zh"]))
    table = table.sort_values(["area_a", "area_b"], kind="stable").reset_index(drop=True)
    table.attrs["organisations"] = n
    return table


def area_overlap_normalised(source: Consortium | pd.DataFrame, measure: str = "jaccard") -> pd.DataFrame:
    """Areas × areas: :func:`area_overlap_pairs`'s ``jaccard`` or ``ratio`` as a symmetric matrix, diagonal NaN.

    The diagonal would compare an area with itself (Jaccard 1, ratio N / n_a), so it is left empty;
    a heat map of this matrix shows only how areas relate. Index and columns ``code`` (every area of
    ``source``, in its order).

    >>> m = pd.DataFrame([[1, 1, 0], [1, 0, 0]], index=[1, 2])
    >>> area_overlap_normalised(m).values.tolist()
    [[nan, 0.5], [0.5, nan]]
    """
    if measure not in ("jaccard", "ratio"):
        raise ValueError(f"measure must be 'jaccard' or 'ratio', not {measure!r}")
    matrix, _ = _incidence(source)
    codes = list(matrix.index)
    at = {c: k for k, c in enumerate(codes)}
    out = np.full((len(codes), len(codes)), np.nan)
    for row in area_overlap_pairs(matrix).itertuples(index=False):
        i, j = at[row.area_a], at[row.area_b]
        out[i, j] = out[j, i] = getattr(row, measure)
    index = pd.Index(codes, name="code")
    return pd.DataFrame(out, index=index, columns=index.rename("code"))
