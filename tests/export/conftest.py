"""Rendering helpers: LibreOffice headless turns a .docx into a PDF, poppler reads it back.

The tools come from the distribution's packages (``.ci/run`` installs them); a test that needs one
fails with a message naming the package when it is missing (never skipped).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from referral_ai.export.pdf import find_soffice

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

TOOLS = {
    "pdftoppm": "poppler-utils",
    "pdftotext": "poppler-utils",
    "pdfinfo": "poppler-utils",
}


def need_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(
            f"{name} is not installed: apt-get install {TOOLS[name]} (the rendering tests need it)"
        )
    return found


def need_libreoffice() -> str:
    found = find_soffice()
    if found is None:
        pytest.fail(
            "LibreOffice is not installed: apt-get install libreoffice-writer-nogui "
            "fonts-crosextra-carlito (the rendering tests need it)"
        )
    return found


def to_pdf(docx: Path, out_dir: Path) -> Path:
    """The .docx rendered by LibreOffice headless."""
    from referral_ai.export.pdf import convert

    need_libreoffice()
    (pdf,) = convert([docx], out_dir, timeout=120)
    return pdf


def page_count(pdf: Path, png_dir: Path | None = None) -> int:
    """Pages of ``pdf``, counted by rendering each one to a PNG (pdftoppm)."""
    tool = need_tool("pdftoppm")
    out = png_dir or pdf.parent
    prefix = out / pdf.stem
    subprocess.run([tool, "-r", "40", "-png", str(pdf), str(prefix)], check=True, timeout=120)
    return len(list(out.glob(f"{pdf.stem}-*.png")))


def seen_text(pdf: Path) -> str:
    """The text a person sees on the pages (pdftotext), whitespace collapsed."""
    tool = need_tool("pdftotext")
    done = subprocess.run(
        [tool, "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, timeout=120
    )
    return squash(done.stdout.decode("utf-8"))


def squash(text: str) -> str:
    """Text for comparing what the draft says with what pdftotext reads off the page: whitespace
    collapsed, and hyphens dropped (pdftotext joins a word broken at a line-end hyphen, so
    "PI-2015" wrapped after "PI-" reads "PI2015")."""
    text = text.replace("\u00ad", "").replace("-", "").replace("\u2011", "")
    return re.sub(r"\s+", " ", text).strip()
