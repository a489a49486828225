"""The ipysigma map."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from chanjiao_utils import plotting


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
