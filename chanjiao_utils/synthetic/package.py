"""The synthetic rows written into a data package (``chanjiao generate``, ``make data``), or built in memory as the
texts that would be written (:func:`completion_files`, for the completions of :mod:`chanjiao_utils.inference`)."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

from .. import files, paths
from .assumptions import GENERATOR_SOURCE, Assumptions
from .consortium import ORGANISATION_COLUMNS, PARTNERSHIP_COLUMNS, generate_rows


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
