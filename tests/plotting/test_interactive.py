"""The ipysigma map: the printed map's look, words in the reader's language, the synthetic notice above it."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from chanjiao_utils import plotting
from chanjiao_utils.figure_text import column_label
from chanjiao_utils.graph import organisation_graph
from chanjiao_utils.loading import load


def _sigma(widget):
    return widget.children[-1] if hasattr(widget, "children") else widget


def test_interactive_map_matches_the_printed_map():
    """Every organisation, sector colours, the seeded layout turned the printed map's way up, labels in the language."""
    graph = organisation_graph(load())
    widget = _sigma(plotting.interactive_map(graph, lang="en"))
    nodes = {n["key"]: n["attributes"] for n in widget.data["nodes"]}
    assert set(nodes) == set(graph.nodes) and len(widget.data["edges"]) == graph.number_of_edges()
    assert nodes["A01"]["label"] == graph.nodes["A01"]["name_en"]
    zh = _sigma(plotting.interactive_map(graph, lang="zh"))
    assert zh.data["nodes"][0]["attributes"]["label"] == plotting.display_name(graph.nodes[zh.data["nodes"][0]["key"]])
    palette = dict(widget.visual_variables["nodeColor"]["palette"])
    assert palette == {column_label(code, lang="en"): colour for code, colour in plotting.SECTOR_COLOURS.items()}
    pos = plotting.layout(graph)
    assert widget.start_layout is False
    assert all(abs(widget.layout[n]["x"] - pos[n][0] * 1000) < 0.01 for n in graph.nodes)
    assert all(abs(widget.layout[n]["y"] + pos[n][1] * 1000) < 0.01 for n in graph.nodes), "sigma's y points down"
    assert _sigma(plotting.interactive_map(graph, lang="en")).data == widget.data, "the same graph, the same widget"


def test_the_legend_speaks_the_readers_language_and_the_notice_stands_above():
    graph = organisation_graph(load())
    zh = plotting.interactive_map(graph, lang="zh")
    sigma = _sigma(zh)
    variables = sigma.visual_variables
    assert variables["nodeColor"]["attribute"] == "所属方" and variables["nodeSize"]["attribute"] == "合作单位数"
    assert set(dict(variables["nodeColor"]["palette"])) == {"政", "行", "企", "研", "校"}
    assert {e["attributes"]["数据性质"] for e in sigma.data["edges"]} == {"有来源", "合成"}
    assert "示意数据：85家成员单位中80家" in zh.children[0].value
    en = plotting.interactive_map(graph, lang="en")
    assert "Illustrative: 80 of 85 members" in en.children[0].value
    assert _sigma(en).visual_variables["nodeColor"]["attribute"] == "Sector"
