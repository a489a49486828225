"""One figure style for every notebook, and the figures the notebooks draw.

Chinese needs a font matplotlib can embed in PDF as TrueType: the Noto Sans SC
``.ttf`` shipped in the ``zhplot`` wheel (DESIGN §7; the Debian and Source Han
``.otf`` fonts turn invisible in some PDF viewers). It is registered in memory,
without importing zhplot, by :func:`rc_params`.

Sectors keep one colour and one marker in every figure. The words around a figure
come from :mod:`chanjiao_utils.figure_text`; :func:`annotate` draws them, including
the notice on every figure that rests on synthetic rows. Axis words follow
``lang`` (``zh``, ``en`` or ``both``).

>>> import matplotlib.pyplot as plt
>>> with style():
...     fig, ax = plt.subplots()
...     _ = ax.set_title("中山市中等专业学校")
>>> plt.close(fig)
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import matplotlib
import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from . import paths
from .figure_text import FigureText, Lang, say

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

#: Figure widths in inches: one report column (8.5 cm), a full page width (17 cm), a 16:9 slide.
#: Bars and dots that stand for no sector (one per consortium); the reference is drawn in red over them.
NEUTRAL_COLOUR = "#8C9DB5"

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


def sector_labels(sectors: pd.DataFrame, lang: Lang = "both") -> dict[str, str]:
    """Display names of the sectors from the data package's ``sectors`` table, e.g. ``政 Government``."""
    return {code: say(row["name_zh"], row["name_en"], lang, sep=" ") for code, row in sectors.iterrows()}


#: Gould–Fernandez brokerage roles in Chinese and English.
ROLE_NAMES = {
    "coordinator": ("协调者", "coordinator"),
    "itinerant": ("巡回者", "itinerant"),
    "gatekeeper": ("守门人", "gatekeeper"),
    "representative": ("代表者", "representative"),
    "liaison": ("联络者", "liaison"),
}


def role_labels(lang: Lang = "both") -> dict[str, str]:
    """Display names of the brokerage roles, e.g. ``联络者 liaison``.

    >>> role_labels("zh")["liaison"]
    '联络者'
    """
    return {role: say(zh, en, lang, sep=" ") for role, (zh, en) in ROLE_NAMES.items()}


def area_labels(areas: pd.DataFrame, lang: Lang = "both") -> dict[int, str]:
    """Display names of the twelve areas, numbered: ``2 岗位实习`` (zh), ``2 Workplace internships`` (en)."""
    return {int(code): f"{int(code)} " + say(row["name_zh"], row["name_en"], lang, sep=" / ")
            for code, row in areas.iterrows()}


def _compress_radially(pos: Mapping[Any, Any], power: float = 0.55) -> dict[Any, tuple[float, float]]:
    """Pull far-flung nodes in and spread the dense core: distance d from the centroid becomes d ** ``power``.

    A spring layout puts long chains of weakly tied organisations far out, which squeezes the core
    (where the labels are) into the middle of the map; this keeps every node's direction.

    >>> out = _compress_radially({"a": (0.0, 0.0), "b": (4.0, 0.0), "c": (-4.0, 0.0)})
    >>> [round(out[n][0], 2) for n in "abc"]  # 4 ** 0.55 = 2.14
    [0.0, 2.14, -2.14]
    """
    import math

    if len(pos) < 3:
        return {n: (float(x), float(y)) for n, (x, y) in pos.items()}
    cx = sum(float(x) for x, _ in pos.values()) / len(pos)
    cy = sum(float(y) for _, y in pos.values()) / len(pos)
    out = {}
    for n, (x, y) in pos.items():
        dx, dy = float(x) - cx, float(y) - cy
        d = math.hypot(dx, dy)
        scale = d ** power / d if d > 0 else 0.0
        out[n] = (dx * scale, dy * scale)
    return out


