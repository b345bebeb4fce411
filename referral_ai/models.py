"""The nouns of referral_ai: what is read, matched, drafted and checked.

Drafts are data, not behaviour. Every model is a pydantic v2 model; fields that the input does not
state are ``None`` (or empty), never guessed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

from referral_ai.findings import report_text, shorten
from referral_ai.kinds import FILE_MATERIALS as FILE_MATERIALS
from referral_ai.kinds import DraftKind as DraftKind
from referral_ai.kinds import Material as Material
from referral_ai.kinds import Severity as Severity
from referral_ai.style import LENGTH_RANGE, VOICE_SAMPLE_MAX_CHARS, Formality, Tone, _Choice


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Style(BaseModel):
    """Tone, formality, length in words and a sample of the candidate's own writing."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    tone: Tone = Tone.neutral
    formality: Formality | None = Field(
        default=None, description="None keeps each kind's usual formality."
    )
    length: int | None = Field(
        default=None,
        ge=LENGTH_RANGE[0],
        le=LENGTH_RANGE[1],
        description="Cover letter target in words; an upper bound for the emails.",
    )
    voice_sample: str | None = Field(
        default=None,
        max_length=VOICE_SAMPLE_MAX_CHARS,
        description="Text the candidate wrote, whose voice a model writer imitates (never its facts).",
    )

    @field_validator("tone", "formality", mode="before")
    @classmethod
    def _choice(cls, value: object, info: object) -> object:
        field = getattr(info, "field_name", "")
        enum: type[_Choice] = Tone if field == "tone" else Formality
        if value is None or isinstance(value, enum):
            return value
        return enum(value)  # raises the ValueError listing the valid values

    @field_validator("voice_sample")
    @classmethod
    def _sample(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        return value or None

    def __repr__(self) -> str:
        # the voice sample is the candidate's own text: its length only, never its words
        parts = [f"tone={self.tone.value!r}"]
        if self.formality is not None:
            parts.append(f"formality={self.formality.value!r}")
        if self.length is not None:
            parts.append(f"length={self.length}")
        if self.voice_sample:
            parts.append(f"voice_sample=<{len(self.voice_sample)} chars>")
        return f"Style({', '.join(parts)})"

    __str__ = __repr__


# --------------------------------------------------------------------------- inputs


class MaterialRequirement(_Model):
    """One material the posting mentions, with the sentence it came from."""

    material: Material
    source: str = Field(description="The posting's own sentence that asks for it.")
    required: bool = True
    alternatives: list[Material] = Field(
        default_factory=list,
        description="Materials that satisfy this one instead ('a portfolio or code sample').",
    )
    count: int | None = Field(
        default=None,
        ge=1,
        description="How many the posting asks for, when it says ('three writing samples' -> 3).",
    )

    @property
    def options(self) -> list[Material]:
        """The materials that meet this requirement: ``material``, then its alternatives."""
        return list(dict.fromkeys([self.material, *self.alternatives]))

    @property
    def label(self) -> str:
        """The options in words: "writing sample", "portfolio or code sample",
        "portfolio, code sample or writing sample"."""
        labels = [m.label for m in self.options]
        return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


class InputWarning(_Model):
    """Something found in an input that a person should know about (not an error)."""

    code: Literal["hidden-text", "injected-instruction", "encoding", "truncated"]
    message: str
    excerpt: str = ""


class Contact(_Model):
    """How to reach a person. Every field is optional."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    location: str | None = None
    links: list[str] = Field(default_factory=list)


class FieldNote(_Model):
    """Where one parsed field came from and how sure the parser is of it."""

    field: str = Field(description="The model field, e.g. 'title', 'company', 'name'.")
    source: str = Field(
        description="How it was found, in words: 'JSON-LD JobPosting', 'front matter', "
        "\"'Job Title:' label\", 'first heading', 'largest text on page 1', ..."
    )
    line: int | None = Field(default=None, description="1-based line of the visible text, if any.")
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)


class Doubt(_Model):
    """Something the parser is unsure of, said in words a job seeker understands, with its fix."""

    field: str
    message: str = Field(description="e.g. \"the name 'Contact' looks like a section heading\"")
    fix: str = Field(default="", description="How to correct it, e.g. '--name \"Ada Lovelace\"'.")
    blocking: bool = Field(
        default=False,
        description="True when drafting from this parse would write something false "
        "(candidate name, job title or company missing or doubtful).",
    )


class ParseReport(_Model):
    """What the parser read, where each field came from, and what it doubts."""

    fields: list[FieldNote] = Field(default_factory=list)
    doubts: list[Doubt] = Field(default_factory=list)

    def note(self, field: str) -> FieldNote | None:
        """The note for ``field``, if the parser recorded one."""
        return next((n for n in self.fields if n.field == field), None)

    @property
    def blocking(self) -> list[Doubt]:
        """Doubts that stop drafting until the user corrects the field."""
        return [d for d in self.doubts if d.blocking]


class Identifier(_Model):
    """A posting identifier with the label the posting gives it."""

    label: str = Field(
        description="requisition, position, job id, reference, announcement, vacancy, ..."
    )
    value: str


class JobPosting(_Model):
    """A job posting, parsed without a model."""

    title: str
    company: str | None = Field(default=None, description="The hiring organisation.")
    department: str | None = Field(
        default=None, description="The unit: department, faculty, lab, team."
    )
    location: str | None = None
    req_id: str | None = Field(
        default=None, description="The requisition id as written (the one an ask should name)."
    )
    identifiers: list[Identifier] = Field(
        default_factory=list, description="Every identifier found, each with its label."
    )
    language: str | None = Field(default=None, description="ISO 639-1 code of the text.")
    url: str | None = None
    requirements: list[str] = Field(default_factory=list)
    nice_to_haves: list[str] = Field(default_factory=list)
    responsibilities: list[str] = Field(default_factory=list)
    materials: list[MaterialRequirement] = Field(default_factory=list)
    contact: str | None = Field(default=None, description="Hiring contact named in the posting.")
    deadline: str | None = Field(
        default=None,
        description="Application deadline: as written when unambiguous ('January 6, 2025'), ISO "
        "(YYYY-MM-DD) when the posting writes it numerically or as 'the 15th of October'.",
    )
    text: str = Field(default="", description="The visible text of the posting.")
    source: str | None = Field(default=None, description="File name or '<text>'.")
    warnings: list[InputWarning] = Field(default_factory=list)
    report: ParseReport = Field(default_factory=ParseReport)

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # short (repr, rich, devtools): the header fields and counts, never the whole text
        yield "title", shorten(self.title)
        for name in ("company", "department", "location", "req_id", "deadline"):
            value = getattr(self, name)
            if value:
                yield name, shorten(value)
        yield "requirements", len(self.requirements)
        yield "materials", len(self.materials)
        if self.report.doubts:
            yield "doubts", len(self.report.doubts)
        if self.source:  # a long path keeps its end (the file name)
            src = self.source
            yield "source", src if len(src) <= 60 else "\u2026" + src[-59:]

    def __str__(self) -> str:
        return repr(self)

    def _repr_html_(self) -> str:
        from referral_ai.display import posting_html

        return posting_html(self)

    @property
    def required_materials(self) -> list[MaterialRequirement]:
        """Materials the application requires."""
        return [m for m in self.materials if m.required]

    @property
    def optional_materials(self) -> list[MaterialRequirement]:
        """Materials the posting lists as optional."""
        return [m for m in self.materials if not m.required]

    @property
    def role_reference(self) -> str:
        """The exact role as an ask should name it: title, plus req id and/or link when known."""
        parts = [self.title]
        if self.req_id:
            parts.append(
                f"(Req {self.req_id})"
                if not self.req_id.lower().startswith("req")
                else f"({self.req_id})"
            )
        return " ".join(parts)


class Role(_Model):
    """One position on a resume."""

    employer: str | None = None
    title: str | None = None
    start: str | None = None
    end: str | None = None
    location: str | None = None
    bullets: list[str] = Field(default_factory=list)


class Education(_Model):
    """One education entry on a resume."""

    institution: str | None = None
    degree: str | None = None
    field: str | None = None
    start: str | None = None
    end: str | None = None
    details: list[str] = Field(default_factory=list)


class Project(_Model):
    """One project on a resume (a JSON Resume ``projects`` entry): what a student or a career
    changer drafts from when the resume lists no jobs."""

    name: str | None = None
    description: str | None = None
    start: str | None = None
    end: str | None = None
    url: str | None = None
    highlights: list[str] = Field(default_factory=list)


class Resume(_Model):
    """A resume, parsed without a model."""

    name: str | None = None
    contact: Contact = Field(default_factory=Contact)
    summary: str | None = None
    summary_voice: Literal["first", "third", "none"] = Field(
        default="none",
        description="'third' when the summary speaks about the candidate ('Jane is a seasoned...'): "
        "a writer must not quote it as the candidate's own words.",
    )
    roles: list[Role] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list)
    education: list[Education] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    certifications: list[str] = Field(default_factory=list)
    language: str | None = Field(
        default=None, description="ISO 639-1 code of the text; None when too short to judge."
    )
    text: str = Field(default="", description="The visible text of the resume.")
    source: str | None = None
    warnings: list[InputWarning] = Field(default_factory=list)
    report: ParseReport = Field(default_factory=ParseReport)

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # resume contents stay out of logs, tracebacks and pretty-printers (rich uses these too)
        yield "name", self.name
        yield "roles", len(self.roles)
        yield "education", len(self.education)
        if self.report.doubts:
            yield "doubts", len(self.report.doubts)
        yield "source", self.source

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.__repr_args__())
        return f"Resume({args})"

    __str__ = __repr__

    def _repr_html_(self) -> str:
        # the user's own resume in their own notebook; never used in logs or errors
        from referral_ai.display import resume_html

        return resume_html(self)


# --------------------------------------------------------------------------- matching


EvidenceSection = Literal["role", "summary", "skills", "education", "projects", "certifications"]
"""The part of a resume a line of evidence comes from."""


class Evidence(_Model):
    """A resume line that supports a requirement."""

    text: str = Field(description="The resume bullet / line, verbatim.")
    employer: str | None = None
    title: str | None = None
    section: EvidenceSection = "role"
    score: float = Field(ge=0.0, le=1.0)
    matched_terms: list[str] = Field(default_factory=list)


Strength = Literal["strong", "partial", "weak", "gap"]
"""How well a requirement is evidenced: its best evidence score in bands (see :data:`STRENGTH_BANDS`)."""

STRENGTH_BANDS: tuple[tuple[float, Strength], ...] = (
    (0.6, "strong"),
    (0.4, "partial"),
    (0.0, "weak"),
)
"""Lowest score of each band above a gap (no evidence): ``strong`` from 0.6, ``partial`` from 0.4."""


class RequirementMatch(_Model):
    """One posting requirement and the resume evidence for it (best first)."""

    requirement: str
    kind: Literal["requirement", "nice_to_have", "responsibility"] = "requirement"
    evidence: list[Evidence] = Field(default_factory=list)

    @property
    def score(self) -> float:
        """Best evidence score, 0 when there is none."""
        return max((e.score for e in self.evidence), default=0.0)

    @property
    def met(self) -> bool:
        """True when some evidence supports the requirement."""
        return bool(self.evidence)

    @property
    def strength(self) -> Strength:
        """``"gap"`` without evidence, else the band of :data:`STRENGTH_BANDS` the score falls in."""
        if not self.evidence:
            return "gap"
        score = self.score
        return next(name for low, name in STRENGTH_BANDS if score >= low)


FitVerdict = Literal["strong", "partial", "poor", "unknown"]
"""How well a resume fits a posting overall (:func:`referral_ai.matching.fit_verdict`)."""


class Fit(_Model):
    """How a resume meets a posting: evidence per requirement, gaps, required materials."""

    matches: list[RequirementMatch] = Field(default_factory=list)
    matched_skills: list[str] = Field(default_factory=list)
    required_materials: list[MaterialRequirement] = Field(default_factory=list)

    @property
    def gaps(self) -> list[str]:
        """Requirements with no evidence in the resume."""
        return [m.requirement for m in self.matches if m.kind == "requirement" and not m.met]

    @property
    def score(self) -> float:
        """Share of requirements with evidence, weighted by evidence strength (0..1)."""
        reqs = [m for m in self.matches if m.kind == "requirement"]
        if not reqs:
            return 0.0
        return sum(m.score for m in reqs) / len(reqs)

    @property
    def verdict(self) -> FitVerdict:
        """``strong`` / ``partial`` / ``poor`` overall, or ``unknown`` when the posting listed nothing
        to weigh; from the requirements' evidence (:func:`referral_ai.matching.fit_verdict`)."""
        from referral_ai.matching import fit_verdict

        return fit_verdict(self)

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # short (repr, rich, devtools), and no resume line in a log or a traceback: str(fit) and
        # the notebook view show the evidence
        reqs = [m for m in self.matches if m.kind == "requirement"]
        yield "verdict", self.verdict
        yield "score", round(self.score, 2)
        yield "requirements", len(reqs)
        yield "evidenced", sum(1 for m in reqs if m.met)
        yield "items", len(self.matches)
        if self.required_materials:
            yield "materials", len(self.required_materials)

    def rows(self) -> list[tuple[str, str, float, str]]:
        """One row per posting item: (kind, item, best score, best evidence or "—")."""
        return [
            (m.kind, m.requirement, m.score, m.evidence[0].text if m.evidence else "—")
            for m in self.matches
        ]

    def __str__(self) -> str:
        from referral_ai.matching import verdict_summary

        lines = [f"{verdict_summary(self)}; fit score {self.score:.2f}; gaps: {len(self.gaps)}"]
        for m, (kind, item, score, best) in zip(self.matches, self.rows(), strict=True):
            lines.append(f"{m.strength:<7} {score:.2f} [{kind}] {item}\n      {best}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from referral_ai.display import fit_html

        return fit_html(self)


# --------------------------------------------------------------------------- referral and drafts


class Referral(_Model):
    """Who introduced whom: the people around the ask.

    ``Referral()`` (no contact) is a cold application: nobody at the company to ask for a referral, so
    the follow-up goes to the hiring manager or recruiter and thanks no introducer.
    """

    contact: str | None = Field(
        default=None,
        description="The person at the company the candidate was introduced to; None: a cold application.",
    )
    contact_email: str | None = None
    introducer: str | None = Field(default=None, description="Who made the introduction.")
    introducer_email: str | None = None
    note: str | None = Field(default=None, description="How they met / what the introducer said.")


class Attachment(_Model):
    """A material sent with a draft: a file, or a note of how it is provided."""

    material: Material
    filename: str | None = None
    note: str | None = Field(
        default=None, description="e.g. 'link in the email', 'sent by referees'"
    )


class Issue(_Model):
    """One problem a validator found."""

    code: str = Field(description="Stable rule code, e.g. 'generic-ask'.")
    severity: Severity
    message: str
    start: int = Field(default=0, ge=0, description="Span start in the checked text.")
    end: int = Field(default=0, ge=0, description="Span end (exclusive).")
    suggestion: str = ""
    target: Literal["body", "subject", "posting", "resume"] = "body"


class Report(_Model):
    """What the validators found in one draft."""

    issues: list[Issue] = Field(default_factory=list)
    _checked: dict[str, tuple[str, int, int]] = PrivateAttr(default_factory=dict)

    @property
    def checked_texts(self) -> dict[str, tuple[str, int, int]]:
        """What each target's spans index, when :func:`validate` made this report: target
        (``"body"``, ``"subject"``) -> (text, start, end of that target's part of it). Empty for a
        report read back from JSON. Used to show the issues' words instead of offsets."""
        return dict(self._checked)

    def with_texts(self, texts: dict[str, tuple[str, int, int]]) -> Report:
        """Record what the spans index (see :attr:`checked_texts`) and return this report."""
        self._checked = dict(texts)
        return self

    @property
    def errors(self) -> list[Issue]:
        """Issues that block sending."""
        return [i for i in self.issues if i.severity is Severity.error]

    @property
    def warnings(self) -> list[Issue]:
        """Issues that only inform."""
        return [i for i in self.issues if i.severity is Severity.warning]

    @property
    def ok(self) -> bool:
        """True when no issue is an error."""
        return not self.errors

    def codes(self) -> list[str]:
        """Codes of all issues, in order."""
        return [i.code for i in self.issues]

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # short (repr, rich, devtools): how the draft fared; str(report) lists the issues
        yield "errors", len(self.errors)
        yield "warnings", len(self.warnings)
        if self.issues:
            yield "codes", self.codes()

    def as_feedback(self) -> str:
        """The errors, phrased as instructions for a writer's re-ask."""
        lines = [
            f"- [{i.code}] {i.message}" + (f" Fix: {i.suggestion}" if i.suggestion else "")
            for i in self.errors
        ]
        return "The draft has problems that must be fixed:\n" + "\n".join(lines) if lines else ""

    def __str__(self) -> str:
        return report_text(self.issues, self._checked)

    def _repr_html_(self) -> str:
        from referral_ai.display import report_html

        return report_html(self)


class Usage(_Model):
    """Tokens, calls and cost spent on a draft or a batch."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = 0
    cost_usd: float | None = None

    @property
    def total_tokens(self) -> int:
        """Prompt plus completion tokens."""
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: Usage) -> Usage:
        cost = (
            None
            if self.cost_usd is None and other.cost_usd is None
            else (self.cost_usd or 0.0) + (other.cost_usd or 0.0)
        )
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            calls=self.calls + other.calls,
            cost_usd=cost,
        )


class Draft(_Model):
    """A written document: its text, subject (emails), attachments, blurb, report and usage."""

    kind: DraftKind
    body: str
    subject: str | None = None
    to: str | None = Field(default=None, description="Recipient name.")
    blurb: str | None = Field(default=None, description="Paste-ready referral blurb (follow-up).")
    attachments: list[Attachment] = Field(default_factory=list)
    report: Report | None = None
    usage: Usage = Field(default_factory=Usage)
    writer: str = Field(default="offline", description="'offline' or the model that wrote it.")
    notes: list[str] = Field(
        default_factory=list,
        description="What the writer had to do, e.g. prompt sections dropped to fit the model's context window.",
    )

    @property
    def text(self) -> str:
        """Subject line (if any) and body, as a person reads the email."""
        return f"Subject: {self.subject}\n\n{self.body}" if self.subject else self.body

    def __str__(self) -> str:
        """The text a person sends: the subject line then the body (emails), or the letter."""
        return self.text

    def _repr_html_(self) -> str:
        from referral_ai.display import draft_html

        return draft_html(self)

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # short (repr, rich, devtools): what it is and how it fared; str(draft) is the document
        yield "kind", self.kind.value
        yield "writer", self.writer
        yield "words", len(self.body.split())
        if self.attachments:
            yield "attachments", len(self.attachments)
        if self.report is None:
            yield "report", "not checked"
        else:
            yield (
                "report",
                f"{len(self.report.errors)} error(s), {len(self.report.warnings)} warning(s)",
            )


class DraftContext(_Model):
    """Everything a writer and the validators need about one application."""

    posting: JobPosting
    resume: Resume
    referral: Referral
    fit: Fit
    salary_expectations: str | None = Field(
        default=None,
        description="The candidate's own answer when the posting asks for salary expectations "
        "(e.g. 'USD 150,000-165,000 base'); writers state it verbatim and never invent one.",
    )
    style: Style | None = Field(
        default=None, description="Tone, formality, length and voice (None: each kind's defaults)."
    )
    attachments: list[Attachment] | None = Field(
        default=None,
        description="How the output plan provides each material (the files the .eml attaches, "
        "links, notes such as 'not attached; I will send them with my application'); set by the "
        "plan for its writer, so the letter and the emails say what the set carries. None: no plan.",
    )

    @property
    def cold(self) -> bool:
        """True when nobody at the company was named: the candidate applies without a referral."""
        return not (self.referral.contact or "").strip()

    def __repr__(self) -> str:
        return f"DraftContext(role={self.posting.title!r}, company={self.posting.company!r})"

    __str__ = __repr__
