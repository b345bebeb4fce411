"""Rewrite ``referral_ai/_needle_table.py``: the needles of every pattern the package gates.

:mod:`referral_ai.prefilter` reads a pattern's needles from that table instead of deriving them from
its parse tree in every process (a faster start); a pattern missing from it is derived as before.
tests/test_prefilter.py fails when the table differs from what the patterns give. Run:
``python scripts/update_needle_table.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from referral_ai.prefilter import needle_table

TABLE = Path(__file__).resolve().parents[1] / "referral_ai" / "_needle_table.py"


def main() -> int:
    new = needle_table()
    if not TABLE.exists() or TABLE.read_text(encoding="utf-8") != new:
        TABLE.write_text(new, encoding="utf-8")
        print(f"{TABLE}: needle table updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
