"""Tables for people: the XLSX written beside each CSV by :func:`chanjiao_utils.export.save_table`.

The CSV is for machines (codes, full precision, machine headers). The XLSX is what a policy writer
opens, prints and pastes from:

* above the headers, the table's title, its source line and the synthetic-data notice (from the
  :class:`~chanjiao_utils.figure_text.FigureText` the notebook passes; without one, the table's id and,
  when the table has a ``provenance`` column, how many of its rows are synthetic); the same words in the
  workbook's document properties;
* a header row of labels a writer can paste (Chinese, :func:`~chanjiao_utils.figure_text.column_label`),
  then the machine names as in the CSV; both frozen, filters on the machine names;
* coded values (sector, kind, council tier, lead role, provenance, areas …) named in the header's
  language, from the data package's vocabulary tables and the ``[xlsx]`` section of
  ``column_labels.toml``, with the codes kept in a column ``<column>_code`` beside them;
* number formats by column: shares as percentages, other decimals with three places, integers as
  integers, never scientific notation (the stored values keep full precision);
* print setup: A4 landscape, one page wide, header rows repeated on every page, page numbers.

The same table gives the same bytes (:func:`deterministic_xlsx`).

>>> import pandas as pd
>>> raw = xlsx_bytes(pd.DataFrame({"sector": ["research"], "density": [0.25]}), "demo")
>>> from openpyxl import load_workbook; import io
>>> ws = load_workbook(io.BytesIO(raw)).active
>>> [c.value for c in ws[HEADER_ROW + 1]], [c.value for c in ws[HEADER_ROW + 2]]
(['sector', 'sector_code', 'density'], ['研', 'research', 0.25])
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import zipfile
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from . import files, paths
from .figure_text import FigureText, column_label, say, xlsx_settings

_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

#: Row of the Chinese header labels (rows 1–3 hold the title, the source line and the notice); the machine
#: names are on the next row, data start on the row after.
HEADER_ROW = 4
_PERCENT, _DECIMAL, _INTEGER = "0.0%", "0.000", "0"
_MAX_WIDTH = 40  # characters (CJK count double); longer text wraps


def deterministic_xlsx(raw: bytes) -> bytes:
    """Rewrite an XLSX so it carries no timestamps: fixed zip entry times, modified = created."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", content)
            target.writestr(zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME), content,
                            compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


# ----------------------------------------------------------------------------- vocabularies


def _package_table(folder: Path, name: str) -> Path | None:
    """The file of resource ``name`` of the data package in ``folder``, when it is a plain file inside it."""
    descriptor = folder / "datapackage.json"
    if not descriptor.is_file():
        return None
    for resource in json.loads(descriptor.read_text(encoding="utf-8")).get("resources", []):
        where = resource.get("path")
        if resource.get("name") != name or not isinstance(where, str) or where.startswith("/") or ".." in where:
            continue
        path = (folder / where).resolve()
        if path.is_relative_to(folder.resolve()) and files.regular_file(path):
            return path
    return None


def _package_vocabulary(folder: Path, name: str) -> dict[str, tuple[str, str]]:
    path = _package_table(folder, name)
    return {} if path is None else _read_vocabulary(path, path.stat().st_mtime_ns)


@cache
def _read_vocabulary(path: Path, mtime: int) -> dict[str, tuple[str, str]]:
    """code → (name_zh, name_en) of a vocabulary CSV; cached while the file is unchanged."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {row["code"]: (row.get("name_zh") or "", row.get("name_en") or "")
                for row in csv.DictReader(fh) if row.get("code")}


def vocabularies(folder: str | Path | None = None) -> dict[str, dict[str, tuple[str, str]]]:
    """Coded column → {code: (Chinese name, English name)}, for the columns ``[xlsx.codes]`` of
    ``column_labels.toml`` declares, from the data package in ``folder`` (default: the bundled one). A column
    may be named by several vocabularies (a list: the first that names a code wins). A code with
    ``{placeholders}`` is a pattern (see :func:`_pattern`).

    >>> vocabularies()["sector"]["research"], vocabularies()["provenance"]["attested"]
    (('研', 'Research'), ('有来源', 'Attested'))
    """
    from .figure_text import _column_labels

    folder = paths.data_package(folder).resolve()
    settings = xlsx_settings()
    found = {}
    for column, named_by in settings.get("codes", {}).items():
        words: dict[str, tuple[str, str]] = {}
        for vocabulary in [named_by] if isinstance(named_by, str) else named_by:  # the first to name a code wins
            if vocabulary == "labels":
                more = {code: (w["zh"], w["en"]) for code, w in _column_labels().items()}
            elif vocabulary in settings.get("values", {}):
                more = {code: (w["zh"], w["en"]) for code, w in settings["values"][vocabulary].items()}
            else:
                more = _package_vocabulary(folder, vocabulary)
            words = {**more, **words}
        if words:
            found[column] = words
    return found


def _code_text(value: Any) -> str:
    """A code as the vocabulary tables spell it: ``2.0`` → ``"2"``."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


