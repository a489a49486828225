"""XLSX tables for people (chanjiao_utils.tables): words above the headers, codes named, number formats,
print setup; the CSV beside them stays for machines."""

from __future__ import annotations

import csv
import io
import math
import shutil
import subprocess

import pandas as pd
import pytest
from openpyxl import load_workbook

from chanjiao_utils import export, measures, tables
from chanjiao_utils.figure_text import figure_text
from chanjiao_utils.graph import organisation_graph
from chanjiao_utils.loading import load

H = tables.HEADER_ROW


@pytest.fixture(scope="module")
def consortium():
    return load()


@pytest.fixture(scope="module")
def written(consortium, tmp_path_factory):
    """Tables as notebooks 01, 03, 05 and 06 save them (some with a FigureText, some without)."""
    graph = organisation_graph(consortium)
    order = list(consortium.sectors.sort_values("order").index)
    orgs = consortium.organisations.reset_index()[["id", "name_zh", "sector", "kind", "council_tier", "lead_role",
                                                    "provenance"]].set_index("id")
    cases = {
        "departure_ranking": (measures.departure_ranking(graph), "06_departure_ranking"),
        "mixing_matrix": (measures.mixing_matrix(graph, "sector", order=order), "05_mixing_matrix"),
        "composition_by_kind": (measures.composition(consortium, "kind"), None),
        "centrality": (measures.centrality(graph), None),
        "organisations": (orgs, None),
    }
    out = tmp_path_factory.mktemp("tables")
    found = {}
    for name, (table, figure) in cases.items():
        text = figure_text(figure, consortium) if figure else None
        csv_path, xlsx_path = export.save_table(table, "09", name, text=text, out=out)
        found[name] = (table, text, csv_path, xlsx_path)
    return found


def _columns(ws) -> dict[str, int]:
    """Machine name → column number (1-based)."""
    return {c.value: c.column for c in ws[H + 1]}


def _values(ws, column: int) -> list:
    return [ws.cell(row=r, column=column).value for r in range(H + 2, ws.max_row + 1)]


def test_title_source_and_notice_above_the_headers_and_in_the_properties(written):
    table, text, _, path = written["departure_ranking"]
    wb = load_workbook(path)
    ws = wb.active
    assert ws["A1"].value == text.title == "哪些单位退出会使其他单位失去联系 · Whose departure cuts other members apart"
    assert ws["A2"].value == f"来源 Source: {text.source}"
    assert ws["A3"].value == text.notice and text.notice.startswith("示意数据")
    assert ws.cell(row=1, column=1).font.b
    from openpyxl.utils import get_column_letter

    assert f"A1:{get_column_letter(ws.max_column)}1" in {str(r) for r in ws.merged_cells.ranges}
    assert wb.properties.title == text.title
    assert text.source in wb.properties.description and text.notice in wb.properties.description
    assert wb.properties.creator == "chanjiao"


def test_without_words_the_title_is_the_id_and_the_notice_counts_the_rows(written, consortium):
    table, text, _, path = written["centrality"]
    ws = load_workbook(path).active
    synthetic = int((consortium.organisations["provenance"] == "synthetic").sum())
    assert ws["A1"].value == "09_centrality"
    assert ws["A2"].value is None
    assert ws["A3"].value == f"示意数据：本表85行中{synthetic}行为合成数据\nIllustrative: {synthetic} of the 85 rows " \
                             "of this table are synthetic"


@pytest.mark.parametrize("name", ["departure_ranking", "mixing_matrix", "composition_by_kind", "centrality",
                                  "organisations"])
def test_print_setup_one_page_wide_landscape_a4_headers_repeated(written, name):
    ws = load_workbook(written[name][3]).active
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4) == 9
    assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == f"${H}:${H + 1}"
    assert 0.3 <= ws.page_margins.left <= 1 and 0.3 <= ws.page_margins.top <= 1
    assert ws.freeze_panes == f"A{H + 2}"