def _row_positions(row: Sequence[str], label_width: Mapping[str, float], step: float) -> list[float]:
    """Places along the bottom row (0 to 1) so that no two labels on the same side overlap.

    Labels alternate above and below the row, in row order; ``label_width`` gives a labelled
    node's label width and ``step`` the least distance between two nodes, both as fractions
    of the row. Nodes go left to right, each as far left as its step and the labels already
    placed on its side allow; a row shorter than 1 is then spread out (labels keep their
    distance), a longer one is squeezed in (and :func:`repel_labels` moves what then overlaps).

    >>> [round(x, 3) for x in _row_positions(["a", "b", "c"], {"a": 0.4, "c": 0.4}, 0.1)]  # a above, c below
    [0.333, 0.5, 0.667]
    >>> [round(x, 3) for x in _row_positions(["a", "b", "c", "d"], {"a": 0.3, "b": 0.3, "c": 0.3}, 0.05)]
    [0.24, 0.32, 0.76, 0.84]
    """
    gap = step / 2
    edge = [-gap, -gap]  # right edge of the last label above, below
    xs: list[float] = []
    labelled = 0
    for n in row:
        x = xs[-1] + step if xs else step / 2
        width = label_width.get(n)
        if width:
            side = labelled % 2
            labelled += 1
            x = max(x, edge[side] + gap + width / 2)
            edge[side] = x + width / 2
        xs.append(x)
    if not xs:
        return xs
    end = max(xs[-1] + step / 2, *edge)
    return [round(x / end, 12) for x in xs]


def layout(
    graph: nx.Graph, seed: int = 7, label_width: Mapping[str, float] | None = None
) -> dict[str, tuple[float, float]]:
    """Seeded positions: the largest component by spring layout in the upper part of a unit square,
    every other component (small groups, isolates) in a row along the bottom, largest first.

    Separating the pieces keeps isolates from being flung to the margins and keeps labels readable.
    ``label_width`` gives the width of a node's label as a fraction of the map's width; the
    bottom row leaves room for them (:func:`_row_positions`).
    """
    from .measures.structure import components

    parts = components(graph)
    pos: dict[str, tuple[float, float]] = {}
    if not parts:
        return pos
    main = graph.subgraph(parts[0])
    raw = nx.spring_layout(main, seed=seed, weight="weight", k=1.8 / max(1, len(parts[0])) ** 0.5)
    raw = _compress_radially(raw)
    xs, ys = zip(*raw.values()) if raw else ((0.0,), (0.0,))
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    bottom = 0.22 if len(parts) > 1 else 0.0
    for n, (x, y) in raw.items():
        pos[n] = (float((x - min(xs)) / span_x), float(bottom + (1 - bottom) * (y - min(ys)) / span_y))
    row = [n for part in parts[1:] for n in part]
    for n, x in zip(row, _row_positions(row, label_width or {}, step=min(0.04, 1.0 / max(1, len(row))))):
        pos[n] = (x, 0.0)
    return pos


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


def draw_network(
    graph: nx.Graph,
    ax: matplotlib.axes.Axes,
    *,
    labels: Mapping[str, str] | None = None,
    size: Mapping[str, float] | None = None,
    seed: int = 7,
) -> dict[str, tuple[float, float]]:
    """Draw an organisation graph: sector colours and markers, attested ties solid, synthetic ties dashed.

    ``labels`` maps node ids to the text shown (others unlabelled; a label wider than a fifth
    of the map takes two lines); ``size`` maps node
    ids to a value scaled to marker area. The layout (:func:`layout`) is seeded, so the
    same graph is drawn the same way every time. Returns the positions used.
    """
    fontsize = 7
    row_points = ax.get_position().width * ax.figure.get_figwidth() * 72 / 1.1  # the row spans 1 of xlim's 1.1
    labels = {n: _two_lines(t) if _label_width_points(t, fontsize) > 0.22 * row_points else t
              for n, t in (labels or {}).items()}  # a long name takes two lines
    pad = 2 * 0.15 * fontsize + 6  # the label box's padding, and some air
    pos = layout(graph, seed=seed,
                 label_width={n: (_label_width_points(t, fontsize) + pad) / row_points for n, t in labels.items()})
    values = {n: float((size or {}).get(n, 1.0)) for n in graph.nodes}
    top = max(values.values(), default=1.0) or 1.0
    for provenance, props in (("synthetic", {"width": 0.5, "edge_color": "#9A9A9A", "alpha": 0.6, "style": "dashed"}),
                              ("attested", {"width": 1.8, "edge_color": "#222222"})):
        edges = [e for e in graph.edges if graph.edges[e].get("provenance") == provenance]
        nx.draw_networkx_edges(graph, pos, ax=ax, edgelist=edges, **props)
    for sector in (*SECTOR_ORDER, None):
        nodes = sorted(n for n in graph.nodes if (graph.nodes[n].get("sector") if graph.nodes[n].get("sector") in SECTOR_ORDER else None) == sector)
        if not nodes:
            continue
        nx.draw_networkx_nodes(
            graph, pos, ax=ax, nodelist=nodes, node_size=[20 + 180 * values[n] / top for n in nodes],
            node_color=SECTOR_COLOURS.get(sector or "", OTHER_COLOUR), node_shape=SECTOR_MARKERS.get(sector or "", "o"),
            edgecolors="#333333", linewidths=0.4,
        )
    in_row = sorted((n for n in labels if pos[n][1] == 0.0), key=lambda n: pos[n][0])
    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(-0.1, 1.05)
    ax.set_axis_off()
    placed = []
    for n, text in sorted(labels.items()):
        x, y = pos[n]
        below = n in in_row and in_row.index(n) % 2 == 1  # alternate above/below along the bottom row
        placed.append(ax.annotate(
            text, (x, y), xytext=(0, -7 if below else 7), textcoords="offset points",
            ha="center", va="top" if below else "bottom", fontsize=fontsize, annotation_clip=False,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.75},
            arrowprops={"arrowstyle": "-", "linewidth": 0.4, "color": "#555555", "shrinkA": 0, "shrinkB": 2}))
    repel_labels(ax, placed)
    return pos


