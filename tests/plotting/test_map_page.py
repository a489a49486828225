"""The standalone network map page: the printed map's positions, colours and words, safe with any name, nothing
loaded from the web, the same bytes every time, and (where chromium is installed) its script runs."""

from __future__ import annotations

import base64
import html
import io
import json
import re
import shutil
import subprocess

import matplotlib

matplotlib.use("Agg")
import networkx as nx
import pytest

from chanjiao_utils import plotting
from chanjiao_utils.figure_text import FigureText, figure_text
from chanjiao_utils.graph import organisation_graph
from chanjiao_utils.loading import load

CJK = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]")


@pytest.fixture(scope="module")
def bundled():
    consortium = load()
    graph = organisation_graph(consortium)
    pages = {}
    for lang in ("zh", "en"):
        text = figure_text("07_network_map", consortium, lang)
        pages[lang] = (text, plotting.map_page(graph, text, plotting.sector_labels(consortium.sectors, lang),
                                               lang=lang, label_top=3))
    return graph, pages


def _data(page):
    found = re.findall(r'<script type="application/json" id="map-data">(.*?)</script>', page, flags=re.S)
    assert len(found) == 1
    return json.loads(found[0])


def _centres(page):
    """Each node element's centre (its box's centre: a circle's centre, a marker polygon's middle) by data-i."""
    out = {}
    for i, element in re.findall(r'<g class="node" data-i="(\d+)"[^>]*>(<[^>]+>)</g>', page):
        circle = re.match(r'<circle cx="([-\d.]+)" cy="([-\d.]+)"', element)
        if circle:
            out[int(i)] = (float(circle[1]), float(circle[2]))
            continue
        points = [tuple(map(float, p.split(","))) for p in re.search(r'points="([^"]+)"', element)[1].split()]
        xs, ys = zip(*points)
        out[int(i)] = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
    return out


def _visible(page):
    """The text a reader sees (outside <style> and <script>), tags left out, entities read."""
    return html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)))


def test_nodes_sit_at_the_printed_maps_positions_in_its_colours(bundled):
    """The SVG's x = a + b × x of map_positions and y = c − d × y, with the printed axes' scale: the page-wide map's
    axes are 0.775 × 17 cm wide (matplotlib's default margins) for x from −0.05 to 1.05, so b = 0.775 × 481.89 pt / 1.1
    = 339.5; 0.77 × 0.8 × 481.89 pt tall for y from −0.1 to 1.05, so d = 258.1."""
    graph, pages = bundled
    for lang, (_, page) in pages.items():
        data, centres = _data(page), _centres(page)
        ids = [n["id"] for n in data["nodes"]]
        assert sorted(ids) == sorted(graph.nodes) and len(centres) == len(ids) == 85, "every node once"
        pos = plotting.map_positions(graph, label_top=3, lang=lang)
        b_scale = 339.5
        d_scale = 258.1
        origin_x = centres[0][0] - b_scale * pos[ids[0]][0]
        origin_y = centres[0][1] + d_scale * pos[ids[0]][1]
        for k, n in enumerate(ids):
            assert centres[k][0] == pytest.approx(origin_x + b_scale * pos[n][0], abs=0.5), n
            assert centres[k][1] == pytest.approx(origin_y - d_scale * pos[n][1], abs=0.5), n
        for k, element in re.findall(r'<g class="node" data-i="(\d+)"[^>]*>(<[^>]+>)</g>', page):
            sector = graph.nodes[ids[int(k)]]["sector"]
            assert f'fill="{plotting.SECTOR_COLOURS[sector]}"' in element
        row = [n for n in ids if pos[n][1] == 0.0]
        assert len(row) == 9, "the bottom row: the lead units and their small pieces"


def test_ties_are_drawn_by_provenance_and_labels_are_the_printed_maps(bundled):
    graph, pages = bundled
    _, page = pages["en"]
    ties = re.findall(r'<line class="tie"[^>]*>', page)
    assert len(ties) == graph.number_of_edges() == 182  # 200 partnerships, some pairs in several areas
    solid = [t for t in ties if 'stroke="#222222"' in t]
    dashed = [t for t in ties if "stroke-dasharray" in t and 'stroke="#9A9A9A"' in t]
    assert len(solid) == 1 and len(dashed) == 181, "the one attested tie: the school and the park group"
    labels = plotting.map_labels(graph, label_top=3, lang="en")
    shown = {" ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", g))
             for g in re.findall(r'<g class="label".*?</g>', page)}
    assert shown == {html.escape(t) for t in labels.values()}
    assert "Zhongshan Secondary" in page and "Specialised School" in page


