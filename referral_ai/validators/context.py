"""What the rules derive from a check's inputs, computed once per distinct (posting, resume, referral, facts).

A user re-checking an email on every keystroke, or a batch checking many drafts against one posting
and resume, passes the same inputs again and again. :func:`input_context` returns one
:class:`InputContext` per distinct input *content*; each rule keeps what it derives there
(:meth:`InputContext.memo`: the claims rule's grounding texts, the injection rule's canary words and
known links), so a second check with the same inputs derives nothing again.

The key is the inputs' JSON: models are mutable, so an object seen before may have changed since, and
only its content says whether it has. :func:`validate` builds the context once per call, and every
rule of that call shares it. At most :data:`CONTEXTS` contexts are kept (the least recently used goes).

A caller that checks many emails against inputs it does not change (a batch, an editor) can skip even
the key: :func:`prepare` serialises them once and returns a :class:`Prepared`, and
``validate(email, prepared=prepared)`` uses its context.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from referral_ai.models import JobPosting, Referral, Resume

__all__ = ["CONTEXTS", "InputContext", "Prepared", "input_context", "model_key", "prepare"]

CONTEXTS = 32
"""How many distinct input contents keep their derived facts."""

T = TypeVar("T")


def model_key(model: JobPosting | Resume | Referral | None) -> bytes:
    """``model``'s content as bytes (its JSON), ``b"-"`` for None: equal exactly when the contents are."""
    return b"-" if model is None else model.__pydantic_serializer__.to_json(model)


class InputContext:
    """The facts the rules derived from one input content (see the module docstring).

    ``posting_key`` and ``resume_key`` are :func:`model_key` of the posting and resume, for rules that
    share a fact across contexts with the same resume (its grounding text, say) or the same posting.
    """

    __slots__ = ("_lock", "_memo", "posting_key", "resume_key")

    def __init__(self, posting_key: bytes, resume_key: bytes) -> None:
        self.posting_key = posting_key
        self.resume_key = resume_key
        self._memo: dict[Hashable, Any] = {}
        self._lock = threading.Lock()

    def memo(self, name: Hashable, build: Callable[[], T]) -> T:
        """The fact called ``name``, built by ``build()`` the first time (``build`` must read the current
        call's inputs, whose content is this context's)."""
        try:
            return self._memo[name]  # type: ignore[no-any-return]
        except KeyError:
            pass
        value = build()
        with self._lock:
            return self._memo.setdefault(name, value)  # type: ignore[no-any-return]


_lock = threading.Lock()
_contexts: OrderedDict[tuple[bytes, bytes, bytes, tuple[str, ...]], InputContext] = OrderedDict()


def input_context(
    posting: JobPosting | None,
    resume: Resume | None,
    referral: Referral | None = None,
    facts: Sequence[str] = (),
) -> InputContext:
    """The :class:`InputContext` for inputs with this content (a new one the first time)."""
    posting_key, resume_key = model_key(posting), model_key(resume)
    key = (posting_key, resume_key, model_key(referral), tuple(facts))
    with _lock:
        ctx = _contexts.get(key)
        if ctx is not None:
            _contexts.move_to_end(key)
            return ctx
        ctx = _contexts[key] = InputContext(posting_key, resume_key)
        while len(_contexts) > CONTEXTS:
            _contexts.popitem(last=False)
        return ctx


class Prepared:
    """A check's inputs with their :class:`InputContext`, keyed once (see :func:`prepare`)."""

    __slots__ = ("context", "facts", "posting", "referral", "resume")

    def __init__(
        self,
        posting: JobPosting | None,
        resume: Resume | None,
        referral: Referral | None,
        facts: tuple[str, ...],
    ) -> None:
        self.posting = posting
        self.resume = resume
        self.referral = referral
        self.facts = facts
        self.context = input_context(posting, resume, referral, facts)

    def inputs(
        self,
        posting: JobPosting | None,
        resume: Resume | None,
        referral: Referral | None,
        facts: Sequence[str],
    ) -> tuple[JobPosting | None, Resume | None, Referral | None, tuple[str, ...]]:
        """The prepared inputs; those given too must be the same objects (ValueError otherwise)."""
        for name, given, mine in (
            ("posting", posting, self.posting),
            ("resume", resume, self.resume),
            ("referral", referral, self.referral),
        ):
            if given is not None and given is not mine:
                raise ValueError(f"validate() was given another {name} than the one prepared")
        if facts and tuple(facts) != self.facts:
            raise ValueError("validate() was given other facts than the ones prepared")
        return self.posting, self.resume, self.referral, self.facts

    def __repr__(self) -> str:
        given = [n for n in ("posting", "resume", "referral") if getattr(self, n) is not None]
        return f"Prepared({', '.join(given) or 'nothing'}, facts={len(self.facts)})"


def prepare(
    posting: JobPosting | None = None,
    resume: Resume | None = None,
    referral: Referral | None = None,
    facts: Sequence[str] = (),
) -> Prepared:
    """These inputs keyed once, for many checks: ``validate(email, prepared=prepare(posting, resume))``
    derives nothing from them a second time and does not serialise them for every email (its key
    otherwise). The inputs must not be changed afterwards (prepare again after a change: a prepared
    context is trusted, not compared). The same content prepared twice shares one context."""
    return Prepared(posting, resume, referral, tuple(facts))
