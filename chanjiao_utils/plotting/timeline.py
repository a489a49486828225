"""The timeline of events."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from ..figure_text import FigureText, Lang, say
from .theme import SECTOR_COLOURS, WIDTH, _label_width_points, annotate, wrap

_GAP = 2.0  # points between two labels on one level, and between a stem and a label it passes


def _levels(xs: Sequence[float], widths: Sequence[float], aligns: Sequence[str]) -> list[int] | None:
    """For labels aligned as given, a level for each: labels whose boxes come within :data:`_GAP` of each other
    on different levels, and a label whose stem passes under another's box below that one. ``None`` when two
    stems pass under each other's labels (no levels work). Labels are placed lowest first, in the order that
    relation allows (dates breaking ties), each on the lowest level its constraints leave."""
    n = len(xs)
    boxes = []
    for x, w, align in zip(xs, widths, aligns):
        x0 = {"center": x - w / 2, "left": x - 1, "right": x - w + 1}[align]
        boxes.append((x0, x0 + w))
    # under[j]: the labels whose stems pass under label j's box, so must end below it
    under = {j: {i for i in range(n) if i != j and boxes[j][0] - _GAP < xs[i] < boxes[j][1] + _GAP} for j in range(n)}
    levels: dict[int, int] = {}
    while len(levels) < n:
        ready = [i for i in range(n) if i not in levels and under[i] <= levels.keys()]
        if not ready:
            return None  # two stems pass each other's labels
        i = ready[0]
        level = max((levels[j] + 1 for j in under[i]), default=0)
        while any(lv == level and boxes[i][0] < boxes[j][1] + _GAP and boxes[j][0] < boxes[i][1] + _GAP
                  for j, lv in levels.items()):
            level += 1
        levels[i] = level
    # a label placed later on a lower level must not be crossed by a stem placed earlier, higher up
    for i in range(n):
        for j in range(n):
            if levels[j] > levels[i] and boxes[i][0] - _GAP < xs[j] < boxes[i][1] + _GAP:
                return None
    return [levels[i] for i in range(n)]


def _place_labels(xs: Sequence[float], widths: Sequence[float], span: float) -> list[tuple[int, str]]:
    """A level (0 nearest the axis) and an alignment (``center``; ``left``: the text starts at its date;
    ``right``: it ends there) for each label, in date order, all in points along the axis: labels stay within
    ``0..span``, keep :data:`_GAP` from the labels of their level, and no stem (from the axis up to its label)
    crosses a label. Of all alignments (up to 8 labels; beyond, centred where they fit), the one with the
    fewest levels, then the lowest labels, then the most centred.

    >>> _place_labels([10, 200, 400, 404], [100, 100, 100, 100], 520)  # 400 and 404: back to back
    [(0, 'left'), (0, 'center'), (0, 'right'), (0, 'left')]
    >>> _place_labels([100, 150], [120, 120], 500)  # no room side by side: the later one higher up
    [(1, 'center'), (0, 'left')]
    """
    import itertools

    def fits(x: float, w: float, align: str) -> bool:
        x0 = {"center": x - w / 2, "left": x - 1, "right": x - w + 1}[align]
        return x0 >= 0 and x0 + w <= span

    options = [[a for a in ("center", "left", "right") if fits(x, w, a)] or ["left" if x < span / 2 else "right"]
               for x, w in zip(xs, widths)]
    if len(xs) > 8:
        options = [o[:1] for o in options]
    best: tuple[tuple[int, int, int], list[tuple[int, str]]] | None = None
    for aligns in itertools.product(*options):
        levels = _levels(xs, widths, aligns)
        if levels is None:
            continue
        score = (max(levels), sum(levels), sum(a != "center" for a in aligns))
        if best is None or score < best[0]:
            best = (score, list(zip(levels, aligns)))
    if best is None:  # stems must cross something: stack every label on its own level, highest first
        return [(len(xs) - 1 - i, o[0]) for i, o in enumerate(options)]
    return best[1]


def timeline_chart(events: pd.DataFrame, text: FigureText, *, lang: Lang = "both", width: str = "page") -> Figure:
    """Events of :func:`chanjiao_utils.measures.timeline` as dots on a time axis, each labelled above it.

    Labels sit on levels above the axis, each on the lowest level where it clears the labels beside it
    and its stem clears the labels below (:func:`_place_labels`); dots close in time are drawn small
    enough to stay apart. English figures show each event's ``what_en`` as the data package writes it.
    """
    dates = pd.to_datetime(events["date"], format="ISO8601")  # 2023-06 is a month: drawn at its first day
    if events.empty:
        fig, ax = plt.subplots(figsize=(WIDTH[width], 2.2))
        ax.text(0.5, 0.5, say("数据包中没有大事记", "No events in this data package", lang), ha="center", va="center",
                transform=ax.transAxes, fontsize=8, color="#666666")
        ax.set_axis_off()
        annotate(fig, text)
        return fig
    fontsize, margin = 6.5, pd.Timedelta(days=20)
    low, high = dates.min() - margin, dates.max() + margin
    fig, ax = plt.subplots(figsize=(WIDTH[width], 1.0))  # height set below, once the levels are known
    span = ax.get_position().width * WIDTH[width] * 72  # points along the axis
    days = max(1.0, (high - low) / pd.Timedelta(days=1))
    xs = [(d - low) / pd.Timedelta(days=1) / days * span for d in dates]
    labels = [f"{events['date'].iloc[i]}\n" + wrap(say(zh, en, lang, sep="\n"), WIDTH[width] / 3.3, fontsize)
              for i, (zh, en) in enumerate(zip(events["what_zh"], events["what_en"]))]
    widths = [_label_width_points(label, fontsize) + 2 for label in labels]
    placed = _place_labels(xs, widths, span)
    step = max(label.count("\n") + 1 for label in labels) * fontsize * 1.25 + 2 * _GAP
    levels = max(level for level, _ in placed) + 1
    fig.set_figheight((levels * step + 14) / 72 + 0.35)
    gaps = [b - a for a, b in zip(sorted(xs), sorted(xs)[1:])]
    dot = max(2.5, min(5.0, min(gaps, default=10.0) - 0.8))  # diameter in points: neighbours keep apart
    ax.plot(dates, [0] * len(dates), "o", color=SECTOR_COLOURS["school"], markersize=dot, markeredgecolor="white",
            markeredgewidth=0.4, clip_on=False, zorder=3)
    for (level, align), d, label in zip(placed, dates, labels):
        ax.annotate(label, (d, 0), xytext=({"left": -1.0, "right": 1.0}.get(align, 0.0), 8 + level * step), textcoords="offset points", ha=align, va="bottom",
                    fontsize=fontsize, linespacing=1.25, annotation_clip=False,
                    arrowprops={"arrowstyle": "-", "linewidth": 0.5, "color": "#555555", "shrinkA": 0,
                                "shrinkB": dot / 2 + 0.5, "relpos": ({"left": 0.0, "right": 1.0}.get(align, 0.5), 0.0)})
    ax.set_ylim(0, 1)
    ax.yaxis.set_visible(False)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_zorder(2)
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.tick_params(axis="x", labelsize=6.5)
    ax.set_xlim(low, high)
    annotate(fig, text)
    return fig
