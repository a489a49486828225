"""The figure style: sector colours readers can tell apart, wrapping, the network layout."""

from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import networkx as nx
import pytest

from chanjiao_utils import plotting
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
    assert all(plotting._text_width(line) <= limit for line in wrapped.split("\n"))


def test_layout_is_seeded_and_puts_small_pieces_along_the_bottom():
    g = nx.barbell_graph(4, 1)
    g.add_edge("x", "y")
    g.add_node("z")
    first, second = plotting.layout(g, seed=3), plotting.layout(g, seed=3)
    assert first == second
    assert {first["x"][1], first["y"][1], first["z"][1]} == {0.0}
    assert all(0.0 <= x <= 1.0 and 0.0 < y <= 1.0 for n, (x, y) in first.items() if n not in ("x", "y", "z"))


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


@pytest.mark.parametrize("name, expected", [("中山迈雷特数控技术有限公司", "中山迈雷特数控技术"), ("有限公司", "有限公司")])
def test_display_name_drops_company_suffix_only(name, expected):
    assert plotting.display_name({"name_zh": name}) == expected


def _label_boxes(fig, annotations):
    renderer = fig.canvas.get_renderer()
    boxes = []
    for a in annotations:
        a.update_positions(renderer)
        boxes.append(matplotlib.text.Text.get_window_extent(a, renderer))
    return boxes


def test_repel_labels_separates_overlapping_labels_deterministically():
    def draw():
        with plotting.style():
            fig, ax = plt.subplots(figsize=(3, 2))
            ax.set_xlim(0, 1)
            ax.set_ylim(0, 1)
            labels = [ax.annotate(t, (0.5, 0.5), xytext=(0, 7), textcoords="offset points", ha="center", fontsize=7,
                                  arrowprops={"arrowstyle": "-"})
                      for t in ("示例高职院校01", "示例中职学校02", "示例科研院所03")]
            fig.canvas.draw()
            before = _label_boxes(fig, labels)
            plotting.repel_labels(ax, labels)
            after = _label_boxes(fig, labels)
            offsets = [a.xyann for a in labels]
            visible = [a.arrow_patch.get_visible() for a in labels]
        plt.close(fig)
        return before, after, offsets, visible

    before, after, offsets, visible = draw()
    assert before[0].overlaps(before[1]), "the test starts from overlapping labels"
    for i, j in itertools.combinations(range(3), 2):
        assert not after[i].overlaps(after[j]), (i, j)
    assert any(visible), "a label moved away from its point keeps a leader line"
    assert draw()[2] == offsets, "the same labels are placed the same way every time"


def test_interactive_map_matches_the_printed_map():
    """The ipysigma widget: every organisation, sector colours, the seeded layout, labels in the chosen language."""
    from chanjiao_utils.graph import organisation_graph
    from chanjiao_utils.loading import load

    graph = organisation_graph(load())
    widget = plotting.interactive_map(graph, lang="en")
    nodes = {n["key"]: n["attributes"] for n in widget.data["nodes"]}
    assert set(nodes) == set(graph.nodes) and len(widget.data["edges"]) == graph.number_of_edges()
    assert nodes["A01"]["label"] == graph.nodes["A01"]["name_en"]
    assert plotting.interactive_map(graph, lang="zh").data["nodes"][0]["attributes"]["label"] == \
        plotting.display_name(graph.nodes[widget.data["nodes"][0]["key"]])
    palette = dict(widget.visual_variables["nodeColor"]["palette"])
    assert palette == plotting.SECTOR_COLOURS
    pos = plotting.layout(graph)
    assert widget.start_layout is False
    assert all(abs(widget.layout[n]["x"] - pos[n][0] * 1000) < 0.01 for n in graph.nodes)
    assert plotting.interactive_map(graph, lang="en").data == widget.data, "the same graph gives the same widget data"


