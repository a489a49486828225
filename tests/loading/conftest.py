"""Fixtures of the loading tests: an editable copy of the bundled package, checked; a big valid package."""

from __future__ import annotations

import pytest

from conftest import PackageCopy

from .helpers import ORGS, TIES, big_package


@pytest.fixture
def pkg(package_copy):
    """The editable copy, after checking the row numbers these tests rely on."""
    assert len(package_copy.rows(ORGS)) == 85 and len(package_copy.rows(TIES)) == 200
    assert package_copy.get(ORGS, 2, "name_zh") == "中山市中等专业学校"
    assert package_copy.get(ORGS, 8, "id") == "S002" and package_copy.get(ORGS, 8, "kind") == "government_body"
    assert [package_copy.get(TIES, 3, c) for c in ("id", "org_a", "org_b", "area")] == ["PS0001", "S001", "S019", "6"]
    return package_copy


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> PackageCopy:
    """The bundled package plus 2,000 organisations and 20,000 ties, all valid (:func:`big_package`)."""
    return big_package(tmp_path_factory.mktemp("big") / "big", 2_000, 20_000)
