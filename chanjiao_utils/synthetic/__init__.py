"""The seeded generator of the synthetic part of a data package.

The source article names only the lead units; the full roster of 85 members and
every partnership between them are unpublished. To let the notebooks show what
the analyses look like, this package completes the published *shape* with
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

- :mod:`.assumptions`         :class:`Assumptions`, everything the generator assumes, and :func:`assumption_tables`
                              (the same as tables, notebook 01); the kinds it names, the source id every row cites
- :mod:`.consortium`          :func:`generate_rows`: the synthetic organisations and ties of one consortium
- :mod:`.package`             those rows in a data package: :func:`regenerate` writes them (``chanjiao generate``,
                              ``make data``), :func:`completion_files` gives the same texts in memory (completions)
- :mod:`.collection`          many consortia: :class:`CollectionAssumptions` and :func:`generate_collection` (tables)
- :mod:`.collection_package`  a collection as a data package: :func:`collection_descriptor`, :func:`write_collection`
                              (``chanjiao generate-collection``)

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

from .assumptions import GENERATOR_SOURCE, Assumptions, assumption_tables
from .collection import (
    COLLECTION_PARTNERSHIP_COLUMNS,
    CONSORTIUM_COLUMNS,
    MEMBERSHIP_COLUMNS,
    CollectionAssumptions,
    generate_collection,
)
from .collection_package import collection_descriptor, write_collection
from .consortium import ORGANISATION_COLUMNS, PARTNERSHIP_COLUMNS, generate_rows
from .package import completion_files, regenerate

__all__ = [
    "Assumptions", "assumption_tables", "generate_rows", "completion_files", "regenerate",
    "CollectionAssumptions", "generate_collection", "collection_descriptor", "write_collection",
    "GENERATOR_SOURCE", "ORGANISATION_COLUMNS", "PARTNERSHIP_COLUMNS", "CONSORTIUM_COLUMNS", "MEMBERSHIP_COLUMNS",
    "COLLECTION_PARTNERSHIP_COLUMNS",
]
