"""Atomic, no-clobber file writing for everything referral_ai saves.

Every output goes through :func:`atomic_write`: the bytes are written to a private temporary file in the
destination's own directory, flushed and fsync'ed, then moved into place in one step. A reader never sees
a half-written file, a crash never leaves a truncated output, and an existing file is never replaced unless
the caller asked for it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from referral_ai.errors import OutputExistsError

__all__ = ["atomic_write", "move_into_place"]


def _umask() -> int:
    # os.umask can only be read by setting it; restore immediately.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(path: str | os.PathLike[str], data: bytes, *, overwrite: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically and return the path.

    The data goes to a temporary file (created with ``O_EXCL``) in the same directory, is fsync'ed (so
    the moved file is never empty after a crash), and is then moved into place. Without ``overwrite`` an existing ``path`` raises :class:`OutputExistsError` and is
    left untouched; the final move is itself no-clobber (a hard link, which fails if the name appeared in
    the meantime), so a file created concurrently is never replaced either. With ``overwrite`` the move is an
    ``os.replace``. On any failure the temporary file is removed. The parent directory must exist. The new
    file gets the usual permissions (``0o666`` minus the umask).
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"atomic_write needs bytes, not {type(data).__name__}")
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(str(target))
    if not overwrite and os.path.lexists(target):
        raise OutputExistsError(str(target))
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        move_into_place(tmp, target, overwrite=overwrite)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    return target


def move_into_place(tmp: Path, target: Path, *, overwrite: bool = False) -> None:
    """Move the finished file ``tmp`` to ``target`` (same filesystem) in one step.

    With ``overwrite`` this is ``os.replace``. Without it, an existing ``target`` raises
    :class:`OutputExistsError` and is left untouched, checked atomically where the OS allows (a hard
    link fails if the name exists, even one that appeared a moment ago).
    """
    if overwrite:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise OutputExistsError(str(target)) from None
    except OSError:
        # Filesystems without hard links (some network / FAT mounts): best effort check, then rename.
        if os.path.lexists(target):
            raise OutputExistsError(str(target)) from None
        os.replace(tmp, target)
        return
    tmp.unlink()
