"""`chanjiao report`: every notebook runs, outputs land, a failed run leaves nothing half-written."""

from __future__ import annotations

import hashlib
import json
import re
import shutil

import pytest

from chanjiao_utils import paths
from chanjiao_utils.loading import DataPackageError
from chanjiao_utils.report import run_report
from test_report_tables import check_every_table

pytestmark = pytest.mark.slow


def _digests(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_report_twice_writes_every_output_byte_identical_figures(tmp_path):
    first = run_report(out=tmp_path / "a", progress_bar=False, log=lambda _: None)
    second = run_report(out=tmp_path / "b", progress_bar=False, log=lambda _: None)
    assert first == tmp_path / "a" / "zhongshan_2023"
    files = _digests(first)
    notebooks = [p.name for p in paths.notebooks()]
    assert sorted(f for f in files if f.startswith("notebooks/")) == sorted(f"notebooks/{n}" for n in notebooks)
    figures = {f for f in files if f.startswith("figures/")}
    tables = {f for f in files if f.startswith("tables/")}
    for stem in ("01_members_by_sector", "02_network_map", "02_degree_distribution"):
        assert {f"figures/{stem}.{fmt}" for fmt in ("png", "svg", "pdf")} <= figures
    assert {"tables/02_degree.csv", "tables/02_degree.xlsx", "tables/01_composition_by_sector.csv"} <= tables
    manifest = json.loads((first / "manifest.json").read_text(encoding="utf-8"))
    listed = {f["path"]: f["sha256"] for entry in manifest["figures"] + manifest["tables"] for f in entry["files"]}
    assert listed == {k: v for k, v in files.items() if k.startswith(("figures/", "tables/"))}, \
        "the manifest must list exactly the figure and table files on disk, with their checksums"
    for entry in manifest["figures"]:
        assert entry["title"] and entry["source"], entry["id"]
        assert (entry["synthetic_share"] > 0) == bool(entry["notice"]), entry["id"]
    other = _digests(second)
    for name in sorted(figures | tables):
        assert files[name] == other[name], f"{name} differs between two runs"
    assert not [p for p in tmp_path.rglob("*") if ".partial-" in p.name or p.suffix == ".part"]
    _check_html(first, notebooks)
    _check_notebooks_signed(first)
    _check_pdf_titles(first, manifest)
    _check_report_set(first, manifest)
    check_every_table(first / "tables")


def _check_html(report, notebooks):
    """Every executed notebook as a web page that reads offline: nothing fetched, figures embedded, its Chinese
    carried as a web font, no staging path or test marker; an index lists every page, figure and table."""
    import re

    pages = sorted(p.name for p in (report / "html").iterdir())
    assert pages == sorted([n.replace(".ipynb", ".html") for n in notebooks] + ["index.html"])
    for page in pages:
        html = (report / "html" / page).read_text(encoding="utf-8")
        assert not re.findall(r"<(?:script|link|img)[^>]*(?:src|href)=[\"']?(?:https?:)?//", html), page
        assert "<style" in html, page
        assert ".partial-" not in html and "NBVAL" not in html, page
        assert "...</td>" not in html and "<th>...</th>" not in html, page  # pandas cut no cell or column
        _check_font_covers_the_page(html, page)
        if page == "index.html":
            continue
        assert "data:image/png;base64," in html, page
        assert "## What we found" not in html and ">What we found<" in html, page  # markdown rendered
    assert "中山中专" in (report / "html" / "02_network_structure.html").read_text(encoding="utf-8")
    index = (report / "html" / "index.html").read_text(encoding="utf-8")
    manifest = json.loads((report / "manifest.json").read_text(encoding="utf-8"))
    for page in pages[:-1]:
        assert f'href="{page}"' in index, page
    for entry in manifest["figures"] + manifest["tables"]:
        for f in entry["files"]:
            assert f'href="../{f["path"]}"' in index, f["path"]
    page07 = (report / "html" / "07_figures_for_reports.html").read_text(encoding="utf-8")
    assert "Interactive network map" in page07
    for lang in ("zh", "en"):  # the printed map links the standalone map page, which reads offline too
        link = f'href="../figures/07_network_map_{lang}.html"'
        assert link in page07 and link in index
        map_page = (report / "figures" / f"07_network_map_{lang}.html").read_text(encoding="utf-8")
        assert not re.findall(r"(?:src|href)=[\"']?(?:https?:)?//|url\((?:https?:)?//", map_page)


def _check_font_covers_the_page(html, page):
    """The web font in the page has a glyph for every character beyond ASCII that the page shows."""
    import base64
    import io
    import re
    from html import unescape

    from fontTools.ttLib import TTFont

    fonts = re.findall(r"url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)", html)
    assert len(fonts) == 1, page
    cmap = TTFont(io.BytesIO(base64.b64decode(fonts[0]))).getBestCmap()
    text = unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.S)))
    cjk = {ch for ch in text if ord(ch) >= 0x2E80}
    assert cjk and not {ch for ch in cjk if ord(ch) not in cmap}, page


