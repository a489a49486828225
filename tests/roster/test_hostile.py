"""Hostile and careless inputs (tests/roster/hostile.py builds them here, bombs included): each is one Problem a
researcher understands, or is read harmlessly; never a traceback, a hang, or gigabytes of memory.

For every file: the Problem's text; ``chanjiao import`` returns 1 and prints one problem and no traceback; the
temporary tree is unchanged (nothing written next to the input). For the bombs, peak memory is measured in a child
process capped at 4 GiB of address space (so a regression fails the test instead of taking down the machine).
"""

from __future__ import annotations

import csv
import hashlib
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from chanjiao_utils import cli
from chanjiao_utils.roster import check, import_roster, read, read_grids
from chanjiao_utils.roster.cells import NOT_XML_EXPECTED

from . import hostile

REPO = Path(__file__).resolve().parents[2]
GIB = 2**30
EXTENT = "a sheet of at most 500,000 rows, 1,000 columns and 8,000,000 cells"
DTD = "XML without a DOCTYPE or ENTITY declaration"


def _tree(root: Path) -> dict[str, str]:
    """Every path under root with a digest of its content (size and mtime for big files; the mode for the rest)."""
    out = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        key = str(path.relative_to(root))
        if stat.S_ISREG(info.st_mode):
            out[key] = (hashlib.sha256(path.read_bytes()).hexdigest() if info.st_size < 2**24
                        else f"{info.st_size}:{info.st_mtime_ns}")
        else:
            out[key] = f"mode {stat.S_IFMT(info.st_mode):o}"
    return out


def _cli_refuses(path: Path, tmp_path: Path, capsys, line: str) -> None:
    """``chanjiao import PATH --out OUT`` returns 1, prints ``line`` in one problem, writes nothing."""
    before = _tree(tmp_path)
    out = tmp_path / "out"
    assert cli.main(["import", str(path), "--out", str(out)]) == 1
    printed = capsys.readouterr()
    problems = [x for x in printed.out.splitlines() if " — expected " in x or ": expected " in x]
    assert len(problems) == 1 and line in problems[0], printed.out
    assert "Traceback" not in printed.out + printed.err
    assert _tree(tmp_path) == before and not out.exists()


def _child(code: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh Python capped at 4 GiB of address space (this worktree's package first)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    prelude = f"import resource\nresource.setrlimit(resource.RLIMIT_AS, ({4 * GIB}, {4 * GIB}))\n"
    return subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code), *args], capture_output=True,
                          text=True, timeout=timeout, env=env)


def _peak_import(path: Path) -> tuple[list[str], int]:
    """Import ``path`` in a child: the problems' text and its peak resident memory in bytes."""
    proc = _child("""
        import resource, sys
        from chanjiao_utils.roster import import_roster
        result = import_roster(sys.argv[1])
        print("\\n".join(p.expected for p in result.problems))
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """, str(path))
    assert proc.returncode == 0, proc.stderr[-2000:]
    *problems, peak = proc.stdout.strip().splitlines()
    return problems, int(peak) * 1024


# ----------------------------------------------------------------------------- refused, with one problem each

# name: (build, Problem.file, a piece of Problem.value, a piece of Problem.expected)
REFUSED = {
    "far_cell": (hostile.far_cell, "far_cell.xlsx [Sheet1]", "data up to cell XFD1048576: 1,048,576 rows × 16,384",
                 EXTENT),
    "junk_before_zip": (hostile.junk_before_zip, "junk_before_zip.xlsx [Sheet1]", "up to cell XFD1048576", EXTENT),
    "zip_bomb": (hostile.zip_bomb, "zip_bomb.xlsx", "xl/worksheets/sheet1.xml: 1,048.6 MB unpacked",
                 "workbook parts of at most 512.0 MB unpacked"),
    "lying_zip_bomb": (hostile.lying_zip_bomb, "lying_zip_bomb.xlsx", None, "Bad CRC-32"),
    "xxe": (hostile.xxe, "xxe.xlsx", "xl/worksheets/sheet1.xml: <!DOCTYPE worksheet", DTD),
    "billion_laughs": (hostile.billion_laughs, "billion_laughs.xlsx", "<!DOCTYPE worksheet [<!E", DTD),
    "laughs_in_shared_strings": (hostile.laughs_in_shared_strings, "laughs_strings.xlsx", "xl/sharedStrings.xml",
                                 DTD),
    "ods_with_doctype": (hostile.ods_with_doctype, "laughs.ods", "content.xml: <!DOCTYPE", DTD),
    "broken_sheet": (hostile.broken_sheet, "broken_sheet.xlsx [名单]", None,
                     "a readable sheet (XmlError: at 0..0: unrecognized entity `&nope;`)"),
}
REFUSED["ods_repeated"] = (hostile.ods_repeated, "repeated_100000x1000.ods [Sheet1]", "data: 100,003 rows × 1,000",
                           EXTENT)
