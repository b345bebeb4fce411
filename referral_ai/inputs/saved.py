"""Parses the user saved to correct once and reuse: a posting as JSON, a resume as JSON Resume.

``referral-ai parse POSTING --json`` writes :func:`posting_json` (a :class:`JobPosting` with a
``format`` marker; its JSON schema is :func:`posting_schema`, published as
``docs/posting.schema.json``); ``referral-ai parse RESUME --json-resume`` writes
:func:`to_json_resume`. A user fixes a field in that file and passes it wherever a posting or a
resume goes: :func:`read_saved_posting` reads the posting back; a JSON Resume is read by the
ordinary resume reader.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from referral_ai.errors import InputError
from referral_ai.inputs.loaded import MAX_INPUT_BYTES
from referral_ai.models import JobPosting, Resume

__all__ = [
    "POSTING_FORMAT",
    "posting_json",
    "posting_schema",
    "read_saved_posting",
    "to_json_resume",
]

POSTING_FORMAT = "referral-ai/posting@1"
"""The ``format`` marker of a saved posting (``referral-ai parse POSTING --json``)."""


def posting_json(posting: JobPosting) -> str:
    """``posting`` as the JSON ``referral-ai parse --json`` prints, ready to edit and reuse."""
    data = {"format": POSTING_FORMAT, **posting.model_dump(mode="json")}
    return json.dumps(data, indent=2, ensure_ascii=False)


def posting_schema() -> dict[str, Any]:
    """The JSON schema of a saved posting (the :class:`JobPosting` model plus its marker)."""
    schema = JobPosting.model_json_schema()
    schema["properties"] = {
        "format": {"const": POSTING_FORMAT, "title": "Format"},
        **schema["properties"],
    }
    schema["$id"] = POSTING_FORMAT
    return schema


def _json_bytes(source: str | os.PathLike[str] | bytes) -> tuple[bytes, str] | None:
    """The bytes of ``source`` when it can only be a saved posting (JSON), else None."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        return (data, "<bytes>") if data.lstrip()[:1] == b"{" else None
    if isinstance(source, str) and ("\n" in source or source.lstrip().startswith("{")):
        return (source.encode("utf-8"), "<text>") if source.lstrip().startswith("{") else None
    path = Path(os.fspath(source))
    if path.suffix.lower() != ".json" or not path.is_file():
        return None
    size = path.stat().st_size
    if size > MAX_INPUT_BYTES:
        raise InputError(
            f"file is {size / 1024 / 1024:.1f} MB; the limit is {MAX_INPUT_BYTES // 1024 // 1024} MB",
            source=str(path),
        )
    with path.open("rb") as fh:
        return fh.read(MAX_INPUT_BYTES + 1), str(path)


def read_saved_posting(source: str | os.PathLike[str] | bytes) -> JobPosting | None:
    """The posting saved in ``source`` by ``referral-ai parse --json``, or None if it is not one.

    Raises :class:`InputError` (one line) when it is a saved posting that no longer validates,
    naming the first field that is wrong.
    """
    found = _json_bytes(source)
    if found is None:
        return None
    data, name = found
    try:
        value = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise InputError(f"invalid JSON ({str(exc).splitlines()[0]})", source=name) from exc
    if not isinstance(value, dict) or value.get("format") != POSTING_FORMAT:
        if isinstance(value, dict) and ("basics" in value or "work" in value):
            raise InputError(
                "this is a JSON Resume; give it as the resume, not the posting", source=name
            )
        raise InputError(
            "JSON is read as a posting only when saved by `referral-ai parse POSTING --json` "
            f'(it has "format": "{POSTING_FORMAT}")',
            source=name,
        )
    value = {k: v for k, v in value.items() if k != "format"}
    try:
        posting = JobPosting.model_validate(value)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "the posting"
        raise InputError(f"saved posting: {where}: {first['msg']}", source=name) from None
    return posting if posting.source else posting.model_copy(update={"source": name})


_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for m in names
}
_OPEN_END = re.compile(r"^(?:present|current(?:ly)?|now|today|ongoing|to\s+date|至今)$", re.I)


def _iso(date: str | None) -> str | None:
    """A JSON Resume (ISO 8601) date from a resume's written one, or the text as written."""
    if not date:
        return None
    d = " ".join(date.split()).strip(".,")
    if re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", d):
        return d
    m = re.fullmatch(r"([A-Za-z]{3,9})\.?\s+(\d{4})", d)
    if m and m.group(1).lower() in _MONTHS:
        return f"{m.group(2)}-{_MONTHS[m.group(1).lower()]:02d}"
    m = re.fullmatch(r"(\d{1,2})[/.](\d{4})", d)
    if m and 1 <= int(m.group(1)) <= 12:
        return f"{m.group(2)}-{int(m.group(1)):02d}"
    return d


def to_json_resume(resume: Resume) -> dict[str, Any]:
    """``resume`` as a JSON Resume (jsonresume.org schema), to correct once and reuse.

    Reading the result back gives the same name, contact, roles (titles, employers, dates,
    bullets), education, skills and certifications.
    """
    c = resume.contact
    basics: dict[str, Any] = {"name": resume.name or c.name or ""}
    for key, value in (("email", c.email), ("phone", c.phone), ("summary", resume.summary)):
        if value:
            basics[key] = value
    if c.location:
        basics["location"] = {"city": c.location}
    if c.links:
        basics["url"] = c.links[0]
        basics["profiles"] = [{"url": u} for u in c.links[1:]]
    work = []
    for role in resume.roles:
        item: dict[str, Any] = {}
        if role.employer:
            item["name"] = role.employer
        if role.title:
            item["position"] = role.title
        if role.location:
            item["location"] = role.location
        start = _iso(role.start)
        if start:
            item["startDate"] = start
        if role.end and not _OPEN_END.match(role.end.strip()):
            item["endDate"] = _iso(role.end)
        if role.bullets:
            item["highlights"] = list(role.bullets)
        work.append(item)
    education = []
    for e in resume.education:
        entry: dict[str, Any] = {}
        for key, value in (
            ("institution", e.institution),
            ("studyType", e.degree),
            ("area", e.field),
            ("startDate", _iso(e.start)),
            ("endDate", _iso(e.end)),
        ):
            if value:
                entry[key] = value
        if e.details:
            entry["courses"] = list(e.details)
        education.append(entry)
    out: dict[str, Any] = {"basics": basics, "work": work}
    if education:
        out["education"] = education
    if resume.skills:
        out["skills"] = [{"name": s} for s in resume.skills]
    projects = []
    for p in resume.projects:
        proj: dict[str, Any] = {}
        for key, value in (
            ("name", p.name),
            ("description", p.description),
            ("startDate", _iso(p.start)),
            ("endDate", _iso(p.end) if p.end and not _OPEN_END.match(p.end.strip()) else None),
            ("url", p.url),
        ):
            if value:
                proj[key] = value
        if p.highlights:
            proj["highlights"] = list(p.highlights)
        projects.append(proj)
    if projects:
        out["projects"] = projects
    if resume.certifications:
        out["certificates"] = [{"name": s} for s in resume.certifications]
    return out
