"""Findings in plain words, computed from the data: the brief's key findings and the notebooks' "what we found".

Every sentence is built from the table it describes, in Chinese and English, so the words can never drift from
the numbers. One job per module:

- :mod:`.key`        :class:`Finding` and the five key findings a brief leads with (:func:`key_findings`)
- :mod:`.sure`       how sure each key finding is: label-permutation baselines, the share of completions (:func:`how_sure`)
- :mod:`.claims`     structural claims read against their null models, completions and missing data (notebooks 02–05, 09)
- :mod:`.sentences`  the "what we found" sentences of notebooks 01, 04, 06, 07 and 08

>>> import chanjiao_utils as cj
>>> [f.id for f in key_findings(cj.load())]
['composition', 'bridges', 'thinnest_area', 'mixing', 'departure']
"""

from __future__ import annotations

from .key import (  # noqa: F401
    Finding, PARTY_WORDS, bridges, composition, departure, key_findings, mixing, thinnest_area,
)
from .sure import (  # noqa: F401
    COMPLETIONS, PERMUTATIONS, completion_check, how_sure,
)
from .claims import (  # noqa: F401
    BROKER_ROLE_KEY, BROKER_ROLE_SHORT, BROKER_ROLE_WORDS, NULL_WORDS, READING_WORDS, ROLE_WORDS, STATISTIC_WORDS, assortativity_finding, broker_role_labels, claim_finding, claim_findings, completion_findings, group_ei_findings, missing_findings, number, p_value, structure_finding,
)
from .sentences import (  # noqa: F401
    brokerage_found, coverage_found, departures_found, key_players_found, lead_school_found, lead_units_found, lead_units_note, needs_ties, no_brokerage, no_overlap, overlap_found, rank_ties, thin_rule_found, top_departures,
)
from .key import _needs_ties, _pct, _sector_names  # noqa: F401  (used by the other modules' callers)

__all__ = [
    "BROKER_ROLE_KEY", "BROKER_ROLE_SHORT", "BROKER_ROLE_WORDS", "COMPLETIONS", "completion_check", "Finding", "NULL_WORDS", "PARTY_WORDS", "PERMUTATIONS", "READING_WORDS", "ROLE_WORDS", "STATISTIC_WORDS", "assortativity_finding", "bridges", "broker_role_labels", "brokerage_found", "claim_finding", "claim_findings", "completion_findings", "composition", "coverage_found", "departure", "departures_found", "group_ei_findings", "how_sure", "key_findings", "key_players_found", "lead_school_found", "lead_units_found", "lead_units_note", "missing_findings", "mixing", "needs_ties", "no_brokerage", "no_overlap", "number", "overlap_found", "p_value", "rank_ties", "structure_finding", "thin_rule_found", "thinnest_area", "top_departures",
]