def _overlap(a: Any, b: Any, pad: float) -> tuple[float, float]:
    """How far two display boxes overlap along x and y (<= 0 when they do not)."""
    return (min(a.x1, b.x1) - max(a.x0, b.x0) + pad, min(a.y1, b.y1) - max(a.y0, b.y0) + pad)


def repel_labels(ax: matplotlib.axes.Axes, annotations: Sequence[Any], *, steps: int = 60, pad: float = 4.0) -> int:
    """Move overlapping labels (annotations in offset points) apart, deterministically; return the moves made.

    Each step finds every overlapping pair and pushes the two apart along the axis where they
    overlap less (vertically on a tie), half the overlap each, the upper (or right) one up (or
    right). A label pushed more than a few points from its node keeps its leader line (if the
    annotation has one); the others hide it.
    """
    if len(annotations) < 2:
        return 0
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    to_points = 72 / fig.dpi
    moves = 0
    for _ in range(steps):
        boxes = []
        for a in annotations:  # the text alone (an annotation's own extent includes its leader line)
            a.update_positions(renderer)
            boxes.append(matplotlib.text.Text.get_window_extent(a, renderer))
        shift = [[0.0, 0.0] for _ in annotations]
        for i in range(len(annotations)):
            for j in range(i + 1, len(annotations)):
                dx, dy = _overlap(boxes[i], boxes[j], pad)
                if dx <= 0 or dy <= 0:
                    continue
                ci = ((boxes[i].x0 + boxes[i].x1) / 2, (boxes[i].y0 + boxes[i].y1) / 2)
                cj = ((boxes[j].x0 + boxes[j].x1) / 2, (boxes[j].y0 + boxes[j].y1) / 2)
                if dy <= dx:
                    sign = 1.0 if (ci[1], -i) >= (cj[1], -j) else -1.0
                    shift[i][1] += sign * dy / 2
                    shift[j][1] -= sign * dy / 2
                else:
                    sign = 1.0 if (ci[0], -i) >= (cj[0], -j) else -1.0
                    shift[i][0] += sign * dx / 2
                    shift[j][0] -= sign * dx / 2
        if not any(x or y for x, y in shift):
            break
        for a, (sx, sy) in zip(annotations, shift):
            if sx or sy:
                ox, oy = a.xyann
                a.xyann = (ox + sx * to_points, oy + sy * to_points)
                moves += 1
    for a in annotations:
        ox, oy = a.xyann
        if a.arrow_patch is not None:
            a.arrow_patch.set_visible(abs(ox) > 4 or abs(oy) > 12)
    return moves


