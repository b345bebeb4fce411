"""How the library's objects show themselves in a notebook: one HTML renderer per object.

Every ``_repr_html_`` in the package calls a function here, so the look is defined once. The HTML is
self-contained (no external assets, no scripts): every element carries its own small inline style, so
it reads the same in Jupyter, VS Code, an exported HTML page or a viewer that drops ``<style>``
blocks. Every piece of text taken from an input or a draft is escaped. Text is left-aligned
(notebook front ends right-align table cells unless told otherwise).

Classes name what a person sees, for tests and user CSS: ``ra-error`` / ``ra-warning`` (a highlighted
issue's words, and its badge), ``ra-strong`` / ``ra-partial`` / ``ra-weak`` / ``ra-gap`` (a fit
requirement's strength), ``ra-verdict`` with ``ra-fit-strong`` / ``-partial`` / ``-poor`` / ``-unknown``
(a fit's overall verdict), ``ra-bar`` (a coverage or strength bar).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from referral_ai.models import (
    Doubt,
    Draft,
    DraftKind,
    Fit,
    InputWarning,
    Issue,
    JobPosting,
    Report,
    RequirementMatch,
    Resume,
    Severity,
    Strength,
)

if TYPE_CHECKING:
    from referral_ai.batch import BatchSummary
    from referral_ai.estimate import Estimate

__all__ = [
    "HTML",
    "batch_html",
    "compare",
    "draft_html",
    "estimate_html",
    "fit_html",
    "posting_html",
    "progress_html",
    "report_html",
    "resume_html",
    "side_by_side",
]

# --------------------------------------------------------------------------- the look, once

_FONT = "font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:14px;line-height:1.45"
_CARD = f"{_FONT};text-align:left;border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;margin:4px 0;max-width:900px"
_TABLE = "border-collapse:collapse;text-align:left;margin:6px 0"
_CELL = "text-align:left;vertical-align:top;padding:3px 8px;border-bottom:1px solid #eaeef2"
_HEAD = _CELL + ";font-weight:600;border-bottom:2px solid #d0d7de"
_MUTED = "color:#57606a"
_GRID = "display:grid;grid-template-columns:max-content 1fr;gap:0 14px"  # label / value lines
_PAPER = (
    "font-family:Georgia,'Times New Roman',serif;font-size:15px;line-height:1.5;text-align:left;"
    "background:#fff;color:#1f2328;border:1px solid #d0d7de;padding:14px 20px;max-width:720px"
)

#: Severity -> (highlight background, badge colour, underline colour): an error is red and
#: underlined solid, a warning amber and underlined dotted, so they differ in colour and in shape.
_SEVERITY_LOOK: dict[Severity, tuple[str, str, str]] = {
    Severity.error: ("#ffd7d5", "#cf222e", "solid"),
    Severity.warning: ("#fff1c2", "#9a6700", "dotted"),
}

#: Strength -> (mark, colour, words). Each band its own mark, so 0.29 and 0.72 never look alike.
_STRENGTH_LOOK: dict[Strength, tuple[str, str, str]] = {
    "strong": ("\u25cf", "#1a7f37", "strong"),
    "partial": ("\u25d1", "#2f81f7", "partial"),
    "weak": ("\u25cb", "#9a6700", "weak"),
    "gap": ("\u2717", "#cf222e", "gap"),
}


_DOT = " \u00b7 "
_DASH = " \u2013 "


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _link(url: str) -> str:
    """A link for a web address; anything else (``javascript:``, ``data:``...) stays plain text."""
    if url.lower().startswith(("https://", "http://")):
        return f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(url)}</a>'
    return _e(url)


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A left-aligned table; ``rows`` hold HTML already escaped."""
    head = "".join(f'<th style="{_HEAD}">{_e(h)}</th>' for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td style="{_CELL}">{cell}</td>' for cell in row) + "</tr>"
        for row in rows
    )
    return f'<table style="{_TABLE}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _bar(share: float, colour: str, width: int = 120, label: str = "") -> str:
    """A horizontal bar filled to ``share`` (0..1), with an accessible label."""
    share = min(max(share, 0.0), 1.0)
    title = _e(label or f"{share:.0%}")
    return (
        f'<span class="ra-bar" title="{title}" style="display:inline-block;vertical-align:middle;'
        f'width:{width}px;height:10px;background:#eaeef2;border-radius:3px;overflow:hidden">'
        f'<span style="display:block;height:100%;width:{share * 100:.0f}%;background:{colour}">'
        "</span></span>"
    )


