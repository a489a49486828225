"""The network map as an ipysigma widget for JupyterLab."""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..figure_text import Lang
from ..graph import plain_graph
from .labels import display_name
from .network import map_positions
from .theme import OTHER_COLOUR, SECTOR_COLOURS


#: The widget's legend and hover words, by language: what a node's colour, size and a tie's shade mean.
WIDGET_WORDS = {
    "zh": {"sector": "所属方", "size": "合作单位数", "tie": "数据性质", "attested": "有来源", "synthetic": "合成"},
    "en": {"sector": "Sector", "size": "Partners", "tie": "Provenance", "attested": "attested",
           "synthetic": "synthetic"},
}


def _notice(graph: nx.Graph, lang: Lang) -> str:
    """The synthetic notice of the printed map, counted from the graph's own rows ('' when none is synthetic)."""
    nodes = [a.get("provenance") for _, a in graph.nodes(data=True)]
    ties = [a.get("provenance") for _, _, a in graph.edges(data=True)]
    n, m = nodes.count("synthetic"), ties.count("synthetic")
    if not n and not m:
        return ""
    if lang == "en":
        return f"Illustrative: {n} of {len(nodes)} members and {m} of {len(ties)} ties are synthetic"
    return f"示意数据：{len(nodes)}家成员单位中{n}家、{len(ties)}对合作关系中{m}对为合成数据"


def interactive_map(graph: nx.Graph, *, lang: Lang = "zh", seed: int = 7, height: int = 520, label_top: int = 3,
                    width: str = "page") -> Any:
    """The network map as an ipysigma widget for JupyterLab: zoom, search, hover for every attribute.

    Nodes keep the sector colours of the printed map and its positions: :func:`map_positions` with the same
    ``label_top``, ``width``, ``lang`` and ``seed`` as :func:`network_map` (the defaults are notebook 07's), the
    row of small pieces included. Sized by number of partners and labelled with :func:`display_name`; attested
    ties dark, synthetic ties light. The legend and hover words follow ``lang`` (:data:`WIDGET_WORDS`), and the
    synthetic notice stands above the map as on the printed one. The layout does not run in the browser, so
    the view is the same every time. The widget renders offline from the state saved in the notebook (DESIGN
    §7); static HTML pages show its printed figure and link the standalone map (:func:`map_page`) instead.
    """
    from ipysigma import Sigma  # imported here: only notebooks that show the widget need it
    from ipywidgets import HTML, VBox

    from ..figure_text import column_label

    one = "en" if lang == "en" else "zh"
    words = WIDGET_WORDS[one]
    clean = plain_graph(graph)
    sector_name = {code: column_label(code, lang=one) for code in SECTOR_COLOURS}
    for node, attrs in graph.nodes(data=True):
        clean.nodes[node]["label"] = display_name(attrs, one)
        clean.nodes[node][words["sector"]] = sector_name.get(attrs.get("sector"), str(attrs.get("sector", "")))
        clean.nodes[node][words["size"]] = graph.degree(node)
    for u, v, attrs in graph.edges(data=True):
        clean.edges[u, v][words["tie"]] = words.get(str(attrs.get("provenance")), str(attrs.get("provenance")))
    pos = map_positions(graph, label_top=label_top, lang=one, width=width, seed=seed)
    sigma = Sigma(
        clean, height=height, start_layout=False,
        # sigma's y axis points down, matplotlib's up: turned over so the view is the printed map's
        layout={n: {"x": round(x * 1000, 3), "y": round(-y * 1000, 3)} for n, (x, y) in pos.items()},
        node_color=words["sector"], default_node_color=OTHER_COLOUR,
        node_color_palette={sector_name[c]: colour for c, colour in SECTOR_COLOURS.items()},
        node_size=words["size"], node_label="label",
        edge_color=words["tie"], edge_color_palette={words["attested"]: "#222222", words["synthetic"]: "#BBBBBB"},
        default_edge_size=1,
        # ipysigma's default is list() of a set, whose order changes with the kernel's hash seed; given in
        # order, the saved widget state is the same run after run
        sync_targets=("layout", "camera", "selection", "hover"),
    )
    notice = _notice(graph, one)
    if not notice:
        return sigma
    return VBox([HTML(f'<p style="color:#C0392B;margin:0 0 4px 0">{notice}</p>'), sigma])
