"""Claims about structure as data: each statistic against its null model, and how often the reading holds.

A notebook's "what we found" says that a statistic is *higher* or *lower* than a null model gives, or
*what the null model gives*. :func:`claims` makes that reading from :func:`~.significance.significance`
(``p_upper`` ≤ ``alpha``: higher; ``p_lower`` ≤ ``alpha``: lower; else: as the null model gives) and, for a
package with synthetic rows, recomputes the same test on ``runs`` of its seeded completions
(:func:`~.completions.completions`, with ``inner_draws`` draws each) to report ``holds_share``, the share
of completions in which the reading is the same. A reading that holds in few completions describes the
generator's seed, not the consortium.

Columns: those of :func:`~.significance.significance`, then ``reading`` (``"higher"``, ``"lower"``,
``"as null"``), ``alpha``, ``holds_share`` and ``runs`` (NaN and 0 when no completion was run: a roster of
one's own, or ``runs=0``). A graph without ties gives an empty table with these columns.

>>> import chanjiao_utils as cj
>>> c = cj.load(); g = cj.organisation_graph(c)
>>> t = claims(c, g, {"edges": ["transitivity"]}, draws=100, runs=3, inner_draws=20)
>>> t.loc[0, ["statistic", "null_model", "reading"]].tolist(), int(t.loc[0, "runs"])
(['transitivity', 'edges', 'higher'], 3)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from ..loading import Consortium
from .completions import Finding, completions
from ._common import summarise
from .significance import COLUMNS, significance
from .statistics import observed, resolve
from .frames import Frame

__all__ = ["CLAIM_COLUMNS", "claims", "group_ei_significance", "reading", "table_of_draws"]

CLAIM_COLUMNS = [*COLUMNS, "reading", "alpha", "holds_share", "runs"]


def reading(p_lower: float, p_upper: float, alpha: float = 0.05) -> str:
    """``"higher"`` when ``p_upper`` ≤ alpha, ``"lower"`` when ``p_lower`` ≤ alpha, else ``"as null"``.

    >>> reading(0.99, 0.01), reading(0.0, 1.0), reading(0.2, 0.8)
    ('higher', 'lower', 'as null')
    """
    if p_upper <= alpha < p_lower:
        return "higher"
    if p_lower <= alpha < p_upper:
        return "lower"
    return "as null"


def _predicate(statistic: str, null_model: str, expected: str, draws: int, seed: int, alpha: float,
               group: str, stats: Mapping[str, list[str]], memo: dict[str, Any]) -> Finding:
    """A :class:`Finding` that holds when the completion reads as ``expected`` for this test.

    The tests of one null model run once per completion graph (``memo`` keeps the last table)."""

    def holds(consortium: Consortium, graph: nx.Graph, _stat=statistic, _model=null_model) -> bool:
        key = (id(graph), _model)
        if memo.get("key") != key:
            memo.clear()
            memo["key"] = key
            memo["table"] = significance(graph, stats[_model], _model, draws=draws, seed=seed, group=group,
                                         n_jobs=1).set_index("statistic")
        row = memo["table"].loc[_stat]
        return reading(float(row["p_lower"]), float(row["p_upper"]), alpha) == expected

    return Finding(f"{statistic} under {null_model} reads {expected}", holds)


def claims(consortium: Consortium, graph: nx.Graph, tests: Mapping[str, Sequence[str]], draws: int = 200,
           seed: int = 1, runs: int = 20, inner_draws: int = 20, alpha: float = 0.05,
           group: str = "sector") -> pd.DataFrame:
    """Each ``null model → statistics`` test of ``tests`` read as higher / lower / as the null gives, and the
    share of ``runs`` completions in which it reads the same (see the module docstring)."""
    if graph.number_of_edges() == 0:
        return pd.DataFrame(columns=CLAIM_COLUMNS)
    tables = [significance(graph, list(stats), model, draws=draws, seed=seed, group=group)
              for model, stats in tests.items() if stats]
    table = pd.concat(tables, ignore_index=True)
    table["reading"] = [reading(lo, up, alpha) for lo, up in zip(table["p_lower"], table["p_upper"])]
    table["alpha"] = alpha
    _, synthetic = consortium.provenance_of("organisations")
    if runs <= 0 or not synthetic:
        table["holds_share"], table["runs"] = np.nan, 0
        return table[CLAIM_COLUMNS]
    stats = {m: list(s) for m, s in tests.items()}
    memo: dict[str, Any] = {}
    findings = [_predicate(s, m, r, inner_draws, seed, alpha, group, stats, memo)
                for s, m, r in zip(table["statistic"], table["null_model"], table["reading"])]
    cheap = ["transitivity"]  # completions wants one statistic; the findings carry the work
    robust = completions(consortium, runs=runs, statistics=cheap, findings=findings, group=group, n_jobs=1)
    shares = robust.loc[robust["kind"] == "finding", "share_holds"].to_numpy()
    table["holds_share"], table["runs"] = shares, runs
    return table[CLAIM_COLUMNS]


def table_of_draws(graph: nx.Graph, draws: Mapping[str, pd.DataFrame], seed: int, group: str = "sector") -> pd.DataFrame:
    """The :func:`~.significance.significance` table of draws already made (``draws[model]`` as
    :func:`~.significance.null_draws` returns, with the same ``seed``), so a notebook that plots the
    distributions need not draw them twice: same rows, same numbers as ``significance`` with that seed.

    >>> import networkx as nx
    >>> from chanjiao_utils.inference import null_draws, significance
    >>> g = nx.karate_club_graph()
    >>> d = {"edges": null_draws(g, ["transitivity"], "edges", draws=50, seed=3)}
    >>> table_of_draws(g, d, 3).equals(significance(g, ["transitivity"], "edges", draws=50, seed=3))
    True
    """
    frame = Frame.of(graph, group)
    rows = []
    for model, table in draws.items():
        stats = resolve(frame, [c for c in table.columns])
        values = observed(graph, stats, group)
        rows += [summarise(s.name, model, v, table[s.name].to_numpy(), seed) for s, v in zip(stats, values)]
    return pd.DataFrame(rows, columns=COLUMNS)


class _GroupEI:
    """A party's E-I index as a named statistic ``graph -> float`` (for the label-permutation test)."""

    def __init__(self, member: Any, group: str) -> None:
        self.member, self.group = member, group
        self.__name__ = f"ei_{member}"

    def __call__(self, graph: nx.Graph) -> float:
        from ..measures import ei_by_group

        table = ei_by_group(graph, self.group)
        return float(table.loc[self.member, "ei_index"]) if self.member in table.index else float("nan")


