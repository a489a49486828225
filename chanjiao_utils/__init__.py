"""chanjiao_utils — helpers behind the chanjiao notebooks.

A city-level industry–education consortium (市域产教联合体) as a network. The
modules, one job each:

- :mod:`~chanjiao_utils.paths`      every path, derived from the package location
- :mod:`~chanjiao_utils.files`      writing safely: atomic files, outputs that replace only their own, cells never formulas
- :mod:`~chanjiao_utils.loading`    data package → validated pandas tables (or every problem, listed)
- :mod:`~chanjiao_utils.roster`     Excel or CSV rosters → a validated data package, every bad cell reported
- :mod:`~chanjiao_utils.synthetic`  the seeded generator of the synthetic rows, with its assumptions
- :mod:`~chanjiao_utils.graph`      tables → networkx graphs (one-mode and organisation × area)
- :mod:`~chanjiao_utils.measures`   network measures as tidy tables
- :mod:`~chanjiao_utils.inference`  null models and p-values, robustness over synthetic completions, missing data
- :mod:`~chanjiao_utils.findings`   findings in plain words built from the tables: the brief's key findings, "what we found"
- :mod:`~chanjiao_utils.collection` many consortia: load a collection, one consortium out of it, profiles in parallel
- :mod:`~chanjiao_utils.figure_text` the words around every figure (title, source, synthetic notice) as metadata
- :mod:`~chanjiao_utils.plotting`   the figure style, Chinese font, sector colours, the figures
- :mod:`~chanjiao_utils.tables`     XLSX tables for people: title, notice, coded values named, print setup
- :mod:`~chanjiao_utils.network_files` GEXF, GraphML, node-link JSON with the printed map's look
- :mod:`~chanjiao_utils.export`     figures and tables written for reports, atomically and deterministically
- :mod:`~chanjiao_utils.pages`      the report's notebooks signed and its web pages (web font, index)
- :mod:`~chanjiao_utils.brief`      the brief for a policy office in Word
- :mod:`~chanjiao_utils.report`     executes every notebook on a data package
- :mod:`~chanjiao_utils.cli`        the ``chanjiao`` command

The public names below are imported lazily, so ``import chanjiao_utils`` stays light.

>>> import chanjiao_utils as cj
>>> cj.load().organisations.shape[0]
85
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_PUBLIC = {
    "load": "loading", "validate": "loading", "Consortium": "loading", "DataPackageError": "loading", "Problem": "loading",
    "name_key": "loading",
    "organisation_graph": "graph", "organisation_area_graph": "graph",
    "Assumptions": "synthetic", "regenerate": "synthetic",
    "Collection": "collection", "load_collection": "collection", "profiles": "collection",
    "save_figure": "export", "save_table": "export",
    "FigureText": "figure_text", "apply_style": "plotting", "SECTOR_COLOURS": "plotting",
}
_MODULES = ("paths", "files", "loading", "roster", "synthetic", "graph", "measures", "inference", "findings", "collection",
            "figure_text", "plotting", "tables", "network_files", "export", "pages", "brief", "report", "cli")
__all__ = sorted(_PUBLIC) + ["__version__"]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(importlib.import_module(f".{_PUBLIC[name]}", __name__), name)
    if name in _MODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
