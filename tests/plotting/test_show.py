"""Showing a figure in a notebook."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pytest

from chanjiao_utils import plotting


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
