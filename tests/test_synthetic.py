"""The seeded generator: deterministic, true to its recorded assumptions, and never speaking for a real organisation.

regenerate() is only ever run on copies of the bundled package (tmp folders), never on data/zhongshan_2023.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao_utils.loading import validate
from chanjiao_utils.synthetic import Assumptions, generate_rows, regenerate

from conftest import BUNDLED, copy_package, read_csv

REWRITTEN = ("organisations.csv", "partnerships.csv", "datapackage.json")


def attested_rows(folder: Path, file: str) -> list[dict[str, str]]:
    return [r for r in read_csv(folder / file) if r["provenance"] == "attested"]


def attested_lines(folder: Path, file: str) -> list[str]:
    """The attested rows as raw text lines (every attested row of the bundled CSVs is one line)."""
    lines = (folder / file).read_text(encoding="utf-8").splitlines()
    return [line for line in lines[1:] if ",attested," in line]


def bytes_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def attested_orgs() -> list[dict[str, str]]:
    return attested_rows(BUNDLED, "organisations.csv")


def test_regenerating_with_the_recorded_seed_reproduces_the_committed_files(tmp_path):
    """One command regenerates the bundled package: the synthetic rows are the generator's output, byte for byte."""
    copy = copy_package(tmp_path / BUNDLED.name)
    counts = regenerate(copy.folder)
    assert bytes_of(copy.folder) == bytes_of(BUNDLED)
    assert counts["attested organisations"] + counts["synthetic organisations"] == 85


def test_two_regenerations_with_the_same_seed_are_byte_identical(tmp_path):
    a = copy_package(tmp_path / "a" / BUNDLED.name)
    b = copy_package(tmp_path / "b" / BUNDLED.name)
    regenerate(a.folder, seed=7)
    regenerate(b.folder, seed=7)
    for file in REWRITTEN:
        assert (a.folder / file).read_bytes() == (b.folder / file).read_bytes(), file
    # and seed 7 is not the bundled seed, so something did change
    assert (a.folder / "partnerships.csv").read_bytes() != (BUNDLED / "partnerships.csv").read_bytes()


