"""Comparing consortia (notebook 08): distributions of profile columns, and one profile column against another."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib
import matplotlib.lines
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from ..figure_text import FigureText, Lang
from .theme import NEUTRAL_COLOUR, WIDTH, Words, annotate, words


def profile_distributions(
    profiles: pd.DataFrame,
    columns: Mapping[str, Words],
    text: FigureText,
    *,
    reference: Mapping[str, float] | None = None,
    reference_label: Words = "",
    lang: Lang = "both",
    width: str = "page",
    bins: int = 20,
) -> Figure:
    """Small multiples: a histogram of each profile column across consortia (``columns`` maps a column to its
    axis words), three to a row, with a reference consortium's value as a red line on each (if given)."""
    names = list(columns)
    ncols = min(3, len(names)) or 1
    nrows = max(1, -(-len(names) // ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(WIDTH[width], 1.55 * nrows + 0.3), squeeze=False)
    ref_colour = "#B00000"
    for ax, name in zip(axes.flat, names):
        values = pd.to_numeric(profiles[name], errors="coerce").dropna().astype(float)
        ax.hist(values, bins=bins, color=NEUTRAL_COLOUR, edgecolor="white", linewidth=0.3)
        value = (reference or {}).get(name)
        if value is not None and pd.notna(value):
            ax.axvline(float(value), color=ref_colour, linewidth=1.2)
        ax.set_xlabel(words(columns[name], lang), fontsize=7)
        ax.tick_params(labelsize=6.5)
    for ax in list(axes.flat)[len(names):]:
        ax.set_axis_off()
    axes[0][0].set_ylabel(words(("联合体数", "consortia"), lang), fontsize=7)
    if reference is not None:
        handle = matplotlib.lines.Line2D([], [], color=ref_colour, linewidth=1.2, label=words(reference_label, lang))
        fig.legend(handles=[handle], frameon=False, fontsize=7, loc="lower left", bbox_to_anchor=(0.0, 1.0))
    fig.tight_layout(h_pad=0.8, w_pad=0.8)
    annotate(fig, text)
    return fig


def profile_scatter(
    profiles: pd.DataFrame,
    x: str,
    y: str,
    text: FigureText,
    *,
    xlabel: Words = "",
    ylabel: Words = "",
    size: str | None = None,
    reference: Mapping[str, float] | None = None,
    reference_label: Words = "",
    lang: Lang = "both",
    width: str = "column",
) -> Figure:
    """One dot per consortium (``x`` against ``y``; area by ``size`` if given), and a reference consortium as a
    labelled red diamond."""
    fig, ax = plt.subplots(figsize=(WIDTH[width], WIDTH[width] * 0.8))
    xs, ys = pd.to_numeric(profiles[x]).astype(float), pd.to_numeric(profiles[y]).astype(float)
    area = 12.0
    if size is not None:
        sizes = pd.to_numeric(profiles[size]).astype(float)
        area = 6 + 40 * (sizes - sizes.min()) / ((sizes.max() - sizes.min()) or 1.0)
    ax.scatter(xs, ys, s=area, color=NEUTRAL_COLOUR, alpha=0.8, edgecolors="white", linewidths=0.3)
    if reference is not None and pd.notna(reference.get(x)) and pd.notna(reference.get(y)):
        rx, ry = float(reference[x]), float(reference[y])
        ax.scatter([rx], [ry], s=40, marker="D", color="#B00000", edgecolors="#333333", linewidths=0.5, zorder=3)
        ax.annotate(words(reference_label, lang), (rx, ry), xytext=(5, 5), textcoords="offset points", fontsize=7,
                    color="#B00000")
    ax.set_xlabel(words(xlabel, lang), fontsize=8)
    ax.set_ylabel(words(ylabel, lang), fontsize=8)
    ax.tick_params(labelsize=7)
    annotate(fig, text)
    return fig
