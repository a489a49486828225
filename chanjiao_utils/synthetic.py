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
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from . import files, paths

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
    files.atomic_write(path, text.encode("utf-8"))


def completion_files(data: str | os.PathLike[str] | None = None, seed: int | None = None) -> dict[str, str]:
    """The files :func:`regenerate` would write, as texts, without writing anything.

    Keys ``organisations.csv``, ``partnerships.csv`` and ``datapackage.json``; values are the exact
    texts (attested rows kept as they are, synthetic rows drawn with ``seed``, or the recorded seed).
    Completion k of a package (``chanjiao generate --seed k``) is ``completion_files(data, seed=k)``:
    what :mod:`chanjiao_utils.inference.completions` builds in memory for each k.

    >>> files = completion_files(seed=1)
    >>> sorted(files), files["organisations.csv"].count("synthetic,GEN")
    (['datapackage.json', 'organisations.csv', 'partnerships.csv'], 80)
    """
    return _completion(paths.data_package(data), seed)[0]


def _completion(folder: Path, seed: int | None) -> tuple[dict[str, str], dict[str, int]]:
    """:func:`completion_files` and the row counts :func:`regenerate` reports."""
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    recorded = descriptor.get("chanjiao:synthetic", {}).get("assumptions")
    assumptions = Assumptions.from_dict(recorded) if recorded else Assumptions()
    if seed is not None:
        assumptions = Assumptions.from_dict({**assumptions.as_dict(), "seed": seed})

    attested_orgs = [r for r in _read_rows(folder / "organisations.csv") if r["provenance"] == "attested"]
    attested_ties = [r for r in _read_rows(folder / "partnerships.csv") if r["provenance"] == "attested"]
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
    files = {
        "organisations.csv": _csv_text(attested_orgs + synthetic_orgs, ORGANISATION_COLUMNS),
        "partnerships.csv": _csv_text(attested_ties + synthetic_ties, PARTNERSHIP_COLUMNS),
        "datapackage.json": json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n",
    }
    return files, {
        "attested organisations": len(attested_orgs),
        "synthetic organisations": len(synthetic_orgs),
        "attested partnerships": len(attested_ties),
        "synthetic partnerships": len(synthetic_ties),
    }


def regenerate(data: str | os.PathLike[str] | None = None, seed: int | None = None) -> dict[str, int]:
    """Rewrite the synthetic rows of a data package, keeping every attested row as it is.

    The assumptions are read from ``datapackage.json`` (``"chanjiao:synthetic"``), or the
    defaults of :class:`Assumptions` when absent; ``seed`` overrides theirs. The
    descriptor is updated to record what was used. Returns row counts. The texts written
    are :func:`completion_files` (which builds them in memory).
    """
    folder = paths.data_package(data)
    files, counts = _completion(folder, seed)
    for name in ("organisations.csv", "partnerships.csv", "datapackage.json"):
        _write_atomic(folder / name, files[name])
    return counts


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


# ----------------------------------------------------------------------------- many consortia

#: The extra tables of a collection of consortia (see :mod:`chanjiao_utils.collection`).
CONSORTIUM_COLUMNS = ["id", "name_zh", "name_en", "founded", "provenance", "source_id", "note"]
MEMBERSHIP_COLUMNS = ["consortium_id", "organisation_id", "lead_role", "council_tier", "provenance", "source_id"]
COLLECTION_PARTNERSHIP_COLUMNS = ["id", "consortium_id", *PARTNERSHIP_COLUMNS[1:]]


