"""The network map as one standalone HTML page that works offline: the printed map as inline SVG, and a little
JavaScript (no library) for hovering, highlighting, searching, zooming and panning.

Nothing is loaded from the web: the script and styles (``templates/map_page/`` beside the offline notebook
template) are written into the page, the Chinese glyphs it uses are carried as a web font
(:func:`chanjiao_utils.pages.font_face`). Every text from the data is escaped, and the node data sits in a
``<script type="application/json">`` where ``</script>`` in a name cannot end it. The same input gives the same
bytes.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from ..figure_text import FigureText, Lang
from .network import map_labels, map_positions, network_map, size_samples
from .theme import OTHER_COLOUR, SECTOR_COLOURS, SECTOR_MARKERS, SECTOR_ORDER, Words, words

ASSETS = Path(__file__).resolve().parent.parent / "templates" / "map_page"

#: The page's own words, by language.
PAGE_WORDS = {
    "zh": {"sector": "所属方", "kind": "单位类型", "tier": "理事会职务", "partners": "合作单位数",
           "provenance": "数据性质", "source": "来源", "attested_tie": "有来源的合作关系", "synthetic_tie": "合成的合作关系",
           "ties": "合作关系", "search": "搜索单位（中文或英文名称）", "zoom_in": "放大", "zoom_out": "缩小",
           "reset": "复位", "matches": "个匹配", "prefix": "来源：", "map": "合作网络图",
           "help": "悬停或用 Tab 键聚焦节点查看详情；点击节点突出其合作单位，点击空白处复原；滚轮缩放，拖动平移。"},
    "en": {"sector": "Sector", "kind": "Kind", "tier": "Council tier", "partners": "Partners",
           "provenance": "Provenance", "source": "source", "attested_tie": "attested tie",
           "synthetic_tie": "synthetic tie", "ties": "Ties", "search": "Search an organisation (Chinese or English name)", "zoom_in": "Zoom in",
           "zoom_out": "Zoom out", "reset": "Reset", "matches": "found", "prefix": "Source: ", "map": "Network map",
           "help": "Hover over a node, or reach it with Tab, to see its details; click a node to highlight its "
                   "partners, click the background to reset; wheel to zoom, drag to pan."},
}
#: How ties are drawn, as on the printed map (:func:`~chanjiao_utils.plotting.draw_network`), in points.
TIE_STYLE = {"synthetic": 'stroke="#9A9A9A" stroke-width="0.5" stroke-opacity="0.6" stroke-dasharray="1.85 0.8"',
             "attested": 'stroke="#222222" stroke-width="1.8"'}
_MARKER_POINTS = {"s": ((-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5)),  # matplotlib's markers, y upwards
                  "D": ((0.0, -0.7071), (0.7071, 0.0), (0.0, 0.7071), (-0.7071, 0.0)),
                  "^": ((0.0, 0.5), (-0.5, -0.5), (0.5, -0.5)), "v": ((0.0, -0.5), (0.5, 0.5), (-0.5, 0.5))}


def _n(value: float) -> str:
    """A coordinate with two decimals, never ``-0.00``.

    >>> _n(1.005), _n(-0.001), _n(12)
    ('1.00', '0.00', '12.00')
    """
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text


def marker(shape: str, x: float, y: float, area: float, attrs: str = "") -> str:
    """An SVG element for a matplotlib marker (``o s D ^ v``) of ``area`` points² centred at (x, y), y down.

    >>> marker("s", 10, 10, 4)
    '<polygon points="9.00,11.00 11.00,11.00 11.00,9.00 9.00,9.00"/>'
    """
    side = area ** 0.5
    if shape not in _MARKER_POINTS:
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(side / 2)}"{attrs}/>'
    points = " ".join(f"{_n(x + dx * side)},{_n(y - dy * side)}" for dx, dy in _MARKER_POINTS[shape])
    return f'<polygon points="{points}"{attrs}/>'


def _sector(attrs: Mapping[str, Any]) -> str | None:
    sector = attrs.get("sector")
    return sector if sector in SECTOR_ORDER else None


def _printed_labels(fig: Any, ax: Any) -> list[dict[str, Any]]:
    """Each label of the printed map: its lines, centre and box (points, y down) and whether it has a leader."""
    import matplotlib.text

    renderer = fig.canvas.get_renderer()
    to_pt, height = 72 / fig.dpi, fig.get_figheight() * 72
    out = []
    for ann in ax.texts:
        if not ann.get_text():
            continue
        ann.update_positions(renderer)
        box = matplotlib.text.Text.get_window_extent(ann, renderer)
        anchor = ax.transData.transform(ann.xy)
        out.append({"xy": tuple(ann.xy), "lines": ann.get_text().split("\n"), "size": ann.get_fontsize(),
                    "cx": (box.x0 + box.x1) / 2 * to_pt, "cy": height - (box.y0 + box.y1) / 2 * to_pt,
                    "w": box.width * to_pt, "h": box.height * to_pt, "leader": ann.arrow_patch.get_visible(),
                    "ax": anchor[0] * to_pt, "ay": height - anchor[1] * to_pt})
    return out


def _json_script(data: Any) -> str:
    """JSON that cannot end its ``<script>`` element: ``<``, ``>`` and ``&`` as unicode escapes."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def map_page(graph: nx.Graph, text: FigureText, sector_names: Mapping[str, str], *, lang: Lang = "zh",
             label_top: int = 3, width: str = "page", seed: int = 7, size: Mapping[str, float] | None = None,
             size_label: Words | None = None, vocab: Mapping[str, Mapping[str, tuple[str, str]]] | None = None) -> str:
    """The network map as one self-contained HTML page (returned as text) that works offline.

    An inline SVG of the printed map (:func:`network_map` with the same options): nodes at its positions
    (:func:`map_positions`), in its sector colours and markers and its sizes, attested ties dark and solid,
    synthetic ties light and dashed, the same labels where the printed map puts them; ``text``'s title, notice,
    note and source line; a legend of sectors (``sector_names``), node size and ties. Hover or focus a node
    for its name, sector, kind, council tier, partners, provenance and source; click to highlight its partners;
    search by Chinese or English name; zoom and pan. ``vocab`` names kinds, tiers and provenance
    (:func:`chanjiao_utils.tables.vocabularies`; default: the bundled data package's).
    """
    import matplotlib.pyplot as plt

    from ..pages import font_face
    from .theme import style

    one = "en" if lang == "en" else "zh"
    says = PAGE_WORDS[one]
    if vocab is None:
        from ..tables import vocabularies

        vocab = vocabularies()
    given = size if size is not None else dict(graph.degree())
    values = {n: float(given.get(n, 1.0)) for n in graph.nodes}  # as network_map reads them
    labels = map_labels(graph, size=values, label_top=label_top, lang=lang)
    pos = map_positions(graph, labels=labels, width=width, seed=seed)
    with style():
        fig = network_map(graph, text, sector_names, size=size, size_label=size_label, label_top=label_top,
                          width=width, seed=seed, lang=lang)
        try:
            ax = fig.axes[0]
            printed = _printed_labels(fig, ax)
            to_pt, height = 72 / fig.dpi, fig.get_figheight() * 72
            xy = {n: ax.transData.transform(p) for n, p in pos.items()}
            where = {n: (float(p[0]) * to_pt, height - float(p[1]) * to_pt) for n, p in xy.items()}
        finally:
            plt.close(fig)
    top = max(values.values(), default=1.0) or 1.0
    area = {n: 20 + 180 * values[n] / top for n in graph.nodes}
    nodes = sorted(graph.nodes, key=lambda n: (SECTOR_ORDER.index(_sector(graph.nodes[n]))
                                               if _sector(graph.nodes[n]) else len(SECTOR_ORDER), str(n)))
    index = {n: i for i, n in enumerate(nodes)}

    def named(column: str, code: Any) -> str:
        pair = vocab.get(column, {}).get(str(code)) if code not in (None, "") else None
        return (pair[1] if one == "en" else pair[0]) if pair else ("" if code in (None, "") else str(code))

    data, svg = [], []
    edges = sorted((min(index[u], index[v]), max(index[u], index[v]), str(a.get("provenance")))
                   for u, v, a in graph.edges(data=True))
    for provenance in ("synthetic", "attested"):
        for i, j, p in edges:
            if p == provenance:
                (x1, y1), (x2, y2) = where[nodes[i]], where[nodes[j]]
                svg.append(f'<line class="tie" data-a="{i}" data-b="{j}" x1="{_n(x1)}" y1="{_n(y1)}" '
                           f'x2="{_n(x2)}" y2="{_n(y2)}" {TIE_STYLE[provenance]}/>')
    ties_end, leaders = len(svg), []
    for i, n in enumerate(nodes):
        attrs = graph.nodes[n]
        sector = _sector(attrs)
        name_en = attrs.get("name_en") if isinstance(attrs.get("name_en"), str) else ""
        name = (name_en if one == "en" and name_en else str(attrs.get("name_zh") or n))
        found_by = " ".join(str(attrs.get(k) or "") for k in ("name_zh", "name_en", "short_name")).strip()
        data.append({"id": str(n), "name": name, "find": found_by,
                     "sector": sector_names.get(sector or "", named("sector", attrs.get("sector"))),
                     "kind": named("kind", attrs.get("kind")), "tier": named("council_tier", attrs.get("council_tier")),
                     "partners": graph.degree(n), "provenance": named("provenance", attrs.get("provenance")),
                     "source": str(attrs.get("source_id") or "")})
        colour = SECTOR_COLOURS.get(sector or "", OTHER_COLOUR)
        x, y = where[n]
        svg.append(f'<g class="node" data-i="{i}" tabindex="0" role="button" aria-label="{html.escape(name)}">'
                   + marker(SECTOR_MARKERS.get(sector or "", "o"), x, y, area[n],
                            f' fill="{colour}" stroke="#333333" stroke-width="0.4"') + "</g>")
    for label in printed:
        owner = next((n for n, p in pos.items() if tuple(map(float, p)) == tuple(map(float, label["xy"]))), None)
        i = index.get(owner, -1)
        parts = [f'<g class="label" data-i="{i}">']
        if label["leader"]:  # under the nodes, as on the printed map
            leaders.append(f'<line class="label" data-i="{i}" x1="{_n(label["ax"])}" y1="{_n(label["ay"])}" '
                           f'x2="{_n(label["cx"])}" y2="{_n(label["cy"])}" stroke="#555555" stroke-width="0.4"/>')
        pad = 0.15 * label["size"]
        parts.append(f'<rect x="{_n(label["cx"] - label["w"] / 2 - pad)}" y="{_n(label["cy"] - label["h"] / 2 - pad)}" '
                     f'width="{_n(label["w"] + 2 * pad)}" height="{_n(label["h"] + 2 * pad)}" rx="{_n(pad)}" '
                     'fill="white" fill-opacity="0.8"/>')
        step, lines = label["size"] * 1.2, label["lines"]
        first = label["cy"] - step * (len(lines) - 1) / 2
        spans = "".join(f'<tspan x="{_n(label["cx"])}" y="{_n(first + k * step)}">{html.escape(line)}</tspan>'
                        for k, line in enumerate(lines))
        parts.append(f'<text font-size="{_n(label["size"])}" text-anchor="middle" dominant-baseline="central">'
                     f'{spans}</text></g>')
        svg.append("".join(parts))
    svg[ties_end:ties_end] = leaders
    xs = [where[n][0] for n in nodes] + [t["cx"] + s * t["w"] / 2 for t in printed for s in (-1, 1)]
    ys = [where[n][1] for n in nodes] + [t["cy"] + s * t["h"] / 2 for t in printed for s in (-1, 1)]
    margin = 12.0
    box = (min(xs, default=0) - margin, min(ys, default=0) - margin,
           max(xs, default=0) - min(xs, default=0) + 2 * margin, max(ys, default=0) - min(ys, default=0) + 2 * margin)
    if size_label is None:
        size_label = ("合作单位数", "partners") if size is None else ("节点大小", "node size")
    legend = _legend(sector_names, values, size_label, says, lang)
    words_shown = [text.title, text.subtitle, text.notice, text.note, text.source, *says.values(), legend,
                   *(v for d in data for v in d.values() if isinstance(v, str))]
    title = html.escape(text.title)
    below = "".join(f'<p class="{c}">{html.escape(t)}</p>' for c, t in (("note", text.note),) if t) + \
        f'<p class="source">{html.escape(says["prefix"] + text.source)}</p>'
    return (ASSETS / "page.html").read_text(encoding="utf-8").format(
        lang=one, title=title, font=font_face("".join(words_shown)),
        css=(ASSETS / "map.css").read_text(encoding="utf-8"), js=(ASSETS / "map.js").read_text(encoding="utf-8"),
        subtitle=f'<p class="subtitle">{html.escape(text.subtitle)}</p>' if text.subtitle else "",
        notice=f'<p class="notice">{html.escape(text.notice)}</p>' if text.notice else "",
        search=html.escape(says["search"]), zoom_in=html.escape(says["zoom_in"]),
        zoom_out=html.escape(says["zoom_out"]), reset=html.escape(says["reset"]), help=html.escape(says["help"]),
        map=html.escape(says["map"]), view=" ".join(_n(v) for v in box), svg="\n".join(svg), legend=legend,
        below=below, data=_json_script({"nodes": data, "words": says}), count=len(nodes),
    )


