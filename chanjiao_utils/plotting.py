"""One figure style for every notebook: Chinese text that renders, sector colours, source lines.

Chinese needs a font matplotlib can embed in PDF as TrueType: the Noto Sans SC
``.ttf`` shipped in the ``zhplot`` wheel (DESIGN §7; the Debian and Source Han
``.otf`` fonts turn invisible in some PDF viewers). It is registered in memory,
without importing zhplot, by :func:`style`.

Every figure that rests on synthetic rows says so on the figure itself:
:func:`annotate` draws the source line and the notice.

>>> import matplotlib.pyplot as plt
>>> with style():
...     fig, ax = plt.subplots()
...     _ = ax.set_title("中山市中等专业学校")
>>> plt.close(fig)
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import matplotlib
import matplotlib.pyplot as plt
import networkx as nx
from matplotlib import font_manager
from matplotlib.figure import Figure

from . import paths
from .loading import Consortium

#: The family name of the bundled font.
CJK_FAMILY = "Noto Sans SC"

#: Sector colours, the same in every figure: Okabe–Ito hues, safe for colour-blind readers,
#: chosen to differ in lightness too so they survive greyscale printing.
SECTOR_COLOURS: dict[str, str] = {
    "government": "#000000",   # black
    "association": "#E69F00",  # orange
    "enterprise": "#56B4E9",   # sky blue
    "research": "#009E73",     # bluish green
    "school": "#D55E00",       # vermilion
}
#: Sector display order: 政、行、企、研、校.
SECTOR_ORDER = ("government", "association", "enterprise", "research", "school")

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


@dataclass(frozen=True)
class FigureText:
    """The words around a figure, kept as data, not in plotting code.

    ``notice`` is the synthetic-data warning (see :func:`synthetic_notice`); when it is
    not empty it is drawn on the figure, where no caption can lose it.
    """

    title: str
    source: str
    subtitle: str = ""
    notice: str = ""


_UNITS = {"organisations": ("家成员单位", "members"), "partnerships": ("条合作关系", "partnerships")}


def synthetic_notice(consortium: Consortium, tables: tuple[str, ...] = ("organisations", "partnerships")) -> str:
    """The notice for a figure resting on ``tables``; '' when none of their rows is synthetic.

    >>> from chanjiao_utils.loading import load
    >>> synthetic_notice(load(), ("organisations",))
    '示意数据：85家成员单位中80家为合成数据\\nIllustrative: 80 of 85 members are synthetic'
    """
    counts = consortium.provenance_counts()
    parts = [(int(counts.loc[t, "synthetic"]), int(counts.loc[t, "total"]), *_UNITS[t]) for t in tables]
    parts = [p for p in parts if p[0]]
    if not parts:
        return ""
    zh = "、".join(f"{total}{unit_zh}中{n}{unit_zh[0]}" for n, total, unit_zh, _ in parts)
    en = " and ".join(f"{n} of {total} {unit_en}" for n, total, _, unit_en in parts)
    return f"示意数据：{zh}为合成数据\nIllustrative: {en} are synthetic"


def _text_width(text: str) -> int:
    """Width in half-width units: CJK and full-width characters count two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def wrap(text: str, width_in: float, fontsize: float) -> str:
    """Break ``text`` into lines that fit ``width_in`` inches at ``fontsize`` points (CJK counted double).

    Breaks at spaces where it can, anywhere in a run of CJK characters otherwise.

    >>> print(wrap("示意数据 · Illustrative: 80 of 85 members are synthetic", 1.5, 8))
    示意数据 · Illustrative:
    80 of 85 members are
    synthetic
    """
    limit = max(8, int(width_in * 72 / (fontsize * 0.55)))
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if _text_width(candidate) <= limit:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = word
            while _text_width(line) > limit:  # a long CJK run: cut it
                cut = 0
                while _text_width(line[: cut + 1]) <= limit:
                    cut += 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return "\n".join(lines)


