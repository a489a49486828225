"""The brief a policy office can take as it is: one Word document, Chinese by default.

``chanjiao brief [--data DIR] [--lang zh|en] --out brief.docx`` (and ``make report``, beside the figures)
writes :func:`write_brief`'s document: the title, what the consortium is and where that is said, the
notice when rows are synthetic, five findings computed from the data in plain words
(:mod:`chanjiao_utils.findings`, with how sure each is where that is known), three key figures at 300 dpi
with numbered captions, and the sources. Word, WPS and LibreOffice show the Chinese: the East Asian font of
every style is declared (宋体 for text, 黑体 for headings) and the language is zh-CN. The same data gives
the same bytes.

>>> import tempfile, chanjiao_utils as cj
>>> path = write_brief(cj.load(), Path(tempfile.mkdtemp()) / "brief.docx")
>>> from docx import Document
>>> Document(str(path)).paragraphs[0].text
'中山首个市域产教联合体 · 网络分析简报'
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from collections.abc import Mapping
from typing import Any

from . import files
from .figure_text import Lang, data_text, figure_text, publisher, synthetic_notice
from .findings import Finding, how_sure, key_findings
from .loading import Consortium

#: East Asian fonts declared in the document (what Chinese Word and WPS have; LibreOffice substitutes its own).
BODY_FONT, HEADING_FONT = "宋体", "黑体"
#: Width of a figure on the page: two side by side.
FIGURE_WIDTH_CM = 7.8

_WORDS = {
    "brief": ("网络分析简报", "network brief"),
    "about": ("联合体概况", "The consortium"),
    "findings": ("主要发现", "Key findings"),
    "figures": ("主要图表", "Key figures"),
    "sources": ("资料来源", "Sources"),
    "figure": ("图", "Figure"),
    "how_sure": ("可靠程度：", "How sure: "),
    "lead": ("牵头单位：", "Lead units: "),
    "made": ("本简报由 chanjiao 根据数据包 {name} 自动生成，数字均由数据计算得出。",
             "Written by chanjiao from the data package {name}; every number is computed from the data."),
}


def _w(key: str, lang: Lang) -> str:
    zh, en = _WORDS[key]
    return en if lang == "en" else zh


def _declare_fonts(document: Any) -> None:
    """Give every paragraph style an East Asian font and the zh-CN language, so Chinese shows everywhere."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for style in document.styles:
        if style.type != 1:  # paragraph styles only
            continue
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        fonts.set(qn("w:eastAsia"), HEADING_FONT if style.name.startswith(("Heading", "Title")) else BODY_FONT)
        language = rpr.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            rpr.append(language)
        language.set(qn("w:eastAsia"), "zh-CN")


def _figure_png(figure_id: str, consortium: Consortium, lang: Lang) -> tuple[bytes, str]:
    """One of the report's key figures as a 300 dpi PNG, and its title."""
    import matplotlib.pyplot as plt

    from . import plotting

    text = figure_text(figure_id, consortium, lang)
    labels = plotting.sector_labels(consortium.sectors, lang)
    with plotting.style():
        fig = _draw(figure_id, consortium, text, labels, lang)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=300, bbox_inches="tight", pad_inches=0.05)
    plt.close(fig)
    return buf.getvalue(), text.title


def _draw(figure_id: str, consortium: Consortium, text: Any, labels: dict[str, str], lang: Lang) -> Any:
    from . import measures, plotting
    from .graph import organisation_graph

    if figure_id == "07_members_by_sector":
        fig = plotting.composition_chart(measures.composition(consortium, "sector"), text, labels, lang=lang)
    elif figure_id == "07_network_map":
        fig = plotting.network_map(organisation_graph(consortium), text, labels, label_top=3, lang=lang)
    else:
        order = list(consortium.sectors.sort_values("order").index)
        mixing = measures.mixing_matrix(organisation_graph(consortium), "sector", order=order)
        fig = plotting.heatmap(mixing, text, row_labels=labels, col_labels=labels, cmap="Purples", width="column",
                               cell_height=0.45, lang=lang)
    return fig


def _reference(source: Mapping[str, Any], lang: Lang) -> str:
    """A source's publisher and title for the list of sources: as written for ``zh``; for ``en`` the English
    publisher and title where the package has them (``publisher_en``, ``title_en``), the original title in
    brackets so the source can be found.

    >>> s01 = {"publisher": "中山火炬发布", "publisher_en": "Zhongshan Torch Zone News",
    ...        "title": "中山首个市域产教联合体成立", "title_en": "Zhongshan's first consortium is founded"}
    >>> _reference(s01, "en")
    "Zhongshan Torch Zone News, Zhongshan's first consortium is founded [中山首个市域产教联合体成立]"
    >>> _reference(s01, "zh")
    '中山火炬发布, 中山首个市域产教联合体成立'
    >>> _reference({"publisher": "", "title": "Roster"}, "en")
    'Roster'
    """
    title = data_text(source.get("title"))
    name = publisher(source, "en" if lang == "en" else "zh")
    if lang == "en":
        english = data_text(source.get("title_en"))
        title = f"{english} [{title}]" if english and english != title else title
    return f"{name}, {title}" if name else title


