"""`python app.py` (what `make run` starts): the web chat on http://127.0.0.1:7860.

Builds index/ from seeds/ first when it is missing or stale. Options: --host, --port (or the
GRADIO_SERVER_PORT environment variable), --index DIR, --share (off unless asked). Basic auth when
ASSISTANT_AUTH_USER and ASSISTANT_AUTH_PASSWORD are set.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Serve the cited-answers web chat.")
    p.add_argument("--host", default="127.0.0.1", help="interface to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=None, help="default: $GRADIO_SERVER_PORT or 7860")
    p.add_argument("--index", type=Path, default=None, help="index folder (default: index/, built from seeds/)")
    p.add_argument("--share", action="store_true", help="also publish a public Gradio link (off by default)")
    args = p.parse_args(argv)

    from assistant.errors import AssistantError
    from assistant.web import serve

    try:
        serve(host=args.host, port=args.port, index_dir=args.index, share=args.share)
    except AssistantError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
