"""The model writer: drafts through the official ``openai`` SDK, against OpenAI or any compatible server.

Prompting is grounded: the system prompt (``prompts/system.md``) states the rules and the answer
format (``${output_schema}``, derived from :class:`~referral_ai.writers.output.DraftOutput` like the
JSON schema sent as ``response_format``) and holds no input text; the posting, the resume, the requirement-to-evidence lines, the materials and the referral go
only in the user message, each inside its own delimiters (``<posting>…</posting>``, ``<resume>``,
``<fit>``, ``<materials>``, ``<role>``, ``<referral>``; validator feedback in ``<feedback>``), with
any look-alike tags inside the inputs defanged. The prompt is trimmed to the model's context window
with :func:`referral_ai.tokens.fit_to_budget` (least relevant resume/posting parts first); what was
dropped is listed in ``Draft.notes``.

Structured output degrades gracefully, per endpoint: ``response_format`` ``json_schema`` (strict) →
``json_object`` → plain text. A server that rejects a mode (HTTP 400/422, or 500 as
llama-cpp-python's server does for ``json_schema``) is asked again in the next mode, and the working
mode is remembered for that base URL and model (process-wide, thread-safe). Whatever the mode, the
answer goes through the same tolerant extraction (JSON, JSON in a code fence, the first balanced
``{...}``, else the whole text as body with a ``Subject:`` line as subject), so a model that ignores
the schema does not crash the writer.

Truncation: a ``finish_reason`` of ``"length"`` is never parsed as if whole. The writer asks once
more with twice the ``max_tokens`` (capped by the context window) and raises
:class:`DraftOutputError` (a :class:`ModelOutputError`) when that is cut off too.

Every request goes through :func:`referral_ai.retry.call` / :func:`~referral_ai.retry.acall` (the
SDK's own retries are switched off), so errors arrive as :class:`~referral_ai.errors.ModelError`
subclasses. The API key never appears in ``repr``, logs or error messages.
"""

from __future__ import annotations

import copy
import functools
import json
import logging
import os
import re
import threading
from collections.abc import Awaitable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

import openai
from pydantic import ValidationError

from referral_ai import deadline, pricing, redact, retry, tokens
from referral_ai.errors import ModelError, ModelHTTPError, ModelOutputError, TemplateError
from referral_ai.inputs.language import foreign_resume, language_name, letter_language
from referral_ai.models import (
    Attachment,
    Draft,
    DraftContext,
    DraftKind,
    Material,
    Usage,
)
from referral_ai.templates import PromptTemplate, delimit, load_template
from referral_ai.tokens import Section, TokenCount
from referral_ai.writers.output import (
    DRAFT_JSON_SCHEMA,
    REWORD_JSON_SCHEMA,
    DraftOutput,
    OutputAttachment,
    RewordOutput,
    describe_output,
)

__all__ = [
    "DRAFT_JSON_SCHEMA",
    "STRUCTURED_MODES",
    "USAGE_ESTIMATED_NOTE",
    "DraftOutput",
    "DraftOutputError",
    "OpenAIWriter",
    "OutputAttachment",
    "Prompt",
    "StructuredMode",
    "build_prompt",
    "check_prompts",
    "forget_structured_modes",
    "normalize_base_url",
    "parse_output",
    "parse_reword",
    "prompt_settings",
    "provided_variables",
]

log = logging.getLogger(__name__)

USAGE_ESTIMATED_NOTE = "token counts estimated locally (the server sent no usage)"
"""The note on a draft whose usage was counted here because the server reported none."""

StructuredMode = Literal["json_schema", "json_object", "text"]
STRUCTURED_MODES: tuple[StructuredMode, ...] = ("json_schema", "json_object", "text")

# --------------------------------------------------------------------------- errors


class DraftOutputError(ModelOutputError):
    """The model's answer cannot be used (truncated, empty, JSON without a body...).

    ``usage`` is what the failed call(s) cost, so a caller that tries again can still account for it.
    """

    def __init__(self, message: str, *, usage: Usage | None = None) -> None:
        self.usage = usage or Usage()
        super().__init__(message)


# --------------------------------------------------------------------------- output extraction

_FENCE_RE = re.compile(r"```[ \t]*([A-Za-z0-9_-]*)[ \t]*\n(.*?)```", re.DOTALL)
_SUBJECT_RE = re.compile(
    r"^\s*(?:\*+\s*)?subject\s*:\s*(?:\*+\s*)?(.+?)\s*$", re.IGNORECASE | re.MULTILINE
)
_BODY_ALIASES = ("body", "email", "letter", "text", "content", "message", "cover_letter")


def _balanced_objects(text: str) -> list[str]:
    """Every top-level balanced ``{...}`` in ``text`` (string-aware), in order."""
    found: list[str] = []
    depth = 0
    start = -1
    in_string = False
    escaped = False
    for i, ch in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            continue
        if ch == '"' and depth > 0:
            in_string = True
        elif ch == "{":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "}" and depth > 0:
            depth -= 1
            if depth == 0:
                found.append(text[start : i + 1])
    return found


def _from_mapping(data: dict[str, Any]) -> DraftOutput | None:
    data = {str(k).lower(): v for k, v in data.items()}
    if not isinstance(data.get("body"), str) or not data.get("body", "").strip():
        for alias in _BODY_ALIASES[1:]:
            if isinstance(data.get(alias), str) and data[alias].strip():
                data["body"] = data.pop(alias)
                break
        else:
            for value in data.values():  # {"draft": {...}} wrappers
                if isinstance(value, dict):
                    inner = _from_mapping(value)
                    if inner is not None:
                        return inner
            return None
    try:
        return DraftOutput.model_validate(data)
    except ValidationError:
        return None


def _try_json(candidate: str) -> tuple[bool, DraftOutput | None]:
    """(parsed as a JSON object?, the draft in it if it has a usable body)."""
    try:
        data = json.loads(candidate, strict=False)
    except ValueError:
        return False, None
    if not isinstance(data, dict):
        return False, None
    return True, _from_mapping(data)


def _candidates(stripped: str) -> Iterator[str]:
    """Texts to try as JSON, in order; generated lazily, as a whole-JSON answer needs no scan."""
    yield stripped
    for m in _FENCE_RE.finditer(stripped):
        yield m.group(2)
    yield from _balanced_objects(stripped)


def parse_output(text: str) -> DraftOutput:
    """Extract a :class:`DraftOutput` from a model's answer, however it came back.

    Tries, in order: the whole text as JSON; JSON in a fenced code block; the first balanced
    ``{...}`` that is a JSON object with a body. Failing that, prose is taken as the body, with a
    leading ``Subject:`` line as the subject. Raises :class:`DraftOutputError` for an empty answer
    or for JSON that has no usable body.
    """
    stripped = text.strip()
    if not stripped:
        raise DraftOutputError("the model returned an empty answer")
    saw_json = False
    for candidate in _candidates(stripped):
        is_json, out = _try_json(candidate.strip())
        saw_json = saw_json or is_json
        if out is not None:
            return _clean(out)
    if stripped.startswith("{") or re.match(r"```\s*json", stripped, re.IGNORECASE):
        what = "has no non-empty 'body' field" if saw_json else "is malformed"
        raise DraftOutputError(f"the model's JSON answer {what}")
    # Prose: a "Subject:" line (near the top) becomes the subject, the rest the body.
    subject = None
    body = stripped
    m = _SUBJECT_RE.search(stripped)
    if m is not None and stripped[: m.start()].count("\n") <= 2:
        subject = m.group(1).strip().strip("*").strip()
        body = (stripped[: m.start()] + stripped[m.end() :]).strip()
    body = _FENCE_RE.sub(lambda fm: fm.group(2), body).strip()
    if not body:
        raise DraftOutputError("the model's answer has a subject but no body")
    return _clean(DraftOutput(subject=subject or None, body=body))


