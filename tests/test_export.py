"""Figures and tables written for reports: complete, atomic, byte-identical, Chinese that renders."""

from __future__ import annotations

import csv
import io
import logging
import re
import warnings
import zipfile

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from openpyxl import load_workbook

from chanjiao_utils import export, plotting, tables
from chanjiao_utils.figure_text import FigureText

TITLE = "中山市中等专业学校 · 合作网络"


def _figure() -> plt.Figure:
    with plotting.style():
        fig, ax = plt.subplots(figsize=(3, 2))
        ax.bar(["政", "行", "企", "研", "校"], [1, 2, 3, 2, 1])
        plotting.annotate(fig, FigureText(title=TITLE, source="测试 test", notice="示意数据 · Illustrative"))
    return fig


def test_without_a_report_folder_nothing_is_written_and_bad_names_still_fail(tmp_path, monkeypatch):
    """A notebook run on its own (OUT None, no $CHANJIAO_OUT) shows its figures and tables and writes no file;
    $CHANJIAO_OUT (what ``chanjiao report`` sets for its kernels) is a report folder as good as ``out``."""
    from chanjiao_utils import paths

    monkeypatch.delenv(paths.OUT_ENV, raising=False)
    monkeypatch.setattr(paths, "REPORTS_DIR", tmp_path / "reports")
    monkeypatch.chdir(tmp_path)
    fig = _figure()
    try:
        assert export.save_figure(fig, "02", "demo") == []
        assert export.save_table(pd.DataFrame({"a": [1]}), "02", "demo") == []
        assert list(tmp_path.rglob("*")) == []
        with pytest.raises(ValueError, match="letters, digits"):
            export.save_figure(fig, "02", "../escape")
        monkeypatch.setenv(paths.OUT_ENV, str(tmp_path / "env"))
        assert [p.name for p in export.save_table(pd.DataFrame({"a": [1]}), "02", "demo")] == ["02_demo.csv",
                                                                                           "02_demo.xlsx"]
        assert (tmp_path / "env" / "zhongshan_2023" / "tables" / "02_demo.csv").is_file()
    finally:
        plt.close(fig)


def test_save_figure_writes_every_format_named_after_notebook(tmp_path):
    fig = _figure()
    written = export.save_figure(fig, "02", "demo", out=tmp_path)
    plt.close(fig)
    assert [p.name for p in written] == ["02_demo.png", "02_demo.svg", "02_demo.pdf"]
    assert all(p.parent == tmp_path / "zhongshan_2023" / "figures" for p in written)
    assert written[0].read_bytes().startswith(b"\x89PNG")
    assert b"<svg" in written[1].read_bytes()
    assert written[2].read_bytes().startswith(b"%PDF")
    assert not list(tmp_path.rglob("*.part"))


