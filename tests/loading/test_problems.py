"""Problem and DataPackageError: each problem said so a researcher can find it, all of them sorted in one error."""

from __future__ import annotations

from pathlib import Path

import pytest

from chanjiao_utils.loading import DataPackageError, Problem, load

from .helpers import ORGS, TIES, where


def test_problem_str():
    p = Problem("partnerships.csv", 7, "org_b", "S999", "an id listed in organisations.csv")
    assert str(p) == "partnerships.csv, row 7, column org_b: 'S999' — expected an id listed in organisations.csv"
    assert str(Problem("datapackage.json", None, None, None, "valid JSON")) == "datapackage.json: expected valid JSON"
    assert str(Problem("a.csv", 3, None, "", "x")) == "a.csv, row 3: '' — expected x"


def test_problems_in_several_files_are_all_reported_sorted(pkg):
    pkg.set(TIES, 3, "org_b", "S001")                   # self-tie
    pkg.set(ORGS, 8, "sector", "school")                # kind/sector
    pkg.set("events.csv", 3, "date", "2023-13-01")      # bad date
    pkg.set("aliases.csv", 2, "source_id", "GEN")       # attested row citing the generator
    pkg.set(ORGS, 5, "name_zh", "")                     # required value missing (row before row 8)
    expected = [
        ("aliases.csv", 2, "source_id", "GEN"),
        ("events.csv", 3, "date", "2023-13-01"),
        (ORGS, 5, "name_zh", ""),
        (ORGS, 8, "sector", "school"),
        (TIES, 3, "org_b", "S001"),
    ]
    with pytest.raises(DataPackageError) as raised:
        load(pkg.folder)
    problems = raised.value.problems
    assert [where(p) for p in problems] == expected
    lines = str(raised.value).splitlines()
    assert lines[0] == f"Invalid data package {pkg.folder} (5 problems):"
    assert lines[1:] == [f"  {p}" for p in problems]


def test_a_problem_prints_no_control_character_a_terminal_would_act_on():
    """A cell value is quoted (repr escapes it); a kind or a note quoted in ``expected`` is escaped too."""
    p = Problem("organisations.csv", 8, "sector", "school\x1b[31m", "government (the sector of kind bad\x1b[2J\x9b)")
    text = str(p)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in text)
    assert text == ("organisations.csv, row 8, column sector: 'school\\x1b[31m' — "
                    "expected government (the sector of kind bad<U+001B>[2J<U+009B>)")
    assert str(p) in str(DataPackageError(Path("x"), [p])).splitlines()[1]
