"""The network map drawn: nodes by sector, ties by provenance, labels clear of nodes and of each other, a key for
node size. Positions come from :mod:`.positions`, label places from :mod:`.placement`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib
import matplotlib.axes
import matplotlib.lines
import matplotlib.pyplot as plt
import matplotlib.transforms
import networkx as nx
from matplotlib.figure import Figure

from ..figure_text import FigureText, Lang
from .placement import place_labels
from .positions import _figure_size, _label_setup, layout, map_labels, map_positions
from .theme import (
    OTHER_COLOUR,
    SECTOR_COLOURS,
    SECTOR_MARKERS,
    SECTOR_ORDER,
    Words,
    annotate,
    sector_handles,
    words,
)


def draw_network(
    graph: nx.Graph,
    ax: matplotlib.axes.Axes,
    *,
    labels: Mapping[str, str] | None = None,
    size: Mapping[str, float] | None = None,
    seed: int = 7,
    pos: Mapping[str, tuple[float, float]] | None = None,
) -> dict[str, tuple[float, float]]:
    """Draw an organisation graph: sector colours and markers, attested ties solid, synthetic ties dashed.

    ``labels`` maps node ids to the text shown (others unlabelled; a long English name takes two
    lines, a Chinese one only when very long), placed clear of every node and of each other by
    :func:`place_labels`; ``size`` maps node ids to a value scaled to marker area (20 + 180 × value /
    largest, in points²). The layout (:func:`layout`, the bottom row spaced for the labels) is seeded, so the
    same graph is drawn the same way every time; ``pos`` gives positions instead (:func:`map_positions`).
    Returns the positions used.
    """
    fig_width = ax.figure.get_figwidth()
    fontsize, labels, widths = _label_setup(labels or {}, fig_width, ax.get_position().width * fig_width)
    pos = dict(pos) if pos is not None else layout(graph, seed=seed, label_width=widths)
    values = {n: float((size or {}).get(n, 1.0)) for n in graph.nodes}
    top = max(values.values(), default=1.0) or 1.0
    for provenance, props in (("synthetic", {"width": 0.5, "edge_color": "#9A9A9A", "alpha": 0.6, "style": "dashed"}),
                              ("attested", {"width": 1.8, "edge_color": "#222222"})):
        edges = [e for e in graph.edges if graph.edges[e].get("provenance") == provenance]
        nx.draw_networkx_edges(graph, pos, ax=ax, edgelist=edges, **props)
    for sector in (*SECTOR_ORDER, None):
        nodes = sorted(n for n in graph.nodes if (graph.nodes[n].get("sector") if graph.nodes[n].get("sector") in SECTOR_ORDER else None) == sector)
        if not nodes:
            continue
        nx.draw_networkx_nodes(
            graph, pos, ax=ax, nodelist=nodes, node_size=[20 + 180 * values[n] / top for n in nodes],
            node_color=SECTOR_COLOURS.get(sector or "", OTHER_COLOUR), node_shape=SECTOR_MARKERS.get(sector or "", "o"),
            edgecolors="#333333", linewidths=0.4,
        )
    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(-0.1, 1.05)
    ax.set_axis_off()
    areas = {n: 20 + 180 * values[n] / top for n in graph.nodes}
    order = sorted(labels, key=lambda n: (pos[n][1] != 0.0, -values[n], n))  # the bottom row first, then by size
    place_labels(ax, {n: labels[n] for n in order}, pos, node_discs(graph, pos, areas), fontsize=fontsize)
    return pos


#: How far the farthest point of a marker reaches, as a share of ``sqrt(area)`` (its nominal size in points):
#: a circle 0.5, a square or a diamond (a square on its corner) half its diagonal, a triangle its apex.
MARKER_REACH = {"o": 0.5, "s": 0.71, "D": 0.71, "^": 0.56, "v": 0.56}


def node_discs(graph: nx.Graph, pos: Mapping[str, tuple[float, float]],
               areas: Mapping[str, float]) -> dict[str, tuple[float, float, float]]:
    """Each node's disc as drawn: centre in data coordinates and the radius (in points) of the circle round its
    marker (:data:`MARKER_REACH`) and its edge line."""
    discs = {}
    for n in graph.nodes:
        sector = graph.nodes[n].get("sector")
        marker = SECTOR_MARKERS.get(sector, "o") if sector in SECTOR_ORDER else "o"
        discs[n] = (pos[n][0], pos[n][1], MARKER_REACH.get(marker, 0.71) * areas[n] ** 0.5 + 0.4)
    return discs


def _nice_floor(value: float) -> float:
    """The largest 1, 2 or 5 × a power of ten that is at most ``value`` (> 0).

    >>> [_nice_floor(v) for v in (27, 9.5, 1, 0.3, 1234)]
    [20, 5, 1, 0.2, 1000]
    """
    import math

    power = 10 ** math.floor(math.log10(value))
    return max(m * power for m in (1, 2, 5, 10) if m * power <= value * (1 + 1e-9))


def size_samples(values: Sequence[float]) -> list[float]:
    """Two or three round values spanning ``values`` for a node-size key: the smallest positive, a middle one,
    the largest (each rounded down to 1, 2 or 5 × a power of ten).

    >>> size_samples([1, 3, 4, 27]), size_samples([0, 2, 900]), size_samples([3, 3])
    ([1, 10, 20], [2, 200, 500], [3])
    """
    positive = [float(v) for v in values if v > 0]
    if len(set(positive)) < 2:
        return sorted(set(int(v) if v.is_integer() else v for v in positive))
    low, high = _nice_floor(min(positive)), _nice_floor(max(positive))
    middle = _nice_floor((low + high) / 2)
    out = sorted({low, middle, high})
    return [int(v) if float(v).is_integer() else v for v in out]


def network_map(
    graph: nx.Graph,
    text: FigureText,
    sector_names: Mapping[str, str],
    *,
    size: Mapping[str, float] | None = None,
    size_label: Words | None = None,
    label_top: int = 5,
    width: str = "page",
    seed: int = 7,
    lang: Lang = "both",
) -> Figure:
    """The network map: sectors coloured, node size by ``size`` (degree by default), ties dashed when synthetic.

    Labelled: every organisation with a lead role, and the ``label_top`` others with the
    largest ``size`` (ties broken by id); names in English when ``lang="en"`` and the data has them
    (:func:`map_labels`). Positions: :func:`map_positions`.
    No label covers a node or another label (:func:`place_labels`). The key above the map gives the
    sectors and, on a second line, what node size means (``size_label``; by default the number of
    partners when ``size`` is not given, "node size" otherwise) with two or three sample sizes.
    """
    default = size is None
    size = dict(size) if size is not None else dict(graph.degree())
    labels = map_labels(graph, size=size, label_top=label_top, lang=lang)
    pos = map_positions(graph, labels=labels, width=width, seed=seed)
    fig, ax = plt.subplots(figsize=_figure_size(width))
    draw_network(graph, ax, labels=labels, size=size, pos=pos)
    if size_label is None:
        size_label = ("合作单位数", "partners") if default else ("节点大小", "node size")
    values = [float(size.get(n, 1.0)) for n in graph.nodes]
    top = max(values, default=1.0) or 1.0
    keys = [matplotlib.lines.Line2D([], [], linestyle="", marker="o", markersize=(20 + 180 * v / top) ** 0.5,
                                    markerfacecolor="#DDDDDD", markeredgecolor="#333333", markeredgewidth=0.4,
                                    label=f"{v:g}")
            for v in size_samples(values)]
    # the size key at the upper right, the sectors at the upper left; stacked when they would meet (column width)
    common = {"frameon": False, "fontsize": 7, "handletextpad": 0.3, "borderaxespad": 0.2}
    size_key = None
    if keys:  # no key when every size is 0 (nothing to read off the sizes)
        size_key = ax.legend(handles=keys, title=words(size_label, lang), title_fontsize=7, loc="lower right",
                             bbox_to_anchor=(1.0, 1.0), ncol=len(keys), columnspacing=0.8, handlelength=1.8, **common)
        ax.add_artist(size_key)
    sector_key = ax.legend(handles=sector_handles(sector_names), loc="lower left", bbox_to_anchor=(0.0, 1.0),
                           ncol=len(sector_names), columnspacing=0.8, handlelength=1.0, **common)
    renderer = fig.canvas.get_renderer()
    a = sector_key.get_window_extent(renderer)
    b = size_key.get_window_extent(renderer) if size_key is not None else None
    if b is not None and a.x1 + 6 * fig.dpi / 72 > b.x0:
        lift = matplotlib.transforms.ScaledTranslation(0, b.height / fig.dpi, fig.dpi_scale_trans)
        sector_key.set_bbox_to_anchor((0.0, 1.0), transform=ax.transAxes + lift)
    annotate(fig, text)
    return fig