def _check_notebooks_signed(report):
    """JupyterLab trusts the executed notebooks (the map widget shows), and they name no staging folder."""
    import nbformat
    from nbformat.sign import NotebookNotary

    notary = NotebookNotary()
    for path in sorted((report / "notebooks").glob("*.ipynb")):
        text = path.read_text(encoding="utf-8")
        assert ".partial-" not in text and "NBVAL" not in text, path.name
        assert notary.check_signature(nbformat.reads(text, as_version=4)), path.name


def _check_pdf_titles(report, manifest):
    """Each PDF figure holds its title as text a reader can copy (and search for)."""
    import re

    from test_export import pdf_text

    checked = 0
    for entry in manifest["figures"]:
        pdf = [f["path"] for f in entry["files"] if f["path"].endswith(".pdf")]
        assert pdf, entry["id"]
        chinese = entry["title"].split(" · ")[0]  # "both": Chinese first
        if not re.search(r"[\u4e00-\u9fff]", chinese):
            chinese = entry["title"]  # an English-only figure (07_*_en): its English title
        assert re.sub(r"\s+", "", chinese) in pdf_text(report / pdf[0]), (entry["id"], chinese)
        raw = (report / pdf[0]).read_bytes()
        assert b"/FontFile2" in raw and b"/Type3" not in raw and b"/FontFile3" not in raw, \
            f"{entry['id']}: every font must be embedded TrueType (no Type 3, no CFF)"
        checked += 1
    assert checked == len(manifest["figures"]) > 0


def _check_report_set(report, manifest):
    """Notebook 07: every figure in Chinese and in English, tables with titles and Chinese header rows."""
    import csv
    import io
    import re

    from openpyxl import load_workbook

    from chanjiao_utils.tables import HEADER_ROW

    figures = {e["id"]: e for e in manifest["figures"] if e["notebook"] == "07"}
    bases = {i.rsplit("_", 1)[0] for i in figures}
    assert {"07_network_map", "07_organisation_areas", "07_mixing_matrix", "07_brokerage_pairs_by_sector",
            "07_departure_ranking", "07_timeline"} <= bases
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for base in bases:
        zh, en = figures[f"{base}_zh"], figures[f"{base}_en"]
        assert cjk.search(zh["title"]) and not cjk.search(en["title"]), base
        assert "synthetic-data generator" not in zh["source"] and "合成数据生成器" not in en["source"], base
        if zh["synthetic_share"]:
            assert "示意数据" in zh["notice"] and "Illustrative" not in zh["notice"], base
            assert "Illustrative" in en["notice"] and "示意" not in en["notice"], base
    tables = [e for e in manifest["tables"] if e["notebook"] == "07"]
    assert len(tables) >= 6
    for entry in tables:
        assert entry["title"] and entry["source"], entry["id"]
        csv_path = next(f["path"] for f in entry["files"] if f["path"].endswith(".csv"))
        xlsx_path = next(f["path"] for f in entry["files"] if f["path"].endswith(".xlsx"))
        header = next(csv.reader(io.StringIO((report / csv_path).read_text(encoding="utf-8-sig"))))
        ws = load_workbook(report / xlsx_path).active
        h = HEADER_ROW  # above it: title, source line, notice
        assert ws["A1"].value == entry["title"], entry["id"]
        names = [c.value for c in ws[h + 1]]
        # machine names, as in the CSV, and beside each coded column its codes (`sector_code`)
        assert [n for n in names if not (n.endswith("_code") and n[:-5] in header)] == header, entry["id"]
        labels = [c.value for c in ws[h]]
        assert all(cjk.search(str(v)) for v in labels), (entry["id"], labels)
        assert ws.freeze_panes == f"A{h + 2}"


def _failing_notebook(tmp_path):
    nb = {
        "cells": [
            {"cell_type": "code", "execution_count": None, "id": "p", "metadata": {"tags": ["parameters"]},
             "outputs": [], "source": "DATA = None\nOUT = None"},
            {"cell_type": "code", "execution_count": None, "id": "x", "metadata": {}, "outputs": [],
             "source": "raise RuntimeError('planted failure')"},
        ],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5,
    }
    path = tmp_path / "99_fails.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def test_failed_run_keeps_the_previous_report_and_leaves_no_partial_output(tmp_path):
    out = tmp_path / "reports"
    previous = run_report(out=out, notebooks=[], progress_bar=False, log=lambda _: None)
    before = _digests(previous)
    with pytest.raises(Exception, match="planted failure"):
        run_report(out=out, notebooks=[_failing_notebook(tmp_path)], progress_bar=False, log=lambda _: None)
    assert sorted(p.name for p in out.iterdir()) == ["zhongshan_2023"]
    assert _digests(previous) == before


