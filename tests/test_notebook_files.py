"""Widget model ids named by their place in the notebook, so a re-executed notebook is the same bytes."""

from __future__ import annotations

import copy
import json
import os
import random
import re
import uuid
from pathlib import Path

import nbformat
import pytest

from chanjiao_utils import notebook_files
from chanjiao_utils.notebook_files import REF, WIDGET_STATE, WIDGET_VIEW, stable_id, stable_widget_ids

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
#: The models of a map widget as ipywidgets saves them: a VBox of an HTML notice and the Sigma map, each with
#: its layout (the HTML also its style); the keys are the short names the tests use for their ids.
MODELS = {
    "vbox": ("VBoxModel", {"children": ["html", "sigma"], "layout": "vbox_layout", "box_style": ""}),
    # "style" inserted before "layout": the walk goes by sorted key, so layout comes first
    "html": ("HTMLModel", {"style": "html_style", "layout": "html_layout", "value": "<p>示意数据</p>"}),
    "html_style": ("HTMLStyleModel", {"font_size": None}),
    "html_layout": ("LayoutModel", {"width": None}),
    "sigma": ("SigmaModel", {"layout": "sigma_layout", "data": {"nodes": [{"key": "S001"}]}}),
    "sigma_layout": ("LayoutModel", {"height": "520px"}),
    "vbox_layout": ("LayoutModel", {"width": "100%"}),
}
#: Their order by hand: the shown VBox, then depth-first by key path (children[0], children[1], layout).
ORDER = ["vbox", "html", "html_layout", "html_style", "sigma", "sigma_layout", "vbox_layout"]


def _refer(value, ids):
    if isinstance(value, str) and value in ids:
        return REF + ids[value]
    if isinstance(value, list):
        return [_refer(v, ids) for v in value]
    return value


