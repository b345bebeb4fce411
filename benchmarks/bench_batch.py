"""Batch throughput: 200 drafts at concurrency 16 against a fake model answering in 200 ms.

The ideal is concurrency / latency = 16 / 0.2 s = 80 drafts/s. Measured in the same run:

1. bare: 200 ``AsyncOpenAI`` chat calls, 16 at a time, same server (the ceiling of client + server);
2. ``run_batch`` writing only Markdown (the batch machinery: parse, match, prompt, retry layer,
   validate, write, done marker);
3. ``run_batch`` with the default outputs (.docx + .eml + .md per draft).

    python benchmarks/bench_batch.py [--items 200] [--concurrency 16] [--latency 0.2]

4. ``run_batch`` (.md) against an instant model: the CPU-bound ceiling (parsing, matching and
   writing run in a pool of worker processes, one per core; the rest in this process).
5. ``run_batch`` with the default outputs on *distinct* postings (one file each, the example with
   one sentence changed): rows 2-4 draft the same posting 200 times, so every item after the first
   finds its parse and its tailored resume already made in the workers' caches; a real batch has a
   different posting per item, and this row pays for parsing, matching and tailoring each one.

Prints drafts/s and the ratio to the ideal for each (aim for run_batch: >= 0.9), and where the CPU
went: milliseconds of CPU per draft in this process (the event loop and its threads), in the worker
processes and in the fake server. Two cores give at most 2 x 1000 / ideal ms of CPU per draft at the
ideal rate (25 ms at 80 drafts/s); the load average is printed at the start and the end, because on a
shared machine the other processes take their part of the cores. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import resource
import tempfile
import time
from collections.abc import Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import openai

from referral_ai.batch import BatchItem, BatchSummary, run_batch
from referral_ai.compose import build_context
from referral_ai.inputs import load_posting, load_resume
from referral_ai.models import DraftContext, DraftKind, Referral
from referral_ai.testing import FakeOpenAIServer, Reply
from referral_ai.writers.offline import OfflineWriter
from referral_ai.writers.openai_writer import OpenAIWriter

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
#: The measurements after the bare client, in the order they run (``--rows``).
ROWS = ("md", "all", "distinct", "instant")
MODEL = "gpt-4o-mini"


def valid_draft_json(ctx: DraftContext, kind: DraftKind) -> str:
    """The fake model's answer: the offline writer's draft for ``ctx`` (it passes the validators)."""
    draft = OfflineWriter().draft(kind, ctx)
    return draft.model_dump_json(include={"subject", "body", "blurb", "attachments"})


async def bare(base_url: str, n: int, concurrency: int) -> float:
    """Seconds for ``n`` plain chat calls, ``concurrency`` at a time."""
    limit = asyncio.Semaphore(concurrency)
    messages = [{"role": "user", "content": "Write the follow-up email."}]
    async with openai.AsyncOpenAI(base_url=base_url, api_key="sk-bench", max_retries=0) as client:

        async def one() -> None:
            async with limit:
                await client.chat.completions.create(model=MODEL, messages=messages)  # type: ignore[arg-type]

        start = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(n)))
        return time.perf_counter() - start


def _children_cpu() -> float:
    """CPU seconds of the child processes that have ended (the batch's workers, once shut down)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Cpu:
    """CPU seconds spent during a ``with`` block: this process, ended children, the server."""

    def __init__(self, srv: ServerProcess) -> None:
        self._srv = srv

    def __enter__(self) -> Cpu:
        self._start = (time.process_time(), _children_cpu(), self._srv.ask("cpu"))
        return self

    def __exit__(self, *exc: object) -> None:
        end = (time.process_time(), _children_cpu(), self._srv.ask("cpu"))
        self.main, self.workers, self.server = (
            b - a for a, b in zip(self._start, end, strict=True)
        )

    def per_draft(self, n: int) -> str:
        """``main / workers / server`` CPU milliseconds per draft."""
        return (
            f"CPU ms/draft: main {self.main / n * 1000:4.1f}, workers {self.workers / n * 1000:4.1f}, "
            f"server {self.server / n * 1000:4.1f}"
        )


def batch(
    base_url: str, items: Sequence[BatchItem], concurrency: int, formats: Sequence[str]
) -> BatchSummary:
    """One run_batch into a fresh temporary folder."""
    writer = OpenAIWriter(base_url=base_url, api_key="sk-bench", model=MODEL)
    with tempfile.TemporaryDirectory() as out:
        summary = run_batch(
            items,
            EXAMPLES / "resume.md",
            writer=writer,
            out_dir=out,
            kinds=["follow_up"],
            concurrency=concurrency,
            formats=formats,
            progress=False,
        )
    writer.close()
    return summary


def distinct(folder: Path, n: int) -> list[BatchItem]:
    """``n`` posting files, each the example with its clinic count changed (so each is parsed,
    matched and tailored anew; the drafts the fake model returns stay valid for every one)."""
    text = (EXAMPLES / "posting.md").read_text(encoding="utf-8")
    assert "runs 40 primary-care clinics" in text
    items = []
    for k in range(n):
        path = folder / f"posting-{k:04d}.md"
        path.write_text(text.replace("runs 40 ", f"runs {41 + k} "), encoding="utf-8")
        items.append(
            BatchItem(id=path.stem, posting=path, contact="Dana Whitfield", introducer="Sam Ortiz")
        )
    return items


def _serve(reply: Reply, latency: float, conn: Connection) -> None:
    """Child process: run the fake server; answer reset / peak / latency:<s> / stop messages."""
    with FakeOpenAIServer(default=reply, latency=latency, models=[MODEL]) as srv:
        conn.send(srv.base_url)
        while True:
            message = conn.recv()
            if message == "reset":
                srv.reset()
                conn.send(None)
            elif message == "peak":
                conn.send(srv.max_concurrency)
            elif message == "cpu":
                conn.send(time.process_time())
            elif message.startswith("latency:"):
                srv.latency = float(message.split(":", 1)[1])
                conn.send(None)
            else:
                conn.send(None)
                return


def _load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


class ServerProcess:
    """A FakeOpenAIServer in a child process, so its threads do not share the batch's GIL."""

    def __init__(self, reply: Reply, latency: float) -> None:
        self._conn, child = multiprocessing.Pipe()
        self._process = multiprocessing.Process(
            target=_serve, args=(reply, latency, child), daemon=True
        )

    def __enter__(self) -> ServerProcess:
        self._process.start()
        self.base_url: str = self._conn.recv()
        return self

    def ask(self, message: str) -> Any:
        """Send ``message`` to the server process and return its answer."""
        self._conn.send(message)
        return self._conn.recv()

    def __exit__(self, *exc: object) -> None:
        self.ask("stop")
        self._process.join(timeout=10)


def main() -> None:
    """Run the measurements and print the figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument(
        "--latency", type=float, default=0.2, help="fake model answer time in seconds"
    )
    parser.add_argument(
        "--rows",
        default=",".join(ROWS),
        help="comma-separated rows to run (default: all; the bare client always runs): "
        + ", ".join(ROWS),
    )
    args = parser.parse_args()
    wanted = {r.strip() for r in args.rows.split(",") if r.strip()}
    if wanted - set(ROWS):
        parser.error(f"unknown rows {sorted(wanted - set(ROWS))}; choose from {', '.join(ROWS)}")

    ideal = args.concurrency / args.latency
    items = [
        BatchItem(
            id=f"item-{n:04d}",
            posting=EXAMPLES / "posting.md",
            contact="Dana Whitfield",
            introducer="Sam Ortiz",
        )
        for n in range(args.items)
    ]
    ctx = build_context(
        load_posting(EXAMPLES / "posting.md"),
        load_resume(EXAMPLES / "resume.md"),
        Referral(contact="Dana Whitfield", introducer="Sam Ortiz"),
    )
    answer = valid_draft_json(ctx, DraftKind.follow_up)
    reply = Reply(answer, usage={"prompt_tokens": 1500, "completion_tokens": 160})
    print(
        f"{args.items} drafts, concurrency {args.concurrency}, model latency {args.latency * 1000:.0f} ms"
    )
    print(f"ideal: {ideal:.1f} drafts/s; the fake server runs in its own process; {_load()}")
    rows: list[tuple[str, float, str, str]] = []
    with ServerProcess(reply, args.latency) as srv:
        batch(srv.base_url, items[:4], args.concurrency, ["md"])  # warm-up: imports, mode probe

        def row(label: str, items: Sequence[BatchItem], formats: Sequence[str]) -> BatchSummary:
            srv.ask("reset")
            with Cpu(srv) as cpu:
                summary = batch(srv.base_url, items, args.concurrency, formats)
            peak = srv.ask("peak")
            c = summary.counts
            note = f"{c['ok']} ok, {c['failed']} failed, peak {peak} in flight"
            failed = next((r for r in summary.results if r.status == "failed"), None)
            if failed is not None:
                note += f"; first failure: {failed.error_type}: {(failed.error or '')[:120]}"
            rows.append((label, args.items / summary.elapsed, note, cpu.per_draft(args.items)))
            return summary

        with Cpu(srv) as cpu:
            seconds = asyncio.run(bare(srv.base_url, args.items, args.concurrency))
        rows.append(("bare AsyncOpenAI calls", args.items / seconds, "", cpu.per_draft(args.items)))
        if "md" in wanted:
            row("run_batch, .md only", items, ["md"])
        if "all" in wanted:
            row("run_batch, .docx+.eml+.md", items, ["docx", "eml", "md"])
        if "distinct" in wanted:
            with tempfile.TemporaryDirectory() as folder:
                posts = distinct(Path(folder), args.items)
                row("... distinct postings", posts, ["docx", "eml", "md"])
        per_draft = None
        if "instant" in wanted:
            # the same batch against an instant model: what the CPU work per draft allows at most
            srv.ask("latency:0")
            summary = row("run_batch .md, instant model", items, ["md"])
            per_draft = summary.elapsed / args.items * 1000
    for label, rate, note, cpu_note in rows:
        print(f"{label:<30} {rate:7.1f} drafts/s   ratio to ideal {rate / ideal:5.2f}   {note}")
        print(f"{'':<30} {cpu_note}")
    if per_draft is not None:
        print(
            f"wall time per draft with an instant model: {per_draft:.1f} ms; with "
            f"{args.latency * 1000:.0f} ms latency hidden by concurrency the batch cannot beat "
            f"{1000 / per_draft:.1f} drafts/s on this machine"
        )
    print(f"CPU at the ideal rate on 2 cores: at most {2000 / ideal:.1f} ms per draft; {_load()}")


if __name__ == "__main__":
    main()
