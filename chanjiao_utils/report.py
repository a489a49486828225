"""Execute every notebook on one data package and collect what they write.

``run_report`` validates the data package first (a bad package stops the run
before any notebook starts), then executes the numbered notebooks in order with
papermill, passing the package and a staging folder as parameters (``DATA``,
``OUT``). On any data package but the bundled one, the narrative written for the
bundled data (cells tagged ``bundled-narrative``) is left out of the executed notebooks. Each executed
notebook is signed (trusted) and also written as a self-contained HTML page (``html/NN_name.html``, with
``html/index.html`` listing everything) for readers without Jupyter (see :mod:`chanjiao_utils.pages`).
Figures, tables, the executed notebooks and their HTML land in the staging folder,
which replaces ``<out>/<dataset>`` only when every notebook succeeded: a failed
run leaves the previous report untouched and no half-written output. ``<out>/<dataset>`` is replaced only
when it is empty or wholly an earlier report (see :mod:`chanjiao_utils.files`): a folder holding the data
package, or anything a report did not write, is refused before any notebook runs.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from . import files, pages, paths
from .export import write_manifest
from .brief import brief_document
from .findings import how_sure, key_findings
from .loading import DataPackageError, load, validate

#: The command whose earlier outputs a report may replace (see :mod:`chanjiao_utils.files`).
COMMAND = "report"

#: Markdown cells with this tag describe the bundled Zhongshan data; a report on other data leaves them out.
BUNDLED_NARRATIVE = "bundled-narrative"


def drop_bundled_narrative(notebook: Path, dataset: str) -> int:
    """Replace the bundled-data narrative of an executed notebook with a pointer to its own tables.

    Cells tagged ``bundled-narrative`` keep their heading (so the outline stays) and lose their
    text, which names Zhongshan organisations and numbers that do not belong to ``dataset``.
    Returns the number of cells replaced.
    """
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    replaced = 0
    for cell in nb.cells:
        if cell.cell_type == "markdown" and BUNDLED_NARRATIVE in cell.get("metadata", {}).get("tags", []):
            lines = cell.source.splitlines()
            heading = lines[0] + "\n\n" if lines and lines[0].startswith("#") else ""
            # Sections after the narrative in the same cell (e.g. ## References) are kept.
            rest = next((i for i, line in enumerate(lines) if i > 0 and line.startswith("## ")), len(lines))
            tail = "\n\n" + "\n".join(lines[rest:]) if rest < len(lines) else ""
            cell.source = (f"{heading}*The text written here describes the bundled Zhongshan 2023 data and is left out "
                           f"of this report on `{dataset}`: read the tables and figures above, computed from "
                           f"`{dataset}`.*{tail}")
            replaced += 1
    nbformat.write(nb, notebook)
    return replaced


def run_report(
    data: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] | None = None,
    *,
    notebooks: list[Path] | None = None,
    lang: str = "both",
    log: Callable[[str], None] = print,
    progress_bar: bool = True,
) -> Path:
    """Run the notebooks on ``data`` and write the report to ``<out>/<dataset>``; return that folder.

    ``lang`` (``zh``, ``en`` or ``both``) chooses the figures' languages (the notebooks' ``LANG``) and the
    brief's: ``brief.docx`` in Chinese for ``zh`` and ``both``, ``brief_en.docx`` in English for ``en`` and
    ``both`` (:mod:`chanjiao_utils.brief`).
    """
    import papermill  # imported here: heavy, and only the report needs it

    folder = paths.data_package(data)
    problems = validate(folder)
    if problems:
        raise DataPackageError(folder, problems)
    if lang not in ("zh", "en", "both"):
        raise ValueError(f"lang is 'zh', 'en' or 'both', not {lang!r}")
    final = paths.output_dir(folder, out)
    # Refused before any notebook runs: a folder that holds the data, or anything a report did not write.
    files.check_folder_target(final, COMMAND, inputs=[folder])
    files.clean_stale(final.parent, final.name, COMMAND, log=log)
    chosen = notebooks if notebooks is not None else paths.notebooks()
    env_before = {k: os.environ.get(k) for k in (paths.DATA_ENV, paths.OUT_ENV)}
    with files.staging_folder(final.parent, final.name, COMMAND) as staging_root:
        staging = staging_root / final.name
        try:
            os.environ[paths.DATA_ENV], os.environ[paths.OUT_ENV] = str(folder), str(staging_root)
            (staging / "notebooks").mkdir(parents=True)
            log(f"Report on {folder} → {final}")
            for i, notebook in enumerate(chosen, start=1):
                started = time.perf_counter()
                log(f"[{i}/{len(chosen)}] {notebook.stem} …")
                papermill.execute_notebook(
                    str(notebook), str(staging / "notebooks" / notebook.name),
                    parameters={"DATA": str(folder), "OUT": str(staging_root), "LANG": lang},
                    cwd=str(notebook.parent), kernel_name="python3", progress_bar=progress_bar,
                    log_output=False, stdout_file=None, stderr_file=None,
                )
                if folder != paths.bundled_data():
                    drop_bundled_narrative(staging / "notebooks" / notebook.name, folder.name)
                log(f"[{i}/{len(chosen)}] {notebook.stem} done in {time.perf_counter() - started:.1f} s")
            write_manifest(staging)
            if notebooks is None:  # the whole report: the brief too
                consortium = load(folder)
                found = how_sure(consortium, key_findings(consortium))  # once, for both languages
                for one in (["zh"] if lang in ("zh", "both") else []) + (["en"] if lang in ("en", "both") else []):
                    name = "brief.docx" if one == "zh" else "brief_en.docx"
                    files.atomic_write(staging / name, brief_document(consortium, one, found))
                    log(f"{name} written")
            figures = sorted(p.name for p in (staging / "figures").glob("*") if p.suffix in (".png", ".html"))
            for notebook in chosen:
                executed = staging / "notebooks" / notebook.name
                pages.finish_notebook(executed, staging_root, final.parent)
                pages.export_html(executed, staging / "html" / f"{notebook.stem}.html", figures)
            pages.write_index(staging)
            files.replace_folder(staging, final, COMMAND, inputs=[folder])
        finally:
            for key, value in env_before.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
    written = sorted(p for p in final.rglob("*") if p.is_file())
    log(f"Wrote {len(written)} files under {final}:")
    for sub, what in (("figures", "PNG, SVG, PDF"), ("tables", "CSV, XLSX"), ("notebooks", "executed notebooks"),
                      ("html", "the notebooks as web pages, readable without Jupyter")):
        count = sum(1 for p in written if p.parent.name == sub)
        log(f"  {final / sub}  ({count} files: {what})")
    log(f"  {final / 'manifest.json'}  (every figure and table: title, source, synthetic share, checksums)")
    for brief in sorted(final.glob("brief*.docx")):
        log(f"  {brief}  (the brief for a policy office, in Word)")
    return final