def test_a_report_never_replaces_the_data_package_or_a_folder_it_did_not_write(tmp_path, capsys):
    """`chanjiao report --data work/mydata --out work` once replaced work/mydata with the report."""
    from chanjiao_utils import cli

    work = tmp_path / "work"
    shutil.copytree(paths.bundled_data(), work / "mydata")
    (tmp_path / "reports" / "mydata").mkdir(parents=True)
    (tmp_path / "reports" / "mydata" / "thesis.docx").write_bytes(b"a thesis")
    before = _digests(tmp_path)
    assert cli.main(["report", "--quiet", "--data", str(work / "mydata"), "--out", str(work)]) == 1
    err = capsys.readouterr().err
    assert f"{work / 'mydata'} holds an input of this run" in err and "Traceback" not in err
    assert cli.main(["report", "--quiet", "--data", str(work / "mydata"), "--out", str(tmp_path / "reports")]) == 1
    err = capsys.readouterr().err
    assert "not (wholly) an earlier output of `chanjiao report`: it holds thesis.docx" in err
    assert _digests(tmp_path) == before
    assert sorted(p.name for p in work.iterdir()) == ["mydata"], "no staging folder left behind"


def test_a_report_removes_staging_folders_of_killed_runs_and_says_so(tmp_path):
    import json
    import socket
    import subprocess
    import sys

    from chanjiao_utils import files

    dead = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True).stdout)
    stale = tmp_path / "zhongshan_2023" / ".." / ".zhongshan_2023.report-partial-killed"
    stale = stale.resolve()
    (stale / "zhongshan_2023" / "figures").mkdir(parents=True)
    (stale / files.STAGING_MARKER).write_text(json.dumps(
        {"command": "chanjiao report", "pid": dead, "host": socket.gethostname(), "started": 0}))
    said: list[str] = []
    run_report(out=tmp_path, notebooks=[], progress_bar=False, log=said.append)
    assert not stale.exists()
    assert f"removed {stale}: left by an earlier `chanjiao report` run that was stopped" in said
    assert sorted(p.name for p in tmp_path.iterdir()) == ["zhongshan_2023"]


def test_invalid_data_stops_before_any_notebook(tmp_path):
    pkg = tmp_path / "bad"
    shutil.copytree(paths.bundled_data(), pkg)
    text = (pkg / "partnerships.csv").read_text(encoding="utf-8").replace("PS0001,S", "PS0001,X", 1)
    (pkg / "partnerships.csv").write_text(text, encoding="utf-8")
    with pytest.raises(DataPackageError, match="partnerships.csv, row 3, column org_a"):
        run_report(pkg, tmp_path / "out", notebooks=[], progress_bar=False, log=lambda _: None)
    assert not (tmp_path / "out").exists()


ROSTER = """\ufeff示例联合体成员名单
序号,单位名称,简称,单位类型,理事会职务
1,示例职业技术学院,示例职院,高职院校,共同理事长单位
2,示例中等职业学校,示例中职,中职学校,理事单位
3,示例精密制造有限公司,示例精密,龙头企业,副理事长单位
4,示例智能科技有限公司,,科技创新企业,理事单位
5,示例制造业协会,,行业协会,成员单位
6,示例研究院,,科研院所,成员单位
"""
TIES = """甲方,乙方,合作内容,开始时间
示例职院,示例精密,岗位实习、订单班,2022年9月
示例职院,示例智能科技有限公司,共建实训基地,2023/3/1
示例中职,示例精密,学徒制,
示例中职,示例制造业协会,技能培训,2021-09-01
示例研究院,示例智能科技有限公司,技术服务,
"""


