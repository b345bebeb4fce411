"""The tailored resume: the candidate's own resume reshaped for one posting, without a new fact.

:func:`tailor` reorders what the resume already says:

- the roles whose bullets evidence the posting's requirements come first (in their own order), the
  others after them under "Other experience"; within a role the evidencing bullets come first,
  strongest first (the evidence is :func:`referral_ai.matching.match`'s :class:`~referral_ai.models.Fit`);
- the skills the posting names come first;
- a short summary: the resume's own summary, or, when it has none, the most relevant role's title and
  employer and the matched skills, each taken from the resume;
- contact block, role dates, education and certifications as in the original.

Every line is a list of *facts* (pieces of text) that :func:`check` finds verbatim in the original
resume (whitespace, case and dash style aside); its line number there is the proof, written next to the
resume as ``...-Resume-Check.json`` (:meth:`TailoredResume.proof`). A line that cannot be traced is
left out. A resume too long for two pages loses its least relevant bullets, and
:attr:`TailoredResume.left_out` says which (the CLI prints it as a warning).
"""

from __future__ import annotations

import bisect
import dataclasses
import json
import os
import re
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import IO, Any, Literal

from referral_ai.models import Fit, JobPosting, Resume, Role
from referral_ai.recent import Recent

__all__ = ["Line", "TailoredResume", "check", "resume_docx_bytes", "tailor", "write_resume_docx"]

Style = Literal["name", "contact", "heading", "role", "detail", "bullet", "text"]
_STYLE_NAMES: dict[str, str] = {
    "name": "Resume Name",
    "contact": "Resume Contact",
    "heading": "Resume Heading",
    "role": "Resume Role",
    "detail": "Resume Detail",
    "bullet": "Resume Bullet",
    "text": "Resume Text",
}
_KIND_WEIGHT = {"requirement": 1.0, "nice_to_have": 0.6, "responsibility": 0.4}
# Section headings are the document's own words, not facts about the candidate.
HEADINGS = ("Summary", "Experience", "Relevant experience", "Other experience", "Skills",
            "Education", "Projects", "Certifications")  # fmt: skip
FONT_SIZE = 10.5
MARGIN_IN = 0.7
_ONE_LINE = 84  # characters of a bold role line that fit beside its dates


@dataclass
class Line:
    """One paragraph of the tailored resume: its text, style, the facts it states (each found
    verbatim in the original) and, for a role or degree line, the dates shown on the right.
    ``original``: the resume's own line when ``text`` is a model's rewording of it (checked by
    :mod:`referral_ai.export.reword`; the facts are the original line's)."""

    text: str
    style: Style
    facts: tuple[str, ...] = ()
    right: str = ""
    original: str | None = None


@dataclass
class TailoredResume:
    """The tailored resume as lines, what was left out, and the proof of every fact."""

    lines: list[Line]
    left_out: list[str] = field(default_factory=list)
    proofs: list[dict[str, Any]] = field(default_factory=list)
    author: str = ""
    rewording: dict[str, Any] | None = None

    @property
    def text(self) -> str:
        """The text a reader sees, one paragraph a line (dates after a tab)."""
        return "\n".join(ln.text + (f"\t{ln.right}" if ln.right else "") for ln in self.lines)

    def copy(self) -> TailoredResume:
        """An independent copy (lines, lists and proof records), without ``copy.deepcopy``'s walk."""
        return TailoredResume(
            lines=[dataclasses.replace(ln) for ln in self.lines],
            left_out=list(self.left_out),
            proofs=[{**p, "facts": [dict(f) for f in p.get("facts", [])]} for p in self.proofs],
            author=self.author,
            rewording=dict(self.rewording) if self.rewording is not None else None,
        )

    def proof(self) -> dict[str, Any]:
        """A JSON-ready proof: for every line, each fact and the line of the original it is on;
        with a model's rewording (``"rewording"``), each bullet's original, rewording and verdict."""
        proof: dict[str, Any] = {
            "ok": all(p["found"] for p in self.proofs),
            "lines": self.proofs,
            "left_out": self.left_out,
            "rule": "every fact of every line appears verbatim in the original resume "
            "(ignoring case, spacing and dash style); headings are the document's own words; "
            "a reworded line's fact is its original line",
        }
        if self.rewording is not None:
            proof["rewording"] = self.rewording
        return proof

    def proof_json(self) -> str:
        """:meth:`proof` as the file ``Resume-Check.json`` holds it (indented JSON). A batch tailors
        the resume alike for many postings: the same proof is indented once (Python's indenting
        encoder costs several times the compact one that keys it)."""
        proof = self.proof()
        key = json.dumps(proof, ensure_ascii=False)
        return _PROOF_JSON.made(key, lambda: json.dumps(proof, indent=2, ensure_ascii=False))


