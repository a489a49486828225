"""How each column of the XLSX looks: number formats by column (shares as percentages, other decimals with three
places, integers as integers, never scientific notation), widths in Excel's character units, cell values.

>>> import pandas as pd
>>> _number_format("edge_share", pd.Series([0.25])), _number_format("degree", pd.Series([3])), _width("中山 A")
('0.0%', '0', 6)
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from ..figure_text import xlsx_settings

_PERCENT, _DECIMAL, _INTEGER = "0.0%", "0.000", "0"
_MAX_WIDTH = 40  # characters (CJK count double); longer text wraps


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
