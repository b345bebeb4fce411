"""Draft for many postings at once: concurrent, resumable, one folder of documents per posting.

:func:`run_batch` (and the asyncio :func:`arun_batch`) take postings from a CSV or JSONL file (columns
``posting`` — a file path, relative to the list, or the posting's text —, ``contact``, ``introducer``,
``id``; optional ``contact_email``, ``introducer_email``, ``note``), from a folder of posting files, or
from :class:`BatchItem` objects. Each item is parsed, matched against the resume and drafted with
:func:`referral_ai.compose.acompose` for every requested kind, with at most ``concurrency`` items
talking to the model at once (parsing, validating and writing files happen outside that limit).
Parsing, matching, validating and writing files run in worker processes (one per core,
:class:`referral_ai.pool.WorkerPool`): each item stays on one worker, which keeps its context and
plan, and a draft's check goes ahead of the parsing and writing queued there, so the event loop
only talks to the model. Its documents go to ``out_dir/<id>/`` under the same output plan as
``draft`` (:mod:`referral_ai.export.plan`: ``Firstname-Lastname-Role-CoverLetter.docx``, the
tailored resume, the follow-up ``.eml`` with the files its body lists), moved into place as one set; a
``done.json`` marker is written last, atomically, with a fingerprint of the item's inputs, so a rerun
skips finished items and redoes unfinished or changed ones. One item's failure (bad input, rejected draft, endpoint error) is recorded in the summary and in
``<id>/error.json``; it never stops the batch.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import hashlib
import io
import json
import os
import re
import sys
import threading
import time
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from referral_ai.compose import (
    ALL_KINDS,
    Validator,
    acompose,
    build_context,
    check_draft,
    prepare_checks,
)
from referral_ai.errors import DraftRejectedError, InputError, ReferralAIError
from referral_ai.export.plan import FORMATS as PLAN_FORMATS
from referral_ai.export.plan import OutputPlan
from referral_ai.files import atomic_write
from referral_ai.inputs.formats import suffixes
from referral_ai.inputs.loaded import read_file_bytes
from referral_ai.models import (
    Doubt,
    Draft,
    DraftContext,
    DraftKind,
    Fit,
    JobPosting,
    Referral,
    Report,
    Resume,
    Usage,
)
from referral_ai.pool import WorkerPool
from referral_ai.writers.base import Writer

if TYPE_CHECKING:
    from referral_ai.export.reword import Rewording
    from referral_ai.validators.context import Prepared

__all__ = [
    "POSTING_SUFFIXES",
    "BatchItem",
    "BatchSummary",
    "ItemResult",
    "arun_batch",
    "load_items",
    "run_batch",
]

Status = Literal["ok", "failed", "skipped"]
T = TypeVar("T")

#: File types a posting folder is scanned for (from the one table of formats).
POSTING_SUFFIXES = suffixes("posting")
#: Output formats: ``docx`` (letter, emails, tailored resume), ``eml`` (the follow-up with its
#: attachments), ``md`` (every draft), ``pdf`` (next to each .docx; needs LibreOffice).
FORMATS = PLAN_FORMATS
DONE = "done.json"
ERROR = "error.json"
_COLUMNS = ("id", "posting", "contact", "introducer", "contact_email", "introducer_email", "note")


@dataclass(frozen=True)
class BatchItem:
    """One posting to draft for. ``posting`` is a path or the posting's text; the rest fills the referral."""

    id: str
    posting: str | Path
    contact: str | None = None
    introducer: str | None = None
    contact_email: str | None = None
    introducer_email: str | None = None
    note: str | None = None

    def referral(
        self, default: Referral | Mapping[str, Any] | None = None, *, cold: bool = False
    ) -> Referral:
        """This item's :class:`Referral`: its own fields over ``default``'s. Without a contact it
        is a cold application when ``cold`` is set, and an InputError otherwise (a blank contact
        cell in a list is more often a slip than a choice)."""
        if isinstance(default, Referral):
            base: dict[str, Any] = default.model_dump()
        else:
            base = dict(default or {})
        own = {
            "contact": self.contact,
            "introducer": self.introducer,
            "contact_email": self.contact_email,
            "introducer_email": self.introducer_email,
            "note": self.note,
        }
        merged = {**base, **{k: v for k, v in own.items() if v}}
        if not merged.get("contact") and not cold:
            raise InputError(
                "no contact for this posting: add a 'contact' column, pass contact= (CLI "
                "--contact), or cold=True (CLI --cold) to apply without a referral",
                source=self.id,
            )
        return Referral(**merged)

    def kinds(self, wanted: tuple[DraftKind, ...], ctx: DraftContext) -> tuple[DraftKind, ...]:
        """The documents to draft for this item: ``wanted``, less the intro request when the
        application is cold and nobody could introduce the candidate (as ``draft`` does)."""
        if ctx.cold and not (ctx.referral.introducer or "").strip():
            return tuple(k for k in wanted if k is not DraftKind.intro_request)
        return wanted


@dataclass
class ItemResult:
    """What happened to one item: status, documents written, usage, and the error when it failed."""

    id: str
    status: Status
    role: str | None = None
    company: str | None = None
    files: list[Path] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    error: str | None = None
    error_type: str | None = None
    invalid: int = 0
    seconds: float = 0.0
    errors: int = 0
    warnings: int = 0
    """Validation errors and warnings in the item's drafts (the last report of a rejected one)."""
    doubts: list[Doubt] = field(default_factory=list)
    """What drafting this item went ahead unsure of, as ``draft`` says it: the posting's doubts and
    the pair's (a resume in another language than the posting)."""


