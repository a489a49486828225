"""The project style: the Chinese font, rcParams, sector colours and markers, wrapping, and the words
around a figure (:func:`annotate`).

Chinese needs a font matplotlib can embed in PDF as TrueType: the Noto Sans SC
``.ttf`` shipped in the ``zhplot`` wheel (DESIGN §7; the Debian and Source Han
``.otf`` fonts turn invisible in some PDF viewers). It is registered in memory,
without importing zhplot, by :func:`rc_params`.

>>> import matplotlib.pyplot as plt
>>> with style():
...     fig, ax = plt.subplots()
...     _ = ax.set_title("中山市中等专业学校")
>>> plt.close(fig)
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from typing import Any

import matplotlib
import matplotlib.lines
from matplotlib import font_manager
from matplotlib.figure import Figure

from .. import paths
from ..figure_text import FigureText, Lang, say


#: The family name of the bundled font.
CJK_FAMILY = "Noto Sans SC"


#: Sector colours, the same in every figure: hues from the Okabe–Ito and Tol palettes that
#: colour-blind readers tell apart, with CIE lightness L* spread (22, 46, 58, 70, 82) so that
#: they stay apart in greyscale; markers differ too, so a greyscale print never relies on colour.
SECTOR_COLOURS: dict[str, str] = {
    "government": "#332288",   # indigo, L* 22
    "school": "#CC3311",       # red, L* 46
    "research": "#009E73",     # bluish green, L* 58
    "enterprise": "#56B4E9",   # sky blue, L* 70
    "association": "#DDCC77",  # sand, L* 82
}


SECTOR_MARKERS: dict[str, str] = {
    "government": "D", "association": "v", "enterprise": "o", "research": "^", "school": "s",
}


#: Sector display order: 政、行、企、研、校.
SECTOR_ORDER = ("government", "association", "enterprise", "research", "school")


#: For anything without a sector.
OTHER_COLOUR = "#BBBBBB"


#: Bars and dots that stand for no sector (one per consortium); the reference is drawn in red over them.
NEUTRAL_COLOUR = "#8C9DB5"


#: Figure widths in inches: one report column (8.5 cm), a full page width (17 cm), a 16:9 slide.
WIDTH = {"column": 8.5 / 2.54, "page": 17 / 2.54, "slide": 13.33}


_registered = False


def register_font() -> str:
    """Register the bundled Noto Sans SC with matplotlib (once, in memory) and return its family name."""
    global _registered
    if not _registered:
        font_manager.fontManager.addfont(str(paths.font_file()))
        _registered = True
    return CJK_FAMILY


def rc_params() -> dict[str, Any]:
    """The rcParams of the project style (DESIGN §7): CJK sans-serif, TrueType in PDF, text as paths in SVG."""
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [register_font(), "DejaVu Sans"],
        "axes.unicode_minus": True,
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "svg.fonttype": "path",
        "svg.hashsalt": "chanjiao",
        "text.hinting": "no_hinting",  # text widths scale with dpi: labels placed on screen keep apart at 300 dpi
        "figure.dpi": 100,
        "savefig.dpi": 300,
        "font.size": 9,
        "axes.titlesize": 10,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


@contextlib.contextmanager
def style() -> Iterator[None]:
    """Context in which figures are drawn *and saved* with the project style."""
    with matplotlib.rc_context(rc_params()):
        yield


def apply_style() -> None:
    """Apply the project style for the rest of the session (what notebooks call once, in their imports cell)."""
    matplotlib.rcParams.update(rc_params())


def _text_width(text: str) -> int:
    """Width in half-width units: CJK and full-width characters count two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _label_width_points(text: str, fontsize: float) -> float:
    """Width of ``text`` set in the current font at ``fontsize``, in points, as matplotlib will draw it."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    return max(text_to_path.get_text_width_height_descent(line, FontProperties(size=fontsize), ismath=False)[0]
               for line in text.split("\n"))


def _two_lines(text: str) -> str:
    """``text`` broken into two lines of about equal width: at the space nearest the middle, or in
    the middle of a name without spaces (Chinese).

    >>> _two_lines("Zhongshan Secondary Specialised School")
    'Zhongshan Secondary\\nSpecialised School'
    >>> _two_lines("中山斯瑞德环保设备")
    '中山斯瑞\\n德环保设备'
    """
    half = _text_width(text) / 2
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    if spaces:
        cut = min(spaces, key=lambda i: (abs(_text_width(text[:i]) - half), i))
        return text[:cut] + "\n" + text[cut + 1:]
    cut = min(range(1, len(text)), key=lambda i: (abs(_text_width(text[:i]) - half), i), default=0)
    return text[:cut] + "\n" + text[cut:] if cut else text


#: Chinese punctuation a line may end after (never start with), and opening brackets a line may start with.
_BREAK_AFTER = set("，。、；：！？）》」』·,;:")
_BREAK_BEFORE = set("《（「『")


def _is_cjk(ch: str) -> bool:
    return ord(ch) > 0x2E7F


def _segments(paragraph: str) -> list[tuple[str, bool]]:
    """A paragraph cut where a line may break: ``(segment, space before it)``.

    Breaks are at spaces, after Chinese punctuation, before an opening bracket (``发布|《通知》``) and
    before a number that follows a Chinese character (``合作关系中|199条``); never between a number and
    its measure word (``85家``).

    >>> [seg for seg, _ in _segments("示意数据：85家成员单位中80家、200条为合成数据 Illustrative")]
    ['示意数据：', '85家成员单位中', '80家、', '200条为合成数据', 'Illustrative']
    """
    out: list[tuple[str, bool]] = []
    for k, word in enumerate(paragraph.split(" ")):
        segment, space = "", k > 0
        for i, ch in enumerate(word):
            before_number = ch.isdigit() and _is_cjk(word[i - 1]) and word[i - 1] not in _BREAK_AFTER
            if segment and (before_number or ch in _BREAK_BEFORE):
                out.append((segment, space))
                segment, space = "", False
            segment += ch
            if ch in _BREAK_AFTER and _is_cjk(ch) and i + 1 < len(word):
                out.append((segment, space))
                segment, space = "", False
        out.append((segment, space))
    return out


def wrap(text: str, width_in: float, fontsize: float) -> str:
    """Break ``text`` into lines that fit ``width_in`` inches at ``fontsize`` points (CJK counted double).

    Breaks at spaces, after Chinese punctuation and before numbers (:func:`_segments`); a run of
    Chinese without any of these is cut where it must be, but never so that one character stands
    alone on a line (the last line of a paragraph takes a second character from the line above).

    >>> print(wrap("示意数据 · Illustrative: 80 of 85 members are synthetic", 1.5, 8))
    示意数据 · Illustrative:
    80 of 85 members are
    synthetic
    >>> print(wrap("示意数据：85家成员单位中80家、200条合作关系中199条为合成数据", 3.35, 7.5))
    示意数据：85家成员单位中80家、200条合作关系中
    199条为合成数据
    >>> print(wrap("示意数据：十二个字没有任何可断开处", 1.4, 8))  # 11 characters fit: 处 keeps company
    示意数据：
    十二个字没有任何可断
    开处
    """
    limit = max(8, int(width_in * 72 / (fontsize * 0.55)))
    lines: list[str] = []
    for paragraph in text.split("\n"):
        first = len(lines)
        line = ""
        for segment, space in _segments(paragraph):
            candidate = f"{line}{' ' if space and line else ''}{segment}"
            if _text_width(candidate) <= limit:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = segment
            while _text_width(line) > limit:  # a long run without a break: cut it, leaving no orphan
                cut = 0
                while _text_width(line[: cut + 1]) <= limit:
                    cut += 1
                if len(line) - cut == 1 and cut > 2:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
        last = lines[-1]
        before = lines[-2] if len(lines) - first > 1 else ""
        if len(last) == 1 and _is_cjk(last) and len(before) > 2 and _is_cjk(before[-1]) and before[-1] not in _BREAK_AFTER:
            lines[-2:] = [before[:-1], before[-1] + last]
    return "\n".join(lines)


def annotate(fig: Figure, text: FigureText) -> Figure:
    """Draw the title, subtitle, synthetic-data notice, note and source line on a figure.

    Title, subtitle and notice stack above everything the figure draws; the note and the
    source line sit below it; each is wrapped to the figure's width. Saving with
    ``bbox_inches="tight"`` (as :func:`chanjiao_utils.export.save_figure` does) keeps all of them.
    """
    width, height = fig.get_figwidth(), fig.get_figheight()
    # How far tick labels and legends reach. get_tightbbox lays them out itself: a draw first (as before) gave the
    # same bytes for every figure of the report and took about a fifth of notebook 07's time (cProfile).
    box = fig.get_tightbbox(fig.canvas.get_renderer())  # inches
    to_fig = fig.dpi_scale_trans + fig.transFigure.inverted()
    left, bottom = to_fig.transform((box.x0, box.y0))
    _, top = to_fig.transform((box.x1, box.y1))
    above = [(text.title, 11, "black")]
    if text.subtitle:
        above.append((text.subtitle, 8, "#444444"))
    if text.notice:
        above.append((text.notice, 7.5, "#B00000"))
    y = top + 0.06 / height
    for line, size, colour in reversed(above):
        wrapped = wrap(line, width, size)
        fig.text(left, y, wrapped, ha="left", va="bottom", linespacing=1.3, fontsize=size, color=colour)
        y += (wrapped.count("\n") + 1) * size * 1.45 / 72 / height
    prefix = {"zh": "来源：", "en": "Source: "}.get(text.lang, "来源 Source: ")
    below = ([(text.note, 7, "#222222")] if text.note else []) + [(f"{prefix}{text.source}", 6.5, "#444444")]
    y = bottom - 0.06 / height
    for line, size, colour in below:
        wrapped = wrap(line, width, size)
        fig.text(left, y, wrapped, ha="left", va="top", linespacing=1.3, fontsize=size, color=colour)
        y -= (wrapped.count("\n") + 1) * size * 1.45 / 72 / height
    return fig


#: An axis word: plain text, or a (Chinese, English) pair that follows ``lang``.
Words = str | tuple[str, str]


def words(label: Words, lang: Lang = "both") -> str:
    """An axis word in the figure's language: a ``(zh, en)`` pair is picked by :func:`say`, a string kept.

    >>> words(("单位数", "organisations"), "en"), words("E-I", "zh")
    ('organisations', 'E-I')
    """
    return say(label[0], label[1], lang, sep=" ") if isinstance(label, tuple) else label


def sector_handles(sector_names: Mapping[str, str]) -> list[matplotlib.lines.Line2D]:
    """Legend entries for the sectors, in the 政行企研校 order, with their colour and marker."""
    return [
        matplotlib.lines.Line2D([], [], marker=SECTOR_MARKERS[s], linestyle="", markersize=6,
                                markerfacecolor=SECTOR_COLOURS[s], markeredgecolor="#333333",
                                markeredgewidth=0.4, label=sector_names[s])
        for s in SECTOR_ORDER if s in sector_names
    ]
