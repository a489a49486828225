"""The report's web pages: a widget becomes its printed map, with a link to the standalone map page when the
report has one."""

from __future__ import annotations

import nbformat

from chanjiao_utils import pages

WIDGET = "application/vnd.jupyter.widget-view+json"


def _notebook():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("plotting.interactive_map(graph)")
    cell.outputs = [nbformat.v4.new_output("display_data", data={WIDGET: {"model_id": "x"}, "text/plain": "VBox()"})]
    nb.cells = [cell]
    return nb


def test_a_widget_becomes_its_printed_map_and_links_the_standalone_map():
    nb = _notebook()
    figures = ["07_network_map_en.html", "07_network_map_en.png", "07_network_map_zh.html", "07_network_map_zh.png",
               "07_timeline_zh.png"]
    pages._static_widgets(nb, figures)
    data = nb.cells[0].outputs[0]["data"]
    assert WIDGET not in data and "text/plain" not in data
    shown = data["text/html"]
    assert shown.count("<img") == 2 and "timeline" not in shown
    for lang, word in (("zh", "中文"), ("en", "English")):
        assert f'<a href="../figures/07_network_map_{lang}.html">{pages.MAP_LINK} · {word}</a>' in shown
    assert "打开交互式网络图（离线可用） Open the interactive map (works offline)" in shown


def test_without_a_map_page_there_is_no_link():
    nb = _notebook()
    pages._static_widgets(nb, ["07_network_map_zh.png"])
    shown = nb.cells[0].outputs[0]["data"]["text/html"]
    assert "<img" in shown and "<a " not in shown and ".html" not in shown
