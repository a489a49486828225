"""The four places that name dependencies agree with each other.

* ``pyproject.toml``   -- version ranges: what the code needs ([project] dependencies + extras).
* ``requirements.in``  -- the same direct dependencies, one per line, with the reason.
* ``requirements-lock.txt`` -- exact ``==`` pins of the whole closure (``make lock``).
* ``environment.yml``  -- conda: the direct dependencies at the lock's exact versions.

No network; only the standard library (PyYAML, when importable, cross-checks the hand parser).
"""

from __future__ import annotations

import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
REQUIREMENTS_IN = ROOT / "requirements.in"
LOCK = ROOT / "requirements-lock.txt"
ENVIRONMENT_YML = ROOT / "environment.yml"

PYTHON_VERSION = "3.11"
# conda entries that are tools of the environment itself, not dependencies of the project.
CONDA_UNPINNED_OK = {"pip"}
# conda-forge packages whose name differs from the PyPI project name: {conda name: PyPI name}.
# Only these names are translated; every other conda entry must be spelled as on PyPI.
CONDA_TO_PYPI = {"python-igraph": "igraph"}

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def normalize(name: str) -> str:
    """PEP 503 normalised project name.

    >>> normalize("PyYAML"), normalize("pytest_xdist"), normalize("jupyter.core--x")
    ('pyyaml', 'pytest-xdist', 'jupyter-core-x')
    """
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(spec: str) -> str:
    """Project name of a PEP 508 requirement string.

    >>> requirement_name("zhplot>=1.0  # font only"), requirement_name("Foo_Bar[x] ; python_version<'4'")
    ('zhplot', 'foo-bar')
    """
    match = _NAME.match(spec)
    if not match:
        raise ValueError(f"cannot read a project name from {spec!r}")
    return normalize(match.group(1))


# --------------------------------------------------------------------------- parsers


def parse_requirements_in(path: Path = REQUIREMENTS_IN) -> dict[str, str]:
    """{normalised name: comment} for each requirement line."""
    out: dict[str, str] = {}
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line, _, comment = raw.partition("#")
        if not line.strip():
            continue
        if line.lstrip().startswith("-"):
            raise AssertionError(f"{path.name}:{lineno}: options are not expected here: {raw!r}")
        name = requirement_name(line)
        if name in out:
            raise AssertionError(f"{path.name}:{lineno}: {name} is listed twice")
        out[name] = comment.strip()
    return out


def lock_requirement_lines(path: Path = LOCK) -> list[tuple[int, str]]:
    """(line number, text) of each requirement line of the lock (no comments, options or blanks)."""
    lines = []
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip() or line.startswith(" "):  # blank, comment, or indented "# via" block
            continue
        lines.append((lineno, line))
    return lines


_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([A-Za-z0-9.+!_-]+)\s*(?:;.*)?(?:\\)?$")


def parse_lock(path: Path = LOCK) -> dict[str, str]:
    """{normalised name: exact version}; raises on any line that is not a ``name==version`` pin."""
    pins: dict[str, str] = {}
    bad = []
    for lineno, line in lock_requirement_lines(path):
        match = _PIN.match(line.strip())
        if not match:
            bad.append(f"  {path.name}:{lineno}: {line!r}")
            continue
        name = normalize(match.group(1))
        if name in pins and pins[name] != match.group(2):
            bad.append(f"  {path.name}:{lineno}: {name} pinned twice ({pins[name]}, {match.group(2)})")
        pins[name] = match.group(2)
    if bad:
        raise AssertionError("lines of the lock that are not exact `name==version` pins:\n" + "\n".join(bad))
    return pins


