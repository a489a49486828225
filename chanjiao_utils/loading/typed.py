"""Validated tables (every cell as text) in the types their schema gives, read as frictionless reads them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

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
