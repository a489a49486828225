"""Importing real rosters (chanjiao_utils.roster): a corpus of messy inputs, templates, and a round trip.

The corpus is made by tests/rosters/make_corpus.py (one file per quirk); the committed files must equal a fresh
generation, and the tests import a fresh generation in tmp_path. Row numbers are as the spreadsheet shows them,
title rows above the header counted.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from chanjiao_utils import loading, paths, roster
from chanjiao_utils.roster import import_roster

CORPUS_DIR = Path(__file__).resolve().parent / "rosters"
_spec = importlib.util.spec_from_file_location("make_corpus", CORPUS_DIR / "make_corpus.py")
make_corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_corpus)  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    make_corpus.make(folder)
    return folder


def test_corpus_is_deterministic_and_committed_files_match():
    first, second = make_corpus.files(), make_corpus.files()
    assert first == second
    for name, data in first.items():
        assert (CORPUS_DIR / name).read_bytes() == data, f"{name}: run python tests/rosters/make_corpus.py"


# ----------------------------------------------------------------------------- the corpus, case by case

KIND_LIST = "a kind: 中职学校、高职院校、本科高校、科研院所、行业协会、龙头企业、科技创新企业、企业、政府部门、园区运营企业 (or a short form, see roster.KIND_WORDS)"
MONTH = roster.MONTH_PRECISION_NOTE
BASE_ORGS = [
    ("示例市中等专业学校", "secondary_vocational_school", "co_chair", "示例中专"),
    ("示例工业集团", "park_operator", "co_chair", "示例集团"),
    ("示例数控技术有限公司", "leading_enterprise", "vice_chair", "示例数控"),
    ("示例行业协会", "industry_association", "council_member", ""),
    ("示例科创企业（中山）有限公司", "tech_innovation_enterprise", "member", ""),
]

# case: (roster, ties, kwargs, organisations (name_zh, kind, tier, short name),
#        ties (org_a name, org_b name, area, since, note), problems (file, row, column, value), counts)
CASES = {
    "title_row": ("title_row.xlsx", None, {}, [
        ("标题行学校", "secondary_vocational_school", "co_chair", ""),
        ("标题行公司", "leading_enterprise", "council_member", ""),
    ], [], [("title_row.xlsx [成员单位]", 6, "单位类型", "培训机构")], [(3, 2, 1)]),
    "blank_rows": ("blank_rows.xlsx", None, {}, [
        ("空行学校甲", "higher_vocational_college", "", ""),
        ("空行公司乙", "enterprise", "", ""),
        ("空行研究所丙", "research_institute", "", ""),
    ], [], [("blank_rows.xlsx [Sheet1]", 8, "单位名称", "")], [(4, 3, 1)]),
    "merged_cells": ("merged_cells.xlsx", None, {}, [
        ("合并公司甲", "leading_enterprise", "council_member", ""),
        ("合并公司乙", "leading_enterprise", "council_member", ""),
        ("合并公司丙", "leading_enterprise", "member", ""),
    ], [], [("merged_cells.xlsx [名单]", 5, "单位类型", "学校"), ("merged_cells.xlsx [名单]", 6, "单位类型", "学校")],
        [(5, 3, 2)]),
    "seq_column": ("seq_column.xlsx", None, {}, [
        ("序号公司一", "enterprise", "council_member", ""),
        ("序号学院三", "higher_vocational_college", "vice_chair", ""),
    ], [], [("seq_column.xlsx [Sheet1]", 3, "理事会职务", "常务理事")], [(3, 2, 1)]),
    "trailing_empty": ("trailing_empty.xlsx", None, {}, [
        ("尾部公司甲", "leading_enterprise", "", ""),
    ], [], [("trailing_empty.xlsx [Sheet1]", 3, "牵头角色", "牵头单位")], [(2, 1, 1)]),
    "two_sheets": ("two_sheets.xlsx", "two_sheets.xlsx", {}, [
        ("双表学校", "secondary_vocational_school", "", ""),
        ("双表公司", "leading_enterprise", "", ""),
        ("双表协会", "industry_association", "", ""),
    ], [("双表学校", "双表公司", "2", "", ""), ("双表学校", "双表协会", "8", "", "")],
        [("two_sheets.xlsx [合作]", 3, "乙方", "双表协会")], [(3, 3, 0), (3, 2, 1)]),
    "gbk": ("gbk.csv", None, {}, [
        ("䶮记精密制造有限公司", "leading_enterprise", "", ""),
        ("编码测试学校", "secondary_vocational_school", "", ""),
    ], [], [("gbk.csv", 4, "所属方", "校")], [(3, 2, 1)]),
    "utf8_bom": ("utf8_bom.csv", None, {}, [
        ("带BOM学校", "university", "council_member", ""),
        ("带BOM政府", "government_body", "", ""),
    ], [], [("utf8_bom.csv", 4, "单位类型", "")], [(3, 2, 1)]),
    "utf8": ("utf8.csv", None, {}, [
        ("无BOM学校", "secondary_vocational_school", "member", "无BOM"),
    ], [], [("utf8.csv", 3, "Kind", "bakery")], [(2, 1, 1)]),
    "fullwidth": ("fullwidth.csv", "fullwidth_ties.csv", {}, [
        ("全角（中山）科技\u3000有限公司", "tech_innovation_enterprise", "", ""),
        ("全角测试学校", "secondary_vocational_school", "", ""),
    ], [("全角（中山）科技\u3000有限公司", "全角测试学校", "6", "", "")],
        [("fullwidth_ties.csv", 3, "合作内容", "实训基地、团建")], [(2, 2, 0), (2, 1, 1)]),
    "trailing_spaces": ("trailing_spaces.csv", "trailing_spaces_ties.csv", {}, [
        ("空格学校", "secondary_vocational_school", "", ""),
        ("空格公司", "leading_enterprise", "", ""),
    ], [("空格学校", "空格公司", "3", "", "")],
        [("trailing_spaces.csv", 4, "单位名称", "")], [(3, 2, 1), (1, 1, 0)]),
    "dates": ("dates.xlsx", "dates.xlsx", {}, [
        ("日期学校", "secondary_vocational_school", "", ""),
        ("日期公司", "leading_enterprise", "", ""),
    ], [("日期学校", "日期公司", str(area), "2023-11-01", "") for area in range(1, 6)]
       + [("日期学校", "日期公司", str(area), "2023-11-01", MONTH) for area in (6, 7, 8)]
       + [("日期学校", "日期公司", "12", "", "")],
        [("dates.xlsx [合作]", 10, "开始时间", "2023.1"), ("dates.xlsx [合作]", 11, "开始时间", "2023/13/1"),
         ("dates.xlsx [合作]", 12, "开始时间", "去年")], [(2, 2, 0), (12, 9, 3)]),
    "duplicates": ("duplicates.csv", None, {}, [
        ("不重复公司", "enterprise", "", ""),
    ], [], [("duplicates.csv", 2, "单位名称", "示例重复公司"), ("duplicates.csv", 3, "单位名称", "中山市（甲）公司"),
            ("duplicates.csv", 5, "单位名称", "示例重复公司"), ("duplicates.csv", 6, "单位名称", "中山市(甲)公司")],
        [(5, 1, 4)]),
    "aliases": ("aliases.xlsx", "aliases.xlsx", {"sheet": 0, "ties_sheet": "合作"}, [
        ("中山市别名测试学校", "secondary_vocational_school", "", "别名学校"),
        ("别名测试协会", "industry_association", "", "别名测试协会"),
    ], [("中山市别名测试学校", "别名测试协会", "7", "", ""), ("中山市别名测试学校", "别名测试协会", "11", "", "")],
        [("aliases.xlsx [Sheet1]", 3, "简称", "中山"), ("aliases.xlsx [Sheet1]", 4, "简称", "中山"),
         ("aliases.xlsx [合作]", 4, "甲方", "中山")], [(4, 2, 2), (3, 2, 1)]),
    "unknown_org": ("base_roster.csv", "unknown_org_ties.csv", {}, BASE_ORGS,
                    [("示例市中等专业学校", "示例数控技术有限公司", "3", "2023-09-01", MONTH)],
                    [("unknown_org_ties.csv", 3, "乙方", "不存在的公司")], [(5, 5, 0), (2, 1, 1)]),
    "unknown_area": ("base_roster.csv", "unknown_area_ties.csv", {}, BASE_ORGS, [
        ("示例市中等专业学校", "示例工业集团", "2", "", ""),
        ("示例市中等专业学校", "示例工业集团", "3", "", ""),
        ("示例市中等专业学校", "示例工业集团", "1", "", ""),
        ("示例市中等专业学校", "示例数控技术有限公司", "", "", ""),
    ], [("unknown_area_ties.csv", 3, "合作领域", "团建"), ("unknown_area_ties.csv", 4, "合作领域", "13")],
        [(5, 5, 0), (4, 2, 2)]),
    "unknown_kind": ("unknown_kind.csv", None, {}, [
        ("类别学校", "secondary_vocational_school", "", ""),
        ("类别大学", "university", "", ""),
        ("类别研究院", "research_institute", "", ""),
        ("类别局", "government_body", "", ""),
        ("类别园区", "park_operator", "", ""),
        ("类别高企", "tech_innovation_enterprise", "", ""),
    ], [], [("unknown_kind.csv", 8, "类别", "培训机构")], [(7, 6, 1)]),
}


def _tables(result: roster.ImportResult):
    tables = result.tables
    assert tables is not None
    names = {o["id"]: o["name_zh"] for o in tables["organisations"]}
    orgs = [(o["name_zh"], o["kind"], o["council_tier"], o["short_name"]) for o in tables["organisations"]]
    ties = [(names[t["org_a"]], names[t["org_b"]], t["area"], t["since"], t["note"]) for t in tables["partnerships"]]
    return orgs, ties


def _check_invariant(result: roster.ImportResult, keep_valid: bool) -> None:
    for count in result.counts:
        assert count.rows_in == count.imported + count.reported
        rows_with_problems = {p.row for p in result.problems if p.file == count.file and p.row is not None}
        file_level = any(p.file == count.file and (p.row is None or p.column is None) for p in result.problems)
        if not file_level:
            assert count.reported == len(rows_with_problems)
        left = [r for r in result.left_out if r.file == count.file]
        assert len(left) == (count.reported if keep_valid else 0)


@pytest.mark.parametrize("case", sorted(CASES))
def test_corpus_case(case, corpus, tmp_path):
    roster_file, ties_file, kwargs, orgs, ties, problems, counts = CASES[case]
    ties_path = corpus / ties_file if ties_file else None

    strict = import_roster(corpus / roster_file, ties_path, out=tmp_path / "strict", **kwargs)
    assert strict.out is None and not (tmp_path / "strict").exists()  # any problem: nothing written
    assert sorted((p.file, p.row, p.column, p.value) for p in strict.problems) == sorted(problems)
    assert [(c.rows_in, c.imported, c.reported) for c in strict.counts] == counts
    assert strict.left_out == []
    _check_invariant(strict, keep_valid=False)

    kept = import_roster(corpus / roster_file, ties_path, keep_valid=True, **kwargs)
    assert kept.problems == strict.problems and kept.counts == strict.counts
    assert _tables(kept) == (orgs, ties)
    assert sorted((r.file, r.row) for r in kept.left_out) == sorted({(p[0], p[1]) for p in problems})
    _check_invariant(kept, keep_valid=True)


def test_aliases_table_from_short_names_and_alias_column(corpus):
    result = import_roster(corpus / "aliases.xlsx", keep_valid=True)
    assert [(a["alias"], a["organisation_id"]) for a in result.tables["aliases"]] == [
        ("别名学校", "O001"), ("测试校", "O001"), ("老校名", "O001")]  # a short name equal to the name is no alias


def test_ignored_columns_are_listed(corpus):
    result = import_roster(corpus / "trailing_empty.xlsx", keep_valid=True)
    assert result.ignored_columns == [("trailing_empty.xlsx [Sheet1]", "联系人")]


def test_missing_required_column_lists_what_is_accepted(corpus):
    result = import_roster(corpus / "missing_column.csv", keep_valid=True, out=None)
    [problem] = result.problems
    assert (problem.file, problem.row, problem.column) == ("missing_column.csv", 1, None)
    assert "单位类型, 类型, 类别" in problem.expected and "columns=" in problem.expected
    assert [(c.rows_in, c.imported, c.reported) for c in result.counts] == [(1, 0, 1)]
    assert result.tables is None and [(r.file, r.row) for r in result.left_out] == [("missing_column.csv", 2)]


def test_columns_argument_maps_other_headers(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("机构全称,机构性质\n自定义公司,企业\n", encoding="utf-8")
    assert import_roster(path).problems[0].expected.startswith("a header row")
    result = import_roster(path, columns={"机构全称": "name_zh", "机构性质": "kind"})
    assert result.ok and _tables(result)[0] == [("自定义公司", "enterprise", "", "")]
    with pytest.raises(ValueError, match="the target must be one of"):
        import_roster(path, columns={"机构全称": "full_name"})


def test_sheet_argument_and_unreadable_files(corpus, tmp_path):
    result = import_roster(corpus / "two_sheets.xlsx", sheet="没有")
    assert [(p.file, p.value) for p in result.problems] == [("two_sheets.xlsx", "没有")]
    assert "说明, 名单, 合作" in result.problems[0].expected
    assert import_roster(corpus / "two_sheets.xlsx", sheet="名单").ok
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"not a workbook")
    assert import_roster(bad).problems[0].file == "broken.xlsx"
    assert import_roster(tmp_path / "absent.csv").problems[0].expected == "an existing file"


def test_merged_ranges_from_calamine_match_openpyxl(corpus):
    grid = next(g for g in roster.read_grids(corpus / "merged_cells.xlsx"))
    wb = load_workbook(corpus / "merged_cells.xlsx")
    expected = sorted((m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in wb.active.merged_cells.ranges)
    assert sorted(grid.merged) == expected
    assert sorted(roster._merged_ranges_openpyxl(corpus / "merged_cells.xlsx", "名单")) == expected


@pytest.mark.parametrize("value, expected", [
    (dt.datetime(2021, 9, 1), (dt.date(2021, 9, 1), "day")),
    (dt.date(2021, 9, 1), (dt.date(2021, 9, 1), "day")),
    (44440.0, (dt.date(2021, 9, 1), "day")),
    (44440, (dt.date(2021, 9, 1), "day")),
    ("44440", (dt.date(2021, 9, 1), "day")),
    ("2021/9/1", (dt.date(2021, 9, 1), "day")),
    ("2021-09-01", (dt.date(2021, 9, 1), "day")),
    ("2021-09-01 00:00:00", (dt.date(2021, 9, 1), "day")),
    ("2021.9.1", (dt.date(2021, 9, 1), "day")),
    ("2021年9月1日", (dt.date(2021, 9, 1), "day")),
    ("２０２１年９月１日", (dt.date(2021, 9, 1), "day")),
    ("20210901", (dt.date(2021, 9, 1), "day")),
    ("2021年9月", (dt.date(2021, 9, 1), "month")),
    ("2021.9", (dt.date(2021, 9, 1), "month")),
    ("2021.10", (dt.date(2021, 10, 1), "month")),
    ("2021-09", (dt.date(2021, 9, 1), "month")),
    (2021.9, (dt.date(2021, 9, 1), "month")),
    (2021.12, (dt.date(2021, 12, 1), "month")),
])
def test_dates(value, expected):
    assert roster.parse_date(value) == expected


@pytest.mark.parametrize("value", ["2021", 2021, 2021.1, "2021/2/30", "2021.13", "去年", "9月1日", 123.0])
def test_not_dates(value):
    assert isinstance(roster.parse_date(value), str)


def test_vocabulary_covers_the_bundled_tables():
    bundled = paths.bundled_data()
    kinds = loading.load(bundled).kinds
    for code, row in kinds.iterrows():
        assert roster.KIND_WORDS[roster.value_key(row["name_zh"])] == code
        assert roster.KIND_WORDS[roster.value_key(code)] == code
        assert roster.KIND_SECTOR[code] == row["sector"]
    assert set(roster.KIND_SECTOR) == set(kinds.index)
    consortium = loading.load(bundled)
    for code, row in consortium.tiers.iterrows():
        assert roster.TIER_WORDS[roster.value_key(row["name_zh"])] == code
    for code, row in consortium.areas.iterrows():
        assert roster.AREA_WORDS[roster.value_key(row["name_zh"])] == code
        assert roster.AREA_WORDS[roster.value_key(row["name_en"])] == code
    for code, row in consortium.sectors.iterrows():
        assert roster.SECTOR_WORDS[roster.value_key(row["name_zh"])] == code
    short = {"产业学院": 1, "顶岗实习": 2, "订单班": 3, "现代学徒制": 4, "真实项目": 5, "实训基地": 6, "新形态教材": 7,
             "员工培训": 8, "兼职教师": 9, "教师企业实践": 10, "互兼互聘": 11, "横向课题": 12}
    assert {w: roster.AREA_WORDS[w] for w in short} == short


# ----------------------------------------------------------------------------- writing the package


def test_written_package_is_valid_attested_and_loads(corpus, tmp_path):
    out = tmp_path / "my-roster"
    result = import_roster(corpus / "base_roster.csv", corpus / "unknown_area_ties.csv", out=out, keep_valid=True,
                           accessed="2024-05-01")
    assert result.out == out and loading.validate(out) == []
    consortium = loading.load(out)
    assert consortium.descriptor["name"] == "my-roster" and "chanjiao:synthetic" not in consortium.descriptor
    assert consortium.synthetic_assumptions() is None
    assert set(consortium.organisations["provenance"]) == {"attested"}
    assert set(consortium.organisations["source_id"]) == {"R01"}
    assert set(consortium.partnerships["source_id"]) == {"R02"}
    sources = consortium.sources
    assert sources.loc["R01", ["kind", "title"]].tolist() == ["user_roster", "base_roster.csv"]
    assert sources.loc["R02", "title"] == "unknown_area_ties.csv"
    assert str(sources.loc["R01", "accessed"])[:10] == "2024-05-01"
    assert consortium.events.empty
    assert consortium.aliases.loc["示例中专", "organisation_id"] == "O001"
    for name in roster.VOCABULARY_FILES:
        assert (out / name).read_bytes() == (paths.bundled_data() / name).read_bytes()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging folder left behind
    again = import_roster(corpus / "base_roster.csv", corpus / "unknown_area_ties.csv", out=tmp_path / "again",
                          keep_valid=True, name="my-roster", accessed="2024-05-01")
    for file in sorted(p.name for p in out.iterdir()):
        assert (again.out / file).read_bytes() == (out / file).read_bytes(), file  # deterministic
    with pytest.raises(FileExistsError):
        import_roster(corpus / "base_roster.csv", out=out)
    assert import_roster(corpus / "base_roster.csv", out=out, overwrite=True).out == out
    assert loading.load(out).partnerships.empty


def test_report_workbook_marks_bad_cells_and_lists_every_problem(corpus, tmp_path):
    result = import_roster(corpus / "dates.xlsx", corpus / "dates.xlsx", report=tmp_path / "report.xlsx")
    assert result.report == tmp_path / "report.xlsx" and result.out is None
    wb = load_workbook(result.report)
    assert wb.sheetnames == ["问题 Problems", "名单", "合作"]
    listed = [tuple(r) for r in wb["问题 Problems"].iter_rows(min_row=2, values_only=True)]
    assert [(f, r, c, v) for f, r, c, v, _ in listed] == [(p.file, p.row, p.column, p.value) for p in result.problems]
    ties = wb["合作"]
    for row in (10, 11, 12):
        cell = ties.cell(row, 4)
        assert cell.fill.fgColor.rgb.endswith(roster._BAD_FILL) and "expected" in cell.comment.text
    assert ties.cell(9, 4).comment is None and ties.cell(10, 1).comment is None
    assert ties.cell(9, 4).value == pytest.approx(2023.11)
    # the same input gives the same bytes
    import_roster(corpus / "dates.xlsx", corpus / "dates.xlsx", report=tmp_path / "again.xlsx")
    assert (tmp_path / "again.xlsx").read_bytes() == result.report.read_bytes()


def test_report_of_a_csv_and_of_merged_cells(corpus, tmp_path):
    result = import_roster(corpus / "merged_cells.xlsx", report=tmp_path / "r.xlsx")
    ws = load_workbook(result.report)["名单"]
    assert ws.cell(5, 2).comment is not None and "B5:B6" in {str(m) for m in ws.merged_cells.ranges}
    result = import_roster(corpus / "gbk.csv", report=tmp_path / "g.xlsx")
    ws = load_workbook(result.report)["gbk"]
    assert ws.cell(2, 1).value == "䶮记精密制造有限公司" and ws.cell(4, 3).comment is not None


# ----------------------------------------------------------------------------- templates


def test_templates_are_committed_and_deterministic():
    folder = paths.DATA_DIR / "templates"
    files = roster.template_files()
    assert files == roster.template_files()
    for name, data in files.items():
        assert (folder / name).read_bytes() == data, f"{name}: run roster.write_templates()"
    assert files["organisations.csv"].startswith(b"\xef\xbb\xbf")


def test_template_has_drop_down_lists():
    wb = load_workbook(paths.DATA_DIR / "templates" / "organisations.xlsx")
    ws = wb["成员单位"]
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert set(lists) == {"D2:D1001", "E2:E1001", "F2:F1001", "G2:G1001"}
    options = wb["选项"]
    assert [c.value for c in options["A"]][1:] == [w[0] for w in roster.KIND_WORDS_BY_CODE.values()]


def test_filled_templates_import_back(tmp_path):
    templates = paths.DATA_DIR / "templates"
    wb = load_workbook(templates / "organisations.xlsx")
    for row in (["模板学校", "Template School", "模板校", "中职学校", "校", "共同理事长单位", "牵头学校", "火炬开发区", "备注一"],
                ["模板公司", None, None, "龙头企业", None, "理事单位", None, None, None]):
        wb["成员单位"].append(row)
    wb.save(tmp_path / "orgs.xlsx")
    wb = load_workbook(templates / "ties.xlsx")
    wb["合作关系"].append(["模板校", "模板公司", "岗位实习、订单培养项目", dt.datetime(2023, 10, 31), None])
    wb.save(tmp_path / "ties.xlsx")
    text = (templates / "ties.csv").read_bytes().decode("utf-8-sig") + "模板学校,模板公司,共建实训基地,2023年10月,\r\n"
    (tmp_path / "ties.csv").write_bytes(text.encode("utf-8-sig"))

    result = import_roster(tmp_path / "orgs.xlsx", tmp_path / "ties.xlsx", out=tmp_path / "a")
    assert result.ok, result.summary()
    orgs = loading.load(tmp_path / "a").organisations
    assert orgs.loc["O001"].tolist() == ["模板学校", "Template School", "模板校", "school", "secondary_vocational_school",
                                         "co_chair", "lead_school", "火炬开发区", "attested", "R01", "备注一"]
    assert _tables(result)[1] == [("模板学校", "模板公司", "2", "2023-10-31", ""), ("模板学校", "模板公司", "3", "2023-10-31", "")]
    result = import_roster(tmp_path / "orgs.xlsx", tmp_path / "ties.csv")
    assert result.ok and _tables(result)[1] == [("模板学校", "模板公司", "6", "2023-10-01", MONTH)]


# ----------------------------------------------------------------------------- property-based round trip

_KIND_WORDS = list(roster.KIND_WORDS_BY_CODE.items())
_TIER_WORDS = list(roster.TIER_WORDS_BY_CODE.items())
_AREA_WORDS = list(roster.AREA_WORDS_BY_CODE.items())
_NAME_CHARS = "中山市火炬科技智能制造精密职业技术学院协会研究所有限公司（）() 　·&A1"


@st.composite
def rosters(draw):
    n = draw(st.integers(1, 8))
    orgs = []
    for i in range(n):
        stem = draw(st.text(_NAME_CHARS, min_size=1, max_size=8)).strip()
        name = f"{stem}{i:02d}号单位"  # the index keeps name keys apart
        kind, kind_words = draw(st.sampled_from(_KIND_WORDS))
        tier = draw(st.one_of(st.none(), st.sampled_from(_TIER_WORDS)))
        orgs.append({
            "name": name, "kind": kind, "kind_text": draw(st.sampled_from(kind_words[:3])),
            "tier": tier[0] if tier else "", "tier_text": draw(st.sampled_from(tier[1][:2])) if tier else "",
            "short": draw(st.sampled_from(["", f"简{i}"])), "district": draw(st.sampled_from(["", "火炬开发区", "小榄镇"])),
        })
    ties, used = [], set()
    for _ in range(draw(st.integers(0, 6)) if n > 1 else 0):
        a, b = draw(st.permutations(range(n)))[:2]
        areas = draw(st.lists(st.sampled_from(_AREA_WORDS), min_size=0, max_size=3, unique_by=lambda x: x[0]))
        key = frozenset((a, b))
        if key in used:
            continue
        used.add(key)
        since = draw(st.one_of(st.none(), st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31))))
        month = since is not None and draw(st.booleans())
        ties.append({
            "a": a, "b": b, "areas": [code for code, _ in areas], "area_text": "、".join(draw(st.sampled_from(w[:2])) for _, w in areas),
            "since": since.replace(day=1) if month else since, "month": month,
            "since_text": "" if since is None else (f"{since.year}年{since.month}月" if month else draw(st.sampled_from(
                [since.isoformat(), f"{since.year}/{since.month}/{since.day}", f"{since.year}年{since.month}月{since.day}日"]))),
            "by_short": draw(st.booleans()),
        })
    return orgs, ties


ORG_HEADERS = ["序号", "单位名称", "简称", "单位类型", "理事会职务", "所在镇街"]
TIE_HEADERS = ["甲方", "乙方", "合作内容", "开始时间"]


def _org_cells(orgs):
    return [[i + 1, o["name"], o["short"], o["kind_text"], o["tier_text"], o["district"]] for i, o in enumerate(orgs)]


def _tie_cells(orgs, ties, excel_dates: bool):
    def end(i, t):
        return orgs[i]["short"] if t["by_short"] and orgs[i]["short"] else orgs[i]["name"]
    cells = []
    for t in ties:
        since = t["since_text"]
        if excel_dates and t["since"] is not None and not t["month"]:
            since = dt.datetime.combine(t["since"], dt.time())
        cells.append([end(t["a"], t), end(t["b"], t), t["area_text"], since])
    return cells


def _write_inputs(folder: Path, fmt: str, orgs, ties) -> tuple[Path, Path | None]:
    if fmt == "xlsx":
        wb = Workbook()
        ws = wb.active
        ws.title = "成员单位"
        ws.append(["成员单位名单"])  # a title row
        ws.append(ORG_HEADERS)
        for row in _org_cells(orgs):
            ws.append(row)
        wt = wb.create_sheet("合作关系")
        wt.append(TIE_HEADERS)
        for row in _tie_cells(orgs, ties, excel_dates=True):
            wt.append(row)
        path = folder / "roster.xlsx"
        wb.save(path)
        return path, path if ties else None
    encoding = {"csv-bom": "utf-8-sig", "csv-gb18030": "gb18030"}[fmt]

    def write(name, header, rows):
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerows([header] + rows)
        (folder / name).write_bytes(buf.getvalue().encode(encoding))
        return folder / name
    orgs_path = write("roster.csv", ORG_HEADERS, _org_cells(orgs))
    ties_path = write("ties.csv", TIE_HEADERS, _tie_cells(orgs, ties, excel_dates=False)) if ties else None
    return orgs_path, ties_path


def _expected(orgs, ties):
    ids = [f"O{i:03d}" for i in range(1, len(orgs) + 1)]
    org_rows = [(ids[i], o["name"], o["short"], o["kind"], roster.KIND_SECTOR[o["kind"]], o["tier"], o["district"])
                for i, o in enumerate(orgs)]
    tie_rows = []
    for t in ties:
        for area in t["areas"] or [""]:
            tie_rows.append((ids[t["a"]], ids[t["b"]], str(area), "" if t["since"] is None else t["since"].isoformat(),
                             MONTH if t["month"] else ""))
    aliases = [(o["short"], ids[i]) for i, o in enumerate(orgs) if o["short"]]
    return org_rows, tie_rows, aliases


def _got(result):
    t = result.tables
    return ([(o["id"], o["name_zh"], o["short_name"], o["kind"], o["sector"], o["council_tier"], o["district"])
             for o in t["organisations"]],
            [(p["org_a"], p["org_b"], p["area"], p["since"], p["note"]) for p in t["partnerships"]],
            [(a["alias"], a["organisation_id"]) for a in t["aliases"]])


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rosters())
def test_round_trip_xlsx_and_csv(tmp_path, data):
    orgs, ties = data
    expected = _expected(orgs, ties)
    for fmt in ("xlsx", "csv-bom", "csv-gb18030"):
        folder = tmp_path / fmt
        folder.mkdir(exist_ok=True)
        roster_path, ties_path = _write_inputs(folder, fmt, orgs, ties)
        result = import_roster(roster_path, ties_path)
        assert result.ok, (fmt, result.summary())
        assert _got(result) == expected, fmt
        assert sum(c.rows_in for c in result.counts) == len(orgs) + len(ties)


@settings(max_examples=5, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rosters())
def test_round_trip_through_the_written_package(tmp_path, data):
    orgs, ties = data
    roster_path, ties_path = _write_inputs(tmp_path, "xlsx", orgs, ties)
    result = import_roster(roster_path, ties_path, out=tmp_path / "pkg", overwrite=True)
    consortium = loading.load(result.out)
    org_rows, tie_rows, aliases = _expected(orgs, ties)
    table = consortium.organisations.fillna("")
    assert [(i, r["name_zh"], r["short_name"], r["kind"], r["sector"], r["council_tier"], r["district"])
            for i, r in table.iterrows()] == org_rows
    ptable = consortium.partnerships
    got = [(r["org_a"], r["org_b"], "" if pd.isna(r["area"]) else str(r["area"]),
            "" if pd.isna(r["since"]) else r["since"].date().isoformat(),
            "" if pd.isna(r["note"]) else r["note"]) for _, r in ptable.iterrows()]
    assert got == tie_rows


def test_legacy_xls_roster_with_merged_cells_dates_and_a_bad_kind():
    """An old-format .xls (written by tests/rosters/make_xls.py): title row, 序号, a merged kind, dates."""
    path = CORPUS_DIR / "legacy.xls"
    strict = import_roster(path, path, ties_sheet="合作关系")
    assert [(p.file, p.row, p.column, p.value) for p in strict.problems] == [
        ("legacy.xls [成员单位]", 6, "单位类型", "培训机构")]
    assert strict.out is None
    kept = import_roster(path, path, ties_sheet="合作关系", keep_valid=True)
    assert [(c.file, c.rows_in, c.imported, c.reported) for c in kept.counts] == [
        ("legacy.xls [成员单位]", 4, 3, 1), ("legacy.xls [合作关系]", 2, 2, 0)]
    orgs = [(o["name_zh"], o["kind"], o["council_tier"], o["short_name"]) for o in kept.tables["organisations"]]
    assert orgs == [
        ("示例旧版职业学院", "higher_vocational_college", "vice_chair", "旧版职院"),
        ("示例旧版技工学校", "higher_vocational_college", "council_member", ""),  # the merged 高职院校 covers it
        ("示例旧版制造有限公司", "leading_enterprise", "member", "旧版制造"),
    ]
    ties = [(t["org_a"], t["org_b"], t["area"], t["since"], t["note"]) for t in kept.tables["partnerships"]]
    assert ties == [
        ("O001", "O003", "3", "2022-09-01", ""),  # a real Excel date; 订单班 is area 3
        ("O002", "O003", "2", "2023-03-01", MONTH),  # 岗位实习、学徒制: two areas, month precision
        ("O002", "O003", "4", "2023-03-01", MONTH),
    ]
