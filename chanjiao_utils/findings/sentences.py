"""The "what we found" sentences of notebooks 01, 04, 06, 07 and 08, each built from the table it describes.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..figure_text import Lang
from ..loading import Consortium
from .key import _needs_ties, _pct, _sector_names


# The "what we found" of notebooks 01, 04, 06, 07 and 08 prints these (issue 15): each sentence is built from
# the table it describes, so no number is typed into a notebook. Each takes ``lang`` ("zh", "en" or "both":
# Chinese, then English on the next line).


def _say(zh: str, en: str, lang: Lang) -> str:
    from ..figure_text import say

    return say(zh, en, lang, sep="\n")


def _label(graph: nx.Graph, node: Any, lang: str) -> str:
    attrs = graph.nodes[node]
    name = attrs.get("name_en") if lang == "en" else None
    return str(name if isinstance(name, str) and name else attrs.get("short_name") or attrs.get("name_zh") or node)


def needs_ties(lang: Lang = "both") -> str:
    """What a notebook prints instead of a chart when the roster has no ties (every such chart would be zeros).

    >>> print(needs_ties("en"))
    The roster has no ties, so this cannot be answered; add them with data/templates/ties.xlsx and run again.
    """
    found = _needs_ties("")
    return _say(found.zh, found.en, lang)


def rank_ties(table: Any, lang: Lang = "zh") -> str:
    """The ties in a ranked table's ``rank`` column, in words (for a chart's note): which ranks are shared.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"rank": [1, 2, 3, 3, 5, 5, 5]})
    >>> rank_ties(t, "zh"), rank_ties(t, "en")
    ('第3名2家并列、第5名3家并列', '2 tie at rank 3, 3 tie at rank 5')
    >>> rank_ties(pd.DataFrame({"rank": [1, 2]}), "en")
    'no ties'
    """
    sizes = table["rank"].value_counts().sort_index()
    tied = [(int(r), int(n)) for r, n in sizes.items() if n > 1]
    zh = "、".join(f"第{r}名{n}家并列" for r, n in tied) or "无并列"
    en = ", ".join(f"{n} tie at rank {r}" for r, n in tied) or "no ties"
    return _say(zh, en, lang)


def departures_found(graph: nx.Graph, lang: Lang = "both") -> str:
    """How many single departures cut other members apart, and which does most
    (:func:`~chanjiao_utils.measures.disconnecting_departures`)."""
    from ..measures import disconnecting_departures

    if not graph.number_of_edges():
        return needs_ties(lang)
    table = disconnecting_departures(graph)
    n = graph.number_of_nodes()
    if table.empty:
        return _say("没有任何一家单位的单独退出会使其余单位之间失去联系。", table.attrs["note"], lang)
    most = int(table["pairs_disconnected"].iloc[0])
    top = [v for v in table.index if int(table.loc[v, "pairs_disconnected"]) == most]
    rest = n - len(table)
    zh = (f"{n}家单位中，只有{len(table)}家的单独退出会使其余单位之间失去联系；另外{rest}家退出时，只失去它们自己的合作路径。"
          f"影响最大的是{'、'.join(_label(graph, v, 'zh') for v in top)}"
          f"{'（并列）' if len(top) > 1 else ''}：其余单位中有{most}对彼此失去联系。")
    en = (f"Of {n} organisations, only {len(table)} cut other members apart by leaving; the other {rest} take only "
          f"their own paths with them. The largest effect is {', '.join(_label(graph, v, 'en') for v in top)}'s"
          f"{' (tied)' if len(top) > 1 else ''}: {most} pairs of the remaining members can no longer reach each other.")
    return _say(zh, en, lang)


def top_departures(graph: nx.Graph, k: int = 3) -> list[Any]:
    """The organisations ranked in the top ``k`` of :func:`~chanjiao_utils.measures.disconnecting_departures`,
    ties kept (so possibly more than ``k``); only those that disconnect someone.

    >>> top_departures(nx.path_graph(["a", "b", "c", "d"]), 1)
    ['b', 'c']
    """
    from ..measures import disconnecting_departures

    table = disconnecting_departures(graph)
    return list(table.index[table["rank"] <= k])


def key_players_found(graph: nx.Graph, key: Any, singles: list[Any], lang: Lang = "both") -> str:
    """The key-player set (one row of :func:`~chanjiao_utils.measures.key_players`) beside the top single
    departures leaving together (``singles``, e.g. :func:`top_departures`), by Borgatti's F."""
    from ..measures import fragmentation

    row = key.iloc[0]
    k = int(row["k"])
    ids = [s.strip() for s in str(row["key_set"]).split(",")]
    before = float(row["fragmentation_before"])
    f_key = float(row["fragmentation"])
    f_single = float(fragmentation(graph, singles).iloc[0]["fragmentation"]) if singles else before
    zh_key = "、".join(_label(graph, v, "zh") for v in ids)
    en_key = ", ".join(_label(graph, v, "en") for v in ids)
    zh_s = "、".join(_label(graph, v, "zh") for v in singles) or "无"
    en_s = ", ".join(_label(graph, v, "en") for v in singles) or "none"
    zh = (f"若{k}家单位一起退出，使网络最分散的组合是{zh_key}（KPP-Neg）：之后{_pct(f_key)}的单位对彼此不可达"
          f"（现在为{_pct(before)}）；单独退出影响最大的前{k}名（并列者都算，共{len(singles)}家：{zh_s}）一起退出后为"
          f"{_pct(f_single)}。")
    en = (f"Of any {k} organisations leaving together, {en_key} fragment the network most (KPP-Neg): afterwards "
          f"{_pct(f_key)} of pairs cannot reach each other (now {_pct(before)}); the top {k} single departures "
          f"(ties included, {len(singles)}: {en_s}) leaving together give {_pct(f_single)}.")
    return _say(zh, en, lang)


