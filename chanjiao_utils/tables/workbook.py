"""The sheet: title, source line and notice above two header rows, data, column widths and number formats,
print setup, document properties; and the same bytes for the same table (:func:`deterministic_xlsx`)."""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Mapping
from typing import Any

import pandas as pd

from .. import files
from ..figure_text import FigureText, column_label, say, xlsx_settings
from .formats import _DECIMAL, _MAX_WIDTH, _PERCENT, _lines, _number_format, _plain_cell, _width
from .names import shown_frame

_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

#: Row of the Chinese header labels (rows 1–3 hold the title, the source line and the notice); the machine
#: names are on the next row, data start on the row after.
HEADER_ROW = 4


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
    """The XLSX of a table (see :mod:`chanjiao_utils.tables`). ``titles`` are the data package's field titles,
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
