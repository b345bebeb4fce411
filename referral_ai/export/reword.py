"""Rewording the tailored resume's bullets with a model, each line checked against the original.

:func:`reword_resume` sends every role bullet of the resume to a model writer in one request
(:meth:`referral_ai.writers.openai_writer.OpenAIWriter.reword`: structured output, the writer's
retry policy and per-request deadline) and judges each answer line on its own. A reworded line is
used only when it

- passes ``ungrounded-claim`` against the original resume (the validator itself,
  :func:`~referral_ai.validators.claims.find_ungrounded_claims`; a bullet is the candidate's claim
  with its subject left out, so it is checked as "I ..."), and again against its own line (with
  its role's title, employer and dates): no number, employer, title or skill that this line does
  not state, even one found elsewhere on the resume;
- names no capitalised name, figure or code that the original line does not contain (a tool
  outside the validator's vocabulary, a product, a client);
- passes ``injected-instruction`` (no canary word that hidden text in the posting or resume asked
  for, no unknown link) and ``placeholder``;
- is one line, not empty, and not much longer than the original.

Otherwise the original line is kept and :class:`LineVerdict` says why. A writer without a
``reword`` method (the offline writer) never rewords, and the :class:`Rewording` says so; so does
a request that fails (timeout, HTTP error, a malformed or truncated answer): every original line
is kept, nothing is raised. :func:`apply_rewording` puts the kept lines into a
:class:`~referral_ai.export.resume.TailoredResume`, whose proof (``...-Resume-Check.json``) then
records, per bullet, the original, the rewording (or null), kept or rejected, and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from referral_ai.errors import BudgetError, ModelError, ModelOutputError
from referral_ai.export.resume import TailoredResume, check
from referral_ai.models import DraftContext, Resume, Role, Usage

__all__ = [
    "LineVerdict",
    "Rewording",
    "apply_rewording",
    "describe",
    "judge_line",
    "reword_resume",
]

Status = Literal["kept", "rejected", "unchanged", "missing"]

_MAX_GROWTH = 1.25  # a rewording may be this many times the original's length, plus _SLACK
_SLACK = 20
_WORD = re.compile(r"[\w+#&%/.-]+")
_SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=\S)")


@dataclass(frozen=True)
class LineVerdict:
    """What became of one bullet: ``kept`` (the rewording is used), ``rejected`` (a check failed:
    the original is kept), ``unchanged`` (the model returned the line as it was) or ``missing``
    (the model's answer had no entry for it)."""

    original: str
    reworded: str | None
    status: Status
    why: str

    def record(self) -> dict[str, Any]:
        """The JSON-ready record written into the resume's proof."""
        return {
            "original": self.original,
            "reworded": self.reworded,
            "status": self.status,
            "why": self.why,
        }


@dataclass
class Rewording:
    """The outcome of one rewording request: a verdict per bullet, the writer, a note when nothing
    could be reworded (offline writer, failed request), and the tokens it took."""

    writer: str
    lines: list[LineVerdict] = field(default_factory=list)
    note: str | None = None
    usage: Usage = field(default_factory=Usage)

    @property
    def reworded(self) -> int:
        """How many lines use the model's rewording."""
        return sum(1 for v in self.lines if v.status == "kept")

    @property
    def rejected(self) -> int:
        """How many rewordings failed a check (their original lines are kept)."""
        return sum(1 for v in self.lines if v.status == "rejected")

    def verdict(self, original: str) -> LineVerdict | None:
        """The verdict on the bullet ``original`` (as the resume states it), if it was sent."""
        key = original.strip()
        return next((v for v in self.lines if v.original == key), None)

    def summary(self) -> dict[str, Any]:
        """The JSON-ready summary in the proof: counts, the writer, the note and the tokens."""
        return {
            "writer": self.writer,
            "calls": self.usage.calls,
            "prompt_tokens": self.usage.prompt_tokens,
            "completion_tokens": self.usage.completion_tokens,
            "lines": len(self.lines),
            "reworded": self.reworded,
            "rejected": self.rejected,
            "unchanged": sum(1 for v in self.lines if v.status in ("unchanged", "missing")),
            "note": self.note,
            "rule": "a reworded line is used only when it passes ungrounded-claim against the "
            "original resume and against its own line, adds no name, figure or code the line "
            "does not state, and passes injected-instruction and placeholder; otherwise the "
            "original line is kept",
        }

    def report_line(self) -> str:
        """One line for the draft's report (:func:`describe` of :meth:`summary`)."""
        return describe(self.summary())


def describe(summary: dict[str, Any]) -> str:
    """The report's line on a rewording, from its :meth:`Rewording.summary` (as in the proof)."""
    note = summary.get("note")
    reworded, rejected = summary.get("reworded", 0), summary.get("rejected", 0)
    if note and not reworded and not rejected:
        return f"not reworded: {note}"
    text = (
        f"{reworded} of {summary.get('lines', 0)} line(s) reworded by {summary.get('writer')}, "
        f"{rejected} rewording(s) rejected (original kept)"
    )
    if summary.get("calls"):
        spent = (
            f"{summary.get('prompt_tokens', 0):,} + {summary.get('completion_tokens', 0):,} tokens"
        )
        text += f" ({spent})"
    return f"{text}; {note}" if note else text


def _bullets(resume: Resume) -> list[tuple[str, Role]]:
    """Every distinct role bullet (as the tailored resume shows it) with the role it is under."""
    seen: set[str] = set()
    out: list[tuple[str, Role]] = []
    for role in resume.roles:
        for b in role.bullets:
            text = b.strip()
            if text and text not in seen:
                seen.add(text)
                out.append((text, role))
    return out


def _as_claims(text: str) -> str:
    """The line as first-person sentences, as the candidate claims it ("Built X" -> "I Built X")."""
    return " ".join(f"I {s}" for s in _SENTENCE.split(text) if s.strip())


def judge_line(original: str, text: str, role: Role, ctx: DraftContext) -> str | None:
    """Why the rewording ``text`` of the bullet ``original`` (under ``role``) cannot be used, or
    None when it passes every check (see the module doc)."""
    from referral_ai.validators.claims import find_ungrounded_claims
    from referral_ai.validators.injected import find_injected_output
    from referral_ai.validators.rules import find_placeholders

    if not text:
        return "the rewording is empty"
    if "\n" in text:
        return "the rewording is more than one line"
    limit = int(len(original) * _MAX_GROWTH) + _SLACK
    if len(text) > limit:
        return (
            f"the rewording is longer than the original ({len(text)} characters, at most {limit})"
        )
    for issue in find_injected_output(text, ctx.posting, ctx.resume, referral=ctx.referral):
        return f"injected-instruction: {issue.message}"
    for issue in find_placeholders(text):
        return f"placeholder: {issue.message}"
    claims = _as_claims(text)
    for issue in find_ungrounded_claims(claims, ctx.resume):
        return f"ungrounded-claim: {issue.message}"
    line_only = Resume(
        name=ctx.resume.name,
        roles=[role.model_copy(update={"bullets": [original]})],
        text="\n".join(p for p in (role.title, role.employer, original) if p),
    )
    for issue in find_ungrounded_claims(claims, line_only):
        token = claims[issue.start : issue.end]
        return f"ungrounded-claim: adds \u201c{token}\u201d, which this line of your resume does not state"
    said = original.casefold()
    for m in _WORD.finditer(text):
        # a capitalised word after the first, or any word with a digit: a name, tool, figure, code
        word = m.group().strip("./&-")
        opens = m.start() == 0 or text[: m.start()].rstrip()[-1:] in ".!?;:"
        named = not opens and word[:1].isupper()
        if (named or any(c.isdigit() for c in word)) and word.casefold() not in said:
            return f"adds \u201c{word}\u201d, which this line of your resume does not state"
    return None


def reword_resume(ctx: DraftContext, writer: Any) -> Rewording:
    """Reword the resume's role bullets for the posting of ``ctx`` with ``writer`` (one request),
    judging each line (:func:`judge_line`). Never raises for the model's sake: a writer that cannot
    reword (offline), a failed request or an unusable answer keeps every original line, and the
    result's ``note`` says why."""
    name = str(getattr(writer, "name", type(writer).__name__))
    bullets = _bullets(ctx.resume)
    originals = [b for b, _ in bullets]
    keep_all = [LineVerdict(b, None, "missing", "not sent to a model") for b in originals]
    reword = getattr(writer, "reword", None)
    if not callable(reword):
        note = f"the {name} writer does not reword; the original lines are kept"
        return Rewording(name, keep_all, note=note)
    if not bullets:
        return Rewording(name, [], note="the resume has no bullet lines to reword")
    try:
        answer, usage = reword(originals, ctx)
    except (ModelError, BudgetError) as exc:
        spent = getattr(exc, "usage", None)
        what = "unusable" if isinstance(exc, ModelOutputError) else "failed"
        note = f"the model's rewording was {what} ({exc}); the original lines are kept"
        kept = [LineVerdict(b, None, "missing", "the rewording request " + what) for b in originals]
        return Rewording(
            name, kept, note=note, usage=spent if isinstance(spent, Usage) else Usage()
        )
    by_index: dict[int, str] = {}
    for entry in answer.lines:
        if 0 <= entry.index < len(bullets):
            by_index.setdefault(entry.index, " ".join(entry.text.split()))
    verdicts: list[LineVerdict] = []
    for i, (original, role) in enumerate(bullets):
        text = by_index.get(i)
        if text is None:
            verdicts.append(LineVerdict(original, None, "missing", "the model's answer has no entry for this line"))  # fmt: skip
        elif text == " ".join(original.split()):
            verdicts.append(LineVerdict(original, None, "unchanged", "the model returned the line as it was"))  # fmt: skip
        else:
            why = judge_line(original, text, role, ctx)
            status: Status = "kept" if why is None else "rejected"
            verdicts.append(LineVerdict(original, text, status, why or "passed every check"))
    missing = sum(1 for v in verdicts if v.status == "missing")
    partial: str | None = (
        f"the model's answer covered {len(bullets) - missing} of {len(bullets)} lines; "
        "the others are kept as they are"
        if missing
        else None
    )
    return Rewording(name, verdicts, note=partial, usage=usage)


def apply_rewording(
    tailored: TailoredResume, rewording: Rewording, resume: Resume
) -> TailoredResume:
    """A copy of the :class:`~referral_ai.export.resume.TailoredResume` ``tailored`` whose bullets
    read as their kept rewordings, its proof re-checked (each reworded line traced through its
    original line) and annotated with every verdict."""
    out = tailored.copy()
    for ln in out.lines:
        v = rewording.verdict(ln.text) if ln.style == "bullet" and ln.original is None else None
        new = v.reworded if v is not None and v.status == "kept" else None
        if new:
            ln.original, ln.text = ln.text, new
    out.proofs = check(out, resume)
    for ln, proof in zip(out.lines, out.proofs, strict=True):
        v = rewording.verdict(ln.original or ln.text) if ln.style == "bullet" else None
        if v is not None:
            proof.update(v.record())
    out.rewording = rewording.summary()
    return out
