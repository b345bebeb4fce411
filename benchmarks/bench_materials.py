"""Precision / recall of materials.extract_materials and materials.mentioned_materials on a labelled set.

Run: python benchmarks/bench_materials.py [path/to/materials.jsonl]

A posting item is scored on (material, required|optional) pairs: a material found with the wrong
status counts as one false positive and one false negative. Every miss is printed.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

from referral_ai.inputs.materials import extract_materials, mentioned_materials

DATA = Path(__file__).parent / "data" / "materials.jsonl"


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def _table(title: str, tp: Counter[str], fp: Counter[str], fn: Counter[str]) -> tuple[float, float]:
    print(f"\n{title}")
    print(f"{'material':<22}{'tp':>4}{'fp':>4}{'fn':>4}{'precision':>11}{'recall':>8}")
    for name in sorted(set(tp) | set(fp) | set(fn)):
        p, r = _prf(tp[name], fp[name], fn[name])
        print(f"{name:<22}{tp[name]:>4}{fp[name]:>4}{fn[name]:>4}{p:>11.3f}{r:>8.3f}")
    p, r = _prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    print(
        f"{'OVERALL':<22}{sum(tp.values()):>4}{sum(fp.values()):>4}{sum(fn.values()):>4}{p:>11.3f}{r:>8.3f}"
    )
    return p, r


def main(path: Path = DATA) -> int:
    items = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    postings = [i for i in items if i["kind"] == "posting"]
    drafts = [i for i in items if i["kind"] == "draft"]
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    misses: list[str] = []
    started = time.perf_counter()
    for item in postings:
        got = {
            r.material.value: ("required" if r.required else "optional")
            for r in extract_materials(item["text"])
        }
        want: dict[str, str] = item["expected"]
        for name, status in want.items():
            if got.get(name) == status:
                tp[name] += 1
            else:
                fn[name] += 1
                misses.append(f"MISS  {name}={status} got={got.get(name)}  | {item['text']!r}")
        for name, status in got.items():
            if want.get(name) != status:
                fp[name] += 1
                if name not in want:
                    misses.append(f"EXTRA {name}={status}  | {item['text']!r}")
    extract_seconds = time.perf_counter() - started
    p1, r1 = _table(f"extract_materials on {len(postings)} posting items", tp, fp, fn)
    # The held-out split was written after the rules and is reported on its own.
    for split in sorted({i.get("split", "dev") for i in postings}):
        s_tp = s_fp = s_fn = 0
        subset = [i for i in postings if i.get("split", "dev") == split]
        for item in subset:
            got = {
                r.material.value: ("required" if r.required else "optional")
                for r in extract_materials(item["text"])
            }
            want = item["expected"]
            s_tp += sum(1 for k, v in want.items() if got.get(k) == v)
            s_fn += sum(1 for k, v in want.items() if got.get(k) != v)
            s_fp += sum(1 for k, v in got.items() if want.get(k) != v)
        sp, sr = _prf(s_tp, s_fp, s_fn)
        print(f"  split {split:<8} items={len(subset):>3}  precision={sp:.3f}  recall={sr:.3f}")

    mtp: Counter[str] = Counter()
    mfp: Counter[str] = Counter()
    mfn: Counter[str] = Counter()
    for item in drafts:
        got_set = {m.value for m in mentioned_materials(item["text"])}
        want_set = set(item["mentioned"])
        for name in want_set & got_set:
            mtp[name] += 1
        for name in want_set - got_set:
            mfn[name] += 1
            misses.append(f"MISS  mentioned {name}  | {item['text']!r}")
        for name in got_set - want_set:
            mfp[name] += 1
            misses.append(f"EXTRA mentioned {name}  | {item['text']!r}")
    p2, r2 = _table(f"mentioned_materials on {len(drafts)} draft sentences", mtp, mfp, mfn)

    print(f"\n{len(misses)} miss(es)")
    for miss in misses:
        print("  " + miss)
    # Speed: ratio against a baseline measured in the same run (splitting the same text into words).
    started = time.perf_counter()
    for item in postings:
        item["text"].split()
    baseline = max(time.perf_counter() - started, 1e-9)
    print(
        f"\nextract_materials: {extract_seconds * 1000 / len(postings):.3f} ms/item "
        f"({extract_seconds / baseline:.0f}x str.split on the same texts)"
    )
    # Worst case: one ~130,000-character "sentence" dense with material words (must stay near-linear).
    words = [
        "please",
        "submit",
        "a",
        "resume",
        "cover",
        "letter",
        "or",
        "portfolio",
        "not",
        "required",
        "optional",
        "references",
        "and",
    ]
    long_text = " ".join(words[i % len(words)] for i in range(20000))
    started = time.perf_counter()
    extract_materials(long_text)
    worst = time.perf_counter() - started
    started = time.perf_counter()
    long_text.lower().split()
    base = max(time.perf_counter() - started, 1e-9)
    print(
        f"worst case ({len(long_text):,} chars, one sentence): {worst:.2f} s ({worst / base:.0f}x lower+split)"
    )
    # Dense parenthetical markers and per-item negations (each group looks at its neighbours).
    dense = " ".join(
        ["resume (optional)", "and no cover letter", "portfolio if applicable,"] * 3000
    )
    started = time.perf_counter()
    extract_materials(dense)
    worst = time.perf_counter() - started
    started = time.perf_counter()
    dense.lower().split()
    base = max(time.perf_counter() - started, 1e-9)
    print(
        f"dense markers ({len(dense):,} chars, one sentence): {worst:.2f} s ({worst / base:.0f}x lower+split)"
    )
    return 0 if min(p1, r1, p2, r2) >= 0.95 else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA))
