"""The bundled dataset is honest: what the article says is there, with its source, and nothing more is claimed.

Expected values are copied from the source article (shared/seed/000_10336811afe5f944.txt), not from the data.
Tables are read with the plain csv module, independently of chanjiao_utils.loading.
"""

from __future__ import annotations

import json
import re
from collections import Counter
import frictionless
import pytest

from chanjiao_utils import loading
from chanjiao_utils.paths import PROJECT_ROOT

from conftest import BUNDLED, read_csv

ARTICLE = PROJECT_ROOT.parent / "shared" / "seed" / "000_10336811afe5f944.txt"

LEAD_SCHOOL = "中山市中等专业学校"
LEAD_SCHOOL_SHORT = "中山中专"
PARK_GROUP = "中山火炬工业集团"
LEAD_ENTERPRISES = ["中山迈雷特数控技术有限公司", "中山斯瑞德环保设备有限公司", "广东世宇科技股份有限公司"]

# The twelve areas, in the article's order, as the article writes them.
AREAS = [
    "共建产业学院",
    "岗位实习",
    "订单培养项目",
    "中国特色学徒制项目",
    "真实项目进课堂",
    "共建实训基地",
    "编写新形态教材",
    "为企业培训技能人才",
    "学校聘请企业教师任教部分技术技能课程",
    "企业为学校教师提供岗位实践锻炼",
    "校企双方人员互兼互聘",
    "与企业共同开展科研或技术服务",
]
# Photo captions name three council tiers; 成员单位 is the article's word for every member.
TIERS = ["共同理事长单位", "副理事长单位", "理事单位", "成员单位"]
# "整合“政、行、企、研、校”优势资源"
SECTORS = ["政", "行", "企", "研", "校"]
MEMBERS = 85  # "85家成员单位"


@pytest.fixture(scope="module")
def tables() -> dict[str, list[dict[str, str]]]:
    """Every CSV of the bundled package, by table name."""
    return {p.stem: read_csv(p) for p in sorted(BUNDLED.glob("*.csv"))}


@pytest.fixture(scope="module")
def article() -> str:
    if not ARTICLE.is_file():
        pytest.skip(f"source article not found at {ARTICLE} (CI has ../shared beside the clone)")
    return ARTICLE.read_text(encoding="utf-8")


def _org(tables, name_zh: str) -> dict[str, str]:
    rows = [r for r in tables["organisations"] if r["name_zh"] == name_zh]
    assert len(rows) == 1, f"{name_zh} should be in organisations.csv exactly once, found {len(rows)}"
    return rows[0]


def test_lead_school_is_attested_with_its_short_name(tables):
    school = _org(tables, LEAD_SCHOOL)
    assert (school["lead_role"], school["sector"], school["provenance"], school["source_id"]) == (
        "lead_school", "school", "attested", "S01")
    aliases = {r["alias"]: r for r in tables["aliases"]}
    assert aliases[LEAD_SCHOOL_SHORT]["organisation_id"] == school["id"]
    assert aliases[LEAD_SCHOOL_SHORT]["source_id"] == "S01"
    assert aliases[LEAD_SCHOOL_SHORT]["provenance"] == "attested"


def test_park_group_is_attested(tables):
    park = _org(tables, PARK_GROUP)
    assert (park["lead_role"], park["provenance"], park["source_id"]) == ("park", "attested", "S01")


@pytest.mark.parametrize("name", LEAD_ENTERPRISES)
def test_named_lead_enterprises_are_attested(tables, name):
    org = _org(tables, name)
    assert (org["lead_role"], org["sector"], org["provenance"], org["source_id"]) == (
        "lead_enterprise", "enterprise", "attested", "S01")


def test_only_the_article_s_lead_units_are_attested_organisations(tables):
    attested = sorted(r["name_zh"] for r in tables["organisations"] if r["provenance"] == "attested")
    assert attested == sorted([LEAD_SCHOOL, PARK_GROUP, *LEAD_ENTERPRISES])


def test_twelve_areas_in_the_article_s_order(tables):
    rows = tables["areas"]
    assert [int(r["code"]) for r in rows] == list(range(1, 13))
    assert [r["name_zh"] for r in rows] == AREAS
    assert {(r["provenance"], r["source_id"]) for r in rows} == {("attested", "S01")}


def test_area_list_is_the_article_s_sentence(article):
    """The list above, recomputed from the article's sentence 将围绕……共12个方面开展合作."""
    sentence = re.search(r"将围绕(.+?)共12个方面开展合作", article)
    assert sentence is not None
    assert sentence.group(1).split("、") == AREAS


def test_four_tiers(tables):
    rows = sorted(tables["tiers"], key=lambda r: int(r["rank"]))
    assert [r["name_zh"] for r in rows] == TIERS
    assert {(r["provenance"], r["source_id"]) for r in rows} == {("attested", "S01")}


def test_five_sectors_in_order(tables):
    rows = sorted(tables["sectors"], key=lambda r: int(r["order"]))
    assert [r["name_zh"] for r in rows] == SECTORS
    assert [r["code"] for r in rows] == ["government", "association", "enterprise", "research", "school"]
    assert {(r["provenance"], r["source_id"]) for r in rows} == {("attested", "S01")}


