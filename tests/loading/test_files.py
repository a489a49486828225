"""The table files: read as well as a damaged file can be; only regular files inside the package folder are read."""

from __future__ import annotations

import pytest

from chanjiao_utils import loading


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
