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


def _p(p: float, draws: int) -> str:
    """A permutation p as a reader should read it: none of 1000 draws is p < 0.001, not 0.

    >>> _p(0.0, 1000), _p(0.0123, 1000)
    ('p < 0.001', 'p = 0.012')
    """
    return f"p < {1 / draws:.3g}" if p == 0 else f"p = {p:.3f}"


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
        words["bridges"][0].append(f"随机打乱各单位所属方{draws}次，达到这一水平的比例{_p(p, draws)}")
        words["bridges"][1].append(f"against {draws} random relabellings of the parties (sizes kept), {_p(p, draws)}")
    if by_id["mixing"].value is not None:
        row = inference.significance(graph, ["ei_index"], "labels", draws=draws, seed=seed).iloc[0]
        words["mixing"][0].append(f"随机打乱各单位所属方{draws}次，平均E-I为{row['null_mean']:.2f}，"
                                  f"达到观测值的比例{_p(row['p_upper'], draws)}")
        words["mixing"][1].append(f"{draws} random relabellings of the parties give E-I {row['null_mean']:.2f} on "
                                  f"average, {_p(row['p_upper'], draws)} of reaching the observed value")
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
