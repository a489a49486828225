"""Who takes part where: participation counted from the partnerships, coverage by group, thin areas."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ...graph import organisation_area_graph
from ...loading import Consortium
from .degree import area_degree

#: How a missing value of an organisation column is labelled (as in :func:`..structure.composition`).
NOT_STATED = "未说明 (not stated)"


def _participation(consortium: Consortium) -> pd.DataFrame:
    """One row per (organisation, area) pair with at least one partnership, with its row count."""
    ties = consortium.partnerships.dropna(subset=["area"])
    ends = pd.concat([ties["org_a"], ties["org_b"]], ignore_index=True)
    areas = np.tile(ties["area"].to_numpy(dtype="int64"), 2)
    # counted on integer codes: factorize in id order, then one code per (organisation, area), sorted
    org_code, org_ids = pd.factorize(ends, sort=True)
    low = int(areas.min()) if len(areas) else 0
    span = int(areas.max()) - low + 1 if len(areas) else 1
    pairs, counts = np.unique(org_code.astype("int64") * span + (areas - low), return_counts=True)
    return pd.DataFrame({"org": org_ids.take(pairs // span), "area": pairs % span + low, "partnerships": counts})


def _vocabulary(consortium: Consortium, by: str) -> list[Any] | None:
    """The ordered values a column of ``organisations`` may take, when the data package lists them."""
    if by == "sector":
        return consortium.sectors["order"].astype("int64").sort_values(kind="stable").index.tolist()
    if by == "council_tier":
        return consortium.tiers["rank"].astype("int64").sort_values(kind="stable").index.tolist()
    if by == "kind":
        return consortium.kinds.index.tolist()
    return None


def coverage_matrix(consortium: Consortium, by: str = "sector") -> pd.DataFrame:
    """Areas × groups of organisations: how many organisations of each group take part in each area.

    Rows are every area of the data package (index ``code``, in code order); an organisation
    *takes part* in an area when it is party to at least one partnership row in it (rows
    without an area count nowhere). With ``by="sector"`` (or any other column of
    ``organisations``, e.g. ``kind``, ``council_tier``) a cell counts the organisations of
    that group taking part; every value of the vocabulary is a column (sectors in the
    package's ``order``, tiers by ``rank``, kinds as listed; other columns sorted), zeros
    kept, and organisations with the value missing under ``未说明 (not stated)`` when
    there are any. Each row's sum is the area's ``organisations`` in :func:`area_degree`.
    With ``by="organisation"`` it is the two-mode incidence (affiliation) matrix of
    Borgatti & Everett (1997): one column per organisation (sorted by id), 1 when it takes
    part in the area, else 0.

    >>> from chanjiao_utils.loading import load
    >>> m = coverage_matrix(load())
    >>> m.shape, m.columns.tolist()[0]
    ((12, 5), 'government')
    """
    orgs = consortium.organisations
    part = _participation(consortium)
    area_codes = sorted(int(c) for c in consortium.areas.index)
    if by == "organisation":
        matrix = pd.crosstab(part["area"], part["org"]).clip(upper=1)
        columns: list[Any] = sorted(orgs.index)
    else:
        if by not in orgs.columns:
            known = ", ".join(orgs.columns)
            raise ValueError(f"by must be 'organisation' or a column of organisations ({known}), not {by!r}")
        values = orgs[by].astype("object").where(orgs[by].notna(), NOT_STATED)
        part = part.assign(group=part["org"].map(values))
        matrix = pd.crosstab(part["area"], part["group"])
        vocabulary = _vocabulary(consortium, by)
        present = sorted(set(values), key=str)
        if vocabulary is None:
            columns = [v for v in present if v != NOT_STATED]
        else:
            columns = list(vocabulary) + sorted((set(present) - set(vocabulary)) - {NOT_STATED}, key=str)
        if NOT_STATED in present:
            columns.append(NOT_STATED)
    matrix = matrix.reindex(index=area_codes, columns=columns, fill_value=0).astype("int64")
    matrix.index.name = "code"
    matrix.columns.name = by
    return matrix


#: The default ``share`` of :func:`thin_areas` (and of the ``thin_areas`` column of a consortium's profile).
THIN_SHARE = 0.5


def thin_areas(consortium: Consortium, threshold: float | None = None, share: float = THIN_SHARE) -> pd.DataFrame:
    """Every area ranked by participation, thinnest first, with a ``thin`` flag.

    The :func:`area_degree` table sorted by ``organisations`` ascending, then
    ``partnerships`` ascending, then code; ``rank`` numbers the rows from 1 (thinnest).
    Rule: an area is ``thin`` when fewer than ``threshold`` organisations take part in it,
    or when none does. ``threshold`` defaults to ``share`` × the median number of
    organisations per area over all areas (with ``share=0.5``: areas reaching fewer than
    half the organisations the typical area reaches). The threshold used is stored in
    ``table.attrs["threshold"]``.

    >>> from chanjiao_utils.loading import load
    >>> t = thin_areas(load(), threshold=10)
    >>> t.loc[t["thin"]].index.tolist()
    [1]
    """
    table = area_degree(organisation_area_graph(consortium))
    thin, threshold = _thin(table["organisations"], threshold, share)
    table = table.assign(thin=thin)
    table = (table.reset_index()
             .sort_values(["organisations", "partnerships", "code"], kind="stable")
             .set_index("code"))
    table.insert(0, "rank", range(1, len(table) + 1))
    table.attrs["threshold"] = threshold
    return table


def _thin(organisations: pd.Series, threshold: float | None, share: float) -> tuple[pd.Series, float]:
    """The rule of :func:`thin_areas` on organisations per area: the ``thin`` flags and the threshold used."""
    if threshold is None:
        threshold = share * float(organisations.median()) if len(organisations) else 0.0
    return (organisations < threshold) | (organisations == 0), threshold


def _area_participation(consortium: Consortium) -> pd.DataFrame:
    """Per area (every area of the package, by code): ``organisations`` taking part and ``partnerships`` rows.

    The same two columns as :func:`area_degree` of :func:`~chanjiao_utils.graph.organisation_area_graph`,
    from :func:`_participation` without building the two-mode graph (what a profile of every consortium
    of a collection needs; tests/measures/test_areas.py checks the two agree). Each row is counted at
    both of its ends, so the partnerships are half the sum, as in :func:`area_degree`.
    """
    by_area = _participation(consortium).groupby("area")["partnerships"]
    codes = pd.Index(sorted(int(c) for c in consortium.areas.index), name="code")
    return pd.DataFrame({"organisations": by_area.size().reindex(codes, fill_value=0).astype("int64"),
                         "partnerships": (by_area.sum() // 2).reindex(codes, fill_value=0).astype("int64")},
                        index=codes)


def coverage_share(consortium: Consortium, by: str = "sector") -> pd.DataFrame:
    """Areas × groups: the **share** of each group's members taking part in each area.

    :func:`coverage_matrix` divided, column by column, by the number of organisations in that group
    (all members, those in no area included): 0.5 means half the group's members take part. Counts
    favour the biggest group (enterprises outnumber government bodies), shares do not. A group of
    the vocabulary with no members gets NaN. Same rows and columns as :func:`coverage_matrix`
    (``by`` a column of ``organisations``; not ``"organisation"``); the group sizes are in
    ``table.attrs["members"]``.

    >>> from chanjiao_utils.loading import load
    >>> s = coverage_share(load())
    >>> bool(((s >= 0) & (s <= 1)).all().all()), s.shape
    (True, (12, 5))
    """
    if by == "organisation":
        raise ValueError("coverage_share is per group: by must be a column of organisations, not 'organisation'")
    counts = coverage_matrix(consortium, by)
    orgs = consortium.organisations
    values = orgs[by].astype("object").where(orgs[by].notna(), NOT_STATED)
    members = values.value_counts().reindex(counts.columns, fill_value=0)
    table = counts / members.replace(0, np.nan)
    table.attrs["members"] = {k: int(v) for k, v in members.items()}
    return table


def thin_sensitivity(consortium: Consortium, share: float = THIN_SHARE) -> pd.DataFrame:
    """How the set of thin areas (:func:`thin_areas`) changes with the rule's threshold.

    The rule: an area is thin when fewer than ``threshold`` organisations take part in it (or none
    does). The set changes only when the threshold passes a number of organisations some area has,
    so with p_1 < … < p_K those numbers (above 0), row k covers every threshold in (p_{k−1}, p_k]
    (row 1: every threshold up to p_1; the last row, above p_K: every area thin). Columns:
    ``threshold_above`` and ``threshold_up_to`` (the interval; 0 and ``inf`` at the ends),
    ``share_above`` and ``share_up_to`` (the same over the median number of organisations per area,
    the ``share`` of :func:`thin_areas`' default rule; NaN when the median is 0), ``thin`` (how many),
    ``thin_codes`` and ``newly_thin`` (codes joined by ``, ``: all thin areas, and those added since
    the previous row), and ``default``, True on the row holding the default threshold
    ``share`` × median. Index ``step`` from 1. A reader can see whether "thin" is a robust finding
    (the same areas over a wide interval around the default) or an artefact of one cut-off.

    >>> from chanjiao_utils.loading import load
    >>> t = thin_sensitivity(load())
    >>> int(t["default"].sum()), int(t["thin"].iloc[-1])
    (1, 12)
    """
    counts = _area_participation(consortium)["organisations"]
    median = float(counts.median()) if len(counts) else 0.0
    cuts = sorted(int(c) for c in set(counts) if c > 0)
    bounds = list(zip([0.0, *cuts], [*cuts, float("inf")]))
    default = share * median
    rows, previous = [], set()
    for low, high in bounds:
        thin = {int(code) for code, c in counts.items() if c == 0 or c <= low}
        rows.append({
            "threshold_above": low, "threshold_up_to": high,
            "share_above": low / median if median else float("nan"),
            "share_up_to": high / median if median else float("nan"),
            "thin": len(thin),
            "thin_codes": ", ".join(map(str, sorted(thin))),
            "newly_thin": ", ".join(map(str, sorted(thin - previous))),
            "default": False,
        })
        previous = thin
    table = pd.DataFrame(rows, index=pd.RangeIndex(1, len(rows) + 1, name="step"))
    hit = next(k for k, (low, high) in enumerate(bounds, start=1) if default <= high)
    table.loc[hit, "default"] = True
    table.attrs["threshold"] = default
    return table
