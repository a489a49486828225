"""Reading a roster file into grids of cells, within limits that keep a hostile or careless file harmless.

An input must be a regular file (a named pipe, device or folder is refused before it is opened) of
at most :data:`MAX_INPUT_BYTES`. It is read once into memory and only those bytes are parsed. A CSV
is decoded as UTF-8 or GB18030. A workbook is read by python-calamine; all but an old .xls (.xlsx,
.xlsm, .ods are zips) is inspected first, by :func:`check_zip`: each part's unpacked size and packing ratio
(:data:`MAX_PART_BYTES`, :data:`MAX_UNPACKED_BYTES`, :data:`MAX_RATIO`), no DOCTYPE or ENTITY
declaration in any XML part, and the extent of every sheet — from A1 to the last cell holding a
value — within :data:`MAX_ROWS`, :data:`MAX_COLUMNS` and :data:`MAX_CELLS` (python-calamine makes
a dense table of that extent). Merged ranges are clipped to the cells that hold data. Whatever goes
wrong is an :class:`_Unreadable` naming the sheet, the limit, what was found and what to do.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .limits import (
    MAX_CELLS, MAX_COLUMNS, MAX_INPUT_BYTES, MAX_PART_BYTES, MAX_PARTS, MAX_RATIO, MAX_ROWS, MAX_UNPACKED_BYTES, MIB,
    Extent, _Unreadable, extent_problem,
)
from .zipcheck import check_zip

__all__ = ["Grid", "read_grids", "clip_merges", "MAX_INPUT_BYTES", "MAX_PART_BYTES", "MAX_UNPACKED_BYTES",
           "MAX_RATIO", "MAX_PARTS", "MAX_ROWS", "MAX_COLUMNS", "MAX_CELLS", "_Unreadable"]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the signature of an old (.xls) Excel file
_WHAT_TO_DO = "delete the empty formatted or stray rows and columns, or copy the roster into a new sheet and save it"


@dataclass
class Grid:
    """One sheet (or CSV) as cells from A1: ``cells[r][c]`` is spreadsheet row r+1, column c+1."""

    path: Path
    sheet: str | None  # None for a CSV
    cells: list[list[Any]]  # merged blocks already filled
    raw: list[list[Any]]  # as stored (merged blocks hold their value in the top-left cell only)
    merged: list[tuple[int, int, int, int]]  # (first row, first col, last row, last col), 0-based, clipped to data

    @property
    def label(self) -> str:
        return self.path.name if self.sheet is None else f"{self.path.name} [{self.sheet}]"


def _size(n: int) -> str:
    return f"{n / MIB:,.1f} MB" if n >= MIB else f"{n:,} bytes"


def _read_input(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_INPUT_BYTES; anything else is refused without reading it."""
    info = os.stat(path)  # FileNotFoundError / PermissionError go to the caller
    kinds = {stat.S_ISDIR: "a folder", stat.S_ISFIFO: "a named pipe (FIFO)", stat.S_ISCHR: "a device",
             stat.S_ISBLK: "a device", stat.S_ISSOCK: "a socket"}
    what = next((text for test, text in kinds.items() if test(info.st_mode)), None)
    if what is not None or not stat.S_ISREG(info.st_mode):
        raise _Unreadable("a regular file saved on disk (.xlsx, .xls or .csv), not a folder, named pipe or device",
                          value=what or "not a regular file")
    if info.st_size > MAX_INPUT_BYTES:
        raise _Unreadable(f"a file of at most {_size(MAX_INPUT_BYTES)} (a roster is rarely more than a few MB): "
                          "delete unused sheets, or split the file", value=_size(info.st_size))
    # O_NONBLOCK: should the path become a pipe after the check above, opening it does not wait for a writer.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise _Unreadable("a regular file saved on disk (.xlsx, .xls or .csv)", value="not a regular file")
        data = fh.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise _Unreadable(f"a file of at most {_size(MAX_INPUT_BYTES)}", value=f"more than {_size(MAX_INPUT_BYTES)}")
    return data


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK). Never a detection library."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _Unreadable("text in UTF-8 or GB18030/GBK")


