"""``referral-ai``: the command line. Thin: arguments → library → files, and exit codes.

Exit codes: 0 done; 1 a draft or checked email has errors (or a batch item failed); 2 bad input or
usage (the message names the file and what is wrong); 3 the model endpoint failed.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from referral_ai import __version__
from referral_ai.errors import (
    DraftRejectedError,
    InputError,
    ModelError,
    OutputError,
    OutputExistsError,
    ReferralAIError,
)
from referral_ai.inputs.formats import accepted_hint
from referral_ai.kinds import DraftKind, Material

if TYPE_CHECKING:
    # the models (pydantic) are imported where a command needs them: `check` starts without them
    from referral_ai.export.plan import OutputPlan
    from referral_ai.models import (
        Doubt,
        Draft,
        DraftContext,
        InputWarning,
        JobPosting,
        MaterialRequirement,
        Referral,
        Report,
        Resume,
        Usage,
    )
    from referral_ai.style import Style
    from referral_ai.writers.base import Writer

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_MODEL = 0, 1, 2, 3
_POSTING_HELP = f"job posting: {accepted_hint('posting')}, or '-' for stdin"
_RESUME_HELP = f"your resume: {accepted_hint('resume')}, or '-' for stdin"

_EPILOG = """\
examples:
  referral-ai draft examples/posting.md examples/resume.md --contact "Dana Whitfield" --introducer "Sam Ortiz" --out out
  referral-ai materials examples/posting.md
  referral-ai check my-email.txt --posting examples/posting.md --resume examples/resume.md
  referral-ai draft posting.pdf resume.docx --contact "Ana" --model llama3.1 --base-url http://localhost:11434
  referral-ai draft posting.pdf resume.docx --contact "Ana" --model gpt-4o-mini --dry-run   # tokens, cost; sends nothing
  referral-ai draft posting.pdf resume.docx --tone warm --length 250 --out out   # cold: no contact
  referral-ai doctor --base-url http://localhost:11434 --model llama3.1