@dataclass
class BatchSummary:
    """Per-item results, usage and cost totals of a batch run; ``str()`` is a table, and in a
    notebook it shows as a table with a chart of the issues per posting."""

    results: list[ItemResult]
    out_dir: Path
    elapsed: float = 0.0

    @property
    def ok(self) -> bool:
        """True when no item failed."""
        return not self.failed

    @property
    def failed(self) -> list[ItemResult]:
        """Items that failed this run."""
        return [r for r in self.results if r.status == "failed"]

    @property
    def counts(self) -> dict[str, int]:
        """Number of items per status."""
        counts = {"ok": 0, "failed": 0, "skipped": 0}
        for r in self.results:
            counts[r.status] += 1
        return counts

    @property
    def usage(self) -> Usage:
        """Tokens, calls and cost spent in this run (skipped items cost nothing)."""
        total = Usage()
        for r in self.results:
            if r.status != "skipped":
                total = total + r.usage
        return total

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``--json`` output)."""
        return {
            "ok": self.ok,
            "out_dir": str(self.out_dir),
            "elapsed_s": round(self.elapsed, 3),
            "counts": self.counts,
            "usage": self.usage.model_dump(),
            "items": [
                {
                    "id": r.id,
                    "status": r.status,
                    "role": r.role,
                    "company": r.company,
                    "files": [str(p) for p in r.files],
                    "usage": r.usage.model_dump(),
                    "error": r.error,
                    "error_type": r.error_type,
                    "invalid_drafts": r.invalid,
                    "errors": r.errors,
                    "warnings": r.warnings,
                    "doubts": [d.model_dump(mode="json") for d in r.doubts],
                    "seconds": round(r.seconds, 3),
                }
                for r in self.results
            ],
        }

    def __str__(self) -> str:
        rows = [("id", "status", "role", "calls", "tokens", "cost", "note")]
        for r in self.results:
            note = f"{r.error_type}: {r.error}" if r.error else ""
            if r.invalid:
                note = f"{r.invalid} draft(s) with validation errors (allow_invalid)" + (
                    f"; {note}" if note else ""
                )
            rows.append(
                (
                    _clip(r.id, 24),
                    r.status,
                    _clip(" at ".join(x for x in (r.role, r.company) if x) or "-", 48),
                    str(r.usage.calls) if r.status != "skipped" else "-",
                    f"{r.usage.total_tokens:,}" if r.status != "skipped" else "-",
                    _money(r.usage.cost_usd) if r.status != "skipped" else "-",
                    _clip(note, 90),
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
        lines = [
            "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[-1]
            for row in rows
        ]
        lines.insert(1, "  ".join("-" * w for w in widths) + "  ----")
        c, u = self.counts, self.usage
        lines.append(
            f"{len(self.results)} item(s): {c['ok']} ok, {c['failed']} failed, {c['skipped']} skipped · "
            f"{u.calls} model call(s) · {u.total_tokens:,} tokens · cost {_money(u.cost_usd)} · "
            f"{self.elapsed:.1f} s · {self.out_dir}"
        )
        return "\n".join(line.rstrip() for line in lines)

    def _repr_html_(self) -> str:
        from referral_ai.display import batch_html

        return batch_html(self)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _money(cost: float | None) -> str:
    from referral_ai.pricing import money

    return money(cost, unknown="-")


# --------------------------------------------------------------------------- reading the list


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _posting_ref(value: str, base: Path) -> str | Path:
    """A posting cell: an existing file (relative to the list's folder, or as given) or the text itself."""
    if "\n" not in value and len(value) <= 1024:
        for candidate in (base / value, Path(value)):
            try:
                if candidate.is_file():
                    return candidate
            except OSError:
                continue
    return value


def _items_from_rows(
    rows: Iterable[tuple[int, dict[str, Any]]], base: Path, source: str
) -> list[BatchItem]:
    items: list[BatchItem] = []
    for line, row in rows:
        data = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
        posting = _clean(data.get("posting"))
        if posting is None:
            raise InputError(
                f"line {line}: the 'posting' column is empty or missing", source=source
            )
        items.append(
            BatchItem(
                id=_clean(data.get("id")) or f"row-{line}",
                posting=_posting_ref(posting, base),
                contact=_clean(data.get("contact")),
                introducer=_clean(data.get("introducer")),
                contact_email=_clean(data.get("contact_email")),
                introducer_email=_clean(data.get("introducer_email")),
                note=_clean(data.get("note")),
            )
        )
    return items


def _read_list(path: Path) -> str:
    """The text of a batch list: a regular file (not a FIFO or device), bounded, UTF-8."""
    data = read_file_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the list is not UTF-8 text (bad byte at offset {exc.start})", source=str(path)
        ) from exc


