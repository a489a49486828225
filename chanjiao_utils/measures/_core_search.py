"""The discrete core/periphery search behind :func:`.core.core_periphery` (private helper of :mod:`.core`).

From each start (a split of an ordering of the organisations) Kernighan–Lin passes improve the partition:
move the unlocked organisation whose switch gives the highest fit (ties: smallest index), lock it, keep
the best point of the pass, repeat while a pass gains (see :func:`.core.core_periphery` for the rules).

Two implementations of the same search, giving the same partition and the same fit to the bit:

* :func:`_together`, when every tie value a_ij is a whole number (ties counted once, or numbers of
  partnership rows) and the graph is small enough for a dense n × n matrix. Every block sum the fit
  reads (Σ a_ij and Σ a_ij² over core–core and periphery–periphery pairs, per organisation to the core)
  is then a whole number below 2⁵³, so floating point adds it up exactly in any order: the starts run
  side by side as rows of one array (one vectorised candidate scan per move for all of them), and
  rolling a pass back to its best point is one update instead of one move at a time.
* :class:`_Partition`, one start at a time with the sums kept move by move, for any other tie values
  (fractions, huge values), repeated edges or very large graphs.

Either way the fit of a candidate is computed from the same whole-number sums by the same floating-point
operations as :func:`_block_fit`, so the choices (including ties between candidates) are the same.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

#: Largest graph searched with a dense n × n matrix (2 000 organisations: 32 MB a matrix).
DENSE_MAX = 2000
#: Block sums stay below this, so adding whole numbers in floating point is exact in any order.
_EXACT_BELOW = 2.0**50


def _csr(n: int, i: np.ndarray, j: np.ndarray, a: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Symmetric adjacency in compressed rows: (pointers, neighbour indices, values)."""
    src = np.concatenate([i, j])
    dst = np.concatenate([j, i])
    val = np.concatenate([a, a])
    order = np.lexsort((dst, src))
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.add.at(ptr, src + 1, 1)
    return np.cumsum(ptr), dst[order], val[order]


def _pairs(n: int, k: Any, between: str) -> tuple[np.ndarray, np.ndarray]:
    """Pairs compared and pairs whose ideal is 1, for core sizes ``k``."""
    k = np.asarray(k, dtype=float)
    p_cc, p_cp, p_pp = k * (k - 1) / 2, k * (n - k), (n - k) * (n - k - 1) / 2
    if between == "missing":
        return p_cc + p_pp, p_cc
    if between == "one":
        return p_cc + p_cp + p_pp, p_cc + p_cp
    return p_cc + p_cp + p_pp, p_cc  # zero


def _block_fit(n: int, k: Any, e_cc, q_cc, e_cp, q_cp, e_pp, q_pp, between: str) -> np.ndarray:
    """Correlation of a_ij with the ideal pattern for core sizes ``k`` and block sums (vectorised)."""
    pairs, ones = _pairs(n, k, between)
    if between == "missing":
        s, q, s1 = e_cc + e_pp, q_cc + q_pp, e_cc
    elif between == "one":
        s, q, s1 = e_cc + e_cp + e_pp, q_cc + q_cp + q_pp, e_cc + e_cp
    else:  # zero
        s, q, s1 = e_cc + e_cp + e_pp, q_cc + q_cp + q_pp, e_cc
    with np.errstate(divide="ignore", invalid="ignore"):
        cov = pairs * s1 - ones * s
        var_d = ones * (pairs - ones)
        var_a = pairs * q - s * s
        ok = (var_d > 0) & (var_a > 1e-9 * np.maximum(pairs * q, 1.0))
        r = np.where(ok, cov / np.sqrt(np.where(ok, var_d * var_a, 1.0)), np.nan)
    return r


class _Partition:
    """A core/periphery split with the block sums needed to score every single-node move in O(n)
    (one start at a time, sums kept move by move: for tie values that are not whole numbers)."""

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


def _exact(n: int, i: np.ndarray, j: np.ndarray, a: np.ndarray) -> bool:
    """Whether :func:`_together` applies: whole, finite tie values whose sums stay exact; no pair
    listed twice; a dense matrix small enough."""
    if n > DENSE_MAX or not np.all(np.isfinite(a)) or not np.array_equal(a, np.round(a)):
        return False
    if float(np.abs(a).sum()) >= _EXACT_BELOW or float((a * a).sum()) >= _EXACT_BELOW:
        return False
    return len(np.unique(i * n + j)) == len(i)


