"""The vectorised pre-check that vouches for rows, so frictionless need not read them.

Frictionless checks every row in Python, which takes tens of seconds on a large package, so this
pre-check runs first. It is conservative: it says "valid" only when every file parses exactly as
frictionless would parse it and uses only schema features it knows, and every cell, key and
reference passes; on anything else, frictionless validates the rows as before, so each problem
reported is frictionless's own. It reads files only through :mod:`.files` (inside the package folder).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .files import _resource_bytes
from .known import _RESOURCE_KEYS, _codec, _read_as_frictionless_reads, _schema_known, _strings

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
    >>> from chanjiao_utils.loading.descriptor import _read_descriptor
    >>> from chanjiao_utils.loading.files import _raw_tables
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
        table = raw.get(name)
        names = [field["name"] for field in schema["fields"]]
        # a CSV file inside the package folder, nothing else (Refused otherwise: then frictionless decides)
        if table is None or not _read_as_frictionless_reads(_resource_bytes(folder, path), names, table, encoding):
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
