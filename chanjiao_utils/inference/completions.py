"""How much a result owes to the synthetic rows: statistics and findings over many seeded completions.

The bundled package completes five attested organisations with 80 synthetic ones (see
:mod:`chanjiao_utils.synthetic`). Completion k is exactly the package ``chanjiao generate --seed k``
writes (attested rows kept, synthetic rows drawn with seed k): :func:`completion` builds it in memory
from :func:`chanjiao_utils.synthetic.completion_files` (the texts ``regenerate`` writes, tested byte for
byte) and types it as :func:`~chanjiao_utils.loading.load` does. :func:`completions` recomputes every
statistic (:mod:`.statistics`) and every :class:`Finding` for k = seed … seed + runs − 1 and reports

``statistic, kind, observed, min, q1, median, q3, max, share_holds, runs, undefined, seed``

one row per statistic (``kind="statistic"``; ``share_holds`` empty) and per finding (``kind="finding"``;
values 1 when it holds, 0 when not; ``share_holds`` the share of completions where it holds). ``observed``
is the value on the package as loaded; quartiles are numpy's linear ones over the defined values;
``undefined`` counts completions where a statistic is NaN; ``seed`` is the first seed. A finding that
holds in 60% of completions is a statement about the generator's assumptions, not about the consortium.

>>> c = completion(seed=20231031)  # the recorded seed: the bundled package itself
>>> c.provenance_of("organisations"), len(c.partnerships)
((5, 80), 200)
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .. import measures
from ..graph import organisation_graph
from ..loading import Consortium, load
from ..synthetic import completion_files
from .frames import Draw, Frame
from ._common import check, jobs
from .statistics import EXPENSIVE, observed, resolve

__all__ = ["COLUMNS", "Finding", "completion", "completions", "default_findings", "quartile_row"]

COLUMNS = ["statistic", "kind", "observed", "min", "q1", "median", "q3", "max", "share_holds", "runs", "undefined",
           "seed"]
#: Completions per joblib task.
CHUNK = 10


@dataclass(frozen=True)
class Finding:
    """A yes/no finding: ``holds(consortium, graph)`` on a completion and its organisation graph."""

    name: str
    holds: Callable[[Consortium, nx.Graph], bool]


def _package(data: Consortium | str | os.PathLike[str] | None) -> Consortium:
    consortium = data if isinstance(data, Consortium) else load(data)
    if sum(consortium.provenance_of(t)[1] for t in ("organisations", "partnerships")) == 0:
        raise ValueError(f"{consortium.name} has no synthetic organisations or partnerships, so it has no "
                         "completions to compare; for an all-attested roster use inference.missing_data")
    return consortium


def _typed_like(text: str, like: pd.DataFrame) -> pd.DataFrame:
    """A CSV text typed as ``like`` (a table :func:`load` made): empty cells missing, index ``like``'s."""
    raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    columns: dict[str, Any] = {}
    for name, dtype in like.dtypes.items():
        text_cells = raw[name].to_numpy(dtype=object)
        cells = np.where(text_cells == "", None, text_cells).tolist()
        if pd.api.types.is_integer_dtype(dtype):
            columns[name] = pd.array([None if c is None else int(c) for c in cells], dtype=dtype)
        elif pd.api.types.is_datetime64_any_dtype(dtype):
            columns[name] = pd.to_datetime(pd.Series(cells, dtype=object), format="%Y-%m-%d").astype(dtype).array
        else:
            columns[name] = pd.array(cells, dtype=dtype)
    index = pd.Index(raw[like.index.name], dtype=like.index.dtype, name=like.index.name)
    return pd.DataFrame(columns, index=index)


def completion(data: Consortium | str | os.PathLike[str] | None = None, seed: int | None = None) -> Consortium:
    """Completion ``seed`` of a package (what ``chanjiao generate --seed <seed>`` would write), in memory.

    ``data`` is a loaded :class:`~chanjiao_utils.loading.Consortium` (its folder is read) or a package
    folder (default: the bundled one). ``seed=None`` uses the package's recorded seed.
    """
    base = _package(data)
    files = completion_files(base.folder, seed)
    return dataclasses.replace(
        base, descriptor=json.loads(files["datapackage.json"]),
        organisations=_typed_like(files["organisations.csv"], base.organisations),
        partnerships=_typed_like(files["partnerships.csv"], base.partnerships))


def _mean_betweenness(graph: nx.Graph, group: str) -> pd.Series:
    frame = Frame.of(graph, group)
    b = np.asarray(Draw(frame).igraph.betweenness(directed=False), dtype=float)
    return pd.Series(b).groupby(np.asarray(frame.groups, dtype=object)[frame.codes]).mean()


