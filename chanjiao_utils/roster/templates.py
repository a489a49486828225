"""Blank roster templates (.xlsx with drop-down lists, .csv) that the importer reads back exactly."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

from .. import files, paths
from .words import (
    AREA_WORDS_BY_CODE, KIND_WORDS_BY_CODE, LEAD_ROLE_WORDS_BY_CODE, SECTOR_WORDS_BY_CODE, TIER_WORDS_BY_CODE,
)

#: Headers of the blank templates (Chinese; the importer reads them back exactly).
TEMPLATE_HEADERS = {
    "organisations": ["单位名称", "英文名称", "简称", "单位类型", "所属方", "理事会职务", "牵头角色", "所在镇街", "备注"],
    "ties": ["甲方", "乙方", "合作内容", "开始时间", "备注"],
}
_TEMPLATE_LISTS = {
    "单位类型": [w[0] for w in KIND_WORDS_BY_CODE.values()],
    "所属方": [w[0] for w in SECTOR_WORDS_BY_CODE.values()],
    "理事会职务": [w[0] for w in TIER_WORDS_BY_CODE.values()],
    "牵头角色": [w[0] for w in LEAD_ROLE_WORDS_BY_CODE.values()],
    "合作内容": [w[0] for w in AREA_WORDS_BY_CODE.values()],
}
TEMPLATE_ROWS = 1000  # rows that carry the drop-down lists


def _template_xlsx(role: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from ..export import deterministic_xlsx

    headers = TEMPLATE_HEADERS[role]
    wb = Workbook()
    ws = wb.active
    ws.title = "成员单位" if role == "organisations" else "合作关系"
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    lists = wb.create_sheet("选项")
    lists.sheet_state = "hidden"
    list_col = 0
    for i, header in enumerate(headers, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = 36 if header in ("单位名称", "甲方", "乙方", "合作内容") else 16
        if header not in _TEMPLATE_LISTS:
            continue
        list_col += 1
        words = _TEMPLATE_LISTS[header]
        list_letter = get_column_letter(list_col)
        lists.cell(1, list_col, header)
        for r, word in enumerate(words, start=2):
            lists.cell(r, list_col, word)
        several = header == "合作内容"
        dv = DataValidation(
            type="list", formula1=f"'选项'!${list_letter}$2:${list_letter}${len(words) + 1}", allow_blank=True,
            showErrorMessage=True, errorStyle="warning" if several else "stop",
            errorTitle=header, error=("Several areas: separate them with 、 (岗位实习、订单培养)" if several
                                      else "Choose a value from the list"),
            promptTitle=header, prompt="Choose from the list" + ("; several: separate with 、" if several else ""),
            showInputMessage=True)
        dv.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
        ws.add_data_validation(dv)
    wb.properties.creator = "chanjiao"
    wb.properties.created = wb.properties.modified = dt.datetime(2000, 1, 1)
    buf = io.BytesIO()
    wb.save(buf)
    return deterministic_xlsx(buf.getvalue())


def template_files() -> dict[str, bytes]:
    """The blank templates, by file name: organisations/ties as .xlsx (drop-down lists) and .csv (UTF-8 with BOM)."""
    files = {}
    for role, stem in (("organisations", "organisations"), ("ties", "ties")):
        files[f"{stem}.xlsx"] = _template_xlsx(role)
        files[f"{stem}.csv"] = (",".join(TEMPLATE_HEADERS[role]) + "\r\n").encode("utf-8-sig")
    return files


def write_templates(folder: str | os.PathLike[str] | None = None) -> list[Path]:
    """Write the blank templates (default: ``data/templates``); byte-identical on every run."""
    folder = Path(folder) if folder is not None else paths.DATA_DIR / "templates"
    return [files.atomic_write(folder / name, data) for name, data in template_files().items()]
