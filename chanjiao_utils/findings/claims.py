"""Structural claims with their comparison (issue 14): each statistic read against its null model, in words.

A number without its baseline is not a finding: the notebooks print these sentences built from the
:func:`chanjiao_utils.inference.significance` table (and completions and missing-data tables) above them.
"""

from __future__ import annotations

from typing import Any


from ..figure_text import Lang
from ..measures.brokerage import ROLE_NAMES
from .key import PARTY_WORDS, Finding, _needs_ties, _pct


# Structural claims with their comparison (issue 14): a number without its baseline is not a finding.

#: A statistic of :mod:`chanjiao_utils.inference.statistics` in the words of a sentence (Chinese, English).
STATISTIC_WORDS = {
    "transitivity": ("传递性（闭合三角的比例）", "transitivity (the share of closed triangles)"),
    "degree_centralization": ("度数中心势（合作单位数的集中程度）", "degree centralization (how unequal partners are)"),
    "betweenness_centralization": ("中介中心势", "betweenness centralization"),
    "modularity": ("Louvain 模块度（关系只计一次）", "Louvain modularity (each tie counted once)"),
    "core_periphery_fit": ("核心–边缘拟合度（离散模型）", "the core/periphery fit (discrete model)"),
    "ei_index": ("E-I 指数", "the E-I index"),
    "assortativity": ("同配系数 r", "assortativity r"),
}
#: A null model of :mod:`chanjiao_utils.inference.nulls` in the words of a sentence (Chinese, English).
NULL_WORDS = {
    "edges": ("关系数相同的随机网络", "random networks with the same number of ties"),
    "degree": ("每家单位合作单位数不变的随机网络", "random networks in which every organisation keeps its number of partners"),
    "labels": ("关系不变、随机打乱各方标签", "the same ties with the parties' labels shuffled"),
}
#: Gould–Fernandez roles of ordered two-paths (R sna's counts) in the words of a sentence (Chinese, English).
ROLE_WORDS = {role: (zh, en.capitalize()) for role, (zh, en) in ROLE_NAMES.items()}  # a sentence starts with them
READING_WORDS = {"higher": ("高于", "higher than"), "lower": ("低于", "lower than"), "as null": ("与之相当", "what")}


def number(x: float) -> str:
    """A statistic as a sentence prints it: counts of 100 or more as integers, else 3 significant digits.

    >>> number(2512.0), number(0.0821), number(-0.4951), number(0.0)
    ('2512', '0.0821', '-0.495', '0')
    """
    return f"{x:.0f}" if abs(x) >= 100 else f"{x:.3g}"


def p_value(p: float, draws: int) -> str:
    """A Monte Carlo p as a sentence prints it: ``< 1/draws`` when no draw reached the observed value.

    >>> p_value(0.0, 200), p_value(0.015, 200)
    ('< 0.005', '= 0.015')
    """
    return f"< {1 / draws:.3g}" if p == 0 else f"= {p:.3g}"


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _statistic_words(name: str) -> tuple[str, str]:
    if name in STATISTIC_WORDS:
        return STATISTIC_WORDS[name]
    if name.startswith("brokerage_"):
        role = name.removeprefix("brokerage_")
        if role in ROLE_WORDS:
            return (f"全网{ROLE_WORDS[role][0]}中介（Gould–Fernandez 有序二步路径数）",
                    f"{ROLE_WORDS[role][1]} brokerage in the whole network (Gould–Fernandez ordered two-paths)")
        zh, en = PARTY_WORDS.get(role, (role, role))
        return (f"{zh}承担的中介（Gould–Fernandez 有序二步路径数）",
                f"the brokerage held by {en} (Gould–Fernandez ordered two-paths)")
    if name.startswith("mixing_"):
        a, b = name.removeprefix("mixing_").split("_", 1)
        return (f"{PARTY_WORDS.get(a, (a,))[0]}与{PARTY_WORDS.get(b, (b,))[0]}之间的关系数",
                f"the ties between {PARTY_WORDS.get(a, ('', a))[1]} and {PARTY_WORDS.get(b, ('', b))[1]}")
    return name, name.replace("_", " ")


