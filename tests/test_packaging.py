"""A plain (non-editable) wheel ships the prompt files and py.typed."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_prompts_and_py_typed(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    (wheel,) = tmp_path.glob("referral_ai-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    prompts = {p.name for p in (ROOT / "prompts").glob("*.md")}
    assert prompts, "the repository has prompt files"
    assert {f"referral_ai/prompts/{p}" for p in prompts} <= names
    assert "referral_ai/py.typed" in names
    assert "referral_ai/english_frequency.txt" in names  # the matcher's vocabulary table
    assert not any(n.startswith(("tests/", "benchmarks/")) for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert (
        "referral-ai = referral_ai.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
    )
