"""Loading and validating a data package: one planted problem of each kind, reported where a researcher can find it.

Every planted problem sits in a copy of the bundled package (tests/conftest.py). Row numbers are as a
spreadsheet shows them: header = row 1, so the bundled organisations.csv (85 organisations) has its first
appended row at row 87 and partnerships.csv (200 ties) at row 202.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from chanjiao_utils.loading import DataPackageError, Problem, load, name_key, validate

from conftest import read_csv

ORGS, TIES = "organisations.csv", "partnerships.csv"


def where(p: Problem) -> tuple:
    return (p.file, p.row, p.column, p.value)


def assert_problems(folder, *expected: tuple) -> list[Problem]:
    """load() raises one DataPackageError whose problems are exactly at the cells ``expected``
    (file, row, column, value), each one in its message.

    (load() returns validate()'s list: validating once per test keeps the suite fast.)
    """
    with pytest.raises(DataPackageError) as raised:
        load(folder)
    problems = raised.value.problems
    assert {where(p) for p in problems} == set(expected), "\n".join(map(str, problems))
    message = str(raised.value)
    for p in problems:
        assert str(p) in message
    return problems


def expected_text(problems: list[Problem]) -> str:
    return "\n".join(p.expected for p in problems)


@pytest.fixture
def pkg(package_copy):
    """The editable copy, after checking the row numbers these tests rely on."""
    assert len(package_copy.rows(ORGS)) == 85 and len(package_copy.rows(TIES)) == 200
    assert package_copy.get(ORGS, 2, "name_zh") == "中山市中等专业学校"
    assert package_copy.get(ORGS, 8, "id") == "S002" and package_copy.get(ORGS, 8, "kind") == "government_body"
    assert [package_copy.get(TIES, 3, c) for c in ("id", "org_a", "org_b", "area")] == ["PS0001", "S001", "S019", "6"]
    return package_copy


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


# ----------------------------------------------------------------------------- rules a schema cannot say


def test_self_tie(pkg):
    pkg.set(TIES, 3, "org_b", "S001")
    (p,) = assert_problems(pkg.folder, (TIES, 3, "org_b", "S001"))
    assert "itself" in p.expected


def test_same_pair_and_area_twice_in_reversed_order(pkg):
    row = pkg.append_copy(TIES, 3, id="PX0001", org_a="S019", org_b="S001")
    assert row == 202
    (p,) = assert_problems(pkg.folder, (TIES, 202, "area", "6"))
    assert "row 3" in p.expected


def test_same_pair_and_area_twice_in_the_same_order(pkg):
    pkg.append_copy(TIES, 3, id="PX0001")
    assert_problems(pkg.folder, (TIES, 202, "area", "6"))


def test_same_area_written_differently_is_still_the_same_area(pkg):
    pkg.append_copy(TIES, 3, id="PX0001", area="06")  # frictionless reads "06" as 6
    assert_problems(pkg.folder, (TIES, 202, "area", "06"))


def test_same_pair_in_another_area_is_fine(pkg):
    pkg.append_copy(TIES, 3, id="PX0001", org_a="S019", org_b="S001", area="7")
    assert validate(pkg.folder) == []


def test_kind_whose_sector_disagrees(pkg):
    pkg.set(ORGS, 8, "sector", "school")  # a government_body said to be a school
    (p,) = assert_problems(pkg.folder, (ORGS, 8, "sector", "school"))
    assert p.expected == "government (the sector of kind government_body)"


def test_synthetic_row_citing_the_article(pkg):
    pkg.set(TIES, 3, "source_id", "S01")
    (p,) = assert_problems(pkg.folder, (TIES, 3, "source_id", "S01"))
    assert "generator" in p.expected


def test_attested_row_citing_the_generator(pkg):
    pkg.set(ORGS, 2, "source_id", "GEN")
    (p,) = assert_problems(pkg.folder, (ORGS, 2, "source_id", "GEN"))
    assert "cannot cite a generator" in p.expected


def test_every_provenance_table_is_checked(pkg):
    files = ["areas.csv", "sectors.csv", "tiers.csv", "events.csv", "aliases.csv"]
    for file in files:
        pkg.set(file, 2, "source_id", "GEN")  # the first row of each is attested
    assert_problems(pkg.folder, *[(file, 2, "source_id", "GEN") for file in files])


def test_names_equal_after_normalisation_of_spaces(pkg):
    ideographic = "中山市中等专业学校\u3000"
    spaces = " 中山市中等专业 学校"
    pkg.set(ORGS, 8, "name_zh", ideographic)
    pkg.set(ORGS, 9, "name_zh", spaces)
    problems = assert_problems(pkg.folder, (ORGS, 8, "name_zh", ideographic), (ORGS, 9, "name_zh", spaces))
    assert all("row 2 has the same name" in p.expected for p in problems)


def test_names_equal_after_normalisation_of_full_width_parentheses(pkg):
    pkg.append_copy(ORGS, 8, id="S901", name_zh="示例(测试)单位")
    pkg.append_copy(ORGS, 8, id="S902", name_zh="示例（测试）单位")
    (p,) = assert_problems(pkg.folder, (ORGS, 88, "name_zh", "示例（测试）单位"))
    assert "row 87" in p.expected


def test_exactly_equal_names_are_reported_once(pkg):
    """The schema's unique constraint reports it; the normalised-name rule must not add a second report."""
    pkg.append_copy(ORGS, 8, id="S901")
    problems = assert_problems(pkg.folder, (ORGS, 87, "name_zh", "示例政府部门02"))
    assert len(problems) == 1


def test_descriptor_without_a_table(pkg):
    path = pkg.path("datapackage.json")
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "aliases"]
    path.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    (p,) = assert_problems(pkg.folder, ("datapackage.json", None, None, "aliases"))
    assert "a resource for every table" in p.expected


