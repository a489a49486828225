"""A consortium's profile: the few numbers that compare consortia, in one row.

:func:`consortium_profile` joins measures of the other modules (size and density, Freeman
centralization, the lead school's Gould–Fernandez brokerage, area coverage, E-I across sectors,
the synthetic share), so a collection of consortia becomes one table with a row per consortium
(:func:`chanjiao_utils.collection.profiles`).

>>> from chanjiao_utils.loading import load
>>> p = consortium_profile(load())
>>> p.loc[0, ["organisations", "lead_school", "areas_covered"]].astype(str).tolist()
['85', 'A01', '12']
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from ..graph import organisation_graph
from ..loading import Consortium
from .areas import THIN_SHARE, _area_participation, _thin
from .brokerage import brokerage, brokerage_pairs
from .centrality import cohesion
from .mixing import ei_index
from .structure import summary

#: The columns of a profile, in order.
PROFILE_COLUMNS = (
    "organisations", "ties", "partnerships", "density", "components", "largest_component", "isolates",
    "mean_degree", "degree_centralization", "betweenness_centralization",
    "lead_school", "lead_school_degree", "lead_school_brokerage", "lead_school_liaison", "lead_school_brokerage_z",
    "lead_school_brokered_share",
    "areas_covered", "thin_areas", "ei_index", "expected_ei",
    "synthetic_organisations", "synthetic_partnerships",
)


def consortium_profile(consortium: Consortium, engine: str | None = "igraph") -> pd.DataFrame:
    """One row describing a consortium (columns :data:`PROFILE_COLUMNS`).

    - size and cohesion: :func:`.structure.summary` (``organisations`` … ``mean_degree``) and
      Freeman's degree and betweenness centralization (:func:`.centrality.cohesion`, exact);
    - the lead school (the organisation whose ``lead_role`` is ``lead_school``, the smallest id
      if several; NA when none): its id, its number of partners, its Gould–Fernandez brokerage
      across sectors (``lead_school_brokerage``: all roles, ``lead_school_liaison``: between two
      sectors other than its own; :func:`.brokerage.brokerage`) and the z-score of the total;
      ``lead_school_brokered_share``, the pairs of its partners it brokers over all pairs of its
      partners (:func:`.brokerage.brokerage_pairs` ``brokered_share``, 1 − its local clustering;
      NaN with fewer than two partners): the figure to compare across consortia of different
      sizes, since counts and z-scores grow with the number of partners;
    - ``areas_covered``: areas of cooperation with at least one partnership (of those in
      ``areas.csv``), ``thin_areas``: how many :func:`.areas.thin_areas` flags;
    - ``ei_index`` and ``expected_ei`` across sectors (:func:`.mixing.ei_index`);
    - ``synthetic_organisations`` and ``synthetic_partnerships``: the shares of synthetic rows the
      profile rests on.

    ``engine`` computes the centralizations (see :mod:`._engine`); igraph by default even for small
    consortia, because a collection profiles hundreds of them: at 85 organisations it takes 1.3 ms
    against 57 ms for networkx, with the same numbers (tests/measures/test_engine.py).
    """
    graph = organisation_graph(consortium)
    record: dict[str, Any] = summary(graph).to_dict("records")[0]
    centralization = cohesion(graph, engine=engine)
    record["degree_centralization"] = float(centralization.loc[0, "degree_centralization"])
    record["betweenness_centralization"] = float(centralization.loc[0, "betweenness_centralization"])

    orgs = consortium.organisations
    schools = sorted(orgs.index[orgs["lead_role"] == "lead_school"])
    record.update(lead_school=pd.NA, lead_school_degree=pd.NA, lead_school_brokerage=pd.NA,
                  lead_school_liaison=pd.NA, lead_school_brokerage_z=math.nan,
                  lead_school_brokered_share=math.nan)
    if schools:
        school = schools[0]
        roles = brokerage(graph, nodes=[school]).loc[school]
        record.update(lead_school=school, lead_school_degree=int(graph.degree(school)),
                      lead_school_brokerage=int(roles["total"]), lead_school_liaison=int(roles["liaison"]),
                      lead_school_brokerage_z=float(roles["total_z"]),
                      lead_school_brokered_share=float(brokerage_pairs(graph, nodes=[school]).loc[school, "brokered_share"]))

    areas = _area_participation(consortium)  # thin_areas' numbers, without a second graph
    record["areas_covered"] = int((areas["partnerships"] > 0).sum())
    record["thin_areas"] = int(_thin(areas["organisations"], None, THIN_SHARE)[0].sum())
    ei = ei_index(graph)
    record["ei_index"] = float(ei.loc[0, "ei_index"])
    record["expected_ei"] = float(ei.loc[0, "expected_ei"])
    for name in ("organisations", "partnerships"):
        rows = len(getattr(consortium, name))
        record[f"synthetic_{name}"] = consortium.provenance_of(name)[1] / rows if rows else math.nan
    table = pd.DataFrame([record], columns=list(PROFILE_COLUMNS))
    for column in ("lead_school_degree", "lead_school_brokerage", "lead_school_liaison"):
        table[column] = table[column].astype("Int64")
    table["lead_school"] = table["lead_school"].astype("string")
    return table