def test_words_follow_the_language_and_carry_title_source_and_notice(bundled):
    _, pages = bundled
    for lang, (text, page) in pages.items():
        assert page.startswith("<!DOCTYPE html>") and f'<html lang="{lang}">' in page
        seen = _visible(page)
        assert text.title in seen and text.notice in seen and text.source in seen
        assert text.notice.startswith("示意数据" if lang == "zh" else "Illustrative")
    zh = _visible(pages["zh"][1])
    assert "来源：" in zh and "有来源的合作关系" in zh and "合成的合作关系" in zh and "校" in zh
    en = _visible(pages["en"][1])
    assert "Source: " in en and "attested tie" in en and "Schools" in en
    assert not CJK.search(en), "the English page shows no Chinese (the Chinese names are kept only for search)"


def test_nothing_is_loaded_from_the_web(bundled):
    _, pages = bundled
    for _, page in pages.values():
        assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, flags=re.I)
        assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", page, flags=re.I)
        assert "@import" not in page and "http://" not in page and "https://" not in page
        assert "<link" not in page and re.findall(r"<script\b[^>]*\bsrc=", page) == []


def test_the_web_font_covers_every_chinese_character_of_the_page(bundled):
    from fontTools.ttLib import TTFont

    _, pages = bundled
    page = pages["zh"][1]
    fonts = re.findall(r"url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)", page)
    assert len(fonts) == 1
    cmap = TTFont(io.BytesIO(base64.b64decode(fonts[0]))).getBestCmap()
    text = html.unescape(page.replace(fonts[0], ""))  # the tooltips' data too, not only what shows at first
    cjk = {ch for ch in text if ord(ch) >= 0x2E80}
    assert len(cjk) > 50 and not {ch for ch in cjk if ord(ch) not in cmap}


def test_the_same_graph_gives_the_same_bytes(bundled):
    graph, pages = bundled
    consortium = load()
    text, page = pages["zh"]
    again = plotting.map_page(graph, text, plotting.sector_labels(consortium.sectors, "zh"), lang="zh", label_top=3)
    assert again == page


HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(2)>', "</script><script>alert(3)</script>",
           "a & b <!-- c", "'; alert(4); '"]


def _hostile_graph():
    graph = nx.Graph()
    for i, name in enumerate(HOSTILE):
        graph.add_node(f"H{i}", name_zh=name, name_en=name, short_name=None, sector="enterprise", kind=name,
                       council_tier=None, lead_role="lead_enterprise", provenance="attested", source_id=name)
    graph.add_edge("H0", "H1", provenance="attested")
    graph.add_edge("H1", "H2", provenance="synthetic")
    return graph


def _elements(page):
    """Every start tag of the page with its attributes, as a browser's HTML parser reads them."""
    from html.parser import HTMLParser

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.tags = []

        def handle_starttag(self, tag, attrs):
            self.tags.append((tag, dict(attrs)))

    parser = Tags()
    parser.feed(page)
    return parser.tags


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hostile_names_stay_text(lang):
    """Names from a user's roster (and words around the figure) that look like markup stay text: the page has only
    its own elements, no event handler attribute, its two scripts; the names read back as written."""
    graph = _hostile_graph()
    text = FigureText(title='标题 <b onmouseover="x">', source="<i>来源</i>", notice="</p><script>alert(5)</script>",
                      lang=lang)
    page = plotting.map_page(graph, text, {"enterprise": "<企>"}, lang=lang, label_top=5)
    tags = _elements(page)
    assert {t for t, _ in tags} <= {"html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "p", "div",
                                    "input", "span", "button", "svg", "rect", "line", "g", "circle", "polygon",
                                    "text", "tspan", "ul", "li", "script"}
    assert not [(t, a) for t, attrs in tags for a in attrs if a.startswith("on")]
    assert [attrs for t, attrs in tags if t == "script"] == [{"type": "application/json", "id": "map-data"}, {}]
    assert page.count("</script>") == 2
    seen = re.sub(r"\s+", " ", _visible(page))  # a long label takes two lines (tspans)
    for name in HOSTILE:
        assert name in seen, name  # shown as written, in the labels
    assert text.title in seen and text.notice in seen and text.source in seen and "<企>" in seen
    data = _data(page)["nodes"]
    assert {n["name"] for n in data} == {n["kind"] for n in data} == {n["source"] for n in data} == set(HOSTILE)
    assert {a["aria-label"] for t, a in tags if t == "g" and "aria-label" in a} == set(HOSTILE)


