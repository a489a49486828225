"""Load a consortium data package into validated pandas tables.

A data package is a folder with ``datapackage.json`` (a Frictionless descriptor
with a Table Schema per CSV) and the CSV files it names. :func:`validate`
checks it against its schema (types, enums, required values, primary and
foreign keys) and against the rules a schema cannot say (no self-ties, one row
per pair and area, a kind's sector, provenance that matches its source).
:func:`load` returns the tables with proper dtypes, or raises one
:class:`DataPackageError` that lists every problem with the file, the row as a
spreadsheet shows it (the header is row 1), the column, the value and what was
expected. Nothing is dropped or changed silently.

>>> consortium = load()
>>> len(consortium.organisations), consortium.organisations.loc["A01", "name_zh"]
(85, '中山市中等专业学校')
>>> consortium.partnerships["area"].dtype
Int64Dtype()
"""

from __future__ import annotations

import datetime as dt
import json
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from . import paths

#: The tables every consortium data package has, in the order they are checked.
RESOURCES = (
    "sources", "areas", "sectors", "tiers", "kinds", "organisations", "partnerships", "events", "aliases",
)
#: Tables whose every row must say ``attested`` or ``synthetic``.
PROVENANCE_TABLES = ("areas", "sectors", "tiers", "organisations", "partnerships", "events", "aliases")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, said so a researcher can find and fix it.

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
        return f"{', '.join(where)}: {value}expected {self.expected}"


class DataPackageError(ValueError):
    """Raised by :func:`load` when the data package is invalid; ``problems`` lists every one."""

    def __init__(self, folder: Path, problems: list[Problem]):
        self.folder = folder
        self.problems = problems
        lines = [f"Invalid data package {folder} ({len(problems)} problem{'s' if len(problems) != 1 else ''}):"]
        lines += [f"  {p}" for p in problems]
        super().__init__("\n".join(lines))


@dataclass
class Consortium:
    """The validated tables of one data package.

    Tables with a one-column primary key are indexed by it (organisations by ``id``,
    areas by ``code`` …); ``partnerships`` is indexed by its ``id``.
    """

    folder: Path
    descriptor: dict[str, Any]
    sources: pd.DataFrame
    areas: pd.DataFrame
    sectors: pd.DataFrame
    tiers: pd.DataFrame
    kinds: pd.DataFrame
    organisations: pd.DataFrame
    partnerships: pd.DataFrame
    events: pd.DataFrame
    aliases: pd.DataFrame

    @property
    def name(self) -> str:
        """The dataset's folder name, e.g. ``zhongshan_2023``."""
        return self.folder.name

    @property
    def title(self) -> str:
        """The data package title."""
        return str(self.descriptor.get("title", self.name))

    def provenance_counts(self) -> pd.DataFrame:
        """Rows per table and provenance (attested / synthetic), with the synthetic share.

        >>> load().provenance_counts().loc["organisations", ["attested", "synthetic"]].tolist()
        [5, 80]
        """
        rows = {}
        for name in PROVENANCE_TABLES:
            counts = getattr(self, name)["provenance"].value_counts()
            rows[name] = {"attested": int(counts.get("attested", 0)), "synthetic": int(counts.get("synthetic", 0))}
        table = pd.DataFrame.from_dict(rows, orient="index")
        table.index.name = "table"
        table["total"] = table["attested"] + table["synthetic"]
        table["synthetic_share"] = (table["synthetic"] / table["total"]).round(3)
        return table

    def synthetic_assumptions(self) -> dict[str, Any] | None:
        """What the generator assumed, as recorded in ``datapackage.json``; ``None`` for a package without synthetic rows."""
        return self.descriptor.get("chanjiao:synthetic")


def name_key(name: str) -> str:
    """The key names are matched on: NFKC (full-width to half-width) with all whitespace removed.

    >>> name_key(" 中山市（中等）专业\u3000学校 ") == name_key("中山市(中等)专业学校")
    True
    """
    return "".join(unicodedata.normalize("NFKC", name).split())


# ----------------------------------------------------------------------------- validation


def _expected_for(field_schema: dict[str, Any]) -> str:
    """What a cell of this field should hold, in words."""
    type_ = field_schema.get("type", "string")
    constraints = field_schema.get("constraints", {})
    if "enum" in constraints:
        return "one of " + ", ".join(map(str, constraints["enum"]))
    if type_ == "date":
        return "a date written YYYY-MM-DD"
    if type_ == "integer":
        bounds = [f">= {constraints['minimum']}" if "minimum" in constraints else "",
                  f"<= {constraints['maximum']}" if "maximum" in constraints else ""]
        return "a whole number " + " and ".join(b for b in bounds if b) if any(bounds) else "a whole number"
    if type_ == "boolean":
        return "true or false"
    return f"a {type_}"


