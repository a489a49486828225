"""Bar charts: brokerage roles as pairs, readable in greyscale."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from chanjiao_utils import plotting


def _brokerage(lang: str):
    from chanjiao_utils import measures
    from chanjiao_utils.figure_text import figure_text
    from chanjiao_utils.graph import organisation_graph
    from chanjiao_utils.loading import load

    consortium = load()
    order = list(consortium.sectors.sort_values("order").index)
    table = measures.brokerage_by_group(organisation_graph(consortium), "sector", order=order)
    fig = plotting.brokerage_chart(table, figure_text("07_brokerage_by_sector", consortium, lang),
                                   plotting.sector_labels(consortium.sectors, lang), lang=lang)
    return table, fig


def test_brokered_pairs_halve_the_ordered_two_paths():
    """On a path school – enterprise – school the enterprise brokers one pair, which sna counts twice."""
    import networkx as nx

    from chanjiao_utils import measures

    g = nx.path_graph(["s1", "e", "s2", "x"])
    nx.set_node_attributes(g, {"s1": "school", "e": "enterprise", "s2": "school", "x": "enterprise"}, "sector")
    table = measures.brokerage_by_group(g, "sector")
    pairs = plotting.brokered_pairs(table)
    assert table.loc["enterprise", "itinerant"] == 2 and pairs.loc["enterprise", "itinerant"] == 1
    # s2 brokers e – x (both enterprises: itinerant) and, with gatekeeper = representative, nothing else
    assert pairs.loc["school"].sum() * 2 == table.loc["school", "total"] - table.loc["school", "representative"]
    with pytest.raises(ValueError, match="undirected"):
        plotting.brokered_pairs(table.assign(itinerant=table["itinerant"] + 1))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_brokerage_chart_shows_pairs_one_bar_per_role_in_distinct_greys(lang):
    with plotting.style():
        table, fig = _brokerage(lang)
        ax = fig.axes[0]
        legend = ax.get_legend()
        patches = legend.get_patches()
        fills = [(p.get_facecolor(), p.get_hatch()) for p in patches]
        counts = sorted(int(t.get_text()) for t in ax.texts)
        xlabel = ax.get_xlabel()
        fig.canvas.draw()
        rows = [t.get_window_extent() for t in legend.get_texts()]
        plt.close(fig)
    pairs = plotting.brokered_pairs(table)
    assert counts == sorted(pairs.to_numpy().ravel().tolist()), "every bar carries its count of pairs"
    assert len(set(fills)) == len(fills) == 4, "each role its own grey and hatch"
    greys = sorted(0.2126 * r + 0.7152 * g + 0.0722 * b for (r, g, b, _), _ in fills)
    assert min(b - a for a, b in zip(greys, greys[1:])) > 0.1, "greys far apart"
    centres = [(r.y0 + r.y1) / 2 for r in rows]
    assert max(centres) - min(centres) < min(r.height for r in rows) / 2, "a one-line key"
    assert ("单位对" in xlabel) if lang == "zh" else ("pairs" in xlabel)
    assert pairs.loc["school", "coordinator"] == table.loc["school", "coordinator"] // 2 > 0
    assert [t for t in (legend.get_texts())][0].get_text() == ("协调者" if lang == "zh" else "coordinator")


def test_brokered_pairs_refuses_directed_counts():
    table = pd.DataFrame({"coordinator": [2], "itinerant": [2], "gatekeeper": [3], "representative": [1],
                          "liaison": [0]})
    with pytest.raises(ValueError):
        plotting.brokered_pairs(table)
