"""QAP: sampled p-values agree with every permutation; layers; refusals."""

from __future__ import annotations

import importlib
import itertools

import networkx as nx
import numpy as np
import pytest

from .test_significance import DRAWS, assert_close, exact

Q = importlib.import_module("chanjiao_utils.inference.qap")  # the package exports a function of that name


def test_qap_p_values_agree_with_every_permutation():
    g1 = nx.Graph([(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (0, 5), (1, 4)])
    g2 = nx.Graph([(0, 1), (1, 2), (2, 3), (0, 3), (4, 5)])
    a, b = Q._layers(g1, g2)
    perms = np.array(list(itertools.permutations(range(6))))
    values = Q.gcor(a, b[perms[:, :, None], perms[:, None, :]])
    row = Q.qap(g1, g2, draws=DRAWS, seed=6).iloc[0]
    assert_close(row, exact(values, row["observed"]))



def test_gcor_by_hand():
    a = np.array([[0, 1, 1], [1, 0, 0], [1, 0, 0]])
    b = np.array([[0, 1, 0], [1, 0, 0], [0, 0, 0]])
    # pairs (01, 02, 12): a = (1, 1, 0), b = (1, 0, 0): r = 0.5
    assert float(Q.gcor(a, b)) == pytest.approx(0.5)
    assert np.isnan(Q.gcor(a, np.zeros((3, 3))))


def test_tie_layer_keeps_every_organisation():
    g = nx.Graph()
    g.add_edge("a", "b", areas=(1, 2))
    g.add_edge("b", "c", areas=(3,))
    g.add_node("d")
    layer = Q.tie_layer(g, [2, 3])
    assert sorted(layer.nodes) == ["a", "b", "c", "d"] and layer.number_of_edges() == 2


def test_qap_needs_the_same_organisations():
    with pytest.raises(ValueError, match="same organisations"):
        Q.qap(nx.path_graph(3), nx.path_graph(4))
