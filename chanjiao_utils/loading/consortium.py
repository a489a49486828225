"""The validated tables of one data package (:class:`Consortium`), and :func:`load`, which makes them."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .. import paths
from .checks import _checked
from .problems import DataPackageError
from .rules import PROVENANCE_TABLES, RESOURCES
from .typed import _typed


@dataclass
class Consortium:
    """The validated tables of one data package.

    Tables with a one-column primary key are indexed by it (organisations by ``id``,
    areas by ``code`` …); ``partnerships`` is indexed by its ``id``.
    """

    folder: Path
    descriptor: dict[str, Any]
    sources: pd.DataFrame
    areas: pd.DataFrame
    sectors: pd.DataFrame
    tiers: pd.DataFrame
    kinds: pd.DataFrame
    organisations: pd.DataFrame
    partnerships: pd.DataFrame
    events: pd.DataFrame
    aliases: pd.DataFrame

    @property
    def name(self) -> str:
        """The dataset's folder name, e.g. ``zhongshan_2023``."""
        return self.folder.name

    @property
    def title(self) -> str:
        """The data package title."""
        return str(self.descriptor.get("title", self.name))

    def provenance_counts(self) -> pd.DataFrame:
        """Rows per table and provenance (attested / synthetic), with the synthetic share.

        >>> load().provenance_counts().loc["organisations", ["attested", "synthetic"]].tolist()
        [5, 80]
        """
        rows = {name: dict(zip(("attested", "synthetic"), self.provenance_of(name))) for name in PROVENANCE_TABLES}
        table = pd.DataFrame.from_dict(rows, orient="index")
        table.index.name = "table"
        table["total"] = table["attested"] + table["synthetic"]
        table["synthetic_share"] = (table["synthetic"] / table["total"]).round(3)
        return table

    def provenance_of(self, table: str) -> tuple[int, int]:
        """(attested, synthetic) rows of one table, e.g. ``"partnerships"`` (what every figure's notice counts).

        >>> load().provenance_of("organisations")
        (5, 80)
        """
        provenance = getattr(self, table)["provenance"].to_numpy(dtype=object)
        return int((provenance == "attested").sum()), int((provenance == "synthetic").sum())

    def synthetic_assumptions(self) -> dict[str, Any] | None:
        """What the generator assumed, as recorded in ``datapackage.json``; ``None`` for a package without synthetic rows."""
        return self.descriptor.get("chanjiao:synthetic")


def load(data: str | os.PathLike[str] | None = None) -> Consortium:
    """Validate a data package and return its tables; raise :class:`DataPackageError` listing every problem.

    ``data`` is the package folder (or its ``datapackage.json``); by default
    ``$CHANJIAO_DATA`` or the bundled Zhongshan 2023 dataset.
    """
    folder = paths.data_package(data)
    descriptor, raw, problems = _checked(folder)
    if problems or descriptor is None:
        raise DataPackageError(folder, problems)
    schemas = {r["name"]: r["schema"] for r in descriptor["resources"]}
    tables = {name: _typed(raw[name], schemas[name]) for name in RESOURCES}
    return Consortium(folder=folder, descriptor=descriptor, **tables)
