"""The seeded generator of the synthetic part of a data package.

The source article names only the lead units; the full roster of 85 members and
every partnership between them are unpublished. To let the notebooks show what
the analyses look like, this module completes the published *shape* with
clearly fictitious organisations and ties. Every assumption it makes lives in
:class:`Assumptions`, is recorded in ``datapackage.json`` under
``"chanjiao:synthetic"`` and is shown in notebook 01.

Two rules keep the synthetic part honest:

* synthetic organisations have names that cannot be mistaken for real ones
  (``示例龙头企业07`` / ``Example leading enterprise 07``);
* no synthetic tie, tier or membership is given to a real (attested)
  organisation: only the sources speak for them.

Regenerating is deterministic: the same attested rows and the same
assumptions (seed included) give byte-identical files.

>>> a = Assumptions()
>>> sum(a.kind_counts.values()) == sum(a.tier_counts.values())
True
>>> attested = [{"id": f"A0{i}"} for i in range(1, 6)]  # the five lead units
>>> orgs, ties = generate_rows(attested, a)
>>> len(orgs), orgs[0]["id"], orgs[0]["name_zh"], orgs[0]["provenance"]
(80, 'S001', '示例政府部门01', 'synthetic')
>>> generate_rows(attested, a) == (orgs, ties)
True
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from . import paths

#: Source id cited by every synthetic row.
GENERATOR_SOURCE = "GEN"

ORGANISATION_COLUMNS = [
    "id", "name_zh", "name_en", "short_name", "sector", "kind", "council_tier",
    "lead_role", "district", "provenance", "source_id", "note",
]
PARTNERSHIP_COLUMNS = ["id", "org_a", "org_b", "area", "since", "provenance", "source_id", "note"]

# Kind → (sector, Chinese label used in names, English label used in names).
_KIND_LABELS: dict[str, tuple[str, str, str]] = {
    "government_body": ("government", "政府部门", "government body"),
    "industry_association": ("association", "行业协会", "industry association"),
    "leading_enterprise": ("enterprise", "龙头企业", "leading enterprise"),
    "tech_innovation_enterprise": ("enterprise", "科技创新企业", "tech-innovation enterprise"),
    "research_institute": ("research", "科研院所", "research institute"),
    "secondary_vocational_school": ("school", "中职学校", "secondary vocational school"),
    "higher_vocational_college": ("school", "高职院校", "higher vocational college"),
}


def _pair(a: str, b: str) -> str:
    return "|".join(sorted((a, b)))


@dataclass(frozen=True)
class Assumptions:
    """Everything the generator assumes, in one place. Change a number here and regenerate.

    Counts are of *synthetic* organisations: together with the attested ones they
    make the 85 member units the article reports. Tie probabilities are per pair of
    organisations and per area, before the tier activity factors are applied.
    """

    seed: int = 20231031
    members_total: int = 85
    statement: str = (
        "The article reports 85 member units and names five lead units (lead school, park group, three lead "
        "enterprises). We count those five among the 85 (the article does not say) and make up the other 80 "
        "with fictitious organisations of the kinds the article names (中高职院校, 龙头企业, 科技创新企业, "
        "行业协会), plus a few government bodies and research institutes for the parties 政 and 研. "
        "Synthetic ties join synthetic organisations only: no tie or tier is invented for a real organisation."
    )
    kind_counts: dict[str, int] = field(default_factory=lambda: {
        "government_body": 2,
        "industry_association": 8,
        "leading_enterprise": 28,
        "tech_innovation_enterprise": 31,
        "research_institute": 3,
        "secondary_vocational_school": 4,
        "higher_vocational_college": 4,
    })
    tier_counts: dict[str, int] = field(default_factory=lambda: {
        "co_chair": 4, "vice_chair": 12, "council_member": 24, "member": 40,
    })
    # How likely each kind is to hold a higher tier (relative weights when tiers are drawn, top tier first).
    tier_weight_by_kind: dict[str, float] = field(default_factory=lambda: {
        "government_body": 6.0,
        "higher_vocational_college": 4.0,
        "secondary_vocational_school": 3.0,
        "industry_association": 2.0,
        "research_institute": 2.0,
        "leading_enterprise": 2.0,
        "tech_innovation_enterprise": 1.0,
    })
    # Higher tiers are more active: a pair's tie probability is multiplied by both ends' factors.
    tier_activity: dict[str, float] = field(default_factory=lambda: {
        "co_chair": 1.8, "vice_chair": 1.5, "council_member": 1.2, "member": 1.0,
    })
    # Per pair of sectors ("a|b", sorted), per area code: probability of a tie in that area.
    area_probability: dict[str, dict[int, float]] = field(default_factory=lambda: {
        _pair("school", "enterprise"): {
            1: 0.006, 2: 0.040, 3: 0.016, 4: 0.010, 5: 0.020, 6: 0.014,
            7: 0.008, 8: 0.020, 9: 0.020, 10: 0.016, 11: 0.008, 12: 0.010,
        },
        _pair("school", "association"): {2: 0.03, 7: 0.02, 8: 0.06},
        _pair("school", "research"): {7: 0.05, 12: 0.10},
        _pair("school", "government"): {1: 0.10, 6: 0.15},
        _pair("school", "school"): {7: 0.08, 11: 0.05},
        _pair("enterprise", "research"): {12: 0.04},
        _pair("enterprise", "association"): {8: 0.025},
        _pair("enterprise", "government"): {6: 0.01},
    })
    since_first: str = "2019-09-01"
    since_last: str = "2024-06-30"
    since_missing_share: float = 0.3
    # Districts of Zhongshan drawn for synthetic organisations; enterprises sit in the park's district more often.
    districts: tuple[str, ...] = ("火炬开发区", "石岐街道", "东区街道", "西区街道", "南区街道", "小榄镇", "古镇镇", "坦洲镇")
    enterprise_in_park_share: float = 0.7

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form, as recorded in ``datapackage.json``."""
        d = asdict(self)
        d["area_probability"] = {k: {str(a): p for a, p in v.items()} for k, v in self.area_probability.items()}
        d["districts"] = list(self.districts)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Assumptions":
        """Inverse of :meth:`as_dict`.

        >>> Assumptions.from_dict(Assumptions().as_dict()) == Assumptions()
        True
        """
        d = dict(d)
        d["area_probability"] = {k: {int(a): p for a, p in v.items()} for k, v in d["area_probability"].items()}
        d["districts"] = tuple(d["districts"])
        return cls(**d)


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