@cache
def _pattern(key: str) -> re.Pattern[str] | None:
    """The regular expression of a pattern code such as ``mixing_{sector1}_{sector2}``; None for a plain code.

    Each ``{placeholder}`` matches any text; when its name (less trailing digits) is a coded column, only a
    code of that column's vocabulary, shown by its name; other placeholders show the text they match.

    >>> _pattern("top{n}_degree").fullmatch("top5_degree").groupdict()
    {'n': '5'}
    """
    if "{" not in key:
        return None
    parts = re.split(r"\{(\w+)\}", key)
    return re.compile("".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts)))


def _fill(key: str, code: str, pick: int, vocab: Mapping[str, Mapping[str, tuple[str, str]]]) -> dict[str, str] | None:
    """The names of the parts of ``code`` that pattern ``key``'s placeholders match; None when it does not match
    (or a placeholder of a coded column matches a code its vocabulary does not know)."""
    pattern = _pattern(key)
    found = pattern.fullmatch(code) if pattern else None
    if found is None:
        return None
    filled = {}
    for name, part in found.groupdict().items():
        words = vocab.get(re.sub(r"\d+$", "", name))
        if words is not None and part not in words:
            return None
        filled[name] = (words[part][pick] or part) if words is not None else part
    return filled


def _name_codes(value: Any, words: Mapping[str, tuple[str, str]], lang: str,
                vocab: Mapping[str, Mapping[str, tuple[str, str]]] | None = None) -> Any:
    """The name of a code (or of each code of a ``", "``- or ``";"``-separated list); unknown codes stay.
    ``vocab`` (every coded column's words) names the codes a pattern code's placeholders match.

    >>> words = {"mixing_{sector1}_{sector2}": ("{sector1}—{sector2}关系数", "Ties {sector1}–{sector2}")}
    >>> sectors = {"sector": {"school": ("校", "Schools"), "government": ("政", "Government")}}
    >>> _name_codes("mixing_government_school", words, "zh", sectors), _name_codes("mixing_a_b", words, "zh", sectors)
    ('政—校关系数', 'mixing_a_b')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    pick = 1 if lang == "en" else 0

    def one(code: str) -> str:
        named = words.get(code)
        if named:
            return named[pick] or code
        for key, template in words.items():
            filled = _fill(key, code, pick, vocab or {})
            if filled is not None:
                return (template[pick] or code).format(**filled)
        return code

    text = _code_text(value)
    if text in words or any(_fill(key, text, pick, vocab or {}) is not None for key in words):
        return one(text)
    parts = [p.strip() for p in re.split(r"[;,]", text)]
    if len(parts) > 1 and any(p in words for p in parts):
        return ("、" if lang != "en" else ", ").join(one(p) for p in parts)
    return value


# ----------------------------------------------------------------------------- the sheet


def _words(key: str, lang: str) -> str:
    entry = xlsx_settings().get("words", {}).get(key, {})
    if lang in entry:
        return entry[lang]
    return say(entry.get("zh", ""), entry.get("en", ""), "zh" if lang == "zh" else "en" if lang == "en" else "both",
               sep=" ")


def _rows_notice(frame: pd.DataFrame) -> str:
    """How many rows of a table with a ``provenance`` column are synthetic, in both languages; '' when none."""
    if "provenance" not in frame.columns:
        return ""
    synthetic, total = int((frame["provenance"] == "synthetic").sum()), len(frame)
    if not synthetic:
        return ""
    entry = xlsx_settings().get("words", {}).get("rows_notice", {})
    return "\n".join(entry[k].format(synthetic=synthetic, total=total) for k in ("zh", "en") if k in entry)


def _number_format(name: str, column: pd.Series) -> str | None:
    settings = xlsx_settings()
    if pd.api.types.is_bool_dtype(column) or not pd.api.types.is_numeric_dtype(column):
        return None
    if name in settings.get("percent", ()) or name.endswith("_share"):
        return _PERCENT
    if pd.api.types.is_integer_dtype(column) or name in settings.get("integer", ()):
        return _INTEGER
    return _DECIMAL


def _width(text: str) -> int:
    """Width of text in Excel's character units: CJK characters count double."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _lines(text: str, width: float) -> int:
    """Lines ``text`` takes wrapped to ``width`` character units."""
    return sum(max(1, math.ceil(_width(line) / max(1.0, width))) for line in text.split("\n")) if text else 1