def load_items(source: str | os.PathLike[str]) -> list[BatchItem]:
    """Read batch items from a ``.csv`` (header row), a ``.jsonl`` (one object per line) or a folder.

    A folder yields one item per posting file (``.txt .md .html .pdf .docx``, sorted, id = file name
    without suffix). Raises :class:`InputError` for a missing file, an unknown type, a malformed line or
    a list without postings.
    """
    path = Path(source)
    name = str(path)
    if path.is_dir():
        files = sorted(
            p
            for p in path.iterdir()
            if p.is_file() and p.suffix.lower() in POSTING_SUFFIXES and not p.name.startswith(".")
        )
        items = [BatchItem(id=p.stem, posting=p) for p in files]
    elif path.suffix.lower() == ".csv":
        text = _read_list(path)
        reader = csv.DictReader(io.StringIO(text))
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
        if "posting" not in header:
            raise InputError(
                f"the CSV needs a 'posting' column (columns: {', '.join(_COLUMNS)})", source=name
            )
        items = _items_from_rows(((reader.line_num, row) for row in reader), path.parent, name)
    elif path.suffix.lower() in (".jsonl", ".ndjson"):
        lines = _read_list(path).splitlines()
        rows: list[tuple[int, dict[str, Any]]] = []
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError as exc:
                raise InputError(
                    f"line {number} is not valid JSON ({exc.args[0]})", source=name
                ) from exc
            if not isinstance(obj, dict):
                raise InputError(f"line {number} is not a JSON object", source=name)
            rows.append((number, obj))
        items = _items_from_rows(rows, path.parent, name)
    else:
        if not path.exists():
            raise InputError("file not found", source=name)
        raise InputError(
            "a batch list must be a .csv, a .jsonl or a folder of postings", source=name
        )
    if not items:
        raise InputError("no postings found", source=name)
    return items


def _unique_dirs(items: list[BatchItem]) -> list[str]:
    seen: dict[str, int] = {}
    names: list[str] = []
    for n, item in enumerate(items, start=1):
        slug = re.sub(r"[^A-Za-z0-9._-]+", "-", item.id).strip("-.")[:80] or f"item-{n}"
        count = seen.get(slug.lower(), 0) + 1
        seen[slug.lower()] = count
        names.append(slug if count == 1 else f"{slug}-{count}")
    return names


# --------------------------------------------------------------------------- one item


@dataclass(frozen=True)
class _Prep:
    """What parsing, matching and planning an item need besides the item: the run's default
    referral, the kinds, the formats and the output plan's options. Sent to the worker processes
    with each item (small; picklable)."""

    referral: Mapping[str, Any]
    kinds: tuple[DraftKind, ...]
    formats: frozenset[str]
    options: Mapping[str, Any]
    cold: bool = False
    resume_digest: str = ""
    resume_run: bool = True
    reword: bool = False


@dataclass(frozen=True)
class _Settings:
    """A run's settings, the same for every item (checked by :func:`arun_batch`)."""

    prep: _Prep
    concurrency: int
    max_reasks: int
    allow_invalid: bool
    validator: Validator | None
    progress: bool
    workers: int


@dataclass
class _Run:
    """One run in progress: its settings and what the items share (resume, writer, limits, pool)."""

    settings: _Settings
    resume: Resume
    writer: Writer
    limit: asyncio.Semaphore
    window: asyncio.Semaphore
    tick: Callable[[ItemResult], None]
    pool: WorkerPool
    token: str
    """Tells this run's items apart from another run's in the same process (threads share state)."""
    remote_check: bool = True
    """Drafts are checked in the worker holding the item (the validator can be sent there)."""


def _fingerprint(item: BatchItem, prep: _Prep) -> str:
    """A digest of everything an item's documents depend on: posting, resume, referral, kinds, formats."""
    if isinstance(item.posting, Path):
        try:
            posting = hashlib.sha256(item.posting.read_bytes()).hexdigest()
        except OSError:
            posting = f"unreadable:{item.posting}"
    else:
        posting = hashlib.sha256(item.posting.encode("utf-8")).hexdigest()
    own = {k: v for k, v in item.__dict__.items() if k not in ("id", "posting") and v}
    material: dict[str, Any] = {
        "posting": posting,
        "resume": prep.resume_digest,
        "referral": {**prep.referral, **own},
        "kinds": [k.value for k in prep.kinds],
        "cold": prep.cold,
        "formats": sorted(prep.formats),
        "options": {k: str(v) for k, v in sorted(prep.options.items())},
    }
    if prep.reword:
        material["reword"] = True
    return hashlib.sha256(json.dumps(material, sort_keys=True).encode("utf-8")).hexdigest()


def _done_result(item: BatchItem, folder: Path, fingerprint: str) -> ItemResult | None:
    """The finished result recorded in ``done.json``, if it matches this item's current inputs."""
    marker = folder / DONE
    if not marker.is_file():
        return None
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # a damaged marker: do the item again
    if not isinstance(data, dict) or data.get("fingerprint") != fingerprint:
        return None  # the posting, resume, referral or kinds changed since: do it again
    return ItemResult(
        id=item.id,
        status="skipped",
        role=data.get("role"),
        company=data.get("company"),
        files=[folder / f for f in data.get("files", [])],
        errors=_count(data.get("errors")),
        warnings=_count(data.get("warnings")),
    )


def _count(value: Any) -> int:
    return value if isinstance(value, int) and value >= 0 else 0