def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _csv_text(rows: list[dict[str, str]], columns: list[str]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def regenerate(data: str | os.PathLike[str] | None = None, seed: int | None = None) -> dict[str, int]:
    """Rewrite the synthetic rows of a data package, keeping every attested row as it is.

    The assumptions are read from ``datapackage.json`` (``"chanjiao:synthetic"``), or the
    defaults of :class:`Assumptions` when absent; ``seed`` overrides theirs. The
    descriptor is updated to record what was used. Returns row counts.
    """
    folder = paths.data_package(data)
    descriptor_path = folder / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    recorded = descriptor.get("chanjiao:synthetic", {}).get("assumptions")
    assumptions = Assumptions.from_dict(recorded) if recorded else Assumptions()
    if seed is not None:
        assumptions = Assumptions.from_dict({**assumptions.as_dict(), "seed": seed})

    orgs_path, ties_path = folder / "organisations.csv", folder / "partnerships.csv"
    attested_orgs = [r for r in _read_rows(orgs_path) if r["provenance"] == "attested"]
    attested_ties = [r for r in _read_rows(ties_path) if r["provenance"] == "attested"]
    synthetic_orgs, synthetic_ties = generate_rows(attested_orgs, assumptions)

    descriptor["chanjiao:synthetic"] = {
        "generator": "chanjiao_utils.synthetic.generate_rows",
        # Where the project keeps data packages (data/<dataset>), so the command runs from the project folder;
        # never the absolute path, which would tie the committed file to one machine.
        "command": "chanjiao generate --data data/" + folder.name,
        "source_id": GENERATOR_SOURCE,
        "organisations": len(synthetic_orgs),
        "partnerships": len(synthetic_ties),
        "assumptions": assumptions.as_dict(),
    }
    _write_atomic(orgs_path, _csv_text(attested_orgs + synthetic_orgs, ORGANISATION_COLUMNS))
    _write_atomic(ties_path, _csv_text(attested_ties + synthetic_ties, PARTNERSHIP_COLUMNS))
    _write_atomic(descriptor_path, json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n")
    return {
        "attested organisations": len(attested_orgs),
        "synthetic organisations": len(synthetic_orgs),
        "attested partnerships": len(attested_ties),
        "synthetic partnerships": len(synthetic_ties),
    }


def assumption_tables(recorded: dict[str, Any] | None) -> dict[str, Any]:
    """The generator's recorded assumptions as tables a reader can check (notebook 01).

    ``recorded`` is ``Consortium.synthetic_assumptions()``; ``None`` (a package with no
    synthetic rows) gives an empty dict. Keys: ``statement`` (text), ``kinds`` and
    ``tiers`` (counts), ``tie_probability`` (sector pair × area), ``other`` (the rest).

    >>> t = assumption_tables({"assumptions": Assumptions().as_dict()})
    >>> int(t["kinds"]["organisations"].sum()), float(t["tie_probability"].loc["enterprise|school", 2])
    (80, 0.04)
    """
    import pandas as pd

    if not recorded:
        return {}
    a = Assumptions.from_dict(recorded["assumptions"])
    kinds = pd.DataFrame({"organisations": a.kind_counts, "tier_weight": a.tier_weight_by_kind})
    kinds.index.name = "kind"
    tiers = pd.DataFrame({"organisations": a.tier_counts, "activity_factor": a.tier_activity})
    tiers.index.name = "council_tier"
    probability = pd.DataFrame(a.area_probability).T.reindex(columns=range(1, 13)).fillna(0.0).sort_index()
    probability.index.name = "sector pair"
    probability.columns.name = "area"
    other = pd.Series({
        "seed": a.seed,
        "members_total": a.members_total,
        "since: first date": a.since_first,
        "since: last date": a.since_last,
        "since: share missing": a.since_missing_share,
        "districts": "、".join(a.districts),
        "enterprises in the park's district": a.enterprise_in_park_share,
    }, name="value", dtype="object")
    return {"statement": a.statement, "kinds": kinds, "tiers": tiers, "tie_probability": probability, "other": other}
