"""Notebook files that are the same bytes run after run: widget model ids made stable.

Every execution of a notebook that shows a Jupyter widget (notebook 07's interactive map) gives the widget's
models new random ids (uuid4 hex), in the output (``application/vnd.jupyter.widget-view+json`` → ``model_id``)
and in the widget state saved in the notebook's metadata (keyed by model id, models referring to each other as
``"IPY_MODEL_<id>"``). :func:`stable_widget_ids` renames them by their place in the notebook, so nothing changes
when nothing changed; :func:`write_stable` does it to notebook files, as ``make notebooks`` does after executing
them (``python -m chanjiao_utils.notebook_files notebooks/*.ipynb``), and the report does to its copies.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from . import files

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
#: How a widget model's state refers to another model.
REF = "IPY_MODEL_"


def stable_id(i: int) -> str:
    """The model id given to the ``i``-th widget model of a notebook: 32 hex digits, the shape of a uuid4 hex.

    >>> stable_id(0)
    '10c22c17b08e385f01ccb25bba9febde'
    >>> len({stable_id(i) for i in range(1000)})
    1000
    """
    return hashlib.sha256(f"chanjiao-widget-{i}".encode("ascii")).hexdigest()[:32]


def _refs(value: Any) -> Iterator[str]:
    """The model ids ``value`` (part of a model's saved state) refers to, in the order of their key paths (dict
    keys sorted, lists in order): ``"IPY_MODEL_<id>"`` strings and widget outputs kept by an Output widget."""
    if isinstance(value, str):
        if value.startswith(REF):
            yield value[len(REF):]
    elif isinstance(value, list):
        for v in value:
            yield from _refs(v)
    elif isinstance(value, dict):
        for k in sorted(value):
            v = value[k]
            if k == WIDGET_VIEW and isinstance(v, dict) and isinstance(v.get("model_id"), str):
                yield v["model_id"]
            else:
                yield from _refs(v)


def _renamed(value: Any, new: Callable[[str], str]) -> Any:
    """``value`` with every model id it refers to (as :func:`_refs` finds them) replaced by ``new(id)``."""
    if isinstance(value, str):
        return REF + new(value[len(REF):]) if value.startswith(REF) else value
    if isinstance(value, list):
        return [_renamed(v, new) for v in value]
    if isinstance(value, dict):
        out = type(value)()
        for k, v in value.items():
            if k == WIDGET_VIEW and isinstance(v, dict) and isinstance(v.get("model_id"), str):
                out[k] = type(v)(v, model_id=new(v["model_id"]))
            else:
                out[k] = _renamed(v, new)
        return out
    return value


def _shown(nb: Any) -> Iterator[dict[str, Any]]:
    """The widget view bundles of the notebook's outputs, in cell and output order."""
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []) or []:
            view = (output.get("data") or {}).get(WIDGET_VIEW)
            if isinstance(view, dict) and isinstance(view.get("model_id"), str):
                yield view


def _order(shown: Sequence[str], state: dict[str, Any]) -> list[str]:
    """Every model id of the notebook in the order that names them: the shown ones in output order, each followed
    depth-first by the models it refers to; then the models nothing refers to (and any cycle of them), ordered by
    the hash of what they and the models they reach hold, ids left out."""
    order: list[str] = []
    seen: set[str] = set()

    def visit(model: str, into: list[str], done: set[str]) -> None:
        stack = [model]
        while stack:
            m = stack.pop()
            if m in done:
                continue
            done.add(m)
            into.append(m)
            stack.extend(reversed(list(_refs(state.get(m, {})))))

    def content(model: str) -> str:
        """What the models reached from ``model`` hold, references written as their place in the walk."""
        reached: list[str] = []
        visit(model, reached, set(seen))
        place = {m: str(i) for i, m in enumerate(reached)}
        text = json.dumps([_renamed(state.get(m, {}), lambda x: place.get(x, "")) for m in reached], sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    for model in shown:
        visit(model, order, seen)
    referred = {r for m in state for r in _refs(state[m])}
    for pool in ([m for m in state if m not in referred], list(state)):
        for model in sorted((m for m in pool if m not in seen), key=content):
            visit(model, order, seen)
    return order


def stable_widget_ids(nb: Any) -> Any:
    """Rename every widget model id of ``nb`` (a notebook as nbformat's ``NotebookNode`` or a plain dict) to
    :func:`stable_id` of its place in the notebook (:func:`_order`): in the outputs, in the keys of the widget
    state in the metadata and in the models' references to each other; nothing else changes. Changed in place;
    returns ``nb``. Two runs of the same notebook get the same ids, and renaming twice changes nothing.

    >>> nb = {"cells": [{"cell_type": "code", "outputs": [{"output_type": "display_data",
    ...       "data": {WIDGET_VIEW: {"model_id": "9f1c", "version_major": 2, "version_minor": 0}}}]}],
    ...       "metadata": {"widgets": {WIDGET_STATE: {"state": {
    ...           "9f1c": {"model_name": "HTMLModel", "state": {"layout": "IPY_MODEL_0b7e", "value": "hi"}},
    ...           "0b7e": {"model_name": "LayoutModel", "state": {}}}}}}}
    >>> nb = stable_widget_ids(nb)
    >>> nb["cells"][0]["outputs"][0]["data"][WIDGET_VIEW]["model_id"] == stable_id(0)
    True
    >>> state = nb["metadata"]["widgets"][WIDGET_STATE]["state"]
    >>> list(state) == [stable_id(0), stable_id(1)] and state[stable_id(0)]["state"]["layout"] == REF + stable_id(1)
    True
    """
    views = list(_shown(nb))
    state = nb.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {}).get("state")
    if not isinstance(state, dict):
        state = {}
    order = _order([v["model_id"] for v in views], state)
    new_ids = {old: stable_id(i) for i, old in enumerate(order)}
    new = new_ids.__getitem__
    for view in views:
        view["model_id"] = new(view["model_id"])
    if state:
        renamed = {new(m): _renamed(state[m], new) for m in order if m in state}
        state.clear()
        state.update(renamed)
    return nb


def notebook_text(nb: Any) -> str:
    """The notebook as nbconvert writes it (``--to notebook``): nbformat's JSON, ending in a newline."""
    import nbformat

    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def write_stable(notebook: str | os.PathLike[str]) -> bool:
    """Give the widgets of the notebook file ``notebook`` their :func:`stable_widget_ids`, written atomically and
    as nbconvert writes it; the file is left alone when it already has them. True when it was rewritten."""
    import nbformat

    path = Path(notebook)
    before = path.read_text(encoding="utf-8")
    after = notebook_text(stable_widget_ids(nbformat.reads(before, as_version=nbformat.NO_CONVERT)))
    if after == before:
        return False
    files.atomic_write(path, after.encode("utf-8"))
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m chanjiao_utils.notebook_files NOTEBOOK...``: :func:`write_stable` on each notebook."""
    notebooks = list(sys.argv[1:] if argv is None else argv)
    if not notebooks:
        print("usage: python -m chanjiao_utils.notebook_files NOTEBOOK.ipynb...", file=sys.stderr)
        return 2
    for notebook in notebooks:
        if write_stable(notebook):
            print(f"stable widget ids: {notebook}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
