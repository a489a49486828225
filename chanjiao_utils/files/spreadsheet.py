"""Spreadsheet cells that cannot be evaluated as formulas: CSV text with a leading ``'``, XLSX string cells.

>>> spreadsheet_text('=HYPERLINK("http://x.example","点我")'), spreadsheet_text("-1+1"), spreadsheet_text("中山中专")
('\\'=HYPERLINK("http://x.example","点我")', "'-1+1", '中山中专')
"""

from __future__ import annotations

import io
from typing import Any

#: What a spreadsheet program takes as the start of a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: object) -> bool:
    """Whether Excel, LibreOffice or WPS would evaluate this text typed into a cell (after leading spaces).

    >>> [is_formula_like(v) for v in ("=1+1", "  @SUM(1)", "-1+1", "\\tx", "中山中专", -1, "")]
    [True, True, True, True, False, False, False]
    """
    return isinstance(value, str) and value.lstrip(" ")[:1] in FORMULA_STARTS and value.lstrip(" ") != ""


def spreadsheet_text(value: Any) -> Any:
    """``value`` as a CSV cell no spreadsheet evaluates: a leading ``'`` before text that starts like a formula
    (OWASP's rule), only there; numbers and other text are returned as they are."""
    return "'" + value if is_formula_like(value) else value


def xlsx_text_cell(cell: Any) -> Any:
    """Make an openpyxl cell holding formula-like text a plain string cell (never a formula), shown as typed,
    with Excel's quote prefix so editing it keeps it text. Returns the cell."""
    if is_formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def csv_bytes(frame: Any, *, index: bool, bom: bool = True) -> bytes:
    """A pandas table as CSV (UTF-8, with BOM for Excel by default), text cells and headers made safe with
    :func:`spreadsheet_text`; numeric columns are left as numbers."""
    import pandas as pd

    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]) and not pd.api.types.is_bool_dtype(safe[column]):
            safe[column] = safe[column].map(spreadsheet_text, na_action="ignore")
    safe.columns = [spreadsheet_text(c) if isinstance(c, str) else c for c in safe.columns]
    if index and isinstance(safe.index, pd.MultiIndex):
        safe.index = safe.index.set_levels([level if pd.api.types.is_numeric_dtype(level) else
                                            level.map(spreadsheet_text) for level in safe.index.levels])
    elif index and not pd.api.types.is_numeric_dtype(safe.index):
        safe.index = safe.index.map(spreadsheet_text)
    buf = io.StringIO()
    # CRLF, as RFC 4180 and Excel write it: a carriage return inside a cell is then quoted (with "\n" pandas
    # leaves it bare, and every reader splits the row there).
    safe.to_csv(buf, index=index, lineterminator="\r\n")
    return buf.getvalue().encode("utf-8-sig" if bom else "utf-8")
