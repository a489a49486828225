"""Write figures and tables for reports: atomically, deterministically, named after their notebook.

Figures go to ``<out>/<dataset>/figures/<notebook>_<figure>.{png,svg,pdf}``,
tables to ``<out>/<dataset>/tables/<notebook>_<table>.{csv,xlsx}`` (see
:mod:`chanjiao_utils.paths`). Every file is written to a temporary name and
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
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from . import paths
from .plotting import style

FIGURE_FORMATS = ("png", "svg", "pdf")
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _atomic_write(path: Path, write: Callable[[io.BufferedWriter], None]) -> Path:
    """Write through ``write(fh)`` to a temporary file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _stem(notebook: str, name: str) -> str:
    if not re.fullmatch(r"[0-9A-Za-z_-]+", f"{notebook}_{name}"):
        raise ValueError(f"figure and table names use letters, digits, '_' and '-' only: {notebook!r}, {name!r}")
    return f"{notebook}_{name}"


def save_figure(
    fig: Figure,
    notebook: str,
    name: str,
    *,
    data: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] | None = None,
    formats: Iterable[str] = FIGURE_FORMATS,
) -> list[Path]:
    """Save a figure as PNG (300 dpi), SVG (text as paths) and PDF (TrueType embedded); return the paths.

    ``notebook`` is the notebook's number (``"02"``), ``name`` the figure's id.
    """
    folder = paths.figures_dir(data, out)
    metadata = {"png": None, "svg": {"Date": None}, "pdf": {"CreationDate": None, "ModDate": None}}
    written = []
    with style():
        for fmt in formats:
            def write(fh: io.BufferedWriter, fmt: str = fmt) -> None:
                fig.savefig(fh, format=fmt, metadata=metadata[fmt], bbox_inches="tight", pad_inches=0.05)
            written.append(_atomic_write(folder / f"{_stem(notebook, name)}.{fmt}", write))
    return written


def _deterministic_xlsx(raw: bytes) -> bytes:
    """Rewrite an XLSX so it carries no timestamps: fixed zip entry times, modified = created."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", content)
            target.writestr(zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME), content,
                            compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def _xlsx_bytes(table: pd.DataFrame, sheet: str) -> bytes:
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    frame = table.reset_index() if table.index.name or any(table.index.names) else table
    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    ws.append([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False):
        ws.append([None if pd.isna(v) else (v.item() if hasattr(v, "item") else v) for v in row])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for i, column in enumerate(frame.columns, start=1):
        cells = [str(column)] + ["" if pd.isna(v) else str(v) for v in frame[column]]
        # CJK characters take two columns' width in Excel.
        width = max(sum(2 if ord(ch) > 0x2E7F else 1 for ch in text) for text in cells)
        ws.column_dimensions[get_column_letter(i)].width = min(60, width + 2)
    wb.properties.creator = "chanjiao"
    wb.properties.created = wb.properties.modified = dt.datetime(2000, 1, 1)
    buf = io.BytesIO()
    wb.save(buf)
    return _deterministic_xlsx(buf.getvalue())


def save_table(
    table: pd.DataFrame,
    notebook: str,
    name: str,
    *,
    data: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] | None = None,
) -> list[Path]:
    """Save a table as CSV (UTF-8 with BOM, so Excel opens Chinese correctly) and XLSX; return the paths."""
    folder = paths.tables_dir(data, out)
    stem = _stem(notebook, name)
    keep_index = bool(table.index.name or any(table.index.names))
    csv_bytes = table.to_csv(index=keep_index, lineterminator="\n").encode("utf-8-sig")
    return [
        _atomic_write(folder / f"{stem}.csv", lambda fh: fh.write(csv_bytes)),
        _atomic_write(folder / f"{stem}.xlsx", lambda fh: fh.write(_xlsx_bytes(table, name))),
    ]
