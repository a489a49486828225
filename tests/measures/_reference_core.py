"""The discrete core/periphery search as it was before it was vectorised (test-only reference).

Copied verbatim from ``chanjiao_utils/measures/core.py`` at commit d5e1625 (``_csr``, ``_block_fit``,
``_Partition``, ``_best_split``, ``_search``): one start at a time, one candidate scan per move. The
tests in ``test_core_search.py`` require the package's search to give the same partition and the same
fit, to the bit, on many graphs.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np


def _csr(n: int, i: np.ndarray, j: np.ndarray, a: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Symmetric adjacency in compressed rows: (pointers, neighbour indices, values)."""
    src = np.concatenate([i, j])
    dst = np.concatenate([j, i])
    val = np.concatenate([a, a])
    order = np.lexsort((dst, src))
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.add.at(ptr, src + 1, 1)
    return np.cumsum(ptr), dst[order], val[order]


def _block_fit(n: int, k: np.ndarray, e_cc, q_cc, e_cp, q_cp, e_pp, q_pp, between: str) -> np.ndarray:
    """Correlation of a_ij with the ideal pattern for core sizes ``k`` and block sums (vectorised)."""
    k = np.asarray(k, dtype=float)
    p_cc, p_cp, p_pp = k * (k - 1) / 2, k * (n - k), (n - k) * (n - k - 1) / 2
    if between == "missing":
        pairs, ones, s, q, s1 = p_cc + p_pp, p_cc, e_cc + e_pp, q_cc + q_pp, e_cc
    elif between == "one":
        pairs, ones, s, q, s1 = p_cc + p_cp + p_pp, p_cc + p_cp, e_cc + e_cp + e_pp, q_cc + q_cp + q_pp, e_cc + e_cp
    else:  # zero
        pairs, ones, s, q, s1 = p_cc + p_cp + p_pp, p_cc, e_cc + e_cp + e_pp, q_cc + q_cp + q_pp, e_cc
    with np.errstate(divide="ignore", invalid="ignore"):
        cov = pairs * s1 - ones * s
        var_d = ones * (pairs - ones)
        var_a = pairs * q - s * s
        ok = (var_d > 0) & (var_a > 1e-9 * np.maximum(pairs * q, 1.0))
        r = np.where(ok, cov / np.sqrt(np.where(ok, var_d * var_a, 1.0)), np.nan)
    return r


class _Partition:
    """A core/periphery split with the block sums needed to score every single-node move in O(n)."""

    def __init__(self, n, ptr, nbr, val, strength, square, e_tot, q_tot, between, core):
        self.n, self.ptr, self.nbr, self.val = n, ptr, nbr, val
        self.strength, self.square, self.e_tot, self.q_tot, self.between = strength, square, e_tot, q_tot, between
        self.core = core.copy()
        self.size = int(core.sum())
        self.to_core = np.zeros(n)  # Σ a_vj over core members j, for every v
        self.sq_core = np.zeros(n)
        self.e_cc = self.q_cc = 0.0
        self.e_pp, self.q_pp = e_tot, q_tot
        members = np.flatnonzero(core)
        self.core[:] = False
        self.size = 0
        for v in members:
            self.move(int(v))

    def fit(self) -> float:
        return float(_block_fit(self.n, np.array([self.size]), self.e_cc, self.q_cc,
                                self.e_tot - self.e_cc - self.e_pp, self.q_tot - self.q_cc - self.q_pp,
                                self.e_pp, self.q_pp, self.between)[0])

    def candidates(self) -> np.ndarray:
        """The fit after moving each node to the other side (NaN where undefined)."""
        # entering the core, a node's ties to the core become core–core and its ties to the
        # periphery leave the periphery block; leaving, the reverse.
        sign = np.where(self.core, -1.0, 1.0)
        e_cc = self.e_cc + sign * self.to_core
        q_cc = self.q_cc + sign * self.sq_core
        e_pp = self.e_pp - sign * (self.strength - self.to_core)
        q_pp = self.q_pp - sign * (self.square - self.sq_core)
        return _block_fit(self.n, self.size + sign, e_cc, q_cc, self.e_tot - e_cc - e_pp,
                          self.q_tot - q_cc - q_pp, e_pp, q_pp, self.between)

    def move(self, v: int) -> None:
        sign = -1.0 if self.core[v] else 1.0
        self.e_cc += sign * self.to_core[v]
        self.q_cc += sign * self.sq_core[v]
        self.e_pp -= sign * (self.strength[v] - self.to_core[v])
        self.q_pp -= sign * (self.square[v] - self.sq_core[v])
        self.size += int(sign)
        lo, hi = self.ptr[v], self.ptr[v + 1]
        self.to_core[self.nbr[lo:hi]] += sign * self.val[lo:hi]
        self.sq_core[self.nbr[lo:hi]] += sign * self.val[lo:hi] ** 2
        self.core[v] = not self.core[v]

    def kernighan_lin(self, max_passes: int = 100, patience: int = 100) -> None:
        """Kernighan & Lin (1970) passes: make the best move of an unlocked node (ties: smallest
        index), even downhill, and lock it; keep the best prefix; stop when a pass gains nothing.
        A pass ends early after ``patience`` moves without a new best."""
        fit = self.fit()
        for _ in range(max_passes):
            locked = np.zeros(self.n, dtype=bool)
            history: list[int] = []
            best, keep = fit, 0
            for step in range(self.n):
                if step - keep > patience:
                    break
                cand = self.candidates()
                cand[locked] = np.nan
                if np.all(np.isnan(cand)):
                    break
                v = int(np.nanargmax(cand))
                self.move(v)
                locked[v] = True
                history.append(v)
                if cand[v] > best + 1e-12 or (math.isnan(best) and not math.isnan(cand[v])):
                    best, keep = float(cand[v]), len(history)
            for v in reversed(history[keep:]):
                self.move(v)
            if keep == 0:
                return
            fit = best


