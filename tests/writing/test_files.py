from __future__ import annotations

import os
from pathlib import Path

import pytest

from referral_ai.errors import OutputExistsError
from referral_ai.files import atomic_write, move_into_place


def test_writes_new_file(tmp_path: Path) -> None:
    dest = tmp_path / "letter.txt"
    assert atomic_write(dest, b"hello") == dest
    assert dest.read_bytes() == b"hello"
    assert [p.name for p in tmp_path.iterdir()] == ["letter.txt"]  # no temp file left behind


def test_refuses_existing_file_and_keeps_it(tmp_path: Path) -> None:
    dest = tmp_path / "letter.txt"
    dest.write_bytes(b"original")
    with pytest.raises(OutputExistsError) as exc:
        atomic_write(dest, b"new")
    assert exc.value.path == str(dest)
    assert dest.read_bytes() == b"original"
    assert [p.name for p in tmp_path.iterdir()] == ["letter.txt"]


def test_overwrite_replaces(tmp_path: Path) -> None:
    dest = tmp_path / "letter.txt"
    dest.write_bytes(b"original")
    atomic_write(dest, b"new", overwrite=True)
    assert dest.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["letter.txt"]


def test_failure_cleans_up_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dest = tmp_path / "letter.txt"

    def boom(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(dest, b"data")
    assert list(tmp_path.iterdir()) == []


def test_failure_during_overwrite_keeps_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dest = tmp_path / "letter.txt"
    dest.write_bytes(b"original")

    def boom(src: object, dst: object) -> None:
        raise OSError("replace failed")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="replace failed"):
        atomic_write(dest, b"new", overwrite=True)
    assert dest.read_bytes() == b"original"
    assert [p.name for p in tmp_path.iterdir()] == ["letter.txt"]


def test_file_created_meanwhile_is_not_clobbered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The final move is no-clobber: a file that appears after the first check still wins."""
    dest = tmp_path / "letter.txt"
    real_fdopen = os.fdopen

    def fdopen_then_race(fd: int, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        dest.write_bytes(b"someone else")
        return real_fdopen(fd, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "fdopen", fdopen_then_race)
    with pytest.raises(OutputExistsError):
        atomic_write(dest, b"mine")
    assert dest.read_bytes() == b"someone else"
    assert [p.name for p in tmp_path.iterdir()] == ["letter.txt"]


def test_missing_directory_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomic_write(tmp_path / "nope" / "x.txt", b"data")


def test_permissions_follow_umask(tmp_path: Path) -> None:
    dest = tmp_path / "x.txt"
    atomic_write(dest, b"data")
    mask = os.umask(0o022)
    os.umask(mask)
    assert dest.stat().st_mode & 0o777 == 0o666 & ~mask


def test_rejects_text(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        atomic_write(tmp_path / "x.txt", "text")  # type: ignore[arg-type]


def test_move_into_place_never_replaces_an_existing_file_unless_asked(tmp_path: Path) -> None:
    staged, target = tmp_path / "staged.md", tmp_path / "letter.md"
    staged.write_text("new", encoding="utf-8")
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(OutputExistsError):
        move_into_place(staged, target)
    assert target.read_text(encoding="utf-8") == "mine" and staged.exists()
    move_into_place(staged, target, overwrite=True)
    assert target.read_text(encoding="utf-8") == "new" and not staged.exists()