def default_findings(data: Consortium | str | os.PathLike[str] | None = None, group: str = "sector") -> list[Finding]:
    """Findings the notebooks state, read off the package as loaded, as predicates for any completion:

    - "<group> has the highest mean betweenness" (betweenness as ``measures.centrality``, unnormalised);
    - "the thinnest area is <code> <name>" (first row of ``measures.thin_areas``);
    - "the most damaging departure is a <sector>" (first row of ``measures.departure_ranking``).

    >>> [f.name for f in default_findings()]  # doctest: +NORMALIZE_WHITESPACE
    ['school has the highest mean betweenness', 'the thinnest area is 1 共建产业学院',
     'the most damaging departure is a research']
    """
    consortium = data if isinstance(data, Consortium) else load(data)
    graph = organisation_graph(consortium)
    top = _mean_betweenness(graph, group).idxmax()
    thin = measures.thin_areas(consortium)
    area, area_name = int(thin.index[0]), thin.iloc[0]["name_zh"]
    worst = measures.departure_ranking(graph).iloc[0]["sector"]
    return [
        Finding(f"{top} has the highest mean betweenness",
                lambda c, g: _mean_betweenness(g, group).idxmax() == top),
        Finding(f"the thinnest area is {area} {area_name}", lambda c, g: int(measures.thin_areas(c).index[0]) == area),
        Finding(f"the most damaging departure is a {worst}",
                lambda c, g: measures.departure_ranking(g).iloc[0]["sector"] == worst),
    ]


def _values(consortium: Consortium, names: list[str], findings: Sequence[Finding], group: str) -> list[float]:
    graph = organisation_graph(consortium)
    frame = Frame.of(graph, group)
    draw = Draw(frame)
    stats = {s.name: s for s in resolve(frame, None)}
    return ([stats[n].fast(draw) if n in stats else np.nan for n in names]  # a group absent from a completion: NaN
            + [float(bool(f.holds(consortium, graph))) for f in findings])


def _chunk(base: Consortium, seeds: list[int], names: list[str], findings: Sequence[Finding], group: str) -> np.ndarray:
    return np.array([_values(completion(base, k), names, findings, group) for k in seeds], dtype=float)


def quartile_row(name: str, kind: str, full: float, values: np.ndarray, seed: int) -> dict[str, Any]:
    """One row of the robustness tables: quartiles of the defined values, share holding for findings."""
    defined = values[~np.isnan(values)]
    q = np.quantile(defined, [0, 0.25, 0.5, 0.75, 1]) if len(defined) else np.full(5, np.nan)
    return {"statistic": name, "kind": kind, "observed": float(full), **dict(zip(COLUMNS[3:8], q.tolist())),
            "share_holds": float(defined.mean()) if kind == "finding" and len(defined) else np.nan,
            "runs": len(values), "undefined": int(len(values) - len(defined)), "seed": seed}


def completions(data: Consortium | str | os.PathLike[str] | None = None, runs: int = 200, seed: int | None = None,
                statistics: Any = None, findings: Sequence[Finding] | None = None, group: str = "sector",
                n_jobs: int | str | None = "auto") -> pd.DataFrame:
    """Statistics and findings over completions k = seed … seed + runs − 1 (see the module docstring).

    ``statistics``: names of :mod:`.statistics` (default: all but :data:`.statistics.EXPENSIVE`, i.e.
    ``core_periphery_fit``, the costliest; callables are not taken here, write a
    :class:`Finding` or use a name); ``findings``: default :func:`default_findings`.
    ``seed`` defaults to the package's recorded seed. Same table whatever ``n_jobs``.
    """
    base = _package(data)
    if seed is None:
        seed = int((base.synthetic_assumptions() or {}).get("assumptions", {}).get("seed", 0))
    check(runs, seed, "runs")
    if callable(statistics) or any(callable(s) for s in ([] if statistics is None or isinstance(statistics, str)
                                                         else statistics)):
        raise ValueError("completions takes statistic names; wrap a callable in a Finding or use a name")
    graph = organisation_graph(base)
    frame = Frame.of(graph, group)
    stats = [s for s in resolve(frame, statistics) if statistics is not None or s.name not in EXPENSIVE]
    names = [s.name for s in stats]
    findings = default_findings(base, group) if findings is None else list(findings)
    from joblib import Parallel, delayed

    seeds = list(range(seed, seed + runs))
    chosen = jobs(n_jobs, (60.0 + sum(s.cost for s in stats)) * runs)  # building a completion + findings: ~60 ms
    parts = Parallel(n_jobs=chosen, max_nbytes=None)(
        delayed(_chunk)(base, seeds[i:i + CHUNK], names, findings, group) for i in range(0, runs, CHUNK))
    values = np.concatenate(parts)
    values_observed = observed(graph, stats, group) + [float(bool(f.holds(base, graph))) for f in findings]
    rows = [quartile_row(n, "statistic" if j < len(names) else "finding", values_observed[j], values[:, j], seed)
            for j, n in enumerate(names + [f.name for f in findings])]
    return pd.DataFrame(rows, columns=COLUMNS)