def display_name(attrs: Mapping[str, Any], lang: Lang = "zh") -> str:
    """The short name when the data has one, else the Chinese name; with ``lang="en"`` the English name if any.

    Company-form suffixes (股份有限公司, 有限公司; Co. Ltd.) are left off a label; the data keeps them.

    >>> display_name({"name_zh": "中山市中等专业学校", "short_name": "中山中专"})
    '中山中专'
    >>> display_name({"name_zh": "广东世宇科技股份有限公司", "short_name": None})
    '广东世宇科技'
    >>> display_name({"name_zh": "广东世宇科技股份有限公司", "name_en": "Guangdong Shiyu Technology Co. Ltd."}, "en")
    'Guangdong Shiyu Technology'
    """
    english = attrs.get("name_en") if lang == "en" else None
    name = str(english if isinstance(english, str) and english else attrs.get("short_name") or attrs.get("name_zh") or "")
    for suffix in ("股份有限公司", "有限责任公司", "有限公司", " Co. Ltd.", " Co., Ltd.", " Ltd."):
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
    lang: Lang = "both",
) -> Figure:
    """The network map: sectors coloured, node size by ``size`` (degree by default), ties dashed when synthetic.

    Labelled: every organisation with a lead role, and the ``label_top`` others with the
    largest ``size`` (ties broken by id); names in English when ``lang="en"`` and the data has them.
    Overlapping labels are moved apart (:func:`repel_labels`).
    """
    size = dict(size) if size is not None else dict(graph.degree())
    lead = [n for n in sorted(graph.nodes) if graph.nodes[n].get("lead_role") not in (None, "none")]
    others = sorted((n for n in graph.nodes if n not in lead), key=lambda n: (-size.get(n, 0), n))[:label_top]
    labels = {n: display_name(graph.nodes[n], "en" if lang == "en" else "zh") for n in lead + others}
    fig, ax = plt.subplots(figsize=(WIDTH[width], WIDTH[width] * 0.8))
    draw_network(graph, ax, labels=labels, size=size, seed=seed)
    ax.legend(handles=sector_handles(sector_names), frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0),
              ncol=len(sector_names), fontsize=7, handletextpad=0.2, columnspacing=0.8)
    annotate(fig, text)
    return fig


def interactive_map(graph: nx.Graph, *, lang: Lang = "zh", seed: int = 7, height: int = 520) -> Any:
    """The network map as an ipysigma widget for JupyterLab: zoom, search, hover for every attribute.

    Nodes keep the sector colours of the printed map and the same seeded positions (:func:`layout`),
    sized by number of partners and labelled with :func:`display_name` (English when ``lang="en"``);
    attested ties dark, synthetic ties light. The layout does not run in the browser, so the view is
    the same every time. The widget renders offline from the state saved in the notebook (DESIGN §7);
    static HTML pages show no widget.
    """
    from ipysigma import Sigma  # imported here: only notebooks that show the widget need it

    from .export import graph_for_export

    clean = graph_for_export(graph)
    for node in clean.nodes:
        clean.nodes[node]["label"] = display_name(graph.nodes[node], "en" if lang == "en" else "zh")
    pos = layout(graph, seed=seed)
    return Sigma(
        clean, height=height, start_layout=False,
        layout={n: {"x": round(x * 1000, 3), "y": round(-y * 1000, 3)} for n, (x, y) in pos.items()},
        node_color="sector", node_color_palette=SECTOR_COLOURS, default_node_color=OTHER_COLOUR,
        node_size=dict(graph.degree()), node_label="label",
        edge_color="provenance", edge_color_palette={"attested": "#222222", "synthetic": "#BBBBBB"},
        default_edge_size=1,
    )


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