def _legend(sector_names: Mapping[str, str], values: Mapping[str, float], size_label: Words,
            says: Mapping[str, str], lang: Lang) -> str:
    """The legend: sector markers, sample node sizes (areas as on the map), and the two kinds of tie."""
    def swatch(inner: str, w: float = 14) -> str:  # drawn at twice its size in points, about as the map shows
        return f'<svg width="{_n(2 * w)}" height="28" viewBox="0 0 {_n(w)} 14" aria-hidden="true">{inner}</svg>'

    edge = ' stroke="#333333" stroke-width="0.4"'
    sectors = "".join("<li>" + swatch(marker(SECTOR_MARKERS[s], 7, 7, 60, ' fill="%s"' % SECTOR_COLOURS[s] + edge))
                      + html.escape(sector_names[s]) + "</li>" for s in SECTOR_ORDER if s in sector_names)
    top = max(values.values(), default=1.0) or 1.0
    samples, heading = size_samples(list(values.values())), words(size_label, lang)
    sizes = "".join("<li>" + swatch(marker("o", 9, 7, 20 + 180 * v / top, ' fill="#DDDDDD"' + edge), 18)
                    + f"{v:g}</li>" for v in samples)
    ties = "".join("<li>" + swatch('<line x1="1" y1="7" x2="29" y2="7" %s/>' % TIE_STYLE[p], 30)
                   + html.escape(says[p + "_tie"]) + "</li>" for p in ("attested", "synthetic"))
    return (f'<div class="legend"><h2>{html.escape(says["sector"])}</h2><ul>{sectors}</ul>'
            + (f'<h2>{html.escape(heading[:1].upper() + heading[1:])}</h2><ul>{sizes}</ul>' if samples else "")
            + f'<h2>{html.escape(says["ties"])}</h2><ul>{ties}</ul></div>')
