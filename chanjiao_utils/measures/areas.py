"""Two-mode analysis of organisations × areas of cooperation.

The two-mode graph is :func:`chanjiao_utils.graph.organisation_area_graph`:
organisations (``bipartite=0``) linked to the areas (``bipartite=1``, nodes
``area:01`` … with ``code``, ``name_zh``, ``name_en``, ``group``) they take part
in; an edge's ``weight`` counts the partnership rows of that organisation in that
area. Partnerships whose area is not stated add no edge, so they count nowhere here.

Definitions follow Borgatti & Everett (1997), "Network analysis of 2-mode data",
*Social Networks* 19: 243–269: the degree of a node is its number of ties to the
other mode, normalised by the size of the other mode; the two one-mode
projections count shared affiliations (organisations sharing areas; areas
sharing organisations, with the area's degree on the diagonal). Every area of the
data package is always listed, with 0 where nobody takes part: a thin area shows
as a small number, never as a missing row.

>>> from chanjiao_utils.loading import load
>>> from chanjiao_utils.graph import organisation_area_graph
>>> c = load()
>>> table = area_degree(organisation_area_graph(c))
>>> len(table), int(table["organisations"].sum()) >= 12
(12, True)
"""

from __future__ import annotations

import itertools
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from ..graph import organisation_area_graph
from ..loading import Consortium
from ._table import identity_table

#: The order sectors are listed in when a cell names several (政行企研校); others follow alphabetically.
_SECTOR_ORDER = ("government", "association", "enterprise", "research", "school")
#: How a missing value of an organisation column is labelled (as in :func:`.structure.composition`).
NOT_STATED = "未说明 (not stated)"


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


