"""datapackage.json: read safely, its structure checked before anything else is read; each violation one problem."""

from __future__ import annotations

from .helpers import assert_problems


def test_missing_datapackage_json(pkg):
    path = pkg.path("datapackage.json")
    path.unlink()
    (p,) = assert_problems(pkg.folder, (str(path), None, None, None))
    assert "datapackage.json" in p.expected


def test_invalid_json(pkg):
    pkg.path("datapackage.json").write_text('{\n  "name": "x",\n  "title": oops\n}\n', encoding="utf-8")
    (p,) = assert_problems(pkg.folder, ("datapackage.json", 3, None, None))  # the error is on line 3
    assert p.expected.startswith("valid UTF-8 JSON")
