"""Coded values named in words: the vocabularies of the data package and of ``column_labels.toml``, pattern codes
such as ``mixing_{sector1}_{sector2}``, and the table as the XLSX shows it (:func:`shown_frame`), each named
column with its codes in a ``<column>_code`` column beside it.

>>> shown, codes = shown_frame(pd.DataFrame({"sector": ["school", "research"]}), vocabularies())
>>> shown["sector"].tolist(), shown["sector_code"].tolist()
(['校', '研'], ['school', 'research'])
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from .. import files, paths
from ..figure_text import xlsx_settings

# ----------------------------------------------------------------------------- vocabularies


def _package_table(folder: Path, name: str) -> Path | None:
    """The file of resource ``name`` of the data package in ``folder``, when it is a plain file inside it."""
    descriptor = folder / "datapackage.json"
    if not descriptor.is_file():
        return None
    for resource in json.loads(descriptor.read_text(encoding="utf-8")).get("resources", []):
        where = resource.get("path")
        if resource.get("name") != name or not isinstance(where, str) or where.startswith("/") or ".." in where:
            continue
        path = (folder / where).resolve()
        if path.is_relative_to(folder.resolve()) and files.regular_file(path):
            return path
    return None


def _package_vocabulary(folder: Path, name: str) -> dict[str, tuple[str, str]]:
    path = _package_table(folder, name)
    return {} if path is None else _read_vocabulary(path, path.stat().st_mtime_ns)


@cache
def _read_vocabulary(path: Path, mtime: int) -> dict[str, tuple[str, str]]:
    """code → (name_zh, name_en) of a vocabulary CSV; cached while the file is unchanged."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {row["code"]: (row.get("name_zh") or "", row.get("name_en") or "")
                for row in csv.DictReader(fh) if row.get("code")}


def vocabularies(folder: str | Path | None = None) -> dict[str, dict[str, tuple[str, str]]]:
    """Coded column → {code: (Chinese name, English name)}, for the columns ``[xlsx.codes]`` of
    ``column_labels.toml`` declares, from the data package in ``folder`` (default: the bundled one). A column
    may be named by several vocabularies (a list: the first that names a code wins). A code with
    ``{placeholders}`` is a pattern (see :func:`_pattern`).

    >>> vocabularies()["sector"]["research"], vocabularies()["provenance"]["attested"]
    (('研', 'Research'), ('有来源', 'Attested'))
    """
    from ..figure_text import _column_labels

    folder = paths.data_package(folder).resolve()
    settings = xlsx_settings()
    found = {}
    for column, named_by in settings.get("codes", {}).items():
        words: dict[str, tuple[str, str]] = {}
        for vocabulary in [named_by] if isinstance(named_by, str) else named_by:  # the first to name a code wins
            if vocabulary == "labels":
                more = {code: (w["zh"], w["en"]) for code, w in _column_labels().items()}
            elif vocabulary in settings.get("values", {}):
                more = {code: (w["zh"], w["en"]) for code, w in settings["values"][vocabulary].items()}
            else:
                more = _package_vocabulary(folder, vocabulary)
            words = {**more, **words}
        if words:
            found[column] = words
    return found

def _code_text(value: Any) -> str:
    """A code as the vocabulary tables spell it: ``2.0`` → ``"2"``."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


@cache
def _pattern(key: str) -> re.Pattern[str] | None:
    """The regular expression of a pattern code such as ``mixing_{sector1}_{sector2}``; None for a plain code.

    Each ``{placeholder}`` matches any text; when its name (less trailing digits) is a coded column, only a
    code of that column's vocabulary, shown by its name; other placeholders show the text they match.

    >>> _pattern("top{n}_degree").fullmatch("top5_degree").groupdict()
    {'n': '5'}
    """
    if "{" not in key:
        return None
    parts = re.split(r"\{(\w+)\}", key)
    return re.compile("".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts)))


def _fill(key: str, code: str, pick: int, vocab: Mapping[str, Mapping[str, tuple[str, str]]]) -> dict[str, str] | None:
    """The names of the parts of ``code`` that pattern ``key``'s placeholders match; None when it does not match
    (or a placeholder of a coded column matches a code its vocabulary does not know)."""
    pattern = _pattern(key)
    found = pattern.fullmatch(code) if pattern else None
    if found is None:
        return None
    filled = {}
    for name, part in found.groupdict().items():
        words = vocab.get(re.sub(r"\d+$", "", name))
        if words is not None and part not in words:
            return None
        filled[name] = (words[part][pick] or part) if words is not None else part
    return filled


def _name_codes(value: Any, words: Mapping[str, tuple[str, str]], lang: str,
                vocab: Mapping[str, Mapping[str, tuple[str, str]]] | None = None) -> Any:
    """The name of a code (or of each code of a ``", "``- or ``";"``-separated list); unknown codes stay.
    ``vocab`` (every coded column's words) names the codes a pattern code's placeholders match.

    >>> words = {"mixing_{sector1}_{sector2}": ("{sector1}—{sector2}关系数", "Ties {sector1}–{sector2}")}
    >>> sectors = {"sector": {"school": ("校", "Schools"), "government": ("政", "Government")}}
    >>> _name_codes("mixing_government_school", words, "zh", sectors), _name_codes("mixing_a_b", words, "zh", sectors)
    ('政—校关系数', 'mixing_a_b')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    pick = 1 if lang == "en" else 0

    def one(code: str) -> str:
        named = words.get(code)
        if named:
            return named[pick] or code
        for key, template in words.items():
            filled = _fill(key, code, pick, vocab or {})
            if filled is not None:
                return (template[pick] or code).format(**filled)
        return code

    text = _code_text(value)
    if text in words or any(_fill(key, text, pick, vocab or {}) is not None for key in words):
        return one(text)
    parts = [p.strip() for p in re.split(r"[;,]", text)]
    if len(parts) > 1 and any(p in words for p in parts):
        return ("、" if lang != "en" else ", ").join(one(p) for p in parts)
    return value


# ----------------------------------------------------------------------------- the table as shown


def shown_frame(
    table: pd.DataFrame, vocab: Mapping[str, Mapping[str, tuple[str, str]]] | None = None, lang: str = "zh"
) -> tuple[pd.DataFrame, dict[str, str]]:
    """The table as the XLSX shows it: the index as columns, coded columns named in ``lang`` with a
    ``<column>_code`` column beside each; and each code column's original column.

    >>> shown, codes = shown_frame(pd.DataFrame({"provenance": ["synthetic"]}), vocabularies())
    >>> shown.to_dict("records"), codes
    ([{'provenance': '合成', 'provenance_code': 'synthetic'}], {'provenance_code': 'provenance'})
    """
    frame = table.reset_index() if table.index.name or any(table.index.names) else table.copy()
    vocab = vocab if vocab is not None else vocabularies()
    codes: dict[str, str] = {}
    for column in list(frame.columns):
        words = vocab.get(str(column))
        code_column = f"{column}_code"
        if not words or code_column in frame.columns or pd.api.types.is_bool_dtype(frame[column]):
            continue
        named = frame[column].map(lambda v: _name_codes(v, words, lang, vocab)).astype(object)
        if named.equals(frame[column].astype(object)):
            continue  # nothing to name (free text in a column of that name)
        at = list(frame.columns).index(column)
        frame.insert(at + 1, code_column, frame[column])
        frame[column] = named
        codes[code_column] = str(column)
    return frame, codes