def claim_finding(row: Any) -> Finding:
    """One row of :func:`chanjiao_utils.inference.claims` as a sentence: the observed value, the null model's
    mean, both p-values' reading and, when completions were run, how often the reading holds."""
    stat_zh, stat_en = _statistic_words(str(row["statistic"]))
    null_zh, null_en = NULL_WORDS.get(str(row["null_model"]), (str(row["null_model"]),) * 2)
    read_zh, read_en = READING_WORDS[str(row["reading"])]
    draws = int(row["draws"]) - int(row["undefined"])
    obs, mean = number(float(row["observed"])), number(float(row["null_mean"]))
    p = (f"p_lower {p_value(float(row['p_lower']), draws)}, p_upper {p_value(float(row['p_upper']), draws)}"
         if row["reading"] == "as null" else
         f"p_upper {p_value(float(row['p_upper']), draws)}" if row["reading"] == "higher" else
         f"p_lower {p_value(float(row['p_lower']), draws)}")
    if row["reading"] == "as null":
        zh = f"{stat_zh}为{obs}，与{null_zh}的结果相当（均值{mean}；{p}，{draws}次抽样）"
        en = f"{_upper_first(stat_en)} is {obs}: what {null_en} give (mean {mean}; {p}, {draws} draws)"
    else:
        zh = f"{stat_zh}为{obs}，{read_zh}{null_zh}所得（均值{mean}；{p}，{draws}次抽样）"
        en = f"{_upper_first(stat_en)} is {obs}, {read_en} {null_en} give (mean {mean}; {p}, {draws} draws)"
    runs = int(row["runs"])
    if runs and row["holds_share"] == row["holds_share"]:
        zh += f"；在{runs}个合成补全中有{_pct(float(row['holds_share']))}得出同样结论。"
        en += f"; the same reading holds in {_pct(float(row['holds_share']))} of {runs} synthetic completions."
    else:
        zh, en = zh + "。", en + "."
    return Finding(f"{row['statistic']}|{row['null_model']}", float(row["observed"]), zh, en,
                   details={k: row[k] for k in ("null_mean", "p_lower", "p_upper", "draws", "holds_share", "runs")})


def claim_findings(table: Any, lang: Lang = "en") -> list[str]:
    """The sentences of :func:`claim_finding` for every row of a claims table, in ``lang``; a table without
    rows (a roster without ties) gives the one sentence saying so."""
    if not len(table):
        return [_needs_ties("claims").text(lang)]
    return [claim_finding(row).text(lang) for _, row in table.iterrows()]


def completion_findings(table: Any, lang: Lang = "en") -> list[str]:
    """Sentences for the ``kind == "finding"`` rows of :func:`chanjiao_utils.inference.completions`: how often
    each finding holds over the synthetic completions, and whether it rests on the generator's seed."""
    out = []
    for _, row in table[table["kind"] == "finding"].iterrows():
        share, runs = float(row["share_holds"]), int(row["runs"])
        verdict = (("与种子无关", "it does not depend on the seed") if share >= 0.95 else
                   ("取决于生成器的种子，不是关于联合体的结论", "it depends on the generator's seed, not on the consortium")
                   if share < 0.5 else ("多数补全成立，但并非全部", "most completions, not all"))
        zh = f"“{row['statistic']}”在{runs}个合成补全中有{_pct(share)}成立：{verdict[0]}。"
        en = f"“{row['statistic']}” holds in {_pct(share)} of {runs} synthetic completions: {verdict[1]}."
        out.append(Finding(str(row["statistic"]), share, zh, en).text(lang))
    return out


def missing_findings(table: Any, share: float, lang: Lang = "en") -> list[str]:
    """Sentences for the ranking rows of :func:`chanjiao_utils.inference.missing_data` at one ``share`` missing:
    the median Spearman rho of each centrality with the full network's, and how often the top k stay the top k."""
    rows = table[(table["share"] == share) & table["kind"].isin(["ranking", "finding"])]
    out = []
    unit = str(rows["unit"].iloc[0]) if len(rows) else "ties"
    unit_zh = "关系" if unit == "ties" else "单位"
    for _, row in rows.iterrows():
        name, runs = str(row["statistic"]), int(row["runs"])
        if row["kind"] == "ranking":
            c = name.removeprefix("spearman_")
            zh = (f"随机缺失{_pct(share)}的{unit_zh}时，{c}排名与完整网络的 Spearman 相关系数中位数为{row['median']:.2f}"
                  f"（四分位{row['q1']:.2f}–{row['q3']:.2f}，{runs}次）。")
            en = (f"With {_pct(share)} of {unit} missing at random, the {c} ranking's Spearman rho with the full "
                  f"network's has median {row['median']:.2f} (quartiles {row['q1']:.2f}–{row['q3']:.2f}, {runs} runs).")
        else:
            k, c = name.removeprefix("top").split("_", 1)
            zh = f"随机缺失{_pct(share)}的{unit_zh}时，按{c}排名的前{k}名在{_pct(float(row['share_holds']))}的{runs}次模拟中保持不变。"
            en = (f"With {_pct(share)} of {unit} missing, the top {k} by {c} stay the top {k} in "
                  f"{_pct(float(row['share_holds']))} of {runs} runs.")
        out.append(Finding(name, row["median"], zh, en).text(lang))
    return out


def assortativity_finding(table: Any, lang: Lang = "en") -> str:
    """Assortativity r beside its floor r_min for these group sizes (a row of
    :func:`chanjiao_utils.measures.assortativity_range`), not on a −1 … +1 scale."""
    row = table.iloc[0]
    if not row["ties"] or row["r_min"] != row["r_min"]:
        return _needs_ties("assortativity").text(lang)
    r, r_min, scaled = number(float(row["assortativity"])), number(float(row["r_min"])), float(row["r_scaled"])
    zh = (f"同配系数 r = {r}；按各方所占关系端点的比例，r 最低只能到 r_min = {r_min}，"
          f"r/|r_min| = {scaled:.2f}（−1 即任何一方内部都没有关系）。")
    en = (f"Assortativity r = {r}; with these parties' shares of tie ends the lowest r can go is r_min = {r_min}, "
          f"so r/|r_min| = {scaled:.2f} (−1 would be no tie inside any party).")
    return Finding("assortativity", float(row["assortativity"]), zh, en).text(lang)


