"""Blank templates (chanjiao_utils.roster.templates): committed, deterministic, and read back by the importer."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from chanjiao_utils import loading, paths, roster
from chanjiao_utils.roster import import_roster

from .helpers import MONTH, _tables

def test_templates_are_committed_and_deterministic():
    folder = paths.DATA_DIR / "templates"
    files = roster.template_files()
    assert files == roster.template_files()
    for name, data in files.items():
        assert (folder / name).read_bytes() == data, f"{name}: run roster.write_templates()"
    assert files["organisations.csv"].startswith(b"\xef\xbb\xbf")


def test_template_has_drop_down_lists():
    wb = load_workbook(paths.DATA_DIR / "templates" / "organisations.xlsx")
    ws = wb["成员单位"]
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert set(lists) == {"D2:D1001", "E2:E1001", "F2:F1001", "G2:G1001"}
    options = wb["选项"]
    assert [c.value for c in options["A"]][1:] == [w[0] for w in roster.KIND_WORDS_BY_CODE.values()]


def test_filled_templates_import_back(tmp_path):
    templates = paths.DATA_DIR / "templates"
    wb = load_workbook(templates / "organisations.xlsx")
    for row in (["模板学校", "Template School", "模板校", "中职学校", "校", "共同理事长单位", "牵头学校", "火炬开发区", "备注一"],
                ["模板公司", None, None, "龙头企业", None, "理事单位", None, None, None]):
        wb["成员单位"].append(row)
    wb.save(tmp_path / "orgs.xlsx")
    wb = load_workbook(templates / "ties.xlsx")
    wb["合作关系"].append(["模板校", "模板公司", "岗位实习、订单培养项目", dt.datetime(2023, 10, 31), None])
    wb.save(tmp_path / "ties.xlsx")
    text = (templates / "ties.csv").read_bytes().decode("utf-8-sig") + "模板学校,模板公司,共建实训基地,2023年10月,\r\n"
    (tmp_path / "ties.csv").write_bytes(text.encode("utf-8-sig"))

    result = import_roster(tmp_path / "orgs.xlsx", tmp_path / "ties.xlsx", out=tmp_path / "a")
    assert result.ok, result.summary()
    orgs = loading.load(tmp_path / "a").organisations
    assert orgs.loc["O001"].tolist() == ["模板学校", "Template School", "模板校", "school", "secondary_vocational_school",
                                         "co_chair", "lead_school", "火炬开发区", "attested", "R01", "备注一"]
    assert _tables(result)[1] == [("模板学校", "模板公司", "2", "2023-10-31", ""), ("模板学校", "模板公司", "3", "2023-10-31", "")]
    result = import_roster(tmp_path / "orgs.xlsx", tmp_path / "ties.csv")
    assert result.ok and _tables(result)[1] == [("模板学校", "模板公司", "6", "2023-10-01", MONTH)]
