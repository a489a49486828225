"""Output folders built whole in a staging folder and swapped in; staging folders of killed runs removed."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .atomic import _give_umask_mode
from .targets import check_folder_target, write_marker

#: The marker inside a staging folder: which command, process and host made it, and when.
STAGING_MARKER = ".chanjiao-staging.json"


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
