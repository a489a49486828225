"""Degrees in the two-mode organisation × area graph: per area and per organisation (Borgatti & Everett 1997)."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pandas as pd

from .._table import identity_table

#: The order sectors are listed in when a cell names several (政行企研校); others follow alphabetically.
_SECTOR_ORDER = ("government", "association", "enterprise", "research", "school")


def _modes(two_mode: nx.Graph) -> tuple[list[Any], list[Any]]:
    """Organisation nodes and area nodes of a two-mode graph, each sorted (areas by code)."""
    orgs = sorted(n for n, d in two_mode.nodes(data=True) if d.get("bipartite") == 0)
    areas = sorted((n for n, d in two_mode.nodes(data=True) if d.get("bipartite") == 1),
                   key=lambda n: (two_mode.nodes[n].get("code", n), str(n)))
    return orgs, areas


def _sector_key(sector: str) -> tuple[int, str]:
    return (_SECTOR_ORDER.index(sector), "") if sector in _SECTOR_ORDER else (len(_SECTOR_ORDER), str(sector))


def area_degree(two_mode: nx.Graph) -> pd.DataFrame:
    """Per area of cooperation: who takes part, how much, and from which sectors.

    Indexed by area ``code`` (every area node of the graph, in code order, unused areas
    with 0). Columns: ``name_zh``, ``name_en``, ``group``; ``organisations`` — the area's
    degree in the two-mode graph (organisations with at least one partnership in it);
    ``organisations_normalised`` — that degree over the number of organisations, the
    size of the other mode (Borgatti & Everett 1997; NaN when there are no
    organisations); ``partnerships`` — partnership rows in the area: every row adds 1 to
    the edge weight at *both* of its ends, so this is half the area's weighted degree
    (exact, as no row ties an organisation to itself); ``sectors`` — how many sectors
    the taking-part organisations come from, and ``sector_list`` naming them
    (政行企研校 order, joined by ``, ``; empty when none).

    >>> b = nx.Graph()
    >>> b.add_nodes_from(["s", "e"], bipartite=0); b.nodes["s"]["sector"] = "school"
    >>> b.nodes["e"]["sector"] = "enterprise"
    >>> for code in (1, 2):
    ...     b.add_node(f"area:0{code}", bipartite=1, code=code, name_zh=f"领域{code}", name_en="", group="")
    >>> b.add_edge("s", "area:01", weight=1); b.add_edge("e", "area:01", weight=1)
    >>> area_degree(b)[["organisations", "organisations_normalised", "partnerships", "sector_list"]].values.tolist()
    [[2, 1.0, 1, 'enterprise, school'], [0, 0.0, 0, '']]
    """
    orgs, areas = _modes(two_mode)
    rows = {}
    for node in areas:
        attrs = two_mode.nodes[node]
        members = [n for n in two_mode[node] if two_mode.nodes[n].get("bipartite") == 0]
        weight = sum(two_mode.edges[node, n].get("weight", 1) for n in members)
        sectors = sorted({two_mode.nodes[n].get("sector") for n in members} - {None}, key=_sector_key)
        rows[attrs.get("code", node)] = {
            "name_zh": attrs.get("name_zh"),
            "name_en": attrs.get("name_en"),
            "group": attrs.get("group"),
            "organisations": len(members),
            "organisations_normalised": len(members) / len(orgs) if orgs else float("nan"),
            "partnerships": weight / 2,
            "sectors": len(sectors),
            "sector_list": ", ".join(sectors),
        }
    columns = ["name_zh", "name_en", "group", "organisations", "organisations_normalised", "partnerships",
               "sectors", "sector_list"]
    table = pd.DataFrame.from_dict(rows, orient="index", columns=columns)
    if (table["partnerships"] % 1 == 0).all():  # always, for a graph built from a data package
        table["partnerships"] = table["partnerships"].astype("int64")
    table["organisations"] = table["organisations"].astype("int64")
    table["sectors"] = table["sectors"].astype("int64")
    table.index.name = "code"
    return table


def organisation_area_degree(two_mode: nx.Graph) -> pd.DataFrame:
    """Per organisation: how many areas of cooperation it takes part in.

    A per-organisation table (index ``id`` sorted, identity columns first) over the
    ``bipartite=0`` nodes. ``areas`` is the organisation's degree in the two-mode graph;
    ``areas_normalised`` divides it by the number of area nodes, the size of the other
    mode (Borgatti & Everett 1997; 12 for the Zhongshan package; NaN with no area
    nodes); ``partnerships`` is its weighted degree: the partnership rows with a stated
    area it is party to (rows without an area are not in the two-mode graph).

    >>> b = nx.Graph()
    >>> b.add_node("s", bipartite=0)
    >>> b.add_nodes_from(["area:01", "area:02", "area:03", "area:04"], bipartite=1)
    >>> b.add_edge("s", "area:01", weight=3)
    >>> organisation_area_degree(b)[["areas", "areas_normalised", "partnerships"]].to_dict("records")
    [{'areas': 1, 'areas_normalised': 0.25, 'partnerships': 3}]
    """
    orgs, areas = _modes(two_mode)
    table = identity_table(two_mode, orgs)
    degree = {n: sum(1 for a in two_mode[n] if two_mode.nodes[a].get("bipartite") == 1) for n in orgs}
    strength = {n: sum(two_mode.edges[n, a].get("weight", 1) for a in two_mode[n]
                       if two_mode.nodes[a].get("bipartite") == 1) for n in orgs}
    table["areas"] = pd.Series(degree, dtype="int64")
    table["areas_normalised"] = (pd.Series(degree, dtype="float64") / len(areas)) if areas else float("nan")
    table["partnerships"] = pd.Series(strength, dtype="int64")
    return table

