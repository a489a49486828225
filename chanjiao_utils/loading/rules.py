"""The rules a Table Schema cannot say: no self-ties, one row per pair and area, a kind's sector,
names distinct once normalised (:func:`name_key`), provenance that matches its source. Vectorised."""

from __future__ import annotations

import unicodedata
from typing import Any

import numpy as np
import pandas as pd

from .problems import Problem

#: The tables every consortium data package has, in the order they are checked.
RESOURCES = (
    "sources", "areas", "sectors", "tiers", "kinds", "organisations", "partnerships", "events", "aliases",
)
#: Tables whose every row must say ``attested`` or ``synthetic``.
PROVENANCE_TABLES = ("areas", "sectors", "tiers", "organisations", "partnerships", "events", "aliases")


def name_key(name: str) -> str:
    """The key names are matched on: NFKC (full-width to half-width) with all whitespace removed.

    >>> name_key(" 中山市（中等）专业\u3000学校 ") == name_key("中山市(中等)专业学校")
    True
    """
    return "".join(unicodedata.normalize("NFKC", name).split())


def _as_int(text: str) -> int | str:
    """A cell as the whole number frictionless reads in it ("03" and "3" are the same area), else as written."""
    try:
        return int(text.strip())
    except ValueError:
        return text


def _first_of_each(keys: pd.Series | pd.DataFrame) -> np.ndarray:
    """For each position, the position where its key (a value, or a row of ``keys``) first occurs.

    >>> _first_of_each(pd.Series(["a", "b", "a", "a"])).tolist()
    [0, 1, 0, 0]
    >>> _first_of_each(pd.DataFrame({"x": [1, 1, 1], "y": [2, 3, 2]})).tolist()
    [0, 1, 0]
    """
    if isinstance(keys, pd.DataFrame):
        codes = keys.groupby(list(keys.columns), sort=False, dropna=False).ngroup().to_numpy()
    else:
        codes, _ = pd.factorize(keys, use_na_sentinel=False)
    _, first = np.unique(codes, return_index=True)  # codes number keys in order of first occurrence
    return first[codes]


def _rule_problems(raw: dict[str, pd.DataFrame], descriptor: dict[str, Any]) -> list[Problem]:
    """The rules a Table Schema cannot express. Row numbers are as a spreadsheet shows them."""
    problems: list[Problem] = []
    files = {r["name"]: r["path"] for r in descriptor.get("resources", [])}
    missing = [name for name in RESOURCES if name not in files]
    for name in missing:
        problems.append(Problem("datapackage.json", None, None, name, "a resource for every table: " + ", ".join(RESOURCES)))
    if missing:
        return problems

    def row_of(index: int) -> int:
        return int(index) + 2  # header is row 1

    def text(table: pd.DataFrame, column: str) -> np.ndarray:
        return table[column].to_numpy(dtype=object)

    ties = raw.get("partnerships")
    if ties is not None and {"org_a", "org_b", "area"} <= set(ties.columns):
        a, b, area = text(ties, "org_a"), text(ties, "org_b"), text(ties, "area")
        self_ties = np.flatnonzero((a != "") & (a == b))
        # One row per unordered pair and area, the area read as frictionless reads it ("06" is 6).
        org, _ = pd.factorize(np.concatenate([a, b]))
        area_key = pd.Series(area, dtype=object).map({v: _as_int(v) for v in pd.unique(area)})
        pairs = pd.DataFrame({"org": np.minimum(org[:len(a)], org[len(a):]),
                              "other": np.maximum(org[:len(a)], org[len(a):]),
                              "area": pd.factorize(area_key)[0]})
        repeats = np.flatnonzero(pairs.duplicated().to_numpy())
        first = _first_of_each(pairs) if len(repeats) else np.empty(0, dtype=int)
        found = [(i, 0, Problem(files["partnerships"], row_of(i), "org_b", b[i],
                                "an organisation other than org_a (no tie to itself)")) for i in self_ties]
        found += [(i, 1, Problem(files["partnerships"], row_of(i), "area", area[i],
                                 f"one row per pair of organisations and area "
                                 f"(row {row_of(first[i])} already ties {a[i]} and {b[i]} in this area)"))
                  for i in repeats]
        problems += [p for _, _, p in sorted(found, key=lambda found: found[:2])]  # by row, as the loop found them

    orgs, kinds = raw.get("organisations"), raw.get("kinds")
    if orgs is not None and kinds is not None and {"kind", "sector"} <= set(orgs.columns):
        kind_sector = dict(zip(kinds.get("code", []), kinds.get("sector", [])))
        kind, sector = text(orgs, "kind"), text(orgs, "sector")
        expected = pd.Series(kind, dtype=object).map(kind_sector).to_numpy(dtype=object)
        known = pd.Series(kind, dtype=object).isin(list(kind_sector)).to_numpy()
        for i in np.flatnonzero(known & (sector != expected)):
            problems.append(Problem(files["organisations"], row_of(i), "sector", sector[i],
                                    f"{expected[i]} (the sector of kind {kind[i]})"))
    if orgs is not None and "name_zh" in orgs.columns:
        names = text(orgs, "name_zh")
        keys = pd.Series([name_key(name) for name in names], dtype=object)
        repeats = np.flatnonzero((keys.duplicated() & (keys != "")).to_numpy())
        if len(repeats):
            first = _first_of_each(keys)
            for i in repeats:
                if names[first[i]] != names[i]:
                    problems.append(Problem(files["organisations"], row_of(i), "name_zh", names[i],
                                            f"a name no other organisation has (row {row_of(first[i])} has the same "
                                            "name once width and spaces are normalised)"))

    sources = raw.get("sources")
    if sources is not None and {"id", "kind"} <= set(sources.columns):
        generators = list(set(sources.loc[sources["kind"] == "generator", "id"]))
        known_ids = list(set(sources["id"]))
        for name in PROVENANCE_TABLES:
            table = raw.get(name)
            if table is None or not {"provenance", "source_id"} <= set(table.columns):
                continue
            prov, src = text(table, "provenance"), text(table, "source_id")
            known = pd.Series(src, dtype=object).isin(known_ids).to_numpy()  # an unknown id is a foreign-key problem
            cites_generator = pd.Series(src, dtype=object).isin(generators).to_numpy()
            synthetic_citing_a_source = known & (prov == "synthetic") & ~cites_generator
            attested_citing_a_generator = known & (prov == "attested") & cites_generator
            for i in np.flatnonzero(synthetic_citing_a_source | attested_citing_a_generator):
                if synthetic_citing_a_source[i]:
                    problems.append(Problem(files[name], row_of(i), "source_id", src[i],
                                            "the id of a generator source (a synthetic row cites the generator that made it)"))
                else:
                    problems.append(Problem(files[name], row_of(i), "source_id", src[i],
                                            "the id of a source that states the row (an attested row cannot cite a generator)"))
    return problems