_PROOF_JSON: Recent[str, str] = Recent(32)


# --------------------------------------------------------------------------- finding facts

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_SPACE = re.compile(r"\s+")
_MARKUP = re.compile(r"[*_`#>]|^\s*[-\u2022\u25aa\u25cf\u00b7]\s*")


def _norm(text: str) -> str:
    text = _DASHES.sub("-", text).replace("\u00a0", " ")
    return _SPACE.sub(" ", _MARKUP.sub(" ", text)).strip().casefold()


class _Source:
    """The original resume's visible text, normalised, with the line each offset is on."""

    def __init__(self, resume: Resume) -> None:
        parts: list[str] = []
        self.starts: list[int] = []
        pos = 0
        for raw in resume.text.splitlines():
            n = _norm(raw)
            self.starts.append(pos)
            parts.append(n)
            pos += len(n) + 1
        self.text = " ".join(parts)
        self.joined = _SPACE.sub(" ", self.text)
        fields = [resume.name or "", resume.summary or "", *resume.skills, *resume.certifications]
        c = resume.contact
        fields += [c.name or "", c.email or "", c.phone or "", c.location or "", *c.links]
        for r in resume.roles:
            fields += [
                r.title or "",
                r.employer or "",
                r.start or "",
                r.end or "",
                r.location or "",
            ]
            fields += r.bullets
        for e in resume.education:
            fields += [
                e.degree or "",
                e.field or "",
                e.institution or "",
                e.start or "",
                e.end or "",
            ]
            fields += e.details
        for pr in resume.projects:
            fields += [pr.name or "", pr.description or "", pr.start or "", pr.end or ""]
            fields += pr.highlights
        self.fields = {_norm(f) for f in fields if f.strip()}

    def find(self, fact: str) -> int | None:
        """The 1-based line of the original where ``fact`` is, 0 when it is a parsed field of a
        resume without text, None when it is not in the original."""
        n = _norm(fact)
        if not n:
            return None
        at = self.text.find(n)
        if at < 0:
            at = self.joined.find(n)
        if at >= 0:
            return bisect.bisect_right(self.starts, at)
        if not self.text.strip() and n in self.fields:
            return 0
        return None


def check(tailored: TailoredResume, resume: Resume) -> list[dict[str, Any]]:
    """Trace every fact of every line to the original; returns one proof entry per line."""
    src = _Source(resume)
    proofs: list[dict[str, Any]] = []
    for ln in tailored.lines:
        facts = []
        for fact in ln.facts:
            where = src.find(fact)
            facts.append({"fact": fact, "original_line": where})
        found = all(f["original_line"] is not None for f in facts) and (
            bool(facts) or ln.text in HEADINGS
        )
        proofs.append({"line": ln.text + (f" | {ln.right}" if ln.right else ""), "facts": facts,
                       "found": found})  # fmt: skip
    return proofs


# --------------------------------------------------------------------------- reshaping


