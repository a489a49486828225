"""Matrices: the organisation × area chart is readable at its printed size; heat maps name columns horizontally."""

from __future__ import annotations

import io
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from chanjiao_utils import plotting
from chanjiao_utils.figure_text import FigureText

PRINTED_WIDTH = 17 / 2.54  # inches: a page-wide figure is pasted at the width of a page


def _affiliation(lang: str):
    from chanjiao_utils import measures
    from chanjiao_utils.figure_text import figure_text
    from chanjiao_utils.loading import load

    consortium = load()
    matrix = measures.coverage_matrix(consortium, by="organisation").T
    return plotting.affiliation_chart(
        matrix, consortium.organisations["sector"].to_dict(), figure_text("07_organisation_areas", consortium, lang),
        plotting.sector_labels(consortium.sectors, lang),
        row_labels={n: plotting.display_name(consortium.organisations.loc[n].to_dict(), lang) for n in matrix.index},
        col_labels=plotting.area_labels(consortium.areas, lang, short=True), lang=lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_organisation_areas_pdf_has_no_text_under_six_and_a_half_points_when_printed(lang):
    """The font sizes the PDF sets (``Tf``), scaled to the page width the figure is pasted at, saved as
    export.save_figure saves it (tight box, 0.05 in padding)."""
    from pypdf import PdfReader

    with plotting.style():
        fig = _affiliation(lang)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="pdf", bbox_inches="tight", pad_inches=0.05, metadata={"CreationDate": None})
        plt.close(fig)
    page = PdfReader(buffer).pages[0]
    content = page.get_contents().get_data().decode("latin-1")
    sizes = [float(s) for s in re.findall(r"/F\d+ ([\d.]+) Tf", content)]
    scale = min(1.0, PRINTED_WIDTH * 72 / float(page.mediabox.width))
    assert len(sizes) > 85, "every row label is text in the PDF"
    assert min(sizes) * scale >= 6.5 - 1e-9, (min(sizes), scale)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_organisation_areas_names_the_areas_on_the_axis(lang):
    from chanjiao_utils.loading import load

    with plotting.style():
        fig = _affiliation(lang)
        short = plotting.area_labels(load().areas, lang, short=True)
        for ax in fig.axes:
            if ax.axison:  # the panels (the sector strips have no axis)
                shown = [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()]
                assert shown == [short[c] for c in range(1, 13)]
        texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
        plt.close(fig)
    assert not any(re.fullmatch(r"\d+ .+", t) for t in texts), "no numbered key"
    assert sum(1 for ax in fig.axes if ax.axison) == 2, "two panels"


def test_short_area_names_are_data_for_every_area_in_both_languages():
    """The bundled areas table has a short name in each language for every area (read with the csv module)."""
    import csv

    from chanjiao_utils import paths

    with (paths.bundled_data() / "areas.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [int(r["code"]) for r in rows] == list(range(1, 13))
    for row in rows:
        assert re.search(r"[\u4e00-\u9fff]", row["short_zh"]) and not re.search(r"[\u4e00-\u9fff]", row["short_en"])
        assert len(row["short_zh"]) <= 6 and 0 < len(row["short_en"]) <= 20
        assert len(row["short_zh"]) <= len(row["name_zh"]) and len(row["short_en"]) <= len(row["name_en"])


@pytest.mark.parametrize("labels, horizontal", [(["政", "行", "企"], True), (["Internationalisation-committees"] * 3, False)])
def test_heatmap_writes_column_names_horizontally_when_they_fit(labels, horizontal):
    matrix = pd.DataFrame([[1, 2, 3]] * 3, index=list("abc"), columns=list("xyz"))
    with plotting.style():
        fig = plotting.heatmap(matrix, FigureText(title="t", source="s"), col_labels=dict(zip("xyz", labels)),
                               width="column")
        rotations = {t.get_rotation() for t in fig.axes[0].get_xticklabels()}
        plt.close(fig)
    assert rotations == ({0.0} if horizontal else {35.0})
