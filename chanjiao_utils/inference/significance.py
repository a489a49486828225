"""Is a statistic unusual for its null model? Draws, and the table R ``sna::cug.test`` users expect.

:func:`null_draws` gives the statistics of every draw (one row per draw); :func:`significance`
summarises them in one tidy table, one row per statistic and null model:

``statistic, null_model, observed, null_mean, null_sd, p_lower, p_upper, draws, undefined, seed``

``p_lower`` is the share of draws with a value ≤ the observed one and ``p_upper`` the share ≥ it, as
``cug.test`` reports ``plteobs`` and ``pgteobs``, with no continuity correction (so either can be 0):
a small ``p_upper`` says the observed value is higher than the null model makes likely, a small
``p_lower`` that it is lower. Draws where the statistic is undefined (NaN, e.g. assortativity when
every tie lies in one group) are counted in ``undefined`` and left out of the mean, sd and both shares,
whose denominator is ``draws − undefined``. Values within 1e-9 (relative) of the observed one count as
equal, so a draw equal to the observed graph counts on both sides whatever the rounding of the fast path.
``null_sd`` is the sample sd (n − 1).

Which null models apply (the default set, :func:`default_tests`): ``edges`` and ``degree`` to every
statistic except those they fix (degree centralization under ``degree``); ``labels`` to the statistics
that read the group attribute; ``qap`` to the graph correlation of two tie layers (:mod:`.qap`). See
:mod:`.nulls` for the models and :mod:`.statistics` for the names.

Work runs in blocks of :data:`.nulls.BLOCK` draws through ``joblib.Parallel`` as
:func:`chanjiao_utils.collection.profiles` does: ``n_jobs="auto"`` runs in this process when the work is
small (under :data:`._common.PARALLEL_FROM_MS` estimated milliseconds) and on every core otherwise, or
on what an enclosing ``joblib.parallel_config`` sets; the result never depends on ``n_jobs``.

>>> import networkx as nx
>>> g = nx.barbell_graph(4, 0)
>>> t = significance(g, ["transitivity"], "edges", draws=200, seed=1)
>>> t.loc[0, "statistic"], t.loc[0, "null_model"], int(t.loc[0, "draws"]), int(t.loc[0, "undefined"])
('transitivity', 'edges', 200, 0)
>>> float(t.loc[0, "p_upper"]) < 0.05  # two cliques are far more clustered than G(8, 13)
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from . import nulls
from ._common import COLUMNS, check, jobs, summarise
from .frames import Draw, Frame
from .qap import qap
from .statistics import Statistic, assortativity_batch, ei_batch, mixing_batch, observed, resolve

__all__ = ["COLUMNS", "applicable", "default_tests", "null_draws", "significance"]


def _model(null_model: str) -> str:
    if null_model not in nulls.NULL_MODELS:
        raise ValueError(f"unknown null model {null_model!r}; known: {', '.join(nulls.NULL_MODELS)}")
    return null_model


def _block(frame: Frame, stats: list[Statistic], null_model: str, seed: int, block: int,
           tries: int | None = None, count: int = nulls.BLOCK) -> np.ndarray:
    """Statistics of the first ``count`` draws of one block: ``(count, len(stats))``. The block's random
    numbers are drawn in full (rewirings one after the other), so a draw never depends on ``count``."""
    rng = nulls.block_rng(seed, block)
    out = np.full((count, len(stats)), np.nan)
    if null_model == "labels":  # E-I and assortativity for the whole block at once, the rest draw by draw
        codes = frame.labelled()[nulls.labels_block(frame.n, rng)][:count]
        slow = []
        for j, s in enumerate(stats):
            if s.name == "ei_index":
                out[:, j] = ei_batch(codes, frame.edges)
            elif s.name == "assortativity":
                out[:, j] = assortativity_batch(mixing_batch(codes, frame.edges, len(frame.groups)))
            else:
                slow.append(j)
        for i in range(count):
            d = Draw(frame, codes=codes[i])
            for j in slow:
                out[i, j] = stats[j].fast(d)
        return out
    if null_model == "edges":
        drawn = nulls.edges_block(frame.n, frame.m, rng)
    else:
        drawn = nulls.degree_block(frame.edges, frame.n, rng, count, tries=tries)
    for i in range(count):
        d = Draw(frame, edges=drawn[i])
        for j, s in enumerate(stats):
            out[i, j] = s.fast(d)
    return out


def null_draws(graph: nx.Graph, statistics: Any = None, null_model: str = "edges", draws: int = 1000,
               seed: int = 42, group: str = "sector", n_jobs: int | str | None = "auto") -> pd.DataFrame:
    """The statistics of each draw of one null model: index ``draw`` 0 … draws − 1, a column per statistic.

    ``statistics``: names (see :mod:`.statistics`), callables ``graph -> float``, or ``None`` for every
    name that applies to ``null_model``. Draw i is the same for the same seed, whatever ``draws`` and
    ``n_jobs``.

    A statistic a model cannot move may be asked for by name (a check: its draws are all equal); it is
    left out of the default set.

    >>> import networkx as nx
    >>> null_draws(nx.cycle_graph(6), ["degree_centralization"], "degree", draws=3)["degree_centralization"].tolist()
    [0.0, 0.0, 0.0]
    """
    check(draws, seed)
    _model(null_model)
    if null_model == "qap":
        raise ValueError("the qap null model compares two tie layers: use qap(graph1, graph2)")
    frame = Frame.of(graph, group)
    stats = applicable(frame, statistics, null_model, explicit=statistics is not None)
    values = _draws(frame, stats, null_model, draws, seed, n_jobs)
    return pd.DataFrame(values, columns=[s.name for s in stats], index=pd.RangeIndex(draws, name="draw"))


def applicable(frame: Frame, statistics: Any, null_model: str, explicit: bool = True) -> list[Statistic]:
    """The statistics to test under ``null_model``: by default those it can move; asking for a statistic that
    does not read the group under ``labels`` raises a ValueError (nothing to permute)."""
    stats = resolve(frame, statistics)
    if null_model == "labels":
        wrong = [s.name for s in stats if not s.labelled]
        if wrong and explicit:
            raise ValueError(f"the labels null model permutes {frame.group!r}, which {', '.join(wrong)} "
                             "does not read; test it under edges or degree")
    else:
        wrong = [s.name for s in stats if null_model in s.fixed_under and not explicit]
    return [s for s in stats if s.name not in wrong]


def default_tests(graph: nx.Graph, group: str = "sector") -> dict[str, list[str]]:
    """Null model → the statistic names tested under it by default (every one that applies).

    >>> import networkx as nx
    >>> default_tests(nx.path_graph(4))
    {'edges': ['transitivity', 'degree_centralization', 'betweenness_centralization', 'modularity', \
'core_periphery_fit'], 'degree': ['transitivity', 'betweenness_centralization', 'modularity', 'core_periphery_fit']}
    """
    frame = Frame.of(graph, group)
    models = ("edges", "degree", "labels") if frame.codes is not None else ("edges", "degree")
    return {m: [s.name for s in applicable(frame, None, m, explicit=False)] for m in models}


def significance(graph: nx.Graph, statistics: Any = None, null_models: str | Sequence[str] | None = None,
                 draws: int = 1000, seed: int = 42, group: str = "sector", n_jobs: int | str | None = "auto",
                 layers: tuple[nx.Graph, nx.Graph] | None = None) -> pd.DataFrame:
    """The observed statistics against their null distributions, one row per statistic and null model.

    ``statistics`` and ``null_models`` default to every pair that applies (:func:`default_tests`); asking
    for a pair that does not apply (a structural statistic under ``labels``) raises a ValueError.
    ``layers=(g1, g2)`` adds the :func:`qap` row of their graph correlation. Observed values come from the
    project's measure functions (:mod:`.statistics`).
    """
    check(draws, seed)
    models = list(nulls.NULL_MODELS[:3] if null_models is None else
                  [null_models] if isinstance(null_models, str) else null_models)
    for m in models:
        _model(m)
    frame = Frame.of(graph, group)
    rows: list[dict[str, Any]] = []
    memo: dict[Any, Any] = {}  # each measure's table once, whatever the models
    for m in models:
        if m == "qap":
            continue
        if m == "labels" and frame.codes is None:
            if null_models is None:
                continue
            frame.labelled()  # asked for by name: a ValueError says the attribute is missing
        stats = applicable(frame, statistics, m, explicit=statistics is not None and null_models is not None)
        if not stats:
            continue
        table = _draws(frame, stats, m, draws, seed, n_jobs)
        values = observed(graph, stats, group, memo)
        for j, s in enumerate(stats):
            rows.append(summarise(s.name, m, values[j], table[:, j], seed))
    if layers is not None or "qap" in models:
        if layers is None:
            raise ValueError("the qap null model needs layers=(graph1, graph2)")
        rows.extend(qap(*layers, draws=draws, seed=seed).to_dict("records"))
    return pd.DataFrame(rows, columns=COLUMNS)


def _draws(frame: Frame, stats: list[Statistic], null_model: str, draws: int, seed: int,
           n_jobs: int | str | None) -> np.ndarray:
    from joblib import Parallel, delayed

    if null_model == "labels":
        frame.labelled()
    per_draw = sum(s.cost for s in stats) + (2.5 * frame.m / 180 if null_model == "degree" else 0.0)
    chosen = jobs(n_jobs, per_draw * draws * max(1.0, frame.n / 85) ** 2)
    tries = nulls.tries_for(frame.edges, frame.n) if null_model == "degree" else None
    run = Parallel(n_jobs=chosen, max_nbytes=None)(
        delayed(_block)(frame, stats, null_model, seed, b, tries, min(nulls.BLOCK, draws - b * nulls.BLOCK))
        for b in nulls.blocks(draws))
    return np.concatenate(run)


