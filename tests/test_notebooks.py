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
    assert headings.count("## What we found") == 1, "one 'What we found' section"
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


# "What we found" states no number without its comparison (issue 14): each claim sentence printed under it must
# carry the observed value, the null mean and the completion share of a row of the significance table printed above.
CLAIMED = {"02": "significance", "03": "significance", "05": "significance", "09": "significance"}
_SENTENCE = re.compile(r" is (-?[\d.]+)[,:] .*?\(mean (-?[\d.]+);[^)]*\)(?:.*?holds in (\d+)% of (\d+))?")


def _text(cell):
    out = []
    for o in cell.get("outputs", []):
        t = o.get("text") or o.get("data", {}).get("text/plain", "")
        out.append("".join(t) if isinstance(t, list) else t)
    return "\n".join(out)


def _close(printed: str, shown: float) -> bool:
    """A number printed in a sentence equals a table's (shown to 3 decimals) within both roundings."""
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    return abs(float(printed) - shown) <= 0.5 * 10 ** -decimals + 0.0005 + 1e-9


def _frame(text):
    """A printed pandas table (wrapped in column blocks or not) as {row index: {column: cell}}."""
    rows, header = {}, None
    for line in text.replace("as null", "as_null").splitlines():
        tokens = line.split()
        if not tokens or tokens == ["\\"]:
            continue
        tokens = [t for t in tokens if t != "\\"]
        if not tokens[0].isdigit():
            header = tokens
        elif header and len(tokens) == len(header) + 1:
            rows.setdefault(int(tokens[0]), {}).update(zip(header, tokens[1:]))
    return rows


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.name[:2] in CLAIMED], ids=lambda p: p.stem)
def test_what_we_found_numbers_come_from_the_significance_table(path):
    cells = _cells(path)
    at = next(i for i, c in enumerate(cells) if c["cell_type"] == "markdown" and _source(c).startswith("## What we found"))
    sentences = [line for line in _text(cells[at + 1]).splitlines() if "(mean " in line]
    assert sentences, "the claims are printed under 'What we found'"
    rows = [row for cell in cells[:at] for row in _frame(_text(cell)).values()
            if {"null_model", "observed", "null_mean"} <= set(row)]
    assert rows, "the significance table is printed above"
    for sentence in sentences:
        m = _SENTENCE.search(sentence)
        assert m, sentence
        match = [r for r in rows if _close(m[1], float(r["observed"])) and _close(m[2], float(r["null_mean"]))
                 and r["null_model"] in ("edges", "degree", "labels")]
        assert match, sentence
        if m[3] is not None:  # the share of completions: the table's holds_share, and its runs
            assert any(abs(int(m[3]) - 100 * float(r["holds_share"])) <= 0.5 + 1e-9 and int(m[4]) == int(r["runs"])
                       for r in match), sentence


# Every number typed into a "What we found" cell is a number the notebook printed above it (issue 15): the
# narrative may round it, but may not carry a number no computation shows.
_NUMBER = re.compile(r"(?<![\w.\-])-?\d+(?:\.\d+)?(?![\w.])")


def _printed_above(cells, at):
    texts = []
    for cell in cells[:at + 2]:  # the cells above, and the one under the heading that prints the sentences
        for o in cell.get("outputs", []):
            data = o.get("data", {})
            for t in (o.get("text", ""), data.get("text/plain", ""), data.get("text/html", "")):
                texts.append("".join(t) if isinstance(t, list) else t)
    return [float(x) for x in _NUMBER.findall(re.sub(r"<[^>]+>", " ", "\n".join(texts)))]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_number_in_what_we_found_was_printed_above(path):
    cells = _cells(path)
    at = next(i for i, c in enumerate(cells) if c["cell_type"] == "markdown" and _source(c).startswith("## What we found"))
    typed = []
    for cell in cells[at:]:
        if cell["cell_type"] != "markdown":
            continue
        text = _source(cell).split("## References")[0]
        text = re.sub(r"`[^`]*`|\([^)]*\d{4}[^)]*\)|\[[^\]]*\]\([^)]*\)|\d{4}-\d{2}-\d{2}", " ", text)  # code, citations, links, dates
        typed += _NUMBER.findall(text)
        if "## References" in _source(cell):
            break
    shown = _printed_above(cells, at)
    missing = [t for t in typed if not any(_close(t, s) for s in shown)]
    assert not missing, f"typed in 'What we found' but printed nowhere above: {missing}"
