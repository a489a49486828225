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
rows in = rows imported + rows reported.

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
>>> parse_date(45231.0)
(datetime.date(2023, 11, 1), 'day')
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import paths
from .loading import Problem, name_key, validate

# ----------------------------------------------------------------------------- vocabulary

#: Header synonyms per table and field. Matched on :func:`header_key`, so width, spaces and case do not matter.
HEADER_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "organisations": {
        "name_zh": ("单位名称", "名称", "成员单位", "成员单位名称", "单位", "机构名称", "name", "name_zh",
                    "organisation", "organization"),
        "name_en": ("英文名称", "英文名", "name_en", "english name"),
        "short_name": ("简称", "单位简称", "short_name", "short name"),
        "aliases": ("别名", "曾用名", "其他名称", "aliases", "alias"),
        "kind": ("单位类型", "类型", "类别", "单位类别", "kind", "type"),
        "sector": ("所属方", "政行企研校", "sector"),
        "council_tier": ("理事会职务", "职务", "理事会职位", "council_tier", "tier"),
        "lead_role": ("牵头角色", "lead_role", "lead role"),
        "district": ("所在镇街", "所在地", "区域", "镇街", "district"),
        "note": ("备注", "说明", "note", "notes"),
        "seq": ("序号", "no.", "no", "#"),
    },
    "ties": {
        "org_a": ("甲方", "单位甲", "合作方甲", "org_a", "organisation a", "organization a"),
        "org_b": ("乙方", "单位乙", "合作方乙", "org_b", "organisation b", "organization b"),
        "area": ("合作内容", "合作领域", "合作方式", "合作项目", "area", "areas"),
        "since": ("开始时间", "合作时间", "起始时间", "开始日期", "since", "start"),
        "note": ("备注", "说明", "note", "notes"),
        "seq": ("序号", "no.", "no", "#"),
    },
}
#: Columns each table must have (sector is derived from the kind when absent; the rest may be empty).
REQUIRED = {"organisations": ("name_zh", "kind"), "ties": ("org_a", "org_b")}
#: Targets ``columns=`` may name besides the fields above: ``"ignore"`` skips a column.
IGNORE = "ignore"

#: Chinese (and English) wordings of each kind → kind code of kinds.csv.
KIND_WORDS_BY_CODE: dict[str, tuple[str, ...]] = {
    "secondary_vocational_school": ("中职学校", "中职", "中等职业学校", "中专", "中职院校",
                                    "secondary vocational school", "secondary_vocational_school"),
    "higher_vocational_college": ("高职院校", "高职", "职业技术学院", "高等职业院校", "职业学院",
                                  "higher vocational college", "higher_vocational_college"),
    "university": ("本科高校", "本科", "大学", "本科院校", "university"),
    "research_institute": ("科研院所", "研究院", "研究所", "research institute", "research_institute"),
    "industry_association": ("行业协会", "协会", "商会", "industry association", "industry_association"),
    "leading_enterprise": ("龙头企业", "leading enterprise", "leading_enterprise"),
    "tech_innovation_enterprise": ("科技创新企业", "科创企业", "高新技术企业", "tech-innovation enterprise",
                                   "tech_innovation_enterprise"),
    "enterprise": ("企业", "公司", "enterprise", "enterprise (kind not stated)"),
    "government_body": ("政府部门", "政府", "管委会", "局", "government body", "government_body"),
    "park_operator": ("园区运营企业", "园区", "园区运营", "industrial park operator", "park operator", "park_operator"),
}
TIER_WORDS_BY_CODE: dict[str, tuple[str, ...]] = {
    "co_chair": ("共同理事长单位", "理事长单位", "理事长", "共同理事长", "co-chair unit", "co-chair", "co_chair"),
    "vice_chair": ("副理事长单位", "副理事长", "vice-chair unit", "vice-chair", "vice_chair"),
    "council_member": ("理事单位", "理事", "council member unit", "council member", "council_member"),
    "member": ("成员单位", "会员", "成员", "会员单位", "member unit", "member"),
}
SECTOR_WORDS_BY_CODE: dict[str, tuple[str, ...]] = {
    "government": ("政", "政府", "government"),
    "association": ("行", "行业", "行业协会", "industry associations", "association"),
    "enterprise": ("企", "企业", "enterprises", "enterprise"),
    "research": ("研", "科研", "research"),
    "school": ("校", "学校", "院校", "schools", "school"),
}
LEAD_ROLE_WORDS_BY_CODE: dict[str, tuple[str, ...]] = {
    "lead_school": ("牵头学校", "lead school", "lead_school"),
    "lead_enterprise": ("牵头企业", "lead enterprise", "lead_enterprise"),
    "park": ("依托园区", "园区", "park"),
    "none": ("无", "否", "-", "—", "none"),
}
#: The twelve official area names (areas.csv) and common short forms → area code.
AREA_WORDS_BY_CODE: dict[int, tuple[str, ...]] = {
    1: ("共建产业学院", "产业学院", "Co-building industry colleges"),
    2: ("岗位实习", "实习", "顶岗实习", "Workplace internships"),
    3: ("订单培养项目", "订单培养", "订单班", "Order-based training programmes"),
    4: ("中国特色学徒制项目", "中国特色学徒制", "学徒制", "现代学徒制", "Chinese-style apprenticeship programmes"),
    5: ("真实项目进课堂", "真实项目", "Real industry projects in the classroom"),
    6: ("共建实训基地", "实训基地", "Co-building practical training bases"),
    7: ("编写新形态教材", "新形态教材", "教材", "Writing new-form textbooks"),
    8: ("为企业培训技能人才", "技能培训", "员工培训", "Training skilled workers for enterprises"),
    9: ("学校聘请企业教师任教部分技术技能课程", "企业教师", "兼职教师",
        "Enterprise staff teaching technical courses at the school"),
    10: ("企业为学校教师提供岗位实践锻炼", "教师实践", "教师企业实践", "Enterprise placements for school teachers"),
    11: ("校企双方人员互兼互聘", "互兼互聘", "Mutual part-time appointments of school and enterprise staff"),
    12: ("与企业共同开展科研或技术服务", "科研", "技术服务", "横向课题",
         "Joint research or technical services with enterprises"),
}
#: Separators between several areas in one cell ("岗位实习、订单培养").
AREA_SEPARATORS = "、,，;；/／|\n"


