"""Where the network map puts each organisation: a seeded layout (the largest component in the upper part, the rest
in a row along the bottom, spaced for the labels), which organisations it labels, and the positions the printed
map, the interactive map, the map page and the network files share (:func:`map_positions`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib
import networkx as nx

from ..figure_text import Lang
from .labels import display_name
from .theme import WIDTH, _label_width_points, _two_lines, style


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
    # the component's nodes in the graph's own order: a subgraph view of under half the graph iterates its node
    # set, whose order (and so the seeded layout) would change with Python's hash seed
    part = set(parts[0])
    main = nx.Graph()
    main.add_nodes_from(n for n in graph if n in part)
    main.add_edges_from((u, v, d) for u, v, d in graph.edges(data=True) if u in part)
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
    """The positions (unit square, y upwards) of the printed map :func:`~.network.network_map` draws with these options:
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
