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
