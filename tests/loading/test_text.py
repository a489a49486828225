"""The text in the cells: a file not in UTF-8 is refused cell by cell; characters XML cannot carry are reported."""

from __future__ import annotations

import json

import pytest

from chanjiao_utils.loading import DataPackageError, load, validate

from conftest import read_csv

from .helpers import TIES, assert_problems, where


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
