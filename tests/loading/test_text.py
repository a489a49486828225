"""The text in the cells: a file not in UTF-8 is refused cell by cell; characters XML cannot carry are reported."""

from __future__ import annotations

import json

import pytest

from chanjiao_utils.loading import DataPackageError, load, validate
from chanjiao_utils.loading.text import CONTROL_EXPECTED

from conftest import read_csv

from .helpers import ORGS, TIES, assert_problems, assert_refused, where


def gb18030(pkg, file: str) -> None:
    pkg.path(file).write_bytes(pkg.path(file).read_text(encoding="utf-8").encode("gb18030"))


@pytest.mark.parametrize("encoding_said", [True, False], ids=["utf-8 said", "nothing said"])
def test_a_file_not_in_utf8_is_refused_cell_by_cell(pkg, encoding_said):
    """Tables are read as UTF-8. Without an encoding in the descriptor frictionless guesses GB18030 and finds
    nothing wrong, so the file would load as replacement characters: each cell they touch is reported instead."""
    if not encoding_said:
        descriptor = json.loads(pkg.path("datapackage.json").read_text(encoding="utf-8"))
        for resource in descriptor["resources"]:
            resource.pop("encoding")
        pkg.path("datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    events = read_csv(pkg.path("events.csv"))
    non_ascii = [(row, column, value) for row, record in enumerate(events, start=2)
                 for column, value in record.items() if not str(value).isascii()]
    assert len(non_ascii) >= 6  # the Chinese and the en dashes
    gb18030(pkg, "events.csv")
    with pytest.raises(DataPackageError) as raised:
        load(pkg.folder)
    problems = raised.value.problems
    assert [(p.file, p.row, p.column) for p in problems] == [("events.csv", r, c) for r, c, _ in sorted(non_ascii)]
    assert all("\ufffd" in p.value and p.expected.startswith("text in UTF-8") for p in problems)


def test_a_stray_byte_is_reported_in_its_cell(pkg):
    pkg.path(TIES).write_bytes(pkg.path(TIES).read_bytes().replace(b"PS0003", b"PS\xe90003", 1))
    (problem,) = assert_problems(pkg.folder, (TIES, 5, "id", "PS\ufffd0003"))
    assert "GB18030" in problem.expected


def test_bytes_that_are_not_utf8_in_no_cell_are_reported_at_their_line(pkg):
    data = pkg.path(TIES).read_bytes()
    pkg.path(TIES).write_bytes(data.replace(b"org_b", b"org_\xe9b", 1))  # the header
    problems = validate(pkg.folder)
    assert (TIES, 1, "org_\ufffdb", "org_\ufffdb") in {where(p) for p in problems}


# ----------------------------------------------------------------------------- characters XML cannot carry


def test_control_characters_are_reported_escaped_where_they_are(package_copy, capsys, tmp_path):
    """A bell in a name, U+FFFE in a note, a unit separator in a header label: each found, shown as <U+…>."""
    package_copy.set(ORGS, 2, "name_zh", "中山市\x07中等专业学校")
    package_copy.set(TIES, 4, "note", "see\ufffe")
    package_copy.set("events.csv", 2, "what_en", "a\x00b")
    header, rest = package_copy.path("aliases.csv").read_text(encoding="utf-8").split("\n", 1)
    package_copy.path("aliases.csv").write_text(header.replace("source_id", "source\x1fid") + "\n" + rest, encoding="utf-8")
    problems = assert_refused(package_copy.folder, capsys, tmp_path)
    found = {where(p) for p in problems if p.expected == CONTROL_EXPECTED}
    assert found == {(ORGS, 2, "name_zh", "中山市<U+0007>中等专业学校"), (TIES, 4, "note", "see<U+FFFE>"),
                     ("events.csv", 2, "what_en", "a<U+0000>b"), ("aliases.csv", 1, "source<U+001F>id", "source<U+001F>id")}
    assert "GEXF" in CONTROL_EXPECTED and "U+000E–U+001F" in CONTROL_EXPECTED


def test_tabs_and_line_ends_in_a_cell_are_text(package_copy):
    package_copy.set(TIES, 4, "note", "a\tb\r\nc\nd")
    assert validate(package_copy.folder) == []


@pytest.mark.slow
def test_control_characters_are_found_in_a_big_package_in_seconds(big, tmp_path):
    import shutil
    import time

    folder = tmp_path / "big"
    shutil.copytree(big.folder, folder)
    path = folder / ORGS
    path.write_text(path.read_text(encoding="utf-8").replace("示例大单位001500", "示例大单位\x0b001500"), encoding="utf-8")
    start = time.perf_counter()
    problems = validate(folder)
    assert time.perf_counter() - start < 30
    assert [where(p) for p in problems] == [(ORGS, 87 + 1500, "name_zh", "示例大单位<U+000B>001500")]