def parse_environment_yml(path: Path = ENVIRONMENT_YML) -> dict:
    """Hand parser for the small subset of YAML that environment.yml uses.

    Returns {"name": str, "channels": [str], "dependencies": [str | {"pip": [str]}]}, like yaml.safe_load.
    """
    result: dict = {}
    key = None
    pip_list: list[str] | None = None
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        # Drop comments: a '#' at the start or after whitespace (none of our values contain '#').
        line = re.sub(r"(^|\s)#.*$", "", raw).rstrip()
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        text = line.strip()
        if indent == 0:
            k, sep, value = text.partition(":")
            if not sep:
                raise AssertionError(f"{path.name}:{lineno}: expected `key: value`, got {raw!r}")
            key, value = k.strip(), value.strip()
            result[key] = value if value else []
            pip_list = None
            continue
        if not text.startswith("- "):
            raise AssertionError(f"{path.name}:{lineno}: expected a `- item`, got {raw!r}")
        item = text[2:].strip()
        if key is None or not isinstance(result.get(key), list):
            raise AssertionError(f"{path.name}:{lineno}: list item outside a list: {raw!r}")
        if pip_list is not None and indent > pip_indent:
            pip_list.append(item)
            continue
        pip_list = None
        if item == "pip:":
            pip_list = []
            pip_indent = indent
            result[key].append({"pip": pip_list})
        else:
            result[key].append(item)
    return result


def split_environment(env: dict) -> tuple[dict[str, str | None], dict[str, str | None], list[str]]:
    """(conda {name: version or None}, pip {name: version or None}, other pip lines such as `-e .`)."""
    conda: dict[str, str | None] = {}
    pip: dict[str, str | None] = {}
    other: list[str] = []
    for entry in env.get("dependencies") or []:
        if isinstance(entry, dict):
            for line in entry.get("pip") or []:
                if line.startswith("-"):
                    other.append(line)
                    continue
                name, sep, version = line.partition("==")
                pip[normalize(name.strip())] = version.strip() if sep else None
            continue
        # conda match spec: name, name=version, name==version, name version
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:==?|\s)\s*(\S+)?$", entry) or re.match(
            r"^([A-Za-z0-9][A-Za-z0-9._-]*)$", entry
        )
        if not match:
            raise AssertionError(f"environment.yml: cannot read conda entry {entry!r}")
        groups = match.groups()
        name = normalize(groups[0])
        if name in CONDA_TO_PYPI.values():  # e.g. conda-forge `igraph` is the C library, not the Python package
            raise AssertionError(f"environment.yml: conda entry {entry!r} must use the conda-forge name "
                                 f"{next(k for k, v in CONDA_TO_PYPI.items() if v == name)!r}")
        conda[CONDA_TO_PYPI.get(name, name)] = groups[1] if len(groups) > 1 else None
    return conda, pip, other


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def lock() -> dict[str, str]:
    return parse_lock()


@pytest.fixture(scope="module")
def direct() -> dict[str, str]:
    return parse_requirements_in()


@pytest.fixture(scope="module")
def env() -> dict:
    return parse_environment_yml()


# --------------------------------------------------------------------------- tests


def test_lock_pins_every_line_exactly():
    lines = lock_requirement_lines()
    assert lines, "requirements-lock.txt has no requirement lines"
    not_pinned = [f"  line {n}: {text!r}" for n, text in lines if not _PIN.match(text.strip())]
    assert not not_pinned, (
        "every requirement in requirements-lock.txt must be an exact `name==version` pin "
        "(regenerate with `make lock`):\n" + "\n".join(not_pinned)
    )


def test_lock_says_how_to_regenerate():
    head = "\n".join(LOCK.read_text(encoding="utf-8").splitlines()[:12])
    assert "make lock" in head, "requirements-lock.txt header must say it is regenerated with `make lock`"


def test_lock_has_no_machine_specific_options():
    options = [text for _, text in lock_requirement_lines() if text.lstrip().startswith("-")]
    assert not options, f"requirements-lock.txt must not carry index/find-links options: {options}"


def test_every_direct_dependency_is_in_the_lock(direct, lock):
    missing = sorted(set(direct) - set(lock))
    assert not missing, f"in requirements.in but not pinned in requirements-lock.txt: {missing} (run `make lock`)"


def test_every_direct_dependency_has_a_reason(direct):
    bare = sorted(name for name, comment in direct.items() if not comment)
    assert not bare, f"requirements.in lines need a `# reason` comment: {bare}"


