"""Helpers the loading tests share: where a problem is, the planted problems load() must report, a big
valid package, and a checksum of a whole tree (to show a check changed nothing)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Any, Callable

import pytest

from chanjiao_utils.loading import DataPackageError, Problem, load

from conftest import PackageCopy, copy_package

ORGS, TIES = "organisations.csv", "partnerships.csv"


def where(p: Problem) -> tuple:
    return (p.file, p.row, p.column, p.value)


def assert_problems(folder, *expected: tuple) -> list[Problem]:
    """load() raises one DataPackageError whose problems are exactly at the cells ``expected``
    (file, row, column, value), each one in its message.

    (load() returns validate()'s list: validating once per test keeps the suite fast.)
    """
    with pytest.raises(DataPackageError) as raised:
        load(folder)
    problems = raised.value.problems
    assert {where(p) for p in problems} == set(expected), "\n".join(map(str, problems))
    message = str(raised.value)
    for p in problems:
        assert str(p) in message
    return problems


def expected_text(problems: list[Problem]) -> str:
    return "\n".join(p.expected for p in problems)


def edit_descriptor(pkg: PackageCopy, change: Callable[[dict[str, Any]], Any]) -> None:
    path = pkg.path("datapackage.json")
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")


def big_package(dest: Path, organisations: int, ties: int) -> PackageCopy:
    """The bundled package plus synthetic organisations (G000000…) and ties between them, all valid:
    ids unique, both ends existing, areas 1–12 with each pair once, provenance synthetic citing GEN."""
    package = copy_package(dest)
    kinds = [("enterprise", "leading_enterprise"), ("school", "higher_vocational_college"), ("research", "research_institute")]
    with package.path(ORGS).open("a", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        for i in range(organisations):
            sector, kind = kinds[i % 3]
            writer.writerow([f"G{i:06d}", f"示例大单位{i:06d}", f"Big example {i}", "", sector, kind,
                             ["member", "council_member", ""][i % 3], "none", "火炬开发区" if i % 2 else "",
                             "synthetic", "GEN", ""])
    start = dt.date(2019, 9, 1)
    with package.path(TIES).open("a", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        for k in range(ties):
            a = k % organisations
            b = (a + 1 + k // organisations) % organisations  # distinct unordered pairs while ties < organisations²/2
            since = "" if k % 3 == 0 else (start + dt.timedelta(days=k % 1700)).isoformat()
            writer.writerow([f"PG{k:07d}", f"G{a:06d}", f"G{b:06d}", str(k % 12 + 1), since, "synthetic", "GEN", ""])
    return package


def tree_digest(root: Path) -> dict[str, str]:
    """Every entry under ``root`` (symbolic links not followed), with its kind and a checksum of its bytes.

    Only regular files are opened: a named pipe or a device is recorded by its mode.
    """
    digest = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                digest[str(path)] = "link " + os.readlink(path)
            elif stat.S_ISREG(info.st_mode):
                digest[str(path)] = "file " + hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                digest[str(path)] = f"mode {info.st_mode:o}"
    return digest


#: The columns of aliases.csv: a file outside a package written with them would, if read, print its cells.
ALIAS_HEADER = "alias,organisation_id,provenance,source_id,note"


def outside_file(root: Path, marker: str) -> Path:
    """A table file outside any package, under ``root``, whose every cell says ``marker`` (read, it would be printed)."""
    path = root / "outside" / "secret.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{ALIAS_HEADER}\n{marker},{marker},{marker},{marker},{marker}\n", encoding="utf-8")
    return path


def set_alias_path(pkg: PackageCopy, path: Any) -> None:
    """Make resource aliases name ``path`` (whatever JSON value it is)."""
    edit_descriptor(pkg, lambda d: next(r for r in d["resources"] if r["name"] == "aliases").update(path=path))


def assert_refused(folder: Path, capsys: pytest.CaptureFixture[str], root: Path, marker: str | None = None,
                   ) -> list[Problem]:
    """validate() reports problems (and load() raises them), ``chanjiao validate`` exits 1 printing each one
    without a traceback, ``marker`` appears nowhere in what is said, and nothing under ``root`` changed."""
    from chanjiao_utils import cli
    from chanjiao_utils.loading import validate

    before = tree_digest(root)
    problems = validate(folder)
    assert problems
    with pytest.raises(DataPackageError) as raised:
        load(folder)
    assert raised.value.problems == problems
    capsys.readouterr()
    assert cli.main(["validate", str(folder)]) == 1
    said = capsys.readouterr()
    assert "Traceback" not in said.out and said.err == ""
    assert all(f"  {p}" in said.out.splitlines() for p in problems)
    if marker is not None:
        for text in (said.out, said.err, str(raised.value), *map(str, problems)):
            assert marker not in text
    assert tree_digest(root) == before
    return problems
