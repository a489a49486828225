"""Tables for people: the XLSX written beside each CSV by :func:`chanjiao_utils.export.save_table`.

The CSV is for machines (codes, full precision, machine headers). The XLSX is what a policy writer
opens, prints and pastes from:

* above the headers, the table's title, its source line and the synthetic-data notice (from the
  :class:`~chanjiao_utils.figure_text.FigureText` the notebook passes; without one, the table's id and,
  when the table has a ``provenance`` column, how many of its rows are synthetic); the same words in the
  workbook's document properties;
* a header row of labels a writer can paste (Chinese, :func:`~chanjiao_utils.figure_text.column_label`),
  then the machine names as in the CSV; both frozen, filters on the machine names;
* coded values (sector, kind, council tier, lead role, provenance, areas …) named in the header's
  language, from the data package's vocabulary tables and the ``[xlsx]`` section of
  ``column_labels.toml``, with the codes kept in a column ``<column>_code`` beside them;
* number formats by column: shares as percentages, other decimals with three places, integers as
  integers, never scientific notation (the stored values keep full precision);
* print setup: A4 landscape, one page wide, header rows repeated on every page, page numbers.

The same table gives the same bytes (:func:`deterministic_xlsx`).

- :mod:`.names`     coded values named in words: vocabularies, pattern codes, the table as the XLSX shows it
- :mod:`.formats`   number formats by column, widths in Excel's character units, cell values
- :mod:`.workbook`  the sheet (words above the headers, header rows, widths, print setup, document
                    properties) and its deterministic bytes

>>> import pandas as pd
>>> raw = xlsx_bytes(pd.DataFrame({"sector": ["research"], "density": [0.25]}), "demo")
>>> from openpyxl import load_workbook; import io
>>> ws = load_workbook(io.BytesIO(raw)).active
>>> [c.value for c in ws[HEADER_ROW + 1]], [c.value for c in ws[HEADER_ROW + 2]]
(['sector', 'sector_code', 'density'], ['研', 'research', 0.25])
"""

from __future__ import annotations

from .names import shown_frame, vocabularies
from .workbook import HEADER_ROW, deterministic_xlsx, xlsx_bytes

__all__ = ["HEADER_ROW", "deterministic_xlsx", "shown_frame", "vocabularies", "xlsx_bytes"]
