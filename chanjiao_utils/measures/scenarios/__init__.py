"""Departure scenarios: what breaks if members leave the consortium.

Removing organisations from the one-mode organisation graph
(:func:`chanjiao_utils.graph.organisation_graph`) and comparing before and after.
The main yardstick is **reachable pairs**: pairs of organisations joined by some
path, Σ over connected components of s(s−1)/2 — the complement of Borgatti's
(2006) fragmentation, F = 1 − Σ s_k(s_k−1) / (n(n−1)) ("Identifying sets of key
players in a social network", *Computational and Mathematical Organization
Theory* 12: 21–34). Ties are undirected; weights (partnership rows) are only
counted as what is lost, never used for reachability. For the consortium's
purpose — schools meeting enterprises — the same count is made for
**school–enterprise pairs**: pairs (school, enterprise) in the same component,
Σ over components of schools × enterprises.

- :mod:`.departures` a departure (or a group's) before and after, per area, every single departure ranked
  by the pairs it takes away *including its own* (``reachable_pairs_lost``);
- :mod:`.keyplayer`  what a departure does to the *others* (pairs disconnected among them, F and DF of
  Borgatti 2006), the departures that disconnect anyone, and the key-player set (KPP-Neg).

>>> g = nx.path_graph(["a", "b", "c", "d", "e"])
>>> departure(g, ["c"])[["reachable_pairs_before", "reachable_pairs_after"]].iloc[0].tolist()
[10, 2]
"""

from __future__ import annotations

import networkx as nx  # noqa: F401  (the doctest above)

from .departures import compare_departures, departure, departure_by_area, departure_ranking, remove_group
from .keyplayer import (
    NO_DISCONNECTION, departure_effects, disconnecting_departures, fragmentation, key_players,
)

__all__ = ["compare_departures", "departure", "departure_by_area", "departure_ranking", "remove_group",
           "NO_DISCONNECTION", "departure_effects", "disconnecting_departures", "fragmentation", "key_players"]
