"""Size and pieces of the network, degree, and the composition of the roster.

>>> import networkx as nx
>>> g = nx.path_graph(["a", "b", "c"])
>>> s = summary(g)
>>> s[["organisations", "ties", "components"]].iloc[0].tolist(), float(s.loc[0, "density"])
([3, 2, 1], 0.6667)
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from ..loading import Consortium
from ._table import identity_table as _identity


def components(graph: nx.Graph) -> list[list[str]]:
    """Connected components, largest first, each sorted; ties in size broken by the smallest id.

    >>> components(nx.Graph([("b", "c"), ("x", "a")]))
    [['a', 'x'], ['b', 'c']]
    """
    parts = [sorted(c) for c in nx.connected_components(graph)]
    return sorted(parts, key=lambda c: (-len(c), c[0]))


def summary(graph: nx.Graph) -> pd.DataFrame:
    """Size and cohesion of a graph in one row.

    ``ties`` counts pairs of organisations with at least one partnership; ``partnerships``
    adds up edge weights (rows, one per area). ``density`` is ties over possible pairs,
    n(n−1)/2 (Wasserman & Faust 1994, §4.2). Floats are rounded to 4 places.
    """
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    parts = components(graph)
    degrees = [d for _, d in graph.degree()]
    record = {
        "organisations": n,
        "ties": m,
        "partnerships": int(sum(w for _, _, w in graph.edges(data="weight", default=1))),
        "density": round(nx.density(graph), 4) if n > 1 else 0.0,
        "components": len(parts),
        "largest_component": len(parts[0]) if parts else 0,
        "isolates": sum(1 for d in degrees if d == 0),
        "mean_degree": round(sum(degrees) / n, 4) if n else 0.0,
    }
    return pd.DataFrame([record])


def degree_table(graph: nx.Graph) -> pd.DataFrame:
    """Per organisation: number of partners (``degree``), partnership rows (``strength``), and component.

    ``component`` numbers components from 1, largest first (see :func:`components`).
    Sorted by degree (descending), then id.

    >>> degree_table(nx.star_graph(2))["degree"].tolist()
    [2, 1, 1]
    """
    part_of = {n: i for i, part in enumerate(components(graph), start=1) for n in part}
    table = _identity(graph, graph.nodes)
    table["degree"] = pd.Series(dict(graph.degree()), dtype="int64")
    table["strength"] = pd.Series(dict(graph.degree(weight="weight")), dtype="int64")
    table["component"] = pd.Series(part_of, dtype="int64")
    return table.reset_index().sort_values(["degree", "id"], ascending=[False, True]).set_index("id")


def degree_distribution(graph: nx.Graph) -> pd.DataFrame:
    """How many organisations have each degree, from 0 to the maximum.

    >>> degree_distribution(nx.star_graph(2)).to_dict("list")
    {'degree': [0, 1, 2], 'organisations': [0, 2, 1]}
    """
    hist = nx.degree_histogram(graph)
    return pd.DataFrame({"degree": range(len(hist)), "organisations": hist})


def composition(consortium: Consortium, by: str) -> pd.DataFrame:
    """Organisations counted by one column (``sector``, ``kind``, ``council_tier`` …) and provenance.

    Missing values are counted under ``未说明 (not stated)``, never dropped. Columns:
    the value, ``attested``, ``synthetic``, ``total``; sorted by the vocabulary's order
    where the data package has one (sectors, tiers), else by total.
    """
    orgs = consortium.organisations
    values = orgs[by].astype("object").where(orgs[by].notna(), "未说明 (not stated)")
    table = pd.crosstab(values, orgs["provenance"]).reindex(columns=["attested", "synthetic"], fill_value=0)
    table["total"] = table.sum(axis=1)
    order = {"sector": consortium.sectors["order"], "council_tier": consortium.tiers["rank"]}.get(by)
    if order is not None:
        rank = {k: int(v) for k, v in order.items()}
        table = table.loc[sorted(table.index, key=lambda v: (rank.get(v, len(rank) + 1), v))]
    else:
        table = table.reset_index().sort_values(["total", by], ascending=[False, True]).set_index(by)
    table.index.name = by
    table.columns.name = None
    return table


def timeline(consortium: Consortium) -> pd.DataFrame:
    """Events in date order, each date written to its precision (``2023-06`` for a month)."""
    events = consortium.events.sort_values(["date", "what_zh"])
    when = [d.strftime("%Y-%m" if p == "month" else "%Y-%m-%d") for d, p in zip(events["date"], events["precision"])]
    return pd.DataFrame({
        "date": when, "what_zh": events["what_zh"].tolist(), "what_en": events["what_en"].tolist(),
        "source_id": events["source_id"].tolist(),
    })


def lead_units(consortium: Consortium) -> pd.DataFrame:
    """The organisations with a lead role (lead school, park, lead enterprises), in id order."""
    orgs = consortium.organisations
    columns = ["name_zh", "short_name", "sector", "kind", "lead_role", "council_tier", "provenance", "source_id"]
    return orgs.loc[orgs["lead_role"] != "none", columns].sort_index()


def component_table(graph: nx.Graph, show: int = 4) -> pd.DataFrame:
    """One row per connected component, largest first: size, attested organisations, and the first ``show`` names.

    >>> component_table(nx.Graph([("a", "b")]))["organisations"].tolist()
    [2]
    """
    rows = []
    for i, part in enumerate(components(graph), start=1):
        names = [str(graph.nodes[n].get("name_zh") or n) for n in part]
        rows.append({
            "component": i,
            "organisations": len(part),
            "attested": sum(1 for n in part if graph.nodes[n].get("provenance") == "attested"),
            "members": "、".join(names[:show]) + ("…" if len(names) > show else ""),
        })
    return pd.DataFrame(rows).set_index("component")


def ties_by_provenance(graph: nx.Graph) -> pd.DataFrame:
    """Ties (pairs) and partnership rows, counted by the tie's provenance."""
    rows = {}
    for _, _, d in graph.edges(data=True):
        r = rows.setdefault(d.get("provenance"), {"ties": 0, "partnerships": 0})
        r["ties"] += 1
        r["partnerships"] += int(d.get("weight", 1))
    table = pd.DataFrame.from_dict(rows, orient="index").reindex(["attested", "synthetic"], fill_value=0)
    table.index.name = "provenance"
    return table
