"""Writing files safely: the one place every command writes through.

The rules, for every command (``report``, ``import``, ``export-graph``, ``profiles``, ``generate-collection``):

* A file is written to a temporary name beside its target and renamed into place (:func:`atomic_write`), so
  a failed or killed run never leaves half a file.
* A folder is built whole in a staging folder beside its target and swapped in (:func:`replace_folder`). The
  target is replaced only when it is empty or holds a previous output of the same command, recognised by the
  marker file :data:`MARKER` that lists every file the command wrote with its SHA-256: a folder holding
  anything else (a file the command did not write, or one changed since) is refused, and so is a folder that
  holds an input of the run (:func:`check_folder_target`).
* An existing single file is replaced only when the command recognises it as its own earlier output, and
  never when it is an input (:func:`check_file_target`).
* Staging folders carry :data:`STAGING_MARKER` (command, process id, host); a later run of the same command
  removes those whose process is gone and says so (:func:`clean_stale`).
* Folders and files are created with the user's umask (``mkdtemp`` alone would make them private).
* Text a spreadsheet would evaluate as a formula gets a leading ``'`` in CSV (:func:`spreadsheet_text`) and
  is written as a string, never a formula, in XLSX (:func:`xlsx_text_cell`).

A refused output raises :class:`OutputError`, whose message names the path, what is in the way and what
to do; nothing is changed. The command line prints it and exits 1.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> atomic_write(folder / "a.txt", b"hello").read_bytes()
b'hello'
>>> spreadsheet_text('=HYPERLINK("http://x.example","点我")'), spreadsheet_text("-1+1"), spreadsheet_text("中山中专")
('\\'=HYPERLINK("http://x.example","点我")', "'-1+1", '中山中专')
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import socket
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

#: The marker a command leaves in an output folder it wrote: which command, and every file with its SHA-256.
MARKER = ".chanjiao-output.json"
#: The marker inside a staging folder: which command, process and host made it, and when.
STAGING_MARKER = ".chanjiao-staging.json"


class OutputError(Exception):
    """An output a command refuses to write; the message says which path, why, and what to do."""


# ----------------------------------------------------------------------------- permissions


def umask() -> int:
    """The process's umask, read without changing it where Linux says it (``/proc/self/status``)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)  # elsewhere: read it by setting it, and set it back at once
    os.umask(mask)
    return mask


def _give_umask_mode(path: Path, directory: bool) -> None:
    os.chmod(path, (0o777 if directory else 0o666) & ~umask())


# ----------------------------------------------------------------------------- single files