Drafting is offline (deterministic, nothing leaves this machine) unless you ask for a model with
--model, --base-url or REFERRAL_AI_MODEL; then it uses the model, and fails loudly if the model fails.
An exported OPENAI_API_KEY or OPENAI_BASE_URL alone never sends your resume anywhere (with --model
they supply the key and endpoint). A local server given by --base-url alone gets the model it lists
when it serves exactly one; otherwise name one with --model.
"""


# --------------------------------------------------------------------------- argument parsing


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``referral-ai`` (also used to document the CLI)."""
    parser = argparse.ArgumentParser(
        prog="referral-ai",
        description="Turn an introduction into a referral: a tailored cover letter and a "
        "specific-role follow-up email from a job posting and your resume.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"referral-ai {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    draft = sub.add_parser(
        "draft",
        help="write the cover letter and emails (.docx, .eml, .md) for one posting",
        description="Write a cover letter, a follow-up email to the contact you were introduced to, "
        "a request-for-introduction email and a reminder, checked by the validators. Without "
        "--contact it is a cold application: the follow-up and reminder go to the hiring contact.",
    )
    draft.add_argument("posting", help=_POSTING_HELP)
    draft.add_argument("resume", help=_RESUME_HELP)
    draft.add_argument(
        "--contact",
        metavar="NAME",
        help="the person you were introduced to; leave it out for a cold application (the "
        "follow-up then goes to the hiring contact, and no introduction is mentioned)",
    )
    draft.add_argument(
        "--contact-email", metavar="ADDRESS", help="their email address (for the .eml To: header)"
    )
    draft.add_argument(
        "--introducer", metavar="NAME", help="who introduced you (thanked in the emails)"
    )
    draft.add_argument(
        "--salary",
        help="your salary expectations, stated verbatim when the posting asks for them "
        "(e.g. 'USD 150,000-165,000 base'); never invented",
    )
    draft.add_argument(
        "--out", default="referral-ai-output", help="output folder (default: %(default)s)"
    )
    draft.add_argument("--force", action="store_true", help="replace files that already exist")
    draft.add_argument(
        "--kinds",
        help="comma-separated kinds to write (default: all four; without --contact or "
        "--introducer, all but the intro request)",
    )
    draft.add_argument(
        "--dry-run",
        action="store_true",
        help="send nothing and write nothing: print the tokens and cost each document would take",
    )
    _add_reword_arg(draft)
    _add_style_args(draft)
    _add_output_args(draft)
    _add_correction_args(draft, posting=True, resume=True)
    _add_model_args(draft)

    materials = sub.add_parser(
        "materials", help="list what the application requires you to send", description=None
    )
    materials.add_argument("posting", help=_POSTING_HELP)
    materials.add_argument("--json", action="store_true", help="print JSON")
    _add_correction_args(materials, posting=True, resume=False)

    fit = sub.add_parser("fit", help="show which resume lines evidence which requirement")
    fit.add_argument("posting", help=_POSTING_HELP)
    fit.add_argument("resume", help=_RESUME_HELP)
    fit.add_argument("--json", action="store_true", help="print JSON")
    _add_correction_args(fit, posting=True, resume=True)

    parse = sub.add_parser(
        "parse",
        help="show what was read from a posting or resume, and save it to correct once",
        description="Show each field read from a posting or a resume, where it came from and what "
        "the parser doubts. Save the parse to correct it once and reuse it: `parse POSTING --json "
        "> posting.json` (a saved posting: pass posting.json wherever a posting goes; its schema is "
        "docs/posting.schema.json) or `parse RESUME --json-resume > resume.json` (a JSON Resume).",
    )
    parse.add_argument("document", nargs="?", help="a posting or a resume (or '-' for stdin)")
    what = parse.add_mutually_exclusive_group()
    what.add_argument(
        "--json", action="store_true", help="print the posting as JSON (to edit and reuse)"
    )
    what.add_argument(
        "--json-resume",
        action="store_true",
        help="print the resume as JSON Resume (to edit and reuse)",
    )
    what.add_argument(
        "--resume", action="store_true", help="read the document as a resume (default: a posting)"
    )
    what.add_argument(
        "--schema", action="store_true", help="print the JSON schema of a saved posting"
    )
    _add_correction_args(parse, posting=True, resume=True)

    check = sub.add_parser(
        "check",
        help="check an email or letter you wrote (exit 1 when it has errors)",
        description="Check a hand-written email (.txt/.md with an optional 'Subject:' first line, "
        "or .eml) against the referral advice.",
    )
    check.add_argument("email", help="the email to check (or '-' for stdin)")
    check.add_argument("--posting", help="the posting it is about (enables role/material checks)")
    check.add_argument("--resume", help="your resume (enables the grounding check)")
    check.add_argument(
        "--kind",
        choices=[k.value for k in DraftKind],
        default=DraftKind.follow_up.value,
        help="what you wrote (default: follow_up); the role, materials, signature, length and "
        "subject rules depend on it",
    )
    check.add_argument("--contact", help="who the email is to (their name counts as known)")
    check.add_argument("--contact-email", help="their address (not flagged as an unknown address)")
    check.add_argument("--introducer", help="who introduced you")
    check.add_argument("--json", action="store_true", help="print JSON")

    batch = sub.add_parser(
        "batch",
        help="draft for many postings (CSV, JSONL or a folder), resumable",
        description="Draft for many postings with a concurrency limit; finished items are skipped "
        "when you run it again. CSV/JSONL columns: posting (path or text), id, contact, "
        "introducer, contact_email, introducer_email, note (about the introduction).",
    )
    batch.add_argument("postings", help="a .csv, a .jsonl, or a folder of posting files")
    batch.add_argument("resume", help="your resume")
    batch.add_argument("--contact", help="default contact when an item names none")
    batch.add_argument("--introducer", help="default introducer when an item names none")
    batch.add_argument(
        "--cold",
        action="store_true",
        help="an item with no contact is a cold application (follow-up and reminder to the "
        "hiring contact, no intro request) instead of an error",
    )
    batch.add_argument(
        "--out", default="referral-ai-batch", help="output folder (default: %(default)s)"
    )
    batch.add_argument("--concurrency", type=int, default=4, help="parallel drafts (default: 4)")
    batch.add_argument("--no-progress", action="store_true", help="no progress bar")
    batch.add_argument(
        "--kinds",
        default=",".join(k.value for k in DraftKind),
        help="comma-separated kinds to write (default: all four; for a cold item with no "
        "introducer, all but the intro request)",
    )
    batch.add_argument(
        "--formats",
        default="docx,eml,md",
        help="comma-separated: docx, eml, md, pdf (default: docx,eml,md; pdf needs LibreOffice)",
    )
    _add_output_args(batch, batch=True)
    _add_reword_arg(batch)
    batch.add_argument(
        "--restart", action="store_true", help="redo every item, even those finished before"
    )
    batch.add_argument("--json", action="store_true", help="print the summary as JSON")
    _add_correction_args(batch, posting=False, resume=True)
    _add_model_args(batch)

    doctor = sub.add_parser(
        "doctor",
        help="check a model endpoint: reachable, models, structured-output modes",
    )
    _add_endpoint_args(doctor)
    doctor.add_argument(
        "--timeout", type=float, default=30.0, help="seconds per probe (default: 30)"
    )
    doctor.add_argument(
        "--no-probe",
        action="store_true",
        help="skip the structured-output probes (no drafting calls)",
    )
    doctor.add_argument("--json", action="store_true", help="print JSON")
    return parser


def _page_choice(value: str) -> str:
    low = value.strip().lower()
    if low not in ("a4", "letter", "auto"):
        raise argparse.ArgumentTypeError(f"choose a4 or letter, not {value!r}")
    return low


def _add_reword_arg(p: argparse.ArgumentParser) -> None:
    """``--reword-resume``, the same for ``draft`` and ``batch``."""
    p.add_argument(
        "--reword-resume",
        action="store_true",
        help="with a model: reword the tailored resume's bullets for the posting (one request); a "
        "reworded line is used only when it adds no fact to its original line (checked with "
        "ungrounded-claim, injected-instruction and placeholder), else the original is kept; "
        "the offline writer never rewords",
    )


def _add_output_args(p: argparse.ArgumentParser, *, batch: bool = False) -> None:
    g = p.add_argument_group("output", "What is written, and what the follow-up .eml attaches.")
    g.add_argument(
        "--page",
        "--page-size",
        dest="page",
        type=_page_choice,
        default="auto",
        metavar="a4|letter",
        help="paper size (any case); default: from the posting's country (Letter in the US "
        "and Canada, A4 elsewhere)",
    )
    g.add_argument(
        "--attach",
        action="append",
        default=[],
        metavar="FILE[=material]",
        help="a file you send with the follow-up (repeatable): portfolio, writing sample, "
        "transcripts, references ...; the material is read from the file name unless given "
        "(e.g. --attach essay.pdf=writing_sample); FILE=resume sends your own resume instead "
        "of the tailored one",
    )
    g.add_argument(
        "--allow-missing",
        action="store_true",
        help="write the follow-up even when a required material has no file or link",
    )
    g.add_argument(
        "--template",
        metavar="DOCX",
        help="your own .docx letterhead (its styles, header and footer are used) or a docxtpl "
        "template with {{ body }} and other placeholders",
    )
    if not batch:
        g.add_argument(
            "--pdf",
            action="store_true",
            help="also make a PDF of each .docx (LibreOffice); the .eml then attaches the PDFs",
        )


def _add_style_args(p: argparse.ArgumentParser) -> None:
    from referral_ai.style import LENGTH_RANGE, Formality, Tone

    g = p.add_argument_group("style", "How the drafts sound and how long the cover letter is.")
    g.add_argument(
        "--tone",
        type=str.lower,
        choices=[t.value for t in Tone],
        help="how the drafts sound (default: neutral)",
    )
    g.add_argument(
        "--formality",
        type=str.lower,
        choices=[f.value for f in Formality],
        help="greeting, closing and wording (default: a formal letter, friendly emails)",
    )
    g.add_argument(
        "--length",
        type=int,
        metavar="WORDS",
        help=f"the cover letter's length in words ({LENGTH_RANGE[0]}-{LENGTH_RANGE[1]}); the "
        "emails stay under it",
    )
    g.add_argument(
        "--voice",
        metavar="FILE",
        help="a text file of your own writing; a model matches its voice (never its facts)",
    )


def _add_correction_args(p: argparse.ArgumentParser, *, posting: bool, resume: bool) -> None:
    g = p.add_argument_group(
        "corrections",
        "Your own values for fields the parser got wrong or doubts; they are never doubted.",
    )
    if posting:
        g.add_argument("--title", help="the exact job title, as the posting names it")
        g.add_argument("--company", help="the hiring organisation")
        g.add_argument("--department", help="the department, faculty, lab or team")
        g.add_argument(
            "--req-id", metavar="ID", help="the requisition / job id the ask should name"
        )
        g.add_argument("--location", help="where the job is")
    if resume:
        g.add_argument("--name", help="your name, as it should sign the letters")


def _add_endpoint_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--model", help="model name (env: REFERRAL_AI_MODEL); implies drafting with a model"
    )
    p.add_argument(
        "--base-url",
        help="OpenAI-compatible endpoint, with or without /v1, e.g. http://localhost:11434 for "
        "Ollama (env: OPENAI_BASE_URL, which drafting reads only when --model or REFERRAL_AI_MODEL "
        "asks for a model; --base-url alone drafts with the one model the server lists)",
    )


def _add_model_args(p: argparse.ArgumentParser) -> None:
    _add_endpoint_args(p)
    p.add_argument("--offline", action="store_true", help="never use a model, even if configured")
    p.add_argument(
        "--prompts-dir", help="folder with your own prompt files (overrides the defaults)"
    )
    p.add_argument(
        "--max-reasks", type=int, default=2, help="validation re-asks per draft (default: 2)"
    )
    p.add_argument(
        "--max-tokens", type=int, help="completion token limit per draft (default: 1024)"
    )
    p.add_argument(
        "--context-window",
        type=int,
        help="the model's context size in tokens, for servers the library doesn't know (e.g. 2048)",
    )
    p.add_argument(
        "--timeout", type=float, default=120.0, help="seconds to wait for one answer (default: 120)"
    )
    p.add_argument(
        "--allow-invalid",
        action="store_true",
        help="write drafts even when validators report errors (they are listed)",
    )


# --------------------------------------------------------------------------- helpers


def _err(msg: str) -> None:
    print(f"referral-ai: {msg}", file=sys.stderr)


def _read_stdin() -> str:
    """Standard input as UTF-8 text (a BOM is dropped); other bytes are refused before any work."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # already text (e.g. replaced by a caller)
        return str(sys.stdin.read())
    raw = stream.read()
    try:
        return str(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "convert the text to UTF-8 or pass the file instead",
            source="<stdin>",
        ) from None


def _read_source(arg: str) -> str | Path:
    """'-' reads stdin as text; an http(s) address is fetched; anything else is a path (never text)."""
    if arg == "-":
        data = _read_stdin()
        if not data.strip():
            raise InputError("empty input", source="<stdin>")
        return data
    from referral_ai.inputs.url import is_url

    if is_url(arg):
        return arg  # a posting URL: read_text fetches it (inputs/url.py)
    path = Path(arg)
    if not path.exists():
        raise InputError("no such file", source=arg)
    return path


def _refuse_doubtful(*parsed: tuple[str, JobPosting | Resume]) -> None:
    from referral_ai.inputs.report import refuse_doubtful

    refuse_doubtful(*parsed)


def _load_posting(args: argparse.Namespace, arg: str) -> JobPosting:
    """The posting named by ``arg``, with the user's corrections, doubts printed first."""
    from referral_ai.inputs import load_posting
    from referral_ai.inputs.report import correct_posting

    title = getattr(args, "title", None)
    posting = correct_posting(
        load_posting(_read_source(arg), title=title),
        title=title,
        company=getattr(args, "company", None),
        department=getattr(args, "department", None),
        req_id=getattr(args, "req_id", None),
        location=getattr(args, "location", None),
    )
    _print_doubts(posting.report.doubts, posting.source)
    return posting


def _load_resume(args: argparse.Namespace, arg: str) -> Resume:
    """The resume named by ``arg``, with the user's corrections, doubts printed first."""
    from referral_ai.inputs import load_resume
    from referral_ai.inputs.report import correct_resume

    resume = correct_resume(load_resume(_read_source(arg)), name=getattr(args, "name", None))
    _print_doubts(resume.report.doubts, resume.source)
    return resume


def _print_doubts(doubts: Sequence[Doubt], source: str | None) -> None:
    for d in doubts:
        level = "unsure" if d.blocking else "note"
        _err(f"{level}: {source or 'input'}: {d.field}: {d.message}")


def _print_warnings(warnings: Sequence[InputWarning], source: str | None) -> None:
    for w in warnings:
        excerpt = f' ("{w.excerpt}")' if w.excerpt and w.code != "hidden-text" else ""
        _err(f"warning: {source or 'input'}: {w.code}: {w.message}{excerpt}")


def _endpoint(args: argparse.Namespace) -> tuple[str | None, str | None]:
    model = args.model or os.environ.get("REFERRAL_AI_MODEL")
    base_url = args.base_url or os.environ.get("OPENAI_BASE_URL")
    return model, base_url


def _make_writer(args: argparse.Namespace, *, dry_run: bool = False) -> Writer:
    """Offline unless ``--model``, ``--base-url`` or ``REFERRAL_AI_MODEL`` asks for a model (and not
    ``--offline``). An exported ``OPENAI_API_KEY`` / ``OPENAI_BASE_URL`` alone drafts offline and says
    once how to use the model: the resume never leaves the machine unless the user asked."""
    from referral_ai.writers.offline import OfflineWriter

    if args.prompts_dir:  # a broken prompt file is an error, model or not
        from referral_ai.writers.openai_writer import check_prompts

        check_prompts(args.prompts_dir)
    if args.offline:
        return OfflineWriter()
    model = args.model or os.environ.get("REFERRAL_AI_MODEL")
    if not (model or args.base_url):
        exported = [v for v in ("OPENAI_API_KEY", "OPENAI_BASE_URL") if os.environ.get(v)]
        if exported:
            _err(
                f"note: {' and '.join(exported)} {'is' if len(exported) == 1 else 'are'} set, but "
                "drafting offline (nothing is sent anywhere unless you ask); to draft with a model "
                "pass --model NAME (or set REFERRAL_AI_MODEL), or --base-url URL for a local server"
            )
        return OfflineWriter()
    _, base_url = _endpoint(args)
    if not model:
        assert base_url is not None  # only --base-url asked for a model
        if dry_run:
            from referral_ai.redact import redact_url

            raise InputError(
                f"a dry run sends nothing, so it cannot ask {redact_url(base_url)} which model it serves; "
                "name it with --model NAME",
                source="--dry-run",
            )
        model = _served_model(base_url, args.timeout)
    from referral_ai.writers.openai_writer import OpenAIWriter

    try:
        return OpenAIWriter(
            model=model,
            base_url=base_url,
            prompts_dir=Path(args.prompts_dir) if args.prompts_dir else None,
            max_tokens=args.max_tokens,
            context_window=args.context_window,
            timeout=args.timeout,
        )
    except ValueError as exc:
        raise InputError(str(exc)) from None


def _served_model(base_url: str, timeout: float) -> str:
    """The model a server given by ``--base-url`` alone serves, when it lists exactly one; otherwise a
    clear error asking for ``--model`` (never a default OpenAI model name sent to a local server)."""
    import openai

    from referral_ai.redact import remember
    from referral_ai.writers.openai_writer import normalize_base_url

    try:
        url = normalize_base_url(base_url)
    except ValueError as exc:
        raise InputError(str(exc), source="--base-url") from None
    key = os.environ.get("OPENAI_API_KEY") or "not-needed"
    remember(key)
    try:
        with openai.OpenAI(
            base_url=url, api_key=key, timeout=min(timeout, 30.0), max_retries=0
        ) as client:
            names = sorted({m.id for m in client.models.list()})
    except openai.OpenAIError as exc:
        raise ModelError(
            f"no --model given and {url}/models could not be listed to find the one it serves "
            f"({type(exc).__name__}); pass --model NAME"
        ) from None
    if len(names) == 1:
        return names[0]
    if not names:
        raise InputError(f"{url} lists no models; pass --model NAME", source="--model")
    shown = ", ".join(names[:8]) + (f", ... ({len(names)} in all)" if len(names) > 8 else "")
    raise InputError(
        f"{url} serves several models ({shown}); choose one with --model NAME", source="--model"
    )


_VOICE_FILE_MAX_BYTES = 64 * 1024


def _style(args: argparse.Namespace) -> Style | None:
    """The :class:`~referral_ai.style.Style` the style options ask for, or None when none is given."""
    from pydantic import ValidationError

    from referral_ai.style import VOICE_SAMPLE_MAX_CHARS, Style

    if not (args.tone or args.formality or args.length is not None or args.voice):
        return None
    sample = None
    if args.voice:
        path = Path(args.voice)
        try:
            size = path.stat().st_size
            if size > _VOICE_FILE_MAX_BYTES:
                raise InputError(
                    f"{size:,} bytes; a voice sample is a paragraph or two (at most "
                    f"{VOICE_SAMPLE_MAX_CHARS:,} characters)",
                    source=args.voice,
                )
            sample = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise InputError("no such file", source=args.voice) from None
        except UnicodeDecodeError:
            raise InputError(
                "not UTF-8 text; save the sample as plain text", source=args.voice
            ) from None
        except OSError as exc:
            raise InputError(f"cannot read it ({exc.strerror})", source=args.voice) from None
        if len(sample) > VOICE_SAMPLE_MAX_CHARS:
            raise InputError(
                f"{len(sample):,} characters; give a sample of at most {VOICE_SAMPLE_MAX_CHARS:,}",
                source=args.voice,
            )
        if not sample.strip():
            raise InputError("empty voice sample", source=args.voice)
    try:
        return Style.model_validate(
            {
                "tone": args.tone or "neutral",
                "formality": args.formality,
                "length": args.length,
                "voice_sample": sample,
            }
        )
    except ValidationError as exc:
        err = exc.errors()[0]
        option = (
            "--" + str(err["loc"][0]).replace("voice_sample", "voice") if err["loc"] else "style"
        )
        raise InputError(str(err["msg"]).removeprefix("Value error, "), source=option) from None


def _parse_kinds(value: str) -> list[DraftKind]:
    """``--kinds cover_letter,follow-up``: each part parsed by :class:`DraftKind` (the one parser)."""
    kinds: list[DraftKind] = []
    for part in value.split(","):
        if not part.strip():
            continue
        try:
            kinds.append(DraftKind(part))
        except ValueError as exc:
            raise InputError(str(exc), source="--kinds") from None
    if not kinds:
        raise InputError("no kinds given", source="--kinds")
    return kinds


def _report_line(report: Report | None) -> str:
    if report is None:
        return "not checked"
    return f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)"


