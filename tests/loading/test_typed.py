"""Typed tables: load() reads each validated cell as frictionless read it, in the dtype its schema gives."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from chanjiao_utils import loading
from chanjiao_utils.loading import load

from conftest import read_csv

from .helpers import TIES


@pytest.fixture(scope="module")
def consortium():
    return load()


def test_dtypes(consortium):
    c = consortium
    assert str(c.partnerships["area"].dtype) == "Int64"
    assert str(c.areas.index.dtype) == "Int64"
    assert pd.api.types.is_datetime64_any_dtype(c.partnerships["since"])
    assert pd.api.types.is_datetime64_any_dtype(c.events["date"])
    assert str(c.kinds["named_in_source"].dtype) == "boolean"
    assert str(c.organisations["name_zh"].dtype).startswith("string")


def test_tables_are_indexed_by_their_primary_key(consortium, bundled):
    c = consortium
    for name, key in [("organisations", "id"), ("partnerships", "id"), ("sources", "id"), ("areas", "code"),
                      ("sectors", "code"), ("tiers", "code"), ("kinds", "code"), ("aliases", "alias")]:
        table = getattr(c, name)
        assert table.index.name == key, name
        assert list(table.index.astype(str)) == [r[key] for r in read_csv(bundled / f"{name}.csv")], name
    assert c.organisations.loc["A01", "name_zh"] == "中山市中等专业学校"


def test_missing_values_are_missing_not_empty_strings(consortium, bundled):
    raw = {r["id"]: r for r in read_csv(bundled / TIES)}
    ties = consortium.partnerships
    assert [i for i in ties.index if pd.isna(ties.loc[i, "area"])] == [i for i, r in raw.items() if r["area"] == ""]
    assert [i for i in ties.index if pd.isna(ties.loc[i, "since"])] == [i for i, r in raw.items() if r["since"] == ""]
    assert ties.loc["PA01", "since"] == pd.Timestamp("2023-10-31")


def test_cells_frictionless_accepts_load_reads_the_same_way(pkg):
    """Whatever validation accepts, load must read as validation did, never as missing."""
    pkg.set("kinds.csv", 2, "named_in_source", "True")
    pkg.set("kinds.csv", 3, "named_in_source", "1")
    pkg.set("kinds.csv", 4, "named_in_source", "FALSE")
    pkg.set(TIES, 3, "area", "06")
    pkg.set(TIES, 3, "since", "2023-1-5")
    pkg.set(TIES, 4, "area", "1_0")  # Python's int() reads it, so frictionless accepts it as 10
    c = load(pkg.folder)  # raises if validation finds a problem
    codes = [pkg.get("kinds.csv", r, "code") for r in (2, 3, 4)]
    assert c.kinds.loc[codes, "named_in_source"].tolist() == [True, True, False]
    assert c.partnerships.loc["PS0001", "area"] == 6
    assert c.partnerships.loc["PS0001", "since"] == pd.Timestamp("2023-01-05")
    assert c.partnerships.loc["PS0002", "area"] == 10


def test_a_fields_own_missing_values_are_missing_when_loaded(pkg):
    """Frictionless takes a field's missingValues over the schema's; loading did not, and read 'NA' as a number."""
    descriptor = json.loads(pkg.path("datapackage.json").read_text(encoding="utf-8"))
    ties = next(r for r in descriptor["resources"] if r["name"] == "partnerships")
    next(f for f in ties["schema"]["fields"] if f["name"] == "area")["missingValues"] = ["", "NA"]
    next(f for f in ties["schema"]["fields"] if f["name"] == "note")["missingValues"] = ["-"]
    pkg.path("datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    pkg.set(TIES, 3, "area", "NA")
    pkg.set(TIES, 4, "note", "-")
    c = load(pkg.folder)
    assert pd.isna(c.partnerships.loc["PS0001", "area"]) and pd.isna(c.partnerships.loc["PS0002", "note"])
    assert c.partnerships.loc["PS0003", "note"] == ""  # '' is no longer missing in a field that names its own


def test_typed_reads_each_cell_as_frictionless_does():
    schema = {"fields": [{"name": "n", "type": "integer"}, {"name": "d", "type": "date", "format": "%Y-%m-%d"}],
              "missingValues": [""]}
    raw = pd.DataFrame({"n": ["06", "", " 3", "1_0", "+3", "06"],
                        "d": ["2023-1-5", "", "2023-01-05", "2020-02-29", "2023-01-05", "1999-12-31"]}, dtype=str)
    typed = loading._typed(raw, schema)
    assert typed["n"].tolist() == [6, pd.NA, 3, 10, 3, 6] and str(typed["n"].dtype) == "Int64"
    expected = [pd.Timestamp(2023, 1, 5), pd.NaT, pd.Timestamp(2023, 1, 5), pd.Timestamp(2020, 2, 29),
                pd.Timestamp(2023, 1, 5), pd.Timestamp(1999, 12, 31)]
    assert typed["d"].tolist() == expected and pd.api.types.is_datetime64_any_dtype(typed["d"])
