"""The network map: a seeded layout, nodes by sector, ties by provenance, labels clear of nodes and of each other,
a key for node size. :func:`repel_labels` (labels pushed apart from each other only) is kept for other figures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib
import matplotlib.axes
import matplotlib.lines
import matplotlib.pyplot as plt
import matplotlib.text
import matplotlib.transforms
import networkx as nx
from matplotlib.figure import Figure

from ..figure_text import FigureText, Lang
from .labels import display_name
from .theme import (
    OTHER_COLOUR,
    SECTOR_COLOURS,
    SECTOR_MARKERS,
    SECTOR_ORDER,
    WIDTH,
    Words,
    _label_width_points,
    _two_lines,
    annotate,
    sector_handles,
    style,
    words,
)


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
    """Places along the bottom row (0 to 1) so that each label can stand under its own node.

    ``label_width`` gives a labelled node's label width and ``step`` the least distance between
    two nodes, both as fractions of the row. Nodes go left to right, each as far left as its step
    and the labels already placed allow (a label is centred under its node); a row shorter than 1
    is then spread out (labels keep their distance), a longer one squeezed in.

    >>> [round(x, 3) for x in _row_positions(["a", "b", "c"], {"a": 0.4, "c": 0.4}, 0.1)]
    [0.235, 0.353, 0.765]
    >>> [round(x, 3) for x in _row_positions(["a", "b", "c", "d"], {"a": 0.3, "b": 0.3, "c": 0.3}, 0.05)]
    [0.158, 0.5, 0.842, 0.895]
    """
    gap = step / 2
    edge = -gap  # right edge of the last label
    xs: list[float] = []
    for n in row:
        x = xs[-1] + step if xs else step / 2
        width = label_width.get(n)
        if width:
            x = max(x, edge + gap + width / 2)
            edge = x + width / 2
        xs.append(x)
    if not xs:
        return xs
    end = max(xs[-1] + step / 2, edge)
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


def _label_setup(labels: Mapping[str, str], fig_width: float,
                 axes_width: float) -> tuple[float, dict[str, str], dict[str, float]]:
    """The labels' font size, their text as drawn (a long English name on two lines, a Chinese one only when very
    long) and their widths as fractions of the bottom row, for a map ``axes_width`` inches wide in a figure
    ``fig_width`` inches wide."""
    fontsize = 7 if fig_width > 4 else 6.5  # a column-wide map is crowded: a little smaller
    row_points = axes_width * 72 / 1.1  # the row spans 1 of xlim's 1.1
    shown = {n: _two_lines(t) if _label_width_points(t, fontsize) > (0.16 if " " in t else 0.4) * row_points else t
             for n, t in labels.items()}
    pad = 2 * 0.15 * fontsize + 6  # the label box's padding, and some air
    return fontsize, shown, {n: (_label_width_points(t, fontsize) + pad) / row_points for n, t in shown.items()}


def map_labels(graph: nx.Graph, *, size: Mapping[str, float] | None = None, label_top: int = 5,
               lang: Lang = "zh") -> dict[str, str]:
    """The organisations the network map labels, with their names: every one with a lead role, then the
    ``label_top`` others with the largest ``size`` (degree by default; ties broken by id); English names when
    ``lang="en"`` and the data has them (:func:`display_name`).

    >>> g = nx.Graph([("a", "b"), ("a", "c")])
    >>> for n, name in (("a", "甲"), ("b", "乙"), ("c", "丙")): g.nodes[n]["name_zh"] = name
    >>> g.nodes["c"]["lead_role"] = "lead_school"
    >>> map_labels(g, label_top=1)
    {'c': '丙', 'a': '甲'}
    """
    size = dict(size) if size is not None else dict(graph.degree())
    lead = [n for n in sorted(graph.nodes) if graph.nodes[n].get("lead_role") not in (None, "none")]
    others = sorted((n for n in graph.nodes if n not in lead), key=lambda n: (-size.get(n, 0), n))[:label_top]
    return {n: display_name(graph.nodes[n], "en" if lang == "en" else "zh") for n in lead + others}


def _figure_size(width: str) -> tuple[float, float]:
    """The network map's figure size in inches for a width of :data:`WIDTH` (taller than wide: room for labels)."""
    return WIDTH[width], WIDTH[width] * (0.8 if width != "column" else 1.1)


