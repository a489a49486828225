"""The ``chanjiao significance`` and ``chanjiao robustness`` commands (argument parsing lives in :mod:`..cli`).

``significance`` writes one row per statistic × null model (the :func:`.significance` table);
``robustness`` one row per statistic or finding over the synthetic completions (``--completions N``) or,
for each share, with ties or organisations missing (``--missing 0.1,0.2``). Both write a CSV through
:mod:`chanjiao_utils.files` (an earlier table of the same command is replaced, nothing else) and show a
progress bar on a terminal. Tables are identical whatever ``--jobs``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from .. import files

T = TypeVar("T")

#: How a table written by each command starts (so a later run may replace it, and nothing else).
SIGNATURES = {"significance": "\ufeffstatistic,null_model,".encode(),
              "robustness": "\ufeffstatistic,kind,".encode()}


class UsageError(ValueError):
    """An argument a command cannot use: said in one line, exit 2."""


def _names(text: str | None) -> list[str] | None:
    return None if text is None else [part.strip() for part in text.split(",") if part.strip()]


def _shares(text: str) -> list[float]:
    try:
        shares = [float(part) for part in text.split(",") if part.strip()]
    except ValueError as exc:
        raise UsageError(f"--missing takes shares such as 0.1,0.2,0.3, not {text!r}") from exc
    if not shares or any(not 0 < s < 1 for s in shares):
        raise UsageError(f"--missing takes shares between 0 and 1 (exclusive), not {text!r}")
    return shares


def _positive(value: int | None, flag: str) -> None:
    if value is not None and value <= 0:
        raise UsageError(f"{flag} must be a positive whole number, not {value}")


def _progress(items: list[T], what: str) -> Iterable[T]:
    """``items`` with a progress bar on stderr when it is a terminal (tqdm), else as they are."""
    if not sys.stderr.isatty() or len(items) < 2:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=what, unit="test", file=sys.stderr, leave=False)


def _write(table: pd.DataFrame, out: str, command: str, inputs: list[Path]) -> Path:
    target = files.check_file_target(out, inputs, ours=files.starts_with(SIGNATURES[command]),
                                     what=f"{command} table")
    return files.atomic_write(target, files.csv_bytes(table, index=False))


def run_significance(args: argparse.Namespace, say: Callable[[str], None] = print) -> int:
    """``chanjiao significance``: see the module docstring."""
    from ..graph import organisation_graph
    from ..loading import load
    from . import NULL_MODELS
    from .qap import qap, tie_layer
    from .significance import default_tests, significance

    _positive(args.draws, "--draws")
    if args.seed is not None and args.seed < 0:
        raise UsageError(f"--seed must be 0 or more, not {args.seed}")
    consortium = load(args.data)
    graph = organisation_graph(consortium)
    statistics, models = _names(args.statistics), _names(args.null)
    unknown = [m for m in models or [] if m not in (*NULL_MODELS, "qap")]
    if unknown:
        raise UsageError(f"unknown null model {unknown[0]!r}; known: {', '.join((*NULL_MODELS, 'qap'))}")
    plan = default_tests(graph) if statistics is None else {}
    chosen = models or ([m for m in NULL_MODELS if m in plan] if statistics is None else ["edges", "degree"])
    seed = 42 if args.seed is None else args.seed
    parts = []
    for model in _progress([m for m in chosen if m != "qap"], "null models"):
        names = statistics if statistics is not None else plan.get(model, [])
        if names:
            try:
                parts.append(significance(graph, names, model, draws=args.draws, seed=seed, n_jobs=args.jobs))
            except ValueError as exc:
                raise UsageError(str(exc)) from exc
    if "qap" in chosen:
        layers = [int(a) for a in (_names(args.layers) or [])]
        if len(layers) != 2:
            raise UsageError("--null qap compares two tie layers: give two areas of cooperation, e.g. --layers 2,3")
        parts.append(qap(tie_layer(graph, layers[0]), tie_layer(graph, layers[1]), draws=args.draws, seed=seed))
    if not parts:
        raise UsageError("no statistic applies to these null models (labels takes group statistics such as ei_index)")
    table = pd.concat(parts, ignore_index=True)
    say(f"{_write(table, args.out, 'significance', [consortium.folder])}: {len(table)} tests, {args.draws} draws each")
    return 0


def run_robustness(args: argparse.Namespace, say: Callable[[str], None] = print) -> int:
    """``chanjiao robustness``: see the module docstring."""
    from ..graph import organisation_graph
    from ..loading import load
    from .completions import completions
    from .missing import missing_data

    if (args.completions is None) == (args.missing is None):
        raise UsageError("give either --completions N (over the synthetic completion) or --missing 0.1,0.2,… "
                         "(ties or organisations left out)")
    _positive(args.completions, "--completions")
    _positive(args.runs, "--runs")
    consortium = load(args.data)
    if args.completions is not None:
        if consortium.provenance_of("organisations")[1] + consortium.provenance_of("partnerships")[1] == 0:
            raise UsageError(f"{consortium.folder} has no synthetic rows, so it has no completions to vary: "
                             "use --missing 0.1,0.2 to see how its findings stand up to missing ties")
        table = completions(consortium, runs=args.completions, seed=args.seed, n_jobs=args.jobs)
        what = f"{args.completions} completions"
    else:
        shares = _shares(args.missing)
        graph = organisation_graph(consortium)
        seed = 42 if args.seed is None else args.seed
        table = pd.concat([missing_data(graph, [share], runs=args.runs, unit=args.unit, seed=seed, n_jobs=args.jobs)
                           for share in _progress(shares, "shares")], ignore_index=True)
        what = f"{args.runs} runs per share, {args.unit} missing"
    say(f"{_write(table, args.out, 'robustness', [consortium.folder])}: {len(table)} rows ({what})")
    return 0
