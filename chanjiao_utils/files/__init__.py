"""Writing files safely: the one place every command writes through.

The rules, for every command (``report``, ``import``, ``export-graph``, ``profiles``, ``generate-collection``):

* A file is written to a temporary name beside its target and renamed into place (:func:`atomic_write`), so
  a failed or killed run never leaves half a file.
* A folder is built whole in a staging folder beside its target and swapped in (:func:`replace_folder`). The
  target is replaced only when it is empty or holds a previous output of the same command, recognised by the
  marker file :data:`MARKER` that lists every file the command wrote with its SHA-256: a folder holding
  anything else (a file the command did not write, or one changed since) is refused, and so is a folder that
  holds an input of the run (:func:`check_folder_target`).
* An existing single file is replaced only when the command recognises it as its own earlier output, and
  never when it is an input (:func:`check_file_target`).
* Staging folders carry :data:`STAGING_MARKER` (command, process id, host); a later run of the same command
  removes those whose process is gone and says so (:func:`clean_stale`).
* Folders and files are created with the user's umask (``mkdtemp`` alone would make them private).
* Text a spreadsheet would evaluate as a formula gets a leading ``'`` in CSV (:func:`spreadsheet_text`) and
  is written as a string, never a formula, in XLSX (:func:`xlsx_text_cell`).

A refused output raises :class:`OutputError`, whose message names the path, what is in the way and what
to do; nothing is changed. The command line prints it and exits 1.

- :mod:`.atomic`       single files written to a temporary name and renamed into place; the user's umask
- :mod:`.targets`      what an output may replace: :class:`OutputError`, the output marker, inputs and links
                       refused, recognising our own files (:func:`is_our_office_file`, :func:`starts_with`)
- :mod:`.folders`      staging folders, swapping a built folder into place, removing those of killed runs
- :mod:`.spreadsheet`  cells and CSV that no spreadsheet evaluates as formulas

>>> import tempfile; from pathlib import Path
>>> folder = Path(tempfile.mkdtemp())
>>> atomic_write(folder / "a.txt", b"hello").read_bytes()
b'hello'
>>> spreadsheet_text('=HYPERLINK("http://x.example","点我")'), spreadsheet_text("-1+1"), spreadsheet_text("中山中专")
('\\'=HYPERLINK("http://x.example","点我")', "'-1+1", '中山中专')
"""

from __future__ import annotations

from .atomic import atomic_write, umask
from .folders import STAGING_MARKER, clean_stale, replace_folder, staging_folder
from .spreadsheet import FORMULA_STARTS, csv_bytes, is_formula_like, spreadsheet_text, xlsx_text_cell
from .targets import (
    MARKER,
    OutputError,
    check_file_target,
    check_folder_target,
    is_our_office_file,
    regular_file,
    starts_with,
    write_marker,
)

__all__ = [
    "MARKER", "STAGING_MARKER", "OutputError", "atomic_write", "check_file_target", "check_folder_target",
    "clean_stale", "replace_folder", "staging_folder", "umask", "write_marker", "is_our_office_file", "starts_with",
    "regular_file", "FORMULA_STARTS", "is_formula_like", "spreadsheet_text", "xlsx_text_cell", "csv_bytes",
]