class _Starts:
    """Every start's partition as one row of arrays, searched side by side (whole-number ties only).

    Per row and organisation v: ``sign`` (+1 periphery, −1 core: the sign of v's move; ``isign`` the same
    as integers, to index tables by core size), ``tc`` and ``sq`` (Σ a_vj and Σ a_vj² over core members j),
    ``free`` (not moved in this pass). Per row: the block sums ``e_cc``, ``q_cc``, ``e_pp``, ``q_pp``, the
    core ``size``; the pass's moves ``hist`` (``hl`` of them), its best prefix ``keep`` and that prefix's
    fit ``best``; ``passes`` done; the ``start`` (row of the deduplicated starts) it searches for.
    With tie values 0 or 1 the squared sums are the plain ones (same arrays).
    """

    def __init__(self, n, i, j, a, strength, square, e_tot, q_tot, between, starts):
        self.n, self.strength, self.square, self.e_tot, self.q_tot, self.between = (
            n, strength, square, e_tot, q_tot, between)
        self.unit = bool(np.all((a == 0) | (a == 1)))
        self.adj = np.zeros((n, n))
        self.adj[i, j] = a
        self.adj[j, i] = a
        self.adj2 = self.adj if self.unit else self.adj * self.adj
        rows = len(starts)
        core = starts.astype(float)
        self.isign = np.where(starts, -1, 1).astype(np.int64)
        self.sign = self.isign.astype(float)
        self.tc = core @ self.adj
        self.e_cc, self.e_pp = np.zeros(rows), np.zeros(rows)
        self.size = np.zeros(rows, dtype=np.int64)
        self.rows = ["isign", "sign", "tc", "e_cc", "e_pp", "size", "free", "hist", "hl", "keep", "best", "passes",
                     "start"]
        if self.unit:
            self._alias()
        else:
            self.sq = core @ self.adj2
            self.q_cc, self.q_pp = np.zeros(rows), np.zeros(rows)
            self.rows += ["sq", "q_cc", "q_pp"]
        for r in range(rows):
            self._sums(r)
        self.free = np.ones((rows, n), dtype=bool)
        self.hist = np.zeros((rows, n), dtype=np.int64)
        self.hl, self.keep, self.passes = (np.zeros(rows, dtype=np.int64) for _ in range(3))
        self.best = self.fit()
        self.start = np.arange(rows)
        # per core size k = 0 … n: what _block_fit computes from k alone (and from e_tot, q_tot when the
        # core–periphery pairs are compared, as every partition then compares every pair)
        pairs, ones = _pairs(n, np.arange(n + 1), between)
        var_d = ones * (pairs - ones)
        if between == "missing":
            self.tables = (pairs, ones, var_d)
        else:
            var_a = pairs * q_tot - e_tot * e_tot
            defined = (var_d > 0) & (var_a > 1e-9 * np.maximum(pairs * q_tot, 1.0))
            self.tables = (pairs, ones * e_tot, np.sqrt(np.where(defined, var_d * var_a, 1.0)), defined)

    def _alias(self) -> None:
        self.sq, self.q_cc, self.q_pp = self.tc, self.e_cc, self.e_pp

    def _sums(self, r: int) -> None:
        """Block sums and core size of row r from its ``tc`` / ``sq``."""
        core = (self.sign[r] < 0).astype(float)
        self.size[r] = int(core.sum())
        self.e_cc[r] = (self.tc[r] @ core) / 2
        self.e_pp[r] = ((self.strength - self.tc[r]) @ (1 - core)) / 2
        if not self.unit:
            self.q_cc[r] = (self.sq[r] @ core) / 2
            self.q_pp[r] = ((self.square - self.sq[r]) @ (1 - core)) / 2

    def fit(self) -> np.ndarray:
        return _block_fit(self.n, self.size, self.e_cc, self.q_cc, self.e_tot - self.e_cc - self.e_pp,
                          self.q_tot - self.q_cc - self.q_pp, self.e_pp, self.q_pp, self.between)

    def scan(self) -> np.ndarray:
        """The fit after each move (−inf where undefined or moved already).

        The block sums after a move are found with fewer, reordered operations than
        :meth:`_Partition.candidates` (exact: whole numbers); from them on, every operation that may
        round is :func:`_block_fit`'s, on the same values.
        """
        after = self.size[:, None] + self.isign  # core size after the move
        d = self.sign * self.tc
        if self.between == "missing":
            pairs, ones, var_d = (t.take(after) for t in self.tables)
            e_cc = self.e_cc[:, None] + d
            s = (self.e_cc + self.e_pp)[:, None] + (d + d - self.sign * self.strength)
            if self.unit:
                q = s
            else:
                d2 = self.sign * self.sq
                q = (self.q_cc + self.q_pp)[:, None] + (d2 + d2 - self.sign * self.square)
            pq = pairs * q
            var_a = pq - s * s
            ok = (var_d > 0) & (var_a > 1e-9 * np.maximum(pq, 1.0)) & self.free
            cov = pairs * e_cc - ones * s
            root = np.sqrt(np.maximum(var_d * var_a, 1e-300))  # where ok, var_d ≥ 1 and var_a > 1e-9
        else:
            pairs, ones_s, root, defined = (t.take(after) for t in self.tables)
            if self.between == "one":  # s1 = e_cc + e_cp = e_tot − e_pp
                s1 = (self.e_tot - self.e_pp)[:, None] + (self.sign * self.strength - d)
            else:
                s1 = self.e_cc[:, None] + d
            ok = defined & self.free
            cov = pairs * s1 - ones_s
        return np.where(ok, cov, -np.inf) / root

    def step(self, rows: np.ndarray | slice, at: np.ndarray, v: np.ndarray, fit_v: np.ndarray) -> None:
        """Move organisation v[x] of row at[x] to the other side, for every x (``rows`` selects the
        same rows: a slice when it is all of them); record the move and whether it is the pass's best."""
        cell = at * self.n + v  # flat indices: much faster than pairs of indices on arrays this small
        sg, t = self.sign.ravel()[cell], self.tc.ravel()[cell]
        self.e_cc[rows] += sg * t
        self.e_pp[rows] -= sg * (self.strength[v] - t)
        self.tc[rows] += sg[:, None] * self.adj.take(v, axis=0)
        if not self.unit:
            u = self.sq.ravel()[cell]
            self.q_cc[rows] += sg * u
            self.q_pp[rows] -= sg * (self.square[v] - u)
            self.sq[rows] += sg[:, None] * self.adj2.take(v, axis=0)
        self.size[rows] += self.isign.ravel()[cell]
        self.sign.ravel()[cell] = -sg
        self.isign.ravel()[cell] *= -1
        self.free.ravel()[cell] = False
        hl = self.hl[rows] + 1
        self.hist.ravel()[cell - v + hl - 1] = v
        self.hl[rows] = hl
        best = self.best[rows]
        better = (fit_v > best + 1e-12) | np.isnan(best)
        self.best[rows] = np.where(better, fit_v, best)
        self.keep[rows] = np.where(better, hl, self.keep[rows])

    def twin(self, r: int, gone: np.ndarray) -> int | None:
        """Another row at the start of a pass in row r's state (its search goes on as r's would), if any."""
        for q in np.flatnonzero((self.hl == 0) & (self.passes == self.passes[r]) & ~gone):
            same_fit = self.best[q].tobytes() == self.best[r].tobytes()
            if q != r and same_fit and np.array_equal(self.sign[q], self.sign[r]):
                return int(q)
        return None

    def end_pass(self, r: int, max_passes: int) -> bool:
        """Roll row r back to its best prefix; start its next pass, or say it is finished (True)."""
        undo = self.hist[r, self.keep[r]:self.hl[r]]
        if len(undo):
            sg = self.sign[r, undo]
            self.tc[r] += sg @ self.adj[undo]
            if not self.unit:
                self.sq[r] += sg @ self.adj2[undo]
            self.sign[r, undo] = -sg
            self.isign[r, undo] *= -1
            self._sums(r)
        if self.keep[r] == 0:
            return True
        self.passes[r] += 1
        self.free[r] = True
        self.hl[r] = self.keep[r] = 0  # ``best`` carries over: the fit the pass ended with
        return bool(self.passes[r] == max_passes)

    def drop(self, keep: np.ndarray) -> None:
        """Keep only the rows ``keep``."""
        for name in self.rows:
            setattr(self, name, getattr(self, name)[keep])
        if self.unit:
            self._alias()