# --------------------------------------------------------------------------- output plan


def write_outputs(
    drafts: dict[DraftKind, Draft],
    ctx: DraftContext,
    out_dir: Path,
    *,
    plan: OutputPlan | None = None,
    overwrite: bool = False,
    page_size: Literal["letter", "a4"] | None = None,
) -> list[Path]:
    """Write the planned files into ``out_dir``: :func:`referral_ai.export.plan.write_outputs`
    (all or nothing, staged). Without ``plan``, the default plan for ``drafts``."""
    from referral_ai.export import plan as output_plan

    if plan is None:
        plan = output_plan.plan_outputs(ctx, list(drafts), page=page_size, allow_missing=True)
    return output_plan.write_outputs(drafts, ctx, out_dir, plan=plan, overwrite=overwrite)


def _plan(args: argparse.Namespace, ctx: DraftContext, kinds: Sequence[DraftKind]) -> OutputPlan:
    """The output plan of ``draft`` from its options (refuses missing materials before drafting)."""
    from referral_ai.export.plan import parse_attach, plan_outputs

    formats = ["md", "docx", "eml"] + (["pdf"] if getattr(args, "pdf", False) else [])
    return plan_outputs(
        ctx,
        kinds,
        formats=formats,
        attachments=parse_attach(args.attach),
        allow_missing=args.allow_missing,
        page=None if args.page == "auto" else args.page,
        template=args.template,
    )