def _badge(severity: Severity) -> str:
    _, colour, _ = _SEVERITY_LOOK[severity]
    return (
        f'<span class="ra-{severity.value}" style="display:inline-block;color:#fff;background:{colour};'
        f'border-radius:3px;padding:0 5px;font-size:12px">{severity.value}</span>'
    )


def _counts(report: Report) -> str:
    e, w = len(report.errors), len(report.warnings)
    if not report.issues:
        return '<span style="color:#1a7f37">\u2714 no issues found</span>'
    err = _SEVERITY_LOOK[Severity.error][1] if e else "#57606a"
    warn = _SEVERITY_LOOK[Severity.warning][1] if w else "#57606a"
    return (
        f'<span style="color:{err}">{e} error(s)</span>, '
        f'<span style="color:{warn}">{w} warning(s)</span>'
    )


def _dl(pairs: Iterable[tuple[str, str]]) -> str:
    """Label / value lines (values already escaped); empty values are left out."""
    cells = "".join(
        f'<span style="{_MUTED}">{_e(k)}</span> <span>{v}</span> ' for k, v in pairs if v
    )
    return f'<div style="{_GRID}">{cells}</div>' if cells else ""


def _list(items: Sequence[str], limit: int = 12) -> str:
    """A bullet list of escaped items, the first ``limit`` of them and how many more."""
    if not items:
        return ""
    shown = "".join(f"<li>{_e(i)}</li>" for i in items[:limit])
    more = (
        f'<li style="{_MUTED}">\u2026 and {len(items) - limit} more</li>'
        if len(items) > limit
        else ""
    )
    return f'<ul style="margin:2px 0 6px 0;padding-left:20px">{shown}{more}</ul>'


def _doubts(doubts: Sequence[Doubt]) -> str:
    rows = []
    for d in doubts:
        colour = _SEVERITY_LOOK[Severity.error if d.blocking else Severity.warning][1]
        fix = f' <span style="{_MUTED}">fix: <code>{_e(d.fix)}</code></span>' if d.fix else ""
        stop = " (stops drafting)" if d.blocking else ""
        rows.append(f'<li style="color:{colour}">{_e(d.message)}{stop}{fix}</li>')
    if not rows:
        return ""
    return f'<div style="margin-top:6px"><b>The parser doubts</b><ul style="margin:2px 0;padding-left:20px">{"".join(rows)}</ul></div>'


# --------------------------------------------------------------------------- inputs


def _input_warnings(warnings: Sequence[InputWarning]) -> str:
    """What the reader found and left out (hidden text, instructions to an AI, ...)."""
    if not warnings:
        return ""
    colour = _SEVERITY_LOOK[Severity.warning][1]
    items = "".join(f'<li style="color:{colour}">{_e(w.message)}</li>' for w in warnings[:12])
    return f'<div style="margin-top:6px"><b>Found while reading</b><ul style="margin:2px 0;padding-left:20px">{items}</ul></div>'