# --------------------------------------------------------------------------- work done in the pool
#
# These functions run in a worker process (or in a thread when there is no pool). Their arguments and
# results cross the process boundary by pickle; errors come back as (type name, message) so every
# error type survives the trip. An item's context and plan stay in the worker that prepared it
# (``_ITEMS``, by the item's key) for its checks and its files, until it is written or forgotten.

_WORKER: dict[str, Any] = {}
_POSTINGS: dict[str, tuple[JobPosting, Fit]] = {}
_POSTING_LOCKS: dict[str, threading.Lock] = {}
_POSTINGS_LOCK = threading.Lock()
_POSTINGS_MAX = 64
_ITEMS: dict[str, tuple[DraftContext, OutputPlan]] = {}
#: The item's inputs prepared for the default validator (keyed once for its checks and re-asks).
_PREPARED: dict[str, Prepared] = {}

#: How urgent each kind of job is (lower first, see :class:`referral_ai.pool.WorkerPool`): a draft's
#: check decides a re-ask, preparing feeds the model, files can wait.
_CHECK, _PREPARE, _WRITE = 0, 1, 2


def _init_worker(resume_json: str) -> None:
    """Worker start: the run's resume, sent once instead of with every item."""
    _WORKER["resume"] = Resume.model_validate_json(resume_json)


def _posting_key(posting: str | Path) -> str:
    if isinstance(posting, Path):
        data = posting.read_bytes()
        return "file:" + str(posting) + ":" + hashlib.sha256(data).hexdigest()
    return "text:" + hashlib.sha256(posting.encode("utf-8")).hexdigest()


def _load(posting: str | Path, resume: Resume, resume_digest: str) -> tuple[JobPosting, Fit]:
    """The parsed posting and its match against ``resume`` (copies): the same content (same file)
    is parsed and matched once per worker, for every item that shares it."""
    from referral_ai.inputs import load_posting
    from referral_ai.matching import match

    try:
        key = _posting_key(posting) + ":" + resume_digest
    except OSError:
        parsed = load_posting(posting)  # the reader reports the problem in its own words
        return parsed, match(parsed, resume)
    with _POSTINGS_LOCK:  # threads (no pool) reading the same posting wait for one parse
        lock = _POSTING_LOCKS.setdefault(key, threading.Lock())
    with lock:
        hit = _POSTINGS.get(key)
        if hit is None:
            parsed = load_posting(posting)
            hit = _POSTINGS[key] = (parsed, match(parsed, resume))
            with _POSTINGS_LOCK:
                while len(_POSTINGS) > _POSTINGS_MAX:
                    old = next(iter(_POSTINGS))
                    del _POSTINGS[old]
                    _POSTING_LOCKS.pop(old, None)
    return hit[0].model_copy(deep=True), hit[1].model_copy(deep=True)


def _prepare_work(
    key: str, item: BatchItem, folder: Path, prep: _Prep, resume: Resume | None = None
) -> tuple[str, Any]:
    """Fingerprint one item and, unless its finished set is current, parse and match it and plan
    its files: ("done", ItemResult) when a rerun can skip it, ("ok", (fingerprint, ctx, plan)) with
    the context and plan kept here under ``key``, or ("error", (type, message))."""
    from referral_ai.export.plan import plan_outputs
    from referral_ai.inputs.report import refuse_doubtful

    try:
        fingerprint = _fingerprint(item, prep)
        done = _done_result(item, folder, fingerprint) if prep.resume_run else None
        if done is not None:
            return "done", done
        the_resume = resume if resume is not None else _WORKER["resume"]
        ref = item.referral(prep.referral, cold=prep.cold)
        posting, fit = _load(item.posting, the_resume, prep.resume_digest)
        # Never draft a letter that states a doubtful title or company (the item fails, saying so).
        where = str(item.posting) if isinstance(item.posting, Path) else item.id
        refuse_doubtful((where, posting), options=False)  # batch takes no --company for an item
        ctx = build_context(posting, the_resume, ref, fit=fit)
        kinds = item.kinds(prep.kinds, ctx)
        if not kinds:
            raise InputError(
                "a cold application has no intro request to draft: add a contact or other kinds",
                source=item.id,
            )
        plan = plan_outputs(ctx, kinds, formats=prep.formats, **prep.options)
        _ITEMS[key] = (ctx, plan)
        return "ok", (fingerprint, ctx, plan)
    except Exception as exc:
        return "error", (type(exc).__name__, str(exc) or type(exc).__name__)


def _check_work(
    key: str, kind: DraftKind, draft: Draft, validator: Validator | None
) -> tuple[str, Any]:
    """The report on ``draft`` for the item kept under ``key`` (:func:`~referral_ai.compose.check_draft`
    with ``validator``, default :func:`referral_ai.validators.validate`): ("ok", Report) or
    ("error", (type, message))."""
    try:
        if validator is None:  # the default: its inputs prepared once for the item's checks
            from referral_ai.validators import validate

            ctx, _ = _ITEMS[key]
            prepared = _PREPARED.get(key)
            if prepared is None:
                prepared = _PREPARED[key] = prepare_checks(ctx)
            return "ok", check_draft(validate, draft, ctx, kind, prepared=prepared)
        ctx, _ = _ITEMS[key]
        return "ok", check_draft(validator, draft, ctx, kind)
    except Exception as exc:
        return "error", (type(exc).__name__, str(exc) or type(exc).__name__)


