"""Write a set of documents into a folder so that an interruption leaves the old set or the new one.

The CLI builds every document of a run in a hidden staging folder inside the output folder
(``.referral-ai-XXXX``), then :func:`commit` moves the set into place:

1. ``.manifest.json`` lists the staged names (everything is staged by then);
2. with ``overwrite``, the files being replaced are moved aside into the staging folder's ``.old/``;
3. the new files are moved in (no-clobber without ``overwrite``);
4. ``.done`` is written, then the staging folder (and the replaced files) is deleted.

SIGINT and SIGTERM are held during steps 2-4 (they take effect right after), and any exception
before ``.done`` rolls back: new files out, old files back. A run killed outright (SIGKILL, power
cut for the order of renames) leaves its staging folder behind; the next run into the same folder
finds it with :func:`recover` — its ``.lock`` is no longer held by a live process — and finishes
the job the same way: a set that reached ``.done`` is kept, anything earlier is rolled back to the
old set. Staging folders of runs still alive (lock held) are left alone.

OS errors become one-line :class:`~referral_ai.errors.OutputError` s (:func:`output_error`).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from referral_ai.errors import OutputError
from referral_ai.files import move_into_place

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no cross-process recovery, own cleanup only
    fcntl = None  # type: ignore[assignment]

__all__ = ["PREFIX", "commit", "output_error", "prepare_folder", "recover", "staged"]

PREFIX = ".referral-ai-"
_LOCK, _MANIFEST, _DONE, _OLD = ".lock", ".manifest.json", ".done", ".old"
#: a staging folder without a lock file is only taken for stale after this long (its run may have
#: been killed between creating it and locking it, or may be about to lock it)
_UNLOCKED_GRACE = 60.0
_HELD = {signal.SIGINT, signal.SIGTERM}


def _checkpoint(step: str) -> None:
    """Called at each step of a write ("staging", "staged", "aside", "moved", "done"); a no-op.

    Tests replace it (in a subprocess) to stop a run at a known point and kill it there.
    """


# --------------------------------------------------------------------------- errors

_REASONS = {
    errno.EEXIST: "it is a file, not a folder",
    errno.ENOTDIR: "part of the path is a file, not a folder",
    errno.EISDIR: "a folder is in the way",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.ENAMETOOLONG: "a file or folder name is too long",
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.ELOOP: "too many symbolic links",
}


def output_error(exc: OSError, out_dir: Path | str) -> OutputError:
    """A one-line :class:`OutputError` for an OS error met while writing into ``out_dir``."""
    reason = _REASONS.get(exc.errno or 0) or (exc.strerror or type(exc).__name__).lower()
    return OutputError(
        f"cannot write the output here: {reason}; nothing was written (choose another --out)",
        path=str(out_dir),
    )


# --------------------------------------------------------------------------- signals


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Delay SIGINT / SIGTERM until the block ends (main thread on POSIX; else a no-op)."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


# --------------------------------------------------------------------------- staging folders


def _lock(folder: Path) -> int | None:
    """Create and hold ``folder/.lock`` (held until the process ends or :func:`_unlock`)."""
    fd = os.open(folder / _LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


def _unlock(fd: int | None) -> None:
    if fd is not None:
        with contextlib.suppress(OSError):
            os.close(fd)


def prepare_folder(out_dir: Path) -> None:
    """Create the output folder ``out_dir`` if needed; any problem is a one-line OutputError."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        if not out_dir.is_dir():  # a symlink to a file, say
            raise FileExistsError(errno.EEXIST, "not a folder", str(out_dir))
    except OSError as exc:
        raise output_error(exc, out_dir) from None


@contextlib.contextmanager
def staged(out_dir: Path) -> Iterator[Path]:
    """Create ``out_dir`` if needed, recover stale staging folders in it, and yield a new locked
    staging folder there; it is removed on exit, however the block ends."""
    prepare_folder(out_dir)
    try:
        recover(out_dir)
        folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=out_dir))
    except OSError as exc:
        raise output_error(exc, out_dir) from None
    fd: int | None = None
    try:
        fd = _lock(folder)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        _unlock(fd)


def _is_stale(folder: Path) -> tuple[bool, int | None]:
    """(stale?, the lock fd now held by us to keep it while recovering)."""
    try:
        fd = os.open(folder / _LOCK, os.O_RDWR)
    except FileNotFoundError:
        try:
            age = time.time() - folder.stat().st_mtime
        except OSError:
            return False, None
        return age > _UNLOCKED_GRACE, None
    if fcntl is None:  # pragma: no cover - cannot tell a live run from a dead one
        os.close(fd)
        return False, None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return False, None
    return True, fd


def recover(out_dir: Path) -> list[Path]:
    """Finish or roll back the writes of killed runs into ``out_dir``; return the folders removed.

    A staging folder whose run reached ``.done`` is deleted (its new set is in place); any other
    stale one is rolled back first (its moved-in files removed, the files it moved aside put back).
    Folders of runs still alive are skipped.
    """
    removed: list[Path] = []
    for folder in sorted(out_dir.glob(PREFIX + "*")):
        if not folder.is_dir() or folder.is_symlink():
            continue
        stale, fd = _is_stale(folder)
        if not stale:
            continue
        try:
            with _signals_held():
                if not (folder / _DONE).exists():
                    _roll_back(folder, out_dir)
                shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
        finally:
            _unlock(fd)
    return removed


def _roll_back(folder: Path, out_dir: Path) -> None:
    """Undo a commit that did not reach ``.done``: remove what it moved in, restore what it moved aside."""
    try:
        names = json.loads((folder / _MANIFEST).read_text(encoding="utf-8"))["names"]
    except (OSError, ValueError, KeyError, TypeError):
        return  # no manifest: nothing was moved yet
    for name in names:
        staged_file, target = folder / str(name), out_dir / str(name)
        if not os.path.lexists(target):
            continue
        moved_in = not os.path.lexists(staged_file)
        if not moved_in:  # a no-clobber move links first: the same file under both names
            with contextlib.suppress(OSError):
                moved_in = os.path.samefile(staged_file, target)
        if moved_in:
            target.unlink()
    old = folder / _OLD
    if old.is_dir():
        for saved in old.iterdir():
            os.replace(saved, out_dir / saved.name)


def commit(folder: Path, out_dir: Path, names: Sequence[str], *, overwrite: bool) -> list[Path]:
    """Move the staged ``names`` from ``folder`` into ``out_dir`` as one set (see the module doc).

    Without ``overwrite`` an existing target raises :class:`~referral_ai.errors.OutputExistsError`
    and nothing is left changed. Returns the final paths.
    """
    manifest = json.dumps({"names": list(names), "overwrite": overwrite}).encode("utf-8")
    part = folder / (_MANIFEST + ".part")
    part.write_bytes(manifest)
    os.replace(part, folder / _MANIFEST)
    _checkpoint("staged")
    targets = [out_dir / n for n in names]
    with _signals_held():
        try:
            if overwrite:
                old = folder / _OLD
                old.mkdir()
                for target in targets:
                    if os.path.lexists(target) and not target.is_dir():
                        os.replace(target, old / target.name)
                        _checkpoint("aside")
            for name, target in zip(names, targets, strict=True):
                move_into_place(folder / name, target, overwrite=overwrite)
                _checkpoint("moved")
            (folder / _DONE).touch()
        except BaseException:
            _roll_back(folder, out_dir)
            raise
        _checkpoint("done")
    return targets