@pytest.fixture(scope="module")
def reseeded(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("reseeded") / BUNDLED.name
    copy_package(folder)
    regenerate(folder, seed=1)
    return folder


def test_another_seed_changes_the_synthetic_rows(reseeded):
    def synthetic(folder, file):
        return [r for r in read_csv(folder / file) if r["provenance"] == "synthetic"]

    assert synthetic(reseeded, "partnerships.csv") != synthetic(BUNDLED, "partnerships.csv")
    old = {r["id"]: r["council_tier"] for r in synthetic(BUNDLED, "organisations.csv")}
    new = {r["id"]: r["council_tier"] for r in synthetic(reseeded, "organisations.csv")}
    assert old.keys() == new.keys() and old != new


def test_another_seed_keeps_every_attested_row_verbatim(reseeded):
    for file in ("organisations.csv", "partnerships.csv"):
        before = attested_lines(BUNDLED, file)
        assert before, file
        lines = (reseeded / file).read_text(encoding="utf-8").splitlines()
        assert lines[1:1 + len(before)] == before, file
    # the tables the generator does not own are untouched
    for p in BUNDLED.glob("*.csv"):
        if p.name not in REWRITTEN:
            assert (reseeded / p.name).read_bytes() == p.read_bytes(), p.name


def test_another_seed_is_recorded_and_still_valid(reseeded):
    recorded = json.loads((reseeded / "datapackage.json").read_text(encoding="utf-8"))["chanjiao:synthetic"]
    assert recorded["assumptions"]["seed"] == 1
    ties = [r for r in read_csv(reseeded / "partnerships.csv") if r["provenance"] == "synthetic"]
    assert recorded["partnerships"] == len(ties)
    assert validate(reseeded) == []


@pytest.mark.parametrize("seed", [None, 1])
def test_counts_per_kind_and_tier_equal_the_assumptions(attested_orgs, seed):
    a = Assumptions() if seed is None else replace(Assumptions(), seed=seed)
    orgs, _ = generate_rows(attested_orgs, a)
    assert len(orgs) + len(attested_orgs) == a.members_total == 85
    assert Counter(o["kind"] for o in orgs) == Counter(a.kind_counts)
    assert Counter(o["council_tier"] for o in orgs) == Counter(a.tier_counts)


def test_changed_counts_are_honoured(attested_orgs):
    a = replace(Assumptions(), members_total=15,
                kind_counts={"leading_enterprise": 6, "higher_vocational_college": 4},
                tier_counts={"co_chair": 1, "vice_chair": 2, "council_member": 3, "member": 4})
    orgs, ties = generate_rows(attested_orgs, a)
    assert Counter(o["kind"] for o in orgs) == Counter({"leading_enterprise": 6, "higher_vocational_college": 4})
    assert Counter(o["council_tier"] for o in orgs) == Counter({"co_chair": 1, "vice_chair": 2,
                                                                 "council_member": 3, "member": 4})
    ids = {o["id"] for o in orgs}
    assert all(t["org_a"] in ids and t["org_b"] in ids for t in ties)


def test_synthetic_rows_never_touch_attested_organisations(attested_orgs):
    orgs, ties = generate_rows(attested_orgs, Assumptions())
    real = {o["id"] for o in attested_orgs}
    made = {o["id"] for o in orgs}
    assert ties and not real & made
    assert [t["id"] for t in ties if {t["org_a"], t["org_b"]} - made] == []
    assert {(o["provenance"], o["source_id"]) for o in orgs} == {("synthetic", "GEN")}
    assert {(t["provenance"], t["source_id"]) for t in ties} == {("synthetic", "GEN")}
    assert all(o["name_zh"].startswith("示例") and o["name_en"].startswith("Example") for o in orgs)


def test_assumptions_are_recorded_and_round_trip():
    descriptor = json.loads((BUNDLED / "datapackage.json").read_text(encoding="utf-8"))
    recorded = descriptor["chanjiao:synthetic"]
    assert recorded["source_id"] == "GEN"
    assert Assumptions.from_dict(recorded["assumptions"]) == Assumptions()  # the bundled data uses the defaults
    assert recorded["assumptions"]["seed"] == Assumptions().seed == 20231031


def test_changed_assumptions_round_trip_through_json():
    a = replace(Assumptions(), seed=5, since_missing_share=0.5, districts=("火炬开发区", "小榄镇"),
                area_probability={"enterprise|school": {2: 0.5, 11: 0.25}})
    back = Assumptions.from_dict(json.loads(json.dumps(a.as_dict(), ensure_ascii=False)))
    assert back == a
    assert back.area_probability == {"enterprise|school": {2: 0.5, 11: 0.25}}  # area codes are ints again


@pytest.mark.parametrize(("change", "words"), [
    ({"kind_counts": {"leading_enterprise": 79}}, "79 organisations by kind"),
    ({"tier_counts": {"co_chair": 4, "member": 70}}, "74 by tier"),
    ({"members_total": 90}, "leaves 85 to make"),
])
def test_inconsistent_assumptions_raise(attested_orgs, change, words):
    with pytest.raises(ValueError) as raised:
        generate_rows(attested_orgs, replace(Assumptions(), **change))
    assert words in str(raised.value)


def test_inconsistent_recorded_assumptions_leave_the_files_alone(tmp_path):
    copy = copy_package(tmp_path / BUNDLED.name)
    path = copy.path("datapackage.json")
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["chanjiao:synthetic"]["assumptions"]["members_total"] = 84
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    before = bytes_of(copy.folder)
    with pytest.raises(ValueError, match="84 members"):
        regenerate(copy.folder)
    assert bytes_of(copy.folder) == before


@settings(max_examples=10, deadline=None, derandomize=True, database=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_any_seed_gives_valid_rows(seed):
    attested = attested_rows(BUNDLED, "organisations.csv")
    orgs, ties = generate_rows(attested, replace(Assumptions(), seed=seed))
    assert [t["id"] for t in ties if t["org_a"] == t["org_b"]] == []
    keys = [(*sorted((t["org_a"], t["org_b"])), t["area"]) for t in ties]
    assert len(keys) == len(set(keys))
    real = {o["id"] for o in attested}
    assert not [t["id"] for t in ties if {t["org_a"], t["org_b"]} & real]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / BUNDLED.name
        shutil.copytree(BUNDLED, folder)
        regenerate(folder, seed=seed)
        assert validate(folder) == []
        written = [r for r in read_csv(folder / "partnerships.csv") if r["provenance"] == "synthetic"]
        assert written == ties  # what regenerate wrote is what generate_rows made


def test_recorded_command_names_the_bundled_folder(bundled):
    """The command written into datapackage.json regenerates this very package when run from the project."""
    from chanjiao_utils.paths import data_package

    command = json.loads((bundled / "datapackage.json").read_text(encoding="utf-8"))["chanjiao:synthetic"]["command"]
    assert command.startswith("chanjiao generate --data ")
    assert data_package(command.removeprefix("chanjiao generate --data ")) == bundled.resolve()


def test_attested_ids_that_clash_with_generated_ids_are_refused(attested_orgs):
    clashing = [*attested_orgs, {**attested_orgs[0], "id": "S003"}]
    with pytest.raises(ValueError, match="S003"):
        generate_rows(clashing, replace(Assumptions(), members_total=86))