def _bullet_scores(fit: Fit) -> dict[tuple[str | None, str | None, str], float]:
    scores: dict[tuple[str | None, str | None, str], float] = {}
    for m in fit.matches:
        w = _KIND_WEIGHT.get(m.kind, 0.4)
        for e in m.evidence:
            if e.section != "role":
                continue
            key = (e.employer, e.title, _norm(e.text))
            scores[key] = scores.get(key, 0.0) + w * e.score
    return scores


def _role_header(role: Role) -> tuple[str, tuple[str, ...]]:
    parts = [p.strip() for p in (role.title, role.employer) if p and p.strip()]
    return ", ".join(parts), tuple(parts)


def _dates(start: str | None, end: str | None) -> tuple[str, tuple[str, ...]]:
    parts = tuple(p.strip() for p in (start, end) if p and p.strip())
    return " \u2013 ".join(parts), parts


def _skill_first(skills: list[str], fit: Fit, posting: JobPosting) -> list[str]:
    named = {s.casefold() for s in fit.matched_skills}
    text = _norm(posting.text or " ".join(posting.requirements + posting.nice_to_haves))
    first: list[str] = []
    rest: list[str] = []
    for s in skills:
        n = _norm(s)
        hit = s.casefold() in named or (
            len(n) > 1 and re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text) is not None
        )
        (first if hit else rest).append(s)
    return first + rest


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _summary(resume: Resume, roles: list[Role], skills: list[str], fit: Fit) -> Line | None:
    if resume.summary and resume.summary.strip():
        text = " ".join(resume.summary.split())
        if len(text) > 420:
            kept: list[str] = []
            for sentence in _SENTENCE_END.split(text):
                if kept and len(" ".join([*kept, sentence])) > 420:
                    break
                kept.append(sentence)
            text = " ".join(kept)
        return Line(text, "text", tuple(_SENTENCE_END.split(text)))
    facts: list[str] = []
    head = ""
    if roles and roles[0].title:
        head = roles[0].title.strip()
        facts.append(head)
        if roles[0].employer:
            head += f" at {roles[0].employer.strip()}"
            facts.append(roles[0].employer.strip())
    matched = [s for s in skills if s.casefold() in {m.casefold() for m in fit.matched_skills}][:5]
    facts += matched
    if not head and not matched:
        return None
    tail = ", ".join(matched)
    text = f"{head}; {tail}." if head and tail else f"{head or tail}."
    return Line(text, "text", tuple(facts))


_TAILORED: Recent[tuple[object, ...], TailoredResume] = Recent(32)


def tailor(
    resume: Resume,
    fit: Fit,
    posting: JobPosting,
    *,
    page: str = "letter",
    max_pages: int = 2,
    fill: float = 0.97,
) -> TailoredResume:
    """The resume reshaped for ``posting`` (see the module doc), checked fact by fact.

    The result depends only on the resume, the evidence and the skills the posting names; the same
    ones (a batch of similar postings) are reshaped once (each caller gets its own copy)."""
    key = (
        resume.__pydantic_serializer__.to_json(resume),
        fit.__pydantic_serializer__.to_json(fit),
        hash(posting.text) if posting.text else tuple(posting.requirements + posting.nice_to_haves),
        page,
        max_pages,
        fill,
    )
    made = _TAILORED.made(
        key, lambda: _tailor(resume, fit, posting, page=page, max_pages=max_pages, fill=fill)
    )
    return made.copy()