def parse_reword(text: str) -> RewordOutput:
    """Extract a :class:`RewordOutput` from a model's answer (the whole text, JSON in a fence, or
    the first balanced ``{...}`` with a ``lines`` list). Entries that are not ``{index, text}`` are
    skipped; raises :class:`DraftOutputError` when no JSON object with a ``lines`` list is found."""
    stripped = text.strip()
    if not stripped:
        raise DraftOutputError("the model returned an empty answer")
    for candidate in _candidates(stripped):
        try:
            data = json.loads(candidate.strip(), strict=False)
        except ValueError:
            continue
        if isinstance(data, list):
            data = {"lines": data}
        if not isinstance(data, dict) or not isinstance(data.get("lines"), list):
            continue
        kept = []
        for entry in data["lines"]:
            try:
                kept.append(RewordOutput.model_validate({"lines": [entry]}).lines[0])
            except ValidationError:
                continue
        return RewordOutput(lines=kept)
    raise DraftOutputError("the model's answer has no JSON object with a 'lines' list")


def _clean(out: DraftOutput) -> DraftOutput:
    def opt(value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        return value if value and value.lower() not in ("null", "none", "n/a") else None

    return out.model_copy(
        update={"subject": opt(out.subject), "blurb": opt(out.blurb), "body": out.body.strip()}
    )


_NON_LETTERS = re.compile(r"[^a-z]+")


def _material_key(name: str) -> str:
    return _NON_LETTERS.sub("_", name.lower()).strip("_")


def _material_names() -> dict[str, Material]:
    """Every accepted spelling -> material: values and labels (first material wins), then aliases."""
    names: dict[str, Material] = {}
    for m in Material:
        names.setdefault(m.value, m)
        names.setdefault(_material_key(m.label), m)
    aliases = {
        "resume_cv": Material.resume,
        "curriculum_vitae": Material.cv,
        "code_samples": Material.code_sample,
        "writing_samples": Material.writing_sample,
        "reference": Material.references,
        "transcript": Material.transcripts,
        "salary": Material.salary_expectations,
        "letter": Material.cover_letter,
    }
    for alias, m in aliases.items():
        names.setdefault(alias, m)
    return names


_MATERIAL_NAMES = _material_names()


@functools.lru_cache(maxsize=256)
def _material(name: str) -> Material | None:
    return _MATERIAL_NAMES.get(_material_key(name))


def _attachments(out: DraftOutput) -> list[Attachment]:
    result: list[Attachment] = []
    seen: set[Material] = set()
    for a in out.attachments:
        material = _material(a.material)
        if material is None or material in seen:
            continue
        seen.add(material)
        result.append(
            Attachment(material=material, filename=a.filename or None, note=a.note or None)
        )
    return result


# --------------------------------------------------------------------------- prompt building

# Priorities for fit_to_budget: higher = kept longer. Essentials are never dropped.
_P_ROLE_NO_EVIDENCE = 10  # minus position: older roles (later on the resume) go first
_P_NICE_TO_HAVE = 30
_P_POSTING_TEXT = 40
_P_CERTIFICATIONS = 44
_P_EDUCATION = 46
_P_PROJECTS = 48
_P_SKILLS = 50
_P_SUMMARY = 55
_P_ROLE_EVIDENCE = 80  # minus position
_P_REQUIREMENT = 89  # minus rank: the weakest evidenced requirement goes first
_ESSENTIAL_REQUIREMENTS = 3
_P_GAPS = 90
_P_FEEDBACK = 95  # minus position: the validator's first problems matter most on a re-ask

_GROUP_TAGS = ("role", "referral", "fit", "materials", "resume", "posting", "style", "voice")
# Blocks a template may place with ${style} / ${voice}; one that does not gets them after the inputs.
_APPENDED_GROUPS = ("style", "voice")
_NAME_VARIABLES = ("candidate", "contact", "introducer")
_OUTPUT_VARIABLE = "output_schema"  # the answer format in words, from DraftOutput
_OUTPUT_TEXT = describe_output()
_SYSTEM, _REASK, _REWORD = "system", "reask", "reword"
_REWORD_TEXT = describe_output(REWORD_JSON_SCHEMA)


def provided_variables(name: str) -> tuple[str, ...]:
    """The variables the writer fills in the prompt ``name`` (a kind's prompt, ``system`` or
    ``reask``); a template may declare others only with a front-matter default."""
    if name in (_SYSTEM, _REWORD):
        return (_OUTPUT_VARIABLE,)
    if name == _REASK:
        return ("feedback",)
    return (*_NAME_VARIABLES, *_GROUP_TAGS, _OUTPUT_VARIABLE)


def _check_variables(tpl: PromptTemplate, name: str) -> None:
    provided = provided_variables(name)
    unknown = [v for v in tpl.variables if v not in provided and v not in tpl.default_values]
    if unknown:
        raise TemplateError(
            f"{tpl.source}: variable(s) the writer does not provide: {', '.join(unknown)}; "
            f"available: {', '.join(provided)} (or give it a value under 'defaults:')"
        )
    if name == _REASK and (tpl.model is not None or tpl.temperature is not None):
        raise TemplateError(
            f"{tpl.source}: 'model' and 'temperature' belong in system.md or a kind's prompt; "
            "reask.md is sent with the kind's prompt and uses its settings"
        )


def _prompt_names() -> tuple[str, ...]:
    return (_SYSTEM, _REASK, _REWORD, *(k.value for k in DraftKind), *_COLD_PROMPTS.values())


def check_prompts(folder: Path | str) -> list[PromptTemplate]:
    """Load and check every ``*.md`` in a user prompts folder, as drafting would use it.

    Raises :class:`~referral_ai.errors.TemplateError` naming the file and the problem: not a
    folder, unreadable, bad front matter or body, a file name that is no prompt the writer uses, or
    a variable the writer does not provide (the message lists those it does). Used by the CLI for
    ``--prompts-dir`` whether or not a model drafts, and by :class:`OpenAIWriter`.
    """
    base = Path(folder)
    if not base.is_dir():
        raise TemplateError(f"prompts folder {str(base)!r} does not exist or is not a directory")
    names = _prompt_names()
    loaded = []
    for path in sorted(base.glob("*.md")):
        if path.stem not in names:
            raise TemplateError(
                f"{path}: not a prompt the writer uses (its prompts: {', '.join(names)})"
            )
        tpl = load_template(path.stem, base)
        _check_variables(tpl, path.stem)
        loaded.append(tpl)
    return loaded


def prompt_settings(
    name: DraftKind | str, prompts_dir: Path | str | None = None
) -> tuple[str | None, float | None]:
    """The ``model`` and ``temperature`` the prompt files set for the prompt ``name`` (a kind, or
    the prompt it is drafted with, see :func:`prompt_name`): that file's front matter, else
    ``system.md``'s (None where neither sets one)."""
    task = load_template(name.value if isinstance(name, DraftKind) else name, prompts_dir)
    system = load_template(_SYSTEM, prompts_dir)
    model = task.model or system.model
    temperature = task.temperature if task.temperature is not None else system.temperature
    return model, temperature


_EMPTY_NOTE = {
    "posting": "(omitted to fit the model's context window; the role, requirements and materials are given above)",
    "resume": "(omitted to fit the model's context window; use only the evidence in <fit>)",
}


class Prompt:
    """The chat messages for one request, what was dropped to fit, and their token count.

    ``tokens`` is counted (with :func:`referral_ai.tokens.count_messages` for ``model``) the first
    time it is read, not when the prompt is built: a request whose server reports usage never needs
    it. Give ``tokens`` to the constructor to set it, or ``model`` to have it counted on demand.
    """

    __slots__ = ("_model", "_tokens", "dropped", "messages", "temperature")

    def __init__(
        self,
        messages: list[dict[str, str]],
        dropped: list[str],
        tokens: TokenCount | None = None,
        *,
        model: str | None = None,
        temperature: float | None = None,
    ) -> None:
        if tokens is None and model is None:
            raise ValueError("give the token count or the model to count it for")
        self.messages = messages
        self.dropped = dropped
        self._tokens = tokens
        self._model = model
        self.temperature = temperature
        """The sampling temperature the prompt files set (None: the writer's)."""

    @property
    def model(self) -> str | None:
        """The model the prompt is for (the prompt files' ``model`` when they set one)."""
        return self._model

    @property
    def tokens(self) -> TokenCount:
        """Prompt tokens of ``messages`` (OpenAI chat accounting; see :func:`~referral_ai.tokens.count_messages`)."""
        if self._tokens is None:
            assert self._model is not None
            self._tokens = _count_messages(self.messages, self._model)
        return self._tokens

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Prompt):
            return NotImplemented
        return (self.messages, self.dropped) == (other.messages, other.dropped)

    def __repr__(self) -> str:
        return f"Prompt(messages={self.messages!r}, dropped={self.dropped!r})"


