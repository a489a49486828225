"""Make the corpus of messy rosters that tests/roster/test_importer.py imports: one file per quirk.

    python tests/rosters/make_corpus.py            # rewrite the committed files next to this script

Deterministic: the same bytes on every run (XLSX without timestamps). Each file plants
problems of its own; tests/roster/test_importer.py states the exact tables and problems expected.
No .xls here: nothing in the environment writes the old BIFF format.

| file | quirk |
|---|---|
| title_row.xlsx | merged title row and a subtitle above the header (header on row 3) |
| blank_rows.xlsx | blank rows above the header and between data rows |
| merged_cells.xlsx | 单位类型 / 理事会职务 merged down several rows |
| seq_column.xlsx | a 序号 column, and a numbered row left empty |
| trailing_empty.xlsx | whitespace-only and formatted-but-empty trailing rows and columns, an unknown column |
| two_sheets.xlsx | an instructions sheet first, then the roster and the ties in two more sheets |
| gbk.csv | GB18030 encoding with a character plain GBK lacks (䶮) |
| utf8_bom.csv | UTF-8 with BOM |
| utf8.csv | plain UTF-8, English headers |
| fullwidth.csv (+ fullwidth_ties.csv) | full-width spaces and （）; the ties write the names half-width |
| trailing_spaces.csv (+ trailing_spaces_ties.csv) | leading/trailing spaces and tabs around names |
| dates.xlsx | roster + ties sheets; since as Excel dates, serial numbers and the text date forms |
| duplicates.csv | an exact duplicate name and a width-variant duplicate |
| aliases.xlsx | 简称 and 别名 columns; ties by short name and alias; a shared short name |
| base_roster.csv + unknown_org_ties.csv | a tie naming an organisation not in the roster |
| unknown_kind.csv | short forms of kinds, and one unknown kind |
| base_roster.csv + unknown_area_ties.csv | several areas in one cell, an unknown area, area code 13 |
| missing_column.csv | no kind column |
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from openpyxl import Workbook

from chanjiao_utils.export import deterministic_xlsx
from openpyxl.styles import PatternFill

HERE = Path(__file__).resolve().parent


def _xlsx_bytes(wb: Workbook) -> bytes:
    """Save without timestamps, as chanjiao_utils.export does for its tables."""
    wb.properties.creator = "chanjiao tests"
    wb.properties.created = wb.properties.modified = dt.datetime(2000, 1, 1)
    raw = io.BytesIO()
    wb.save(raw)
    return deterministic_xlsx(raw.getvalue())


def _sheet(wb: Workbook, title: str, rows: list[list[object]], first: bool = False):
    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(r, c, value)
    return ws


def _csv(rows: list[list[str]]) -> str:
    return "".join(",".join(row) + "\r\n" for row in rows)


BASE_ROSTER = [
    ["单位名称", "简称", "单位类型", "理事会职务"],
    ["示例市中等专业学校", "示例中专", "中职学校", "共同理事长单位"],
    ["示例工业集团", "示例集团", "园区运营企业", "共同理事长单位"],
    ["示例数控技术有限公司", "示例数控", "龙头企业", "副理事长单位"],
    ["示例行业协会", "", "行业协会", "理事单位"],
    ["示例科创企业（中山）有限公司", "", "科创企业", "成员单位"],
]


def files() -> dict[str, bytes]:
    out: dict[str, bytes] = {}

    # title_row.xlsx: header on row 3.
    wb = Workbook()
    ws = _sheet(wb, "成员单位", [
        ["中山市市域产教联合体成员单位名单"],
        ["（截至2023年11月）"],
        ["单位名称", "单位类型", "理事会职务", "备注"],
        ["标题行学校", "中职", "理事长", "牵头"],
        ["标题行公司", "龙头企业", "理事", None],
        ["标题行培训中心", "培训机构", "成员", None],
    ], first=True)
    ws.merge_cells("A1:D1")
    out["title_row.xlsx"] = _xlsx_bytes(wb)

    # blank_rows.xlsx: header on row 4, a blank row 7 between data rows.
    wb = Workbook()
    _sheet(wb, "Sheet1", [
        [], [], [],
        ["单位名称", "单位类型"],
        ["空行学校甲", "高职"],
        ["空行公司乙", "企业"],
        [],
        [None, "协会"],
        ["空行研究所丙", "研究所"],
    ], first=True)
    out["blank_rows.xlsx"] = _xlsx_bytes(wb)

    # merged_cells.xlsx
    wb = Workbook()
    ws = _sheet(wb, "名单", [
        ["单位名称", "单位类型", "理事会职务"],
        ["合并公司甲", "龙头企业", "理事单位"],
        ["合并公司乙", None, None],
        ["合并公司丙", None, "成员单位"],
        ["合并学校丁", "学校", "成员单位"],
        ["合并学校戊", None, None],
    ], first=True)
    ws.merge_cells("B2:B4")
    ws.merge_cells("C2:C3")
    ws.merge_cells("B5:B6")
    ws.merge_cells("C5:C6")
    out["merged_cells.xlsx"] = _xlsx_bytes(wb)

    # seq_column.xlsx: 序号 ignored; row 5 holds only its number.
    wb = Workbook()
    _sheet(wb, "Sheet1", [
        ["序号", "单位名称", "单位类型", "理事会职务"],
        [1, "序号公司一", "公司", "理事"],
        [2, "序号公司二", "科技创新企业", "常务理事"],
        [3, "序号学院三", "职业技术学院", "副理事长"],
        [4, None, None, None],
    ], first=True)
    out["seq_column.xlsx"] = _xlsx_bytes(wb)

    # trailing_empty.xlsx
    wb = Workbook()
    ws = _sheet(wb, "Sheet1", [
        ["单位名称", "单位类型", "牵头角色", "联系人", None, " "],
        ["尾部公司甲", "龙头企业", "牵头企业", "张三", None, " "],
        ["尾部学校乙", "中专", "牵头单位", "李四"],
        [" ", "  ", None, None, " "],
        ["\u3000"],
    ], first=True)
    for cell in ("H12", "A15", "J3"):
        ws[cell].fill = PatternFill("solid", fgColor="FFFF00")
    out["trailing_empty.xlsx"] = _xlsx_bytes(wb)

    # two_sheets.xlsx: instructions first.
    wb = Workbook()
    _sheet(wb, "说明", [["本工作簿包含成员单位和合作关系两张表。"], ["请勿修改表头。"]], first=True)
    _sheet(wb, "名单", [
        ["单位名称", "单位类型"],
        ["双表学校", "中职学校"],
        ["双表公司", "龙头企业"],
        ["双表协会", "商会"],
    ])
    _sheet(wb, "合作", [
        ["甲方", "乙方", "合作内容"],
        ["双表学校", "双表公司", "岗位实习"],
        ["双表协会", "双表协会", "技能培训"],
        ["双表学校", "双表协会", 8],
    ])
    out["two_sheets.xlsx"] = _xlsx_bytes(wb)

    out["gbk.csv"] = _csv([
        ["单位名称", "单位类型", "所属方"],
        ["䶮记精密制造有限公司", "龙头企业", "企"],
        ["编码测试学校", "中职学校", "校"],
        ["编码测试公司", "龙头企业", "校"],
    ]).encode("gb18030")

    out["utf8_bom.csv"] = _csv([
        ["单位名称", "单位类型", "理事会职务"],
        ["带BOM学校", "本科高校", "理事单位"],
        ["带BOM政府", "管委会", ""],
        ["带BOM公司", "", "成员单位"],
    ]).encode("utf-8-sig")

    out["utf8.csv"] = _csv([
        ["Name", "English name", "Kind", "Tier", "Short name"],
        ["无BOM学校", "No-BOM School", "secondary vocational school", "member", "无BOM"],
        ["无BOM面包店", "No-BOM Bakery", "bakery", "member", ""],
    ]).encode("utf-8")

    out["fullwidth.csv"] = _csv([
        ["单位名称", "单位类型"],
        ["全角（中山）科技\u3000有限公司", "科技创新企业"],
        ["全角测试学校", "中职"],
    ]).encode("utf-8-sig")
    out["fullwidth_ties.csv"] = _csv([
        ["甲方", "乙方", "合作内容"],
        ["全角(中山)科技 有限公司", "全角测试学校", "共建实训基地"],
        ["全角(中山)科技有限公司", "全角测试学校", "实训基地、团建"],
    ]).encode("utf-8-sig")

    out["trailing_spaces.csv"] = _csv([
        ["单位名称 ", " 单位类型"],
        ["  空格学校 ", "中职 "],
        ["\t空格公司\u3000", " 龙头企业"],
        ["   ", "企业"],
    ]).encode("utf-8-sig")
    out["trailing_spaces_ties.csv"] = _csv([
        ["甲方", "乙方", "合作内容"],
        ["空格学校", "空格公司 ", "订单班"],
    ]).encode("utf-8-sig")

    # dates.xlsx: the roster and the ties in one workbook.
    wb = Workbook()
    _sheet(wb, "名单", [
        ["单位名称", "单位类型"],
        ["日期学校", "中职学校"],
        ["日期公司", "龙头企业"],
    ], first=True)
    since = [dt.datetime(2023, 11, 1), 45231, "2023/11/1", "2023-11-01", "2023年11月1日", "2023年11月",
             "2023.11", 2023.11, 2023.1, "2023/13/1", "去年", None]
    _sheet(wb, "合作", [["甲方", "乙方", "合作内容", "开始时间"]]
           + [["日期学校", "日期公司", area, value] for area, value in enumerate(since, start=1)])
    out["dates.xlsx"] = _xlsx_bytes(wb)

    out["duplicates.csv"] = _csv([
        ["单位名称", "单位类型"],
        ["示例重复公司", "企业"],
        ["中山市（甲）公司", "企业"],
        ["不重复公司", "企业"],
        ["示例重复公司", "企业"],
        ["中山市(甲)公司", "企业"],
    ]).encode("utf-8-sig")

    wb = Workbook()
    _sheet(wb, "Sheet1", [
        ["单位名称", "简称", "别名", "单位类型"],
        ["中山市别名测试学校", "别名学校", "测试校、老校名", "中职学校"],
        ["中山别名测试集团有限公司", "中山", None, "龙头企业"],
        ["中山另一测试有限公司", "中山", None, "企业"],
        ["别名测试协会", "别名测试协会", None, "协会"],
    ], first=True)
    _sheet(wb, "合作", [
        ["甲方", "乙方", "合作内容"],
        ["别名学校", "别名测试协会", "教材"],
        ["老校名", "别名测试协会", "互兼互聘"],
        ["中山", "别名学校", "实习"],
    ])
    out["aliases.xlsx"] = _xlsx_bytes(wb)

    out["base_roster.csv"] = _csv(BASE_ROSTER).encode("utf-8-sig")
    out["unknown_org_ties.csv"] = _csv([
        ["序号", "甲方", "乙方", "合作内容", "合作时间"],
        ["1", "示例中专", "示例数控", "订单培养", "2023年9月"],
        ["2", "示例中专", "不存在的公司", "岗位实习", ""],
    ]).encode("utf-8-sig")
    out["unknown_area_ties.csv"] = _csv([
        ["甲方", "乙方", "合作领域"],
        ["示例市中等专业学校", "示例工业集团", "岗位实习、订单培养；共建产业学院"],
        ["示例中专", "示例行业协会", "团建"],
        ["示例中专", "示例科创企业(中山)有限公司", "13"],
        ["示例中专", "示例数控", ""],
    ]).encode("utf-8-sig")

    out["unknown_kind.csv"] = _csv([
        ["名称", "类别"],
        ["类别学校", "中等职业学校"],
        ["类别大学", "大学"],
        ["类别研究院", "研究院"],
        ["类别局", "局"],
        ["类别园区", "园区运营"],
        ["类别高企", "高新技术企业"],
        ["类别培训", "培训机构"],
    ]).encode("utf-8-sig")

    out["missing_column.csv"] = _csv([
        ["单位名称", "理事会职务"],
        ["缺列公司", "理事"],
    ]).encode("utf-8-sig")
    return out


def make(folder: Path = HERE) -> dict[str, Path]:
    """Write the corpus into ``folder``; returns {file name: path}."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, data in files().items():
        (folder / name).write_bytes(data)
        written[name] = folder / name
    return written


if __name__ == "__main__":
    for path in make(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE).values():
        print(path)
