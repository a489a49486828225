"""The network map: a seeded layout, nodes by sector, ties by provenance, labels kept apart."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib
import matplotlib.axes
import matplotlib.pyplot as plt
import matplotlib.text
import networkx as nx
from matplotlib.figure import Figure

from ..figure_text import FigureText, Lang
from .labels import display_name
from .theme import OTHER_COLOUR, SECTOR_COLOURS, SECTOR_MARKERS, SECTOR_ORDER, WIDTH, _label_width_points, _two_lines, annotate, sector_handles


def _compress_radially(pos: Mapping[Any, Any], power: float = 0.55) -> dict[Any, tuple[float, float]]:
    """Pull far-flung nodes in and spread the dense core: distance d from the centroid becomes d ** ``power``.

    A spring layout puts long chains of weakly tied organisations far out, which squeezes the core
    (where the labels are) into the middle of the map; this keeps every node's direction.

    >>> out = _compress_radially({"a": (0.0, 0.0), "b": (4.0, 0.0), "c": (-4.0, 0.0)})
    >>> [round(out[n][0], 2) for n in "abc"]  # 4 ** 0.55 = 2.14
    [0.0, 2.14, -2.14]
    """
    import math

    if len(pos) < 3:
        return {n: (float(x), float(y)) for n, (x, y) in pos.items()}
    cx = sum(float(x) for x, _ in pos.values()) / len(pos)
    cy = sum(float(y) for _, y in pos.values()) / len(pos)
    out = {}
    for n, (x, y) in pos.items():
        dx, dy = float(x) - cx, float(y) - cy
        d = math.hypot(dx, dy)
        scale = d ** power / d if d > 0 else 0.0
        out[n] = (dx * scale, dy * scale)
    return out


def _row_positions(row: Sequence[str], label_width: Mapping[str, float], step: float) -> list[float]:
    """Places along the bottom row (0 to 1) so that no two labels on the same side overlap.

    Labels alternate above and below the row, in row order; ``label_width`` gives a labelled
    node's label width and ``step`` the least distance between two nodes, both as fractions
    of the row. Nodes go left to right, each as far left as its step and the labels already
    placed on its side allow; a row shorter than 1 is then spread out (labels keep their
    distance), a longer one is squeezed in (and :func:`repel_labels` moves what then overlaps).

    >>> [round(x, 3) for x in _row_positions(["a", "b", "c"], {"a": 0.4, "c": 0.4}, 0.1)]  # a above, c below
    [0.333, 0.5, 0.667]
    >>> [round(x, 3) for x in _row_positions(["a", "b", "c", "d"], {"a": 0.3, "b": 0.3, "c": 0.3}, 0.05)]
    [0.24, 0.32, 0.76, 0.84]
    """
    gap = step / 2
    edge = [-gap, -gap]  # right edge of the last label above, below
    xs: list[float] = []
    labelled = 0
    for n in row:
        x = xs[-1] + step if xs else step / 2
        width = label_width.get(n)
        if width:
            side = labelled % 2
            labelled += 1
            x = max(x, edge[side] + gap + width / 2)
            edge[side] = x + width / 2
        xs.append(x)
    if not xs:
        return xs
    end = max(xs[-1] + step / 2, *edge)
    return [round(x / end, 12) for x in xs]


def layout(
    graph: nx.Graph, seed: int = 7, label_width: Mapping[str, float] | None = None
) -> dict[str, tuple[float, float]]:
    """Seeded positions: the largest component by spring layout in the upper part of a unit square,
    every other component (small groups, isolates) in a row along the bottom, largest first.

    Separating the pieces keeps isolates from being flung to the margins and keeps labels readable.
    ``label_width`` gives the width of a node's label as a fraction of the map's width; the
    bottom row leaves room for them (:func:`_row_positions`).
    """
    from ..measures.structure import components

    parts = components(graph)
    pos: dict[str, tuple[float, float]] = {}
    if not parts:
        return pos
    main = graph.subgraph(parts[0])
    raw = nx.spring_layout(main, seed=seed, weight="weight", k=1.8 / max(1, len(parts[0])) ** 0.5)
    raw = _compress_radially(raw)
    xs, ys = zip(*raw.values()) if raw else ((0.0,), (0.0,))
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    bottom = 0.22 if len(parts) > 1 else 0.0
    for n, (x, y) in raw.items():
        pos[n] = (float((x - min(xs)) / span_x), float(bottom + (1 - bottom) * (y - min(ys)) / span_y))
    row = [n for part in parts[1:] for n in part]
    for n, x in zip(row, _row_positions(row, label_width or {}, step=min(0.04, 1.0 / max(1, len(row))))):
        pos[n] = (x, 0.0)
    return pos


def draw_network(
    graph: nx.Graph,
    ax: matplotlib.axes.Axes,
    *,
    labels: Mapping[str, str] | None = None,
    size: Mapping[str, float] | None = None,
    seed: int = 7,
) -> dict[str, tuple[float, float]]:
    """Draw an organisation graph: sector colours and markers, attested ties solid, synthetic ties dashed.

    ``labels`` maps node ids to the text shown (others unlabelled; a label wider than a fifth
    of the map takes two lines); ``size`` maps node
    ids to a value scaled to marker area. The layout (:func:`layout`) is seeded, so the
    same graph is drawn the same way every time. Returns the positions used.
    """
    fontsize = 7
    row_points = ax.get_position().width * ax.figure.get_figwidth() * 72 / 1.1  # the row spans 1 of xlim's 1.1
    labels = {n: _two_lines(t) if _label_width_points(t, fontsize) > 0.22 * row_points else t
              for n, t in (labels or {}).items()}  # a long name takes two lines
    pad = 2 * 0.15 * fontsize + 6  # the label box's padding, and some air
    pos = layout(graph, seed=seed,
                 label_width={n: (_label_width_points(t, fontsize) + pad) / row_points for n, t in labels.items()})
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
    in_row = sorted((n for n in labels if pos[n][1] == 0.0), key=lambda n: pos[n][0])
    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(-0.1, 1.05)
    ax.set_axis_off()
    placed = []
    for n, text in sorted(labels.items()):
        x, y = pos[n]
        below = n in in_row and in_row.index(n) % 2 == 1  # alternate above/below along the bottom row
        placed.append(ax.annotate(
            text, (x, y), xytext=(0, -7 if below else 7), textcoords="offset points",
            ha="center", va="top" if below else "bottom", fontsize=fontsize, annotation_clip=False,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.75},
            arrowprops={"arrowstyle": "-", "linewidth": 0.4, "color": "#555555", "shrinkA": 0, "shrinkB": 2}))
    repel_labels(ax, placed)
    return pos


def _overlap(a: Any, b: Any, pad: float) -> tuple[float, float]:
    """How far two display boxes overlap along x and y (<= 0 when they do not)."""
    return (min(a.x1, b.x1) - max(a.x0, b.x0) + pad, min(a.y1, b.y1) - max(a.y0, b.y0) + pad)


def repel_labels(ax: matplotlib.axes.Axes, annotations: Sequence[Any], *, steps: int = 60, pad: float = 4.0) -> int:
    """Move overlapping labels (annotations in offset points) apart, deterministically; return the moves made.

    Each step finds every overlapping pair and pushes the two apart along the axis where they
    overlap less (vertically on a tie), half the overlap each, the upper (or right) one up (or
    right). A label pushed more than a few points from its node keeps its leader line (if the
    annotation has one); the others hide it.
    """
    if len(annotations) < 2:
        return 0
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    to_points = 72 / fig.dpi
    moves = 0
    for _ in range(steps):
        boxes = []
        for a in annotations:  # the text alone (an annotation's own extent includes its leader line)
            a.update_positions(renderer)
            boxes.append(matplotlib.text.Text.get_window_extent(a, renderer))
        shift = [[0.0, 0.0] for _ in annotations]
        for i in range(len(annotations)):
            for j in range(i + 1, len(annotations)):
                dx, dy = _overlap(boxes[i], boxes[j], pad)
                if dx <= 0 or dy <= 0:
                    continue
                ci = ((boxes[i].x0 + boxes[i].x1) / 2, (boxes[i].y0 + boxes[i].y1) / 2)
                cj = ((boxes[j].x0 + boxes[j].x1) / 2, (boxes[j].y0 + boxes[j].y1) / 2)
                if dy <= dx:
                    sign = 1.0 if (ci[1], -i) >= (cj[1], -j) else -1.0
                    shift[i][1] += sign * dy / 2
                    shift[j][1] -= sign * dy / 2
                else:
                    sign = 1.0 if (ci[0], -i) >= (cj[0], -j) else -1.0
                    shift[i][0] += sign * dx / 2
                    shift[j][0] -= sign * dx / 2
        if not any(x or y for x, y in shift):
            break
        for a, (sx, sy) in zip(annotations, shift):
            if sx or sy:
                ox, oy = a.xyann
                a.xyann = (ox + sx * to_points, oy + sy * to_points)
                moves += 1
    for a in annotations:
        ox, oy = a.xyann
        if a.arrow_patch is not None:
            a.arrow_patch.set_visible(abs(ox) > 4 or abs(oy) > 12)
    return moves


def network_map(
    graph: nx.Graph,
    text: FigureText,
    sector_names: Mapping[str, str],
    *,
    size: Mapping[str, float] | None = None,
    label_top: int = 5,
    width: str = "page",
    seed: int = 7,
    lang: Lang = "both",
) -> Figure:
    """The network map: sectors coloured, node size by ``size`` (degree by default), ties dashed when synthetic.

    Labelled: every organisation with a lead role, and the ``label_top`` others with the
    largest ``size`` (ties broken by id); names in English when ``lang="en"`` and the data has them.
    Overlapping labels are moved apart (:func:`repel_labels`).
    """
    size = dict(size) if size is not None else dict(graph.degree())
    lead = [n for n in sorted(graph.nodes) if graph.nodes[n].get("lead_role") not in (None, "none")]
    others = sorted((n for n in graph.nodes if n not in lead), key=lambda n: (-size.get(n, 0), n))[:label_top]
    labels = {n: display_name(graph.nodes[n], "en" if lang == "en" else "zh") for n in lead + others}
    fig, ax = plt.subplots(figsize=(WIDTH[width], WIDTH[width] * 0.8))
    draw_network(graph, ax, labels=labels, size=size, seed=seed)
    ax.legend(handles=sector_handles(sector_names), frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0),
              ncol=len(sector_names), fontsize=7, handletextpad=0.2, columnspacing=0.8)
    annotate(fig, text)
    return fig
