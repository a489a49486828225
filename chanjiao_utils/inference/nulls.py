"""Draws from the null models, as integer arrays: edge lists of random graphs, permutations of nodes.

Every draw comes from a numpy ``Generator`` seeded from ``(seed, block)``: draws are made in blocks of
:data:`BLOCK`, block ``b`` holding draws ``b·BLOCK … b·BLOCK + BLOCK − 1``, with its own generator
``default_rng(SeedSequence(seed, spawn_key=(b,)))``. Draw ``i`` is therefore the same whatever the
number of draws asked for and however the blocks are shared between workers (``n_jobs``).

The models (the names the tables use):

- ``edges``: uniform random graphs on the same n organisations with the same number m of ties, G(n, m)
  (R ``sna::cug.test(cmode="edges")``): m distinct pairs out of the n(n−1)/2, drawn at once for a
  whole block (the m smallest of n(n−1)/2 uniform keys per draw).
- ``degree``: graphs with the same degree sequence, by degree-preserving double-edge swaps from the
  observed graph (:func:`rewire`): ties a–b, c–d become a–d, c–b unless that makes a self-loop or a
  repeated tie (then the graph stays as it is for that step). Each draw makes about 10·m *successful*
  swaps: Milo et al. (2003, "On the uniform generation of random graphs with prescribed degree
  sequences", arXiv cond-mat/0312028) and Ray, Pinar & Seshadhri (2012, "Are we there yet? When to stop
  a Markov chain while generating random graphs", WAW 2012) find that the share of original ties left,
  and the statistics, stop moving after a few m swaps; 10·m is the usual margin (the tests check that the
  share kept has reached the level of a chain five times longer). The chain runs a *fixed number of
  tries*, :func:`tries_for` (10·m over the share of tries that succeed on a pilot chain from the observed
  graph): stopping at the k-th success instead would favour graphs that allow more swaps, while a fixed
  number of symmetric tries leaves every graph with the degree sequence equally likely (checked against
  full enumeration in the tests). Draws may be disconnected even when the observed graph is connected:
  the null is every simple graph with the degrees, not every connected one. Degree-1 chains and stars
  limit what can move; a graph where no swap is possible (a star, a complete graph) comes back as it is.
- ``labels``: the same ties with the node attribute permuted (UCINET's E-I permutation test,
  Krackhardt & Stern 1988): a block of permutations as one ``(block, n)`` integer matrix.
- ``qap``: the same permutations, applied to the rows and columns of one of two tie layers together
  (R ``sna::qaptest``; Krackhardt 1988).

>>> e = edges_block(5, 4, block_rng(1, 0), 3)
>>> e.shape, bool((e[:, :, 0] < e[:, :, 1]).all())
((3, 4, 2), True)
>>> bool((edges_block(5, 4, block_rng(1, 0), 3) == e).all())  # same seed and block, same draws
True
>>> labels_block(4, block_rng(1, 0), 2).shape
(2, 4)
"""

from __future__ import annotations

import numpy as np

__all__ = ["BLOCK", "SWAPS_PER_TIE", "MAX_TRIES_PER_SWAP", "NULL_MODELS", "block_rng", "blocks", "edges_block",
           "tries_for", "rewire", "degree_block", "labels_block"]

#: Draws per seeded block (the unit of work and of reproducibility).
BLOCK = 50
#: Successful double-edge swaps per tie in a ``degree`` draw (Milo et al. 2003; Ray, Pinar & Seshadhri 2012).
SWAPS_PER_TIE = 10
#: At most this many tries per wanted swap (graphs where few swaps are possible).
MAX_TRIES_PER_SWAP = 20
#: The null models, in table order.
NULL_MODELS = ("edges", "degree", "labels", "qap")


def block_rng(seed: int, block: int) -> np.random.Generator:
    """The generator of block ``block`` (draws ``block·BLOCK`` onwards) for ``seed``."""
    return np.random.default_rng(np.random.SeedSequence(int(seed), spawn_key=(int(block),)))


