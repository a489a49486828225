"""Core/periphery structure (Borgatti & Everett 1999) and k-cores.

Borgatti, S. P. & Everett, M. G. (1999). Models of core/periphery structures.
*Social Networks* 21: 375–395.

* **Continuous model** (:func:`coreness`): every organisation gets a coreness
  c_i ≥ 0 and the pattern δ_ij = c_i·c_j is fitted to the observed ties a_ij over
  the off-diagonal pairs. In the least-squares "MINRES" form (Boyd, Fitzgerald &
  Beck 2006, *Social Networks* 28: 165–178; as in UCINET) c minimises Σ_{i≠j} (a_ij − c_i c_j)², the
  least-squares rank-one fit with the diagonal ignored. The fit reported is the
  Pearson correlation between a_ij and c_i c_j over the n(n−1)/2 unordered pairs.
* **Discrete model** (:func:`core_periphery`): a partition into core and
  periphery whose ideal pattern (core–core = 1, periphery–periphery = 0, and the
  core–periphery block as chosen by ``between``) correlates best with a_ij.
* **k-cores** (:func:`kcore`): Seidman (1983), the largest k such that the
  organisation belongs to a subgraph where everyone has at least k partners.

**What each model assumes, and why they disagree.** The continuous model assumes one dimension:
every pair's tie is expected in proportion to c_i·c_j, so an organisation is as core as the partners
it has (a tie to a strong member lifts it most), and there is no line between core and periphery.
The discrete model assumes two classes: a core whose members are tied to each other and a
periphery whose members are not. With ``between="missing"`` (the default) it assumes nothing about
ties between core and periphery — those pairs are left out of the fit — so a periphery member
with many ties *to* the core gains nothing from them and can stay periphery while a member with
fewer, but core–core, ties is core; with ``"one"`` such ties are expected and with ``"zero"`` they
count against the fit. An organisation can therefore have a higher continuous coreness than the
weakest core member and still be periphery: :func:`core_disagreement` lists these cases, so a chart
of one model is not read as the other's.

Ties are undirected; by default unweighted (a_ij = 1 for a tie, 0 otherwise);
``weight="weight"`` uses the number of partnership rows as a valued a_ij.
Self-loops are ignored (the diagonal is not part of either model).

>>> import networkx as nx
>>> g = nx.complete_graph(["c1", "c2", "c3"])
>>> g.add_edges_from([("c1", "p1"), ("c2", "p2"), ("c3", "p3")])
>>> core_periphery(g)["core"].tolist()
[True, True, True, False, False, False]
>>> float(core_periphery_fit(g).loc[0, "correlation"])
1.0
"""

from __future__ import annotations

import hashlib
import math
import threading
from collections import OrderedDict
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd

from . import _core_search, _engine
from ._table import per_organisation

Between = Literal["missing", "one", "zero"]
_BETWEEN = ("missing", "one", "zero")


# --------------------------------------------------------------------------- helpers


def _arrays(graph: nx.Graph, weight: str | None) -> tuple[list[Any], np.ndarray, np.ndarray, np.ndarray]:
    """Nodes sorted by id and the edge list as index arrays (i < j) with values; self-loops dropped."""
    nodes = sorted(graph.nodes)
    index = {n: k for k, n in enumerate(nodes)}
    rows, cols, vals = [], [], []
    for u, v, d in graph.edges(data=True):
        if u == v:
            continue
        i, j = sorted((index[u], index[v]))
        rows.append(i)
        cols.append(j)
        vals.append(1.0 if weight is None else float(d.get(weight, 1)))
    return nodes, np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64), np.asarray(vals, dtype=float)


def _pearson(n_pairs: float, sx: float, sxx: float, sy: float, syy: float, sxy: float) -> float:
    """Pearson correlation from sums over ``n_pairs`` pairs; NaN when either variable is constant."""
    if n_pairs < 2:
        return math.nan
    cov = n_pairs * sxy - sx * sy
    vx = n_pairs * sxx - sx * sx
    vy = n_pairs * syy - sy * sy
    if vx <= 1e-12 * max(n_pairs * sxx, 1e-300) or vy <= 1e-12 * max(n_pairs * syy, 1e-300):
        return math.nan
    return float(min(1.0, max(-1.0, cov / math.sqrt(vx * vy))))