def _forget(key: str) -> None:
    """Drop what is kept for the item ``key`` (it failed before its files were written)."""
    _ITEMS.pop(key, None)
    _PREPARED.pop(key, None)


def _write_work(
    key: str,
    drafts: dict[DraftKind, Draft],
    folder: Path,
    marker: dict[str, Any],
    rewording: Rewording | None = None,
) -> tuple[str, Any]:
    """Write the planned files of the item kept under ``key`` (with ``rewording`` of its tailored
    resume, if any) and its ``done.json`` (last) as one folder, swapped in for the old one:
    ("ok", [paths]) or ("error", (type, message)). The item is forgotten here either way.

    Everything is written into a hidden sibling folder first; the finished folder then takes the
    item folder's name in one rename (an old folder is moved aside first and deleted after). A
    failure or a kill leaves the old folder or the new one and, at worst, a hidden leftover that
    the next run removes (:func:`_sweep`); an item without ``done.json`` is redone.
    """
    import shutil
    import tempfile

    from referral_ai.export.plan import write_plan

    stage: Path | None = None
    try:
        ctx, plan = _ITEMS.pop(key)
        _PREPARED.pop(key, None)
        if rewording is not None:
            plan.rewording = rewording
        stage = Path(tempfile.mkdtemp(prefix=f"{_STAGE}{folder.name}-", dir=folder.parent))
        names = write_plan(plan, drafts, ctx, stage)
        marker = {**marker, "files": list(names)}
        (stage / DONE).write_text(json.dumps(marker, indent=2), encoding="utf-8")
        old: Path | None = None
        if folder.exists():
            old = Path(tempfile.mkdtemp(prefix=f"{_OLD}{folder.name}-", dir=folder.parent))
            os.replace(folder, old / "item")
        os.rename(stage, folder)
        stage = None
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return "ok", [folder / n for n in names]
    except Exception as exc:
        return "error", (type(exc).__name__, str(exc) or type(exc).__name__)
    finally:
        if stage is not None:
            shutil.rmtree(stage, ignore_errors=True)


_STAGE = ".referral-ai-item-"
_OLD = ".referral-ai-old-"


def _sweep(root: Path) -> None:
    """Remove what killed runs left in ``root``: half-written item folders (never moved in) and old
    folders moved aside; an old folder whose item folder is gone is put back first."""
    import shutil

    try:
        leftovers = sorted(root.glob(".referral-ai-*-*"))
    except OSError:
        return
    for path in leftovers:
        if not path.is_dir() or path.is_symlink():
            continue
        name = path.name
        if name.startswith(_OLD) and (path / "item").is_dir():
            target = root / name[len(_OLD) :].rsplit("-", 1)[0]
            if not target.exists():
                with contextlib.suppress(OSError):
                    os.rename(path / "item", target)
        if name.startswith((_STAGE, _OLD)):
            shutil.rmtree(path, ignore_errors=True)


class ItemError(ReferralAIError):
    """An item's failure reported by a worker; ``kind`` is the original error's type name."""

    def __init__(self, kind: str, message: str) -> None:
        self.kind = kind
        super().__init__(message)


def _unwrap(answer: tuple[str, Any]) -> Any:
    status, value = answer
    if status == "ok":
        return value
    kind, message = value
    raise ItemError(kind, message)


async def _job(run: _Run, slot: int | None, priority: int, fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)`` on the item's worker ``slot`` (see :class:`~referral_ai.pool.WorkerPool`)."""
    return await run.pool.run(slot, priority, fn, *args)


async def _run_item(item: BatchItem, folder: Path, run: _Run) -> ItemResult:
    # ``window`` bounds the items in progress (memory, open work); ``limit`` bounds the items talking
    # to the model. Parsing, validating and writing happen outside ``limit``, so a model slot never
    # waits for them.
    async with run.window:
        slot = run.pool.assign()
        try:
            result = await _draft_item(item, folder, run, slot)
        finally:
            run.pool.release(slot)
    run.tick(result)
    return result


