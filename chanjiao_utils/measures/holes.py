"""Structural holes (Burt 1992): effective size, efficiency, constraint and hierarchy of each organisation.

Computed from each organisation's neighbourhood (its partners and the ties among them), so the
cost grows with the number of triangles, not with n²: no dense matrix is built.

>>> import networkx as nx
>>> table = structural_holes(nx.star_graph(["hub", "a", "b", "c"]))
>>> table.loc["hub", ["effective_size", "efficiency", "hierarchy"]].tolist()
[3.0, 1.0, 0.0]
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from . import _engine
from ._table import per_organisation


def _strengths(graph: nx.Graph, weight: str | None) -> dict[Any, dict[Any, float]]:
    """``{i: {j: a_ij}}`` without self-loops; a_ij = 1, or the tie's ``weight`` (default 1, must be ≥ 0)."""
    ties: dict[Any, dict[Any, float]] = {node: {} for node in graph.nodes}
    for u, v, w in graph.edges(data=weight or "weight", default=1):
        if u == v:
            continue
        if weight is None:
            w = 1
        elif isinstance(w, bool) or not isinstance(w, numbers.Real) or not (0 <= w < math.inf):
            raise ValueError(f"tie {u!r}–{v!r}: weight {w!r} is not a non-negative number")
        ties[u][v] = ties[v][u] = float(w)
    return ties


def structural_holes(graph: nx.Graph, weight: str | None = None, engine: str | None = None) -> pd.DataFrame:
    """Burt's (1992) structural-hole measures of every organisation.

    For organisation i with contacts j, q (its N partners; self-loops ignored), an undirected tie
    of strength a_ij (1, or the edge attribute ``weight``) counts in both directions, so Burt's
    proportional tie strength is p_ij = a_ij / Σ_k a_ik (1/N without weights) and the marginal
    strength is m_jq = a_jq / max_k a_jk.

    - ``effective_size``: Burt (1992, p. 52), Σ_j (1 − Σ_{q≠i,j} p_iq m_jq). Without weights this
      is Borgatti's (1997) N − 2t/N, t the number of ties among i's contacts, which is how it is
      computed then. Equals ``nx.effective_size``.
    - ``efficiency``: effective size / N (Burt 1992, p. 52).
    - ``constraint``: Burt (1992, p. 55), C_i = Σ_j c_ij with dyadic constraint
      c_ij = (p_ij + Σ_{q≠i,j} p_iq p_qj)², p_qj normalised over all of q's ties (not only those
      inside i's neighbourhood). Equals ``nx.constraint``.
    - ``hierarchy``: Burt (1992, p. 71), the Coleman–Theil disorder of the dyadic constraints,
      H_i = Σ_j r_j ln r_j / (N ln N) with r_j = c_ij / (C_i / N), and 0 · ln 0 taken as 0 (rounding
      below 0 clipped to 0);
      0 when all contacts constrain i equally, 1 when one contact holds all the constraint.
      NaN when N ≤ 1 (N ln N = 0: one contact cannot be unequal).

    Isolates (N = 0) get NaN in every column, as ``nx.constraint`` gives them.

    ``engine`` (see :mod:`._engine`): with igraph the triangles are listed by igraph and every sum
    above is accumulated over them with numpy (each triangle i, j, q is the only place a third
    contact q enters c_ij and the redundancy), same numbers to rounding (tests: 1e-9 relative).

    Tie strength: by default a tie counts once (a_ij = 1); ``weight="weight"`` uses the number of
    partnership rows as a_ij (Burt's proportional strength). The package's policy: :mod:`.weighted`.

    >>> g = nx.Graph([("i", "a"), ("i", "b"), ("a", "b"), ("i", "c")])
    >>> row = structural_holes(g).loc["i"]
    >>> round(float(row["effective_size"]), 4), round(float(row["constraint"]), 4)  # 3 − 2·1/3; see tests
    (2.3333, 0.6111)
    """
    if _engine.choose(graph, engine) == "igraph":
        return _holes_vectorised(graph, weight)
    ties = _strengths(graph, weight)
    total = {i: sum(nbrs.values()) for i, nbrs in ties.items()}
    peak = {i: max(nbrs.values(), default=0.0) for i, nbrs in ties.items()}

    def p(i: Any, j: Any) -> float:
        return ties[i][j] / total[i] if total[i] else 0.0

    effective, efficiency, constraint, hierarchy = {}, {}, {}, {}
    for i in graph.nodes:
        contacts = ties[i]
        n = len(contacts)
        if n == 0:
            effective[i] = efficiency[i] = constraint[i] = hierarchy[i] = math.nan
            continue
        redundancy, dyadic = 0.0, []
        links_among = 0
        for j in contacts:
            # contacts of i also tied to j, scanning the smaller neighbourhood (in insertion order)
            small, big = (ties[j], contacts) if len(ties[j]) <= n else (contacts, ties[j])
            shared = [q for q in small if q in big and q != i and q != j]
            links_among += len(shared)
            if weight is not None:
                redundancy += sum(p(i, q) * (ties[j][q] / peak[j]) for q in shared if peak[j])
            dyadic.append((p(i, j) + sum(p(i, q) * p(q, j) for q in shared)) ** 2)
        if weight is None:
            effective[i] = n - links_among / n  # links_among counts each tie among contacts twice: 2t
        else:
            effective[i] = n - redundancy
        efficiency[i] = effective[i] / n
        c = sum(dyadic)
        constraint[i] = c
        if n <= 1 or c == 0:
            hierarchy[i] = math.nan
        else:
            ratios = [d / (c / n) for d in dyadic]
            # Σ r ln r ≥ 0 since Σ r = N (Jensen); clip the rounding error of equal ratios to 0
            hierarchy[i] = max(0.0, sum(r * math.log(r) for r in ratios if r > 0) / (n * math.log(n)))
    return per_organisation(graph, {
        "effective_size": effective, "efficiency": efficiency, "constraint": constraint, "hierarchy": hierarchy,
    })


