"""Many consortia: load a collection, take one consortium out of it, profile them all in parallel.

A *collection* is a data package with the tables of a consortium package (organisations, partnerships,
the vocabularies …) and two more: ``consortia`` (one row per consortium) and ``memberships`` (which
organisation belongs to which consortium, with its lead role and council tier there; an organisation
may belong to several). Every partnership names its consortium (``consortium_id``), and both its
organisations must be members of that consortium. :func:`chanjiao_utils.synthetic.write_collection`
writes a seeded synthetic one (``chanjiao generate-collection``).

:func:`profiles` computes :func:`~chanjiao_utils.measures.profile.consortium_profile` for every
consortium through joblib, so the same call runs on the cores of this machine (``n_jobs``) or on a Dask
cluster::

    import joblib
    from dask.distributed import Client
    client = Client("tcp://scheduler:8786")          # or Client() for a local cluster
    with joblib.parallel_config(backend="dask"):
        table = profiles(collection)

>>> from chanjiao_utils import synthetic
>>> tables = synthetic.generate_collection(synthetic.CollectionAssumptions(consortia=3, organisations=60, partnerships=300))
>>> collection = Collection.from_tables(tables)
>>> collection.consortium_ids
['C001', 'C002', 'C003']
>>> one = collection.consortium("C001")
>>> one.organisations.loc[one.organisations["lead_role"] == "lead_school"].index.tolist()
['S000001']
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from . import paths
from .loading import RESOURCES, Consortium, DataPackageError, Problem, _checked, _typed

#: The tables a collection has besides those of a consortium package.
COLLECTION_RESOURCES = ("consortia", "memberships")


@dataclass
class Collection:
    """The validated tables of a collection of consortia.

    ``whole`` holds every organisation and partnership as one :class:`~chanjiao_utils.loading.Consortium`
    (its network is the union of all consortia); ``consortia`` is indexed by consortium id,
    ``memberships`` has one row per consortium and member.
    """

    whole: Consortium
    consortia: pd.DataFrame
    memberships: pd.DataFrame
    _ties: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    _members: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    @classmethod
    def from_tables(cls, tables: dict[str, pd.DataFrame], assumptions: Any = None,
                    folder: str | os.PathLike[str] | None = None) -> "Collection":
        """A collection from tables of text cells as :func:`~chanjiao_utils.synthetic.generate_collection` makes
        them from ``assumptions`` (a :class:`~chanjiao_utils.synthetic.CollectionAssumptions`, recorded in the
        descriptor as a written collection records them), typed with the schemas of a synthetic collection; the
        vocabulary tables come from the bundled package. For files on disk use :func:`load_collection`, which
        validates."""
        from .synthetic import CollectionAssumptions, collection_descriptor

        descriptor = collection_descriptor(assumptions or CollectionAssumptions(),
                                           {name: len(t) for name, t in tables.items()})
        bundled = paths.bundled_data()
        raw = {name: pd.read_csv(bundled / f"{name}.csv", dtype=str, keep_default_na=False)
               for name in RESOURCES if name not in tables}
        raw["events"], raw["aliases"] = raw["events"].iloc[0:0], raw["aliases"].iloc[0:0]
        raw.update(tables)
        return cls._typed(Path(folder) if folder else Path("synthetic-collection"), descriptor, raw)

    @classmethod
    def _typed(cls, folder: Path, descriptor: dict[str, Any], raw: dict[str, pd.DataFrame]) -> "Collection":
        schemas = {r["name"]: r["schema"] for r in descriptor["resources"]}
        tables = {name: _typed(raw[name], schemas[name]) for name in (*RESOURCES, *COLLECTION_RESOURCES)}
        whole = Consortium(folder=folder, descriptor=descriptor, **{name: tables[name] for name in RESOURCES})
        return cls(whole=whole, consortia=tables["consortia"], memberships=tables["memberships"])

    def counts(self) -> pd.DataFrame:
        """Rows per table, and how many organisations belong to more than one consortium (one column, ``rows``).

        >>> from chanjiao_utils import synthetic
        >>> a = synthetic.CollectionAssumptions(consortia=3, organisations=60, partnerships=300)
        >>> Collection.from_tables(synthetic.generate_collection(a), a).counts().loc["consortia", "rows"]
        np.int64(3)
        """
        per_organisation = self.memberships.groupby("organisation_id").size()
        return pd.Series({
            "consortia": len(self.consortia),
            "organisations": len(self.whole.organisations),
            "memberships": len(self.memberships),
            "organisations in several consortia": int((per_organisation > 1).sum()),
            "partnerships": len(self.whole.partnerships),
        }, name="rows").to_frame()

    @property
    def consortium_ids(self) -> list[str]:
        """Consortium ids, sorted."""
        return sorted(self.consortia.index)

    def _groups(self) -> None:
        if not self._members:
            self._members.update(dict(tuple(self.memberships.groupby("consortium_id", sort=True))))
            ties = self.whole.partnerships
            self._ties.update(dict(tuple(ties.groupby("consortium_id", sort=True))))

    def consortium(self, consortium_id: str) -> Consortium:
        """One consortium as a :class:`~chanjiao_utils.loading.Consortium`: its members (with their lead role
        and council tier in it), its partnerships, the shared vocabularies; every notebook function takes it."""
        if consortium_id not in self.consortia.index:
            raise KeyError(f"no consortium {consortium_id!r} in the collection (ids: {', '.join(self.consortium_ids[:5])} …)")
        self._groups()
        members = self._members.get(consortium_id, self.memberships.iloc[0:0]).set_index("organisation_id")
        organisations = self.whole.organisations.loc[members.index].copy()
        organisations["lead_role"] = members["lead_role"]
        organisations["council_tier"] = members["council_tier"]
        organisations = organisations.sort_index()
        ties = self._ties.get(consortium_id, self.whole.partnerships.iloc[0:0])
        descriptor = copy.copy(self.whole.descriptor)
        row = self.consortia.loc[consortium_id]
        descriptor["title"] = str(row["name_zh"])
        descriptor["name"] = consortium_id
        return Consortium(
            folder=self.whole.folder / consortium_id, descriptor=descriptor,
            sources=self.whole.sources, areas=self.whole.areas, sectors=self.whole.sectors,
            tiers=self.whole.tiers, kinds=self.whole.kinds, organisations=organisations,
            partnerships=ties, events=self.whole.events, aliases=self.whole.aliases,
        )

    def __iter__(self) -> Iterator[tuple[str, Consortium]]:
        """``(consortium id, consortium)`` pairs in id order."""
        for consortium_id in self.consortium_ids:
            yield consortium_id, self.consortium(consortium_id)


def _membership_problems(raw: dict[str, pd.DataFrame], descriptor: dict[str, Any]) -> list[Problem]:
    """Rules across the collection tables: both ends of a partnership are members of its consortium."""
    files = {r["name"]: r["path"] for r in descriptor.get("resources", [])}
    missing = [name for name in COLLECTION_RESOURCES if name not in files]
    if missing:
        return [Problem("datapackage.json", None, None, name, "a resource for consortia and memberships "
                        "(a collection of consortia; see chanjiao_utils.collection)") for name in missing]
    ties, members = raw.get("partnerships"), raw.get("memberships")
    if ties is None or members is None or "consortium_id" not in ties.columns or \
            not {"consortium_id", "organisation_id"} <= set(members.columns):
        return []  # a missing file or column is reported by the schema checks
    member = pd.MultiIndex.from_frame(members[["consortium_id", "organisation_id"]])
    problems = []
    for column in ("org_a", "org_b"):
        if column not in ties.columns:
            continue
        ends = pd.MultiIndex.from_arrays([ties["consortium_id"], ties[column]])
        for i in (~ends.isin(member)).nonzero()[0]:
            problems.append(Problem(files["partnerships"], int(i) + 2, column, ties[column].iloc[i],
                                    f"a member of consortium {ties['consortium_id'].iloc[i]} (memberships.csv)"))
    return problems


def load_collection(data: str | os.PathLike[str]) -> Collection:
    """Validate a collection data package and return its tables; raise
    :class:`~chanjiao_utils.loading.DataPackageError` listing every problem (file, row, column, value, expected)."""
    folder = paths.data_package(data)
    descriptor, raw, problems = _checked(folder)
    if descriptor is not None:
        problems = sorted(problems + _membership_problems(raw, descriptor),
                          key=lambda p: (p.file, p.row or 0, p.column or "", p.expected))
    if problems or descriptor is None:
        raise DataPackageError(folder, problems)
    return Collection._typed(folder, descriptor, raw)


def _profile_row(consortium_id: str, consortium: Consortium) -> pd.DataFrame:
    from .measures.profile import consortium_profile

    table = consortium_profile(consortium)
    table.insert(0, "consortium", consortium_id)
    table.insert(1, "name_zh", consortium.title)
    return table


#: ``n_jobs="auto"`` starts workers from this many partnerships in the collection: below it, starting joblib's
#: worker processes (about 1 s on this 2-core machine, each importing pandas and networkx) costs more than sharing
#: the work saves (40 consortia, 40,000 partnerships: 1.1 s in this process, 1.6 s on two workers; 200 consortia,
#: 200,000 partnerships: 6.3 s against 4.6 s).
PARALLEL_FROM_PARTNERSHIPS = 100_000


def _jobs(collection: Collection, n_jobs: int | str | None) -> int | None:
    """The ``n_jobs`` to give joblib: ``"auto"`` decided by the collection's size, unless an enclosing
    ``joblib.parallel_config`` chose a backend or a number of workers (then joblib's own default, ``None``)."""
    if n_jobs != "auto":
        return n_jobs  # type: ignore[return-value]
    from joblib.parallel import BACKENDS, DEFAULT_BACKEND, get_active_backend

    backend, configured_jobs = get_active_backend()
    if configured_jobs is not None or not isinstance(backend, BACKENDS[DEFAULT_BACKEND]):
        return None
    return -1 if len(collection.whole.partnerships) >= PARALLEL_FROM_PARTNERSHIPS else 1


def profiles(collection: Collection, n_jobs: int | str | None = "auto", batch_size: int | str = "auto") -> pd.DataFrame:
    """:func:`~chanjiao_utils.measures.profile.consortium_profile` of every consortium, one row each, indexed
    by consortium id in id order. Runs through ``joblib.Parallel(n_jobs)``: ``"auto"`` (the default) works
    in this process below :data:`PARALLEL_FROM_PARTNERSHIPS` partnerships and on every core from there, or
    on whatever an enclosing ``joblib.parallel_config`` sets (e.g. ``backend="dask"``); -1: every core;
    1: in this process. The result does not depend on the backend or the number of workers."""
    from joblib import Parallel, delayed

    n_jobs = _jobs(collection, n_jobs)
    rows = Parallel(n_jobs=n_jobs, batch_size=batch_size, max_nbytes=None)(  # small inputs: no memory-mapped files
        delayed(_profile_row)(consortium_id, consortium) for consortium_id, consortium in collection)
    if not rows:
        from .measures.profile import PROFILE_COLUMNS

        return pd.DataFrame(columns=["consortium", "name_zh", *PROFILE_COLUMNS]).set_index("consortium")
    return pd.concat(rows, ignore_index=True).set_index("consortium").sort_index()


def standing(profiles_table: pd.DataFrame, reference: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """Where one consortium (``reference``, a one-row profile) stands among the consortia of ``profiles_table``.

    One row per numeric profile column (or ``columns``): the reference value, the collection's median and
    quartiles, and ``percentile``, the share of consortia whose value is below the reference's plus half of those
    whose value equals it (the mid-rank), in per cent. NaN values are left out of the counts.

    >>> table = pd.DataFrame({"density": [0.1, 0.2, 0.3, 0.4]})
    >>> standing(table, pd.DataFrame({"density": [0.3]})).loc["density", ["reference", "median", "percentile"]].tolist()
    [0.3, 0.25, 62.5]
    """
    numeric = [c for c in (columns or list(profiles_table.columns))
               if c in reference.columns and pd.api.types.is_numeric_dtype(profiles_table[c])]
    rows = {}
    for column in numeric:
        values = pd.to_numeric(profiles_table[column], errors="coerce").dropna().astype(float)
        ref = reference[column].iloc[0]
        ref = float(ref) if pd.notna(ref) else float("nan")
        below, equal = int((values < ref).sum()), int((values == ref).sum())
        rows[column] = {
            "reference": ref,
            "median": float(values.median()) if len(values) else float("nan"),
            "q1": float(values.quantile(0.25)) if len(values) else float("nan"),
            "q3": float(values.quantile(0.75)) if len(values) else float("nan"),
            "percentile": 100.0 * (below + equal / 2) / len(values) if len(values) and ref == ref else float("nan"),
        }
    table = pd.DataFrame.from_dict(rows, orient="index", columns=["reference", "median", "q1", "q3", "percentile"])
    table.index.name = "measure"
    return table