@dataclass(frozen=True)
class CollectionAssumptions:
    """Everything the generator of a synthetic collection of consortia assumes (for benchmarks and notebook 08).

    No real organisation or consortium is in it: every name starts with 示例 / Example, every row
    cites the generator. Consortium sizes vary (log-normal), each consortium has a lead school, a park
    operator and three lead enterprises among its own members, and admits a share of members of other
    consortia (research institutes, associations, enterprises, colleges), so some organisations belong
    to several consortia. Ties fall within a consortium, per pair of sectors and area with the
    probabilities of the single-consortium :class:`Assumptions`, scaled per consortium to reach
    ``partnerships`` rows in all (each consortium's scale varies, log-normal, so densities differ).

    >>> a = CollectionAssumptions(consortia=3, organisations=60, partnerships=300)
    >>> tables = generate_collection(a)
    >>> len(tables["consortia"]), len(tables["organisations"]), tables["organisations"]["name_zh"].iloc[0]
    (3, 60, '示例中职学校000001')
    >>> int(tables["memberships"].groupby("organisation_id").size().max())  # some belong to several consortia
    2
    >>> generate_collection(a)["partnerships"].equals(tables["partnerships"])
    True
    """

    seed: int = 20231031
    consortia: int = 500
    organisations: int = 50_000
    partnerships: int = 500_000
    size_spread: float = 0.35
    density_spread: float = 0.3
    smallest: int = 12
    shared_share: float = 0.05
    shared_kinds: tuple[str, ...] = ("research_institute", "industry_association", "leading_enterprise",
                                     "higher_vocational_college")
    kind_shares: dict[str, float] = field(default_factory=lambda: {
        kind: count / 80 for kind, count in Assumptions().kind_counts.items()})
    since_first: str = "2023-04-18"
    since_last: str = "2025-12-31"
    since_missing_share: float = 0.3

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form, as recorded in ``datapackage.json``."""
        d = asdict(self)
        d["shared_kinds"] = list(self.shared_kinds)
        d["tie_probability"] = {k: {str(a): p for a, p in v.items()} for k, v in Assumptions().area_probability.items()}
        return d


def _split_evenly(weights: np.ndarray, total: int, smallest: int) -> np.ndarray:
    """Whole numbers proportional to ``weights`` that add up to ``total``, none below ``smallest``.

    >>> _split_evenly(np.array([1.0, 1.0, 2.0]), 10, 2).tolist()
    [3, 3, 4]
    """
    if total < smallest * len(weights):
        raise ValueError(f"{total} organisations cannot make {len(weights)} consortia of at least {smallest}")
    spare = total - smallest * len(weights)
    share = weights / weights.sum() * spare
    counts = np.floor(share).astype(int)
    rest = spare - counts.sum()
    counts[np.argsort(-(share - counts), kind="stable")[:rest]] += 1  # largest remainders first
    return counts + smallest


def generate_collection(assumptions: CollectionAssumptions | None = None) -> dict[str, "pd.DataFrame"]:
    """The synthetic tables of a collection: ``consortia``, ``organisations``, ``memberships``, ``partnerships``.

    All cells are strings as written to CSV (empty for missing); rows are in id order. Deterministic
    for the same assumptions (seed included).
    """
    import pandas as pd

    a = assumptions or CollectionAssumptions()
    rng = np.random.default_rng(a.seed)
    own = _split_evenly(rng.lognormal(0.0, a.size_spread, a.consortia), a.organisations, a.smallest)
    kinds = sorted(a.kind_shares, key=lambda k: (list(_KIND_LABELS).index(k), k))
    p = np.array([a.kind_shares[k] for k in kinds], dtype=float)
    lead_kinds = ["secondary_vocational_school", "park_operator"] + ["leading_enterprise"] * 3
    lead_roles = ["lead_school", "park", "lead_enterprise", "lead_enterprise", "lead_enterprise"]
    labels = {**{k: (v[1], v[2]) for k, v in _KIND_LABELS.items()}, "park_operator": ("园区运营企业", "park operator")}
    sector_of = {**{k: v[0] for k, v in _KIND_LABELS.items()}, "park_operator": "enterprise"}

    org_kind: list[str] = []
    members: list[list[int]] = []
    roles: list[list[str]] = []
    for size in own:
        drawn = [kinds[i] for i in rng.choice(len(kinds), size=int(size) - len(lead_kinds), p=p / p.sum())]
        start = len(org_kind)
        org_kind += lead_kinds + drawn
        members.append(list(range(start, start + int(size))))
        roles.append(lead_roles + ["none"] * len(drawn))
    home = np.repeat(np.arange(a.consortia), own)
    shareable = np.array([i for i, k in enumerate(org_kind) if k in a.shared_kinds], dtype=int)
    for c in range(a.consortia):
        wanted = int(round(a.shared_share * own[c]))
        pool = shareable[home[shareable] != c]
        if wanted and len(pool):
            for i in sorted(rng.choice(pool, size=min(wanted, len(pool)), replace=False).tolist()):
                members[c].append(i)
                roles[c].append("none")

    sector_names = sorted(set(sector_of.values()))
    sectors = np.array([sector_names.index(sector_of[k]) for k in org_kind], dtype=int)
    probability = np.zeros((len(sector_names), len(sector_names), 12))  # sector × sector × area
    for key, by_area in Assumptions().area_probability.items():
        s, t = (sector_names.index(x) for x in key.split("|"))
        for area, prob in by_area.items():
            probability[s, t, area - 1] = probability[t, s, area - 1] = prob
    target = a.partnerships * np.array([len(m) for m in members]) / sum(len(m) for m in members)
    target = target * rng.lognormal(0.0, a.density_spread, a.consortia)
    target = target * a.partnerships / target.sum()
    first = dt.date.fromisoformat(a.since_first)
    span = (dt.date.fromisoformat(a.since_last) - first).days
    drawn_ties = []  # per consortium: (organisation i, organisation j, area index), i < j, in pair order
    for c, member in enumerate(members):
        m = np.array(sorted(member))
        iu, ju = np.triu_indices(len(m), 1)
        base = probability[sectors[m[iu]], sectors[m[ju]]]
        scale = target[c] / base.sum() if base.sum() else 0.0
        pair, area = np.nonzero(rng.random(base.shape) < np.minimum(1.0, base * scale))
        drawn_ties.append(np.column_stack([np.full(len(pair), c), m[iu[pair]], m[ju[pair]], area + 1]))
    drawn = np.concatenate(drawn_ties) if drawn_ties else np.zeros((0, 4), dtype=int)
    # Two shared members may be drawn in the same area by two consortia: the first consortium keeps the tie.
    code = (drawn[:, 1] * len(org_kind) + drawn[:, 2]) * 13 + drawn[:, 3]
    drawn = drawn[np.sort(np.unique(code, return_index=True)[1])]
    days = rng.integers(span + 1, size=len(drawn))
    dates = (np.datetime64(first, "D") + days).astype(str)
    dates[rng.random(len(drawn)) < a.since_missing_share] = ""

    width_c, width_o, width_t = max(3, len(str(a.consortia))), max(6, len(str(len(org_kind)))), max(6, len(str(len(drawn))))
    cid = [f"C{c + 1:0{width_c}d}" for c in range(a.consortia)]
    oid = [f"S{i + 1:0{width_o}d}" for i in range(len(org_kind))]
    consortia = pd.DataFrame({
        "id": cid,
        "name_zh": [f"示例产教联合体{c + 1:0{width_c}d}" for c in range(a.consortia)],
        "name_en": [f"Example consortium {c + 1:0{width_c}d}" for c in range(a.consortia)],
        "founded": [(first + dt.timedelta(days=int(d))).isoformat() for d in rng.integers(0, span + 1, a.consortia)],
        "provenance": "synthetic", "source_id": GENERATOR_SOURCE, "note": "",
    }, columns=CONSORTIUM_COLUMNS)
    organisations = pd.DataFrame({
        "id": oid,
        "name_zh": [f"示例{labels[k][0]}{i + 1:0{width_o}d}" for i, k in enumerate(org_kind)],
        "name_en": [f"Example {labels[k][1]} {i + 1:0{width_o}d}" for i, k in enumerate(org_kind)],
        "short_name": "", "sector": [sector_of[k] for k in org_kind], "kind": org_kind, "council_tier": "", "lead_role": "none",
        "district": "", "provenance": "synthetic", "source_id": GENERATOR_SOURCE, "note": "",
    }, columns=ORGANISATION_COLUMNS)
    memberships = pd.DataFrame(
        [(cid[c], oid[i], role, "", "synthetic", GENERATOR_SOURCE)
         for c in range(a.consortia) for i, role in sorted(zip(members[c], roles[c]))],
        columns=MEMBERSHIP_COLUMNS)
    partnerships = pd.DataFrame({
        "id": [f"PS{k:0{width_t}d}" for k in range(1, len(drawn) + 1)],
        "consortium_id": np.array(cid, dtype=object)[drawn[:, 0]],
        "org_a": np.array(oid, dtype=object)[drawn[:, 1]], "org_b": np.array(oid, dtype=object)[drawn[:, 2]],
        "area": drawn[:, 3].astype(str).astype(object), "since": dates.astype(object),
        "provenance": "synthetic", "source_id": GENERATOR_SOURCE, "note": "",
    }, columns=COLLECTION_PARTNERSHIP_COLUMNS)
    return {"consortia": consortia, "organisations": organisations, "memberships": memberships,
            "partnerships": partnerships}


#: What the tables of a collection hold, for its ``datapackage.json`` (the shared tables keep the bundled schemas).
_COLLECTION_RESOURCES = {
    "consortia": ("Consortia 产教联合体", "One row per consortium of the collection.", [
        ("id", "string", "Id", "C001..", {"required": True, "unique": True}),
        ("name_zh", "string", "Name (Chinese) 名称", "Synthetic names start with 示例.", {"required": True, "unique": True}),
        ("name_en", "string", "Name (English)", "", {}),
        ("founded", "date", "Founded 成立时间", "Empty when not known.", {}),
        ("provenance", "string", "Provenance", "attested or synthetic.", {"required": True, "enum": ["attested", "synthetic"]}),
        ("source_id", "string", "Source", "Id in sources.csv.", {"required": True}),
        ("note", "string", "Note", "", {}),
    ], ["id"], [("source_id", "sources", "id")]),
    "memberships": ("Memberships 成员关系", "Which organisation belongs to which consortium, and in which role; "
                    "an organisation may belong to several.", [
        ("consortium_id", "string", "Consortium", "Id in consortia.csv.", {"required": True}),
        ("organisation_id", "string", "Organisation", "Id in organisations.csv.", {"required": True}),
        ("lead_role", "string", "Lead role 牵头角色", "lead_school, lead_enterprise, park or none (in this consortium).",
         {"required": True, "enum": ["lead_school", "lead_enterprise", "park", "none"]}),
        ("council_tier", "string", "Council tier 理事会职务", "Code in tiers.csv; empty when not known.",
         {"enum": ["co_chair", "vice_chair", "council_member", "member"]}),
        ("provenance", "string", "Provenance", "attested or synthetic.", {"required": True, "enum": ["attested", "synthetic"]}),
        ("source_id", "string", "Source", "Id in sources.csv.", {"required": True}),
    ], ["consortium_id", "organisation_id"], [("consortium_id", "consortia", "id"), ("organisation_id", "organisations", "id"),
                                              ("council_tier", "tiers", "code"), ("source_id", "sources", "id")]),
}


def _resource(name: str, title: str, description: str, fields: list[tuple[str, str, str, str, dict[str, Any]]],
              key: list[str], references: list[tuple[str, str, str]]) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": []}
    for field_name, type_, field_title, field_description, constraints in fields:
        spec: dict[str, Any] = {"name": field_name, "type": type_, "title": field_title}
        if field_description:
            spec["description"] = field_description
        if type_ == "date":
            spec["format"] = "%Y-%m-%d"
        if constraints:
            spec["constraints"] = constraints
        schema["fields"].append(spec)
    schema["primaryKey"] = key
    schema["foreignKeys"] = [{"fields": f, "reference": {"resource": r, "fields": c}} for f, r, c in references]
    schema["missingValues"] = [""]
    return {"name": name, "path": f"{name}.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "title": title, "description": description, "schema": schema}


def collection_descriptor(assumptions: CollectionAssumptions, counts: dict[str, int]) -> dict[str, Any]:
    """``datapackage.json`` of a synthetic collection: the bundled package's tables and schemas, with
    ``consortium_id`` on every partnership, plus ``consortia`` and ``memberships``."""
    bundled = json.loads((paths.bundled_data() / "datapackage.json").read_text(encoding="utf-8"))
    resources = []
    for resource in bundled["resources"]:
        resource = json.loads(json.dumps(resource))
        if resource["name"] == "partnerships":
            resource["description"] = "Ties between two members of one consortium, one row per area of cooperation."
            resource["schema"]["fields"].insert(1, {
                "name": "consortium_id", "type": "string", "title": "Consortium 所属联合体",
                "description": "Id in consortia.csv; both organisations are its members.", "constraints": {"required": True}})
            resource["schema"]["foreignKeys"].insert(0, {"fields": "consortium_id", "reference": {"resource": "consortia", "fields": "id"}})
        if resource["name"] == "organisations":
            resource["description"] = "Every organisation of the collection, once; its role in each consortium is in memberships."
        resources.append(resource)
    resources += [_resource(name, *spec) for name, spec in _COLLECTION_RESOURCES.items()]
    return {
        "profile": bundled.get("profile", "data-package"),
        "name": "synthetic-collection",
        "title": f"示例产教联合体集合 · Synthetic collection of {assumptions.consortia} consortia",
        "description": "Fictitious consortia, organisations and ties made by chanjiao's seeded generator, for "
                       "comparing consortia and for benchmarks. No row describes a real organisation.",
        "licenses": bundled.get("licenses", []),
        "resources": resources,
        "chanjiao:synthetic": {
            "generator": "chanjiao_utils.synthetic.generate_collection",
            "command": f"chanjiao generate-collection OUT --consortia {assumptions.consortia} --organisations "
                       f"{assumptions.organisations} --partnerships {assumptions.partnerships} --seed {assumptions.seed}",
            "source_id": GENERATOR_SOURCE,
            **counts,
            "assumptions": assumptions.as_dict(),
        },
    }


def write_collection(folder: str | os.PathLike[str], assumptions: CollectionAssumptions | None = None) -> dict[str, int]:
    """Write a synthetic collection as a data package into ``folder`` (which must not exist yet); return row counts.

    The package is written into a staging folder beside ``folder`` and renamed into place, so a failed run
    leaves nothing half-written (see :mod:`chanjiao_utils.files`). The vocabulary tables (areas, sectors, tiers, kinds) and the sources they
    cite are copied from the bundled package; events and aliases are empty.
    """
    import pandas as pd

    a = assumptions or CollectionAssumptions()
    target = Path(folder)
    if target.exists():
        raise FileExistsError(f"{target} exists already; choose a new folder for the collection")
    target.parent.mkdir(parents=True, exist_ok=True)
    tables = generate_collection(a)
    bundled = paths.bundled_data()
    vocabulary = {name: pd.read_csv(bundled / f"{name}.csv", dtype=str, keep_default_na=False)
                  for name in ("sources", "areas", "sectors", "tiers", "kinds", "events", "aliases")}
    cited = set().union(*(set(vocabulary[n]["source_id"]) for n in ("areas", "sectors", "tiers")))
    sources = vocabulary["sources"]
    sources = sources[sources["id"].isin(cited) | (sources["id"] == GENERATOR_SOURCE)].copy()
    sources.loc[sources["id"] == GENERATOR_SOURCE, "title"] = \
        "chanjiao_utils.synthetic.generate_collection: seeded generator of a synthetic collection of consortia"
    vocabulary["sources"] = sources
    vocabulary["events"] = vocabulary["events"].iloc[0:0]
    vocabulary["aliases"] = vocabulary["aliases"].iloc[0:0]
    counts = {name: len(table) for name, table in tables.items()}
    descriptor = collection_descriptor(a, counts)
    files.clean_stale(target.parent, target.name, "generate-collection")
    with files.staging_folder(target.parent, target.name, "generate-collection") as staging:
        built = staging / target.name
        built.mkdir()
        for name, table in {**vocabulary, **tables}.items():
            files.atomic_write(built / f"{name}.csv",
                               table.to_csv(index=False, lineterminator="\n").encode("utf-8"))
        files.atomic_write(built / "datapackage.json",
                           (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        if target.exists():  # made by someone else while this run generated
            raise FileExistsError(f"{target} exists already; choose a new folder for the collection")
        files.replace_folder(built, target, "generate-collection")
    return counts
