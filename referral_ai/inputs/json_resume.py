"""JSON Resume (jsonresume.org): validated, cleaned, rendered as text, and mapped to a :class:`Resume`."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from referral_ai.errors import InputError, ParseError
from referral_ai.inputs.formats import _ACCEPTED_HINT
from referral_ai.inputs.hidden import strip_invisible
from referral_ai.inputs.language import note_language
from referral_ai.inputs.lexicon import _dedupe
from referral_ai.inputs.loaded import Kind, Loaded, _finish
from referral_ai.inputs.resume import NOTHING_TO_DRAFT_FROM
from referral_ai.models import (
    Contact,
    Doubt,
    Education,
    FieldNote,
    InputWarning,
    ParseReport,
    Project,
    Resume,
    Role,
)

# --------------------------------------------------------------------------- JSON Resume


def _finish_json(text: str, *, name: str, kind: Kind, warnings: list[InputWarning]) -> Loaded:
    if kind != "resume":
        raise InputError(
            f"JSON is accepted only for resumes (JSON Resume); give the posting as {_ACCEPTED_HINT[kind]}",
            source=name,
        )
    depth = _max_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise InputError(
            f"JSON is nested more than {MAX_JSON_DEPTH} levels deep; a JSON Resume needs four",
            source=name,
        )
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise InputError(f"invalid JSON ({str(exc).splitlines()[0][:200]})", source=name) from exc
    if not isinstance(value, dict) or not (
        isinstance(value.get("basics"), dict) or isinstance(value.get("work"), list)
    ):
        raise InputError(
            "JSON is not a JSON Resume (expected a 'basics' object or a 'work' list; see jsonresume.org/schema)",
            source=name,
        )
    data, invisible = _clean_json(value)
    rendered = json_resume_text(data)
    loaded = _finish(rendered, name=name, fmt="json", kind=kind, warnings=list(warnings), data=data)
    if invisible:
        return Loaded(
            text=loaded.text,
            source=loaded.source,
            fmt=loaded.fmt,
            warnings=[*loaded.warnings, *invisible],
            data=loaded.data,
        )
    return loaded


MAX_JSON_DEPTH = 64
"""Deepest nesting accepted in a JSON Resume (the schema itself needs four levels)."""


def _max_depth(text: str) -> int:
    """Deepest nesting of ``[`` / ``{`` in JSON text, outside strings; one linear pass."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_JSON_DEPTH:
                    return deepest
        elif ch in "]}":
            depth -= 1
    return deepest


def _clean_json(value: dict[str, Any]) -> tuple[dict[str, Any], list[InputWarning]]:
    warnings: list[InputWarning] = []

    def clean(v: Any) -> Any:
        if isinstance(v, str):
            text, found = strip_invisible(v)
            if found and not warnings:
                warnings.extend(found)
            return text
        if isinstance(v, list):
            return [clean(x) for x in v]
        if isinstance(v, dict):
            return {str(k): clean(x) for k, x in v.items()}
        return v

    cleaned: dict[str, Any] = clean(value)
    return cleaned, warnings


def _s(v: Any) -> str:
    """A string field as text: numbers written where strings belong are kept as written."""
    if isinstance(v, str):
        return v.strip()
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return str(v)
    return ""


def _dates(item: dict[str, Any], going_on: bool = False) -> str:
    """An item's dates as written; "Present" only for a role that goes on (:func:`_ongoing`)."""
    start, end = (
        _s(item.get("startDate")),
        _s(item.get("endDate")) or ("Present" if going_on else ""),
    )
    if start and end:
        return f"{start} - {end}"
    return start or end


def json_resume_text(data: dict[str, Any]) -> str:
    """Render a JSON Resume (jsonresume.org schema) as plain resume text, section by section."""
    lines: list[str] = []
    basics = _basics(data)[0]
    if _s(basics.get("name")):
        lines.append(_s(basics.get("name")))
    if _s(basics.get("label")):
        lines.append(_s(basics.get("label")))
    loc = basics.get("location") if isinstance(basics.get("location"), dict) else {}
    assert isinstance(loc, dict)
    place = ", ".join(p for p in (_s(loc.get("city")), _s(loc.get("region"))) if p)
    contact = [x for x in (_s(basics.get("email")), _s(basics.get("phone")), place) if x]
    if contact:
        lines.append(" | ".join(contact))
    links = [_s(basics.get("url"))]
    for prof in _list(basics.get("profiles")):
        if isinstance(prof, dict):
            links.append(_s(prof.get("url")))
    if any(links):
        lines.append(" | ".join(x for x in links if x))
    if _s(basics.get("summary")):
        lines += ["", "Summary", _s(basics.get("summary"))]

    def section(title: str, items: Any, render: Callable[[dict[str, Any]], list[str]]) -> None:
        entries = [i for i in _list(items) if isinstance(i, dict)]
        if entries:
            lines.extend(["", title])
            for entry in entries:
                lines.extend(render(entry))

    jobs = _list(data.get("work"))
    current = [jobs[k] for k in _ongoing(jobs)]

    def work(item: dict[str, Any]) -> list[str]:
        head = " | ".join(
            x
            for x in (
                _s(item.get("name")) or _s(item.get("company")),
                _s(item.get("position")),
                _dates(item, any(item is c for c in current)),
            )
            if x
        )
        out = [head] if head else []
        if _s(item.get("location")):
            out.append(_s(item.get("location")))
        if _s(item.get("summary")):
            out.append(_s(item.get("summary")))
        out += [f"- {_s(h)}" for h in _list(item.get("highlights")) if _s(h)]
        return out

    def education(item: dict[str, Any]) -> list[str]:
        head = " | ".join(
            x
            for x in (
                _s(item.get("institution")) or _s(item.get("school")) or _s(item.get("name")),
                _s(item.get("studyType")) or _s(item.get("degree")),
                _s(item.get("area")),
                _dates(item),
            )
            if x
        )
        return [head] if head else []

    def skill(item: dict[str, Any]) -> list[str]:
        words = [_s(k) for k in _list(item.get("keywords")) if _s(k)]
        label = _s(item.get("name"))
        if label and words:
            return [f"{label}: {', '.join(words)}"]
        return [label or ", ".join(words)] if (label or words) else []

    def certificate(item: dict[str, Any]) -> list[str]:
        text = " - ".join(
            x for x in (_s(item.get("name")), _s(item.get("issuer")), _s(item.get("date"))) if x
        )
        return [text] if text else []

    section("Experience", jobs, work)
    section(
        "Volunteer", data.get("volunteer"), lambda i: work({**i, "name": i.get("organization")})
    )
    schooling = data.get("education")
    section("Education", [schooling] if isinstance(schooling, dict) else schooling, education)

    def project(item: dict[str, Any]) -> list[str]:
        head = " | ".join(x for x in (_s(item.get("name")), _dates(item)) if x)
        out = [head] if head else []
        if _s(item.get("description")):
            out.append(_s(item.get("description")))
        out += [f"- {_s(h)}" for h in _list(item.get("highlights")) if _s(h)]
        return out

    section("Projects", data.get("projects"), project)
    section("Skills", data.get("skills"), skill)
    section("Certifications", data.get("certificates"), certificate)
    return "\n".join(lines)


# --------------------------------------------------------------------------- JSON Resume


def _str(v: Any) -> str | None:
    text = _s(v)
    return text or None


def _list(v: Any) -> list[Any]:
    return v if isinstance(v, list) else []


def _dict(v: Any) -> dict[str, Any]:
    return v if isinstance(v, dict) else {}


def resume_from_json_resume(
    data: dict[str, Any],
    *,
    source: str | None = None,
    text: str | None = None,
    warnings: Iterable[InputWarning] = (),
) -> Resume:
    """Map a JSON Resume (jsonresume.org schema) to a :class:`Resume`.

    ``basics`` → name/contact/summary, ``work`` (name → employer, position → title, startDate,
    endDate, summary + highlights → bullets; a missing endDate: :func:`_ongoing`),
    ``education``, ``skills`` (name + keywords), ``projects``, ``certificates``. ``text``
    defaults to a plain rendering. Raises :class:`ParseError` only when there is nothing to
    draft from (no work, education, projects, skills, summary or certificates); no work alone
    is a doubt the review reports.
    """

    name_ = source or "<json>"
    basics, basics_key = _basics(data)
    report = ParseReport()
    if basics_key != "basics":
        report.doubts.append(
            Doubt(
                field="resume",
                message=(
                    "this JSON is not a JSON Resume (no 'basics' object)"
                    + (f"; the contact details were read from '{basics_key}'" if basics else "")
                ),
                fix="check the parse (referral-ai parse RESUME) or convert the file to the JSON "
                "Resume schema (jsonresume.org/schema)",
            )
        )
    loc = _dict(basics.get("location"))
    location = (
        ", ".join(
            p
            for p in (
                _str(loc.get("city")),
                _str(loc.get("region")) or _str(loc.get("countryCode")),
            )
            if p
        )
        or None
    )
    links = [
        u
        for u in [_str(basics.get("url"))]
        + [_str(_dict(p).get("url")) for p in _list(basics.get("profiles"))]
        if u
    ]
    contact = Contact(
        name=_str(basics.get("name")),
        email=_str(basics.get("email")),
        phone=_str(basics.get("phone")),
        location=location,
        links=links,
    )
    for field_name in ("name", "email", "phone"):
        if _str(basics.get(field_name)):
            report.fields.append(
                FieldNote(
                    field=field_name,
                    source=f"JSON '{basics_key}.{field_name}'",
                    confidence=0.95 if basics_key == "basics" else 0.6,
                )
            )
    roles: list[Role] = []
    jobs = _list(data.get("work"))
    current = _ongoing(jobs)
    for k, item in enumerate(jobs):
        item = _dict(item)
        bullets = [s for s in [_str(item.get("summary"))] if s] + [
            h
            for h in (_str(x) for x in _list(item.get("highlights")) or _list(item.get("bullets")))
            if h
        ]
        employer = _str(item.get("name")) or _str(item.get("company"))
        title = _without_employer(_str(item.get("position")), employer)
        if not (employer or title):
            continue
        start = _str(item.get("startDate"))
        end = _str(item.get("endDate"))
        if not start:
            start, end = _date_range(item)
        roles.append(
            Role(
                employer=employer,
                title=title,
                start=start,
                end=end or ("Present" if k in current else None),
                location=_str(item.get("location")),
                bullets=bullets,
            )
        )
    schooling = data.get("education")
    # One school written as an object instead of a list of one.
    schooling = [schooling] if isinstance(schooling, dict) else _list(schooling)
    education = [
        Education(
            institution=_str(e.get("institution")) or _str(e.get("school")) or _str(e.get("name")),
            degree=_str(e.get("studyType")) or _str(e.get("degree")),
            field=_str(e.get("area")),
            start=_str(e.get("startDate")) or _date_range(e)[0],
            end=_str(e.get("endDate")) or _date_range(e)[1],
            details=[c for c in (_str(x) for x in _list(e.get("courses"))) if c],
        )
        for e in map(_dict, schooling)
        if _str(e.get("institution"))
        or _str(e.get("studyType"))
        or (basics_key != "basics" and (_str(e.get("school")) or _str(e.get("name"))))
    ]
    skills: list[str] = []
    for s in map(_dict, _list(data.get("skills"))):
        name = _str(s.get("name"))
        if name:
            skills.append(name)
        skills += [k for k in (_str(x) for x in _list(s.get("keywords"))) if k]
    certifications = []
    for c in map(_dict, _list(data.get("certificates"))):
        cert = _str(c.get("name"))
        if cert:
            issuer = _str(c.get("issuer"))
            certifications.append(f"{cert} ({issuer})" if issuer else cert)
    projects = [
        Project(
            name=_str(p.get("name")),
            description=_str(p.get("description")),
            start=_str(p.get("startDate")) or _date_range(p)[0],
            end=_str(p.get("endDate")) or _date_range(p)[1],
            url=_str(p.get("url")),
            highlights=[h for h in (_str(x) for x in _list(p.get("highlights"))) if h],
        )
        for p in map(_dict, _list(data.get("projects")))
        if _str(p.get("name")) or _str(p.get("description")) or _list(p.get("highlights"))
    ]
    summary = _str(basics.get("summary"))
    if not (roles or education or projects or skills or summary or certifications):
        raise ParseError(NOTHING_TO_DRAFT_FROM, source=name_)
    body = text if text is not None else json_resume_text(data)
    return Resume(
        name=contact.name,
        contact=contact,
        summary=summary,
        roles=roles,
        skills=_dedupe(skills),
        education=education,
        projects=projects,
        certifications=certifications,
        language=note_language(body, report),
        text=body,
        source=name_,
        warnings=list(warnings),
        report=report,
    )


def _basics(data: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The ``basics`` object and its key; for a home-made resume.json, the top-level object holding a
    name with an e-mail or phone ("info", "personal", "contact"), or ({}, "") when there is none."""
    basics = _dict(data.get("basics"))
    if basics:
        return basics, "basics"
    for key, value in data.items():
        if (
            isinstance(value, dict)
            and _str(value.get("name"))
            and (_str(value.get("email")) or _str(value.get("phone")))
        ):
            return value, key
    return {}, ""


_TITLE_EMPLOYER_SEP = (" - ", " \u2013 ", " \u2014 ", " | ", " @ ", " at ", ", ")


def _without_employer(title: str | None, employer: str | None) -> str | None:
    """``position`` without the employer it repeats ("DevOps Engineer - Acme" at "Acme", or
    "Consultant - Acme SA" at "Acme"): the employer has its own field."""
    if not title or not employer:
        return title
    want = employer.casefold()
    for sep in _TITLE_EMPLOYER_SEP:
        head, found, tail = title.rpartition(sep)
        tail_key = tail.strip().casefold()
        if not (found and head.strip() and tail_key):
            continue
        if tail_key == want or (
            len(want) >= 3 and (tail_key.startswith(want + " ") or want.startswith(tail_key + " "))
        ):
            return head.strip()
    return title


def _ongoing(items: Sequence[Any]) -> set[int]:
    """The work items (by position) that go on: only the latest start with no ``endDate`` field
    at all, as the schema's themes show it ("Present"). An ``endDate`` written empty or null, or
    left out of an earlier item, says nothing about the end: that role has none, and no letter
    calls it current."""
    starts = [_month(_s(i.get("startDate"))) if isinstance(i, dict) else None for i in items]
    latest = max((m for m in starts if m), default=None)
    return {
        k
        for k, item in enumerate(items)
        if latest and starts[k] == latest and isinstance(item, dict) and "endDate" not in item
    }


def _month(date: str | None) -> tuple[int, int] | None:
    """(year, month) of a start date such as '2021-04', '2021' or '04/2021' (month 0 if none)."""
    m = re.search(r"\b((?:19|20)\d{2})(?:-(\d{1,2}))?\b", date or "")
    return (int(m.group(1)), int(m.group(2) or 0)) if m else None


def _date_range(item: dict[str, Any]) -> tuple[str | None, str | None]:
    """(start, end) from one 'date'/'dates'/'time' string such as '06/2019-08/2019' or
    '2018 - Present' (home-made resume.json files)."""
    for key in ("date", "dates", "time", "period"):
        text = _str(item.get(key))
        if text:
            parts = [p.strip() for p in text.replace("\u2013", "-").split("-", 1)]
            if len(parts) == 2 and parts[0] and parts[1]:
                return parts[0], parts[1]
            return text, None
    return None, None
