"""Finding the header of a grid and checking its rows: every value that cannot be read becomes a Problem."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..loading import Problem, name_key
from .cells import NOT_XML, NOT_XML_EXPECTED, _is_empty, cell_text, escape_not_xml, parse_areas, parse_date
from .read import Grid, _Unreadable, read_grids
from .words import (
    AREA_WORDS_BY_CODE, HEADER_SYNONYMS, IGNORE, KIND_SECTOR, KIND_WORDS, KIND_WORDS_BY_CODE, LEAD_ROLE_WORDS,
    REQUIRED, SECTOR_WORDS, SECTOR_WORDS_BY_CODE, TIER_WORDS, TIER_WORDS_BY_CODE, header_key, value_key,
)


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


#: At most this many other rows are named in one problem (a careless roster may repeat one name thousands of times).
NAMED_ROWS = 5
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
    except PermissionError:
        return _Table(role, None, label, file_problems=[Problem(label, None, None, str(path), "a file you may read")])
    except _Unreadable as exc:
        where = label if exc.sheet is None else f"{label} [{exc.sheet}]"
        return _Table(role, None, where, file_problems=[Problem(where, None, None, exc.value, exc.expected)])
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


def _text(row: _Row, fld: str) -> str:
    return cell_text(row.values.get(fld, ""))


def _check_characters(table: _Table) -> None:
    """Report each text cell holding a character that XML (so GEXF and GraphML) cannot carry."""
    for row in table.rows:
        for fld, value in row.values.items():
            if isinstance(value, str) and NOT_XML.search(value):
                table.problem(row, fld, escape_not_xml(value), NOT_XML_EXPECTED)


def _check_organisations(table: _Table) -> None:
    _check_characters(table)
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
        per_row = Counter(id(r) for r, _, _ in claimants)
        if len(per_row) < 2:
            continue
        first = [(r, f"row {r.number} ({'name' if f == 'name_zh' else 'short name' if f == 'short_name' else 'alias'} "
                  f"{t!r})") for r, f, t in claimants[:NAMED_ROWS + 3]]
        for row, fld, text in claimants:  # linear in the claimants: a roster may repeat one name 100,000 times
            others = [d for r, d in first if r is not row][:NAMED_ROWS]
            more = len(claimants) - per_row[id(row)] - len(others)
            said = ", ".join(others) + (f" and {more:,} more rows are" if more > 0 else " is")
            table.problem(row, fld, text, "a name, short name or alias no other organisation has ("
                          + said + " the same once width and spaces are normalised)")


def _aliases(row: _Row) -> list[str]:
    text = unicodedata.normalize("NFKC", _text(row, "aliases")) if _text(row, "aliases") else ""
    return [a.strip() for a in re.split(r"[、,;；|\n]", text) if a.strip()]


def _check_ties(table: _Table, orgs: _Table) -> None:
    _check_characters(table)
    lookup: dict[str, set[int]] = {}
    by_number = {row.number: row for row in orgs.rows}
    for row in orgs.rows:
        for text in [_text(row, "name_zh"), _text(row, "short_name"), *_aliases(row)]:
            if text:
                lookup.setdefault(name_key(text), set()).add(row.number)
    seen: dict[tuple[int, int, int | None], int] = {}
    shared: dict[str, str] = {}
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
                key = name_key(text)
                if key not in shared:  # said once per name: many ties may name one that many rows share
                    listed = sorted(numbers)
                    shared[key] = (", ".join(map(str, listed[:NAMED_ROWS]))
                                   + (f" and {len(listed) - NAMED_ROWS:,} more" if len(listed) > NAMED_ROWS else ""))
                table.problem(row, fld, text, f"a name that identifies one organisation ({orgs.label} rows "
                              + shared[key] + " share it)")
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
