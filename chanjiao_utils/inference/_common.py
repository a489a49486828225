"""What every inference table shares: argument checks, the p-value row, and how many joblib workers to use."""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["COLUMNS", "PARALLEL_FROM_MS", "TIE_TOLERANCE", "check", "jobs", "summarise"]

COLUMNS = ["statistic", "null_model", "observed", "null_mean", "null_sd", "p_lower", "p_upper", "draws",
           "undefined", "seed"]
#: ``n_jobs="auto"`` uses every core from this many estimated milliseconds of work (starting joblib's
#: workers costs about a second on this machine).
PARALLEL_FROM_MS = 3000.0
#: Relative tolerance under which a draw's value counts as equal to the observed one.
TIE_TOLERANCE = 1e-9


def check(draws: int, seed: int, what: str = "draws") -> None:
    if isinstance(draws, bool) or not isinstance(draws, (int, np.integer)) or draws <= 0:
        raise ValueError(f"{what} must be a positive whole number, not {draws!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative whole number, not {seed!r}")


def jobs(n_jobs: int | str | None, estimated_ms: float) -> int | None:
    """The ``n_jobs`` for joblib: ``"auto"`` in-process for small work, every core for large, unless an
    enclosing ``joblib.parallel_config`` chose a backend or a number of workers (then joblib's default)."""
    if n_jobs != "auto":
        return n_jobs  # type: ignore[return-value]
    from joblib.parallel import BACKENDS, DEFAULT_BACKEND, get_active_backend

    backend, configured = get_active_backend()
    if configured is not None or not isinstance(backend, BACKENDS[DEFAULT_BACKEND]):
        return None
    return -1 if estimated_ms >= PARALLEL_FROM_MS else 1


def summarise(statistic: str, null_model: str, observed: float, values: np.ndarray, seed: int) -> dict[str, Any]:
    """One row of the :func:`~.significance.significance` table from the observed value and the draws' values
    (see that module for the definitions).

    >>> row = summarise("x", "edges", 2.0, np.array([1.0, 2.0, 3.0, np.nan]), 7)
    >>> row["p_lower"], row["p_upper"], row["undefined"]
    (0.6666666666666666, 0.6666666666666666, 1)
    """
    values = np.asarray(values, dtype=float)
    defined = values[~np.isnan(values)]
    row: dict[str, Any] = {"statistic": statistic, "null_model": null_model, "observed": float(observed),
                           "null_mean": np.nan, "null_sd": np.nan, "p_lower": np.nan, "p_upper": np.nan,
                           "draws": len(values), "undefined": int(len(values) - len(defined)), "seed": seed}
    if len(defined):
        row["null_mean"] = float(defined.mean())
        row["null_sd"] = float(defined.std(ddof=1)) if len(defined) > 1 else np.nan
        if not np.isnan(observed):
            tol = TIE_TOLERANCE * max(1.0, abs(observed))
            row["p_lower"] = float(np.mean(defined <= observed + tol))
            row["p_upper"] = float(np.mean(defined >= observed - tol))
    return row