def _read_csv(path: Path, data: bytes) -> list[Grid]:
    rows: list[list[str]] = []
    cells = 0
    reader = csv.reader(io.StringIO(_decode(data), newline=""))
    try:
        for row in reader:
            rows.append(row)
            cells += len(row)
            if len(rows) > MAX_ROWS or len(row) > MAX_COLUMNS or cells > MAX_CELLS:
                found = f"more than {MAX_ROWS:,} rows" if len(rows) > MAX_ROWS else (
                    f"{len(row):,} columns in row {len(rows)}" if len(row) > MAX_COLUMNS else f"more than {MAX_CELLS:,} cells")
                raise _Unreadable(f"a table of at most {MAX_ROWS:,} rows, {MAX_COLUMNS:,} columns and {MAX_CELLS:,} "
                                  f"cells: {_WHAT_TO_DO}", value=found)
    except csv.Error as exc:  # a field over csv.field_size_limit(), a quote left open, ...
        raise _Unreadable(f"a CSV table (line {reader.line_num}: {exc})") from exc
    return [Grid(path, None, rows, rows, [])]


def _merged_ranges_openpyxl(path: Path, sheet: str) -> list[tuple[int, int, int, int]]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=False)
    try:
        return [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in wb[sheet].merged_cells.ranges]
    finally:
        wb.close()


def clip_merges(merged: list[tuple[int, int, int, int]], rows: int, width: int) -> list[tuple[int, int, int, int]]:
    """Merged ranges cut to the ``rows`` × ``width`` cells that hold data; ranges left with one cell or none go.

    >>> clip_merges([(1, 2, 1048575, 16383), (0, 0, 0, 16383), (9, 0, 20, 3)], rows=4, width=3)
    [(1, 2, 3, 2), (0, 0, 0, 2)]
    """
    out = []
    for r0, c0, r1, c1 in merged:
        r1, c1 = min(r1, rows - 1), min(c1, width - 1)
        if r0 <= r1 and c0 <= c1 and (r0, c0) != (r1, c1):
            out.append((r0, c0, r1, c1))
    return out


def _fill(raw: list[list[Any]], merged: list[tuple[int, int, int, int]]) -> list[list[Any]]:
    cells = [list(r) for r in raw]
    for r0, c0, r1, c1 in merged:  # clipped: never beyond the cells that exist
        value = raw[r0][c0]
        for r in range(r0, r1 + 1):
            cells[r][c0:c1 + 1] = [value] * (c1 - c0 + 1)
    return cells


def _read_workbook(path: Path, data: bytes) -> list[Grid]:
    from python_calamine import CalamineWorkbook

    if data[:8] != _OLE:  # everything but an old .xls is a zip to calamine (found from its end: junk may precede)
        check_zip(data)
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises its own error types for damaged or foreign files
        raise _Unreadable(f"a readable .xlsx or .xls workbook ({exc})") from exc
    grids = []
    try:
        for name in wb.sheet_names:
            try:
                sheet = wb.get_sheet_by_name(name)
                raw = [list(r) for r in sheet.to_python(skip_empty_area=False)]
                merges = getattr(sheet, "merged_cell_ranges", None)
                if merges is None:  # python-calamine < 0.3 does not report merges
                    merged = _merged_ranges_openpyxl(path, name) if path.suffix.lower() in (".xlsx", ".xlsm") else []
                else:
                    merged = [(a[0], a[1], b[0], b[1]) for a, b in merges]
            except Exception as exc:  # XmlError, a damaged record, ...: the sheet cannot be read
                raise _Unreadable(f"a readable sheet ({type(exc).__name__}: {exc}); open the file in Excel or "
                                  "LibreOffice and save it again as .xlsx", sheet=name) from exc
            width = max((len(r) for r in raw), default=0)
            problem = extent_problem(Extent(len(raw), width))
            if problem:  # .xls and .ods are not measured before reading; refuse what came out too big
                raise _Unreadable(problem[1], value=problem[0], sheet=name)
            merged = clip_merges(merged, len(raw), width)
            grids.append(Grid(path, name, _fill(raw, merged), raw, merged))
    finally:
        wb.close()
    return grids


def read_grids(path: str | os.PathLike[str]) -> list[Grid]:
    """Every sheet of a workbook (.xlsx, .xlsm, .xls, .ods), or the one table of a CSV, as :class:`Grid`.

    Raises ``FileNotFoundError`` or ``PermissionError``, or ``_Unreadable`` for a file that is not a regular file,
    is over a limit, or cannot be parsed.
    """
    path = Path(path)
    data = _read_input(path)
    if path.suffix.lower() in (".csv", ".txt"):
        return _read_csv(path, data)
    return _read_workbook(path, data)

