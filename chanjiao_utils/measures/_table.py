"""Conventions shared by every measure: how a per-organisation table looks."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
import pandas as pd

#: Attributes attached to every per-organisation table, before the measure columns.
IDENTITY = ("name_zh", "sector", "provenance")


def identity_table(graph: nx.Graph, nodes: Iterable[Any]) -> pd.DataFrame:
    """An empty per-organisation table: index ``id`` (in the order given), columns :data:`IDENTITY`.

    >>> g = nx.Graph(); g.add_node("A01", name_zh="中山中专", sector="school", provenance="attested")
    >>> identity_table(g, ["A01"]).loc["A01"].tolist()
    ['中山中专', 'school', 'attested']
    """
    rows = {n: {k: graph.nodes[n].get(k) for k in IDENTITY} for n in nodes}
    table = pd.DataFrame.from_dict(rows, orient="index", columns=list(IDENTITY))
    table.index.name = "id"
    return table


def per_organisation(graph: nx.Graph, columns: Mapping[str, Mapping[Any, Any]],
                     nodes: Iterable[Any] | None = None) -> pd.DataFrame:
    """A per-organisation table: identity columns, then one column per measure, rows sorted by id.

    ``columns`` maps a column name to ``{node: value}``; nodes missing from a mapping get NaN.
    ``nodes`` limits the rows to those organisations (default: every node of the graph).

    >>> g = nx.path_graph(["a", "b", "c"])
    >>> per_organisation(g, {"degree": dict(g.degree())})["degree"].tolist()
    [1, 2, 1]
    """
    table = identity_table(graph, sorted(graph.nodes if nodes is None else nodes))
    for name, values in columns.items():
        table[name] = pd.Series(dict(values)).reindex(table.index)
    return table
