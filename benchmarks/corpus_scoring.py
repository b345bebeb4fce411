"""Score referral_ai's parsing against a gold-annotated corpus of real documents.

One definition of "right" for each field, used by ``bench_parsing.py`` and by the tests that hold
the achieved figures as floors. Comparison is case-insensitive after normalising whitespace and
punctuation; role titles, employers and institutions may differ by a few characters
(``difflib`` ratio >= 0.85) so "Univ. of X" style abbreviations are not rewarded but a stray comma
is not punished.

Departments follow a gold convention decided here (the shared gold is read-only): a trailing
generic word ("team", "group", "department") is dropped on both sides before comparing, and joined
units ("X and Y", "X; Y", "X & Y") match in either order, so "Service Design and Insights team"
equals "Insights and Service Design". ``department_exact`` keeps the older comparison (the same
0.9 similarity, with nothing dropped) so figures can be given under both.

Requirements are scored only where the gold lists them (a ``requirements`` key; held-out set 7 has
one per posting, the shared corpus none): each gold item is paired one-to-one with the parsed
``posting.requirements`` item whose content words overlap it most, and a pair counts when that
overlap is at least :data:`REQUIREMENT_MATCH`. Content words are the matcher's own
(:func:`referral_ai.matching.normalize`: lower-cased, stop words dropped, stemmed), and the overlap is
the Dice coefficient ``2 * |shared| / (|gold words| + |parsed words|)``, so an item split in two or
two items run together still match (about 0.67), a fragment of a quarter of the words does not (0.4).
Precision is matched parsed items over all parsed items, recall matched gold items over all gold items.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"

POSTING_FIELDS = ("title", "company", "department", "req_id", "location", "deadline")
RESUME_FIELDS = ("name", "email", "phone")


def norm(s: object) -> str:
    """Casefolded, accents kept, punctuation and whitespace folded."""
    if s is None:
        return ""
    text = unicodedata.normalize("NFKC", str(s)).casefold().replace("&", " and ")
    text = re.sub(r"[\u2018\u2019\u201c\u201d'\"`]", "", text)
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


def similar(a: object, b: object, threshold: float = 0.85) -> bool:
    x, y = norm(a), norm(b)
    if x == y:
        return True
    if not x or not y:
        return False
    return difflib.SequenceMatcher(None, x, y).ratio() >= threshold


_DATE_FORMATS = (
    "%Y-%m-%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d.%m.%Y",
    "%m/%d/%Y",
    "%d/%m/%Y",
    "%A %d %B %Y",
    "%A, %B %d, %Y",
    "%A, %d %B %Y",
)


def iso_date(value: object) -> str | None:
    """An ISO date from a written one ("15 October 2012", "2012-10-15"), else None."""
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    s = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", str(value)).strip().rstrip(".")
    s = " ".join(s.replace(",", ", ").split()).replace(" ,", ",")
    for fmt in _DATE_FORMATS:
        for candidate in (s, s.replace(",", "")):
            try:
                return dt.datetime.strptime(candidate, fmt).date().isoformat()
            except ValueError:
                continue
    m = re.search(r"\d{4}-\d{2}-\d{2}", s)
    return m.group(0) if m else None


def same_field(name: str, gold: object, got: object) -> bool:
    if name == "deadline":
        return (gold or None) == (iso_date(got) if got else None)
    if name == "phone":
        g = re.sub(r"\D", "", str(gold or ""))
        o = re.sub(r"\D", "", str(got or ""))
        if not g or not o:
            return not g and not o
        return g == o or (min(len(g), len(o)) >= 9 and (g.endswith(o) or o.endswith(g)))
    if name == "email":
        return norm(gold) == norm(got)
    if name == "title":
        return norm(gold) == norm(got)
    if name == "department":
        return same_department(gold, got)
    if name == "location" and gold and got:
        from referral_ai.inputs.regions import same_place

        # "Seattle, WA" and "Seattle, Washington, USA": regions compared by the one table
        return same_place(str(gold), str(got)) or similar(gold, got, 0.9)
    if gold is None or got is None:
        return gold is None and (got is None or not str(got).strip())
    return similar(gold, got, 0.9)


_GENERIC_UNIT_TAIL = re.compile(r"(?:\s+(?:team|group|department|dept))+$")


def department_key(value: object) -> tuple[str, ...]:
    """A department as the scorer compares it: normalised, a trailing "team" / "group" /
    "department" dropped from each unit, and its joined units ("X and Y", "X; Y") sorted so
    either order matches."""
    units = []
    for part in str(value or "").split(";"):
        for unit in norm(part).split(" and "):
            unit = _GENERIC_UNIT_TAIL.sub("", unit.strip()) or unit.strip()
            if unit:
                units.append(unit)
    return tuple(sorted(units))


def same_department(gold: object, got: object) -> bool:
    """The department convention (see the module docstring)."""
    if gold is None or got is None:
        return gold is None and (got is None or not str(got).strip())
    return similar(" and ".join(department_key(gold)), " and ".join(department_key(got)), 0.9)


def _same_department_exact(gold: object, got: object) -> bool:
    """The older department comparison: similarity 0.9 on the whole name, nothing dropped."""
    if gold is None or got is None:
        return gold is None and (got is None or not str(got).strip())
    return similar(gold, got, 0.9)


REQUIREMENT_MATCH = 0.5
"""Least Dice overlap of content words at which a parsed requirement is the gold one (see above)."""


def content_words(text: str) -> frozenset[str]:
    """The content words a requirement is compared by: the matcher's normalised tokens."""
    from referral_ai.matching import normalize

    return frozenset(normalize(text))


