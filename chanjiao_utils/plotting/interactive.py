"""The network map as an ipysigma widget for JupyterLab."""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..figure_text import Lang
from ..graph import plain_graph
from .labels import display_name
from .network import layout
from .theme import OTHER_COLOUR, SECTOR_COLOURS


def interactive_map(graph: nx.Graph, *, lang: Lang = "zh", seed: int = 7, height: int = 520) -> Any:
    """The network map as an ipysigma widget for JupyterLab: zoom, search, hover for every attribute.

    Nodes keep the sector colours of the printed map and the same seeded positions (:func:`layout`),
    sized by number of partners and labelled with :func:`display_name` (English when ``lang="en"``);
    attested ties dark, synthetic ties light. The layout does not run in the browser, so the view is
    the same every time. The widget renders offline from the state saved in the notebook (DESIGN §7);
    static HTML pages show no widget.
    """
    from ipysigma import Sigma  # imported here: only notebooks that show the widget need it

    clean = plain_graph(graph)
    for node in clean.nodes:
        clean.nodes[node]["label"] = display_name(graph.nodes[node], "en" if lang == "en" else "zh")
    pos = layout(graph, seed=seed)
    return Sigma(
        clean, height=height, start_layout=False,
        layout={n: {"x": round(x * 1000, 3), "y": round(-y * 1000, 3)} for n, (x, y) in pos.items()},
        node_color="sector", node_color_palette=SECTOR_COLOURS, default_node_color=OTHER_COLOUR,
        node_size=dict(graph.degree()), node_label="label",
        edge_color="provenance", edge_color_palette={"attested": "#222222", "synthetic": "#BBBBBB"},
        default_edge_size=1,
    )