def _continuous_fit(n: int, i: np.ndarray, j: np.ndarray, a: np.ndarray, c: np.ndarray) -> float:
    """Correlation between a_ij and c_i c_j over the unordered pairs i < j, in O(n + m)."""
    pairs = n * (n - 1) / 2
    s1, s2, s4 = c.sum(), (c**2).sum(), (c**4).sum()
    sp = (s1 * s1 - s2) / 2  # Σ_{i<j} c_i c_j
    spp = (s2 * s2 - s4) / 2  # Σ_{i<j} c_i² c_j²
    sap = float((a * c[i] * c[j]).sum())
    return _pearson(pairs, sp, spp, float(a.sum()), float((a * a).sum()), sap)


def _minres(n: int, i: np.ndarray, j: np.ndarray, a: np.ndarray, tol: float,
            max_iter: int) -> tuple[np.ndarray, int, bool]:
    """Least-squares coreness by cyclic coordinate descent; returns (unit-length c, sweeps, converged)."""
    ptr, nbr, val = _core_search._csr(n, i, j, a)
    strength = np.zeros(n)
    np.add.at(strength, i, a)
    np.add.at(strength, j, a)
    # Start: strength, tilted by 0.1 % in id order so that exactly symmetric saddle points
    # (e.g. two identical components) are left; scaled by the least-squares factor.
    c = strength * (1 + 1e-3 * (n - np.arange(n)) / max(n, 1))
    cac = 2 * float((a * c[i] * c[j]).sum())
    s2 = float((c**2).sum())
    c *= math.sqrt(cac / (s2 * s2 - float((c**4).sum())))
    prev = c / math.sqrt(float((c**2).sum()))
    # plain Python lists: per-node numpy calls cost more than they save at these sizes
    adj = [list(zip(nbr[ptr[k]:ptr[k + 1]].tolist(), val[ptr[k]:ptr[k + 1]].tolist())) for k in range(n)]
    cs = c.tolist()
    sweeps, converged = 0, False
    for sweeps in range(1, max_iter + 1):
        total = math.fsum(x * x for x in cs)  # recomputed each sweep against rounding drift
        for k in range(n):
            old = cs[k]
            rest = total - old * old
            new = sum(w * cs[q] for q, w in adj[k]) / rest if adj[k] and rest > 0 else 0.0
            total += new * new - old * old
            cs[k] = new
        c = np.asarray(cs)
        unit = c / math.sqrt(float((c**2).sum()))
        if float(np.abs(unit - prev).max()) < tol:
            converged = True
            break
        prev = unit
    return unit, sweeps, converged


def _continuous(graph: nx.Graph, weight: str | None, tol: float, max_iter: int) -> dict[str, Any]:
    nodes, i, j, a = _arrays(graph, weight)
    n = len(nodes)
    if n < 2 or not len(a) or not a.any():
        c = np.full(n, math.nan) if n < 2 else np.zeros(n)
        return {"nodes": nodes, "i": i, "j": j, "a": a, "c": c, "fit": math.nan, "iterations": 0, "converged": True}
    c, sweeps, converged = _minres(n, i, j, a, tol, max_iter)
    return {"nodes": nodes, "i": i, "j": j, "a": a, "c": c, "fit": _continuous_fit(n, i, j, a, c),
            "iterations": sweeps, "converged": converged}


#: The last few discrete searches, keyed by a digest of everything the search reads (see :func:`_discrete`).
_SEARCHES: OrderedDict[bytes, tuple[np.ndarray, float]] = OrderedDict()
_SEARCHES_KEPT = 8
_SEARCHES_LOCK = threading.Lock()


