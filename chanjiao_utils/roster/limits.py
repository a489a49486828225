"""The limits that keep a hostile or careless input harmless, and how a refusal is said.

Every number here is a module constant with the reason for it; :mod:`.read` and :mod:`.zipcheck`
apply them, and a refusal is an :class:`_Unreadable` that the importer turns into one Problem naming
the file and sheet, what limit, what was found and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass

MIB = 2**20
#: Largest input file on disk. A roster of 100,000 organisations is about 10 MB as .xlsx or .csv; more is not a
#: roster, and the file is read into memory whole (so the bytes checked are the bytes parsed).
MAX_INPUT_BYTES = 100 * MIB
#: Largest part once unpacked. A sheet of MAX_CELLS cells is about 400 MB of XML; more is not a roster.
MAX_PART_BYTES = 512 * MIB
#: All parts together, unpacked (sheets, shared strings, styles, ...).
MAX_UNPACKED_BYTES = 1024 * MIB
#: Largest unpacked ÷ packed ratio of a part over RATIO_FROM unpacked. Sheet XML packs 5–30×; zip bombs 300–1000×.
MAX_RATIO = 200
RATIO_FROM = 16 * MIB
#: Most parts (files) in the zip: a workbook has tens; each costs memory before any check can run.
MAX_PARTS = 10_000
#: Sheet extent, from A1 to the last cell holding a value. python-calamine makes a dense table of it (32 bytes a
#: cell) and then a Python object per cell: 8 million cells is about 1 GB. "A few hundred thousand rows × tens of
#: columns" fits; a whole sheet (1,048,576 × 16,384) is refused.
MAX_ROWS = 500_000
MAX_COLUMNS = 1_000
MAX_CELLS = 8_000_000


class _Unreadable(Exception):
    """A file or sheet that is refused or cannot be read: what was expected, what was found, in which sheet."""

    def __init__(self, expected: str, *, value: str | None = None, sheet: str | None = None) -> None:
        super().__init__(expected)
        self.expected, self.value, self.sheet = expected, value, sheet


@dataclass(frozen=True)
class Extent:
    """Rows and columns from A1 to the last cell holding a value; ``last`` names that cell when known."""

    rows: int
    columns: int
    last: str = ""


def column_number(letters: str) -> int:
    """1-based column number of Excel letters.

    >>> column_number("A"), column_number("AB"), column_number("XFD")
    (1, 28, 16384)
    """
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def extent_problem(extent: Extent) -> tuple[str, str] | None:
    """(what was found, what is expected) when the extent is over a limit, else None."""
    if extent.rows <= MAX_ROWS and extent.columns <= MAX_COLUMNS and extent.rows * extent.columns <= MAX_CELLS:
        return None
    upto = f" up to cell {extent.last}" if extent.last else ""
    return (f"data{upto}: {extent.rows:,} rows × {extent.columns:,} columns",
            f"a sheet of at most {MAX_ROWS:,} rows, {MAX_COLUMNS:,} columns and {MAX_CELLS:,} cells from A1 to the "
            "last cell holding a value (every one of them would be held in memory): delete the stray or empty "
            "formatted cells far below or right of the roster (Ctrl+End goes to the last one), or copy the roster "
            "into a new sheet and save it again as .xlsx")


def _mb(n: int) -> str:
    return f"{n / MIB:,.1f} MB"
