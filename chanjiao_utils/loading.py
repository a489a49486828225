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

Frictionless checks every row in Python, which takes tens of seconds on a large
package, so a vectorised pre-check (:func:`_rows_certainly_valid`) runs first.
It is conservative: it says "valid" only when every file parses exactly as
frictionless would parse it and uses only schema features it knows, and every
cell, key and reference passes; on anything else, frictionless validates the
rows as before, so each problem reported is frictionless's own.

>>> consortium = load()
>>> len(consortium.organisations), consortium.organisations.loc["A01", "name_zh"]
(85, '中山市中等专业学校')
>>> consortium.partnerships["area"].dtype
Int64Dtype()
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import json
import os
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
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
        rows = {name: dict(zip(("attested", "synthetic"), self.provenance_of(name))) for name in PROVENANCE_TABLES}
        table = pd.DataFrame.from_dict(rows, orient="index")
        table.index.name = "table"
        table["total"] = table["attested"] + table["synthetic"]
        table["synthetic_share"] = (table["synthetic"] / table["total"]).round(3)
        return table

    def provenance_of(self, table: str) -> tuple[int, int]:
        """(attested, synthetic) rows of one table, e.g. ``"partnerships"`` (what every figure's notice counts).

        >>> load().provenance_of("organisations")
        (5, 80)
        """
        provenance = getattr(self, table)["provenance"].to_numpy(dtype=object)
        return int((provenance == "attested").sum()), int((provenance == "synthetic").sum())

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


def _frictionless_problems(descriptor_path: Path, descriptor: dict[str, Any],
                           raw: dict[str, pd.DataFrame] | None = None) -> list[Problem]:
    """What frictionless finds wrong, in our words; ``[]`` at once when the pre-check vouches for every row.

    With ``raw`` (the tables as :func:`_raw_tables` read them), rows that :func:`_rows_certainly_valid`
    vouches for, in a descriptor frictionless accepts, are not read again.
    """
    if (raw is not None and not _FRICTIONLESS_ONLY and _rows_certainly_valid(descriptor_path.parent, descriptor, raw)
            and _descriptor_certainly_valid(descriptor_path)):
        return []
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
            tables[resource["name"]] = _read_raw(path)
    return tables


def _read_raw(path: Path) -> pd.DataFrame:
    """A CSV file's cells as text, under its header's names; a damaged file is read as well as it can be.

    Frictionless reports the damage (bytes that are not UTF-8, a row longer or shorter than the
    header, an empty file); the rules a schema cannot say still see every row: a long row keeps
    its first cells, a short one ends in empty cells.
    """
    options: dict[str, Any] = {"dtype": str, "keep_default_na": False, "encoding": "utf-8",
                               "encoding_errors": "replace", "index_col": False}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pd.errors.ParserWarning)
        try:
            return pd.read_csv(path, **options)  # a short row ends in "" (not NA) in this reader
        except pd.errors.EmptyDataError:
            return pd.DataFrame()
        except pd.errors.ParserError:  # a row longer than the header, not at the end of the file
            return pd.read_csv(path, engine="python", on_bad_lines=lambda cells: cells, **options).fillna("")


def _as_int(text: str) -> int | str:
    """A cell as the whole number frictionless reads in it ("03" and "3" are the same area), else as written."""
    try:
        return int(text.strip())
    except ValueError:
        return text


