"""Comparing consortia."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from chanjiao_utils import plotting
from chanjiao_utils.figure_text import FigureText


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
