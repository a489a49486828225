"""The named statistics a null model can test: the measures' values on the observed graph, fast paths for draws.

Names are the measures' column names. Each :class:`Statistic` has ``measure(graph, group)``, the
project's own function (:mod:`chanjiao_utils.measures`) giving the observed value, and ``fast(draw)``,
what each draw is computed with; ``tests/inference/test_statistics.py`` checks both agree on the bundled
graph and on small graphs (to 1e-12). Ties count once (unweighted) everywhere, since the null graphs have
no weights; modularity is therefore that of Louvain on the unweighted graph.

============================== ===================================================================
``transitivity``               3 × triangles / connected triples (``measures.cohesion``)
``degree_centralization``      Freeman degree centralization (``cohesion``)
``betweenness_centralization`` Freeman betweenness centralization (``cohesion``; igraph for draws)
``modularity``                 Louvain, seed 42, unweighted (``measures.community_summary``)
``core_periphery_fit``         Borgatti–Everett discrete fit, ``correlation`` (``measures.core_periphery_fit``)
``ei_index``                   Krackhardt–Stern E-I index of the group (``measures.ei_index``)
``assortativity``              Newman attribute assortativity of the group (``measures.assortativity``)
``brokerage_<role>``           whole-network Gould–Fernandez count, role as ``measures.brokerage.ROLES``
``brokerage_<group>``          total brokerage by the organisations of one group, e.g. ``brokerage_school``
``mixing_<g>_<h>``             ties between groups g ≤ h (inside g when g = h; ``measures.mixing_matrix``)
============================== ===================================================================

Any callable ``graph -> float`` may stand in for a name: it is given each draw as a networkx graph
(the organisations with their attributes, group permuted under ``labels``; ties without attributes).

>>> import networkx as nx
>>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")])
>>> nx.set_node_attributes(g, {"a": "X", "b": "X", "c": "Y", "d": "Y"}, "sector")
>>> round(value(g, "transitivity"), 4), value(g, "ei_index"), value(g, "brokerage_itinerant")
(0.6, 0.0, 0.0)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

from .. import measures
from ..measures.brokerage import ROLES
from .frames import Draw, Frame

__all__ = ["EXPENSIVE", "LOUVAIN_SEED", "Statistic", "BASE", "available", "custom", "resolve", "statistic_names",
           "observed", "value", "ei_batch", "mixing_batch", "assortativity_batch"]

#: Statistics left out of the default sets of :mod:`.completions` and :mod:`.missing` (name them to include
#: them): the Borgatti–Everett search runs 12 Kernighan–Lin starts, about 12 ms a graph on 85 organisations
#: (the starts searched side by side, :mod:`chanjiao_utils.measures.core`), still the costliest statistic by far.
#: :mod:`.significance` keeps it (its null distribution is the point of testing a core/periphery fit).
EXPENSIVE = ("core_periphery_fit",)
#: Louvain's seed for ``modularity`` (as ``measures.communities``' default).
LOUVAIN_SEED = 42


@dataclass(frozen=True)
class Statistic:
    """A named statistic: the measure for the observed value, the fast path for draws, what it needs."""

    name: str
    measure: Callable[..., float]       # (graph, group, memo=None) -> the observed value
    fast: Callable[[Draw], float]
    labelled: bool = False              # reads the group attribute: testable under ``labels``
    fixed_under: tuple[str, ...] = ()   # null models that cannot move it (left out of the default set)
    cost: float = 0.05                  # rough milliseconds per draw on 85 organisations (for n_jobs="auto")


def _freeman(values: np.ndarray, maximum: float) -> float:
    return float(np.sum(values.max() - values) / maximum)


def _transitivity(d: Draw) -> float:
    a, k = d.adjacency, d.degrees
    triples = float(np.sum(k * (k - 1)))
    return float(np.sum(a * (a @ a)) / triples) if triples else 0.0


def _degree_c(d: Draw) -> float:
    return _freeman(d.degrees.astype(float), (d.n - 1) * (d.n - 2)) if d.n >= 3 else math.nan


def _betweenness_c(d: Draw) -> float:
    if d.n < 3:
        return math.nan
    return _freeman(np.asarray(d.igraph.betweenness(directed=False), dtype=float), (d.n - 1) ** 2 * (d.n - 2) / 2)


def _ends(d: Draw) -> tuple[np.ndarray, np.ndarray]:
    codes = d.frame.labelled() if d.codes is None else d.codes
    return codes[d.edges[:, 0]], codes[d.edges[:, 1]]


def ei_batch(codes: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """E-I index for each row of ``codes`` ``(draws, n)`` on the same ties: (E − I) / (E + I), NaN without ties."""
    if len(edges) == 0:
        return np.full(len(codes), np.nan)
    external = (codes[:, edges[:, 0]] != codes[:, edges[:, 1]]).sum(axis=1)
    return (2 * external - len(edges)) / len(edges)


def mixing_batch(codes: np.ndarray, edges: np.ndarray, k: int) -> np.ndarray:
    """Symmetric tie counts between groups for each row of ``codes``: ``(draws, k, k)``, each tie in both cells."""
    rows = np.repeat(np.arange(len(codes)), len(edges))
    a, b = codes[:, edges[:, 0]].ravel(), codes[:, edges[:, 1]].ravel()
    counts = np.bincount((rows * k + a) * k + b, minlength=len(codes) * k * k).reshape(len(codes), k, k)
    return counts + np.swapaxes(counts, 1, 2)


def assortativity_batch(mixing: np.ndarray) -> np.ndarray:
    """Newman's r from symmetric counts ``(draws, k, k)``: (Σ e_gg − Σ a_g²) / (1 − Σ a_g²); NaN when 0/0."""
    total = mixing.sum(axis=(1, 2)).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        e = mixing / total[:, None, None]
        a2 = np.sum(e.sum(axis=2) ** 2, axis=1)
        r = (np.trace(e, axis1=1, axis2=2) - a2) / (1 - a2)
    return np.where(np.isfinite(r), r, np.nan)