@pytest.mark.parametrize("width", ["page", "column"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_network_map_labels_keep_apart_and_inside_the_figure(lang, width):
    """Every label of the bundled map (the long English names of the bottom row included) stands
    at least 2 points clear of every other label and inside the figure, measured at the 300 dpi
    the figure is saved at (labels are placed at screen dpi)."""
    from chanjiao_utils.figure_text import figure_text
    from chanjiao_utils.graph import organisation_graph
    from chanjiao_utils.loading import load

    consortium = load()
    graph = organisation_graph(consortium)
    with plotting.style():
        fig = plotting.network_map(graph, figure_text("07_network_map", consortium, lang),
                                   plotting.sector_labels(consortium.sectors, lang), label_top=3, lang=lang,
                                   width=width)
        fig.set_dpi(300)
        renderer = fig.canvas.get_renderer()
        labels = [t for t in fig.axes[0].texts if t.get_text()]
        for label in labels:
            label.update_positions(renderer)
        boxes = [matplotlib.text.Text.get_window_extent(t, renderer) for t in labels]
        figure_width = fig.get_figwidth() * 300  # pixels
        plt.close(fig)
    assert len(labels) >= 8, "lead units and the top organisations are labelled"
    for (a, box_a), (b, box_b) in itertools.combinations(zip(labels, boxes), 2):
        apart = max(box_b.x0 - box_a.x1, box_a.x0 - box_b.x1, box_b.y0 - box_a.y1, box_a.y0 - box_b.y1) * 72 / 300
        assert apart >= 2.0, f"{a.get_text()!r} and {b.get_text()!r} are {apart:.1f} pt apart"
    for text, box in zip(labels, boxes):
        assert 0 <= box.x0 and box.x1 <= figure_width, f"{text.get_text()!r} runs off the figure"


def test_long_labels_take_two_lines_of_about_equal_width():
    for name in ("Zhongshan Secondary Specialised School", "中山斯瑞德环保设备", "Example higher vocational college 04"):
        first, second = plotting._two_lines(name).split("\n")
        assert (first + " " + second if " " in name else first + second) == name
        assert abs(plotting._text_width(first) - plotting._text_width(second)) <= 8


def test_profile_figures_mark_the_reference_consortium():
    import pandas as pd

    table = pd.DataFrame({"organisations": [50, 80, 120, 200], "density": [0.2, 0.15, 0.1, 0.05],
                          "ei_index": [0.9, 0.8, float("nan"), 0.95]})
    text = FigureText(title="各联合体 · Consortia", source="GEN")
    reference = {"organisations": 85, "density": 0.05, "ei_index": 0.93}
    with plotting.style():
        columns = {"organisations": ("单位数", "organisations"), "density": "density", "ei_index": "E-I"}
        fig = plotting.profile_distributions(table, columns, text, reference=reference,
                                             reference_label="参照 reference", lang="zh")
        lines = [line for ax in fig.axes for line in ax.get_lines()]
        assert sorted(round(line.get_xdata()[0], 3) for line in lines) == [0.05, 0.93, 85.0]
        assert fig.axes[0].get_xlabel() == "单位数"
        assert fig.legends and fig.legends[0].get_texts()[0].get_text() == "参照 reference"
        plt.close(fig)
        fig = plotting.profile_scatter(table, "organisations", "density", text, size="density", reference=reference,
                                       reference_label="参照 reference")
        ax = fig.axes[0]
        assert len(ax.collections) == 2, "the consortia, then the reference"
        assert [t.get_text() for t in ax.texts] == ["参照 reference"]
        assert list(ax.collections[1].get_offsets()[0]) == [85.0, 0.05]
        plt.close(fig)


# ----------------------------------------------------------------------------- showing a figure in a notebook


def _figure(kind: str):
    """A figure of each kind the notebooks show, from the bundled data."""
    from chanjiao_utils import measures
    from chanjiao_utils.figure_text import figure_text
    from chanjiao_utils.graph import organisation_graph
    from chanjiao_utils.loading import load

    consortium = load()
    graph = organisation_graph(consortium)
    order = list(consortium.sectors.sort_values("order").index)
    names = plotting.sector_labels(consortium.sectors, "en")
    if kind == "heat map":
        return plotting.heatmap(measures.mixing_matrix(graph, "sector", order=order),
                                figure_text("07_mixing_matrix", consortium, "en"), row_labels=names, col_labels=names)
    if kind == "affiliation chart":
        matrix = measures.coverage_matrix(consortium, by="organisation").T
        return plotting.affiliation_chart(matrix, consortium.organisations["sector"].to_dict(),
                                          figure_text("07_organisation_areas", consortium, "zh"),
                                          plotting.sector_labels(consortium.sectors, "zh"),
                                          col_labels=plotting.area_labels(consortium.areas, "zh"), lang="zh")
    if kind == "network map":
        return plotting.network_map(graph, figure_text("07_network_map", consortium, "en"), names, label_top=3, lang="en")
    if kind == "bars with a legend above":
        table = measures.brokerage_by_group(graph, "sector", order=order)[list(plotting.ROLE_NAMES)]
        return plotting.stacked_bars(table, figure_text("07_brokerage_by_sector", consortium, "en"), row_labels=names,
                                     col_labels=plotting.role_labels("en"), lang="en")
    fig = plotting.heatmap(measures.mixing_matrix(graph, "sector", order=order),
                           figure_text("07_mixing_matrix", consortium, "en"))
    fig.text(1.4, 1.6, "drawn after annotate, far outside the axes")  # "changed after annotate"
    return fig


@pytest.mark.parametrize("kind", ["heat map", "affiliation chart", "network map", "bars with a legend above",
                                  "changed after annotate"])
def test_inline_png_is_the_png_matplotlib_inline_makes(kind):
    from IPython.core.pylabtools import print_figure

    with plotting.style():
        fig = _figure(kind)
        fast = plotting.inline_png(fig)
        assert fast == print_figure(fig, "png", bbox_inches="tight", base64=True)
        plt.close(fig)


def test_inline_png_of_an_empty_figure_is_none_as_in_matplotlib_inline():
    fig = plt.figure()
    assert plotting.inline_png(fig) is None
    plt.close(fig)


def test_show_outside_a_notebook_is_plt_show(monkeypatch):
    shown = []
    monkeypatch.setattr(plt, "show", lambda *a, **k: shown.append(plt.get_fignums()))
    fig, _ = plt.subplots()
    plotting.show(fig)
    assert shown == [[fig.number]] and not plt.fignum_exists(fig.number)


@pytest.mark.slow
def test_show_in_a_kernel_gives_what_matplotlib_inline_gives():
    """In a Jupyter kernel, show(fig) outputs what displaying the figure through matplotlib-inline does (the
    same PNG bytes and text) and closes it; a figure left open is still shown (by matplotlib-inline, at the end
    of the cell) and closed."""
    import nbformat
    from nbclient import NotebookClient

    make = ("from chanjiao_utils import measures, plotting\nfrom chanjiao_utils.loading import load\n"
            "from chanjiao_utils.graph import organisation_graph\nfrom chanjiao_utils.figure_text import figure_text\n"
            "import matplotlib.pyplot as plt\nplotting.apply_style()\nc = load()\n"
            "def make():\n    return plotting.heatmap(measures.mixing_matrix(organisation_graph(c), 'sector'),"
            " figure_text('07_mixing_matrix', c, 'zh'))\n")
    cells = [make,
             "fig = make()\nplotting.show(fig)",
             "from IPython.display import display\nfig = make()\ndisplay(fig)\nplt.close(fig)",
             "other, ax = plt.subplots()\nax.plot([1, 2])\nfig = make()\nplotting.show(fig)",
             "print(plt.get_fignums())"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    shown, inline, two, left = (nb.cells[i].outputs for i in (1, 2, 3, 4))
    assert len(shown) == 1 and shown[0]["data"].keys() == {"image/png", "text/plain"}
    assert shown == inline
    assert two[0] == shown[0] and two[1]["data"]["text/plain"].endswith("with 1 Axes>") and len(two) == 2
    assert left[0]["text"] == "[]\n"
