"""datapackage.json: read safely, its structure checked before anything else is read; each violation one problem."""

from __future__ import annotations

import json
import os
import socket
import uuid
from typing import Any, Callable

import pytest

from chanjiao_utils.loading import Problem, descriptor

from conftest import PackageCopy

from .helpers import assert_problems, assert_refused, edit_descriptor


def test_missing_datapackage_json(pkg):
    path = pkg.path("datapackage.json")
    path.unlink()
    (p,) = assert_problems(pkg.folder, (str(path), None, None, None))
    assert "datapackage.json" in p.expected


def test_invalid_json(pkg):
    pkg.path("datapackage.json").write_text('{\n  "name": "x",\n  "title": oops\n}\n', encoding="utf-8")
    (p,) = assert_problems(pkg.folder, ("datapackage.json", 3, None, None))  # the error is on line 3
    assert p.expected.startswith("valid UTF-8 JSON")


# ----------------------------------------------------------------------------- hostile descriptors


def write_descriptor(pkg: PackageCopy, text: str) -> None:
    pkg.path("datapackage.json").write_text(text, encoding="utf-8")


def aliases(d: dict[str, Any]) -> dict[str, Any]:
    return next(r for r in d["resources"] if r["name"] == "aliases")


#: Each breaks the structure of the bundled descriptor; the one problem each must give.
STRUCTURES: dict[str, tuple[Callable[[dict[str, Any]], Any], str]] = {
    "resources a string": (lambda d: d.update(resources="aliases.csv"),
                           "resources to be a list of objects, one per table, not a string"),
    "resources missing": (lambda d: d.pop("resources"), "resources to be a list of objects, one per table, not null"),
    "a resource a number": (lambda d: d["resources"].__setitem__(8, 8),
                            "resources[8] to be an object (one table: name, path, schema), not a number"),
    "a resource a string": (lambda d: d["resources"].__setitem__(8, "aliases.csv"),
                            "resources[8] to be an object (one table: name, path, schema), not a string"),
    "path a list": (lambda d: aliases(d).update(path=["aliases.csv", "more.csv"]),
                    "resources[8].path to be a string (one file name, relative to the package folder), not a list"),
    "path missing": (lambda d: aliases(d).pop("path"),
                     "resources[8].path to be a string (one file name, relative to the package folder), not null"),
    "name a number": (lambda d: aliases(d).update(name=9), "resources[8].name to be a string naming the table, not a number"),
    "schema a file name": (lambda d: aliases(d).update(schema="schema.json"),
                           "resources[8].schema to be an object (a Table Schema written inline, not a file name or URL), "
                           "not a string"),
    "schema a list": (lambda d: aliases(d).update(schema=[]),
                      "resources[8].schema to be an object (a Table Schema written inline, not a file name or URL), "
                      "not a list"),
    "fields an object": (lambda d: aliases(d)["schema"].update(fields={}),
                         "resources[8].schema.fields to be a list of objects, one per column, not an object"),
    "a field a string": (lambda d: aliases(d)["schema"]["fields"].__setitem__(0, "alias"),
                         "resources[8].schema.fields[0] to be an object (one column: name, type), not a string"),
    "a field name a list": (lambda d: aliases(d)["schema"]["fields"][0].update(name=["alias"]),
                            "resources[8].schema.fields[0].name to be a string naming the column, not a list"),
    "constraints a string": (lambda d: aliases(d)["schema"]["fields"][0].update(constraints="required"),
                             "resources[8].schema.fields[0].constraints to be an object, not a string"),
    "missing values a string": (lambda d: aliases(d)["schema"].update(missingValues=""),
                                "resources[8].schema.missingValues to be a list of strings, not a string"),
    "a profile to fetch": (lambda d: d.update(profile="http://127.0.0.1:9/profile.json"),
                           "profile to be one of data-package, tabular-data-package (another profile would be fetched)"),
    "a resource profile to fetch": (lambda d: aliases(d).update(profile="https://example.org/p.json"),
                                    "resources[8].profile to be one of data-resource, tabular-data-resource "
                                    "(another profile would be fetched)"),
    "a dialect to fetch": (lambda d: aliases(d).update(dialect="http://127.0.0.1:9/dialect.json"),
                           "resources[8].dialect to be an object (written inline, not a file name or URL), not a string"),
    "extra paths to fetch": (lambda d: aliases(d).update(extrapaths=["http://127.0.0.1:9/x.csv"]),
                             "resources[8] to have no extrapaths (a table is a plain CSV file in the package folder)"),
    "a scheme": (lambda d: aliases(d).update(scheme="http"),
                 "resources[8] to have no scheme (a table is a plain CSV file in the package folder)"),
    "a compressed file": (lambda d: aliases(d).update(compression="zip"),
                          "resources[8] to have no compression (a table is a plain CSV file in the package folder)"),
    "another format": (lambda d: aliases(d).update(format="xlsx"), "resources[8].format to be csv"),
    "the descriptor a list": (lambda d: None, "the descriptor to be a JSON object describing the package, not a list"),
}


