"""The network map: seeded layout, labels apart from each other and from the nodes."""

from __future__ import annotations

import itertools

import matplotlib

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
        first, second = network._two_lines(name).split("\n")
        assert (first + " " + second if " " in name else first + second) == name
        assert abs(theme._text_width(first) - theme._text_width(second)) <= 8
