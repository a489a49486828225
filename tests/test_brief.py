"""The brief (chanjiao brief): a Word document a policy office can take as it is."""

from __future__ import annotations

import shutil
import subprocess
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn

import chanjiao_utils as cj
from chanjiao_utils import brief, cli, findings

from conftest import make_small_package, org_row, tie_row


@pytest.fixture(scope="module")
def bundled_brief(tmp_path_factory):
    folder = tmp_path_factory.mktemp("brief")
    consortium = cj.load()
    return consortium, brief.write_brief(consortium, folder / "brief.docx")


def _paragraphs(path):
    return [p.text for p in Document(str(path)).paragraphs]


def test_the_brief_leads_with_title_notice_and_the_five_findings_in_chinese(bundled_brief):
    consortium, path = bundled_brief
    texts = _paragraphs(path)
    assert texts[0] == "中山首个市域产教联合体 · 网络分析简报"
    assert "示意数据：85家成员单位中80家、200条合作关系中199条为合成数据" in texts
    start = texts.index("主要发现") + 1
    for text, finding in zip(texts[start:start + 5], findings.key_findings(consortium), strict=True):
        assert text.startswith(finding.zh)  # then how sure it is
    assert "可靠程度：" in texts[start + 1] and "种合成补全中有" in texts[start + 1]
    assert "资料来源" in texts and any(t.startswith("[S01] 中山火炬发布") for t in texts)
    assert any(t.startswith("2023-06  ") for t in texts), "an event known to the month is not given a day"


def test_three_figures_at_300_dpi_with_numbered_captions(bundled_brief):
    _, path = bundled_brief
    document = Document(str(path))
    assert len(document.inline_shapes) == len(brief.FIGURES) == 3
    captions = [p.text for cell in document.tables[0]._cells for p in cell.paragraphs if p.style.name == "Caption"]
    assert [c.split("  ")[0] for c in captions] == ["图1", "图2", "图3"]
    assert captions[0] == "图1  成员单位的构成"
    for shape in document.inline_shapes:
        image = document.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].image
        assert image.horz_dpi == image.vert_dpi == 300
        assert abs(shape.width.cm - brief.FIGURE_WIDTH_CM) < 0.01


def test_every_style_declares_an_east_asian_font_and_chinese(bundled_brief):
    _, path = bundled_brief
    document = Document(str(path))
    for name in ("Normal", "Title", "Heading 1", "Caption", "List Number"):
        rpr = document.styles[name].element.rPr
        assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")) in (brief.BODY_FONT, brief.HEADING_FONT), name
        assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN", name


def test_the_same_data_gives_the_same_bytes_and_no_date(bundled_brief, tmp_path):
    consortium, path = bundled_brief
    again = brief.write_brief(consortium, tmp_path / "again.docx")
    assert again.read_bytes() == path.read_bytes()
    with zipfile.ZipFile(path) as zf:
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in zf.infolist())
        assert b"<dc:creator>chanjiao</dc:creator>" in zf.read("docProps/core.xml")


def test_english_brief_and_no_notice_on_a_roster_of_ones_own(tmp_path):
    orgs = [org_row(i, provenance="attested", source_id="S01") for i in ("A1", "A2", "A3")]
    ties = [tie_row("P1", "A1", "A2", area=2, provenance="attested", source_id="S01")]
    package = make_small_package(tmp_path / "own", orgs, ties)
    path = brief.write_brief(cj.load(package.folder), tmp_path / "brief_en.docx", lang="en")
    texts = _paragraphs(path)
    assert texts[0].endswith("· network brief") and "Key findings" in texts
    assert not any("synthetic" in t.lower() and "illustrative" in t.lower() for t in texts)


def test_the_cli_writes_the_brief_replaces_its_own_and_refuses_a_users_file(tmp_path, capsys):
    out = tmp_path / "brief.docx"
    assert cli.main(["brief", "--out", str(out)]) == 0
    assert cli.main(["brief", "--lang", "en", "--out", str(out)]) == 0, "its own earlier brief is replaced"
    english = _paragraphs(out)
    assert english[0].endswith("network brief")
    assert any(t.startswith("[S01] Zhongshan Torch Zone News, ") and t.endswith("[中山首个市域产教联合体成立], 2023-11-02")
               for t in english), "an English brief names its sources in English, with the original title"
    mine = tmp_path / "mine.docx"
    Document().save(str(mine))
    before = mine.read_bytes()
    assert cli.main(["brief", "--out", str(mine)]) == 1
    assert "exists and was not written by chanjiao" in capsys.readouterr().err
    assert mine.read_bytes() == before


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (libreoffice-writer-nogui) is not installed")
def test_libreoffice_prints_it_with_every_chinese_character_extractable(bundled_brief, tmp_path):
    from pypdf import PdfReader

    _, path = bundled_brief
    done = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                          capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "brief.pdf"
    assert pdf.is_file(), done.stdout + done.stderr
    text = "".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    flat = "".join(text.split())
    for line in ("中山首个市域产教联合体·网络分析简报", "主要发现", "示意数据", "图1成员单位的构成"):
        assert line in flat, line
