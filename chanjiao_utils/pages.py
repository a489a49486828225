"""The report's notebooks and web pages as their readers open them.

* :func:`finish_notebook` turns an executed notebook into the copy a reader opens: the staging folder the
  report was built in is replaced by the report's own folder (in sources, outputs and metadata), test
  markers (``# NBVAL_…`` lines) are left out, widget ids are made the same every run, and the notebook is
  signed, so JupyterLab trusts it and shows the interactive map.
* :func:`export_html` writes a notebook as one HTML page that reads offline: CSS inlined, figures embedded,
  nothing from a CDN, and the Chinese glyphs the page uses carried in it as a web font (a subset of the
  bundled Noto Sans SC, :func:`font_face`), so a machine without a Chinese system font shows them too.
  An interactive widget, which a static page cannot run, is replaced by its printed figure, a note and a link
  to the standalone map page (``figures/<stem>.html``) when the report has one.
* :func:`write_index` writes ``html/index.html``: every notebook, figure (thumbnail) and table of the report.

Every page is byte-identical for the same notebook.
"""

from __future__ import annotations

import base64
import html
import io
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import files, paths

#: The nbconvert template of the HTML pages: JupyterLab's, with nothing loaded from the web.
HTML_TEMPLATE = "chanjiao_offline"
TEMPLATES_DIR = Path(__file__).with_name("templates")
#: The web font's family name inside the pages.
WEB_FONT = "chanjiao Noto Sans SC"
#: Lines of a code cell that only the notebook tests read.
_TEST_MARKER = re.compile(r"^# NBVAL_[A-Z_]+\n?", re.MULTILINE)
_WIDGET = "application/vnd.jupyter.widget-view+json"


def _replace_strings(value: Any, old: str, new: str) -> Any:
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, list):
        return [_replace_strings(v, old, new) for v in value]
    if isinstance(value, dict):
        return {k: _replace_strings(v, old, new) for k, v in value.items()}
    return value


