"""`chanjiao significance` and `chanjiao robustness`: the tables, the same bytes whatever --jobs, clear refusals."""

from __future__ import annotations

import csv
import io

import pytest

from chanjiao_utils import cli

from conftest import make_small_package, org_row, tie_row

THREE = "transitivity,degree_centralization,betweenness_centralization"


def _rows(path):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_significance_writes_a_row_per_statistic_and_null_model_the_same_whatever_jobs(tmp_path, capsys):
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    argv = ["significance", "--statistics", THREE, "--null", "edges,degree", "--draws", "200", "--seed", "3"]
    assert cli.main(argv + ["--jobs", "1", "--out", str(one)]) == 0
    assert cli.main(argv + ["--jobs", "2", "--out", str(two)]) == 0
    assert one.read_bytes() == two.read_bytes()
    rows = _rows(one)
    assert [(r["statistic"], r["null_model"]) for r in rows] == [
        ("transitivity", "edges"), ("degree_centralization", "edges"), ("betweenness_centralization", "edges"),
        ("transitivity", "degree"), ("degree_centralization", "degree"), ("betweenness_centralization", "degree")]
    fixed = rows[4]  # asked for by name under the model that fixes it: every draw equals the observed value
    assert float(fixed["null_sd"]) < 1e-12 and float(fixed["p_lower"]) == float(fixed["p_upper"]) == 1
    for r in rows:
        assert r["draws"] == "200" and r["seed"] == "3"
        assert 0 <= float(r["p_lower"]) <= 1 and 0 <= float(r["p_upper"]) <= 1
    assert "6 tests, 200 draws each" in capsys.readouterr().out
    assert cli.main(argv + ["--out", str(one)]) == 0, "its own earlier table is replaced"


def test_significance_labels_and_qap(tmp_path):
    out = tmp_path / "t.csv"
    assert cli.main(["significance", "--statistics", "ei_index,assortativity", "--null", "labels,qap",
                     "--layers", "2,3", "--draws", "100", "--out", str(out)]) == 0
    rows = _rows(out)
    assert [(r["statistic"], r["null_model"]) for r in rows][:2] == [("ei_index", "labels"), ("assortativity", "labels")]
    assert rows[-1]["null_model"] == "qap"


@pytest.mark.parametrize("argv, message", [
    (["significance", "--draws", "0"], "--draws must be a positive whole number, not 0"),
    (["significance", "--draws", "-5"], "--draws must be a positive whole number, not -5"),
    (["significance", "--seed", "-1"], "--seed must be 0 or more"),
    (["significance", "--null", "nonsense"], "unknown null model 'nonsense'; known: edges, degree, labels, qap"),
    (["significance", "--statistics", "bogus"], "unknown statistic 'bogus'"),
    (["significance", "--null", "qap"], "give two areas of cooperation"),
    (["robustness"], "give either --completions N"),
    (["robustness", "--completions", "3", "--missing", "0.1"], "give either --completions N"),
    (["robustness", "--completions", "0"], "--completions must be a positive whole number"),
    (["robustness", "--missing", "0.1,1.5"], "shares between 0 and 1"),
    (["robustness", "--missing", "ten"], "--missing takes shares such as 0.1,0.2,0.3"),
])
def test_a_wrong_argument_ends_in_one_line_and_exit_2(tmp_path, capsys, argv, message):
    assert cli.main(argv + ["--out", str(tmp_path / "t.csv")]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "t.csv").exists()


def test_completions_of_a_package_without_synthetic_rows_are_refused(tmp_path, capsys):
    orgs = [org_row(i, provenance="attested", source_id="S01") for i in ("A1", "A2", "A3")]
    ties = [tie_row("P1", "A1", "A2", area=2, provenance="attested", source_id="S01")]
    package = make_small_package(tmp_path / "own", orgs, ties)
    assert cli.main(["robustness", "--data", str(package.folder), "--completions", "5",
                     "--out", str(tmp_path / "t.csv")]) == 2
    assert "has no synthetic rows" in capsys.readouterr().err


def test_robustness_over_completions_and_with_ties_missing(tmp_path):
    out = tmp_path / "c.csv"
    assert cli.main(["robustness", "--completions", "4", "--jobs", "1", "--out", str(out)]) == 0
    rows = _rows(out)
    assert {r["kind"] for r in rows} == {"statistic", "finding"}
    for r in rows:
        assert r["runs"] == "4" and float(r["min"]) <= float(r["median"]) <= float(r["max"])
        if r["kind"] == "finding":
            assert 0 <= float(r["share_holds"]) <= 1
    missing = tmp_path / "m.csv"
    assert cli.main(["robustness", "--missing", "0.1,0.3", "--runs", "10", "--out", str(missing)]) == 0
    assert {r["share"] for r in _rows(missing)} == {"0.1", "0.3"}


def test_a_table_never_overwrites_a_file_it_did_not_write(tmp_path, capsys):
    mine = tmp_path / "notes.csv"
    mine.write_text("my notes\n", encoding="utf-8")
    assert cli.main(["significance", "--statistics", "transitivity", "--null", "edges", "--draws", "10",
                     "--out", str(mine)]) == 1
    assert "exists and was not written by chanjiao" in capsys.readouterr().err
    assert mine.read_text(encoding="utf-8") == "my notes\n"
