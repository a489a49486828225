"""A synthetic collection written as a data package (``chanjiao generate-collection``): its schemas and files."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .. import files, paths
from .assumptions import GENERATOR_SOURCE
from .collection import CollectionAssumptions, generate_collection

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
