"""Inspecting a zip-based workbook (.xlsx, .xlsm, .ods) before python-calamine reads it.

A 6 KB workbook can ask for hundreds of GB: python-calamine allocates a dense table from A1 to the
last cell holding a value (one cell at XFD1048576 asks for 512 GiB and aborts the process), and a
1 MB zip can inflate to gigabytes of sheet XML. :func:`check_zip` looks first, in bounded memory,
against the limits of :mod:`.limits`:

1. at most :data:`MAX_PARTS` parts, each at most :data:`MAX_PART_BYTES` unpacked, all together at
   most :data:`MAX_UNPACKED_BYTES`, and none above :data:`RATIO_FROM` that packs more than
   :data:`MAX_RATIO` times (sizes from the zip's directory, before anything is inflated);
2. every part is then inflated as a stream (:data:`_CHUNK` at a time; Python's zipfile stops at
   the declared size and checks the CRC, so a directory that lies is caught) and scanned for
   DOCTYPE / ENTITY declarations (external entities, billion laughs), which no workbook needs;
3. every cell tag ``<c r="…">`` with content (an empty ``<c r="…" s="1"/>`` or ``<c …></c>`` is
   formatting, not data, and python-calamine skips it) gives the sheet's extent, checked against
   :data:`MAX_ROWS`, :data:`MAX_COLUMNS` and :data:`MAX_CELLS`. Cells written without a
   reference (rare) count as if each were one column further right.

The ``<dimension>`` a sheet declares is not trusted or needed: python-calamine ignores it, and
careless files often declare a whole sheet. In an .ods (content.xml), rows and cells repeated
with ``number-rows-repeated`` / ``number-columns-repeated`` count as often as they repeat when
they hold a value (empty repeats, which LibreOffice writes at the end of every sheet, do not).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from xml.etree import ElementTree

from .limits import (
    MAX_PART_BYTES, MAX_PARTS, MAX_RATIO, MAX_UNPACKED_BYTES, MIB, RATIO_FROM, Extent, _mb, _Unreadable, column_number,
    extent_problem,
)

_CHUNK = 4 * MIB
#: Longest XML tag the scan carries from one chunk to the next; a longer one is refused (no workbook writes one).
_MAX_TAG = 1 * MIB
_SAVE_AGAIN = "open it in Excel or LibreOffice and save it again as .xlsx"

_PREFIX = rb"<(?:[A-Za-z_][\w.-]*:)?"
# Attributes, quote-aware (a quoted value may hold > or r="..."), up to the next attribute named r.
_ATTRS = rb"""[^>"'\s]*(?:(?:"[^"]*"|'[^']*'|\s(?!r\s*=))[^>"'\s]*)*"""
_REF = rb"""(?:(["'])([A-Za-z]+)(\d+)\1)?"""  # empty groups: a reference that does not read as A1
_DTD = re.compile(rb"<![DdEe]|<\x00!\x00[DdEe]\x00")  # <!DOCTYPE, <!ENTITY, <!ELEMENT; also in UTF-16
_CELL_TAG = re.compile(_PREFIX + rb"c[\s/>]")
#: A cell with a reference: (quote, letters, digits, a second r attribute).
_CELL_R = re.compile(_PREFIX + rb"c(?=\s)" + _ATTRS + rb"\sr\s*=\s*" + _REF + rb"(?=(" + _ATTRS + rb"\sr\s*=)?)")
#: A cell with content (not <c .../> nor <c ...></c>, as openpyxl writes empty formatted cells with lxml).
_CELL_VALUE = re.compile(_PREFIX + rb"c(?=\s)" + _ATTRS + rb"\sr\s*=\s*" + _REF
                         + rb"""[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*(?<!/)>(?!\s*</(?:[\w.-]+:)?c>)""")
_ROW_TAG = re.compile(_PREFIX + rb"row[\s/>]")
_ROW_R = re.compile(_PREFIX + rb"row(?=\s)" + _ATTRS + rb"""\sr\s*=\s*(?:(["'])(\d+)\1)?""")
#: The form Excel, LibreOffice and openpyxl write: when every <c in a chunk reads so, one quick pass measures it.
_PLAIN_CELL = re.compile(rb'<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"[ />]')
_SPACED_R = re.compile(rb"r\s+=")


def _check_directory(zf: zipfile.ZipFile) -> None:
    total = 0
    for info in zf.infolist():
        total += info.file_size
        if info.file_size > MAX_PART_BYTES:
            raise _Unreadable(f"workbook parts of at most {_mb(MAX_PART_BYTES)} unpacked (a roster sheet is a few MB): "
                              "delete the empty formatted rows and columns, or " + _SAVE_AGAIN,
                              value=f"{info.filename}: {_mb(info.file_size)} unpacked from {_mb(info.compress_size)}")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FROM and ratio > MAX_RATIO:
            raise _Unreadable(f"workbook parts packed at most {MAX_RATIO}× (a roster packs 5–30×; this looks like a zip "
                              "bomb): " + _SAVE_AGAIN,
                              value=f"{info.filename}: {_mb(info.file_size)} packed into {_mb(info.compress_size)}")
    if total > MAX_UNPACKED_BYTES:
        raise _Unreadable(f"a workbook of at most {_mb(MAX_UNPACKED_BYTES)} unpacked: delete unused sheets, or "
                          + _SAVE_AGAIN, value=f"{_mb(total)} unpacked")


class _Scan:
    """The running extent of one part: the largest row and column letters seen, cells and rows counted."""

    def __init__(self, part: str) -> None:
        self.part, self.row, self.row_r, self.rows, self.tags, self.with_r = part, 0, 0, 0, 0, 0
        self.letters: set[bytes] = set()

    def add(self, refs: list[tuple[bytes, bytes]]) -> None:
        if refs:
            self.row = max(self.row, max(map(int, (d for _, d in refs))))
            self.letters.update(letters for letters, _ in refs)

    def chunk(self, part: bytes, valued_only: bool) -> None:
        """Measure one chunk: the quick pass when every cell is written plainly, the careful one otherwise."""
        if not valued_only and b":c" not in part and not _SPACED_R.search(part):
            plain = _PLAIN_CELL.findall(part)
            if len(plain) == part.count(b"<c") and part.count(b"r=") == len(plain) + part.count(b'<row r="'):
                self.tags += len(plain)  # one reference in each cell, rows numbered: nothing else to count
                self.with_r += len(plain)
                return self.add(plain)
        found = _CELL_R.findall(part)
        if any(not letters or second for _, letters, _, second in found):
            raise _Unreadable("one cell reference such as A1 in each cell (r=\"A1\"): " + _SAVE_AGAIN,
                              value=f"{self.part}: a cell with another reference, or two")
        self.with_r += len(found)
        self.tags += len(_CELL_TAG.findall(part))
        pattern = _CELL_VALUE if valued_only else None
        self.add([(x.upper(), d) for _, x, d, *_ in (pattern.findall(part) if pattern else found)])
        if self.tags > self.with_r:  # cells without a reference sit in their row: measure the rows
            rows = _ROW_R.findall(part)
            if any(not digits for _, digits in rows):
                raise _Unreadable("row numbers such as 1 (r=\"1\"): " + _SAVE_AGAIN, value=self.part)
            self.rows += len(_ROW_TAG.findall(part))
            self.row_r = max([self.row_r, *(int(d) for _, d in rows)])

    def extent(self) -> Extent:
        max_col = max((column_number(c.decode()) for c in self.letters), default=0)
        if self.tags > self.with_r:  # each cell without a reference may sit one column right of the last
            return Extent(max(self.row, self.row_r) + self.rows, max_col + self.tags - self.with_r)
        last = max(self.letters, key=lambda c: (len(c), c)).decode() + str(self.row) if self.letters else ""
        return Extent(self.row, max_col, last)


def _scan_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, valued_only: bool = False) -> Extent:
    """Stream one part: refuse DTDs and odd or overlong tags; return the extent of its cells (0 × 0 if none).

    The extent counts every cell with a reference, empty or not; ``valued_only`` counts the cells with content
    only (slower: for a sheet over the limits, to tell formatting from data).
    """
    carry = tail = b""
    scan = _Scan(info.filename)
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            buf = carry + chunk
            cut = len(buf)
            if chunk:
                lt = buf.rfind(b"<")
                if lt >= 0 and buf.find(b">", lt) < 0:
                    cut = lt  # an open tag waits for the next chunk
            part, carry = buf[:cut], buf[cut:]
            if len(carry) > _MAX_TAG:
                raise _Unreadable(f"XML tags shorter than {_mb(_MAX_TAG)}: " + _SAVE_AGAIN,
                                  value=f"{info.filename}: a tag longer than {_mb(_MAX_TAG)}")
            window = tail + part  # with the end of the last part: a UTF-16 declaration may straddle the cut
            found, tail = _DTD.search(window), part[-8:]
            if found:
                raise _Unreadable("XML without a DOCTYPE or ENTITY declaration (they can read other files or expand "
                                  "to gigabytes; Excel never writes them): " + _SAVE_AGAIN,
                                  value=f"{info.filename}: {window[found.start():found.start() + 24].decode('latin-1')}…")
            scan.chunk(part, valued_only)
            if scan.tags > scan.with_r and extent_problem(scan.extent()):
                break  # over the limits for good: cells without a reference count whether empty or not
            if not chunk:
                break
    return scan.extent()


_ODS_TAG = re.compile(rb"""<(/?)(?:[\w.-]+:)?(table|table-row|table-cell|covered-table-cell)(?=[\s/>])"""
                      rb"""((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_ODS_REPEAT = re.compile(rb"""number-(?:rows|columns)-repeated\s*=\s*["'](\d+)["']""")
_ODS_NAME = re.compile(rb"""(?:^|\s)(?:[\w.-]+:)?name\s*=\s*["']([^"']*)["']""")


def _scan_ods(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Refuse an OpenDocument sheet whose repeated rows and cells with content reach beyond the limits.

    Repeats are normal for empty rows and cells (LibreOffice ends every sheet so); python-calamine expands the
    ones that hold a value. One Python step per tag: .ods rosters are small, and the part size is bounded.
    """
    data = zf.read(info)  # at most MAX_PART_BYTES, already streamed once by _scan_part
    name, row, rows, columns, col, valued = "", 0, 0, 0, 0, False
    for m in _ODS_TAG.finditer(data):
        closing, tag, attrs = m.group(1), m.group(2), m.group(3)
        repeat = int(_ODS_REPEAT.search(attrs).group(1)) if b"repeated" in attrs else 1
        if tag == b"table" and not closing:
            found = _ODS_NAME.search(attrs)
            name, row, rows, columns = (found.group(1).decode("utf-8", "replace") if found else ""), 0, 0, 0
        elif tag == b"table-row" and not closing:
            col, valued, row_repeat = 0, False, repeat
            row_start = row
            row += repeat
        elif tag == b"table-row" and closing and valued:
            rows = max(rows, row_start + row_repeat)
        elif tag in (b"table-cell", b"covered-table-cell") and not closing:
            if not attrs.endswith(b"/") or b"value-type" in attrs:
                valued, columns = True, max(columns, col + repeat)
            col += repeat
        problem = extent_problem(Extent(rows, columns))
        if problem:
            raise _Unreadable(problem[1], value=problem[0], sheet=name or info.filename)


def _sheet_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """Part name → sheet name, from xl/workbook.xml and its relationships (empty when they cannot be read)."""
    try:
        book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, OSError):
        return {}
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    targets = {r.get("Id"): r.get("Target") or "" for r in rels}
    names = {}
    for sheet in book.iter():
        if sheet.tag.rsplit("}", 1)[-1] == "sheet" and sheet.get(rid) in targets:
            target = targets[sheet.get(rid)]
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            names[part] = sheet.get("name") or part
    return names


def check_zip(data: bytes) -> None:
    """Raise :class:`_Unreadable` unless the zip ``data`` is within every limit of this module."""
    if data.count(b"PK\x01\x02") > MAX_PARTS:  # directory entries (an upper bound), before ZipFile reads them all
        raise _Unreadable(f"a workbook of at most {MAX_PARTS:,} parts: " + _SAVE_AGAIN, value="more parts")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            _check_directory(zf)
            over = []
            for info in zf.infolist():
                if info.filename == "content.xml":  # OpenDocument: repeated rows and cells, no references
                    _scan_part(zf, info)
                    _scan_ods(zf, info)
                    continue
                problem = extent_problem(_scan_part(zf, info))
                if problem:  # empty formatted cells count so far; look again at the cells with content only
                    problem = extent_problem(_scan_part(zf, info, valued_only=True))
                if problem:
                    over.append((info.filename, problem))
            if over:  # every part is free of DTDs now: the workbook's own XML may be parsed for the sheet name
                name, (found, expected) = over[0]
                raise _Unreadable(expected, value=found, sheet=_sheet_names(zf).get(name, name))
    except _Unreadable:
        raise
    except Exception as exc:  # BadZipFile (bad CRC, a size that lies), encrypted or unknown compression, ...
        raise _Unreadable(f"a readable .xlsx or .ods workbook ({type(exc).__name__}: {exc}): " + _SAVE_AGAIN) from exc