@pytest.mark.parametrize("change", STRUCTURES)
def test_a_structure_the_loaders_cannot_use_is_one_problem(package_copy, capsys, tmp_path, monkeypatch, change):
    attempts: list[object] = []
    monkeypatch.setattr(socket.socket, "connect", lambda *a: attempts.append(a) or pytest.fail("connect"))
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: attempts.append(a) or pytest.fail("getaddrinfo"))
    alter, expected = STRUCTURES[change]
    if change == "the descriptor a list":
        write_descriptor(package_copy, "[]")
    else:
        edit_descriptor(package_copy, alter)
    (p,) = assert_refused(package_copy.folder, capsys, tmp_path)
    assert (p.file, p.row, p.column, p.value, p.expected) == ("datapackage.json", None, None, None, expected)
    assert attempts == []


def test_every_structure_problem_is_reported(package_copy, capsys, tmp_path):
    edit_descriptor(package_copy, lambda d: (aliases(d).update(path=["a.csv"], schema="s.json"),
                                             d["resources"].append("x.csv")))
    problems = assert_refused(package_copy.folder, capsys, tmp_path)
    assert [p.expected.split(" to be ")[0] for p in problems] == ["resources[8].path", "resources[8].schema",
                                                                  "resources[9]"]


@pytest.mark.parametrize("depth", [100, 100_000])
def test_deeply_nested_json_is_one_problem(package_copy, capsys, tmp_path, depth):
    """100,000 levels: json.loads raises RecursionError; 100: it parses, but frictionless would recurse as deep."""
    write_descriptor(package_copy, '{"resources": ' + "[" * depth + "]" * depth + "}")
    (p,) = assert_refused(package_copy.folder, capsys, tmp_path)
    assert p == Problem("datapackage.json", None, None, None, f"JSON nested at most {descriptor.MAX_DEPTH} levels deep")


def test_a_descriptor_over_the_size_limit_is_not_read(package_copy, capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(descriptor, "DESCRIPTOR_MAX_BYTES", 1000)
    (p,) = assert_refused(package_copy.folder, capsys, tmp_path)
    size = (package_copy.folder / "datapackage.json").stat().st_size
    assert 1024 < size < 1024**2  # shown in KiB, to one decimal
    assert p.expected == f"datapackage.json to be a file of at most 1000 bytes; this one has {size / 1024:.1f} KiB"


def test_a_descriptor_linked_from_outside_the_folder_is_not_read(package_copy, capsys, tmp_path):
    marker = f"MARKER-{uuid.uuid4().hex}"
    outside = tmp_path / "outside.json"
    outside.write_text(json.dumps({"name": marker, "resources": marker}), encoding="utf-8")
    package_copy.path("datapackage.json").unlink()
    os.symlink(outside, package_copy.path("datapackage.json"))
    (p,) = assert_refused(package_copy.folder, capsys, tmp_path, marker)
    assert p.expected == ("datapackage.json to be a file inside the package folder; "
                          "this path leads outside it through a symbolic link")


def test_a_descriptor_that_is_a_folder_is_refused(package_copy, capsys, tmp_path):
    package_copy.path("datapackage.json").unlink()
    package_copy.path("datapackage.json").mkdir()
    (p,) = assert_refused(package_copy.folder, capsys, tmp_path)
    assert p.expected == "datapackage.json to be a regular file, not a folder"
