"""chanjiao_utils.files: nothing a user owns is replaced, half-written or left behind; no cell is a formula."""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from chanjiao_utils import files


def tree(folder: Path) -> dict[str, str]:
    """Every entry below ``folder`` with a digest of its content (files) or its kind (folders, links)."""
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if p.is_symlink():
            out[rel] = "link → " + os.readlink(p)
        elif p.is_file():
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
        else:
            out[rel] = "folder"
    return out


def built_output(parent: Path, name: str, command: str, content: dict[str, str]) -> Path:
    """An output folder as ``command`` leaves it: built in a staging folder, swapped in, marked."""
    with files.staging_folder(parent, name, command) as stage:
        built = stage / name
        for rel, text in content.items():
            (built / rel).parent.mkdir(parents=True, exist_ok=True)
            (built / rel).write_text(text, encoding="utf-8")
        built.mkdir(exist_ok=True)
        return files.replace_folder(built, parent / name, command)


# ----------------------------------------------------------------------------- single files


def test_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "a.csv"
    target.write_bytes(b"old")

    def fail(fh):
        fh.write(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        files.atomic_write(target, fail)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]


def test_files_and_folders_follow_the_users_umask(tmp_path):
    """mkdtemp and mkstemp make private folders and files; ours follow the umask like any program's."""
    code = ("import os, sys; os.umask(0o022); from pathlib import Path; from chanjiao_utils import files; "
            "p = Path(sys.argv[1]); files.atomic_write(p / 'f.txt', b'x'); "
            "cm = files.staging_folder(p, 'out', 'test'); s = cm.__enter__(); (s / 'out').mkdir(); "
            "files.replace_folder(s / 'out', p / 'out', 'test'); cm.__exit__(None, None, None)")
    subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=True)
    assert stat.S_IMODE((tmp_path / "f.txt").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == 0o755
    assert stat.S_IMODE((tmp_path / "out" / files.MARKER).stat().st_mode) == 0o644


def test_a_file_target_that_is_an_input_a_folder_a_link_or_someone_elses_is_refused(tmp_path):
    roster = tmp_path / "roster.xlsx"
    roster.write_bytes(b"the researcher's roster")
    (tmp_path / "thesis.docx").write_bytes(b"a thesis")
    (tmp_path / "link.csv").symlink_to(tmp_path / "thesis.docx")
    cases = {
        roster: "is an input of this command",
        tmp_path / "sub" / ".." / "roster.xlsx": "is an input of this command",
        tmp_path: "is a folder",
        tmp_path / "link.csv": "is a link",
        tmp_path / "thesis.docx": "exists and was not written by chanjiao",
        roster / "x.xlsx": "is a file, not a folder",
    }
    before = tree(tmp_path)
    for path, message in cases.items():
        with pytest.raises(files.OutputError, match=re.escape(message)):
            files.check_file_target(path, [roster])
    assert tree(tmp_path) == before
    ours = tmp_path / "mine.csv"
    ours.write_bytes(b"\xef\xbb\xbfconsortium,x\n")
    assert files.check_file_target(ours, [roster], ours=files.starts_with(b"\xef\xbb\xbfconsortium,")) == ours


# ----------------------------------------------------------------------------- folders


def test_an_earlier_output_of_the_same_command_is_replaced_and_nothing_is_left_beside_it(tmp_path):
    built_output(tmp_path, "out", "test", {"a.txt": "first", "sub/b.txt": "first"})
    built_output(tmp_path, "out", "test", {"a.txt": "second"})
    assert (tmp_path / "out" / "a.txt").read_text() == "second"
    assert not (tmp_path / "out" / "sub" / "b.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize("change, message", [
    (lambda out: (out / "thesis.docx").write_bytes(b"mine"), "it holds thesis.docx"),
    (lambda out: (out / "a.txt").write_text("edited by hand"), "a.txt (changed since it was written)"),
    (lambda out: (out / files.MARKER).unlink(), "it holds a.txt"),
    (lambda out: (out / files.MARKER).write_text("{not json"), "it holds a.txt"),
])
def test_an_output_folder_holding_anything_the_command_did_not_write_is_refused(tmp_path, change, message):
    out = built_output(tmp_path, "out", "test", {"a.txt": "ours"})
    change(out)
    before = tree(tmp_path)
    with pytest.raises(files.OutputError, match=re.escape(message)):
        files.check_folder_target(out, "test")
    assert tree(tmp_path) == before


def test_another_commands_output_is_not_ours(tmp_path):
    out = built_output(tmp_path, "out", "import", {"a.txt": "ours"})
    with pytest.raises(files.OutputError, match="not \\(wholly\\) an earlier output of `chanjiao report`"):
        files.check_folder_target(out, "report")


def test_a_folder_that_is_or_holds_an_input_is_refused_even_when_it_is_ours(tmp_path):
    out = built_output(tmp_path, "out", "test", {"data/datapackage.json": "{}"})
    for target, item in [(out, out / "data"), (out / "data", out / "data"), (tmp_path, out / "data")]:
        with pytest.raises(files.OutputError, match="holds an input of this run"):
            files.check_folder_target(target, "test", inputs=[item])


def test_a_file_or_a_link_is_no_output_folder(tmp_path):
    (tmp_path / "report.pdf").write_bytes(b"%PDF")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(files.OutputError, match="is a file, not a folder"):
        files.check_folder_target(tmp_path / "report.pdf" / "zhongshan_2023", "report")
    with pytest.raises(files.OutputError, match="is a link"):
        files.check_folder_target(tmp_path / "link", "report")
    assert files.check_folder_target(tmp_path / "new", "report") == tmp_path / "new"
    (tmp_path / "empty").mkdir()
    assert files.check_folder_target(tmp_path / "empty", "report") == tmp_path / "empty"


