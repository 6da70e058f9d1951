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
    from ..index.embedder import load_embedder
    from ..index.ingest import ingest

    settings = load_settings(index_dir=args.index)
    paths = args.paths or [settings.seeds_dir]
    report = ingest(paths, settings, lambda: load_embedder(settings), rebuild=args.rebuild, sync=args.sync)
    for problem in report.problems:
        print(f"warning: {problem}", file=sys.stderr)
    print(report.summary())


def cmd_remove(args: argparse.Namespace) -> None:
    from ..config import load_settings
    from ..index.ingest import remove

    print(remove(args.doc_ids, load_settings(index_dir=args.index)).summary())


def cmd_list(args: argparse.Namespace) -> None:
    from ..config import load_settings
    from ..index.ingest import list_documents

    documents = list_documents(load_settings(index_dir=args.index))
    for d in documents:
        print(terminal_safe(f"{d.doc_id}\t{d.source or '-'}\t{d.date or '-'}\t{d.units} units\t{d.title}"))
    print(f"{len(documents)} documents, {sum(d.units for d in documents)} units")


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
    from ..config import load_settings
    from .web import serve

    settings = load_settings(index_dir=args.index, server_port=args.port)
    serve(settings, host=args.host, share=args.share, build=args.index is None)


def cmd_model(args: argparse.Namespace) -> None:
    """Fetch the model, export it to ONNX, and measure which encoder backend this machine should use.

    Measures afresh each time (it is the explicit provisioning step `make install` runs), so a changed
    machine or library gets a new decision; ordinary commands reuse the cached one."""
    from ..config import load_settings
    from ..index.embedder import MIN_COSINE, choose_backend, choice_path
    from ..index.provision import ensure_model

    settings = load_settings()
    print(f"model: {ensure_model(settings.model_dir)}")
    choice = choose_backend(settings, remeasure=True)
    print(f"encoder backends on this machine (sample of passages; vectors must reach cosine {MIN_COSINE} "
          "to torch fp32):")
    for trial in choice.trials:
        print(f"  {trial.describe()}")
    print(f"chosen for ingest: {choice.reason()}")
    print(f"chosen for answering questions: {choice.for_queries()} (starts fastest; its vectors match)")
    print(f"cached in {choice_path(settings.model_dir)}")
    if settings.model_backend != "auto":
        print(f"ASSISTANT_MODEL_BACKEND={settings.model_backend} overrides this choice.")


def cmd_eval(args: argparse.Namespace) -> None:
    """The gold set (one half, every configuration asked) or, with `--bench`, an external benchmark."""
    from ..config import load_settings
    from ..evaluation.reports import write_report

    settings = load_settings(index_dir=args.index)
    if args.bench:
        from ..evaluation.bench import evaluate_bench

        report = evaluate_bench(args.bench, settings, settings.seeds_dir.parent / "eval" / "bench-index",
                                limit=args.limit)
        path = write_report(report, args.out, f"bench-{args.bench.name}")
    else:
        from ..evaluation.gold import check_configs, evaluate_gold, load_gold
        from ..evaluation.split import select

        gold = args.gold or settings.seeds_dir.parent / "eval" / "gold.jsonl"
        names = [n.strip() for n in args.compare.split(",") if n.strip()]
        check_configs(names)
        questions = select(load_gold(gold), gold, args.split)[:args.limit]
        report = evaluate_gold(questions, settings, names, gold=str(gold), split=args.split)
        path = write_report(report, args.out, f"{gold.stem}-{args.split}")
    print(path.read_text(encoding="utf-8"))
    print(f"Report written to {path} (also .json and .png)")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="assistant", description="Cited answers from news and press documents.")
    top.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = top.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="add or update documents (.txt, .md, .jsonl) in an index; others stay")
    p.add_argument("paths", nargs="*", type=Path, help="files or folders (default: seeds/)")
    p.add_argument("--index", type=Path, help="index folder (default: index/)")
    p.add_argument("--rebuild", action="store_true",
                   help="embed every document again (a damaged index is moved aside)")
    p.add_argument("--sync", action="store_true",
                   help="mirror the paths: also remove indexed documents not under them (listed first)")
    p.set_defaults(run=cmd_ingest)

    p = sub.add_parser("remove", help="remove documents from an index by id (see `assistant list`)")
    p.add_argument("doc_ids", nargs="+", metavar="DOC_ID")
    p.add_argument("--index", type=Path, help="index folder (default: index/)")
    p.set_defaults(run=cmd_remove)

    p = sub.add_parser("list", help="the documents of an index, with outlet, date and unit count")
    p.add_argument("--index", type=Path, help="index folder (default: index/)")
    p.set_defaults(run=cmd_list)

    p = sub.add_parser("ask", help="answer a question with numbered sources")
    p.add_argument("question", nargs="+")
    p.add_argument("--index", type=Path, help="index folder (default: index/, built from seeds/ if needed)")
    p.add_argument("--history", action="append", default=[], help="an earlier question (repeatable)")
    p.set_defaults(run=cmd_ask)

    p = sub.add_parser("quotes", help="who said what, with sources")
    p.add_argument("speaker", nargs="?", help="narrow to one person")
    p.add_argument("--index", type=Path)
    p.set_defaults(run=cmd_quotes)

    from ..config import Settings

    p = sub.add_parser("serve", help="start the web chat")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, help=f"default: $GRADIO_SERVER_PORT or {Settings.server_port}")
    p.add_argument("--index", type=Path)
    p.add_argument("--share", action="store_true", help="also publish a public Gradio link (off by default)")
    p.set_defaults(run=cmd_serve)

    p = sub.add_parser("model", help="fetch and verify the embedding model (done by `make install`)")
    p.set_defaults(run=cmd_model)

    p = sub.add_parser("eval", help="measure answers against a gold question set or a benchmark")
    p.add_argument("--gold", type=Path, help="gold questions (default: eval/gold.jsonl)")
    p.add_argument("--index", type=Path, help="index to evaluate (default: index/)")
    p.add_argument("--compare", default="dense,hybrid,full,naive",
                   help="comma-separated configurations to run side by side: a retrieval mode answered by "
                        "its top unit, full (every stage) or naive (LlamaIndex); see eval/README.md")
    p.add_argument("--split", choices=("test", "tune", "all"), default="test",
                   help="which half of the gold set to ask (eval/gold_test.txt, eval/gold_tune.txt) or all")
    p.add_argument("--bench", type=Path, help="a benchmark folder such as eval/bench/facqa_id")
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
