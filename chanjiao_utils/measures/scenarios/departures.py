"""Departures one at a time or in groups: the network before and after, in counts of reachable pairs.

See the package docstring (:mod:`chanjiao_utils.measures.scenarios`) for the yardstick.

>>> g = nx.path_graph(["a", "b", "c", "d", "e"])
>>> departure(g, ["c"])[["reachable_pairs_before", "reachable_pairs_after"]].iloc[0].tolist()
[10, 2]
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import networkx as nx
import pandas as pd

from .._table import per_organisation
from ..structure import components as _components


def _pairs(size: int) -> int:
    return size * (size - 1) // 2


def _selection(graph: nx.Graph, remove: Hashable | Iterable[Hashable]) -> list[Any]:
    """The ids to remove, deduplicated and sorted; a string or any non-iterable is one id."""
    if isinstance(remove, (str, bytes)) or not isinstance(remove, Iterable):
        remove = [remove]
    chosen = sorted(set(remove), key=lambda n: (str(type(n)), n))
    unknown = [n for n in chosen if n not in graph]
    if unknown:
        raise ValueError(f"not organisations of the graph: {', '.join(map(str, unknown))}")
    return chosen


def _profile(graph: nx.Graph, school: str, enterprise: str) -> dict[str, int]:
    """Components, largest component, reachable pairs and school–enterprise pairs of a graph."""
    parts = _components(graph)
    pairs = se = 0
    for part in parts:
        pairs += _pairs(len(part))
        sectors = [graph.nodes[n].get("sector") for n in part]
        se += sectors.count(school) * sectors.count(enterprise)
    return {"components": len(parts), "largest_component": len(parts[0]) if parts else 0,
            "reachable_pairs": pairs, "school_enterprise_pairs": se}


def _share(after: int, before: int) -> float:
    return after / before if before else float("nan")


def departure(graph: nx.Graph, remove: Hashable | Iterable[Hashable], *, school_sector: str = "school",
              enterprise_sector: str = "enterprise") -> pd.DataFrame:
    """One row: the network before and after the organisations in ``remove`` leave.

    ``remove`` is an id or a collection of ids (e.g. from :func:`remove_group`); ids not in
    the graph raise ``ValueError`` naming them. Columns: ``removed`` (how many) and
    ``removed_ids`` (sorted, joined by ``, ``); ``organisations_before/after``;
    ``ties_lost`` (pairs with a partnership that involved a removed organisation) and
    ``partnerships_lost`` (their weights, 1 for an edge without one); ``components``,
    ``largest_component``, ``reachable_pairs`` (Σ s(s−1)/2 over components, see the module
    docstring) and ``school_enterprise_pairs`` (pairs of a ``school_sector`` and an
    ``enterprise_sector`` organisation in the same component, by the node attribute
    ``sector``), each ``_before`` and ``_after``; ``reachable_pairs_lost``,
    ``reachable_pairs_kept`` and ``school_enterprise_pairs_kept`` (after over before; NaN
    when there was nothing to keep). Pairs involving a removed organisation count as lost.
    Removing nobody returns the graph's own figures, kept share 1.

    >>> g = nx.star_graph(["c", "x", "y", "z"])
    >>> departure(g, "c")[["reachable_pairs_after", "components_after", "ties_lost"]].iloc[0].tolist()
    [0, 3, 3]
    """
    chosen = _selection(graph, remove)
    gone = set(chosen)
    rest = graph.subgraph(n for n in graph if n not in gone)
    before = _profile(graph, school_sector, enterprise_sector)
    after = _profile(rest, school_sector, enterprise_sector)
    lost = [(u, v, w) for u, v, w in graph.edges(data="weight", default=1) if u in gone or v in gone]
    record: dict[str, Any] = {
        "removed": len(chosen),
        "removed_ids": ", ".join(map(str, chosen)),
        "organisations_before": graph.number_of_nodes(),
        "organisations_after": rest.number_of_nodes(),
        "ties_lost": len(lost),
        "partnerships_lost": int(sum(w for _, _, w in lost)),
    }
    for key in ("components", "largest_component", "reachable_pairs", "school_enterprise_pairs"):
        record[f"{key}_before"] = before[key]
        record[f"{key}_after"] = after[key]
    record["reachable_pairs_lost"] = before["reachable_pairs"] - after["reachable_pairs"]
    record["reachable_pairs_kept"] = _share(after["reachable_pairs"], before["reachable_pairs"])
    record["school_enterprise_pairs_kept"] = _share(after["school_enterprise_pairs"], before["school_enterprise_pairs"])
    return pd.DataFrame([record])


def departure_by_area(graph: nx.Graph, remove: Hashable | Iterable[Hashable],
                      areas: pd.DataFrame | Iterable[int] | None = None) -> pd.DataFrame:
    """Per area of cooperation: ties (partnership rows) before and after ``remove`` leave.

    Uses the edge attribute ``areas`` (the sorted area codes of the pair's partnerships, as
    :func:`chanjiao_utils.graph.organisation_graph` sets it): a pair has one partnership row
    per area, so ties and partnership rows in an area are the same count. Columns
    ``ties_before``, ``ties_after``, ``ties_lost`` and ``ties_kept`` (after over before, NaN
    for an area without ties). Rows: the areas given — pass ``consortium.areas`` (its
    ``name_zh``/``name_en`` are copied) or a list of codes to list every area, used or not —
    else the codes found on the edges. Partnerships without an area are in no row (see
    :func:`departure`, whose ``partnerships_lost`` counts them). Ids as in :func:`departure`.

    >>> g = nx.Graph(); g.add_edge("a", "b", areas=(1, 2)); g.add_edge("b", "c", areas=(2,))
    >>> departure_by_area(g, "c", areas=[1, 2, 3])["ties_lost"].tolist()
    [0, 1, 0]
    """
    gone = set(_selection(graph, remove))
    before: dict[int, int] = {}
    after: dict[int, int] = {}
    for u, v, codes in graph.edges(data="areas", default=()):
        for code in codes or ():
            before[int(code)] = before.get(int(code), 0) + 1
            if u not in gone and v not in gone:
                after[int(code)] = after.get(int(code), 0) + 1
    names = None
    if areas is None:
        codes_listed = sorted(before)
    elif isinstance(areas, pd.DataFrame):
        codes_listed = sorted(int(c) for c in areas.index)
        names = areas[[c for c in ("name_zh", "name_en") if c in areas.columns]]
        names = names.set_axis([int(c) for c in names.index])
    else:
        codes_listed = sorted(int(c) for c in areas)
    table = pd.DataFrame(index=pd.Index(codes_listed, name="code", dtype="int64"))
    if names is not None:
        table = table.join(names)
    table["ties_before"] = pd.Series(before, dtype="int64").reindex(table.index, fill_value=0).astype("int64")
    table["ties_after"] = pd.Series(after, dtype="int64").reindex(table.index, fill_value=0).astype("int64")
    table["ties_lost"] = table["ties_before"] - table["ties_after"]
    table["ties_kept"] = [_share(a, b) for a, b in zip(table["ties_after"], table["ties_before"])]
    return table


def departure_ranking(graph: nx.Graph, *, school_sector: str = "school",
                      enterprise_sector: str = "enterprise") -> pd.DataFrame:
    """Every organisation's departure on its own, ranked by the damage it does.

    A per-organisation table with, for the removal of that organisation alone (as
    :func:`departure`): ``reachable_pairs_lost``, ``reachable_pairs_kept``,
    ``components_after``, ``school_enterprise_pairs_lost``, ``ties_lost`` (its degree) and
    ``partnerships_lost`` (its weighted degree). Unlike most tables it is **sorted by
    damage**: ``reachable_pairs_lost`` descending, then id; ``rank`` is 1 for the most
    damaging, and organisations doing equal damage share the smaller rank (so all leaves of
    a star rank 2).

    ``reachable_pairs_lost`` includes the leaver's own pairs (its component's size − 1), so in a
    connected network every organisation loses at least n − 1 and most lose exactly that while
    disconnecting no one: for what a departure does to the others see
    :func:`.keyplayer.departure_effects` (``pairs_disconnected``) and
    :func:`.keyplayer.disconnecting_departures`.

    Cost: removing a node that is not a cut vertex (Hopcroft & Tarjan 1973 articulation
    points, ``nx.articulation_points``) leaves its component of size s connected with s − 1
    nodes, so its figures follow by formula; only for cut vertices are the pieces of its
    component recomputed. Worst case O(n·(n + m)), in practice near O(n + m).

    >>> t = departure_ranking(nx.star_graph(["c", "x", "y"]))
    >>> t.index.tolist(), t["rank"].tolist(), t["reachable_pairs_lost"].tolist()
    (['c', 'x', 'y'], [1, 2, 2], [3, 2, 2])
    """
    before = _profile(graph, school_sector, enterprise_sector)
    cut = set(nx.articulation_points(graph))

    def kind(n: Any) -> tuple[int, int]:
        sector = graph.nodes[n].get("sector")
        return int(sector == school_sector), int(sector == enterprise_sector)

    pairs_lost, se_lost, comps_after = {}, {}, {}
    for part in _components(graph):
        schools = sum(kind(n)[0] for n in part)
        enterprises = sum(kind(n)[1] for n in part)
        for n in part:
            if n in cut:
                pieces = _components(graph.subgraph(m for m in part if m != n))
                pairs_after = sum(_pairs(len(p)) for p in pieces)
                se_after = sum(sum(kind(m)[0] for m in p) * sum(kind(m)[1] for m in p) for p in pieces)
                comps_after[n] = before["components"] - 1 + len(pieces)
            else:
                is_school, is_enterprise = kind(n)
                pairs_after = _pairs(len(part) - 1)
                se_after = (schools - is_school) * (enterprises - is_enterprise)
                comps_after[n] = before["components"] - (1 if len(part) == 1 else 0)
            pairs_lost[n] = _pairs(len(part)) - pairs_after
            se_lost[n] = schools * enterprises - se_after
    total = before["reachable_pairs"]
    table = per_organisation(graph, {
        "reachable_pairs_lost": pairs_lost,
        "reachable_pairs_kept": {n: _share(total - lost, total) for n, lost in pairs_lost.items()},
        "components_after": comps_after,
        "school_enterprise_pairs_lost": se_lost,
        "ties_lost": dict(graph.degree()),
        "partnerships_lost": dict(graph.degree(weight="weight")),
    })
    for column in ("reachable_pairs_lost", "components_after", "school_enterprise_pairs_lost", "ties_lost",
                   "partnerships_lost"):
        table[column] = table[column].astype("int64")
    table = table.reset_index().sort_values(["reachable_pairs_lost", "id"], ascending=[False, True], kind="stable")
    table = table.set_index("id")
    table.insert(0, "rank", table["reachable_pairs_lost"].rank(method="min", ascending=False).astype("int64"))
    return table


def remove_group(graph: nx.Graph, attr: str, value: Any) -> list[Any]:
    """The ids of the organisations whose node attribute ``attr`` equals ``value`` (sorted).

    ``value`` may be a list, tuple or set of values to match any of them. Raises
    ``ValueError`` when no node carries ``attr`` at all (a misspelt attribute would
    otherwise remove nobody silently); an empty list when the attribute exists but no
    node has the value. For example ``departure(g, remove_group(g, "lead_role",
    "lead_enterprise"))`` removes every lead enterprise.

    >>> g = nx.Graph()
    >>> g.add_nodes_from([("b", {"sector": "school"}), ("a", {"sector": "school"}), ("c", {"sector": "enterprise"})])
    >>> remove_group(g, "sector", "school"), remove_group(g, "sector", ["school", "enterprise"])
    (['a', 'b'], ['a', 'b', 'c'])
    """
    if not any(attr in d for _, d in graph.nodes(data=True)):
        raise ValueError(f"no organisation has the attribute {attr!r}")
    wanted = set(value) if isinstance(value, (list, tuple, set, frozenset)) else {value}
    return sorted(n for n, d in graph.nodes(data=True) if attr in d and d[attr] in wanted)


def compare_departures(graph: nx.Graph, scenarios: Mapping[str, Iterable[Hashable]], **kwargs: Any) -> pd.DataFrame:
    """:func:`departure` for several named scenarios, one row each, in the order given.

    ``scenarios`` maps a name (e.g. ``"all lead enterprises"``) to the ids that leave; an
    empty scenario is kept as a row that changes nothing, so a missing group shows as such.

    >>> g = nx.path_graph(["a", "b", "c"])
    >>> compare_departures(g, {"centre": ["b"], "nobody": []})["reachable_pairs_after"].tolist()
    [0, 3]
    """
    rows = [departure(graph, list(ids), **kwargs).assign(scenario=name) for name, ids in scenarios.items()]
    if not rows:
        return pd.DataFrame()
    return pd.concat(rows, ignore_index=True).set_index("scenario")