def map_positions(graph: nx.Graph, *, labels: Mapping[str, str] | None = None,
                  size: Mapping[str, float] | None = None, label_top: int = 5, lang: Lang = "zh",
                  width: str = "page", seed: int = 7) -> dict[str, tuple[float, float]]:
    """The positions (unit square, y upwards) of the printed map :func:`network_map` draws with these options:
    :func:`layout` with the bottom row spaced for the labels (``labels``, by default :func:`map_labels`), measured
    in the project's font at the map's width. The interactive map, the standalone map page and the network files
    take their positions from here, so they show what the printed map shows.
    """
    if labels is None:
        labels = map_labels(graph, size=size, label_top=label_top, lang=lang)
    fig_width = _figure_size(width)[0]
    axes = matplotlib.rcParams["figure.subplot.right"] - matplotlib.rcParams["figure.subplot.left"]  # as plt.subplots
    with style():
        _, _, widths = _label_setup(labels, fig_width, axes * fig_width)
    return layout(graph, seed=seed, label_width=widths)


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


def place_labels(ax: matplotlib.axes.Axes, labels: Mapping[str, str], pos: Mapping[str, tuple[float, float]],
                 discs: Mapping[str, tuple[float, float, float]], *, fontsize: float = 7, gap: float = 2.0) -> list[Any]:
    """Label nodes where no label covers a node or another label (:func:`_place_in_order`): labels that find
    no free place are moved to the front of the order and all are placed again, a few times at most.
    Returns the annotations, in the order of ``labels``."""
    order, tried = list(labels), []
    for attempt in range(5):
        annotations, blocked = _place_in_order(ax, {n: labels[n] for n in order}, pos, discs, fontsize=fontsize,
                                               gap=gap)
        tried.append((len(blocked), attempt, order))
        if not blocked or attempt == 4:
            break
        for ann in annotations.values():
            ann.remove()
        row = [n for n in order if pos[n][1] == 0.0]
        order = row + blocked + [n for n in order if n not in blocked and n not in row]
    best = min(tried)
    if best[0] < len(blocked):  # an earlier order did better: place the labels that way again
        for ann in annotations.values():
            ann.remove()
        annotations, _ = _place_in_order(ax, {n: labels[n] for n in best[2]}, pos, discs, fontsize=fontsize, gap=gap)
    return [annotations[n] for n in labels]