def _together(n, i, j, a, strength, square, e_tot, q_tot, between, starts: np.ndarray,
              max_passes: int = 100, patience: int = 100) -> tuple[np.ndarray, np.ndarray]:
    """:meth:`_Partition.kernighan_lin` from every start (rows of ``starts``) at once: (cores, fits).

    Rows in the same state at the start of a pass (partition, fit to beat, passes done) go on the same
    way: one of them is searched, the others take its result (after a first pass, most starts often
    stand at the same partition)."""
    unique, back = np.unique(starts, axis=0, return_inverse=True)
    st = _Starts(n, i, j, a, strength, square, e_tot, q_tot, between, unique)
    cores, fits = np.zeros(unique.shape, dtype=bool), np.full(len(unique), np.nan)
    same_as: list[tuple[int, int]] = []
    while len(st.start):
        fit = st.scan()
        v = fit.argmax(axis=1)  # the first of equal fits, as np.nanargmax
        fit_v = fit.ravel()[np.arange(0, fit.size, n) + v]
        ending = (fit_v == -np.inf) | (st.hl - st.keep > patience)  # -inf: no move has a defined fit
        if not ending.any():  # the usual step: every row moves
            st.step(slice(None), np.arange(len(v)), v, fit_v)
            continue
        ended = np.flatnonzero(ending)
        gone = np.zeros(len(v), dtype=bool)  # finished, or the same as another row from now on
        for r in ended:
            gone[r] = st.end_pass(r, max_passes)
        cores[st.start[gone]] = st.sign[gone] < 0
        fits[st.start[gone]] = st.fit()[gone]
        for r in ended[~gone[ended]]:
            twin = st.twin(r, gone)
            if twin is not None:
                same_as.append((st.start[r], st.start[twin]))
                gone[r] = True
        rows = np.flatnonzero(~ending)  # a row that begins a new pass scans again first
        st.step(rows, rows, v[rows], fit_v[rows])
        if gone.any():
            st.drop(np.flatnonzero(~gone))
    for r, twin in reversed(same_as):
        cores[r], fits[r] = cores[twin], fits[twin]
    back = back.reshape(-1)
    return cores[back], fits[back]