def _plain_cell(value: Any) -> Any:
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def shown_frame(
    table: pd.DataFrame, vocab: Mapping[str, Mapping[str, tuple[str, str]]] | None = None, lang: str = "zh"
) -> tuple[pd.DataFrame, dict[str, str]]:
    """The table as the XLSX shows it: the index as columns, coded columns named in ``lang`` with a
    ``<column>_code`` column beside each; and each code column's original column.

    >>> shown, codes = shown_frame(pd.DataFrame({"provenance": ["synthetic"]}), vocabularies())
    >>> shown.to_dict("records"), codes
    ([{'provenance': '合成', 'provenance_code': 'synthetic'}], {'provenance_code': 'provenance'})
    """
    frame = table.reset_index() if table.index.name or any(table.index.names) else table.copy()
    vocab = vocab if vocab is not None else vocabularies()
    codes: dict[str, str] = {}
    for column in list(frame.columns):
        words = vocab.get(str(column))
        code_column = f"{column}_code"
        if not words or code_column in frame.columns or pd.api.types.is_bool_dtype(frame[column]):
            continue
        named = frame[column].map(lambda v: _name_codes(v, words, lang, vocab)).astype(object)
        if named.equals(frame[column].astype(object)):
            continue  # nothing to name (free text in a column of that name)
        at = list(frame.columns).index(column)
        frame.insert(at + 1, code_column, frame[column])
        frame[column] = named
        codes[code_column] = str(column)
    return frame, codes