# --------------------------------------------------------------------------- commands


def _cmd_draft(args: argparse.Namespace) -> int:
    from referral_ai.compose import build_context, compose_all

    style = _style(args)
    if args.salary is not None and not args.salary.strip():
        raise InputError(
            "empty; give your figure, e.g. 'USD 150,000-165,000 base'", source="--salary"
        )
    posting = _load_posting(args, args.posting)
    resume = _load_resume(args, args.resume)
    _print_warnings(posting.warnings, posting.source)
    _print_warnings(resume.warnings, resume.source)
    _refuse_doubtful((args.posting, posting), (args.resume, resume))
    from referral_ai.models import Referral

    referral = Referral(
        contact=args.contact, contact_email=args.contact_email, introducer=args.introducer
    )
    ctx = build_context(posting, resume, referral, salary=args.salary, style=style)
    _print_doubts(ctx.resume.report.doubts[len(resume.report.doubts) :], resume.source)
    kinds = _draft_kinds(args, ctx)
    if args.dry_run:
        from referral_ai.estimate import estimate

        writer = _make_writer(args, dry_run=True)
        print(str(estimate(ctx, writer, kinds, max_reasks=args.max_reasks)))
        return EXIT_OK
    plan = _plan(args, ctx, kinds)
    for warning in plan.warnings:
        _err(f"warning: {warning}")
    writer = _make_writer(args)
    try:
        drafts = compose_all(
            ctx,
            plan.wrap(writer),
            kinds=kinds,
            max_reasks=args.max_reasks,
            allow_invalid=args.allow_invalid,
        )
    except DraftRejectedError as exc:
        _err(f"{exc}")
        print(str(exc.report), file=sys.stderr)
        _print_spent(exc.usage, writer.name, file=sys.stderr)
        _err("nothing was written; rerun with --allow-invalid to write it anyway")
        return EXIT_FINDINGS
    if args.reword_resume and plan.tailored_resume:
        from referral_ai.export.reword import reword_resume

        _note_reword(writer)
        plan.rewording = reword_resume(ctx, writer)
    elif args.reword_resume:
        _err("note: --reword-resume: you attach your own resume, so nothing is reworded")
    out_dir = Path(args.out)
    written = write_outputs(drafts, ctx, out_dir, plan=plan, overwrite=args.force)
    _print_draft_summary(ctx, drafts, written, writer.name, plan)
    return EXIT_FINDINGS if any(d.report and not d.report.ok for d in drafts.values()) else EXIT_OK


