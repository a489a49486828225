"""The seeded generator: deterministic, true to its recorded assumptions, and never speaking for a real organisation.

regenerate() is only ever run on copies of the bundled package (tmp folders), never on data/zhongshan_2023.
"""

from __future__ import annotations

import json
import os
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


# ----------------------------------------------------------------------------- a collection of consortia

SMALL = dict(consortia=6, organisations=600, partnerships=5_000)


@pytest.fixture(scope="module")
def collection_tables():
    from chanjiao_utils.synthetic import CollectionAssumptions, generate_collection

    return generate_collection(CollectionAssumptions(**SMALL))


def test_collection_has_the_asked_numbers_of_consortia_and_organisations(collection_tables):
    assert len(collection_tables["consortia"]) == SMALL["consortia"]
    assert len(collection_tables["organisations"]) == SMALL["organisations"]
    assert collection_tables["organisations"]["id"].is_unique and collection_tables["organisations"]["name_zh"].is_unique
    rows = len(collection_tables["partnerships"])
    assert abs(rows - SMALL["partnerships"]) < 0.1 * SMALL["partnerships"], rows


def test_collection_is_seeded():
    from chanjiao_utils.synthetic import CollectionAssumptions, generate_collection

    first, again = generate_collection(CollectionAssumptions(**SMALL)), generate_collection(CollectionAssumptions(**SMALL))
    assert all(first[name].equals(again[name]) for name in first)
    other = generate_collection(CollectionAssumptions(**SMALL, seed=7))
    assert not first["partnerships"].equals(other["partnerships"])


def test_collection_rows_are_all_synthetic_and_fictitious(collection_tables):
    for name, table in collection_tables.items():
        assert set(table["provenance"]) == {"synthetic"} and set(table["source_id"]) == {"GEN"}, name
    assert collection_tables["organisations"]["name_zh"].str.startswith("示例").all()
    assert collection_tables["organisations"]["name_en"].str.startswith("Example").all()
    assert collection_tables["consortia"]["name_zh"].str.startswith("示例").all()


def test_every_consortium_has_its_lead_units_and_some_members_are_shared(collection_tables):
    members = collection_tables["memberships"]
    roles = members.groupby("consortium_id")["lead_role"].value_counts().unstack(fill_value=0)
    assert (roles["lead_school"] == 1).all() and (roles["park"] == 1).all() and (roles["lead_enterprise"] == 3).all()
    kinds = collection_tables["organisations"].set_index("id")["kind"]
    schools = members.loc[members["lead_role"] == "lead_school", "organisation_id"]
    assert set(kinds[schools]) == {"secondary_vocational_school"}
    per_org = members.groupby("organisation_id").size()
    assert (per_org > 1).any(), "some organisations belong to several consortia"
    assert set(per_org.index) == set(collection_tables["organisations"]["id"]), "every organisation is a member"
    assert not members.duplicated(["consortium_id", "organisation_id"]).any()


def test_every_tie_joins_two_members_of_its_consortium_once_per_area(collection_tables):
    ties, members = collection_tables["partnerships"], collection_tables["memberships"]
    member = set(zip(members["consortium_id"], members["organisation_id"]))
    assert all((c, a) in member and (c, b) in member for c, a, b in zip(ties["consortium_id"], ties["org_a"], ties["org_b"]))
    assert (ties["org_a"] < ties["org_b"]).all()
    assert not ties.duplicated(["org_a", "org_b", "area"]).any()
    assert set(ties["area"].astype(int)) <= set(range(1, 13))


def test_collection_dates_lie_in_the_assumed_span_and_some_are_missing(collection_tables):
    from chanjiao_utils.synthetic import CollectionAssumptions

    a = CollectionAssumptions(**SMALL)
    since = collection_tables["partnerships"]["since"]
    stated = since[since != ""]
    assert stated.str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert a.since_first <= stated.min() and stated.max() <= a.since_last
    assert abs((since == "").mean() - a.since_missing_share) < 0.05
    assert stated.nunique() > 100  # drawn per tie, not one date for all


def test_partnerships_are_listed_consortium_by_consortium(collection_tables):
    ties = collection_tables["partnerships"]
    assert ties["consortium_id"].is_monotonic_increasing and ties["id"].is_monotonic_increasing


def test_smaller_consortia_come_out_denser_on_average():
    """Sizes vary and ties scale with members, so density falls with size (what notebook 08 reads)."""
    from chanjiao_utils.synthetic import CollectionAssumptions, generate_collection

    tables = generate_collection(CollectionAssumptions(consortia=30, organisations=3_000, partnerships=30_000))
    size = tables["memberships"].groupby("consortium_id").size()
    ties = tables["partnerships"].drop_duplicates(["org_a", "org_b"]).groupby("consortium_id").size()
    density = ties / (size * (size - 1) / 2)
    assert size.max() > 1.5 * size.min()
    assert size.rank().corr(density.rank()) < 0  # Spearman


def test_too_few_organisations_for_the_consortia_is_refused():
    from chanjiao_utils.synthetic import CollectionAssumptions, generate_collection

    with pytest.raises(ValueError, match="cannot make 10 consortia"):
        generate_collection(CollectionAssumptions(consortia=10, organisations=50, partnerships=100))


def test_written_collection_is_a_valid_data_package_and_byte_identical(tmp_path):
    from chanjiao_utils.synthetic import CollectionAssumptions, write_collection

    a = CollectionAssumptions(**SMALL)
    counts = write_collection(tmp_path / "one", a)
    write_collection(tmp_path / "two", a)
    assert counts["consortia"] == SMALL["consortia"]
    assert validate(tmp_path / "one") == []
    assert bytes_of(tmp_path / "one") == bytes_of(tmp_path / "two")
    recorded = json.loads((tmp_path / "one" / "datapackage.json").read_text(encoding="utf-8"))["chanjiao:synthetic"]
    assert recorded["assumptions"]["seed"] == a.seed and recorded["partnerships"] == counts["partnerships"]


def test_writing_a_collection_refuses_an_existing_folder_and_leaves_nothing_on_failure(tmp_path, monkeypatch):
    from chanjiao_utils import synthetic

    (tmp_path / "taken").mkdir()
    with pytest.raises(FileExistsError):
        synthetic.write_collection(tmp_path / "taken", synthetic.CollectionAssumptions(**SMALL))

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(os, "replace", broken)  # fails after every file is written to the staging folder
    with pytest.raises(RuntimeError):
        synthetic.write_collection(tmp_path / "new", synthetic.CollectionAssumptions(**SMALL))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"], "no half-written folder is left"
