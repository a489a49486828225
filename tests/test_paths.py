"""Every path comes from chanjiao_utils.paths."""

from __future__ import annotations

import re

from chanjiao_utils import paths


def test_project_layout():
    for name in ("pyproject.toml", "README.md", "Makefile"):
        assert (paths.PROJECT_ROOT / name).is_file(), name
    assert (paths.bundled_data() / "datapackage.json").is_file()


def test_data_package_resolution(tmp_path, monkeypatch):
    monkeypatch.delenv(paths.DATA_ENV, raising=False)
    assert paths.data_package() == paths.bundled_data()
    assert paths.data_package(paths.bundled_data() / "datapackage.json") == paths.bundled_data()
    monkeypatch.setenv(paths.DATA_ENV, str(tmp_path))
    assert paths.data_package() == tmp_path.resolve()
    assert paths.data_package(paths.bundled_data()) == paths.bundled_data()  # an argument beats the variable


def test_relative_paths_resolve_from_cwd_or_project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert paths.data_package("data/zhongshan_2023") == paths.bundled_data()
    (tmp_path / "mine").mkdir()
    assert paths.data_package("mine") == (tmp_path / "mine").resolve()


def test_output_folders(tmp_path, monkeypatch):
    monkeypatch.delenv(paths.OUT_ENV, raising=False)
    monkeypatch.delenv(paths.DATA_ENV, raising=False)
    assert paths.output_dir() == paths.REPORTS_DIR / "zhongshan_2023"
    monkeypatch.setenv(paths.OUT_ENV, str(tmp_path))
    assert paths.figures_dir() == tmp_path / "zhongshan_2023" / "figures"
    assert paths.tables_dir(out=tmp_path / "x") == tmp_path / "x" / "zhongshan_2023" / "tables"


def test_notebooks_are_numbered_in_reading_order():
    names = [p.name for p in paths.notebooks()]
    assert names, "no notebooks found"
    numbers = [int(re.match(r"(\d\d)_", n).group(1)) for n in names]
    assert numbers == list(range(1, len(names) + 1)), names


def test_font_file_is_the_truetype_noto_sans_sc():
    path = paths.font_file()
    assert path.name == "NotoSansSC-Regular.ttf"
    assert path.read_bytes()[:4] == b"\x00\x01\x00\x00"  # TrueType outlines, not CFF ("OTTO")
