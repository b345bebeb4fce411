"""validate(..., judge=writer): the model decides only the uncertain generic-ask sentences (fake server)."""

from __future__ import annotations

import json

import pytest

from referral_ai.retry import RetryPolicy
from referral_ai.testing import FakeOpenAIServer, Reply, server_error
from referral_ai.validators import JudgedReport, validate
from referral_ai.writers.openai_writer import OpenAIWriter

# "Looking for a referral..." is an uncertain statement (step 4); "any openings" is certain (step 2)
EMAIL = "Hi Dana,\n\nLooking for a referral at your company. Let me know if any openings come up.\n\nBest,\nJordan"


def _verdicts(*generic: bool) -> Reply:
    return Reply(
        json.dumps({"verdicts": [{"index": i, "generic": g} for i, g in enumerate(generic)]})
    )


JUDGED = [(True, 2), (False, 1)]


@pytest.mark.parametrize(("model_says", "n_asks"), JUDGED)
def test_model_decides_only_uncertain_sentences(model_says: bool, n_asks: int) -> None:
    with FakeOpenAIServer(default=_verdicts(model_says)) as srv:
        with OpenAIWriter(base_url=srv.base_url, model="fake-model") as writer:
            report = validate(EMAIL, judge=writer)
        (request,) = srv.chat_requests
    assert isinstance(report, JudgedReport)
    assert report.codes().count("generic-ask") == n_asks
    user = request.json["messages"][-1]["content"]
    assert (
        "Looking for a referral" in user and "any openings" not in user
    )  # certain sentences are not sent
    assert request.json["response_format"]["type"] == "json_schema"
    (j,) = report.judgements
    assert j.rule_generic is True and j.model_generic is model_says and j.step.startswith("4")
    assert report.judge_usage.calls == 1 and report.judge_usage.prompt_tokens > 0


ANSWERS = [Reply("not json"), server_error(400)]


@pytest.mark.parametrize("answer", ANSWERS)
def test_unusable_or_failed_judge_leaves_the_rule_to_decide(answer: Reply) -> None:
    with FakeOpenAIServer(default=answer) as srv:
        policy = RetryPolicy(max_attempts=1)
        with OpenAIWriter(base_url=srv.base_url, model="fake-model", retry_policy=policy) as writer:
            report = validate(EMAIL, judge=writer)
    assert isinstance(report, JudgedReport)
    assert report.codes().count("generic-ask") == 2 and report.judge_notes
    assert report.judgements[0].model_generic is None


def test_no_uncertain_sentence_sends_nothing() -> None:
    with FakeOpenAIServer(default=_verdicts(True)) as srv:
        with OpenAIWriter(base_url=srv.base_url, model="fake-model") as writer:
            report = validate("Let me know if any openings come up.\n\nBest,\nJordan", judge=writer)
        assert srv.chat_requests == []
    assert isinstance(report, JudgedReport) and report.judgements == []
    assert report.codes().count("generic-ask") == 1
