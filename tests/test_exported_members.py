"""The public API is exactly ``__all__``: sorted, importable, and free of accidental exports."""

from __future__ import annotations

import subprocess
import sys

import referral_ai


def test_all_is_sorted_and_unique() -> None:
    assert referral_ai.__all__ == sorted(set(referral_ai.__all__))


def test_every_exported_name_resolves() -> None:
    for name in referral_ai.__all__:
        assert getattr(referral_ai, name) is not None, name


def test_public_module_attributes_are_exported() -> None:
    public = {
        name
        for name, value in vars(referral_ai).items()
        if not name.startswith("_") and not isinstance(value, type(sys)) and name != "annotations"
    }
    public -= {"TYPE_CHECKING", "Any"}
    assert public <= set(referral_ai.__all__), public - set(referral_ai.__all__)


def test_offline_import_does_not_load_the_openai_sdk() -> None:
    code = "import sys, referral_ai; print('openai' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_unknown_attribute_raises() -> None:
    try:
        referral_ai.does_not_exist  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "does_not_exist" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("expected AttributeError")


def test_compose_stays_the_function_after_its_module_is_imported() -> None:
    # ``compose`` is also a submodule's name: importing that submodule must not shadow it.
    code = (
        "import referral_ai, referral_ai.compose, referral_ai.batch; "
        "print(callable(referral_ai.compose), referral_ai.compose.__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "compose"]
