"""Every notebook follows the project's outline and was committed from a clean top-to-bottom run.

(nbval, run by `make test`, separately re-executes each notebook and compares every output.)
"""

from __future__ import annotations

import json
import re

import pytest

from chanjiao_utils import paths

NOTEBOOKS = paths.notebooks()


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_outline(path):
    cells = _cells(path)
    first = _source(cells[0])
    number = path.name[:2]
    assert cells[0]["cell_type"] == "markdown" and first.startswith(f"# {number} · "), "title first, numbered"
    assert "**Question.**" in first and "**Data used.**" in first, "the question and the data used come first"
    code = [c for c in cells if c["cell_type"] == "code"]
    imports = [c for c in code if re.search(r"^(import|from) \S+", _source(c), re.M)]
    assert len(imports) == 1 and imports[0] is code[0], "one imports cell, the first code cell"
    assert "parameters" in code[1].get("metadata", {}).get("tags", []), "the parameters cell follows the imports"
    assert re.search(r"^DATA = None", _source(code[1]), re.M) and re.search(r"^OUT = None", _source(code[1]), re.M)
    headings = [line for c in cells if c["cell_type"] == "markdown" for line in _source(c).splitlines()
                if line.startswith("## ")]
    assert headings[-2:] == ["## What we found", "## References"], headings
    found = [c for c in cells if c["cell_type"] == "markdown" and _source(c).startswith("## What we found")]
    assert "bundled-narrative" in found[0].get("metadata", {}).get("tags", []), \
        "'What we found' describes the bundled data: tag it bundled-narrative so reports on other data leave it out"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_from_a_clean_run(path):
    code = [c for c in _cells(path) if c["cell_type"] == "code"]
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))
    for cell in code:
        assert not [o for o in cell["outputs"] if o["output_type"] == "error"], _source(cell)[:80]
        assert not re.search(r"^\s*[!%]?\s*pip install", _source(cell), re.M), "no pip install in a notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_hard_coded_paths_or_machine_traces(path):
    text = path.read_text(encoding="utf-8")
    assert "/work/" not in text and "/home/" not in text and "/tmp/" not in text
    assert "ipykernel_" not in text


def test_readme_lists_every_notebook():
    readme = (paths.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        assert f"notebooks/{path.name}" in readme, path.name
