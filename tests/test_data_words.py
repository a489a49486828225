"""Words figures take from the data package: the sources' English titles and publishers (sources.csv
``title_en``, ``publisher_en``) and the areas' short names (areas.csv ``short_zh``, ``short_en``).

The four columns are optional: a package without them (a user's older package, or one made by an older
``chanjiao import``) loads, and figures fall back to the words as written. Expected words are typed here
from the bundled CSV files, not taken from the code's output.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from chanjiao_utils import figure_text as ft
from chanjiao_utils import measures, plotting
from chanjiao_utils.loading import load, validate
from conftest import BUNDLED, copy_package, read_csv

CJK = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]")
NEW_COLUMNS = {"sources": ["title_en", "publisher_en"], "areas": ["short_zh", "short_en"]}
AREA_NAMES_EN = ["Co-building industry colleges", "Workplace internships", "Order-based training programmes",
                 "Chinese-style apprenticeship programmes", "Real industry projects in the classroom",
                 "Co-building practical training bases", "Writing new-form textbooks",
                 "Training skilled workers for enterprises", "Enterprise staff teaching technical courses at the school",
                 "Enterprise placements for school teachers",
                 "Mutual part-time appointments of school and enterprise staff",
                 "Joint research or technical services with enterprises"]


def older_package(dest: Path) -> Path:
    """A copy of the bundled package as it was before the optional columns: no ``title_en``, ``publisher_en``,
    ``short_zh``, ``short_en`` in the CSV files or their schemas."""
    package = copy_package(dest)
    descriptor = json.loads(package.path("datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        dropped = NEW_COLUMNS.get(resource["name"], [])
        resource["schema"]["fields"] = [f for f in resource["schema"]["fields"] if f["name"] not in dropped]
        if dropped:
            rows = package._read(resource["path"])
            keep = [i for i, name in enumerate(rows[0]) if name not in dropped]
            package._write(resource["path"], [[row[i] for i in keep] for row in rows])
    package.path("datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n",
                                                encoding="utf-8")
    return dest


@pytest.fixture(scope="module")
def older(tmp_path_factory):
    return load(older_package(tmp_path_factory.mktemp("older") / "zhongshan_2023"))


# ----------------------------------------------------------------------------- the bundled package

def test_bundled_sources_and_areas_carry_the_english_and_short_words():
    sources = {r["id"]: r for r in read_csv(BUNDLED / "sources.csv")}
    assert sources["S01"]["publisher_en"] == "Zhongshan Torch Zone News"
    assert sources["S02"]["publisher_en"] == "General Office of the Ministry of Education"
    assert sources["S01"]["title_en"] == "Zhongshan's first city-level industry–education consortium is founded"
    assert "(Jiao Zhi Cheng Ting Han [2023] No. 15)" in sources["S02"]["title_en"]
    for row in sources.values():
        assert not CJK.search(row["title_en"] + row["publisher_en"]), row["id"]
        if CJK.search(row["title"] + row["publisher"]):
            assert row["title_en"] and row["publisher_en"], row["id"]  # Chinese words have English beside them
    areas = read_csv(BUNDLED / "areas.csv")
    assert [(r["short_zh"], r["short_en"]) for r in areas][8] == ("企业教师任教", "Company teachers")
    assert all(r["short_zh"] and r["short_en"] for r in areas)


def test_the_new_fields_are_documented_optional_strings_in_the_schema():
    descriptor = json.loads((BUNDLED / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        fields = {f["name"]: f for f in resource["schema"]["fields"]}
        with (BUNDLED / resource["path"]).open(encoding="utf-8", newline="") as fh:
            assert next(csv.reader(fh)) == list(fields), resource["name"]  # header = schema, in order
        for name in NEW_COLUMNS.get(resource["name"], []):
            field = fields[name]
            assert field["type"] == "string" and field["title"] and field["description"], name
            assert not field.get("constraints", {}).get("required", False), name
            assert name in resource["description"], name  # the table's description says they are optional
    assert validate(BUNDLED) == []


def test_every_english_event_of_the_bundled_timeline_is_wholly_english():
    events = measures.timeline(load())
    assert len(events) == 4
    for what in events["what_en"]:
        assert not CJK.search(what), what
    assert "Zhongshan Torch Zone News reports the founding" in events["what_en"].tolist()


def test_english_words_of_every_figure_are_wholly_english():
    """Title, subtitle, note, source line and notice of every figure in English, for the bundled data (with a
    reference consortium, as notebook 08 draws it)."""
    consortium = load()
    for figure_id in ft.figure_ids():
        text = ft.figure_text(figure_id, consortium, "en", reference=consortium)
        words = (text.title, text.subtitle, text.note, text.source, text.notice)
        assert not any(CJK.search(w) for w in words), (figure_id, words)


def test_publisher_says_each_name_once_and_never_a_missing_one():
    assert ft.publisher({"publisher": "chanjiao", "publisher_en": "chanjiao"}, "both") == "chanjiao"
    assert ft.publisher({"publisher": "教育部办公厅", "publisher_en": None}, "both") == "教育部办公厅"
    assert ft.publisher({"publisher": "中山火炬发布", "publisher_en": "Zhongshan Torch Zone News"}, "both") == \
        "中山火炬发布 Zhongshan Torch Zone News"


# ----------------------------------------------------------------------------- a package without the columns

def test_a_package_without_the_optional_columns_loads(older):
    assert validate(older.folder) == []
    assert "publisher_en" not in older.sources.columns and "title_en" not in older.sources.columns
    assert "short_zh" not in older.areas.columns and "short_en" not in older.areas.columns


def test_without_publisher_en_english_figures_show_the_publisher_as_written(older):
    en = ft.figure_text("01_timeline", older, "en")
    assert en.source == "中山火炬发布, 2023-11-02; 教育部办公厅, 2023-04-18"
    assert ft.figure_text("01_timeline", older, "zh").source == "中山火炬发布，2023-11-02；教育部办公厅，2023-04-18"
    assert ft.figure_text("02_network_map", older, "both").source == \
        "中山火炬发布, 2023-11-02; 合成数据为示意生成 synthetic rows generated for illustration"


def test_without_short_names_axis_labels_are_the_full_names(older):
    assert plotting.area_labels(older.areas, "en", short=True) == dict(enumerate(AREA_NAMES_EN, start=1))
    zh = plotting.area_labels(older.areas, "zh", short=True)
    assert zh[9] == "学校聘请企业教师任教部分技术技能课程" and zh[2] == "岗位实习"
    assert plotting.area_labels(older.areas, "en") == plotting.area_labels(load().areas, "en")  # numbered: unchanged


def test_an_empty_cell_falls_back_for_that_row_only(package_copy):
    package_copy.set("areas.csv", 3, "short_en", "")        # area 2
    package_copy.set("sources.csv", 3, "publisher_en", "")  # S02
    consortium = load(package_copy.folder)
    short = plotting.area_labels(consortium.areas, "en", short=True)
    assert short[2] == "Workplace internships" and short[9] == "Company teachers"
    assert plotting.area_labels(consortium.areas, "zh", short=True)[2] == "岗位实习"
    assert ft.figure_text("01_timeline", consortium, "en").source == \
        "Zhongshan Torch Zone News, 2023-11-02; 教育部办公厅, 2023-04-18"
