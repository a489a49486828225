"""Shared fixtures: the bundled data package, an editable copy of it, and tiny hand-made packages.

Row numbers are as a spreadsheet shows them: the header is row 1, the first data row is row 2.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from chanjiao_utils import paths

BUNDLED = paths.bundled_data()

# A one-off script that writes tests/rosters/legacy.xls with xlwt from a throwaway venv: not a test module
# (--doctest-modules would import it, and xlwt is not a dependency).
collect_ignore = ["rosters/make_xls.py"]


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV as dicts of strings (no type conversion: an independent reader for recounts)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


class PackageCopy:
    """A copy of a data package that tests may damage, one cell or row at a time."""

    def __init__(self, folder: Path):
        self.folder = folder

    def path(self, file: str) -> Path:
        return self.folder / file

    def _read(self, file: str) -> list[list[str]]:
        with self.path(file).open(encoding="utf-8", newline="") as fh:
            return list(csv.reader(fh))

    def _write(self, file: str, rows: list[list[str]]) -> None:
        with self.path(file).open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows(rows)

    def rows(self, file: str) -> list[dict[str, str]]:
        return read_csv(self.path(file))

    def get(self, file: str, row: int, column: str) -> str:
        """The cell at ``row`` (spreadsheet numbering) and ``column`` (header name)."""
        table = self._read(file)
        return table[row - 1][table[0].index(column)]

    def set(self, file: str, row: int, column: str, value: str) -> None:
        """Overwrite one cell; ``row`` as a spreadsheet shows it (header = 1)."""
        table = self._read(file)
        assert row >= 2, "row 1 is the header"
        table[row - 1][table[0].index(column)] = value
        self._write(file, table)

    def append(self, file: str, **values: str) -> int:
        """Append a row (columns not given are empty); returns its spreadsheet row number."""
        table = self._read(file)
        unknown = set(values) - set(table[0])
        assert not unknown, f"no such columns in {file}: {unknown}"
        table.append([values.get(column, "") for column in table[0]])
        self._write(file, table)
        return len(table)

    def append_copy(self, file: str, row: int, **changes: str) -> int:
        """Append a copy of ``row`` with some cells changed; returns the new row's number."""
        table = self._read(file)
        new = list(table[row - 1])
        for column, value in changes.items():
            new[table[0].index(column)] = value
        table.append(new)
        self._write(file, table)
        return len(table)

    def delete(self, file: str, row: int) -> None:
        """Delete one data row (spreadsheet numbering)."""
        table = self._read(file)
        assert row >= 2, "row 1 is the header"
        del table[row - 1]
        self._write(file, table)

    def find(self, file: str, column: str, value: str) -> int:
        """Spreadsheet row number of the first row whose ``column`` equals ``value``."""
        for i, r in enumerate(self.rows(file)):
            if r[column] == value:
                return i + 2
        raise LookupError(f"{value!r} not in {file} column {column}")


def plant_three_problems(folder: Path) -> str:
    """Damage a copy of the bundled package the way a spreadsheet user might, editing text lines; return the
    repeated id. Partnerships row 3 points at organisation S999 (none such), row 4 has area 13 (there are
    twelve), organisations row 8 repeats the id of row 7."""
    ties = (folder / "partnerships.csv").read_text(encoding="utf-8").splitlines()
    orgs = (folder / "organisations.csv").read_text(encoding="utf-8").splitlines()
    for line, column, value in ((2, 2, "S999"), (3, 3, "13")):
        cells = ties[line].split(",")
        cells[column] = value
        ties[line] = ",".join(cells)
    (folder / "partnerships.csv").write_text("\n".join(ties) + "\n", encoding="utf-8")
    repeated = orgs[6].split(",")[0]
    cells = orgs[7].split(",")
    cells[0] = repeated
    orgs[7] = ",".join(cells)
    (folder / "organisations.csv").write_text("\n".join(orgs) + "\n", encoding="utf-8")
    return repeated


def copy_package(dest: Path) -> PackageCopy:
    """Copy the bundled package into ``dest`` (which must not exist yet)."""
    shutil.copytree(BUNDLED, dest)
    return PackageCopy(dest)


@pytest.fixture
def bundled() -> Path:
    """The bundled Zhongshan 2023 data package folder (read only: never write to it)."""
    return paths.bundled_data()


@pytest.fixture
def package_copy(tmp_path: Path) -> PackageCopy:
    """An editable copy of the bundled package, in a folder with the bundled name."""
    return copy_package(tmp_path / BUNDLED.name)


# Columns of the two tables a small package is made of.
ORG_COLUMNS = ["id", "name_zh", "name_en", "short_name", "sector", "kind", "council_tier",
               "lead_role", "district", "provenance", "source_id", "note"]
TIE_COLUMNS = ["id", "org_a", "org_b", "area", "since", "provenance", "source_id", "note"]


def org_row(id: str, sector: str = "enterprise", kind: str = "leading_enterprise", **more: str) -> dict[str, str]:
    """A synthetic organisation row with sensible defaults (name 示例<id>)."""
    return {"id": id, "name_zh": f"示例{id}", "name_en": f"Example {id}", "sector": sector, "kind": kind,
            "council_tier": "member", "lead_role": "none", "provenance": "synthetic", "source_id": "GEN", **more}


def tie_row(id: str, a: str, b: str, area: int | str = "", since: str = "", **more: str) -> dict[str, str]:
    """A synthetic partnership row."""
    return {"id": id, "org_a": a, "org_b": b, "area": str(area), "since": since,
            "provenance": "synthetic", "source_id": "GEN", **more}


def write_table(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n", restval="")
        writer.writeheader()
        writer.writerows(rows)


def make_small_package(dest: Path, orgs: list[dict[str, str]], ties: list[dict[str, str]]) -> PackageCopy:
    """A tiny package in ``dest`` with the given organisation and partnership rows.

    It keeps the bundled descriptor and vocabularies (sources, areas, sectors, tiers, kinds);
    events and aliases are left with their header only.
    """
    package = copy_package(dest)
    write_table(package.path("organisations.csv"), ORG_COLUMNS, orgs)
    write_table(package.path("partnerships.csv"), TIE_COLUMNS, ties)
    for file in ("events.csv", "aliases.csv"):
        package._write(file, [package._read(file)[0]])
    return package


@pytest.fixture
def small_package(tmp_path: Path):
    """Factory fixture: ``small_package(orgs, ties)`` → a tiny valid package (see :func:`make_small_package`)."""
    return lambda orgs, ties, name="small": make_small_package(tmp_path / name, orgs, ties)


def collection_consortia(n: int = 6) -> list:
    """The consortia of a small seeded synthetic collection (about 60 organisations and 500 partnerships each)."""
    from chanjiao_utils import synthetic
    from chanjiao_utils.collection import Collection

    assumptions = synthetic.CollectionAssumptions(consortia=n, organisations=60 * n, partnerships=500 * n, seed=3)
    return [c for _, c in Collection.from_tables(synthetic.generate_collection(assumptions), assumptions)]
