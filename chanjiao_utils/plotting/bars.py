"""Bar charts: members by sector, the degree distribution, stacked bars (brokerage roles), rankings."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from ..figure_text import FigureText, Lang, say
from .labels import GATEKEEPER_OR_REPRESENTATIVE, ROLE_NAMES
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


#: Fills of the brokerage chart's roles: greys far apart in lightness, each with its own hatch.
ROLE_FILLS = {
    "coordinator": ("#1A1A1A", ""),
    "itinerant": ("#6E6E6E", "////"),
    "gatekeeper_or_representative": ("#B4B4B4", "...."),
    "gatekeeper": ("#B4B4B4", "...."),
    "representative": ("#D2D2D2", "xxx"),
    "liaison": ("#F2F2F2", "\\\\\\"),
}


def brokered_pairs(table: pd.DataFrame) -> pd.DataFrame:
    """Gould–Fernandez counts of an undirected graph as *pairs* brokered: ordered two-paths ÷ 2.

    :func:`chanjiao_utils.measures.brokerage_by_group` counts every open two-path a – v – b twice
    (a → v → b and b → v → a). Coordinator, itinerant and liaison counts halve exactly; gatekeeper
    and representative are the same pair seen from either end, so they become one column
    ``gatekeeper_or_representative`` (the gatekeeper count). A table that is not of an undirected graph
    (odd counts, gatekeeper ≠ representative) is refused.

    >>> t = pd.DataFrame({"coordinator": [2], "itinerant": [4], "gatekeeper": [3], "representative": [3],
    ...                   "liaison": [0]}, index=["school"])
    >>> brokered_pairs(t).iloc[0].tolist()
    [1, 2, 3, 0]
    """
    roles = list(ROLE_NAMES)
    counts = table[roles].astype("int64")
    halved = ["coordinator", "itinerant", "liaison"]
    if (counts[halved] % 2).to_numpy().any() or not counts["gatekeeper"].equals(counts["representative"]):
        raise ValueError("not the counts of an undirected graph: ordered two-paths cannot be halved into pairs")
    out = counts[halved] // 2
    out.insert(2, "gatekeeper_or_representative", counts["gatekeeper"])
    return out


def brokerage_chart(
    table: pd.DataFrame,
    text: FigureText,
    sector_names: Mapping[Any, str],
    *,
    lang: Lang = "both",
    width: str = "page",
) -> Figure:
    """Pairs of organisations each sector brokers, by Gould–Fernandez role, from
    :func:`chanjiao_utils.measures.brokerage_by_group` of an undirected graph (:func:`brokered_pairs`).

    One bar per role within each sector (not stacked: a small role is a bar of its own, with its count,
    never a sliver of another); each role a distinct grey with its own hatch, so the chart reads in
    greyscale; the key is one line above the bars, the role names plain words in the figure's language.
    """
    pairs = brokered_pairs(table)
    names = {**{r: say(zh, en, lang, sep=" ") for r, (zh, en) in ROLE_NAMES.items()},
             "gatekeeper_or_representative": say(*GATEKEEPER_OR_REPRESENTATIVE, lang, sep=" ")}
    rows, roles = list(pairs.index), list(pairs.columns)
    bar = 0.8 / len(roles)
    fig, ax = plt.subplots(figsize=(WIDTH[width], 0.55 * len(rows) + 1.0))
    top = float(pairs.to_numpy().max()) or 1.0
    for k, role in enumerate(roles):
        grey, hatch = ROLE_FILLS[role]
        ys = [i + (k - (len(roles) - 1) / 2) * bar for i in range(len(rows))]
        values = [int(pairs.loc[r, role]) for r in rows]
        ax.barh(ys, values, height=bar * 0.9, color=grey, hatch=hatch, edgecolor="#333333", linewidth=0.5,
                label=names[role])
        for y, v in zip(ys, values):
            ax.text(v + top * 0.005, y, f"{v}", va="center", ha="left", fontsize=6.5)
    ax.set_yticks(range(len(rows)), [sector_names.get(r, str(r)) for r in rows])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(0, top * 1.08)
    ax.set_xlabel(say("经中介间接相连的单位对数", "pairs of organisations brokered", lang, sep=" "))
    ax.tick_params(axis="y", length=0)
    ax.legend(frameon=False, fontsize=7, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=len(roles),
              handlelength=1.6, handletextpad=0.4, columnspacing=1.0, borderaxespad=0.2)
    annotate(fig, text)
    return fig
