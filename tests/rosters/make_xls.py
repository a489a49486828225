"""Write tests/rosters/legacy.xls: an old-format (BIFF8) Excel roster, as government systems still export.

Nothing in the project's environment writes .xls, so this script needs ``xlwt`` from a throwaway
environment (it is not a dependency of the project):

    python -m venv /tmp/xls && /tmp/xls/bin/pip install xlwt && /tmp/xls/bin/python tests/rosters/make_xls.py

The file is committed; tests/roster/test_importer.py reads it with the importer (python-calamine).
Quirks: a merged title row above the header, a 序号 column, a merged kind cell covering two rows,
an Excel date cell and a text date, and one unknown kind.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlwt

HERE = Path(__file__).resolve().parent


def main() -> Path:
    book = xlwt.Workbook(encoding="utf-8")
    orgs = book.add_sheet("成员单位")
    orgs.write_merge(0, 0, 0, 4, "示例联合体成员单位名单（旧版导出）")
    for col, header in enumerate(["序号", "单位名称", "简称", "单位类型", "理事会职务"]):
        orgs.write(1, col, header)
    rows = [
        (1, "示例旧版职业学院", "旧版职院", None, "副理事长单位"),
        (2, "示例旧版技工学校", "", None, "理事单位"),  # kind merged from the row above
        (3, "示例旧版制造有限公司", "旧版制造", "龙头企业", "成员单位"),
        (4, "示例旧版培训中心", "", "培训机构", "成员单位"),  # unknown kind
    ]
    for r, (n, name, short, kind, tier) in enumerate(rows, start=2):
        orgs.write(r, 0, n)
        orgs.write(r, 1, name)
        orgs.write(r, 2, short)
        if kind is not None:
            orgs.write(r, 3, kind)
        orgs.write(r, 4, tier)
    orgs.write_merge(2, 3, 3, 3, "高职院校")
    ties = book.add_sheet("合作关系")
    for col, header in enumerate(["甲方", "乙方", "合作内容", "开始时间"]):
        ties.write(0, col, header)
    date_style = xlwt.easyxf(num_format_str="yyyy/m/d")
    ties.write(1, 0, "旧版职院")
    ties.write(1, 1, "旧版制造")
    ties.write(1, 2, "订单班")
    ties.write(1, 3, dt.datetime(2022, 9, 1), date_style)
    ties.write(2, 0, "示例旧版技工学校")
    ties.write(2, 1, "旧版制造")
    ties.write(2, 2, "岗位实习、学徒制")
    ties.write(2, 3, "2023年3月")
    path = HERE / "legacy.xls"
    book.save(str(path))
    return path


if __name__ == "__main__":
    print(main())
