"""Property-based round trip: generated rosters written as .xlsx and CSV come back as the same tables."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from chanjiao_utils import loading, roster
from chanjiao_utils.roster import import_roster

from .helpers import MONTH

_KIND_WORDS = list(roster.KIND_WORDS_BY_CODE.items())
_TIER_WORDS = list(roster.TIER_WORDS_BY_CODE.items())
_AREA_WORDS = list(roster.AREA_WORDS_BY_CODE.items())
_NAME_CHARS = "中山市火炬科技智能制造精密职业技术学院协会研究所有限公司（）() 　·&A1"


@st.composite
def rosters(draw):
    n = draw(st.integers(1, 8))
    orgs = []
    for i in range(n):
        stem = draw(st.text(_NAME_CHARS, min_size=1, max_size=8)).strip()
        name = f"{stem}{i:02d}号单位"  # the index keeps name keys apart
        kind, kind_words = draw(st.sampled_from(_KIND_WORDS))
        tier = draw(st.one_of(st.none(), st.sampled_from(_TIER_WORDS)))
        orgs.append({
            "name": name, "kind": kind, "kind_text": draw(st.sampled_from(kind_words[:3])),
            "tier": tier[0] if tier else "", "tier_text": draw(st.sampled_from(tier[1][:2])) if tier else "",
            "short": draw(st.sampled_from(["", f"简{i}"])), "district": draw(st.sampled_from(["", "火炬开发区", "小榄镇"])),
        })
    ties, used = [], set()
    for _ in range(draw(st.integers(0, 6)) if n > 1 else 0):
        a, b = draw(st.permutations(range(n)))[:2]
        areas = draw(st.lists(st.sampled_from(_AREA_WORDS), min_size=0, max_size=3, unique_by=lambda x: x[0]))
        key = frozenset((a, b))
        if key in used:
            continue
        used.add(key)
        since = draw(st.one_of(st.none(), st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31))))
        month = since is not None and draw(st.booleans())
        ties.append({
            "a": a, "b": b, "areas": [code for code, _ in areas], "area_text": "、".join(draw(st.sampled_from(w[:2])) for _, w in areas),
            "since": since.replace(day=1) if month else since, "month": month,
            "since_text": "" if since is None else (f"{since.year}年{since.month}月" if month else draw(st.sampled_from(
                [since.isoformat(), f"{since.year}/{since.month}/{since.day}", f"{since.year}年{since.month}月{since.day}日"]))),
            "by_short": draw(st.booleans()),
        })
    return orgs, ties


ORG_HEADERS = ["序号", "单位名称", "简称", "单位类型", "理事会职务", "所在镇街"]
TIE_HEADERS = ["甲方", "乙方", "合作内容", "开始时间"]


def _org_cells(orgs):
    return [[i + 1, o["name"], o["short"], o["kind_text"], o["tier_text"], o["district"]] for i, o in enumerate(orgs)]


def _tie_cells(orgs, ties, excel_dates: bool):
    def end(i, t):
        return orgs[i]["short"] if t["by_short"] and orgs[i]["short"] else orgs[i]["name"]
    cells = []
    for t in ties:
        since = t["since_text"]
        if excel_dates and t["since"] is not None and not t["month"]:
            since = dt.datetime.combine(t["since"], dt.time())
        cells.append([end(t["a"], t), end(t["b"], t), t["area_text"], since])
    return cells


def _write_inputs(folder: Path, fmt: str, orgs, ties) -> tuple[Path, Path | None]:
    if fmt == "xlsx":
        wb = Workbook()
        ws = wb.active
        ws.title = "成员单位"
        ws.append(["成员单位名单"])  # a title row
        ws.append(ORG_HEADERS)
        for row in _org_cells(orgs):
            ws.append(row)
        wt = wb.create_sheet("合作关系")
        wt.append(TIE_HEADERS)
        for row in _tie_cells(orgs, ties, excel_dates=True):
            wt.append(row)
        path = folder / "roster.xlsx"
        wb.save(path)
        return path, path if ties else None
    encoding = {"csv-bom": "utf-8-sig", "csv-gb18030": "gb18030"}[fmt]

    def write(name, header, rows):
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerows([header] + rows)
        (folder / name).write_bytes(buf.getvalue().encode(encoding))
        return folder / name
    orgs_path = write("roster.csv", ORG_HEADERS, _org_cells(orgs))
    ties_path = write("ties.csv", TIE_HEADERS, _tie_cells(orgs, ties, excel_dates=False)) if ties else None
    return orgs_path, ties_path


def _expected(orgs, ties):
    ids = [f"O{i:03d}" for i in range(1, len(orgs) + 1)]
    org_rows = [(ids[i], o["name"], o["short"], o["kind"], roster.KIND_SECTOR[o["kind"]], o["tier"], o["district"])
                for i, o in enumerate(orgs)]
    tie_rows = []
    for t in ties:
        for area in t["areas"] or [""]:
            tie_rows.append((ids[t["a"]], ids[t["b"]], str(area), "" if t["since"] is None else t["since"].isoformat(),
                             MONTH if t["month"] else ""))
    aliases = [(o["short"], ids[i]) for i, o in enumerate(orgs) if o["short"]]
    return org_rows, tie_rows, aliases


def _got(result):
    t = result.tables
    return ([(o["id"], o["name_zh"], o["short_name"], o["kind"], o["sector"], o["council_tier"], o["district"])
             for o in t["organisations"]],
            [(p["org_a"], p["org_b"], p["area"], p["since"], p["note"]) for p in t["partnerships"]],
            [(a["alias"], a["organisation_id"]) for a in t["aliases"]])


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rosters())
def test_round_trip_xlsx_and_csv(tmp_path, data):
    orgs, ties = data
    expected = _expected(orgs, ties)
    for fmt in ("xlsx", "csv-bom", "csv-gb18030"):
        folder = tmp_path / fmt
        folder.mkdir(exist_ok=True)
        roster_path, ties_path = _write_inputs(folder, fmt, orgs, ties)
        result = import_roster(roster_path, ties_path)
        assert result.ok, (fmt, result.summary())
        assert _got(result) == expected, fmt
        assert sum(c.rows_in for c in result.counts) == len(orgs) + len(ties)


@settings(max_examples=5, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rosters())
def test_round_trip_through_the_written_package(tmp_path, data):
    orgs, ties = data
    roster_path, ties_path = _write_inputs(tmp_path, "xlsx", orgs, ties)
    result = import_roster(roster_path, ties_path, out=tmp_path / "pkg", overwrite=True)
    consortium = loading.load(result.out)
    org_rows, tie_rows, aliases = _expected(orgs, ties)
    table = consortium.organisations.fillna("")
    assert [(i, r["name_zh"], r["short_name"], r["kind"], r["sector"], r["council_tier"], r["district"])
            for i, r in table.iterrows()] == org_rows
    ptable = consortium.partnerships
    got = [(r["org_a"], r["org_b"], "" if pd.isna(r["area"]) else str(r["area"]),
            "" if pd.isna(r["since"]) else r["since"].date().isoformat(),
            "" if pd.isna(r["note"]) else r["note"]) for _, r in ptable.iterrows()]
    assert got == tie_rows