def _note_reword(writer: Any) -> None:
    """The note ``--reword-resume`` gives when the writer cannot reword (the offline one)."""
    if not callable(getattr(writer, "reword", None)):
        _err(
            "note: --reword-resume needs a model (--model or --base-url); the offline writer "
            "never rewords, so the tailored resume keeps your own lines"
        )


def _draft_kinds(args: argparse.Namespace, ctx: DraftContext) -> list[DraftKind]:
    """``--kinds``, or all four; a cold application (no contact, no introducer) skips the intro
    request unless ``--kinds`` asks for it: there is nobody to ask for an introduction."""
    if args.kinds:
        return _parse_kinds(args.kinds)
    if ctx.cold and not (args.introducer or "").strip():
        _err(
            "note: no --contact or --introducer: a cold application (cover letter, follow-up to "
            "the hiring contact, reminder); --kinds intro_request drafts an intro request too"
        )
        return [k for k in DraftKind if k is not DraftKind.intro_request]
    return list(DraftKind)


def _print_spent(usage: Usage, writer: str, *, estimated: bool = False, file: Any = None) -> None:
    """One line on what a model run cost: tokens, calls and price ("unknown price" when unpriced).
    ``estimated``: some counts were made here because the server reported no usage."""
    if not usage.calls:
        return
    from referral_ai.pricing import money

    price = money(usage.cost_usd, unknown=f"unknown price (no price is known for {writer!r})")
    how = " (counted here: the server reported no usage)" if estimated else ""
    print(
        f"  spent: {usage.prompt_tokens:,} prompt + {usage.completion_tokens:,} completion tokens "
        f"in {usage.calls} call(s), {price}{how}",
        file=file or sys.stdout,
    )


