"""The `assistant` command: thin wrappers over the package. Heavy imports happen inside commands, so
`assistant --help` answers at once. Every `AssistantError` becomes one `Error: …` line and exit code 1."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from ..errors import AssistantError


def cmd_ingest(args: argparse.Namespace) -> None:
    from ..config import load_settings
    from ..index.ingest import ingest
    from ..index.model import load_embedder

    settings = load_settings(index_dir=args.index)
    paths = args.paths or [settings.seeds_dir]
    report = ingest(paths, settings, lambda: load_embedder(settings),
                    rebuild=args.rebuild)
    for problem in report.problems:
        print(f"warning: {problem}", file=sys.stderr)
    print(report.summary())


def terminal_safe(text: str) -> str:
    """Document text as it may reach a terminal: control and escape characters (ANSI sequences included)
    become visible escapes instead of steering the terminal; newlines and tabs stay."""
    return "".join(c if c in "\n\t" or c.isprintable() else repr(c)[1:-1] for c in text)


def cmd_ask(args: argparse.Namespace) -> None:
    from ..answer.understanding import check_question
    from ..config import load_settings

    question = check_question(" ".join(args.question), load_settings().max_question_chars)  # before the model loads
    from ..assistant import Assistant

    bot = Assistant(args.index)
    answer = bot.ask(question, history=args.history)
    print(terminal_safe(answer.text))
    if answer.citations:
        print("\nSources:")
        for c in answer.citations:
            who = f" — {c.speaker}" + (f", {c.role}" if c.role else "") if c.speaker else ""
            print(terminal_safe(f"[{c.number}] {c.title} ({c.source}, {c.date}){who}\n"
                                f"    {c.doc_id} chars {c.start}-{c.end}"))


def cmd_quotes(args: argparse.Namespace) -> None:
    from ..assistant import Assistant

    bot = Assistant(args.index)
    for quote in bot.quotes(args.speaker):
        role = f" ({quote.role})" if quote.role else ""
        print(terminal_safe(f"{quote.speaker}{role}: {quote.citation.text}\n    [{quote.citation.doc_id}]"))


def cmd_serve(args: argparse.Namespace) -> None:
    from .web import serve

    serve(host=args.host, port=args.port, index_dir=args.index, share=args.share)


def cmd_model(args: argparse.Namespace) -> None:
    from ..config import load_settings
    from ..index.model import ensure_model

    print(ensure_model(load_settings().model_dir))


def cmd_eval(args: argparse.Namespace) -> None:
    from ..evaluation.gold import main as run_eval

    run_eval(args)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="assistant", description="Cited answers from news and press documents.")
    top.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = top.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="build or update an index from documents (.txt, .md, .jsonl)")
    p.add_argument("paths", nargs="*", type=Path, help="files or folders (default: seeds/)")
    p.add_argument("--index", type=Path, help="index folder (default: index/)")
    p.add_argument("--rebuild", action="store_true", help="start from an empty index")
    p.set_defaults(run=cmd_ingest)

    p = sub.add_parser("ask", help="answer a question with numbered sources")
    p.add_argument("question", nargs="+")
    p.add_argument("--index", type=Path, help="index folder (default: index/, built from seeds/ if needed)")
    p.add_argument("--history", action="append", default=[], help="an earlier question (repeatable)")
    p.set_defaults(run=cmd_ask)

    p = sub.add_parser("quotes", help="who said what, with sources")
    p.add_argument("speaker", nargs="?", help="narrow to one person")
    p.add_argument("--index", type=Path)
    p.set_defaults(run=cmd_quotes)

    p = sub.add_parser("serve", help="start the web chat")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=None, help="default: $GRADIO_SERVER_PORT or 7860")
    p.add_argument("--index", type=Path)
    p.add_argument("--share", action="store_true", help="also publish a public Gradio link (off by default)")
    p.set_defaults(run=cmd_serve)

    p = sub.add_parser("model", help="fetch and verify the embedding model (done by `make install`)")
    p.set_defaults(run=cmd_model)

    p = sub.add_parser("eval", help="measure answers against a gold question set or a benchmark")
    p.add_argument("--gold", type=Path, help="gold questions (default: eval/gold.jsonl)")
    p.add_argument("--index", type=Path, help="index to evaluate (default: index/)")
    p.add_argument("--compare", default="bm25,dense,rrf,hybrid,naive",
                   help="comma-separated configurations to run side by side")
    p.add_argument("--bench", type=Path, help="a benchmark folder such as ../shared/bench/tydiqa_id")
    p.add_argument("--limit", type=int, help="ask only the first N questions")
    p.add_argument("--out", type=Path, default=Path("eval/out"), help="report folder")
    p.set_defaults(run=cmd_eval)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(message)s")
    try:
        args.run(args)
    except AssistantError as exc:
        print(f"Error: {terminal_safe(str(exc))}", file=sys.stderr)
        return 1
    except FileNotFoundError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