def _title(consortium: Consortium, lang: Lang) -> str:
    """The consortium's name in ``lang``: the Chinese part of a bilingual title for ``zh``, the rest for ``en``."""
    import re

    title = consortium.title
    chinese = "".join(re.findall(r"[\u3400-\u9fff\uff08\uff09]+", title))
    if lang == "zh":
        return chinese or title
    english = re.sub(r"\s*[(（][^)）]*[\u3400-\u9fff][^)）]*[)）]", "", title).strip()
    return english or title


#: The figures of the brief, in order.
FIGURES = ("07_members_by_sector", "07_network_map", "07_mixing_matrix")


def brief_document(consortium: Consortium, lang: Lang = "zh", found: list[Finding] | None = None) -> bytes:
    """The brief as the bytes of a ``.docx`` (see the module docstring); ``found`` defaults to
    :func:`~chanjiao_utils.findings.key_findings` with :func:`~chanjiao_utils.findings.how_sure` (pass them to
    write briefs in two languages from one computation)."""
    from docx import Document
    from docx.shared import Cm, Pt, RGBColor

    from .export import deterministic_xlsx
    from .measures import lead_units

    if lang not in ("zh", "en"):
        raise ValueError(f"a brief is in one language: 'zh' or 'en', not {lang!r}")
    found = found if found is not None else how_sure(consortium, key_findings(consortium))
    document = Document()
    _declare_fonts(document)
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(f"{_title(consortium, lang)} · {_w('brief', lang)}", level=0)
    document.add_paragraph(_w("made", lang).format(name=consortium.name))
    notice = synthetic_notice(consortium, ("organisations", "partnerships"), lang)
    if notice:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(notice.replace("\n", " "))
        run.bold = True
        run.font.color.rgb = RGBColor(0xC0, 0x39, 0x2B)

    document.add_heading(_w("about", lang), level=1)
    events = consortium.events.sort_values("date", kind="stable")
    for _, event in events.iterrows():
        month_only = str(event.get("precision", "")) == "month"  # the source gives the month only: say no more
        day = "" if str(event["date"]) in ("NaT", "<NA>") else f"{event['date']:%Y-%m}" if month_only \
            else f"{event['date']:%Y-%m-%d}"
        what = event["what_en"] if lang == "en" else event["what_zh"]
        document.add_paragraph(f"{day}  {what}（{event['source_id']}）" if lang == "zh"
                               else f"{day}  {what} ({event['source_id']})", style="List Bullet")
    leads = lead_units(consortium)
    if len(leads):
        english = consortium.organisations["name_en"]
        names = [str(english.get(i) if lang == "en" and isinstance(english.get(i), str) else r["name_zh"])
                 for i, r in leads.iterrows()]
        document.add_paragraph(_w("lead", lang) + ("、" if lang == "zh" else "; ").join(names))

    document.add_heading(_w("findings", lang), level=1)
    for finding in found:
        paragraph = document.add_paragraph(finding.text(lang), style="List Number")
        sure = finding.how_sure_en if lang == "en" else finding.how_sure_zh
        if sure:
            paragraph.add_run(" " + _w("how_sure", lang) + sure).italic = True

    document.add_heading(_w("figures", lang), level=1)
    # Without ties a network map or a mixing matrix would be a chart of nothing: the make-up alone is shown.
    shown = FIGURES if len(consortium.partnerships) else FIGURES[:1]
    grid = document.add_table(rows=(len(shown) + 1) // 2, cols=2)
    for number, figure_id in enumerate(shown, start=1):
        png, title = _figure_png(figure_id, consortium, lang)
        cell = grid.cell((number - 1) // 2, (number - 1) % 2)
        cell.paragraphs[0].add_run().add_picture(io.BytesIO(png), width=Cm(FIGURE_WIDTH_CM))
        caption = f"{_w('figure', lang)}{number}  {title}" if lang == "zh" else f"{_w('figure', lang)} {number}. {title}"
        cell.add_paragraph(caption, style="Caption")

    document.add_heading(_w("sources", lang), level=1)
    for sid, source in consortium.sources.iterrows():
        date = "" if str(source["date"]) in ("NaT", "<NA>") else f", {source['date']:%Y-%m-%d}"
        url = f", {source['url']}" if isinstance(source["url"], str) and source["url"] else ""
        document.add_paragraph(f"[{sid}] {_reference(source, lang)}{date}{url}", style="List Bullet")

    properties = document.core_properties
    properties.author = properties.last_modified_by = "chanjiao"
    properties.title = f"{consortium.title} · {_w('brief', lang)}"
    properties.created = properties.modified = dt.datetime(2000, 1, 1)
    properties.revision = 1
    buf = io.BytesIO()
    document.save(buf)
    return deterministic_xlsx(buf.getvalue())  # fixed zip times: the same data, the same bytes


def write_brief(consortium: Consortium, path: str | Path, lang: Lang = "zh", *,
                inputs: tuple[Path, ...] = ()) -> Path:
    """Write the brief to ``path`` (``.docx``), atomically; an existing file is replaced only when chanjiao
    wrote it (:func:`chanjiao_utils.files.check_file_target`). Returns ``path``."""
    path = files.check_file_target(Path(path), inputs, ours=files.is_our_office_file, what="brief")
    return files.atomic_write(path, brief_document(consortium, lang))
