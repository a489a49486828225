"""The vocabularies (chanjiao_utils.roster.words) cover the bundled package's tables."""

from __future__ import annotations

from chanjiao_utils import loading, paths, roster

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
