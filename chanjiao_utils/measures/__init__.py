"""Network measures as tidy pandas tables, one module per family.

Conventions (see :mod:`._table`): a whole-network figure comes back as a one-row
table; a per-organisation measure as a table indexed by organisation ``id`` with
``name_zh``, ``sector`` and ``provenance`` first, rows sorted by id unless a
function says otherwise, so the same graph always prints the same table. Every
docstring names the definition it implements.

- :mod:`.structure`   size, density, components, degree, composition of the roster
- :mod:`.centrality`  cohesion and Freeman centralization; degree, betweenness, closeness, eigenvector
- :mod:`.weighted`    tie strength: Opsahl et al. (2010) weighted degree, closeness, betweenness with α;
                      the package's tie-strength policy
- :mod:`.holes`       Burt structural holes: effective size, efficiency, constraint, hierarchy
- :mod:`.areas`       two-mode organisation × area: degrees, coverage (counts, shares), thin areas and their
                      sensitivity, projections, normalised overlap (Jaccard, observed/expected)
- :mod:`.scenarios`   departures: what breaks when organisations leave, for the others too; key players (F, DF)
- :mod:`.brokerage`   Gould–Fernandez brokerage roles, expected values and z-scores (as R sna);
                      brokered pairs and their share of possible pairs
- :mod:`.mixing`      E-I index (network, group with its expected value, organisation), assortativity
                      with Newman's r_min, mixing matrix
- :mod:`.core`        Borgatti–Everett core/periphery (continuous coreness, discrete partition, fit,
                      where the two disagree), k-cores
- :mod:`.communities` Louvain communities (seeded), modularity, community composition
- :mod:`.profile`     a consortium's profile in one row (for comparing consortia, notebook 08)

Engines (:mod:`._engine`): networkx is the reference. From ``ENGINE_THRESHOLD`` (500) organisations
on, centrality, cohesion, structural holes and k-cores are computed by igraph (holes: igraph's
triangle list summed with numpy), tested equal to networkx; Louvain communities by igraph's
multilevel, tested to reach the same modularity (Louvain's partition depends on the order of visits,
see :mod:`.communities`). ``engine="networkx"|"igraph"`` or the environment variable
``CHANJIAO_ENGINE`` forces one.
"""

from __future__ import annotations

from ._table import IDENTITY, identity_table, per_organisation
from .structure import (
    component_table,
    components,
    composition,
    degree_distribution,
    degree_table,
    lead_units,
    summary,
    ties_by_provenance,
    timeline,
)

__all__ = [
    "IDENTITY", "identity_table", "per_organisation",
    "component_table", "components", "composition", "degree_distribution", "degree_table", "lead_units",
    "summary", "ties_by_provenance", "timeline",
]

from .areas import (  # noqa: E402
    area_degree, area_overlap, area_overlap_normalised, area_overlap_pairs, area_projection, coverage_matrix,
    coverage_share, organisation_area_degree, thin_areas, thin_sensitivity,
)

__all__ += ["area_degree", "area_overlap", "area_overlap_normalised", "area_overlap_pairs", "area_projection",
            "coverage_matrix", "coverage_share", "organisation_area_degree", "thin_areas", "thin_sensitivity"]

from .scenarios import (  # noqa: E402
    compare_departures, departure, departure_by_area, departure_effects, departure_ranking,
    disconnecting_departures, fragmentation, key_players, remove_group,
)

__all__ += ["compare_departures", "departure", "departure_by_area", "departure_effects", "departure_ranking",
            "disconnecting_departures", "fragmentation", "key_players", "remove_group"]

from .brokerage import (  # noqa: E402
    brokerage, brokerage_by_group, brokerage_expected, brokerage_network, brokerage_pairs, brokerage_pairs_by_group,
)

__all__ += ["brokerage", "brokerage_by_group", "brokerage_expected", "brokerage_network", "brokerage_pairs",
            "brokerage_pairs_by_group"]

from .mixing import (  # noqa: E402
    assortativity, assortativity_range, ei_by_group, ei_by_group_expected, ei_by_organisation, ei_index,
    mixing_matrix,
)

__all__ += ["assortativity", "assortativity_range", "ei_by_group", "ei_by_group_expected", "ei_by_organisation",
            "ei_index", "mixing_matrix"]

from .centrality import centrality, cohesion  # noqa: E402

__all__ += ["centrality", "cohesion"]

from .weighted import weighted_centrality  # noqa: E402

__all__ += ["weighted_centrality"]

from .holes import structural_holes  # noqa: E402

__all__ += ["structural_holes"]

from .core import core_disagreement, core_periphery, core_periphery_fit, coreness, kcore  # noqa: E402

__all__ += ["core_disagreement", "core_periphery", "core_periphery_fit", "coreness", "kcore"]

from .communities import communities, community_summary, community_table  # noqa: E402

__all__ += ["communities", "community_summary", "community_table"]

from .profile import consortium_profile  # noqa: E402

__all__ += ["consortium_profile"]