def test_every_notebook_runs_on_an_imported_roster(tmp_path):
    """A researcher's own messy roster (title row, 序号, short names, month dates) → import → every notebook."""
    from chanjiao_utils.roster import import_roster

    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    (tmp_path / "ties.csv").write_text(TIES, encoding="gb18030")
    result = import_roster(tmp_path / "roster.csv", tmp_path / "ties.csv", out=tmp_path / "my_consortium")
    assert result.problems == [] and result.out is not None
    report = run_report(result.out, tmp_path / "reports", progress_bar=False, log=lambda _: None)
    assert report == tmp_path / "reports" / "my_consortium"
    assert sorted(p.name for p in (report / "notebooks").iterdir()) == [p.name for p in paths.notebooks()]
    manifest = json.loads((report / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["figures"]:
        assert "中山火炬发布" not in entry["source"], entry["id"]
        if entry["id"].startswith("08_"):  # the roster among the synthetic comparison collection: that one is marked
            assert re.match(r"示意数据：(\d+)家成员单位全部", entry["notice"]), entry["id"]  # every member synthetic
            assert "; 参照联合体 reference consortium: roster.csv" in entry["source"], entry["id"]
            continue
        assert entry["notice"] == "" and entry["synthetic_share"] in (0.0, None), entry["id"]  # None: no rows (no events)
    assert any("roster.csv" in e["source"] for e in manifest["figures"])
    # The narrative written for the bundled data is left out; the outline (headings) stays.
    for executed in sorted((report / "notebooks").iterdir()):
        cells = json.loads(executed.read_text(encoding="utf-8"))["cells"]
        tagged = [c for c in cells if "bundled-narrative" in c["metadata"].get("tags", [])]
        assert tagged, executed.name
        for cell in tagged:
            text = "".join(cell["source"])
            assert "left out of this report on `my_consortium`" in text and "中山中专" not in text, executed.name
        headings = [line for c in cells if c["cell_type"] == "markdown" for line in "".join(c["source"]).splitlines()
                    if line.startswith("## ")]
        assert headings[-2:] == ["## What we found", "## References"], executed.name


# ----------------------------------------------------------------------------- rosters that make charts of nothing

THIN_ROSTERS = {
    # a member list alone: nothing rests on ties
    "no_ties": ("单位名称,单位类型\n示例甲职业技术学院,高职院校\n示例乙精密制造有限公司,龙头企业\n示例丙行业协会,行业协会\n", None),
    # one tie: nobody stands between two others, no two areas share an organisation
    "single_tie": ("单位名称,单位类型\n示例甲职业技术学院,高职院校\n示例乙精密制造有限公司,龙头企业\n示例丙行业协会,行业协会\n"
                   "示例丁研究院,科研院所\n",
                   "甲方,乙方,合作内容\n示例甲职业技术学院,示例乙精密制造有限公司,岗位实习\n"),
    # one party: E-I and assortativity are undefined
    "one_sector": ("单位名称,单位类型\n示例甲精密制造有限公司,龙头企业\n示例乙智能科技有限公司,科技创新企业\n示例丙机械有限公司,企业\n"
                   "示例丁电子有限公司,企业\n",
                   "甲方,乙方,合作内容\n示例甲精密制造有限公司,示例乙智能科技有限公司,共建实训基地\n"
                   "示例乙智能科技有限公司,示例丙机械有限公司,技术服务\n示例丙机械有限公司,示例丁电子有限公司,岗位实习\n"),
}
#: Figures that rest on ties (their ids, less the notebook number and language).
TIE_FIGURES = ("network_map", "brokers_map", "brokerage", "brokered_share", "departure", "mixing_matrix",
               "degree_distribution", "area_overlap", "coverage_share", "organisation_areas", "ei_by_sector",
               "null_distributions")


@pytest.mark.parametrize("roster", sorted(THIN_ROSTERS))
def test_every_notebook_runs_on_a_thin_roster_and_draws_no_chart_of_nothing(tmp_path, roster):
    """A member list alone, a single tie, a single party: every notebook runs, says what cannot be answered, and
    draws no chart whose values are all zero or undefined (issue 15)."""
    from chanjiao_utils.roster import import_roster

    members, ties = THIN_ROSTERS[roster]
    (tmp_path / "roster.csv").write_text(members, encoding="utf-8")
    if ties:
        (tmp_path / "ties.csv").write_text(ties, encoding="utf-8")
    result = import_roster(tmp_path / "roster.csv", tmp_path / "ties.csv" if ties else None, out=tmp_path / roster)
    assert result.problems == [] and result.out is not None
    report = run_report(result.out, tmp_path / "reports", progress_bar=False, log=lambda _: None)
    figures = {e["id"] for e in json.loads((report / "manifest.json").read_text(encoding="utf-8"))["figures"]}
    on_ties = {f for f in figures if any(word in f for word in TIE_FIGURES) and not f.startswith("08_")}
    texts = "\n".join(json.dumps(json.loads(p.read_text(encoding="utf-8"))["cells"], ensure_ascii=False)
                      for p in sorted((report / "notebooks").glob("*.ipynb")))
    if roster == "no_ties":
        assert on_ties == set(), on_ties
        assert "data/templates/ties.xlsx" in texts
    if roster == "single_tie":
        assert not {f for f in on_ties if "broker" in f or "area_overlap" in f}, on_ties
        assert "there is no brokerage to chart" in texts and "there is no overlap to chart" in texts
    if roster == "one_sector":
        assert "09_null_distributions" in figures  # drawn: its undefined panels (E-I, assortativity) say so
