"""Charts of the inference tables: each observed statistic against its null distributions, as small multiples.

Kept apart from :mod:`chanjiao_utils.plotting` (one chart family per module); drawn with its style, and its
:func:`~chanjiao_utils.plotting.annotate` puts the title, notice and source line from ``figure_text.toml``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .. import plotting
from ..figure_text import FigureText, Lang, say

__all__ = ["SHORT_WORDS", "null_multiples"]

#: Short axis words for the statistics (Chinese, English).
SHORT_WORDS = {
    "transitivity": ("传递性", "transitivity"),
    "degree_centralization": ("度数中心势", "degree centr."),
    "betweenness_centralization": ("中介中心势", "betweenness centr."),
    "modularity": ("模块度", "modularity"),
    "core_periphery_fit": ("核心–边缘拟合", "core/periphery fit"),
    "ei_index": ("E-I 指数", "E-I index"),
    "assortativity": ("同配系数", "assortativity"),
    "brokerage_school": ("学校的中介", "brokerage by schools"),
}
MODEL_WORDS = {"edges": ("关系数相同", "same number of ties"), "degree": ("合作单位数相同", "same degrees"),
               "labels": ("标签打乱", "labels shuffled")}


def null_multiples(draws: Mapping[str, pd.DataFrame], observed: Mapping[str, float], text: FigureText, *,
                   statistics: Sequence[str] | None = None, lang: Lang = "both", width: str = "page") -> Figure:
    """One panel per statistic (rows) and null model (columns): the histogram of the null draws
    (``draws[model][statistic]``, as :func:`~chanjiao_utils.inference.null_draws` returns) and a line at the
    observed value. A statistic a model does not draw leaves its panel empty; one undefined on this graph (no
    draw defined, or the observed value NaN, as E-I with a single party) says so instead of drawing nothing."""
    models = list(draws)
    stats = list(statistics) if statistics is not None else list(dict.fromkeys(
        s for frame in draws.values() for s in frame.columns))
    fig, axes = plt.subplots(len(stats), len(models), figsize=(plotting.WIDTH[width], 1.05 * len(stats) + 0.6),
                             squeeze=False)
    for j, model in enumerate(models):
        axes[0, j].set_title(say(*MODEL_WORDS.get(model, (model, model)), lang, sep="\n"), fontsize=8)
        for i, stat in enumerate(stats):
            ax = axes[i, j]
            if stat not in draws[model].columns:
                ax.axis("off")
                continue
            values = draws[model][stat].dropna().to_numpy(dtype=float)
            obs = float(observed[stat])
            if not len(values) or not np.isfinite(obs):  # e.g. E-I of a roster with one party: nothing to draw
                ax.axis("off")
                ax.text(0.5, 0.5, say("无定义", "undefined", lang, sep=" "), ha="center", va="center", fontsize=7,
                        color="#666666", transform=ax.transAxes)
                continue
            low, high = min(values.min(), obs), max(values.max(), obs)
            pad = (high - low) * 0.05 or 0.5
            ax.hist(values, bins=np.linspace(low - pad, high + pad, 31), color="#BBBBBB", edgecolor="#666666",
                    linewidth=0.3)
            ax.axvline(obs, color="#B00000", linewidth=1.2)
            ax.tick_params(labelsize=6)
            ax.set_yticks([])
            if j == 0:
                ax.set_ylabel(say(*SHORT_WORDS.get(stat, (stat, stat)), lang, sep="\n"), fontsize=7)
    fig.tight_layout(h_pad=0.6, w_pad=0.6)
    plotting.annotate(fig, text)
    return fig
