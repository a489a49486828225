"""Load a consortium data package into validated pandas tables.

A data package is a folder with ``datapackage.json`` (a Frictionless descriptor
with a Table Schema per CSV) and the CSV files it names, inside that folder.
:func:`validate` checks it against its schema (types, enums, required values,
primary and foreign keys) and against the rules a schema cannot say (no
self-ties, one row per pair and area, a kind's sector, provenance that matches
its source). :func:`load` returns the tables with proper dtypes, or raises one
:class:`DataPackageError` that lists every problem with the file, the row as a
spreadsheet shows it (the header is row 1), the column, the value and what was
expected. Nothing is dropped or changed silently, and nothing outside the folder
is read: a path that leads out of it, or to anything but a regular file of
reasonable size, is a problem, and its file is never opened (the limits:
``files.RESOURCE_MAX_BYTES``, ``descriptor.DESCRIPTOR_MAX_BYTES``, ``descriptor.MAX_DEPTH``).

- :mod:`.problems`    :class:`Problem` and :class:`DataPackageError`
- :mod:`.descriptor`  reading ``datapackage.json`` safely, and the structure the loaders rely on
- :mod:`.files`       which table files may be read (inside the folder, regular, limited in size), and reading them
- :mod:`.checks`      :func:`validate`: frictionless's findings in our words, and every other check, once per file
- :mod:`.precheck`    the vectorised pre-check that vouches for rows, so frictionless need not read them
- :mod:`.known`       what the pre-check knows: the schema features and CSV files it can vouch for
- :mod:`.text`        cells that are not UTF-8, or hold characters XML cannot carry
- :mod:`.rules`       the rules a Table Schema cannot say, and :func:`name_key`
- :mod:`.typed`       validated text cells in the types their schema gives
- :mod:`.consortium`  :class:`Consortium` and :func:`load`

>>> consortium = load()
>>> len(consortium.organisations), consortium.organisations.loc["A01", "name_zh"]
(85, '中山市中等专业学校')
>>> consortium.partnerships["area"].dtype
Int64Dtype()
"""

from __future__ import annotations

# The private names below are used by chanjiao_utils.collection and the tests.
from .checks import _checked, _frictionless_problems, validate  # noqa: F401
from .consortium import Consortium, load
from .descriptor import _read_descriptor  # noqa: F401
from .files import _raw_tables, _read_raw  # noqa: F401
from .precheck import _descriptor_certainly_valid, _rows_certainly_valid  # noqa: F401
from .problems import DataPackageError, Problem
from .rules import PROVENANCE_TABLES, RESOURCES, _as_int, _rule_problems, name_key  # noqa: F401
from .typed import _typed  # noqa: F401

__all__ = [
    "Consortium", "DataPackageError", "Problem", "load", "validate", "name_key", "RESOURCES", "PROVENANCE_TABLES",
]
