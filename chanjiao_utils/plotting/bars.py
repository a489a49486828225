"""Bar charts: members by sector, the degree distribution, stacked bars (brokerage roles), rankings."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from ..figure_text import FigureText, Lang, say
from .theme import OTHER_COLOUR, SECTOR_COLOURS, WIDTH, Words, annotate, sector_handles, words


def composition_chart(
    table: pd.DataFrame, text: FigureText, labels: Mapping[str, str] | None = None, *, lang: Lang = "both",
    width: str = "column",
) -> Figure:
    """Horizontal stacked bars of a :func:`chanjiao_utils.measures.composition` table: attested dark, synthetic hatched."""
    labels = dict(labels or {})
    rows = list(table.index)[::-1]
    fig, ax = plt.subplots(figsize=(WIDTH[width], 0.35 * len(rows) + 0.9))
    y = range(len(rows))
    attested = [int(table.loc[r, "attested"]) for r in rows]
    synthetic = [int(table.loc[r, "synthetic"]) for r in rows]
    ax.barh(y, attested, color="#333333", label=say("有来源", "attested", lang, sep=" "))
    ax.barh(y, synthetic, left=attested, color="#DDDDDD", hatch="////", edgecolor="#888888", linewidth=0.4,
            label=say("合成", "synthetic", lang, sep=" "))
    ax.set_yticks(list(y), [labels.get(r, str(r)) for r in rows])
    for yi, a, s in zip(y, attested, synthetic):
        ax.text(a + s, yi, f" {a + s}", va="center", fontsize=7)
    ax.set_xlabel(say("单位数", "organisations", lang, sep=" "))
    ax.legend(frameon=False, fontsize=7, loc="lower right")
    annotate(fig, text)
    return fig


def degree_histogram(distribution: pd.DataFrame, text: FigureText, *, lang: Lang = "both", width: str = "column") -> Figure:
    """Bar chart of a :func:`chanjiao_utils.measures.degree_distribution` table."""
    fig, ax = plt.subplots(figsize=(WIDTH[width], WIDTH[width] * 0.7))
    ax.bar(distribution["degree"], distribution["organisations"], color=SECTOR_COLOURS["enterprise"],
           edgecolor="#1F5F8B", linewidth=0.5)
    ax.set_xlabel(say("合作单位数", "degree (number of partners)", lang, sep=" "))
    ax.set_ylabel(say("单位数", "organisations", lang, sep=" "))
    annotate(fig, text)
    return fig


def stacked_bars(
    table: pd.DataFrame,
    text: FigureText,
    *,
    row_labels: Mapping[Any, str] | None = None,
    col_labels: Mapping[Any, str] | None = None,
    xlabel: Words = "",
    width: str = "page",
    lang: Lang = "both",
) -> Figure:
    """Horizontal bars per row, stacked by column (e.g. brokerage roles per sector); hatched so greyscale works.

    An ``xlabel`` given as a ``(zh, en)`` pair follows ``lang``.
    """
    rows = list(table.index)[::-1]
    hatches = ["", "////", "....", "xxxx", "\\\\", "----", "++++"]
    greys = ["#222222", "#666666", "#999999", "#BBBBBB", "#DDDDDD", "#F0F0F0", "#FFFFFF"]
    fig, ax = plt.subplots(figsize=(WIDTH[width], 0.4 * len(rows) + 1.2))
    left = [0.0] * len(rows)
    for k, col in enumerate(table.columns):
        vals = [float(table.loc[r, col]) for r in rows]
        ax.barh(range(len(rows)), vals, left=left, color=greys[k % len(greys)], hatch=hatches[k % len(hatches)],
                edgecolor="#333333", linewidth=0.4, label=(col_labels or {}).get(col, str(col)))
        left = [a + b for a, b in zip(left, vals)]
    for i, total in enumerate(left):
        ax.text(total, i, f" {total:.0f}", va="center", fontsize=7)
    ax.set_yticks(range(len(rows)), [(row_labels or {}).get(r, str(r)) for r in rows])
    ax.set_xlabel(words(xlabel, lang))
    ax.legend(frameon=False, fontsize=7, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=min(5, len(table.columns)))
    annotate(fig, text)
    return fig


def ranking_bars(
    values: pd.Series,
    sectors: pd.Series,
    text: FigureText,
    sector_names: Mapping[str, str],
    *,
    labels: Mapping[Any, str] | None = None,
    xlabel: Words = "",
    width: str = "page",
    lang: Lang = "both",
) -> Figure:
    """Horizontal bars of the top of a ranking (largest at the top), coloured by each organisation's sector.

    Each bar ends with its value (three significant digits); the sector legend sits above the bars,
    never on them. An ``xlabel`` given as a ``(zh, en)`` pair follows ``lang``.
    """
    rows = list(values.index)[::-1]
    fig, ax = plt.subplots(figsize=(WIDTH[width], 0.25 * len(rows) + 1.2))
    ax.barh(range(len(rows)), [float(values[r]) for r in rows],
            color=[SECTOR_COLOURS.get(str(sectors.get(r)), OTHER_COLOUR) for r in rows], edgecolor="#333333",
            linewidth=0.4)
    for i, r in enumerate(rows):
        v = float(values[r])
        ax.text(v, i, f" {v:.3g} " if v >= 0 else f" {v:.3g} ", va="center", ha="left" if v >= 0 else "right",
                fontsize=6.5)
    ax.margins(x=0.08)
    ax.set_yticks(range(len(rows)), [(labels or {}).get(r, str(r)) for r in rows], fontsize=7)
    ax.set_xlabel(words(xlabel, lang))
    present = {str(sectors.get(r)) for r in rows}
    shown = {k: v for k, v in sector_names.items() if k in present}
    ax.legend(handles=sector_handles(shown), frameon=False, fontsize=7, loc="lower center", bbox_to_anchor=(0.5, 1.0),
              ncol=max(1, len(shown)), handletextpad=0.2, columnspacing=0.8)
    annotate(fig, text)
    return fig