def posting_html(posting: JobPosting) -> str:
    """The posting's header facts, requirements, materials and doubts (never its whole text)."""
    org = _DOT.join(_e(x) for x in (posting.company, posting.department) if x)
    ids = ", ".join(f"{_e(i.label)} <code>{_e(i.value)}</code>" for i in posting.identifiers)
    if not ids and posting.req_id:
        ids = f"<code>{_e(posting.req_id)}</code>"
    link = _link(posting.url) if posting.url else ""
    facts = _dl(
        [
            ("organisation", org),
            ("location", _e(posting.location or "")),
            ("identifiers", ids),
            ("deadline", _e(posting.deadline or "")),
            ("contact", _e(posting.contact or "")),
            ("link", link),
            ("source", _e(posting.source or "")),
        ]
    )
    materials = [
        ("required: " if m.required else "optional: ")
        + m.material.label
        + (f" \u00d7{m.count}" if m.count else "")
        + (" (or " + ", ".join(a.label for a in m.alternatives) + ")" if m.alternatives else "")
        for m in posting.materials
    ]
    parts = [
        f'<div class="ra-posting" style="{_CARD}">',
        f'<div style="font-size:17px;font-weight:600">{_e(posting.title)}</div>',
        facts,
    ]
    for label, items in (
        ("Requirements", posting.requirements),
        ("Nice to have", posting.nice_to_haves),
        ("Materials to send", materials),
    ):
        if items:
            parts.append(f"<div><b>{label}</b> ({len(items)}){_list(items)}</div>")
    parts.append(_input_warnings(posting.warnings))
    parts.append(_doubts(posting.report.doubts))
    parts.append("</div>")
    return "".join(parts)


def resume_html(resume: Resume) -> str:
    """Name, contact, roles, education, skills and doubts: the user's own resume, for their notebook."""
    c = resume.contact
    links = " ".join(_link(u) for u in c.links)
    contact = _DOT.join(_e(x) for x in (c.email, c.phone, c.location) if x)
    roles = [
        f"<li><b>{_e(r.title or '(no title)')}</b>"
        + (f", {_e(r.employer)}" if r.employer else "")
        + (
            f' <span style="{_MUTED}">{_e(_DASH.join(x for x in (r.start, r.end) if x))}</span>'
            if r.start or r.end
            else ""
        )
        + f' <span style="{_MUTED}">({len(r.bullets)} bullet(s))</span></li>'
        for r in resume.roles
    ]
    education = [
        f"<li>{_e(', '.join(x for x in (ed.degree, ed.field, ed.institution) if x) or '(unnamed)')}"
        + (f' <span style="{_MUTED}">{_e(ed.end)}</span>' if ed.end else "")
        + "</li>"
        for ed in resume.education
    ]
    parts = [
        f'<div class="ra-resume" style="{_CARD}">',
        f'<div style="font-size:17px;font-weight:600">{_e(resume.name or "(no name found)")}</div>',
        _dl([("contact", contact), ("links", links), ("source", _e(resume.source or ""))]),
    ]
    for label, items in (("Roles", roles), ("Education", education)):
        if items:
            parts.append(
                f'<div><b>{label}</b><ul style="margin:2px 0 6px 0;padding-left:20px">'
                f"{''.join(items)}</ul></div>"
            )
    if resume.skills:
        parts.append(
            f"<div><b>Skills</b> ({len(resume.skills)}): {_e(', '.join(resume.skills[:20]))}"
            + ("\u2026" if len(resume.skills) > 20 else "")
            + "</div>"
        )
    parts.append(_input_warnings(resume.warnings))
    parts.append(_doubts(resume.report.doubts))
    parts.append("</div>")
    return "".join(parts)


# --------------------------------------------------------------------------- fit


def _strength_cell(m: RequirementMatch) -> str:
    mark, colour, words = _STRENGTH_LOOK[m.strength]
    return (
        f'<span class="ra-{m.strength}" style="color:{colour};white-space:nowrap">'
        f'<span style="font-size:15px">{mark}</span> {words} {m.score:.2f}</span><br>'
        + _bar(m.score, colour, 80, f"{words} {m.score:.2f}")
    )