def blocks(draws: int) -> list[int]:
    """The block numbers that hold draws 0 … draws − 1.

    >>> blocks(120)
    [0, 1, 2]
    """
    return list(range(-(-int(draws) // BLOCK)))


def edges_block(n: int, m: int, rng: np.random.Generator, size: int = BLOCK) -> np.ndarray:
    """``size`` uniform graphs with m ties on n nodes: an int array ``(size, m, 2)`` of pairs i < j.

    Each draw takes the pairs with the m smallest of n(n−1)/2 independent uniform keys, which is a
    uniform m-subset of the pairs (G(n, m)); the pairs are listed in pair order.
    """
    pairs = n * (n - 1) // 2
    if not 0 <= m <= pairs:
        raise ValueError(f"{m} ties do not fit on {n} organisations ({pairs} pairs)")
    iu, ju = np.triu_indices(n, 1)
    if m == 0:
        return np.zeros((size, 0, 2), dtype=np.int64)
    keys = rng.random((size, pairs))
    chosen = np.sort(np.argpartition(keys, m - 1, axis=1)[:, :m], axis=1)
    return np.stack([iu[chosen], ju[chosen]], axis=2).astype(np.int64)


def _swap(us: list[int], vs: list[int], n: int, rng: np.random.Generator, tries: int) -> int:
    """``tries`` double-edge swap attempts on the tie lists ``us``/``vs`` in place; returns the successes."""
    m = len(us)
    present = {u * n + v for u, v in zip(us, vs)} | {v * n + u for u, v in zip(us, vs)}
    done = 0
    if m < 2:
        return 0
    picks = rng.integers(m, size=(tries, 2)).tolist()
    flips = (rng.random(tries) < 0.5).tolist()
    for (i, j), flip in zip(picks, flips):
        if i != j:
            a, b, c, d = us[i], vs[i], us[j], vs[j]
            if flip:
                c, d = d, c
            if a != d and c != b and a * n + d not in present and c * n + b not in present:
                present.difference_update((a * n + b, b * n + a, c * n + d, d * n + c))
                present.update((a * n + d, d * n + a, c * n + b, b * n + c))
                us[i], vs[i], us[j], vs[j] = a, d, c, b
                done += 1
    return done


def tries_for(edges: np.ndarray, n: int) -> int:
    """Swap tries per draw so that about :data:`SWAPS_PER_TIE` × m succeed: a pilot chain from ``edges``
    (seeded by the graph alone) runs 2 × 10·m tries and the share that succeed in its second half sets
    the number; 10·m when nothing can move.

    >>> tries_for(np.array([[0, 1], [2, 3]]), 4)  # two disjoint ties: half the tries pick one tie twice
    40
    """
    m = len(edges)
    wanted = SWAPS_PER_TIE * m
    if m < 2:
        return wanted
    us, vs = edges[:, 0].tolist(), edges[:, 1].tolist()
    rng = np.random.default_rng(np.random.SeedSequence(0, spawn_key=(n, m)))
    _swap(us, vs, n, rng, wanted)
    done = _swap(us, vs, n, rng, wanted)
    return wanted if done == 0 else min(MAX_TRIES_PER_SWAP * wanted, int(np.ceil(wanted * wanted / done)))


def rewire(edges: np.ndarray, n: int, rng: np.random.Generator, tries: int | None = None) -> np.ndarray:
    """A copy of ``edges`` (an ``(m, 2)`` array of node indices) after ``tries`` double-edge swap tries.

    ``tries`` defaults to :func:`tries_for` (about 10·m successful swaps). A try picks two ties a–b and
    c–d at random and an orientation, and makes them a–d and c–b unless either would be a self-loop or
    already present, so every node keeps its degree and the graph stays simple. Pairs come back as
    (smaller, larger), sorted.

    >>> g = np.array([[0, 1], [2, 3], [4, 5], [0, 2]])
    >>> r = rewire(g, 6, block_rng(0, 0))
    >>> np.bincount(r.ravel(), minlength=6).tolist() == np.bincount(g.ravel(), minlength=6).tolist()
    True
    """
    m = len(edges)
    us, vs = edges[:, 0].tolist(), edges[:, 1].tolist()
    _swap(us, vs, n, rng, tries_for(edges, n) if tries is None else int(tries))
    out = np.sort(np.column_stack([us, vs]).astype(np.int64).reshape(m, 2), axis=1)
    return out[np.lexsort((out[:, 1], out[:, 0]))]


def degree_block(edges: np.ndarray, n: int, rng: np.random.Generator, size: int = BLOCK,
                 tries: int | None = None) -> np.ndarray:
    """``size`` independent rewirings of ``edges`` (each from the observed graph): ``(size, m, 2)``."""
    tries = tries_for(edges, n) if tries is None else tries
    if not size:
        return np.zeros((0, len(edges), 2), dtype=np.int64)
    return np.stack([rewire(edges, n, rng, tries) for _ in range(size)])


def labels_block(n: int, rng: np.random.Generator, size: int = BLOCK) -> np.ndarray:
    """``size`` uniform permutations of 0 … n − 1, one per row: ``(size, n)``.

    Row p relabels the nodes: node i takes the attribute (or, for QAP, the row and column) of node p[i].
    """
    return rng.permuted(np.tile(np.arange(n, dtype=np.int64), (size, 1)), axis=1)
