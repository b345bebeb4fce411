"""Render what a contact receives, as pictures: the outputs for examples/ and pairs of the real corpus.

    python scripts/render_outputs.py [--out rendered] [--dpi 70]

For each pair it drafts offline with ``--pdf`` (LibreOffice headless) into ``OUT/<name>/`` and turns
every page of the cover letter and the tailored resume into a PNG (``pdftoppm``), then prints the page
counts. Needs libreoffice-writer-nogui, poppler-utils and fonts-crosextra-carlito.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from referral_ai.cli import main as cli

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "real"
PAIRS = [
    ("examples", ROOT / "examples" / "posting.md", ROOT / "examples" / "resume.md"),
    ("jammes-json", CORPUS / "postings/parfumado-analytics-engineer-nl.md",
     CORPUS / "resumes/jammes-jsonresume-same-employer.json"),
    ("storr-docx", CORPUS / "postings/hevnly-senior-js-developer-london.md",
     CORPUS / "resumes/storr-career-change-resume.docx"),
    ("malcolm-pdf", CORPUS / "postings/umich-cscs-assistant-professor.md",
     CORPUS / "resumes/malcolm-white-educator-xetex-cv.pdf"),
    ("deimund-docx", CORPUS / "postings/uchicago-data-scientist-workday.md",
     CORPUS / "resumes/deimund-textbox-resume.docx"),
    ("matthews-docx", CORPUS / "postings/uchicago-data-scientist-workday.md",
     CORPUS / "resumes/matthews-tabbed-student-resume.docx"),
    ("riera-json", CORPUS / "postings/cds-research-evaluation-analyst-en.md",
     CORPUS / "resumes/riera-jsonresume-venezuela.json"),
]  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="rendered", help="folder for the outputs and PNGs")
    parser.add_argument("--dpi", type=int, default=70)
    args = parser.parse_args()
    out = Path(args.out)
    for name, posting, resume in PAIRS:
        if not posting.exists() or not resume.exists():
            print(f"{name}: missing input ({posting.name}, {resume.name})", file=sys.stderr)
            continue
        folder = out / name
        code = cli(
            ["draft", str(posting), str(resume), "--contact", "Dana Whitfield", "--out",
             str(folder), "--pdf", "--force", "--allow-missing", "--offline", "--allow-invalid"]
        )  # fmt: skip
        if code not in (0, 1):
            print(f"{name}: draft failed (exit {code})", file=sys.stderr)
            continue
        for pdf in sorted(folder.glob("*.pdf")):
            for old in folder.glob(f"{pdf.stem}-*.png"):
                old.unlink()
            subprocess.run(
                ["pdftoppm", "-r", str(args.dpi), "-png", str(pdf), str(folder / pdf.stem)],
                check=True,
            )
            pages = len(list(folder.glob(f"{pdf.stem}-*.png")))
            print(f"{name}: {pdf.name}: {pages} page(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