def _role_block(ctx: DraftContext) -> str:
    p = ctx.posting
    rows = [
        ("Job title", p.title),
        ("Company", p.company),
        ("Req id", p.req_id),
        ("Posting link", p.url),
        ("Location", p.location),
        ("Hiring contact", p.contact),
        ("Application deadline", p.deadline),
    ]
    lines = [f"{k}: {v}" for k, v in rows if v]
    lines.append(f"Name the role as: {p.role_reference}")
    if foreign_resume(p, ctx.resume):  # the doubt drafting gives says the same to the user
        ours, theirs = language_name(letter_language(p)), language_name(ctx.resume.language)
        lines.append(
            f"Write in: {ours}, the posting's language. The resume is written in {theirs}: state "
            f"its facts in {ours} and never paste its {theirs} lines (the evidence lines are "
            "quoted from it)."
        )
    return "\n".join(lines)


def _referral_block(ctx: DraftContext) -> str:
    r = ctx.referral
    if ctx.cold:
        lines = [
            "No referral: a cold application. Nobody at the company introduced the candidate; "
            "write to the hiring contact in <role> when it names one, else to the hiring team, "
            "and mention no introduction and no referral."
        ]
        if r.introducer:
            lines.append(f"A friend who may introduce the candidate: {r.introducer}")
        return "\n".join(lines)
    lines = [f"Contact at the company: {r.contact}"]
    if r.introducer:
        lines.append(f"Introduced by: {r.introducer}")
    if r.note:
        lines.append(f"Note about the introduction: {r.note}")
    return "\n".join(lines)


def _style_block(ctx: DraftContext, kind: DraftKind) -> str:
    """The style the draft is written in: tone, formality, length, and the voice sample (as data)."""
    from referral_ai.style import FORMALITY_GUIDE, TONE_GUIDE, length_bounds
    from referral_ai.validators.rules import LENGTH_LIMITS

    style = ctx.style
    assert style is not None
    lines = [f"Tone: {TONE_GUIDE[style.tone]}."]
    if style.formality is not None:
        lines.append(f"Formality: {FORMALITY_GUIDE[style.formality]}.")
    if style.length is not None and kind is DraftKind.cover_letter:
        low, high = length_bounds(style.length)
        lines.append(
            f'Length: about {style.length} words in "body" (between {low} and {high}); this '
            "replaces any length given above."
        )
    elif style.length is not None:
        limit = min(style.length, LENGTH_LIMITS[kind])
        lines.append(f'Length: under {limit} words in "body"; this replaces any length above.')
    if style.voice_sample:
        lines.append(
            "Voice: write the way the candidate writes in <voice> (sentence length, word choice, "
            "contractions). It is a sample of their writing, not facts: take nothing from it."
        )
    return "\n".join(lines)


def _evidence_line(e: Any) -> str:
    where = ", ".join(x for x in (e.title, e.employer) if x)
    return f'  evidence: "{e.text}"' + (f" ({where})" if where else "")


