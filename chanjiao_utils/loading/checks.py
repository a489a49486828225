"""Validation: every problem in a data package, from frictionless and from our own checks.

:func:`_checked` reads ``datapackage.json`` and the files it names once, safely (:mod:`.descriptor`,
:mod:`.files`), then gathers what frictionless finds (in our words; skipped when :mod:`.precheck`
vouches for every row, and never run over a package with a refused path, since frictionless would
follow it), text that is not UTF-8 or holds control characters (:mod:`.text`) and the rules a schema
cannot say (:mod:`.rules`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd

from .. import paths
from .descriptor import _read_descriptor
from .files import DESCRIPTOR, _read_raw, _read_resources
from .precheck import _descriptor_certainly_valid, _rows_certainly_valid
from .problems import Problem, _one_per_cell
from .rules import _rule_problems
from .text import _control_character_problems, _encoding_problems

#: Tests set this to True to validate every row with frictionless, as if there were no pre-check. Set it on
#: this module (``chanjiao_utils.loading.checks``): the package's namespace is not where it is read.
_FRICTIONLESS_ONLY = False


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


def validate(data: str | os.PathLike[str] | None = None) -> list[Problem]:
    """Every problem in a data package, sorted by file and row; an empty list when it is valid.

    >>> validate()
    []
    """
    return _checked(paths.data_package(data))[2]


def _checked(folder: Path) -> tuple[dict[str, Any] | None, dict[str, pd.DataFrame], list[Problem]]:
    """The descriptor, the raw tables (all cells as text) and every problem, reading each file once.

    The descriptor is None when it cannot be used (then nothing else is read). A resource whose path is
    refused is not read, and frictionless does not run (it would follow the path); the checks of the
    files that may be read still do.
    """
    descriptor, problems = _read_descriptor(folder)
    if descriptor is None:
        return None, {}, problems
    data, refused = _read_resources(folder, descriptor)
    raw = {name: _read_raw(content) for name, content in data.items()}
    files = {r["name"]: r["path"] for r in descriptor["resources"]}
    not_utf8 = _encoding_problems(files, data, raw)
    reported = {p.file for p in not_utf8}  # frictionless's one-line encoding error is said better, cell by cell
    if not refused:
        problems = [p for p in _frictionless_problems(folder / DESCRIPTOR, descriptor, raw)
                    if not (p.row is None and p.expected.startswith("encoding error") and p.file in reported)]
    found = problems + refused + not_utf8 + _control_character_problems(files, raw, data) + _rule_problems(raw, descriptor)
    return descriptor, raw, _one_per_cell(found)
