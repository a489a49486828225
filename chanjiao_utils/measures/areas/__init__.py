"""Two-mode analysis of organisations × areas of cooperation.

The two-mode graph is :func:`chanjiao_utils.graph.organisation_area_graph`:
organisations (``bipartite=0``) linked to the areas (``bipartite=1``, nodes
``area:01`` … with ``code``, ``name_zh``, ``name_en``, ``group``) they take part
in; an edge's ``weight`` counts the partnership rows of that organisation in that
area. Partnerships whose area is not stated add no edge, so they count nowhere here.

Definitions follow Borgatti & Everett (1997), "Network analysis of 2-mode data",
*Social Networks* 19: 243–269: the degree of a node is its number of ties to the
other mode, normalised by the size of the other mode; the two one-mode
projections count shared affiliations (organisations sharing areas; areas
sharing organisations, with the area's degree on the diagonal). Every area of the
data package is always listed, with 0 where nobody takes part: a thin area shows
as a small number, never as a missing row.

- :mod:`.degree`   degrees in the two-mode graph, per area and per organisation
- :mod:`.coverage` participation counted from the partnerships; coverage by group (counts, shares of members);
  thin areas and how they change with the rule's threshold
- :mod:`.overlap`  the projections: organisations sharing areas, areas sharing organisations (raw, Jaccard,
  observed/expected)

>>> from chanjiao_utils.loading import load
>>> from chanjiao_utils.graph import organisation_area_graph
>>> c = load()
>>> table = area_degree(organisation_area_graph(c))
>>> len(table), int(table["organisations"].sum()) >= 12
(12, True)
"""

from __future__ import annotations

from .coverage import (
    NOT_STATED, THIN_SHARE, _area_participation, _participation, _thin, coverage_matrix, coverage_share, thin_areas,
    thin_sensitivity,
)
from .degree import area_degree, organisation_area_degree
from .overlap import area_overlap, area_overlap_normalised, area_overlap_pairs, area_projection

__all__ = ["NOT_STATED", "THIN_SHARE", "area_degree", "area_overlap", "area_overlap_normalised", "area_overlap_pairs",
           "area_projection", "coverage_matrix", "coverage_share", "organisation_area_degree", "thin_areas",
           "thin_sensitivity"]
