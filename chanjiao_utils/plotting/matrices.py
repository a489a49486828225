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
    row_height: float = 0.085,
) -> Figure:
    """An organisation × area (two-mode) matrix: one row per organisation, grouped by sector, a dark cell
    where it takes part. Sized for a full page at 85 rows.

    ``matrix`` has organisations in rows and areas in columns (e.g. the transpose of
    :func:`chanjiao_utils.measures.coverage_matrix` with ``by="organisation"``). Rows are
    ordered by :func:`affiliation_order`; a strip in each sector's colour, with its marker and
    name, marks the groups, so greyscale works. Columns are numbered; ``col_labels`` (e.g.
    :func:`area_labels`) are written as a key below the matrix.
    """
    import numpy as np

    rows = affiliation_order(matrix, sectors)
    cols = list(matrix.columns)
    values = matrix.loc[rows, cols].to_numpy(dtype=float)
    height = row_height * len(rows) + 1.0
    fig, ax = plt.subplots(figsize=(WIDTH[width], height))
    cmap = matplotlib.colors.ListedColormap(["#F3F3F3", "#2B2B2B"])
    ax.imshow(values, cmap=cmap, vmin=0, vmax=1, aspect="auto", interpolation="nearest",
              extent=(-0.5, len(cols) - 0.5, len(rows) - 0.5, -0.5))
    # white lines between the cells: two line collections (minor ticks would make a Tick object per line)
    ax.vlines(np.arange(len(cols) + 1) - 0.5, -0.5, len(rows) - 0.5, colors="white", linewidth=0.4)
    ax.hlines(np.arange(len(rows) + 1) - 0.5, -0.5, len(cols) - 0.5, colors="white", linewidth=0.4)
    ax.set_xlim(-0.5, len(cols) - 0.5)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.tick_params(which="both", length=0)
    ax.xaxis.tick_top()
    ax.set_xticks(range(len(cols)), [str(c) for c in cols], fontsize=7)
    label_size = min(7.0, max(4.5, row_height * 72 * 0.8))
    # Row labels where y tick labels of zero-length ticks stand (same pixels), as plain texts: 85 Tick objects
    # were about a fifth of the chart's time.
    ax.set_yticks([])
    at_label = (matplotlib.transforms.blended_transform_factory(ax.transAxes, ax.transData)
                + matplotlib.transforms.ScaledTranslation(-matplotlib.rcParams["ytick.major.pad"] / 72, 0,
                                                          fig.dpi_scale_trans))
    for i, r in enumerate(rows):
        ax.text(0, i, (row_labels or {}).get(r, str(r)), transform=at_label, ha="right", va="center_baseline",
                fontsize=label_size)
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    # the sector strip: one coloured bar per group, with its marker and name, left of the row labels' gutter
    strip = ax.inset_axes((1.01, 0, 0.025, 1), transform=ax.transAxes)
    strip.set_xlim(0, 1)
    strip.set_ylim(len(rows) - 0.5, -0.5)
    strip.set_axis_off()
    start = 0
    for i in range(1, len(rows) + 1):
        if i == len(rows) or sectors.get(rows[i]) != sectors.get(rows[start]):
            sector = sectors.get(rows[start])
            strip.add_patch(matplotlib.patches.Rectangle(
                (0, start - 0.5), 1, i - start, facecolor=SECTOR_COLOURS.get(sector or "", OTHER_COLOUR),
                edgecolor="#333333", linewidth=0.4))
            middle = (start + i - 1) / 2
            strip.plot([0.5], [middle], marker=SECTOR_MARKERS.get(sector or "", "o"), markersize=4,
                       markerfacecolor="white", markeredgecolor="#333333", markeredgewidth=0.5)
            strip.text(1.6, middle, f"{sector_names.get(sector, sector)} ({i - start})", va="center", ha="left",
                       fontsize=7, clip_on=False)
            if i < len(rows):
                ax.axhline(i - 0.5, color="#333333", linewidth=0.8)
            start = i
    if col_labels:  # no-break spaces keep each item of the key on one line
        key = "   ".join(col_labels.get(c, str(c)).replace(" ", "\u00a0") for c in cols)
        ax.text(0, -0.012, wrap(key, WIDTH[width] * 0.95, 7), transform=ax.transAxes, va="top", ha="left",
                fontsize=7, linespacing=1.35)
    annotate(fig, text)
    return fig
