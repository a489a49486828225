"""Single files written atomically, with the user's umask.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> atomic_write(folder / "a.txt", b"hello").read_bytes()
b'hello'
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

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
