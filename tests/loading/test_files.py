"""The table files: read as well as a damaged file can be; only regular files inside the package folder are read."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from chanjiao_utils import loading
from chanjiao_utils.loading import Problem, files, validate

from conftest import PackageCopy

from .helpers import TIES, assert_refused, outside_file, set_alias_path, tree_digest, where


@pytest.mark.parametrize(("text", "rows"), [
    ("a,b,c\n1,2,3\n4,5,6,7\n8,9,10\n", [["1", "2", "3"], ["4", "5", "6"], ["8", "9", "10"]]),
    ("a,b,c\n1,2,3,x\n4,5,6,7\n", [["1", "2", "3"], ["4", "5", "6"]]),
    ("a,b,c\n1,2\n3,4,5\n", [["1", "2", ""], ["3", "4", "5"]]),
    ("a,b,c\n1,2,3\n4,5,6,7\n8,9\n", [["1", "2", "3"], ["4", "5", "6"], ["8", "9", ""]]),
    ("", []),
])
def test_raw_tables_read_a_damaged_file_row_by_row(tmp_path, text, rows):
    """A long row keeps its first cells and a short one ends in "": every row stays on its spreadsheet row."""
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    table = loading._read_raw(path)
    assert table.to_numpy(dtype=object).tolist() == rows


# ----------------------------------------------------------------------------- only files inside the package folder
#
# Each hostile package is a copy of the bundled one in tmp_path; a table file outside it holds a unique
# marker in every cell, which must never be printed. assert_refused also checks that `chanjiao validate`
# exits 1 without a traceback and that nothing under tmp_path changed.


@pytest.fixture
def marker() -> str:
    return f"MARKER-{uuid.uuid4().hex}"


@pytest.fixture
def secret(tmp_path, marker) -> Path:
    return outside_file(tmp_path, marker)


def the_one_refusal(problems: list[Problem], written: str) -> Problem:
    """The single problem naming the path as written, in datapackage.json, for resource aliases."""
    (p,) = [p for p in problems if p.value == written]
    assert (p.file, p.row, p.column) == ("datapackage.json", None, None)
    assert p.expected.endswith("(the path of resource aliases)")
    return p


@pytest.mark.parametrize(("written", "expected"), [
    ("SECRET", "not an absolute path"),
    ("../outside/secret.csv", "without .."),
    ("sub/../../outside/secret.csv", "without .."),
    ("http://127.0.0.1:9/x.csv", "not a URL"),
    ("file:///etc/passwd", "not a URL"),
    ("C:/data/aliases.csv", "without a drive letter"),
    ("data\\aliases.csv", "written with /"),
    ("/dev/zero", "not an absolute path"),
    ("aliases.txt", "ending in .csv"),
    ("", "a file name, not an empty path"),
])
def test_a_path_that_may_not_be_followed_as_written_is_refused(package_copy, capsys, tmp_path, secret, marker,
                                                               written, expected):
    written = str(secret) if written == "SECRET" else written
    set_alias_path(package_copy, written)
    problems = assert_refused(package_copy.folder, capsys, tmp_path, marker)
    assert expected in the_one_refusal(problems, written).expected


def link(pkg: PackageCopy, file: str, target: Path | str) -> None:
    pkg.path(file).unlink()
    os.symlink(target, pkg.path(file))


def test_a_symbolic_link_out_of_the_folder_is_not_followed(package_copy, capsys, tmp_path, secret, marker):
    link(package_copy, "aliases.csv", secret)
    problems = assert_refused(package_copy.folder, capsys, tmp_path, marker)
    assert "leads outside it through a symbolic link" in the_one_refusal(problems, "aliases.csv").expected


@pytest.mark.parametrize("where_to", ["outside", "inside"])
def test_a_symbolic_link_to_a_folder_is_refused(package_copy, capsys, tmp_path, secret, marker, where_to):
    target = secret.parent if where_to == "outside" else package_copy.folder / "sub"
    target.mkdir(exist_ok=True)
    link(package_copy, "aliases.csv", target)
    problems = assert_refused(package_copy.folder, capsys, tmp_path, marker)
    expected = "leads outside" if where_to == "outside" else "a regular file, not a folder"
    assert expected in the_one_refusal(problems, "aliases.csv").expected


def test_a_symbolic_link_to_dev_zero_is_refused_without_reading(package_copy, capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(files, "RESOURCE_MAX_BYTES", 2**20)  # were it read after all, at most 1 MiB
    link(package_copy, "aliases.csv", "/dev/zero")
    problems = assert_refused(package_copy.folder, capsys, tmp_path)
    assert "leads outside" in the_one_refusal(problems, "aliases.csv").expected


def test_a_symbolic_link_inside_the_folder_is_followed(package_copy):
    (package_copy.folder / "sub").mkdir()
    package_copy.path("aliases.csv").rename(package_copy.folder / "sub" / "aliases.csv")
    os.symlink("sub/aliases.csv", package_copy.path("aliases.csv"))
    assert validate(package_copy.folder) == []


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(package_copy, capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(files, "RESOURCE_MAX_BYTES", 1000)
    size = package_copy.path("organisations.csv").stat().st_size
    assert size > 1000 and package_copy.path("sectors.csv").stat().st_size < 1000
    read = files._read_regular

    def read_all_but_organisations(path: Path, limit: int) -> bytes:
        assert path.name != "organisations.csv", "the file over the limit was opened"
        return read(path, limit)

    monkeypatch.setattr(files, "_read_regular", read_all_but_organisations)
    problems = assert_refused(package_copy.folder, capsys, tmp_path)
    (p,) = [p for p in problems if p.value == "organisations.csv"]
    assert p.expected == (f"a file of at most 1000 bytes; this one has {files._size(size)} "
                          "(the path of resource organisations)")


@pytest.mark.parametrize("which", ["aliases.csv", "datapackage.json"])
def test_a_named_pipe_is_refused_without_being_opened(package_copy, tmp_path, secret, marker, which):
    """In a child process with a timeout: opening the pipe to read would wait for a writer forever."""
    package_copy.path(which).unlink()
    os.mkfifo(package_copy.path(which))
    before = tree_digest(tmp_path)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(files.__file__).parents[2]),
                                                       os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-m", "chanjiao_utils.cli", "validate", str(package_copy.folder)],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 1, done.stderr
    assert "a regular file, not a named pipe (FIFO)" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr and marker not in done.stdout + done.stderr
    assert tree_digest(tmp_path) == before


def test_no_network_connection_is_attempted(package_copy, capsys, tmp_path, monkeypatch):
    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    url = "http://127.0.0.1:9/x.csv"
    set_alias_path(package_copy, url)
    problems = assert_refused(package_copy.folder, capsys, tmp_path)
    assert "not a URL" in the_one_refusal(problems, url).expected
    assert attempts == []


def test_frictionless_is_not_run_over_a_package_with_a_refused_path(package_copy, tmp_path, secret, marker,
                                                                    monkeypatch):
    """Frictionless would follow the link and print the cells; the checks that read only accepted files still run."""
    import frictionless

    monkeypatch.setattr(frictionless, "validate", lambda *a, **k: pytest.fail("frictionless.validate was called"))
    link(package_copy, "aliases.csv", secret)
    package_copy.set(TIES, 3, "org_b", "S001")  # a self-tie: a rule, checked on partnerships.csv
    problems = validate(package_copy.folder)
    assert [where(p) for p in problems] == [("datapackage.json", None, None, "aliases.csv"),
                                            (TIES, 3, "org_b", "S001")]
    assert not any(marker in str(p) for p in problems)
    with pytest.raises(files.Refused):
        files._resource_bytes(package_copy.folder, "aliases.csv")  # nor would the pre-check read it


def test_read_raw_given_a_path_reads_only_a_regular_file(tmp_path):
    os.mkfifo(tmp_path / "pipe.csv")
    with pytest.raises(files.Refused, match="named pipe"):
        loading._read_raw(tmp_path / "pipe.csv")
    with pytest.raises(FileNotFoundError):
        loading._read_raw(tmp_path / "none.csv")
