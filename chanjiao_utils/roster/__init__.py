"""Import a researcher's own roster and tie list (.xlsx, .xls, .csv) into a data package.

``chanjiao import ROSTER [--ties TIES] --out DIR`` is a thin wrapper around
:func:`import_roster`. It reads the organisation roster (and, when given, the
tie list) as people really keep them — Chinese or English headers, a title row
or blank rows above the header, merged cells, a 序号 column, UTF-8 (with or
without BOM) or GB18030/GBK CSV — and writes a data package like the bundled
one, every row ``attested`` by the input file it came from.

Nothing is guessed and nothing is dropped silently: each value that cannot be
read is a :class:`~chanjiao_utils.loading.Problem` naming the file (and sheet),
the row as the spreadsheet shows it (title rows above the header counted), the
column as the user wrote its header, the value and what was expected. With any
problem nothing is written, unless ``keep_valid=True``, which writes the valid
rows and lists the rows it left out. Per file, always:
rows in = rows imported + rows reported. A file that is too big, not a regular
file, or a workbook that would expand beyond the limits of :mod:`.read` is one
problem, refused before it is read.

One job per module:

- :mod:`.words`     header synonyms and value vocabularies; :func:`header_key`, :func:`value_key`
- :mod:`.cells`     a cell as text (:func:`cell_text`), dates (:func:`parse_date`), areas (:func:`parse_areas`)
- :mod:`.read`      files → :class:`Grid` (CSV, workbooks): regular files only, merged ranges clipped to the data
- :mod:`.zipcheck`  a zip-based workbook inspected before it is read: part sizes, DTDs, the extent of each sheet
- :mod:`.limits`    every limit (:data:`MAX_INPUT_BYTES`, :data:`MAX_ROWS`, ...), with the reason for it
- :mod:`.check`     finding the header row and checking every row
- :mod:`.write`     the package's rows, descriptor and files; the report workbook (:func:`write_report`)
- :mod:`.templates` blank templates (:func:`template_files`, :func:`write_templates`)
- :mod:`.importer`  :func:`import_roster` and what it returns (:class:`ImportResult`)

Conventions, in one place:

* ``Problem.file`` is the file name for a CSV (``roster.csv``) and
  ``"<file name> [<sheet name>]"`` for a workbook (``roster.xlsx [成员单位]``).
* Headers are matched after :func:`header_key` (NFKC, whitespace removed,
  lower case, a trailing ``*`` and a bracketed remark dropped) through
  :data:`HEADER_SYNONYMS`; ``columns={"我的列名": "name_zh"}`` maps any other
  header. Headers matched by neither are ignored and listed in
  :attr:`ImportResult.ignored_columns`.
* Values (kinds, tiers, sectors, lead roles, areas) are matched on
  :func:`value_key` through :data:`KIND_WORDS`, :data:`TIER_WORDS`,
  :data:`SECTOR_WORDS`, :data:`LEAD_ROLE_WORDS` and :data:`AREA_WORDS`.
* A date given to the month only (``2023年11月``, ``2023.11``) is stored as the
  first of the month and the tie's note says ``since: month precision`` (the
  data package has no precision column for ties).

>>> header_key(" 单位名称（全称）* ")
'单位名称'
>>> KIND_WORDS[value_key("中  专")], TIER_WORDS[value_key("副理事长")], AREA_WORDS[value_key("订单班")]
('secondary_vocational_school', 'vice_chair', 3)
>>> parse_date("2023年11月")
(datetime.date(2023, 11, 1), 'month')
"""

from __future__ import annotations

from .cells import DATE_FORMS, SERIAL_RANGE, cell_text, parse_areas, parse_date
from .importer import FileCount, ImportResult, LeftOut, import_roster
from .limits import (
    MAX_CELLS, MAX_COLUMNS, MAX_INPUT_BYTES, MAX_PART_BYTES, MAX_PARTS, MAX_RATIO, MAX_ROWS, MAX_UNPACKED_BYTES,
)
from .read import Grid, _merged_ranges_openpyxl, read_grids  # noqa: F401 (private: tests reach it)
from .templates import TEMPLATE_HEADERS, TEMPLATE_ROWS, template_files, write_templates
from .words import (
    AREA_SEPARATORS, AREA_WORDS, AREA_WORDS_BY_CODE, HEADER_SYNONYMS, IGNORE, KIND_SECTOR, KIND_WORDS,
    KIND_WORDS_BY_CODE, LEAD_ROLE_WORDS, LEAD_ROLE_WORDS_BY_CODE, REQUIRED, SECTOR_WORDS, SECTOR_WORDS_BY_CODE,
    TIER_WORDS, TIER_WORDS_BY_CODE, header_key, value_key,
)
from .write import (
    ALIAS_COLUMNS, EVENT_COLUMNS, MONTH_PRECISION_NOTE, ORGANISATION_COLUMNS, PARTNERSHIP_COLUMNS, ROSTER_SOURCE,
    SOURCE_COLUMNS, TIES_SOURCE, VOCABULARY_FILES, _BAD_FILL, write_report,  # noqa: F401 (_BAD_FILL: tests)
)

__all__ = [
    "import_roster", "ImportResult", "FileCount", "LeftOut",
    "Grid", "read_grids",
    "MAX_INPUT_BYTES", "MAX_PART_BYTES", "MAX_UNPACKED_BYTES", "MAX_RATIO", "MAX_PARTS", "MAX_ROWS", "MAX_COLUMNS",
    "MAX_CELLS",
    "cell_text", "parse_date", "parse_areas", "DATE_FORMS", "SERIAL_RANGE",
    "header_key", "value_key", "HEADER_SYNONYMS", "REQUIRED", "IGNORE", "AREA_SEPARATORS",
    "KIND_WORDS", "TIER_WORDS", "SECTOR_WORDS", "LEAD_ROLE_WORDS", "AREA_WORDS", "KIND_SECTOR",
    "KIND_WORDS_BY_CODE", "TIER_WORDS_BY_CODE", "SECTOR_WORDS_BY_CODE", "LEAD_ROLE_WORDS_BY_CODE", "AREA_WORDS_BY_CODE",
    "write_report", "ORGANISATION_COLUMNS", "PARTNERSHIP_COLUMNS", "ALIAS_COLUMNS", "SOURCE_COLUMNS", "EVENT_COLUMNS",
    "VOCABULARY_FILES", "MONTH_PRECISION_NOTE", "ROSTER_SOURCE", "TIES_SOURCE",
    "template_files", "write_templates", "TEMPLATE_HEADERS", "TEMPLATE_ROWS",
]
