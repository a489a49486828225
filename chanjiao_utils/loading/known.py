"""What the pre-check (:mod:`.precheck`) knows: the schema features, and the CSV files, it can vouch for.

A descriptor that uses anything else, or a file frictionless would parse otherwise than pandas did,
is left to frictionless.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from typing import Any

import pandas as pd

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


def _read_as_frictionless_reads(data: bytes, names: list[str], table: pd.DataFrame, encoding: str | None) -> bool:
    """Whether frictionless reads exactly ``table`` (header ``names``, every cell) from a CSV file's bytes ``data``.

    Frictionless guesses the encoding from the first bytes and the CSV dialect from the first 100
    lines; both guesses must give UTF-8 (without a byte order mark) and plain commas and double
    quotes. Every row then must have as many cells as the header, and ``table`` must hold them.
    """
    from frictionless import Detector

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