def test_pyproject_and_requirements_in_list_the_same_dependencies(direct):
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    declared: dict[str, str] = {requirement_name(s): "[project] dependencies" for s in project.get("dependencies", [])}
    for extra, specs in project.get("optional-dependencies", {}).items():
        for spec in specs:
            declared.setdefault(requirement_name(spec), f"extra [{extra}]")
    not_in_requirements = sorted(f"{name} ({where})" for name, where in declared.items() if name not in direct)
    assert not not_in_requirements, f"in pyproject.toml but missing from requirements.in: {not_in_requirements}"
    not_in_pyproject = sorted(set(direct) - set(declared))
    assert not not_in_pyproject, f"in requirements.in but not declared in pyproject.toml: {not_in_pyproject}"


def test_environment_python_is_the_locked_python(env):
    conda, _, _ = split_environment(env)
    assert "python" in conda, "environment.yml must list python"
    assert conda["python"] == PYTHON_VERSION, (
        f"environment.yml has python={conda['python']}, but requirements-lock.txt is for Python {PYTHON_VERSION}"
    )


def test_environment_name_and_channels(env):
    assert env.get("name") == "chanjiao", f"environment.yml name is {env.get('name')!r}, expected 'chanjiao'"
    assert env.get("channels") == ["conda-forge", "nodefaults"], (
        f"environment.yml channels are {env.get('channels')}, expected only conda-forge (and nodefaults)"
    )


def test_environment_pins_match_the_lock(env, lock):
    conda, pip, _ = split_environment(env)
    problems = []
    for section, entries in (("conda", conda), ("pip", pip)):
        for name, version in sorted(entries.items()):
            if name == "python" or (section == "conda" and name in CONDA_UNPINNED_OK):
                continue
            if version is None:
                problems.append(f"  {section}: {name} has no version (the lock has {lock.get(name, 'none')})")
            elif name not in lock:
                problems.append(f"  {section}: {name} {version} is not in requirements-lock.txt")
            elif version != lock[name]:
                op = "==" if section == "pip" else "="
                problems.append(
                    f"  {section}: {name}{op}{version} but requirements-lock.txt pins {name}=={lock[name]}"
                )
    assert not problems, "environment.yml disagrees with requirements-lock.txt:\n" + "\n".join(problems)


def test_environment_lists_every_direct_dependency(env, direct):
    conda, pip, _ = split_environment(env)
    both = set(conda) & set(pip)
    assert not both, f"listed in both the conda and the pip section of environment.yml: {sorted(both)}"
    missing = sorted(set(direct) - set(conda) - set(pip))
    assert not missing, f"in requirements.in but missing from environment.yml: {missing}"


def test_environment_installs_the_package_editable(env):
    _, _, other = split_environment(env)
    assert "-e ." in other, "environment.yml pip section must install the project itself with `-e .`"


def test_hand_parser_agrees_with_yaml():
    yaml = pytest.importorskip("yaml")
    with ENVIRONMENT_YML.open(encoding="utf-8") as f:
        loaded = yaml.safe_load(f)
    assert loaded == parse_environment_yml(), "environment.yml: hand parser and PyYAML disagree"


def test_running_environment_has_the_locked_direct_dependencies(direct, lock):
    """The interpreter running the tests has the lock's versions of the direct dependencies.

    nbval reference outputs are only comparable inside the pinned environment.
    """
    wrong = []
    for name in sorted(direct):
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            wrong.append(f"  {name}: not installed (lock: {lock.get(name)})")
            continue
        if name in lock and installed != lock[name]:
            wrong.append(f"  {name}: {installed} installed, lock pins {lock[name]}")
    assert not wrong, (
        f"{sys.prefix} does not match requirements-lock.txt (run `make venv`, or run the tests with "
        ".venv/bin/python):\n" + "\n".join(wrong)
    )


def test_a_wheel_carries_every_subpackage():
    """`packages = ["chanjiao_utils"]` once built wheels without measures/: every folder with an __init__.py is found."""
    import tomllib

    from setuptools import find_packages

    from chanjiao_utils import paths

    config = tomllib.loads((paths.PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    include = config["tool"]["setuptools"]["packages"]["find"]["include"]
    found = set(find_packages(str(paths.PROJECT_ROOT), include=include))
    on_disk = {".".join(p.parent.relative_to(paths.PROJECT_ROOT).parts)
               for p in (paths.PROJECT_ROOT / "chanjiao_utils").rglob("__init__.py")}
    assert on_disk and on_disk == found