async def _draft_item(item: BatchItem, folder: Path, run: _Run, slot: int | None) -> ItemResult:
    started = time.perf_counter()
    result = ItemResult(id=item.id, status="failed")
    drafts: dict[DraftKind, Draft] = {}
    failure: dict[str, Any] = {}
    key = f"{run.token}:{folder.name}"
    kept = False  # the worker holds this item's context and plan
    settings = run.settings
    try:
        # the thread fallback has no resume of its own: it is given the run's
        extra = (run.resume,) if slot is None else ()
        status, value = await _job(
            run, slot, _PREPARE, _prepare_work, key, item, folder, settings.prep, *extra
        )
        if status == "done":
            done: ItemResult = value
            return done
        fingerprint, ctx, plan = _unwrap((status, value))
        kept = True
        result.role, result.company = ctx.posting.title, ctx.posting.company
        pair = ctx.resume.report.doubts[len(run.resume.report.doubts) :]  # build_context's
        result.doubts = [*ctx.posting.report.doubts, *pair]
        writer = plan.wrap(_Limited(run.writer, run.limit))
        for kind in plan.kinds:

            async def check(draft: Draft, kind: DraftKind = kind) -> Report:
                report: Report = _unwrap(
                    await _job(run, slot, _CHECK, _check_work, key, kind, draft, settings.validator)
                )
                return report

            draft = await acompose(
                kind,
                ctx,
                writer,
                max_reasks=settings.max_reasks,
                allow_invalid=settings.allow_invalid,
                validator=settings.validator,
                # checked in the worker that holds the item, ahead of its queued parsing and
                # writing; a validator that cannot be sent there runs in a thread here
                check=check if run.remote_check else None,
                validate_in_thread=True,
            )
            drafts[kind] = draft
            result.usage = result.usage + draft.usage
            if draft.report is not None:
                result.invalid += 0 if draft.report.ok else 1
                result.errors += len(draft.report.errors)
                result.warnings += len(draft.report.warnings)
        rewording = None
        if settings.prep.reword and plan.tailored_resume:
            rewording = await _reword(ctx, run)
            result.usage = result.usage + rewording.usage
        marker = {
            "id": item.id,
            "posting": str(item.posting) if isinstance(item.posting, Path) else "<text>",
            "role": result.role,
            "company": result.company,
            "kinds": [k.value for k in drafts],
            "files": [],
            "usage": result.usage.model_dump(),
            "errors": result.errors,
            "warnings": result.warnings,
            "writer": getattr(run.writer, "name", type(run.writer).__name__),
            "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "fingerprint": fingerprint,
        }
        kept = False  # the write forgets the item, whatever happens
        result.files = _unwrap(
            await _job(run, slot, _WRITE, _write_work, key, drafts, folder, marker, rewording)
        )
        result.status = "ok"
    except DraftRejectedError as exc:
        result.usage = result.usage + exc.usage
        _failed(result, exc)
        result.errors += len(exc.report.errors)
        result.warnings += len(exc.report.warnings)
        failure = {"report": exc.report.model_dump(mode="json"), "attempts": len(exc.attempts)}
    except (ReferralAIError, OSError, ValueError) as exc:
        result.usage = result.usage + getattr(exc, "usage", Usage())
        _failed(result, exc)
    except Exception as exc:  # a bug or an unexpected library error: record it, keep going
        _failed(result, exc)
    finally:
        if kept:
            with contextlib.suppress(Exception):
                await _job(run, slot, _CHECK, _forget, key)
    if result.status == "failed":
        failure.update({"id": item.id, "error_type": result.error_type, "error": result.error})
        failure["drafted"] = [k.value for k in drafts]
        with contextlib.suppress(OSError):  # the summary still records the failure
            await asyncio.to_thread(_write_error, folder, failure)
    result.seconds = time.perf_counter() - started
    return result


async def _reword(ctx: DraftContext, run: _Run) -> Rewording:
    """The model's checked rewording of the tailored resume's bullets
    (:func:`referral_ai.export.reword.reword_resume`, as ``draft --reword-resume``), sent while
    holding a model slot; a writer without ``reword`` keeps the original lines and says so."""
    from referral_ai.export.reword import reword_resume

    async with run.limit:
        return await asyncio.to_thread(reword_resume, ctx, run.writer)


class _Limited:
    """The batch's writer, holding a model slot (``limit``) only while a request is being drafted.

    Validating a draft and building the re-ask happen between writer calls, without a slot, so
    the slots stay busy with model requests.
    """

    def __init__(self, writer: Writer, limit: asyncio.Semaphore) -> None:
        self._writer = writer
        self._limit = limit
        self.name: str = getattr(writer, "name", type(writer).__name__)

    def draft(self, kind: DraftKind, ctx: DraftContext, *, feedback: str | None = None) -> Draft:
        """The wrapped writer's :meth:`draft` (synchronous calls are not limited)."""
        return self._writer.draft(kind, ctx, feedback=feedback)

    async def adraft(
        self, kind: DraftKind, ctx: DraftContext, *, feedback: str | None = None
    ) -> Draft:
        """The wrapped writer's ``adraft``, inside the concurrency limit."""
        async with self._limit:
            return await self._writer.adraft(kind, ctx, feedback=feedback)


def _failed(result: ItemResult, exc: BaseException) -> None:
    result.status = "failed"
    result.error_type = exc.kind if isinstance(exc, ItemError) else type(exc).__name__
    result.error = str(exc) or type(exc).__name__


def _finish(folder: Path, marker: dict[str, Any]) -> None:
    error = folder / ERROR
    if error.exists():
        error.unlink()
    atomic_write(folder / DONE, json.dumps(marker, indent=2).encode("utf-8"), overwrite=True)


