"""The `chanjiao` command: validate, generate, profiles, export-graph, and how every command reports a bad package
(the report itself is covered in test_report)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from chanjiao_utils import cli, paths

from conftest import plant_three_problems


def _copy(tmp_path):
    target = tmp_path / "pkg"
    shutil.copytree(paths.bundled_data(), target)
    return target


def test_validate_bundled_exits_0(capsys):
    assert cli.main(["validate", str(paths.bundled_data())]) == 0
    assert "valid" in capsys.readouterr().out


def test_validate_names_file_row_column_value_for_each_problem(tmp_path, capsys):
    pkg = _copy(tmp_path)
    dup = plant_three_problems(pkg)

    assert cli.main(["validate", str(pkg)]) == 1
    out = capsys.readouterr().out
    assert f"partnerships.csv, row 3, column org_b: 'S999'" in out
    assert "partnerships.csv, row 4, column area: '13'" in out
    assert f"organisations.csv, row 8, column id: '{dup}'" in out


def test_validate_missing_folder_exits_1(tmp_path, capsys):
    assert cli.main(["validate", str(tmp_path / "nowhere")]) == 1
    assert "datapackage.json" in capsys.readouterr().out


def test_generate_with_a_seed_rewrites_only_synthetic_rows(tmp_path, capsys):
    pkg = _copy(tmp_path)
    before = (pkg / "organisations.csv").read_text(encoding="utf-8").splitlines()
    assert cli.main(["generate", "--data", str(pkg), "--seed", "7"]) == 0
    after = (pkg / "organisations.csv").read_text(encoding="utf-8").splitlines()
    attested = [line for line in before if ",attested," in line]
    assert [line for line in after if ",attested," in line] == attested
    assert after != before
    assert "80 synthetic organisations" in capsys.readouterr().out
    assert cli.main(["validate", str(pkg)]) == 0


def test_console_script_is_installed():
    exe = shutil.which("chanjiao", path=str(paths.PROJECT_ROOT / ".venv" / "bin")) or shutil.which("chanjiao")
    if exe is None:
        pytest.skip("the chanjiao console script is not on PATH (package not installed)")
    done = subprocess.run([exe, "validate", str(paths.bundled_data())], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_module_entry_point_and_help():
    done = subprocess.run([sys.executable, "-m", "chanjiao_utils.cli", "--help"], capture_output=True, text=True)
    assert done.returncode == 0
    for command in ("validate", "report", "generate"):
        assert command in done.stdout


ROSTER_CSV = "单位名称,单位类型\n示例甲学校,中职\n示例乙公司,龙头企业\n示例丙机构,培训机构\n"
TIES_CSV = "甲方,乙方,合作内容\n示例甲学校,示例乙公司,岗位实习\n"


def test_import_exits_1_on_a_bad_row_and_writes_nothing(tmp_path, capsys):
    (tmp_path / "roster.csv").write_text(ROSTER_CSV, encoding="utf-8")
    (tmp_path / "ties.csv").write_text(TIES_CSV, encoding="utf-8")
    out = tmp_path / "pkg"
    assert cli.main(["import", str(tmp_path / "roster.csv"), "--ties", str(tmp_path / "ties.csv"), "--out", str(out)]) == 1
    printed = capsys.readouterr().out
    assert "roster.csv, row 4, column 单位类型: '培训机构'" in printed
    assert not out.exists()


def test_import_keep_valid_writes_a_valid_package_and_lists_rows_left_out(tmp_path, capsys):
    (tmp_path / "roster.csv").write_text(ROSTER_CSV, encoding="utf-8")
    (tmp_path / "ties.csv").write_text(TIES_CSV, encoding="utf-8")
    out = tmp_path / "pkg"
    argv = ["import", str(tmp_path / "roster.csv"), "--ties", str(tmp_path / "ties.csv"), "--out", str(out), "--keep-valid"]
    assert cli.main(argv) == 0
    printed = capsys.readouterr().out
    assert "1 row(s) left out: roster.csv row 4" in printed
    assert cli.main(["validate", str(out)]) == 0


def test_import_maps_other_headers_with_columns(tmp_path, capsys):
    (tmp_path / "roster.csv").write_text("机构全称,机构性质\n示例甲学校,中职\n", encoding="utf-8")
    argv = ["import", str(tmp_path / "roster.csv"), "--out", str(tmp_path / "pkg"),
            "--columns", "机构全称=name_zh", "机构性质=kind"]
    assert cli.main(argv) == 0, capsys.readouterr().out
    assert cli.main(["import", str(tmp_path / "roster.csv"), "--out", str(tmp_path / "x"), "--columns", "bad"]) == 2


def test_generate_collection_then_profiles(tmp_path, capsys):
    folder = tmp_path / "collection"
    assert cli.main(["generate-collection", str(folder), "--consortia", "3", "--organisations", "120",
                 "--partnerships", "600", "--seed", "5"]) == 0
    assert "3 consortia, 120 organisations" in capsys.readouterr().out
    assert cli.main(["validate", str(folder)]) == 0
    capsys.readouterr()
    out = tmp_path / "profiles.csv"
    assert cli.main(["profiles", str(folder), "--jobs", "1", "--out", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, so Excel reads the Chinese names"
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("consortium,name_zh,organisations") and [line[:4] for line in lines[1:]] == ["C001", "C002", "C003"]
    assert cli.main(["generate-collection", str(folder)]) == 1, "an existing folder is never overwritten"
    assert "exists already" in capsys.readouterr().err


def test_profiles_of_a_consortium_package_exit_1_and_say_why(capsys):
    assert cli.main(["profiles", str(paths.bundled_data())]) == 1
    assert "consortia and memberships" in capsys.readouterr().err


@pytest.mark.parametrize("command", [
    ["report", "--quiet", "--data", "{pkg}", "--out", "{out}"],
    ["export-graph", "--format", "json", "--data", "{pkg}", "{out}/network.json"],
])
def test_commands_on_a_bad_package_exit_1_name_the_problems_and_write_nothing(tmp_path, capsys, command):
    """Every command that loads a data package reports its problems the same way (main catches the error)."""
    pkg, out = _copy(tmp_path), tmp_path / "out"
    plant_three_problems(pkg)
    assert cli.main([part.format(pkg=pkg, out=out) for part in command]) == 1
    err = capsys.readouterr().err
    assert "partnerships.csv, row 4, column area: '13'" in err
    assert not out.exists() or not any(out.rglob("*.*"))


def test_a_full_disk_ends_in_one_message_and_exit_1(tmp_path, monkeypatch, capsys):
    import errno

    from chanjiao_utils import export

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "g.json"))

    monkeypatch.setattr(export, "save_graph", full_disk)
    assert cli.main(["export-graph", "--format", "json", str(tmp_path / "g.json")]) == 1
    err = capsys.readouterr().err
    assert err == f"chanjiao export-graph: {tmp_path / 'g.json'}: the disk is full (nothing written)\n"


def test_ctrl_c_says_nothing_was_written_and_exits_130(tmp_path, monkeypatch, capsys):
    from chanjiao_utils import export

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(export, "save_graph", interrupted)
    assert cli.main(["export-graph", "--format", "json", str(tmp_path / "g.json")]) == 130
    assert capsys.readouterr().err == "chanjiao: interrupted, nothing written\n"
    assert not list(tmp_path.iterdir())


def test_a_bug_is_not_swallowed(tmp_path, monkeypatch):
    """Only what a user can cause becomes a message; a bug in chanjiao keeps its traceback."""
    from chanjiao_utils import export

    def bug(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(export, "save_graph", bug)
    with pytest.raises(RuntimeError, match="a bug"):
        cli.main(["export-graph", "--format", "json", str(tmp_path / "g.json")])