def fit_html(fit: Fit) -> str:
    """The verdict in one plain line, coverage of the requirements as a bar, then each posting item
    with its strength and evidence."""
    reqs = [m for m in fit.matches if m.kind == "requirement"]
    met = sum(1 for m in reqs if m.met)
    coverage = met / len(reqs) if reqs else 0.0
    legend = " ".join(
        f'<span style="color:{colour}">{mark} {words}</span>'
        for mark, colour, words in _STRENGTH_LOOK.values()
    )
    from referral_ai.matching import verdict_summary

    head = (
        f'<div class="ra-verdict ra-fit-{fit.verdict}" style="margin-bottom:4px">'
        f"<b>{_e(verdict_summary(fit).capitalize())}</b></div>"
        f'<div style="margin-bottom:4px"><b>Fit</b> {_bar(coverage, "#1a7f37", 160, f"{met} of {len(reqs)} requirements evidenced")} '
        f"{met} of {len(reqs)} requirements evidenced \u00b7 score {fit.score:.2f} \u00b7 "
        f"{len(fit.gaps)} gap(s)</div>"
        f'<div style="{_MUTED};font-size:12px">{legend}</div>'
    )
    rows = []
    for m in fit.matches:
        best = m.evidence[0] if m.evidence else None
        where = ""
        if best is not None and (best.title or best.employer):
            where = f'<br><span style="{_MUTED};font-size:12px">{_e(", ".join(x for x in (best.title, best.employer) if x))}</span>'
        rows.append(
            (
                _strength_cell(m),
                _e(m.kind.replace("_", " ")),
                _e(m.requirement),
                (_e(best.text) + where) if best else f'<span style="{_MUTED}">no evidence</span>',
            )
        )
    table = _table(("strength", "kind", "the posting asks for", "best resume evidence"), rows)
    return f'<div class="ra-fit" style="{_FONT};text-align:left">{head}{table}</div>'


# --------------------------------------------------------------------------- reports and drafts


#: target -> (text, start, end): the text a target's spans index and that target's part of it
Checked = Mapping[str, tuple[str, int, int]]


def _whole(issue: Issue, checked: tuple[str, int, int]) -> bool:
    """Does this issue concern its whole part of the text (or nothing in it) rather than some words?"""
    text, start, end = checked
    if issue.end <= issue.start or issue.start >= len(text):
        return True
    part = text[start:end]
    lead = start + len(part) - len(part.lstrip())
    return issue.start <= lead and issue.end >= start + len(part.rstrip())


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")  # linear: one newline, blanks, one newline


def _marked(
    text: str, start: int, end: int, spans: Sequence[tuple[int, int, Severity, int]]
) -> str:
    """``text[start:end]`` escaped, each span's words in a ``<mark>`` of its severity, its number after."""
    cuts = {start, end}
    for s, t, _, _ in spans:
        if s < end and t > start:
            cuts.update((max(s, start), min(t, end)))
    points = sorted(cuts)
    out: list[str] = []
    for a, b in pairwise(points):
        piece = _e(text[a:b]).replace("\n", "<br>")
        covering = [(s, t, sev, n) for s, t, sev, n in spans if s <= a and t >= b]
        if not covering:
            out.append(piece)
            continue
        worst = (
            Severity.error
            if any(sev is Severity.error for _, _, sev, _ in covering)
            else Severity.warning
        )
        back, colour, line = _SEVERITY_LOOK[worst]
        numbers = [n for s, t, _, n in covering if t == b]
        sup = (
            f'<sup style="color:{colour};font-weight:600">{",".join(str(n) for n in numbers)}</sup>'
            if numbers
            else ""
        )
        codes = ", ".join(sorted({str(n) for _, _, _, n in covering}))
        out.append(
            f'<mark class="ra-{worst.value}" title="issue {codes}" style="background:{back};'
            f'text-decoration:underline {line} {colour};text-underline-offset:3px;padding:0 1px">'
            f"{piece}</mark>{sup}"
        )
    return "".join(out)


