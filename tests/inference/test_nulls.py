"""The null models' draws: right shapes, reproducible per draw, degrees kept by rewiring, and mixing."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao_utils.graph import organisation_graph
from chanjiao_utils.inference import nulls
from chanjiao_utils.inference.frames import Frame
from chanjiao_utils.loading import load


def test_edges_block_draws_m_distinct_pairs():
    drawn = nulls.edges_block(10, 12, nulls.block_rng(3, 0), 40)
    assert drawn.shape == (40, 12, 2)
    assert (drawn[:, :, 0] < drawn[:, :, 1]).all()
    for e in drawn:
        assert len({tuple(p) for p in e.tolist()}) == 12


def test_edges_block_is_uniform_over_the_graphs_of_m_ties():
    """n = 5, m = 2: 45 graphs, each drawn with probability 1/45 (chi-square, 20 000 draws)."""
    draws = np.concatenate([nulls.edges_block(5, 2, nulls.block_rng(11, b), 50) for b in range(400)])
    codes = [tuple(map(tuple, d.tolist())) for d in draws]
    counts = np.array(list({c: codes.count(c) for c in set(codes)}.values()))
    assert len(counts) == 45
    expected = len(codes) / 45
    chi2 = float(((counts - expected) ** 2 / expected).sum())
    assert chi2 < 80  # 44 degrees of freedom: P(chi2 > 80) < 0.001


def test_labels_block_rows_are_permutations():
    p = nulls.labels_block(7, nulls.block_rng(0, 2), 30)
    assert (np.sort(p, axis=1) == np.arange(7)).all()


def test_blocks_and_seeds_make_draw_i_independent_of_the_number_of_draws():
    assert nulls.blocks(1) == [0] and nulls.blocks(nulls.BLOCK) == [0] and nulls.blocks(nulls.BLOCK + 1) == [0, 1]
    a = nulls.edges_block(20, 30, nulls.block_rng(5, 1))
    b = nulls.edges_block(20, 30, nulls.block_rng(5, 1))
    c = nulls.edges_block(20, 30, nulls.block_rng(5, 2))
    assert (a == b).all() and not (a == c).all()


def test_edges_block_refuses_too_many_ties():
    with pytest.raises(ValueError, match="do not fit"):
        nulls.edges_block(3, 4, nulls.block_rng(0, 0), 1)


@settings(max_examples=60, deadline=None)
@given(n=st.integers(4, 25), p=st.floats(0.05, 0.9), seed=st.integers(0, 10_000))
def test_rewiring_keeps_every_degree_and_a_simple_graph(n, p, seed):
    g = nx.gnp_random_graph(n, p, seed=seed)
    frame = Frame.of(g)
    out = nulls.rewire(frame.edges, frame.n, nulls.block_rng(seed, 0))
    assert out.shape == frame.edges.shape
    assert (np.bincount(out.ravel(), minlength=n) == np.bincount(frame.edges.ravel(), minlength=n)).all()
    assert (out[:, 0] < out[:, 1]).all()                       # no self-loops, pairs as (smaller, larger)
    assert len({tuple(e) for e in out.tolist()}) == len(out)   # no repeated tie


def test_rewiring_a_graph_that_cannot_move_returns_it():
    star = Frame.of(nx.star_graph(6))
    assert (nulls.rewire(star.edges, star.n, nulls.block_rng(0, 0)) == star.edges).all()


def _kept(edges: np.ndarray, n: int, tries: int | None, runs: int) -> np.ndarray:
    original = {tuple(e) for e in edges.tolist()}
    return np.array([len(original & {tuple(e) for e in nulls.rewire(edges, n, nulls.block_rng(9, r), tries).tolist()})
                     / len(edges) for r in range(runs)])


def test_rewiring_mixes_the_bundled_graph():
    """After 10·m swaps the share of original ties kept is what a chain five times longer keeps, and near
    the configuration model's Σ_ties k_u k_v / (2m) / m (Milo et al. 2003; Ray, Pinar & Seshadhri 2012)."""
    frame = Frame.of(organisation_graph(load()))
    default = _kept(frame.edges, frame.n, None, 40)
    longer = _kept(frame.edges, frame.n, 5 * nulls.tries_for(frame.edges, frame.n), 40)
    k = np.bincount(frame.edges.ravel(), minlength=frame.n)
    configuration = float(np.minimum(1, k[frame.edges[:, 0]] * k[frame.edges[:, 1]] / (2 * frame.m)).mean())
    se = np.sqrt(default.var(ddof=1) / len(default) + longer.var(ddof=1) / len(longer))
    assert abs(default.mean() - longer.mean()) < 4 * se + 1e-9
    assert abs(default.mean() - configuration) < 0.5 * configuration + 0.01
    assert default.mean() < 0.5  # far from the observed graph (1.0); hubs keep some of their ties


def test_the_tries_make_about_ten_swaps_per_tie():
    frame = Frame.of(organisation_graph(load()))
    tries = nulls.tries_for(frame.edges, frame.n)
    us, vs = frame.edges[:, 0].tolist(), frame.edges[:, 1].tolist()
    done = nulls._swap(us, vs, frame.n, nulls.block_rng(1, 0), tries)
    assert tries > nulls.SWAPS_PER_TIE * frame.m
    assert abs(done - nulls.SWAPS_PER_TIE * frame.m) < 0.1 * nulls.SWAPS_PER_TIE * frame.m