def _discrete(cont: dict[str, Any], between: str, restarts: int = 10, seed: int = 42) -> dict[str, Any]:
    """The discrete model's partition and fit (see :func:`core_periphery`).

    The search is the costly part (10 ms at 85 organisations, seconds at thousands), and a notebook
    asks for the partition (:func:`core_periphery`) and its fit (:func:`core_periphery_fit`) of the
    same graph: the last few results are kept, keyed by a digest of the search's whole input (the
    tie arrays, the continuous coreness that orders the first start, ``between``, ``restarts`` and
    ``seed``), so any change to the graph or a parameter searches anew. Callers get copies.
    """
    if between not in _BETWEEN:
        raise ValueError(f"between must be one of {_BETWEEN}, not {between!r}")
    i, j, a, c = (np.ascontiguousarray(cont[k]) for k in ("i", "j", "a", "c"))
    shape = (len(cont["nodes"]), len(i), i.dtype.str, j.dtype.str, a.dtype.str, c.dtype.str)
    digest = hashlib.blake2b(repr((shape, between, restarts, seed)).encode())
    for array in (i, j, a, c):
        digest.update(array.tobytes())
    key = digest.digest()
    with _SEARCHES_LOCK:  # measures may be called from threads (e.g. joblib's threading or Dask backends)
        kept = _SEARCHES.get(key)
        if kept is not None:
            _SEARCHES.move_to_end(key)
    if kept is None:
        found = _search(cont, between, restarts, seed)  # a fresh array, kept as it is
        kept = (found["core"], found["fit"])
        with _SEARCHES_LOCK:
            _SEARCHES[key] = kept
            while len(_SEARCHES) > _SEARCHES_KEPT:
                _SEARCHES.popitem(last=False)
    return {"core": kept[0].copy(), "fit": kept[1]}


def _search(cont: dict[str, Any], between: str, restarts: int, seed: int) -> dict[str, Any]:
    """The search itself (:mod:`._core_search`), run afresh."""
    return _core_search.search(cont, between, restarts, seed)


def _density(mask: np.ndarray, pairs: float) -> float:
    return float(mask.sum() / pairs) if pairs > 0 else math.nan


# --------------------------------------------------------------------------- public


def coreness(graph: nx.Graph, weight: str | None = None, tol: float = 1e-8, max_iter: int = 1000) -> pd.DataFrame:
    """Per organisation: continuous coreness (Borgatti & Everett 1999), scaled to unit length.

    c minimises Σ_{i≠j} (a_ij − c_i c_j)² (the least-squares "MINRES" form of Boyd,
    Fitzgerald & Beck 2006, as in UCINET). Algorithm: cyclic coordinate descent in id order,
    c_i ← Σ_{j≠i} a_ij c_j / Σ_{j≠i} c_j², each step the exact least-squares c_i given
    the others (so the residual never rises), started from the weighted degree and
    repeated until no unit-length coreness moves by ``tol`` (at most ``max_iter``
    sweeps; see :func:`core_periphery_fit` for ``iterations`` and ``converged``).
    It costs O(n + m) a sweep and no n × n matrix. The result is reported with
    Σ c_i² = 1; only ratios matter. An isolate gets 0. With no ties every coreness
    is 0; with fewer than two organisations it is NaN.

    The start is tilted by 0.1 % towards smaller ids, so where the graph is exactly
    symmetric (e.g. two identical components, where the fit is not unique) the id order
    decides which side gets the coreness. Like any local method it finds a stationary
    point of the residual. When one node
    alone carries the structure (a star), the least-squares scale grows without bound
    while the unit vector tends to 1 at the centre and 0 elsewhere; the iteration then
    stops at ``max_iter`` with ``converged`` False and small leaf values.

    Tie strength: by default a tie counts once (a_ij = 1); ``weight="weight"`` fits the number of
    partnership rows instead. The package's policy: :mod:`.weighted`.

    >>> g = nx.complete_graph(4)
    >>> coreness(g)["coreness"].round(4).tolist()
    [0.5, 0.5, 0.5, 0.5]
    """
    cont = _continuous(graph, weight, tol, max_iter)
    return per_organisation(graph, {"coreness": dict(zip(cont["nodes"], cont["c"].tolist()))})


