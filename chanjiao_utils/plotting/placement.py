"""Labels placed on a map: :func:`place_labels` puts each clear of every node and of the other labels;
:func:`repel_labels` (labels pushed apart from each other only) is kept for other figures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.axes
import matplotlib.text


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

    ``discs`` are the nodes as :func:`~.network.node_discs` gives them (every node, labelled or not). Labels are placed
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
