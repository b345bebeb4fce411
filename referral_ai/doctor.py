"""``referral-ai doctor``: check that a model endpoint works for drafting, and say how to fix what doesn't.

:func:`diagnose` reaches the endpoint (``GET /models``), checks the API key and the model, probes which
structured-output modes the server accepts (``response_format`` ``json_schema``, ``json_object``, plain
``text``) with tiny requests, and measures latency. Every problem comes with a concrete fix. Nothing is
retried (the doctor should answer quickly); ``timeout`` is the total deadline of each request, however
slowly the server answers (:mod:`referral_ai.deadline`). Neither the API key nor credentials in the
URL (``http://user:PASSWORD@host``) ever appear in the report: every finding and URL in it is redacted
(:func:`referral_ai.redact.redact`).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

import openai

from referral_ai import deadline, retry
from referral_ai.redact import redact, redact_url, remember

__all__ = ["Check", "DoctorReport", "diagnose"]

Level = Literal["ok", "warn", "fail"]
Mode = Literal["json_schema", "json_object", "text"]
MODES: tuple[Mode, ...] = ("json_schema", "json_object", "text")

OPENAI_URL = "https://api.openai.com/v1"

START_A_SERVER = (
    "is the server running? Start Ollama with `ollama serve` (base_url http://127.0.0.1:11434/v1), "
    "llama.cpp with `llama-server -m model.gguf --port 8080` (base_url http://127.0.0.1:8080/v1), or "
    "llama-cpp-python with `python -m llama_cpp.server --model model.gguf` (base_url "
    "http://127.0.0.1:8000/v1); then check host and port in base_url"
)

_PROBE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"ok": {"type": "boolean"}},
    "required": ["ok"],
    "additionalProperties": False,
}
_PROBE_MESSAGES = [{"role": "user", "content": 'Answer with exactly this JSON: {"ok": true}'}]


@dataclass(frozen=True)
class Check:
    """One finding: ``level`` ok / warn / fail, what was seen (``detail``) and how to fix it (``fix``)."""

    name: str
    level: Level
    detail: str
    fix: str | None = None

    @property
    def ok(self) -> bool:
        """False only for ``fail``."""
        return self.level != "fail"


@dataclass
class DoctorReport:
    """What :func:`diagnose` found. ``ok`` is True when nothing failed; ``str()`` reads as a checklist."""

    base_url: str
    model: str | None
    effective_base_url: str | None = None
    reachable: bool = False
    models: list[str] = field(default_factory=list)
    model_found: bool | None = None
    modes: dict[str, bool] = field(default_factory=dict)
    list_latency_ms: float | None = None
    chat_latency_ms: float | None = None
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no check failed (warnings allowed)."""
        return all(c.ok for c in self.checks)

    @property
    def problems(self) -> list[Check]:
        """The checks that warn or fail."""
        return [c for c in self.checks if c.level != "ok"]

    @property
    def best_mode(self) -> Mode | None:
        """The strictest structured-output mode the server accepted (what the writer will use)."""
        for mode in MODES:
            if self.modes.get(mode):
                return mode
        return None

    def add(self, name: str, level: Level, detail: str, fix: str | None = None) -> None:
        """Record a finding (credentials in it are redacted)."""
        self.checks.append(Check(name, level, redact(detail), redact(fix) if fix else None))

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (for ``--json`` output)."""
        return {
            "ok": self.ok,
            "base_url": self.base_url,
            "effective_base_url": self.effective_base_url,
            "model": self.model,
            "reachable": self.reachable,
            "models": self.models,
            "model_found": self.model_found,
            "modes": self.modes,
            "best_mode": self.best_mode,
            "list_latency_ms": self.list_latency_ms,
            "chat_latency_ms": self.chat_latency_ms,
            "checks": [
                {"name": c.name, "level": c.level, "detail": c.detail, "fix": c.fix}
                for c in self.checks
            ],
        }

    def __str__(self) -> str:
        head = f"referral-ai doctor: {self.effective_base_url or self.base_url}"
        if self.model:
            head += f" (model {self.model})"
        lines = [head]
        for c in self.checks:
            lines.append(f"  {c.level:<5} {c.name:<12} {c.detail}")
            if c.fix:
                lines.append(f"  {'':<5} {'':<12} fix: {c.fix}")
        if self.ok:
            verdict = "OK"
            if self.best_mode:
                verdict += f": drafting will use structured mode {self.best_mode}"
        else:
            failed = ", ".join(c.name for c in self.checks if not c.ok)
            verdict = f"NOT READY ({failed})"
        lines.append(f"Result: {verdict}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        import html

        rows = "".join(
            f"<tr><td>{html.escape(c.level)}</td><td>{html.escape(c.name)}</td>"
            f"<td>{html.escape(c.detail)}</td><td>{html.escape(c.fix or '')}</td></tr>"
            for c in self.checks
        )
        return (
            f"<p>doctor: <code>{html.escape(self.effective_base_url or self.base_url)}</code> — "
            f"<b>{'OK' if self.ok else 'NOT READY'}</b></p><table><thead><tr><th>level</th><th>check</th>"
            f"<th>detail</th><th>fix</th></tr></thead><tbody>{rows}</tbody></table>"
        )


def _is_openai(url: str) -> bool:
    return (urlsplit(url).hostname or "").endswith("openai.com")


def _with_v1(url: str) -> str | None:
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    if path.endswith("/v1"):
        return None
    if path.endswith("/chat/completions"):
        path = path[: -len("/chat/completions")]
        return urlunsplit(
            (parts.scheme, parts.netloc, path if path.endswith("/v1") else path + "/v1", "", "")
        )
    return urlunsplit((parts.scheme, parts.netloc, path + "/v1", "", ""))


def _timed(fn: Callable[..., Any], /, **kwargs: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    result = fn(**kwargs)
    return result, (time.perf_counter() - start) * 1000


def _said(exc: openai.APIStatusError, limit: int = 100) -> str:
    """The server's own error message, shortened and scrubbed of keys."""
    body = exc.body
    message = body.get("message") if isinstance(body, dict) else None
    text = " ".join(str(message or exc.message).split())
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return retry.scrub(text, *retry._secrets_of(exc.request))