def core_periphery(graph: nx.Graph, between: Between = "missing", weight: str | None = None,
                   restarts: int = 10, seed: int = 42, tol: float = 1e-8, max_iter: int = 1000) -> pd.DataFrame:
    """Per organisation: continuous ``coreness`` and discrete ``core`` membership (Borgatti & Everett 1999).

    The discrete model is the partition whose ideal pattern correlates best (Pearson,
    over unordered pairs i < j) with a_ij: core–core pairs 1, periphery–periphery pairs 0,
    core–periphery pairs per ``between``:

    * ``"missing"`` (default): left out of the correlation, so the density of core–periphery
      ties is left free (the less restrictive form Borgatti & Everett 1999 discuss);
    * ``"one"``: ideal 1 (the periphery ties to the core);
    * ``"zero"``: ideal 0 (core clique, everything else empty).

    Search (heuristic, deterministic): the exact optimum is a search over 2^n partitions.
    From each of 2 + ``restarts`` orders of the organisations — by continuous coreness,
    by weighted degree, and ``restarts`` random orders drawn with ``seed`` (ties by
    id) — the best split into the first k and the rest is scored (every k; smallest k on
    ties), then improved by Kernighan–Lin passes (Kernighan & Lin 1970): move the
    organisation whose switch gives the highest fit (ties: smallest id), even downhill,
    lock it, keep the best point of the pass (a pass ends after 100 moves without a new
    best); repeat while a pass gains. The best result over the starts is kept (earlier
    start on ties). On 2 100 random and planted graphs of up to 10 nodes this matched
    brute force every time, but it is not guaranteed to. Cost: O(n) a move, so about
    O(n²) for a start far from the optimum; the starts are searched side by side
    (:mod:`._core_search`): about 10 ms at 85 organisations, 0.05 s at 300, 0.5 s at
    2 000 (about 5 s at 3 000 with the default); for tens of thousands of organisations
    pass ``restarts=0``. When no
    partition found has a defined correlation (a_ij or the pattern constant over the
    pairs compared, e.g. no ties or every pair tied) the fit is NaN and everyone is core
    if every pair is tied, no one otherwise.

    Tie strength: by default a tie counts once (a_ij = 1); ``weight="weight"`` fits the number of
    partnership rows instead. The package's policy: :mod:`.weighted`.

    >>> g = nx.star_graph(["c", "a", "b", "d"])
    >>> core_periphery(g, between="one")["core"].tolist()
    [False, False, True, False]
    """
    cont = _continuous(graph, weight, tol, max_iter)
    disc = _discrete(cont, between, restarts, seed)
    nodes = cont["nodes"]
    return per_organisation(graph, {
        "coreness": dict(zip(nodes, cont["c"].tolist())),
        "core": dict(zip(nodes, disc["core"].tolist())),
    })


def core_periphery_fit(graph: nx.Graph, between: Between = "missing", weight: str | None = None,
                       restarts: int = 10, seed: int = 42, tol: float = 1e-8, max_iter: int = 1000) -> pd.DataFrame:
    """The fit of both core/periphery models in one row (Borgatti & Everett 1999).

    Columns: ``correlation`` of the discrete partition with a_ij (see :func:`core_periphery`,
    ``between`` as given); ``core_size``; block densities ``density_core``,
    ``density_core_periphery`` and ``density_periphery`` (pairs with a tie over possible
    pairs, weights ignored; NaN for an empty block); ``continuous_correlation`` of
    c_i c_j with a_ij over all unordered pairs, with the coordinate-descent
    ``iterations`` and whether it ``converged`` (see :func:`coreness`); the search's
    ``restarts`` and ``seed``. Correlations are NaN where a_ij or the pattern is constant
    (e.g. a complete graph).

    Tie strength: as :func:`core_periphery` (once by default; block densities always count ties once).

    >>> row = core_periphery_fit(nx.complete_graph(4)).iloc[0]
    >>> int(row["core_size"]), float(row["density_core"]), bool(np.isnan(row["correlation"]))
    (4, 1.0, True)
    """
    cont = _continuous(graph, weight, tol, max_iter)
    disc = _discrete(cont, between, restarts, seed)
    n = len(cont["nodes"])
    core, i, j = disc["core"], cont["i"], cont["j"]
    k = int(core.sum())
    tied_core = core[i] & core[j]
    tied_per = ~core[i] & ~core[j]
    return pd.DataFrame([{
        "between": between,
        "correlation": disc["fit"],
        "core_size": k,
        "density_core": _density(tied_core, k * (k - 1) / 2),
        "density_core_periphery": _density(~tied_core & ~tied_per, k * (n - k)),
        "density_periphery": _density(tied_per, (n - k) * (n - k - 1) / 2),
        "continuous_correlation": cont["fit"],
        "iterations": cont["iterations"],
        "converged": cont["converged"],
        "restarts": restarts,
        "seed": seed,
    }])