def _first_of_each(keys: pd.Series | pd.DataFrame) -> np.ndarray:
    """For each position, the position where its key (a value, or a row of ``keys``) first occurs.

    >>> _first_of_each(pd.Series(["a", "b", "a", "a"])).tolist()
    [0, 1, 0, 0]
    >>> _first_of_each(pd.DataFrame({"x": [1, 1, 1], "y": [2, 3, 2]})).tolist()
    [0, 1, 0]
    """
    if isinstance(keys, pd.DataFrame):
        codes = keys.groupby(list(keys.columns), sort=False, dropna=False).ngroup().to_numpy()
    else:
        codes, _ = pd.factorize(keys, use_na_sentinel=False)
    _, first = np.unique(codes, return_index=True)  # codes number keys in order of first occurrence
    return first[codes]


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
        return int(index) + 2  # header is row 1

    def text(table: pd.DataFrame, column: str) -> np.ndarray:
        return table[column].to_numpy(dtype=object)

    ties = raw.get("partnerships")
    if ties is not None and {"org_a", "org_b", "area"} <= set(ties.columns):
        a, b, area = text(ties, "org_a"), text(ties, "org_b"), text(ties, "area")
        self_ties = np.flatnonzero((a != "") & (a == b))
        # One row per unordered pair and area, the area read as frictionless reads it ("06" is 6).
        org, _ = pd.factorize(np.concatenate([a, b]))
        area_key = pd.Series(area, dtype=object).map({v: _as_int(v) for v in pd.unique(area)})
        pairs = pd.DataFrame({"org": np.minimum(org[:len(a)], org[len(a):]),
                              "other": np.maximum(org[:len(a)], org[len(a):]),
                              "area": pd.factorize(area_key)[0]})
        repeats = np.flatnonzero(pairs.duplicated().to_numpy())
        first = _first_of_each(pairs) if len(repeats) else np.empty(0, dtype=int)
        found = [(i, 0, Problem(files["partnerships"], row_of(i), "org_b", b[i],
                                "an organisation other than org_a (no tie to itself)")) for i in self_ties]
        found += [(i, 1, Problem(files["partnerships"], row_of(i), "area", area[i],
                                 f"one row per pair of organisations and area "
                                 f"(row {row_of(first[i])} already ties {a[i]} and {b[i]} in this area)"))
                  for i in repeats]
        problems += [p for _, _, p in sorted(found, key=lambda found: found[:2])]  # by row, as the loop found them

    orgs, kinds = raw.get("organisations"), raw.get("kinds")
    if orgs is not None and kinds is not None and {"kind", "sector"} <= set(orgs.columns):
        kind_sector = dict(zip(kinds.get("code", []), kinds.get("sector", [])))
        kind, sector = text(orgs, "kind"), text(orgs, "sector")
        expected = pd.Series(kind, dtype=object).map(kind_sector).to_numpy(dtype=object)
        known = pd.Series(kind, dtype=object).isin(list(kind_sector)).to_numpy()
        for i in np.flatnonzero(known & (sector != expected)):
            problems.append(Problem(files["organisations"], row_of(i), "sector", sector[i],
                                    f"{expected[i]} (the sector of kind {kind[i]})"))
    if orgs is not None and "name_zh" in orgs.columns:
        names = text(orgs, "name_zh")
        keys = pd.Series([name_key(name) for name in names], dtype=object)
        repeats = np.flatnonzero((keys.duplicated() & (keys != "")).to_numpy())
        if len(repeats):
            first = _first_of_each(keys)
            for i in repeats:
                if names[first[i]] != names[i]:
                    problems.append(Problem(files["organisations"], row_of(i), "name_zh", names[i],
                                            f"a name no other organisation has (row {row_of(first[i])} has the same "
                                            "name once width and spaces are normalised)"))

    sources = raw.get("sources")
    if sources is not None and {"id", "kind"} <= set(sources.columns):
        generators = list(set(sources.loc[sources["kind"] == "generator", "id"]))
        known_ids = list(set(sources["id"]))
        for name in PROVENANCE_TABLES:
            table = raw.get(name)
            if table is None or not {"provenance", "source_id"} <= set(table.columns):
                continue
            prov, src = text(table, "provenance"), text(table, "source_id")
            known = pd.Series(src, dtype=object).isin(known_ids).to_numpy()  # an unknown id is a foreign-key problem
            cites_generator = pd.Series(src, dtype=object).isin(generators).to_numpy()
            synthetic_citing_a_source = known & (prov == "synthetic") & ~cites_generator
            attested_citing_a_generator = known & (prov == "attested") & cites_generator
            for i in np.flatnonzero(synthetic_citing_a_source | attested_citing_a_generator):
                if synthetic_citing_a_source[i]:
                    problems.append(Problem(files[name], row_of(i), "source_id", src[i],
                                            "the id of a generator source (a synthetic row cites the generator that made it)"))
                else:
                    problems.append(Problem(files[name], row_of(i), "source_id", src[i],
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
    not_utf8 = _encoding_problems(folder, descriptor, raw)
    reported = {p.file for p in not_utf8}  # frictionless's one-line encoding error is said better, cell by cell
    problems = [p for p in _frictionless_problems(folder / "datapackage.json", descriptor, raw)
                if not (p.row is None and p.expected.startswith("encoding error") and p.file in reported)]
    return descriptor, raw, _one_per_cell(problems + not_utf8 + _rule_problems(raw, descriptor))


#: What a cell of a file that is not UTF-8 should be.
UTF8_EXPECTED = ("text in UTF-8 (this file is in another encoding, e.g. GB18030/GBK from Excel: save it as "
                 "'CSV UTF-8', or read the roster with `chanjiao import`, which also reads GB18030)")


def _encoding_problems(folder: Path, descriptor: dict[str, Any], raw: dict[str, pd.DataFrame]) -> list[Problem]:
    """Every cell (or, failing that, the line) of a table file that is not UTF-8.

    Tables are read as UTF-8 whatever frictionless guesses, so a file in another encoding would
    load as replacement characters (``\ufffd``); it is refused instead, cell by cell.
    """
    problems: list[Problem] = []
    for resource in descriptor.get("resources", []):
        path = resource.get("path") if isinstance(resource, dict) else None
        if not isinstance(path, str) or not (folder / path).is_file():
            continue
        data = (folder / path).read_bytes()
        try:
            data.decode("utf-8")
            continue
        except UnicodeDecodeError as exc:
            first_bad_line = data[:exc.start].count(b"\n") + 1
        table = raw.get(resource.get("name"), pd.DataFrame())
        found = [Problem(path, 1, str(column), str(column), UTF8_EXPECTED)
                 for column in table.columns if "\ufffd" in str(column)]
        for column in table.columns:
            cells = table[column].to_numpy(dtype=object)
            found += [Problem(path, int(i) + 2, str(column), cells[i], UTF8_EXPECTED)
                      for i in np.flatnonzero(pd.Series(cells, dtype=object).str.contains("\ufffd", regex=False))]
        problems += found or [Problem(path, first_bad_line, None, None, UTF8_EXPECTED)]
    return problems


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


# ----------------------------------------------------------------------------- the pre-check

#: Tests set this to True to validate every row with frictionless, as if there were no pre-check.
_FRICTIONLESS_ONLY = False

#: What the pre-check knows; a descriptor that says anything else is left to frictionless.
_RESOURCE_KEYS = {"name", "path", "format", "mediatype", "encoding", "title", "description", "schema",
                  "licenses", "sources", "homepage"}
_SCHEMA_KEYS = {"fields", "primaryKey", "foreignKeys", "missingValues", "title", "description"}
_FIELD_KEYS = {"name", "type", "title", "description", "format", "constraints", "missingValues", "example", "rdfType"}
_CONSTRAINTS = {
    "string": {"required", "unique", "enum"},
    "integer": {"required", "unique", "enum", "minimum", "maximum"},
    "number": {"required", "unique", "minimum", "maximum"},
    "boolean": {"required", "unique"},
    "date": {"required", "unique"},
}
_FORMATS = {"string": {"default"}, "integer": {"default"}, "number": {"default"}, "boolean": {"default"},
            "date": {"default", "%Y-%m-%d"}}
#: Types a foreign key may join on (both ends of the same type): their values compare as plainly as in Python.
_KEY_TYPES = {"string", "integer"}


def _descriptor_certainly_valid(descriptor_path: Path) -> bool:
    """True when frictionless finds nothing wrong with ``datapackage.json`` itself; it reads no row to say so.

    These are the steps :func:`frictionless.validate` takes before it opens a table: read the
    descriptor, validate the package's metadata, then each resource's. Whatever they would
    report, full validation reports it in frictionless's own words.

    >>> from chanjiao_utils import paths
    >>> _descriptor_certainly_valid(paths.bundled_data() / "datapackage.json")
    True
    """
    import frictionless
    from frictionless.resources import PackageResource, TableResource

    try:
        resource = frictionless.Resource(str(descriptor_path), datatype=None)  # as frictionless.validate does
        if not isinstance(resource, PackageResource):
            return False
        package = resource.read_metadata()
        package.to_descriptor(validate=True)
        for table in package.resources:
            if not isinstance(table, TableResource):
                return False
            table.to_descriptor(validate=True)
    except Exception:  # whatever frictionless objects to, it says so itself
        return False
    return True


def _rows_certainly_valid(folder: Path, descriptor: dict[str, Any], raw: dict[str, pd.DataFrame]) -> bool:
    """True only when frictionless would find no problem in any row of any table of the package.

    Conservative: a schema feature it does not know, or a file it cannot be sure frictionless parses
    into exactly the cells of ``raw`` (the tables as :func:`_raw_tables` read them), gives False,
    and then frictionless decides. A cell of another type than text is read by frictionless's own
    cell reader, once for each distinct text in its column.

    >>> from chanjiao_utils import paths
    >>> folder = paths.bundled_data()
    >>> descriptor, _ = _read_descriptor(folder)
    >>> _rows_certainly_valid(folder, descriptor, _raw_tables(folder, descriptor))
    True
    """
    try:
        return _every_row_passes(folder, descriptor, raw)
    except Exception:  # anything unforeseen: let frictionless decide
        return False


def _every_row_passes(folder: Path, descriptor: dict[str, Any], raw: dict[str, pd.DataFrame]) -> bool:
    import copy

    import frictionless

    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources or {"dialect", "detector"} & set(descriptor):
        return False
    schemas: dict[str, dict[str, Any]] = {}
    values: dict[str, dict[str, np.ndarray]] = {}  # each column as frictionless reads it, None where missing
    absent: dict[str, dict[str, np.ndarray]] = {}  # where it is missing
    for resource in resources:
        if not isinstance(resource, dict) or not set(resource) <= _RESOURCE_KEYS:
            return False
        name, path, schema = resource.get("name"), resource.get("path"), resource.get("schema")
        if not isinstance(name, str) or name in schemas or not isinstance(schema, dict) or not _schema_known(schema):
            return False
        if resource.get("format", "csv") != "csv" or resource.get("mediatype", "text/csv") != "text/csv":
            return False
        encoding = resource.get("encoding")
        if encoding is not None and (not isinstance(encoding, str) or _codec(encoding) != "utf-8"):
            return False
        if (not isinstance(path, str) or not path.endswith(".csv") or "://" in path or "\\" in path
                or Path(path).is_absolute() or ".." in Path(path).parts):
            return False  # a local CSV file inside the package folder, nothing else
        table = raw.get(name)
        names = [field["name"] for field in schema["fields"]]
        if table is None or not _read_as_frictionless_reads(folder / path, names, table, encoding):
            return False
        fields = frictionless.Schema.from_descriptor(copy.deepcopy(schema)).fields
        values[name], absent[name] = {}, {}
        for spec, field in zip(schema["fields"], fields):
            read = _column_values(table[spec["name"]], spec, field)
            if read is None:
                return False
            values[name][spec["name"]], absent[name][spec["name"]] = read
        if len(table) and np.logical_and.reduce(list(absent[name].values())).any():
            return False  # a blank row
        schemas[name] = schema
    return all(_keys_hold(name, schema, schemas, values, absent) for name, schema in schemas.items())


def _codec(encoding: str) -> str | None:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return None


def _schema_known(schema: dict[str, Any]) -> bool:
    """Whether the pre-check knows every feature this Table Schema uses."""
    fields = schema.get("fields")
    if not set(schema) <= _SCHEMA_KEYS or not isinstance(fields, list) or not fields:
        return False
    if not _strings(schema.get("missingValues", [""])):
        return False
    names = [field.get("name") if isinstance(field, dict) else None for field in fields]
    if not all(isinstance(n, str) and n for n in names) or len(set(names)) != len(names):
        return False
    for field in fields:
        type_ = field.get("type")
        keys = _FIELD_KEYS | ({"trueValues", "falseValues"} if type_ == "boolean" else set())
        if type_ not in _CONSTRAINTS or not set(field) <= keys or field.get("format", "default") not in _FORMATS[type_]:
            return False
        if not all(_strings(field.get(k, [])) for k in ("missingValues", "trueValues", "falseValues")):
            return False
        constraints = field.get("constraints", {})
        if not isinstance(constraints, dict) or not set(constraints) <= _CONSTRAINTS[type_]:
            return False
        if any(not isinstance(constraints.get(k, False), bool) for k in ("required", "unique")):
            return False
        if not all(_number(constraints[k]) and (type_ == "number" or _whole(constraints[k]))
                   for k in ("minimum", "maximum") if k in constraints):
            return False
        if "enum" in constraints:
            enum = constraints["enum"]
            if not isinstance(enum, list) or not (_strings(enum) if type_ == "string" else all(map(_whole, enum))):
                return False
    key = schema.get("primaryKey", [])
    key = [key] if isinstance(key, str) else key
    if not isinstance(key, list) or not set(key) <= set(names):
        return False
    foreign_keys = schema.get("foreignKeys", [])
    return isinstance(foreign_keys, list) and all(isinstance(fk, dict) and set(fk) <= {"fields", "reference"}
                                                  for fk in foreign_keys)


def _strings(values: Any) -> bool:
    return isinstance(values, list) and all(isinstance(v, str) for v in values)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(value: Any) -> bool:
    """A finite int or float (not a bool): a bound frictionless can compare a number with."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) < float("inf")


def _read_as_frictionless_reads(path: Path, names: list[str], table: pd.DataFrame, encoding: str | None) -> bool:
    """Whether frictionless reads exactly ``table`` (header ``names``, every cell) from the CSV file at ``path``.

    Frictionless guesses the encoding from the first bytes and the CSV dialect from the first 100
    lines; both guesses must give UTF-8 (without a byte order mark) and plain commas and double
    quotes. Every row then must have as many cells as the header, and ``table`` must hold them.
    """
    from frictionless import Detector

    data = path.read_bytes()
    detector = Detector()  # frictionless guesses from the first buffer_size bytes
    if data.startswith(codecs.BOM_UTF8) or detector.detect_encoding(data[:detector.buffer_size],
                                                                    encoding=encoding) != "utf-8":
        return False
    text = data.decode("utf-8")
    sample = "".join(itertools.islice(io.StringIO(text, newline=""), 100))
    try:
        dialect = csv.Sniffer().sniff(sample, ",\t;|")
    except csv.Error:
        dialect = csv.excel
    if dialect.delimiter != "," or dialect.skipinitialspace or dialect.quotechar not in ('"', "'"):
        return False  # frictionless would read another dialect (a quote guessed as ' it reads as ")
    if list(table.columns) != names:
        return False
    columns = [table[name].to_numpy(dtype=object) for name in names]
    width = len(names)
    if any(c in text for c in '"\r\0'):  # quoted cells or other line ends: parse as frictionless does
        rows = csv.reader(io.StringIO(text, newline=""), dialect=csv.excel)
        if next(rows, None) != names:
            return False
        n = 0
        for n, (cells, expected) in enumerate(itertools.zip_longest(rows, zip(*columns)), start=1):
            if cells is None or expected is None or len(cells) != width or tuple(cells) != expected:
                return False
        return n == len(table)
    # Nothing but commas and newlines separate cells: the file must be the table joined back together.
    lines = [",".join(names)] + list(map(",".join, zip(*columns)))
    if "" in lines:
        return False  # an empty line: a blank row
    joined = "\n".join(lines)
    body = text[:-1] if text.endswith("\n") else text
    return body == joined and body.count(",") == len(lines) * (width - 1) and body.count("\n") == len(lines) - 1


def _column_values(cells: pd.Series, spec: dict[str, Any], field: Any) -> tuple[np.ndarray, np.ndarray] | None:
    """The values frictionless reads in a column (None for a missing cell) and where cells are missing, if all pass.

    None when a cell fails its type or a constraint. ``spec`` is the field as the descriptor writes
    it, ``field`` the frictionless field made from it. Text is checked with pandas; any other type
    is read by frictionless's own cell reader, once per distinct text.

    >>> from frictionless import fields
    >>> area = {"name": "area", "type": "integer", "constraints": {"minimum": 1, "maximum": 12}}
    >>> values, absent = _column_values(pd.Series(["1", "", "06"]), area, fields.IntegerField.from_descriptor(area))
    >>> values.tolist(), absent.tolist()
    ([1, None, 6], [False, True, False])
    >>> _column_values(pd.Series(["13"]), area, fields.IntegerField.from_descriptor(area)) is None
    True
    """
    text = cells.to_numpy(dtype=object)
    constraints = spec.get("constraints", {})
    if spec["type"] == "string":
        missing = field.missing_values if field.has_defined("missing_values") else field.schema.missing_values
        absent = pd.Series(text, dtype=object).isin(missing).to_numpy()
        if constraints.get("required") and absent.any():
            return None
        enum = constraints.get("enum")
        if enum is not None and not pd.Series(text[~absent], dtype=object).isin(enum).all():
            return None
        values = np.where(absent, None, text)
    else:
        codes, distinct = pd.factorize(text, use_na_sentinel=False)
        read: list[Any] = []
        reader = field.create_cell_reader()
        for cell in distinct:
            value, notes = reader(cell)
            if notes:
                return None  # a type or constraint error
            read.append(value)
        values = np.empty(len(read), dtype=object)
        values[:] = read
        absent = np.array([v is None for v in read], dtype=bool)[codes]
        values = values[codes]
    if constraints.get("unique") and pd.Series(values[~absent], dtype=object).duplicated().any():
        return None
    return values, absent


def _keys_hold(name: str, schema: dict[str, Any], schemas: dict[str, dict[str, Any]],
               values: dict[str, dict[str, np.ndarray]], absent: dict[str, dict[str, np.ndarray]]) -> bool:
    """Whether the table's primary key is unique and never wholly missing, and every foreign key finds its row."""
    key = schema.get("primaryKey", [])
    key = [key] if isinstance(key, str) else key
    if key:
        cells = pd.DataFrame({k: pd.Series(values[name][k], dtype=object) for k in key})
        if np.logical_and.reduce([absent[name][k] for k in key]).any() or cells.duplicated().any():
            return False
    types = {f["name"]: f["type"] for f in schema["fields"]}
    for fk in schema.get("foreignKeys", []):
        reference = fk.get("reference")
        if not isinstance(reference, dict) or not set(reference) <= {"resource", "fields"}:
            return False
        fields, target_fields = fk.get("fields", []), reference.get("fields", [])
        fields = [fields] if isinstance(fields, str) else fields
        target_fields = [target_fields] if isinstance(target_fields, str) else target_fields
        target = reference.get("resource", "") or name
        if (target not in schemas or not _strings(fields) or not _strings(target_fields) or not fields
                or len(fields) != len(target_fields)):
            return False
        target_types = {f["name"]: f["type"] for f in schemas[target]["fields"]}
        if any(f not in types or t not in target_types or types[f] != target_types[t] or types[f] not in _KEY_TYPES
               for f, t in zip(fields, target_fields)):
            return False
        gaps = [absent[name][f] for f in fields]
        if (np.logical_or.reduce(gaps) & ~np.logical_and.reduce(gaps)).any():
            return False  # a key partly missing: left to frictionless
        given = ~np.logical_or.reduce(gaps)
        known_rows = ~np.logical_or.reduce([absent[target][t] for t in target_fields])
        cells = [values[name][f][given] for f in fields]
        known = [values[target][t][known_rows] for t in target_fields]
        if len(fields) == 1:
            found = pd.Series(cells[0], dtype=object).isin(pd.Series(known[0], dtype=object)).all()
        else:
            lookup = set(zip(*known))
            found = all(row in lookup for row in zip(*cells))
        if not found:
            return False
    return True


# ----------------------------------------------------------------------------- typed tables


#: Table Schema's default spellings of a boolean (what frictionless accepts when a field does not say).
_TRUE_VALUES = ("true", "True", "TRUE", "1")
_FALSE_VALUES = ("false", "False", "FALSE", "0")


def _each_distinct(cells: np.ndarray, read: Any, missing: Any) -> np.ndarray:
    """``read`` of every cell (``missing`` where the cell is None), calling ``read`` once per distinct text.

    >>> _each_distinct(np.array(["06", None, "6", "06"], dtype=object), int, None).tolist()
    [6, None, 6, 6]
    """
    codes, distinct = pd.factorize(cells)  # None gets code -1: the last value below
    values = np.empty(len(distinct) + 1, dtype=object)
    values[:] = [read(v) for v in distinct] + [missing]
    return values[codes]


def _typed(raw: pd.DataFrame, schema: dict[str, Any]) -> pd.DataFrame:
    """A validated table (every cell as text) in the types its schema gives, read as frictionless reads them.

    A cell is missing (NA) when it is one of the field's ``missingValues``, else the schema's (``[""]``
    when neither says). A one-field primary key becomes the index.

    >>> schema = {"fields": [{"name": "id", "type": "string"}, {"name": "area", "type": "integer",
    ...           "missingValues": ["", "NA"]}], "primaryKey": ["id"]}
    >>> _typed(pd.DataFrame({"id": ["P1", "P2"], "area": ["06", "NA"]}), schema)["area"].tolist()
    [6, <NA>]
    """
    schema_missing = schema.get("missingValues", [""])
    out: dict[str, Any] = {}
    for spec in schema["fields"]:
        cells = raw[spec["name"]].to_numpy(dtype=object)
        absent = np.zeros(len(cells), dtype=bool)
        for text in spec.get("missingValues", schema_missing):
            absent |= cells == text
        present = np.where(absent, None, cells)
        type_ = spec.get("type", "string")
        if type_ == "integer":
            # int() of the trimmed text, as frictionless reads it: "03", "+3", " 3" and "1_0" all pass its check.
            out[spec["name"]] = pd.array(_each_distinct(present, lambda v: int(v.strip()), None), dtype="Int64")
        elif type_ == "number":
            out[spec["name"]] = pd.to_numeric(pd.Series(present, dtype=object)).astype("Float64").array
        elif type_ == "boolean":
            # The words frictionless accepted when it validated the cell (its defaults unless the field says).
            words = {v: True for v in spec.get("trueValues", _TRUE_VALUES)}
            words.update({v: False for v in spec.get("falseValues", _FALSE_VALUES)})
            out[spec["name"]] = pd.array([None if v is None else words[v] for v in present], dtype="boolean")
        elif type_ == "date":
            # strptime, as frictionless reads it (it accepts 2023-1-5 for %Y-%m-%d, for one).
            fmt = spec.get("format", "default")
            if fmt == "any":
                out[spec["name"]] = pd.to_datetime(pd.Series(present, dtype=object)).array
            else:
                fmt = "%Y-%m-%d" if fmt == "default" else fmt
                out[spec["name"]] = pd.to_datetime(pd.Series(
                    _each_distinct(present, lambda v: dt.datetime.strptime(v, fmt), pd.NaT), dtype=object)).array
        else:
            out[spec["name"]] = pd.array(present, dtype="string")
    table = pd.DataFrame(out, index=raw.index)
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