def _server_says(exc: BaseException) -> str:
    translated = retry.translate(exc)
    return str(translated)


def diagnose(
    base_url: str | None = None,
    api_key: str | None = None,
    model: str | None = None,
    *,
    timeout: float = 30.0,
    probe_modes: bool = True,
) -> DoctorReport:
    """Check the endpoint at ``base_url`` (default OpenAI) for drafting with ``model``; never raises for
    endpoint problems — they are findings in the returned :class:`DoctorReport`.

    ``api_key`` defaults to ``OPENAI_API_KEY`` (a local server usually needs none). ``timeout`` bounds
    each request. ``probe_modes=False`` skips the three tiny chat requests. Without ``model``, the
    first listed model is probed.
    """
    url = (base_url or os.environ.get("OPENAI_BASE_URL") or OPENAI_URL).strip().rstrip("/")
    report = DoctorReport(base_url=redact_url(url), model=model)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        report.add(
            "base_url",
            "fail",
            f"{url!r} is not an http(s) URL",
            "use e.g. http://127.0.0.1:8000/v1",
        )
        return report
    if parts.path in ("", "/"):  # like the writer (normalize_base_url): a bare host:port means /v1
        url = urlunsplit((parts.scheme, parts.netloc, "/v1", "", ""))
        report.add(
            "base_url", "ok", f"no path given; using {url} (referral-ai adds /v1 to a bare host)"
        )
    key = api_key or os.environ.get("OPENAI_API_KEY")
    if not key:
        if _is_openai(url):
            report.add(
                "api key",
                "fail",
                "no API key given for OpenAI",
                "set OPENAI_API_KEY or pass --api-key (create one at platform.openai.com)",
            )
            return report
        key = "not-needed"  # local servers ignore it; the SDK insists on one

    client = _client(url, key, timeout)
    try:
        working = _list_models(report, client, url, key, timeout)
        if working is None:
            return report
        report.effective_base_url = redact_url(working)
        given = key != "not-needed"
        report.add(
            "api key", "ok", "accepted" if given else "none given; the server does not require one"
        )
        client = client.with_options(base_url=working)
        probe_model = _check_model(report)
        if probe_modes and probe_model is not None:
            _probe_modes(report, client, probe_model)
    finally:
        client.close()
    return report


