"""Every figure notebook 07 draws for reports, run from the notebook's own code cells: the words a reader sees
carry no internal codes, English figures are wholly English, Chinese lines never end with one character alone.

``EDITS`` can apply pending edits to the notebook's cells before they run (each to a cell that still has the old
text; it must already be there otherwise); none is pending.
"""

from __future__ import annotations

import json
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import matplotlib.text
import pytest

from chanjiao_utils import paths, plotting

EDITS: list[tuple[str, str]] = []  # the notebook now draws with these (see git history for the edits it took)

CODES = re.compile(r"\((?:S\d+|GEN|R\d+)\)|\bGEN\b|chanjiao|zhongshan_2023|generator|生成器")
CJK = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]")


@pytest.fixture(scope="module")
def figures():
    """(lang, figure) for every figure notebook 07 shows, drawn by its code cells (the widget cell left out)."""
    notebook = json.loads((paths.NOTEBOOKS_DIR / "07_figures_for_reports.ipynb").read_text(encoding="utf-8"))
    cells = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
    cells = [c for c in cells if "interactive_map" not in c]
    for old, new in EDITS:
        found = [i for i, c in enumerate(cells) if old in c]
        if found:
            cells[found[0]] = cells[found[0]].replace(old, new)
        else:
            assert any(new in c for c in cells), f"notebook 07 has neither the old nor the new text: {new!r}"
    shown = []
    namespace = {"__name__": "nb07", "display": lambda *objects, **kwargs: None}  # IPython's, in a notebook
    original_show = plotting.show
    with matplotlib.rc_context():
        plotting.show = lambda fig: shown.append((namespace.get("lang"), fig))
        try:
            for cell in cells:
                exec(compile(cell, "notebook 07", "exec"), namespace)  # noqa: S102 - the project's own notebook
        finally:
            plotting.show = original_show
        for _, fig in shown:
            fig.canvas.draw()  # tick labels exist once drawn
        yield shown
    for _, fig in shown:
        plt.close(fig)


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text().strip()]


def test_notebook_07_draws_every_figure_in_both_languages(figures):
    langs = [lang for lang, _ in figures]
    assert len(figures) == 14 and langs.count("zh") == langs.count("en") == 7


def test_no_figure_text_shows_an_internal_code(figures):
    for lang, fig in figures:
        for text in _texts(fig):
            assert not CODES.search(text), (lang, text)


def test_english_figures_are_wholly_english(figures):
    for lang, fig in figures:
        if lang == "en":
            for text in _texts(fig):
                assert not CJK.search(text), text


def test_chinese_lines_never_end_with_one_character_alone(figures):
    for lang, fig in figures:
        for text in _texts(fig):
            lines = text.split("\n")
            if len(lines) > 1:
                assert not any(len(line.strip()) == 1 and CJK.search(line) for line in lines), text


def test_the_notice_is_on_every_figure_resting_on_synthetic_rows(figures):
    for lang, fig in figures:
        texts = " ".join(_texts(fig)).replace("\n", "")
        title = fig.texts[-1].get_text() if fig.texts else ""
        if "Timeline" in texts or "大事记" in texts:
            continue  # events are all attested
        assert ("示意数据" in texts) if lang == "zh" else ("Illustrative" in texts), title


def test_mixing_matrix_names_its_columns_horizontally(figures):
    heatmaps = [(lang, fig) for lang, fig in figures if len(fig.axes) == 2]  # the heat map and its colour bar
    assert len(heatmaps) == 2
    zh = next(fig for lang, fig in heatmaps if lang == "zh")
    labels = [t for t in zh.axes[0].get_xticklabels() if t.get_text()]
    assert [t.get_text() for t in labels] == ["政", "行", "企", "研", "校"]
    assert all(t.get_rotation() == 0 for t in labels)