def _tailor(
    resume: Resume, fit: Fit, posting: JobPosting, *, page: str, max_pages: int, fill: float
) -> TailoredResume:
    scores = _bullet_scores(fit)
    ranked: list[tuple[float, int, Role, list[str]]] = []
    for i, role in enumerate(resume.roles):
        bullets = [b.strip() for b in role.bullets if b.strip()]
        keyed = [
            (scores.get((role.employer, role.title, _norm(b)), 0.0), j, b)
            for j, b in enumerate(bullets)
        ]
        strong = sorted((k for k in keyed if k[0] > 0), key=lambda k: (-k[0], k[1]))
        weak = [k for k in keyed if k[0] <= 0]
        ordered = [b for _, _, b in strong] + [b for _, _, b in weak]
        ranked.append((sum(k[0] for k in strong), i, role, ordered))
    relevant = [r for r in ranked if r[0] > 0]
    other = [r for r in ranked if r[0] <= 0]
    by_relevance = sorted(relevant, key=lambda r: (-r[0], r[1]))
    skills = _skill_first([s.strip() for s in resume.skills if s.strip()], fit, posting)

    lines: list[Line] = []
    name = (resume.name or resume.contact.name or "").strip()
    if name:
        lines.append(Line(name, "name", (name,)))
    c = resume.contact
    contact = [p.strip() for p in (c.email, c.phone, c.location) if p and p.strip()]
    contact += [link.strip() for link in c.links[:3] if link.strip()]
    if contact:
        lines.append(Line(" \u00b7 ".join(contact), "contact", tuple(contact)))
    summary = _summary(resume, [r[2] for r in by_relevance] or list(resume.roles), skills, fit)
    if summary is not None:
        lines += [Line("Summary", "heading"), summary]

    # bullets that may be dropped to fit, least relevant first: (role order key, bullet)
    blocks: list[tuple[str, list[tuple[float, int, Role, list[str]]]]] = []
    if relevant and other:
        blocks = [("Relevant experience", relevant), ("Other experience", other)]
    elif ranked:
        blocks = [("Experience", relevant or other)]
    role_lines: list[tuple[int, Line]] = []  # (role index, bullet line)
    for heading, group in blocks:
        lines.append(Line(heading, "heading"))
        for _, i, role, bullets in group:
            header, facts = _role_header(role)
            when, dfacts = _dates(role.start, role.end)
            place = (role.location or "").strip()
            if header and when and len(header) + len(when) > _ONE_LINE:
                # too long for one line with the dates on the right: dates go under the title
                lines.append(Line(header, "role", facts))
                detail = f"{when} \u00b7 {place}" if place else when
                lines.append(Line(detail, "detail", dfacts + ((place,) if place else ())))
                place = ""
            elif header or when:
                lines.append(Line(header or when, "role", facts or dfacts, when if header else ""))
                if header and dfacts:
                    lines[-1].facts = facts + dfacts
            if place:
                lines.append(Line(place, "detail", (place,)))
            for b in bullets:
                ln = Line(b, "bullet", (b,))
                lines.append(ln)
                role_lines.append((i, ln))
    if skills:
        lines += [Line("Skills", "heading"), Line(" \u00b7 ".join(skills), "text", tuple(skills))]
    if resume.education:
        lines.append(Line("Education", "heading"))
        for e in resume.education:
            degree = ", ".join(p.strip() for p in (e.degree, e.field) if p and p.strip())
            facts = tuple(p.strip() for p in (e.degree, e.field, e.institution) if p and p.strip())
            head = " \u2014 ".join(p for p in (degree, (e.institution or "").strip()) if p)
            when, dfacts = _dates(e.start, e.end)
            if head or when:
                lines.append(Line(head or when, "role", facts + dfacts, when if head else ""))
            for d in e.details[:4]:
                if d.strip():
                    lines.append(Line(d.strip(), "bullet", (d.strip(),)))
    if resume.projects:
        lines.append(Line("Projects", "heading"))
        for pr in resume.projects:
            head = (pr.name or "").strip()
            when, dfacts = _dates(pr.start, pr.end)
            if head or when:
                lines.append(Line(head or when, "role", ((head,) if head else ()) + dfacts,
                                  when if head else ""))  # fmt: skip
            for text in ([pr.description] if pr.description else []) + pr.highlights:
                if text.strip():
                    lines.append(Line(text.strip(), "bullet", (text.strip(),)))
    certs = [x.strip() for x in resume.certifications if x.strip()]
    if certs:
        lines.append(Line("Certifications", "heading"))
        lines += [Line(x, "bullet", (x,)) for x in certs]

    tailored = TailoredResume(lines=lines, author=name)
    # 1. nothing that cannot be traced to the original
    proofs = check(tailored, resume)
    untraced = [ln for ln, p in zip(lines, proofs, strict=True) if not p["found"]]
    if untraced:
        tailored.lines = [ln for ln, p in zip(lines, proofs, strict=True) if p["found"]]
        tailored.left_out.append(
            f"{len(untraced)} line(s) not found verbatim in the original resume"
        )
    # 2. two pages at most: the least relevant bullets go first (other roles, oldest first)
    _fit_pages(tailored, role_lines, relevant_ids={r[1] for r in relevant}, resume=resume,
               page=page, max_pages=max_pages, fill=fill)  # fmt: skip
    tailored.lines = _drop_empty_headings(tailored.lines)
    tailored.proofs = check(tailored, resume)
    return tailored


