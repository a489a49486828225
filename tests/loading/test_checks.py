"""Validation: one planted problem of each kind frictionless finds, reported where a researcher can find it.

Every planted problem sits in a copy of the bundled package (tests/conftest.py). Row numbers are as a
spreadsheet shows them: header = row 1, so the bundled organisations.csv (85 organisations) has its first
appended row at row 87 and partnerships.csv (200 ties) at row 202.
"""

from __future__ import annotations

import pytest

from chanjiao_utils.loading import DataPackageError, load, validate

from .helpers import ORGS, TIES, assert_problems, expected_text


def test_the_untouched_copy_is_valid(pkg):
    assert validate(pkg.folder) == []


# ----------------------------------------------------------------------------- schema checks (frictionless)


def test_tie_to_a_missing_organisation(pkg):
    pkg.set(TIES, 3, "org_b", "S999")
    (p,) = assert_problems(pkg.folder, (TIES, 3, "org_b", "S999"))
    assert "organisations.csv" in p.expected


def test_deleted_organisation_leaves_its_ties_and_aliases_dangling(pkg):
    pkg.delete(ORGS, 2)  # A01, the lead school: tie PA01 (row 2) and alias 中山中专 (row 2) name it
    assert_problems(pkg.folder, (TIES, 2, "org_a", "A01"), ("aliases.csv", 2, "organisation_id", "A01"))


def test_duplicate_organisation_id(pkg):
    row = pkg.append_copy(ORGS, 8, id="S001", name_zh="示例另一单位")
    assert row == 87
    (p,) = assert_problems(pkg.folder, (ORGS, 87, "id", "S001"))
    assert "row 7" in p.expected  # S001 is on row 7 (after A01–A05 on rows 2–6)


def test_unknown_area(pkg):
    pkg.set(TIES, 3, "area", "13")
    problems = assert_problems(pkg.folder, (TIES, 3, "area", "13"))
    assert "<= 12" in expected_text(problems)
    assert "areas.csv" in expected_text(problems)


def test_bad_date(pkg):
    pkg.set(TIES, 3, "since", "2023/13/01")
    (p,) = assert_problems(pkg.folder, (TIES, 3, "since", "2023/13/01"))
    assert p.expected == "a date written YYYY-MM-DD"


def test_non_integer_area(pkg):
    pkg.set(TIES, 3, "area", "six")
    (p,) = assert_problems(pkg.folder, (TIES, 3, "area", "six"))
    assert p.expected.startswith("a whole number")


def test_value_outside_an_enum(pkg):
    pkg.set(ORGS, 8, "sector", "industry")
    problems = assert_problems(pkg.folder, (ORGS, 8, "sector", "industry"))
    assert "one of government, association, enterprise, research, school" in expected_text(problems)


def test_required_value_missing(pkg):
    pkg.set(ORGS, 8, "name_zh", "")
    (p,) = assert_problems(pkg.folder, (ORGS, 8, "name_zh", ""))
    assert "may not be empty" in p.expected


def test_missing_table_file(pkg):
    pkg.path("events.csv").unlink()
    with pytest.raises(DataPackageError) as raised:
        load(pkg.folder)
    assert raised.value.problems and {p.file for p in raised.value.problems} == {"events.csv"}