REFUSED.update({
    f"sneaky_{how}": (lambda folder, how=how: hostile.sneaky_cell(folder, how), f"sneaky_{how}.xlsx [Sheet1]",
                      None, EXTENT) for how in hostile.SNEAKY if how != "two_refs"
})
REFUSED["sneaky_two_refs"] = (lambda folder: hostile.sneaky_cell(folder, "two_refs"), "sneaky_two_refs.xlsx",
                              "a cell with another reference, or two", "one cell reference such as A1 in each cell")


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_with_one_problem(name, tmp_path, capsys):
    build, label, value, expected = REFUSED[name]
    path = build(tmp_path)
    result = import_roster(path, out=tmp_path / "pkg")
    [problem] = result.problems
    assert problem.file == label and problem.row is None and problem.column is None
    assert expected in problem.expected
    assert value is None or value in problem.value
    assert result.out is None and not (tmp_path / "pkg").exists()
    assert [(c.rows_in, c.imported, c.reported) for c in result.counts] == [(0, 0, 0)]
    _cli_refuses(path, tmp_path, capsys, expected)


BOMBS = ["far_cell", "junk_before_zip", "zip_bomb", "lying_zip_bomb", "billion_laughs", "sneaky_no_ref",
         "sneaky_two_refs", "ods_repeated"]


@pytest.mark.parametrize("name", BOMBS)
def test_bombs_are_refused_in_little_memory(name, tmp_path):
    build, _, _, expected = REFUSED[name]
    problems, peak = _peak_import(build(tmp_path))
    assert len(problems) == 1 and expected in problems[0]
    assert peak < GIB, f"peak {peak / 2**20:.0f} MB"


def test_the_zip_bomb_is_what_it_says(tmp_path):
    """The test bomb is a real one: a few MB that inflate to 1.1 GB (read by the child, so this process stays small)."""
    path = hostile.zip_bomb(tmp_path)
    assert path.stat().st_size < 8 * 2**20
    proc = _child("""
        import sys, zipfile
        with zipfile.ZipFile(sys.argv[1]) as zf, zf.open("xl/worksheets/sheet1.xml") as fh:
            print(sum(len(b) for b in iter(lambda: fh.read(1 << 24), b"")))
    """, str(path))
    assert int(proc.stdout) > 1_000_000_000


# ----------------------------------------------------------------------------- careless, but read harmlessly


@pytest.mark.parametrize("build, merged", [
    (hostile.merge_bomb, []),  # C2:XFD1048576 holds no data at all: nothing left to merge
    (hostile.wide_merge, [(0, 0, 0, 1)]),  # the title's A1:XFD1 cut to the two columns that hold data
    (hostile.far_dimension, []),  # <dimension ref="A1:XFD1048576"> is not trusted (calamine ignores it too)
    (hostile.formatted_far_cell, []),  # an empty formatted cell at XFD1048576 is not data
])
def test_careless_workbooks_are_read_with_merges_clipped_to_the_data(build, merged, tmp_path, capsys):
    path = build(tmp_path)
    [grid] = read_grids(path)
    assert grid.merged == merged and max(len(r) for r in grid.cells) == 2
    before = _tree(tmp_path)
    assert cli.main(["import", str(path), "--out", str(tmp_path / "out")]) == 0
    assert "Traceback" not in capsys.readouterr().err
    after = {k: v for k, v in _tree(tmp_path).items() if k.split(os.sep)[0] != "out"}
    assert after == before and (tmp_path / "out" / "organisations.csv").exists()


