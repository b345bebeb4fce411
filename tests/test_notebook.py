"""The quickstart notebook runs top to bottom from a clean kernel and is stored without outputs."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def test_quickstart_is_stored_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOKS / "quickstart.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_quickstart_runs_offline_and_shows_what_a_user_needs() -> None:
    nb = nbformat.read(NOTEBOOKS / "quickstart.ipynb", as_version=4)
    client = NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    client.execute()

    def shown(cell_index: int) -> str:
        parts: list[str] = []
        for out in nb.cells[cell_index].outputs:
            if out.output_type == "stream":
                parts.append(out.text)
            elif "data" in out:
                parts.append(out.data.get("text/html", "") + out.data.get("text/plain", ""))
        return "".join(parts)

    everything = "\n".join(shown(i) for i, c in enumerate(nb.cells) if c.cell_type == "code")
    assert "Senior Analytics Engineer" in everything
    assert "<table>" in everything  # the fit table and reports render as HTML
    assert "generic-ask" in everything  # the hand-written generic ask is caught
    assert "cover-letter.docx" in everything and "follow-up-email.eml" in everything
    assert not [
        o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"
    ]
