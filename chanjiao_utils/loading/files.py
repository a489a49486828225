"""The table files a data package names: only regular CSV files inside its folder are read.

Each resource ``path`` must be one relative path written with ``/`` (no ``..``, no URL, no drive or
backslash) to a ``.csv`` file that, symbolic links followed, lies inside the package folder, is a
regular file (a folder, named pipe or device is refused from :func:`os.stat` and never opened) and
has at most :data:`RESOURCE_MAX_BYTES`. A refused path is one :class:`Problem` naming it as written;
nothing of its file is read.
"""

from __future__ import annotations

import io
import os
import re
import stat
import warnings
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from .problems import Problem

DESCRIPTOR = "datapackage.json"
#: The largest table file read (2 GiB, far more than any consortium needs; checked before reading).
RESOURCE_MAX_BYTES = 2 * 2**30
_DRIVE = re.compile(r"^[A-Za-z]:")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class Refused(Exception):
    """A file that may not be read; ``expected`` says, in words, what would be read."""

    def __init__(self, expected: str):
        super().__init__(expected)
        self.expected = expected


def _size(n: int) -> str:
    """A number of bytes in words.

    >>> _size(2 * 2**30), _size(16 * 2**20), _size(300)
    ('2 GiB', '16 MiB', '300 bytes')
    """
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}"
    return f"{n} bytes"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "something else"


def _regular_file(folder: Path, written: str, limit: int) -> Path | None:
    """The file ``written`` (relative to ``folder``) names, symbolic links followed; None if there is none.

    Raises :class:`Refused` for a path leading outside the folder, anything but a regular file, or a file
    over ``limit`` bytes; it looks with :func:`os.stat` only and opens nothing.
    """
    try:
        resolved = (folder / written).resolve()
    except (OSError, RuntimeError, ValueError):  # a symbolic link loop, a name the system refuses
        raise Refused("a path the system can follow; this one loops or cannot be resolved") from None
    if not resolved.is_relative_to(folder.resolve()):
        raise Refused("a file inside the package folder; this path leads outside it through a symbolic link")
    try:
        info = os.stat(resolved)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise Refused(f"a file that can be looked at: {getattr(exc, 'strerror', None) or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise Refused(f"a regular file, not {_kind(info.st_mode)}")
    if info.st_size > limit:
        raise Refused(f"a file of at most {_size(limit)}; this one has {_size(info.st_size)}")
    return resolved


def _read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path`` (resolved), checked again once it is open, at most ``limit``."""
    flags = os.O_RDONLY
    for name in ("O_NONBLOCK", "O_NOFOLLOW", "O_NOCTTY", "O_BINARY"):
        flags |= getattr(os, name, 0)
    with os.fdopen(os.open(path, flags), "rb") as fh:  # swapped for a pipe or link since it was looked at: refused
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise Refused(f"a regular file, not {_kind(info.st_mode)}")
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise Refused(f"a file of at most {_size(limit)}")
    return data


def _path_refused(written: str) -> str | None:
    """What a resource path should be, if it may not be followed as written; None if it may.

    >>> _path_refused("organisations.csv") is None, _path_refused("../x.csv")
    (True, 'a path that stays inside the package folder, without ..')
    """
    if not written:
        return "a file name, not an empty path"
    if _CONTROL.search(written):
        return "a file name without control characters"
    if "\\" in written or _DRIVE.match(written):
        return "a path relative to the package folder, written with / and without a drive letter"
    if _SCHEME.match(written):
        return "a file in the package folder, not a URL: nothing is downloaded"
    if PurePosixPath(written).is_absolute():
        return "a path relative to the package folder, not an absolute path"
    if ".." in PurePosixPath(written).parts:
        return "a path that stays inside the package folder, without .."
    if not written.lower().endswith(".csv"):
        return "the name of a CSV file, ending in .csv"
    return None


def _resource_file(folder: Path, written: str) -> Path | None:
    """The file a resource path names (None if there is none); :class:`Refused` if it may not be read."""
    refused = _path_refused(written)
    if refused:
        raise Refused(refused)
    return _regular_file(folder, written, RESOURCE_MAX_BYTES)


def _resource_bytes(folder: Path, written: str) -> bytes:
    """The bytes of the file a resource path names; :class:`Refused` if it may not be read or is missing."""
    path = _resource_file(folder, written)
    if path is None:
        raise Refused("a file that exists")
    return _read_regular(path, RESOURCE_MAX_BYTES)


def _shown(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _read_resources(folder: Path, descriptor: dict[str, Any]) -> tuple[dict[str, bytes], list[Problem]]:
    """The bytes of every resource file that exists and may be read, by resource name; one problem per refused path.

    A missing file is left for frictionless to report. ``descriptor`` has passed :func:`_structure_problems`.
    """
    data: dict[str, bytes] = {}
    problems: list[Problem] = []
    for resource in descriptor["resources"]:
        written = resource["path"]
        try:
            path = _resource_file(folder, written)
            if path is not None:
                data[resource["name"]] = _read_regular(path, RESOURCE_MAX_BYTES)
        except (Refused, OSError) as exc:
            expected = exc.expected if isinstance(exc, Refused) else f"a file that can be read: {exc.strerror}"
            problems.append(Problem(DESCRIPTOR, None, None, _shown(written),
                                    f"{expected} (the path of resource {_shown(resource['name'], 40)})"))
    return data, problems


def _raw_tables(folder: Path, descriptor: dict[str, Any]) -> dict[str, pd.DataFrame]:
    """The tables (every cell as text) of the resource files that exist and may be read, by resource name."""
    return {name: _read_raw(data) for name, data in _read_resources(folder, descriptor)[0].items()}


def _read_raw(source: Path | bytes) -> pd.DataFrame:
    """A CSV file's cells as text, under its header's names; a damaged file is read as well as it can be.

    ``source`` is the file's bytes, or a path (read only if it is a regular file). Frictionless reports the damage
    (bytes that are not UTF-8, a row longer or shorter than the header, an empty file); the rules a
    schema cannot say still see every row: a long row keeps its first cells, a short one ends in empty cells.
    """
    if not isinstance(source, bytes):
        path = Path(source).absolute()
        found = _regular_file(path.parent, path.name, RESOURCE_MAX_BYTES)
        if found is None:
            raise FileNotFoundError(path)
        source = _read_regular(found, RESOURCE_MAX_BYTES)
    data = source
    options: dict[str, Any] = {"dtype": str, "keep_default_na": False, "encoding": "utf-8",
                               "encoding_errors": "replace", "index_col": False}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pd.errors.ParserWarning)
        try:
            return pd.read_csv(io.BytesIO(data), **options)  # a short row ends in "" (not NA) in this reader
        except pd.errors.EmptyDataError:
            return pd.DataFrame()
        except pd.errors.ParserError:  # a row longer than the header, not at the end of the file
            return pd.read_csv(io.BytesIO(data), engine="python", on_bad_lines=lambda cells: cells,
                               **options).fillna("")
