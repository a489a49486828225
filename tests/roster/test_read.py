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


def test_scans_measure_what_calamine_reads_on_the_corpus(corpus):
    """The careful scan (cells with content) measures exactly the grid python-calamine makes; the quick pass, which
    counts empty formatted cells too (trailing_empty.xlsx has some), never measures less."""
    import zipfile

    from chanjiao_utils.roster import zipcheck

    checked = 0
    for path in sorted(corpus.glob("*.xlsx")):
        grids = {g.sheet: g for g in roster.read_grids(path)}
        with zipfile.ZipFile(path) as zf:
            names = zipcheck._sheet_names(zf)
            for part, sheet in names.items():
                quick, careful = zipcheck._scan_part(zf, zf.getinfo(part)), zipcheck._scan_part(zf, zf.getinfo(part), True)
                raw = grids[sheet].raw
                assert (careful.rows, careful.columns) == (len(raw), max(map(len, raw), default=0)), (path.name, sheet)
                assert quick.rows >= careful.rows and quick.columns >= careful.columns
                checked += 1
    assert checked >= 10