def _frictionless_problems(descriptor_path: Path, descriptor: dict[str, Any]) -> list[Problem]:
    import frictionless  # imported here: it is only needed to validate

    fields = {
        (r["path"], f["name"]): f
        for r in descriptor.get("resources", [])
        for f in r.get("schema", {}).get("fields", [])
    }
    report = frictionless.validate(str(descriptor_path))
    problems: list[Problem] = []
    for error in report.errors:
        problems.append(Problem("datapackage.json", None, None, None, f"a valid descriptor ({error.message})"))
    for task in report.tasks:
        file = str(task.place)
        unique_rows = {e.row_number for e in task.errors if e.type == "unique-error"}
        for e in task.errors:
            row = getattr(e, "row_number", None)
            if e.type == "primary-key" and row in unique_rows:
                continue  # the same duplicate is already reported for its column
            if e.type == "foreign-key":
                for name, cell in zip(e.field_names, e.field_cells):
                    ref = ", ".join(e.reference_field_names)
                    problems.append(Problem(file, row, name, cell, f"a value of column {ref} in {e.reference_name}.csv"))
                continue
            column = getattr(e, "field_name", None) or getattr(e, "label", None)
            cell = getattr(e, "cell", None)
            spec = fields.get((file, column), {})
            if e.type == "type-error":
                expected = _expected_for(spec)
            elif e.type == "constraint-error":
                constraints = spec.get("constraints", {})
                if e.note.startswith('constraint "required"'):
                    expected = "a value (this column may not be empty)"
                elif {"enum", "minimum", "maximum"} & set(constraints):
                    expected = _expected_for(spec)
                else:
                    expected = f"a value meeting {e.note}"
            elif e.type == "unique-error":
                expected = f"a value no other row has ({e.note.replace('the row at position', 'row')})"
            elif e.type == "primary-key":
                expected = f"a key no other row has ({e.note.replace('the row at position', 'row')})"
            else:
                expected = f"{e.title.lower()}: {e.note or e.message}"
            problems.append(Problem(file, row, column, cell, expected))
    return problems


def _raw_tables(folder: Path, descriptor: dict[str, Any]) -> dict[str, pd.DataFrame]:
    tables = {}
    for resource in descriptor.get("resources", []):
        path = folder / resource["path"]
        if path.is_file():
            tables[resource["name"]] = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    return tables


def _as_int(text: str) -> int | str:
    """A cell as the whole number frictionless reads in it ("03" and "3" are the same area), else as written."""
    try:
        return int(text.strip())
    except ValueError:
        return text


def _rule_problems(raw: dict[str, pd.DataFrame], descriptor: dict[str, Any]) -> list[Problem]:
    """The rules a Table Schema cannot express. Row numbers are as a spreadsheet shows them."""
    problems: list[Problem] = []
    files = {r["name"]: r["path"] for r in descriptor.get("resources", [])}
    missing = [name for name in RESOURCES if name not in files]
    for name in missing:
        problems.append(Problem("datapackage.json", None, None, name, "a resource for every table: " + ", ".join(RESOURCES)))
    if missing:
        return problems

    def row_of(index: int) -> int:
        return index + 2  # header is row 1

    ties = raw.get("partnerships")
    if ties is not None and {"org_a", "org_b", "area"} <= set(ties.columns):
        seen: dict[tuple[str, str, int | str], int] = {}
        for i, (a, b, area) in enumerate(zip(ties["org_a"], ties["org_b"], ties["area"])):
            if a and a == b:
                problems.append(Problem(files["partnerships"], row_of(i), "org_b", b, "an organisation other than org_a (no tie to itself)"))
            key = (min(a, b), max(a, b), _as_int(area))
            if key in seen:
                problems.append(Problem(files["partnerships"], row_of(i), "area", area,
                                        f"one row per pair of organisations and area (row {seen[key]} already ties {a} and {b} in this area)"))
            else:
                seen[key] = row_of(i)

    orgs, kinds = raw.get("organisations"), raw.get("kinds")
    if orgs is not None and kinds is not None and {"kind", "sector"} <= set(orgs.columns):
        kind_sector = dict(zip(kinds.get("code", []), kinds.get("sector", [])))
        for i, (kind, sector) in enumerate(zip(orgs["kind"], orgs["sector"])):
            if kind in kind_sector and sector != kind_sector[kind]:
                problems.append(Problem(files["organisations"], row_of(i), "sector", sector,
                                        f"{kind_sector[kind]} (the sector of kind {kind})"))
    if orgs is not None and "name_zh" in orgs.columns:
        first: dict[str, int] = {}
        for i, name in enumerate(orgs["name_zh"]):
            key = name_key(name)
            if key and key in first and orgs["name_zh"].iloc[first[key] - 2] != name:
                problems.append(Problem(files["organisations"], row_of(i), "name_zh", name,
                                        f"a name no other organisation has (row {first[key]} has the same name once width and spaces are normalised)"))
            first.setdefault(key, row_of(i))

    sources = raw.get("sources")
    if sources is not None and {"id", "kind"} <= set(sources.columns):
        generators = set(sources.loc[sources["kind"] == "generator", "id"])
        known = set(sources["id"])
        for name in PROVENANCE_TABLES:
            table = raw.get(name)
            if table is None or not {"provenance", "source_id"} <= set(table.columns):
                continue
            for i, (prov, src) in enumerate(zip(table["provenance"], table["source_id"])):
                if src not in known:
                    continue  # reported as a foreign-key problem
                if prov == "synthetic" and src not in generators:
                    problems.append(Problem(files[name], row_of(i), "source_id", src,
                                            "the id of a generator source (a synthetic row cites the generator that made it)"))
                elif prov == "attested" and src in generators:
                    problems.append(Problem(files[name], row_of(i), "source_id", src,
                                            "the id of a source that states the row (an attested row cannot cite a generator)"))
    return problems