def _chromium():
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.skip("chromium is not installed")
    return path


def test_in_a_browser_the_script_runs_and_every_sector_colour_shows(bundled, tmp_path):
    from PIL import Image

    chromium = _chromium()
    _, pages = bundled
    page = tmp_path / "map.html"
    page.write_text(pages["zh"][1], encoding="utf-8")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--virtual-time-budget=5000"]
    dom = subprocess.run([chromium, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True,
                         timeout=120).stdout
    assert re.search(r'<body[^>]*data-ready="1"', dom), "the script ran to its end"
    shot = tmp_path / "map.png"
    subprocess.run([chromium, *flags, "--window-size=1200,1100", f"--screenshot={shot}", page.as_uri()],
                   capture_output=True, timeout=120)
    image = Image.open(shot).convert("RGB")
    pixels = {image.getpixel((x, y)) for x in range(image.width) for y in range(image.height)}
    for sector, colour in plotting.SECTOR_COLOURS.items():
        rgb = tuple(int(colour[k:k + 2], 16) for k in (1, 3, 5))
        assert rgb in pixels, sector


#: Run after the page's own script: a reader's steps, each result written into the DOM for --dump-dom to show.
READER = """<script>
(function () {
  var out = {}, svg = document.getElementById("map"), node = svg.querySelector('.node[data-i="0"]');
  var box = node.getBoundingClientRect();
  node.dispatchEvent(new MouseEvent("mouseenter", {clientX: box.left, clientY: box.top}));
  var tip = document.getElementById("tip");
  out.tip = tip.hidden ? "" : tip.textContent;
  node.dispatchEvent(new MouseEvent("click", {bubbles: true}));
  out.dimmed = svg.querySelectorAll(".node.dim").length;
  out.chosen = svg.querySelectorAll(".node.chosen").length;
  svg.dispatchEvent(new MouseEvent("click", {bubbles: true}));
  out.dimmed_after_reset = svg.querySelectorAll(".node.dim").length;
  var find = document.getElementById("find");
  find.value = "Torch";
  find.dispatchEvent(new Event("input"));
  out.matches = svg.querySelectorAll(".node.match").length;
  out.found = document.getElementById("found").textContent;
  var before = svg.getAttribute("viewBox");
  document.getElementById("zoom-in").click();
  out.zoomed = svg.getAttribute("viewBox") !== before;
  out.focusable = svg.querySelectorAll('.node[tabindex="0"]').length;
  document.body.dataset.reader = JSON.stringify(out);
}());
</script>"""


def test_in_a_browser_a_reader_can_hover_click_search_and_zoom(bundled, tmp_path):
    chromium = _chromium()
    graph, pages = bundled
    data = _data(pages["en"][1])
    page = tmp_path / "map.html"
    page.write_text(pages["en"][1].replace("</body>", READER + "\n</body>"), encoding="utf-8")
    dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000",
                          "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120).stdout
    found = re.search(r'data-reader="([^"]*)"', dom)
    assert found, "the reader's steps ran"
    seen = json.loads(html.unescape(found[1]))
    first = data["nodes"][0]
    assert seen["tip"].startswith(first["name"]) and f"Partners: {first['partners']}" in seen["tip"]
    assert f"Provenance: {first['provenance']}" in seen["tip"]
    partners = graph.degree(first["id"])
    assert seen["chosen"] == 1 and seen["dimmed"] == 85 - 1 - partners and seen["dimmed_after_reset"] == 0
    assert seen["matches"] == 1 and seen["found"] == "1 found"  # Zhongshan Torch Industrial Group
    assert seen["zoomed"] is True and seen["focusable"] == 85
