"""Matrices: a labelled heat map, and the organisation × area (two-mode) chart."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import matplotlib
import matplotlib.axes
import matplotlib.colors
import matplotlib.patches
import matplotlib.pyplot as plt
import matplotlib.transforms
import pandas as pd
from matplotlib.figure import Figure

from ..figure_text import FigureText, Lang
from .theme import (
    sector_handles,
    OTHER_COLOUR,
    SECTOR_COLOURS,
    SECTOR_MARKERS,
    SECTOR_ORDER,
    WIDTH,
    Words,
    _label_width_points,
    _two_lines,
    annotate,
    words,
    wrap,
)


def _column_ticks(ax: matplotlib.axes.Axes, labels: list[str], fontsize: float) -> None:
    """Column labels, horizontal when each fits its column (on two lines at a space if need be), else slanted.

    Single characters (政 行 企 研 校) and short names stay horizontal; only names that fit no column slant.
    """
    column = ax.get_position().width * ax.figure.get_figwidth() * 72 / max(1, len(labels))  # points
    fitted = []
    for label in labels:
        if _label_width_points(label, fontsize) > column - 2 and " " in label:
            label = _two_lines(label)
        fitted.append(label)
    if all(_label_width_points(label, fontsize) <= column - 2 for label in fitted):
        ax.set_xticks(range(len(labels)), fitted, fontsize=fontsize, linespacing=1.1)
    else:
        ax.set_xticks(range(len(labels)), labels, rotation=35, ha="right", rotation_mode="anchor", fontsize=fontsize)


def heatmap(
    matrix: pd.DataFrame,
    text: FigureText,
    *,
    row_labels: Mapping[Any, str] | None = None,
    col_labels: Mapping[Any, str] | None = None,
    xlabel: Words = "",
    ylabel: Words = "",
    fmt: str = "{:.0f}",
    cmap: str = "Blues",
    width: str = "page",
    cell_height: float = 0.28,
    lang: Lang = "both",
) -> Figure:
    """A labelled heat map of a table (rows × columns), every cell written out so it reads in greyscale too.

    Zeros are written as ``0``, never left blank: a thin area must show as thin. Axis words
    given as ``(zh, en)`` pairs follow ``lang``.
    """
    rows, cols = list(matrix.index), list(matrix.columns)
    values = matrix.to_numpy(dtype=float)
    fig, ax = plt.subplots(figsize=(WIDTH[width], cell_height * len(rows) + 1.2))
    image = ax.imshow(values, cmap=cmap, aspect="auto", vmin=0 if (values >= 0).all() else None)
    ax.set_yticks(range(len(rows)), [(row_labels or {}).get(r, str(r)) for r in rows], fontsize=7)
    ax.tick_params(length=0)
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    high = (values.max() if values.size else 0) * 0.6
    for i in range(len(rows)):
        for j in range(len(cols)):
            v = values[i, j]
            ax.text(j, i, "" if v != v else fmt.format(v), ha="center", va="center", fontsize=6.5,
                    color="white" if v > high else "black")
    ax.set_xlabel(words(xlabel, lang))
    ax.set_ylabel(words(ylabel, lang))
    fig.colorbar(image, ax=ax, fraction=0.03, pad=0.02).ax.tick_params(labelsize=6)
    _column_ticks(ax, [(col_labels or {}).get(c, str(c)) for c in cols], fontsize=7)
    annotate(fig, text)
    return fig


def affiliation_order(matrix: pd.DataFrame, sectors: Mapping[Any, str]) -> list[Any]:
    """Rows of an organisation × area matrix grouped by sector (政行企研校), most areas first, then by id.

    >>> m = pd.DataFrame({1: [1, 0, 1], 2: [1, 0, 0]}, index=["S02", "E01", "S01"])
    >>> affiliation_order(m, {"S01": "school", "S02": "school", "E01": "enterprise"})
    ['E01', 'S02', 'S01']
    """
    rank = {s: i for i, s in enumerate(SECTOR_ORDER)}
    totals = matrix.sum(axis=1)
    return sorted(matrix.index, key=lambda r: (rank.get(sectors.get(r), len(rank)), -int(totals[r]), str(r)))


#: The smallest type on a report figure, in points at its printed size.
MIN_TEXT_SIZE = 6.5


def affiliation_chart(
    matrix: pd.DataFrame,
    sectors: Mapping[Any, str],
    text: FigureText,
    sector_names: Mapping[str, str],
    *,
    row_labels: Mapping[Any, str] | None = None,
    col_labels: Mapping[Any, str] | None = None,
    lang: Lang = "both",
    width: str = "page",
    row_height: float = 0.118,
    panels: int = 2,
) -> Figure:
    """An organisation × area (two-mode) matrix: one row per organisation, grouped by sector, a dark cell
    where it takes part; at 85 rows, two panels side by side fill a page, every word at least
    :data:`MIN_TEXT_SIZE` points.

    ``matrix`` has organisations in rows and areas in columns (e.g. the transpose of
    :func:`chanjiao_utils.measures.coverage_matrix` with ``by="organisation"``). Rows are ordered by
    :func:`affiliation_order` and cut into ``panels`` panels of about equal length, each with the area names
    (``col_labels``, e.g. :func:`area_labels` with ``short=True``) written up its columns. A strip in each
    sector's colour with its marker marks the groups, and a key above gives each sector's name and count, so
    greyscale works.
    """
    import math

    import numpy as np

    fontsize = MIN_TEXT_SIZE
    rows = affiliation_order(matrix, sectors)
    cols = list(matrix.columns)
    values = matrix.loc[rows, cols].to_numpy(dtype=float)
    names = [(row_labels or {}).get(r, str(r)) for r in rows]
    heads = [(col_labels or {}).get(c, str(c)) for c in cols]
    heads = [_two_lines(h) if _label_width_points(h, fontsize) > 80 and " " in h else h for h in heads]
    per_panel = math.ceil(len(rows) / max(1, panels))
    parts = [range(i, min(i + per_panel, len(rows))) for i in range(0, len(rows), per_panel)] or [range(0)]
    # widths in inches: per panel a strip, a gutter, the row labels, then the cells
    total = WIDTH[width] - 0.12  # saving adds 0.05 in a side (export.save_figure): the file is the width itself
    label_w = max((_label_width_points(n, fontsize) for n in names), default=0) / 72 + 0.06
    strip_w, gap = 0.09, 0.18
    cells_w = (total - len(parts) * (strip_w + 0.04 + label_w) - (len(parts) - 1) * gap) / len(parts)
    head_h = max((_label_width_points(h, fontsize) for h in heads), default=0) / 72 + 0.08
    key_h = 0.28
    body_h = row_height * per_panel
    height = key_h + head_h + body_h + 0.05
    fig = plt.figure(figsize=(total, height))
    cmap = matplotlib.colors.ListedColormap(["#F3F3F3", "#2B2B2B"])
    x = 0.0
    axes = []
    for part in parts:
        x += strip_w + 0.04 + label_w
        ax = fig.add_axes((x / total, 0.05 / height, cells_w / total, body_h / height))
        n = len(part)
        ax.imshow(values[list(part)] if n else np.zeros((0, len(cols))), cmap=cmap, vmin=0, vmax=1, aspect="auto",
                  interpolation="nearest", extent=(-0.5, len(cols) - 0.5, max(n, 1) - 0.5, -0.5))
        ax.vlines(np.arange(len(cols) + 1) - 0.5, -0.5, n - 0.5, colors="white", linewidth=0.4)
        ax.hlines(np.arange(n + 1) - 0.5, -0.5, len(cols) - 0.5, colors="white", linewidth=0.4)
        ax.set_xlim(-0.5, len(cols) - 0.5)
        ax.set_ylim(per_panel - 0.5, -0.5)
        ax.tick_params(which="both", length=0, pad=2)
        ax.xaxis.tick_top()
        ax.set_xticks(range(len(cols)), heads, rotation=90, fontsize=fontsize, linespacing=1.0)
        ax.set_yticks([])
        for side in ("top", "right", "left", "bottom"):
            ax.spines[side].set_visible(False)
        # row labels as plain texts beside the cells (85 Tick objects were a fifth of the chart's time)
        at_label = (matplotlib.transforms.blended_transform_factory(ax.transAxes, ax.transData)
                    + matplotlib.transforms.ScaledTranslation(-0.03, 0, fig.dpi_scale_trans))
        for i, r in enumerate(part):
            ax.text(0, i, names[r], transform=at_label, ha="right", va="center_baseline", fontsize=fontsize)
        # the sector strip, left of the row labels, and a line between sectors across the cells
        strip = fig.add_axes(((x - label_w - 0.04 - strip_w) / total, 0.05 / height, strip_w / total, body_h / height))
        strip.set_xlim(0, 1)
        strip.set_ylim(per_panel - 0.5, -0.5)
        strip.set_axis_off()
        start = 0
        for i in range(1, n + 1):
            if i == n or sectors.get(rows[part[i]]) != sectors.get(rows[part[start]]):
                sector = sectors.get(rows[part[start]])
                strip.add_patch(matplotlib.patches.Rectangle(
                    (0, start - 0.5), 1, i - start, facecolor=SECTOR_COLOURS.get(sector or "", OTHER_COLOUR),
                    edgecolor="#333333", linewidth=0.4))
                strip.plot([0.5], [(start + i - 1) / 2], marker=SECTOR_MARKERS.get(sector or "", "o"), markersize=3.5,
                           markerfacecolor="white", markeredgecolor="#333333", markeredgewidth=0.5)
                if i < n:
                    ax.axhline(i - 0.5, color="#333333", linewidth=0.8)
                start = i
        axes.append(ax)
        x += cells_w + gap
    counts = {s: sum(1 for r in rows if sectors.get(r) == s) for s in SECTOR_ORDER}
    named = {s: f"{sector_names.get(s, s)} ({counts[s]})" for s in SECTOR_ORDER if counts[s] and s in sector_names}
    fig.legend(handles=sector_handles(named), loc="lower left", bbox_to_anchor=(0.0, (height - key_h) / height + 0.0),
               bbox_transform=fig.transFigure, ncol=len(named), frameon=False, fontsize=7, handletextpad=0.3,
               columnspacing=1.0, borderaxespad=0.0, borderpad=0.2)
    annotate(fig, text)
    return fig
