"""Reading grids (chanjiao_utils.roster.read): merged ranges."""

from __future__ import annotations

from openpyxl import load_workbook

from chanjiao_utils import roster

def test_merged_ranges_from_calamine_match_openpyxl(corpus):
    grid = next(g for g in roster.read_grids(corpus / "merged_cells.xlsx"))
    wb = load_workbook(corpus / "merged_cells.xlsx")
    expected = sorted((m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in wb.active.merged_cells.ranges)
    assert sorted(grid.merged) == expected
    assert sorted(roster._merged_ranges_openpyxl(corpus / "merged_cells.xlsx", "名单")) == expected