def header_key(text: str) -> str:
    """How headers are compared: NFKC, whitespace removed, lower case, no trailing ``*``, no bracketed remark."""
    key = "".join(unicodedata.normalize("NFKC", text).split()).lower()
    key = key.rstrip("*")
    stripped = re.sub(r"\([^)]*\)|\[[^\]]*\]|【[^】]*】", "", key)
    return stripped or key


def value_key(text: str) -> str:
    """How category values are compared: NFKC, whitespace removed, lower case."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def _invert(table: Mapping[Any, tuple[str, ...]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for code, words in table.items():
        for word in words:
            key = value_key(word)
            assert out.get(key, code) == code, f"{word!r} is listed for two codes"
            out[key] = code
    return out


#: Lookup tables: :func:`value_key` of a wording → code.
KIND_WORDS: dict[str, str] = _invert(KIND_WORDS_BY_CODE)
TIER_WORDS: dict[str, str] = _invert(TIER_WORDS_BY_CODE)
SECTOR_WORDS: dict[str, str] = _invert(SECTOR_WORDS_BY_CODE)
LEAD_ROLE_WORDS: dict[str, str] = _invert(LEAD_ROLE_WORDS_BY_CODE)
AREA_WORDS: dict[str, int] = _invert(AREA_WORDS_BY_CODE)

#: The sector of every kind (as kinds.csv of the bundled package says).
KIND_SECTOR: dict[str, str] = {
    "secondary_vocational_school": "school", "higher_vocational_college": "school", "university": "school",
    "park_operator": "enterprise", "enterprise": "enterprise", "leading_enterprise": "enterprise",
    "tech_innovation_enterprise": "enterprise", "industry_association": "association",
    "government_body": "government", "research_institute": "research",
}

ORGANISATION_COLUMNS = ["id", "name_zh", "name_en", "short_name", "sector", "kind", "council_tier",
                        "lead_role", "district", "provenance", "source_id", "note"]
PARTNERSHIP_COLUMNS = ["id", "org_a", "org_b", "area", "since", "provenance", "source_id", "note"]
ALIAS_COLUMNS = ["alias", "organisation_id", "provenance", "source_id"]
SOURCE_COLUMNS = ["id", "kind", "title", "publisher", "date", "url", "accessed", "licence", "note"]
EVENT_COLUMNS = ["date", "precision", "what_zh", "what_en", "provenance", "source_id"]
#: Vocabulary tables copied unchanged from the bundled package.
VOCABULARY_FILES = ("areas.csv", "sectors.csv", "tiers.csv", "kinds.csv")
#: Note added to a tie whose start date was given to the month only.
MONTH_PRECISION_NOTE = "since: month precision"
ROSTER_SOURCE, TIES_SOURCE = "R01", "R02"

DATE_FORMS = "a date such as 2023-11-01, 2023/11/1, 2023年11月1日, 2023年11月, 2023.11 or an Excel date"
_EXCEL_EPOCH = dt.date(1899, 12, 30)
#: Whole numbers read as Excel serial dates (1954-10-03 … 2119-01-10); smaller ones are not dates (a year alone).
SERIAL_RANGE = (20000, 80000)


# ----------------------------------------------------------------------------- results


@dataclass(frozen=True)
class FileCount:
    """Rows of one input table: ``rows_in == imported + reported`` always.

    ``imported`` counts the rows without a problem; they are written only when the package is.
    """

    file: str
    rows_in: int
    imported: int
    reported: int


@dataclass(frozen=True, order=True)
class LeftOut:
    """A row of the input that was not imported (``keep_valid=True``), and why."""

    file: str
    row: int | None
    why: str


@dataclass
class ImportResult:
    """What :func:`import_roster` did. ``out`` is None when nothing was written."""

    out: Path | None
    problems: list[Problem]
    counts: list[FileCount]
    left_out: list[LeftOut] = field(default_factory=list)
    ignored_columns: list[tuple[str, str]] = field(default_factory=list)  # (file, header as written)
    report: Path | None = None
    #: The rows written (or that would be written when ``out`` is None): organisations, partnerships, aliases.
    tables: dict[str, list[dict[str, str]]] | None = None

    @property
    def ok(self) -> bool:
        """True when there was no problem at all."""
        return not self.problems

    def summary(self) -> str:
        """A few lines for the command line."""
        lines = [f"{c.file}: {c.rows_in} rows in, {c.imported} imported, {c.reported} reported" for c in self.counts]
        lines += [f"{file}: column {header!r} ignored (not a known header)" for file, header in self.ignored_columns]
        if self.out is not None:
            lines.append(f"written: {self.out}")
        elif not self.problems:
            lines.append("no problems (nothing written: no output folder given)")
        else:
            lines.append(f"nothing written ({len(self.problems)} problem{'s' if len(self.problems) != 1 else ''})")
        lines += [f"  {p}" for p in self.problems]
        if self.left_out:
            lines.append(f"{len(self.left_out)} row(s) left out: "
                         + ", ".join(f"{r.file} row {r.row}" for r in self.left_out))
        if self.report is not None:
            lines.append(f"report: {self.report}")
        return "\n".join(lines)


# ----------------------------------------------------------------------------- reading grids


@dataclass
class Grid:
    """One sheet (or CSV) as cells from A1: ``cells[r][c]`` is spreadsheet row r+1, column c+1."""

    path: Path
    sheet: str | None  # None for a CSV
    cells: list[list[Any]]  # merged blocks already filled
    raw: list[list[Any]]  # as stored (merged blocks hold their value in the top-left cell only)
    merged: list[tuple[int, int, int, int]]  # (first row, first col, last row, last col), 0-based

    @property
    def label(self) -> str:
        return self.path.name if self.sheet is None else f"{self.path.name} [{self.sheet}]"


class _Unreadable(Exception):
    pass


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK). Never a detection library."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _Unreadable("text in UTF-8 or GB18030/GBK")


def _read_csv(path: Path) -> list[Grid]:
    text = _decode(path.read_bytes())
    rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""))]
    return [Grid(path, None, rows, rows, [])]


def _merged_ranges_openpyxl(path: Path, sheet: str) -> list[tuple[int, int, int, int]]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=False)
    try:
        return [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in wb[sheet].merged_cells.ranges]
    finally:
        wb.close()


def _read_workbook(path: Path) -> list[Grid]:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for damaged or foreign files
        raise _Unreadable(f"a readable .xlsx or .xls workbook ({exc})") from exc
    grids = []
    try:
        for name in wb.sheet_names:
            sheet = wb.get_sheet_by_name(name)
            raw = [list(r) for r in sheet.to_python(skip_empty_area=False)]
            merges = getattr(sheet, "merged_cell_ranges", None)
            if merges is None:  # python-calamine < 0.3 does not report merges
                merged = _merged_ranges_openpyxl(path, name) if path.suffix.lower() in (".xlsx", ".xlsm") else []
            else:
                merged = [(a[0], a[1], b[0], b[1]) for a, b in merges]
            cells = [list(r) for r in raw]
            for r0, c0, r1, c1 in merged:
                value = raw[r0][c0] if r0 < len(raw) and c0 < len(raw[r0]) else ""
                for r in range(r0, r1 + 1):
                    while len(cells) <= r:
                        cells.append([])
                    row = cells[r]
                    while len(row) <= c1:
                        row.append("")
                    for c in range(c0, c1 + 1):
                        row[c] = value
            grids.append(Grid(path, name, cells, raw, merged))
    finally:
        wb.close()
    return grids


def read_grids(path: str | os.PathLike[str]) -> list[Grid]:
    """Every sheet of a workbook (.xlsx, .xlsm, .xls, .ods), or the one table of a CSV, as :class:`Grid`."""
    path = Path(path)
    if path.suffix.lower() in (".csv", ".txt"):
        return _read_csv(path)
    return _read_workbook(path)


# ----------------------------------------------------------------------------- cell values


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str:
    """A cell as trimmed text: whole numbers without ``.0``, dates as YYYY-MM-DD.

    >>> cell_text(3.0), cell_text(" 甲\u3000"), cell_text(dt.datetime(2023, 11, 1))
    ('3', '甲', '2023-11-01')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