def finish_notebook(notebook: Path, staging: str | os.PathLike[str], final: str | os.PathLike[str]) -> Path:
    """Make an executed notebook the copy a reader opens: ``staging`` paths read ``final``, no test markers,
    widget ids the same every run (:func:`~chanjiao_utils.notebook_files.stable_widget_ids`), signed (trusted) in
    this user's Jupyter. Rewritten in place, as nbconvert writes a notebook; returns ``notebook``."""
    import nbformat
    from nbformat.sign import NotebookNotary

    from .notebook_files import notebook_text, stable_widget_ids

    raw = json.loads(notebook.read_text(encoding="utf-8"))
    raw = _replace_strings(raw, str(staging), str(final))
    nb = nbformat.reads(json.dumps(raw), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = _TEST_MARKER.sub("", cell.source)
    stable_widget_ids(nb)
    NotebookNotary().sign(nb)  # last: the signature covers the content
    text = notebook_text(nb)
    return files.atomic_write(notebook, text.encode("utf-8"))


# ----------------------------------------------------------------------------- the web font


def font_face(text: str) -> str:
    """A CSS ``@font-face`` carrying the glyphs of Noto Sans SC that ``text`` uses beyond ASCII (WOFF, base64),
    and the rules that make every text of a JupyterLab page fall back to it; "" when ``text`` needs none.

    >>> css = font_face("中山中专 and English")
    >>> css.startswith("@font-face") and "font/woff" in css
    True
    >>> font_face("English only")
    ''
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    wanted = sorted({ord(ch) for ch in text if ord(ch) > 0x7F and not ch.isspace()})
    if not wanted:
        return ""
    font = TTFont(str(paths.font_file()), recalcTimestamp=False)
    options = subset.Options()
    options.flavor = "woff"
    options.name_IDs = ["*"]  # keep the font's name and licence records
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    font.flavor = "woff"
    buf = io.BytesIO()
    font.save(buf, reorderTables=True)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    stack = f"'{WEB_FONT}'"
    return (f"@font-face {{ font-family: {stack}; font-weight: 100 900; src: url(data:font/woff;base64,{data}) "
            f"format('woff'); }}\n"
            # The web font first: it holds only the characters beyond ASCII, so Latin text keeps the system's
            # fonts; after them, `system-ui` would be taken for CJK (and show boxes) on a machine without one.
            f":root {{ --jp-ui-font-family: {stack}, system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif;"
            f" --jp-content-font-family: {stack}, system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif;"
            f" --jp-code-font-family: {stack}, Menlo, Consolas, 'DejaVu Sans Mono', monospace; }}\n"
            f"body, table, th, td, pre, code {{ font-family: inherit; }}\n"
            f"body {{ font-family: var(--jp-content-font-family); }}\n")


def _with_font(page: str) -> str:
    """The page with its web font in ``<head>`` (the glyphs of every character it shows)."""
    body_text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)))
    css = font_face(body_text)
    if not css:
        return page
    return page.replace("</head>", f"<style>\n{css}</style>\n</head>", 1)


# ----------------------------------------------------------------------------- pages


#: The words of the link from a report page to a standalone network map (:func:`chanjiao_utils.export.save_map_page`).
MAP_LINK = "打开交互式网络图（离线可用） Open the interactive map (works offline)"
_MAP_LANG = {"zh": "中文", "en": "English"}


def _static_widgets(notebook: Any, figures: Iterable[str]) -> None:
    """Replace each interactive widget output by a note and its printed figure (a static page runs no widget),
    with a link to the standalone map page of that figure when the report has one (``<stem>.html``)."""
    figures = list(figures)
    shown = [f for f in figures if f.endswith("_network_map_zh.png") or f.endswith("_network_map_en.png")]
    maps = set(f for f in figures if f.endswith(".html"))
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if _WIDGET not in data:
                continue
            parts = []
            for name in shown:
                page = name[: -len(".png")] + ".html"
                link = (f'<p><a href="../figures/{html.escape(page)}">{MAP_LINK} · {_MAP_LANG[name[-6:-4]]}</a></p>'
                        if page in maps else "")
                parts.append(f'<p><img src="../figures/{html.escape(name)}" alt="{html.escape(name)}" '
                             f'style="max-width: 100%"></p>{link}')
            data.pop(_WIDGET)
            data["text/html"] = ("<p><b>交互式网络图 Interactive network map</b>: 网页中无法运行，请在 JupyterLab 中打开"
                                 "本笔记本（已签名，受信任），或打开下面的离线交互式网络图。Open this notebook in JupyterLab "
                                 "to use it (it is signed, so it is trusted), or open the standalone map below; the "
                                 "printed map:</p>" + "".join(parts))
            data.pop("text/plain", None)


def export_html(notebook: Path, target: Path, figures: Iterable[str] = ()) -> Path:
    """Write an executed notebook as one HTML file that reads offline (template :data:`HTML_TEMPLATE`, web font
    of :func:`font_face`); ``figures`` are the report's figure file names, for the printed version of a widget
    (``.png``) and its standalone map page (``.html``).
    Written atomically; the same notebook gives the same bytes.
    """
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(notebook, as_version=4)
    _static_widgets(nb, list(figures))
    exporter = HTMLExporter(template_name=HTML_TEMPLATE, extra_template_basedirs=[str(TEMPLATES_DIR)],
                            embed_images=True)
    body, _ = exporter.from_notebook_node(nb)
    return files.atomic_write(target, _with_font(body).encode("utf-8"))


def _title(notebook: Path) -> str:
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return notebook.stem


def write_index(report: Path) -> Path:
    """``html/index.html``: every notebook (its page and the notebook file), figure (thumbnail and formats) and
    table (CSV, XLSX) of the report in ``report``, with their titles from ``manifest.json``."""
    manifest = json.loads((report / "manifest.json").read_text(encoding="utf-8"))
    rows = []
    for notebook in sorted((report / "notebooks").glob("*.ipynb")):
        page = f"{notebook.stem}.html"
        rows.append(f'<li><a href="{html.escape(page)}">{html.escape(_title(notebook))}</a> '
                    f'(<a href="../notebooks/{html.escape(notebook.name)}">notebook</a>)</li>')
    figures = []
    for entry in manifest["figures"]:
        links = {Path(f["path"]).suffix.lstrip("."): f["path"] for f in entry["files"]}
        thumb = links.get("png")
        image = (f'<a href="../{html.escape(thumb)}"><img src="../{html.escape(thumb)}" alt="{html.escape(entry["id"])}" '
                 f'loading="lazy"></a>' if thumb else "")
        formats = " · ".join(f'<a href="../{html.escape(p)}">{fmt.upper()}</a>' for fmt, p in sorted(links.items()))
        figures.append(f'<figure>{image}<figcaption>{html.escape(entry["title"] or entry["id"])}<br>'
                       f'<small>{html.escape(entry["id"])} · {formats}'
                       + (f'<br>{html.escape(entry["notice"])}' if entry.get("notice") else "")
                       + "</small></figcaption></figure>")
    tables = []
    for entry in manifest["tables"]:
        links = " · ".join(f'<a href="../{html.escape(f["path"])}">{Path(f["path"]).suffix.lstrip(".").upper()}</a>'
                           for f in entry["files"])
        tables.append(f'<tr><td>{html.escape(entry["id"])}</td><td>{html.escape(entry["title"])}</td>'
                      f'<td>{links}</td><td>{html.escape(entry.get("notice") or "")}</td></tr>')
    title = f"报告 Report · {report.name}"
    page = f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
body {{ font-family: '{WEB_FONT}', system-ui, sans-serif; max-width: 1200px; margin: 2em auto; padding: 0 1em; }}
figure {{ display: inline-block; width: 260px; margin: 0.5em; vertical-align: top; }}
figure img {{ width: 260px; border: 1px solid #ddd; }}
table {{ border-collapse: collapse; }} td {{ border-bottom: 1px solid #ddd; padding: 0.3em 0.6em; }}
</style>
</head><body>
<h1>{html.escape(title)}</h1>
<h2>笔记本 Notebooks</h2>
<ol>
{chr(10).join(rows)}
</ol>
<h2>图 Figures</h2>
{chr(10).join(figures)}
<h2>表 Tables</h2>
<table>
{chr(10).join(tables)}
</table>
</body></html>
"""
    return files.atomic_write(report / "html" / "index.html", _with_font(page).encode("utf-8"))
