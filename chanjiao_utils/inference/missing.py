"""Sensitivity to missing data: drop a share of ties, or of organisations, at random and see what moves.

After Borgatti, Carley & Krackhardt (2006, "On the robustness of centrality measures under conditions of
imperfect data", *Social Networks* 28: 124–136) and Smith & Moody (2013, "Structural effects of network
sampling coverage I: nodes missing at random", *Social Networks* 35: 652–668). For each share in
``shares`` and each of ``runs`` runs, :func:`missing_data` removes round(share × m) ties chosen uniformly
(``unit="ties"``), or round(share × n) organisations with their ties (``unit="organisations"``), and
recomputes on what is left:

- every statistic (:mod:`.statistics`; by default all but :data:`.statistics.EXPENSIVE`,
  ``core_periphery_fit``, about 12 ms a run on 85 organisations: name it to include it);
- for each centrality in ``centralities`` (``degree``, ``betweenness``, as ``measures.centrality``):
  ``spearman_<c>``, Spearman's rank correlation (average ranks for ties) between the full network's
  scores and the damaged network's, over the organisations still present; and ``top<k>_<c>``, 1 when the
  k organisations ranked highest in the full network (among those still present; ties broken by id)
  are all still within the top k of the damaged network (competition ranking: a score tied at place k
  counts as in the top k), 0 otherwise.

One row per statistic and share, in the shape of :mod:`.completions` with ``unit`` and ``share``:

``statistic, kind, unit, share, observed, min, q1, median, q3, max, share_holds, runs, undefined, seed``

``observed`` is the full network's value (1 for the rankings); ``share_holds`` the share of runs in which
a ``top<k>`` finding holds. Run r of a share uses the generator seeded by (seed, share, r), so the table
is the same whatever ``n_jobs`` and whichever other shares are listed.

>>> import networkx as nx
>>> t = missing_data(nx.karate_club_graph(), shares=[0.1], runs=20, statistics=["transitivity"], top=3)
>>> t["statistic"].tolist()
['transitivity', 'spearman_degree', 'top3_degree', 'spearman_betweenness', 'top3_betweenness']
>>> float(t.loc[1, "median"]) > 0.8  # degree ranks survive losing a tenth of the ties
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .completions import quartile_row
from .frames import Draw, Frame
from ._common import check, jobs
from .statistics import EXPENSIVE, observed, resolve

__all__ = ["COLUMNS", "UNITS", "CENTRALITIES", "missing_data", "spearman", "top_kept"]

COLUMNS = ["statistic", "kind", "unit", "share", "observed", "min", "q1", "median", "q3", "max", "share_holds",
           "runs", "undefined", "seed"]
UNITS = ("ties", "organisations")
CENTRALITIES = ("degree", "betweenness")
#: Runs per joblib task.
CHUNK = 25


def _centrality(draw: Draw, name: str) -> np.ndarray:
    if name == "degree":
        return draw.degrees.astype(float)
    return np.asarray(draw.igraph.betweenness(directed=False), dtype=float)


def _ranks(x: np.ndarray) -> np.ndarray:
    return pd.Series(x).rank(method="average").to_numpy()


def spearman(x: np.ndarray, y: np.ndarray) -> float:
    """Spearman's rho (Pearson's r of average ranks); NaN when either is constant or fewer than 2 values.

    >>> spearman(np.array([1.0, 2, 3, 4]), np.array([10.0, 20, 20, 40]))
    0.9486832980505138
    """
    if len(x) < 2:
        return float("nan")
    rx, ry = _ranks(x) - (len(x) + 1) / 2, _ranks(y) - (len(y) + 1) / 2
    denominator = np.sqrt((rx @ rx) * (ry @ ry))
    return float(rx @ ry / denominator) if denominator > 0 else float("nan")


def top_kept(full: np.ndarray, damaged: np.ndarray, k: int) -> float:
    """1.0 when the k highest of ``full`` (ties by position) are all within the top k of ``damaged``.

    >>> top_kept(np.array([5.0, 4, 3, 1]), np.array([9.0, 1, 8, 0]), 2), top_kept(np.array([5.0, 4, 3]), np.array([3.0, 3, 1]), 2)
    (0.0, 1.0)
    """
    k = min(k, len(full))
    leaders = np.argsort(-full, kind="stable")[:k]
    standing = pd.Series(-damaged).rank(method="min").to_numpy()
    return float((standing[leaders] <= k).all())


def _damage(frame: Frame, unit: str, share: float, rng: np.random.Generator) -> Draw:
    if unit == "ties":
        kept = np.sort(rng.choice(frame.m, frame.m - int(round(share * frame.m)), replace=False))
        return Draw(frame, edges=frame.edges[kept])
    keep = np.sort(rng.choice(frame.n, frame.n - int(round(share * frame.n)), replace=False))
    index = np.full(frame.n, -1)
    index[keep] = np.arange(len(keep))
    both = (index[frame.edges[:, 0]] >= 0) & (index[frame.edges[:, 1]] >= 0)
    return Draw(frame, edges=index[frame.edges[both]], keep=keep)


def _rng(seed: int, share: float, run: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(int(round(share * 1_000_000)), run)))


def _chunk(frame: Frame, stats: list[Any], centralities: Sequence[str], top: int, unit: str, share: float,
           seed: int, runs: list[int]) -> np.ndarray:
    full = Draw(frame)
    scores = {c: _centrality(full, c) for c in centralities}
    out = []
    for r in runs:
        d = _damage(frame, unit, share, _rng(seed, share, r))
        present = np.arange(frame.n) if d.keep is None else d.keep
        row = [s.fast(d) for s in stats]
        for c in centralities:
            after = _centrality(d, c)
            row += [spearman(scores[c][present], after), top_kept(scores[c][present], after, top)]
        out.append(row)
    return np.array(out, dtype=float)


def missing_data(graph: nx.Graph, shares: Sequence[float] = (0.1, 0.2, 0.3), runs: int = 200, unit: str = "ties",
                 seed: int = 42, statistics: Any = None, centralities: Sequence[str] = CENTRALITIES, top: int = 5,
                 group: str = "sector", n_jobs: int | str | None = "auto") -> pd.DataFrame:
    """How statistics and centrality rankings move when a share of ``unit`` is missing (see the module docstring)."""
    check(runs, seed, "runs")
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}; known: {', '.join(UNITS)}")
    shares = [float(s) for s in ([shares] if np.isscalar(shares) else shares)]
    if not shares or any(not 0 <= s < 1 for s in shares):
        raise ValueError(f"shares must lie in [0, 1), not {shares}")
    unknown = [c for c in centralities if c not in CENTRALITIES]
    if unknown:
        raise ValueError(f"unknown centrality {unknown[0]!r}; known: {', '.join(CENTRALITIES)}")
    if isinstance(top, bool) or not isinstance(top, (int, np.integer)) or top <= 0:
        raise ValueError(f"top must be a positive whole number, not {top!r}")
    frame = Frame.of(graph, group)
    stats = [s for s in resolve(frame, statistics) if statistics is not None or s.name not in EXPENSIVE]
    names = [s.name for s in stats]
    for c in centralities:
        names += [f"spearman_{c}", f"top{top}_{c}"]
    from joblib import Parallel, delayed

    per_run = sum(s.cost for s in stats) + 0.5 * len(centralities)
    chosen = jobs(n_jobs, per_run * runs * len(shares) * max(1.0, frame.n / 85) ** 2)
    tasks = [(share, list(range(i, min(i + CHUNK, runs)))) for share in shares for i in range(0, runs, CHUNK)]
    parts = Parallel(n_jobs=chosen, max_nbytes=None)(
        delayed(_chunk)(frame, stats, centralities, top, unit, share, seed, chunk) for share, chunk in tasks)
    full = observed(graph, stats, group) + [1.0, 1.0] * len(centralities)
    rows = []
    for share in shares:
        values = np.concatenate([p for (s, _), p in zip(tasks, parts) if s == share])
        for j, name in enumerate(names):
            kind = "statistic" if j < len(stats) else "ranking" if name.startswith("spearman_") else "finding"
            row = quartile_row(name, kind, full[j], values[:, j], seed)
            rows.append({**row, "unit": unit, "share": share})
    return pd.DataFrame(rows, columns=COLUMNS)
