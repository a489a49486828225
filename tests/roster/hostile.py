"""Build hostile and careless input files at test time (never committed: the bombs are made, not stored).

Each builder writes one file into ``folder`` and returns its path. Workbooks are written by hand
(a minimal .xlsx: content types, workbook, one or two sheets with inline strings) so that a test
can put exactly the hostile construct in: a huge merged range, a cell at XFD1048576, a DOCTYPE, a
part that inflates to a gigabyte. The zip bombs are made in well under a second: one block of
sheet XML is deflated once with a full flush, and the compressed block is repeated (a full flush
resets the compressor, so the repetition is a valid deflate stream of the repeated text).

    python tests/roster/hostile.py /tmp/hostile     # write every file, to look at them
"""

from __future__ import annotations

import os
import struct
import sys
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from xml.sax.saxutils import escape

HEADER = ["单位名称", "单位类型"]
ROWS = [["示例学校", "中职学校"], ["示例公司", "企业"]]

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '{sheets}</Types>')
_SHEET_TYPE = ('<Override PartName="/xl/worksheets/sheet{i}.xml" '
               'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheets}</sheets></workbook>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
_SHEET_REL = ('<Relationship Id="rId{i}" '
              'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
              'Target="worksheets/sheet{i}.xml"/>')
_SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{doctype}'
               '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dimension}<sheetData>')