def _area_name(consortium: Consortium, code: Any, lang: str) -> str:
    row = consortium.areas.loc[code] if code in consortium.areas.index else consortium.areas.loc[str(code)]
    return str(row["name_en"] if lang == "en" else row["name_zh"])


def thin_rule_found(consortium: Consortium, lang: Lang = "both") -> str:
    """Which areas are thin by :func:`~chanjiao_utils.measures.thin_areas`' default rule, and over which
    thresholds that answer holds (:func:`~chanjiao_utils.measures.thin_sensitivity`)."""
    if consortium.partnerships.empty:
        return needs_ties(lang)
    from ..measures import thin_areas, thin_sensitivity

    thin = thin_areas(consortium)
    steps = thin_sensitivity(consortium)
    at = steps.index[steps["default"]][0]
    row = steps.loc[at]
    threshold = float(thin.attrs["threshold"])
    codes = [c for c in str(row["thin_codes"]).split(", ") if c]
    names_zh = "、".join(f"“{_area_name(consortium, int(c), 'zh')}”" for c in codes)
    names_en = ", ".join(f"“{_area_name(consortium, int(c), 'en')}”" for c in codes)
    rule_zh = f"按默认规则（参与单位少于各方面参与单位数中位数的一半，即少于{threshold:g}家）"
    rule_en = f"By the default rule (fewer organisations than half the median area's, i.e. fewer than {threshold:g})"
    head_zh = f"{rule_zh}，薄弱的方面是{names_zh}" if codes else f"{rule_zh}，没有薄弱的方面"
    head_en = f"{rule_en} the thin areas are {names_en}" if codes else f"{rule_en} no area is thin"
    low, high = float(row["threshold_above"]), float(row["threshold_up_to"])
    zh = f"{head_zh}；阈值在{low:g}家以上、{high:g}家以下（含）时结论不变"
    en = f"{head_en}; the answer is the same for any threshold above {low:g} and up to {high:g} organisations"
    if at + 1 in steps.index:
        nxt = [c for c in str(steps.loc[at + 1, "newly_thin"]).split(", ") if c]
        zh += "，阈值再高则" + "、".join(f"“{_area_name(consortium, int(c), 'zh')}”" for c in nxt) + "也算薄弱"
        en += ", and a higher one adds " + ", ".join(f"“{_area_name(consortium, int(c), 'en')}”" for c in nxt)
    return _say(zh + "。", en + ".", lang)


def coverage_found(consortium: Consortium, lang: Lang = "both") -> str:
    """Per party: in how many areas its members take part, and the largest share of its members in one area
    (:func:`~chanjiao_utils.measures.coverage_share`)."""
    if consortium.partnerships.empty:
        return needs_ties(lang)
    from ..measures import coverage_share

    share = coverage_share(consortium)
    members = share.attrs.get("members", {})
    zh_names, en_names = _sector_names(consortium)
    zh_parts, en_parts = [], []
    for sector in share.columns:
        m = int(members.get(sector, 0))
        if not m or sector not in zh_names:
            continue
        column = share[sector].fillna(0)
        k, top = int((column > 0).sum()), float(column.max())
        zh_parts.append(f"{zh_names[sector]}（{m}家）参与{k}个方面，单个方面最多有{_pct(top)}的成员参与")
        en_parts.append(f"{en_names[sector]} ({m}): {k} areas, at most {_pct(top)} of them in any one area")
    en = "; ".join(en_parts)
    return _say("；".join(zh_parts) + "。", en[:1].upper() + en[1:] + ".", lang)


