"""Rewrite the validator table in README.md from the RULES registry (``rules_markdown()``).

The table sits between ``<!-- rules:start -->`` and ``<!-- rules:end -->``; tests/test_readme.py
fails when it differs from the registry. Run: ``python scripts/update_readme_rules.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from referral_ai.validators import rules_markdown

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- rules:start -->\n", "<!-- rules:end -->"


def updated(text: str) -> str:
    """``text`` with the block between the markers replaced by the generated table."""
    head, sep, rest = text.partition(START)
    if not sep or END not in rest:
        raise SystemExit(f"{README}: no {START.strip()} ... {END} block")
    return head + START + rules_markdown() + END + rest.split(END, 1)[1]


def main() -> int:
    text = README.read_text(encoding="utf-8")
    new = updated(text)
    if new != text:
        README.write_text(new, encoding="utf-8")
        print(f"{README}: validator table updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
