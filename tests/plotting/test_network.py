"""The network map: seeded layout, labels apart from each other and from the nodes."""

from __future__ import annotations

import itertools

import matplotlib
import matplotlib.collections
import matplotlib.legend

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import networkx as nx
import pytest

from chanjiao_utils import plotting
from chanjiao_utils.plotting import network, theme


def test_layout_is_seeded_and_puts_small_pieces_along_the_bottom():
    g = nx.barbell_graph(4, 1)
    g.add_edge("x", "y")
    g.add_node("z")
    first, second = plotting.layout(g, seed=3), plotting.layout(g, seed=3)
    assert first == second
    assert {first["x"][1], first["y"][1], first["z"][1]} == {0.0}
    assert all(0.0 <= x <= 1.0 and 0.0 < y <= 1.0 for n, (x, y) in first.items() if n not in ("x", "y", "z"))


_LAYOUT_OF_A_SMALL_MAIN_PART = """
import networkx as nx
from chanjiao_utils import plotting
g = nx.Graph()
g.add_edges_from(("m%02d" % i, "m%02d" % j) for i in range(12) for j in range(i + 1, 12) if (i * j) % 5 < 2)
g.add_edges_from(("p%02d" % i, "q%02d" % i) for i in range(10))  # ten pairs: the main part is under half the graph
print(sorted(plotting.layout(g, seed=7).items()))
"""


def test_layout_does_not_depend_on_the_hash_seed_when_the_main_part_is_small():
    """A subgraph view of under half a graph iterates a set: the layout must not follow Python's hash seed."""
    import os
    import subprocess
    import sys

    runs = {subprocess.run([sys.executable, "-c", _LAYOUT_OF_A_SMALL_MAIN_PART], capture_output=True, text=True,
                           check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2", "3")}
    assert len(runs) == 1


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


def _map(which: str, lang: str, width: str):
    """A map as the notebooks draw it: 02/07's network map (label_top=3), 03's broker map (size by brokerage)."""
    from chanjiao_utils import measures
    from chanjiao_utils.figure_text import figure_text
    from chanjiao_utils.graph import organisation_graph
    from chanjiao_utils.loading import load

    consortium = load()
    graph = organisation_graph(consortium)
    names = plotting.sector_labels(consortium.sectors, lang)
    if which == "network":
        return plotting.network_map(graph, figure_text("07_network_map", consortium, lang), names, label_top=3,
                                    lang=lang, width=width)
    size = measures.brokerage(graph, "sector")["total"].to_dict()  # as notebook 03 sizes its broker map
    return plotting.network_map(graph, figure_text("03_brokers_map", consortium, lang), names, size=size,
                                label_top=4, lang=lang, width=width)


def _discs(ax, renderer):
    """Every node as drawn: (x, y, radius) in pixels, the radius that of the circle round its marker path."""
    import numpy as np

    discs = []
    for collection in ax.collections:
        if not isinstance(collection, matplotlib.collections.PathCollection):
            continue
        reach = max(float(np.hypot(*path.vertices.T).max()) for path in collection.get_paths())
        centres = ax.transData.transform(collection.get_offsets())
        sizes = np.broadcast_to(collection.get_sizes(), (len(centres),))
        for (x, y), area in zip(centres, sizes):
            discs.append((x, y, reach * area ** 0.5 * renderer.dpi / 72))
    return discs


@pytest.mark.parametrize("width", ["page", "column"])
@pytest.mark.parametrize("lang", ["zh", "en", "both"])
@pytest.mark.parametrize("which", ["network", "brokers"])
def test_map_labels_cover_no_node_and_no_other_label(which, lang, width):
    """Every label of every map the notebooks draw (rendered text boxes, at the 300 dpi the figure is saved at)
    stands clear of every node's disc and at least 2 points from every other label, inside the figure; a label
    of the bottom row stands under its own node."""
    with plotting.style():
        fig = _map(which, lang, width)
        fig.set_dpi(300)
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        labels = [t for t in ax.texts if t.get_text()]
        for label in labels:
            label.update_positions(renderer)
        boxes = [matplotlib.text.Text.get_window_extent(t, renderer) for t in labels]
        discs = _discs(ax, renderer)
        anchors = [ax.transData.transform(t.xy) for t in labels]
        bottom = min(y for _, y, _ in discs)
        figure_width = fig.get_figwidth() * 300  # pixels
        plt.close(fig)
    assert len(labels) >= 8 and len(discs) == 85, "lead units and the top organisations are labelled; every node"
    for (a, box_a), (b, box_b) in itertools.combinations(zip(labels, boxes), 2):
        apart = max(box_b.x0 - box_a.x1, box_a.x0 - box_b.x1, box_b.y0 - box_a.y1, box_a.y0 - box_b.y1) * 72 / 300
        assert apart >= 2.0, f"{a.get_text()!r} and {b.get_text()!r} are {apart:.1f} pt apart"
    for label, box in zip(labels, boxes):
        assert 0 <= box.x0 and box.x1 <= figure_width, f"{label.get_text()!r} runs off the figure"
        for x, y, r in discs:
            nearest = (min(max(x, box.x0), box.x1), min(max(y, box.y0), box.y1))
            assert (nearest[0] - x) ** 2 + (nearest[1] - y) ** 2 >= r * r, f"{label.get_text()!r} covers a node"
    for label, box, (x, y) in zip(labels, boxes, anchors):
        if abs(y - bottom) < 1:  # a node of the bottom row
            assert box.x0 <= x <= box.x1 and box.y1 < y, f"{label.get_text()!r} is not under its node"


@pytest.mark.parametrize("which", ["network", "brokers"])
def test_map_has_a_key_for_node_size(which):
    """A second legend says what node size means and shows two or three sample sizes drawn as the nodes are."""
    with plotting.style():
        fig = _map(which, "en", "page")
        ax = fig.axes[0]
        keys = [a for a in ax.get_children() if isinstance(a, matplotlib.legend.Legend) and a.get_title().get_text()]
        assert len(keys) == 1
        key = keys[0]
        title = key.get_title().get_text()
        values = [float(t.get_text()) for t in key.get_texts()]
        sizes = [h.get_markersize() for h in key.legend_handles]
        nodes = [c for c in ax.collections if isinstance(c, matplotlib.collections.PathCollection)]
        largest = max(float(a) for c in nodes for a in c.get_sizes())
        plt.close(fig)
    assert title == ("partners" if which == "network" else "node size")
    assert 2 <= len(values) <= 3 and values == sorted(values) and sizes == sorted(sizes)
    assert sizes[-1] ** 2 <= largest + 1e-6, "the largest sample is no larger than the largest node"


def test_size_samples_are_round_and_within_the_values():
    from chanjiao_utils.plotting.network import size_samples

    for values in ([1, 2, 3, 27], [0, 4, 999], [5, 5, 5], [0.5, 0.9]):
        samples = size_samples(values)
        assert samples and all(min(v for v in values if v > 0) * 0.5 <= s <= max(values) for s in samples), samples


def test_long_labels_take_two_lines_of_about_equal_width():
    for name in ("Zhongshan Secondary Specialised School", "中山斯瑞德环保设备", "Example higher vocational college 04"):
        first, second = theme._two_lines(name).split("\n")
        assert (first + " " + second if " " in name else first + second) == name
        assert abs(theme._text_width(first) - theme._text_width(second)) <= 8