def group_ei_significance(graph: nx.Graph, group: str = "sector", order: Sequence[Any] | None = None,
                          draws: int = 200, seed: int = 1) -> pd.DataFrame:
    """Each group's E-I (:func:`~chanjiao_utils.measures.ei_by_group_expected`: observed, expected from its
    size, excess) with its label-permutation test: the group attribute shuffled over the same ties
    (Krackhardt & Stern 1988; UCINET's E-I permutation test), ``draws`` times. Columns of
    ``ei_by_group_expected`` then ``null_mean``, ``p_lower``, ``p_upper``, ``draws``; empty without ties.

    >>> import chanjiao_utils as cj
    >>> t = group_ei_significance(cj.organisation_graph(cj.load()), draws=50)
    >>> list(t.columns[-4:])
    ['null_mean', 'p_lower', 'p_upper', 'draws']
    """
    from ..measures import ei_by_group_expected

    table = ei_by_group_expected(graph, group, order=order)
    if graph.number_of_edges() == 0:
        return table.iloc[0:0].assign(null_mean=[], p_lower=[], p_upper=[], draws=[])
    stats = [_GroupEI(member, group) for member in table.index]
    sig = significance(graph, stats, "labels", draws=draws, seed=seed, group=group, n_jobs=1)
    sig.index = table.index
    return table.assign(null_mean=sig["null_mean"], p_lower=sig["p_lower"], p_upper=sig["p_upper"],
                        draws=sig["draws"] - sig["undefined"])
