"""Figure text is metadata: every figure has words in both languages, a source line and an honest notice."""

from __future__ import annotations

import tomllib

import pytest

from chanjiao_utils import figure_text as ft
from chanjiao_utils.loading import load
from conftest import org_row, read_csv, tie_row


def test_every_figure_has_a_chinese_and_english_title_and_known_tables():
    entries = tomllib.loads(ft.METADATA_FILE.read_text(encoding="utf-8"))
    assert entries, "no figure text"
    for figure_id, entry in entries.items():
        if "same_as" in entry:
            continue  # checked below
        assert entry["title"]["zh"] and entry["title"]["en"], figure_id
        for key in ("subtitle", "note"):
            if key in entry:
                assert set(entry[key]) == {"zh", "en"}, (figure_id, key)
        assert set(entry.get("rests_on", [])) <= {"organisations", "partnerships", "events"}, figure_id


@pytest.mark.parametrize("lang, title", [("zh", "合作网络"), ("en", "Partnership network"),
                                         ("both", "合作网络 · Partnership network")])
def test_language_switch(lang, title):
    text = ft.figure_text("02_network_map", load(), lang)
    assert text.title == title
    assert ("示意数据" in text.notice) == (lang in ("zh", "both"))
    assert ("Illustrative" in text.notice) == (lang in ("en", "both"))


def test_notice_counts_the_synthetic_rows_of_the_bundled_data():
    text = ft.figure_text("02_network_map", load(), "en")
    # 80 of 85 organisations and 199 of 200 partnerships are synthetic (tests/test_data.py proves the counts).
    assert text.notice == "Illustrative: 80 of 85 members and 199 of 200 partnerships are synthetic"
    assert text.synthetic_share == round((80 + 199) / (85 + 200), 4)
    assert text.source == "Zhongshan Torch Zone News, 2023-11-02; synthetic rows generated for illustration"


def test_a_roster_without_synthetic_rows_gets_no_notice_and_its_own_source(small_package):
    orgs = [org_row("O1", provenance="attested", source_id="S01"), org_row("O2", provenance="attested", source_id="S01")]
    ties = [tie_row("P1", "O1", "O2", 2, provenance="attested", source_id="S01")]
    consortium = load(small_package(orgs, ties).folder)
    text = ft.figure_text("02_network_map", consortium, "both")
    assert text.notice == ""
    assert text.synthetic_share == 0.0
    assert text.source == "中山火炬发布 Zhongshan Torch Zone News, 2023-11-02"


def test_notice_counts_agree_with_the_provenance_table(small_package):
    """The notice's counts (it runs for every figure): as Consortium.provenance_counts gives them, and recounted
    from each table's CSV file with the csv module."""
    orgs = [org_row("O1", provenance="attested", source_id="S01"), org_row("O2"), org_row("O3")]
    ties = [tie_row("P1", "O1", "O2", 2, provenance="attested", source_id="S01"), tie_row("P2", "O2", "O3", 3)]
    for consortium in (load(), load(small_package(orgs, ties).folder)):
        table = consortium.provenance_counts()
        tables = tuple(table.index)
        assert ft._counts(consortium, tables) == [(t, table.loc[t, "synthetic"], table.loc[t, "total"]) for t in tables]
        files = {r["name"]: r["path"] for r in consortium.descriptor["resources"]}
        recount = []
        for t in tables:
            rows = read_csv(consortium.folder / files[t])
            recount.append((t, sum(r["provenance"] == "synthetic" for r in rows), len(rows)))
        assert ft._counts(consortium, tables) == recount


def test_events_rest_on_their_sources_only():
    text = ft.figure_text("01_timeline", load(), "en")
    assert text.notice == ""
    assert text.source == "Zhongshan Torch Zone News, 2023-11-02; General Office of the Ministry of Education, 2023-04-18"
    assert ft.figure_text("01_timeline", load(), "zh").source == "中山火炬发布，2023-11-02；教育部办公厅，2023-04-18"


