"""The rules a Table Schema cannot say, planted one at a time, and the vectorised rules against the loops they replaced.

Row numbers are as a spreadsheet shows them: header = row 1, so the bundled organisations.csv (85
organisations) has its first appended row at row 87 and partnerships.csv (200 ties) at row 202.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao_utils import loading
from chanjiao_utils.loading import Problem, name_key, validate

from conftest import BUNDLED

from .helpers import ORGS, TIES, assert_problems


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


# ----------------------------------------------------------------------------- the rules, vectorised


def rules_by_loops(raw: dict[str, pd.DataFrame], descriptor: dict[str, Any]) -> list[Problem]:
    """loading._rule_problems as it was written before it was vectorised: one Python loop per rule."""
    problems: list[Problem] = []
    files = {r["name"]: r["path"] for r in descriptor.get("resources", [])}
    missing = [name for name in loading.RESOURCES if name not in files]
    for name in missing:
        problems.append(Problem("datapackage.json", None, None, name, "a resource for every table: " + ", ".join(loading.RESOURCES)))
    if missing:
        return problems

    def row_of(index: int) -> int:
        return index + 2

    ties = raw.get("partnerships")
    if ties is not None and {"org_a", "org_b", "area"} <= set(ties.columns):
        seen: dict[tuple[str, str, int | str], int] = {}
        for i, (a, b, area) in enumerate(zip(ties["org_a"], ties["org_b"], ties["area"])):
            if a and a == b:
                problems.append(Problem(files["partnerships"], row_of(i), "org_b", b, "an organisation other than org_a (no tie to itself)"))
            key = (min(a, b), max(a, b), loading._as_int(area))
            if key in seen:
                problems.append(Problem(files["partnerships"], row_of(i), "area", area,
                                        f"one row per pair of organisations and area (row {seen[key]} already ties {a} and {b} in this area)"))
            else:
                seen[key] = row_of(i)
    orgs, kinds = raw.get("organisations"), raw.get("kinds")
    if orgs is not None and kinds is not None and {"kind", "sector"} <= set(orgs.columns):
        kind_sector = dict(zip(kinds.get("code", []), kinds.get("sector", [])))
        for i, (kind, sector) in enumerate(zip(orgs["kind"], orgs["sector"])):
            if kind in kind_sector and sector != kind_sector[kind]:
                problems.append(Problem(files["organisations"], row_of(i), "sector", sector,
                                        f"{kind_sector[kind]} (the sector of kind {kind})"))
    if orgs is not None and "name_zh" in orgs.columns:
        first: dict[str, int] = {}
        for i, name in enumerate(orgs["name_zh"]):
            key = name_key(name)
            if key and key in first and orgs["name_zh"].iloc[first[key] - 2] != name:
                problems.append(Problem(files["organisations"], row_of(i), "name_zh", name,
                                        f"a name no other organisation has (row {first[key]} has the same name once width and spaces are normalised)"))
            first.setdefault(key, row_of(i))
    sources = raw.get("sources")
    if sources is not None and {"id", "kind"} <= set(sources.columns):
        generators = set(sources.loc[sources["kind"] == "generator", "id"])
        known = set(sources["id"])
        for name in loading.PROVENANCE_TABLES:
            table = raw.get(name)
            if table is None or not {"provenance", "source_id"} <= set(table.columns):
                continue
            for i, (prov, src) in enumerate(zip(table["provenance"], table["source_id"])):
                if src not in known:
                    continue
                if prov == "synthetic" and src not in generators:
                    problems.append(Problem(files[name], row_of(i), "source_id", src,
                                            "the id of a generator source (a synthetic row cites the generator that made it)"))
                elif prov == "attested" and src in generators:
                    problems.append(Problem(files[name], row_of(i), "source_id", src,
                                            "the id of a source that states the row (an attested row cannot cite a generator)"))
    return problems


BUNDLED_DESCRIPTOR = json.loads((BUNDLED / "datapackage.json").read_text(encoding="utf-8"))


BUNDLED_RAW = loading._raw_tables(BUNDLED, BUNDLED_DESCRIPTOR)


#: Values that make the rules fire: ids of either end, areas written several ways, sectors, sources, names.
RULE_CELLS = {
    ("partnerships", "org_a"): ["S001", "S019", "S022", "A01", ""],
    ("partnerships", "org_b"): ["S001", "S019", "S022", "A01", ""],
    ("partnerships", "area"): ["6", "06", " 6", "7", "", "six", "1_0", "10"],
    ("organisations", "sector"): ["school", "government", "enterprise", "research"],
    ("organisations", "kind"): ["government_body", "secondary_vocational_school", "unknown_kind"],
    ("organisations", "name_zh"): ["中山市中等专业学校", "中山市中等专业学校\u3000", "示例(测试)单位", "示例（测试）单位", ""],
    ("organisations", "source_id"): ["GEN", "S01", "S99"],
    ("partnerships", "provenance"): ["attested", "synthetic", "other"],
    ("partnerships", "source_id"): ["GEN", "S01", "S02", "S99"],
    ("events", "source_id"): ["GEN", "S01"],
    ("kinds", "sector"): ["school", "enterprise"],
    ("sources", "kind"): ["generator", "article"],
}


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(RULE_CELLS)), st.integers(0, 10_000), st.integers(0, 100)),
                min_size=1, max_size=12))
def test_vectorised_rules_say_what_the_loops_said(edits):
    raw = {name: table.copy() for name, table in BUNDLED_RAW.items()}
    for (table, column), row, choice in edits:
        cells = RULE_CELLS[(table, column)]
        raw[table].loc[row % len(raw[table]), column] = cells[choice % len(cells)]
    assert loading._rule_problems(raw, BUNDLED_DESCRIPTOR) == rules_by_loops(raw, BUNDLED_DESCRIPTOR)


def test_vectorised_rules_on_the_big_package(big, tmp_path):
    descriptor, _ = loading._read_descriptor(big.folder)
    raw = loading._raw_tables(big.folder, descriptor)
    raw["partnerships"] = pd.concat([raw["partnerships"], raw["partnerships"].iloc[[5, 70, 9000]]], ignore_index=True)
    raw["partnerships"].loc[len(raw["partnerships"]) - 1, ["org_a", "org_b"]] = ["G000003", "G000003"]
    expected = rules_by_loops(raw, descriptor)
    assert len(expected) == 3  # two repeated ties and a self-tie
    assert loading._rule_problems(raw, descriptor) == expected