def overlap_found(consortium: Consortium, lang: Lang = "both", n: int = 3) -> str:
    """The pairs of areas whose members overlap most (Jaccard), with observed / expected, and how many pairs
    share fewer organisations than independence would give (:func:`~chanjiao_utils.measures.area_overlap_pairs`)."""
    if consortium.partnerships.empty:
        return needs_ties(lang)
    from ..measures import area_overlap_pairs

    pairs = area_overlap_pairs(consortium).dropna(subset=["jaccard"])
    if pairs.empty or not pairs["both"].any():
        return _say("没有哪两个合作方面有共同的参与单位。", "No two areas share an organisation.", lang)
    top = pairs.sort_values(["jaccard", "ratio", "area_a", "area_b"], ascending=[False, False, True, True],
                            kind="stable").head(n)
    zh = "、".join(f"“{_area_name(consortium, r.area_a, 'zh')}”与“{_area_name(consortium, r.area_b, 'zh')}”"
                  f"（Jaccard {r.jaccard:.2f}，为独立期望的{r.ratio:.1f}倍）" for r in top.itertuples())
    en = "; ".join(f"“{_area_name(consortium, r.area_a, 'en')}” and “{_area_name(consortium, r.area_b, 'en')}” "
                   f"(Jaccard {r.jaccard:.2f}, {r.ratio:.1f} times the overlap expected if independent)"
                   for r in top.itertuples())
    below = int((pairs["ratio"] < 1).sum())
    return _say(f"参与单位重叠最多的方面：{zh}。{len(pairs)}对方面中有{below}对的共同参与单位少于独立时的期望。",
                f"The areas whose members overlap most: {en}. {below} of {len(pairs)} pairs of areas share fewer "
                "organisations than if taking part in one were independent of the other.", lang)


def brokerage_found(consortium: Consortium, graph: nx.Graph, lang: Lang = "both") -> str:
    """Which party brokers most pairs of its partners, and what share of its partners' pairs that is
    (:func:`~chanjiao_utils.measures.brokerage_pairs_by_group`, pairs counted once)."""
    from ..measures import brokerage_pairs_by_group

    if not graph.number_of_edges():
        return needs_ties(lang)
    table = brokerage_pairs_by_group(graph, "sector")
    total = int(table["total"].sum())
    if not total:
        return _say("没有任何单位处在两家互不合作的单位之间。", "No organisation stands between two that are not tied.",
                    lang)
    zh_names, en_names = _sector_names(consortium)
    top = str(table["total"].idxmax())
    row = table.loc[top]
    return _say(f"{zh_names[top]}居间的单位对最多：{int(row['total'])}对，占全部{total}对居间单位对的"
                f"{_pct(row['total'] / total)}；其成员的合作单位两两之间，{_pct(row['brokered_share'])}彼此没有直接合作。",
                f"{en_names[top].capitalize()} stand between the most pairs: {int(row['total'])} of the {total} "
                f"brokered pairs ({_pct(row['total'] / total)}); {_pct(row['brokered_share'])} of the pairs of "
                "their members' partners are not tied to each other.", lang)


def lead_school_found(consortium: Consortium, graph: nx.Graph, lang: Lang = "both") -> str:
    """What the lead school's brokerage in a profile rests on: its partners, and how many of its ties a source
    states. A lead school with fewer than two partners brokers nothing by construction; when its ties are
    only the attested ones among synthetic rows, the low value is the state of the record, not a measurement."""
    orgs = consortium.organisations
    schools = sorted(orgs.index[orgs["lead_role"] == "lead_school"])
    if not schools:
        return _say("数据中没有牵头学校。", "The data name no lead school.", lang)
    school = schools[0]
    degree = int(graph.degree(school)) if school in graph else 0
    ties = consortium.partnerships
    own = ties[(ties["org_a"] == school) | (ties["org_b"] == school)]
    attested = int((own["provenance"] == "attested").sum())
    synthetic_orgs = consortium.provenance_of("organisations")[1]
    name_zh, name_en = _label(graph, school, "zh"), _label(graph, school, "en")
    zh = f"牵头学校{name_zh}在数据中有{degree}个合作单位（来源载明其中{attested}条合作）"
    en = f"The lead school {name_en} has {degree} partner(s) in the data ({attested} of its ties stated by a source)"
    if degree < 2:
        zh += "：少于两个合作单位，无从居间，居间占比无法计算"
        en += ": with fewer than two partners it cannot stand between any pair, so its share is undefined"
    if synthetic_orgs and attested == len(own):
        zh += "。来源未载明它的其他合作，所以这一数值反映的是公开记录的缺失，不是测得的弱点"
        en += ". No source states its other ties, so the value reflects the published record, not a measured weakness"
    return _say(zh + "。", en + ".", lang)


