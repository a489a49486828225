"""Every path the project uses, derived from where the package lives.

No notebook or module spells out a path of its own: they ask this module.
Every function that reads data takes the data package folder as an argument,
so the same code runs on the bundled dataset and on a researcher's own.

>>> bundled_data().name
'zhongshan_2023'
>>> (bundled_data() / "datapackage.json").is_file()
True
"""

from __future__ import annotations

import os
from pathlib import Path

#: The repository checkout (the folder holding ``pyproject.toml``).
PROJECT_ROOT: Path = Path(__file__).resolve().parent.parent
#: Data packages, one folder each.
DATA_DIR: Path = PROJECT_ROOT / "data"
#: The research notebooks, numbered in reading order.
NOTEBOOKS_DIR: Path = PROJECT_ROOT / "notebooks"
#: Where ``make report`` writes; git ignores it.
REPORTS_DIR: Path = PROJECT_ROOT / "reports"

#: The dataset the notebooks use unless told otherwise.
BUNDLED_DATASET = "zhongshan_2023"

#: Environment variables that redirect input and output (set by ``chanjiao report``).
DATA_ENV = "CHANJIAO_DATA"
OUT_ENV = "CHANJIAO_OUT"


def bundled_data() -> Path:
    """The bundled Zhongshan 2023 data package folder."""
    return DATA_DIR / BUNDLED_DATASET


def data_package(data: str | os.PathLike[str] | None = None) -> Path:
    """Resolve a data package folder: the argument, else ``$CHANJIAO_DATA``, else the bundled one.

    A path to a ``datapackage.json`` file is accepted too and gives its folder.

    >>> data_package("data/zhongshan_2023").name
    'zhongshan_2023'
    """
    chosen = data if data is not None else os.environ.get(DATA_ENV) or bundled_data()
    path = Path(chosen).expanduser()
    if path.name == "datapackage.json":
        path = path.parent
    if not path.is_absolute():
        path = (Path.cwd() / path) if (Path.cwd() / path).exists() else (PROJECT_ROOT / path)
    return path.resolve()


def output_dir(data: str | os.PathLike[str] | None = None, out: str | os.PathLike[str] | None = None) -> Path:
    """Folder for one dataset's figures and tables: ``<out>/<dataset name>``.

    ``out`` defaults to ``$CHANJIAO_OUT``, else ``reports/``. The folder is not created here.

    >>> output_dir(out="/tmp/reports").as_posix()
    '/tmp/reports/zhongshan_2023'
    """
    base = Path(out if out is not None else os.environ.get(OUT_ENV) or REPORTS_DIR).expanduser().resolve()
    return base / data_package(data).name


def figures_dir(data: str | os.PathLike[str] | None = None, out: str | os.PathLike[str] | None = None) -> Path:
    """Where figures of one dataset go: ``<out>/<dataset>/figures``."""
    return output_dir(data, out) / "figures"


def tables_dir(data: str | os.PathLike[str] | None = None, out: str | os.PathLike[str] | None = None) -> Path:
    """Where tables of one dataset go: ``<out>/<dataset>/tables``."""
    return output_dir(data, out) / "tables"


def notebooks() -> list[Path]:
    """The numbered notebooks, in reading order.

    >>> [p.name for p in notebooks()][:1]
    ['01_consortium_at_a_glance.ipynb']
    """
    return sorted(p for p in NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))


def font_file() -> Path:
    """The TrueType Noto Sans SC font shipped in the ``zhplot`` wheel, found without importing zhplot.

    Importing zhplot changes matplotlib's settings, so only its package folder is looked up.
    """
    from importlib.util import find_spec

    spec = find_spec("zhplot")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("The zhplot package (which carries the Noto Sans SC font) is not installed; run `make`.")
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / "NotoSansSC-Regular.ttf"
    if not path.is_file():
        raise FileNotFoundError(f"Noto Sans SC font not found at {path}")
    return path