_DAY = [re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"),
        re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$"),
        re.compile(r"^(\d{4})(\d{2})(\d{2})$")]
_MONTH = [re.compile(r"^(\d{4})年(\d{1,2})月(?:份)?$"), re.compile(r"^(\d{4})[-/.](\d{1,2})$")]


def parse_date(value: Any) -> tuple[dt.date, str] | str:
    """``(date, "day" | "month")``, or a string saying why the value is not a date.

    A month alone gives the first of the month. A number from Excel is a serial date
    when it is in :data:`SERIAL_RANGE`; a number like 2023.11 is a month, but 2023.1
    is refused (Excel drops the 0 of 2023.10, so it may be January or October).

    >>> parse_date("2023/11/1"), parse_date("2023.11")
    ((datetime.date(2023, 11, 1), 'day'), (datetime.date(2023, 11, 1), 'month'))
    >>> parse_date(2023.1)
    '2023.1 as a number may be January or October: type it as text (2023.10) or as a date'
    """
    if isinstance(value, dt.datetime):
        return value.date(), "day"
    if isinstance(value, dt.date):
        return value, "day"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if SERIAL_RANGE[0] <= value <= SERIAL_RANGE[1]:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value)), "day"
        if isinstance(value, float) and not value.is_integer() and 1900 < value < 2200:
            text = repr(value)
            if re.fullmatch(r"\d{4}\.1", text):
                return f"{text} as a number may be January or October: type it as text ({text}0) or as a date"
            value = text
        else:
            return DATE_FORMS
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if re.fullmatch(r"\d{5}", text) and SERIAL_RANGE[0] <= int(text) <= SERIAL_RANGE[1]:
        return _EXCEL_EPOCH + dt.timedelta(days=int(text)), "day"
    for pattern, precision in [(p, "day") for p in _DAY] + [(p, "month") for p in _MONTH]:
        match = pattern.match(text)
        if match:
            parts = [int(g) for g in match.groups()] + [1]
            try:
                return dt.date(parts[0], parts[1], parts[2]), precision
            except ValueError:
                return f"{DATE_FORMS} (no such day or month)"
    return DATE_FORMS


