"""Write figures and tables for reports: atomically, deterministically, named after their notebook.

Figures go to ``<out>/<dataset>/figures/<notebook>_<figure>.{png,svg,pdf}`` (a network map also as a
standalone ``.html`` page, :func:`save_map_page`),
tables to ``<out>/<dataset>/tables/<notebook>_<table>.{csv,xlsx}`` (see
:mod:`chanjiao_utils.paths`), where ``<out>`` is the report folder: the ``out`` argument, else
``$CHANJIAO_OUT`` (which ``chanjiao report`` sets). With neither, :func:`save_figure` and
:func:`save_table` write nothing and return ``[]``: a notebook run on its own shows its figures and
tables, and the report (built whole in a staging folder by ``make report``) writes them. Graphs for
Gephi, Cytoscape and the web go to GEXF, GraphML or node-link JSON (:func:`save_graph`, from
:mod:`chanjiao_utils.network_files`), whose folder the caller names. Tables' XLSX: :mod:`chanjiao_utils.tables`. Every file is written to a temporary name and
renamed into place, so a failed run never leaves half a file. The same input
gives the same bytes: no timestamps in PDF, SVG or XLSX, a fixed SVG hash salt.

>>> import pandas as pd, tempfile
>>> out = tempfile.mkdtemp()
>>> [p.name for p in save_table(pd.DataFrame({"单位": ["甲"]}), "01", "demo", out=out)]
['01_demo.csv', '01_demo.xlsx']
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from . import files, paths
from .figure_text import FigureText, field_titles
from .network_files import (  # noqa: F401  (graphs for network tools live in network_files; kept importable here)
    GRAPH_FORMATS, GRAPH_SIGNATURES, MAP_SCALE, XML_ILLEGAL, graph_for_export, graph_for_tools, map_look, read_graph,
    save_graph,
)
from .plotting import style
from .tables import deterministic_xlsx, vocabularies, xlsx_bytes

__all__ = ["save_figure", "save_map_page", "save_table", "save_graph", "read_graph", "graph_for_export",
           "graph_for_tools", "map_look", "write_manifest", "deterministic_xlsx", "report_base"]

FIGURE_FORMATS = ("png", "svg", "pdf")


def report_base(out: str | os.PathLike[str] | None = None) -> str | os.PathLike[str] | None:
    """The report folder figures and tables are written to: ``out``, else ``$CHANJIAO_OUT``, else None (none).

    >>> report_base("/tmp/reports")
    '/tmp/reports'
    """
    return out if out is not None else os.environ.get(paths.OUT_ENV) or None


def _stem(notebook: str, name: str) -> str:
    if not re.fullmatch(r"[0-9A-Za-z_-]+", f"{notebook}_{name}"):
        raise ValueError(f"figure and table names use letters, digits, '_' and '-' only: {notebook!r}, {name!r}")
    return f"{notebook}_{name}"


MANIFEST = "manifest.json"
_PARTIAL_MANIFESTS = ".manifest"


def _record(folder: Path, notebook: str, entry: dict) -> None:
    """Add one figure's or table's entry to its notebook's part of the manifest (see :func:`write_manifest`)."""
    import hashlib
    import json

    part = folder / _PARTIAL_MANIFESTS / f"{notebook}.json"
    entries = json.loads(part.read_text(encoding="utf-8")) if part.is_file() else {}
    entry["files"] = [
        {"path": p.relative_to(folder).as_posix(), "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
        for p in entry.pop("paths")
    ]
    key = f"{entry['kind']}:{entry['id']}"  # a figure and a table may share a name
    if key in entries:  # one more format of the same figure (its map page): keep the files written before
        new = {f["path"] for f in entry["files"]}
        entry["files"] = [f for f in entries[key]["files"] if f["path"] not in new] + entry["files"]
    entries[key] = entry
    text = json.dumps(dict(sorted(entries.items())), ensure_ascii=False, indent=1) + "\n"
    files.atomic_write(part, text.encode("utf-8"))


def write_manifest(folder: str | os.PathLike[str]) -> Path:
    """Gather the notebooks' entries into ``manifest.json``: every figure and table with its title,
    source, synthetic share, files and SHA-256 checksums. Checks each listed file is there, unchanged.
    """
    import hashlib
    import json
    import shutil

    folder = Path(folder)
    entries: dict[str, dict] = {}
    for part in sorted((folder / _PARTIAL_MANIFESTS).glob("*.json")):
        entries.update(json.loads(part.read_text(encoding="utf-8")))
    for entry in entries.values():
        for f in entry["files"]:
            if hashlib.sha256((folder / f["path"]).read_bytes()).hexdigest() != f["sha256"]:
                raise RuntimeError(f"{f['path']} changed after it was recorded in the manifest")
    manifest = {
        "figures": [entries[k] for k in sorted(entries) if entries[k]["kind"] == "figure"],
        "tables": [entries[k] for k in sorted(entries) if entries[k]["kind"] == "table"],
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
    path = files.atomic_write(folder / MANIFEST, text.encode("utf-8"))
    shutil.rmtree(folder / _PARTIAL_MANIFESTS, ignore_errors=True)
    return path


def _entry(kind: str, notebook: str, stem: str, text: FigureText | None, written: list[Path]) -> dict:
    words = text.as_dict() if text is not None else {}
    return {
        "id": stem, "kind": kind, "notebook": notebook,
        "title": words.get("title", ""), "source": words.get("source", ""), "notice": words.get("notice", ""),
        "synthetic_share": words.get("synthetic_share"), "paths": written,
    }


def save_figure(
    fig: Figure,
    notebook: str,
    name: str,
    *,
    text: FigureText | None = None,
    data: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] | None = None,
    formats: Iterable[str] = FIGURE_FORMATS,
) -> list[Path]:
    """Save a figure as PNG (300 dpi), SVG (text as paths) and PDF (TrueType embedded); return the paths.

    ``notebook`` is the notebook's number (``"02"``), ``name`` the figure's id; ``text`` (its
    :class:`~chanjiao_utils.figure_text.FigureText`) goes into the report's manifest. Without a report
    folder (``out`` None and ``$CHANJIAO_OUT`` unset, see :func:`report_base`) nothing is written: ``[]``.
    """
    stem = _stem(notebook, name)
    base = report_base(out)
    if base is None:
        return []
    folder = paths.figures_dir(data, base)
    metadata = {"png": None, "svg": {"Date": None}, "pdf": {"CreationDate": None, "ModDate": None}}
    written = []
    with style():
        for fmt in formats:
            def write(fh: io.BufferedWriter, fmt: str = fmt) -> None:
                fig.savefig(fh, format=fmt, metadata=metadata[fmt], bbox_inches="tight", pad_inches=0.05)
            written.append(files.atomic_write(folder / f"{stem}.{fmt}", write))
    _record(folder.parent, notebook, _entry("figure", notebook, stem, text, written))
    return written


def save_map_page(
    graph: Any,
    notebook: str,
    name: str,
    *,
    text: FigureText,
    sector_names: Mapping[str, str],
    lang: str = "zh",
    data: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] | None = None,
    **options: Any,
) -> list[Path]:
    """Save the network map as a standalone HTML page that works offline (:func:`chanjiao_utils.plotting.map_page`,
    with ``options`` such as ``label_top``), next to the figure of the same name: ``figures/<notebook>_<name>.html``,
    recorded in the manifest as one more format of that figure (call it after :func:`save_figure`). Kinds, tiers
    and provenance are named from the data package ``data``. Without a report folder nothing is written: ``[]``.
    """
    from .plotting import map_page
    from .tables import vocabularies

    stem = _stem(notebook, name)
    base = report_base(out)
    if base is None:
        return []
    folder = paths.figures_dir(data, base)
    page = map_page(graph, text, sector_names, lang=lang, vocab=vocabularies(paths.data_package(data)), **options)
    written = [files.atomic_write(folder / f"{stem}.html", page.encode("utf-8"))]
    _record(folder.parent, notebook, _entry("figure", notebook, stem, text, written))
    return written


