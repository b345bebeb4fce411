"""A module's name says what it holds: one name is not reused for different things across packages.

Three modules were once all called ``vocabulary`` (a word-frequency table, the parsers' shared patterns
and the validators' skill words); a reader could not tell from an import which one was meant.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "referral_ai"

# A document kind or format read in one package and written or checked in another: the same name
# means the same thing on both sides (inputs/pdf.py reads a PDF, export/pdf.py writes one).
SAME_THING = {"docx", "pdf", "resume", "email"}


def test_no_module_name_is_reused_for_different_things() -> None:
    where: dict[str, list[str]] = defaultdict(list)
    for path in PACKAGE.rglob("*.py"):
        if path.name != "__init__.py":
            where[path.stem].append(str(path.relative_to(PACKAGE)))
    reused = {
        name: paths for name, paths in where.items() if len(paths) > 1 and name not in SAME_THING
    }
    assert reused == {}


def test_the_three_old_vocabulary_modules_have_names_that_say_what_they_hold() -> None:
    from referral_ai.inputs import lexicon
    from referral_ai.validators import skills
    from referral_ai.word_rarity import informativeness

    assert lexicon._EMAIL_RE.search("write to ada@example.com")
    assert [name for name, _, _ in skills.find_skills("I ship Python and Kubernetes")] == [
        "Python",
        "Kubernetes",
    ]
    assert informativeness("team", str) < informativeness("phlebotomy", str)
    assert not (PACKAGE / "vocabulary.py").exists()
