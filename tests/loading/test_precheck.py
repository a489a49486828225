"""The fast path of validation: the vectorised pre-check vouches for a package only when frictionless would
find nothing in it, and validate() reports exactly what it reports when frictionless reads every row.

Each damaged package is checked three ways: the pre-check (`loading._rows_certainly_valid`, plus
`loading._descriptor_certainly_valid` for the descriptor) must not vouch for a package in which frictionless
finds a problem; for a damage only frictionless sees, it must not vouch at all; and validate() must equal
validate() with `checks._FRICTIONLESS_ONLY` set (frictionless reads every row, as before the pre-check).
Row numbers are as a spreadsheet shows them (header = row 1).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao_utils import loading
from chanjiao_utils.loading import Problem, checks

from conftest import BUNDLED, PackageCopy, copy_package, plant_three_problems

from .helpers import ORGS, TIES, big_package, edit_descriptor


# ----------------------------------------------------------------------------- helpers


def frictionless_only(folder: Path) -> list[Problem]:
    """validate() with every row read by frictionless: the path the pre-check must agree with."""
    saved = checks._FRICTIONLESS_ONLY
    checks._FRICTIONLESS_ONLY = True
    try:
        return loading.validate(folder)
    finally:
        checks._FRICTIONLESS_ONLY = saved


def frictionless_finds(folder: Path) -> list[Problem]:
    """What frictionless alone reports (without our own rules); raw tables not given, so it always runs."""
    descriptor, problems = loading._read_descriptor(folder)
    assert descriptor is not None, problems
    return loading._frictionless_problems(folder / "datapackage.json", descriptor)


def vouched(folder: Path) -> bool:
    """Whether the fast path skips frictionless: the rows and the descriptor are both certainly valid."""
    descriptor, _ = loading._read_descriptor(folder)
    assert descriptor is not None
    raw = loading._raw_tables(folder, descriptor)
    return (loading._rows_certainly_valid(folder, descriptor, raw)
            and loading._descriptor_certainly_valid(folder / "datapackage.json"))


def assert_same_as_frictionless(folder: Path) -> list[Problem]:
    """validate() equals the frictionless-only result, and the pre-check vouches only when frictionless finds nothing."""
    problems = loading.validate(folder)
    assert problems == frictionless_only(folder), "\n".join(map(str, problems))
    if vouched(folder):
        assert frictionless_finds(folder) == []
    return problems


def edit_text(pkg: PackageCopy, file: str, change: Callable[[str], str]) -> None:
    path = pkg.path(file)
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8", newline="")


def edit_lines(pkg: PackageCopy, file: str, change: Callable[[list[str]], list[str]]) -> None:
    edit_text(pkg, file, lambda text: "\n".join(change(text.split("\n"))))


def resource(descriptor: dict[str, Any], name: str) -> dict[str, Any]:
    return next(r for r in descriptor["resources"] if r["name"] == name)


def field(descriptor: dict[str, Any], table: str, name: str) -> dict[str, Any]:
    return next(f for f in resource(descriptor, table)["schema"]["fields"] if f["name"] == name)


def cli_damage(pkg: PackageCopy) -> None:
    """The damage tests/test_cli.py plants."""
    plant_three_problems(pkg.folder)


def several_problems(pkg: PackageCopy) -> None:
    """test_problems.test_problems_in_several_files_are_all_reported_sorted."""
    pkg.set(TIES, 3, "org_b", "S001")
    pkg.set(ORGS, 8, "sector", "school")
    pkg.set("events.csv", 3, "date", "2023-13-01")
    pkg.set("aliases.csv", 2, "source_id", "GEN")
    pkg.set(ORGS, 5, "name_zh", "")


def drop_column(pkg: PackageCopy, file: str, column: str) -> None:
    rows = pkg._read(file)
    i = rows[0].index(column)
    pkg._write(file, [r[:i] + r[i + 1:] for r in rows])


def swap_columns(pkg: PackageCopy, file: str, a: str, b: str) -> None:
    rows = pkg._read(file)
    i, j = rows[0].index(a), rows[0].index(b)
    for r in rows:
        r[i], r[j] = r[j], r[i]
    pkg._write(file, rows)


# ----------------------------------------------------------------------------- damages frictionless reports

#: Each damages a copy of the bundled package so that frictionless reports a problem.
SCHEMA_DAMAGES: dict[str, Callable[[PackageCopy], None]] = {
    # the broken packages of tests/loading/test_checks.py and tests/test_cli.py
    "tie to a missing organisation": lambda p: p.set(TIES, 3, "org_b", "S999"),
    "deleted organisation leaves ties dangling": lambda p: p.delete(ORGS, 2),
    "duplicate organisation id": lambda p: p.append_copy(ORGS, 8, id="S001", name_zh="示例另一单位"),
    "unknown area": lambda p: p.set(TIES, 3, "area", "13"),
    "bad date": lambda p: p.set(TIES, 3, "since", "2023/13/01"),
    "non-integer area": lambda p: p.set(TIES, 3, "area", "six"),
    "value outside an enum": lambda p: p.set(ORGS, 8, "sector", "industry"),
    "required value missing": lambda p: p.set(ORGS, 8, "name_zh", ""),
    "missing table file": lambda p: p.path("events.csv").unlink(),
    "exactly equal names": lambda p: p.append_copy(ORGS, 8, id="S901"),
    "several problems at once": several_problems,
    "cli: dangling tie, area 13, duplicate id": cli_damage,
    # single cells of each type and constraint
    "integer that is not one": lambda p: p.set("sectors.csv", 3, "order", "first"),
    "integer with a decimal point": lambda p: p.set("tiers.csv", 3, "rank", "2.0"),
    "integer below the minimum": lambda p: p.set(TIES, 3, "area", "0"),
    "integer key out of range": lambda p: p.set("areas.csv", 4, "code", "99"),
    "boolean word not known": lambda p: p.set("kinds.csv", 3, "named_in_source", "yes"),
    "date that does not exist": lambda p: p.set("events.csv", 2, "date", "2023-02-30"),
    "date in another format": lambda p: p.set("sources.csv", 2, "accessed", "30/11/2026"),
    "not in the enum": lambda p: p.set(TIES, 3, "provenance", "made up"),
    "enum is case sensitive": lambda p: p.set(ORGS, 8, "lead_role", "None"),
    "required source missing": lambda p: p.set(TIES, 3, "source_id", ""),
    "duplicate tie id": lambda p: p.set(TIES, 3, "id", "PS0002"),
    "duplicate alias (primary key and unique)": lambda p: p.set("aliases.csv", 3, "alias", "中山中专"),
    "missing primary key": lambda p: p.set("aliases.csv", 3, "alias", ""),
    "duplicate composite key": lambda p: p.append_copy("events.csv", 2, what_en="Said twice"),
    "dangling kind": lambda p: p.set(ORGS, 8, "kind", "robot_factory"),
    "dangling alias": lambda p: p.set("aliases.csv", 2, "organisation_id", "Z999"),
    "dangling council tier": lambda p: p.set(ORGS, 9, "council_tier", "emperor"),
    "unknown source": lambda p: p.set(TIES, 4, "source_id", "S99"),
    "id with a trailing space no longer matches": lambda p: p.set(ORGS, 7, "id", "S001 "),
    # the file's shape
    "extra column": lambda p: p._write(TIES, [r + ["x"] for r in p._read(TIES)]),
    "missing column": lambda p: drop_column(p, TIES, "note"),
    "header renamed": lambda p: edit_lines(p, TIES, lambda ls: [ls[0].replace("org_b", "orgb")] + ls[1:]),
    "columns in another order": lambda p: swap_columns(p, TIES, "org_a", "org_b"),
    "short row": lambda p: edit_lines(p, TIES, lambda ls: ls[:4] + [ls[4].rsplit(",", 1)[0]] + ls[5:]),
    "long row": lambda p: edit_lines(p, TIES, lambda ls: ls[:4] + [ls[4] + ",extra"] + ls[5:]),
    "every data row long": lambda p: edit_lines(p, "tiers.csv", lambda ls: ls[:1] + [x + ",extra" for x in ls[1:] if x] + [""]),
    "long last row": lambda p: edit_lines(p, "events.csv", lambda ls: ls[:-2] + [ls[-2] + ",extra", ""]),
    "blank line": lambda p: edit_lines(p, TIES, lambda ls: ls[:4] + [""] + ls[4:]),
    "row of empty cells": lambda p: edit_lines(p, TIES, lambda ls: ls[:4] + [",,,,,,,"] + ls[4:]),
    "two blank lines at the end": lambda p: edit_text(p, TIES, lambda t: t + "\n\n"),
    "bare carriage return inside a cell": lambda p: p.set(TIES, 3, "note", "x\ry"),
    "notes that make frictionless guess semicolons": lambda p: [p.set(TIES, r, "note", 'a;"b";c') for r in range(3, 60)],
    "empty file": lambda p: p.path("aliases.csv").write_bytes(b""),
    # the encoding (the descriptor says UTF-8)
    "GB18030 text": lambda p: p.path("events.csv").write_bytes(p.path("events.csv").read_text(encoding="utf-8").encode("gb18030")),
    "a byte that is not UTF-8": lambda p: p.path(TIES).write_bytes(p.path(TIES).read_bytes().replace(b"PS0003", b"PS\xe90003", 1)),
    # the descriptor
    "field type misspelt": lambda p: edit_descriptor(p, lambda d: field(d, "partnerships", "area").update(type="integr")),
    "primary key names no field": lambda p: edit_descriptor(p, lambda d: resource(d, "areas")["schema"].update(primaryKey=["nope"])),
    "required is not a boolean": lambda p: edit_descriptor(
        p, lambda d: field(d, "partnerships", "org_a")["constraints"].update(required="yes")),
    "package name not allowed": lambda p: edit_descriptor(p, lambda d: d.update(name="Zhongshan 2023!")),
    "foreign key to no resource": lambda p: edit_descriptor(
        p, lambda d: resource(d, "areas")["schema"]["foreignKeys"][0]["reference"].update(resource="nowhere")),
    "resource file missing": lambda p: edit_descriptor(p, lambda d: resource(d, "events").update(path="nope.csv")),
    "dialect the file does not use": lambda p: edit_descriptor(p, lambda d: resource(d, "areas").update(dialect={"delimiter": ";"})),
    "self-reference broken": lambda p: edit_descriptor(p, lambda d: resource(d, "organisations")["schema"]["foreignKeys"].append(
        {"fields": "kind", "reference": {"resource": "", "fields": "id"}})),
    "booleans in words the cells do not use": lambda p: edit_descriptor(
        p, lambda d: field(d, "kinds", "named_in_source").update(trueValues=["yes"], falseValues=["no"])),
    "number below its minimum": lambda p: edit_descriptor(
        p, lambda d: field(d, "sectors", "order").update(type="number", constraints={"required": True, "minimum": 1.5})),
}


@pytest.mark.parametrize("damage", SCHEMA_DAMAGES)
def test_pre_check_never_vouches_for_what_frictionless_reports(package_copy, damage):
    SCHEMA_DAMAGES[damage](package_copy)
    assert frictionless_finds(package_copy.folder), "the damage should be one frictionless reports"
    assert not vouched(package_copy.folder)
    assert_same_as_frictionless(package_copy.folder)


# ----------------------------------------------------------------------------- packages frictionless accepts

#: Each leaves a copy of the bundled package without anything frictionless reports (our rules may still object).
ACCEPTED: dict[str, Callable[[PackageCopy], None]] = {
    "untouched": lambda p: None,
    # rules a schema cannot say (tests/loading/test_rules.py)
    "self tie": lambda p: p.set(TIES, 3, "org_b", "S001"),
    "same pair and area in reversed order": lambda p: p.append_copy(TIES, 3, id="PX0001", org_a="S019", org_b="S001"),
    "same area written 06": lambda p: p.append_copy(TIES, 3, id="PX0001", area="06"),
    "kind whose sector disagrees": lambda p: p.set(ORGS, 8, "sector", "school"),
    "synthetic row citing the article": lambda p: p.set(TIES, 3, "source_id", "S01"),
    "attested row citing the generator": lambda p: p.set(ORGS, 2, "source_id", "GEN"),
    "names equal once normalised": lambda p: (p.set(ORGS, 8, "name_zh", "中山市中等专业学校\u3000"),
                                              p.set(ORGS, 9, "name_zh", " 中山市中等专业 学校")),
    "descriptor without a table": lambda p: edit_descriptor(
        p, lambda d: d.update(resources=[r for r in d["resources"] if r["name"] != "aliases"])),
    # cells frictionless reads in more than one way (tests/loading/test_typed.py)
    "other spellings frictionless accepts": lambda p: (
        p.set("kinds.csv", 2, "named_in_source", "True"), p.set("kinds.csv", 3, "named_in_source", "1"),
        p.set("kinds.csv", 4, "named_in_source", "FALSE"), p.set(TIES, 3, "area", "06"),
        p.set(TIES, 3, "since", "2023-1-5"), p.set(TIES, 4, "area", "1_0"), p.set(TIES, 5, "area", " 7")),
    # files frictionless reads as we do, or differently but without a problem
    "quoted cells with commas, quotes and newlines": lambda p: (
        p.set(TIES, 3, "note", 'a, "b"\nc'), p.set(ORGS, 8, "note", "x\r\ny")),
    "CRLF line ends": lambda p: edit_text(p, TIES, lambda t: t.replace("\n", "\r\n")),
    "CR line ends": lambda p: edit_text(p, TIES, lambda t: t.replace("\n", "\r")),
    "no newline at the end": lambda p: edit_text(p, TIES, lambda t: t.rstrip("\n")),
    "header only": lambda p: edit_lines(p, "events.csv", lambda ls: ls[:1] + [""]),
    "every header label quoted": lambda p: edit_lines(p, TIES, lambda ls: [",".join(f'"{x}"' for x in ls[0].split(","))] + ls[1:]),
    "a header label with a space (frictionless trims labels)": lambda p: edit_lines(
        p, TIES, lambda ls: [ls[0].replace("org_b", "org_b ")] + ls[1:]),
    "semicolons in many notes": lambda p: [p.set(TIES, r, "note", "a; b; c; d") for r in range(3, 40)],
    "a tie dated the first day of the Common Era": lambda p: p.set(TIES, 3, "since", "0001-01-01"),
    # schema features the pre-check knows
    "satisfied self-reference": lambda p: edit_descriptor(p, lambda d: resource(d, "organisations")["schema"]["foreignKeys"].append(
        {"fields": ["id"], "reference": {"resource": "", "fields": ["id"]}})),
    "another missing value": lambda p: (edit_descriptor(p, lambda d: resource(d, "partnerships")["schema"].update(
        missingValues=["", "NA"])), p.set(TIES, 3, "since", "NA")),
    "numbers": lambda p: edit_descriptor(p, lambda d: field(d, "sectors", "order").update(
        type="number", constraints={"required": True, "minimum": 1, "maximum": 5.0})),
    "booleans in other words": lambda p: (
        edit_descriptor(p, lambda d: field(d, "kinds", "named_in_source").update(trueValues=["yes"], falseValues=["no"])),
        [p.set("kinds.csv", r, "named_in_source", "yes" if p.get("kinds.csv", r, "named_in_source") == "true" else "no")
         for r in range(2, 12)]),
    # schema features it does not know: it leaves them to frictionless, which finds nothing
    "a pattern every id meets": lambda p: edit_descriptor(
        p, lambda d: field(d, "partnerships", "id")["constraints"].update(pattern="P[AS][0-9]+")),
    "the encoding spelt UTF8": lambda p: edit_descriptor(p, lambda d: resource(d, "areas").update(encoding="UTF8")),
    "no encoding said (frictionless guesses it)": lambda p: edit_descriptor(
        p, lambda d: [r.pop("encoding") for r in d["resources"]]),
    "UTF-8 with a byte order mark": lambda p: p.path(TIES).write_bytes(b"\xef\xbb\xbf" + p.path(TIES).read_bytes()),
    "semicolons instead of commas (frictionless guesses the delimiter)": lambda p: edit_text(
        p, "tiers.csv", lambda t: t.replace(",", ";")),
}

#: Damages the pre-check is expected to vouch for (it knows every feature and every cell passes).
VOUCHED = {"untouched", "self tie", "same pair and area in reversed order", "same area written 06",
           "kind whose sector disagrees", "synthetic row citing the article", "attested row citing the generator",
           "names equal once normalised", "descriptor without a table", "other spellings frictionless accepts",
           "quoted cells with commas, quotes and newlines", "CRLF line ends", "CR line ends", "no newline at the end",
           "header only", "every header label quoted", "semicolons in many notes", "a tie dated the first day of the Common Era",
           "satisfied self-reference", "another missing value", "numbers", "booleans in other words",
           "the encoding spelt UTF8", "no encoding said (frictionless guesses it)"}


def test_every_vouched_change_is_listed():
    assert VOUCHED <= set(ACCEPTED)


@pytest.mark.parametrize("change", ACCEPTED)
def test_packages_frictionless_accepts(package_copy, change):
    ACCEPTED[change](package_copy)
    assert frictionless_finds(package_copy.folder) == []
    assert vouched(package_copy.folder) == (change in VOUCHED)
    assert_same_as_frictionless(package_copy.folder)


def test_a_valid_package_is_validated_without_frictionless_reading_rows(package_copy, monkeypatch):
    import frictionless

    def refuse(*args, **kwargs):
        raise AssertionError("frictionless.validate was called")

    monkeypatch.setattr(frictionless, "validate", refuse)
    assert loading.validate(package_copy.folder) == []
    package_copy.set(TIES, 3, "area", "13")
    with pytest.raises(AssertionError, match="frictionless.validate was called"):
        loading.validate(package_copy.folder)


def test_the_switch_forces_frictionless(package_copy, monkeypatch):
    import frictionless

    calls = []
    real = frictionless.validate
    monkeypatch.setattr(frictionless, "validate", lambda *a, **k: calls.append(a) or real(*a, **k))
    monkeypatch.setattr(checks, "_FRICTIONLESS_ONLY", True)
    assert loading.validate(package_copy.folder) == [] and len(calls) == 1


# ----------------------------------------------------------------------------- a large package


@pytest.mark.slow
def test_big_valid_package(big):
    assert vouched(big.folder)
    assert loading.validate(big.folder) == []
    consortium = loading.load(big.folder)
    assert len(consortium.organisations) == 85 + 2_000 and len(consortium.partnerships) == 200 + 20_000


@pytest.mark.slow
@pytest.mark.parametrize(("file", "row", "column", "value"), [
    (TIES, 15_000, "org_b", "G999999"),    # a dangling tie far past frictionless's first 100 rows
    (TIES, 18_000, "since", "2023-02-29"),
    (TIES, 19_000, "id", "PG0000007"),     # a repeated id
    (ORGS, 1_500, "sector", "factory"),
])
def test_big_package_with_one_bad_cell_late(tmp_path, file, row, column, value):
    pkg = big_package(tmp_path / "big", 2_000, 20_000)
    pkg.set(file, row, column, value)
    assert not vouched(pkg.folder)
    problems = assert_same_as_frictionless(pkg.folder)
    assert (file, row, column, value) in {(p.file, p.row, p.column, p.value) for p in problems}


# ----------------------------------------------------------------------------- one random cell


TABLES = {name: PackageCopy(BUNDLED).rows(name) for name in
          ("sources.csv", "areas.csv", "sectors.csv", "tiers.csv", "kinds.csv", ORGS, TIES, "events.csv", "aliases.csv")}
#: Cells that are valid somewhere, almost valid, or read in more than one way.
TRICKY = ["", " ", "0", "1", "06", "+6", " 6", "1_0", "12", "13", "-1", "1.0", "1e1", "true", "True", "yes", "1",
          "2023-01-05", "2023-1-5", "2023-02-29", "2023-13-01", "0000-01-01", "attested", "synthetic", "GEN", "S01",
          "S001", "A01", "S999", "school", "member", "none", "NA", "None", "null", "中山中专", "示例政府部门02",
          'say "hi"', "a,b", "a\nb", "x\r\ny", "\u3000", "ＳＯ０１"]


@st.composite
def damaged_cell(draw) -> tuple[str, int, str, str]:
    file = draw(st.sampled_from(sorted(TABLES)))
    rows = TABLES[file]
    row = draw(st.integers(2, len(rows) + 1))
    column = draw(st.sampled_from(list(rows[0])))
    other = [r[c] for r in rows for c in rows[0]]
    value = draw(st.one_of(st.sampled_from(TRICKY), st.sampled_from(other),
                           st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=6)))
    return file, row, column, value


@pytest.mark.slow
@settings(max_examples=30, deadline=None, derandomize=True, database=None)
@given(damaged_cell())
def test_one_random_cell_gives_what_frictionless_gives(damage):
    file, row, column, value = damage
    with tempfile.TemporaryDirectory() as tmp:
        pkg = copy_package(Path(tmp) / BUNDLED.name)
        pkg.set(file, row, column, value)
        assert_same_as_frictionless(pkg.folder)