@pytest.mark.parametrize("name", ["departure_ranking", "mixing_matrix", "composition_by_kind", "centrality"])
def test_number_formats_follow_the_column(written, name):
    table, _, _, path = written[name]
    ws = load_workbook(path).active
    columns = _columns(ws)
    frame = table.reset_index()
    for column in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[column]) or pd.api.types.is_bool_dtype(frame[column]):
            continue
        formats = {ws.cell(row=r, column=columns[str(column)]).number_format for r in range(H + 2, ws.max_row + 1)}
        if str(column) in ("reachable_pairs_kept", "school_enterprise_pairs_kept"):
            assert formats == {"0.0%"}, column
        elif pd.api.types.is_integer_dtype(frame[column]):
            assert formats == {"0"}, column
        else:
            assert formats == {"0.000"}, column  # 5.98e-26 shows as 0.000, not in scientific notation
    # the stored values keep full precision: only the display is rounded
    if name == "centrality":
        assert _values(ws, columns["eigenvector"]) == [pytest.approx(v, rel=1e-15, abs=1e-300) for v in table["eigenvector"]]


def test_codes_are_named_in_chinese_with_the_code_beside(written, consortium):
    table, _, csv_path, path = written["organisations"]
    ws = load_workbook(path).active
    columns = _columns(ws)
    names = {
        "sector": consortium.sectors["name_zh"].to_dict(),
        "kind": consortium.kinds["name_zh"].to_dict() if hasattr(consortium, "kinds") else None,
        "council_tier": consortium.tiers["name_zh"].to_dict(),
        "provenance": {"attested": "有来源", "synthetic": "合成"},
        "lead_role": {"lead_school": "牵头学校", "lead_enterprise": "牵头企业", "park": "依托园区", "none": "无"},
    }
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for column, words in names.items():
        assert columns[f"{column}_code"] == columns[column] + 1, column  # the code sits beside its name
        shown, codes = _values(ws, columns[column]), _values(ws, columns[f"{column}_code"])
        assert codes == [r[column] or None for r in rows], column  # the CSV keeps the codes
        if words is not None:
            assert shown == [words[c] if c is not None else None for c in codes], column
    header = {c.value: ws.cell(row=H, column=c.column).value.replace("\n", "") for c in ws[H + 1]}
    assert header["sector"] == "所属方（政行企研校）" and header["sector_code"] == "所属方（政行企研校）代码"
    assert set(_values(ws, columns["sector"])) <= set("政行企研校")


def test_an_index_of_codes_is_named_too(written):
    ws = load_workbook(written["mixing_matrix"][3]).active
    columns = _columns(ws)
    assert _values(ws, columns["sector"]) == ["政", "行", "企", "研", "校"]
    assert _values(ws, columns["sector_code"]) == ["government", "association", "enterprise", "research", "school"]
    assert [ws.cell(row=H, column=columns[s]).value for s in ("government", "school")] == ["政", "校"]


def test_the_csv_stays_for_machines(written):
    table, _, csv_path, _ = written["centrality"]
    text = csv_path.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "id," + ",".join(table.columns)
    assert ",school,synthetic," in text and "e-26" in text  # codes and full precision


def test_unknown_codes_and_free_text_stay_as_they_are():
    frame = pd.DataFrame({"sector": ["school", "somewhere_else"], "provenance": ["=1+1", "synthetic"]})
    shown, codes = tables.shown_frame(frame, tables.vocabularies())
    assert shown["sector"].tolist() == ["校", "somewhere_else"]
    assert shown["provenance"].tolist() == ["=1+1", "合成"]
    ws = load_workbook(io.BytesIO(tables.xlsx_bytes(frame, "t"))).active
    cell = ws.cell(row=H + 2, column=_columns(ws)["provenance"])
    assert cell.data_type == "s" and cell.value == "=1+1"  # formula-like text stays text


def test_lists_of_codes_are_named_one_by_one():
    shown, _ = tables.shown_frame(pd.DataFrame({"sector_list": ["government, enterprise, school"]}),
                                  tables.vocabularies())
    assert shown["sector_list"].tolist() == ["政、企、校"]
    assert shown["sector_list_code"].tolist() == ["government, enterprise, school"]