def test_an_ods_with_empty_repeats_to_the_end_of_the_sheet_is_read(tmp_path):
    """LibreOffice ends a sheet with ~1,048,000 empty repeated rows of 16,384 empty cells: not data."""
    result = import_roster(hostile.ods_repeated(tmp_path, rows=1, columns=2), keep_valid=True)
    assert [(c.rows_in, c.imported, c.reported) for c in result.counts] == [(3, 2, 1)]  # the row of 'x' is reported
    assert [o["name_zh"] for o in result.tables["organisations"]] == ["示例学校", "示例公司"]


def test_merge_bomb_is_read_in_little_memory(tmp_path):
    problems, peak = _peak_import(hostile.merge_bomb(tmp_path))
    assert problems == [] and peak < GIB, f"peak {peak / 2**20:.0f} MB"


# ----------------------------------------------------------------------------- not a regular file, too big

NOT_REGULAR = "a regular file saved on disk (.xlsx, .xls or .csv), not a folder, named pipe or device"


def test_a_folder_is_refused_as_roster_and_as_ties(tmp_path, capsys):
    folder = tmp_path / "roster.csv"
    folder.mkdir()
    [problem] = import_roster(folder).problems
    assert (problem.file, problem.value, problem.expected) == ("roster.csv", "a folder", NOT_REGULAR)
    _cli_refuses(folder, tmp_path, capsys, NOT_REGULAR)
    good = tmp_path / "good.csv"
    good.write_text("单位名称,单位类型\n示例学校,中职学校\n", encoding="utf-8")
    problems = import_roster(good, ties=folder).problems
    assert [(p.file, p.value) for p in problems] == [("roster.csv", "a folder")]


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_fifo_or_device_is_refused_without_opening_it(kind, tmp_path):
    """In a child with a timeout: opening a FIFO would wait forever, reading /dev/zero would never end."""
    path = hostile.fifo(tmp_path) if kind == "fifo" else Path("/dev/zero")
    before = _tree(tmp_path)
    proc = _child("""
        import sys
        from chanjiao_utils.cli import main
        raise SystemExit(main(["import", sys.argv[1], "--out", sys.argv[2]]))
    """, str(path), str(tmp_path / "out"), timeout=60)
    assert proc.returncode == 1 and "Traceback" not in proc.stdout + proc.stderr
    found = "a named pipe (FIFO)" if kind == "fifo" else "a device"
    [line] = [x for x in proc.stdout.splitlines() if "expected" in x]
    assert f"{path.name}: {found!r} — expected {NOT_REGULAR}" in line
    assert _tree(tmp_path) == before


@pytest.mark.parametrize("name", ["big.csv", "big.xlsx", "big.xls"])
def test_a_file_over_the_size_limit_is_refused_unread(name, tmp_path, capsys):
    path = hostile.too_big(tmp_path, read.MAX_INPUT_BYTES + 1, name)  # sparse: no disk used
    [problem] = import_roster(path).problems
    assert (problem.file, problem.value) == (name, "100.0 MB")
    assert problem.expected.startswith("a file of at most 100.0 MB")
    _cli_refuses(path, tmp_path, capsys, "a file of at most 100.0 MB")


def test_a_damaged_xls_is_one_problem(tmp_path, capsys):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)  # an OLE signature, then nothing
    [problem] = import_roster(path).problems
    assert problem.file == "old.xls" and problem.expected.startswith("a readable .xlsx or .xls workbook")
    _cli_refuses(path, tmp_path, capsys, "a readable .xlsx or .xls workbook")


