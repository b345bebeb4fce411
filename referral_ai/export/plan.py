"""One output plan for ``draft``, ``batch`` and the Python API: which files, under which names, what
the follow-up e-mail attaches, and how every required material is provided.

:func:`plan_outputs` decides, before anything is written:

- the documents and their names, one scheme everywhere
  (``Riley-Chen-Senior-Analytics-Engineer-CoverLetter.docx``, ``...-Resume.docx``,
  ``...-FollowUpEmail.eml``), in the formats asked for (``md``, ``docx``, ``eml``, ``pdf``);
- the tailored resume (:mod:`referral_ai.export.resume`), unless the user attaches their own;
- what the ``.eml`` attaches: the resume, the cover letter (PDF when made, else .docx) and the
  user's own files (``--attach FILE[=material]``), and nothing else;
- the mapping from each required material to a file, a link from the resume, or an honest note;
  required files nobody has (a writing sample, transcripts, ...) are ``missing``.

:meth:`OutputPlan.settle` then rewrites a draft's attachment list (and the "Attachments:" block of
its body) from the plan, so the list a contact reads and the files the ``.eml`` carries cannot
disagree, and applies the page's locale to the letter's closing. :func:`write_plan` writes the set
into a folder (a staging folder: see :mod:`referral_ai.staging`).
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from referral_ai.errors import InputError, OutputError
from referral_ai.inputs.loaded import file_problem
from referral_ai.inputs.regions import codes_in
from referral_ai.models import (
    FILE_MATERIALS,
    Attachment,
    Draft,
    DraftContext,
    DraftKind,
    Material,
    MaterialRequirement,
)
from referral_ai.writers.offline import (
    CODE_HOSTS,
    PORTFOLIO_HOSTS,
    material_note,
    resume_link,
)

if TYPE_CHECKING:
    from referral_ai.export.resume import TailoredResume
    from referral_ai.export.reword import Rewording

__all__ = [
    "FORMATS",
    "MAX_ATTACHMENT_BYTES",
    "MissingMaterialsError",
    "OutputPlan",
    "PlannedFile",
    "UserFile",
    "document_name",
    "file_stem",
    "page_for",
    "parse_attach",
    "plan_outputs",
    "write_outputs",
    "write_plan",
]

PageSize = Literal["letter", "a4"]
Format = Literal["md", "docx", "eml", "pdf"]
#: Output formats: ``md`` (every draft), ``docx`` (letter, emails, tailored resume), ``eml`` (the
#: follow-up, with its attachments), ``pdf`` (a PDF next to each .docx, through LibreOffice).
FORMATS: frozenset[str] = frozenset({"md", "docx", "eml", "pdf"})
#: The usual mail size limit: the files one .eml carries may not add up to more.
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024

_DOC_WORD: dict[DraftKind, str] = {
    DraftKind.cover_letter: "CoverLetter",
    DraftKind.follow_up: "FollowUpEmail",
    DraftKind.intro_request: "IntroRequestEmail",
    DraftKind.reminder: "ReminderEmail",
}
_EMAIL_KINDS = (DraftKind.follow_up, DraftKind.intro_request)

# Files only the candidate has; without one (or a link) the material is missing.
_CANDIDATE_FILES = FILE_MATERIALS - {Material.resume, Material.cv, Material.cover_letter}
# Words in a file's name that say which material it is (checked in this order).
_NAME_WORDS: tuple[tuple[Material, re.Pattern[str]], ...] = tuple(
    (m, re.compile(p, re.IGNORECASE))
    for m, p in (
        (Material.teaching_statement, r"teaching"),
        (Material.research_statement, r"research"),
        (Material.diversity_statement, r"diversity|\bdei\b|inclusion"),
        (
            Material.reference_letters,
            r"reference.?letter|letters?.of.(?:reference|recommendation)|recommendation",
        ),
        (Material.references, r"referees?|references?"),
        (Material.transcripts, r"transcript|grades"),
        (Material.writing_sample, r"writing|essay|article"),
        (Material.code_sample, r"code|github"),
        (Material.portfolio, r"portfolio|case.stud|work.?samples?"),
        (Material.certifications, r"certific|diploma|licen[cs]e"),
        (Material.video, r"video"),
        (Material.cover_letter, r"cover.?letter"),
        (Material.cv, r"(?:^|[^a-z])cv(?:[^a-z]|$)|curriculum"),
        (Material.resume, r"resum[eé]"),
    )
)

# Countries that use US Letter paper; any other named country uses A4.
_LETTER_COUNTRY_RE = re.compile(
    r"\b(?:united states|usa|u\.s\.a?\.?|america|canada|mexico|méxico|philippines|chile|"
    r"colombia|venezuela|puerto rico|guatemala|costa rica|panama|dominican republic)\b",
    re.IGNORECASE,
)
# The states, provinces and territories of the US and Canada (one table: inputs.regions).
_US_STATES = codes_in("US", "CA")
_STATE_RE = re.compile(r",\s*([A-Z]{2})\b")
_A4_COUNTRY_RE = re.compile(
    r"\b(?:united kingdom|uk|england|scotland|wales|ireland|germany|deutschland|france|spain|"
    r"italy|netherlands|belgium|switzerland|austria|sweden|norway|denmark|finland|poland|portugal|"
    r"czech|hungary|greece|romania|estonia|latvia|lithuania|europe|australia|new zealand|india|"
    r"singapore|japan|china|hong kong|korea|taiwan|israel|south africa|brazil|argentina|"
    r"nigeria|kenya|egypt|uae|dubai|saudi|qatar|turkey|pakistan|bangladesh|indonesia|malaysia|"
    r"vietnam|thailand|london|berlin|paris|amsterdam|dublin|munich|zurich|stockholm|sydney|"
    r"melbourne)\b",
    re.IGNORECASE,
)


class MissingMaterialsError(InputError):
    """The posting requires files the user has not given (``--attach``), so the follow-up would
    list what it cannot send."""


@dataclass(frozen=True)
class UserFile:
    """A file the user attaches: its path and the material it is (None: read from its name)."""

    path: Path
    material: Material | None = None


@dataclass(frozen=True)
class PlannedFile:
    """One file of the output set: its name in the folder, what it is, its format."""

    name: str
    role: Literal["draft", "resume", "resume-check"]
    fmt: str
    kind: DraftKind | None = None


@dataclass
class OutputPlan:
    """Every file of a run, what the follow-up attaches and how each material is provided.

    ``files``: the files written into the output folder, in order. ``attachments``: what the
    emails list (one :class:`~referral_ai.models.Attachment` per file attached or material
    provided otherwise). ``eml_files``: the files the ``.eml`` attaches, as names in the output
    folder or user paths (``Path``). ``missing``: required materials with no file, link or note.
    """

    stem: str
    kinds: tuple[DraftKind, ...]
    formats: frozenset[str]
    page: PageSize
    files: list[PlannedFile] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    eml_files: list[str | Path] = field(default_factory=list)
    missing: list[Material] = field(default_factory=list)
    user_files: list[UserFile] = field(default_factory=list)
    tailored_resume: bool = True
    template: Path | None = None
    date: Date | None = None
    warnings: list[str] = field(default_factory=list)
    rewording: Rewording | None = None
    """A model's rewording of the resume's bullets (:func:`referral_ai.export.reword.reword_resume`),
    applied to the tailored resume and recorded in its proof; None: the resume's own lines."""

    @property
    def names(self) -> list[str]:
        """The names of every file written into the output folder."""
        return [f.name for f in self.files]

    def name_of(self, kind: DraftKind | Literal["resume"], fmt: str) -> str | None:
        """The planned file name of a draft (or the tailored resume) in ``fmt``, if planned."""
        for f in self.files:
            if f.fmt == fmt and (
                (kind == "resume" and f.role == "resume") or (f.role == "draft" and f.kind is kind)
            ):
                return f.name
        return None

    def attachment_lines(self) -> list[str]:
        """The email's attachment list, one "- " line per attachment, from the plan."""
        from referral_ai.writers.offline import attachment_lines

        return attachment_lines(self.attachments)

    def settle(self, draft: Draft) -> Draft:
        """``draft`` with its attachments and the body's "Attachments:" block taken from the plan.

        Emails that carry files (follow-up, introduction request) list exactly the plan's
        attachments; a letter's closing suits the page's locale ("Yours sincerely," on A4 when
        the letter greets a named person). Other drafts are returned unchanged.
        """
        if draft.kind in _EMAIL_KINDS:
            body = _replace_attachment_block(draft.body, self.attachment_lines())
            return draft.model_copy(update={"body": body, "attachments": list(self.attachments)})
        if draft.kind is DraftKind.cover_letter and self.page == "a4":
            body = re.sub(
                r"(?m)^Sincerely,$",
                "Yours faithfully," if "Dear Hiring Manager" in draft.body else "Yours sincerely,",
                draft.body,
                count=1,
            )
            return draft.model_copy(update={"body": body})
        return draft

    def wrap(self, writer: Any) -> PlannedWriter:
        """``writer`` with its drafts settled by this plan before they are validated."""
        return PlannedWriter(writer, self)

    def context(self, ctx: DraftContext) -> DraftContext:
        """``ctx`` carrying this plan's attachments, for the writer: the letter and the emails
        then say what the set carries and how the rest is provided (a file sent later is never
        "sent with this letter")."""
        return ctx.model_copy(update={"attachments": list(self.attachments)})

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready description (for ``--json`` and the tests)."""
        return {
            "files": self.names,
            "attachments": [a.model_dump(mode="json") for a in self.attachments],
            "eml_attaches": [str(p) for p in self.eml_files],
            "missing": [m.value for m in self.missing],
            "page": self.page,
        }


# --------------------------------------------------------------------------- names


def _slug(text: str, *, words: int = 8, chars: int = 48) -> str:
    parts = [p for p in re.split(r"[^\w]+", text, flags=re.UNICODE) if p and p != "_"]
    out: list[str] = []
    for p in parts[:words]:
        if out and len("-".join([*out, p])) > chars:
            break
        out.append(p[:chars])
    return "-".join(out)


def file_stem(ctx: DraftContext) -> str:
    """``Firstname-Lastname-Role``: the start of every file name of a run."""
    who = _slug((ctx.resume.name or ctx.resume.contact.name or "").strip(), words=4, chars=40)
    role = _slug(ctx.posting.title or "", words=8, chars=48)
    return "-".join(p for p in (who, role) if p) or "Application"


def document_name(ctx: DraftContext, kind: DraftKind | str, ext: str) -> str:
    """The planned name of one draft's file: ``Jordan-Lee-Senior-Data-Engineer-CoverLetter.docx``
    (``kind`` "resume" gives ``...-Resume``)."""
    key = kind.value if isinstance(kind, DraftKind) else str(kind)
    word = "Resume" if key == "resume" else _DOC_WORD[DraftKind(key)]
    return f"{file_stem(ctx)}-{word}.{ext.lstrip('.')}"


# --------------------------------------------------------------------------- page


def page_for(location: str | None, language: str | None = None) -> PageSize:
    """The paper the posting's country uses: Letter in the US, Canada and a few others, A4 elsewhere.

    A location that names no country (or none) gives Letter unless the posting's language is not
    English.
    """
    loc = location or ""
    if _LETTER_COUNTRY_RE.search(loc) or re.search(r"\bUS\b", loc):
        return "letter"
    if any(m.group(1) in _US_STATES for m in _STATE_RE.finditer(loc)):
        return "letter"
    if _A4_COUNTRY_RE.search(loc):
        return "a4"
    if language and language.lower() != "en":
        return "a4"
    return "letter"


def parse_page(value: str | None) -> PageSize | None:
    """``--page``: "a4" or "letter", any case; None for "auto" or nothing."""
    if value is None:
        return None
    low = value.strip().lower()
    if low in ("", "auto"):
        return None
    if low in ("a4", "letter"):
        return "a4" if low == "a4" else "letter"
    raise InputError(f"unknown page size {value!r}: choose a4 or letter", source="--page")


# --------------------------------------------------------------------------- user files


def _material_named(word: str) -> Material:
    key = word.strip().lower().replace("-", "_").replace(" ", "_")
    aliases = {
        "resume": "resume",
        "résumé": "resume",
        "letter": "cover_letter",
        "code": "code_sample",
    }
    key = aliases.get(key, key)
    try:
        return Material(key)
    except ValueError:
        choices = ", ".join(m.value for m in Material)
        raise InputError(
            f"unknown material {word!r} (choose from {choices})", source="--attach"
        ) from None


def parse_attach(
    values: Iterable[str | Path | tuple[str | Path, str | Material | None]],
) -> list[UserFile]:
    """``--attach FILE[=material]`` values (or ``(path, material)`` pairs) as :class:`UserFile` s.

    A path with ``=`` in its own name can be given as a pair. Nothing is read yet (see
    :func:`plan_outputs` for the checks).
    """
    out: list[UserFile] = []
    for value in values:
        if isinstance(value, tuple):
            raw, mat = value
            material = (
                mat if isinstance(mat, Material) or mat is None else _material_named(str(mat))
            )
            out.append(UserFile(Path(raw), material))
            continue
        text = str(value)
        path, sep, word = text.rpartition("=")
        if sep and word and not Path(text).exists():
            out.append(UserFile(Path(path), _material_named(word)))
        else:
            out.append(UserFile(Path(text)))
    return out


def _guess_material(path: Path) -> Material | None:
    name = path.stem
    for mat, pattern in _NAME_WORDS:
        if pattern.search(name):
            return mat
    return None


_SENDABLE = frozenset({".pdf", ".docx", ".doc", ".odt", ".rtf"})


def _original_resume(ctx: DraftContext) -> Path | None:
    """The resume file itself, when it is one a person can be sent (never .md/.txt/.json)."""
    src = ctx.resume.source or ""
    if not src or src.startswith("<"):
        return None
    path = Path(src)
    try:
        ok = path.suffix.lower() in _SENDABLE and path.is_file() and path.stat().st_size > 0
    except OSError:
        return None
    return path if ok else None


def check_template(template: str | os.PathLike[str] | None) -> Path | None:
    """The ``--template`` path, or a one-line error when it is not a readable regular file."""
    if template is None:
        return None
    problem = file_problem(template)
    if problem:
        shown = "no such template file" if problem == "file not found" else f"template {problem}"
        raise InputError(shown, source=str(template))
    return Path(template)


def _check_user_files(files: Sequence[UserFile]) -> list[UserFile]:
    """Each file exists, is a file, is not empty; its material is known. Returns them with materials."""
    checked: list[UserFile] = []
    for f in files:
        shown = str(f.path)
        problem = file_problem(f.path)
        if problem == "file not found":
            raise InputError("no such file to attach", source=shown)
        if problem:
            raise InputError(problem, source=shown)
        try:
            size = f.path.stat().st_size
        except OSError as exc:
            raise InputError(
                f"cannot read the file to attach: {exc.strerror}", source=shown
            ) from None
        if size == 0:
            raise InputError("the file to attach is empty (0 bytes)", source=shown)
        material = f.material or _guess_material(f.path)
        if material is None:
            raise InputError(
                "cannot tell which material this file is; name it, e.g. "
                f"--attach {shown}=writing_sample",
                source=shown,
            )
        checked.append(UserFile(f.path, material))
    total = sum(f.path.stat().st_size for f in checked)
    if total > MAX_ATTACHMENT_BYTES:
        raise InputError(
            f"the files to attach add up to {total / 1048576:.1f} MB, over the usual mail limit of "
            f"{MAX_ATTACHMENT_BYTES // 1048576} MB; send a link instead",
            source="--attach",
        )
    return checked


# --------------------------------------------------------------------------- the plan


def plan_outputs(
    ctx: DraftContext,
    kinds: Iterable[DraftKind],
    *,
    formats: Collection[str] = ("md", "docx", "eml"),
    attachments: Iterable[UserFile | str | Path | tuple[str | Path, str | Material | None]] = (),
    allow_missing: bool = False,
    page: str | None = None,
    template: str | Path | None = None,
    tailored_resume: bool = True,
    date: Date | None = None,
    rewording: Rewording | None = None,
) -> OutputPlan:
    """Plan the output set for ``ctx`` and the drafts of ``kinds`` (see the module doc).

    ``attachments``: the user's own files (:class:`UserFile`, ``"path[=material]"`` strings or
    pairs); a file given as ``resume``/``cv`` is attached instead of the tailored resume.
    ``page``: "a4" / "letter" (any case), else from the posting's country (:func:`page_for`).
    ``rewording``: a model's checked rewording of the resume's bullets
    (:func:`~referral_ai.export.reword.reword_resume`) for the tailored resume to use.
    Raises :class:`~referral_ai.errors.InputError` for an attachment that does not exist, is empty,
    has no known material or makes the set too large for mail, and :class:`MissingMaterialsError`
    when a follow-up is planned, a required material has neither a file, a link nor a note, and
    ``allow_missing`` is false.
    """
    wanted = tuple(dict.fromkeys(DraftKind(k) for k in kinds))
    fmts = frozenset(formats)
    unknown = fmts - FORMATS
    if unknown:
        raise InputError(
            f"unknown format(s) {', '.join(sorted(unknown))}: choose from {', '.join(sorted(FORMATS))}",
            source="--formats",
        )
    users = _check_user_files(
        [a if isinstance(a, UserFile) else parse_attach([a])[0] for a in attachments]
    )
    chosen = parse_page(page) or page_for(ctx.posting.location, ctx.posting.language)
    tpl = check_template(template)
    stem = file_stem(ctx)
    plan = OutputPlan(
        stem=stem,
        kinds=wanted,
        formats=fmts,
        page=chosen,
        user_files=users,
        template=tpl,
        date=date,
        rewording=rewording,
    )
    own_resume = next((u for u in users if u.material in (Material.resume, Material.cv)), None)
    if own_resume is None and tailored_resume and not ctx.resume.roles:
        # nothing to reshape: a tailored resume without experience must not reach a contact
        original = _original_resume(ctx)
        if original is not None:
            own_resume = UserFile(original, Material.resume)
            plan.warnings.append(
                "no roles could be read from your resume, so it is attached as it is, "
                "not tailored; check `referral-ai parse RESUME --resume`"
            )
        else:
            plan.warnings.append(
                "no roles could be read from your resume: the tailored resume has no experience "
                "section; check it before sending, or attach your own (--attach FILE=resume)"
            )
    plan.tailored_resume = tailored_resume and own_resume is None
    pdf = "pdf" in fmts
    docx = "docx" in fmts or pdf  # a PDF is made from the .docx

    for kind in wanted:
        base = f"{stem}-{_DOC_WORD[kind]}"
        if "md" in fmts:
            plan.files.append(PlannedFile(f"{base}.md", "draft", "md", kind))
        if docx:
            plan.files.append(PlannedFile(f"{base}.docx", "draft", "docx", kind))
        if pdf and kind is DraftKind.cover_letter:
            plan.files.append(PlannedFile(f"{base}.pdf", "draft", "pdf", kind))
        if kind is DraftKind.follow_up and "eml" in fmts:
            plan.files.append(PlannedFile(f"{base}.eml", "draft", "eml", kind))
    if plan.tailored_resume and (docx or "eml" in fmts):
        plan.files.append(PlannedFile(f"{stem}-Resume.docx", "resume", "docx"))
        if pdf:
            plan.files.append(PlannedFile(f"{stem}-Resume.pdf", "resume", "pdf"))
        plan.files.append(PlannedFile(f"{stem}-Resume-Check.json", "resume-check", "json"))

    _plan_attachments(plan, ctx, own_resume, users, pdf)
    if plan.missing and DraftKind.follow_up in wanted and not allow_missing:
        raise MissingMaterialsError(
            _refusal(ctx, plan.missing), source=ctx.posting.source or "posting"
        )
    return plan


def _required(ctx: DraftContext) -> list[MaterialRequirement]:
    """The materials the application requires (as matched, else as parsed)."""
    return list(ctx.fit.required_materials) or list(ctx.posting.required_materials)


def _refusal(ctx: DraftContext, missing: Sequence[Material]) -> str:
    """Why the follow-up is refused: each missing requirement with its alternatives ("a portfolio
    or code sample"), and the ``--attach`` options that would provide it."""
    asked = {r.material: r for r in reversed(_required(ctx))}  # the first requirement of each
    reqs = [asked[m] for m in missing]
    one = len(reqs) == 1
    labels = "; ".join(r.label for r in reqs)
    hint = ", ".join(" or ".join(f"--attach FILE={m.value}" for m in r.options) for r in reqs[:3])
    return (
        f"the posting requires {labels}, and no file or link was given for "
        f"{'it' if one else 'them'}; attach {'it' if one else 'them'} ({hint}) "
        "or pass --allow-missing to send the follow-up without"
    )


def _plan_attachments(
    plan: OutputPlan,
    ctx: DraftContext,
    own_resume: UserFile | None,
    users: list[UserFile],
    pdf: bool,
) -> None:
    required = _required(ctx)
    wanted_mats = [r.material for r in required]
    resume_mat = (
        Material.cv
        if Material.cv in wanted_mats and Material.resume not in wanted_mats
        else Material.resume
    )
    atts: list[Attachment] = []
    covered: set[Material] = set()

    # 1. the resume, always (the tailored one, or the user's own)
    if own_resume is not None:
        atts.append(Attachment(material=resume_mat, filename=own_resume.path.name))
        plan.eml_files.append(own_resume.path)
    elif plan.tailored_resume:
        name = f"{plan.stem}-Resume.{'pdf' if pdf else 'docx'}"
        atts.append(Attachment(material=resume_mat, filename=name))
        plan.eml_files.append(name)
    covered.update({Material.resume, Material.cv})
    # 2. the cover letter, when drafted
    user_letter = next((u for u in users if u.material is Material.cover_letter), None)
    if user_letter is not None:
        atts.append(Attachment(material=Material.cover_letter, filename=user_letter.path.name))
        plan.eml_files.append(user_letter.path)
        covered.add(Material.cover_letter)
    elif DraftKind.cover_letter in plan.kinds:
        name = f"{plan.stem}-{_DOC_WORD[DraftKind.cover_letter]}.{'pdf' if pdf else 'docx'}"
        atts.append(Attachment(material=Material.cover_letter, filename=name))
        plan.eml_files.append(name)
        covered.add(Material.cover_letter)
    # 3. the user's other files, each under its material
    for u in users:
        if u is own_resume or u is user_letter or u.material is None:
            continue
        atts.append(Attachment(material=u.material, filename=u.path.name))
        plan.eml_files.append(u.path)
        covered.add(u.material)
    # 4. the other required materials: a link from the resume, an honest note, or missing
    for req in required:
        options = req.options
        if any(m in covered for m in options):
            continue
        mat = req.material
        code = resume_link(ctx.resume, CODE_HOSTS)
        folio = resume_link(ctx.resume, PORTFOLIO_HOSTS)
        if Material.code_sample in options and code:
            atts.append(Attachment(material=Material.code_sample, note=f"see {code}"))
        elif Material.portfolio in options and folio:
            atts.append(Attachment(material=Material.portfolio, note=f"see {folio}"))
        elif mat is Material.cover_letter:
            # not drafted in this run (--kinds): the user chose to send their own later
            atts.append(Attachment(material=mat, note=_sent_later(req)))
        elif mat in _CANDIDATE_FILES:
            plan.missing.append(mat)
            atts.append(Attachment(material=mat, note=_sent_later(req)))
        else:
            atts.append(Attachment(material=mat, note=material_note(mat, req.source, ctx)))
        covered.update(options)
    plan.attachments = atts


#: How a note for a file that is not in the set begins (the writers read it: "I will send ...").
NOT_ATTACHED = "not attached; "


def _sent_later(req: MaterialRequirement) -> str:
    """The honest note for a file the candidate will send with the application: "it", or "them"
    for a plural material ("transcripts", "references") or a count ("three writing samples")."""
    many = req.material.value.endswith("s") or (req.count or 1) > 1
    return f"{NOT_ATTACHED}I will send {'them' if many else 'it'} with my application"


_ATTACH_BLOCK_RE = re.compile(r"(?ms)^Attachments?:[ \t]*\n(?:[ \t]*[-*\u2022][^\n]*(?:\n|$))+")


def _replace_attachment_block(body: str, lines: list[str]) -> str:
    """The body with its "Attachments:" block replaced by ``lines`` (added before the sign-off
    when it has none; removed when ``lines`` is empty)."""
    block = ("Attachments:\n" + "\n".join(lines) + "\n") if lines else ""
    if _ATTACH_BLOCK_RE.search(body):
        new = _ATTACH_BLOCK_RE.sub(lambda _m: block, body, count=1)
        return re.sub(r"\n{3,}", "\n\n", new).strip()
    if not lines:
        return body
    paras = re.split(r"\n[ \t]*\n", body.strip())
    at = len(paras) - 1 if len(paras) > 1 else len(paras)
    paras.insert(at, block.rstrip("\n"))
    return "\n\n".join(paras)


# --------------------------------------------------------------------------- writing


def write_plan(
    plan: OutputPlan,
    drafts: Mapping[DraftKind, Draft],
    ctx: DraftContext,
    folder: Path,
    *,
    pdf_timeout: float = 90.0,
) -> list[str]:
    """Write every planned file into ``folder`` (the staging folder) and return their names.

    The drafts must already be settled (:meth:`OutputPlan.settle`). PDFs are made from the .docx
    files in one LibreOffice run (:mod:`referral_ai.export.pdf`); the ``.eml`` is built last and
    attaches the plan's files. Raises :class:`~referral_ai.errors.OutputError` /
    :class:`~referral_ai.errors.InputError` with one line on any failure (the caller discards the
    folder, so nothing is half-written).
    """
    from referral_ai.export import pdf as pdf_export
    from referral_ai.export.docx import person_values, write_email_docx, write_letter_docx
    from referral_ai.export.eml import build_eml
    from referral_ai.export.resume import resume_docx_bytes
    from referral_ai.export.text import to_markdown

    to_pdf: list[Path] = []
    tailored = None
    for f in plan.files:
        path = folder / f.name
        if f.role == "draft" and f.kind is not None and f.kind in drafts:
            draft = drafts[f.kind]
            # files in the staging folder are written plainly: the set is moved into place as
            # one (referral_ai.staging), so no file needs its own temporary name
            if f.fmt == "md":
                path.write_text(to_markdown(draft), encoding="utf-8")
            elif f.fmt == "docx":
                write = write_letter_docx if f.kind is DraftKind.cover_letter else write_email_docx
                buf = io.BytesIO()
                write(draft, ctx, buf, page=plan.page, template=plan.template, date=plan.date)
                path.write_bytes(buf.getvalue())
            elif f.fmt == "pdf":
                to_pdf.append(path.with_suffix(".docx"))
        elif f.role == "resume" and f.fmt == "docx":
            tailored = _tailored(plan, ctx, 0.97)
            path.write_bytes(
                resume_docx_bytes(
                    tailored,
                    page=plan.page,
                    template=plan.template,
                    values=person_values(ctx.resume),
                )
            )
        elif f.role == "resume" and f.fmt == "pdf":
            to_pdf.append(path.with_suffix(".docx"))
        elif f.role == "resume-check" and tailored is not None:
            path.write_text(tailored.proof_json(), encoding="utf-8")
    if to_pdf:
        pdf_export.convert(to_pdf, folder, timeout=pdf_timeout)
    resume_pdf = plan.name_of("resume", "pdf")
    fill = 0.97
    while resume_pdf and tailored is not None and _pages(folder / resume_pdf) > 2 and fill > 0.6:
        # the estimate was short: the rendered resume says so; take out more, render again
        fill -= 0.08
        tailored = _tailored(plan, ctx, fill)
        docx_path = (folder / resume_pdf).with_suffix(".docx")
        docx_path.write_bytes(
            resume_docx_bytes(
                tailored, page=plan.page, template=plan.template, values=person_values(ctx.resume)
            )
        )
        pdf_export.convert([docx_path], folder, timeout=pdf_timeout)
        check = next((f.name for f in plan.files if f.role == "resume-check"), None)
        if check:
            (folder / check).write_text(tailored.proof_json(), encoding="utf-8")
    eml_name = plan.name_of(DraftKind.follow_up, "eml")
    if eml_name and DraftKind.follow_up in drafts:
        paths = [p if isinstance(p, Path) else folder / p for p in plan.eml_files]
        total = 0
        for p in paths:
            try:
                total += p.stat().st_size
            except OSError as exc:
                raise InputError(f"cannot attach: {exc.strerror or exc}", source=str(p)) from None
        if total > MAX_ATTACHMENT_BYTES:
            raise OutputError(
                f"the follow-up's attachments add up to {total / 1048576:.1f} MB, over the usual "
                f"mail limit of {MAX_ATTACHMENT_BYTES // 1048576} MB; nothing was written",
                path=str(folder.parent),
            )
        message = build_eml(drafts[DraftKind.follow_up], ctx, paths)
        (folder / eml_name).write_bytes(bytes(message))
    return plan.names


def write_outputs(
    drafts: Mapping[DraftKind, Draft],
    ctx: DraftContext,
    out_dir: str | os.PathLike[str],
    *,
    plan: OutputPlan,
    overwrite: bool = False,
) -> list[Path]:
    """Write ``plan``'s files for ``drafts`` into ``out_dir``, all or nothing; returns the paths.

    The drafts are settled by the plan first (their attachment lists are the plan's). Existing
    files are refused before anything is written (:class:`~referral_ai.errors.OutputExistsError`)
    unless ``overwrite``; the set is built in a staging folder and moved into place as one
    (:mod:`referral_ai.staging`), so a failure or a kill leaves the old set or the new one. An
    output location that cannot be written raises a one-line :class:`~referral_ai.errors.OutputError`.
    """
    from referral_ai import staging
    from referral_ai.errors import OutputExistsError

    out = Path(out_dir)
    settled = {k: plan.settle(d) for k, d in drafts.items()}
    names = plan.names
    try:
        with staging.staged(out) as folder:
            if not overwrite:
                for name in names:
                    if os.path.lexists(out / name):
                        raise OutputExistsError(str(out / name))
            write_plan(plan, settled, ctx, folder)
            staging._checkpoint("staging")
            return staging.commit(folder, out, list(names), overwrite=overwrite)
    except OSError as exc:
        raise staging.output_error(exc, out) from None


def _tailored(plan: OutputPlan, ctx: DraftContext, fill: float) -> TailoredResume:
    """The tailored resume of ``ctx`` on the plan's page, with the plan's rewording applied."""
    from referral_ai.export.resume import tailor
    from referral_ai.export.reword import apply_rewording

    tailored = tailor(ctx.resume, ctx.fit, ctx.posting, page=plan.page, fill=fill)
    if plan.rewording is not None:
        tailored = apply_rewording(tailored, plan.rewording, ctx.resume)
    return tailored


def _pages(pdf: Path) -> int:
    """Pages of a PDF just made (0 when it cannot be read)."""
    try:
        from pypdf import PdfReader

        return len(PdfReader(str(pdf)).pages)
    except Exception:
        return 0


class PlannedWriter:
    """A writer whose drafts are settled by the plan (:meth:`OutputPlan.settle`) before they are
    validated, so the validators (and any re-ask) see the attachment list the contact will read."""

    def __init__(self, writer: Any, plan: OutputPlan) -> None:
        self._writer = writer
        self._plan = plan
        self.name: str = getattr(writer, "name", type(writer).__name__)

    def draft(self, kind: DraftKind, ctx: DraftContext, *, feedback: str | None = None) -> Draft:
        """The wrapped writer's draft from the plan's context (:meth:`OutputPlan.context`), settled."""
        planned = self._plan.context(ctx)
        return self._plan.settle(self._writer.draft(kind, planned, feedback=feedback))

    async def adraft(
        self, kind: DraftKind, ctx: DraftContext, *, feedback: str | None = None
    ) -> Draft:
        """The wrapped writer's ``adraft`` (or ``draft``), as :meth:`draft`."""
        adraft = getattr(self._writer, "adraft", None)
        if adraft is None:
            return self.draft(kind, ctx, feedback=feedback)
        planned = self._plan.context(ctx)
        return self._plan.settle(await adraft(kind, planned, feedback=feedback))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._writer, name)