def test_same_table_same_bytes(consortium, tmp_path):
    table = measures.departure_ranking(organisation_graph(consortium))
    text = figure_text("06_departure_ranking", consortium)
    a = export.save_table(table, "06", "r", text=text, out=tmp_path / "a")[1].read_bytes()
    b = export.save_table(table, "06", "r", text=text, out=tmp_path / "b")[1].read_bytes()
    assert a == b


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_wide_table_prints_one_page_wide(written, tmp_path):
    """LibreOffice prints the departure ranking (11 columns in the CSV, 13 in the XLSX) one page wide:
    every column on the first page, and no more pages than the rows need."""
    from pypdf import PdfReader

    table, _, _, path = written["departure_ranking"]
    assert len(table.reset_index().columns) >= 11
    run = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                          "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                         capture_output=True, text=True, timeout=180)
    pdf = tmp_path / (path.stem + ".pdf")
    assert pdf.is_file(), run.stderr
    pages = PdfReader(pdf).pages
    assert len(pages) <= math.ceil(len(table) / 40), len(pages)
    first = pages[0].extract_text().replace("\n", " ")
    for name in ("id", "rank", "reachable_pairs_lost", "partnerships_lost"):  # first and last columns
        assert name in first, name
    second = pages[1].extract_text() if len(pages) > 1 else ""
    assert not len(pages) > 1 or "partnerships_lost" in second  # header rows repeated on the next page


def test_names_come_from_the_users_own_data_package(package_copy, tmp_path):
    """A researcher's package names its sectors and areas its own way: the XLSX follows the package."""
    row = next(i for i, r in enumerate(package_copy.rows("sectors.csv"), start=2) if r["code"] == "research")
    package_copy.set("sectors.csv", row, "name_zh", "科研院所方")
    package_copy.set("areas.csv", 3, "name_zh", "跟岗实习")  # area 2
    frame = pd.DataFrame({"sector": ["research", "school"], "area": [2, 1]})
    ws = load_workbook(export.save_table(frame, "09", "own", data=package_copy.folder, out=tmp_path)[1]).active
    columns = _columns(ws)
    assert _values(ws, columns["sector"]) == ["科研院所方", "校"]
    assert _values(ws, columns["area"]) == ["跟岗实习", "共建产业学院"]
    assert _values(ws, columns["area_code"]) == [2, 1]


def test_statistic_names_are_read_as_words_with_the_code_beside():
    """Patterns name each part from its own vocabulary: brokerage_school is a party's brokerage, brokerage_liaison
    a role's; a part no vocabulary knows leaves the code as it is."""
    codes = ["brokerage_school", "brokerage_liaison", "mixing_research_school", "top5_betweenness",
             "the thinnest area is 2 岗位实习", "the most damaging departure is a research", "brokerage_nobody"]
    shown, _ = tables.shown_frame(pd.DataFrame({"statistic": codes}), tables.vocabularies())
    assert shown["statistic"].tolist() == ["校方的中介角色数", "联络者角色数（全网）", "研—校合作关系数",
                                           "中介中心性前5名不变", "最薄弱的合作方面是岗位实习",
                                           "退出影响最大的单位属研方", "brokerage_nobody"]
    assert shown["statistic_code"].tolist() == codes
    english, _ = tables.shown_frame(pd.DataFrame({"statistic": codes[:3]}), tables.vocabularies(), "en")
    assert english["statistic"].tolist() == ["Brokerage by Schools", "Brokerage as Liaison (whole network)",
                                             "Ties Research–Schools"]


def test_kind_names_an_organisations_kind_and_an_inference_rows_kind():
    shown, _ = tables.shown_frame(pd.DataFrame({"kind": ["leading_enterprise", "finding", "ranking"]}),
                                  tables.vocabularies())
    assert shown["kind"].tolist() == ["龙头企业", "结论", "排序相关"]