def kcore(graph: nx.Graph, engine: str | None = None) -> pd.DataFrame:
    """Per organisation: ``core_number``, the largest k with the organisation in the k-core (Seidman 1983).

    The k-core is the largest subgraph in which every organisation has at least k
    partners (ties counted once, weights ignored); computed with :func:`networkx.core_number`
    (Batagelj & Zaversnik 2003, O(m)). Self-loops are removed first (networkx refuses
    them). An isolate has core number 0. With ``engine="igraph"`` (see :mod:`._engine`) igraph's
    ``coreness`` (same algorithm) gives the same numbers.

    Tie strength: a tie counts once, always (k-cores have no weighted form here).

    >>> kcore(nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]))["core_number"].tolist()
    [2, 2, 2, 1]
    """
    if _engine.choose(graph, engine) == "igraph":
        h, nodes = _engine.to_igraph(graph)  # self-loops dropped
        return per_organisation(graph, {"core_number": dict(zip(nodes, h.coreness()))})
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    simple.add_edges_from((u, v) for u, v in graph.edges if u != v)
    return per_organisation(graph, {"core_number": nx.core_number(simple)})


def core_disagreement(graph: nx.Graph, between: Between = "missing", weight: str | None = None,
                      restarts: int = 10, seed: int = 42, tol: float = 1e-8, max_iter: int = 1000) -> pd.DataFrame:
    """Where the continuous and discrete core/periphery models disagree (see the module docstring).

    From :func:`core_periphery` (same arguments): the **periphery** members whose continuous
    ``coreness`` exceeds that of the weakest core member, and the **core** members whose coreness is
    below that of the strongest periphery member — the organisations that would swap sides if the
    core were cut from the coreness ranking at the discrete core's size. Columns ``coreness``,
    ``core``, ``coreness_rank`` (1 = highest coreness among all organisations, ties sharing the
    smallest rank, ``method="min"``), ``disagreement`` (``"periphery above weakest core"`` or
    ``"core below strongest periphery"``) and ``gap`` (coreness minus the weakest core member's,
    for a periphery row; minus the strongest periphery member's, for a core row). Sorted by coreness
    (descending), then id. Coreness within 1e-9 counts as equal (no disagreement).
    ``table.attrs`` holds ``weakest_core`` and ``strongest_periphery`` (coreness; NaN when a side is
    empty) and ``agree`` (True when the table is empty: the discrete core is the top of the coreness
    ranking).

    Tie strength: as :func:`core_periphery` (once by default).

    A hub h with three leaves, tied to a, which leads through b to t: the discrete core is the
    path h–a–b (its ties to the leaves are core–periphery pairs, left out), but each leaf, tied to
    the hub, has a higher continuous coreness than b.

    >>> g = nx.Graph([("h", "a"), ("h", "l1"), ("h", "l2"), ("h", "l3"), ("a", "b"), ("b", "t")])
    >>> t = core_disagreement(g)
    >>> sorted(t.index[t["disagreement"] == "periphery above weakest core"]), t.loc["b", "disagreement"]
    (['l1', 'l2', 'l3'], 'core below strongest periphery')
    """
    table = core_periphery(graph, between, weight, restarts, seed, tol, max_iter)
    core = table["core"].astype(bool)
    weakest = float(table.loc[core, "coreness"].min()) if core.any() else math.nan
    strongest = float(table.loc[~core, "coreness"].max()) if (~core).any() else math.nan
    table["coreness_rank"] = table["coreness"].rank(method="min", ascending=False).astype("int64")
    above = ~core & (table["coreness"] > weakest + 1e-9)
    below = core & (table["coreness"] < strongest - 1e-9)
    table["disagreement"] = np.where(above, "periphery above weakest core",
                                     np.where(below, "core below strongest periphery", ""))
    table["gap"] = np.where(above, table["coreness"] - weakest, table["coreness"] - strongest)
    out = table.loc[above | below].copy()
    out = (out.reset_index().sort_values(["coreness", "id"], ascending=[False, True], kind="stable")
           .set_index("id"))
    out.attrs.update(weakest_core=weakest, strongest_periphery=strongest, agree=out.empty)
    return out