def _drop_empty_headings(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    for i, ln in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if ln.style == "heading" and (nxt is None or nxt.style == "heading"):
            continue
        out.append(ln)
    return out


def estimated_height(lines: list[Line], page: str = "letter") -> float:
    """An estimate of the resume's height in points (Calibri/Carlito 10.5 pt), for the page limit."""
    width_pt = (8.5 if page == "letter" else 8.27) * 72 - 2 * MARGIN_IN * 72
    per_char = FONT_SIZE * 0.47  # Calibri / Carlito: about 0.47 em a character in running text
    line_h = FONT_SIZE * 1.22 * 1.08  # the font's line height, times Normal's 1.08 spacing
    total = 0.0
    for ln in lines:
        size = {"name": FONT_SIZE + 8, "heading": FONT_SIZE + 0.5}.get(ln.style, FONT_SIZE)
        width = (width_pt - (18 if ln.style == "bullet" else 0)) * 0.95  # words wrap early
        chars = len(ln.text) + (len(ln.right) + 6 if ln.right else 0)
        rows = max(1, -(-int(chars * per_char * size / FONT_SIZE) // int(width)))
        before, after = {"heading": (9, 3), "role": (5, 0), "contact": (0, 4), "text": (0, 3),
                         "bullet": (0, 1), "detail": (0, 1)}.get(ln.style, (0, 0))  # fmt: skip
        total += rows * line_h * size / FONT_SIZE + before + after
    return total


def page_height(page: str = "letter") -> float:
    """The usable height of one page in points."""
    return (11 if page == "letter" else 11.69) * 72 - 2 * MARGIN_IN * 72


def _fit_pages(
    tailored: TailoredResume,
    role_lines: list[tuple[int, Line]],
    *,
    relevant_ids: set[int],
    resume: Resume,
    page: str,
    max_pages: int,
    fill: float,
) -> None:
    budget = page_height(page) * max_pages * fill
    if estimated_height(tailored.lines, page) <= budget:
        return
    # candidates: last bullets of other roles (oldest role first), then weakest of relevant roles
    present = {id(ln) for ln in tailored.lines}
    candidates = [(i, ln) for i, ln in role_lines if id(ln) in present]
    others = [c for c in candidates if c[0] not in relevant_ids]
    mine = [c for c in candidates if c[0] in relevant_ids]
    # the oldest other role first, each role's weakest (last) bullet first
    order = list(reversed(sorted(others, key=lambda c: c[0]))) + list(reversed(mine))
    dropped: dict[int, int] = {}
    kept_per_role: dict[int, int] = {}
    for i, _ in candidates:
        kept_per_role[i] = kept_per_role.get(i, 0) + 1
    gone: set[int] = set()
    # first pass: every role keeps one bullet; second: only the relevant roles keep theirs
    for keep_one in (True, False):
        for i, ln in order:
            if estimated_height(tailored.lines, page) <= budget:
                break
            if id(ln) in gone or (kept_per_role[i] <= 1 and (keep_one or i in relevant_ids)):
                continue
            tailored.lines = [x for x in tailored.lines if x is not ln]
            gone.add(id(ln))
            dropped[i] = dropped.get(i, 0) + 1
            kept_per_role[i] -= 1
    for i, n in sorted(dropped.items()):
        header, _ = _role_header(resume.roles[i])
        tailored.left_out.append(f"{n} bullet(s) of {header or f'role {i + 1}'} (to fit two pages)")


# --------------------------------------------------------------------------- .docx


def write_resume_docx(
    tailored: TailoredResume,
    dest: str | os.PathLike[str] | IO[bytes],
    *,
    page: Literal["letter", "a4"] = "letter",
    template: Path | None = None,
    overwrite: bool = False,
    values: dict[str, str] | None = None,
    date: Date | None = None,
) -> Path | None:
    """Write the tailored resume as a .docx (named styles: Resume Name, Resume Contact, Resume
    Heading, Resume Role, Resume Detail, Resume Bullet, Resume Text). Dates sit on the right of their
    role line (a right tab stop). ``template``: the user's .docx (styles, header, footer). ``date``:
    the document's created/modified time (a date or datetime; default now)."""
    from docx.oxml.ns import qn
    from docx.shared import Emu, Inches
    from lxml import etree

    from referral_ai.export.docx import (
        _BOLD,
        _RPR,
        _TAB,
        _VAL,
        _emit,
        _para,
        _run,
        _set_properties,
        _sid,
        _when,
        add_linked_text,
        new_document,
    )

    doc = new_document(page=page, font_size=FONT_SIZE, template=template, values=values)
    section = doc.sections[0]
    if template is None:
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Inches(MARGIN_IN))
    text_width = section.page_width - section.left_margin - section.right_margin
    # the XML python-docx's add_paragraph, tab_stops.add_tab_stop(RIGHT) and add_run (not bold)
    # make, built directly (a resume has dozens of lines)
    tab_at = str(Emu(text_width).twips)
    for ln in tailored.lines:
        p = _para(doc, _sid(_STYLE_NAMES[ln.style]))
        if ln.text:
            add_linked_text(p, ln.text)
        if ln.right:
            tab = etree.SubElement(etree.SubElement(p._p.pPr, qn("w:tabs")), _TAB)
            tab.set(qn("w:pos"), tab_at)
            tab.set(_VAL, "right")
            _run(p._p, "\t" + ln.right)
            not_bold = etree.Element(_RPR)
            etree.SubElement(not_bold, _BOLD).set(_VAL, "0")
            p._p[-1].insert(0, not_bold)
    _, stamp = _when(date)
    _set_properties(doc, author=tailored.author, title=f"Resume \u2014 {tailored.author}".strip(" \u2014"),
                    subject="Resume", when=stamp)  # fmt: skip
    return _emit(doc, dest, overwrite)


_DOCX_CACHE: Recent[tuple[object, ...], bytes] = Recent(32)


def resume_docx_bytes(
    tailored: TailoredResume,
    *,
    page: Literal["letter", "a4"] = "letter",
    template: Path | None = None,
    values: dict[str, str] | None = None,
) -> bytes:
    """The tailored resume's .docx as bytes; the same lines on the same page give the same bytes,
    built once (a batch of postings that reshape the resume alike builds it once)."""
    stamp = template.stat().st_mtime_ns if template is not None else None
    key = (
        tuple((ln.text, ln.style, ln.right) for ln in tailored.lines),
        tailored.author, page, str(template), stamp, tuple(sorted((values or {}).items())),
    )  # fmt: skip

    def build() -> bytes:
        import io

        buf = io.BytesIO()
        write_resume_docx(tailored, buf, page=page, template=template, values=values)
        return buf.getvalue()

    return _DOCX_CACHE.made(key, build)