def group_ei_findings(table: Any, lang: Lang = "en", alpha: float = 0.05) -> list[str]:
    """Each party's E-I against its expected value and its label-permutation p (rows of
    :func:`chanjiao_utils.inference.group_ei_significance`)."""
    if not len(table):
        return [_needs_ties("group_ei").text(lang)]
    out = []
    for code, row in table.iterrows():
        zh_name, en_name = PARTY_WORDS.get(str(code), (str(code), str(code)))
        if row["ei_index"] != row["ei_index"]:
            continue
        draws = int(row["draws"])
        if row["p_upper"] <= alpha:
            read_zh, read_en, p = "高于", "more than", f"p_upper {p_value(float(row['p_upper']), draws)}"
        elif row["p_lower"] <= alpha:
            read_zh, read_en, p = "低于", "less than", f"p_lower {p_value(float(row['p_lower']), draws)}"
        else:
            read_zh, read_en = "与之相当", "as much as"
            p = f"p_lower {p_value(float(row['p_lower']), draws)}, p_upper {p_value(float(row['p_upper']), draws)}"
        e, exp, null = number(float(row["ei_index"])), number(float(row["expected_ei"])), number(float(row["null_mean"]))
        zh = (f"{zh_name}：E-I = {e}，按规模期望 {exp}；随机打乱各方标签时均值 {null}，向外联系{read_zh}标签随机时"
              f"（{p}，{draws}次）。")
        en = (f"{_upper_first(en_name)}: E-I {e}, {exp} expected from its size; {null} on average with the labels "
              f"shuffled: the party reaches out {read_en} random labelling gives ({p}, {draws} draws).")
        out.append(Finding(f"ei_{code}", float(row["ei_index"]), zh, en).text(lang))
    return out


#: Gould–Fernandez roles for brokered PAIRS (measures.brokerage_pairs columns) in plain words (Chinese, English).
BROKER_ROLE_WORDS = {
    "coordinator": ("本方内部牵线（协调者）", "within its own party (coordinator)"),
    "itinerant": ("为另一方的两家牵线（巡回者）", "for two members of one other party (itinerant)"),
    "gatekeeper_representative": ("本方与他方之间（守门人/代表者）", "between its own party and another (gatekeeper/representative)"),
    "liaison": ("两个他方之间（联络者）", "between two other parties (liaison)"),
}
#: The one-line key to the roles.
BROKER_ROLE_KEY = (
    "中介＝一家单位的两个彼此没有直接关系的合作单位（一对）；按三家所属的方划分角色。",
    "A brokered pair = two partners of an organisation that are not tied to each other; the role says which parties "
    "the three belong to.",
)


#: The same roles in the few words a chart legend has room for.
BROKER_ROLE_SHORT = {
    "coordinator": ("本方内部（协调者）", "within own party"),
    "itinerant": ("为另一方（巡回者）", "for one other party"),
    "gatekeeper_representative": ("本方与他方（守门人/代表者）", "own party and another"),
    "liaison": ("两个他方之间（联络者）", "between two others"),
}


def broker_role_labels(lang: Lang = "both", short: bool = False) -> dict[str, str]:
    """Plain display names of the brokered-pair roles in ``lang`` (``short``: legend words, Chinese above English).

    >>> broker_role_labels("en")["liaison"]
    'between two other parties (liaison)'
    >>> broker_role_labels("en", short=True)["liaison"]
    'between two others'
    """
    from ..figure_text import say

    words = BROKER_ROLE_SHORT if short else BROKER_ROLE_WORDS
    return {role: say(zh, en, lang, sep="\n" if short else " ") for role, (zh, en) in words.items()}


def structure_finding(summary: Any, lang: Lang = "en") -> str:
    """Size and cohesion in one sentence, from the one-row :func:`chanjiao_utils.measures.summary` table."""
    row = summary.iloc[0]
    n, m = int(row["organisations"]), int(row["ties"])
    if not m:
        return _needs_ties("structure").text(lang)
    zh = (f"{n}家单位之间有{m}对合作关系（{int(row['partnerships'])}项合作），密度{row['density']:.3f}；"
          f"共{int(row['components'])}个互不相连的部分，最大的有{int(row['largest_component'])}家，"
          f"{int(row['isolates'])}家没有任何合作关系。")
    en = (f"{n} organisations and {m} ties ({int(row['partnerships'])} partnerships), density {row['density']:.3f}; "
          f"{int(row['components'])} separate pieces, the largest of {int(row['largest_component'])}, "
          f"and {int(row['isolates'])} organisations without any tie.")
    return Finding("structure", m, zh, en).text(lang)