def _client(url: str, key: str, timeout: float) -> openai.OpenAI:
    """An SDK client whose every request ends within ``timeout`` seconds in total."""
    http = deadline.http_client(timeout)
    remember(key)
    return openai.OpenAI(
        base_url=url, api_key=key, max_retries=0, timeout=timeout, http_client=http
    )


_NOT_AN_API = (
    "base_url must be an OpenAI-compatible API root, usually ending in /v1 "
    "(not a web page, a login page or a proxy)"
)


def _list_models(
    report: DoctorReport, client: openai.OpenAI, url: str, key: str, timeout: float
) -> str | None:
    """List models; record reachability, key and /v1 findings. Returns the URL that works, or None."""
    try:
        listed, ms = _timed(lambda: [m.id for m in client.models.list()])
    except openai.APIConnectionError as exc:
        report.add("endpoint", "fail", _server_says(exc), START_A_SERVER)
        return None
    except openai.AuthenticationError as exc:
        report.reachable = True
        report.add("endpoint", "ok", "reachable")
        report.add(
            "api key",
            "fail",
            f"the API key was rejected (HTTP 401): {_said(exc)}",
            "set OPENAI_API_KEY or pass --api-key",
        )
        return None
    except openai.NotFoundError:
        report.reachable = True
        fixed = _with_v1(url)
        if fixed is not None:
            with _client(fixed, key, timeout) as other:
                try:
                    listed, ms = _timed(lambda: [m.id for m in other.models.list()])
                except (openai.OpenAIError, ValueError, AttributeError, TypeError):
                    listed = None
            if listed is not None:
                report.add(
                    "base_url",
                    "fail",
                    f"{url}/models is not found, {fixed}/models works",
                    f"use base_url {fixed}",
                )
                return _record_models(report, listed, ms, fixed)
        report.add(
            "endpoint",
            "fail",
            f"reachable, but {url}/models is not found (HTTP 404)",
            "base_url must be the API root, usually ending in /v1 (e.g. http://127.0.0.1:8000/v1)",
        )
        return None
    except openai.APIStatusError as exc:
        report.reachable = True
        report.add(
            "endpoint",
            "fail",
            f"listing models failed: {_server_says(exc)}",
            "check the server's log",
        )
        return None
    except (openai.OpenAIError, ValueError, AttributeError, TypeError) as exc:
        # 200 with HTML or other non-JSON: the SDK raises JSONDecodeError or fails on the type
        report.reachable = True
        report.add(
            "endpoint",
            "fail",
            f"{url}/models answered, but not with an OpenAI model list ({_not_json(exc)})",
            _NOT_AN_API,
        )
        return None
    return _record_models(report, listed, ms, url)


def _not_json(exc: BaseException) -> str:
    if isinstance(exc, ValueError):
        return f"not JSON: {' '.join(str(exc).split())[:100]}"
    return "unexpected content"


def _record_models(report: DoctorReport, listed: list[str], ms: float, url: str) -> str:
    report.reachable = True
    report.models = listed
    report.list_latency_ms = round(ms, 1)
    report.add(
        "endpoint", "ok", f"reachable; /models answered in {ms:.0f} ms with {len(listed)} model(s)"
    )
    return url


