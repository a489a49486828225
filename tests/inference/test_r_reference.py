"""Null means and p-values agree, within Monte Carlo error, with R sna's ``cug.test`` and ``qaptest``.

The reference values (``r_reference.csv``, 5 000 replications each) were made by ``r_reference.R`` from
the edge lists ``r_inputs.py`` writes (commands in its docstring). The first test checks the committed
inputs still describe the same graphs; the second compares our tables with the committed R values; the
third, when ``Rscript`` with sna is installed, runs R again (marked slow).
"""

from __future__ import annotations

import math
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chanjiao_utils.inference import null_draws, qap, qap_draws, significance

from . import r_inputs

#: Our draws per comparison; R's are in the reference file.
DRAWS = 2000
SE = 4
STRUCTURE = ["transitivity", "degree_centralization", "betweenness_centralization"]


def ours(name: str, draws: int = DRAWS) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """Our table for one graph (three statistics under ``edges``, and QAP of its layers) and the draws."""
    g = r_inputs.graphs()[name]
    table = significance(g, STRUCTURE, "edges", draws=draws, seed=11)
    values = null_draws(g, STRUCTURE, "edges", draws=draws, seed=11)
    layers = r_inputs.layers()[name]
    table = pd.concat([table, qap(*layers, draws=draws, seed=11)]).set_index("statistic")
    return table, {**{s: values[s].to_numpy() for s in STRUCTURE},
                   "graph_correlation": qap_draws(*layers, draws=draws, seed=11)}


def compare(reference: pd.DataFrame, name: str) -> None:
    """Each R value within 4 standard errors of ours. R compares floats exactly, so a draw whose value equals
    the observed one but was computed in another order (gcor of a permuted matrix, a centralization) can fall
    on either side of it: R's p-values then lie between our shares of draws strictly beyond and at-or-beyond
    the observed value, which is what is checked (they coincide for continuous statistics)."""
    mine, draws = ours(name)
    for _, r in reference[reference["graph"] == name].iterrows():
        row, values = mine.loc[r["statistic"]], draws[r["statistic"]]
        assert row["null_model"] == r["null_model"]
        assert row["observed"] == pytest.approx(r["observed"], rel=1e-9, abs=1e-12), r["statistic"]
        sd = max(row["null_sd"], r["null_sd"])
        assert abs(row["null_mean"] - r["null_mean"]) <= SE * sd * math.sqrt(1 / DRAWS + 1 / r["reps"]), r["statistic"]
        tol = 1e-9 * max(1.0, abs(row["observed"]))
        strict = {"p_lower": np.mean(values < row["observed"] - tol), "p_upper": np.mean(values > row["observed"] + tol)}
        for p in ("p_lower", "p_upper"):
            lo, hi = strict[p], row[p]
            se = math.sqrt(max(hi * (1 - hi), 1 / DRAWS) * (1 / DRAWS + 1 / r["reps"]))
            assert lo - SE * se <= r[p] <= hi + SE * se, (name, r["statistic"], p, lo, hi, r[p])


def test_the_committed_inputs_are_the_graphs_of_r_inputs(tmp_path: Path):
    for path in r_inputs.write_inputs(tmp_path):
        assert path.read_bytes() == (r_inputs.INPUTS / path.name).read_bytes(), path.name


@pytest.mark.parametrize("name", ["bundled", "karate", "gnm"])
def test_null_means_and_p_values_agree_with_committed_r_values(name):
    reference = pd.read_csv(r_inputs.REFERENCE)
    assert set(reference["graph"]) == {"bundled", "karate", "gnm"}
    assert (reference["reps"] == 5000).all()
    compare(reference, name)


def _r_ready() -> bool:
    if shutil.which("Rscript") is None:
        return False
    return subprocess.run(["Rscript", "-e", "library(sna)"], capture_output=True).returncode == 0


@pytest.mark.slow
@pytest.mark.skipif(not _r_ready(), reason="Rscript with the sna package is not installed (apt-get install r-cran-sna)")
def test_r_run_again_agrees(tmp_path: Path):
    out = tmp_path / "reference.csv"
    subprocess.run(["Rscript", str(Path(r_inputs.__file__).with_name("r_reference.R")), str(r_inputs.INPUTS),
                    str(out), "1000", "7"], check=True, capture_output=True, timeout=300)
    fresh = pd.read_csv(out)
    committed = pd.read_csv(r_inputs.REFERENCE)
    assert np.allclose(fresh["observed"], committed["observed"])
    compare(fresh, "bundled")
