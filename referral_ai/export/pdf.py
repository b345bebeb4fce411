"""PDF next to a .docx, through LibreOffice headless (``soffice --convert-to pdf``).

:func:`convert` runs one LibreOffice process for a set of .docx files, with its own throw-away
profile (so it never waits for, or disturbs, a LibreOffice the user has open), inside a time limit
(the whole process group is killed when it is exceeded). Without LibreOffice it raises a one-line
:class:`PdfUnavailableError` naming the package to install.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from referral_ai.errors import OutputError

__all__ = ["PACKAGE", "PdfError", "PdfUnavailableError", "convert", "find_soffice"]

#: The distribution package that provides a headless LibreOffice Writer (Debian/Ubuntu).
PACKAGE = "libreoffice-writer-nogui"
DEFAULT_TIMEOUT = 90.0


class PdfError(OutputError):
    """LibreOffice failed, or did not finish in time; no PDF was written."""


class PdfUnavailableError(PdfError):
    """LibreOffice is not installed."""


def find_soffice() -> str | None:
    """The LibreOffice program (``$REFERRAL_AI_SOFFICE``, ``soffice`` or ``libreoffice``), or None."""
    own = os.environ.get("REFERRAL_AI_SOFFICE")
    if own:
        return shutil.which(own) or (own if Path(own).is_file() else None)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for path in (
        "/Applications/LibreOffice.app/Contents/MacOS/soffice",
        r"C:\Program Files\LibreOffice\program\soffice.exe",
    ):
        if Path(path).is_file():
            return path
    return None


def convert(
    docx_files: Sequence[Path], out_dir: Path, *, timeout: float = DEFAULT_TIMEOUT
) -> list[Path]:
    """Convert each .docx to a PDF of the same name in ``out_dir``; returns the PDFs.

    Raises :class:`PdfUnavailableError` without LibreOffice, :class:`PdfError` when it fails, gives
    no PDF, or takes longer than ``timeout`` seconds (it is killed; partial PDFs are removed).
    """
    if not docx_files:
        return []
    soffice = find_soffice()
    if soffice is None:
        raise PdfUnavailableError(
            f"PDF needs LibreOffice: install it (Debian/Ubuntu: apt-get install {PACKAGE}; "
            "elsewhere https://www.libreoffice.org) or leave out --pdf",
            path=str(out_dir),
        )
    expected = [out_dir / (p.stem + ".pdf") for p in docx_files]
    with tempfile.TemporaryDirectory(prefix="referral-ai-lo-") as profile:
        cmd = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(out_dir),
            *(str(p) for p in docx_files),
        ]
        try:
            proc = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                start_new_session=True,  # its own process group: killed as one on a timeout
            )
        except OSError as exc:
            raise PdfError(
                f"cannot start LibreOffice ({exc.strerror or exc})", path=str(out_dir)
            ) from None
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(proc)
            _remove(expected)
            raise PdfError(
                f"LibreOffice did not finish the PDF within {timeout:g} s and was stopped; "
                "nothing was written (try again, or leave out --pdf)",
                path=str(out_dir),
            ) from None
        except BaseException:
            _kill(proc)
            _remove(expected)
            raise
    missing = [p for p in expected if not p.is_file() or p.stat().st_size == 0]
    if proc.returncode != 0 or missing:
        _remove(expected)
        detail = (err or b"").decode("utf-8", "replace").strip().splitlines()
        why = detail[-1][:200] if detail else f"exit status {proc.returncode}"
        raise PdfError(f"LibreOffice could not make the PDF ({why})", path=str(out_dir))
    return expected


def _kill(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(OSError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(Exception):
        proc.communicate(timeout=5)  # reaps it and closes its pipe


def _remove(paths: Sequence[Path]) -> None:
    for p in paths:
        with contextlib.suppress(OSError):
            p.unlink()
