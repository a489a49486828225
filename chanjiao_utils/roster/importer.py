"""The importer: :func:`import_roster` reads, checks and (when asked) writes, and says what it did."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .. import files
from ..loading import Problem
from .check import _check_organisations, _check_ties, _read_table, _Table
from .words import HEADER_SYNONYMS, IGNORE
from .write import (
    COMMAND,
    ALIAS_COLUMNS, EVENT_COLUMNS, ORGANISATION_COLUMNS, PARTNERSHIP_COLUMNS, ROSTER_SOURCE, SOURCE_COLUMNS,
    TIES_SOURCE, _csv_text, _descriptor, _organisation_rows, _partnership_rows, _slug, _source_rows,
    _write_package, write_report,
)


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
    ``out=None`` checks only. ``out`` is replaced only when it is empty or an earlier import
    (with ``overwrite``), never when it holds the roster or the tie list; ``report`` never
    overwrites an input or a file chanjiao did not write (:class:`~chanjiao_utils.files.OutputError`).
    """
    _check_columns_argument(columns)
    roster = Path(roster)
    ties_path = Path(ties) if ties is not None else None
    out_path = Path(out) if out is not None else None
    inputs = [roster] + ([ties_path] if ties_path is not None else [])
    if out_path is not None:  # refused before anything is read: a folder that holds an input, or not ours
        files.check_folder_target(out_path, COMMAND, inputs)
        if not overwrite and out_path.is_dir() and any(out_path.iterdir()):
            raise files.OutputError(f"{out_path} holds an earlier import: pass --force (overwrite=True) to replace "
                                    "it (nothing was changed)")
    if report is not None:
        report = files.check_file_target(report, inputs, ours=files.is_our_office_file, what="problem workbook")
        if out_path is not None and Path(report).resolve().is_relative_to(out_path.resolve()):
            raise files.OutputError(f"{report} is inside the output folder {out_path}, which an import replaces: "
                                    "write the problem workbook elsewhere (nothing was changed)")

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
    contents = {
        "datapackage.json": json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n",
        "sources.csv": _csv_text(_source_rows(roster, ties_path, publisher, accessed), SOURCE_COLUMNS),
        "organisations.csv": _csv_text(org_rows, ORGANISATION_COLUMNS),
        "partnerships.csv": _csv_text(tie_rows, PARTNERSHIP_COLUMNS),
        "aliases.csv": _csv_text(alias_rows, ALIAS_COLUMNS),
        "events.csv": _csv_text([], EVENT_COLUMNS),
    }
    _write_package(out_path, contents, inputs)
    result.out = out_path
    return result