def heatmap(
    matrix: pd.DataFrame,
    text: FigureText,
    *,
    row_labels: Mapping[Any, str] | None = None,
    col_labels: Mapping[Any, str] | None = None,
    xlabel: Words = "",
    ylabel: Words = "",
    fmt: str = "{:.0f}",
    cmap: str = "Blues",
    width: str = "page",
    cell_height: float = 0.28,
    lang: Lang = "both",
) -> Figure:
    """A labelled heat map of a table (rows × columns), every cell written out so it reads in greyscale too.

    Zeros are written as ``0``, never left blank: a thin area must show as thin. Axis words
    given as ``(zh, en)`` pairs follow ``lang``.
    """
    rows, cols = list(matrix.index), list(matrix.columns)
    values = matrix.to_numpy(dtype=float)
    fig, ax = plt.subplots(figsize=(WIDTH[width], cell_height * len(rows) + 1.2))
    image = ax.imshow(values, cmap=cmap, aspect="auto", vmin=0 if (values >= 0).all() else None)
    ax.set_xticks(range(len(cols)), [(col_labels or {}).get(c, str(c)) for c in cols], rotation=35, ha="right",
                  rotation_mode="anchor", fontsize=7)
    ax.set_yticks(range(len(rows)), [(row_labels or {}).get(r, str(r)) for r in rows], fontsize=7)
    ax.tick_params(length=0)
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    high = (values.max() if values.size else 0) * 0.6
    for i in range(len(rows)):
        for j in range(len(cols)):
            v = values[i, j]
            ax.text(j, i, "" if v != v else fmt.format(v), ha="center", va="center", fontsize=6.5,
                    color="white" if v > high else "black")
    ax.set_xlabel(words(xlabel, lang))
    ax.set_ylabel(words(ylabel, lang))
    fig.colorbar(image, ax=ax, fraction=0.03, pad=0.02).ax.tick_params(labelsize=6)
    annotate(fig, text)
    return fig


def affiliation_order(matrix: pd.DataFrame, sectors: Mapping[Any, str]) -> list[Any]:
    """Rows of an organisation × area matrix grouped by sector (政行企研校), most areas first, then by id.

    >>> m = pd.DataFrame({1: [1, 0, 1], 2: [1, 0, 0]}, index=["S02", "E01", "S01"])
    >>> affiliation_order(m, {"S01": "school", "S02": "school", "E01": "enterprise"})
    ['E01', 'S02', 'S01']
    """
    rank = {s: i for i, s in enumerate(SECTOR_ORDER)}
    totals = matrix.sum(axis=1)
    return sorted(matrix.index, key=lambda r: (rank.get(sectors.get(r), len(rank)), -int(totals[r]), str(r)))


def affiliation_chart(
    matrix: pd.DataFrame,
    sectors: Mapping[Any, str],
    text: FigureText,
    sector_names: Mapping[str, str],
    *,
    row_labels: Mapping[Any, str] | None = None,
    col_labels: Mapping[Any, str] | None = None,
    lang: Lang = "both",
    width: str = "page",
    row_height: float = 0.085,
) -> Figure:
    """An organisation × area (two-mode) matrix: one row per organisation, grouped by sector, a dark cell
    where it takes part. Sized for a full page at 85 rows.

    ``matrix`` has organisations in rows and areas in columns (e.g. the transpose of
    :func:`chanjiao_utils.measures.coverage_matrix` with ``by="organisation"``). Rows are
    ordered by :func:`affiliation_order`; a strip in each sector's colour, with its marker and
    name, marks the groups, so greyscale works. Columns are numbered; ``col_labels`` (e.g.
    :func:`area_labels`) are written as a key below the matrix.
    """
    import numpy as np

    rows = affiliation_order(matrix, sectors)
    cols = list(matrix.columns)
    values = matrix.loc[rows, cols].to_numpy(dtype=float)
    height = row_height * len(rows) + 1.0
    fig, ax = plt.subplots(figsize=(WIDTH[width], height))
    cmap = matplotlib.colors.ListedColormap(["#F3F3F3", "#2B2B2B"])
    ax.imshow(values, cmap=cmap, vmin=0, vmax=1, aspect="auto", interpolation="nearest",
              extent=(-0.5, len(cols) - 0.5, len(rows) - 0.5, -0.5))
    # white lines between the cells: two line collections (minor ticks would make a Tick object per line)
    ax.vlines(np.arange(len(cols) + 1) - 0.5, -0.5, len(rows) - 0.5, colors="white", linewidth=0.4)
    ax.hlines(np.arange(len(rows) + 1) - 0.5, -0.5, len(cols) - 0.5, colors="white", linewidth=0.4)
    ax.set_xlim(-0.5, len(cols) - 0.5)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.tick_params(which="both", length=0)
    ax.xaxis.tick_top()
    ax.set_xticks(range(len(cols)), [str(c) for c in cols], fontsize=7)
    label_size = min(7.0, max(4.5, row_height * 72 * 0.8))
    # Row labels where y tick labels of zero-length ticks stand (same pixels), as plain texts: 85 Tick objects
    # were about a fifth of the chart's time.
    ax.set_yticks([])
    at_label = (matplotlib.transforms.blended_transform_factory(ax.transAxes, ax.transData)
                + matplotlib.transforms.ScaledTranslation(-matplotlib.rcParams["ytick.major.pad"] / 72, 0,
                                                          fig.dpi_scale_trans))
    for i, r in enumerate(rows):
        ax.text(0, i, (row_labels or {}).get(r, str(r)), transform=at_label, ha="right", va="center_baseline",
                fontsize=label_size)
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    # the sector strip: one coloured bar per group, with its marker and name, left of the row labels' gutter
    strip = ax.inset_axes((1.01, 0, 0.025, 1), transform=ax.transAxes)
    strip.set_xlim(0, 1)
    strip.set_ylim(len(rows) - 0.5, -0.5)
    strip.set_axis_off()
    start = 0
    for i in range(1, len(rows) + 1):
        if i == len(rows) or sectors.get(rows[i]) != sectors.get(rows[start]):
            sector = sectors.get(rows[start])
            strip.add_patch(matplotlib.patches.Rectangle(
                (0, start - 0.5), 1, i - start, facecolor=SECTOR_COLOURS.get(sector or "", OTHER_COLOUR),
                edgecolor="#333333", linewidth=0.4))
            middle = (start + i - 1) / 2
            strip.plot([0.5], [middle], marker=SECTOR_MARKERS.get(sector or "", "o"), markersize=4,
                       markerfacecolor="white", markeredgecolor="#333333", markeredgewidth=0.5)
            strip.text(1.6, middle, f"{sector_names.get(sector, sector)} ({i - start})", va="center", ha="left",
                       fontsize=7, clip_on=False)
            if i < len(rows):
                ax.axhline(i - 0.5, color="#333333", linewidth=0.8)
            start = i
    if col_labels:  # no-break spaces keep each item of the key on one line
        key = "   ".join(col_labels.get(c, str(c)).replace(" ", "\u00a0") for c in cols)
        ax.text(0, -0.012, wrap(key, WIDTH[width] * 0.95, 7), transform=ax.transAxes, va="top", ha="left",
                fontsize=7, linespacing=1.35)
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


