"""The synthetic tables of a collection of many consortia (:class:`CollectionAssumptions`,
:func:`generate_collection`), in memory."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from .assumptions import _KIND_LABELS, GENERATOR_SOURCE, Assumptions
from .consortium import ORGANISATION_COLUMNS, PARTNERSHIP_COLUMNS

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
