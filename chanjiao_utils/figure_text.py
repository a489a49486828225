"""The words around every figure, kept as metadata, not in plotting code.

Each figure has an id (``<notebook>_<name>``, e.g. ``02_network_map``) and an entry in
``figure_text.toml`` beside this module: title, subtitle and note in Chinese and
English, and the tables it rests on. An entry may instead say ``same_as = "<id>"`` to
reuse another figure's words under its own id (notebook 07 redraws the figures of
01–06 for reports), so the words live in one place. :func:`figure_text` turns an entry into the
:class:`FigureText` for one dataset and language: the source line is built from the
sources the rows actually cite, and the synthetic-data notice from how many of those
rows are synthetic, so a figure drawn from a researcher's own roster carries their
sources and no notice, and one drawn from the bundled data says it is illustrative.

>>> from chanjiao_utils.loading import load
>>> text = figure_text("02_network_map", load(), lang="en")
>>> text.title
'Partnership network'
>>> text.synthetic_share  # (80 + 199) of (85 + 200) rows
0.9789
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from .loading import Consortium

Lang = Literal["zh", "en", "both"]
LANGS: tuple[str, ...] = ("zh", "en", "both")

METADATA_FILE = Path(__file__).with_name("figure_text.toml")

_UNITS = {
    "organisations": ("家成员单位", "members"),
    "partnerships": ("条合作关系", "partnerships"),
}


@dataclass(frozen=True)
class FigureText:
    """Title, subtitle, note, source line and synthetic-data notice of one figure, in one language.

    ``synthetic_share`` is the share of the rows the figure rests on that are synthetic
    (``None`` when not computed); ``notice`` is drawn on the figure whenever it is not empty;
    ``lang`` is the language of the words (the source line's label follows it).
    """

    title: str
    source: str
    subtitle: str = ""
    note: str = ""
    notice: str = ""
    id: str = ""
    synthetic_share: float | None = None
    lang: str = "both"

    def as_dict(self) -> dict[str, Any]:
        """Plain dict, for manifests."""
        return asdict(self)


def say(zh: str, en: str, lang: Lang = "both", sep: str = " · ") -> str:
    """Pick the words for a language; ``both`` puts Chinese first.

    >>> say("合作网络", "Partnership network"), say("合作网络", "Partnership network", "en")
    ('合作网络 · Partnership network', 'Partnership network')
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    if lang == "zh" or not en:
        return zh
    if lang == "en" or not zh:
        return en
    return f"{zh}{sep}{en}"


@cache
def _entries() -> dict[str, dict[str, Any]]:
    with METADATA_FILE.open("rb") as fh:
        return tomllib.load(fh)


def figure_ids() -> list[str]:
    """Every figure id that has text in ``figure_text.toml``, sorted."""
    return sorted(_entries())


def entry(figure_id: str) -> dict[str, Any]:
    """The metadata of a figure, with ``same_as`` resolved (one step: an entry it points to must have words).

    >>> entry("07_network_map")["title"] == entry("02_network_map")["title"]
    True
    """
    entries = _entries()
    try:
        found = entries[figure_id]
    except KeyError:
        raise KeyError(f"no text for figure {figure_id!r} in {METADATA_FILE.name}; known: {', '.join(figure_ids())}") from None
    if "same_as" in found:
        target = entries.get(found["same_as"])
        if target is None or "same_as" in target:
            raise KeyError(f"{figure_id!r} is the same as {found['same_as']!r}, which has no words of its own")
        return {**target, **{k: v for k, v in found.items() if k != "same_as"}}
    return found


def _counts(consortium: Consortium, tables: tuple[str, ...]) -> list[tuple[str, int, int]]:
    """(table, synthetic rows, rows) for each of ``tables``."""
    counts = [(t, *consortium.provenance_of(t)) for t in tables]
    return [(t, synthetic, attested + synthetic) for t, attested, synthetic in counts]


def synthetic_notice(
    consortium: Consortium, tables: tuple[str, ...] = ("organisations", "partnerships"), lang: Lang = "both"
) -> str:
    """The notice for a figure resting on ``tables``; '' when none of their rows is synthetic.

    >>> from chanjiao_utils.loading import load
    >>> print(synthetic_notice(load(), ("organisations",)))
    示意数据：85家成员单位中80家为合成数据
    Illustrative: 80 of 85 members are synthetic

    When every row is synthetic it says "all", not "2800 of 2800":

    >>> from chanjiao_utils import synthetic
    >>> from chanjiao_utils.collection import Collection
    >>> small = synthetic.CollectionAssumptions(consortia=2, organisations=60, partnerships=200)
    >>> whole = Collection.from_tables(synthetic.generate_collection(small), small).whole
    >>> print(synthetic_notice(whole, ("organisations",)))
    示意数据：60家成员单位全部为合成数据
    Illustrative: all 60 members are synthetic
    """
    parts = [(n, total, *_UNITS[t]) for t, n, total in _counts(consortium, tables) if n]
    if not parts:
        return ""
    zh = "示意数据：" + "、".join(f"{total}{unit}全部" if n == total else f"{total}{unit}中{n}{unit[0]}"
                                 for n, total, unit, _ in parts) + "为合成数据"
    en = "Illustrative: " + " and ".join(f"all {total} {unit}" if n == total else f"{n} of {total} {unit}"
                                        for n, total, _, unit in parts) + " are synthetic"
    return say(zh, en, lang, sep="\n")


def data_text(value: Any) -> str:
    """A cell of the data package as text: '' for a missing cell (NA, None) or a column the package leaves out.

    >>> import pandas as pd
    >>> data_text("教育部办公厅"), data_text(pd.NA), data_text(None)
    ('教育部办公厅', '', '')
    """
    return value if isinstance(value, str) else ""


def publisher(source: Mapping[str, Any], lang: Lang = "both") -> str:
    """A source's publisher in the figure's language: ``publisher_en`` of the sources table for English, the
    publisher as written otherwise, and also for English when the package has no English name for it
    (``publisher_en`` is an optional column).

    >>> ministry = {"publisher": "教育部办公厅", "publisher_en": "General Office of the Ministry of Education"}
    >>> publisher(ministry, "en"), publisher(ministry, "zh")
    ('General Office of the Ministry of Education', '教育部办公厅')
    >>> publisher({"publisher": "中山火炬发布"}, "en")  # an older package, without publisher_en
    '中山火炬发布'
    """
    name, english = data_text(source.get("publisher")), data_text(source.get("publisher_en"))
    return say(name, "" if english == name else english, lang, sep=" ")  # "both" never says a name twice


def source_line(consortium: Consortium, tables: tuple[str, ...], lang: Lang = "both") -> str:
    """The sources cited by the rows of ``tables``: sources of facts first, most cited first (publisher and
    date, in the figure's language), then, if rows are synthetic, that they were generated for illustration.

    No source ids or program names: the manifest and the data package keep those.

    >>> from chanjiao_utils.loading import load
    >>> source_line(load(), ("organisations",), lang="en")
    'Zhongshan Torch Zone News, 2023-11-02; synthetic rows generated for illustration'
    >>> source_line(load(), ("organisations",), lang="zh")
    '中山火炬发布，2023-11-02；合成数据为示意生成'
    """
    cited: dict[str, int] = {}
    for t in tables:
        for sid, n in getattr(consortium, t)["source_id"].value_counts().items():
            cited[str(sid)] = cited.get(str(sid), 0) + int(n)
    parts, generated = [], False
    comma = "，" if lang == "zh" else ", "
    for sid in sorted(cited, key=lambda s: (-cited[s], s)):
        row = consortium.sources.loc[sid]
        if row["kind"] == "generator":
            generated = True
        elif row["kind"] == "user_roster":
            parts.append(str(row["title"]))  # the file the rows came from
        else:
            date = "" if row["date"] is None or str(row["date"]) in ("NaT", "<NA>") else f"{comma}{row['date']:%Y-%m-%d}"
            parts.append(f"{publisher(row, lang)}{date}")
    if generated:
        parts.append(say("合成数据为示意生成", "synthetic rows generated for illustration", lang, sep=" "))
    return ("；" if lang == "zh" else "; ").join(parts)


def reference_label(reference: Consortium, lang: Lang = "both") -> str:
    """How a figure names the reference consortium it marks among others (notebook 08).

    >>> from chanjiao_utils.loading import load
    >>> reference_label(load(), "both")
    '参照联合体 reference consortium'
    """
    return say("参照联合体", "reference consortium", lang, sep=" ")


def figure_text(figure_id: str, consortium: Consortium, lang: Lang = "both", *,
                reference: Consortium | None = None, **values: Any) -> FigureText:
    """The :class:`FigureText` of a figure for one dataset and language.

    ``values`` fill ``{placeholders}`` in the metadata's words (e.g. ``{seed}``). ``reference`` is a
    second dataset the figure also shows (notebook 08 marks one consortium among a collection): its
    sources join the source line and, when it has synthetic rows, its notice joins the note. A field
    (e.g. a note) whose placeholders are not all given is left out.
    """
    words_of = entry(figure_id)
    tables = tuple(words_of.get("rests_on", ("organisations", "partnerships")))

    def words(key: str) -> str:
        field = words_of.get(key, {})
        sep = " · " if key == "title" else "\n"
        try:
            return say(field.get("zh", "").format(**values), field.get("en", "").format(**values), lang, sep=sep)
        except KeyError:  # a field whose {placeholders} the caller did not fill is left out, never half-written
            return ""

    counts = _counts(consortium, tables)
    total = sum(t for _, _, t in counts)
    source, note = source_line(consortium, tables, lang), words("note")
    if reference is not None:
        marked = reference_label(reference, lang)
        source += ("；" if lang == "zh" else "; ") + f"{marked}{'：' if lang == 'zh' else ': '}{source_line(reference, tables, lang)}"
        reference_notice = synthetic_notice(reference, tables, "zh" if lang == "zh" else "en")
        if reference_notice:
            note = "\n".join(x for x in (note, f"{marked} · {reference_notice}") if x)
    return FigureText(
        id=figure_id,
        title=words("title"),
        subtitle=words("subtitle"),
        note=note,
        source=source,
        notice=synthetic_notice(consortium, tables, lang),
        synthetic_share=round(sum(n for _, n, _ in counts) / total, 4) if total else None,
        lang=lang,
    )


# ----------------------------------------------------------------------------- table column labels

COLUMN_LABELS_FILE = Path(__file__).with_name("column_labels.toml")


@cache
def _label_file() -> dict[str, Any]:
    with COLUMN_LABELS_FILE.open("rb") as fh:
        return tomllib.load(fh)


def _column_labels() -> dict[str, dict[str, str]]:
    """Column name → {zh, en}: every entry of ``column_labels.toml`` but its ``[xlsx]`` section."""
    return {k: v for k, v in _label_file().items() if k != "xlsx"}


def xlsx_settings() -> dict[str, Any]:
    """The ``[xlsx]`` section of ``column_labels.toml``: percent and integer columns, coded columns and their
    vocabularies, the sheet's own words (read by :mod:`chanjiao_utils.tables`).

    >>> xlsx_settings()["codes"]["sector"], xlsx_settings()["values"]["provenance"]["synthetic"]["zh"]
    ('sectors', '合成')
    """
    return _label_file().get("xlsx", {})


def _chinese_part(title: str) -> str:
    """The Chinese words at the end of a data-package field title: ``Name (Chinese) 单位名称`` → ``单位名称``."""
    import re

    found = re.search(r"[\u2e80-\u9fff\uff00-\uffef][^\x00-\x7f]*(?:\s*[^\x00-\x7f]+)*$", title.strip())
    return found.group(0).strip() if found else ""


#: Header labels of a table with a row per area of cooperation (``save_table(..., labels=AREA_TABLE_LABELS)``):
#: its code and names are the area's, where ``column_labels.toml`` labels ``name_zh`` as an organisation's name.
AREA_TABLE_LABELS: dict[str, str] = {"code": "合作方面代码", "name_zh": "合作方面名称", "name_en": "合作方面英文名称"}


def column_label(name: str, titles: dict[str, str] | None = None, lang: Lang = "zh") -> str:
    """The label of a table column for a reader, from ``column_labels.toml``, else the Chinese part of
    the data package's field title (``titles``: field name → title), else the machine name.

    >>> column_label("degree"), column_label("degree", lang="en")
    ('合作单位数', 'Degree (partners)')
    >>> column_label("district", {"district": "District 所在镇街"}), column_label("note")
    ('所在镇街', 'note')
    """
    known = _column_labels().get(str(name))
    if known:
        return say(known["zh"], known["en"], lang, sep=" ")
    title = (titles or {}).get(str(name), "")
    zh = _chinese_part(title) if title else ""
    en = title.replace(zh, "").strip() if title else ""
    if lang == "zh":
        return zh or en or str(name)
    if lang == "en":
        return en or zh or str(name)
    return say(zh, en, lang, sep=" ") or str(name)


def field_titles(folder: Path) -> dict[str, str]:
    """Field name → ``title`` over every resource of a data package's ``datapackage.json`` (first one wins)."""
    import json

    descriptor = Path(folder) / "datapackage.json"
    if not descriptor.is_file():
        return {}
    titles: dict[str, str] = {}
    for resource in json.loads(descriptor.read_text(encoding="utf-8")).get("resources", []):
        for field in resource.get("schema", {}).get("fields", []):
            if field.get("title"):
                titles.setdefault(field["name"], field["title"])
    return titles