@pytest.mark.parametrize(("date", "precision", "source", "words"), [
    ("2023-06", "month", "S01", "产教融合试点城市"),  # 2023年6月,中山入选广东首批产教融合试点城市
    ("2023-10-31", "day", "S01", "成立"),            # 10月31日 … 正式成立
    ("2023-11-02", "day", "S01", "中山火炬发布"),      # 中山火炬发布 2023-11-02 11:52
    ("2023-04-18", "day", "S02", "市域产教联合体建设的通知"),  # 教职成厅函〔2023〕15号
])
def test_events(tables, date, precision, source, words):
    matches = [r for r in tables["events"] if r["date"].startswith(date) and words in r["what_zh"]]
    assert len(matches) == 1, matches
    event = matches[0]
    assert (event["precision"], event["provenance"], event["source_id"]) == (precision, "attested", source)
    if precision == "month":
        assert event["date"] == date + "-01"  # first day of the month, as the schema documents


def test_every_provenance_row_is_attested_or_synthetic_and_cites_the_right_kind_of_source(tables):
    generators = {r["id"] for r in tables["sources"] if r["kind"] == "generator"}
    assert generators == {"GEN"}
    known = {r["id"] for r in tables["sources"]}
    for name in loading.PROVENANCE_TABLES:
        for i, row in enumerate(tables[name], start=2):
            where = f"{name}.csv row {i}"
            assert row["provenance"] in {"attested", "synthetic"}, where
            assert row["source_id"] in known, where
            if row["provenance"] == "synthetic":
                assert row["source_id"] == "GEN", where
            else:
                assert row["source_id"] not in generators, where


def test_no_attested_organisation_has_a_council_tier(tables):
    """The article shows tier captions but never says which organisation holds which tier."""
    tiers = {r["name_zh"]: r["council_tier"] for r in tables["organisations"] if r["provenance"] == "attested"}
    assert len(tiers) == 5
    assert set(tiers.values()) == {""}


def test_no_synthetic_tie_touches_an_attested_organisation(tables):
    attested_ids = {r["id"] for r in tables["organisations"] if r["provenance"] == "attested"}
    ties = tables["partnerships"]
    synthetic = [r for r in ties if r["provenance"] == "synthetic"]
    assert synthetic, "the bundled package has synthetic ties"
    assert not [r["id"] for r in synthetic if {r["org_a"], r["org_b"]} & attested_ids]
    # The one attested tie: the school and the park group built the consortium together (area not stated).
    attested = [r for r in ties if r["provenance"] == "attested"]
    school, park = _org(tables, LEAD_SCHOOL)["id"], _org(tables, PARK_GROUP)["id"]
    assert [(r["id"], {r["org_a"], r["org_b"]}, r["area"], r["source_id"]) for r in attested] == [
        ("PA01", {school, park}, "", "S01")]


def test_synthetic_names_cannot_be_mistaken_for_real_ones(tables):
    synthetic = [r for r in tables["organisations"] if r["provenance"] == "synthetic"]
    assert synthetic
    assert [r["name_zh"] for r in synthetic if not r["name_zh"].startswith("示例")] == []
    assert [r["name_en"] for r in synthetic if not r["name_en"].startswith("Example")] == []


def test_roster_has_85_member_units(tables):
    assert len(tables["organisations"]) == MEMBERS
    assert len({r["id"] for r in tables["organisations"]}) == MEMBERS


def test_roster_shape_matches_the_recorded_assumptions(bundled):
    """Synthetic kinds and tiers are what datapackage.json says the generator assumed."""
    recorded = json.loads((bundled / "datapackage.json").read_text(encoding="utf-8"))["chanjiao:synthetic"]
    rows = [r for r in read_csv(bundled / "organisations.csv") if r["provenance"] == "synthetic"]
    assert Counter(r["kind"] for r in rows) == Counter(recorded["assumptions"]["kind_counts"])
    assert Counter(r["council_tier"] for r in rows) == Counter(recorded["assumptions"]["tier_counts"])
    assert recorded["organisations"] == len(rows)
    ties = [r for r in read_csv(bundled / "partnerships.csv") if r["provenance"] == "synthetic"]
    assert recorded["partnerships"] == len(ties)


def test_attested_names_occur_verbatim_in_the_article(tables, article):
    attested = [r for r in tables["organisations"] if r["provenance"] == "attested"]
    names = [r["name_zh"] for r in attested] + [r["short_name"] for r in attested if r["short_name"]]
    names += [r["alias"] for r in tables["aliases"] if r["source_id"] == "S01"]
    names += [r["name_zh"] for r in tables["areas"] + tables["tiers"]]
    missing = [n for n in names if n not in article]
    assert missing == []
    # and the sectors as the article lists them
    assert "“" + "、".join(r["name_zh"] for r in tables["sectors"]) + "”" in article


def test_frictionless_validates_the_bundled_package(bundled):
    report = frictionless.validate(str(bundled / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert {task.name for task in report.tasks} == set(loading.RESOURCES)


def test_load_validate_finds_no_problem(bundled):
    assert loading.validate(bundled) == []