def _one(d: Draw) -> tuple[np.ndarray, np.ndarray]:
    codes = d.frame.labelled() if d.codes is None else d.codes
    return codes[None, :], d.edges


def _mixing_cell(g: int, h: int) -> Callable[[Draw], float]:
    def fast(d: Draw) -> float:
        codes, edges = _one(d)
        counts = mixing_batch(codes, edges, len(d.frame.groups))[0]
        return float(counts[g, h] // (2 if g == h else 1))
    return fast


def _table(memo: dict[Any, Any] | None, key: Any, make: Callable[[], Any]) -> Any:
    """``make()``, or the table an earlier statistic of the same :func:`observed` call made."""
    if memo is None:
        return make()
    if key not in memo:
        memo[key] = make()
    return memo[key]


def _group_measure(name: str, column: str, row: Any = 0) -> Callable[..., float]:
    def measure(graph: nx.Graph, group: str, memo: dict[Any, Any] | None = None) -> float:
        table = _table(memo, (name, group), lambda: getattr(measures, name)(graph, group=group))
        return float(table.loc[row, column])
    return measure


def _fixed(column: str, f: Callable[..., Any], **kw: Any) -> Callable[..., float]:
    def measure(graph: nx.Graph, group: str, memo: dict[Any, Any] | None = None) -> float:
        return float(_table(memo, (f.__name__, tuple(sorted(kw.items()))), lambda: f(graph, **kw)).iloc[0][column])
    return measure


def _on_graph(measure: Callable[[nx.Graph, str], float]) -> Callable[[Draw], float]:
    return lambda d: measure(d.graph, d.frame.group)


_modularity = _fixed("modularity", measures.community_summary, seed=LOUVAIN_SEED, weight=None)
_core_fit = _fixed("correlation", measures.core_periphery_fit)

BASE: dict[str, Statistic] = {s.name: s for s in (
    Statistic("transitivity", _fixed("transitivity", measures.cohesion), _transitivity),
    Statistic("degree_centralization", _fixed("degree_centralization", measures.cohesion), _degree_c,
              fixed_under=("degree",)),
    Statistic("betweenness_centralization", _fixed("betweenness_centralization", measures.cohesion),
              _betweenness_c, cost=0.5),
    Statistic("modularity", _modularity, _on_graph(_modularity), cost=5.0),
    Statistic("core_periphery_fit", _core_fit, _on_graph(_core_fit), cost=15.0),  # 12 Kernighan–Lin starts (benchmarks/bench_core.py)
    Statistic("ei_index", _group_measure("ei_index", "ei_index"),
              lambda d: float(ei_batch(*_one(d))[0]), labelled=True),
    Statistic("assortativity", _group_measure("assortativity", "assortativity"),
              lambda d: float(assortativity_batch(mixing_batch(*_one(d), len(d.frame.groups)))[0]), labelled=True),
)}


def _role(i: int, role: str) -> Statistic:
    return Statistic(f"brokerage_{role}", _group_measure("brokerage_network", "observed", role),
                     lambda d: float(d.brokerage[0][i]), labelled=True, cost=0.3)


def _by_group(k: int, name: Any) -> Statistic:
    return Statistic(f"brokerage_{name}", _group_measure("brokerage_by_group", "total", name),
                     lambda d: float(d.brokerage[1][k]), labelled=True, cost=0.3)


def _cell(frame: Frame, g: int, h: int) -> Statistic:
    a, b = frame.groups[g], frame.groups[h]

    def measure(graph: nx.Graph, group: str, memo: dict[Any, Any] | None = None) -> float:
        return float(_table(memo, ("mixing_matrix", group), lambda: measures.mixing_matrix(graph, group=group)).loc[a, b])
    return Statistic(f"mixing_{a}_{b}", measure, _mixing_cell(g, h), labelled=True)


def available(frame: Frame) -> dict[str, Statistic]:
    """Every named statistic for this graph (group statistics only when it has the group attribute)."""
    found = {name: s for name, s in BASE.items() if frame.codes is not None or not s.labelled}
    if frame.codes is not None:
        found.update({s.name: s for s in (_role(i, r) for i, r in enumerate(ROLES))})
        found.update({s.name: s for s in (_by_group(k, g) for k, g in enumerate(frame.groups))})
        k = len(frame.groups)
        found.update({s.name: s for s in (_cell(frame, g, h) for g in range(k) for h in range(g, k))})
    return found


def custom(f: Callable[[nx.Graph], float]) -> Statistic:
    """A callable ``graph -> float`` as a statistic (named after the function; computed on networkx graphs)."""
    name = getattr(f, "__name__", "custom")
    return Statistic(name, lambda graph, group, memo=None: float(f(graph)), lambda d: float(f(d.graph)), labelled=True,
                     cost=5.0)


def resolve(frame: Frame, statistics: Any = None) -> list[Statistic]:
    """The statistics asked for: names and/or callables; ``None`` for every name :func:`available` gives."""
    known = available(frame)
    if statistics is None:
        return list(known.values())
    if isinstance(statistics, str) or callable(statistics):
        statistics = [statistics]
    out = []
    for s in statistics:
        if callable(s):
            out.append(custom(s))
        elif s in known:
            out.append(known[s])
        else:
            raise ValueError(f"unknown statistic {s!r}; known for this graph: {', '.join(known)} "
                             "(or pass a callable graph -> float)")
    return out


def statistic_names(graph: nx.Graph, group: str = "sector") -> list[str]:
    """Every statistic name this graph supports (group statistics only when organisations have ``group``).

    >>> statistic_names(nx.path_graph(3))
    ['transitivity', 'degree_centralization', 'betweenness_centralization', 'modularity', 'core_periphery_fit']
    """
    return list(available(Frame.of(graph, group)))


def observed(graph: nx.Graph, stats: list[Statistic], group: str = "sector",
             memo: dict[Any, Any] | None = None) -> list[float]:
    """The observed values of ``stats`` by the project's measures, each measure's table computed once
    (``cohesion`` gives three statistics, ``brokerage_network`` five); pass the same ``memo`` dict to
    share the tables between calls on the same, unchanged graph."""
    memo = {} if memo is None else memo
    return [s.measure(graph, group, memo) for s in stats]


def value(graph: nx.Graph, statistic: str | Callable[[nx.Graph], float], group: str = "sector") -> float:
    """The observed value of one statistic, by the project's measure function."""
    frame = Frame.of(graph, group)
    return resolve(frame, statistic)[0].measure(graph, group)