def test_csv_limits_and_csv_errors_are_problems(tmp_path, capsys):
    wide = tmp_path / "wide.csv"
    wide.write_text("单位名称,单位类型\n" + ",".join(["x"] * (read.MAX_COLUMNS + 1)) + "\n", encoding="utf-8")
    [problem] = import_roster(wide).problems
    assert problem.value == "1,001 columns in row 2" and "a table of at most 500,000 rows" in problem.expected
    _cli_refuses(wide, tmp_path, capsys, "a table of at most 500,000 rows")
    huge_field = tmp_path / "field.csv"
    huge_field.write_text("单位名称,单位类型\n" + "x" * 2000 + ",企业\n", encoding="utf-8")
    limit = csv.field_size_limit(1000)  # global, and raised by frictionless once it is imported: set it here
    try:
        [problem] = import_roster(huge_field).problems
    finally:
        csv.field_size_limit(limit)
    assert problem.expected == "a CSV table (line 2: field larger than field limit (1000))"


# ----------------------------------------------------------------------------- characters XML cannot carry


@pytest.mark.parametrize("build, label, rows", [
    (hostile.control_characters_csv, "control.csv",
     [(2, "单位名称", "示例\\u0007学校"), (3, "备注", "好\\uffff")]),
    (hostile.control_characters, "control.xlsx [Sheet1]", [(2, "单位名称", "示例\\u0001学校")]),
])
def test_text_xml_cannot_carry_is_a_problem_per_cell(build, label, rows, tmp_path, capsys):
    path = build(tmp_path)
    strict = import_roster(path)
    assert [(p.file, p.row, p.column, p.value, p.expected) for p in strict.problems] == [
        (label, row, column, value, NOT_XML_EXPECTED) for row, column, value in rows]
    assert "network files (GEXF, GraphML) cannot carry them" in NOT_XML_EXPECTED
    kept = import_roster(path, keep_valid=True, out=tmp_path / "kept")
    [count] = kept.counts
    assert count.rows_in == count.imported + count.reported and count.reported == len(rows)
    assert [(r.file, r.row) for r in kept.left_out] == [(label, row) for row, _, _ in rows]
    names = [o["name_zh"] for o in kept.tables["organisations"]]
    assert all(not any(ch in n for ch in "\x01\x07\uffff") for n in names) and "正常学院" in names
    text = (tmp_path / "kept" / "organisations.csv").read_text(encoding="utf-8")
    assert not any(ch in text for ch in "\x01\x07\uffff")
    before = _tree(tmp_path)
    assert cli.main(["import", str(path), "--out", str(tmp_path / "out")]) == 1
    printed = capsys.readouterr()
    assert sum("cannot carry them" in x for x in printed.out.splitlines()) == len(rows)
    assert "Traceback" not in printed.out + printed.err and _tree(tmp_path) == before


def test_a_lone_surrogate_is_reported_too(tmp_path):
    grid = read.Grid(tmp_path / "x.csv", None, [["单位名称", "单位类型"], ["示例\ud800学校", "中职学校"]], [], [])
    table = check._read_table(grid.path, "organisations", None, None, grids=[grid])
    check._check_organisations(table)
    [[problem]] = [r.problems for r in table.rows]
    assert (problem.row, problem.column, problem.value) == (2, "单位名称", "示例\\ud800学校")


def test_a_name_repeated_thousands_of_times_names_five_other_rows(tmp_path):
    """Naming every other row made problems quadratic: 200,000 rows of one name ran out of 4 GiB."""
    roster = tmp_path / "same.csv"
    roster.write_text("单位名称,单位类型\n" + "同名公司,企业\n" * 2000 + "别的公司,企业\n", encoding="utf-8")
    ties = tmp_path / "ties.csv"
    ties.write_text("甲方,乙方\n" + "同名公司,别的公司\n" * 2000, encoding="utf-8")
    result = import_roster(roster, ties, keep_valid=True)
    first = result.problems[0]
    assert (first.row, first.column) == (2, "单位名称") and first.expected == (
        "a name, short name or alias no other organisation has (row 3 (name '同名公司'), row 4 (name '同名公司'), "
        "row 5 (name '同名公司'), row 6 (name '同名公司'), row 7 (name '同名公司') and 1,994 more rows are the same "
        "once width and spaces are normalised)")
    tie = next(p for p in result.problems if p.file == "ties.csv")
    assert tie.expected == "a name that identifies one organisation (same.csv rows 2, 3, 4, 5, 6 and 1,995 more share it)"
    assert [(c.rows_in, c.imported, c.reported) for c in result.counts] == [(2001, 1, 2000), (2000, 0, 2000)]


