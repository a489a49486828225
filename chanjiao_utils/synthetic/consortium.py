"""The synthetic rows of one consortium (:func:`generate_rows`): organisations that complete the roster, and ties
among them only (see the rules in :mod:`chanjiao_utils.synthetic`)."""

from __future__ import annotations

import datetime as dt

import numpy as np

from .assumptions import _KIND_LABELS, GENERATOR_SOURCE, Assumptions, _pair

ORGANISATION_COLUMNS = [
    "id", "name_zh", "name_en", "short_name", "sector", "kind", "council_tier",
    "lead_role", "district", "provenance", "source_id", "note",
]
PARTNERSHIP_COLUMNS = ["id", "org_a", "org_b", "area", "since", "provenance", "source_id", "note"]


def generate_rows(
    attested_organisations: list[dict[str, str]], assumptions: Assumptions | None = None
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Synthetic organisation and partnership rows (strings, as written to CSV).

    ``attested_organisations`` are the rows the sources give; the generator makes
    the rest of ``members_total`` and ties among its own organisations only.
    """
    a = assumptions or Assumptions()
    n_synthetic = a.members_total - len(attested_organisations)
    if sum(a.kind_counts.values()) != n_synthetic or sum(a.tier_counts.values()) != n_synthetic:
        raise ValueError(
            f"Assumptions make {sum(a.kind_counts.values())} organisations by kind and "
            f"{sum(a.tier_counts.values())} by tier, but {a.members_total} members less "
            f"{len(attested_organisations)} attested leaves {n_synthetic} to make."
        )
    rng = np.random.default_rng(a.seed)

    orgs: list[dict[str, str]] = []
    for kind in sorted(a.kind_counts, key=lambda k: (list(_KIND_LABELS).index(k), k)):
        sector, label_zh, label_en = _KIND_LABELS[kind]
        for i in range(1, a.kind_counts[kind] + 1):
            orgs.append({
                "id": f"S{len(orgs) + 1:03d}",
                "name_zh": f"示例{label_zh}{i:02d}",
                "name_en": f"Example {label_en} {i:02d}",
                "short_name": "",
                "sector": sector,
                "kind": kind,
                "council_tier": "",
                "lead_role": "none",
                "district": "",
                "provenance": "synthetic",
                "source_id": GENERATOR_SOURCE,
                "note": "",
            })

    taken = sorted({str(o.get("id")) for o in attested_organisations} & {o["id"] for o in orgs})
    if taken:
        raise ValueError(
            f"Attested organisations use ids the generator gives its synthetic ones ({', '.join(taken)}); "
            "give the attested organisations other ids (S001, S002 … belong to the generator)."
        )

    # Tiers: fill the top tier first, drawing without replacement with weights by kind.
    remaining = list(range(len(orgs)))
    for tier, count in a.tier_counts.items():
        weights = np.array([a.tier_weight_by_kind[orgs[i]["kind"]] for i in remaining], dtype=float)
        picked = rng.choice(len(remaining), size=count, replace=False, p=weights / weights.sum())
        for j in sorted(picked):
            orgs[remaining[j]]["council_tier"] = tier
        remaining = [r for k, r in enumerate(remaining) if k not in set(picked.tolist())]

    others = [d for d in a.districts if d != a.districts[0]]
    for org in orgs:
        if org["sector"] == "enterprise" and rng.random() < a.enterprise_in_park_share:
            org["district"] = a.districts[0]
        else:
            org["district"] = others[int(rng.integers(len(others)))]

    first = dt.date.fromisoformat(a.since_first)
    span = (dt.date.fromisoformat(a.since_last) - first).days
    ties: list[dict[str, str]] = []
    for i, org_a in enumerate(orgs):
        for org_b in orgs[i + 1:]:
            areas = a.area_probability.get(_pair(org_a["sector"], org_b["sector"]), {})
            factor = a.tier_activity[org_a["council_tier"]] * a.tier_activity[org_b["council_tier"]]
            for area in sorted(areas):
                if rng.random() >= min(1.0, areas[area] * factor):
                    continue
                since = ""
                if rng.random() >= a.since_missing_share:
                    since = (first + dt.timedelta(days=int(rng.integers(span + 1)))).isoformat()
                ties.append({
                    "id": f"PS{len(ties) + 1:04d}",
                    "org_a": org_a["id"],
                    "org_b": org_b["id"],
                    "area": str(area),
                    "since": since,
                    "provenance": "synthetic",
                    "source_id": GENERATOR_SOURCE,
                    "note": "",
                })
    return orgs, ties