def test_same_figure_twice_gives_identical_bytes(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        fig = _figure()
        export.save_figure(fig, "01", "same", out=out)
        plt.close(fig)
    for fmt in ("png", "svg", "pdf"):
        a = (first / "zhongshan_2023" / "figures" / f"01_same.{fmt}").read_bytes()
        b = (second / "zhongshan_2023" / "figures" / f"01_same.{fmt}").read_bytes()
        assert a == b, f"{fmt} differs between two saves of the same figure"


def test_pdf_embeds_truetype_and_no_type3_font(tmp_path):
    fig = _figure()
    pdf = export.save_figure(fig, "01", "fonts", out=tmp_path, formats=["pdf"])[0].read_bytes()
    plt.close(fig)
    assert b"/FontFile2" in pdf, "no embedded TrueType font program"
    assert b"/Type3" not in pdf and b"/FontFile3" not in pdf, "Type 3 or CFF font in the PDF"
    assert b"NotoSansSC" in pdf


def test_chinese_draws_without_missing_glyphs(tmp_path, caplog):
    caplog.set_level(logging.WARNING, logger="matplotlib")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font(s)" is a UserWarning
        fig = _figure()
        export.save_figure(fig, "01", "glyphs", out=tmp_path)
        plt.close(fig)
    assert not [r for r in caplog.records if "findfont" in r.getMessage() or "Glyph" in r.getMessage()]


def test_missing_glyph_would_be_caught(tmp_path):
    """The check above can fail: a font without CJK glyphs warns."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with matplotlib.rc_context({"font.family": "DejaVu Sans"}):
            fig, ax = plt.subplots()
            ax.set_title("中文")
            fig.canvas.draw()
            plt.close(fig)
    assert any("missing from font" in str(w.message) for w in caught)


def test_failed_save_leaves_no_partial_file(tmp_path, monkeypatch):
    fig = _figure()

    def broken(fh, format, **kwargs):
        fh.write(b"half")
        raise RuntimeError("disk full")

    monkeypatch.setattr(fig, "savefig", broken)
    with pytest.raises(RuntimeError):
        export.save_figure(fig, "01", "broken", out=tmp_path)
    plt.close(fig)
    folder = tmp_path / "zhongshan_2023" / "figures"
    assert list(folder.iterdir()) == []


def test_names_are_checked(tmp_path):
    fig = _figure()
    with pytest.raises(ValueError, match="letters, digits"):
        export.save_figure(fig, "01", "../escape", out=tmp_path)
    plt.close(fig)


@pytest.fixture
def table() -> pd.DataFrame:
    frame = pd.DataFrame({
        "name_zh": ["示例中职学校01", "示例龙头企业07"],
        "degree": [3, 1],
        "share": [0.5, None],
    }, index=pd.Index(["A01", "S031"], name="id"))
    return frame


def test_table_csv_has_bom_and_reads_back(tmp_path, table):
    csv_path, xlsx_path = export.save_table(table, "02", "degree", out=tmp_path)
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows == [["id", "name_zh", "degree", "share"], ["A01", "示例中职学校01", "3", "0.5"], ["S031", "示例龙头企业07", "1", ""]]


def test_table_xlsx_has_chinese_and_machine_headers_filters_and_cjk_widths(tmp_path, table):
    csv_path, xlsx_path = export.save_table(table, "02", "degree", out=tmp_path)
    ws = load_workbook(xlsx_path).active
    from chanjiao_utils.figure_text import column_label

    h = tables.HEADER_ROW  # rows above it: title, source line, notice
    # Labels a writer can paste (Chinese), then the machine names, as in the CSV header.
    assert [c.value for c in ws[h]] == [column_label(c) for c in ("id", "name_zh", "degree", "share")]
    assert ws[h][1].value == "单位名称" and ws[h][3].value == "share"  # no label known: the machine name
    assert [c.value for c in ws[h + 1]] == ["id", "name_zh", "degree", "share"]
    assert csv_path.read_text(encoding="utf-8-sig").splitlines()[0] == "id,name_zh,degree,share"
    assert [c.value for c in ws[h + 2]] == ["A01", "示例中职学校01", 3, 0.5]
    assert ws[h + 3][3].value is None
    assert ws.freeze_panes == f"A{h + 2}"
    assert ws.auto_filter.ref == f"A{h + 1}:D{h + 3}"
    # 示例中职学校01: 6 CJK characters count double, 2 digits single: width 14 + 2 padding.
    assert ws.column_dimensions["B"].width == 16
    assert ws["A1"].value == "02_degree"  # no FigureText: the table's id is its title


def test_column_labels_come_from_the_data_package_titles(tmp_path):
    """A column the label file does not know takes the Chinese part of its datapackage.json title."""
    frame = pd.DataFrame({"district": ["火炬开发区"], "org_a": ["A01"], "unknown_col": [1]})
    ws = load_workbook(export.save_table(frame, "01", "titles", out=tmp_path)[1]).active
    assert [c.value for c in ws[tables.HEADER_ROW]] == ["所在镇街", "甲方", "unknown_col"]


def test_table_xlsx_is_byte_identical_and_has_no_timestamps(tmp_path, table):
    a = export.save_table(table, "02", "t", out=tmp_path / "a")[1].read_bytes()
    b = export.save_table(table, "02", "t", out=tmp_path / "b")[1].read_bytes()
    assert a == b
    archive = zipfile.ZipFile(io.BytesIO(a))
    assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    core = archive.read("docProps/core.xml").decode()
    assert re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]*)<", core) == ["2000-01-01T00:00:00Z"] * 2


# ----------------------------------------------------------------------------- graphs for network tools

import datetime as dt

import networkx as nx
import numpy as np

from chanjiao_utils import cli
from chanjiao_utils.graph import organisation_area_graph, organisation_graph
from chanjiao_utils.loading import load


def _as_sets(g: nx.Graph):
    nodes = {n: d for n, d in g.nodes(data=True)}
    edges = {frozenset((u, v)): d for u, v, d in g.edges(data=True)}
    return nodes, edges


@pytest.mark.parametrize("fmt", export.GRAPH_FORMATS)
@pytest.mark.parametrize("build", [organisation_graph, organisation_area_graph], ids=["one_mode", "two_mode"])
def test_graph_round_trip_keeps_every_node_edge_and_attribute(tmp_path, fmt, build):
    graph = build(load())
    path = export.save_graph(graph, tmp_path / f"g.{fmt}")
    back = export.read_graph(path)
    expected = export.graph_for_tools(graph)  # graph_for_export + the printed map's x, y, size, color
    assert _as_sets(back) == _as_sets(expected)
    assert back.graph["name"] == graph.graph["name"]
    # Every attribute of the original that has a value survives (nothing silently dropped).
    for node, attrs in graph.nodes(data=True):
        present = {k for k, v in attrs.items() if v is not None}
        assert present <= set(back.nodes[node]), node
    assert back.nodes["A01"]["label"] == "中山市中等专业学校"
    assert back.nodes["A01"]["name_zh"] == "中山市中等专业学校"


@pytest.mark.parametrize("fmt", export.GRAPH_FORMATS)
def test_graph_files_are_byte_identical_and_keep_chinese_readable(tmp_path, fmt):
    graph = organisation_graph(load())
    a = export.save_graph(graph, tmp_path / f"a.{fmt}").read_bytes()
    b = export.save_graph(graph, tmp_path / f"b.{fmt}").read_bytes()
    assert a == b
    assert "中山市中等专业学校".encode() in a  # not escaped as \\uXXXX or &#…;


def test_attributes_that_break_writers_are_made_safe(tmp_path):
    g = nx.Graph(when=dt.date(2023, 10, 31))
    g.add_node("a", score=np.float64(0.5), flag=np.bool_(True), n=np.int64(3), missing=float("nan"),
               nothing=None, tags=["x", "y"], day=dt.date(2023, 11, 2), name_zh="甲")
    g.add_edge("a", "b", areas=(2, 5), weight=np.int64(2))
    for fmt in export.GRAPH_FORMATS:
        back = export.read_graph(export.save_graph(g, tmp_path / f"safe.{fmt}"))
        assert back.nodes["a"]["score"] == 0.5
        assert back.nodes["a"]["flag"] is True
        assert back.nodes["a"]["n"] == 3
        assert back.nodes["a"]["tags"] == "x;y"
        assert back.nodes["a"]["day"] == "2023-11-02"
        assert "missing" not in back.nodes["a"] and "nothing" not in back.nodes["a"]
        assert back.edges["a", "b"]["areas"] == "2;5"
        assert back.edges["a", "b"]["weight"] == 2


def test_unknown_graph_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="gexf, graphml, json"):
        export.save_graph(nx.Graph(), tmp_path / "g.dot")


def test_cli_export_graph(tmp_path, capsys):
    out = tmp_path / "net.graphml"
    assert cli.main(["export-graph", "--format", "graphml", str(out)]) == 0
    assert "85 nodes" in capsys.readouterr().out
    assert export.read_graph(out).number_of_nodes() == 85
    assert cli.main(["export-graph", "--format", "json", "--two-mode", str(tmp_path / "two.json")]) == 0
    assert export.read_graph(tmp_path / "two.json").number_of_nodes() == 85 + 12


# ----------------------------------------------------------------------------- text a reader can copy out of a PDF


def pdf_text(path) -> str:
    """All text pypdf extracts from a PDF, without whitespace (so a wrapped title still matches)."""
    from pypdf import PdfReader

    return re.sub(r"\s+", "", "".join(page.extract_text() or "" for page in PdfReader(path).pages))


def test_pdf_text_holds_the_chinese_title(tmp_path):
    fig = _figure()
    pdf = export.save_figure(fig, "01", "copyable", out=tmp_path, formats=["pdf"])[0]
    plt.close(fig)
    text = pdf_text(pdf)
    assert re.sub(r"\s+", "", TITLE) in text, text[:200]
    assert "示意数据" in text


def test_pdf_text_check_can_fail(tmp_path):
    """A title drawn as paths (not text) is not found: the check above is not vacuous."""
    with plotting.style(), matplotlib.rc_context({"pdf.fonttype": 42}):
        fig, ax = plt.subplots(figsize=(3, 2))
        ax.set_axis_off()
        from matplotlib.textpath import TextPath
        from matplotlib.patches import PathPatch

        ax.add_patch(PathPatch(TextPath((0, 0), "合作网络", size=10)))
    pdf = export.save_figure(fig, "01", "paths", out=tmp_path, formats=["pdf"])[0]
    plt.close(fig)
    assert "合作网络" not in pdf_text(pdf)


# ----------------------------------------------------------------------------- what Gephi and graphology see


def test_gexf_carries_the_printed_maps_colours_positions_and_sizes(tmp_path):
    graph = organisation_graph(load())
    path = export.save_graph(graph, tmp_path / "g.gexf")
    back = nx.read_gexf(path, relabel=False)  # networkx's own reader, not ours
    look = export.map_look(graph)
    for node in graph.nodes:
        viz = back.nodes[node]["viz"]
        colour = plotting.SECTOR_COLOURS[graph.nodes[node]["sector"]]
        assert (viz["color"]["r"], viz["color"]["g"], viz["color"]["b"]) == tuple(
            int(colour[i:i + 2], 16) for i in (1, 3, 5)), node
        assert (viz["position"]["x"], viz["position"]["y"]) == (look[node]["x"], look[node]["y"])
        assert viz["size"] == look[node]["size"] > 0
        assert not {"x", "y", "size", "color"} & set(back.nodes[node])  # only as viz, no duplicate columns
    assert len({(v["viz"]["position"]["x"], v["viz"]["position"]["y"]) for _, v in back.nodes(data=True)}) == 85
    assert path.read_bytes().startswith(export.GRAPH_SIGNATURES["gexf"])


def test_graphml_carries_plain_x_y_size_color_for_any_reader(tmp_path):
    """Read with an XML parser that knows nothing of networkx: every node has x, y, size and a #RRGGBB colour."""
    from xml.dom import minidom

    graph = organisation_graph(load())
    path = export.save_graph(graph, tmp_path / "g.graphml")
    assert path.read_bytes().startswith(export.GRAPH_SIGNATURES["graphml"])
    doc = minidom.parse(str(path))
    keys = {k.getAttribute("id"): (k.getAttribute("attr.name"), k.getAttribute("attr.type"))
            for k in doc.getElementsByTagName("key") if k.getAttribute("for") == "node"}
    by_name = {name: (key, kind) for key, (name, kind) in keys.items()}
    assert by_name["x"][1] == by_name["y"][1] == by_name["size"][1] == "double"
    assert by_name["color"][1] == "string" and by_name["r"][1] in ("int", "long")
    look = export.map_look(graph)
    nodes = doc.getElementsByTagName("node")
    assert len(nodes) == 85
    for node in nodes:
        data = {keys[d.getAttribute("key")][0]: d.firstChild.data for d in node.getElementsByTagName("data")}
        want = look[node.getAttribute("id")]
        assert float(data["x"]) == want["x"] and float(data["y"]) == want["y"] and float(data["size"]) == want["size"]
        assert re.fullmatch(r"#[0-9A-F]{6}", data["color"]) and data["color"] == want["color"]
        assert int(data["r"]) == int(data["color"][1:3], 16)


def test_the_look_is_what_the_printed_map_draws():
    """Colours, marker areas and positions, the bottom row of small pieces included, equal what notebook 07's
    network_map (label_top=3) draws."""
    from matplotlib.collections import PathCollection

    graph = organisation_graph(load())
    look = export.map_look(graph)
    with plotting.style():
        fig = plotting.network_map(graph, FigureText(title="t", source="s"), {s: s for s in plotting.SECTOR_ORDER},
                                   label_top=3)
    try:
        drawn = []
        for collection in fig.axes[0].collections:
            if isinstance(collection, PathCollection):
                colours = collection.get_facecolors()
                sizes = collection.get_sizes()
                for i, (x, y) in enumerate(collection.get_offsets()):
                    drawn.append((round(float(x), 6), round(float(y), 6), float(sizes[i % len(sizes)]),
                                  matplotlib.colors.to_hex(colours[i % len(colours)]).upper()))
    finally:
        plt.close(fig)
    ours = [(round(v["x"] / export.MAP_SCALE, 6), round(v["y"] / export.MAP_SCALE, 6), v["size"] ** 2, v["color"])
            for v in look.values()]
    assert sorted(c for *_, c in drawn) == sorted(c for *_, c in ours)
    assert sorted(round(s, 1) for _, _, s, _ in drawn) == sorted(round(s, 1) for _, _, s, _ in ours)
    flat = lambda points: [v for xy in sorted((x, y) for x, y, *_ in points) for v in xy]  # noqa: E731
    assert flat(drawn) == pytest.approx(flat(ours), abs=1e-3)
    assert len([y for _, y, *_ in ours if y > 0]) == 76  # the largest component; the other 9 in the bottom row


def test_round_trip_from_an_imported_roster_keeps_nodes_ties_and_attributes(tmp_path):
    """A researcher's roster → import → data package → GEXF, GraphML, JSON → read back: the same graph."""
    from chanjiao_utils.roster import import_roster

    (tmp_path / "roster.csv").write_text(
        "单位名称,简称,单位类型,理事会职务\n示例职业技术学院,示例职院,高职院校,共同理事长单位\n"
        "示例精密制造有限公司,示例精密,龙头企业,副理事长单位\n示例制造业协会,,行业协会,成员单位\n"
        "示例研究院,,科研院所,成员单位\n", encoding="utf-8")
    (tmp_path / "ties.csv").write_text(
        "甲方,乙方,合作内容,开始时间\n示例职院,示例精密,岗位实习、订单班,2022-09-01\n示例职院,示例制造业协会,,\n",
        encoding="utf-8")
    result = import_roster(tmp_path / "roster.csv", tmp_path / "ties.csv", out=tmp_path / "pkg")
    assert result.problems == [] and result.out is not None
    graph = organisation_graph(load(result.out))
    pairs = {frozenset((graph.nodes[u]["name_zh"], graph.nodes[v]["name_zh"])): d for u, v, d in graph.edges(data=True)}
    assert pairs[frozenset(("示例职业技术学院", "示例精密制造有限公司"))]["area_names"] == ("岗位实习", "订单培养项目")
    for fmt in export.GRAPH_FORMATS:
        back = export.read_graph(export.save_graph(graph, tmp_path / f"net.{fmt}"))
        assert _as_sets(back) == _as_sets(export.graph_for_tools(graph)), fmt
        assert set(back.nodes) == set(graph.nodes) and {frozenset(e) for e in back.edges} == {
            frozenset(e) for e in graph.edges}
        for node, attrs in graph.nodes(data=True):
            assert {k: v for k, v in attrs.items() if v is not None} == {
                k: back.nodes[node][k] for k, v in attrs.items() if v is not None}, (fmt, node)
        tie = next(d for u, v, d in back.edges(data=True) if "areas" in d and d["areas"])
        assert tie["area_names"] == "岗位实习;订单培养项目" and tie["areas"] in ("2;3", "3;2")
        assert back.nodes[next(iter(graph.nodes))]["color"].startswith("#")


# ----------------------------------------------------------------------------- network files that cannot harm


HOSTILE_NAMES = ['=HYPERLINK("http://x.example","点我")', "A & B <公司>", "引号\"'", "]]>", "&amp;", "\t前导制表符"]


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
@pytest.mark.parametrize("build", [organisation_graph, organisation_area_graph], ids=["one_mode", "two_mode"])
def test_every_xml_export_parses_with_networkx_and_an_independent_parser(tmp_path, fmt, build):
    """The bundled graph, plus names made of XML's own special characters: well-formed, read back as written."""
    from xml.dom import minidom

    graph = build(load())
    first = next(iter(sorted(graph.nodes)))
    for i, name in enumerate(HOSTILE_NAMES):
        graph.add_node(f"X{i}", name_zh=name, sector="enterprise")
        graph.add_edge(first, f"X{i}")
    path = export.save_graph(graph, tmp_path / f"g.{fmt}")
    minidom.parse(str(path))  # expat, not networkx's ElementTree reader
    back = export.read_graph(path)
    assert {back.nodes[f"X{i}"]["name_zh"] for i in range(len(HOSTILE_NAMES))} == set(HOSTILE_NAMES)
    assert back.number_of_nodes() == graph.number_of_nodes() and back.number_of_edges() == graph.number_of_edges()


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_text_xml_cannot_carry_is_refused_not_written_malformed(tmp_path, fmt):
    graph = organisation_graph(load())
    graph.nodes["A01"]["name_zh"] = "中山\x01中专"
    target = tmp_path / f"g.{fmt}"
    with pytest.raises(export.files.OutputError, match=r"node A01, name_zh: '中山\\x01中专'"):
        export.save_graph(graph, target)
    assert not list(tmp_path.iterdir())
    json_path = export.save_graph(graph, tmp_path / "g.json")  # JSON escapes it: written, and read back as it was
    assert export.read_graph(json_path).nodes["A01"]["name_zh"] == "中山\x01中专"


# ----------------------------------------------------------------------------- the standalone map page


def test_map_page_is_one_more_format_of_its_figure_and_the_index_lists_it(tmp_path):
    """save_map_page writes figures/<stem>.html next to the PNG, SVG and PDF; the manifest lists the four files
    under one figure entry (whichever was saved first) with their checksums, and the index page links HTML."""
    import hashlib
    import json

    from chanjiao_utils import pages

    graph = nx.Graph()
    graph.add_node("a", name_zh="甲单位", sector="school", provenance="attested", lead_role="lead_school")
    graph.add_node("b", name_zh="乙单位", sector="enterprise", provenance="attested")
    graph.add_edge("a", "b", provenance="attested")
    text = FigureText(title="合作网络", source="测试", lang="zh")
    names = {"school": "校", "enterprise": "企"}
    for order in ("figure first", "page first"):
        out = tmp_path / order.replace(" ", "_")
        with plotting.style():
            fig = plotting.network_map(graph, text, names, lang="zh")
        save_fig = lambda: export.save_figure(fig, "07", "network_map_zh", text=text, out=out)  # noqa: E731
        save_page = lambda: export.save_map_page(graph, "07", "network_map_zh", text=text,  # noqa: E731
                                                 sector_names=names, lang="zh", out=out)
        first, second = (save_fig, save_page) if order == "figure first" else (save_page, save_fig)
        written = first() + second()
        plt.close(fig)
        report = out / "zhongshan_2023"
        page = report / "figures" / "07_network_map_zh.html"
        assert page in written and page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        export.write_manifest(report)
        manifest = json.loads((report / "manifest.json").read_text(encoding="utf-8"))
        [entry] = manifest["figures"]
        assert entry["id"] == "07_network_map_zh" and entry["title"] == "合作网络"
        assert sorted(f["path"] for f in entry["files"]) == [f"figures/07_network_map_zh.{x}"
                                                            for x in ("html", "pdf", "png", "svg")], order
        for f in entry["files"]:
            assert f["sha256"] == hashlib.sha256((report / f["path"]).read_bytes()).hexdigest()
        (report / "notebooks").mkdir()
        index = pages.write_index(report).read_text(encoding="utf-8")
        assert '<a href="../figures/07_network_map_zh.html">HTML</a>' in index
        assert '<a href="../figures/07_network_map_zh.png">PNG</a>' in index


def test_without_a_report_folder_no_map_page_is_written(tmp_path, monkeypatch):
    from chanjiao_utils import paths

    monkeypatch.delenv(paths.OUT_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    graph = nx.Graph([("a", "b")])
    assert export.save_map_page(graph, "07", "network_map_zh", text=FigureText(title="t", source="s"),
                                sector_names={}) == []
    assert list(tmp_path.rglob("*")) == []