def _sections(ctx: DraftContext, groups: set[str]) -> list[Section]:
    secs: list[Section] = []
    fit, posting, resume = ctx.fit, ctx.posting, ctx.resume
    if "role" in groups:
        secs.append(Section("role", _role_block(ctx), essential=True, group="role"))
    if "referral" in groups:
        secs.append(Section("referral", _referral_block(ctx), essential=True, group="referral"))
    if "fit" in groups:
        # Requirements with evidence, strongest first: the best few are essential, the rest may be
        # dropped (weakest first) when the context is short.
        met = sorted(
            (rm for rm in fit.matches if rm.kind == "requirement" and rm.met),
            key=lambda rm: -rm.score,
        )
        for i, rm in enumerate(met):
            secs.append(
                Section(
                    f"fit: requirement {i + 1}",
                    f"- requirement: {rm.requirement}\n" + _evidence_line(rm.evidence[0]),
                    _P_REQUIREMENT - i,
                    essential=i < _ESSENTIAL_REQUIREMENTS,
                    group="fit",
                )
            )
        if not met:
            secs.append(
                Section(
                    "fit: requirements with evidence",
                    "(no requirement has direct resume evidence)",
                    essential=True,
                    group="fit",
                )
            )
        if fit.matched_skills:
            secs.append(
                Section(
                    "fit: matched skills",
                    "Matched skills: " + ", ".join(fit.matched_skills),
                    _P_SKILLS + 10,
                    group="fit",
                )
            )
        # Responsibilities are left to the posting text; nice-to-haves with evidence are worth a line.
        extra = [m for m in fit.matches if m.kind == "nice_to_have" and m.met]
        if extra:
            text = "\n".join(
                f"- nice-to-have: {m.requirement}\n" + _evidence_line(m.evidence[0]) for m in extra
            )
            secs.append(
                Section("fit: nice-to-haves with evidence", text, _P_NICE_TO_HAVE, group="fit")
            )
        if fit.gaps:
            secs.append(
                Section(
                    "fit: requirements without evidence",
                    "No resume evidence (do not claim these): " + "; ".join(fit.gaps),
                    _P_GAPS,
                    group="fit",
                )
            )
    if "materials" in groups:
        mats = fit.required_materials or posting.required_materials
        # One line per posting sentence: "resume, cover letter (required): <the sentence>"
        by_source: dict[tuple[str, bool], list[str]] = {}
        for m in [*mats, *posting.optional_materials]:
            by_source.setdefault((m.source, m.required), []).append(m.material.label)
        lines = [
            f"- {', '.join(labels)} ({'required' if req else 'optional'}): {src}"
            for (src, req), labels in by_source.items()
        ]
        if ctx.attachments is not None:  # the output plan: say exactly this, nothing more
            from referral_ai.writers.offline import attachment_lines

            lines.append("What the email carries and how the rest is provided (say only this):")
            lines += attachment_lines(ctx.attachments) or ["- (nothing is attached)"]
        secs.append(
            Section(
                "materials",
                "\n".join(lines) or "(the posting names no materials)",
                essential=True,
                group="materials",
            )
        )
    if "resume" in groups:
        header = resume.name or "(name not given)"
        secs.append(Section("resume: name", f"Candidate: {header}", essential=True, group="resume"))
        if resume.summary:
            secs.append(
                Section(
                    "resume: summary",
                    f"Summary: {resume.summary}"
                    + (
                        "\n(This summary is written in the third person by someone else: state "
                        "its facts, never quote it as the candidate's own words.)"
                        if resume.summary_voice == "third"
                        else ""
                    ),
                    _P_SUMMARY,
                    group="resume",
                )
            )
        evidenced = {
            (e.employer, e.title) for m in fit.matches for e in m.evidence if e.section == "role"
        }
        for i, role in enumerate(resume.roles):
            head = " - ".join(x for x in (role.title, role.employer) if x) or "Role"
            dates = " to ".join(x for x in (role.start, role.end) if x)
            text = (
                head
                + (f" ({dates})" if dates else "")
                + "".join(f"\n  * {b}" for b in role.bullets)
            )
            has = (role.employer, role.title) in evidenced
            prio = (_P_ROLE_EVIDENCE if has else _P_ROLE_NO_EVIDENCE) - min(i, 9)
            secs.append(Section(f"resume: role {i + 1} ({head})", text, prio, group="resume"))
        if not resume.roles:
            secs.append(
                Section(
                    "resume: no jobs",
                    "The resume lists no jobs: draw on the candidate's education, projects and "
                    "skills below, and never mention a current or previous job or employer.",
                    essential=True,
                    group="resume",
                )
            )
        for i, project in enumerate(resume.projects):
            head = project.name or "Project"
            dates = " to ".join(x for x in (project.start, project.end) if x)
            text = (
                f"Project: {head}"
                + (f" ({dates})" if dates else "")
                + (f"\n  {project.description}" if project.description else "")
                + "".join(f"\n  * {h}" for h in project.highlights)
            )
            secs.append(
                Section(
                    f"resume: project {i + 1} ({head})",
                    text,
                    _P_PROJECTS - min(i, 9),
                    group="resume",
                )
            )
        if resume.skills:
            secs.append(
                Section(
                    "resume: skills",
                    "Skills: " + ", ".join(resume.skills),
                    _P_SKILLS,
                    group="resume",
                )
            )
        if resume.education:
            edu = [
                ", ".join(x for x in (e.degree, e.field, e.institution, e.end) if x)
                for e in resume.education
            ]
            secs.append(
                Section(
                    "resume: education",
                    "Education: " + "; ".join(edu),
                    _P_EDUCATION,
                    group="resume",
                )
            )
        if resume.certifications:
            secs.append(
                Section(
                    "resume: certifications",
                    "Certifications: " + "; ".join(resume.certifications),
                    _P_CERTIFICATIONS,
                    group="resume",
                )
            )
    if "posting" in groups and posting.text.strip():
        secs.append(
            Section("posting: text", posting.text.strip(), _P_POSTING_TEXT, group="posting")
        )
    return secs


def _feedback_sections(feedback: str) -> list[Section]:
    """Validator feedback as one section per distinct line: the first two (the heading and the first
    problem) are essential, later ones may be dropped (last first) when the context is short."""
    lines: list[str] = []
    for line in feedback.strip().splitlines():
        if line.strip() and line.strip() not in {seen.strip() for seen in lines}:
            lines.append(line.rstrip())
    return [
        Section(
            f"feedback line {i + 1}",
            line,
            _P_FEEDBACK - min(i, 5),
            essential=i < 2,
            group="feedback",
        )
        for i, line in enumerate(lines)
    ]


def _names(ctx: DraftContext) -> dict[str, str]:
    values = (
        ctx.resume.name or "the candidate",
        ctx.referral.contact or ctx.posting.contact or "the hiring team",
        ctx.referral.introducer or "a mutual contact",
    )
    return dict(zip(_NAME_VARIABLES, values, strict=True))


_COLD_PROMPTS = {DraftKind.follow_up: "follow_up_cold", DraftKind.reminder: "reminder_cold"}
"""The prompt a cold application (no contact) uses instead of the kind's own."""


def prompt_name(kind: DraftKind, ctx: DraftContext) -> str:
    """The prompt file ``kind`` is drafted with for ``ctx`` (a cold follow-up has its own)."""
    return _COLD_PROMPTS.get(kind, kind.value) if ctx.cold else kind.value


def build_prompt(
    kind: DraftKind,
    ctx: DraftContext,
    *,
    model: str,
    feedback: str | None = None,
    prompts_dir: Path | str | None = None,
    budget: int | None = None,
) -> Prompt:
    """Render the system and user messages for ``kind``, trimmed to ``budget`` prompt tokens.

    The system message is ``system.md`` (rules only, no input text). The user message is the kind's
    template filled with delimited data blocks, plus ``reask.md`` with ``feedback`` when given.
    ``budget=None`` means no trimming. Raises :class:`~referral_ai.errors.TemplateError` for a bad
    template and :class:`~referral_ai.errors.BudgetError` when even the essentials do not fit.
    """
    kind = DraftKind(kind)
    name = prompt_name(kind, ctx)
    system_tpl = load_template(_SYSTEM, prompts_dir)
    task = load_template(name, prompts_dir)
    reask = load_template(_REASK, prompts_dir) if feedback else None
    for tpl, tpl_name in ((system_tpl, _SYSTEM), (task, name), (reask, _REASK)):
        if tpl is not None:
            _check_variables(tpl, tpl_name)
    system = _system_text(system_tpl)
    names = {**_names(ctx), _OUTPUT_VARIABLE: _OUTPUT_TEXT}
    groups = tuple(g for g in _GROUP_TAGS if g in task.variables)
    feedback_secs = _feedback_sections(feedback) if reask is not None and feedback else []
    named = tuple((k, v) for k, v in names.items() if k in task.variables)

    fingerprint = ctx.__pydantic_serializer__.to_json(ctx)  # bytes of model_dump_json()
    parts = _context_parts(fingerprint, ctx, groups)
    # the style block is per kind (a letter's length is not an email's), so not in the shared parts
    style_secs = (
        [Section("style", _style_block(ctx, kind), essential=True, group="style")]
        if ctx.style is not None
        else []
    )
    if ctx.style is not None and ctx.style.voice_sample:
        style_secs.append(Section("voice", ctx.style.voice_sample, essential=True, group="voice"))
    sections = [*parts.sections, *style_secs, *feedback_secs]
    dropped: list[str] = []
    kept = sections
    if budget is not None:
        skeleton = system + "\n" + _render_empty(task, reask, named, groups, len(feedback_secs))
        # A token is at least one UTF-8 byte, so when the bytes fit, the tokens do: fit_to_budget
        # would keep everything and raise nothing. Only count exactly when the bound is not enough.
        size = (
            _utf8_len(skeleton)
            + parts.nbytes
            + sum(_utf8_len(s.text) for s in [*style_secs, *feedback_secs])
        )
        if size > budget:
            secs = [Section("instructions", skeleton, essential=True), *sections]
            result = tokens.fit_to_budget(secs, budget, model)
            kept = [s for s in result.kept if s.name != "instructions"]
            dropped = result.dropped
    if dropped:
        user = _render(task, reask, named, groups, kept, len(feedback_secs))
    else:  # everything kept: the task part is the same for every re-ask of this kind and context
        key = ("user", fingerprint, task)
        user = _parts_cache.get(key)
        if not isinstance(user, str):
            user = _render(task, None, named, groups, kept, 0)
            _parts_cache.put(key, user)
        if reask is not None:
            user += "\n" + _render_reask(reask, feedback_secs, len(feedback_secs))
    messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
    return Prompt(messages=messages, dropped=dropped, model=model)