def save_table(
    table: pd.DataFrame,
    notebook: str,
    name: str,
    *,
    text: FigureText | None = None,
    labels: Mapping[Any, str] | None = None,
    data: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] | None = None,
) -> list[Path]:
    """Save a table as CSV (UTF-8 with BOM, so Excel opens Chinese correctly) and XLSX; return the paths.

    Text that a spreadsheet would evaluate as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or
    a carriage return) is written as text: with a leading ``'`` in the CSV, as a string cell in the XLSX
    (see :func:`chanjiao_utils.files.spreadsheet_text`). Numbers stay numbers.

    The CSV is for machines: codes, full precision, the machine names as header. The XLSX is for people
    (:mod:`chanjiao_utils.tables`): ``text``'s title, source line and synthetic notice above two header rows,
    the Chinese labels (:func:`~chanjiao_utils.figure_text.column_label`, using the field titles of the data
    package ``data``; ``labels`` gives this table's own, e.g. area names for area columns) and the machine
    names; codes named from the data package's vocabularies with the code beside; number formats; print
    setup. ``text`` (title, source, synthetic share) also goes into the report's manifest. Without a
    report folder (``out`` None and ``$CHANJIAO_OUT`` unset, see :func:`report_base`) nothing is written: ``[]``.
    """
    stem = _stem(notebook, name)
    base = report_base(out)
    if base is None:
        return []
    folder = paths.tables_dir(data, base)
    keep_index = bool(table.index.name or any(table.index.names))
    package = paths.data_package(data)
    workbook = xlsx_bytes(table, name, titles=field_titles(package), labels=labels, text=text,
                          vocab=vocabularies(package), title=stem)
    written = [
        files.atomic_write(folder / f"{stem}.csv", files.csv_bytes(table, index=keep_index)),
        files.atomic_write(folder / f"{stem}.xlsx", workbook),
    ]
    _record(folder.parent, notebook, _entry("table", notebook, stem, text, written))
    return written