def _read_descriptor(folder: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    path = folder / "datapackage.json"
    if not path.is_file():
        return None, [Problem(str(path), None, None, None, "a datapackage.json describing the tables")]
    try:
        return json.loads(path.read_text(encoding="utf-8")), []
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return None, [Problem("datapackage.json", getattr(exc, "lineno", None), None, None, f"valid UTF-8 JSON ({exc})")]


def validate(data: str | os.PathLike[str] | None = None) -> list[Problem]:
    """Every problem in a data package, sorted by file and row; an empty list when it is valid.

    >>> validate()
    []
    """
    return _checked(paths.data_package(data))[2]


def _checked(folder: Path) -> tuple[dict[str, Any] | None, dict[str, pd.DataFrame], list[Problem]]:
    """The descriptor, the raw tables (all cells as text) and every problem, reading each file once."""
    descriptor, problems = _read_descriptor(folder)
    if descriptor is None:
        return None, {}, problems
    raw = _raw_tables(folder, descriptor)
    problems = _frictionless_problems(folder / "datapackage.json", descriptor) + _rule_problems(raw, descriptor)
    return descriptor, raw, _one_per_cell(problems)


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


# ----------------------------------------------------------------------------- typed tables


#: Table Schema's default spellings of a boolean (what frictionless accepts when a field does not say).
_TRUE_VALUES = ("true", "True", "TRUE", "1")
_FALSE_VALUES = ("false", "False", "FALSE", "0")


def _typed(raw: pd.DataFrame, schema: dict[str, Any]) -> pd.DataFrame:
    missing = set(schema.get("missingValues", [""]))
    out = {}
    for spec in schema["fields"]:
        column = raw[spec["name"]].where(~raw[spec["name"]].isin(missing))
        type_ = spec.get("type", "string")
        if type_ == "integer":
            # int() of the trimmed text, as frictionless reads it: "03", "+3", " 3" and "1_0" all pass its check.
            out[spec["name"]] = pd.Series(
                [None if pd.isna(v) else int(v.strip()) for v in column], index=column.index, dtype="Int64")
        elif type_ == "number":
            out[spec["name"]] = pd.to_numeric(column).astype("Float64")
        elif type_ == "boolean":
            # The words frictionless accepted when it validated the cell (its defaults unless the field says).
            words = {v: True for v in spec.get("trueValues", _TRUE_VALUES)}
            words.update({v: False for v in spec.get("falseValues", _FALSE_VALUES)})
            out[spec["name"]] = column.map(words).astype("boolean")
        elif type_ == "date":
            # strptime, as frictionless reads it (it accepts 2023-1-5 for %Y-%m-%d, for one).
            fmt = spec.get("format", "default")
            if fmt == "any":
                out[spec["name"]] = pd.to_datetime(column)
            else:
                fmt = "%Y-%m-%d" if fmt == "default" else fmt
                out[spec["name"]] = pd.to_datetime(pd.Series(
                    [pd.NaT if pd.isna(v) else dt.datetime.strptime(v, fmt) for v in column],
                    index=column.index, dtype=object))
        else:
            out[spec["name"]] = column.astype("string")
    table = pd.DataFrame(out)
    key = schema.get("primaryKey")
    if isinstance(key, str):
        key = [key]
    if key and len(key) == 1:
        table = table.set_index(key[0])
    return table


def load(data: str | os.PathLike[str] | None = None) -> Consortium:
    """Validate a data package and return its tables; raise :class:`DataPackageError` listing every problem.

    ``data`` is the package folder (or its ``datapackage.json``); by default
    ``$CHANJIAO_DATA`` or the bundled Zhongshan 2023 dataset.
    """
    folder = paths.data_package(data)
    descriptor, raw, problems = _checked(folder)
    if problems or descriptor is None:
        raise DataPackageError(folder, problems)
    schemas = {r["name"]: r["schema"] for r in descriptor["resources"]}
    tables = {name: _typed(raw[name], schemas[name]) for name in RESOURCES}
    return Consortium(folder=folder, descriptor=descriptor, **tables)