class _Parts:
    """A context's prompt sections (in prompt order) and their total size in UTF-8 bytes."""

    __slots__ = ("nbytes", "sections")

    def __init__(self, sections: tuple[Section, ...]) -> None:
        self.sections = sections
        self.nbytes = sum(_utf8_len(s.text) for s in sections)


class _LRU:
    """A small thread-safe least-recently-used map."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._data: dict[Any, Any] = {}
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any:
        with self._lock:
            value = self._data.pop(key, None)
            if value is not None:
                self._data[key] = value  # most recent last
            return value

    def put(self, key: Any, value: Any) -> None:
        with self._lock:
            self._data.pop(key, None)
            self._data[key] = value
            while len(self._data) > self._size:
                del self._data[next(iter(self._data))]


# Keyed by the context's full JSON dump (models are mutable: a changed context is a new key) and,
# for rendered text, the template object (a user template edited on disk is a new template).
_parts_cache = _LRU(64)


def _context_parts(fingerprint: bytes, ctx: DraftContext, groups: tuple[str, ...]) -> _Parts:
    """The prompt sections of ``ctx`` for ``groups``: built once per context, then reused by every
    kind and re-ask drafted for it."""
    key = ("sections", fingerprint, groups)
    parts = _parts_cache.get(key)
    if not isinstance(parts, _Parts):
        parts = _Parts(tuple(_sections(ctx, set(groups))))
        _parts_cache.put(key, parts)
    return parts


def _render(
    task: PromptTemplate,
    reask: PromptTemplate | None,
    named: tuple[tuple[str, str], ...],
    groups: tuple[str, ...],
    kept: list[Section],
    n_feedback: int,
) -> str:
    """The user message: ``task`` filled with the ``kept`` sections' blocks, then the re-ask part."""
    values: dict[str, str] = dict(named)
    for group in groups:
        texts = [s.text for s in kept if s.group == group]
        joined = "\n".join(texts) if texts else _EMPTY_NOTE.get(group, "(none)")
        values[group] = _delimit(group, joined)
    user = task.render(**values)
    for group in _APPENDED_GROUPS:  # a template that does not place them: after the inputs
        texts = [s.text for s in kept if s.group == group]
        if texts and group not in groups:
            user += "\n\n" + _delimit(group, "\n".join(texts))
    if reask is None:
        return user
    return user + "\n" + _render_reask(reask, kept, n_feedback)


def _render_reask(reask: PromptTemplate, kept: list[Section], n_feedback: int) -> str:
    """The re-ask part: the kept feedback lines, and how many were left out."""
    lines = [s.text for s in kept if s.group == "feedback"]
    hidden = n_feedback - len(lines)
    if hidden:
        lines.append(f"(and {hidden} more line(s) left out to fit the context window)")
    return reask.render(feedback=_delimit("feedback", "\n".join(lines)))


@functools.lru_cache(maxsize=64)
def _render_empty(
    task: PromptTemplate,
    reask: PromptTemplate | None,
    named: tuple[tuple[str, str], ...],
    groups: tuple[str, ...],
    n_feedback: int,
) -> str:
    """The user message with no sections (the instructions alone), for budgeting."""
    return _render(task, reask, named, groups, [], n_feedback)


@functools.lru_cache(maxsize=16)
def _system_text(tpl: PromptTemplate) -> str:
    values = {_OUTPUT_VARIABLE: _OUTPUT_TEXT}
    return tpl.render(**{k: v for k, v in values.items() if k in tpl.variables})


@functools.lru_cache(maxsize=256)
def _delimit(tag: str, text: str) -> str:
    """:func:`~referral_ai.templates.delimit`, memoised: the same posting/resume blocks recur in every
    kind and re-ask drafted for one context."""
    return delimit(tag, text)


def _utf8_len(text: str) -> int:
    """Bytes of ``text`` in UTF-8: an upper bound on its tokens in any byte-level BPE encoding."""
    return len(text) if text.isascii() else len(text.encode("utf-8"))


def _count_messages(messages: list[dict[str, str]], model: str) -> TokenCount:
    return tokens.count_messages(messages, model)


# --------------------------------------------------------------------------- endpoint helpers

_mode_lock = threading.Lock()
_mode_cache: dict[tuple[str, str], StructuredMode] = {}


def forget_structured_modes() -> None:
    """Forget every remembered structured-output mode (the next call probes ``json_schema`` again)."""
    with _mode_lock:
        _mode_cache.clear()


def normalize_base_url(base_url: str) -> str:
    """``http://host:port`` → ``http://host:port/v1``; a URL with a path keeps it (no trailing slash)."""
    parts = urlsplit(base_url.strip())
    if not parts.scheme or not parts.netloc:
        raise ValueError(f"base_url must look like http://host:port[/v1], got {base_url!r}")
    path = parts.path.rstrip("/")
    if not path:
        path = "/v1"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _complete(client: Any, kwargs: dict[str, Any]) -> Any:
    """One chat completion request with the body ``kwargs``, through the SDK's documented
    low-level ``client.post`` (the same request, headers, errors and parsed ``ChatCompletion`` as
    ``client.chat.completions.create``). ``create`` first walks the whole body through the SDK's
    type-driven transform, which finds nothing to change in this plain JSON but took a third of
    the batch event loop's CPU (``benchmarks/bench_batch.py``). A coroutine for an async client."""
    from openai.types.chat import ChatCompletion

    return client.post("/chat/completions", body=kwargs, cast_to=ChatCompletion)