def annotate(fig: Figure, text: FigureText) -> Figure:
    """Draw the title, subtitle, synthetic-data notice (when there is one) and source line on a figure.

    Title, subtitle and notice stack above everything the figure draws, the source line below it,
    each wrapped to the figure's width; saving with ``bbox_inches="tight"`` (as
    :func:`chanjiao_utils.export.save_figure` does) keeps all of them.
    """
    width = fig.get_figwidth()
    fig.canvas.draw()  # to know how far tick labels and legends reach
    box = fig.get_tightbbox(fig.canvas.get_renderer())  # inches
    to_fig = fig.dpi_scale_trans + fig.transFigure.inverted()
    left, bottom = to_fig.transform((box.x0, box.y0))
    _, top = to_fig.transform((box.x1, box.y1))
    lines = [(text.title, {"fontsize": 11, "color": "black"})]
    if text.subtitle:
        lines.append((text.subtitle, {"fontsize": 8, "color": "#444444"}))
    if text.notice:
        lines.append((text.notice, {"fontsize": 7.5, "color": "#B00000"}))
    y = top + 0.06 / fig.get_figheight()
    for line, props in reversed(lines):
        wrapped = wrap(line, width, props["fontsize"])
        fig.text(left, y, wrapped, ha="left", va="bottom", linespacing=1.3, **props)
        y += (wrapped.count("\n") + 1) * props["fontsize"] * 1.45 / 72 / fig.get_figheight()
    fig.text(left, bottom - 0.06 / fig.get_figheight(), wrap(f"来源 Source: {text.source}", width, 6.5),
             ha="left", va="top", fontsize=6.5, color="#444444", linespacing=1.3)
    return fig


def sector_legend(ax: matplotlib.axes.Axes, sector_names: Mapping[str, str], **kwargs: Any) -> None:
    """A legend of sector colours, in the 政行企研校 order, labelled with ``sector_names``."""
    handles = [
        matplotlib.lines.Line2D([], [], marker="o", linestyle="", markersize=6,
                                markerfacecolor=SECTOR_COLOURS[s], markeredgecolor="white", label=sector_names[s])
        for s in SECTOR_ORDER if s in sector_names
    ]
    ax.legend(handles=handles, frameon=False, **kwargs)


def layout(graph: nx.Graph, seed: int = 7, room: Mapping[str, float] | None = None) -> dict[str, tuple[float, float]]:
    """Seeded positions: the largest component by spring layout in the upper part of a unit square,
    every other component (small groups, isolates) in a row along the bottom, largest first.

    Separating the pieces keeps isolates from being flung to the margins and keeps labels readable.
    ``room`` gives a node of the bottom row more width (e.g. for a long label); default 1 each.
    """
    from .measures.structure import components

    parts = components(graph)
    pos: dict[str, tuple[float, float]] = {}
    if not parts:
        return pos
    main = graph.subgraph(parts[0])
    raw = nx.spring_layout(main, seed=seed, weight="weight", k=1.8 / max(1, len(parts[0])) ** 0.5)
    xs, ys = zip(*raw.values()) if raw else ((0.0,), (0.0,))
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    bottom = 0.22 if len(parts) > 1 else 0.0
    for n, (x, y) in raw.items():
        pos[n] = (float((x - min(xs)) / span_x), float(bottom + (1 - bottom) * (y - min(ys)) / span_y))
    row = [n for part in parts[1:] for n in part]
    widths = [max(1.0, float((room or {}).get(n, 1.0))) for n in row]
    total = sum(widths) or 1.0
    x = 0.0
    for n, w in zip(row, widths):
        pos[n] = ((x + w / 2) / total, 0.0)
        x += w
    return pos


def draw_network(
    graph: nx.Graph,
    ax: matplotlib.axes.Axes,
    *,
    labels: Mapping[str, str] | None = None,
    size: Mapping[str, float] | None = None,
    seed: int = 7,
) -> dict[str, tuple[float, float]]:
    """Draw an organisation graph: sectors coloured, attested ties solid and dark, synthetic ties dashed grey.

    ``labels`` maps node ids to the text shown (others unlabelled); ``size`` maps node
    ids to a value scaled to marker area. The layout (:func:`layout`) is seeded, so the
    same graph is drawn the same way every time. Returns the positions used.
    """
    labels = dict(labels or {})
    pos = layout(graph, seed=seed, room={n: len(t) / 3 for n, t in labels.items()})
    nodes = sorted(graph.nodes)
    values = [float((size or {}).get(n, 1.0)) for n in nodes]
    top = max(values, default=1.0) or 1.0
    for provenance, props in (("synthetic", {"width": 0.5, "edge_color": "#9A9A9A", "alpha": 0.6, "style": "dashed"}),
                              ("attested", {"width": 1.8, "edge_color": "#222222"})):
        edges = [e for e in graph.edges if graph.edges[e].get("provenance") == provenance]
        nx.draw_networkx_edges(graph, pos, ax=ax, edgelist=edges, **props)
    nx.draw_networkx_nodes(
        graph, pos, ax=ax, nodelist=nodes, node_size=[20 + 180 * v / top for v in values],
        node_color=[SECTOR_COLOURS.get(graph.nodes[n].get("sector"), "#BBBBBB") for n in nodes],
        edgecolors="white", linewidths=0.5,
    )
    in_row = sorted((n for n in labels if pos[n][1] == 0.0), key=lambda n: pos[n][0])
    for n, text in sorted(labels.items()):
        x, y = pos[n]
        below = n in in_row and in_row.index(n) % 2 == 1  # alternate above/below along the bottom row
        ax.annotate(text, (x, y), xytext=(0, -7 if below else 7), textcoords="offset points",
                    ha="center", va="top" if below else "bottom", fontsize=7, annotation_clip=False,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.75})
    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(-0.1, 1.05)
    ax.set_axis_off()
    return pos


