"""The timeline: dots on the date axis and apart, labels clear of each other and of the stems."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates
import matplotlib.pyplot as plt
import matplotlib.text

from chanjiao_utils import plotting


def test_timeline_dots_sit_on_the_axis_apart_and_labels_clear_of_each_other():
    """The 2023-10-31 and 2023-11-02 dots do not touch; every dot is on the date axis (y = 0, the axis line);
    labels do not overlap each other, and no stem passes through another label."""
    from chanjiao_utils import measures
    from chanjiao_utils.figure_text import figure_text
    from chanjiao_utils.loading import load

    consortium = load()
    for lang in ("zh", "en"):
        with plotting.style():
            fig = plotting.timeline_chart(measures.timeline(consortium), figure_text("07_timeline", consortium, lang),
                                          lang=lang)
            ax = fig.axes[0]
            fig.canvas.draw()
            dots = ax.get_lines()[0]
            centres = ax.transData.transform(list(zip(matplotlib.dates.date2num(dots.get_xdata()), dots.get_ydata())))
            diameter = dots.get_markersize() * fig.dpi / 72
            axis_y = ax.transAxes.transform((0, 0))[1]
            ax_bottom = ax.spines["bottom"].get_spine_transform()
            boxes = [matplotlib.text.Text.get_window_extent(t) for t in ax.texts]
            stems = [t.arrow_patch.get_window_extent() for t in ax.texts]
            texts = [t.get_text() for t in ax.texts]
            plt.close(fig)
        assert ax_bottom is not None and all(abs(y - axis_y) < 0.5 for _, y in centres), "dots on the axis"
        xs = sorted(x for x, _ in centres)
        assert min(b - a for a, b in zip(xs, xs[1:])) > diameter, "no two dots touch"
        for i, a in enumerate(boxes):
            for j, b in enumerate(boxes):
                if i < j:
                    assert not a.overlaps(b), (texts[i], texts[j])
                if i != j:
                    stem_x = (stems[i].x0 + stems[i].x1) / 2
                    crosses = b.x0 < stem_x < b.x1 and stems[i].y0 < b.y0 < stems[i].y1
                    assert not crosses, f"the stem of {texts[i]!r} crosses {texts[j]!r}"
        if lang == "en":
            assert not any(re.search(r"[\u4e00-\u9fff]", t) for t in texts)
