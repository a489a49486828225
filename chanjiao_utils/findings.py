"""Key findings in plain words, computed from the data (for the brief and the notebooks' "what we found").

Each :class:`Finding` carries its number and its sentence in Chinese and English, made from the tables the
measures return, so the words can never drift from the numbers. :func:`key_findings` gives the five a brief
leads with: the consortium's size and make-up, who bridges the parties, the thinnest area of cooperation,
how the parties mix, and which single departure cuts others off. Findings resting on synthetic rows say so
(``synthetic`` is the share of member units that are synthetic).

>>> import chanjiao_utils as cj
>>> found = key_findings(cj.load())
>>> [f.id for f in found]
['composition', 'bridges', 'thinnest_area', 'mixing', 'departure']
>>> found[0].en.startswith("85 member units")
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from .figure_text import Lang
from .loading import Consortium


@dataclass(frozen=True)
class Finding:
    """One finding: an id, its number, the sentence in Chinese and English, and how sure it is (when known)."""

    id: str
    value: Any
    zh: str
    en: str
    #: Share of member units that are synthetic (0 for a roster of one's own).
    synthetic: float = 0.0
    #: How sure the finding is (a baseline and p, how often it holds across completions), when computed.
    how_sure_zh: str = ""
    how_sure_en: str = ""
    details: dict[str, Any] = field(default_factory=dict, compare=False)

    def text(self, lang: Lang = "zh") -> str:
        """The sentence in ``lang`` (``both``: Chinese, then English)."""
        if lang == "zh":
            return self.zh
        if lang == "en":
            return self.en
        return f"{self.zh}\n{self.en}"


#: The five parties (政行企研校) in the words of a sentence; a sector not listed takes its name from sectors.csv.
PARTY_WORDS = {
    "government": ("政府部门", "government bodies"),
    "association": ("行业协会", "industry associations"),
    "enterprise": ("企业", "enterprises"),
    "research": ("科研机构", "research institutes"),
    "school": ("学校", "schools"),
}


def _sector_names(consortium: Consortium) -> tuple[dict[str, str], dict[str, str]]:
    sectors = consortium.sectors
    zh = {code: PARTY_WORDS.get(code, (str(sectors.loc[code, "name_zh"]), ""))[0] for code in sectors.index}
    en = {code: PARTY_WORDS.get(code, ("", str(sectors.loc[code, "name_en"]).lower()))[1] for code in sectors.index}
    return zh, en


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def composition(consortium: Consortium, graph: nx.Graph) -> Finding:
    """How many member units, by party, and how many ties."""
    from .measures import composition as by

    table = by(consortium, "sector")["total"]
    n = int(table.sum())
    zh_names, en_names = _sector_names(consortium)
    order = table.sort_values(ascending=False, kind="stable")
    parts_zh = "、".join(f"{zh_names[s]}{int(k)}家" for s, k in order.items() if k)
    parts_en = ", ".join(f"{int(k)} {en_names[s]}" for s, k in order.items() if k)
    ties = graph.number_of_edges()
    return Finding("composition", n,
                   f"联合体共有{n}家成员单位：{parts_zh}；其间有{ties}对单位存在合作关系。",
                   f"{n} member units: {parts_en}; {ties} pairs of them cooperate.",
                   details={"by_sector": table.to_dict(), "ties": ties})


def bridges(consortium: Consortium, graph: nx.Graph) -> Finding:
    """Which party has the highest mean betweenness: who lies on the paths between the others."""
    from .measures import centrality

    mean = centrality(graph).groupby("sector")["betweenness"].mean().sort_values(ascending=False, kind="stable")
    top, value = str(mean.index[0]), float(mean.iloc[0])
    zh_names, en_names = _sector_names(consortium)
    ratio = value / float(mean.iloc[1]) if len(mean) > 1 and mean.iloc[1] > 0 else float("nan")
    more_zh = f"，是第二位的{ratio:.1f}倍" if ratio == ratio else ""
    more_en = f", {ratio:.1f} times the next party's" if ratio == ratio else ""
    return Finding("bridges", top,
                   f"{zh_names[top]}最常处在其他单位之间的合作路径上（平均中介中心性{value:.3f}{more_zh}），"
                   "是连接各方的主要桥梁。",
                   f"{en_names[top].capitalize()} lie most often on the paths between other members (mean betweenness "
                   f"{value:.3f}{more_en}): they are the main bridge between the parties.",
                   details={"mean_betweenness": mean.to_dict()})


def thinnest_area(consortium: Consortium, graph: nx.Graph) -> Finding:  # noqa: ARG001 (one signature for all)
    """The area of cooperation with the fewest organisations taking part."""
    from .measures import thin_areas

    table = thin_areas(consortium).sort_values(["organisations", "partnerships"], kind="stable")
    row = table.iloc[0]
    n = len(consortium.organisations)
    return Finding("thinnest_area", int(table.index[0]),
                   f"十二个合作方面中最薄弱的是“{row['name_zh']}”：只有{int(row['organisations'])}家单位"
                   f"（{_pct(row['organisations'] / n)}）参与，{int(row['partnerships'])}项合作。",
                   f"The thinnest of the twelve areas of cooperation is “{row['name_en']}”: "
                   f"{int(row['organisations'])} member units ({_pct(row['organisations'] / n)}) take part, "
                   f"in {int(row['partnerships'])} partnerships.",
                   details={"organisations": int(row["organisations"])})


def mixing(consortium: Consortium, graph: nx.Graph) -> Finding:
    """The E-I index across the five parties, against its expected value for the group sizes."""
    from .measures import ei_index

    row = ei_index(graph).iloc[0]
    share = row["external"] / row["ties"] if row["ties"] else float("nan")
    return Finding("mixing", float(row["ei_index"]),
                   f"合作主要发生在不同方之间：{_pct(share)}的合作关系跨越政行企研校的界限"
                   f"（E-I指数{row['ei_index']:.2f}；按各方规模随机配对的期望值为{row['expected_ei']:.2f}）。",
                   f"Cooperation runs mostly between parties: {_pct(share)} of ties cross the lines between "
                   f"government, associations, enterprises, research and schools (E-I index {row['ei_index']:.2f}; "
                   f"{row['expected_ei']:.2f} expected from the parties' sizes).",
                   details={"external": int(row["external"]), "ties": int(row["ties"])})


def departure(consortium: Consortium, graph: nx.Graph) -> Finding:
    """The single departure that leaves the most pairs of the OTHER members unable to reach each other
    (:func:`~chanjiao_utils.measures.departure_effects`, ``pairs_disconnected``)."""
    from .measures import departure_effects

    effects = departure_effects(graph)
    most = int(effects["pairs_disconnected"].max()) if len(effects) else 0
    if most <= 0:
        return Finding("departure", 0, "没有任何一家单位的退出会使其余单位之间失去联系。",
                       "No single member's departure cuts any two other members off from each other.")
    top = sorted(effects.index[effects["pairs_disconnected"] == most])  # ties kept as ties, named in id order
    zh = "、".join(str(graph.nodes[n].get("name_zh", n)) for n in top)
    en = ", ".join(str(graph.nodes[n].get("name_en") or graph.nodes[n].get("name_zh", n)) for n in top)
    if len(top) == 1:
        return Finding("departure", top[0],
                       f"单家退出影响最大的是{zh}：它退出后，其余单位中有{most}对彼此失去联系。",
                       f"The departure that cuts most others apart is {en}'s: {most} pairs of the remaining "
                       "members could no longer reach each other.",
                       details={"pairs_lost": most, "tied": top, "sector": str(graph.nodes[top[0]].get("sector"))})
    return Finding("departure", top,
                   f"单家退出影响最大的有{len(top)}家（并列）：{zh}；其中任何一家退出，其余单位中都有{most}对彼此失去联系。",
                   f"{len(top)} departures tie as the ones that cut most others apart ({en}): after any one of them, "
                   f"{most} pairs of the remaining members could no longer reach each other.",
                   details={"pairs_lost": most, "tied": top})


def key_findings(consortium: Consortium, graph: nx.Graph | None = None) -> list[Finding]:
    """The five findings a brief leads with, each computed from ``consortium`` (see the module docstring)."""
    from dataclasses import replace

    from .graph import organisation_graph

    graph = graph if graph is not None else organisation_graph(consortium)
    attested, synthetic = consortium.provenance_of("organisations")
    share = synthetic / (attested + synthetic) if attested + synthetic else 0.0
    makers = (composition, bridges, thinnest_area, mixing, departure)
    found = [make(consortium, graph) if graph.number_of_edges() or make is composition else _needs_ties(make.__name__)
             for make in makers]
    return [replace(f, synthetic=share) for f in found]


def _needs_ties(finding_id: str) -> Finding:
    """What a finding that rests on ties says of a roster without any (a member list alone)."""
    return Finding(finding_id, None,
                   "名单中没有合作关系，这一点无法判断；用 data/templates/ties.xlsx 补充合作关系后再运行。",
                   "The roster has no ties, so this cannot be answered; add them with data/templates/ties.xlsx "
                   "and run again.")


# ----------------------------------------------------------------------------- how sure each finding is

#: Completions and permutations behind :func:`how_sure` (enough for a share to ±5 points, fast in a report).
COMPLETIONS, PERMUTATIONS = 100, 1000


def _party_p(graph: nx.Graph, party: str, draws: int, seed: int) -> float:
    """Label permutation (the parties' sizes kept): share of relabellings in which ``party``'s mean betweenness is
    at least what it is. Betweenness is computed once; only who belongs to which party moves."""
    import numpy as np

    from .measures import centrality

    table = centrality(graph)
    values = table["betweenness"].to_numpy(dtype=float)
    members = (table["sector"].to_numpy(dtype=object) == party)
    observed = values[members].mean()
    rng = np.random.default_rng(seed)
    order = np.argsort(rng.random((draws, len(values))), axis=1)  # one permutation per row
    means = values[order[:, :members.sum()]].mean(axis=1)
    return float((means >= observed - 1e-12).mean())


def _predicates(found: list[Finding]) -> list[Any]:
    """Each finding (but the make-up, which is a count) as a yes/no question for any completion."""
    from . import inference
    from .measures import centrality, departure_effects, ei_index, thin_areas

    by_id = {f.id: f for f in found}
    questions = []
    if by_id["bridges"].value is not None:
        top = by_id["bridges"].value
        questions.append(inference.Finding("bridges", lambda c, g: centrality(g).groupby("sector")["betweenness"]
                                           .mean().idxmax() == top))
    if by_id["thinnest_area"].value is not None:
        area = by_id["thinnest_area"].value
        questions.append(inference.Finding("thinnest_area", lambda c, g: int(
            thin_areas(c).sort_values(["organisations", "partnerships"], kind="stable").index[0]) == area))
    if by_id["mixing"].value is not None:
        questions.append(inference.Finding("mixing", lambda c, g: float(ei_index(g).iloc[0]["ei_index"]) > 0))
    departure = by_id["departure"]
    if departure.value not in (None, 0):
        sectors = {departure.details["sector"]} if "sector" in departure.details else set()

        def same_sector(c: Consortium, g: nx.Graph) -> bool:
            effects = departure_effects(g)
            return bool(len(effects)) and effects.iloc[0]["sector"] in sectors
        questions.append(inference.Finding("departure", same_sector))
    return questions


def how_sure(consortium: Consortium, found: list[Finding], *, runs: int = COMPLETIONS, draws: int = PERMUTATIONS,
             seed: int = 42) -> list[Finding]:
    """``found`` with how sure each finding is, in words: a baseline and p where a null model applies (the bridge
    party against label permutations; mixing against label permutations, UCINET's E-I test), and, on a package
    with synthetic rows, the share of ``runs`` completions (:func:`chanjiao_utils.inference.completions`) in
    which it still holds."""
    from dataclasses import replace

    from . import inference
    from .graph import organisation_graph

    graph = organisation_graph(consortium)
    words: dict[str, tuple[list[str], list[str]]] = {f.id: ([], []) for f in found}
    by_id = {f.id: f for f in found}
    if by_id["bridges"].value is not None:
        p = _party_p(graph, by_id["bridges"].value, draws, seed)
        words["bridges"][0].append(f"随机打乱各单位所属方{draws}次，达到这一水平的比例p {p_value(p, draws)}")
        words["bridges"][1].append(f"against {draws} random relabellings of the parties (sizes kept), "
                                   f"p {p_value(p, draws)}")
    if by_id["mixing"].value is not None:
        row = inference.significance(graph, ["ei_index"], "labels", draws=draws, seed=seed).iloc[0]
        words["mixing"][0].append(f"随机打乱各单位所属方{draws}次，平均E-I为{row['null_mean']:.2f}，"
                                  f"达到观测值的比例p {p_value(row['p_upper'], draws)}")
        words["mixing"][1].append(f"{draws} random relabellings of the parties give E-I {row['null_mean']:.2f} on "
                                  f"average, p {p_value(row['p_upper'], draws)} of reaching the observed value")
    synthetic = consortium.provenance_of("organisations")[1] + consortium.provenance_of("partnerships")[1]
    questions = _predicates(found) if synthetic else []
    if questions:
        table = inference.completions(consortium, runs=runs, statistics=[], findings=questions)
        for _, row in table.iterrows():
            share = float(row["share_holds"])
            words[row["statistic"]][0].append(f"在{runs}种合成补全中有{100 * share:.0f}%成立")
            words[row["statistic"]][1].append(f"holds in {100 * share:.0f}% of {runs} synthetic completions")
    if synthetic:
        words["composition"][0].append("成员构成按生成器的假设设定，并非来源所述")
        words["composition"][1].append("the make-up is set by the generator's assumptions, not stated by the source")
    return [replace(f, how_sure_zh="；".join(words[f.id][0]) + ("。" if words[f.id][0] else ""),
                    how_sure_en="; ".join(words[f.id][1]) + ("." if words[f.id][1] else "")) for f in found]


# ---------------------------------------------------------------------------------------------------------------
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
ROLE_WORDS = {"coordinator": ("协调者", "Coordinator"), "itinerant": ("巡回者", "Itinerant"),
              "gatekeeper": ("守门人", "Gatekeeper"), "representative": ("代表者", "Representative"),
              "liaison": ("联络者", "Liaison")}
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
    from .figure_text import say

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

# ----------------------------------------------------------------------------- sentences for the notebooks
# The "what we found" of notebooks 01, 04, 06, 07 and 08 prints these (issue 15): each sentence is built from
# the table it describes, so no number is typed into a notebook. Each takes ``lang`` ("zh", "en" or "both":
# Chinese, then English on the next line).


def _say(zh: str, en: str, lang: Lang) -> str:
    from .figure_text import say

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
    from .measures import disconnecting_departures

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
    from .measures import disconnecting_departures

    table = disconnecting_departures(graph)
    return list(table.index[table["rank"] <= k])


def key_players_found(graph: nx.Graph, key: Any, singles: list[Any], lang: Lang = "both") -> str:
    """The key-player set (one row of :func:`~chanjiao_utils.measures.key_players`) beside the top single
    departures leaving together (``singles``, e.g. :func:`top_departures`), by Borgatti's F."""
    from .measures import fragmentation

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
    from .measures import thin_areas, thin_sensitivity

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
    from .measures import coverage_share

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
    from .measures import area_overlap_pairs

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
    from .measures import brokerage_pairs_by_group

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
