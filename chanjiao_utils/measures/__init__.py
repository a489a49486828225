"""Network measures as tidy pandas tables, one module per family.

Conventions (see :mod:`._table`): a whole-network figure comes back as a one-row
table; a per-organisation measure as a table indexed by organisation ``id`` with
``name_zh``, ``sector`` and ``provenance`` first, rows sorted by id unless a
function says otherwise, so the same graph always prints the same table. Every
docstring names the definition it implements.

- :mod:`.structure`   size, density, components, degree, composition of the roster
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