def _paragraphs(text: str, spans: Sequence[tuple[int, int, Severity, int]], style: str = "") -> str:
    """The text as ``<p>`` paragraphs (blank lines separate them), issues highlighted."""
    out: list[str] = []
    pos = 0
    for gap in [*_PARAGRAPH_BREAK.finditer(text), None]:
        stop = gap.start() if gap is not None else len(text)
        if text[pos:stop].strip():
            out.append(f'<p style="margin:0 0 10px 0{style}">{_marked(text, pos, stop, spans)}</p>')
        if gap is not None:
            pos = gap.end()
    return "".join(out)


def _quote(issue: Issue, texts: Checked) -> str:
    checked = texts.get(issue.target)
    if checked is None or _whole(issue, checked):
        return ""
    text = checked[0]
    words = " ".join(text[issue.start : issue.end].split())
    if len(words) > 80:
        words = words[:79] + "\u2026"
    return f"\u201c{words}\u201d"


def _issue_rows(issues: Sequence[Issue], numbers: Mapping[int, int], texts: Checked) -> str:
    rows = []
    for i in issues:
        n = numbers.get(id(i))
        quoted = _quote(i, texts)
        where = (
            f"<i>{_e(quoted)}</i>"
            if quoted
            else f'<span style="{_MUTED}">the whole {"subject" if i.target == "subject" else "draft"}</span>'
            if i.target in texts
            else f'<span style="{_MUTED}">the {_e(i.target)}</span>'
        )
        rows.append(
            (
                (f"<b>{n}</b> " if n is not None else "") + _badge(i.severity),
                f"<code>{_e(i.code)}</code><br>{where}<br>{_e(i.message)}",
                _e(i.suggestion) if i.suggestion else f'<span style="{_MUTED}">\u2014</span>',
            )
        )
    return _table(("", "issue", "fix"), rows)


def _numbered(issues: Sequence[Issue], texts: Checked) -> dict[int, int]:
    """Numbers for the issues whose words can be highlighted (by ``id``), in order."""
    numbers: dict[int, int] = {}
    for i in issues:
        checked = texts.get(i.target)
        if checked is not None and not _whole(i, checked):
            numbers[id(i)] = len(numbers) + 1
    return numbers


def _spans(
    issues: Sequence[Issue], numbers: Mapping[int, int], targets: Iterable[str]
) -> list[tuple[int, int, Severity, int]]:
    wanted = set(targets)
    return [
        (i.start, i.end, i.severity, numbers[id(i)])
        for i in issues
        if i.target in wanted and id(i) in numbers
    ]


def report_html(report: Report, texts: Checked | None = None) -> str:
    """The checked text with each issue's words highlighted by severity, then every issue with its fix.

    ``texts`` is what the spans index (see :attr:`Report.checked_texts`); without it the report's
    own record is used (``validate`` keeps it), and without either the issues are listed alone.
    """
    texts = dict(texts if texts is not None else report.checked_texts)
    head = f'<div style="margin-bottom:4px"><b>Report</b>: {_counts(report)}</div>'
    if not report.issues:
        return f'<div class="ra-report" style="{_FONT};text-align:left">{head}</div>'
    numbers = _numbered(report.issues, texts)
    shown = ""
    # a string checked whole (``validate(str)``) is one text both targets index: shown once
    groups: dict[str, list[str]] = {}
    for target, (text, _, _) in texts.items():
        groups.setdefault(text, []).append(target)
    for text, targets in groups.items():
        spans = _spans(report.issues, numbers, targets)
        label = "Subject: " if targets == ["subject"] else ""
        if label:
            shown += f'<p style="margin:0 0 10px 0"><b>{label}</b>{_marked(text, 0, len(text), spans)}</p>'
        else:
            shown += _paragraphs(text, spans)
    if shown:
        shown = f'<div style="{_PAPER};margin-bottom:6px">{shown}</div>'
    table = _issue_rows(report.issues, numbers, texts)
    return f'<div class="ra-report" style="{_FONT};text-align:left">{head}{shown}{table}</div>'


