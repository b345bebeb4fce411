"""The notebooks run top to bottom from a clean kernel (offline, and with the model cells against a
fake OpenAI-compatible server on 127.0.0.1), are stored without outputs, and show what a user needs."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import lxml.html
import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
NAMES = ["01_quickstart", "02_prompt_lab", "03_batch"]


def _render_script() -> ModuleType:
    # the same code that renders them for people (scripts/render_notebooks.py) runs them here
    spec = importlib.util.spec_from_file_location(
        "render_notebooks", ROOT / "scripts" / "render_notebooks.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


render = _render_script()


@pytest.fixture(scope="module")
def executed() -> Iterator[dict[str, Any]]:
    """All three notebooks, executed with their model cells against the fake server."""
    with render.fake_model() as env:
        yield {path.stem: render.execute(path, env) for path in render.notebooks()}


def outputs(nb: Any) -> list[Any]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def html_outputs(nb: Any) -> list[lxml.html.HtmlElement]:
    return [
        lxml.html.fragment_fromstring(o.data["text/html"], create_parent="div")
        for o in outputs(nb)
        if "data" in o and "text/html" in o.data
    ]


def printed(nb: Any) -> str:
    return "".join(o.text for o in outputs(nb) if o.output_type == "stream")


def find(nb: Any, cls: str) -> list[lxml.html.HtmlElement]:
    return [
        el
        for tree in html_outputs(nb)
        for el in tree.iter()
        if cls in (el.get("class") or "").split()
    ]


def marks(el: lxml.html.HtmlElement, cls: str) -> list[str]:
    return [m.text_content() for m in el.iter("mark") if cls in (m.get("class") or "")]


def test_the_notebooks_are_the_numbered_three() -> None:
    assert [p.stem for p in render.notebooks()] == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_stored_without_outputs(name: str) -> None:
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)


@pytest.mark.parametrize("name", NAMES)
def test_runs_without_an_error_output(executed: dict[str, Any], name: str) -> None:
    errors = [o for o in outputs(executed[name]) if o.output_type == "error"]
    assert not errors, errors
    assert "Traceback" not in printed(executed[name])


def test_quickstart_shows_posting_fit_documents_report_and_files(executed: dict[str, Any]) -> None:
    nb = executed["01_quickstart"]
    (posting,) = find(nb, "ra-posting")
    assert (
        "Senior Analytics Engineer" in posting.text_content()
        and "BH-2417" in posting.text_content()
    )
    (fit,) = find(nb, "ra-fit")
    strengths = {
        cls
        for el in fit.iter("span")
        for cls in (el.get("class") or "").split()
        if cls.startswith("ra-")
    }
    # a strong, a partial (or weak) and a missing requirement, each marked as such; since 0bdd0dc
    # the matcher returns nothing under 0.35, so the example pair has no weak line any more
    assert {"ra-strong", "ra-gap"} <= strengths and strengths & {"ra-partial", "ra-weak"}
    (letter,) = find(nb, "ra-cover_letter")
    paragraphs = [p.text_content() for p in letter.iter("p")]
    assert paragraphs[0].startswith("Dear Dana Whitfield") and len(paragraphs) >= 5
    (email,) = find(nb, "ra-follow_up")
    text = " ".join(email.text_content().split())
    assert "Subject Referral for Senior Analytics Engineer (BH-2417)" in text
    (report,) = find(nb, "ra-report")
    assert any("keep me in mind" in m for m in marks(report, "ra-error"))
    assert marks(report, "ra-warning") == ["passionate", "team player"]
    files = "".join(str(o.get("data", {}).get("text/plain", "")) for o in outputs(nb))
    for suffix in ("CoverLetter.docx", "FollowUpEmail.docx", "FollowUpEmail.eml"):
        assert f"Riley-Chen-Senior-Analytics-Engineer-{suffix}" in files


def test_prompt_lab_drafts_two_variants_side_by_side_and_compares_them(
    executed: dict[str, Any],
) -> None:
    nb = executed["02_prompt_lab"]
    shown = printed(nb)
    assert "edit included: False" in shown and "edit included: True" in shown
    shipped, edited = find(nb, "ra-cover_letter")
    # the edit (a shorter letter) reached the model: one story instead of several
    stories = [
        len([p for p in d.iter("p") if "From my resume:" in p.text_content()])
        for d in (shipped, edited)
    ]
    assert stories == [1, 1]
    counts = [d.text_content().count("From my resume:") for d in (shipped, edited)]
    assert counts[0] > counts[1] == 1 and "Riley Chen" in edited.text_content()
    (table,) = find(nb, "ra-compare")
    header = [th.text_content() for th in table.iter("th")]
    rows = {
        tr[0].text_content(): [td.text_content() for td in tr]
        for tr in table.iter("tr")
        if tr[0].tag == "td"
    }
    assert set(rows) == {"shipped prompt", "edited prompt"}
    words = [int(rows[v][header.index("words")]) for v in ("shipped prompt", "edited prompt")]
    assert words[0] > words[1] and rows["edited prompt"][header.index("errors")] == "0"
    assert int(rows["edited prompt"][header.index("prompt tokens")].replace(",", "")) > 0
    assert rows["edited prompt"][header.index("at gpt-4o-mini prices")].startswith("$")


def test_prompt_lab_offline_sends_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REFERRAL_AI_BASE_URL", raising=False)
    monkeypatch.delenv("REFERRAL_AI_MODEL", raising=False)
    nb = render.execute(NOTEBOOKS / "02_prompt_lab.ipynb", {})
    assert "offline: set REFERRAL_AI_BASE_URL" in printed(nb)
    estimates = find(nb, "ra-estimate")
    assert len(estimates) == 2 and not find(nb, "ra-draft")
    for est in estimates:  # priced at the default model's list price, before anything is sent
        assert "nothing was sent" in est.text_content() and "$" in est.text_content()
    assert not [o for o in outputs(nb) if o.output_type == "error"]


def test_batch_shows_progress_summary_chart_and_the_folder(executed: dict[str, Any]) -> None:
    nb = executed["03_batch"]
    (progress,) = find(nb, "ra-progress")
    assert " ".join(progress.text_content().split()).startswith("done 3 of 3")
    (summary,) = find(nb, "ra-batch")
    rows = summary.findall(".//table")[0].findall(".//tbody/tr")
    assert [tr[0].text_content() for tr in rows] == [
        "bramble-senior",
        "bramble-staff",
        "acme-analyst",
    ]
    assert all(tr[1].text_content() == "ok" for tr in rows)
    (chart,) = find(nb, "ra-chart")
    bars = [
        b
        for b in chart.iter("span")
        if b.get("class") == "ra-warning" and "width:0px" not in b.get("style", "")
    ]
    assert len(bars) == 3  # the fake model's stock openings: warnings on every posting
    listing = printed(nb)
    for folder in ("bramble-senior", "bramble-staff", "acme-analyst"):
        assert f"\n{folder}\n" in f"\n{listing}"
    assert listing.count("CoverLetter.docx") == 3 and listing.count("done.json") == 3


def test_exported_page_keeps_the_highlights_and_the_fit(executed: dict[str, Any]) -> None:
    page = lxml.html.document_fromstring(render.export_html(executed["01_quickstart"]))
    classes = {c for el in page.iter() for c in (el.get("class") or "").split()}
    assert {"ra-fit", "ra-report", "ra-error", "ra-warning", "ra-cover_letter"} <= classes
