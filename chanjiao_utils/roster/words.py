"""The words of rosters: header synonyms, value vocabularies and how both are compared.

Headers are matched after :func:`header_key` through :data:`HEADER_SYNONYMS`; values (kinds, tiers,
sectors, lead roles, areas) after :func:`value_key` through :data:`KIND_WORDS`, :data:`TIER_WORDS`,
:data:`SECTOR_WORDS`, :data:`LEAD_ROLE_WORDS` and :data:`AREA_WORDS` (each the inverse of its
``*_BY_CODE`` table).

>>> header_key(" 单位名称（全称）* ")
'单位名称'
>>> KIND_WORDS[value_key("中  专")], TIER_WORDS[value_key("副理事长")], AREA_WORDS[value_key("订单班")]
('secondary_vocational_school', 'vice_chair', 3)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

#: Header synonyms per table and field. Matched on :func:`header_key`, so width, spaces and case do not matter.
HEADER_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "organisations": {
        "name_zh": ("单位名称", "名称", "成员单位", "成员单位名称", "单位", "机构名称", "name", "name_zh",
                    "organisation", "organization"),
        "name_en": ("英文名称", "英文名", "name_en", "english name"),
        "short_name": ("简称", "单位简称", "short_name", "short name"),
        "aliases": ("别名", "曾用名", "其他名称", "aliases", "alias"),
        "kind": ("单位类型", "类型", "类别", "单位类别", "kind", "type"),
        "sector": ("所属方", "政行企研校", "sector"),
        "council_tier": ("理事会职务", "职务", "理事会职位", "council_tier", "tier"),
        "lead_role": ("牵头角色", "lead_role", "lead role"),
        "district": ("所在镇街", "所在地", "区域", "镇街", "district"),
        "note": ("备注", "说明", "note", "notes"),
        "seq": ("序号", "no.", "no", "#"),
    },
    "ties": {
        "org_a": ("甲方", "单位甲", "合作方甲", "org_a", "organisation a", "organization a"),
        "org_b": ("乙方", "单位乙", "合作方乙", "org_b", "organisation b", "organization b"),
        "area": ("合作内容", "合作领域", "合作方式", "合作项目", "area", "areas"),
        "since": ("开始时间", "合作时间", "起始时间", "开始日期", "since", "start"),
        "note": ("备注", "说明", "note", "notes"),
        "seq": ("序号", "no.", "no", "#"),
    },
}
#: Columns each table must have (sector is derived from the kind when absent; the rest may be empty).
REQUIRED = {"organisations": ("name_zh", "kind"), "ties": ("org_a", "org_b")}
#: Targets ``columns=`` may name besides the fields above: ``"ignore"`` skips a column.
IGNORE = "ignore"

#: Chinese (and English) wordings of each kind → kind code of kinds.csv.
KIND_WORDS_BY_CODE: dict[str, tuple[str, ...]] = {
    "secondary_vocational_school": ("中职学校", "中职", "中等职业学校", "中专", "中职院校",
                                    "secondary vocational school", "secondary_vocational_school"),
    "higher_vocational_college": ("高职院校", "高职", "职业技术学院", "高等职业院校", "职业学院",
                                  "higher vocational college", "higher_vocational_college"),
    "university": ("本科高校", "本科", "大学", "本科院校", "university"),
    "research_institute": ("科研院所", "研究院", "研究所", "research institute", "research_institute"),
    "industry_association": ("行业协会", "协会", "商会", "industry association", "industry_association"),
    "leading_enterprise": ("龙头企业", "leading enterprise", "leading_enterprise"),
    "tech_innovation_enterprise": ("科技创新企业", "科创企业", "高新技术企业", "tech-innovation enterprise",
                                   "tech_innovation_enterprise"),
    "enterprise": ("企业", "公司", "enterprise", "enterprise (kind not stated)"),
    "government_body": ("政府部门", "政府", "管委会", "局", "government body", "government_body"),
    "park_operator": ("园区运营企业", "园区", "园区运营", "industrial park operator", "park operator", "park_operator"),
}
TIER_WORDS_BY_CODE: dict[str, tuple[str, ...]] = {
    "co_chair": ("共同理事长单位", "理事长单位", "理事长", "共同理事长", "co-chair unit", "co-chair", "co_chair"),
    "vice_chair": ("副理事长单位", "副理事长", "vice-chair unit", "vice-chair", "vice_chair"),
    "council_member": ("理事单位", "理事", "council member unit", "council member", "council_member"),
    "member": ("成员单位", "会员", "成员", "会员单位", "member unit", "member"),
}
SECTOR_WORDS_BY_CODE: dict[str, tuple[str, ...]] = {
    "government": ("政", "政府", "government"),
    "association": ("行", "行业", "行业协会", "industry associations", "association"),
    "enterprise": ("企", "企业", "enterprises", "enterprise"),
    "research": ("研", "科研", "research"),
    "school": ("校", "学校", "院校", "schools", "school"),
}
LEAD_ROLE_WORDS_BY_CODE: dict[str, tuple[str, ...]] = {
    "lead_school": ("牵头学校", "lead school", "lead_school"),
    "lead_enterprise": ("牵头企业", "lead enterprise", "lead_enterprise"),
    "park": ("依托园区", "园区", "park"),
    "none": ("无", "否", "-", "—", "none"),
}
#: The twelve official area names (areas.csv) and common short forms → area code.
AREA_WORDS_BY_CODE: dict[int, tuple[str, ...]] = {
    1: ("共建产业学院", "产业学院", "Co-building industry colleges"),
    2: ("岗位实习", "实习", "顶岗实习", "Workplace internships"),
    3: ("订单培养项目", "订单培养", "订单班", "Order-based training programmes"),
    4: ("中国特色学徒制项目", "中国特色学徒制", "学徒制", "现代学徒制", "Chinese-style apprenticeship programmes"),
    5: ("真实项目进课堂", "真实项目", "Real industry projects in the classroom"),
    6: ("共建实训基地", "实训基地", "Co-building practical training bases"),
    7: ("编写新形态教材", "新形态教材", "教材", "Writing new-form textbooks"),
    8: ("为企业培训技能人才", "技能培训", "员工培训", "Training skilled workers for enterprises"),
    9: ("学校聘请企业教师任教部分技术技能课程", "企业教师", "兼职教师",
        "Enterprise staff teaching technical courses at the school"),
    10: ("企业为学校教师提供岗位实践锻炼", "教师实践", "教师企业实践", "Enterprise placements for school teachers"),
    11: ("校企双方人员互兼互聘", "互兼互聘", "Mutual part-time appointments of school and enterprise staff"),
    12: ("与企业共同开展科研或技术服务", "科研", "技术服务", "横向课题",
         "Joint research or technical services with enterprises"),
}
#: Separators between several areas in one cell ("岗位实习、订单培养").
AREA_SEPARATORS = "、,，;；/／|\n"


def header_key(text: str) -> str:
    """How headers are compared: NFKC, whitespace removed, lower case, no trailing ``*``, no bracketed remark."""
    key = "".join(unicodedata.normalize("NFKC", text).split()).lower()
    key = key.rstrip("*")
    stripped = re.sub(r"\([^)]*\)|\[[^\]]*\]|【[^】]*】", "", key)
    return stripped or key


def value_key(text: str) -> str:
    """How category values are compared: NFKC, whitespace removed, lower case."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def _invert(table: Mapping[Any, tuple[str, ...]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for code, words in table.items():
        for word in words:
            key = value_key(word)
            assert out.get(key, code) == code, f"{word!r} is listed for two codes"
            out[key] = code
    return out


#: Lookup tables: :func:`value_key` of a wording → code.
KIND_WORDS: dict[str, str] = _invert(KIND_WORDS_BY_CODE)
TIER_WORDS: dict[str, str] = _invert(TIER_WORDS_BY_CODE)
SECTOR_WORDS: dict[str, str] = _invert(SECTOR_WORDS_BY_CODE)
LEAD_ROLE_WORDS: dict[str, str] = _invert(LEAD_ROLE_WORDS_BY_CODE)
AREA_WORDS: dict[str, int] = _invert(AREA_WORDS_BY_CODE)

#: The sector of every kind (as kinds.csv of the bundled package says).
KIND_SECTOR: dict[str, str] = {
    "secondary_vocational_school": "school", "higher_vocational_college": "school", "university": "school",
    "park_operator": "enterprise", "enterprise": "enterprise", "leading_enterprise": "enterprise",
    "tech_innovation_enterprise": "enterprise", "industry_association": "association",
    "government_body": "government", "research_institute": "research",
}