def test_a_users_folder_named_like_ours_is_never_removed(tmp_path):
    """The previous output is moved aside under a fresh name; a folder the user called `.out.old` stays."""
    (tmp_path / ".out.old").mkdir()
    (tmp_path / ".out.old" / "keep.txt").write_text("the user's")
    built_output(tmp_path, "out", "test", {"a.txt": "1"})
    built_output(tmp_path, "out", "test", {"a.txt": "2"})
    assert (tmp_path / ".out.old" / "keep.txt").read_text() == "the user's"


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(done.stdout)


def test_stale_staging_folders_of_killed_runs_are_removed_and_said(tmp_path):
    import json
    import socket

    def staging(suffix: str, command: str, pid: int) -> Path:
        folder = tmp_path / f".out.{command}-partial-{suffix}"
        (folder / "out").mkdir(parents=True)
        record = {"command": f"chanjiao {command}", "pid": pid, "host": socket.gethostname(), "started": 0}
        (folder / files.STAGING_MARKER).write_text(json.dumps(record))
        return folder

    dead = staging("dead", "report", _dead_pid())
    running = staging("running", "report", os.getpid())
    other_command = staging("other", "import", _dead_pid())
    unmarked = tmp_path / ".out.report-partial-unmarked"
    unmarked.mkdir()
    said: list[str] = []
    assert files.clean_stale(tmp_path, "out", "report", log=said.append) == [dead]
    assert said == [f"removed {dead}: left by an earlier `chanjiao report` run that was stopped"]
    assert running.exists() and other_command.exists() and unmarked.exists() and not dead.exists()


def test_a_staging_folder_is_removed_whatever_happens(tmp_path):
    with pytest.raises(KeyboardInterrupt):
        with files.staging_folder(tmp_path, "out", "test") as stage:
            (stage / "half.csv").write_text("half")
            raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


# ----------------------------------------------------------------------------- spreadsheets

HOSTILE = ['=HYPERLINK("http://x.example","点我")', "+cmd|' /C calc'!A0", "@SUM(1)", "-1+1", "\t=1", "\r=1",
           "  =1+1"]


def test_csv_cells_that_look_like_formulas_get_a_quote_and_nothing_else_changes():
    table = pd.DataFrame({"name_zh": HOSTILE + ["中山中专", "A-1"], "degree": range(-1, len(HOSTILE) + 1),
                          "share": [-0.5] * (len(HOSTILE) + 2)})
    text = files.csv_bytes(table, index=False).decode("utf-8-sig")
    back = pd.read_csv(io.StringIO(text), keep_default_na=False)
    assert back["name_zh"].tolist() == ["'" + v for v in HOSTILE] + ["中山中专", "A-1"]
    assert back["degree"].tolist() == list(range(-1, len(HOSTILE) + 1)), "numbers stay numbers"
    assert back["share"].tolist() == [-0.5] * (len(HOSTILE) + 2)


def test_csv_headers_and_index_are_made_safe_too():
    table = pd.DataFrame({"=1+1": [1]}, index=pd.Index(["@x"], name="id"))
    assert files.csv_bytes(table, index=True).decode("utf-8-sig") == "id,'=1+1\r\n'@x,1\r\n"


def test_report_tables_hold_no_formula_cell(tmp_path):
    """The XLSX has no <f> element; each hostile name is a string cell showing exactly what was typed."""
    from openpyxl import load_workbook

    from chanjiao_utils import tables
    from chanjiao_utils.export import save_table

    table = pd.DataFrame({"name_zh": HOSTILE, "degree": range(len(HOSTILE))})
    csv_path, xlsx_path = save_table(table, "99", "hostile", out=tmp_path)
    with zipfile.ZipFile(xlsx_path) as zf:
        sheets = [zf.read(n).decode("utf-8") for n in zf.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any(re.search(r"<f[ >]", s) for s in sheets)
    ws = load_workbook(xlsx_path).active
    first = tables.HEADER_ROW + 2  # title, source, notice, two header rows
    cells = [row for row in ws.iter_rows(min_row=first, values_only=True)]
    assert [c[0] for c in cells] == HOSTILE  # openpyxl with lxml (in the lock) keeps even a carriage return
    assert [c[1] for c in cells] == list(range(len(HOSTILE)))
    assert all(ws.cell(r, 1).data_type == "s" and ws.cell(r, 1).quotePrefix for r in range(first, first + len(HOSTILE)))
    assert csv_path.read_text(encoding="utf-8-sig").splitlines()[1].startswith('"\'=HYPERLINK')


def test_an_xlsx_we_wrote_is_recognised_and_another_is_not(tmp_path):
    from openpyxl import Workbook

    from chanjiao_utils.export import save_table

    _, ours = save_table(pd.DataFrame({"a": [1]}), "99", "t", out=tmp_path)
    wb = Workbook()
    wb.save(tmp_path / "theirs.xlsx")
    (tmp_path / "not_a_zip.xlsx").write_bytes(b"PK not really")
    assert files.is_our_office_file(ours)
    assert not files.is_our_office_file(tmp_path / "theirs.xlsx")
    assert not files.is_our_office_file(tmp_path / "not_a_zip.xlsx")