_TITLES: dict[DraftKind, str] = {
    DraftKind.cover_letter: "Cover letter",
    DraftKind.follow_up: "Follow-up email",
    DraftKind.intro_request: "Request for an introduction",
    DraftKind.reminder: "Reminder email",
}


def draft_html(draft: Draft) -> str:
    """The draft as a person reads it (emails: To, Subject, Attachments; then the text as
    paragraphs) with its report's issues highlighted, then the report's issues and fixes."""
    report = draft.report or Report()
    texts = {"body": (draft.body, 0, len(draft.body))}
    if draft.subject is not None:
        texts["subject"] = (draft.subject, 0, len(draft.subject))
    numbers = _numbered(report.issues, texts)
    meta = [f"{_e(draft.writer)}", f"{len(draft.body.split())} words"]
    if draft.usage.calls:
        meta.append(f"{draft.usage.total_tokens:,} tokens")
        if draft.usage.cost_usd is not None:
            meta.append(f"${draft.usage.cost_usd:.4f}")
    head = (
        f'<div style="{_FONT};margin-bottom:4px"><b>{_e(_TITLES.get(draft.kind, draft.kind.value))}</b> '
        f'<span style="{_MUTED}">{_DOT.join(meta)}</span></div>'
    )
    header: list[tuple[str, str]] = []
    if draft.to and draft.kind is not DraftKind.cover_letter:  # a letter names its reader itself
        header.append(("To", _e(draft.to)))
    if draft.subject is not None:
        header.append(
            (
                "Subject",
                _marked(
                    draft.subject,
                    0,
                    len(draft.subject),
                    _spans(report.issues, numbers, ["subject"]),
                ),
            )
        )
    if draft.attachments:
        header.append(
            (
                "Attachments",
                ", ".join(
                    _e(a.filename) if a.filename else f"{_e(a.material.label)} ({_e(a.note or '')})"
                    for a in draft.attachments
                ),
            )
        )
    email_head = ""
    if header:
        email_head = (
            f'<div style="{_FONT};border-bottom:1px solid #d0d7de;padding-bottom:6px;margin-bottom:10px">'
            f"{_dl(header)}</div>"
        )
    paper = f'<div style="{_PAPER}">{email_head}{_paragraphs(draft.body, _spans(report.issues, numbers, ["body"]))}</div>'
    if draft.report is None:
        tail = f'<div style="{_FONT};{_MUTED}">not checked</div>'
    else:
        tail = f'<div style="{_FONT};margin-top:4px"><b>Report</b>: {_counts(report)}</div>'
        if report.issues:
            tail += f'<div style="{_FONT}">{_issue_rows(report.issues, numbers, texts)}</div>'
    notes = _list(draft.notes) if draft.notes else ""
    return f'<div class="ra-draft ra-{draft.kind.value}" style="text-align:left;margin:4px 0">{head}{paper}{tail}{notes}</div>'


# --------------------------------------------------------------------------- batches


def _money(cost: float | None) -> str:
    from referral_ai.pricing import money

    return money(cost, "\u2014")


