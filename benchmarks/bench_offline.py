"""Benchmark the offline path per (posting, resume) pair: load -> parse -> fit -> draft -> export.

Run: ``python benchmarks/bench_offline.py [--repeat N] [--examples DIR]``

For every pair found in ``examples/`` (files whose names contain "posting" and "resume"; every posting
is paired with every resume) it times the whole offline path: ``parsing.load_posting`` and
``parsing.load_resume``, ``matching.match``, ``OfflineWriter`` drafts of the cover letter and the follow-up,
and the export of both as .docx (letter + email) written atomically to a temporary directory.

The floor, measured in the same run, is what python-docx alone needs to build and save an equivalent
letter: a new document with the same paragraphs, saved to a file. The ratio pipeline / floor is printed
(target: under 3x). Numbers are the median and the best of ``--repeat`` runs after one warm-up, pipeline and floor
timed alternately so both see the same machine load. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import docx

from referral_ai.export.docx import letter_parts, write_email_docx, write_letter_docx
from referral_ai.inputs import load_posting, load_resume
from referral_ai.matching import match
from referral_ai.models import (
    DraftContext,
    DraftKind,
    JobPosting,
    Referral,
    Resume,
)
from referral_ai.writers.offline import OfflineWriter

ROOT = Path(__file__).resolve().parent.parent
DAY = date(2026, 11, 25)
REFERRAL = Referral(
    contact="Priya Raman", introducer="Sam Ortiz", contact_email="priya@northwind.example"
)


Loader = Callable[[], tuple[JobPosting, Resume]]


def _pairs(examples: Path) -> tuple[list[tuple[str, Loader]], str]:
    """(name, loader) per posting x resume pair in ``examples``, and a note on where they came from."""
    postings = sorted(p for p in examples.glob("*posting*") if p.is_file())
    resumes = sorted(p for p in examples.glob("*resume*") if p.is_file())
    if not postings or not resumes:
        sys.exit(f"bench_offline: no posting/resume pair in {examples}")
    pairs: list[tuple[str, Loader]] = []
    for p in postings:
        for r in resumes:

            def load(p: Path = p, r: Path = r) -> tuple[JobPosting, Resume]:
                return load_posting(p), load_resume(r)

            pairs.append((f"{p.name} + {r.name}", load))
    return pairs, f"{len(pairs)} pair(s) from {examples}"


def _pipeline(load: Loader, out: Path, writer: OfflineWriter) -> list[str]:
    """The offline path once; returns the letter's paragraphs (for the floor)."""
    posting, resume = load()
    fit = match(posting, resume, today=DAY)
    ctx = DraftContext(posting=posting, resume=resume, referral=REFERRAL, fit=fit)
    letter = writer.draft(DraftKind.cover_letter, ctx)
    follow_up = writer.draft(DraftKind.follow_up, ctx)
    write_letter_docx(letter, ctx, out / "letter.docx", date=DAY, overwrite=True)
    write_email_docx(follow_up, ctx, out / "email.docx", date=DAY, overwrite=True)
    salutation, body, closing, signature = letter_parts(letter.body)
    head = [
        resume.name or "",
        "contact line",
        "",
        "November 25, 2026",
        "Priya Raman",
        posting.company or "",
        "",
    ]
    return [*head, salutation or "", *body, closing or "", signature or ""]


def _floor(paragraphs: list[str], out: Path) -> None:
    """python-docx alone: a new document with the same paragraphs, saved to a file."""
    doc = docx.Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(str(out / "floor.docx"))


def _time_pair(
    a: Callable[[], object], b: Callable[[], object], repeat: int
) -> tuple[list[float], list[float]]:
    """Time ``a`` and ``b`` alternately (so both see the same machine load); one warm-up each."""
    a()
    b()
    ta: list[float] = []
    tb: list[float] = []
    for _ in range(repeat):
        for fn, samples in ((a, ta), (b, tb)):
            t0 = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - t0)
    return ta, tb


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print one line per pair."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--repeat", type=int, default=25)
    ap.add_argument("--examples", type=Path, default=ROOT / "examples")
    args = ap.parse_args(argv)
    pairs, note = _pairs(args.examples)
    writer = OfflineWriter()
    print(f"offline path benchmark — {note}; {args.repeat} repeats, median (best) in ms")
    print(f"{'pair':<44} {'pipeline':>16} {'floor':>16} {'ratio':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for name, load in pairs:
            paragraphs = _pipeline(load, out, writer)
            pipeline = functools.partial(_pipeline, load, out, writer)
            floor = functools.partial(_floor, paragraphs, out)
            tp, tf = _time_pair(pipeline, floor, args.repeat)
            p_med, p_best, f_med, f_best = (
                statistics.median(tp),
                min(tp),
                statistics.median(tf),
                min(tf),
            )
            print(
                f"{name[:44]:<44} {p_med * 1e3:8.2f} ({p_best * 1e3:5.2f}) {f_med * 1e3:8.2f} ({f_best * 1e3:5.2f})"
                f" {p_med / f_med:6.2f}x ({p_best / f_best:4.2f}x)"
            )
    print("target: ratio < 3x (the pipeline writes two .docx files; the floor builds one letter)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