def parse_areas(value: Any) -> tuple[list[int], list[str]]:
    """Area codes named in a cell (several allowed), and the pieces that are not areas.

    >>> parse_areas("岗位实习、订单班; 12")
    ([2, 3, 12], [])
    >>> parse_areas("团建")
    ([], ['团建'])
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return ([int(value)], []) if float(value).is_integer() and 1 <= value <= 12 else ([], [cell_text(value)])
    text = unicodedata.normalize("NFKC", cell_text(value))
    pieces = [p.strip() for p in re.split("[" + re.escape(AREA_SEPARATORS) + "]", text)]
    codes: list[int] = []
    bad: list[str] = []
    for piece in pieces:
        if not piece:
            continue
        key = value_key(piece)
        code = int(key) if key.isdigit() and 1 <= int(key) <= 12 else AREA_WORDS.get(key)
        if code is None:
            bad.append(piece)
        elif code not in codes:
            codes.append(code)
    return codes, bad


# ----------------------------------------------------------------------------- tables


@dataclass
class _Row:
    number: int  # as the spreadsheet shows it
    values: dict[str, Any]  # field → raw cell value (merged filled)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Table:
    role: str
    grid: Grid | None
    label: str
    header_row: int | None = None  # spreadsheet numbering
    columns: dict[str, int] = field(default_factory=dict)  # field → column index
    headers: dict[str, str] = field(default_factory=dict)  # field → header text as written
    rows: list[_Row] = field(default_factory=list)
    file_problems: list[Problem] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def problem(self, row: _Row, fld: str | None, value: Any, expected: str) -> None:
        column = self.headers.get(fld) if fld else None
        text = None if value is None else cell_text(value)
        row.problems.append(Problem(self.label, row.number, column, text, expected))

    @property
    def bad(self) -> bool:
        return bool(self.file_problems)


def _synonyms(role: str, columns: Mapping[str, str] | None) -> dict[str, str]:
    table = {header_key(w): fld for fld, words in HEADER_SYNONYMS[role].items() for w in words}
    for header, target in (columns or {}).items():
        table[header_key(header)] = target
    return table


def _header_matches(row: list[Any], synonyms: dict[str, str]) -> int:
    fields = {synonyms.get(header_key(cell_text(c))) for c in row if not _is_empty(c)}
    fields -= {None, "seq", IGNORE}
    return len(fields)


#: The header is looked for in this many rows from the top of a sheet.
HEADER_SEARCH_ROWS = 100


def _find_header(grid: Grid, synonyms: dict[str, str]) -> int | None:
    for r, row in enumerate(grid.cells[:HEADER_SEARCH_ROWS]):
        if _header_matches(row, synonyms) >= 2:
            return r
    return None


def _accepted(role: str, fld: str) -> str:
    return ", ".join(HEADER_SYNONYMS[role][fld])


def _read_table(path: Path, role: str, sheet: str | int | None, columns: Mapping[str, str] | None,
                grids: list[Grid] | None = None) -> _Table:
    synonyms = _synonyms(role, columns)
    label = path.name
    try:
        grids = grids if grids is not None else read_grids(path)
    except FileNotFoundError:
        return _Table(role, None, label, file_problems=[Problem(label, None, None, str(path), "an existing file")])
    except _Unreadable as exc:
        return _Table(role, None, label, file_problems=[Problem(label, None, None, None, str(exc))])
    if grids[0].sheet is None:
        grid, header = grids[0], _find_header(grids[0], synonyms)
    elif sheet is not None:
        names = [g.sheet for g in grids]
        chosen = [g for i, g in enumerate(grids) if g.sheet == sheet or (isinstance(sheet, int) and i == sheet)]
        if not chosen:
            return _Table(role, None, label, file_problems=[Problem(
                label, None, None, str(sheet), "the name of a sheet in the workbook: " + ", ".join(map(str, names)))])
        grid, header = chosen[0], _find_header(chosen[0], synonyms)
    else:
        found = [(g, h) for g in grids for h in [_find_header(g, synonyms)] if h is not None]
        grid, header = found[0] if found else (grids[0], None)
    table = _Table(role, grid, grid.label)
    fields = HEADER_SYNONYMS[role]
    if header is None:
        where = "" if grid.sheet is None or sheet is not None else " in any sheet"
        table.file_problems.append(Problem(
            table.label, None, None, None,
            f"a header row{where} with at least two known column names, such as "
            + ", ".join(words[0] for fld, words in fields.items() if fld != "seq")
            + " (or map your headers with columns=)"))
        return table
    table.header_row = header + 1
    header_cells = grid.cells[header]
    merged_copies = {(header, c) for r0, c0, r1, c1 in grid.merged if r0 <= header <= r1
                     for c in range(c0, c1 + 1) if c != c0}
    for c, value in enumerate(header_cells):
        text = cell_text(value)
        if not text or (header, c) in merged_copies:
            continue
        fld = synonyms.get(header_key(text))
        if fld is None:
            table.ignored.append(text)
        elif fld in ("seq", IGNORE):
            continue
        elif fld in table.columns:
            table.file_problems.append(Problem(
                table.label, table.header_row, text, text,
                f"one column for {fld} (column {table.headers[fld]!r} already is one; map one of them with columns=)"))
        else:
            table.columns[fld], table.headers[fld] = c, text
    for fld in REQUIRED[role]:
        if fld not in table.columns:
            table.file_problems.append(Problem(
                table.label, table.header_row, None, None,
                f"a column for {fld}, headed one of: {_accepted(role, fld)} (or map yours with columns=)"))
    seq = {c for c, v in enumerate(header_cells) if synonyms.get(header_key(cell_text(v))) == "seq"}
    for r in range(header + 1, len(grid.cells)):
        cells = grid.cells[r]
        if all(_is_empty(v) for c, v in enumerate(cells) if c not in seq):
            continue
        values = {fld: (cells[c] if c < len(cells) else "") for fld, c in table.columns.items()}
        table.rows.append(_Row(r + 1, values))
    return table


# ----------------------------------------------------------------------------- checking rows


def _text(row: _Row, fld: str) -> str:
    return cell_text(row.values.get(fld, ""))


def _check_organisations(table: _Table) -> None:
    for row in table.rows:
        name = _text(row, "name_zh")
        if not name:
            table.problem(row, "name_zh", "", "a value: the organisation's name")
        kind_text = _text(row, "kind")
        kind = KIND_WORDS.get(value_key(kind_text))
        if kind is None:
            table.problem(row, "kind", kind_text, "a kind: " + "、".join(w[0] for w in KIND_WORDS_BY_CODE.values())
                          + " (or a short form, see roster.KIND_WORDS)")
        sector_text = _text(row, "sector")
        if sector_text:
            sector = SECTOR_WORDS.get(value_key(sector_text))
            if sector is None:
                table.problem(row, "sector", sector_text, "a sector: 政、行、企、研、校 (or leave it empty)")
            elif kind is not None and sector != KIND_SECTOR[kind]:
                table.problem(row, "sector", sector_text,
                              f"{SECTOR_WORDS_BY_CODE[KIND_SECTOR[kind]][0]} ({KIND_SECTOR[kind]}), the sector of kind {kind_text}")
        tier_text = _text(row, "council_tier")
        if tier_text and value_key(tier_text) not in TIER_WORDS:
            table.problem(row, "council_tier", tier_text,
                          "a council tier: " + "、".join(w[0] for w in TIER_WORDS_BY_CODE.values()) + " (or leave it empty)")
        role_text = _text(row, "lead_role")
        if role_text and value_key(role_text) not in LEAD_ROLE_WORDS:
            table.problem(row, "lead_role", role_text, "a lead role: 牵头学校、牵头企业、依托园区、无 (or leave it empty)")

    # Names, short names and aliases: one key names one organisation.
    claims: dict[str, list[tuple[_Row, str, str]]] = {}  # key → (row, field, text)
    for row in table.rows:
        name = _text(row, "name_zh")
        if name:
            claims.setdefault(name_key(name), []).append((row, "name_zh", name))
        own = {name_key(name)}
        for fld, text in [("short_name", _text(row, "short_name"))] + [("aliases", a) for a in _aliases(row)]:
            if text and name_key(text) not in own:
                own.add(name_key(text))
                claims.setdefault(name_key(text), []).append((row, fld, text))
    for key, claimants in claims.items():
        if len({id(r) for r, _, _ in claimants}) < 2:
            continue
        for row, fld, text in claimants:
            others = [f"row {r.number} ({'name' if f == 'name_zh' else 'short name' if f == 'short_name' else 'alias'} {t!r})"
                      for r, f, t in claimants if r is not row]
            table.problem(row, fld, text, "a name, short name or alias no other organisation has ("
                          + ", ".join(others) + " is the same once width and spaces are normalised)")


def _aliases(row: _Row) -> list[str]:
    text = unicodedata.normalize("NFKC", _text(row, "aliases")) if _text(row, "aliases") else ""
    return [a.strip() for a in re.split(r"[、,;；|\n]", text) if a.strip()]


def _check_ties(table: _Table, orgs: _Table) -> None:
    lookup: dict[str, set[int]] = {}
    by_number = {row.number: row for row in orgs.rows}
    for row in orgs.rows:
        for text in [_text(row, "name_zh"), _text(row, "short_name"), *_aliases(row)]:
            if text:
                lookup.setdefault(name_key(text), set()).add(row.number)
    seen: dict[tuple[int, int, int | None], int] = {}
    for row in table.rows:
        ends: list[int | None] = []
        for fld in ("org_a", "org_b"):
            text = _text(row, fld)
            numbers = lookup.get(name_key(text), set()) if text else set()
            if not text:
                table.problem(row, fld, "", "a value: the name of an organisation in the roster")
            elif orgs.bad:
                table.problem(row, fld, text, f"an organisation of {orgs.label}, which could not be read")
            elif not numbers:
                table.problem(row, fld, text, f"the name, short name or alias of an organisation in {orgs.label}")
            elif len(numbers) > 1:
                table.problem(row, fld, text, f"a name that identifies one organisation ({orgs.label} rows "
                              + ", ".join(map(str, sorted(numbers))) + " share it)")
            elif by_number[next(iter(numbers))].problems:
                table.problem(row, fld, text, f"an organisation that can be imported ({orgs.label} row "
                              f"{next(iter(numbers))} has a problem)")
            ends.append(next(iter(numbers)) if len(numbers) == 1 else None)
        a, b = ends
        if a is not None and a == b:
            table.problem(row, "org_b", _text(row, "org_b"), "an organisation other than 甲方 (no tie to itself)")
        codes, bad = parse_areas(row.values.get("area", ""))
        if bad:
            table.problem(row, "area", row.values.get("area"), "areas of cooperation, separated by 、: "
                          + "、".join(w[0] for w in AREA_WORDS_BY_CODE.values()) + " (a short form, or the code 1–12); not "
                          + "、".join(bad))
        since = row.values.get("since", "")
        if not _is_empty(since):
            parsed = parse_date(since)
            if isinstance(parsed, str):
                table.problem(row, "since", since, parsed)
        if a is not None and b is not None and a != b and not bad:
            for code in codes or [None]:
                key = (min(a, b), max(a, b), code)
                if key in seen and seen[key] != row.number:
                    what = f"area {code}" if code is not None else "no area"
                    table.problem(row, "area" if "area" in table.columns else "org_b", row.values.get("area", _text(row, "org_b")),
                                  f"one row per pair and area (row {seen[key]} already ties them in {what})")
                    break
                seen.setdefault(key, row.number)


# ----------------------------------------------------------------------------- writing


def _csv_text(rows: list[dict[str, str]], columns: list[str]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9._-]+", "-", unicodedata.normalize("NFKC", text).lower()).strip("-._")
    return slug or "roster"


def _organisation_rows(orgs: _Table) -> tuple[list[dict[str, str]], list[dict[str, str]], dict[int, str]]:
    good = [r for r in orgs.rows if not r.problems]
    width = max(3, len(str(len(good))))
    ids = {row.number: f"O{i:0{width}d}" for i, row in enumerate(good, start=1)}
    rows, aliases = [], []
    for row in good:
        kind = KIND_WORDS[value_key(_text(row, "kind"))]
        tier = _text(row, "council_tier")
        role = _text(row, "lead_role")
        short = _text(row, "short_name")
        rows.append({
            "id": ids[row.number], "name_zh": _text(row, "name_zh"), "name_en": _text(row, "name_en"),
            "short_name": short, "sector": KIND_SECTOR[kind], "kind": kind,
            "council_tier": TIER_WORDS[value_key(tier)] if tier else "",
            "lead_role": LEAD_ROLE_WORDS[value_key(role)] if role else "none",
            "district": _text(row, "district"), "provenance": "attested", "source_id": ROSTER_SOURCE,
            "note": _text(row, "note"),
        })
        own = {name_key(_text(row, "name_zh"))}
        for alias in [short, *_aliases(row)]:
            if alias and name_key(alias) not in own:
                own.add(name_key(alias))
                aliases.append({"alias": alias, "organisation_id": ids[row.number], "provenance": "attested",
                                "source_id": ROSTER_SOURCE})
    return rows, aliases, ids


def _partnership_rows(ties: _Table, orgs: _Table, ids: dict[int, str], source: str) -> list[dict[str, str]]:
    lookup: dict[str, int] = {}
    for row in orgs.rows:
        if row.number in ids:
            for text in [_text(row, "name_zh"), _text(row, "short_name"), *_aliases(row)]:
                if text:
                    lookup[name_key(text)] = row.number
    rows: list[dict[str, str]] = []
    for row in ties.rows:
        if row.problems:
            continue
        a, b = (ids[lookup[name_key(_text(row, f))]] for f in ("org_a", "org_b"))
        codes, _ = parse_areas(row.values.get("area", ""))
        since, note = "", _text(row, "note")
        if not _is_empty(row.values.get("since", "")):
            date, precision = parse_date(row.values["since"])  # type: ignore[misc]
            since = date.isoformat()
            if precision == "month":
                note = f"{note}; {MONTH_PRECISION_NOTE}" if note else MONTH_PRECISION_NOTE
        for code in codes or [None]:
            rows.append({"org_a": a, "org_b": b, "area": "" if code is None else str(code), "since": since,
                         "provenance": "attested", "source_id": source, "note": note})
    width = max(4, len(str(len(rows))))
    for i, r in enumerate(rows, start=1):
        r["id"] = f"P{i:0{width}d}"
    return rows


def _descriptor(name: str, title: str, roster_label: str, ties_label: str | None) -> dict[str, Any]:
    bundled = json.loads((paths.bundled_data() / "datapackage.json").read_text(encoding="utf-8"))
    bundled.pop("chanjiao:synthetic", None)
    bundled.pop("created", None)
    inputs = roster_label + (f" and {ties_label}" if ties_label else "")
    out = {"profile": bundled.get("profile", "data-package"), "name": name, "title": title,
           "description": (f"Imported by `chanjiao import` from {inputs}. Every organisation and tie is attested by "
                           "the input file it came from (source R01 for the roster, R02 for the tie list). The "
                           "vocabulary tables (areas, sectors, tiers, kinds) are those of the bundled Zhongshan 2023 "
                           "package, which cite the founding article (S01)."),
           "version": "1.0.0"}
    out.update({k: v for k, v in bundled.items() if k not in out and k not in ("sources", "keywords", "licenses", "contributors")})
    out["sources"] = [{"title": roster_label}] + ([{"title": ties_label}] if ties_label else [])
    for resource in out["resources"]:
        if resource["name"] == "organisations":
            resource["description"] = f"Member units as listed in {roster_label}."
            for f in resource["schema"]["fields"]:
                if f["name"] == "id":
                    f["description"] = "O001.. in roster order (generated by chanjiao import)."
                elif f["name"] == "name_zh":
                    f["description"] = "Name as the roster writes it (trimmed)."
        elif resource["name"] == "partnerships":
            resource["description"] = ("Ties between two member units, one row per area of cooperation (a cell naming "
                                       "several areas gives several rows). Undirected. A note 'since: month "
                                       "precision' means only the month of the start date was given.")
    return out


def _source_rows(roster: Path, ties: Path | None, publisher: str, accessed: str) -> list[dict[str, str]]:
    bundled = list(csv.DictReader(io.StringIO((paths.bundled_data() / "sources.csv").read_text(encoding="utf-8"))))
    rows = [r for r in bundled if r["id"] == "S01"]  # cited by the vocabulary tables
    rows.append({"id": ROSTER_SOURCE, "kind": "user_roster", "title": roster.name, "publisher": publisher,
                 "accessed": accessed, "note": "Organisation roster imported by chanjiao import."})
    if ties is not None and ties.resolve() != roster.resolve():
        rows.append({"id": TIES_SOURCE, "kind": "user_roster", "title": ties.name, "publisher": publisher,
                     "accessed": accessed, "note": "Tie list imported by chanjiao import."})
    return rows


def _write_package(out: Path, files: dict[str, str], overwrite: bool) -> None:
    """Stage every file in a temporary folder beside ``out``, validate it, then rename it into place."""
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp"))
    try:
        for name, text in files.items():
            (stage / name).write_text(text, encoding="utf-8", newline="")
        for name in VOCABULARY_FILES:
            shutil.copyfile(paths.bundled_data() / name, stage / name)
        problems = validate(stage)
        if problems:  # the importer checked every row: an invalid package here is a bug
            raise AssertionError("chanjiao import wrote an invalid package (a bug):\n"
                                 + "\n".join(f"  {p}" for p in problems))
        old = None
        if out.exists():
            if not overwrite and any(out.iterdir()):
                raise FileExistsError(f"{out} exists and is not empty (pass overwrite=True to replace it)")
            old = out.parent / f".{out.name}.old.{os.getpid()}"
            os.replace(out, old)
        os.replace(stage, out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


# ----------------------------------------------------------------------------- the report workbook

_BAD_FILL = "FFC7CE"  # Excel's light red "bad" fill
_ROW_FILL = "FFEB9C"  # light yellow: a row with a problem that names no column


def write_report(path: str | os.PathLike[str], tables: Iterable[_Table], problems: list[Problem]) -> Path:
    """A workbook with a copy of each input sheet (bad cells filled and commented) and a sheet listing every problem."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    from .export import deterministic_xlsx

    path = Path(path)
    wb = Workbook()
    wb.remove(wb.active)
    titles: set[str] = set()
    for table in tables:
        if table.grid is None:
            continue
        grid = table.grid
        title = (grid.sheet or grid.path.stem)[:31]
        while title in titles:
            title = title[:28] + f"({len(titles)})"
        titles.add(title)
        ws = wb.create_sheet(title)
        for r, row in enumerate(grid.raw, start=1):
            for c, value in enumerate(row, start=1):
                if not _is_empty(value):
                    ws.cell(r, c, value)
        for r0, c0, r1, c1 in grid.merged:
            ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
        columns = {text: table.columns[f] + 1 for f, text in table.headers.items()}
        width = max((len(r) for r in grid.cells), default=1)
        notes: dict[tuple[int, int], list[str]] = {}
        for p in problems:
            if p.file != table.label or p.row is None:
                continue
            if p.column in columns and p.row != table.header_row:
                notes.setdefault((p.row, columns[p.column]), []).append(f"expected {p.expected}")
            else:
                for c in range(1, width + 1):
                    ws.cell(p.row, c).fill = PatternFill("solid", fgColor=_ROW_FILL)
                notes.setdefault((p.row, 1), []).append(f"{p.column or 'row'}: expected {p.expected}")
        marks: dict[tuple[int, int], list[str]] = {}
        for (r, c), texts in sorted(notes.items()):
            # A covered cell of a merged block takes no fill or comment: its top-left cell speaks for the block.
            block = next(((r0 + 1, c0 + 1) for r0, c0, r1, c1 in grid.merged
                          if r0 + 1 <= r <= r1 + 1 and c0 + 1 <= c <= c1 + 1), None)
            target = block or (r, c)
            marks.setdefault(target, []).extend(texts if target == (r, c) else [f"row {r}: {x}" for x in texts])
        for (r, c), texts in marks.items():
            cell = ws.cell(r, c)
            cell.fill = PatternFill("solid", fgColor=_BAD_FILL)
            cell.comment = Comment("\n".join(texts), "chanjiao import", width=300, height=120)
    ws = wb.create_sheet("问题 Problems", 0)
    ws.append(["文件 file", "行 row", "列 column", "值 value", "应为 expected"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for p in problems:
        ws.append([p.file, p.row, p.column, p.value, p.expected])
    ws.freeze_panes = "A2"
    for letter, width in zip("ABCDE", (28, 8, 16, 24, 80)):
        ws.column_dimensions[letter].width = width
    wb.properties.creator = "chanjiao"
    wb.properties.created = wb.properties.modified = dt.datetime(2000, 1, 1)
    buf = io.BytesIO()
    wb.save(buf)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(deterministic_xlsx(buf.getvalue()))
    return path


# ----------------------------------------------------------------------------- the importer


def _check_columns_argument(columns: Mapping[str, str] | None) -> None:
    known = {f for role in HEADER_SYNONYMS.values() for f in role} | {IGNORE}
    for header, target in (columns or {}).items():
        if target not in known:
            raise ValueError(f"columns={{{header!r}: {target!r}}}: the target must be one of {', '.join(sorted(known))}")


def _count(table: _Table) -> FileCount:
    rows_in = len(table.rows)
    reported = rows_in if table.bad else sum(1 for r in table.rows if r.problems)
    return FileCount(table.label, rows_in, rows_in - reported, reported)


def import_roster(
    roster: str | os.PathLike[str],
    ties: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] | None = None,
    sheet: str | int | None = None,
    ties_sheet: str | int | None = None,
    columns: Mapping[str, str] | None = None,
    keep_valid: bool = False,
    report: str | os.PathLike[str] | None = None,
    *,
    name: str | None = None,
    title: str | None = None,
    publisher: str = "the researcher who supplied the roster",
    accessed: str = "",
    overwrite: bool = False,
) -> ImportResult:
    """Read a roster (and a tie list) and write a validated data package to ``out``.

    ``sheet`` / ``ties_sheet`` choose a sheet by name or 0-based index (default: the
    first sheet with a recognisable header; the tie list may be another sheet of the
    roster's workbook). ``columns`` maps other headers to fields (``"ignore"`` skips
    one). With any problem nothing is written (``result.out is None``), unless
    ``keep_valid``: then the valid rows are written and ``result.left_out`` lists
    the others. ``report`` writes a workbook with the bad cells marked and every
    problem listed. ``name`` / ``title`` name the package (default: from ``out`` and
    the roster's file name); ``accessed`` (YYYY-MM-DD) is recorded in sources.csv.
    ``out=None`` checks only. Raises ``FileExistsError`` when ``out`` is a non-empty
    folder and ``overwrite`` is false.
    """
    _check_columns_argument(columns)
    roster = Path(roster)
    ties_path = Path(ties) if ties is not None else None
    out_path = Path(out) if out is not None else None
    if out_path is not None and out_path.exists() and not overwrite and (not out_path.is_dir() or any(out_path.iterdir())):
        raise FileExistsError(f"{out_path} exists and is not empty (pass overwrite=True to replace it)")

    orgs = _read_table(roster, "organisations", sheet, columns)
    tables = [orgs]
    if not orgs.bad:
        _check_organisations(orgs)
        if not orgs.rows:
            orgs.file_problems.append(Problem(orgs.label, orgs.header_row, None, None,
                                              "at least one organisation below the header"))
    tie_table: _Table | None = None
    if ties_path is not None:
        tie_table = _read_table(ties_path, "ties", ties_sheet, columns)
        if tie_table.grid is not None and orgs.grid is not None and tie_table.label == orgs.label and not tie_table.bad:
            tie_table.file_problems.append(Problem(tie_table.label, None, None, None,
                                                   "a tie list in another sheet or file than the roster (use ties_sheet=)"))
        if not tie_table.bad:
            _check_ties(tie_table, orgs)
        tables.append(tie_table)

    problems = [p for t in tables for p in t.file_problems + [q for r in t.rows for q in r.problems]]
    problems = sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.column or "", p.expected))
    result = ImportResult(out=None, problems=problems, counts=[_count(t) for t in tables],
                          ignored_columns=[(t.label, h) for t in tables for h in t.ignored])
    if keep_valid:
        for t in tables:
            for row in t.rows:
                if row.problems or t.bad:
                    why = "; ".join(f"{p.column or 'row'}: expected {p.expected}" for p in row.problems) \
                        or "; ".join(p.expected for p in t.file_problems)
                    result.left_out.append(LeftOut(t.label, row.number, why))
    if report is not None:
        result.report = write_report(report, tables, problems)

    can_write = not orgs.bad and any(not r.problems for r in orgs.rows)
    if (problems and not keep_valid) or not can_write:
        return result
    org_rows, alias_rows, ids = _organisation_rows(orgs)
    tie_rows: list[dict[str, str]] = []
    ties_label = None
    if tie_table is not None and not tie_table.bad:
        same_file = ties_path is not None and ties_path.resolve() == roster.resolve()
        tie_rows = _partnership_rows(tie_table, orgs, ids, ROSTER_SOURCE if same_file else TIES_SOURCE)
        ties_label = None if same_file else tie_table.label
    result.tables = {"organisations": org_rows, "partnerships": tie_rows, "aliases": alias_rows}
    if out_path is None:
        return result
    descriptor = _descriptor(name or _slug(out_path.name), title or f"{roster.stem} (imported roster)",
                             orgs.label if orgs.grid is not None else roster.name, ties_label)
    files = {
        "datapackage.json": json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n",
        "sources.csv": _csv_text(_source_rows(roster, ties_path, publisher, accessed), SOURCE_COLUMNS),
        "organisations.csv": _csv_text(org_rows, ORGANISATION_COLUMNS),
        "partnerships.csv": _csv_text(tie_rows, PARTNERSHIP_COLUMNS),
        "aliases.csv": _csv_text(alias_rows, ALIAS_COLUMNS),
        "events.csv": _csv_text([], EVENT_COLUMNS),
    }
    _write_package(out_path, files, overwrite)
    result.out = out_path
    return result