def close(fig: Figure) -> None:
    """Close a figure once it is saved and shown."""
    plt.close(fig)


def display_name(attrs: Mapping[str, Any]) -> str:
    """The short name when the data has one, else the Chinese name.

    Company-form suffixes (股份有限公司, 有限公司) are left off a label; the data keeps them.

    >>> display_name({"name_zh": "中山市中等专业学校", "short_name": "中山中专"})
    '中山中专'
    >>> display_name({"name_zh": "广东世宇科技股份有限公司", "short_name": None})
    '广东世宇科技'
    """
    name = str(attrs.get("short_name") or attrs.get("name_zh") or "")
    for suffix in ("股份有限公司", "有限责任公司", "有限公司"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def network_map(
    graph: nx.Graph,
    text: FigureText,
    sector_names: Mapping[str, str],
    *,
    size: Mapping[str, float] | None = None,
    label_top: int = 5,
    width: str = "page",
    seed: int = 7,
) -> Figure:
    """The network map: sectors coloured, node size by ``size`` (degree by default), ties dashed when synthetic.

    Labelled: every organisation with a lead role, and the ``label_top`` others with the
    largest ``size`` (ties broken by id).
    """
    size = dict(size) if size is not None else dict(graph.degree())
    lead = [n for n in sorted(graph.nodes) if graph.nodes[n].get("lead_role") not in (None, "none")]
    others = sorted((n for n in graph.nodes if n not in lead), key=lambda n: (-size.get(n, 0), n))[:label_top]
    labels = {n: display_name(graph.nodes[n]) for n in lead + others}
    fig, ax = plt.subplots(figsize=(WIDTH[width], WIDTH[width] * 0.8))
    draw_network(graph, ax, labels=labels, size=size, seed=seed)
    sector_legend(ax, sector_names, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(sector_names),
                  fontsize=7, handletextpad=0.2, columnspacing=0.8)
    annotate(fig, text)
    return fig


def composition_chart(table: Any, text: FigureText, labels: Mapping[str, str] | None = None, width: str = "column") -> Figure:
    """Horizontal stacked bars of a :func:`chanjiao_utils.measures.composition` table: attested dark, synthetic hatched."""
    labels = dict(labels or {})
    rows = list(table.index)[::-1]
    fig, ax = plt.subplots(figsize=(WIDTH[width], 0.35 * len(rows) + 0.9))
    y = range(len(rows))
    attested = [int(table.loc[r, "attested"]) for r in rows]
    synthetic = [int(table.loc[r, "synthetic"]) for r in rows]
    ax.barh(y, attested, color="#333333", label="有来源 attested")
    ax.barh(y, synthetic, left=attested, color="#DDDDDD", hatch="////", edgecolor="#888888", linewidth=0.4,
            label="合成 synthetic")
    ax.set_yticks(list(y), [labels.get(r, str(r)) for r in rows])
    for yi, a, s in zip(y, attested, synthetic):
        ax.text(a + s, yi, f" {a + s}", va="center", fontsize=7)
    ax.set_xlabel("单位数 organisations")
    ax.legend(frameon=False, fontsize=7, loc="lower right")
    annotate(fig, text)
    return fig


def degree_histogram(distribution: Any, text: FigureText, width: str = "column") -> Figure:
    """Bar chart of a :func:`chanjiao_utils.measures.degree_distribution` table."""
    fig, ax = plt.subplots(figsize=(WIDTH[width], WIDTH[width] * 0.7))
    ax.bar(distribution["degree"], distribution["organisations"], color="#56B4E9", edgecolor="#1F5F8B", linewidth=0.5)
    ax.set_xlabel("合作单位数 degree (number of partners)")
    ax.set_ylabel("单位数 organisations")
    annotate(fig, text)
    return fig
