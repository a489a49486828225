"""Tables → networkx graphs.

Two graphs answer most questions:

* the **organisation graph** (one-mode): a node per organisation carrying every
  column of ``organisations`` as an attribute, an undirected edge per pair of
  organisations with at least one partnership. The edge's ``weight`` is the
  number of partnership rows between the pair (one per area, or one for a tie
  whose area is not stated), ``areas`` the sorted area codes and ``area_names``
  their Chinese names in the same order, ``partnerships`` the row ids, and
  ``provenance`` is ``attested`` when any row is attested;
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


def _values(column: pd.Series) -> list[Any]:
    """A table column as plain Python values: ``None`` for missing, dates as ``YYYY-MM-DD``, numpy scalars as
    ``int``/``float``/``bool``, strings kept (the attributes of graph nodes and edges, which GEXF and GraphML take).

    >>> _values(pd.Series([1, None], dtype="Int64")), _values(pd.Series(pd.to_datetime(["2023-10-31", None])))
    ([1, None], ['2023-10-31', None])
    """
    missing = column.isna().to_numpy()
    if pd.api.types.is_datetime64_any_dtype(column.dtype):
        column = column.dt.strftime("%Y-%m-%d")
    values = column.to_numpy(dtype=object, na_value=None).tolist()
    if missing.any():
        for i in missing.nonzero()[0].tolist():
            values[i] = None
    return [v.item() if hasattr(v, "item") else v for v in values]


def area_node(code: int) -> str:
    """Node id of an area in the two-mode graph.

    >>> area_node(3)
    'area:03'
    """
    return f"area:{int(code):02d}"


def _add_organisations(g: nx.Graph, consortium: Consortium, **extra: Any) -> None:
    table = consortium.organisations.sort_index()
    columns = list(table.columns)
    cells = zip(*(_values(table[k]) for k in columns))
    g.add_nodes_from((org_id, {**dict(zip(columns, row)), **extra}) for org_id, row in zip(table.index.tolist(), cells))


def organisation_graph(consortium: Consortium) -> nx.Graph:
    """The one-mode graph of organisations joined by partnerships (see the module docstring).

    Nodes are added in id order and edges in (smaller id, larger id) order, so the
    graph, and anything drawn from it with a seeded layout, is the same run after run.
    """
    g = nx.Graph(name=consortium.title, dataset=consortium.name)
    _add_organisations(g, consortium)
    ties = consortium.partnerships
    rows = sorted(
        (min(a, b), max(a, b), pid, area, provenance, since)
        for pid, a, b, area, provenance, since in zip(
            ties.index.tolist(), *(_values(ties[k]) for k in ("org_a", "org_b", "area", "provenance", "since")))
    )
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for u, v, pid, area, provenance, since in rows:  # one pass, rows in (u, v, id) order
        edge = edges.setdefault((u, v), {"areas": [], "partnerships": [], "attested": False, "since": None})
        if area is not None:
            edge["areas"].append(int(area))
        edge["partnerships"].append(pid)
        edge["attested"] = edge["attested"] or provenance == "attested"
        if since is not None and (edge["since"] is None or since < edge["since"]):
            edge["since"] = since
    names = {int(code): str(name) for code, name in consortium.areas["name_zh"].items()}
    g.add_edges_from(
        (u, v, {
            "weight": len(e["partnerships"]),
            "areas": tuple(sorted(e["areas"])),
            "area_names": tuple(names.get(a, str(a)) for a in sorted(e["areas"])),
            "partnerships": tuple(e["partnerships"]),
            "provenance": "attested" if e["attested"] else "synthetic",
            "since": e["since"],
        })
        for (u, v), e in edges.items()
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
    areas = consortium.areas.sort_index()
    columns = list(areas.columns)
    g.add_nodes_from((area_node(code), {"bipartite": 1, "code": int(code), **dict(zip(columns, row))})
                     for code, row in zip(areas.index.tolist(), zip(*(_values(areas[k]) for k in columns))))
    ties = consortium.partnerships.dropna(subset=["area"])
    counts: dict[tuple[str, int], list[int | bool]] = {}
    for org_a, org_b, area, provenance in zip(*(_values(ties[k]) for k in ("org_a", "org_b", "area", "provenance"))):
        for org in (org_a, org_b):
            entry = counts.setdefault((org, int(area)), [0, False])
            entry[0] += 1
            entry[1] = entry[1] or provenance == "attested"
    g.add_edges_from(
        (org, area_node(area), {"weight": n, "provenance": "attested" if attested else "synthetic"})
        for (org, area), (n, attested) in sorted(counts.items())
    )
    return g


def plain_value(value: object) -> object:
    """A value every graph writer and widget accepts (str, int, float, bool), or ``None`` to leave it out:
    missing values (None, NaN, NA) are ``None``, numpy scalars Python ones, dates ``YYYY-MM-DD``, lists and
    tuples ``;``-joined (sets sorted first), anything else its ``str``.

    >>> plain_value((2, 5)), plain_value(float("nan")), plain_value(pd.Timestamp("2023-10-31"))
    ('2;5', None, '2023-10-31')
    """
    import datetime as dt
    import math

    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        value = value.item()
    if isinstance(value, (dt.date, pd.Timestamp)):
        return value.isoformat()[:10]
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return ";".join(str(plain_value(v)) for v in items)
    if isinstance(value, (str, bool, int, float)):
        return value
    return str(value)


def plain_graph(graph: nx.Graph) -> nx.Graph:
    """A copy of ``graph`` with every attribute (graph, nodes, edges) made plain by :func:`plain_value`, missing
    ones left out: what the interactive map (:mod:`chanjiao_utils.plotting.interactive`) hands to the browser.

    >>> g = nx.Graph(); g.add_edge("A01", "A02", areas=(2, 5), since=None)
    >>> plain_graph(g).edges["A01", "A02"]
    {'areas': '2;5'}
    """

    def clean(attrs: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in ((k, plain_value(v)) for k, v in attrs.items()) if v is not None}

    out = nx.DiGraph() if graph.is_directed() else nx.Graph()
    out.graph.update(clean(graph.graph))
    out.add_nodes_from((node, clean(attrs)) for node, attrs in graph.nodes(data=True))
    out.add_edges_from((u, v, clean(attrs)) for u, v, attrs in graph.edges(data=True))
    return out
