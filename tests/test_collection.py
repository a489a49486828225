"""A collection of consortia: loading and its rules, one consortium out of it, profiles in parallel (joblib, Dask)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from chanjiao_utils import collection as collection_module
from chanjiao_utils.collection import Collection, load_collection, profiles, standing
from chanjiao_utils.loading import DataPackageError, load
from chanjiao_utils.measures.profile import consortium_profile
from chanjiao_utils.synthetic import CollectionAssumptions, generate_collection, write_collection

from conftest import PackageCopy

SMALL = CollectionAssumptions(consortia=5, organisations=400, partnerships=3_000)


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("collection") / "five"
    write_collection(folder, SMALL)
    return folder


@pytest.fixture(scope="module")
def collection(written) -> Collection:
    return load_collection(written)


def damaged(written: Path, tmp_path: Path) -> PackageCopy:
    shutil.copytree(written, tmp_path / "copy")
    return PackageCopy(tmp_path / "copy")


def test_loading_a_written_collection_gives_the_generated_tables(collection):
    tables = generate_collection(SMALL)
    assert collection.consortium_ids == sorted(tables["consortia"]["id"])
    assert list(collection.whole.organisations.index) == list(tables["organisations"]["id"])
    assert list(collection.whole.partnerships.index) == list(tables["partnerships"]["id"])
    assert len(collection.memberships) == len(tables["memberships"])


def test_from_tables_types_the_tables_as_loading_does(collection):
    direct = Collection.from_tables(generate_collection(SMALL))
    pd.testing.assert_frame_equal(direct.whole.partnerships, collection.whole.partnerships)
    pd.testing.assert_frame_equal(direct.whole.organisations, collection.whole.organisations)
    pd.testing.assert_frame_equal(direct.memberships, collection.memberships)
    pd.testing.assert_frame_equal(direct.consortia, collection.consortia)


def test_one_consortium_holds_its_members_with_their_roles_there_and_its_ties(collection):
    members = collection.memberships
    for cid in collection.consortium_ids:
        one = collection.consortium(cid)
        mine = members[members["consortium_id"] == cid].set_index("organisation_id")
        assert sorted(one.organisations.index) == sorted(mine.index) == list(one.organisations.index)
        assert (one.organisations["lead_role"] == mine.loc[one.organisations.index, "lead_role"]).all()
        ties = collection.whole.partnerships
        assert list(one.partnerships.index) == list(ties.index[ties["consortium_id"] == cid])
        assert set(one.partnerships["org_a"]) | set(one.partnerships["org_b"]) <= set(one.organisations.index)
        assert one.title == collection.consortia.loc[cid, "name_zh"]


def test_a_shared_organisation_is_in_each_of_its_consortia(collection):
    per_org = collection.memberships.groupby("organisation_id")["consortium_id"].apply(list)
    shared = per_org[per_org.map(len) > 1]
    assert len(shared)
    org, where = shared.index[0], shared.iloc[0]
    assert all(org in collection.consortium(cid).organisations.index for cid in where)


def test_an_unknown_consortium_is_a_clear_error(collection):
    with pytest.raises(KeyError, match="no consortium 'C999'"):
        collection.consortium("C999")


def test_a_tie_to_a_non_member_names_file_row_column_and_value(written, tmp_path):
    copy = damaged(written, tmp_path)
    rows = copy.rows("partnerships.csv")
    outsider = next(m["organisation_id"] for m in copy.rows("memberships.csv") if m["consortium_id"] != rows[0]["consortium_id"]
                    and m["organisation_id"] not in {r["organisation_id"] for r in copy.rows("memberships.csv")
                                                     if r["consortium_id"] == rows[0]["consortium_id"]})
    copy.set("partnerships.csv", 2, "org_b", outsider)
    with pytest.raises(DataPackageError) as caught:
        load_collection(copy.folder)
    [problem] = caught.value.problems
    assert (problem.file, problem.row, problem.column, problem.value) == ("partnerships.csv", 2, "org_b", outsider)
    assert problem.expected == f"a member of consortium {rows[0]['consortium_id']} (memberships.csv)"


def test_a_membership_of_an_unknown_consortium_is_reported(written, tmp_path):
    copy = damaged(written, tmp_path)
    copy.set("memberships.csv", 3, "consortium_id", "C999")
    with pytest.raises(DataPackageError) as caught:
        load_collection(copy.folder)
    assert any(p.file == "memberships.csv" and p.row == 3 and p.column == "consortium_id" and p.value == "C999"
               for p in caught.value.problems), caught.value


def test_a_collection_cannot_name_a_file_outside_its_folder(written, tmp_path, capsys):
    """load_collection goes through the same checks as load: a symbolic link out of the folder is refused unread."""
    import os
    import uuid

    from chanjiao_utils import cli

    marker = f"MARKER-{uuid.uuid4().hex}"
    outside = tmp_path / "outside.csv"
    header = (written / "memberships.csv").read_text(encoding="utf-8").split("\n", 1)[0]
    outside.write_text(header + "\n" + ",".join([marker] * len(header.split(","))) + "\n", encoding="utf-8")
    copy = damaged(written, tmp_path)
    copy.path("memberships.csv").unlink()
    os.symlink(outside, copy.path("memberships.csv"))
    with pytest.raises(DataPackageError) as caught:
        load_collection(copy.folder)
    [problem] = caught.value.problems
    assert (problem.file, problem.value) == ("datapackage.json", "memberships.csv")
    assert problem.expected == ("a file inside the package folder; this path leads outside it through a symbolic link "
                                "(the path of resource memberships)")
    assert cli.main(["profiles", str(copy.folder)]) == 1
    said = capsys.readouterr()
    assert str(problem) in said.err and "Traceback" not in said.err
    assert marker not in str(caught.value) + said.out + said.err


def test_a_consortium_package_is_not_a_collection():
    with pytest.raises(DataPackageError) as caught:
        load_collection(None)  # the bundled Zhongshan package
    assert {p.value for p in caught.value.problems} == {"consortia", "memberships"}
    assert "collection" in str(caught.value)


def test_profiles_have_a_row_per_consortium_equal_to_the_profile_of_each(collection):
    table = profiles(collection, n_jobs=1)
    assert list(table.index) == collection.consortium_ids
    for cid in collection.consortium_ids[:2]:
        one = consortium_profile(collection.consortium(cid))
        pd.testing.assert_series_equal(table.loc[cid, one.columns], one.iloc[0], check_names=False)
    assert (table["name_zh"] == collection.consortia.loc[table.index, "name_zh"]).all()


def test_profiles_do_not_depend_on_the_number_of_workers(collection):
    pd.testing.assert_frame_equal(profiles(collection, n_jobs=1), profiles(collection, n_jobs=2))


def test_auto_jobs_work_in_this_process_for_a_small_collection_and_on_every_core_for_a_large_one(collection,
                                                                                            monkeypatch):
    assert len(collection.whole.partnerships) < collection_module.PARALLEL_FROM_PARTNERSHIPS
    assert collection_module._jobs(collection, "auto") == 1
    monkeypatch.setattr(collection_module, "PARALLEL_FROM_PARTNERSHIPS", len(collection.whole.partnerships))
    assert collection_module._jobs(collection, "auto") == -1
    assert [collection_module._jobs(collection, n) for n in (1, 2, -1, None)] == [1, 2, -1, None]


def test_auto_jobs_leave_the_choice_to_an_enclosing_parallel_config(collection):
    import joblib

    with joblib.parallel_config(backend="threading"):
        assert collection_module._jobs(collection, "auto") is None
        table = profiles(collection)
    with joblib.parallel_config(n_jobs=2):
        assert collection_module._jobs(collection, "auto") is None
    pd.testing.assert_frame_equal(table, profiles(collection, n_jobs=1))


@pytest.mark.slow
def test_profiles_run_unchanged_on_a_local_dask_cluster(collection):
    """joblib's Dask backend: the same call, on a cluster of two worker processes, gives the same table."""
    distributed = pytest.importorskip("distributed", reason="the optional [dask] extra is not installed")
    import joblib

    expected = profiles(collection, n_jobs=1)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        with joblib.parallel_config(backend="dask"), distributed.get_task_stream(client) as tasks:
            table = profiles(collection)  # the default n_jobs="auto" leaves the work to the Dask backend
        assert len(client.scheduler_info()["workers"]) == 2
        assert tasks.data, "no task ran on the cluster"
    pd.testing.assert_frame_equal(table, expected)


