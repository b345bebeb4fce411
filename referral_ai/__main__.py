"""``python -m referral_ai``: the ``referral-ai`` command line (same arguments, same exit codes)."""

from __future__ import annotations

from referral_ai.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