def column_letters(index: int) -> str:
    """0-based column index → Excel letters (0 → A, 16383 → XFD)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell(ref: str, text: str) -> str:
    """One inline-string cell (text is XML-escaped; pass raw XML through ``raw_cells`` instead)."""
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def rows_xml(rows: list[list[str]], first_row: int = 1) -> str:
    out = []
    for r, row in enumerate(rows, start=first_row):
        cells = "".join(cell(f"{column_letters(c)}{r}", v) for c, v in enumerate(row) if v != "")
        out.append(f'<row r="{r}">{cells}</row>')
    return "".join(out)


def sheet_xml(rows: list[list[str]] | None = None, *, extra: str = "", merges: Iterable[str] = (),
              dimension: str | None = None, doctype: str = "") -> str:
    """A worksheet part: the rows, then ``extra`` raw XML inside <sheetData>, then the merged ranges."""
    merges = list(merges)
    merge_xml = "".join(f'<mergeCell ref="{m}"/>' for m in merges)
    merge_xml = f'<mergeCells count="{len(merges)}">{merge_xml}</mergeCells>' if merge_xml else ""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (_SHEET_HEAD.format(doctype=doctype, dimension=dim) + rows_xml(rows if rows is not None else [HEADER, *ROWS])
            + extra + "</sheetData>" + merge_xml + "</worksheet>")


def _deflate(data: bytes) -> bytes:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def write_zip(path: Path, parts: list[tuple[str, bytes | tuple[bytes, int, int]]]) -> Path:
    """A zip of deflated parts, written by hand. A part is its bytes, or (raw deflate, crc32, size) made elsewhere
    (the size may lie: the header says what the caller says)."""
    local, central = bytearray(), bytearray()
    for name, data in parts:
        if isinstance(data, bytes):
            comp, crc, size = _deflate(data), zlib.crc32(data), len(data)
        else:
            comp, crc, size = data
        name_b = name.encode()
        offset = len(local)
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, 8, 0, 0x21, crc, len(comp), size, len(name_b), 0)
        local += name_b + comp
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x800, 8, 0, 0x21, crc, len(comp), size,
                               len(name_b), 0, 0, 0, 0, 0, offset) + name_b
    n = len(parts)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, len(central), len(local), 0)
    path.write_bytes(bytes(local + central + end))
    return path


def xlsx(path: Path, sheets: dict[str, str | bytes | tuple[bytes, int, int]],
         extra_parts: Iterable[tuple[str, bytes]] = ()) -> Path:
    """A workbook with the given sheets (name → worksheet XML, or a prepared part for a bomb)."""
    names = list(sheets)
    types = _CONTENT_TYPES.format(sheets="".join(_SHEET_TYPE.format(i=i) for i in range(1, len(names) + 1)))
    book = _WORKBOOK.format(sheets="".join(f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>'
                                           for i, n in enumerate(names, start=1)))
    rels = _WORKBOOK_RELS.format(rels="".join(_SHEET_REL.format(i=i) for i in range(1, len(names) + 1)))
    parts: list[tuple[str, bytes | tuple[bytes, int, int]]] = [
        ("[Content_Types].xml", types.encode()), ("_rels/.rels", _RELS.encode()),
        ("xl/workbook.xml", book.encode()), ("xl/_rels/workbook.xml.rels", rels.encode())]
    for i, name in enumerate(names, start=1):
        body = sheets[name]
        parts.append((f"xl/worksheets/sheet{i}.xml", body.encode() if isinstance(body, str) else body))
    parts += list(extra_parts)
    return write_zip(path, parts)


def bomb_part(total: int, *, declared: int | None = None) -> tuple[bytes, int, int]:
    """A worksheet part that inflates to about ``total`` bytes: the roster, then rows of cells repeated."""
    head = (sheet_xml()[: -len("</sheetData></worksheet>")]).encode()
    block = ("<row>" + '<c t="inlineStr"><is><t>x</t></is></c>' * 100 + "</row>").encode() * 256
    tail = b"</sheetData></worksheet>"
    count = max(1, (total - len(head) - len(tail)) // len(block))
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    repeated = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    assert again == repeated, "a full flush must make the compressed block repeatable"
    last = c.compress(tail) + c.flush()
    comp = first + repeated * (count - 1) + again + last
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + len(block) * count + len(tail)
    return comp, crc, size if declared is None else declared


# ----------------------------------------------------------------------------- the hostile files

def merge_bomb(folder: Path) -> Path:
    """A 1 KB workbook whose one merged range covers C2:XFD1048576 (filling it once took 7.8 GB)."""
    return xlsx(folder / "merge_bomb.xlsx", {"Sheet1": sheet_xml(merges=["C2:XFD1048576"])})


def far_cell(folder: Path) -> Path:
    """One cell at XFD1048576 below the roster (python-calamine asked for 512 GiB and aborted)."""
    return xlsx(folder / "far_cell.xlsx", {"Sheet1": sheet_xml(extra='<row r="1048576">' + cell("XFD1048576", "x")
                                                               + "</row>")})


def junk_before_zip(folder: Path) -> Path:
    """The far cell behind 400 bytes of junk: zip readers find a zip from its end, so calamine still reads it."""
    path = far_cell(folder)
    target = folder / "junk_before_zip.xlsx"
    target.write_bytes(b"junk" * 100 + path.read_bytes())
    path.unlink()
    return target


def far_dimension(folder: Path) -> Path:
    """A sheet that declares a 1,048,576 × 16,384 extent (<dimension ref="A1:XFD1048576">)."""
    return xlsx(folder / "far_dimension.xlsx", {"Sheet1": sheet_xml(dimension="A1:XFD1048576")})


def formatted_far_cell(folder: Path) -> Path:
    """A careless sheet: empty formatted cells down to XFD1048576, written <c/> and <c></c> (openpyxl with lxml)."""
    return xlsx(folder / "formatted_far_cell.xlsx", {"Sheet1": sheet_xml(
        extra='<row r="1048575"><c r="XFD1048575" s="1"/></row>'
        '<row r="1048576"><c r="XFD1048576" s="1" t="n"></c></row>')})


def sneaky_cell(folder: Path, how: str) -> Path:
    """A far cell written so that a naive scan would miss it: ``how`` is one of :data:`SNEAKY`."""
    return xlsx(folder / f"sneaky_{how}.xlsx", {"Sheet1": sheet_xml(extra=SNEAKY[how])})


#: Far cells written oddly; python-calamine reads each of them (and allocates the whole sheet).
SNEAKY = {
    "single_quotes": "<row r='1048576'><c r='XFD1048576' t='inlineStr'><is><t>x</t></is></c></row>",
    "lower_case": '<row r="4"><c r="xfd4"><v>1</v></c></row>',
    "two_refs": '<row r="4"><c r="A4" r="XFD1048576"><v>1</v></c></row>',
    "no_ref": '<row r="1048576"><c><v>1</v></c></row>',
    "quoted_gt": '<row r="4"><c s="1" foo="a>b" r="XFD4"><v>1</v></c></row>',
    "prefixed": '<row r="4"><x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'r="XFD1048576"><x:v>1</x:v></x:c></row>',
}


def wide_merge(folder: Path) -> Path:
    """A careless sheet: the title row merged across every column (A1:XFD1), the roster below it."""
    rows = [["成员单位名单"], HEADER, *ROWS]
    return xlsx(folder / "wide_merge.xlsx", {"Sheet1": sheet_xml(rows, merges=["A1:XFD1"])})


def zip_bomb(folder: Path, total: int = 1_100_000_000) -> Path:
    """A few MB on disk, 1.1 GB of sheet XML once inflated."""
    return xlsx(folder / "zip_bomb.xlsx", {"Sheet1": bomb_part(total)})


def lying_zip_bomb(folder: Path, total: int = 300_000_000) -> Path:
    """A zip bomb whose headers say its sheet is 10 KB: only reading the part shows its real size."""
    return xlsx(folder / "lying_zip_bomb.xlsx", {"Sheet1": bomb_part(total, declared=10_000)})


XXE = '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
LAUGHS = ('<!DOCTYPE worksheet [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
          + "]>\n")


def xxe(folder: Path) -> Path:
    """An external entity in the sheet XML (it would read /etc/passwd into a cell)."""
    return xlsx(folder / "xxe.xlsx", {"Sheet1": sheet_xml(doctype=XXE, extra='<row r="4"><c r="A4" t="inlineStr">'
                                                          "<is><t>&xxe;</t></is></c></row>")})


def billion_laughs(folder: Path) -> Path:
    """Nested entities in the sheet XML that expand to 10⁹ 'lol's."""
    return xlsx(folder / "billion_laughs.xlsx", {"Sheet1": sheet_xml(
        doctype=LAUGHS, extra='<row r="4"><c r="A4" t="inlineStr"><is><t>&lol9;</t></is></c></row>')})


def laughs_in_shared_strings(folder: Path) -> Path:
    """The same entities in another part than the sheet (sharedStrings.xml)."""
    strings = ('<?xml version="1.0" encoding="UTF-8"?>\n' + LAUGHS + '<sst xmlns="http://schemas.openxmlformats.org/'
               'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>').encode()
    return xlsx(folder / "laughs_strings.xlsx", {"Sheet1": sheet_xml()}, [("xl/sharedStrings.xml", strings)])


def broken_sheet(folder: Path) -> Path:
    """A well-formed zip whose sheet XML calamine cannot parse (an undefined entity, no DOCTYPE)."""
    return xlsx(folder / "broken_sheet.xlsx", {"名单": sheet_xml(extra='<row r="4"><c r="A4" t="inlineStr">'
                                                               "<is><t>&nope;</t></is></c></row>")})


def control_characters(folder: Path) -> Path:
    """A workbook whose names carry characters XML 1.0 cannot (written as Excel does: _x0001_)."""
    rows = [HEADER, ["示例_x0001_学校", "中职学校"], ["示例公司", "企业"], ["正常学院", "高职院校"]]
    return xlsx(folder / "control.xlsx", {"Sheet1": sheet_xml(rows)})


def control_characters_csv(folder: Path) -> Path:
    """A CSV with a control character (U+0007) in a name and U+FFFF in a note."""
    path = folder / "control.csv"
    path.write_text("单位名称,单位类型,备注\n示例\x07学校,中职学校,\n示例公司,企业,好\uffff\n正常学院,高职院校,\n",
                    encoding="utf-8")
    return path


def too_big(folder: Path, size: int, name: str = "too_big.csv") -> Path:
    """A sparse file of ``size`` bytes (no disk used): only its size matters."""
    path = folder / name
    with path.open("wb") as fh:
        fh.truncate(size)
    return path


def fifo(folder: Path) -> Path:
    """A named pipe: opening it for reading would wait forever for a writer."""
    path = folder / "roster.csv"
    os.mkfifo(path)
    return path


def ods_with_doctype(folder: Path) -> Path:
    """An OpenDocument spreadsheet whose content.xml declares entities."""
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n' + LAUGHS
               + '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
               '<table:table table:name="Sheet1"><table:table-row><table:table-cell office:value-type="string">'
               "<text:p>&lol9;</text:p></table:table-cell></table:table-row></table:table>"
               "</office:spreadsheet></office:body></office:document-content>").encode()
    return write_zip(folder / "laughs.ods", [("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
                                             ("content.xml", content)])


_ODS_MANIFEST = (b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                 b'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type='
                 b'"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path='
                 b'"content.xml" manifest:media-type="text/xml"/></manifest:manifest>')


def ods_repeated(folder: Path, rows: int = 100_000, columns: int = 1_000) -> Path:
    """An .ods whose one valued cell repeats ``columns`` times in a row repeated ``rows`` times (100,000 × 1,000 made
    python-calamine abort), above the empty repeated rows LibreOffice writes at the end of every sheet."""
    def cell(text: str, repeat: str = "") -> str:
        return f'<table:table-cell office:value-type="string"{repeat}><text:p>{text}</text:p></table:table-cell>'
    body = (f"<table:table-row>{cell(HEADER[0])}{cell(HEADER[1])}</table:table-row>"
            + "".join(f"<table:table-row>{cell(a)}{cell(b)}</table:table-row>" for a, b in ROWS)
            + f'<table:table-row table:number-rows-repeated="{rows}">'
            + cell("x", f' table:number-columns-repeated="{columns}"') + "</table:table-row>"
            + '<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
            'table:number-columns-repeated="16384"/></table:table-row>')
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content xmlns:office="urn:oasis:names:tc:'
               'opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
               f'<table:table table:name="Sheet1">{body}</table:table></office:spreadsheet></office:body>'
               "</office:document-content>").encode()
    return write_zip(folder / f"repeated_{rows}x{columns}.ods", [
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("META-INF/manifest.xml", _ODS_MANIFEST),
        ("content.xml", content)])


BUILDERS: dict[str, Callable[[Path], Path]] = {
    f.__name__: f for f in (merge_bomb, far_cell, junk_before_zip, far_dimension, formatted_far_cell, wide_merge, zip_bomb, lying_zip_bomb, xxe,
                            billion_laughs, laughs_in_shared_strings, broken_sheet, control_characters,
                            control_characters_csv, ods_with_doctype, ods_repeated)
}

if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile")
    out.mkdir(parents=True, exist_ok=True)
    for name, build in BUILDERS.items():
        print(build(out))