# ----------------------------------------------------------------------------- the descriptor itself


def test_missing_datapackage_json(pkg):
    path = pkg.path("datapackage.json")
    path.unlink()
    (p,) = assert_problems(pkg.folder, (str(path), None, None, None))
    assert "datapackage.json" in p.expected


def test_invalid_json(pkg):
    pkg.path("datapackage.json").write_text('{\n  "name": "x",\n  "title": oops\n}\n', encoding="utf-8")
    (p,) = assert_problems(pkg.folder, ("datapackage.json", 3, None, None))  # the error is on line 3
    assert p.expected.startswith("valid UTF-8 JSON")


# ----------------------------------------------------------------------------- the encoding


def gb18030(pkg, file: str) -> None:
    pkg.path(file).write_bytes(pkg.path(file).read_text(encoding="utf-8").encode("gb18030"))


@pytest.mark.parametrize("encoding_said", [True, False], ids=["utf-8 said", "nothing said"])
def test_a_file_not_in_utf8_is_refused_cell_by_cell(pkg, encoding_said):
    """Tables are read as UTF-8. Without an encoding in the descriptor frictionless guesses GB18030 and finds
    nothing wrong, so the file would load as replacement characters: each cell they touch is reported instead."""
    if not encoding_said:
        descriptor = json.loads(pkg.path("datapackage.json").read_text(encoding="utf-8"))
        for resource in descriptor["resources"]:
            resource.pop("encoding")
        pkg.path("datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    events = read_csv(pkg.path("events.csv"))
    non_ascii = [(row, column, value) for row, record in enumerate(events, start=2)
                 for column, value in record.items() if not str(value).isascii()]
    assert len(non_ascii) >= 6  # the Chinese and the en dashes
    gb18030(pkg, "events.csv")
    with pytest.raises(DataPackageError) as raised:
        load(pkg.folder)
    problems = raised.value.problems
    assert [(p.file, p.row, p.column) for p in problems] == [("events.csv", r, c) for r, c, _ in sorted(non_ascii)]
    assert all("\ufffd" in p.value and p.expected.startswith("text in UTF-8") for p in problems)


def test_a_stray_byte_is_reported_in_its_cell(pkg):
    pkg.path(TIES).write_bytes(pkg.path(TIES).read_bytes().replace(b"PS0003", b"PS\xe90003", 1))
    (problem,) = assert_problems(pkg.folder, (TIES, 5, "id", "PS\ufffd0003"))
    assert "GB18030" in problem.expected


def test_bytes_that_are_not_utf8_in_no_cell_are_reported_at_their_line(pkg):
    data = pkg.path(TIES).read_bytes()
    pkg.path(TIES).write_bytes(data.replace(b"org_b", b"org_\xe9b", 1))  # the header
    problems = validate(pkg.folder)
    assert (TIES, 1, "org_\ufffdb", "org_\ufffdb") in {where(p) for p in problems}


# ----------------------------------------------------------------------------- several problems at once


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


# ----------------------------------------------------------------------------- typed tables


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


# ----------------------------------------------------------------------------- names and messages


@pytest.mark.parametrize(("a", "b"), [
    (" 中山市（中等）专业\u3000学校 ", "中山市(中等)专业学校"),
    ("ＡＢＣ　１２３", "ABC123"),
    ("中山\t市\n中专", "中山市中专"),
])
def test_name_key_equal(a, b):
    assert name_key(a) == name_key(b) == b


def test_name_key_keeps_what_differs():
    assert name_key("中山職業") != name_key("中山职业")  # traditional/simplified are not merged
    assert name_key("Abc") != name_key("abc")  # nor case
    assert name_key("") == ""


def test_problem_str():
    p = Problem("partnerships.csv", 7, "org_b", "S999", "an id listed in organisations.csv")
    assert str(p) == "partnerships.csv, row 7, column org_b: 'S999' — expected an id listed in organisations.csv"
    assert str(Problem("datapackage.json", None, None, None, "valid JSON")) == "datapackage.json: expected valid JSON"
    assert str(Problem("a.csv", 3, None, "", "x")) == "a.csv, row 3: '' — expected x"
