"""The style: sector colours readers can tell apart in greyscale, wrapping, the words around a figure."""

from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pytest

from chanjiao_utils import plotting
from chanjiao_utils.plotting import theme
from chanjiao_utils.figure_text import FigureText


def _lightness(hex_colour: str) -> float:
    """CIE L* of an sRGB colour (what a greyscale print keeps)."""
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    f = y ** (1 / 3) if y > 0.008856 else 7.787 * y + 16 / 116
    return 116 * f - 16


def test_every_sector_has_a_colour_and_a_marker():
    assert set(plotting.SECTOR_COLOURS) == set(plotting.SECTOR_ORDER) == set(plotting.SECTOR_MARKERS)
    assert len(set(plotting.SECTOR_MARKERS.values())) == 5, "markers must differ"


def test_sector_colours_stay_apart_in_greyscale():
    for a, b in itertools.combinations(plotting.SECTOR_ORDER, 2):
        gap = abs(_lightness(plotting.SECTOR_COLOURS[a]) - _lightness(plotting.SECTOR_COLOURS[b]))
        assert gap >= 10, f"{a} and {b} differ by only {gap:.1f} L* in greyscale"


def test_wrap_keeps_every_character_and_fits():
    text = "示意数据：85家成员单位中80家、200条合作关系中199条为合成数据 Illustrative: 80 of 85 members are synthetic"
    wrapped = plotting.wrap(text, 2.0, 8)
    assert wrapped.replace("\n", "").replace(" ", "") == text.replace(" ", "")
    limit = int(2.0 * 72 / (8 * 0.55))
    assert all(theme._text_width(line) <= limit for line in wrapped.split("\n"))


@pytest.mark.parametrize("width", [1.2 + 0.1 * k for k in range(30)])
def test_wrap_never_leaves_one_chinese_character_alone(width):
    """At every width, the notices of the bundled figures (and a long run of Chinese without a break) wrap
    without a line of one character, and Chinese numbers stay with their measure words."""
    for text in ("示意数据：85家成员单位中80家、200条合作关系中199条为合成数据",
                 "示意数据：85家成员单位全部为合成数据", "十二个字没有任何可断开之处也没有数字的一句很长的话"):
        wrapped = plotting.wrap(text, width, 7.5)
        lines = wrapped.split("\n")
        assert "".join(lines) == text
        assert all(len(line) > 1 for line in lines), lines
        assert "85\n家" not in wrapped and "80\n家" not in wrapped
        assert not any(line[0] in "，。、；：" for line in lines), lines


def test_wrap_breaks_chinese_at_punctuation_before_cutting_a_phrase():
    assert plotting.wrap("示意数据：85家成员单位中80家、200条合作关系中199条为合成数据", 3.35, 7.5).split("\n")[0].endswith(
        ("、", "中")), "a break at punctuation or before a number, not inside 合成数据"


def test_annotate_puts_notice_above_and_source_below_the_axes():
    """annotate measures the figure without drawing it first: what a draw places (a legend above the axes, rotated
    tick labels, an axis label below) must still end up between the title and the source line."""
    with plotting.style():
        fig, ax = plt.subplots(figsize=(3, 2))
        ax.plot([0, 1], [0, 1], label="单位 organisations")
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.02), frameon=False)
        ax.set_xticks([0, 1], ["很长的刻度标签 a long tick label", "b"], rotation=60)
        ax.set_xlabel("横轴 x")
        plotting.annotate(fig, FigureText(title="标题", source="来源", notice="示意数据", note="注"))
        fig.canvas.draw()
        axes_box = ax.get_tightbbox(fig.canvas.get_renderer())
        texts = {t.get_text(): t.get_window_extent() for t in fig.texts}
    plt.close(fig)
    assert texts["标题"].y0 > axes_box.y1 and texts["示意数据"].y0 >= axes_box.y1
    assert texts["来源 Source: 来源"].y1 < axes_box.y0 and texts["注"].y1 < axes_box.y0
