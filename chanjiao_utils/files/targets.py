"""What an output may replace: inputs never, folders only when wholly our earlier output (:data:`MARKER`),
single files only when recognised as ours (:func:`is_our_office_file`, :func:`starts_with`).

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> check_folder_target(folder / "new", "report") == folder / "new"
True
>>> _ = (folder / "notes.txt").write_text("mine")
>>> check_folder_target(folder, "report")
Traceback (most recent call last):
...
chanjiao_utils.files.targets.OutputError: ...it holds notes.txt. Choose another output folder, or move those files away (nothing was changed).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .atomic import atomic_write

#: The marker a command leaves in an output folder it wrote: which command, and every file with its SHA-256.
MARKER = ".chanjiao-output.json"


class OutputError(Exception):
    """An output a command refuses to write; the message says which path, why, and what to do."""


# ----------------------------------------------------------------------------- single files


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def check_file_target(path: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]] = (), *,
                      ours: Callable[[Path], bool] | None = None, what: str = "output") -> Path:
    """Refuse to write ``path`` when it is an input, a folder, a link, or an existing file that ``ours`` does
    not recognise as this command's earlier output. Returns ``path``; raises :class:`OutputError`.

    >>> import tempfile
    >>> roster = Path(tempfile.mkdtemp()) / "roster.xlsx"; _ = roster.write_bytes(b"x")
    >>> check_file_target(roster, [roster])
    Traceback (most recent call last):
    ...
    chanjiao_utils.files.targets.OutputError: ...roster.xlsx is an input of this command: write the output to another file (nothing was written)
    """
    path = Path(path)
    for item in inputs:
        if _same_file(path, Path(item)):
            raise OutputError(f"{path} is an input of this command: write the {what} to another file "
                              "(nothing was written)")
    if path.is_symlink():
        raise OutputError(f"{path} is a link: give the {what} a plain file name (nothing was written)")
    if path.is_dir():
        raise OutputError(f"{path} is a folder: give the {what} a file name, e.g. {path / 'out'} (nothing was written)")
    if path.parent.exists() and not path.parent.is_dir():
        raise OutputError(f"{path.parent} is a file, not a folder: choose another place for the {what} "
                          "(nothing was written)")
    if path.exists() and (ours is None or not ours(path)):
        raise OutputError(f"{path} exists and was not written by chanjiao: remove it yourself or choose another "
                          f"file name for the {what} (nothing was written)")
    return path

def is_our_office_file(path: Path) -> bool:
    """Whether an existing ``.xlsx`` or ``.docx`` was written by chanjiao (its document properties name it as
    creator)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("docProps/core.xml")
            if info.file_size > 1 << 16:
                return False
            # With or without lxml, openpyxl and python-docx spell the element differently (namespace inline or not).
            return re.search(rb"<dc:creator(?:\s[^>]*)?>chanjiao</dc:creator>", zf.read(info)) is not None
    except (OSError, KeyError, zipfile.BadZipFile):
        return False


def starts_with(signature: bytes) -> Callable[[Path], bool]:
    """A recogniser for :func:`check_file_target`: the file's first bytes are ``signature``."""
    def ours(path: Path) -> bool:
        try:
            with path.open("rb") as fh:
                return fh.read(len(signature)) == signature
        except OSError:
            return False
    return ours


def regular_file(path: Path) -> bool:
    """Whether ``path`` is a regular file (following links), found without opening it."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


# ----------------------------------------------------------------------------- folders


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _contents(folder: Path) -> Iterator[Path]:
    """Every file, link and folder below ``folder`` (links are not followed)."""
    for root, dirs, files in os.walk(folder):
        for name in sorted(dirs + files):
            yield Path(root) / name


def write_marker(folder: Path, command: str) -> Path:
    """List every file below ``folder`` with its SHA-256 in :data:`MARKER`, saying ``command`` wrote them."""
    files = {p.relative_to(folder).as_posix(): _digest(p)
             for p in _contents(folder) if p.is_file() and not p.is_symlink() and p.name != MARKER}
    text = json.dumps({"command": f"chanjiao {command}", "files": dict(sorted(files.items()))},
                      ensure_ascii=False, indent=1) + "\n"
    return atomic_write(folder / MARKER, text.encode("utf-8"))


def _not_ours(folder: Path, command: str) -> list[str]:
    """What in ``folder`` a run of ``command`` did not write (or changed since); ``[]`` when all of it is ours."""
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
        listed = marker["files"] if marker.get("command") == f"chanjiao {command}" else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        listed = None
    found = [p for p in _contents(folder) if p.name != MARKER or p.parent != folder]
    if not found:
        return []
    if listed is None or not isinstance(listed, dict):
        return [p.relative_to(folder).as_posix() for p in found if not p.is_dir() or p.is_symlink()] or \
            ["empty folders"]
    strange = []
    for p in found:
        rel = p.relative_to(folder).as_posix()
        if p.is_symlink() or (not p.is_dir() and not p.is_file()):
            strange.append(rel)
        elif p.is_file() and rel not in listed:
            strange.append(rel)
        elif p.is_file() and _digest(p) != listed[rel]:
            strange.append(f"{rel} (changed since it was written)")
    return strange


def check_folder_target(target: str | os.PathLike[str], command: str,
                        inputs: Iterable[str | os.PathLike[str]] = ()) -> Path:
    """Refuse to replace ``target`` unless it is absent, empty, or wholly a previous output of ``command``.

    It is refused too when it is, or holds, one of ``inputs`` (the data package, the roster), when it is a
    link or a file, or when it sits inside a file. Returns ``target``; raises :class:`OutputError`.
    """
    target = Path(target)
    resolved = target.resolve()
    for item in inputs:
        item = Path(item).resolve()
        if item == resolved or item.is_relative_to(resolved):
            raise OutputError(f"{target} holds an input of this run ({item}): replacing it would delete it. "
                              "Choose another output folder (nothing was changed).")
    for parent in [target, *target.parents]:
        if parent.is_symlink() and parent == target:
            raise OutputError(f"{target} is a link: give a plain folder as output (nothing was changed)")
        if parent.exists() and not parent.is_dir():
            raise OutputError(f"{parent} is a file, not a folder: choose another output folder (nothing was changed)")
        if parent.exists():
            break
    if not target.exists():
        return target
    strange = _not_ours(target, command)
    if strange:
        shown = ", ".join(strange[:5]) + (f" and {len(strange) - 5} more" if len(strange) > 5 else "")
        raise OutputError(f"{target} is not empty and not (wholly) an earlier output of `chanjiao {command}`: it holds "
                          f"{shown}. Choose another output folder, or move those files away (nothing was changed).")
    return target