def atomic_write(path: str | os.PathLike[str], data: bytes | Callable[[BinaryIO], Any]) -> Path:
    """Write ``data`` (bytes, or a function that writes to the open file) to a temporary file beside ``path``,
    then rename it into place; the file gets the user's umask. Returns ``path``.

    Whatever fails (a full disk, Ctrl-C), the temporary file is removed and ``path`` is left as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(data, (bytes, bytearray, memoryview)):
                fh.write(data)
            else:
                data(fh)
        _give_umask_mode(Path(tmp), directory=False)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


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
    chanjiao_utils.files.OutputError: ...roster.xlsx is an input of this command: write the output to another file (nothing was written)
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


@contextlib.contextmanager
def staging_folder(parent: str | os.PathLike[str], name: str, command: str) -> Iterator[Path]:
    """A fresh folder beside the target ``parent / name`` to build an output in; removed on leaving, whatever
    happens (what was swapped into place by then stays). Marked with :data:`STAGING_MARKER`."""
    parent = Path(parent)
    parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=parent, prefix=f".{name}.{command}-partial-"))
    try:
        _give_umask_mode(folder, directory=True)
        record = {"command": f"chanjiao {command}", "pid": os.getpid(), "host": socket.gethostname(),
                  "started": time.time()}
        (folder / STAGING_MARKER).write_text(json.dumps(record) + "\n", encoding="utf-8")
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(parent: str | os.PathLike[str], name: str, command: str,
                log: Callable[[str], None] | None = print) -> list[Path]:
    """Remove staging folders of ``command`` for ``parent / name`` left by runs that were killed.

    Only folders named as :func:`staging_folder` names them, holding its marker for the same command, made on
    this host by a process that is gone, are removed; each is said through ``log``. Returns them.
    """
    parent = Path(parent)
    removed: list[Path] = []
    if not parent.is_dir():
        return removed
    host = socket.gethostname()
    for folder in sorted(parent.glob(f".{name}.{command}-partial-*")):
        try:
            record = json.loads((folder / STAGING_MARKER).read_text(encoding="utf-8"))
            stale = (not folder.is_symlink() and record["command"] == f"chanjiao {command}"
                     and record["host"] == host and not _alive(int(record["pid"])))
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if stale:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
            if log is not None:
                log(f"removed {folder}: left by an earlier `chanjiao {command}` run that was stopped")
    return removed


def replace_folder(built: Path, target: str | os.PathLike[str], command: str,
                   inputs: Iterable[str | os.PathLike[str]] = ()) -> Path:
    """Swap the folder ``built`` (inside a :func:`staging_folder`) into ``target``, marking it as ``command``'s.

    ``target`` is checked again just before (:func:`check_folder_target`); a previous output is moved aside
    to a fresh name and removed only after the new one is in place.
    """
    target = Path(target)
    inputs = list(inputs)
    write_marker(built, command)
    check_folder_target(target, command, inputs)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        os.rename(built, target)
        return target
    aside = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.{command}-old-"))
    os.rename(target, aside / target.name)
    try:
        os.rename(built, target)
    except BaseException:
        os.rename(aside / target.name, target)  # put the previous output back
        shutil.rmtree(aside, ignore_errors=True)
        raise
    shutil.rmtree(aside, ignore_errors=True)
    return target


# ----------------------------------------------------------------------------- spreadsheets

#: What a spreadsheet program takes as the start of a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: object) -> bool:
    """Whether Excel, LibreOffice or WPS would evaluate this text typed into a cell (after leading spaces).

    >>> [is_formula_like(v) for v in ("=1+1", "  @SUM(1)", "-1+1", "\\tx", "中山中专", -1, "")]
    [True, True, True, True, False, False, False]
    """
    return isinstance(value, str) and value.lstrip(" ")[:1] in FORMULA_STARTS and value.lstrip(" ") != ""


def spreadsheet_text(value: Any) -> Any:
    """``value`` as a CSV cell no spreadsheet evaluates: a leading ``'`` before text that starts like a formula
    (OWASP's rule), only there; numbers and other text are returned as they are."""
    return "'" + value if is_formula_like(value) else value


def xlsx_text_cell(cell: Any) -> Any:
    """Make an openpyxl cell holding formula-like text a plain string cell (never a formula), shown as typed,
    with Excel's quote prefix so editing it keeps it text. Returns the cell."""
    if is_formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def csv_bytes(frame: Any, *, index: bool, bom: bool = True) -> bytes:
    """A pandas table as CSV (UTF-8, with BOM for Excel by default), text cells and headers made safe with
    :func:`spreadsheet_text`; numeric columns are left as numbers."""
    import pandas as pd

    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]) and not pd.api.types.is_bool_dtype(safe[column]):
            safe[column] = safe[column].map(spreadsheet_text, na_action="ignore")
    safe.columns = [spreadsheet_text(c) if isinstance(c, str) else c for c in safe.columns]
    if index and isinstance(safe.index, pd.MultiIndex):
        safe.index = safe.index.set_levels([level if pd.api.types.is_numeric_dtype(level) else
                                            level.map(spreadsheet_text) for level in safe.index.levels])
    elif index and not pd.api.types.is_numeric_dtype(safe.index):
        safe.index = safe.index.map(spreadsheet_text)
    buf = io.StringIO()
    # CRLF, as RFC 4180 and Excel write it: a carriage return inside a cell is then quoted (with "\n" pandas
    # leaves it bare, and every reader splits the row there).
    safe.to_csv(buf, index=index, lineterminator="\r\n")
    return buf.getvalue().encode("utf-8-sig" if bom else "utf-8")


def is_our_xlsx(path: Path) -> bool:
    """Whether an existing ``.xlsx`` was written by chanjiao (its document properties name it as creator)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("docProps/core.xml")
            if info.file_size > 1 << 16:
                return False
            # openpyxl declares the dc namespace on the root, or on each element when there are several
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
