"""Evidence quality of :mod:`referral_ai.matching` against hand labels, and its speed.

    python benchmarks/bench_matching.py [CORPUS_DIR] [--json] [--show] [--repeat N]
    python benchmarks/bench_matching.py [CORPUS_DIR] --candidates OUT.jsonl   # rows to label

CORPUS_DIR defaults to ``../shared/corpus/real``. The labels are
``benchmarks/data/matching-labels.jsonl``: (posting item, resume line) pairs read by a person and
marked ``yes`` (the line shows what the item asks), ``partly`` (part of it, or a claim without a
demonstration, such as a skills entry naming the tool) or ``no`` (words in common, nothing more),
and one overall ``fit`` per posting-resume pair (``strong`` / ``partial`` / ``poor``).

Printed, for the whole set and for its dev / held-out split (30% of pairs by posting, fixed below):

- evidence precision and recall at the matcher's own threshold (what :func:`~referral_ai.matching.match`
  returns as evidence), counting ``yes`` and ``partly`` as relevant, and ``yes`` alone (strict);
- score separation: AUC of ``yes`` against ``no`` over every labelled pair (a line the matcher does not
  return scores 0), and among the returned ones only;
- agreement of the fit verdict with the labelled fit (exact, Cohen's kappa, and the confusion table,
  labelled -> verdict; a verdict of ``unknown`` counts as a disagreement);
- CPU milliseconds per ``match`` call (``time.process_time``), beside a baseline in the same run: the
  bare lexical loop (lowercase split, set intersection of every posting item with every resume line).

The pairs are those of the bench's draft check (``corpus_scoring.check_drafts``: every corpus posting
with ``examples/resume.md``, every corpus resume with ``examples/posting.md``), those of the corpus
drafts test (``tests/writing/test_corpus_drafts.py``: corpus posting ``i mod n`` with corpus resume
``i``; most are poor fits), and :data:`FAMILY_PAIRS`, chosen from the job titles alone, before any
matching ran, so that the set holds plausible fits too.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "real"
LABELS = ROOT / "benchmarks" / "data" / "matching-labels.jsonl"

EXAMPLE_POSTING = "examples/posting.md"
EXAMPLE_RESUME = "examples/resume.md"

FAMILY_PAIRS: tuple[tuple[str, str], ...] = (
    ("hevnly-senior-js-developer-london.md", "riera-jsonresume-venezuela.json"),
    ("hevnly-senior-js-developer-london.md", "deimund-textbox-resume.docx"),
    ("hevnly-senior-js-developer-london.md", "matthews-tabbed-student-resume.docx"),
    ("sendgrid-eng-manager-no-company-name.md", "elissaoui-jsonresume-fr.json"),
    ("sendgrid-eng-manager-no-company-name.md", "jammes-jsonresume-same-employer.json"),
    ("parfumado-analytics-engineer-nl.md", "awan-linkedin-Profile.pdf"),
    ("uchicago-data-scientist-workday.md", "clement-librarian-academicpages-cv.md"),
    ("ropensci-community-manager.md", "malcolm-white-educator-xetex-cv.pdf"),
    ("ropensci-community-manager.md", "clement-librarian-academicpages-cv.md"),
    ("hku-senior-ra-rmarkdown.html", "malcolm-white-educator-xetex-cv.pdf"),
    ("dfe-content-designer-govuk.html", "corner-ux-designer-pdfium.pdf"),
    ("dfe-content-designer-govuk.html", "trierweiler-librarian-resume.md"),
    ("umich-cscs-assistant-professor.md", "hallman-deedy-two-column-cv.pdf"),
    ("psa-uc-irvine-tenure-track.tpl", "hallman-deedy-two-column-cv.pdf"),
)
"""Posting-resume pairs of one job family (developer with developer post, librarian with data post,
lecturer with community or research-assistant post, designer with content-design post, professor with
faculty post), picked by title so that the set is not all poor fits."""

HELD_OUT_SHARE = 0.3
"""Share of postings (by a hash of the file name) whose pairs are held out from tuning."""

FIT_LABELS = ("strong", "partial", "poor", "unknown")


def held_out(posting_file: str) -> bool:
    """True for the postings held out from tuning (a fixed 30%, by a hash of the file name)."""
    digest = hashlib.sha256(posting_file.encode()).digest()
    return digest[0] / 256 < HELD_OUT_SHARE


# --------------------------------------------------------------------------- the pairs


@dataclass
class Pair:
    posting_file: str
    resume_file: str
    posting: Any
    resume: Any

    @property
    def key(self) -> tuple[str, str]:
        return self.posting_file, self.resume_file


def _usable(loader: Any, path: Path) -> Any:
    import referral_ai as ra

    try:
        doc = loader(path)
    except ra.InputError:
        return None
    return None if doc.report.blocking else doc


def load_pairs(corpus: Path) -> list[Pair]:
    """The bench's draft check pairs (every corpus posting with the example resume, every corpus
    resume with the example posting), the drafts test's rotation pairs, then :data:`FAMILY_PAIRS`;
    parses refused or blocked are left out, as ``draft`` leaves them out."""
    import referral_ai as ra

    def gold(name: str) -> list[dict[str, Any]]:
        text = (corpus / name).read_text(encoding="utf-8")
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    postings = {
        g["file"]: _usable(ra.load_posting, corpus / "postings" / g["file"])
        for g in gold("postings.jsonl")
        if g.get("language", "en") == "en"
    }
    resumes = {
        g["file"]: _usable(ra.load_resume, corpus / "resumes" / g["file"])
        for g in gold("resumes.jsonl")
    }
    usable_p = [(n, p) for n, p in postings.items() if p is not None]
    usable_r = [(n, r) for n, r in resumes.items() if r is not None]
    base_p = ra.load_posting(ROOT / EXAMPLE_POSTING)
    base_r = ra.load_resume(ROOT / EXAMPLE_RESUME)
    pairs = [Pair(n, EXAMPLE_RESUME, p, base_r) for n, p in usable_p]
    pairs += [Pair(EXAMPLE_POSTING, n, base_p, r) for n, r in usable_r]
    pairs += [
        Pair(usable_p[i % len(usable_p)][0], n, usable_p[i % len(usable_p)][1], r)
        for i, (n, r) in enumerate(usable_r)
    ]
    seen = {p.key for p in pairs}
    for pf, rf in FAMILY_PAIRS:
        if (pf, rf) not in seen and postings.get(pf) is not None and resumes.get(rf) is not None:
            pairs.append(Pair(pf, rf, postings[pf], resumes[rf]))
    return pairs


TODAY = None  # "Present" in role dates means the day the bench runs (as ``draft`` does)


@contextmanager
def _every_line() -> Iterator[None]:
    """Score every resume line for every item: no evidence cap and no threshold."""
    from referral_ai import matching

    saved = matching.MAX_EVIDENCE, matching.MIN_SCORE
    matching.MAX_EVIDENCE, matching.MIN_SCORE = 10**6, 1e-9
    try:
        yield
    finally:
        matching.MAX_EVIDENCE, matching.MIN_SCORE = saved


def _scores(pair: Pair) -> tuple[Any, dict[tuple[str, str], float]]:
    """The matcher's fit for the pair, and the score of every (item, line) it scores above zero."""
    from referral_ai.matching import match

    fit = match(pair.posting, pair.resume)
    with _every_line():
        every = match(pair.posting, pair.resume)
    scores = {(m.requirement, e.text): e.score for m in every.matches for e in m.evidence}
    return fit, scores