def _print_draft_summary(
    ctx: DraftContext,
    drafts: dict[DraftKind, Draft],
    written: list[Path],
    writer: str,
    plan: OutputPlan | None = None,
) -> None:
    from referral_ai.matching import verdict_summary

    p, fit = ctx.posting, ctx.fit
    where = f" at {p.company}" if p.company else ""
    print(f"{p.role_reference}{where}")
    print(f"  fit: {verdict_summary(fit)} (fit score {fit.score:.2f})")  # as `fit` says it
    for gap in fit.gaps:
        print(f"  gap (not claimed): {gap}")
    if p.required_materials:
        print(
            "  required materials: " + ", ".join(_material_label(m) for m in p.required_materials)
        )
    asks_salary = any(m.material is Material.salary_expectations for m in p.required_materials)
    if asks_salary and not ctx.salary_expectations:
        print("  note: the posting asks for salary expectations; pass --salary to state yours")
    print(f"  writer: {writer}")
    for kind, d in drafts.items():
        tokens = ""
        if d.usage.calls:
            from referral_ai.pricing import money

            tokens = (
                f" ({d.usage.prompt_tokens:,} + {d.usage.completion_tokens:,} tokens, "
                f"{money(d.usage.cost_usd)})"
            )
        print(f"  {kind.value}: {_report_line(d.report)}{tokens}")
        if d.report:
            for issue in d.report.issues:
                print(f"    {issue.severity.value} [{issue.code}] {issue.message}")
    from referral_ai.models import Usage

    total = Usage()
    for d in drafts.values():
        total = total + d.usage
    if plan is not None and plan.rewording is not None:
        total = total + plan.rewording.usage  # the tailored resume's rewording request
    if total.calls:
        from referral_ai.writers.openai_writer import USAGE_ESTIMATED_NOTE

        estimated = any(USAGE_ESTIMATED_NOTE in d.notes for d in drafts.values())
        _print_spent(total, writer, estimated=estimated)
    if plan is not None:
        for mat in plan.missing:
            print(f"  missing (not attached): {mat.label}")
        _print_resume_check(written)
    print("wrote:")
    for path in written:
        print(f"  {path}")