def _is_openai_host(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return host.endswith("openai.com") or host.endswith("azure.com")


def _is_reasoning_model(model: str) -> bool:
    name = model.rsplit("/", 1)[-1]
    return bool(re.match(r"^(o\d|gpt-5)", name))


# --------------------------------------------------------------------------- the writer


class OpenAIWriter:
    """Drafts with a chat model through the ``openai`` SDK (OpenAI or an OpenAI-compatible server).

    Build it from ``base_url`` / ``api_key`` (SDK clients are made with ``max_retries=0``; the retry
    layer is :mod:`referral_ai.retry`), or inject ``client`` / ``async_client``: injected OpenAI
    clients are copied with ``max_retries=0`` so retries are not doubled. ``base_url`` may end in
    ``/v1`` or not; without it ``OPENAI_BASE_URL`` is read, as the SDK does. The key comes from
    ``api_key``, else ``OPENAI_API_KEY``; with a base URL (given or from ``OPENAI_BASE_URL``) and no
    key at all a dummy key is sent (local servers need none).

    ``max_tokens`` bounds each answer (default 1024; 4096 for o-series / gpt-5, whose budget includes
    reasoning). ``timeout`` is the total deadline of one request in seconds (connect and the whole
    answer, however slowly it arrives; see :mod:`referral_ai.deadline`). ``context_window``
    overrides :func:`referral_ai.tokens.context_window` (set it to a local server's ``n_ctx``). ``structured_mode`` forces a mode instead of probing. ``prices``
    overrides :mod:`referral_ai.pricing` for the cost in ``Draft.usage``.

    ``prompts_dir`` is a folder of your own prompt files (see :mod:`referral_ai.templates`), checked
    when the writer is made (:func:`check_prompts`). A prompt file's ``model`` / ``temperature``
    front matter (the kind's file, else ``system.md``) overrides ``model`` / ``temperature`` for the
    drafts it writes; ``Draft.writer`` and the cost name the model actually sent.
    """

    def __init__(
        self,
        client: openai.OpenAI | None = None,
        *,
        async_client: openai.AsyncOpenAI | None = None,
        model: str,
        base_url: str | None = None,
        api_key: str | None = None,
        temperature: float = 0.3,
        max_tokens: int | None = None,
        prompts_dir: Path | str | None = None,
        retry_policy: retry.RetryPolicy | None = None,
        timeout: float = 120.0,
        context_window: int | None = None,
        structured_mode: StructuredMode | None = None,
        prices: dict[str, pricing.Price | tuple[float, float]] | None = None,
    ) -> None:
        if not model:
            raise ValueError(
                "model is required (e.g. 'gpt-4o-mini', or the name a local server serves)"
            )
        if structured_mode is not None and structured_mode not in STRUCTURED_MODES:
            raise ValueError(f"structured_mode must be one of {STRUCTURED_MODES}")
        self.model = model
        self.name = model
        self.temperature = temperature
        self.max_tokens = max_tokens or (4096 if _is_reasoning_model(model) else 1024)
        if self.max_tokens < 1:
            raise ValueError("max_tokens must be positive")
        self.prompts_dir = Path(prompts_dir) if prompts_dir is not None else None
        if self.prompts_dir is not None:
            check_prompts(self.prompts_dir)  # a broken prompt file fails here, not mid-batch
        self.retry_policy = retry_policy
        self.timeout = timeout
        self.context_window = context_window
        self.prices = prices
        self._forced_mode = structured_mode
        self._lock = threading.Lock()
        self._client = client.with_options(max_retries=0) if client is not None else None
        self._async_client = (
            async_client.with_options(max_retries=0) if async_client is not None else None
        )
        # Copies share the caller's connection pool: the caller closes injected clients.
        self._owns_sync = self._owns_async = False
        self._api_key = api_key
        for given_client in (client, async_client):
            if given_client is not None:
                redact.remember(given_client.api_key)
        if self._client is None and self._async_client is None:
            # Like the SDK: no base_url given reads OPENAI_BASE_URL (so a local server there needs no key)
            base_url = base_url or os.environ.get("OPENAI_BASE_URL") or None
            self.base_url: str | None = normalize_base_url(base_url) if base_url else None
            if (
                api_key is None
                and self.base_url is not None
                and not os.environ.get("OPENAI_API_KEY")
            ):
                self._api_key = "not-needed"
            try:
                self._client = self._make_sync()
                self._owns_sync = True
            except openai.OpenAIError:
                raise ModelError(
                    "no API key: set OPENAI_API_KEY or pass api_key "
                    "(or give base_url for a local OpenAI-compatible server, which needs none)"
                ) from None
        given = self._client or self._async_client
        assert given is not None
        # The URL the SDK really uses (it may come from OPENAI_BASE_URL): keys the mode cache.
        self._endpoint = str(given.base_url).rstrip("/")
        self.base_url = self._endpoint

    # ---- clients

    def _make_sync(self) -> openai.OpenAI:
        http = deadline.http_client(self.timeout)  # each request: timeout seconds in total
        try:
            if self._async_client is not None:
                c = self._async_client
                redact.remember(c.api_key)
                return openai.OpenAI(
                    api_key=c.api_key, base_url=c.base_url, organization=c.organization,
                    project=c.project, timeout=c.timeout, max_retries=0, http_client=http,
                )  # fmt: skip
            # base_url left out when not given, so the SDK applies OPENAI_BASE_URL / its default
            extra: dict[str, Any] = {"base_url": self.base_url} if self.base_url else {}
            redact.remember(self._api_key)
            return openai.OpenAI(
                api_key=self._api_key, timeout=self.timeout, max_retries=0, http_client=http,
                **extra,
            )  # fmt: skip
        except BaseException:
            http.close()
            raise

    def _make_async(self, *, keepalive: bool = False) -> openai.AsyncOpenAI:
        # No idle keep-alive connections by default: an asyncio connection outlives neither its event
        # loop nor a later asyncio.run() reusing this writer ("Event loop is closed"). Costs one
        # connect per call; with_keepalive() makes a copy for many calls inside one loop.
        http = deadline.async_http_client(
            self.timeout,
            limits=retry.transport.Limits(
                max_connections=1000, max_keepalive_connections=100 if keepalive else 0
            ),
        )
        c = self._client
        if c is not None:
            redact.remember(c.api_key)
            return openai.AsyncOpenAI(
                api_key=c.api_key, base_url=c.base_url, organization=c.organization, project=c.project,
                timeout=c.timeout, max_retries=0, http_client=http,
            )  # fmt: skip
        extra: dict[str, Any] = {"base_url": self.base_url} if self.base_url else {}
        redact.remember(self._api_key)
        return openai.AsyncOpenAI(
            api_key=self._api_key, timeout=self.timeout, max_retries=0, http_client=http, **extra
        )

    @property
    def client(self) -> openai.OpenAI:
        """The synchronous SDK client (``max_retries=0``)."""
        with self._lock:
            if self._client is None:
                self._client = self._make_sync()
                self._owns_sync = True
            return self._client

    @property
    def async_client(self) -> openai.AsyncOpenAI:
        """The asyncio SDK client (``max_retries=0``), derived from the sync one when not given."""
        with self._lock:
            if self._async_client is None:
                self._async_client = self._make_async()
                self._owns_async = True
            return self._async_client

    def with_keepalive(self) -> OpenAIWriter:
        """A copy of this writer whose asyncio client keeps connections open between calls.

        For many ``adraft`` calls inside ONE event loop (a batch): it saves a connection set-up per
        call. Await ``copy.aclose()`` in that loop when done (idle connections cannot outlive it).
        The copy shares this writer's settings and sync client (which it never closes). A writer
        given an ``async_client`` returns a copy that uses that client as it is.
        """
        twin = copy.copy(self)
        twin._lock = threading.Lock()
        twin._owns_sync = False
        if self._async_client is not None and not self._owns_async:
            twin._owns_async = False  # the caller's client: theirs to configure and close
            return twin
        twin._async_client = twin._make_async(keepalive=True)
        twin._owns_async = True
        return twin

    def close(self) -> None:
        """Close the sync SDK client this writer created (injected clients stay open)."""
        with self._lock:
            client, owned = self._client, self._owns_sync
            if owned:
                self._client, self._owns_sync = None, False
        if owned and client is not None:
            client.close()

    async def aclose(self) -> None:
        """Close the SDK clients this writer created (await it in the loop that ran ``adraft``)."""
        with self._lock:
            aclient, owned = self._async_client, self._owns_async
            if owned:
                self._async_client, self._owns_async = None, False
        if owned and aclient is not None:
            await aclient.close()
        self.close()

    def __enter__(self) -> OpenAIWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    async def __aenter__(self) -> OpenAIWriter:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        host = urlsplit(redact.redact_url(self._endpoint)).netloc
        return f"OpenAIWriter(model={self.model!r}, host={host!r})"

    __str__ = __repr__

    # ---- structured mode

    @property
    def structured_mode(self) -> StructuredMode | None:
        """The output mode in use for this endpoint and model (None until the first call decides)."""
        if self._forced_mode is not None:
            return self._forced_mode
        with _mode_lock:
            return _mode_cache.get((self._endpoint, self.model))

    def _current_mode(self, model: str) -> StructuredMode:
        if self._forced_mode is not None:
            return self._forced_mode
        with _mode_lock:
            return _mode_cache.get((self._endpoint, model)) or "json_schema"

    def _downgrade(self, failed: StructuredMode, exc: ModelError, model: str) -> StructuredMode:
        if (
            self._forced_mode is not None
            or failed == "text"
            or not retry.is_unsupported_response_format(exc)
        ):
            raise exc
        nxt = STRUCTURED_MODES[STRUCTURED_MODES.index(failed) + 1]
        with _mode_lock:
            _mode_cache[(self._endpoint, model)] = nxt
        log.info("%s rejected response_format %s; using %s from now on", self, failed, nxt)
        return nxt

    def _remember(self, mode: StructuredMode, model: str) -> None:
        if self._forced_mode is None:
            with _mode_lock:
                _mode_cache.setdefault((self._endpoint, model), mode)

    def _request(
        self,
        prompt: Prompt,
        mode: StructuredMode,
        max_tokens: int,
        schema: tuple[str, dict[str, Any]] = ("draft", DRAFT_JSON_SCHEMA),
    ) -> dict[str, Any]:
        model = self._model_of(prompt)
        schema_name, json_schema = schema
        kwargs: dict[str, Any] = {"model": model, "messages": prompt.messages}
        if _is_reasoning_model(model):
            kwargs["max_completion_tokens"] = max_tokens
        else:
            kwargs["max_tokens"] = max_tokens
            kwargs["temperature"] = (
                self.temperature if prompt.temperature is None else prompt.temperature
            )
        if mode == "json_schema":
            kwargs["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": schema_name, "strict": True, "schema": json_schema},
            }
        elif mode == "json_object":
            fmt: dict[str, Any] = {"type": "json_object"}
            if not _is_openai_host(self._endpoint):
                fmt["schema"] = json_schema  # llama-cpp-python turns this into a grammar
            kwargs["response_format"] = fmt
        return kwargs

    # ---- drafting

    def _window(self, model: str | None = None) -> int:
        return self.context_window or tokens.context_window(model or self.model)

    def _model_of(self, prompt: Prompt) -> str:
        return prompt.model or self.model

    def prompt(self, kind: DraftKind, ctx: DraftContext, *, feedback: str | None = None) -> Prompt:
        """The messages this writer would send for ``kind`` (budgeted to the context window), with
        the model and temperature the prompt files set for it (``model`` / ``temperature`` front
        matter of the kind's file, else of ``system.md``; they override the writer's own)."""
        set_model, temperature = prompt_settings(
            prompt_name(DraftKind(kind), ctx), self.prompts_dir
        )
        model = set_model or self.model
        window = self._window(model)
        _, approximate = tokens.encoding_for(model)
        room = window - self.max_tokens - 64
        budget = int(room * 0.8) if approximate else room  # another tokenizer may count more tokens
        built = build_prompt(
            kind,
            ctx,
            model=model,
            feedback=feedback,
            prompts_dir=self.prompts_dir,
            budget=max(budget, 0),
        )
        built.temperature = temperature
        return built

    def _usage(self, response: Any, prompt: Prompt, content: str, notes: list[str]) -> Usage:
        u = getattr(response, "usage", None)
        if u is not None and getattr(u, "prompt_tokens", None) is not None:
            p, c = int(u.prompt_tokens), int(u.completion_tokens or 0)
        else:
            p, c = prompt.tokens.tokens, tokens.count_tokens(content, self._model_of(prompt)).tokens
            if USAGE_ESTIMATED_NOTE not in notes:
                notes.append(USAGE_ESTIMATED_NOTE)
        return Usage(
            prompt_tokens=p,
            completion_tokens=c,
            calls=1,
            cost_usd=pricing.cost(self._model_of(prompt), p, c, prices=self.prices),
        )

    def _outcome(
        self, response: Any, prompt: Prompt, notes: list[str]
    ) -> tuple[Usage, DraftOutput | None]:
        """Usage of one answer and its parsed output; None output means truncated."""
        choices = getattr(response, "choices", None) or []
        if not choices:
            raise DraftOutputError("the model answered without any choices")
        choice = choices[0]
        message = choice.message
        content = message.content or ""
        usage = self._usage(response, prompt, content, notes)
        if choice.finish_reason == "length":
            return usage, None
        refusal = getattr(message, "refusal", None)
        if refusal and not content.strip():
            raise DraftOutputError(f"the model refused: {refusal}", usage=usage)
        try:
            return usage, parse_output(content)
        except DraftOutputError as exc:
            raise DraftOutputError(str(exc), usage=usage) from None

    def _next_max_tokens(self, prompt: Prompt, current: int) -> int | None:
        larger = min(current * 2, self._window(prompt.model) - prompt.tokens.tokens - 16)
        return larger if larger > current else None

    def _draft_from(
        self,
        kind: DraftKind,
        ctx: DraftContext,
        out: DraftOutput,
        usage: Usage,
        notes: list[str],
        model: str,
    ) -> Draft:
        contact = ctx.referral.contact or ctx.posting.contact  # cold: the hiring contact
        to = {
            DraftKind.cover_letter: ctx.posting.contact,
            DraftKind.follow_up: contact,
            DraftKind.reminder: contact,
            DraftKind.intro_request: ctx.referral.introducer,
        }[kind]
        return Draft(
            kind=kind,
            body=out.body,
            subject=None if kind is DraftKind.cover_letter else out.subject,
            to=to,
            blurb=out.blurb,
            attachments=_attachments(out),
            usage=usage,
            writer=model,
            notes=notes,
        )

    def _start(
        self, kind: DraftKind, ctx: DraftContext, feedback: str | None
    ) -> tuple[Prompt, list[str]]:
        prompt = self.prompt(kind, ctx, feedback=feedback)
        notes = []
        if prompt.dropped:
            notes.append(
                f"prompt trimmed to fit {self._model_of(prompt)}'s context window "
                f"({self._window(prompt.model)} tokens); dropped: " + ", ".join(prompt.dropped)
            )
            # section names can quote the resume (employers, titles): the log gets only a count
            log.info(
                "%s: dropped %d prompt section(s) to fit the context", self, len(prompt.dropped)
            )
        return prompt, notes

    def _send(
        self,
        prompt: Prompt,
        mode: StructuredMode,
        max_tokens: int,
        model: str,
        usage: Usage,
        schema: tuple[str, dict[str, Any]] = ("draft", DRAFT_JSON_SCHEMA),
    ) -> tuple[Any, StructuredMode, Usage, int]:
        """One request under the retry policy, stepping the structured-output mode down while the
        server rejects it: (response, the mode it accepted, usage so far, calls of the last try)."""
        client = self.client
        while True:
            kwargs = self._request(prompt, mode, max_tokens, schema)
            calls = 0

            def send(kwargs: dict[str, Any] = kwargs) -> Any:
                nonlocal calls
                calls += 1
                return _complete(client, kwargs)

            try:
                return retry.call(self.retry_policy, send), mode, usage, calls
            except ModelHTTPError as exc:
                usage = usage + Usage(calls=calls)
                mode = self._downgrade(mode, exc, model)

    def draft(self, kind: DraftKind, ctx: DraftContext, *, feedback: str | None = None) -> Draft:
        """Write a draft of ``kind`` for ``ctx``; ``feedback`` is a rejected attempt's validator report.

        Raises :class:`~referral_ai.errors.ModelError` subclasses (connection, HTTP, unusable or
        truncated output: :class:`DraftOutputError`), :class:`~referral_ai.errors.BudgetError` and
        :class:`~referral_ai.errors.TemplateError`.
        """
        kind = DraftKind(kind)
        prompt, notes = self._start(kind, ctx, feedback)
        usage = Usage()
        model = self._model_of(prompt)
        mode = self._current_mode(model)
        max_tokens = self.max_tokens
        while True:
            response, mode, usage, calls = self._send(prompt, mode, max_tokens, model, usage)
            step, out = self._outcome_counted(response, prompt, notes, usage, calls)
            usage = step
            self._remember(mode, model)
            if out is not None:
                return self._draft_from(kind, ctx, out, usage, notes, model)
            max_tokens = self._truncated(prompt, max_tokens, usage, notes)

    async def adraft(
        self, kind: DraftKind, ctx: DraftContext, *, feedback: str | None = None
    ) -> Draft:
        """Asyncio :meth:`draft` (same behaviour, via the SDK's async client and ``retry.acall``)."""
        kind = DraftKind(kind)
        prompt, notes = self._start(kind, ctx, feedback)
        usage = Usage()
        model = self._model_of(prompt)
        mode = self._current_mode(model)
        max_tokens = self.max_tokens
        client = self.async_client
        while True:
            kwargs = self._request(prompt, mode, max_tokens)
            calls = 0

            def send(kwargs: dict[str, Any] = kwargs) -> Awaitable[Any]:
                nonlocal calls
                calls += 1
                request: Awaitable[Any] = _complete(client, kwargs)
                return request

            try:
                response = await retry.acall(self.retry_policy, send)
            except ModelHTTPError as exc:
                usage = usage + Usage(calls=calls)
                mode = self._downgrade(mode, exc, model)
                continue
            step, out = self._outcome_counted(response, prompt, notes, usage, calls)
            usage = step
            self._remember(mode, model)
            if out is not None:
                return self._draft_from(kind, ctx, out, usage, notes, model)
            max_tokens = self._truncated(prompt, max_tokens, usage, notes)

    # ---- rewording the tailored resume's lines

    def reword_prompt(self, lines: Sequence[str], ctx: DraftContext) -> Prompt:
        """The messages of one request to reword ``lines`` (the tailored resume's bullets) for the
        posting of ``ctx``: ``prompts/reword.md`` is the system message (the rules and the answer
        format, no input text); the role, what the posting asks for and the numbered lines go in
        the user message, each inside its own delimiters. Its ``model`` / ``temperature`` front
        matter (else ``system.md``'s) apply as for a draft."""
        tpl = load_template(_REWORD, self.prompts_dir)
        _check_variables(tpl, _REWORD)
        values = {_OUTPUT_VARIABLE: _REWORD_TEXT}
        system = tpl.render(**{k: v for k, v in values.items() if k in tpl.variables})
        p = ctx.posting
        wanted = [*p.requirements, *p.nice_to_haves] or list(p.responsibilities)
        numbered = "\n".join(f"[{i}] {' '.join(text.split())}" for i, text in enumerate(lines))
        user = "\n\n".join(
            [
                "Reword each numbered line in <resume> for the job in <role>, following the rules; "
                "<posting> lists what the job asks for.",
                _delimit("role", _role_block(ctx)),
                _delimit("posting", "\n".join(f"- {w}" for w in wanted) or "(nothing listed)"),
                _delimit("resume", numbered),
            ]
        )
        model, temperature = prompt_settings(_REWORD, self.prompts_dir)
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        return Prompt(messages, [], model=model or self.model, temperature=temperature)

    def reword(self, lines: Sequence[str], ctx: DraftContext) -> tuple[RewordOutput, Usage]:
        """Ask the model, in one request, to reword ``lines`` for the posting of ``ctx``; returns
        its answer (:class:`RewordOutput`, parsed leniently: entries that are not ``{index, text}``
        are dropped) and the usage. Nothing here checks the lines: the caller keeps a line only
        when it passes the checks (:mod:`referral_ai.export.reword`).

        The same structured-output modes, retry policy and per-request deadline as a draft. Raises
        :class:`~referral_ai.errors.ModelError` subclasses (:class:`DraftOutputError`, with the
        usage, for an answer cut off at the token limit or with no ``lines`` list),
        :class:`~referral_ai.errors.BudgetError` when the lines do not fit the context window and
        :class:`~referral_ai.errors.TemplateError` for a broken ``reword.md``.
        """
        from referral_ai.errors import BudgetError

        prompt = self.reword_prompt(lines, ctx)
        model = self._model_of(prompt)
        room = self._window(model) - prompt.tokens.tokens - 16
        # the answer repeats every line (in new words) with its index: about twice their tokens
        wanted = 2 * tokens.count_tokens(" ".join(lines), model).tokens + 16 * len(lines) + 64
        max_tokens = min(max(self.max_tokens, wanted), room)
        if max_tokens < min(wanted, 256):
            raise BudgetError(
                f"the resume's {len(lines)} lines do not fit {model}'s context window "
                f"({self._window(model)} tokens) with room for the answer"
            )
        mode = self._current_mode(model)
        usage = Usage()
        notes: list[str] = []
        response, mode, usage, calls = self._send(
            prompt, mode, max_tokens, model, usage, ("reword", REWORD_JSON_SCHEMA)
        )
        self._remember(mode, model)
        choices = getattr(response, "choices", None) or []
        if not choices:
            raise DraftOutputError("the model answered without any choices", usage=usage)
        content = choices[0].message.content or ""
        usage = usage + self._usage(response, prompt, content, notes).model_copy(
            update={"calls": calls}
        )
        if choices[0].finish_reason == "length":
            raise DraftOutputError(f"output truncated at max_tokens={max_tokens}", usage=usage)
        try:
            return parse_reword(content), usage
        except DraftOutputError as exc:
            raise DraftOutputError(str(exc), usage=usage) from None

    def _outcome_counted(
        self, response: Any, prompt: Prompt, notes: list[str], usage: Usage, calls: int
    ) -> tuple[Usage, DraftOutput | None]:
        """Add this request's tokens and calls (retried attempts included) to ``usage``."""
        try:
            step, out = self._outcome(response, prompt, notes)
        except DraftOutputError as exc:
            total = usage + exc.usage.model_copy(update={"calls": calls})
            raise DraftOutputError(str(exc), usage=total) from None
        return usage + step.model_copy(update={"calls": calls}), out

    def _truncated(self, prompt: Prompt, max_tokens: int, usage: Usage, notes: list[str]) -> int:
        """The larger max_tokens for one more try, or raise when already retried / no room."""
        larger = (
            self._next_max_tokens(prompt, max_tokens) if max_tokens == self.max_tokens else None
        )
        if larger is None:
            raise DraftOutputError(f"output truncated at max_tokens={max_tokens}", usage=usage)
        notes.append(
            f"output truncated at max_tokens={max_tokens}; asked again with max_tokens={larger}"
        )
        log.info("%s: %s", self, notes[-1])
        return larger