def xlsx_bytes(
    table: pd.DataFrame,
    sheet: str,
    *,
    titles: dict[str, str] | None = None,
    labels: Mapping[Any, str] | None = None,
    text: FigureText | None = None,
    vocab: Mapping[str, Mapping[str, tuple[str, str]]] | None = None,
    title: str | None = None,
) -> bytes:
    """The XLSX of a table (see the module docstring). ``titles`` are the data package's field titles,
    ``labels`` this table's own header labels, ``text`` its title, source and notice, ``vocab`` the
    names of codes (:func:`vocabularies`); ``title`` is shown when ``text`` is None (default ``sheet``).
    """
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    lang = "zh"  # the header labels' language
    frame, code_columns = shown_frame(table, vocab, lang)
    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    header = []
    for c in frame.columns:
        if c in code_columns:
            original = code_columns[c]
            label = (labels or {}).get(original) or column_label(original, titles)
            header.append(xlsx_settings().get("words", {}).get("code_column", {}).get(lang, "{label}").format(
                label=label))
        else:
            header.append((labels or {}).get(c) or column_label(str(c), titles))
    words_lang = text.lang if text is not None else "both"
    heading = text.title if text is not None else (title or sheet)
    source = f"{_words('source', words_lang)}{text.source}" if text is not None and text.source else ""
    rows = table.reset_index() if table.index.name or any(table.index.names) else table
    notice = text.notice if text is not None and text.notice else _rows_notice(rows)
    ncols = max(1, len(frame.columns))
    last = get_column_letter(ncols)
    for row, (value, font) in enumerate([(heading, Font(bold=True, size=13)), (source, Font(color="444444")),
                                         (notice, Font(color="B00000"))], start=1):
        cell = ws.cell(row=row, column=1, value=value or None)
        cell.font = font
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        files.xlsx_text_cell(cell)
        if ncols > 1:
            ws.merge_cells(f"A{row}:{last}{row}")
    ws.append(header)
    ws.append([str(c) for c in frame.columns])
    for cell in ws[HEADER_ROW]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
    for cell in ws[HEADER_ROW + 1]:
        cell.font = Font(color="666666", italic=True, size=8)
    for row in frame.itertuples(index=False):
        ws.append([_plain_cell(v) for v in row])
    first_data = HEADER_ROW + 2
    for cells in ws.iter_rows(min_row=HEADER_ROW):
        for cell in cells:
            files.xlsx_text_cell(cell)  # text that looks like a formula stays text
    widths, lines = [], [1] * len(frame)
    for i, column in enumerate(frame.columns, start=1):
        fmt = _number_format(str(column), frame[column])
        shown = ["" if v is None or pd.isna(v) else f"{v:.1%}" if fmt == _PERCENT else f"{v:.3f}"
                 if fmt == _DECIMAL else str(v) for v in frame[column]]
        # The width the values need; a long label wraps over up to three lines, the machine name (small
        # type) may be cut; long text wraps at _MAX_WIDTH.
        needed = max([_width(t) for t in shown] + [len(w) for w in re.split(r"[\s（(]", header[i - 1]) if w.isascii()] +
                     [min(_width(header[i - 1]), max(14, -(-_width(header[i - 1]) // 3))), 0.8 * _width(str(column))])
        width = min(_MAX_WIDTH, math.ceil(needed) + 2)
        widths.append(width)
        ws.column_dimensions[get_column_letter(i)].width = width
        wrap = max([_width(t) for t in shown] or [0]) + 2 > _MAX_WIDTH
        for r, (cell,) in enumerate(ws.iter_rows(min_row=first_data, min_col=i, max_col=i)):
            if fmt and isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                cell.number_format = fmt
            cell.alignment = Alignment(wrap_text=wrap, vertical="top")  # a row with wrapped text reads from the top
            if wrap:
                lines[r] = max(lines[r], _lines(shown[r], width - 2))
    for i, (label, width) in enumerate(zip(header, widths), start=1):
        if _width(label) > width - 2 and "（" in label.strip("（"):  # wrap before the bracket, not inside it
            ws.cell(row=HEADER_ROW, column=i).value = label = label.replace("（", "\n（", 1)
            header[i - 1] = label
    for r, n in enumerate(lines):
        if n > 1:  # spreadsheets do not all grow a row for wrapped text: say how tall it is
            ws.row_dimensions[first_data + r].height = round(n * 14.5 + 1, 1)
    ws.row_dimensions[HEADER_ROW].height = round(max(_lines(h, w - 1) for h, w in zip(header, widths)) * 14.5 + 1, 1)
    total_width = sum(widths)
    for row, value in enumerate((heading, source, notice), start=1):
        size = 13 if row == 1 else 11
        ws.row_dimensions[row].height = round(_lines(value, total_width / (size / 11)) * size * 1.4, 1) if value else 6
    ws.freeze_panes = f"A{first_data}"
    ws.auto_filter.ref = f"A{HEADER_ROW + 1}:{last}{max(ws.max_row, HEADER_ROW + 1)}"
    # Print: A4 landscape, one page wide and as many long as needed, header rows on every page.
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW + 1}"
    ws.page_margins.left = ws.page_margins.right = 0.5  # inches
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = _words("page", words_lang)
    ws.oddFooter.center.size = 8
    ws.oddHeader.left.text = heading.replace("&", "&&")
    ws.oddHeader.left.size = 8
    wb.properties.creator = "chanjiao"  # files.is_our_office_file recognises our workbooks by it
    wb.properties.title = heading
    wb.properties.subject = notice or None
    wb.properties.description = "\n".join(x for x in (source, notice) if x) or None
    wb.properties.created = wb.properties.modified = dt.datetime(2000, 1, 1)
    buf = io.BytesIO()
    wb.save(buf)
    return deterministic_xlsx(buf.getvalue())