def estimate_html(est: Estimate) -> str:
    """Tokens and cost per document before anything is sent, and their totals."""
    if est.writer == "offline":
        return f'<div class="ra-estimate" style="{_FONT}">offline writer: nothing is sent, no tokens, no cost</div>'
    rows = [
        (
            _e(d.kind.value.replace("_", " ")),
            f"{d.prompt_tokens:,}",
            f"~{d.completion_tokens:,}",
            f"{d.max_completion_tokens:,}",
            _money(d.cost_usd),
            _money(d.max_cost_usd),
        )
        for d in est.documents
    ]
    rows.append(
        (
            "<b>total</b>",
            f"<b>{est.prompt_tokens:,}</b>",
            f"<b>~{est.completion_tokens:,}</b>",
            "",
            f"<b>{_money(est.cost_usd)}</b>",
            f"<b>{_money(est.max_cost_usd)}</b>",
        )
    )
    notes = []
    if est.approximate:
        notes.append(
            f"counts are approximate: {est.writer}'s own tokenizer is not available offline"
        )
    if est.cost_usd is None:
        notes.append(f"no price is known for {est.writer} (a local model costs nothing per token)")
    if est.max_reasks:
        notes.append(f"each of up to {est.max_reasks} re-ask(s) costs about as much again")
    return (
        f'<div class="ra-estimate" style="{_FONT};text-align:left"><b>Estimate</b> for '
        f"<code>{_e(est.writer)}</code> (nothing was sent)"
        + _table(("document", "prompt tokens", "completion", "at most", "cost", "at most"), rows)
        + "".join(f'<div style="{_MUTED};font-size:12px">{_e(n)}</div>' for n in notes)
        + "</div>"
    )


def progress_html(done: int, total: int, counts: Mapping[str, int], *, finished: bool) -> str:
    """A batch's progress: a bar, done of total, and how many items are ok, failed or skipped."""
    share = done / total if total else 1.0
    state = "done" if finished else "drafting"
    tally = _DOT.join(f"{_e(k)} {v}" for k, v in counts.items())
    return (
        f'<div class="ra-progress" style="{_FONT};text-align:left">{state} '
        f"{_bar(share, '#1a7f37', 240, f'{done} of {total}')} {done} of {total} \u00b7 {tally}</div>"
    )


def batch_html(summary: BatchSummary) -> str:
    """A table of the items (status, role, issues, tokens, cost) and a bar chart of issues per item."""
    c, u = summary.counts, summary.usage
    head = (
        f'<div style="margin-bottom:4px"><b>Batch</b>: {len(summary.results)} item(s) \u2014 '
        f"{c['ok']} ok, {c['failed']} failed, {c['skipped']} skipped \u00b7 {u.calls} model call(s) \u00b7 "
        f"{u.total_tokens:,} tokens \u00b7 cost {_money(u.cost_usd)} \u00b7 {summary.elapsed:.1f} s \u00b7 "
        f"<code>{_e(summary.out_dir)}</code></div>"
    )
    status_colour = {"ok": "#1a7f37", "failed": "#cf222e", "skipped": "#57606a"}
    rows = []
    for r in summary.results:
        note = f"{r.error_type}: {r.error}" if r.error else ""
        if r.invalid:
            note = f"{r.invalid} draft(s) kept with errors" + (f"; {note}" if note else "")
        rows.append(
            (
                _e(r.id),
                f'<span style="color:{status_colour.get(r.status, "#1f2328")}">{_e(r.status)}</span>',
                _e(" at ".join(x for x in (r.role, r.company) if x) or "\u2014"),
                str(r.errors),
                str(r.warnings),
                str(len(r.files)),
                f"{r.usage.total_tokens:,}" if r.status != "skipped" else "\u2014",
                _money(r.usage.cost_usd) if r.status != "skipped" else "\u2014",
                _e(note),
            )
        )
    table = _table(
        ("id", "status", "role", "errors", "warnings", "files", "tokens", "cost", "note"), rows
    )
    return f'<div class="ra-batch" style="{_FONT};text-align:left">{head}{table}{issues_chart(summary)}</div>'


