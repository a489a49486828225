"""Reading a roster file into grids of cells: CSV (UTF-8 or GB18030) and workbooks (through python-calamine)."""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

@dataclass
class Grid:
    """One sheet (or CSV) as cells from A1: ``cells[r][c]`` is spreadsheet row r+1, column c+1."""

    path: Path
    sheet: str | None  # None for a CSV
    cells: list[list[Any]]  # merged blocks already filled
    raw: list[list[Any]]  # as stored (merged blocks hold their value in the top-left cell only)
    merged: list[tuple[int, int, int, int]]  # (first row, first col, last row, last col), 0-based

    @property
    def label(self) -> str:
        return self.path.name if self.sheet is None else f"{self.path.name} [{self.sheet}]"


class _Unreadable(Exception):
    pass


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK). Never a detection library."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _Unreadable("text in UTF-8 or GB18030/GBK")


def _read_csv(path: Path) -> list[Grid]:
    text = _decode(path.read_bytes())
    rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""))]
    return [Grid(path, None, rows, rows, [])]


def _merged_ranges_openpyxl(path: Path, sheet: str) -> list[tuple[int, int, int, int]]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=False)
    try:
        return [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in wb[sheet].merged_cells.ranges]
    finally:
        wb.close()


def _read_workbook(path: Path) -> list[Grid]:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for damaged or foreign files
        raise _Unreadable(f"a readable .xlsx or .xls workbook ({exc})") from exc
    grids = []
    try:
        for name in wb.sheet_names:
            sheet = wb.get_sheet_by_name(name)
            raw = [list(r) for r in sheet.to_python(skip_empty_area=False)]
            merges = getattr(sheet, "merged_cell_ranges", None)
            if merges is None:  # python-calamine < 0.3 does not report merges
                merged = _merged_ranges_openpyxl(path, name) if path.suffix.lower() in (".xlsx", ".xlsm") else []
            else:
                merged = [(a[0], a[1], b[0], b[1]) for a, b in merges]
            cells = [list(r) for r in raw]
            for r0, c0, r1, c1 in merged:
                value = raw[r0][c0] if r0 < len(raw) and c0 < len(raw[r0]) else ""
                for r in range(r0, r1 + 1):
                    while len(cells) <= r:
                        cells.append([])
                    row = cells[r]
                    while len(row) <= c1:
                        row.append("")
                    for c in range(c0, c1 + 1):
                        row[c] = value
            grids.append(Grid(path, name, cells, raw, merged))
    finally:
        wb.close()
    return grids


def read_grids(path: str | os.PathLike[str]) -> list[Grid]:
    """Every sheet of a workbook (.xlsx, .xlsm, .xls, .ods), or the one table of a CSV, as :class:`Grid`."""
    path = Path(path)
    if path.suffix.lower() in (".csv", ".txt"):
        return _read_csv(path)
    return _read_workbook(path)
