"""Writing: the rows, descriptor and sources of the data package, the package itself, and the report workbook."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .. import files, paths
from ..loading import Problem, name_key, validate
from .cells import _is_empty, parse_areas, parse_date
from .check import _aliases, _Table, _text
from .words import KIND_SECTOR, KIND_WORDS, LEAD_ROLE_WORDS, TIER_WORDS, value_key

ORGANISATION_COLUMNS = ["id", "name_zh", "name_en", "short_name", "sector", "kind", "council_tier",
                        "lead_role", "district", "provenance", "source_id", "note"]
PARTNERSHIP_COLUMNS = ["id", "org_a", "org_b", "area", "since", "provenance", "source_id", "note"]
ALIAS_COLUMNS = ["alias", "organisation_id", "provenance", "source_id"]
#: The bundled sources table's columns. The roster's own rows leave ``title_en`` and ``publisher_en`` empty: figures
#: name a roster by its file name, and show the publisher (by default already English) as written.
SOURCE_COLUMNS = ["id", "kind", "title", "title_en", "publisher", "publisher_en", "date", "url", "accessed",
                  "licence", "note"]
EVENT_COLUMNS = ["date", "precision", "what_zh", "what_en", "provenance", "source_id"]
#: Vocabulary tables copied unchanged from the bundled package.
VOCABULARY_FILES = ("areas.csv", "sectors.csv", "tiers.csv", "kinds.csv")
#: Note added to a tie whose start date was given to the month only.
MONTH_PRECISION_NOTE = "since: month precision"
ROSTER_SOURCE, TIES_SOURCE = "R01", "R02"


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


#: The command whose earlier outputs an import may replace (see :mod:`chanjiao_utils.files`).
COMMAND = "import"


def _write_package(out: Path, contents: dict[str, str], inputs: Iterable[Path] = ()) -> None:
    """Build the package in a staging folder beside ``out``, validate it, then swap it into place.

    ``out`` is replaced only when it is empty or wholly an earlier import, and never when it holds an input
    (:func:`chanjiao_utils.files.replace_folder`); staging folders of killed imports are removed first.
    """
    inputs = list(inputs)
    files.check_folder_target(out, COMMAND, inputs)
    files.clean_stale(out.parent, out.name, COMMAND)
    with files.staging_folder(out.parent, out.name, COMMAND) as stage:
        built = stage / out.name
        built.mkdir()
        for name, text in contents.items():
            (built / name).write_text(text, encoding="utf-8", newline="")
        for name in VOCABULARY_FILES:
            shutil.copyfile(paths.bundled_data() / name, built / name)
        problems = validate(built)
        if problems:  # the importer checked every row: an invalid package here is a bug
            raise AssertionError("chanjiao import wrote an invalid package (a bug):\n"
                                 + "\n".join(f"  {p}" for p in problems))
        files.replace_folder(built, out, COMMAND, inputs)


# ----------------------------------------------------------------------------- the report workbook

_BAD_FILL = "FFC7CE"  # Excel's light red "bad" fill
_ROW_FILL = "FFEB9C"  # light yellow: a row with a problem that names no column


def write_report(path: str | os.PathLike[str], tables: Iterable[_Table], problems: list[Problem]) -> Path:
    """A workbook with a copy of each input sheet (bad cells filled and commented) and a sheet listing every problem.

    Written atomically; every input cell is written as it was typed but never as a formula (text that starts
    like one stays text), and characters a workbook cannot hold are shown as ``\\uXXXX``.
    """
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    from ..export import deterministic_xlsx

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
                    files.xlsx_text_cell(ws.cell(r, c, _xml_safe(value)))  # a formula in the input stays text
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
            cell.comment = Comment(_xml_safe("\n".join(texts)), "chanjiao import", width=300, height=120)
    ws = wb.create_sheet("问题 Problems", 0)
    ws.append(["文件 file", "行 row", "列 column", "值 value", "应为 expected"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for p in problems:
        ws.append([_xml_safe(v) for v in (p.file, p.row, p.column, p.value, p.expected)])
    for cells in ws.iter_rows(min_row=2):
        for cell in cells:
            files.xlsx_text_cell(cell)
    ws.freeze_panes = "A2"
    for letter, width in zip("ABCDE", (28, 8, 16, 24, 80)):
        ws.column_dimensions[letter].width = width
    wb.properties.creator = "chanjiao"
    wb.properties.created = wb.properties.modified = dt.datetime(2000, 1, 1)
    buf = io.BytesIO()
    wb.save(buf)
    return files.atomic_write(path, deterministic_xlsx(buf.getvalue()))


def _xml_safe(value: Any) -> Any:
    """Text with the characters a workbook cannot hold (control characters …) written as ``\\uXXXX``, as the
    problem list shows them; anything else unchanged."""
    from ..export import XML_ILLEGAL

    return XML_ILLEGAL.sub(lambda m: f"\\u{ord(m.group()):04x}", value) if isinstance(value, str) else value
