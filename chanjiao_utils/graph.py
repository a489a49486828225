"""Tables → networkx graphs.

Two graphs answer most questions:

* the **organisation graph** (one-mode): a node per organisation carrying every
  column of ``organisations`` as an attribute, an undirected edge per pair of
  organisations with at least one partnership. The edge's ``weight`` is the
  number of partnership rows between the pair (one per area, or one for a tie
  whose area is not stated), ``areas`` the sorted area codes, ``partnerships``
  the row ids, and ``provenance`` is ``attested`` when any row is attested;
* the **two-mode organisation × area graph**: organisations (``bipartite=0``)
  linked to the areas of cooperation (``bipartite=1``, node ids ``area:01`` …)
  they take part in, weighted by the number of partnerships in that area.

>>> from chanjiao_utils.loading import load
>>> c = load()
>>> g = organisation_graph(c)
>>> g.number_of_nodes(), g.nodes["A01"]["name_zh"], g.edges["A01", "A02"]["provenance"]
(85, '中山市中等专业学校', 'attested')
>>> b = organisation_area_graph(c)
>>> sorted(n for n, d in b.nodes(data=True) if d["bipartite"] == 1)[:2]
['area:01', 'area:02']
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pandas as pd

from .loading import Consortium


def _value(v: Any) -> Any:
    """A table cell as a plain Python value: ``None`` for missing, ``str``/``int``/``bool`` otherwise."""
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    if hasattr(v, "item"):  # numpy scalars
        return v.item()
    return v


def area_node(code: int) -> str:
    """Node id of an area in the two-mode graph.

    >>> area_node(3)
    'area:03'
    """
    return f"area:{int(code):02d}"


def _add_organisations(g: nx.Graph, consortium: Consortium, **extra: Any) -> None:
    for org_id, row in consortium.organisations.sort_index().iterrows():
        g.add_node(org_id, **{k: _value(v) for k, v in row.items()}, **extra)


def organisation_graph(consortium: Consortium) -> nx.Graph:
    """The one-mode graph of organisations joined by partnerships (see the module docstring).

    Nodes are added in id order and edges in (smaller id, larger id) order, so the
    graph, and anything drawn from it with a seeded layout, is the same run after run.
    """
    g = nx.Graph(name=consortium.title, dataset=consortium.name)
    _add_organisations(g, consortium)
    ties = consortium.partnerships.reset_index()
    ties["u"] = ties[["org_a", "org_b"]].min(axis=1)
    ties["v"] = ties[["org_a", "org_b"]].max(axis=1)
    for (u, v), rows in ties.sort_values(["u", "v", "id"]).groupby(["u", "v"], sort=True):
        areas = sorted(int(a) for a in rows["area"].dropna())
        sinces = rows["since"].dropna()
        g.add_edge(
            u, v,
            weight=len(rows),
            areas=tuple(areas),
            partnerships=tuple(rows["id"]),
            provenance="attested" if (rows["provenance"] == "attested").any() else "synthetic",
            since=_value(sinces.min()) if len(sinces) else None,
        )
    return g


def organisation_area_graph(consortium: Consortium) -> nx.Graph:
    """The two-mode graph: organisations × the areas of cooperation they take part in.

    Every organisation and every area is a node, even with no tie. An edge's ``weight``
    counts the partnerships the organisation has in that area; ``provenance`` is
    ``attested`` when any of them is. Partnerships without an area add no edge.
    """
    g = nx.Graph(name=consortium.title, dataset=consortium.name)
    _add_organisations(g, consortium, bipartite=0)
    for code, row in consortium.areas.sort_index().iterrows():
        g.add_node(area_node(code), bipartite=1, code=int(code), **{k: _value(v) for k, v in row.items()})
    ties = consortium.partnerships.dropna(subset=["area"])
    ends = pd.concat([
        ties[["org_a", "area", "provenance"]].rename(columns={"org_a": "org"}),
        ties[["org_b", "area", "provenance"]].rename(columns={"org_b": "org"}),
    ])
    for (org, area), rows in ends.groupby(["org", "area"], sort=True):
        g.add_edge(
            org, area_node(area),
            weight=len(rows),
            provenance="attested" if (rows["provenance"] == "attested").any() else "synthetic",
        )
    return g