def requirement_overlap(gold: str, got: str) -> float:
    """Dice coefficient of the two items' content words (0.0 when either has none)."""
    a, b = content_words(gold), content_words(got)
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def pair_requirements(gold: list[str], got: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(matched gold items, gold items missed, parsed items matching none), pairing one-to-one:
    each gold item, in order, takes the unused parsed item it overlaps most, if that reaches
    :data:`REQUIREMENT_MATCH`."""
    used: set[int] = set()
    matched: list[str] = []
    missed: list[str] = []
    for item in gold:
        # the highest overlap wins; between equals, the earlier parsed item
        score, best = max(
            ((requirement_overlap(item, c), -i) for i, c in enumerate(got) if i not in used),
            default=(0.0, 0),
        )
        if score < REQUIREMENT_MATCH:
            missed.append(item)
        else:
            used.add(-best)
            matched.append(item)
    extra = [item for i, item in enumerate(got) if i not in used]
    return matched, missed, extra


def material_names(items: list[Any]) -> set[str]:
    return {m for m in items if isinstance(m, str)}


@dataclass
class CorpusScores:
    postings_en: int = 0
    postings_other: int = 0
    posting_fields: dict[str, tuple[int, int]] = field(default_factory=dict)
    materials_tp: int = 0
    materials_fp: int = 0
    materials_fn: int = 0
    # requirements, over the English postings whose gold lists them (``requirements_scored``)
    requirements_scored: int = 0
    requirements_tp: int = 0
    requirements_fp: int = 0
    requirements_fn: int = 0
    declined_other: tuple[int, int] = (0, 0)
    # departments under the older comparison (nothing dropped, order kept), beside the convention's
    department_exact: tuple[int, int] = (0, 0)
    resumes: int = 0
    resume_fields: dict[str, tuple[int, int]] = field(default_factory=dict)
    roles_tp: int = 0
    roles_fp: int = 0
    roles_fn: int = 0
    edu_tp: int = 0
    edu_fp: int = 0
    edu_fn: int = 0
    clean_failures: tuple[int, int] = (0, 0)
    # A field the letters state (title, company, name) that is wrong and NOT doubted: it would be
    # written. Counted per document; ``stopped`` counts documents where drafting would be refused.
    silent_wrong: int = 0
    stopped: int = 0
    draftable: int = 0
    misses: list[str] = field(default_factory=list)

    @staticmethod
    def _pr(tp: int, fp: int, fn: int) -> tuple[float, float]:
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r

    @property
    def materials_pr(self) -> tuple[float, float]:
        return self._pr(self.materials_tp, self.materials_fp, self.materials_fn)

    @property
    def requirements_pr(self) -> tuple[float, float]:
        return self._pr(self.requirements_tp, self.requirements_fp, self.requirements_fn)

    @property
    def roles_prf(self) -> tuple[float, float, float]:
        p, r = self._pr(self.roles_tp, self.roles_fp, self.roles_fn)
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def education_pr(self) -> tuple[float, float]:
        return self._pr(self.edu_tp, self.edu_fp, self.edu_fn)

    def accuracy(self, name: str) -> float:
        table = self.posting_fields if name in self.posting_fields else self.resume_fields
        ok, n = table[name]
        return ok / n if n else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "postings_en": self.postings_en,
            "postings_other": self.postings_other,
            "posting_fields": {k: self.accuracy(k) for k in self.posting_fields},
            "materials": dict(zip(("precision", "recall"), self.materials_pr, strict=True)),
            "requirements": (
                {
                    "postings": self.requirements_scored,
                    **dict(zip(("precision", "recall"), self.requirements_pr, strict=True)),
                }
                if self.requirements_scored
                else None
            ),
            "declined_other": list(self.declined_other),
            "department_exact": (
                self.department_exact[0] / self.department_exact[1]
                if self.department_exact[1]
                else 0.0
            ),
            "resumes": self.resumes,
            "resume_fields": {k: self.accuracy(k) for k in self.resume_fields},
            "roles": dict(zip(("precision", "recall", "f1"), self.roles_prf, strict=True)),
            "education": dict(zip(("precision", "recall"), self.education_pr, strict=True)),
            "clean_failures": list(self.clean_failures),
            "silent_wrong": self.silent_wrong,
            "stopped": self.stopped,
            "draftable": self.draftable,
            "misses": self.misses,
        }


def _gold(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _gold_if_any(path: Path) -> list[dict[str, Any]]:
    """The gold records of ``path``, none when the folder holds only the other kind of document."""
    return _gold(path) if path.is_file() else []


def _bump(table: dict[str, tuple[int, int]], name: str, ok: bool) -> None:
    good, n = table.get(name, (0, 0))
    table[name] = (good + ok, n + 1)


def _declined(exc: BaseException | None, posting: Any) -> bool:
    if exc is not None:
        from referral_ai.errors import InputError

        return isinstance(exc, InputError) and "language" in str(exc).lower()
    report = getattr(posting, "report", None)
    doubts = getattr(report, "doubts", []) if report is not None else []
    return any("language" in str(d).lower() for d in doubts)


def _blocking_check(
    s: CorpusScores, gold: dict[str, Any], parsed: Any, fields: tuple[str, ...]
) -> None:
    """Count a document whose stated fields are wrong but not doubted (it would be written)."""
    report = getattr(parsed, "report", None)
    doubted = {d.field for d in getattr(report, "doubts", []) if d.blocking}
    if doubted & set(fields):
        s.stopped += 1
        return
    s.draftable += 1
    wrong = [f for f in fields if not same_field(f, gold.get(f), getattr(parsed, f, None))]
    if wrong:
        s.silent_wrong += 1
        s.misses.append(f"{gold['file']}: SILENTLY WRONG (not doubted): {', '.join(wrong)}")


def _score_postings(corpus: Path, s: CorpusScores) -> None:
    import referral_ai as ra
    from referral_ai.errors import InputError

    declined, other = 0, 0
    for gold in _gold(corpus / "postings.jsonl"):
        path = corpus / "postings" / gold["file"]
        posting: Any = None
        exc: BaseException | None = None
        try:
            posting = ra.load_posting(path)
        except Exception as e:  # scored, and listed
            exc = e
        if gold.get("language", "en") != "en":
            other += 1
            ok = _declined(exc, posting)
            declined += ok
            if not ok:
                s.misses.append(f"{gold['file']}: {gold['language']} posting not declined")
            continue
        s.postings_en += 1
        if exc is not None:
            kind = "error" if isinstance(exc, InputError) else "CRASH"
            s.misses.append(f"{gold['file']}: {kind} {type(exc).__name__}: {exc}")
        for name in POSTING_FIELDS:
            got = getattr(posting, name, None) if posting is not None else None
            ok = posting is not None and same_field(name, gold.get(name), got)
            _bump(s.posting_fields, name, ok)
            if not ok and posting is not None:
                s.misses.append(f"{gold['file']}: {name} gold={gold.get(name)!r} got={got!r}")
        got_unit = getattr(posting, "department", None) if posting is not None else None
        exact = posting is not None and _same_department_exact(gold.get("department"), got_unit)
        s.department_exact = (s.department_exact[0] + exact, s.department_exact[1] + 1)
        if posting is not None:
            _blocking_check(s, gold, posting, ("title", "company"))
        want = material_names(gold.get("required_materials", []))
        have = (
            {m.material.value for m in posting.required_materials} if posting is not None else set()
        )
        s.materials_tp += len(want & have)
        s.materials_fp += len(have - want)
        s.materials_fn += len(want - have)
        if want != have and posting is not None:
            s.misses.append(
                f"{gold['file']}: materials missing={sorted(want - have)} extra={sorted(have - want)}"
            )
        if "requirements" in gold:
            _score_requirements(s, gold, posting)
    s.postings_other = other
    s.declined_other = (declined, other)


def _score_requirements(s: CorpusScores, gold: dict[str, Any], posting: Any) -> None:
    got = [str(r) for r in posting.requirements] if posting is not None else []
    matched, missed, extra = pair_requirements(list(gold["requirements"]), got)
    s.requirements_scored += 1
    s.requirements_tp += len(matched)
    s.requirements_fn += len(missed)
    s.requirements_fp += len(extra)
    s.misses.extend(f"{gold['file']}: requirement not found: {item!r}" for item in missed)
    s.misses.extend(f"{gold['file']}: extra requirement: {item!r}" for item in extra)


def _pair(
    s: CorpusScores,
    file: str,
    wanted: list[dict[str, Any]],
    got: list[Any],
    same: Callable[[dict[str, Any], Any], bool],
    missing: Callable[[dict[str, Any]], str],
    extra: Callable[[Any], str],
) -> tuple[int, int, int]:
    """Pair gold items with parsed ones greedily in order; (true, false, missed) positives."""
    used: set[int] = set()
    tp = 0
    for g in wanted:
        hit = next((i for i, item in enumerate(got) if i not in used and same(g, item)), None)
        if hit is None:
            s.misses.append(f"{file}: {missing(g)}")
        else:
            used.add(hit)
            tp += 1
    for i, item in enumerate(got):
        if i not in used:
            s.misses.append(f"{file}: {extra(item)}")
    return tp, len(got) - len(used), len(wanted) - tp


def _unreadable(gold: dict[str, Any]) -> bool:
    return not gold.get("name") and not gold.get("roles") and not gold.get("email")


def _score_resumes(corpus: Path, s: CorpusScores) -> None:
    import referral_ai as ra
    from referral_ai.errors import InputError

    clean, expected = 0, 0
    for gold in _gold(corpus / "resumes.jsonl"):
        path = corpus / "resumes" / gold["file"]
        resume: Any = None
        exc: BaseException | None = None
        try:
            resume = ra.load_resume(path)
        except Exception as e:
            exc = e
        if _unreadable(gold):
            expected += 1
            ok = isinstance(exc, InputError) and "\n" not in str(exc)
            clean += ok
            if not ok:
                s.misses.append(f"{gold['file']}: expected one clear InputError, got {exc!r}")
            continue
        s.resumes += 1
        if exc is not None:
            kind = "error" if isinstance(exc, InputError) else "CRASH"
            s.misses.append(f"{gold['file']}: {kind} {type(exc).__name__}: {exc}")
        for name in RESUME_FIELDS:
            if resume is None:
                got = None
            elif name == "name":
                got = resume.name
            else:
                got = getattr(resume.contact, name, None)
            ok = resume is not None and same_field(name, gold.get(name), got)
            _bump(s.resume_fields, name, ok)
            if not ok and resume is not None:
                s.misses.append(f"{gold['file']}: {name} gold={gold.get(name)!r} got={got!r}")
        if resume is not None:
            _blocking_check(s, gold, resume, ("name",))
        tp, fp, fn = _pair(
            s,
            gold["file"],
            gold.get("roles", []),
            list(resume.roles) if resume is not None else [],
            lambda g, r: (
                similar(g.get("title"), r.title) and similar(g.get("employer"), r.employer)
            ),
            lambda g: f"role not found: {g.get('title')!r} @ {g.get('employer')!r}",
            lambda r: f"extra role: {r.title!r} @ {r.employer!r}",
        )
        s.roles_tp, s.roles_fp, s.roles_fn = s.roles_tp + tp, s.roles_fp + fp, s.roles_fn + fn
        tp, fp, fn = _pair(
            s,
            gold["file"],
            gold.get("education", []),
            list(resume.education) if resume is not None else [],
            lambda g, e: similar(g.get("institution"), e.institution),
            lambda g: f"education not found: {g.get('institution')!r}",
            lambda e: f"extra education: {e.institution!r}",
        )
        s.edu_tp, s.edu_fp, s.edu_fn = s.edu_tp + tp, s.edu_fp + fp, s.edu_fn + fn
    s.clean_failures = (clean, expected)


def score_corpus(corpus: Path = DEFAULT_CORPUS) -> CorpusScores:
    """Parse every document of ``corpus`` and compare with its gold annotations."""
    s = CorpusScores()
    if (corpus / "postings.jsonl").is_file():
        _score_postings(corpus, s)
    if (corpus / "resumes.jsonl").is_file():
        _score_resumes(corpus, s)
    return s


def bare_read(path: Path) -> str:
    """The same file read with the bare library, for the timing baseline."""
    ext = path.suffix.lower()
    if ext == ".pdf":
        try:
            import pdfplumber
        except ImportError:
            from pypdf import PdfReader

            return "\n".join(p.extract_text() or "" for p in PdfReader(str(path)).pages)
        with pdfplumber.open(str(path)) as pdf:
            return "\n".join(p.extract_text() or "" for p in pdf.pages)
    if ext == ".docx":
        import docx

        d = docx.Document(str(path))
        parts = [p.text for p in d.paragraphs]
        for t in d.tables:
            parts += [c.text for row in t.rows for c in row.cells]
        return "\n".join(parts)
    if ext in {".html", ".htm", ".tpl"}:
        from bs4 import BeautifulSoup

        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text("\n")
    return path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- drafts built on the parse

_MARKUP_IN_DRAFT = re.compile(
    r"<[a-zA-Z/!][^>]{0,80}>|\{%|\{\{|%%%|^\s*[+-]{3}\s*$|\b(?:title|name|layout|date)\s*[:=]\s*[\"']|"
    r"^\s*#{1,6}\s|\]\(|&[a-z]+;",
    re.MULTILINE,
)


@dataclass
class DraftCheck:
    """Offline drafts for corpus documents: stopped by a doubt, or written and checked."""

    stopped: int = 0
    written: int = 0
    problems: list[str] = field(default_factory=list)


def _draft_text(posting: Any, resume: Any) -> tuple[str, str]:
    import referral_ai as ra

    ctx = ra.build_context(posting, resume, ra.Referral(contact="Dana Whitfield"))
    drafts = ra.compose_all(ctx, ra.OfflineWriter(), allow_invalid=True)
    letter = drafts[ra.DraftKind.cover_letter]
    follow = drafts[ra.DraftKind.follow_up]
    return letter.text, follow.text


def check_drafts(corpus: Path = DEFAULT_CORPUS, examples: Path | None = None) -> DraftCheck:
    """Draft offline for every corpus posting (with the example resume) and every corpus resume
    (with the example posting). A document whose parse blocks drafting counts as stopped; every
    written draft must name the gold title and company exactly, be signed with the gold name, and
    carry no markup or front-matter text.
    """
    import referral_ai as ra

    examples = examples or Path(__file__).resolve().parents[1] / "examples"
    base_posting = ra.load_posting(examples / "posting.md")
    base_resume = ra.load_resume(examples / "resume.md")
    out = DraftCheck()

    def written(
        name: str, letter: str, follow: str, title: str, company: str | None, who: str
    ) -> None:
        out.written += 1
        flat = " ".join(letter.split()).casefold()
        if " ".join(title.split()).casefold() not in flat:
            out.problems.append(f"{name}: the letter does not name the title {title!r}")
        if company and " ".join(company.split()).casefold() not in flat:
            out.problems.append(f"{name}: the letter does not name the company {company!r}")
        last = letter.rstrip().splitlines()[-1].strip() if letter.strip() else ""
        if norm(last) != norm(who):
            out.problems.append(f"{name}: the letter is signed {last!r}, not {who!r}")
        for text, what in ((letter, "letter"), (follow, "follow-up")):
            m = _MARKUP_IN_DRAFT.search(text.replace("# Cover letter", ""))
            if m:
                out.problems.append(f"{name}: markup in the {what}: {m.group(0)!r}")

    for gold in _gold_if_any(corpus / "postings.jsonl"):
        if gold.get("language", "en") != "en":
            continue
        try:
            posting = ra.load_posting(corpus / "postings" / gold["file"])
        except ra.InputError:
            out.stopped += 1
            continue
        if posting.report.blocking:
            out.stopped += 1
            continue
        letter, follow = _draft_text(posting, base_resume)
        written(
            gold["file"], letter, follow, gold["title"], gold["company"], base_resume.name or ""
        )
    for gold in _gold_if_any(corpus / "resumes.jsonl"):
        try:
            resume = ra.load_resume(corpus / "resumes" / gold["file"])
        except ra.InputError:
            out.stopped += 1
            continue
        if resume.report.blocking:
            out.stopped += 1
            continue
        letter, follow = _draft_text(base_posting, resume)
        written(
            gold["file"],
            letter,
            follow,
            base_posting.title,
            base_posting.company,
            gold["name"] or "",
        )
    return out
