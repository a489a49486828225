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
    pos = plotting.map_positions(graph, label_top=3, lang="en")  # notebook 07's printed map
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


def _small_pieces_graph():
    """A core of eight and, below it, five small pieces whose long names the printed map labels."""
    import networkx as nx

    graph = nx.cycle_graph(8)
    graph = nx.relabel_nodes(graph, {i: f"C{i}" for i in range(8)})
    for n in graph.nodes:
        graph.nodes[n].update(name_zh=f"核心单位{n}", sector="enterprise", provenance="synthetic")
    graph.add_edge("C0", "C4")
    for i, (a, b) in enumerate([("P1", "P2"), ("P3", "P4"), ("P5", None), ("P6", None), ("P7", None)]):
        for n in (a, b):
            if n:
                graph.add_node(n, name_zh=f"示例小组单位很长的名字{n}", sector="school", provenance="attested",
                               lead_role="member" if i < 3 else None)
        if b:
            graph.add_edge(a, b, provenance="attested")
    for u, v in graph.edges:
        graph.edges[u, v].setdefault("provenance", "synthetic")
    return graph


def _printed_positions(graph, lang, width="page"):
    """The positions draw_network returns when it lays the map out itself on the printed map's axes."""
    import matplotlib.pyplot as plt

    from chanjiao_utils.plotting import network

    with plotting.style():
        fig, ax = plt.subplots(figsize=network._figure_size(width))
        try:
            return plotting.draw_network(graph, ax, labels=plotting.map_labels(graph, label_top=3, lang=lang))
        finally:
            plt.close(fig)


def test_the_widget_sits_where_the_printed_map_draws_bottom_row_included():
    """The same positions as the printed map, scaled by 1000 and turned over, on the bundled data and on a graph
    whose bottom row the labels spread out (where a layout without label widths would differ)."""
    for graph in (organisation_graph(load()), _small_pieces_graph()):
        for lang in ("zh", "en"):
            printed = _printed_positions(graph, lang)
            widget = _sigma(plotting.interactive_map(graph, lang=lang))
            assert printed == plotting.map_positions(graph, label_top=3, lang=lang)
            for n, (x, y) in printed.items():
                assert widget.layout[n] == {"x": round(x * 1000, 3), "y": round(-y * 1000, 3)}, n
            row = [n for n, (_, y) in printed.items() if y == 0.0]
            assert len(row) >= 5
            unlabelled = plotting.layout(graph)
            assert any(abs(printed[n][0] - unlabelled[n][0]) > 0.01 for n in row), "the row is spaced for labels"


def test_network_map_draws_its_nodes_at_map_positions():
    import matplotlib.collections
    import matplotlib.pyplot as plt

    from chanjiao_utils.figure_text import FigureText

    graph = _small_pieces_graph()
    with plotting.style():
        fig = plotting.network_map(graph, FigureText(title="t", source="s"), {"school": "校", "enterprise": "企"},
                                   label_top=3, lang="zh")
    try:
        drawn = sorted((float(x), float(y)) for c in fig.axes[0].collections
                       if isinstance(c, matplotlib.collections.PathCollection) for x, y in c.get_offsets())
    finally:
        plt.close(fig)
    assert drawn == sorted(plotting.map_positions(graph, label_top=3, lang="zh").values())