def _place_in_order(ax: matplotlib.axes.Axes, labels: Mapping[str, str], pos: Mapping[str, tuple[float, float]],
                    discs: Mapping[str, tuple[float, float, float]], *, fontsize: float,
                    gap: float) -> tuple[dict[str, Any], list[str]]:
    """Label nodes where no label covers a node or another label: returns the annotations.

    ``discs`` are the nodes as :func:`node_discs` gives them (every node, labelled or not). Labels are placed
    in the order given, each at the first free place around its node: just clear of it in 16 directions
    (above and below also slid to either side), then on rings farther out, with a leader line. A node on
    the bottom row (``y == 0``) is labelled under itself, its label always spanning the node's x, with a
    leader, staggered downwards when the row is crowded. Labels stay within the figure's width and below the
    top of the axes (the keys stand above it); only bottom-row labels may reach below the figure's foot. Everything
    is measured in display units with the renderer, so what is checked is what is drawn; the search is
    deterministic. A label that finds no free place takes the one that covers least (labels weigh most).
    """
    import math

    import numpy as np

    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    px = fig.dpi / 72  # pixels per point
    nodes = list(discs)
    centres = ax.transData.transform([discs[n][:2] for n in nodes])
    radii = np.array([discs[n][2] for n in nodes]) * px + gap / 2 * px
    index = {n: i for i, n in enumerate(nodes)}
    left, right, floor, ceiling = fig.bbox.x0 + px, fig.bbox.x1 - px, fig.bbox.y0 + px, ax.bbox.y1
    taken = np.empty((0, 4))
    pad = 0.15 * fontsize * px + gap * px  # the label's white box, and some air
    angles = (90, 270, 0, 180, 45, 135, 315, 225, 67.5, 112.5, 292.5, 247.5, 22.5, 157.5, 337.5, 202.5)
    directions = [(round(math.cos(math.radians(a)), 9), round(math.sin(math.radians(a)), 9)) for a in angles]
    out: dict[str, Any] = {}
    blocked = []
    for n, text in labels.items():
        ann = ax.annotate(text, pos[n], xytext=(0, 0), textcoords="offset points", ha="center", va="center",
                          fontsize=fontsize, annotation_clip=False,
                          bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
                          arrowprops={"arrowstyle": "-", "linewidth": 0.4, "color": "#555555", "shrinkA": 0,
                                      "shrinkB": discs[n][2]})
        ann.update_positions(renderer)
        extent = matplotlib.text.Text.get_window_extent(ann, renderer)
        half_w, half_h = extent.width / 2 + pad, extent.height / 2 + pad
        cx, cy = centres[index[n]]
        r = radii[index[n]]
        bottom_row = pos[n][1] == 0.0
        candidates = []  # (ring, box centre x, box centre y)
        for ring in range(1 if bottom_row else 0, 40):
            reach = r + ring * 4 * px
            if bottom_row:
                by = cy - reach - half_h
                for slide in (0.0, -0.4, 0.4, -0.8, 0.8):
                    candidates.append((ring, min(max(cx + slide * half_w, left + half_w), right - half_w), by))
                continue
            for dx, dy in directions:
                bx = cx + dx * reach + (math.copysign(half_w, dx) if dx else 0.0)
                by = cy + dy * reach + (math.copysign(half_h, dy) if dy else 0.0)
                if not dx:  # above or below: also slid to either side
                    candidates.extend((ring, bx + slide * half_w, by) for slide in (0.0, -0.6, 0.6))
                elif not dy:  # beside: also slid up or down
                    candidates.extend((ring, bx, by + slide * half_h) for slide in (0.0, -0.7, 0.7))
                else:
                    candidates.append((ring, bx, by))
        if not bottom_row:  # then anywhere on a 4-point grid, nearest first: a free gap the rays missed
            gx, gy = np.meshgrid(np.arange(left + half_w, right - half_w, 4 * px),
                                 np.arange(floor + half_h, ceiling - half_h, 4 * px))
            grid = sorted(zip(gx.ravel().tolist(), gy.ravel().tolist()),
                          key=lambda c: ((c[0] - cx) ** 2 + (c[1] - cy) ** 2, c))
            candidates.extend((99, x, y) for x, y in grid)
        cand = np.array(candidates)
        boxes = np.column_stack([cand[:, 1] - half_w, cand[:, 2] - half_h, cand[:, 1] + half_w, cand[:, 2] + half_h])
        inside = (boxes[:, 0] >= left) & (boxes[:, 2] <= right) & (boxes[:, 3] <= ceiling)
        if bottom_row:  # under its node, as far down as it must go (the words below the figure move down)
            inside &= (boxes[:, 0] <= cx) & (cx <= boxes[:, 2])
        else:
            inside &= boxes[:, 1] >= floor
        # discs each box meets: nearest point of the box to each centre
        nx_ = np.clip(centres[None, :, 0], boxes[:, 0:1], boxes[:, 2:3])
        ny_ = np.clip(centres[None, :, 1], boxes[:, 1:2], boxes[:, 3:4])
        hits = ((nx_ - centres[None, :, 0]) ** 2 + (ny_ - centres[None, :, 1]) ** 2 < radii[None, :] ** 2).sum(axis=1)
        if len(taken):
            meets = ((boxes[:, None, 0] < taken[None, :, 2]) & (taken[None, :, 0] < boxes[:, None, 2])
                     & (boxes[:, None, 1] < taken[None, :, 3]) & (taken[None, :, 1] < boxes[:, None, 3])).sum(axis=1)
            hits = hits + 100 * meets
        cost = np.where(inside, hits, 10**6)
        best = int(np.argmin(cost))  # the first of the cheapest: nearest ring, preferred direction
        ring, bx, by = candidates[best]
        taken = np.vstack([taken, boxes[best]])
        ann.xyann = ((bx - cx) / px, (by - cy) / px)
        ann.arrow_patch.set_visible(bool(ring > 0 or bottom_row))
        out[n] = ann
        if cost[best]:
            blocked.append(n)
    return out, blocked


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
