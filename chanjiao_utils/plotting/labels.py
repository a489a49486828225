"""The words for sectors, brokerage roles, areas and organisations that figures show, in Chinese or English."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..figure_text import Lang, data_text, say
from ..measures.brokerage import ROLE_NAMES  # noqa: F401  (re-exported: plotting.labels.ROLE_NAMES)


def sector_labels(sectors: pd.DataFrame, lang: Lang = "both") -> dict[str, str]:
    """Display names of the sectors from the data package's ``sectors`` table, e.g. ``政 Government``."""
    return {code: say(row["name_zh"], row["name_en"], lang, sep=" ") for code, row in sectors.iterrows()}


def role_labels(lang: Lang = "both") -> dict[str, str]:
    """Display names of the brokerage roles, e.g. ``联络者 liaison``.

    >>> role_labels("zh")["liaison"]
    '联络者'
    """
    return {role: say(zh, en, lang, sep=" ") for role, (zh, en) in ROLE_NAMES.items()}


#: For an undirected graph gatekeeper and representative are one role seen from either end of the pair.
GATEKEEPER_OR_REPRESENTATIVE = ("守门人或代表者", "gatekeeper or representative")


def area_labels(areas: pd.DataFrame, lang: Lang = "both", *, short: bool = False) -> dict[int, str]:
    """Display names of the twelve areas, numbered: ``2 岗位实习`` (zh), ``2 Workplace internships`` (en).

    ``short=True`` gives the short names of the areas table (``short_zh``, ``short_en``) for axis labels,
    unnumbered; an area without a short name, or a package without those optional columns, keeps its full name.

    >>> from chanjiao_utils.loading import load
    >>> area_labels(load().areas, "en", short=True)[9], area_labels(load().areas, "zh", short=True)[9]
    ('Company teachers', '企业教师任教')
    >>> area_labels(load().areas.drop(columns=["short_zh", "short_en"]), "en", short=True)[9]
    'Enterprise staff teaching technical courses at the school'
    """
    if short:
        return {int(code): say(data_text(row.get("short_zh")) or row["name_zh"],
                               data_text(row.get("short_en")) or row["name_en"], lang, sep=" ")
                for code, row in areas.iterrows()}
    return {int(code): f"{int(code)} " + say(row["name_zh"], row["name_en"], lang, sep=" / ")
            for code, row in areas.iterrows()}


def display_name(attrs: Mapping[str, Any], lang: Lang = "zh") -> str:
    """The short name when the data has one, else the Chinese name; with ``lang="en"`` the English name if any.

    Company-form suffixes (股份有限公司, 有限公司; Co. Ltd.) are left off a label; the data keeps them.

    >>> display_name({"name_zh": "中山市中等专业学校", "short_name": "中山中专"})
    '中山中专'
    >>> display_name({"name_zh": "广东世宇科技股份有限公司", "short_name": None})
    '广东世宇科技'
    >>> display_name({"name_zh": "广东世宇科技股份有限公司", "name_en": "Guangdong Shiyu Technology Co. Ltd."}, "en")
    'Guangdong Shiyu Technology'
    """
    english = attrs.get("name_en") if lang == "en" else None
    name = str(english if isinstance(english, str) and english else attrs.get("short_name") or attrs.get("name_zh") or "")
    for suffix in ("股份有限公司", "有限责任公司", "有限公司", " Co. Ltd.", " Co., Ltd.", " Ltd."):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name
