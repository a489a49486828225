"""Writing (chanjiao_utils.roster.write): the data package and the report workbook."""

from __future__ import annotations

import pytest

from chanjiao_utils.files import OutputError
from openpyxl import load_workbook

from chanjiao_utils import loading, paths, roster
from chanjiao_utils.roster import import_roster

def test_written_package_is_valid_attested_and_loads(corpus, tmp_path):
    out = tmp_path / "my-roster"
    result = import_roster(corpus / "base_roster.csv", corpus / "unknown_area_ties.csv", out=out, keep_valid=True,
                           accessed="2024-05-01")
    assert result.out == out and loading.validate(out) == []
    consortium = loading.load(out)
    assert consortium.descriptor["name"] == "my-roster" and "chanjiao:synthetic" not in consortium.descriptor
    assert consortium.synthetic_assumptions() is None
    assert set(consortium.organisations["provenance"]) == {"attested"}
    assert set(consortium.organisations["source_id"]) == {"R01"}
    assert set(consortium.partnerships["source_id"]) == {"R02"}
    sources = consortium.sources
    assert sources.loc["R01", ["kind", "title"]].tolist() == ["user_roster", "base_roster.csv"]
    assert sources.loc["R02", "title"] == "unknown_area_ties.csv"
    assert str(sources.loc["R01", "accessed"])[:10] == "2024-05-01"
    assert consortium.events.empty
    assert consortium.aliases.loc["示例中专", "organisation_id"] == "O001"
    for name in roster.VOCABULARY_FILES:
        assert (out / name).read_bytes() == (paths.bundled_data() / name).read_bytes()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging folder left behind
    again = import_roster(corpus / "base_roster.csv", corpus / "unknown_area_ties.csv", out=tmp_path / "again",
                          keep_valid=True, name="my-roster", accessed="2024-05-01")
    for file in sorted(p.name for p in out.iterdir()):
        assert (again.out / file).read_bytes() == (out / file).read_bytes(), file  # deterministic
    with pytest.raises(OutputError, match="holds an earlier import: pass --force"):
        import_roster(corpus / "base_roster.csv", out=out)
    assert import_roster(corpus / "base_roster.csv", out=out, overwrite=True).out == out
    assert loading.load(out).partnerships.empty


def test_report_workbook_marks_bad_cells_and_lists_every_problem(corpus, tmp_path):
    result = import_roster(corpus / "dates.xlsx", corpus / "dates.xlsx", report=tmp_path / "report.xlsx")
    assert result.report == tmp_path / "report.xlsx" and result.out is None
    wb = load_workbook(result.report)
    assert wb.sheetnames == ["问题 Problems", "名单", "合作"]
    listed = [tuple(r) for r in wb["问题 Problems"].iter_rows(min_row=2, values_only=True)]
    assert [(f, r, c, v) for f, r, c, v, _ in listed] == [(p.file, p.row, p.column, p.value) for p in result.problems]
    ties = wb["合作"]
    for row in (10, 11, 12):
        cell = ties.cell(row, 4)
        assert cell.fill.fgColor.rgb.endswith(roster._BAD_FILL) and "expected" in cell.comment.text
    assert ties.cell(9, 4).comment is None and ties.cell(10, 1).comment is None
    assert ties.cell(9, 4).value == pytest.approx(2023.11)
    # the same input gives the same bytes
    import_roster(corpus / "dates.xlsx", corpus / "dates.xlsx", report=tmp_path / "again.xlsx")
    assert (tmp_path / "again.xlsx").read_bytes() == result.report.read_bytes()


def test_report_of_a_csv_and_of_merged_cells(corpus, tmp_path):
    result = import_roster(corpus / "merged_cells.xlsx", report=tmp_path / "r.xlsx")
    ws = load_workbook(result.report)["名单"]
    assert ws.cell(5, 2).comment is not None and "B5:B6" in {str(m) for m in ws.merged_cells.ranges}
    result = import_roster(corpus / "gbk.csv", report=tmp_path / "g.xlsx")
    ws = load_workbook(result.report)["gbk"]
    assert ws.cell(2, 1).value == "䶮记精密制造有限公司" and ws.cell(4, 3).comment is not None


def test_written_package_carries_the_optional_english_and_short_columns(corpus, tmp_path):
    """Every CSV header of an imported package is its schema's fields, in order; the bundled S01 row keeps its English
    title and publisher, the roster's own row leaves them empty (shown as written), the areas keep their short names."""
    import csv
    import json

    from chanjiao_utils import figure_text, plotting

    out = import_roster(corpus / "base_roster.csv", out=tmp_path / "mine", accessed="2024-05-01").out
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        with (out / resource["path"]).open(encoding="utf-8", newline="") as fh:
            assert next(csv.reader(fh)) == [f["name"] for f in resource["schema"]["fields"]], resource["name"]
    consortium = loading.load(out)
    sources = consortium.sources
    assert sources.loc["S01", ["title_en", "publisher_en"]].tolist() == [
        "Zhongshan's first city-level industry–education consortium is founded", "Zhongshan Torch Zone News"]
    assert sources.loc["R01", ["title_en", "publisher_en"]].isna().all()
    assert plotting.area_labels(consortium.areas, "en", short=True)[9] == "Company teachers"
    assert figure_text.figure_text("02_network_map", consortium, "en").source == "base_roster.csv"
