"""CPU milliseconds per batch item by stage, in one process, one item after another.

What each item of ``bench_batch.py``'s rows costs, split the way a batch item runs: parse the
posting, match, plan the files, build the prompt, read the model's answer, settle it by the plan,
validate, write the files (.md, .docx, .eml, tailored resume and its proof), and the pickling of
the context and plan a worker sends back; then the parts of writing the files (the functions
``write_plan`` calls, timed where it calls them). ``distinct`` gives every item its own posting (the
example with one figure changed, as ``bench_batch.py``'s distinct row); ``same`` repeats the
example (the parse and match caches of a batch are not used here: every stage runs each time).

    python benchmarks/bench_batch_stages.py [--items 40] [--postings distinct|same]

Times are ``time.process_time`` (CPU of this process); the load average is printed beside them.
Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_batch import EXAMPLES, MODEL, distinct, valid_draft_json

from referral_ai.compose import build_context, check_draft, prepare_checks
from referral_ai.export.plan import plan_outputs, write_plan
from referral_ai.inputs import load_posting, load_resume
from referral_ai.matching import match
from referral_ai.models import Draft, DraftKind, Referral
from referral_ai.validators import validate
from referral_ai.writers.openai_writer import OpenAIWriter, parse_output

T = TypeVar("T")
KIND = DraftKind.follow_up
FORMATS = ("docx", "eml", "md")
#: The parts of writing an item's files: (label, module, function) that ``write_plan`` calls.
PARTS = (
    ("email .docx", "referral_ai.export.docx", "write_email_docx"),
    (".eml (build)", "referral_ai.export.eml", "build_eml"),
    ("tailored resume", "referral_ai.export.plan", "_tailored"),
    ("resume .docx", "referral_ai.export.resume", "resume_docx_bytes"),
    ("proof .json", "referral_ai.export.resume", "TailoredResume.proof_json"),
    (".md", "referral_ai.export.text", "to_markdown"),
)


def _time_parts(spent: dict[str, float]) -> None:
    """Wrap each of :data:`PARTS` so that its CPU time adds up in ``spent`` under its label."""
    import importlib

    for label, module_name, name in PARTS:
        owner: Any = importlib.import_module(module_name)
        *outer, attr = name.split(".")
        for step in outer:
            owner = getattr(owner, step)
        real = getattr(owner, attr)

        def timed(*a: Any, _real: Any = real, _label: str = label, **kw: Any) -> Any:
            start = time.process_time()
            try:
                return _real(*a, **kw)
            finally:
                spent[_label] = spent.get(_label, 0.0) + time.process_time() - start

        setattr(owner, attr, timed)


def _round_trip(obj: T) -> T:
    """``obj`` pickled and read back, as a worker's answer crosses to the event loop."""
    back: T = pickle.loads(pickle.dumps(obj))
    return back


def main() -> None:
    """Run every stage for each item and print the CPU ms per item of each."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=40)
    parser.add_argument("--postings", choices=("distinct", "same"), default="distinct")
    args = parser.parse_args()
    resume = load_resume(EXAMPLES / "resume.md")
    referral = Referral(contact="Dana Whitfield", introducer="Sam Ortiz")
    example = build_context(load_posting(EXAMPLES / "posting.md"), resume, referral)
    answer = valid_draft_json(example, KIND)
    writer = OpenAIWriter(base_url="http://127.0.0.1:9/v1", api_key="sk-bench", model=MODEL)
    spent: dict[str, float] = {}
    parts: dict[str, float] = {}
    _time_parts(parts)

    def timed(stage: str, fn: Callable[..., T], *a: Any, **kw: Any) -> T:
        start = time.process_time()
        out = fn(*a, **kw)
        spent[stage] = spent.get(stage, 0.0) + time.process_time() - start
        return out

    print(f"load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.postings == "distinct":
            paths = [Path(i.posting) for i in distinct(folder, args.items + 1)]
        else:
            paths = [EXAMPLES / "posting.md"] * (args.items + 1)
        for n, path in enumerate(paths):
            if n == 1:
                spent.clear()  # the first item loads the tokenizer and imports: not counted
                parts.clear()
            posting = timed("parse posting", load_posting, path)
            fit = timed("match", match, posting, resume)
            ctx = build_context(posting, resume, referral, fit=fit)
            plan = timed("plan", plan_outputs, ctx, (KIND,), formats=FORMATS)
            timed("prompt", writer.prompt, KIND, plan.context(ctx))
            out = timed("parse answer", parse_output, answer)
            draft = Draft(kind=KIND, body=out.body, subject=out.subject, writer=MODEL)
            draft = timed("settle", plan.settle, draft)
            # as the batch's worker checks: the item's inputs prepared, then the draft checked
            prepared = timed("validate", prepare_checks, ctx)
            timed("validate", check_draft, validate, draft, ctx, KIND, prepared=prepared)
            out_dir = folder / f"out-{n}"
            out_dir.mkdir()
            timed("write files", write_plan, plan, {KIND: draft}, ctx, out_dir)
            timed("pickle ctx+plan", _round_trip, (ctx, plan))
    total = sum(spent.values())
    for stage, seconds in spent.items():
        print(f"{stage:<18} {seconds / args.items * 1000:7.2f} ms")
    print(f"{'total':<18} {total / args.items * 1000:7.2f} ms per item ({args.postings} postings)")
    print("of which, writing the files:")
    for label, seconds in parts.items():
        print(f"  {label:<16} {seconds / args.items * 1000:7.2f} ms")
    rest = spent["write files"] - sum(parts.values())
    print(f"  {'the rest':<16} {rest / args.items * 1000:7.2f} ms (.eml to bytes, writing files)")
    print(f"load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
