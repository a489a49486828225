"""Cell values as text, dates and areas.

>>> parse_date("2023年11月")
(datetime.date(2023, 11, 1), 'month')
>>> parse_date(45231.0)
(datetime.date(2023, 11, 1), 'day')
>>> print(escape_not_xml("示例\\x07学校"))
示例\\u0007学校
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from .words import AREA_SEPARATORS, AREA_WORDS, value_key

DATE_FORMS = "a date such as 2023-11-01, 2023/11/1, 2023年11月1日, 2023年11月, 2023.11 or an Excel date"
_EXCEL_EPOCH = dt.date(1899, 12, 30)
#: Whole numbers read as Excel serial dates (1954-10-03 … 2119-01-10); smaller ones are not dates (a year alone).
SERIAL_RANGE = (20000, 80000)


#: Characters XML 1.0 cannot carry, so GEXF and GraphML exports cannot: the C0 controls but tab, line feed and
#: carriage return; U+FFFE and U+FFFF; lone surrogates (a CSV or workbook may still hold them).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
NOT_XML_EXPECTED = ("text without control characters (U+0000–U+001F but tab and line breaks, U+FFFE, U+FFFF): network "
                    "files (GEXF, GraphML) cannot carry them; delete the character shown as \\uXXXX")


def escape_not_xml(text: str) -> str:
    """``text`` with each character of :data:`NOT_XML` written as ``\\uXXXX``, so it can be shown and stored."""
    return NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str:
    """A cell as trimmed text: whole numbers without ``.0``, dates as YYYY-MM-DD.

    >>> cell_text(3.0), cell_text(" 甲\u3000"), cell_text(dt.datetime(2023, 11, 1))
    ('3', '甲', '2023-11-01')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


_DAY = [re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"),
        re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$"),
        re.compile(r"^(\d{4})(\d{2})(\d{2})$")]
_MONTH = [re.compile(r"^(\d{4})年(\d{1,2})月(?:份)?$"), re.compile(r"^(\d{4})[-/.](\d{1,2})$")]


def parse_date(value: Any) -> tuple[dt.date, str] | str:
    """``(date, "day" | "month")``, or a string saying why the value is not a date.

    A month alone gives the first of the month. A number from Excel is a serial date
    when it is in :data:`SERIAL_RANGE`; a number like 2023.11 is a month, but 2023.1
    is refused (Excel drops the 0 of 2023.10, so it may be January or October).

    >>> parse_date("2023/11/1"), parse_date("2023.11")
    ((datetime.date(2023, 11, 1), 'day'), (datetime.date(2023, 11, 1), 'month'))
    >>> parse_date(2023.1)
    '2023.1 as a number may be January or October: type it as text (2023.10) or as a date'
    """
    if isinstance(value, dt.datetime):
        return value.date(), "day"
    if isinstance(value, dt.date):
        return value, "day"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if SERIAL_RANGE[0] <= value <= SERIAL_RANGE[1]:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value)), "day"
        if isinstance(value, float) and not value.is_integer() and 1900 < value < 2200:
            text = repr(value)
            if re.fullmatch(r"\d{4}\.1", text):
                return f"{text} as a number may be January or October: type it as text ({text}0) or as a date"
            value = text
        else:
            return DATE_FORMS
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if re.fullmatch(r"\d{5}", text) and SERIAL_RANGE[0] <= int(text) <= SERIAL_RANGE[1]:
        return _EXCEL_EPOCH + dt.timedelta(days=int(text)), "day"
    for pattern, precision in [(p, "day") for p in _DAY] + [(p, "month") for p in _MONTH]:
        match = pattern.match(text)
        if match:
            parts = [int(g) for g in match.groups()] + [1]
            try:
                return dt.date(parts[0], parts[1], parts[2]), precision
            except ValueError:
                return f"{DATE_FORMS} (no such day or month)"
    return DATE_FORMS


def parse_areas(value: Any) -> tuple[list[int], list[str]]:
    """Area codes named in a cell (several allowed), and the pieces that are not areas.

    >>> parse_areas("岗位实习、订单班; 12")
    ([2, 3, 12], [])
    >>> parse_areas("团建")
    ([], ['团建'])
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return ([int(value)], []) if float(value).is_integer() and 1 <= value <= 12 else ([], [cell_text(value)])
    text = unicodedata.normalize("NFKC", cell_text(value))
    pieces = [p.strip() for p in re.split("[" + re.escape(AREA_SEPARATORS) + "]", text)]
    codes: list[int] = []
    bad: list[str] = []
    for piece in pieces:
        if not piece:
            continue
        key = value_key(piece)
        code = int(key) if key.isdigit() and 1 <= int(key) <= 12 else AREA_WORDS.get(key)
        if code is None:
            bad.append(piece)
        elif code not in codes:
            codes.append(code)
    return codes, bad
