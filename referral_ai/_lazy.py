"""Package attributes imported on first use (PEP 562), one mechanism for every package that needs it."""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable, Collection, Mapping, MutableMapping
from typing import Any


def lazy_exports(
    package: str, table: Mapping[str, str], namespace: MutableMapping[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``: each name in ``table`` is imported from
    the module it maps to on first use and kept in ``namespace`` (the package's ``globals()``).

    A name in ``table`` that is also a submodule's name must be listed in :func:`keep_over_submodules`:
    importing that submodule would replace it.
    """

    def __getattr__(name: str) -> Any:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(namespace.get("__all__", ())))

    return __getattr__, __dir__


def keep_over_submodules(package: str, names: Collection[str]) -> None:
    """Keep ``names`` of ``package`` (exports that share a submodule's name, such as the function
    ``referral_ai.compose``) when the import system binds the submodule on the package after loading
    it, so such a name can stay lazy: the submodule is still reachable in ``sys.modules``."""
    module = sys.modules[package]
    kept = frozenset(names)

    class _Package(types.ModuleType):
        def __setattr__(self, name: str, value: Any) -> None:
            if name in kept and isinstance(value, types.ModuleType):
                return
            super().__setattr__(name, value)

    module.__class__ = _Package
