"""Graphs for network tools: GEXF (Gephi), GraphML (Gephi, Cytoscape, graphology) and node-link JSON (the web).

:func:`save_graph` writes a graph whose attributes every writer accepts (:func:`graph_for_export`) and, by
default, the printed map's look (:func:`graph_for_tools`, :func:`map_look`): sector colours, positions and
node sizes, so Gephi opens the map rather than grey dots in a heap. Files are written atomically, are
byte-identical for the same graph and start with a signature (:data:`GRAPH_SIGNATURES`) by which a later run
knows it may replace them. :func:`read_graph` reads them back for a round trip. Re-exported by
:mod:`chanjiao_utils.export`.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from . import files

if TYPE_CHECKING:
    import networkx as nx

GRAPH_FORMATS = ("gexf", "graphml", "json")


def graph_for_export(graph: "nx.Graph", *, label: str = "name_zh") -> "nx.Graph":
    """A copy of ``graph`` whose attributes every writer accepts, with ``label`` set for Gephi.

    Missing values (None, NaN, NA) are left out, as GraphML and GEXF allow; tuples and
    lists become ``;``-joined strings (``areas`` (2, 5) → ``"2;5"``); dates become
    ``YYYY-MM-DD``; numpy scalars become Python ones. Graph-level attributes too.

    >>> import networkx as nx
    >>> g = nx.Graph(); g.add_edge("A01", "A02", areas=(2, 5), since=None)
    >>> g.nodes["A01"]["name_zh"] = "中山中专"
    >>> h = graph_for_export(g)
    >>> h.edges["A01", "A02"], h.nodes["A01"]["label"], h.nodes["A02"]["label"]
    ({'areas': '2;5'}, '中山中专', 'A02')
    """
    from .graph import plain_graph

    out = plain_graph(graph)
    for node, attrs in graph.nodes(data=True):
        out.nodes[node]["label"] = str(attrs.get(label) or node)
    return out


#: Positions are the printed map's (unit square) times this: Gephi's and sigma's coordinates are in pixels.
MAP_SCALE = 1000.0


def map_look(graph: "nx.Graph", *, seed: int = 7, size: Mapping[Any, float] | None = None) -> dict[Any, dict[str, Any]]:
    """How the printed network map shows each node: ``x``, ``y`` (its seeded positions, from
    :func:`chanjiao_utils.plotting.map_positions` as notebook 07's map places them, bottom row included, times
    :data:`MAP_SCALE`, y upwards), ``size`` (the marker's
    width in points: the map draws an area of 20 + 180 × size / largest size, sized by degree unless
    ``size`` says otherwise) and ``color`` (the sector's colour, :data:`~chanjiao_utils.plotting.SECTOR_COLOURS`;
    nodes without a sector, e.g. areas, in ``OTHER_COLOUR``). Rounded, so the same graph gives the same numbers.

    >>> import networkx as nx
    >>> g = nx.Graph(); g.add_node("A", sector="school"); g.add_edge("A", "B")
    >>> map_look(g)["A"]["color"], map_look(g)["B"]["color"], map_look(g)["A"]["size"]
    ('#CC3311', '#BBBBBB', 14.142)
    """
    import math

    from . import plotting

    pos = plotting.map_positions(graph, seed=seed, size=size, label_top=3)  # label_top as notebook 07's map
    values = {n: float((size if size is not None else dict(graph.degree())).get(n, 1.0)) for n in graph.nodes}
    top = max(values.values(), default=1.0) or 1.0
    look = {}
    for node, attrs in graph.nodes(data=True):
        sector = attrs.get("sector")
        colour = plotting.SECTOR_COLOURS.get(sector, plotting.OTHER_COLOUR) if isinstance(sector, str) else \
            plotting.OTHER_COLOUR
        x, y = pos.get(node, (0.0, 0.0))
        look[node] = {"x": round(x * MAP_SCALE, 3), "y": round(y * MAP_SCALE, 3),
                      "size": round(math.sqrt(20 + 180 * values[node] / top), 3), "color": colour.upper()}
    return look


def _rgb(colour: str) -> dict[str, int]:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16)}


def graph_for_tools(graph: "nx.Graph", fmt: str = "graphml", *, look: bool = True) -> "nx.Graph":
    """What :func:`save_graph` writes: :func:`graph_for_export`, and with ``look`` the printed map's
    positions, sizes and colours (:func:`map_look`): as GEXF ``viz`` (position, size, colour) for ``gexf``,
    as plain ``x``, ``y``, ``size``, ``color`` (``#RRGGBB``) and ``r``, ``g``, ``b`` (0–255) attributes for GraphML
    and JSON (what Gephi's GraphML importer and graphology read). Existing attributes of those names are replaced.
    """
    clean = graph_for_export(graph)
    if not look or clean.number_of_nodes() == 0:
        return clean
    for node, shown in map_look(graph).items():
        if fmt == "gexf":
            clean.nodes[node]["viz"] = {"color": {**_rgb(shown["color"]), "a": 1.0},
                                        "position": {"x": shown["x"], "y": shown["y"], "z": 0.0},
                                        "size": shown["size"]}
        else:
            clean.nodes[node].update(shown, **_rgb(shown["color"]))  # r, g, b too: Gephi's GraphML importer reads them
    return clean


#: Characters XML 1.0 cannot carry (GEXF and GraphML are XML): C0 controls but tab, newline and carriage
#: return; U+FFFE, U+FFFF; lone surrogates.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

#: What each graph file starts with when chanjiao wrote it, so a later run may replace it (and nothing else).
GRAPH_SIGNATURES = {
    "gexf": b"<?xml version='1.0' encoding='utf-8'?>\n<!-- written by chanjiao -->",
    "graphml": b"<?xml version='1.0' encoding='utf-8'?>\n<!-- written by chanjiao -->",
    "json": b'{\n "creator": "chanjiao",',
}


def _xml_problems(graph: "nx.Graph") -> list[str]:
    """Where a graph holds text XML cannot carry: ``node A01, name_zh: '示例\\x01'``, for each place."""
    found = []
    items = [("graph", None, graph.graph)] + [("node", n, a) for n, a in graph.nodes(data=True)] + \
        [("tie", (u, v), a) for u, v, a in graph.edges(data=True)]
    for what, key, attrs in items:
        if key is not None and XML_ILLEGAL.search(str(key)):
            found.append(f"{what} {key!r}: its id")
        for name, value in attrs.items():
            for text in (str(name), value if isinstance(value, str) else ""):
                if XML_ILLEGAL.search(text):
                    found.append(f"{what} {key if key is not None else ''}, {name}: {value!r}".replace("  ", " "))
                    break
    return found


def _graph_bytes(graph: "nx.Graph", fmt: str, look: bool = True) -> bytes:
    import json

    import networkx as nx
    from networkx.readwrite.gexf import GEXFWriter

    if fmt not in GRAPH_FORMATS:
        raise ValueError(f"unknown graph format {fmt!r}: expected one of {', '.join(GRAPH_FORMATS)}")
    clean = graph_for_tools(graph, fmt, look=look)
    if fmt in ("gexf", "graphml"):
        bad = _xml_problems(clean)
        if bad:
            raise files.OutputError(
                f"cannot write {fmt.upper()}: {len(bad)} value(s) hold characters XML cannot carry (control "
                "characters U+0000–U+001F other than tab and newline, U+FFFE, U+FFFF): " + "; ".join(bad[:5])
                + ". Mend them in the data (`chanjiao validate` lists them) or write JSON (nothing was written).")
    if fmt == "graphml":
        buf = io.BytesIO()
        nx.write_graphml(clean, buf, encoding="utf-8", prettyprint=True)
        data = buf.getvalue()
    elif fmt == "gexf":
        writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
        meta = writer.xml.find("meta")
        if meta is not None:
            meta.attrib.pop("lastmodifieddate", None)  # a date would change the bytes every day
        writer.add_graph(clean)
        buf = io.BytesIO()
        writer.write(buf)
        data = buf.getvalue()
    else:
        content = {"creator": "chanjiao", **nx.node_link_data(clean, edges="edges")}
        return (json.dumps(content, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
    declaration, _, rest = data.partition(b"\n")
    return declaration + b"\n<!-- written by chanjiao -->\n" + rest


def save_graph(graph: "nx.Graph", path: str | os.PathLike[str], fmt: str | None = None, *, look: bool = True) -> Path:
    """Write a graph for Gephi, Cytoscape or the web: GEXF, GraphML or node-link JSON (UTF-8, Chinese kept).

    ``fmt`` defaults to the file's suffix. With ``look`` (default) the nodes carry the printed map's positions,
    sizes and sector colours (:func:`graph_for_tools`), so Gephi opens the map, not grey dots in a heap.
    Attributes are made safe by :func:`graph_for_export`;
    the file is written atomically and is byte-identical for the same graph. An existing file is replaced
    only when chanjiao wrote it (its first bytes say so, :data:`GRAPH_SIGNATURES`); text XML cannot carry
    is refused for GEXF and GraphML (:class:`~chanjiao_utils.files.OutputError`), never written malformed.
    """
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    content = _graph_bytes(graph, fmt, look)
    files.check_file_target(path, ours=files.starts_with(GRAPH_SIGNATURES[fmt]), what="network file")
    return files.atomic_write(path, content)


def read_graph(path: str | os.PathLike[str], fmt: str | None = None) -> "nx.Graph":
    """Read a graph written by :func:`save_graph` (for checking a round trip).

    Every format gives back the nodes, edges and attributes of :func:`graph_for_tools` as GraphML has them:
    a GEXF node's ``viz`` becomes plain ``x``, ``y``, ``size`` and ``color``; the readers' own bookkeeping
    (GEXF edge ids and mode, GraphML defaults) is dropped. GEXF keeps only the graph's ``name`` among
    graph-level attributes.
    """
    import json

    import networkx as nx

    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt == "graphml":
        g = nx.read_graphml(path)
    elif fmt == "gexf":
        g = nx.read_gexf(path, relabel=False)
        for _, _, attrs in g.edges(data=True):
            attrs.pop("id", None)
        for _, attrs in g.nodes(data=True):
            viz = attrs.pop("viz", None)
            if viz:
                colour = viz["color"]
                attrs.update(x=viz["position"]["x"], y=viz["position"]["y"], size=viz["size"],
                             color="#{:02X}{:02X}{:02X}".format(colour["r"], colour["g"], colour["b"]),
                             r=colour["r"], g=colour["g"], b=colour["b"])
        g.graph.pop("mode", None)
    elif fmt == "json":
        g = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")
    else:
        raise ValueError(f"unknown graph format {fmt!r}: expected one of {', '.join(GRAPH_FORMATS)}")
    for key in ("node_default", "edge_default"):
        g.graph.pop(key, None)
    return g
