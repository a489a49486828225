"""Shared by the roster tests: the corpus of messy rosters (tests/rosters) and how to read a result back."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from chanjiao_utils import roster

CORPUS_DIR = Path(__file__).resolve().parent.parent / "rosters"
_spec = importlib.util.spec_from_file_location("make_corpus", CORPUS_DIR / "make_corpus.py")
make_corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_corpus)  # type: ignore[union-attr]

MONTH = roster.MONTH_PRECISION_NOTE


def _tables(result: roster.ImportResult):
    tables = result.tables
    assert tables is not None
    names = {o["id"]: o["name_zh"] for o in tables["organisations"]}
    orgs = [(o["name_zh"], o["kind"], o["council_tier"], o["short_name"]) for o in tables["organisations"]]
    ties = [(names[t["org_a"]], names[t["org_b"]], t["area"], t["since"], t["note"]) for t in tables["partnerships"]]
    return orgs, ties