def lead_units_found(consortium: Consortium, lang: Lang = "both") -> str:
    """Why the attested organisations sit apart on the map: the ties a source states among them, and that it
    states none with the synthetic members; which of them take part in no area (an empty row). '' when the
    data have no synthetic organisations (then every row is the user's own)."""
    orgs = consortium.organisations
    if not consortium.provenance_of("organisations")[1]:
        return ""
    named = set(orgs.index[orgs["provenance"] == "attested"])
    ties = consortium.partnerships
    own = ties[ties["org_a"].isin(named) | ties["org_b"].isin(named)]
    stated = own[own["provenance"] == "attested"]

    def name(i: Any, lang: str) -> str:
        row = orgs.loc[i]
        return str((row["name_en"] if lang == "en" and isinstance(row["name_en"], str) and row["name_en"] else None)
                   or (row["short_name"] if isinstance(row["short_name"], str) and row["short_name"] else None)
                   or row["name_zh"])

    pairs_zh = "、".join(f"{name(r.org_a, 'zh')}—{name(r.org_b, 'zh')}" for r in stated.itertuples())
    pairs_en = ", ".join(f"{name(r.org_a, 'en')}–{name(r.org_b, 'en')}" for r in stated.itertuples())
    areas = stated["area"] if "area" in stated.columns else None
    no_area = [] if areas is None else sorted(set(stated.loc[areas.isna(), "org_a"]) | set(stated.loc[areas.isna(), "org_b"]))
    with_area = set() if areas is None else set(stated.loc[areas.notna(), "org_a"]) | set(stated.loc[areas.notna(), "org_b"])
    empty = [i for i in sorted(named) if i not in with_area]
    zh = (f"来源载明的{len(named)}家单位之间只有{len(stated)}条有来源的合作" + (f"（{pairs_zh}）" if len(stated) else "")
          + "，来源没有载明它们与其他成员的任何合作，所以它们在网络图中只连着彼此或孤立：这是报道未载明，不是没有合作。")
    en = (f"The {len(named)} organisations a source names have {len(stated)} attested tie(s) among themselves"
          + (f" ({pairs_en})" if len(stated) else "")
          + " and none stated with the other members, so on the map they touch only each other or nothing: the "
          "article names no other tie, which is not evidence that there is none.")
    if empty:
        zh += ("在“各成员单位参与的合作方面”图中，" + "、".join(name(i, "zh") for i in empty) + ("一行为空" if len(empty) == 1 else "各行为空")
               + ("：来源载明的合作未说明合作方面。" if no_area else "。"))
        en += (" In the organisation × area chart the " + ("row of " if len(empty) == 1 else "rows of ") + ", ".join(name(i, "en") for i in empty)
               + (" is" if len(empty) == 1 else " are") + " empty" + (": the attested tie states no area." if no_area else "."))
    return _say(zh, en, lang)


def lead_units_note(consortium: Consortium, lang: Lang = "zh") -> str:
    """A short line for the network map's note: the organisations a source names have only the ties it states
    (the long form is :func:`lead_units_found`); '' when the data have no synthetic organisations.

    >>> import chanjiao_utils as cj
    >>> lead_units_note(cj.load(), "en")
    'The 5 organisations a source names have only the 1 tie(s) it states; no other tie of theirs is reported.'
    """
    orgs = consortium.organisations
    if not consortium.provenance_of("organisations")[1]:
        return ""
    named = set(orgs.index[orgs["provenance"] == "attested"])
    ties = consortium.partnerships
    stated = ties[(ties["org_a"].isin(named) | ties["org_b"].isin(named)) & (ties["provenance"] == "attested")]
    pairs = len({tuple(sorted((str(a), str(b)))) for a, b in zip(stated["org_a"], stated["org_b"])})
    return _say(f"来源载明的{len(named)}家单位只有来源所述的{pairs}对合作关系，其他合作未见报道。",
                f"The {len(named)} organisations a source names have only the {pairs} tie(s) it states; no other tie "
                "of theirs is reported.", lang)


def no_brokerage(lang: Lang = "both") -> str:
    """What a notebook prints instead of a brokerage chart when no organisation stands between two others (every
    bar would be 0: a single tie, or ties that never meet at a third organisation).

    >>> print(no_brokerage("en"))
    No organisation stands between two others that are not tied to each other: there is no brokerage to chart.
    """
    return _say("没有任何单位居间于两家互不合作的单位之间：没有可以绘制的中介关系。",
                "No organisation stands between two others that are not tied to each other: there is no brokerage "
                "to chart.", lang)


def no_overlap(lang: Lang = "both") -> str:
    """What notebook 04 prints instead of an overlap map when no two areas share an organisation (all zeros).

    >>> print(no_overlap("en"))
    No organisation takes part in two areas of cooperation: there is no overlap to chart.
    """
    return _say("没有任何单位同时参与两个合作方面：没有可以绘制的重叠。",
                "No organisation takes part in two areas of cooperation: there is no overlap to chart.", lang)
