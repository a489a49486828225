"""Importing real rosters (chanjiao_utils.roster.importer): a corpus of messy inputs, case by case.

The corpus is made by tests/rosters/make_corpus.py (one file per quirk); the committed files must equal a fresh
generation, and the tests import a fresh generation in tmp_path. Row numbers are as the spreadsheet shows them,
title rows above the header counted.
"""

from __future__ import annotations

import pytest

from chanjiao_utils import roster
from chanjiao_utils.roster import import_roster

from .helpers import CORPUS_DIR, MONTH, _tables, make_corpus

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