def _available(models: list[str], limit: int = 15) -> str:
    shown = ", ".join(models[:limit])
    return shown + (f" … ({len(models) - limit} more)" if len(models) > limit else "")


def _check_model(report: DoctorReport) -> str | None:
    """Check the requested model is listed; return the model to probe with (or None)."""
    if report.model is None:
        if not report.models:
            report.add(
                "model", "fail", "no model given and the server lists none", "pass --model NAME"
            )
            return None
        report.add(
            "model",
            "warn",
            f"no model given; probing {report.models[0]!r}",
            f"pass --model (available: {_available(report.models)})",
        )
        return report.models[0]
    if report.model in report.models:
        report.model_found = True
        report.add("model", "ok", f"{report.model} is served")
        return report.model
    report.model_found = False
    if not report.models:
        report.add("model", "warn", "the server lists no models; cannot confirm the model exists")
        return report.model
    report.add(
        "model",
        "fail",
        f"model not found: {report.model}",
        f"pass --model with one of: {_available(report.models)}",
    )
    return None


def _probe_modes(report: DoctorReport, client: openai.OpenAI, model: str) -> None:
    formats: dict[Mode, dict[str, Any] | None] = {
        "json_schema": {
            "type": "json_schema",
            "json_schema": {"name": "probe", "strict": True, "schema": _PROBE_SCHEMA},
        },
        "json_object": {"type": "json_object"},
        "text": None,
    }
    limit_key = "max_tokens"
    for mode, fmt in formats.items():
        kwargs: dict[str, Any] = {
            "model": model,
            "messages": _PROBE_MESSAGES,
            limit_key: 12,
            "temperature": 0,
        }
        if fmt is not None:
            kwargs["response_format"] = fmt
        try:
            try:
                result, ms = _timed(client.chat.completions.create, **kwargs)
            except openai.BadRequestError as exc:
                if (
                    "max_tokens" not in json.dumps(exc.body, default=str)
                    or limit_key != "max_tokens"
                ):
                    raise
                limit_key = "max_completion_tokens"  # reasoning models refuse max_tokens
                kwargs["max_completion_tokens"] = kwargs.pop("max_tokens")
                kwargs.pop("temperature")
                result, ms = _timed(client.chat.completions.create, **kwargs)
            if not hasattr(result, "choices"):  # a 200 with HTML comes back as a plain str
                raise ValueError("the answer is not an OpenAI chat completion")
        except openai.APIConnectionError as exc:
            report.modes[mode] = False
            report.add(
                mode,
                "fail",
                f"no answer: {_server_says(exc)}",
                "raise --timeout or check the server's log",
            )
            continue
        except openai.APIStatusError as exc:
            report.modes[mode] = False
            if mode == "text":
                report.add(
                    mode,
                    "fail",
                    f"chat request failed: {_server_says(exc)}",
                    "check the model name and the server's log",
                )
            else:
                status = exc.status_code
                report.add(
                    mode,
                    "warn",
                    f"not accepted (HTTP {status}: {_said(exc)}); the writer falls back to the next mode",
                )
            continue
        except (openai.OpenAIError, ValueError, AttributeError, TypeError) as exc:
            report.modes[mode] = False
            report.add(mode, "fail", f"the answer is unusable ({_not_json(exc)})", _NOT_AN_API)
            continue
        report.modes[mode] = True
        if mode == "text" or report.chat_latency_ms is None:
            report.chat_latency_ms = round(ms, 1)
        report.add(mode, "ok", f"accepted ({ms:.0f} ms)")
    if (
        report.modes
        and not any(report.modes.get(m) for m in ("json_schema", "json_object"))
        and report.modes.get("text")
    ):
        report.add(
            "structured",
            "warn",
            "no JSON mode accepted; drafts are parsed from plain text",
            "a model/server with JSON mode (json_object) gives more reliable drafts",
        )
