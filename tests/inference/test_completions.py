"""Completion k is exactly what `chanjiao generate --seed k` writes; statistics and findings over completions."""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chanjiao_utils import paths
from chanjiao_utils.loading import load
from chanjiao_utils.synthetic import completion_files, regenerate

C = importlib.import_module("chanjiao_utils.inference.completions")  # the package exports a function of that name


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    folder = tmp_path / "zhongshan_2023"
    shutil.copytree(paths.bundled_data(), folder)
    return folder


@pytest.mark.parametrize("seed", [0, 7, 20231031])
def test_completion_k_is_byte_for_byte_what_regenerate_writes(copy, seed):
    files = completion_files(copy, seed)
    regenerate(copy, seed=seed)
    for name, text in files.items():
        assert text.encode("utf-8") == (copy / name).read_bytes(), name


@pytest.mark.parametrize("seed", [3, 11])
def test_completion_k_is_the_regenerated_package_as_load_reads_it(copy, seed):
    built = C.completion(load(copy), seed)
    regenerate(copy, seed=seed)
    loaded = load(copy)
    for table in ("organisations", "partnerships"):
        pd.testing.assert_frame_equal(getattr(built, table), getattr(loaded, table))
    assert built.descriptor == loaded.descriptor


def test_the_recorded_seed_completes_to_the_bundled_package():
    bundled = load()
    again = C.completion(bundled)
    pd.testing.assert_frame_equal(again.partnerships, bundled.partnerships)
    pd.testing.assert_frame_equal(again.organisations, bundled.organisations)


def test_completions_table_shape_and_findings():
    table = C.completions(runs=6, seed=100, statistics=["transitivity", "ei_index"], n_jobs=1)
    assert list(table.columns) == C.COLUMNS
    assert table["statistic"].tolist()[:2] == ["transitivity", "ei_index"]
    assert (table["kind"] == ["statistic"] * 2 + ["finding"] * 3).all()
    assert (table["runs"] == 6).all() and (table["seed"] == 100).all()
    stats = table.iloc[:2]
    assert (stats["min"] <= stats["q1"]).all() and (stats["q1"] <= stats["median"]).all()
    assert (stats["median"] <= stats["q3"]).all() and (stats["q3"] <= stats["max"]).all()
    assert stats["share_holds"].isna().all()
    findings = table.iloc[2:]
    assert findings["share_holds"].between(0, 1).all() and (findings["observed"] == 1).all()


def test_completions_recompute_each_completion():
    """The transitivity quartiles are those of the completions built one by one."""
    from chanjiao_utils.graph import organisation_graph
    from chanjiao_utils.inference.statistics import value

    values = np.array([value(organisation_graph(C.completion(seed=k)), "transitivity") for k in range(40, 44)])
    row = C.completions(runs=4, seed=40, statistics=["transitivity"], findings=[], n_jobs=1).iloc[0]
    assert row["min"] == pytest.approx(values.min()) and row["median"] == pytest.approx(np.median(values))
    assert row["max"] == pytest.approx(values.max())


def test_a_custom_finding_and_the_same_table_whatever_n_jobs():
    finding = C.Finding("more than 300 partnerships", lambda c, g: len(c.partnerships) > 300)
    one = C.completions(runs=12, seed=5, statistics=["ei_index"], findings=[finding], n_jobs=1)
    two = C.completions(runs=12, seed=5, statistics=["ei_index"], findings=[finding], n_jobs=2)
    pd.testing.assert_frame_equal(one, two)
    assert one.iloc[1]["statistic"] == "more than 300 partnerships"


def test_a_package_without_synthetic_rows_has_no_completions(small_package):
    from tests.conftest import org_row, tie_row

    package = small_package([org_row("A01", provenance="attested", source_id="S01"),
                             org_row("A02", provenance="attested", source_id="S01")],
                            [tie_row("PA01", "A01", "A02", provenance="attested", source_id="S01")])
    with pytest.raises(ValueError, match="no synthetic organisations or partnerships"):
        C.completions(package.folder, runs=2)


@pytest.mark.parametrize("kwargs, message", [
    ({"runs": 0}, "runs must be a positive"),
    ({"runs": -1}, "runs must be a positive"),
    ({"seed": -3}, "seed must be a non-negative"),
    ({"statistics": ["nope"]}, "unknown statistic 'nope'; known"),
    ({"statistics": [len]}, "takes statistic names"),
])
def test_bad_arguments_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        C.completions(**{"runs": 2, **kwargs})