# --------------------------------------------------------------------------- rows to label


def _excerpt(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def candidates(corpus: Path) -> list[dict[str, Any]]:
    """Rows to label, per pair: up to 8 of the evidence the matcher returns (every item's best
    first, then a seeded sample of the rest) and 6 near misses (lines sharing a word with an item
    that the matcher does not return), plus one random line (seeded by the pair's file names)."""
    from referral_ai.matching import normalize

    rows: list[dict[str, Any]] = []
    for pair in load_pairs(corpus):
        rng = random.Random("|".join(pair.key))
        fit, _ = _scores(pair)
        lines = _resume_texts(pair.resume)
        firsts, rest = [], []
        for m in fit.matches:
            for rank, e in enumerate(m.evidence):
                (firsts if rank == 0 else rest).append((m, e.text, e.section, e.score))
        rng.shuffle(firsts)
        rng.shuffle(rest)
        proposed = (firsts + rest)[:8]
        returned = {(m.requirement, e.text) for m in fit.matches for e in m.evidence}
        near = []
        for m in fit.matches:
            toks = set(normalize(m.requirement))
            for text, section in lines:
                if (m.requirement, text) not in returned and toks & set(normalize(text)):
                    near.append((m, text, section, 0.0))
        rng.shuffle(near)
        others = [
            (m, text, section, 0.0)
            for m in fit.matches
            for text, section in lines
            if (m.requirement, text) not in returned
        ]
        extra = [rng.choice(others)] if others else []
        for m, text, section, score in proposed + near[:6] + extra:
            rows.append(
                {
                    "type": "evidence",
                    "posting": pair.posting_file,
                    "resume": pair.resume_file,
                    "kind": m.kind,
                    "item": _excerpt(m.requirement),
                    "line": _excerpt(text),
                    "section": section,
                    "old_score": round(score, 3),
                    "label": None,
                }
            )
        rows.append({"type": "fit", "posting": pair.posting_file, "resume": pair.resume_file})
    return rows


def _resume_texts(resume: Any) -> list[tuple[str, str]]:
    """The resume lines the matcher scores, as (text, section); from its own index."""
    from referral_ai.matching import _resume_lines

    return [(ln.text, ln.section) for ln in _resume_lines(resume)]


# --------------------------------------------------------------------------- evaluation


def _same(excerpt: str, full: str) -> bool:
    full = " ".join(full.split())
    if excerpt.endswith("\u2026"):
        return full.startswith(excerpt[:-1])
    return full == excerpt


def _lookup(scores: dict[tuple[str, str], float], item: str, line: str) -> float:
    for (i, ln), s in scores.items():
        if _same(item, i) and _same(line, ln):
            return s
    return 0.0


def auc(pos: list[float], neg: list[float]) -> float | None:
    """Probability that a ``yes`` pair scores above a ``no`` pair (ties count half)."""
    if not pos or not neg:
        return None
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


@dataclass
class Scores:
    rows: list[tuple[str, float, bool]] = field(default_factory=list)  # label, score, returned
    fits: list[tuple[str, str]] = field(default_factory=list)  # labelled, verdict

    def pr(self, relevant: tuple[str, ...]) -> tuple[float, float]:
        ret = [lab for lab, _, r in self.rows if r]
        rel = [r for lab, _, r in self.rows if lab in relevant]
        p = sum(lab in relevant for lab in ret) / len(ret) if ret else 1.0
        r = sum(rel) / len(rel) if rel else 1.0
        return p, r

    def aucs(self) -> tuple[float | None, float | None]:
        yes = [s for lab, s, _ in self.rows if lab == "yes"]
        no = [s for lab, s, _ in self.rows if lab == "no"]
        yes_r = [s for lab, s, r in self.rows if lab == "yes" and r]
        no_r = [s for lab, s, r in self.rows if lab == "no" and r]
        return auc(yes, no), auc(yes_r, no_r)

    def agreement(self) -> float:
        return sum(a == b for a, b in self.fits) / len(self.fits) if self.fits else 0.0

    def kappa(self) -> float | None:
        """Cohen's kappa of verdict and label: agreement beyond what calling every pair by the
        labels' and the verdicts' own frequencies would give (0 for "always poor")."""
        n = len(self.fits)
        if not n:
            return None
        expected = sum(
            sum(a == k for a, _ in self.fits) * sum(b == k for _, b in self.fits) / n**2
            for k in FIT_LABELS
        )
        return (self.agreement() - expected) / (1 - expected) if expected < 1 else None

    def as_dict(self) -> dict[str, Any]:
        p, r = self.pr(("yes", "partly"))
        ps, rs = self.pr(("yes",))
        a_all, a_ret = self.aucs()
        labels = [lab for lab, _, _ in self.rows]
        return {
            "pairs_labelled": len(self.rows),
            "labels": {k: labels.count(k) for k in ("yes", "partly", "no")},
            "returned": sum(r for _, _, r in self.rows),
            "precision": p,
            "recall": r,
            "precision_strict": ps,
            "recall_strict": rs,
            "auc_all": a_all,
            "auc_returned": a_ret,
            "fit_pairs": len(self.fits),
            "fit_agreement": self.agreement(),
            "fit_kappa": self.kappa(),
            "fit_confusion": {
                f"{a}->{b}": sum(x == (a, b) for x in self.fits)
                for a in FIT_LABELS
                for b in FIT_LABELS
                if any(x == (a, b) for x in self.fits)
            },
        }


def verdict_of(fit: Any) -> str:
    """The fit's own verdict; a matcher without one is read through the strength bands on its score."""
    verdict = getattr(fit, "verdict", None)
    if isinstance(verdict, str):
        return verdict
    from referral_ai.models import STRENGTH_BANDS

    band = next(name for low, name in STRENGTH_BANDS if fit.score >= low)
    return {"strong": "strong", "partial": "partial"}.get(band, "poor")


def evaluate(corpus: Path, labels: list[dict[str, Any]]) -> tuple[dict[str, Scores], list[str]]:
    pairs = {p.key: p for p in load_pairs(corpus)}
    split = {"all": Scores(), "dev": Scores(), "held-out": Scores()}
    shown: list[str] = []
    cache: dict[tuple[str, str], tuple[Any, dict[tuple[str, str], float]]] = {}
    for row in labels:
        key = (row["posting"], row["resume"])
        pair = pairs.get(key)
        if pair is None:
            shown.append(f"pair no longer drafted (left out): {key}")
            continue
        if key not in cache:
            cache[key] = _scores(pair)
        fit, scores = cache[key]
        parts = [split["all"], split["held-out" if held_out(row["posting"]) else "dev"]]
        if row["type"] == "fit":
            verdict = verdict_of(fit)
            for s in parts:
                s.fits.append((row["fit"], verdict))
            if verdict != row["fit"]:
                shown.append(f"fit {row['fit']} -> {verdict}: {key}")
            continue
        m = next((m for m in fit.matches if _same(row["item"], m.requirement)), None)
        returned = m is not None and any(_same(row["line"], e.text) for e in m.evidence)
        score = _lookup(scores, row["item"], row["line"])
        for s in parts:
            s.rows.append((row["label"], score, returned))
        if returned != (row["label"] in ("yes", "partly")):
            what = "returned" if returned else "missed"
            shown.append(
                f"{what} {row['label']} {score:.2f}: {row['item'][:70]!r} <- {row['line'][:90]!r}"
            )
    return split, shown


# --------------------------------------------------------------------------- speed


def _bare(pair: Pair) -> int:
    """The baseline: every posting item's lowercase words against every resume line's."""
    p, r = pair.posting, pair.resume
    items = [*p.requirements, *p.nice_to_haves, *p.responsibilities]
    texts = [b for role in r.roles for b in role.bullets] + list(r.skills) + [r.summary or ""]
    line_sets = [set(t.lower().split()) for t in texts]
    hits = 0
    for item in items:
        words = set(item.lower().split())
        hits += sum(bool(words & ls) for ls in line_sets)
    return hits


def timing(corpus: Path, repeat: int) -> tuple[float, float]:
    """CPU ms per pair for ``match`` (its resume index warm, as in a batch) and for the baseline."""
    from referral_ai.matching import match

    pairs = load_pairs(corpus)
    for pair in pairs:
        match(pair.posting, pair.resume)  # warm caches: a batch matches one resume many times
    t0 = time.process_time()
    for _ in range(repeat):
        for pair in pairs:
            match(pair.posting, pair.resume)
    ours = (time.process_time() - t0) * 1000 / (repeat * len(pairs))
    t0 = time.process_time()
    for _ in range(repeat):
        for pair in pairs:
            _bare(pair)
    bare = (time.process_time() - t0) * 1000 / (repeat * len(pairs))
    return ours, bare


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--candidates", type=Path, help="write rows to label to this file and stop")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show", action="store_true", help="list every disagreement with the labels")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    if args.candidates:
        rows = candidates(args.corpus)
        args.candidates.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
        print(f"{len(rows)} rows -> {args.candidates}")
        return 0
    labels = [
        json.loads(line)
        for line in args.labels.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    split, shown = evaluate(args.corpus, labels)
    ours, bare = timing(args.corpus, args.repeat)
    result = {k: v.as_dict() for k, v in split.items()}
    result["ms_per_match"] = {"match": ours, "bare_loop": bare, "ratio": ours / bare}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    n_pairs = len({(r["posting"], r["resume"]) for r in labels})
    print(f"labelled: {len(labels)} rows over {n_pairs} posting-resume pairs ({args.labels.name})")
    print(
        f"{'':10}{'P':>6}{'R':>6}{'P yes':>7}{'R yes':>7}{'AUC':>6}{'AUC ret':>8}{'fit':>6}"
        f"{'kappa':>6}  rows"
    )
    for name, s in split.items():
        d = s.as_dict()
        print(
            f"{name:10}{d['precision']:6.2f}{d['recall']:6.2f}{d['precision_strict']:7.2f}"
            f"{d['recall_strict']:7.2f}{_fmt(d['auc_all']):>6}{_fmt(d['auc_returned']):>8}"
            f"{d['fit_agreement']:6.2f}{_fmt(d['fit_kappa']):>6}  {d['pairs_labelled']} "
            f"({d['returned']} returned), "
            f"{d['fit_pairs']} fits {d['fit_confusion']}"
        )
    print(f"cpu ms per match: {ours:.2f}  (bare lexical loop {bare:.3f}; ratio {ours / bare:.0f}x)")
    if args.show:
        print("\n".join(shown))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