def _best_split(n, i, j, a, order, e_tot, q_tot, between) -> tuple[np.ndarray, float]:
    """The best core made of the first k nodes of ``order`` (k = 0 … n; smallest k on ties)."""
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    # a pair becomes core–core when its later end joins (step max rank + 1), and touches the
    # core from its earlier end's step on.
    hi_r, lo_r = np.maximum(rank[i], rank[j]), np.minimum(rank[i], rank[j])
    e_cc = np.cumsum(np.bincount(hi_r + 1, weights=a, minlength=n + 1))
    q_cc = np.cumsum(np.bincount(hi_r + 1, weights=a * a, minlength=n + 1))
    e_touch = np.cumsum(np.bincount(lo_r + 1, weights=a, minlength=n + 1))
    q_touch = np.cumsum(np.bincount(lo_r + 1, weights=a * a, minlength=n + 1))
    scan = _block_fit(n, np.arange(n + 1), e_cc, q_cc, e_touch - e_cc, q_touch - q_cc,
                      e_tot - e_touch, q_tot - q_touch, between)
    core = np.zeros(n, dtype=bool)
    if np.all(np.isnan(scan)):
        return core, math.nan
    k = int(np.nanargmax(scan))
    core[order[:k]] = True
    return core, float(scan[k])


def _search(cont: dict[str, Any], between: str, restarts: int, seed: int) -> dict[str, Any]:
    nodes, i, j, a, c = cont["nodes"], cont["i"], cont["j"], cont["a"], cont["c"]
    n = len(nodes)
    if n < 2:
        return {"core": np.zeros(n, dtype=bool), "fit": math.nan}
    ptr, nbr, val = _csr(n, i, j, a)
    strength = np.bincount(np.concatenate([i, j]), weights=np.concatenate([a, a]), minlength=n)
    square = np.bincount(np.concatenate([i, j]), weights=np.concatenate([a, a]) ** 2, minlength=n)
    e_tot, q_tot = float(a.sum()), float((a * a).sum())
    best_core, best_fit = np.zeros(n, dtype=bool), math.nan
    ids = np.arange(n)
    # starts: nodes by continuous coreness, then by weighted degree (descending, ties by id)
    rng = np.random.default_rng(seed)
    keys = [np.round(np.nan_to_num(c, nan=0.0), 12), strength] + [rng.random(n) for _ in range(restarts)]
    for key in keys:
        core, fit = _best_split(n, i, j, a, np.lexsort((ids, -key)), e_tot, q_tot, between)
        if math.isnan(fit):
            continue
        part = _Partition(n, ptr, nbr, val, strength, square, e_tot, q_tot, between, core)
        part.kernighan_lin()
        fit = part.fit()
        if math.isnan(best_fit) or fit > best_fit + 1e-12:
            best_core, best_fit = part.core, fit
    if math.isnan(best_fit):
        # no split has a defined fit (e.g. no ties, or every pair tied): all core iff every pair is tied.
        best_core[:] = e_tot > 0 and len(a) == n * (n - 1) // 2
    return {"core": best_core, "fit": best_fit}