def _print_resume_check(written: list[Path]) -> None:
    """One line on the tailored resume's check, and a warning for what was left out."""
    check = next((p for p in written if p.name.endswith("-Resume-Check.json")), None)
    if check is None:
        return
    try:
        proof = json.loads(check.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    lines = proof.get("lines", [])
    traced = sum(1 for entry in lines if entry.get("found"))
    print(
        f"  tailored resume: {traced}/{len(lines)} lines traced to your resume "
        f"(proof: {check.name})"
    )
    rewording = proof.get("rewording")
    if isinstance(rewording, dict):
        from referral_ai.export.reword import describe

        print(f"  tailored resume: {describe(rewording)}")
    for item in proof.get("left_out", []):
        _err(f"warning: tailored resume: left out {item}")


def _material_label(m: MaterialRequirement) -> str:
    """What the posting asks for, as the drafts and the validators name it ("code sample or
    portfolio"), and how many after a multiplication sign when the posting says."""
    return m.label + (f" \u00d7{m.count}" if m.count else "")


def _cmd_materials(args: argparse.Namespace) -> int:
    posting = _load_posting(args, args.posting)
    if args.json:
        payload = {
            kind: [
                {
                    "material": m.material.value,
                    "alternatives": [a.value for a in m.alternatives],
                    "count": m.count,
                    "label": _material_label(m),
                    "source": m.source,
                }
                for m in items
            ]
            for kind, items in (
                ("required", posting.required_materials),
                ("optional", posting.optional_materials),
            )
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return EXIT_OK
    _print_warnings(posting.warnings, posting.source)
    print(f"{posting.role_reference}" + (f" at {posting.company}" if posting.company else ""))
    if not posting.materials:
        print(
            "  The posting names no application materials; send a tailored resume (and cover letter)."
        )
    for label, items in (
        ("required", posting.required_materials),
        ("optional", posting.optional_materials),
    ):
        for m in items:
            print(f'  [{label}] {_material_label(m)}: "{m.source}"')
    return EXIT_OK


def _cmd_fit(args: argparse.Namespace) -> int:
    from referral_ai.matching import match, verdict_summary

    posting = _load_posting(args, args.posting)
    resume = _load_resume(args, args.resume)
    fit = match(posting, resume)
    if args.json:
        # What the text output says first (the verdict, its summary line, the score), then the fit.
        summary = {"verdict": fit.verdict, "summary": verdict_summary(fit), "score": fit.score}
        print(json.dumps({**summary, **fit.model_dump(mode="json")}, indent=2, ensure_ascii=False))
        return EXIT_OK
    print(f"{posting.role_reference}: {verdict_summary(fit)} (fit score {fit.score:.2f})")
    for m in fit.matches:
        mark = "✓" if m.met else "✗"
        print(f"{mark} [{m.kind}] {m.requirement}")
        for e in m.evidence:
            at = f" ({e.title}, {e.employer})" if e.employer else ""
            print(f"    {e.score:.2f} {e.text}{at}")
    return EXIT_OK


def _read_email(arg: str) -> str:
    """An email to check: text with an optional Subject: line, or an .eml file."""
    if arg == "-":
        return _read_stdin()
    from referral_ai.inputs.email import read_email

    return read_email(arg)


def _field_line(label: str, value: object, model: JobPosting | Resume, field: str) -> str:
    note = model.report.note(field)
    where = ""
    if note is not None:
        line = f", line {note.line}" if note.line else ""
        sure = f", {note.confidence:.0%} sure" if note.confidence < 1 else ""
        where = f"   ({note.source}{line}{sure})"
    shown = "-" if value in (None, "", []) else value
    return f"{label + ':':<14}{shown}{where}"


def _describe_posting(p: JobPosting) -> list[str]:
    lines = [
        _field_line("title", p.title, p, "title"),
        _field_line("company", p.company, p, "company"),
        _field_line("department", p.department, p, "department"),
        _field_line("location", p.location, p, "location"),
        _field_line("req id", p.req_id, p, "req_id"),
        _field_line("deadline", p.deadline, p, "deadline"),
        _field_line("url", p.url, p, "url"),
        _field_line("language", p.language, p, "language"),
    ]
    for ident in p.identifiers:
        lines.append(f"{'identifier:':<14}{ident.value}   ({ident.label})")
    lines.append(
        f"{'requirements:':<14}{len(p.requirements)} required, {len(p.nice_to_haves)} nice to have, "
        f"{len(p.responsibilities)} responsibilities"
    )
    for label, items in (("materials:", p.required_materials), ("optional:", p.optional_materials)):
        if items:
            lines.append(f"{label:<14}" + ", ".join(m.material.label for m in items))
    return lines


def _describe_resume(r: Resume) -> list[str]:
    lines = [
        _field_line("name", r.name, r, "name"),
        _field_line("email", r.contact.email, r, "email"),
        _field_line("phone", r.contact.phone, r, "phone"),
        _field_line("links", ", ".join(r.contact.links), r, "links"),
    ]
    for role in r.roles:
        dates = " - ".join(d for d in (role.start, role.end) if d)
        lines.append(
            f"{'role:':<14}{role.title or '?'} | {role.employer or '?'}"
            + (f" | {dates}" if dates else "")
            + f"   ({len(role.bullets)} bullets)"
        )
    for e in r.education:
        lines.append(f"{'education:':<14}" + " | ".join(x for x in (e.degree, e.institution) if x))
    for p in r.projects:
        lines.append(
            f"{'project:':<14}{p.name or '?'}"
            + (f" | {' - '.join(d for d in (p.start, p.end) if d)}" if p.start else "")
            + f"   ({len(p.highlights)} bullets)"
        )
    lines.append(f"{'skills:':<14}{len(r.skills)}")
    return lines


def _cmd_parse(args: argparse.Namespace) -> int:
    from referral_ai.inputs.saved import posting_json, posting_schema, to_json_resume

    if args.schema:
        print(json.dumps(posting_schema(), indent=2, ensure_ascii=False))
        return EXIT_OK
    if not args.document:
        raise InputError("give the posting or resume to parse", source="parse")
    if args.resume or args.json_resume:
        resume = _load_resume(args, args.document)
        if args.json_resume:
            print(json.dumps(to_json_resume(resume), indent=2, ensure_ascii=False))
        else:
            print("\n".join(_describe_resume(resume)))
        return EXIT_OK
    posting = _load_posting(args, args.document)
    print(posting_json(posting) if args.json else "\n".join(_describe_posting(posting)))
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from referral_ai.findings import report_text
    from referral_ai.kinds import Severity
    from referral_ai.validators import validate_findings

    text = _read_email(args.email)
    posting = resume = None
    # the readers (and the models) are imported only when there is something for them to read: a
    # plain check starts fast, for editors that run it on every keystroke
    if args.posting:
        from referral_ai.inputs import load_posting

        posting = load_posting(_read_source(args.posting))
    if args.resume:
        from referral_ai.inputs import load_resume

        resume = load_resume(_read_source(args.resume))
    referral: Referral | None = None
    if args.contact or args.contact_email or args.introducer:
        from referral_ai.models import Referral

        referral = Referral(
            contact=args.contact or "", contact_email=args.contact_email, introducer=args.introducer
        )
    findings, texts = validate_findings(
        text, posting=posting, resume=resume, referral=referral, kind=DraftKind(args.kind)
    )
    if args.json:
        issues = [
            {
                "code": i.code,
                "severity": i.severity.value,
                "message": i.message,
                "start": i.start,
                "end": i.end,
                "suggestion": i.suggestion,
            }
            for i in findings
        ]
        print(json.dumps({"issues": issues}, indent=2, ensure_ascii=False))
    else:
        print(report_text(findings, texts))
    has_errors = any(i.severity is Severity.error for i in findings)
    return EXIT_FINDINGS if has_errors else EXIT_OK


def _cmd_batch(args: argparse.Namespace) -> int:
    from referral_ai.batch import FORMATS, load_items, run_batch

    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    if not formats or set(formats) - FORMATS:
        raise InputError(f"choose formats from {', '.join(sorted(FORMATS))}", source="--formats")
    if args.concurrency < 1:
        raise InputError("must be at least 1", source="--concurrency")
    resume = _load_resume(args, args.resume)
    _refuse_doubtful((args.resume, resume))
    from referral_ai.staging import prepare_folder

    items = load_items(args.postings)  # a bad list: one line, and no --out folder made for it
    writer = _make_writer(args)  # a broken --prompts-dir: the same, before the folder is made
    prepare_folder(Path(args.out))  # an --out that is a file: one line, not a traceback
    if args.reword_resume:
        _note_reword(writer)
    summary = run_batch(
        items,
        resume,
        writer=writer,
        out_dir=Path(args.out),
        concurrency=args.concurrency,
        contact=args.contact,
        introducer=args.introducer,
        max_reasks=args.max_reasks,
        allow_invalid=args.allow_invalid,
        progress=not args.no_progress,
        kinds=_parse_kinds(args.kinds),
        formats=formats,
        resume_run=not args.restart,
        attachments=args.attach,
        allow_missing=args.allow_missing,
        page=None if args.page == "auto" else args.page,
        template=args.template,
        cold=args.cold,
        reword_resume=args.reword_resume,
    )
    for r in summary.results:  # what each item was drafted unsure of, as draft prints it
        _print_doubts(r.doubts, r.id)
        if r.status == "failed" and r.error and "\n" in r.error:  # the table shows its first line
            _err(f"failed: {r.id}: {r.error}")
    if args.json:
        print(json.dumps(summary.as_dict(), indent=2, ensure_ascii=False))
    else:
        print(str(summary))
    return EXIT_OK if summary.ok else EXIT_FINDINGS


def _cmd_doctor(args: argparse.Namespace) -> int:
    from referral_ai.doctor import diagnose

    model, base_url = _endpoint(args)
    report = diagnose(
        base_url=base_url,
        api_key=os.environ.get("OPENAI_API_KEY"),
        model=model,
        timeout=args.timeout,
        probe_modes=not args.no_probe,
    )
    if args.json:
        print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        print(str(report))
    return EXIT_OK if report.ok else EXIT_MODEL


_COMMANDS: dict[str, Any] = {
    "draft": _cmd_draft,
    "materials": _cmd_materials,
    "fit": _cmd_fit,
    "parse": _cmd_parse,
    "check": _cmd_check,
    "batch": _cmd_batch,
    "doctor": _cmd_doctor,
}


class _Terminated(BaseException):
    """Raised in the main thread on SIGTERM, so cleanup runs as for Ctrl-C."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (see the module docstring)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    previous: Any = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        return _run(args)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _run(args: argparse.Namespace) -> int:
    try:
        code: int = _COMMANDS[args.command](args)
    except OutputExistsError as exc:
        _err(exc.for_cli())
        return EXIT_INPUT
    except (InputError, OutputError) as exc:
        _err(str(exc))
        return EXIT_INPUT
    except ModelError as exc:
        _err(f"model endpoint failed: {exc}")
        _err(
            "nothing was drafted offline instead; fix the endpoint (try `referral-ai doctor`) or pass --offline"
        )
        return EXIT_MODEL
    except ReferralAIError as exc:
        _err(str(exc))
        return EXIT_INPUT
    except (
        BrokenPipeError
    ):  # e.g. `referral-ai draft ... | head`: the output was written, stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps interpreter shutdown from raising again
        return EXIT_OK
    except KeyboardInterrupt:
        _err("interrupted; nothing partial was left behind")
        return 130
    except _Terminated:
        _err("terminated; nothing partial was left behind")
        return 128 + signal.SIGTERM
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