def _inline_png_kernel() -> bool:
    """Whether figures are shown by matplotlib-inline in a Jupyter kernel, as PNG with its default settings."""
    if matplotlib.get_backend() != "module://matplotlib_inline.backend_inline":
        return False
    from IPython import get_ipython
    from matplotlib_inline.config import InlineBackend

    settings = InlineBackend.instance()
    return (get_ipython() is not None and set(settings.figure_formats) == {"png"}
            and settings.print_figure_kwargs == {"bbox_inches": "tight"})


def inline_png(fig: Figure) -> str | None:
    """The PNG (base64) that matplotlib-inline shows for ``fig``, made with one layout pass fewer.

    matplotlib-inline saves with ``bbox_inches="tight"``, which lays the figure out once (drawing
    without rendering) before measuring it; measuring directly gives the same box, and the same
    bytes (tests/test_plotting.py), in about a sixth less time. ``None`` for an empty figure, as there.
    """
    from IPython.core.pylabtools import print_figure

    box = fig.get_tightbbox(fig.canvas.get_renderer()).padded(matplotlib.rcParams["savefig.pad_inches"])
    return print_figure(fig, "png", bbox_inches=box, base64=True)


def show(fig: Figure) -> None:
    """Show a figure in the notebook and close it, so figures do not pile up in memory.

    In a Jupyter kernel with matplotlib-inline's default PNG output the figure goes out as the same
    output matplotlib-inline gives it (see :func:`inline_png`); anywhere else ``plt.show()`` shows it.
    """
    if not _inline_png_kernel() or not isinstance(fig.canvas, FigureCanvasAgg):
        plt.show()
        plt.close(fig)
        return
    from IPython.display import display
    from matplotlib_inline.backend_inline import _fetch_figure_metadata  # as matplotlib-inline displays a figure

    png = inline_png(fig)
    display({"text/plain": repr(fig)} | ({"image/png": png} if png else {}), raw=True,
            metadata=_fetch_figure_metadata(fig))
    plt.close(fig)  # a figure left open is shown at the end of the cell, as ever
