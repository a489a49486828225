"""A graph as the arrays the null models move: :class:`Frame` (the observed graph) and :class:`Draw` (one draw).

A :class:`Frame` numbers the organisations 0 … n − 1 in id order (as every measure sorts them) and
holds the ties as an ``(m, 2)`` array of (smaller, larger) indices and the group attribute
(``sector`` by default) as integer codes. A :class:`Draw` is one graph on (a subset of) those
organisations: drawn ties, permuted codes, or organisations left out; what the statistics need from
it (adjacency matrix, degrees, an igraph or networkx graph, brokerage counts) is computed once, on
first use. Self-loops are not ties here (no measure counts them).

>>> import networkx as nx
>>> g = nx.Graph([("b", "a"), ("b", "c")])
>>> nx.set_node_attributes(g, {"a": "X", "b": "Y", "c": "X"}, "sector")
>>> f = Frame.of(g)
>>> f.nodes, f.edges.tolist(), f.codes.tolist(), f.groups
(['a', 'b', 'c'], [[0, 1], [1, 2]], [0, 1, 0], ['X', 'Y'])
>>> Draw(f).degrees.tolist()
[1, 2, 1]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import networkx as nx
import numpy as np

from ..measures._engine import node_order

__all__ = ["Frame", "Draw", "brokerage_counts"]


@dataclass(frozen=True, eq=False)
class Frame:
    """The observed graph as arrays: ``nodes`` (ids in order), ``edges`` ``(m, 2)``, group ``codes`` and names."""

    graph: nx.Graph
    nodes: list[Any]
    edges: np.ndarray
    group: str
    codes: np.ndarray | None
    groups: list[Any]

    @classmethod
    def of(cls, graph: nx.Graph, group: str = "sector") -> "Frame":
        """The frame of an undirected simple graph; ``codes`` is ``None`` when no organisation has ``group``."""
        if graph.is_directed() or graph.is_multigraph():
            raise ValueError("inference needs an undirected simple graph (nx.Graph)")
        nodes = node_order(graph)
        index = {v: i for i, v in enumerate(nodes)}
        pairs = sorted((min(index[u], index[v]), max(index[u], index[v])) for u, v in graph.edges if u != v)
        edges = np.array(pairs, dtype=np.int64).reshape(-1, 2)
        values = [graph.nodes[v].get(group) for v in nodes]
        codes, groups = None, []
        if any(value is not None for value in values):
            from ..measures.brokerage import _group_of, _group_order

            found = _group_of(graph, group)  # a ValueError names the organisations without one
            values = [found[v] for v in nodes]
            groups = _group_order(set(values))
            at = {g: k for k, g in enumerate(groups)}
            codes = np.array([at[value] for value in values], dtype=np.int64)
        return cls(graph, nodes, edges, group, codes, groups)

    @property
    def n(self) -> int:
        return len(self.nodes)

    @property
    def m(self) -> int:
        return len(self.edges)

    def labelled(self) -> np.ndarray:
        """The group codes; a ValueError when the graph has no group attribute."""
        if self.codes is None:
            raise ValueError(f"no organisation has the attribute {self.group!r}, which this statistic needs")
        return self.codes


class Draw:
    """One graph on the frame's organisations (or the subset ``keep``, indices into ``frame.nodes``).

    ``edges`` index the kept organisations 0 … len(keep) − 1; ``codes`` are theirs (default: the frame's).
    """

    def __init__(self, frame: Frame, edges: np.ndarray | None = None, codes: np.ndarray | None = None,
                 keep: np.ndarray | None = None):
        self.frame = frame
        self.edges = frame.edges if edges is None else edges
        self.keep = keep
        base = frame.codes if keep is None or frame.codes is None else frame.codes[keep]
        self.codes = base if codes is None else codes
        self.n = frame.n if keep is None else len(keep)

    @cached_property
    def adjacency(self) -> np.ndarray:
        """Dense 0/1 adjacency matrix (float)."""
        a = np.zeros((self.n, self.n))
        a[self.edges[:, 0], self.edges[:, 1]] = 1.0
        a[self.edges[:, 1], self.edges[:, 0]] = 1.0
        return a

    @cached_property
    def degrees(self) -> np.ndarray:
        return np.bincount(self.edges.ravel(), minlength=self.n)

    @cached_property
    def igraph(self) -> Any:
        import igraph as ig

        return ig.Graph(n=self.n, edges=self.edges.tolist(), directed=False)

    @cached_property
    def ids(self) -> list[Any]:
        nodes = self.frame.nodes
        return list(nodes) if self.keep is None else [nodes[i] for i in self.keep.tolist()]

    @cached_property
    def graph(self) -> nx.Graph:
        """The draw as a networkx graph: the frame's node attributes (group set from ``codes``), no tie attributes."""
        f, ids = self.frame, self.ids
        g = nx.Graph()
        g.add_nodes_from((v, dict(f.graph.nodes[v])) for v in ids)
        if self.codes is not None and self.codes is not f.codes:
            nx.set_node_attributes(g, {v: f.groups[c] for v, c in zip(ids, self.codes.tolist())}, f.group)
        g.add_edges_from((ids[u], ids[v]) for u, v in self.edges.tolist())
        return g

    @cached_property
    def brokerage(self) -> tuple[np.ndarray, np.ndarray]:
        """Gould–Fernandez brokerage: (whole-network counts per role, in ``ROLES`` order; total per group)."""
        return brokerage_counts(self.adjacency, self.frame.labelled() if self.codes is None else self.codes,
                                len(self.frame.groups))


def _role_table(k: int) -> np.ndarray:
    """``R[gv, ga, gb]``: the role index (order of ``measures.brokerage.ROLES``) of a two-path a → v → b."""
    gv, ga, gb = np.meshgrid(np.arange(k), np.arange(k), np.arange(k), indexing="ij")
    return np.select([(ga == gv) & (gb == gv), (ga != gv) & (gb != gv) & (ga == gb), (ga != gv) & (gb == gv),
                      (ga == gv) & (gb != gv)], [0, 1, 2, 3], default=4)


def brokerage_counts(adjacency: np.ndarray, codes: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Brokered ordered two-paths of an undirected graph by role and by the broker's group, with matrices.

    For broker v, the ordered pairs (a, b) of its neighbours with a ≠ b and no tie a–b, counted by the
    groups of a and b: c_g c_h − [g = h] c_g − T_v[g, h], where c counts v's neighbours per group and
    T_v[g, h] = Σ_ab A_va A_vb A_ab [a∈g][b∈h] the closed pairs (two batched matrix products). Equal to
    :func:`chanjiao_utils.measures.brokerage_by_group` and ``brokerage_network`` (tested).

    >>> a = np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]], dtype=float)  # path x – y – z
    >>> roles, by_group = brokerage_counts(a, np.array([0, 1, 0]), 2)
    >>> roles.tolist(), by_group.tolist()  # y brokers x → z and z → x: itinerant
    ([0, 2, 0, 0, 0], [0, 2])
    """
    n = len(codes)
    if n == 0 or k == 0:
        return np.zeros(5, dtype=np.int64), np.zeros(k, dtype=np.int64)
    onehot = np.zeros((n, k))
    onehot[np.arange(n), codes] = 1.0
    x = adjacency[:, :, None] * onehot[None, :, :]          # x[v, a, g] = A_va [a ∈ g]
    closed = np.swapaxes(x, 1, 2) @ (adjacency @ x)         # T[v, g, h]
    c = adjacency @ onehot                                  # c[v, g]
    pairs = c[:, :, None] * c[:, None, :] - closed
    pairs[:, np.arange(k), np.arange(k)] -= c
    roles = _role_table(k)[codes]                           # (n, k, k)
    by_role = np.bincount(roles.ravel(), weights=pairs.ravel(), minlength=5)
    by_group = np.bincount(codes, weights=pairs.sum(axis=(1, 2)), minlength=k)
    return np.rint(by_role).astype(np.int64), np.rint(by_group).astype(np.int64)
