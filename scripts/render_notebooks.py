"""Run the notebooks top to bottom and export each one as a web page (and, with a browser, a picture).

    python scripts/render_notebooks.py --out rendered [--fake-model] [--screenshot] [--only NAME]

For each ``notebooks/NN_*.ipynb`` it writes ``OUT/NAME.ipynb`` (executed, with its outputs),
``OUT/NAME.html`` (nbconvert's lab template, images embedded) and, with ``--screenshot``, ``OUT/NAME.png``
(headless Chromium: apt ``chromium``; the page height trimmed to its content). The notebooks' model
cells use ``REFERRAL_AI_BASE_URL`` / ``REFERRAL_AI_MODEL`` from the environment (offline when unset);
``--fake-model`` points them at :class:`referral_ai.testing.FakeOpenAIServer` on 127.0.0.1 answering
with :func:`referral_ai.testing.draft_responder` (no real model, no network). Exits 1 when a notebook
fails, printing the error.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")


def notebooks(only: str | None = None) -> list[Path]:
    """The numbered notebooks, in order (``only``: the one whose name starts with it)."""
    found = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    return [p for p in found if only is None or p.stem.startswith(only)]


@contextlib.contextmanager
def fake_model() -> Iterator[dict[str, str]]:
    """A FakeOpenAIServer drafting as the example resume's candidate; yields the notebooks' env."""
    import referral_ai as ra
    from referral_ai.testing import FakeOpenAIServer, draft_responder

    name = ra.load_resume(ROOT / "examples" / "resume.md").name or "The Candidate"
    with FakeOpenAIServer(default=draft_responder(name)) as server:
        yield {"REFERRAL_AI_BASE_URL": server.base_url, "REFERRAL_AI_MODEL": server.models[0]}


def execute(path: Path, env: dict[str, str], timeout: int = 300) -> object:
    """The notebook at ``path`` run from a fresh kernel in ``notebooks/`` with ``env`` added."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)  # the kernel inherits this process's environment
    try:
        NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(NOTEBOOKS)}},
        ).execute()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return nb


def export_html(nb: object) -> str:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    exporter.embed_images = True
    body, _ = exporter.from_notebook_node(nb)
    return str(body)


def browser() -> str | None:
    return next((found for b in BROWSERS if (found := shutil.which(b))), None)


def screenshot(page: Path, png: Path, chrome: str, width: int = 1200, height: int = 16000) -> None:
    """A picture of ``page`` as a browser draws it; the empty bottom trimmed (Pillow, if present)."""
    subprocess.run(
        [chrome, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         f"--window-size={width},{height}", f"--screenshot={png}", page.resolve().as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    try:
        from PIL import Image, ImageChops
    except ImportError:
        return
    with Image.open(png) as im:
        rgb = im.convert("RGB")
        box = ImageChops.difference(rgb, Image.new("RGB", rgb.size, (255, 255, 255))).getbbox()
        if box is not None:
            rgb.crop((0, 0, width, min(height, box[3] + 20))).save(png)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", required=True, help="folder for the executed notebooks, pages and pictures"
    )
    parser.add_argument(
        "--fake-model", action="store_true", help="model cells against a local fake server"
    )
    parser.add_argument(
        "--screenshot", action="store_true", help="also a PNG of each page (headless Chromium)"
    )
    parser.add_argument("--only", help="just the notebook whose name starts with this, e.g. 02")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    chrome = browser() if args.screenshot else None
    if args.screenshot and chrome is None:
        print("no headless browser found (apt-get install chromium): pages only", file=sys.stderr)
    import nbformat

    with fake_model() if args.fake_model else contextlib.nullcontext({}) as env:
        for path in notebooks(args.only):
            try:
                nb = execute(path, env)
            except Exception as exc:  # the notebook's own traceback, shortened
                print(f"{path.name}: failed: {str(exc).strip()[-2000:]}", file=sys.stderr)
                return 1
            nbformat.write(nb, out / path.name)
            page = out / f"{path.stem}.html"
            page.write_text(export_html(nb), encoding="utf-8")
            shown = [str(page)]
            if chrome is not None:
                screenshot(page, out / f"{path.stem}.png", chrome)
                shown.append(str(out / f"{path.stem}.png"))
            print(f"{path.name}: " + ", ".join(shown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
