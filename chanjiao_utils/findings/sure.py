"""How sure each key finding is: baselines from label permutations, the share of synthetic completions that agree.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..loading import Consortium
from .claims import p_value
from .key import Finding



#: Completions and permutations behind :func:`how_sure` (enough for a share to ±5 points, fast in a report).
COMPLETIONS, PERMUTATIONS = 100, 1000


def _party_p(graph: nx.Graph, party: str, draws: int, seed: int) -> float:
    """Label permutation (the parties' sizes kept): share of relabellings in which ``party``'s mean betweenness is
    at least what it is. Betweenness is computed once; only who belongs to which party moves."""
    import numpy as np

    from ..measures import centrality

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
    from .. import inference
    from ..measures import centrality, departure_effects, ei_index, thin_areas

    by_id = {f.id: f for f in found}
    questions = []
    if by_id["bridges"].value is not None:
        top = by_id["bridges"].value
        questions.append(inference.Finding(f"bridges: {top} has the highest mean betweenness", lambda c, g: centrality(g).groupby("sector")["betweenness"]
                                           .mean().idxmax() == top))
    if by_id["thinnest_area"].value is not None:
        area = by_id["thinnest_area"].value
        questions.append(inference.Finding(f"thinnest_area: the thinnest area is area {area}", lambda c, g: int(
            thin_areas(c).sort_values(["organisations", "partnerships"], kind="stable").index[0]) == area))
    if by_id["mixing"].value is not None:
        questions.append(inference.Finding("mixing: most ties cross the parties' lines", lambda c, g: float(ei_index(g).iloc[0]["ei_index"]) > 0))
    departure = by_id["departure"]
    if departure.value not in (None, 0):
        sectors = {departure.details["sector"]} if "sector" in departure.details else set()

        def same_sector(c: Consortium, g: nx.Graph) -> bool:
            effects = departure_effects(g)
            return bool(len(effects)) and effects.iloc[0]["sector"] in sectors
        name = "/".join(sorted(sectors))
        questions.append(inference.Finding(f"departure: the departure that cuts most others apart is in the {name} party", same_sector))
    return questions


def how_sure(consortium: Consortium, found: list[Finding], *, runs: int = COMPLETIONS, draws: int = PERMUTATIONS,
             seed: int = 42) -> list[Finding]:
    """``found`` with how sure each finding is, in words: a baseline and p where a null model applies (the bridge
    party against label permutations; mixing against label permutations, UCINET's E-I test), and, on a package
    with synthetic rows, the share of ``runs`` completions (:func:`chanjiao_utils.inference.completions`) in
    which it still holds."""
    from dataclasses import replace

    from .. import inference
    from ..graph import organisation_graph

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
            words[row["statistic"].split(":")[0]][0].append(f"在{runs}种合成补全中有{100 * share:.0f}%成立")
            words[row["statistic"].split(":")[0]][1].append(f"holds in {100 * share:.0f}% of {runs} synthetic completions")
    if synthetic:
        words["composition"][0].append("成员构成按生成器的假设设定，并非来源所述")
        words["composition"][1].append("the make-up is set by the generator's assumptions, not stated by the source")
    return [replace(f, how_sure_zh="；".join(words[f.id][0]) + ("。" if words[f.id][0] else ""),
                    how_sure_en="; ".join(words[f.id][1]) + ("." if words[f.id][1] else "")) for f in found]


def completion_check(consortium: Consortium, finding_id: str, runs: int = 50) -> Any:
    """How often one key finding (``"bridges"``, ``"thinnest_area"``, ``"mixing"``, ``"departure"``) holds over
    ``runs`` synthetic completions: the :func:`chanjiao_utils.inference.completions` table, one ``finding`` row
    (for :func:`~chanjiao_utils.findings.claims.completion_findings`); ``None`` for a package without synthetic
    rows, whose findings no generator made.
    """
    from .. import inference
    from .key import key_findings

    synthetic = consortium.provenance_of("organisations")[1] + consortium.provenance_of("partnerships")[1]
    if not synthetic:
        return None
    questions = [q for q in _predicates(key_findings(consortium)) if q.name.split(":")[0] == finding_id]
    if not questions:
        return None
    table = inference.completions(consortium, runs=runs, statistics=[], findings=questions)
    table["statistic"] = table["statistic"].str.split(": ", n=1).str[-1]  # the id is for how_sure, not readers
    return table
