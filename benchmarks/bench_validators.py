"""Measure the validators: accuracy of ``generic-ask`` and ``ungrounded-claim``, and speed of ``validate``.

Run: ``python benchmarks/bench_validators.py [--corpus PATH] [--seconds S]``

Prints, with nothing asserted:

1. precision / recall of the ``generic`` class of ``generic-ask`` on the shared development corpus
   (``../shared/corpus/asks-dev.jsonl`` relative to the repo, or ``--corpus``) and, separately, on our own
   held-out set ``benchmarks/data/asks-heldout.jsonl`` (and any ``asks-fresh*.jsonl`` / ``asks-blind*.jsonl``
   sets written later, each written before the rule was measured on it), and the real development sets
   ``asks-real.jsonl`` (sentences written by others) and ``asks-real-emails.jsonl`` (whole emails, judged
   email by email); every miss is listed. A line is predicted generic when :func:`find_generic_asks` reports
   any issue in it (no posting given).
2. precision / recall of ``ungrounded-claim`` on ``benchmarks/data/claims.jsonl`` (short letters and
   email excerpts with planted false claims and true ones; resumes and postings in
   ``claims-inputs.json``, with the referral each came with). A planted item counts as found only when an issue's span covers the planted
   token; an issue on a true item is a false positive.
3. emails checked per second by the full :func:`validate` (posting + resume + referral), against a
   baseline measured in the same run (one ``re.findall(r"\\w+")`` pass over the same emails), printed as a
   ratio. The headline is **new text**: emails of about 100 words recombined from the real outreach
   sentences of ``benchmarks/data/asks-real*.jsonl`` (and the shared corpus when present) around a
   sentence naming the role, every sentence made new (a word no other email has), so no cache serves
   them, as when a user types. Beside it: the fixed sample emails again (what a re-check costs) and a
   keystroke (one sentence of a sample email changed each time); and the time for one 1 MB email.
4. start-up of ``referral-ai check EMAIL`` (a fresh process, best of 5, wall and CPU time, with
   compiled bytecode as an installed package has it) beside ``python -c pass``, and whether the
   check's process imported pydantic or the openai SDK.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from referral_ai.models import (
    Contact,
    Education,
    JobPosting,
    Material,
    MaterialRequirement,
    Referral,
    Resume,
    Role,
)
from referral_ai.validators import (
    find_generic_asks,
    find_ungrounded_claims,
    split_sentences,
    validate,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"


def _rows(path: Path) -> list[dict[str, str]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def _pr(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return f"precision {p:.3f}  recall {r:.3f}  (tp={tp} fp={fp} fn={fn})"


def bench_asks(path: Path, name: str) -> None:
    rows = _rows(path)
    tp = fp = fn = 0
    misses: list[str] = []
    for row in rows:
        gold = row["label"] == "generic"
        issues = find_generic_asks(row["text"])
        pred = bool(issues)
        if pred and gold:
            tp += 1
        elif pred:
            fp += 1
            misses.append(
                f"  FP {row['id']} [{row['label']}] {row['text']}  <- {issues[0].message.split('(')[1].split(')')[0]}"
            )
        elif gold:
            fn += 1
            misses.append(f"  FN {row['id']} [generic] {row['text']}")
    counts = {
        lbl: sum(1 for r in rows if r["label"] == lbl) for lbl in ("generic", "specific", "none")
    }
    print(f"generic-ask on {name} ({len(rows)} sentences: {counts}):")
    print(f"  {_pr(tp, fp, fn)}")
    print("\n".join(misses) if misses else "  misses: none")


def bench_claims(path: Path, inputs_path: Path) -> None:
    inputs = json.loads(inputs_path.read_text(encoding="utf-8"))
    resumes = {k: Resume.model_validate(v) for k, v in inputs["resumes"].items()}
    postings = {k: JobPosting.model_validate(v) for k, v in inputs["postings"].items()}
    # the introduction each application came with, keyed like the postings
    referrals = {k: Referral.model_validate(v) for k, v in inputs.get("referrals", {}).items()}
    rows = _rows(path)
    tp = fp = fn = 0
    misses: list[str] = []
    for row in rows:
        text = row["text"]
        key = row["posting"] or ""
        issues = find_ungrounded_claims(
            text, resumes[row["resume"]], postings.get(key), referral=referrals.get(key)
        )
        planted = row.get("planted")
        if row["label"] == "ungrounded" and planted:
            hit = any(
                planted.lower() in text[i.start : i.end].lower()
                or text[i.start : i.end].lower() in planted.lower()
                for i in issues
            )
            if hit:
                tp += 1
            else:
                fn += 1
                got = ", ".join(repr(text[i.start : i.end]) for i in issues) or "nothing"
                misses.append(f"  FN {row['id']} planted {planted!r}, flagged {got}: {text}")
            wrong = [
                i
                for i in issues
                if planted.lower() not in text[i.start : i.end].lower()
                and text[i.start : i.end].lower() not in planted.lower()
            ]
            for i in wrong:
                fp += 1
                misses.append(f"  FP {row['id']} also flagged {text[i.start : i.end]!r}: {text}")
        else:
            for i in issues:
                fp += 1
                misses.append(f"  FP {row['id']} flagged {text[i.start : i.end]!r}: {text}")
    n_bad = sum(1 for r in rows if r["label"] == "ungrounded")
    print(
        f"\nungrounded-claim on {path.name} ({len(rows)} items, {n_bad} with a planted false claim):"
    )
    print(f"  {_pr(tp, fp, fn)}  [fp counted per wrongly flagged token]")
    print("\n".join(misses) if misses else "  misses: none")


# --------------------------------------------------------------------------- speed


def _sample() -> tuple[JobPosting, Resume, Referral]:
    src = "Please submit a resume and a cover letter."
    posting = JobPosting(
        title="Senior Data Engineer",
        company="Northwind Logistics",
        req_id="R-4821",
        url="https://careers.northwind.example/jobs/4821",
        requirements=["5+ years building batch and streaming data pipelines", "Strong Python and SQL",
                      "Experience with Apache Airflow", "Experience with Kubernetes in production"],
        materials=[MaterialRequirement(material=Material.resume, source=src),
                   MaterialRequirement(material=Material.cover_letter, source=src),
                   MaterialRequirement(material=Material.code_sample, source="Include a link to a code sample you wrote.")],
        text="Senior Data Engineer\nNorthwind Logistics\nReq ID: R-4821\nApply: https://careers.northwind.example/jobs/4821\n"
        "- 5+ years building batch and streaming data pipelines\n- Strong Python and SQL\n- Experience with Apache Airflow\n"
        "- Experience with Kubernetes in production\nPlease submit a resume and a cover letter. Include a link to a code sample you wrote.\n",
    )  # fmt: skip
    resume = Resume(
        name="Jordan Lee",
        contact=Contact(email="jordan.lee@example.com", links=["https://github.com/jordanlee-data"]),
        summary="Data engineer with six years of experience building pipelines in Python and SQL.",
        roles=[Role(employer="Globex", title="Data Engineer", start="2021", end="Present",
                    bullets=["Built streaming pipelines in Python and Kafka processing 2 million events per day",
                             "Migrated 40 batch jobs to Apache Airflow, cutting failed runs by 35%"]),
               Role(employer="Initech", title="Analytics Engineer", start="2018", end="2021",
                    bullets=["Wrote SQL reporting for 12 regional teams"])],
        skills=["Python", "SQL", "Airflow", "Kafka", "dbt"],
        education=[Education(institution="University of Colorado Boulder", degree="B.S.", field="Computer Science")],
    )  # fmt: skip
    return posting, resume, Referral(contact="Priya Raman", introducer="Sam Ortiz")


EMAILS = [
    "Subject: Referral for Senior Data Engineer (Req R-4821)\n\nHi Priya,\n\nSam Ortiz suggested I reach out about the "
    "Senior Data Engineer role (Req R-4821) at Northwind Logistics: https://careers.northwind.example/jobs/4821.\n\n"
    "I have six years of experience building pipelines in Python and SQL. At Globex I migrated 40 batch jobs to "
    "Apache Airflow, cutting failed runs by 35 percent, and built Kafka pipelines processing 2,000,000 events per day. "
    "Before that, at Initech, I wrote SQL reporting for 12 regional teams.\n\nWould you be willing to refer me for the "
    "role? My resume and cover letter are attached, and my code sample is at https://github.com/jordanlee-data.\n\n"
    "Happy to answer any questions about my fit.\n\nBest,\nJordan Lee\n",
    "Hi [Name],\n\nI am writing to express my interest in any engineering roles at your company. I'm passionate about "
    "data and a team player. At Google I led a team of 15 engineers and have 10 years of Kubernetes experience. "
    "Please keep me in mind if anything opens up, or pass my resume to whoever is hiring.\n\nThanks,\nJordan\n",
    "Subject: Quick question\n\nHi Priya, thanks for taking the time. I'm a data engineer at Globex, where I build "
    "streaming pipelines in Python and Kafka. I saw the Senior Data Engineer opening at Northwind Logistics and "
    "would love a referral if you're comfortable. I attached my resume. Would you have 15 minutes on Thursday, "
    "December 3 for a quick call?\n\nBest regards,\nJordan Lee\n" * 2,
]


def _real_sentences(corpus: Path | None) -> list[str]:
    """The real outreach sentences (and the sentences of the real emails) of the development sets."""
    paths = sorted(DATA.glob("asks-real*.jsonl")) + ([corpus] if corpus and corpus.exists() else [])
    out: list[str] = []
    for path in paths:
        for row in _rows(path):
            out += [s.text for s in split_sentences(row["text"]) if 4 <= len(s.text.split()) <= 30]
    return out


def _new_word(n: int) -> str:
    """A word no other email has: ``n`` written in letters ("qa", "qb", ...)."""
    letters = ""
    while True:
        n, r = divmod(n, 26)
        letters = "abcdefghijklmnopqrstuvwxyz"[r] + letters
        if not n:
            return "q" + letters


_ROLE_LINES = (
    "Sam Ortiz suggested I reach out about the Senior Data Engineer role (Req R-4821) at Northwind Logistics.",
    "I applied for the Senior Data Engineer position at Northwind Logistics (https://careers.northwind.example/jobs/4821).",
    "I'm writing about the Senior Data Engineer opening, Req R-4821, at Northwind Logistics.",
)


def new_emails(count: int, sentences: list[str], seed: int, start: int = 0) -> list[str]:
    """``count`` emails of about 100 words: a greeting, a sentence naming the role, real sentences drawn at
    random, a sign-off; a new word is put before the end of every sentence, so none repeats."""
    rng = random.Random(seed)
    out: list[str] = []
    n = start
    for i in range(count):
        body = [_ROLE_LINES[i % len(_ROLE_LINES)]]
        words = len(body[0].split())
        while words < 85:
            body.append(rng.choice(sentences))
            words += len(body[-1].split())
        fresh = []
        for sentence in body:
            n += 1
            end = len(sentence.rstrip(".?!\"'\u201d\u2019"))
            fresh.append(f"{sentence[:end]} {_new_word(n)}{sentence[end:]}")
        subject = "Subject: Senior Data Engineer referral\n\n" if i % 2 else ""
        out.append(f"{subject}Hi Priya,\n\n{' '.join(fresh)}\n\nBest,\nJordan Lee\n")
    return out


def _rate(fn: Callable[[], int], budget: float) -> float:
    n = 0
    t0 = time.perf_counter()
    while (elapsed := time.perf_counter() - t0) < budget:
        n += fn()
    return n / elapsed


def _cpu_rate(fn: Callable[[], int], budget: float) -> float:
    """Like :func:`_rate`, per second of this process's CPU time (what other processes' load does not
    inflate as much as the wall clock)."""
    n = 0
    t0 = time.process_time()
    while (elapsed := time.process_time() - t0) < budget:
        n += fn()
    return n / elapsed


def bench_speed(seconds: float, corpus: Path | None = None) -> None:
    posting, resume, referral = _sample()
    words = re.compile(r"\w+")
    counter = iter(range(10**9))
    sentences = _real_sentences(corpus)
    # enough new emails for the fastest rate the rounds could reach (50,000/s), made before any timing
    batch = new_emails(max(200, int(50_000 * seconds / 9)), sentences, seed=1)
    fresh_at = [0]

    def run_new() -> int:
        i = fresh_at[0]
        chunk = batch[i : i + 50] or new_emails(50, sentences, seed=i, start=10**8 + i * 100)
        fresh_at[0] = i + 50
        for e in chunk:
            validate(e, posting=posting, resume=resume, referral=referral)
        return len(chunk)

    def run_new_baseline() -> int:
        for e in batch[:50]:
            words.findall(e)
        return 50

    def run_same() -> int:
        for e in EMAILS:
            validate(e, posting=posting, resume=resume, referral=referral)
        return len(EMAILS)

    def run_keystroke() -> int:
        # one sentence changes per check (a word typed), the rest of the email is as before
        for e in EMAILS:
            n = next(counter)
            edited = e.replace("Happy to answer", f"Happy{n} to answer", 1).replace(
                "Thursday", f"Thursday{n}", 1
            )
            validate(edited, posting=posting, resume=resume, referral=referral)
        return len(EMAILS)

    def run_baseline() -> int:
        for e in EMAILS:
            words.findall(e)
        return len(EMAILS)

    run_same()  # warm-up (imports, regex caches)
    run_new()
    rates: dict[str, list[float]] = {
        k: [] for k in ("new", "new-base", "same", "keystroke", "base", "new-cpu", "new-base-cpu")
    }
    for _ in range(3):  # alternate so all see the same machine load
        rates["new"].append(_rate(run_new, seconds / 9))
        rates["new-base"].append(_rate(run_new_baseline, seconds / 18))
        rates["new-cpu"].append(_cpu_rate(run_new, seconds / 9))
        rates["new-base-cpu"].append(_cpu_rate(run_new_baseline, seconds / 18))
        rates["same"].append(_rate(run_same, seconds / 12))
        rates["keystroke"].append(_rate(run_keystroke, seconds / 12))
        rates["base"].append(_rate(run_baseline, seconds / 18))
    best = {k: max(v) for k, v in rates.items()}
    new_words = sum(len(e.split()) for e in batch[:200]) / 200
    sample_words = sum(len(e.split()) for e in EMAILS) / len(EMAILS)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        "\nspeed (best of 3 rounds; target >= 2,000 new emails/s with posting, resume and referral;"
        f" load average {load}):"
    )

    def line(label: str, v: float, base: float) -> None:
        print(
            f"  {label:44s} {v:8,.0f} emails/s  ({1000 / v:.2f} ms each; {base / v:,.0f}x the regex pass)"
        )

    line(
        f"validate, NEW TEXT ({new_words:.0f} words, real sentences)", best["new"], best["new-base"]
    )
    print(
        f"  {'  baseline: one regex word pass, same emails':44s} {best['new-base']:8,.0f} emails/s"
    )
    line("  the same, per second of CPU time", best["new-cpu"], best["new-base-cpu"])
    line(
        f"validate, the {len(EMAILS)} sample emails again ({sample_words:.0f} words)",
        best["same"],
        best["base"],
    )
    line("validate, a sample email, one sentence changed", best["keystroke"], best["base"])
    print(f"  {'  baseline: one regex word pass, sample emails':44s} {best['base']:8,.0f} emails/s")
    big = (
        "I built pipelines at Globex and would love a referral for the Senior Data Engineer role. "
        * 12_000
    )[:1_000_000]
    t0 = time.perf_counter()
    report = validate(big, posting=posting, resume=resume, referral=referral)
    t_big = time.perf_counter() - t0
    t0 = time.perf_counter()
    words.findall(big)
    t_base = time.perf_counter() - t0
    print(
        f"  one 1 MB email: {t_big:.2f} s ({len(report.issues)} issues), baseline {t_base:.3f} s, ratio {t_big / t_base:,.0f}x"
    )


def _best_run(cmd: list[str], runs: int = 5) -> tuple[float, float]:
    """Best wall time and best CPU time (user + system of the child) over ``runs`` fresh processes.

    The children may write and read compiled bytecode (``__pycache__``), as an installed package has
    it, even when this shell sets ``PYTHONDONTWRITEBYTECODE`` (then every import would compile its
    source again); one run first writes it."""
    import resource

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(cmd, capture_output=True, check=False, env=env)
    wall = cpu = float("inf")
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False, env=env)
        wall = min(wall, time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = min(cpu, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall, cpu


def bench_startup() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        email = Path(tmp) / "email.txt"
        email.write_text(EMAILS[1], encoding="utf-8")
        cli = shutil.which("referral-ai")
        check = [cli] if cli else [sys.executable, "-m", "referral_ai.cli"]
        runs = {
            "referral-ai check EMAIL": _best_run([*check, "check", str(email)]),
            "python -c 'import referral_ai.validators'": _best_run(
                [sys.executable, "-c", "import referral_ai.validators"]
            ),
            "baseline python -c pass": _best_run([sys.executable, "-c", "pass"]),
        }
        probe = (
            "import sys, contextlib, io\nfrom referral_ai.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()): main(['check', {str(email)!r}])\n"
            "print(' '.join(m for m in ('pydantic', 'openai') if m in sys.modules) or 'neither')"
        )
        loaded = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=False
        ).stdout.strip()
    base_wall, base_cpu = runs["baseline python -c pass"]
    print(
        "\nstart-up (fresh process, best of 5; target < 0.25 s; CPU time is what load does not inflate):"
    )
    for name, (wall, cpu) in runs.items():
        print(
            f"  {name + ':':44s} {wall:.3f} s wall ({wall / base_wall:4.1f}x pass), "
            f"{cpu:.3f} s CPU ({cpu / base_cpu:4.1f}x pass)"
        )
    print(f"  modules the check loaded of pydantic, openai: {loaded}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "asks-dev.jsonl"
    )
    ap.add_argument("--heldout", type=Path, default=DATA / "asks-heldout.jsonl")
    ap.add_argument("--claims", type=Path, default=DATA / "claims.jsonl")
    ap.add_argument(
        "--seconds", type=float, default=3.0, help="time budget for the speed measurement"
    )
    args = ap.parse_args(argv)
    if args.corpus.exists():
        bench_asks(args.corpus, f"dev corpus {args.corpus}")
    else:
        print(f"dev corpus not found at {args.corpus} (use --corpus PATH); skipped")
    print()
    bench_asks(args.heldout, f"held-out set {args.heldout.name}")
    extras = (
        sorted(DATA.glob("asks-fresh*.jsonl"))
        + sorted(DATA.glob("asks-blind*.jsonl"))
        + sorted(DATA.glob("asks-real*.jsonl"))
    )
    for extra in extras:
        print()
        kind = (
            "real development set" if extra.name.startswith("asks-real") else "later held-out set"
        )
        bench_asks(extra, f"{kind} {extra.name}")
    bench_claims(args.claims, args.claims.with_name("claims-inputs.json"))
    print(
        "\n(the rules were improved after each set's first run; first-run figures, the estimate for unseen"
        " sentences, are in docs/validators.md)"
    )
    bench_speed(args.seconds, args.corpus)
    bench_startup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
