"""QAP: is the overlap of two tie layers (two areas of cooperation, say) more than relabelling gives?

As R ``sna::qaptest(list(g1, g2), gcor, g1=1, g2=2)`` (Krackhardt 1988, "Predicting with networks:
nonparametric multiple regression analysis of dyadic data", *Social Networks* 10: 359–381): the graph
correlation :func:`gcor` of the two adjacency matrices, against its values when the rows and columns of
the second are permuted together (``P A₂ Pᵀ``, a relabelling of its organisations that keeps its
structure). Permutations come from :func:`.nulls.labels_block`, seeded per block like every null model;
the result is a row of the :mod:`.significance` table with ``statistic="graph_correlation"`` and
``null_model="qap"``. :func:`tie_layer` makes the layers from the organisation graph.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from ..measures._engine import node_order
from . import nulls
from ._common import COLUMNS, check, summarise

__all__ = ["gcor", "qap", "qap_draws", "tie_layer"]


def gcor(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Graph correlation (R ``sna::gcor``): Pearson's r of two adjacency matrices over the pairs i ≠ j.

    ``b`` may be a stack ``(draws, n, n)``; NaN where either is constant. For symmetric matrices the
    ordered pairs give the same r as the unordered ones.

    >>> a = np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]])
    >>> float(gcor(a, a)), float(gcor(a, 1 - a - np.eye(3)))
    (1.0, -1.0)
    """
    iu, ju = np.triu_indices(len(a), 1)
    x = np.asarray(a, dtype=float)[iu, ju]
    y = np.asarray(b, dtype=float)[..., iu, ju]
    xc = x - x.mean()
    yc = y - y.mean(axis=-1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = (yc @ xc) / np.sqrt((xc @ xc) * np.sum(yc * yc, axis=-1))
    return np.where(np.isfinite(r), r, np.nan)


def _layers(graph1: nx.Graph, graph2: nx.Graph) -> tuple[np.ndarray, np.ndarray]:
    if set(graph1.nodes) != set(graph2.nodes):
        raise ValueError("the two layers must have the same organisations (use tie_layer on one graph)")
    nodes = node_order(graph1)
    a = nx.to_numpy_array(graph1, nodelist=nodes, weight=None)
    b = nx.to_numpy_array(graph2, nodelist=nodes, weight=None)
    np.fill_diagonal(a, 0)
    np.fill_diagonal(b, 0)
    return a, b


def qap_draws(graph1: nx.Graph, graph2: nx.Graph, draws: int = 1000, seed: int = 42,
              statistic: Callable[[np.ndarray, np.ndarray], Any] = gcor) -> np.ndarray:
    """The QAP null distribution: ``statistic(A1, P A2 Pᵀ)`` for ``draws`` seeded permutations P (see :func:`qap`)."""
    check(draws, seed)
    a, b = _layers(graph1, graph2)
    values = []
    for block in nulls.blocks(draws):
        p = nulls.labels_block(len(a), nulls.block_rng(seed, block))
        values.append(np.asarray(statistic(a, b[p[:, :, None], p[:, None, :]]), dtype=float))
    return np.concatenate(values)[:draws]


def qap(graph1: nx.Graph, graph2: nx.Graph, draws: int = 1000, seed: int = 42,
        statistic: Callable[[np.ndarray, np.ndarray], Any] = gcor) -> pd.DataFrame:
    """QAP test of the correlation of two tie layers on the same organisations (R ``sna::qaptest``).

    The rows and columns of ``graph2``'s adjacency matrix are permuted together (a relabelling of its
    organisations, keeping its structure) and the :func:`gcor` with ``graph1`` recomputed; one row of the
    :func:`significance` table with ``statistic="graph_correlation"`` and ``null_model="qap"``. Both
    graphs must have the same organisations (e.g. :func:`tie_layer` of two areas). ``statistic`` may be any
    function of the two adjacency matrices vectorised over a stack of the second, as :func:`gcor` is.

    >>> import networkx as nx
    >>> g = nx.karate_club_graph()
    >>> t = qap(g, g, draws=100)
    >>> float(t.loc[0, "observed"]), float(t.loc[0, "p_upper"])
    (1.0, 0.0)
    """
    a, b = _layers(graph1, graph2)
    values = qap_draws(graph1, graph2, draws, seed, statistic)
    row = summarise("graph_correlation", "qap", float(statistic(a, b)), values, seed)
    return pd.DataFrame([row], columns=COLUMNS)


def tie_layer(graph: nx.Graph, areas: int | Sequence[int]) -> nx.Graph:
    """The ties of ``graph`` with a partnership in one of ``areas`` (edge attribute ``areas``), all organisations kept.

    >>> g = nx.Graph(); g.add_edge("a", "b", areas=(1, 2)); g.add_edge("b", "c", areas=(3,))
    >>> sorted(tie_layer(g, 3).edges), tie_layer(g, [1]).number_of_nodes()
    ([('b', 'c')], 3)
    """
    wanted = {int(areas)} if isinstance(areas, (int, np.integer)) else {int(a) for a in areas}
    layer = nx.Graph()
    layer.add_nodes_from(graph.nodes(data=True))
    layer.add_edges_from((u, v) for u, v, found in graph.edges(data="areas", default=()) if wanted & set(found or ()))
    return layer