def test_unknown_figure_and_language_are_refused():
    with pytest.raises(KeyError, match="02_network_map"):
        ft.figure_text("99_nothing", load())
    with pytest.raises(ValueError, match="zh, en, both"):
        ft.say("中", "en", "fr")  # type: ignore[arg-type]


def test_same_as_reuses_another_figures_words_under_its_own_id():
    entries = tomllib.loads(ft.METADATA_FILE.read_text(encoding="utf-8"))
    aliases = {k: v["same_as"] for k, v in entries.items() if "same_as" in v}
    assert aliases, "notebook 07 reuses the words of 01-06"
    consortium = load()
    for alias, target in aliases.items():
        assert target in entries and "same_as" not in entries[target], alias
        for lang in ("zh", "en"):
            mine, theirs = ft.figure_text(alias, consortium, lang), ft.figure_text(target, consortium, lang)
            assert mine.id == alias and mine.lang == lang
            assert (mine.title, mine.subtitle, mine.source, mine.notice) == \
                (theirs.title, theirs.subtitle, theirs.source, theirs.notice)


def test_same_as_must_point_at_words(monkeypatch):
    monkeypatch.setattr(ft, "_entries", lambda: {"a": {"same_as": "b"}, "b": {"same_as": "c"}})
    with pytest.raises(KeyError, match="no words of its own"):
        ft.entry("a")


@pytest.mark.parametrize("name", ["degree", "name_zh", "reachable_pairs_lost", "liaison"])
def test_column_labels_have_chinese_and_english(name):
    zh, en = ft.column_label(name, lang="zh"), ft.column_label(name, lang="en")
    assert zh != name and en != name and zh != en
    assert any(ord(ch) > 0x2E7F for ch in zh) and not any(ord(ch) > 0x2E7F for ch in en)


def test_a_reference_consortium_adds_its_sources_and_its_notice(small_package):
    """Notebook 08 marks one consortium among a collection: the figure cites both and says what is synthetic."""
    orgs = [org_row("O1", provenance="attested", source_id="S01"), org_row("O2", provenance="attested", source_id="S01")]
    ties = [tie_row("P1", "O1", "O2", 2, provenance="attested", source_id="S01")]
    real = load(small_package(orgs, ties).folder)
    bundled = load()
    text = ft.figure_text("08_size_density", bundled, "en", reference=real)
    assert text.source.endswith("; reference consortium: Zhongshan Torch Zone News, 2023-11-02")
    assert text.note == "" and text.notice.startswith("Illustrative: 80 of 85")
    marked = ft.figure_text("08_size_density", real, "zh", reference=bundled)
    assert marked.notice == "" and marked.note == "参照联合体 · 示意数据：85家成员单位中80家、200条合作关系中199条为合成数据"
    assert marked.source.endswith("；参照联合体：中山火炬发布，2023-11-02；合成数据为示意生成")


def test_notice_says_all_when_every_row_is_synthetic(small_package):
    orgs = [org_row("O1"), org_row("O2")]
    ties = [tie_row("P1", "O1", "O2", 2, provenance="attested", source_id="S01")]
    consortium = load(small_package(orgs, ties).folder)
    assert ft.synthetic_notice(consortium, lang="en") == "Illustrative: all 2 members are synthetic"
    assert ft.synthetic_notice(consortium, lang="zh") == "示意数据：2家成员单位全部为合成数据"


def test_no_source_line_carries_ids_or_program_names(small_package):
    """Source lines are for readers: no source ids, no generator or dataset names, English wholly English."""
    import re

    for figure_id in ft.figure_ids():
        for lang in ("zh", "en"):
            text = ft.figure_text(figure_id, load(), lang, reference=load())
            assert not re.search(r"\((S\d+|GEN|R\d+)\)|chanjiao|zhongshan_2023", text.source + text.note), (figure_id, text)
            if lang == "en":
                assert not re.search(r"[\u2e80-\u9fff]", text.source + text.note + text.notice), (figure_id, text)
