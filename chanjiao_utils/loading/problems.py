"""What is wrong with a data package: :class:`Problem` (one each) and :class:`DataPackageError` (all of them)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

#: Characters a terminal may act on (C0 and C1 controls, DEL): printed as <U+XXXX>, never sent as they are.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f]")


def _printable(text: str) -> str:
    r"""``text`` with control characters written as ``<U+XXXX>``: a file cannot move the cursor or recolour a terminal.

    >>> _printable("kind \x1b[2Jx")
    'kind <U+001B>[2Jx'
    """
    return _UNPRINTABLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, said so a researcher can find and fix it.

    Printed, the value is quoted (its control characters escaped) and control characters elsewhere
    (a file, column or cell named in ``expected``) are written as ``<U+XXXX>``.

    >>> print(Problem("partnerships.csv", 7, "org_b", "S999", "an id listed in organisations.csv"))
    partnerships.csv, row 7, column org_b: 'S999' — expected an id listed in organisations.csv
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    expected: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        value = "" if self.value is None else f"{self.value!r} — "
        return _printable(f"{', '.join(where)}: {value}expected {self.expected}")


class DataPackageError(ValueError):
    """Raised by :func:`~chanjiao_utils.loading.load` when the data package is invalid; ``problems`` lists every one."""

    def __init__(self, folder: Path, problems: list[Problem]):
        self.folder = folder
        self.problems = problems
        lines = [f"Invalid data package {folder} ({len(problems)} problem{'s' if len(problems) != 1 else ''}):"]
        lines += [f"  {p}" for p in problems]
        super().__init__("\n".join(lines))


def _one_per_cell(problems: list[Problem]) -> list[Problem]:
    """One problem per cell, sorted by file and row: what several checks expect of one cell is joined.

    >>> _one_per_cell([Problem("t.csv", 3, "area", "13", "a whole number <= 12"),
    ...                Problem("t.csv", 3, "area", "13", "a value of column code in areas.csv")])[0].expected
    'a whole number <= 12; a value of column code in areas.csv'
    """
    merged: dict[tuple[str, int | None, str | None, str | None], list[str]] = {}
    for p in problems:
        expected = merged.setdefault((p.file, p.row, p.column, p.value), [])
        if p.expected not in expected:
            expected.append(p.expected)
    cells = [Problem(f, r, c, v, "; ".join(e)) for (f, r, c, v), e in merged.items()]
    return sorted(cells, key=lambda p: (p.file, p.row or 0, p.column or "", p.expected))
