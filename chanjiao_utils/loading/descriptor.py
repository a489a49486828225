"""Read ``datapackage.json``, safely, and check the structure the loaders rely on.

``datapackage.json`` must be a regular file in the package folder (a symbolic link may not lead out
of it) of at most :data:`DESCRIPTOR_MAX_BYTES`, JSON nested at most :data:`MAX_DEPTH` deep, with the
structure :func:`_structure_problems` checks: an object whose ``resources`` is a list of objects, each
with a string ``name`` and ``path`` and an inline Table Schema. Nothing is fetched from a network:
keys that would make frictionless fetch or unpack something (a ``profile`` URL, a ``dialect`` file,
``scheme``, ``extrapaths``, ``innerpath``, ``compression``) are refused. Every violation is one
:class:`Problem` (``file="datapackage.json"``), never a TypeError.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .files import DESCRIPTOR, Refused, _read_regular, _regular_file
from .problems import Problem

#: The largest ``datapackage.json`` read (16 MiB; the bundled one has 29 KB).
DESCRIPTOR_MAX_BYTES = 16 * 2**20
#: How deep ``datapackage.json`` may nest objects and lists (the bundled one: 7).
MAX_DEPTH = 64
#: The ``profile`` names frictionless knows without fetching anything.
PACKAGE_PROFILES = ("data-package", "tabular-data-package")
RESOURCE_PROFILES = ("data-resource", "tabular-data-resource")
#: Resource keys that make frictionless open something else than the file at ``path``.
_FETCHING_KEYS = ("scheme", "extrapaths", "innerpath", "compression")


def _read_descriptor(folder: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """``datapackage.json`` as a dict, or None and every problem that keeps it from being used."""
    path = folder / DESCRIPTOR
    try:
        found = _regular_file(folder, DESCRIPTOR, DESCRIPTOR_MAX_BYTES)
        if found is None:
            return None, [Problem(str(path), None, None, None, "a datapackage.json describing the tables")]
        data = _read_regular(found, DESCRIPTOR_MAX_BYTES)
    except (Refused, OSError) as exc:
        expected = exc.expected if isinstance(exc, Refused) else f"a file that can be read: {exc.strerror}"
        return None, [Problem(DESCRIPTOR, None, None, None, f"datapackage.json to be {expected}")]
    try:
        descriptor = json.loads(data.decode("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return None, [Problem(DESCRIPTOR, getattr(exc, "lineno", None), None, None, f"valid UTF-8 JSON ({exc})")]
    except RecursionError:
        return None, [Problem(DESCRIPTOR, None, None, None, f"JSON nested at most {MAX_DEPTH} levels deep")]
    if _depth(descriptor) > MAX_DEPTH:
        return None, [Problem(DESCRIPTOR, None, None, None, f"JSON nested at most {MAX_DEPTH} levels deep")]
    problems = _structure_problems(descriptor)
    return (None, problems) if problems else (descriptor, [])


def _depth(value: Any) -> int:
    """How deep objects and lists nest in ``value`` (counted without recursion, up to :data:`MAX_DEPTH` + 1).

    >>> _depth({"a": [1, {"b": []}]}), _depth("x")
    (4, 0)
    """
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, depth)
            if depth > MAX_DEPTH:
                break
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    names = {dict: "an object", list: "a list", str: "a string", int: "a number", float: "a number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _structure_problems(descriptor: Any) -> list[Problem]:
    """What in the descriptor's structure the loaders (and frictionless, safely) cannot use; one problem each.

    >>> [p.expected for p in _structure_problems({"resources": ["a.csv", {"name": "t", "path": ["a.csv"]}]})]
    ['resources[0] to be an object (one table: name, path, schema), not a string', \
'resources[1].path to be a string (one file name, relative to the package folder), not a list', \
'resources[1].schema to be an object (a Table Schema written inline, not a file name or URL), not null']
    """
    problems: list[str] = []

    def expect(where: str, value: Any, ok: bool, what: str) -> bool:
        if not ok:
            problems.append(f"{where} to be {what}, not {_json_type(value)}")
        return ok

    def strings(value: Any) -> bool:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)

    if not expect("the descriptor", descriptor, isinstance(descriptor, dict), "a JSON object describing the package"):
        return [Problem(DESCRIPTOR, None, None, None, problems[0])]
    if "profile" in descriptor and descriptor["profile"] not in PACKAGE_PROFILES:
        problems.append(f"profile to be one of {', '.join(PACKAGE_PROFILES)} (another profile would be fetched)")
    resources = descriptor.get("resources")
    if expect("resources", resources, isinstance(resources, list), "a list of objects, one per table"):
        for i, resource in enumerate(resources):
            at = f"resources[{i}]"
            if not expect(at, resource, isinstance(resource, dict), "an object (one table: name, path, schema)"):
                continue
            expect(f"{at}.name", resource.get("name"), isinstance(resource.get("name"), str), "a string naming the table")
            expect(f"{at}.path", resource.get("path"), isinstance(resource.get("path"), str),
                   "a string (one file name, relative to the package folder)")
            for key in _FETCHING_KEYS:
                if key in resource:
                    problems.append(f"{at} to have no {key} (a table is a plain CSV file in the package folder)")
            if resource.get("format", "csv") != "csv":
                problems.append(f"{at}.format to be csv")
            if "profile" in resource and resource["profile"] not in RESOURCE_PROFILES:
                problems.append(f"{at}.profile to be one of {', '.join(RESOURCE_PROFILES)} "
                                "(another profile would be fetched)")
            if "dialect" in resource:
                expect(f"{at}.dialect", resource["dialect"], isinstance(resource["dialect"], dict),
                       "an object (written inline, not a file name or URL)")
            schema = resource.get("schema")
            if not expect(f"{at}.schema", schema, isinstance(schema, dict),
                          "an object (a Table Schema written inline, not a file name or URL)"):
                continue
            fields = schema.get("fields")
            if expect(f"{at}.schema.fields", fields, isinstance(fields, list), "a list of objects, one per column"):
                for j, field in enumerate(fields):
                    where = f"{at}.schema.fields[{j}]"
                    if not expect(where, field, isinstance(field, dict), "an object (one column: name, type)"):
                        continue
                    expect(f"{where}.name", field.get("name"), isinstance(field.get("name"), str),
                           "a string naming the column")
                    if "type" in field:
                        expect(f"{where}.type", field["type"], isinstance(field["type"], str), "a string")
                    if "constraints" in field:
                        expect(f"{where}.constraints", field["constraints"], isinstance(field["constraints"], dict),
                               "an object")
                    for key in ("missingValues", "trueValues", "falseValues"):
                        if key in field:
                            expect(f"{where}.{key}", field[key], strings(field[key]), "a list of strings")
            if "missingValues" in schema:
                expect(f"{at}.schema.missingValues", schema["missingValues"], strings(schema["missingValues"]),
                       "a list of strings")
            if "primaryKey" in schema:
                key = schema["primaryKey"]
                expect(f"{at}.schema.primaryKey", key, isinstance(key, str) or strings(key),
                       "a column name or a list of them")
            if "foreignKeys" in schema:
                fks = schema["foreignKeys"]
                expect(f"{at}.schema.foreignKeys", fks, isinstance(fks, list) and all(isinstance(fk, dict) for fk in fks),
                       "a list of objects")
    return [Problem(DESCRIPTOR, None, None, None, expected) for expected in problems]