def _write_error(folder: Path, failure: dict[str, Any]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write(
        folder / ERROR, json.dumps(failure, indent=2, default=str).encode("utf-8"), overwrite=True
    )


# --------------------------------------------------------------------------- progress


def _in_notebook() -> bool:
    """Is this process a Jupyter kernel (IPython's kernel shell, not a terminal IPython)?"""
    ipython = sys.modules.get("IPython")
    shell = getattr(ipython, "get_ipython", lambda: None)() if ipython is not None else None
    return shell is not None and getattr(shell, "kernel", None) is not None


class _Progress:
    """Progress when asked for: in a notebook one HTML display updated in place (at most every
    ``_NOTEBOOK_EVERY`` seconds, and at the end); elsewhere a rich bar on stderr when it is a terminal."""

    _NOTEBOOK_EVERY = 0.2

    def __init__(self, total: int, enabled: bool) -> None:
        self._bar: Any = None
        self._task: Any = None
        self._handle: Any = None
        self._total = total
        self._done = 0
        self._shown_at = 0.0
        self._lock = threading.Lock()
        self._counts = {"ok": 0, "failed": 0, "skipped": 0}
        if not enabled:
            return
        if _in_notebook():
            from IPython import display as ipython_display

            show: Any = ipython_display.display  # untyped in IPython
            self._handle = show(self._bundle(finished=False), raw=True, display_id=True)
            return
        if not sys.stderr.isatty():
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self._bar = Progress(
            TextColumn("drafting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn(
                "ok {task.fields[ok]} · failed {task.fields[failed]} · skipped {task.fields[skipped]}"
            ),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self._task = self._bar.add_task("batch", total=total, **self._counts)

    def _bundle(self, finished: bool) -> dict[str, str]:
        from referral_ai.display import progress_html

        plain = f"{'done' if finished else 'drafting'} {self._done}/{self._total} " + " · ".join(
            f"{k} {v}" for k, v in self._counts.items()
        )
        html = progress_html(self._done, self._total, self._counts, finished=finished)
        return {"text/html": html, "text/plain": plain}

    def _show(self, finished: bool) -> None:
        with self._lock:
            self._shown_at = time.monotonic()
            self._handle.update(self._bundle(finished), raw=True)

    def __enter__(self) -> _Progress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
        if self._handle is not None:
            self._show(finished=True)

    def tick(self, result: ItemResult) -> None:
        self._counts[result.status] += 1
        self._done += 1
        if self._bar is not None:
            self._bar.update(self._task, advance=1, **self._counts)
        if self._handle is not None and (
            self._done == self._total or time.monotonic() - self._shown_at >= self._NOTEBOOK_EVERY
        ):
            self._show(finished=False)


# --------------------------------------------------------------------------- entry points


def _load_resume(resume: Resume | str | os.PathLike[str]) -> Resume:
    if isinstance(resume, Resume):
        return resume
    from referral_ai.inputs import load_resume

    return load_resume(resume)


async def arun_batch(
    items: Iterable[BatchItem] | str | os.PathLike[str],
    resume: Resume | str | os.PathLike[str],
    *,
    writer: Writer,
    out_dir: str | os.PathLike[str],
    referral: Referral | None = None,
    contact: str | None = None,
    introducer: str | None = None,
    kinds: Iterable[DraftKind | str] = ALL_KINDS,
    concurrency: int = 4,
    max_reasks: int = 2,
    allow_invalid: bool = False,
    resume_run: bool = True,
    formats: Collection[str] = ("docx", "eml", "md"),
    validator: Validator | None = None,
    progress: bool = True,
    attachments: Iterable[str | Path | tuple[str | Path, str | None]] = (),
    allow_missing: bool = False,
    page: str | None = None,
    template: str | Path | None = None,
    workers: int | None = None,
    cold: bool = False,
    reword_resume: bool = False,
) -> BatchSummary:
    """Asyncio :func:`run_batch`: same arguments; ``concurrency`` items drafting with the model at once."""
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    unknown = set(formats) - FORMATS
    if unknown:
        raise ValueError(
            f"unknown output format(s) {sorted(unknown)}; choose from {sorted(FORMATS)}"
        )
    wanted = tuple(dict.fromkeys(DraftKind(k) for k in kinds))
    if not wanted:
        raise ValueError("kinds is empty: nothing to draft")
    listed = load_items(items) if isinstance(items, (str, os.PathLike)) else list(items)
    from referral_ai.export.plan import _check_user_files, check_template, parse_attach, parse_page

    user_files = _check_user_files(parse_attach(attachments))  # one clear error before any item
    options: dict[str, Any] = {
        "attachments": user_files,
        "allow_missing": allow_missing,
        "page": parse_page(page),
        "template": check_template(template),
    }
    defaults: dict[str, Any] = referral.model_dump() if referral is not None else {}
    defaults.update({k: v for k, v in (("contact", contact), ("introducer", introducer)) if v})
    root = Path(out_dir)
    root.mkdir(parents=True, exist_ok=True)
    _sweep(root)
    the_resume = await asyncio.to_thread(_load_resume, resume)
    settings = _Settings(
        prep=_Prep(
            referral=defaults,
            kinds=wanted,
            formats=frozenset(formats),
            options=options,
            cold=cold,
            resume_digest=hashlib.sha256(the_resume.model_dump_json().encode()).hexdigest(),
            resume_run=resume_run,
            reword=reword_resume,
        ),
        concurrency=concurrency,
        max_reasks=max_reasks,
        allow_invalid=allow_invalid,
        validator=validator,
        progress=progress,
        workers=_worker_count(workers, len(listed)),
    )
    # A writer that can keep connections open within this event loop (OpenAIWriter) does so for
    # the run: one connection set-up per slot instead of one per request. Closed before returning.
    keepalive = getattr(writer, "with_keepalive", None)
    pooled: Writer = keepalive() if callable(keepalive) else writer
    try:
        return await _run_all(listed, the_resume, pooled, root, settings)
    finally:
        if pooled is not writer:
            aclose = getattr(pooled, "aclose", None)
            if callable(aclose):
                await aclose()


async def _run_all(
    listed: list[BatchItem], resume: Resume, writer: Writer, root: Path, settings: _Settings
) -> BatchSummary:
    """Every item of the run, ``settings.concurrency`` of them talking to the model at once."""
    started = time.perf_counter()
    pool = WorkerPool(settings.workers, _init_worker, (resume.model_dump_json(),))
    try:
        with _Progress(len(listed), settings.progress) as bar:
            run = _Run(
                settings=settings,
                resume=resume,
                writer=writer,
                limit=asyncio.Semaphore(settings.concurrency),
                window=asyncio.Semaphore(2 * settings.concurrency),
                tick=bar.tick,
                pool=pool,
                token=os.urandom(6).hex(),
                remote_check=_can_send(settings.validator),
            )
            folders = _unique_dirs(listed)
            results = await asyncio.gather(
                *(
                    _run_item(item, root / name, run)
                    for item, name in zip(listed, folders, strict=True)
                )
            )
    finally:
        pool.shutdown()
    return BatchSummary(results=list(results), out_dir=root, elapsed=time.perf_counter() - started)


def _can_send(validator: Validator | None) -> bool:
    """Can ``validator`` be sent to a worker process (a module-level function; None is the
    default validator)? A lambda or a closure cannot: the batch then validates in a thread here."""
    if validator is None:
        return True
    import pickle

    try:
        pickle.dumps(validator)
    except Exception:
        return False
    return True


def _worker_count(workers: int | None, items: int) -> int:
    """Worker processes for parsing, matching and writing: one per core for a batch of 8 items or
    more (a smaller one is not worth starting processes for); 0 runs them in threads."""
    if workers is not None:
        return max(0, workers)
    if items < 8:
        return 0
    return max(1, min(os.cpu_count() or 1, 8))


def run_batch(
    items: Iterable[BatchItem] | str | os.PathLike[str],
    resume: Resume | str | os.PathLike[str],
    *,
    writer: Writer,
    out_dir: str | os.PathLike[str],
    referral: Referral | None = None,
    contact: str | None = None,
    introducer: str | None = None,
    kinds: Iterable[DraftKind | str] = ALL_KINDS,
    concurrency: int = 4,
    max_reasks: int = 2,
    allow_invalid: bool = False,
    resume_run: bool = True,
    formats: Collection[str] = ("docx", "eml", "md"),
    validator: Validator | None = None,
    progress: bool = True,
    attachments: Iterable[str | Path | tuple[str | Path, str | None]] = (),
    allow_missing: bool = False,
    page: str | None = None,
    template: str | Path | None = None,
    workers: int | None = None,
    cold: bool = False,
    reword_resume: bool = False,
) -> BatchSummary:
    """Draft every posting in ``items`` and write each one's documents under ``out_dir/<id>/``.

    ``items``: a .csv / .jsonl list or a folder (see :func:`load_items`), or :class:`BatchItem` objects.
    ``resume``: a :class:`Resume` or a path. The referral of an item is its own columns over
    ``referral`` / ``contact`` / ``introducer``; an item without any contact fails, unless ``cold``:
    then it is a cold application (follow-up and reminder to the hiring contact; no intro request
    unless the item names an introducer). ``kinds`` defaults
    to all four documents. With ``resume_run`` (default) items whose ``done.json`` records the same
    inputs (posting content, resume, referral, kinds, formats) are skipped, so an interrupted batch
    continues where it stopped and a changed item is redone; ``resume_run=False`` redoes (and
    replaces) everything. ``formats`` picks the files written (``docx``, ``eml``, ``md``). ``validator``
    replaces :func:`referral_ai.validators.validate` (see :func:`~referral_ai.compose.compose`); it
    runs in the worker processes when it can be pickled (a module-level function), else in a thread
    of this process, so it must be safe to call from one. ``attachments``, ``allow_missing``,
    ``page`` and ``template`` are the output plan's (see :func:`referral_ai.export.plan.plan_outputs`;
    the same for every item). ``workers``: processes for parsing, matching and writing (default:
    one per core for 8 items or more; 0: threads of this process). ``reword_resume``: a model
    rewords each tailored resume's bullets as ``draft --reword-resume`` does
    (:func:`referral_ai.export.reword.reword_resume`: one request per item, each line kept only
    when it passes the checks, recorded in ``...-Resume-Check.json``; the offline writer never
    rewords); its tokens are in the item's and the run's usage.
    Never raises for one item's failure; raises :class:`InputError` when the list itself cannot be
    read. Works inside a running event loop (e.g. Jupyter) by running in a helper thread.
    """
    coro = arun_batch(
        items,
        resume,
        writer=writer,
        out_dir=out_dir,
        referral=referral,
        contact=contact,
        introducer=introducer,
        kinds=kinds,
        concurrency=concurrency,
        max_reasks=max_reasks,
        allow_invalid=allow_invalid,
        resume_run=resume_run,
        formats=formats,
        validator=validator,
        progress=progress,
        attachments=attachments,
        allow_missing=allow_missing,
        page=page,
        template=template,
        workers=workers,
        cold=cold,
        reword_resume=reword_resume,
    )
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    return _in_thread(lambda: asyncio.run(coro))


def _in_thread(fn: Callable[[], T]) -> T:
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # handed back to the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=target, name="referral-ai-batch")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    value: T = box["value"]
    return value