def search(cont: dict[str, Any], between: str, restarts: int, seed: int) -> dict[str, Any]:
    """The best partition found from 2 + ``restarts`` starts, and its fit (see :func:`.core.core_periphery`)."""
    nodes, i, j, a, c = cont["nodes"], cont["i"], cont["j"], cont["a"], cont["c"]
    n = len(nodes)
    if n < 2:
        return {"core": np.zeros(n, dtype=bool), "fit": math.nan}
    strength = np.bincount(np.concatenate([i, j]), weights=np.concatenate([a, a]), minlength=n)
    square = np.bincount(np.concatenate([i, j]), weights=np.concatenate([a, a]) ** 2, minlength=n)
    e_tot, q_tot = float(a.sum()), float((a * a).sum())
    best_core, best_fit = np.zeros(n, dtype=bool), math.nan
    ids = np.arange(n)
    # starts: nodes by continuous coreness, then by weighted degree (descending, ties by id)
    rng = np.random.default_rng(seed)
    keys = [np.round(np.nan_to_num(c, nan=0.0), 12), strength] + [rng.random(n) for _ in range(restarts)]
    starts = [core for core, fit in (_best_split(n, i, j, a, np.lexsort((ids, -key)), e_tot, q_tot, between)
                                     for key in keys) if not math.isnan(fit)]
    if starts and _exact(n, i, j, a):
        found = zip(*_together(n, i, j, a, strength, square, e_tot, q_tot, between, np.array(starts)))
    else:
        ptr, nbr, val = _csr(n, i, j, a)
        found = []
        for core in starts:
            part = _Partition(n, ptr, nbr, val, strength, square, e_tot, q_tot, between, core)
            part.kernighan_lin()
            found.append((part.core, part.fit()))
    for core, fit in found:
        fit = float(fit)
        if math.isnan(best_fit) or fit > best_fit + 1e-12:
            best_core, best_fit = core, fit
    if math.isnan(best_fit):
        # no split has a defined fit (e.g. no ties, or every pair tied): all core iff every pair is tied.
        best_core[:] = e_tot > 0 and len(a) == n * (n - 1) // 2
    return {"core": best_core, "fit": best_fit}