def _holes_vectorised(graph: nx.Graph, weight: str | None) -> pd.DataFrame:
    """:func:`structural_holes` over igraph's triangle list with numpy (no per-organisation Python loop)."""
    if weight is not None:
        _strengths(graph, weight)  # validates the weights as the reference does
    h, nodes = _engine.to_igraph(graph, weight)
    n = len(nodes)
    edges = np.asarray(h.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    a = np.asarray(h.es["weight"], dtype=float) if weight is not None else np.ones(len(edges))
    src = np.concatenate([edges[:, 0], edges[:, 1]])  # every tie in both directions
    dst = np.concatenate([edges[:, 1], edges[:, 0]])
    val = np.concatenate([a, a])
    key = src * n + dst
    order = np.argsort(key, kind="stable")
    key, src, dst, val = key[order], src[order], dst[order], val[order]
    size = np.bincount(src, minlength=n).astype(float)  # N: contacts
    total = np.bincount(src, weights=val, minlength=n).astype(float)
    peak = np.zeros(n)
    np.maximum.at(peak, src, val)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(total[src] > 0, val / total[src], 0.0)  # p_ij on each ordered tie
    tri = np.asarray(h.list_triangles(), dtype=np.int64).reshape(-1, 3)
    indirect = np.zeros(len(key))  # Σ_q p_iq p_qj on ordered tie (i, j)
    redundancy = np.zeros(n)  # Σ_j Σ_q p_iq m_jq
    links = np.zeros(n)  # ordered pairs of tied contacts: 2t
    for x, y, z in ((0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0)):
        i, j, q = tri[:, x], tri[:, y], tri[:, z]
        ij = np.searchsorted(key, i * n + j)
        iq = np.searchsorted(key, i * n + q)
        qj = np.searchsorted(key, q * n + j)
        indirect += np.bincount(ij, weights=p[iq] * p[qj], minlength=len(key))
        links += np.bincount(i, minlength=n)
        if weight is not None:
            with np.errstate(divide="ignore", invalid="ignore"):
                m_jq = np.where(peak[j] > 0, val[qj] / peak[j], 0.0)
            redundancy += np.bincount(i, weights=p[iq] * m_jq, minlength=n)
    dyadic = (p + indirect) ** 2
    constraint = np.bincount(src, weights=dyadic, minlength=n).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        effective = (size - (links / size if weight is None else redundancy)).astype(float)
        efficiency = effective / size
        ratio = dyadic / (constraint[src] / size[src])
        rlogr = np.where(ratio > 0, ratio * np.log(np.where(ratio > 0, ratio, 1.0)), 0.0)
        hierarchy = np.maximum(0.0, np.bincount(src, weights=rlogr, minlength=n) / (size * np.log(size)))
    isolate = size == 0
    for column in (effective, efficiency, constraint):
        column[isolate] = np.nan
    hierarchy[(size <= 1) | (constraint == 0)] = np.nan
    return per_organisation(graph, {
        "effective_size": dict(zip(nodes, effective.tolist())),
        "efficiency": dict(zip(nodes, efficiency.tolist())),
        "constraint": dict(zip(nodes, constraint.tolist())),
        "hierarchy": dict(zip(nodes, hierarchy.tolist())),
    })
