"""Every table a notebook saves reads in Chinese in its XLSX (issue 16): a title that is not the table's id,
a Chinese label above every machine name, words (not codes) in coded columns, shares as percentages and no
number left to Excel's General format (which turns 5e-26 into scientific notation).

:func:`problems` checks one XLSX; its messages name the table and the column, so a table added later without
labels fails saying what to add to ``column_labels.toml`` or ``figure_text.toml``. The report that
``tests/test_report.py`` builds once checks every XLSX of every notebook with it (:func:`check_every_table`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from chanjiao_utils import export, paths, tables
from chanjiao_utils.figure_text import column_label
from chanjiao_utils.inference.claims import CLAIM_COLUMNS
from chanjiao_utils.inference.completions import COLUMNS as COMPLETION_COLUMNS
from chanjiao_utils.inference.missing import COLUMNS as MISSING_COLUMNS

H = tables.HEADER_ROW

#: Machine names whose label may be the name itself. None so far: add a name here only when a Chinese
#: reader would write it the same way (an abbreviation every reader knows).
NEEDS_NO_LABEL: frozenset[str] = frozenset()

_CJK = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]")
#: A cell that is a code or an English phrase made of codes: lower-case words, digits and underscores.
_CODE = re.compile(r"[a-z][a-z0-9_]*(?: [a-z0-9_]+)*")


def _is_share(name: str) -> bool:
    return "share" in name.split("_")


def problems(path: Path) -> list[str]:
    """What a Chinese reader of the XLSX at ``path`` would stumble on, one message per table and column."""
    table = path.stem
    ws = load_workbook(path).active
    found = []
    title = ws["A1"].value
    if not title or title == table:
        found.append(f"{table}: the title row shows the table id; add [\"{table}\"] to figure_text.toml and pass "
                     f"text=figure_text(\"{table}\", consortium, LANG) to its save_table")
    labels = [c.value for c in ws[H]]
    names = [c.value for c in ws[H + 1]]
    for column, (label, name) in enumerate(zip(labels, names), start=1):
        cells = [ws.cell(row=r, column=column) for r in range(H + 2, ws.max_row + 1)]
        if name not in NEEDS_NO_LABEL and (label == name or not _CJK.search(str(label or ""))):
            found.append(f"{table}: column {name!r} has no Chinese label (shows {label!r}); add it to "
                         "column_labels.toml")
        numbers = [c for c in cells if isinstance(c.value, (int, float)) and not isinstance(c.value, bool)]
        formats = {c.number_format for c in numbers}
        if _is_share(name) and formats - {"0.0%"}:
            found.append(f"{table}: share column {name!r} is not shown as a percentage ({sorted(formats)})")
        if "General" in formats:
            found.append(f"{table}: column {name!r} has numbers in the General format (may turn scientific)")
        if not name.endswith("_code"):
            codes = sorted({c.value for c in cells if isinstance(c.value, str) and _CODE.fullmatch(c.value)})
            if codes:
                found.append(f"{table}: column {name!r} shows codes {codes[:3]}; name them in the [xlsx] section "
                             "of column_labels.toml")
    return found


# ----------------------------------------------------------------------------- quick checks


def test_a_table_added_without_words_fails_naming_the_table_and_the_column(tmp_path):
    frame = pd.DataFrame({"statistic": ["reciprocity", "transitivity"], "novel_measure": [0.5, 5e-26],
                          "p_lower": [0.25, 0.0], "tie_share": [0.5, 1.0]})
    path = export.save_table(frame, "99", "novel", out=tmp_path)[1]
    assert problems(path) == [
        '99_novel: the title row shows the table id; add ["99_novel"] to figure_text.toml and pass '
        'text=figure_text("99_novel", consortium, LANG) to its save_table',
        "99_novel: column 'statistic' shows codes ['reciprocity']; name them in the [xlsx] section of "
        "column_labels.toml",
        "99_novel: column 'novel_measure' has no Chinese label (shows 'novel_measure'); add it to column_labels.toml",
        "99_novel: column 'tie_share' has no Chinese label (shows 'tie_share'); add it to column_labels.toml",
    ]


def test_the_checks_pass_a_table_with_words(tmp_path):
    from chanjiao_utils.figure_text import figure_text
    from chanjiao_utils.loading import load

    frame = pd.DataFrame({"statistic": ["mixing_government_school", "brokerage_liaison"],
                          "null_model": ["edges", "qap"],
                          "p_lower": [0.25, 5e-26], "holds_share": [0.5, 1.0], "reading": ["as null", "higher"]})
    path = export.save_table(frame, "09", "significance", text=figure_text("09_significance", load()), out=tmp_path)[1]
    assert problems(path) == []
    ws = load_workbook(path).active
    shown = [[c.value for c in row] for row in ws.iter_rows(min_row=H + 2)]
    assert [row[0] for row in shown] == ["政—校合作关系数", "联络者角色数（全网）"]
    assert [row[2] for row in shown] == ["关系数相同（随机网络 G(n, m)）", "QAP（行列同时置换）"]
    assert [row[-2] for row in shown] == ["与随机基准无明显差别", "高于随机基准"]
    assert {ws.cell(row=r, column=5).number_format for r in (H + 2, H + 3)} == {"0.000"}  # p_lower: 5e-26 → 0.000
    assert {ws.cell(row=r, column=6).number_format for r in (H + 2, H + 3)} == {"0.0%"}  # holds_share


@pytest.mark.parametrize("columns", [CLAIM_COLUMNS, COMPLETION_COLUMNS, MISSING_COLUMNS],
                         ids=["significance", "completions", "missing_data"])
def test_every_column_of_the_inference_tables_has_a_chinese_label(columns):
    """Fast, before any notebook runs. ``share`` (of ties or organisations removed) is labelled by notebook 09's
    own ``labels=``: a share column of another table means something else."""
    assert [c for c in columns if not _CJK.search(column_label(c)) and c != "share"] == []


def test_every_label_and_value_name_has_chinese_and_english():
    from chanjiao_utils.figure_text import _column_labels, xlsx_settings

    named = {f"label {k}": w for k, w in _column_labels().items()}
    for vocabulary, words in xlsx_settings()["values"].items():
        named |= {f"{vocabulary} {k}": w for k, w in words.items()}
    assert [k for k, w in named.items() if not _CJK.search(w["zh"]) or _CJK.search(w["en"]) or not w["en"]] == []


# ----------------------------------------------------------------------------- the notebooks' own tables


def _saved_ids() -> dict[str, list[str]]:
    """Notebook → the table ids its save_table calls name (an f-string's {…} as a glob *)."""
    import nbformat

    found = {}
    for notebook in paths.notebooks():
        source = "\n".join(c.source for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code")
        calls = re.findall(r'save_table\(\s*\w+,\s*"(\d\d)",\s*f?"([\w{}]+)"', source)
        assert source.count("save_table(") == len(calls), f"{notebook.name}: a save_table call this test cannot read"
        found[notebook.stem] = [re.sub(r"\{\w+\}", "*", f"{nb}_{name}") for nb, name in calls]
    return found


def check_every_table(tables_dir: Path) -> None:
    """Every save_table call of every notebook wrote an XLSX in ``tables_dir``, and none has a :func:`problems`;
    a table with a row per area of cooperation labels its names as the area's (not an organisation's)."""
    for notebook, ids in _saved_ids().items():
        for table in ids:
            assert list(tables_dir.glob(f"{table}.xlsx")), f"{notebook}: no XLSX for {table}"
    written = sorted(tables_dir.glob("*.xlsx"))
    assert len(written) >= sum(len(ids) for ids in _saved_ids().values())
    assert [p for path in written for p in problems(path)] == []
    for table in ("04_areas", "06_all_schools_by_area"):
        ws = load_workbook(tables_dir / f"{table}.xlsx").active
        labels = dict(zip([c.value for c in ws[H + 1]], [c.value for c in ws[H]]))
        assert labels["name_zh"] == "合作方面名称", (table, labels)