def test_profiles_of_an_empty_collection_is_an_empty_table():
    empty = Collection.from_tables({name: t.iloc[0:0] for name, t in generate_collection(SMALL).items()})
    table = profiles(empty, n_jobs=1)
    assert table.empty and "density" in table.columns


def test_standing_counts_ties_half_and_leaves_out_missing_values():
    table = pd.DataFrame({"density": [0.1, 0.2, 0.2, 0.4, None], "name_zh": list("abcde")})
    position = standing(table, pd.DataFrame({"density": [0.2], "name_zh": ["x"]}))
    assert list(position.index) == ["density"], "text columns are left out"
    row = position.loc["density"]
    assert row["percentile"] == pytest.approx(100 * (1 + 2 / 2) / 4)
    assert row["median"] == pytest.approx(0.2) and row["q1"] == pytest.approx(0.175) and row["q3"] == pytest.approx(0.25)


def test_the_bundled_consortium_can_be_the_reference(collection):
    table = profiles(collection, n_jobs=1)
    reference = consortium_profile(load())
    position = standing(table, reference)
    assert position.loc["organisations", "reference"] == 85
    assert 0 <= position["percentile"].min() and position["percentile"].max() <= 100


def test_a_generated_collection_records_the_assumptions_it_was_made_from():
    collection = Collection.from_tables(generate_collection(SMALL), SMALL)
    recorded = collection.whole.synthetic_assumptions()
    assert recorded["assumptions"]["consortia"] == SMALL.consortia == len(collection.consortia)
    assert recorded["partnerships"] == len(collection.whole.partnerships)


def test_counts_recount_the_tables(collection):
    counts = collection.counts()["rows"]
    members = collection.memberships
    assert counts["consortia"] == collection.consortia.shape[0] == SMALL.consortia
    assert counts["memberships"] == len(members)
    assert counts["organisations in several consortia"] == \
        len({o for o in members["organisation_id"] if (members["organisation_id"] == o).sum() > 1}) > 0
    assert counts["partnerships"] == len(collection.whole.partnerships)