def issues_chart(summary: BatchSummary, width: int = 260) -> str:
    """A horizontal bar chart of errors and warnings per item (HTML only, no plotting library)."""
    top = max((r.errors + r.warnings for r in summary.results), default=0)
    err, warn = _SEVERITY_LOOK[Severity.error][1], _SEVERITY_LOOK[Severity.warning][1]
    rows = []
    for r in summary.results:
        scale = (
            min(width / top, 24.0) if top else 0.0
        )  # one issue is a short bar, not the whole row
        bars = (
            f'<span class="ra-error" title="{r.errors} error(s)" style="display:inline-block;height:12px;'
            f'width:{r.errors * scale:.0f}px;background:{err}"></span>'
            f'<span class="ra-warning" title="{r.warnings} warning(s)" style="display:inline-block;height:12px;'
            f'width:{r.warnings * scale:.0f}px;background:{warn}"></span>'
        )
        rows.append(
            f'<tr><td style="{_CELL};white-space:nowrap">{_e(r.id)}</td>'
            f'<td style="{_CELL};width:{width + 60}px">{bars} '
            f'<span style="{_MUTED};font-size:12px">{r.errors} error(s), {r.warnings} warning(s)</span></td></tr>'
        )
    legend = (
        f'<span style="color:{err}">\u25a0 errors</span> '
        f'<span style="color:{warn}">\u25a0 warnings</span>'
    )
    return (
        f'<div class="ra-chart" style="margin-top:8px"><b>Issues per posting</b> '
        f'<span style="font-size:12px">{legend}</span>'
        f'<table style="{_TABLE}"><tbody>{"".join(rows)}</tbody></table></div>'
    )


# --------------------------------------------------------------------------- comparing


class HTML:
    """Markup a notebook shows as HTML (``_repr_html_``) and a terminal as its plain ``text``."""

    def __init__(self, html: str, text: str = "") -> None:
        self.html = html
        self.text = text

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text or "<HTML>"


def _html_of(obj: object) -> str:
    render = getattr(obj, "_repr_html_", None)
    return str(render()) if callable(render) else f"<pre>{_e(obj)}</pre>"


def side_by_side(items: Mapping[str, object]) -> HTML:
    """Objects shown next to each other in columns, each under its label (e.g. two drafts of the
    same letter from two prompt variants); a narrow window wraps them."""
    columns = "".join(
        f'<div style="flex:1 1 380px;min-width:320px"><div style="{_FONT};font-weight:600;'
        f'margin-bottom:4px">{_e(label)}</div>{_html_of(obj)}</div>'
        for label, obj in items.items()
    )
    text = "\n\n".join(f"== {label}\n{obj}" for label, obj in items.items())
    return HTML(
        f'<div style="display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start">{columns}</div>',
        text,
    )


def compare(drafts: Mapping[str, Draft], *, price_model: str | None = None) -> HTML:
    """One row per labelled draft: words, errors, warnings (with their codes), calls, prompt and
    completion tokens, and cost (the writer's; with ``price_model`` also what those tokens cost at
    that model's list price, for a local model whose own cost is unknown)."""
    from referral_ai.pricing import usage_cost

    headers = [
        "variant",
        "words",
        "errors",
        "warnings",
        "codes",
        "calls",
        "prompt tokens",
        "completion tokens",
        "cost",
    ]
    if price_model:
        headers.append(f"at {price_model} prices")
    rows: list[list[str]] = []
    plain: list[str] = []
    for label, d in drafts.items():
        report = d.report or Report()
        u = d.usage
        row = [
            _e(label),
            str(len(d.body.split())),
            str(len(report.errors)),
            str(len(report.warnings)),
            _e(", ".join(dict.fromkeys(report.codes())) or "\u2014"),
            str(u.calls),
            f"{u.prompt_tokens:,}",
            f"{u.completion_tokens:,}",
            _money(u.cost_usd),
        ]
        if price_model:
            row.append(_money(usage_cost(u, price_model)))
        rows.append(row)
        plain.append(
            f"{label}: {len(d.body.split())} words, {len(report.errors)} error(s), "
            f"{len(report.warnings)} warning(s), {u.total_tokens} tokens, cost {_money(u.cost_usd)}"
        )
    return HTML(
        f'<div class="ra-compare" style="{_FONT}">{_table(headers, rows)}</div>', "\n".join(plain)
    )
