"""What the generator assumes, in one place (:class:`Assumptions`), and the same as tables a reader can check
(notebook 01); the kinds of organisation the generator names, and the source id every synthetic row cites."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: Source id cited by every synthetic row.
GENERATOR_SOURCE = "GEN"

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