# ----------------------------------------------------------------------------- blank templates

#: Headers of the blank templates (Chinese; the importer reads them back exactly).
TEMPLATE_HEADERS = {
    "organisations": ["单位名称", "英文名称", "简称", "单位类型", "所属方", "理事会职务", "牵头角色", "所在镇街", "备注"],
    "ties": ["甲方", "乙方", "合作内容", "开始时间", "备注"],
}
_TEMPLATE_LISTS = {
    "单位类型": [w[0] for w in KIND_WORDS_BY_CODE.values()],
    "所属方": [w[0] for w in SECTOR_WORDS_BY_CODE.values()],
    "理事会职务": [w[0] for w in TIER_WORDS_BY_CODE.values()],
    "牵头角色": [w[0] for w in LEAD_ROLE_WORDS_BY_CODE.values()],
    "合作内容": [w[0] for w in AREA_WORDS_BY_CODE.values()],
}
TEMPLATE_ROWS = 1000  # rows that carry the drop-down lists


def _template_xlsx(role: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from .export import deterministic_xlsx

    headers = TEMPLATE_HEADERS[role]
    wb = Workbook()
    ws = wb.active
    ws.title = "成员单位" if role == "organisations" else "合作关系"
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    lists = wb.create_sheet("选项")
    lists.sheet_state = "hidden"
    list_col = 0
    for i, header in enumerate(headers, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = 36 if header in ("单位名称", "甲方", "乙方", "合作内容") else 16
        if header not in _TEMPLATE_LISTS:
            continue
        list_col += 1
        words = _TEMPLATE_LISTS[header]
        list_letter = get_column_letter(list_col)
        lists.cell(1, list_col, header)
        for r, word in enumerate(words, start=2):
            lists.cell(r, list_col, word)
        several = header == "合作内容"
        dv = DataValidation(
            type="list", formula1=f"'选项'!${list_letter}$2:${list_letter}${len(words) + 1}", allow_blank=True,
            showErrorMessage=True, errorStyle="warning" if several else "stop",
            errorTitle=header, error=("Several areas: separate them with 、 (岗位实习、订单培养)" if several
                                      else "Choose a value from the list"),
            promptTitle=header, prompt="Choose from the list" + ("; several: separate with 、" if several else ""),
            showInputMessage=True)
        dv.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
        ws.add_data_validation(dv)
    wb.properties.creator = "chanjiao"
    wb.properties.created = wb.properties.modified = dt.datetime(2000, 1, 1)
    buf = io.BytesIO()
    wb.save(buf)
    return deterministic_xlsx(buf.getvalue())


def template_files() -> dict[str, bytes]:
    """The blank templates, by file name: organisations/ties as .xlsx (drop-down lists) and .csv (UTF-8 with BOM)."""
    files = {}
    for role, stem in (("organisations", "organisations"), ("ties", "ties")):
        files[f"{stem}.xlsx"] = _template_xlsx(role)
        files[f"{stem}.csv"] = (",".join(TEMPLATE_HEADERS[role]) + "\r\n").encode("utf-8-sig")
    return files


def write_templates(folder: str | os.PathLike[str] | None = None) -> list[Path]:
    """Write the blank templates (default: ``data/templates``); byte-identical on every run."""
    folder = Path(folder) if folder is not None else paths.DATA_DIR / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in template_files().items():
        path = folder / name
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; templates are ordinary files
        os.replace(tmp, path)
        written.append(path)
    return written
