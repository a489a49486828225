"""The timeline of events."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from ..figure_text import FigureText, Lang, say
from .theme import SECTOR_COLOURS, WIDTH, annotate, wrap


def timeline_chart(events: pd.DataFrame, text: FigureText, *, lang: Lang = "both", width: str = "page") -> Figure:
    """Events of :func:`chanjiao_utils.measures.timeline` on a time axis, labels alternating above and below."""
    import matplotlib.dates as mdates

    dates = pd.to_datetime(events["date"], format="ISO8601")  # 2023-06 is a month: drawn at its first day
    fig, ax = plt.subplots(figsize=(WIDTH[width], 2.2))
    if events.empty:
        ax.text(0.5, 0.5, say("数据包中没有大事记", "No events in this data package", lang), ha="center", va="center",
                transform=ax.transAxes, fontsize=8, color="#666666")
        ax.set_axis_off()
        annotate(fig, text)
        return fig
    ax.axhline(0, color="#333333", linewidth=0.8)
    ax.plot(dates, [0] * len(dates), "o", color=SECTOR_COLOURS["school"], markersize=5)
    for i, (d, zh, en) in enumerate(zip(dates, events["what_zh"], events["what_en"])):
        up = i % 2 == 0
        label = f"{events['date'].iloc[i]}\n" + wrap(say(zh, en, lang, sep="\n"), WIDTH[width] / 3, 7)
        ax.annotate(label, (d, 0), xytext=(0, 12 if up else -12), textcoords="offset points", ha="center",
                    va="bottom" if up else "top", fontsize=6.5, arrowprops={"arrowstyle": "-", "linewidth": 0.5})
    ax.set_ylim(-1, 1)
    ax.yaxis.set_visible(False)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.tick_params(axis="x", labelsize=7)
    margin = pd.Timedelta(days=45)
    ax.set_xlim(dates.min() - margin, dates.max() + margin)
    annotate(fig, text)
    return fig
