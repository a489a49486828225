"""The report's web pages: a widget becomes its printed map, with a link to the standalone map page when the
report has one."""

from __future__ import annotations

import nbformat

from chanjiao_utils import pages

WIDGET = "application/vnd.jupyter.widget-view+json"


def _notebook():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("plotting.interactive_map(graph)")
    cell.outputs = [nbformat.v4.new_output("display_data", data={WIDGET: {"model_id": "x"}, "text/plain": "VBox()"})]
    nb.cells = [cell]
    return nb


def test_a_widget_becomes_its_printed_map_and_links_the_standalone_map():
    nb = _notebook()
    figures = ["07_network_map_en.html", "07_network_map_en.png", "07_network_map_zh.html", "07_network_map_zh.png",
               "07_timeline_zh.png"]
    pages._static_widgets(nb, figures)
    data = nb.cells[0].outputs[0]["data"]
    assert WIDGET not in data and "text/plain" not in data
    shown = data["text/html"]
    assert shown.count("<img") == 2 and "timeline" not in shown
    for lang, word in (("zh", "中文"), ("en", "English")):
        assert f'<a href="../figures/07_network_map_{lang}.html">{pages.MAP_LINK} · {word}</a>' in shown
    assert "打开交互式网络图（离线可用） Open the interactive map (works offline)" in shown


def test_without_a_map_page_there_is_no_link():
    nb = _notebook()
    pages._static_widgets(nb, ["07_network_map_zh.png"])
    shown = nb.cells[0].outputs[0]["data"]["text/html"]
    assert "<img" in shown and "<a " not in shown and ".html" not in shown


def test_a_finished_notebook_has_stable_widget_ids_and_is_signed(tmp_path, monkeypatch):
    """The report's copy of a notebook: staging folder replaced, widget ids stable (two runs, the same bytes),
    signed after renaming (the signature still holds)."""
    import uuid

    from nbformat.sign import NotebookNotary

    from chanjiao_utils.notebook_files import REF, WIDGET_STATE, stable_id

    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter"))  # the notary's database, not the user's
    texts = []
    for run in range(2):
        vbox, layout = uuid.uuid4().hex, uuid.uuid4().hex
        nb = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_code_cell("# NBVAL_IGNORE_OUTPUT\nmap_ = interactive_map(g)", id="c1")
        cell.outputs = [nbformat.v4.new_output("display_data", data={WIDGET: {"model_id": vbox}},
                                               metadata={"path": "/tmp/staging/figures"})]
        nb.cells = [cell]
        nb.metadata["widgets"] = {WIDGET_STATE: {"state": {
            vbox: {"model_name": "VBoxModel", "state": {"children": [], "layout": REF + layout}},
            layout: {"model_name": "LayoutModel", "state": {}}}, "version_major": 2, "version_minor": 0}}
        path = tmp_path / f"run{run}" / "07.ipynb"
        path.parent.mkdir()
        path.write_text(nbformat.writes(nb), encoding="utf-8")
        pages.finish_notebook(path, "/tmp/staging", "/home/me/report")
        texts.append(path.read_text(encoding="utf-8"))
    assert texts[0] == texts[1] and texts[0].endswith("}\n")
    done = nbformat.reads(texts[0], as_version=4)
    assert done.cells[0].source == "map_ = interactive_map(g)"
    assert done.cells[0].outputs[0].metadata["path"] == "/home/me/report/figures"
    assert done.cells[0].outputs[0].data[WIDGET].model_id == stable_id(0)
    assert done.metadata.widgets[WIDGET_STATE].state[stable_id(0)].state.layout == REF + stable_id(1)
    assert NotebookNotary().check_signature(done)