def _notebook(ids: dict[str, str], shuffle: random.Random | None = None, extra: dict | None = None,
              mention: bool = True) -> dict:
    """A notebook showing the map widget, its models' ids ``ids[name]`` (state keys in shuffled order); its
    texts ``mention`` the VBox's id (as a text that is not a reference)."""
    said = ids["vbox"] if mention else "it"
    models = dict(MODELS, **(extra or {}))
    names = list(models)
    if shuffle:
        shuffle.shuffle(names)
    state = {}
    for name in names:
        kind, values = models[name]
        state[ids[name]] = {"model_module": "@jupyter-widgets/controls", "model_module_version": "2.0.0",
                            "model_name": kind, "state": {k: _refer(v, ids) for k, v in values.items()}}
    return {
        "cells": [
            {"cell_type": "markdown", "id": "m1", "metadata": {}, "source": f"The map (not {said})."},
            {"cell_type": "code", "id": "c1", "metadata": {}, "execution_count": 1, "source": "interactive_map(g)",
             "outputs": [{"output_type": "execute_result", "execution_count": 1, "metadata": {},
                          "data": {"text/plain": f"VBox() {said}",
                                   WIDGET_VIEW: {"model_id": ids["vbox"], "version_major": 2,
                                                 "version_minor": 0}}}]},
        ],
        "metadata": {"widgets": {WIDGET_STATE: {"state": state, "version_major": 2, "version_minor": 0}},
                     "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4, "nbformat_minor": 5,
    }


def _random_ids(names) -> dict[str, str]:
    return {name: uuid.uuid4().hex for name in names}


def _state(nb) -> dict:
    return nb["metadata"]["widgets"][WIDGET_STATE]["state"]


def _text(nb) -> str:
    return notebook_files.notebook_text(nbformat.from_dict(nb))


def test_ids_follow_the_shown_widget_depth_first_by_key_path():
    ids = _random_ids(MODELS)
    nb = stable_widget_ids(_notebook(ids))
    new = {name: stable_id(i) for i, name in enumerate(ORDER)}
    assert nb["cells"][1]["outputs"][0]["data"][WIDGET_VIEW] == {"model_id": new["vbox"], "version_major": 2,
                                                                "version_minor": 0}
    state = _state(nb)
    assert set(state) == set(new.values())
    assert state[new["vbox"]]["state"]["children"] == [REF + new["html"], REF + new["sigma"]]
    assert state[new["vbox"]]["state"]["layout"] == REF + new["vbox_layout"]
    assert state[new["html"]]["state"] == {"style": REF + new["html_style"], "layout": REF + new["html_layout"],
                                           "value": "<p>示意数据</p>"}
    assert state[new["sigma"]]["state"] == {"layout": REF + new["sigma_layout"], "data": {"nodes": [{"key": "S001"}]}}
    assert state[new["sigma_layout"]]["model_name"] == "LayoutModel"
    assert state[new["sigma_layout"]]["state"] == {"height": "520px"}
    # nothing but model ids changed: old ids in texts stay as they were
    assert nb["cells"][0]["source"] == f"The map (not {ids['vbox']})."
    assert nb["cells"][1]["outputs"][0]["data"]["text/plain"] == f"VBox() {ids['vbox']}"
    assert new["vbox"] == "10c22c17b08e385f01ccb25bba9febde" and all(re.fullmatch(r"[0-9a-f]{32}", i)
                                                                      for i in new.values())


def test_a_second_run_with_other_ids_gives_the_same_bytes():
    extra = {"stray_a": ("LayoutModel", {"width": "1px"}), "stray_b": ("LayoutModel", {"width": "2px"}),
             "stray_box": ("BoxModel", {"children": ["stray_b"]})}
    names = list(MODELS) + list(extra)
    first = _text(stable_widget_ids(_notebook(_random_ids(names), random.Random(1), extra, False)))
    for seed in range(2, 6):
        again = _text(stable_widget_ids(_notebook(_random_ids(names), random.Random(seed), extra, False)))
        assert again == first
    # the shown models first; the unreferenced ones (a layout, a box and its child) after them
    nb = json.loads(first)
    assert set(_state(nb)) == {stable_id(i) for i in range(len(names))}
    box = next(m for m in _state(nb).values() if m["model_name"] == "BoxModel")
    child = box["state"]["children"][0][len(REF):]
    assert _state(nb)[child]["state"] == {"width": "2px"}


def test_renaming_twice_changes_nothing_and_every_reference_resolves():
    once = stable_widget_ids(_notebook(_random_ids(MODELS)))
    twice = stable_widget_ids(copy.deepcopy(once))
    assert twice == once
    state = _state(once)
    refs = re.findall(REF + r"([0-9a-f]+)", json.dumps(state))
    assert refs and set(refs) <= set(state)
    assert once["cells"][1]["outputs"][0]["data"][WIDGET_VIEW]["model_id"] in state


def test_a_notebook_node_is_renamed_in_place():
    nb = nbformat.from_dict(_notebook(_random_ids(MODELS)))
    assert stable_widget_ids(nb) is nb
    assert nb.cells[1].outputs[0].data[WIDGET_VIEW].model_id == stable_id(0)
    assert nb.metadata.widgets[WIDGET_STATE].state[stable_id(0)].state.layout == REF + stable_id(6)


def test_widgets_shown_inside_an_output_widget_are_renamed():
    ids = _random_ids(["out", "inner"])
    nb = {"cells": [{"cell_type": "code", "outputs": [{"output_type": "display_data",
                                                        "data": {WIDGET_VIEW: {"model_id": ids["out"]}}}]}],
          "metadata": {"widgets": {WIDGET_STATE: {"state": {
              ids["inner"]: {"model_name": "HTMLModel", "state": {"value": "x"}},
              ids["out"]: {"model_name": "OutputModel", "state": {"outputs": [
                  {"output_type": "display_data", "data": {WIDGET_VIEW: {"model_id": ids["inner"]}}}]}}}}}}}
    state = _state(stable_widget_ids(nb))
    assert state[stable_id(0)]["state"]["outputs"][0]["data"][WIDGET_VIEW]["model_id"] == stable_id(1)
    assert state[stable_id(1)]["model_name"] == "HTMLModel"


def test_a_notebook_without_widgets_is_unchanged():
    nb = {"cells": [{"cell_type": "code", "outputs": [{"output_type": "stream", "text": "IPY_MODEL_x"}]}],
          "metadata": {}}
    assert stable_widget_ids(copy.deepcopy(nb)) == nb


def test_nbconvert_html_embeds_the_renamed_state():
    """The lab template's page carries the state under the new ids and shows the widget by its new id."""
    from nbconvert import HTMLExporter

    nb = nbformat.from_dict(stable_widget_ids(_notebook(_random_ids(MODELS))))
    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    embedded = re.search(r'<script type="application/vnd.jupyter.widget-state\+json">\s*(.*?)\s*</script>', body,
                         re.S)
    assert embedded and set(json.loads(embedded.group(1))["state"]) == {stable_id(i) for i in range(len(MODELS))}
    view = re.search(r'<script type="application/vnd.jupyter.widget-view\+json">\s*(.*?)\s*</script>', body, re.S)
    assert view and json.loads(view.group(1))["model_id"] == stable_id(0)


def test_the_committed_notebooks_already_have_stable_ids(tmp_path):
    """make notebooks leaves them as nbconvert wrote them, widget ids stable (07 shows the map)."""
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        copy_ = tmp_path / path.name
        copy_.write_bytes(path.read_bytes())
        assert not notebook_files.write_stable(copy_), path.name
        assert copy_.read_bytes() == path.read_bytes()
    ids = set(_state(json.loads((NOTEBOOKS / "07_figures_for_reports.ipynb").read_text(encoding="utf-8"))))
    assert ids == {stable_id(i) for i in range(len(ids))} and ids


def test_main_rewrites_only_what_changes(tmp_path, capsys):
    path = tmp_path / "n.ipynb"
    path.write_text(_text(_notebook(_random_ids(MODELS))), encoding="utf-8")
    assert notebook_files.main([str(path)]) == 0
    assert capsys.readouterr().out == f"stable widget ids: {path}\n"
    text = path.read_text(encoding="utf-8")
    assert text.endswith("}\n") and '\n "cells": [\n' in text and "示意数据" in text  # indent=1, no \u escapes
    assert notebook_files.main([str(path)]) == 0 and capsys.readouterr().out == ""
    assert path.read_text(encoding="utf-8") == text
    assert notebook_files.main([]) == 2


@pytest.mark.slow
def test_the_map_widget_executed_twice_gives_the_same_bytes():
    from nbclient import NotebookClient

    source = ("from chanjiao_utils import plotting\nfrom chanjiao_utils.loading import load\n"
              "from chanjiao_utils.graph import organisation_graph\n"
              "plotting.interactive_map(organisation_graph(load()))")
    texts = []
    for seed in ("1", "2"):  # kernels with other hash seeds: sets of strings iterate in other orders
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source, id="map")])
        client = NotebookClient(nb, timeout=300, kernel_name="python3", record_timing=False)
        client.execute(env={**os.environ, "PYTHONHASHSEED": seed})
        assert WIDGET_VIEW in nb.cells[0].outputs[-1]["data"], nb.cells[0].outputs
        texts.append(notebook_files.notebook_text(stable_widget_ids(nb)))
    assert texts[0] == texts[1]
    state = _state(json.loads(texts[0]))
    assert {m["model_name"] for m in state.values()} >= {"VBoxModel", "HTMLModel", "SigmaModel"}
    assert set(re.findall(REF + r"([0-9a-f]+)", json.dumps(state))) <= set(state)
