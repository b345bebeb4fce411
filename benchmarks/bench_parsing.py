"""Parsing accuracy on real postings and resumes written by others, and parse time by format.

    python benchmarks/bench_parsing.py [CORPUS_DIR] [--json] [--show]

CORPUS_DIR defaults to ``../shared/corpus/real`` (postings/, resumes/, postings.jsonl,
resumes.jsonl with gold annotations; see its README). Prints per-field accuracy:

- postings (English is the headline; other languages are scored separately, where declining
  with a clear message counts as right): title, company, department, req id, location,
  deadline, required materials precision/recall, and requirements precision/recall where the
  gold lists them (``requirements``; held-out set 7 does): a parsed item matches a gold one when
  their content words (the matcher's normalised tokens) overlap with a Dice coefficient of at
  least 0.5, pairing one-to-one, each gold item taking the parsed item it overlaps most;
- departments by the scorer's convention (the shared gold stays as written): a trailing generic
  "team" / "group" / "department" is dropped on both sides, and joined units ("X and Y",
  "X; Y") match in either order; the older comparison (whole name, similarity 0.9) is printed
  beside it as "department ... under the older exact comparison";
- resumes: name, e-mail, phone, roles (title + employer pairs: precision/recall/F1),
  education (institutions: precision/recall);

and milliseconds per document by format, beside reading the same file with the bare library
(pypdf / pdfplumber, python-docx, BeautifulSoup) in the same run. ``--show`` lists every miss.
The scoring lives in :mod:`corpus_scoring` beside this file, so the tests' floors use the same
definition.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_scoring import (
    DEFAULT_CORPUS,
    CorpusScores,
    bare_read,
    check_drafts,
    score_corpus,
)


def _ms(fn: object, path: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        with contextlib.suppress(Exception):
            fn(path)  # type: ignore[operator]
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _timings(corpus: Path, repeat: int) -> dict[str, tuple[float, float, int]]:
    import referral_ai as ra

    out: dict[str, list[tuple[float, float]]] = {}
    for sub, loader in (("postings", ra.load_posting), ("resumes", ra.load_resume)):
        if not (corpus / f"{sub}.jsonl").is_file():
            continue
        for path in sorted((corpus / sub).iterdir()):
            ext = path.suffix.lower().lstrip(".")
            ours = _ms(loader, path, repeat)
            bare = _ms(bare_read, path, repeat)
            out.setdefault(ext, []).append((ours, bare))
    return {
        ext: (statistics.median(o for o, _ in v), statistics.median(b for _, b in v), len(v))
        for ext, v in out.items()
    }


def _print(scores: CorpusScores, show: bool) -> None:
    if scores.postings_en + scores.postings_other:
        _print_postings(scores)
    if scores.resumes or scores.clean_failures[1]:
        _print_resumes(scores)
    print(
        f"drafting: {scores.draftable} documents draftable, {scores.stopped} stopped by a doubt; "
        f"{scores.silent_wrong} draftable with a wrong title/company/name (written wrong, no doubt)"
    )
    if show:
        print("\nmisses:")
        for line in scores.misses:
            print("  " + line)


def _print_postings(scores: CorpusScores) -> None:
    print(f"postings: {scores.postings_en} English, {scores.postings_other} other languages")
    for field, (ok, n) in scores.posting_fields.items():
        print(f"  {field:<12} {ok / n if n else 0:5.2f}  ({ok}/{n})")
    ok, n = scores.department_exact
    print(f"  department   {ok / n if n else 0:5.2f}  ({ok}/{n}) under the older exact comparison")
    p, r = scores.materials_pr
    print(f"  materials    precision {p:.2f} recall {r:.2f}")
    if scores.requirements_scored:
        p, r = scores.requirements_pr
        print(
            f"  requirements precision {p:.2f} recall {r:.2f}  "
            f"({scores.requirements_tp} of {scores.requirements_tp + scores.requirements_fn} gold "
            f"items found, {scores.requirements_fp} extra; {scores.requirements_scored} postings)"
        )
    ok, n = scores.declined_other
    print(f"  non-English declined with a clear message: {ok}/{n}")


def _print_resumes(scores: CorpusScores) -> None:
    print(f"resumes: {scores.resumes}")
    for field, (ok, n) in scores.resume_fields.items():
        print(f"  {field:<12} {ok / n if n else 0:5.2f}  ({ok}/{n})")
    rp, rr, rf = scores.roles_prf
    print(f"  roles        precision {rp:.2f} recall {rr:.2f} F1 {rf:.2f}")
    ep, er = scores.education_pr
    print(f"  education    precision {ep:.2f} recall {er:.2f}")
    ok, n = scores.clean_failures
    print(f"  unreadable files failing with one clear InputError: {ok}/{n}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--show", action="store_true", help="list every miss")
    ap.add_argument("--repeat", type=int, default=5, help="timing repeats per file")
    ap.add_argument("--no-timing", action="store_true")
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    if not any((corpus / f"{sub}.jsonl").is_file() for sub in ("postings", "resumes")):
        print(
            f"{corpus}: no postings.jsonl or resumes.jsonl here (give the corpus folder)",
            file=sys.stderr,
        )
        return 2
    scores = score_corpus(corpus)
    drafts = check_drafts(corpus)
    if args.json:
        payload = scores.as_dict()
        payload["offline_drafts"] = {
            "written": drafts.written,
            "stopped": drafts.stopped,
            "problems": drafts.problems,
        }
        print(json.dumps(payload, indent=2))
        return 0
    _print(scores, args.show)
    print(
        f"\noffline drafts: {drafts.written} written, {drafts.stopped} stopped by a doubt; "
        f"{len(drafts.problems)} problem(s) in what was written"
    )
    for line in drafts.problems if args.show else []:
        print("  " + line)
    if not args.no_timing:
        print("\nms per document (median), ours vs the bare library reading the same file:")
        for ext, (ours, bare, n) in sorted(_timings(corpus, args.repeat).items()):
            ratio = ours / bare if bare > 0 else float("nan")
            print(f"  {ext:<5} n={n:<3} ours {ours:8.1f}  bare {bare:8.1f}  ratio {ratio:5.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