def _participation(consortium: Consortium) -> pd.DataFrame:
    """One row per (organisation, area) pair with at least one partnership, with its row count."""
    ties = consortium.partnerships.dropna(subset=["area"])
    ends = pd.concat([ties["org_a"], ties["org_b"]], ignore_index=True)
    areas = np.tile(ties["area"].to_numpy(dtype="int64"), 2)
    # counted on integer codes: factorize in id order, then one code per (organisation, area), sorted
    org_code, org_ids = pd.factorize(ends, sort=True)
    low = int(areas.min()) if len(areas) else 0
    span = int(areas.max()) - low + 1 if len(areas) else 1
    pairs, counts = np.unique(org_code.astype("int64") * span + (areas - low), return_counts=True)
    return pd.DataFrame({"org": org_ids.take(pairs // span), "area": pairs % span + low, "partnerships": counts})


def _vocabulary(consortium: Consortium, by: str) -> list[Any] | None:
    """The ordered values a column of ``organisations`` may take, when the data package lists them."""
    if by == "sector":
        return consortium.sectors["order"].astype("int64").sort_values(kind="stable").index.tolist()
    if by == "council_tier":
        return consortium.tiers["rank"].astype("int64").sort_values(kind="stable").index.tolist()
    if by == "kind":
        return consortium.kinds.index.tolist()
    return None


def coverage_matrix(consortium: Consortium, by: str = "sector") -> pd.DataFrame:
    """Areas × groups of organisations: how many organisations of each group take part in each area.

    Rows are every area of the data package (index ``code``, in code order); an organisation
    *takes part* in an area when it is party to at least one partnership row in it (rows
    without an area count nowhere). With ``by="sector"`` (or any other column of
    ``organisations``, e.g. ``kind``, ``council_tier``) a cell counts the organisations of
    that group taking part; every value of the vocabulary is a column (sectors in the
    package's ``order``, tiers by ``rank``, kinds as listed; other columns sorted), zeros
    kept, and organisations with the value missing under ``未说明 (not stated)`` when
    there are any. Each row's sum is the area's ``organisations`` in :func:`area_degree`.
    With ``by="organisation"`` it is the two-mode incidence (affiliation) matrix of
    Borgatti & Everett (1997): one column per organisation (sorted by id), 1 when it takes
    part in the area, else 0.

    >>> from chanjiao_utils.loading import load
    >>> m = coverage_matrix(load())
    >>> m.shape, m.columns.tolist()[0]
    ((12, 5), 'government')
    """
    orgs = consortium.organisations
    part = _participation(consortium)
    area_codes = sorted(int(c) for c in consortium.areas.index)
    if by == "organisation":
        matrix = pd.crosstab(part["area"], part["org"]).clip(upper=1)
        columns: list[Any] = sorted(orgs.index)
    else:
        if by not in orgs.columns:
            known = ", ".join(orgs.columns)
            raise ValueError(f"by must be 'organisation' or a column of organisations ({known}), not {by!r}")
        values = orgs[by].astype("object").where(orgs[by].notna(), NOT_STATED)
        part = part.assign(group=part["org"].map(values))
        matrix = pd.crosstab(part["area"], part["group"])
        vocabulary = _vocabulary(consortium, by)
        present = sorted(set(values), key=str)
        if vocabulary is None:
            columns = [v for v in present if v != NOT_STATED]
        else:
            columns = list(vocabulary) + sorted((set(present) - set(vocabulary)) - {NOT_STATED}, key=str)
        if NOT_STATED in present:
            columns.append(NOT_STATED)
    matrix = matrix.reindex(index=area_codes, columns=columns, fill_value=0).astype("int64")
    matrix.index.name = "code"
    matrix.columns.name = by
    return matrix


#: The default ``share`` of :func:`thin_areas` (and of the ``thin_areas`` column of a consortium's profile).
THIN_SHARE = 0.5


def thin_areas(consortium: Consortium, threshold: float | None = None, share: float = THIN_SHARE) -> pd.DataFrame:
    """Every area ranked by participation, thinnest first, with a ``thin`` flag.

    The :func:`area_degree` table sorted by ``organisations`` ascending, then
    ``partnerships`` ascending, then code; ``rank`` numbers the rows from 1 (thinnest).
    Rule: an area is ``thin`` when fewer than ``threshold`` organisations take part in it,
    or when none does. ``threshold`` defaults to ``share`` × the median number of
    organisations per area over all areas (with ``share=0.5``: areas reaching fewer than
    half the organisations the typical area reaches). The threshold used is stored in
    ``table.attrs["threshold"]``.

    >>> from chanjiao_utils.loading import load
    >>> t = thin_areas(load(), threshold=10)
    >>> t.loc[t["thin"]].index.tolist()
    [1]
    """
    table = area_degree(organisation_area_graph(consortium))
    thin, threshold = _thin(table["organisations"], threshold, share)
    table = table.assign(thin=thin)
    table = (table.reset_index()
             .sort_values(["organisations", "partnerships", "code"], kind="stable")
             .set_index("code"))
    table.insert(0, "rank", range(1, len(table) + 1))
    table.attrs["threshold"] = threshold
    return table


def _thin(organisations: pd.Series, threshold: float | None, share: float) -> tuple[pd.Series, float]:
    """The rule of :func:`thin_areas` on organisations per area: the ``thin`` flags and the threshold used."""
    if threshold is None:
        threshold = share * float(organisations.median()) if len(organisations) else 0.0
    return (organisations < threshold) | (organisations == 0), threshold


def _area_participation(consortium: Consortium) -> pd.DataFrame:
    """Per area (every area of the package, by code): ``organisations`` taking part and ``partnerships`` rows.

    The same two columns as :func:`area_degree` of :func:`~chanjiao_utils.graph.organisation_area_graph`,
    from :func:`_participation` without building the two-mode graph (what a profile of every consortium
    of a collection needs; tests/measures/test_areas.py checks the two agree). Each row is counted at
    both of its ends, so the partnerships are half the sum, as in :func:`area_degree`.
    """
    by_area = _participation(consortium).groupby("area")["partnerships"]
    codes = pd.Index(sorted(int(c) for c in consortium.areas.index), name="code")
    return pd.DataFrame({"organisations": by_area.size().reindex(codes, fill_value=0).astype("int64"),
                         "partnerships": (by_area.sum() // 2).reindex(codes, fill_value=0).astype("int64")},
                        index=codes)


_PROJECTIONS = {
    "shared": nx.bipartite.weighted_projected_graph,
    "jaccard": nx.bipartite.overlap_weighted_projected_graph,
    "newman": nx.bipartite.collaboration_weighted_projected_graph,
}


def area_projection(two_mode: nx.Graph, weight: str = "shared") -> nx.Graph:
    """One-mode projection: organisations linked when they take part in a common area.

    Every organisation of the two-mode graph is a node (with its attributes; those in no
    area stay as isolates); two are tied when they share at least one area. The edge
    attribute ``weight`` is, by ``weight``: ``"shared"`` — the number of shared areas, the
    off-diagonal of the co-affiliation matrix A·Aᵀ (Borgatti & Everett 1997;
    ``nx.bipartite.weighted_projected_graph``); ``"jaccard"`` — shared areas over areas
    either takes part in (``overlap_weighted_projected_graph``); ``"newman"`` — Newman's
    (2001) collaboration weight Σ 1/(k_area − 1) (``collaboration_weighted_projected_graph``).
    The partnership weights of the two-mode edges are not used: sharing is presence in both.
    Nodes and edges are added in sorted order.

    >>> b = nx.Graph([("a", "area:01"), ("b", "area:01"), ("a", "area:02"), ("b", "area:02")])
    >>> nx.set_node_attributes(b, {"a": 0, "b": 0, "area:01": 1, "area:02": 1}, "bipartite")
    >>> area_projection(b).edges["a", "b"]["weight"]
    2
    """
    if weight not in _PROJECTIONS:
        raise ValueError(f"weight must be one of {', '.join(_PROJECTIONS)}, not {weight!r}")
    orgs, _ = _modes(two_mode)
    projected = _PROJECTIONS[weight](two_mode, orgs)
    out = nx.Graph(**two_mode.graph)
    out.add_nodes_from((n, projected.nodes[n]) for n in orgs)
    out.add_edges_from(sorted(((*sorted((u, v)), d) for u, v, d in projected.edges(data=True)),
                              key=lambda e: (e[0], e[1])))
    return out


def area_overlap(consortium: Consortium) -> pd.DataFrame:
    """Areas × areas: how many organisations take part in both (the dual projection).

    The area co-affiliation matrix Aᵀ·A of Borgatti & Everett (1997), for every area
    of the data package (index and columns ``code``); the diagonal holds the area's own
    number of organisations (its degree in :func:`area_degree`). Symmetric; counted
    organisation by organisation over the pairs of its areas, so the cost grows with the
    number of organisations (no organisations × areas matrix is built).

    >>> from chanjiao_utils.loading import load
    >>> m = area_overlap(load())
    >>> m.shape, bool((m.values == m.values.T).all())
    ((12, 12), True)
    """
    codes = sorted(int(c) for c in consortium.areas.index)
    counts = {(a, b): 0 for a in codes for b in codes}
    for _, group in _participation(consortium).groupby("org", sort=True):
        mine = sorted(group["area"].tolist())
        for a in mine:
            counts[a, a] += 1
        for a, b in itertools.combinations(mine, 2):
            counts[a, b] += 1
            counts[b, a] += 1
    matrix = pd.DataFrame([[counts[a, b] for b in codes] for a in codes], index=codes, columns=codes, dtype="int64")
    matrix.index.name = "code"
    matrix.columns.name = "code"
    return matrix