def test_the_report_of_a_roster_with_control_characters_is_written_with_them_escaped(tmp_path):
    from openpyxl import load_workbook

    result = import_roster(hostile.control_characters_csv(tmp_path), report=tmp_path / "report.xlsx")
    assert result.report is not None and result.report.exists()
    wb = load_workbook(result.report)
    values = [str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    assert any("\\u0001" in v or "\\u00" in v for v in values)
    assert not any(ch in v for v in values for ch in "\x00\x01\x02\x07\x1f\ufffe")


def test_the_report_workbook_never_overwrites_the_roster_or_holds_a_formula(tmp_path, capsys):
    """`import --report` given the roster's own path overwrote the roster; formula cells were written live."""
    import zipfile

    from openpyxl import Workbook

    from chanjiao_utils import cli

    roster = tmp_path / "roster.xlsx"
    wb = Workbook()
    wb.active.append(["单位名称", "单位类型"])
    wb.active.append(['=HYPERLINK("http://x.example","点我")', "中职"])
    wb.active.append(["示例乙", "培训机构"])
    wb.save(roster)
    before = roster.read_bytes()
    assert cli.main(["import", str(roster), "--out", str(tmp_path / "pkg"), "--report", str(roster)]) == 1
    assert "is an input of this command" in capsys.readouterr().err
    assert roster.read_bytes() == before and not (tmp_path / "pkg").exists()
    assert cli.main(["import", str(roster), "--report", str(tmp_path / "problems.xlsx"), "--out",
                     str(tmp_path / "pkg")]) == 1
    with zipfile.ZipFile(tmp_path / "problems.xlsx") as zf:
        sheets = [zf.read(n).decode("utf-8") for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sheets and not any("<f>" in s or "<f " in s for s in sheets)
    capsys.readouterr()
    assert cli.main(["import", str(roster), "--report", str(tmp_path / "problems.xlsx"), "--out",
                     str(tmp_path / "pkg")]) == 1, "its own earlier workbook is replaced"
    assert "problems.xlsx" not in capsys.readouterr().err.split("report:")[0]


def test_import_never_replaces_a_folder_it_did_not_write(tmp_path, capsys):
    """`import --force --out` on a folder holding a roster and a thesis deleted both."""
    from chanjiao_utils import cli

    work = tmp_path / "work"
    work.mkdir()
    (work / "roster.csv").write_text("单位名称,单位类型\n示例甲,中职\n", encoding="utf-8")
    (work / "thesis.docx").write_bytes(b"a thesis")
    before = {p.name: p.read_bytes() for p in work.iterdir()}
    assert cli.main(["import", str(work / "roster.csv"), "--out", str(work), "--force"]) == 1
    assert "holds an input of this run" in capsys.readouterr().err
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "thesis.docx").write_bytes(b"a thesis")
    assert cli.main(["import", str(work / "roster.csv"), "--out", str(tmp_path / "other"), "--force"]) == 1
    assert "it holds thesis.docx" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in work.iterdir()} == before
    assert (tmp_path / "other" / "thesis.docx").read_bytes() == b"a thesis"
    assert cli.main(["import", str(work / "roster.csv"), "--out", str(tmp_path / "pkg")]) == 0
    assert cli.main(["import", str(work / "roster.csv"), "--out", str(tmp_path / "pkg")]) == 1
    assert "pass --force" in capsys.readouterr().err
    assert cli.main(["import", str(work / "roster.csv"), "--out", str(tmp_path / "pkg"), "--force"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other", "pkg", "work"], "no staging folder left"
