"""Execute every notebook on one data package and collect what they write.

``run_report`` validates the data package first (a bad package stops the run
before any notebook starts), then executes the numbered notebooks in order with
papermill, passing the package and a staging folder as parameters (``DATA``,
``OUT``). Figures, tables and the executed notebooks land in the staging folder,
which replaces ``<out>/<dataset>`` only when every notebook succeeded: a failed
run leaves the previous report untouched and no half-written output.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from . import paths
from .export import write_manifest
from .loading import DataPackageError, validate


def run_report(
    data: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] | None = None,
    *,
    notebooks: list[Path] | None = None,
    log: Callable[[str], None] = print,
    progress_bar: bool = True,
) -> Path:
    """Run the notebooks on ``data`` and write the report to ``<out>/<dataset>``; return that folder."""
    import papermill  # imported here: heavy, and only the report needs it

    folder = paths.data_package(data)
    problems = validate(folder)
    if problems:
        raise DataPackageError(folder, problems)
    final = paths.output_dir(folder, out)
    final.parent.mkdir(parents=True, exist_ok=True)
    staging_root = Path(tempfile.mkdtemp(dir=final.parent, prefix=f".{final.name}.partial-"))
    staging = staging_root / final.name
    chosen = notebooks if notebooks is not None else paths.notebooks()
    env_before = {k: os.environ.get(k) for k in (paths.DATA_ENV, paths.OUT_ENV)}
    try:
        os.environ[paths.DATA_ENV], os.environ[paths.OUT_ENV] = str(folder), str(staging_root)
        (staging / "notebooks").mkdir(parents=True)
        log(f"Report on {folder} → {final}")
        for i, notebook in enumerate(chosen, start=1):
            started = time.perf_counter()
            log(f"[{i}/{len(chosen)}] {notebook.stem} …")
            papermill.execute_notebook(
                str(notebook), str(staging / "notebooks" / notebook.name),
                parameters={"DATA": str(folder), "OUT": str(staging_root)},
                cwd=str(notebook.parent), kernel_name="python3", progress_bar=progress_bar,
                log_output=False, stdout_file=None, stderr_file=None,
            )
            log(f"[{i}/{len(chosen)}] {notebook.stem} done in {time.perf_counter() - started:.1f} s")
        write_manifest(staging)
        old = final.parent / f".{final.name}.old"
        if final.exists():
            shutil.rmtree(old, ignore_errors=True)
            final.rename(old)
        staging.rename(final)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging_root, ignore_errors=True)
        for key, value in env_before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    files = sorted(p for p in final.rglob("*") if p.is_file())
    log(f"Wrote {len(files)} files under {final}:")
    for sub in ("figures", "tables", "notebooks"):
        count = sum(1 for p in files if p.parent.name == sub)
        log(f"  {final / sub}  ({count} files)")
    log(f"  {final / 'manifest.json'}  (every figure and table: title, source, synthetic share, checksums)")
    return final
