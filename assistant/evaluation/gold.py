"""`assistant eval`: measure answers against a gold question set (and an external benchmark), LLM-free.

Every configuration answers the same questions and is scored with the same metrics (see `metrics`):
retrieval hit@1/3/5, MRR, nDCG@5; citation precision and recall; quote exactness; refusal precision
and recall; answer token-F1; mean cited length; latency per stage. Each is also given per slice and per
language. Reports: Markdown, JSON and a PNG chart under `--out`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Protocol

from tqdm import tqdm

from . import metrics
from ..config import Settings, load_settings
from ..errors import AssistantError
from ..schema import Answer, Document, Unit

CONFIGS = ("bm25", "dense", "rrf", "hybrid", "naive")
HEADLINE = ("hit@1", "hit@3", "hit@5", "mrr", "ndcg@5", "citation_precision", "citation_recall",
            "quote_exactness", "refusal_precision", "refusal_recall", "answer_f1", "mean_cited_chars",
            "latency_p50", "latency_p95")


@dataclass(frozen=True)
class GoldQuestion:
    id: str
    question: str
    lang: str
    history: list[str]
    doc_id: Any  # a file name, a list of them (cross-document), or None
    evidence: list[str]
    answer: str
    speaker: str | None
    answerable: bool
    slices: list[str]


def load_gold(path: Path) -> list[GoldQuestion]:
    """The gold questions; a malformed line is an error naming its line number."""
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            questions.append(GoldQuestion(**{f: record[f] for f in GoldQuestion.__dataclass_fields__}))
        except (ValueError, KeyError, TypeError) as exc:
            raise AssistantError(f"{path} line {number} is not a gold question ({exc}); "
                                 "see eval/README.md for the schema.") from exc
    return questions


class Pipeline(Protocol):
    documents: dict[str, Document]

    def ask(self, question: str, history: Iterable[Any] | None = None) -> Answer: ...


@dataclass
class Outcome:
    gold: GoldQuestion
    answer: Answer
    relevant: list[bool]  # per retrieved passage, best first: does it contain evidence?
    n_relevant: int  # how many units of the corpus contain evidence
    exact: list[bool]  # per citation: is its text the document's [start:end], quoted in the answer?


def score_question(gold: GoldQuestion, answer: Answer, units: list[Unit],
                   documents: dict[str, Document]) -> Outcome:
    relevant = [metrics.contains_evidence(p.text, gold.evidence) for p in answer.passages]
    n_relevant = sum(metrics.contains_evidence(u.text, gold.evidence) for u in units) if gold.evidence else 0
    exact = []
    for c in answer.citations:
        doc = documents.get(c.doc_id)
        exact.append(bool(doc) and doc.text[c.start:c.end] == c.text and c.text in answer.text)
    # A pipeline with other chunking can retrieve more relevant passages than our corpus has units.
    n_relevant = max(n_relevant, sum(relevant)) if gold.evidence else 0
    return Outcome(gold, answer, relevant, n_relevant, exact)


def summarize(outcomes: list[Outcome]) -> dict[str, float | None]:
    """The headline metrics over a group of outcomes (None where a metric is undefined)."""
    answerable = [o for o in outcomes if o.gold.answerable]
    ranked = [o for o in answerable if o.gold.evidence]
    cited = [c for o in answerable for c in o.answer.citations]
    correct = sum(metrics.contains_evidence(c.text, o.gold.evidence) for o in answerable for c in o.answer.citations)
    recall_hits = [any(metrics.contains_evidence(c.text, o.gold.evidence) for c in o.answer.citations)
                   for o in ranked]
    refusal = metrics.refusal_scores([o.answer.refused for o in outcomes], [o.gold.answerable for o in outcomes])
    answered = [o for o in answerable if not o.answer.refused]
    all_citations = [c for o in outcomes for c in o.answer.citations]
    totals = [o.answer.timings.get("total", 0.0) for o in outcomes]
    return {
        "questions": len(outcomes),
        "hit@1": metrics.mean([metrics.hit_at_k(o.relevant, 1) for o in ranked]),
        "hit@3": metrics.mean([metrics.hit_at_k(o.relevant, 3) for o in ranked]),
        "hit@5": metrics.mean([metrics.hit_at_k(o.relevant, 5) for o in ranked]),
        "mrr": metrics.mean([metrics.reciprocal_rank(o.relevant) for o in ranked]),
        "ndcg@5": metrics.mean([metrics.ndcg_at_k(o.relevant, 5, o.n_relevant) for o in ranked]),
        "citation_precision": metrics.precision(correct, len(cited)),
        "citation_recall": metrics.mean([float(h) for h in recall_hits]),
        "quote_exactness": metrics.mean([float(e) for o in outcomes for e in o.exact]),
        "refusal_precision": refusal["precision"],
        "refusal_recall": refusal["recall"],
        "answer_f1": metrics.mean([metrics.token_f1(o.answer.text, o.gold.answer) for o in answered]),
        "mean_cited_chars": metrics.mean([float(len(c.text)) for c in all_citations]),
        "latency_p50": metrics.percentile(totals, 50) if totals else None,
        "latency_p95": metrics.percentile(totals, 95) if totals else None,
    }


def stage_latencies(outcomes: list[Outcome]) -> dict[str, dict[str, float]]:
    stages = sorted({s for o in outcomes for s in o.answer.timings})
    return {s: {"p50": metrics.percentile([o.answer.timings.get(s, 0.0) for o in outcomes], 50),
                "p95": metrics.percentile([o.answer.timings.get(s, 0.0) for o in outcomes], 95)}
            for s in stages}


def breakdown(outcomes: list[Outcome]) -> dict[str, dict]:
    """Headline metrics per slice and per language."""
    groups: dict[str, list[Outcome]] = {}
    for o in outcomes:
        for key in [f"slice:{s}" for s in o.gold.slices] + [f"lang:{o.gold.lang}"]:
            groups.setdefault(key, []).append(o)
    return {key: summarize(group) for key, group in sorted(groups.items())}


def run(pipeline: Pipeline, questions: list[GoldQuestion], units: list[Unit], name: str,
        progress: bool = True) -> list[Outcome]:
    outcomes = []
    for gold in tqdm(questions, desc=f"eval {name}", unit="q", disable=not progress):
        answer = pipeline.ask(gold.question, history=gold.history)
        outcomes.append(score_question(gold, answer, units, pipeline.documents))
    return outcomes


@dataclass
class Report:
    gold: str
    results: dict[str, dict] = field(default_factory=dict)  # config -> summary
    breakdowns: dict[str, dict] = field(default_factory=dict)  # config -> slice/lang -> summary
    stages: dict[str, dict] = field(default_factory=dict)
    failures: dict[str, list[dict]] = field(default_factory=dict)  # config -> misses, for reading


def failures(outcomes: list[Outcome]) -> list[dict]:
    """Questions a configuration got wrong: wrong refusal, or no correct citation."""
    rows = []
    for o in outcomes:
        correct = any(metrics.contains_evidence(c.text, o.gold.evidence) for c in o.answer.citations)
        if o.answer.refused != (not o.gold.answerable) or (o.gold.answerable and not correct):
            rows.append({"id": o.gold.id, "question": o.gold.question, "refused": o.answer.refused,
                         "answerable": o.gold.answerable,
                         "cited": [c.text[:90] for c in o.answer.citations]})
    return rows


def fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def markdown(report: Report) -> str:
    configs = list(report.results)
    lines = [f"# Evaluation on `{report.gold}`", "", "| metric | " + " | ".join(configs) + " |",
             "|---|" + "---|" * len(configs)]
    for metric in ("questions",) + HEADLINE:
        lines.append(f"| {metric} | " + " | ".join(fmt(report.results[c].get(metric)) for c in configs) + " |")
    shown = "hybrid" if "hybrid" in report.breakdowns else next(iter(report.breakdowns), "")
    for config, groups in [(shown, report.breakdowns[shown])] if shown else []:
        lines += ["", f"## `{config}` by slice and language (every configuration's is in the JSON)", "",
                  "| group | n | hit@3 | citation precision | citation recall | refusal P | refusal R |",
                  "|---|---|---|---|---|---|---|"]
        for key, s in groups.items():
            lines.append(f"| {key} | {s['questions']} | {fmt(s['hit@3'])} | {fmt(s['citation_precision'])} | "
                         f"{fmt(s['citation_recall'])} | {fmt(s['refusal_precision'])} | {fmt(s['refusal_recall'])} |")
    for config, stages in [(shown, report.stages[shown])] if shown else []:
        lines += ["", f"## `{config}` latency per stage (seconds)", "", "| stage | p50 | p95 |", "|---|---|---|"]
        lines += [f"| {s} | {v['p50']:.3f} | {v['p95']:.3f} |" for s, v in stages.items()]
    for config, rows in report.failures.items():
        lines += ["", f"## `{config}` misses ({len(rows)})", ""]
        lines += [f"- {r['id']} {r['question']!r}: refused={r['refused']} answerable={r['answerable']} "
                  f"cited={r['cited']}" for r in rows]
    return "\n".join(lines) + "\n"


def chart(results: dict[str, dict], path: Path, metrics_shown: tuple[str, ...]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    configs = list(results)
    fig, ax = plt.subplots(figsize=(10, 4))
    width = 0.8 / max(len(configs), 1)
    for i, config in enumerate(configs):
        values = [results[config].get(m) or 0.0 for m in metrics_shown]
        ax.bar([x + i * width for x in range(len(metrics_shown))], values, width, label=config)
    ax.set_xticks([x + width * (len(configs) - 1) / 2 for x in range(len(metrics_shown))])
    ax.set_xticklabels(metrics_shown, rotation=20)
    ax.set_ylim(0, 1.05)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_report(report: Report, out: Path, name: str, metrics_shown: tuple[str, ...]) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(asdict(report), indent=2, ensure_ascii=False))
    (out / f"{name}.md").write_text(markdown(report))
    chart(report.results, out / f"{name}.png", metrics_shown)
    return out / f"{name}.md"


def pipelines(names: list[str], settings: Settings, embedder) -> dict[str, Callable[[], Pipeline]]:
    """Factories for each configuration, sharing one embedder (and one index)."""
    from ..assistant import Assistant
    from .baselines import NaivePipeline

    made: dict[str, Callable[[], Pipeline]] = {}
    for name in names:
        if name == "naive":
            made[name] = lambda: NaivePipeline(settings.seeds_dir, embedder)
        elif name in ("bm25", "dense", "rrf", "hybrid"):
            made[name] = lambda mode=name: Assistant(settings=settings, embedder=embedder, mode=mode, build=False)
        else:
            raise AssistantError(f"unknown configuration {name!r}; choose from {', '.join(CONFIGS)}")
    return made


def evaluate_gold(gold_path: Path, settings: Settings, names: list[str], out: Path, limit: int | None = None,
                  progress: bool = True, embedder=None) -> Report:
    from ..assistant import Assistant
    from ..index.model import load_embedder

    questions = load_gold(gold_path)[:limit]
    embedder = embedder or load_embedder(settings)
    default_index = settings.index_dir == load_settings().index_dir
    hybrid = Assistant(settings=settings, embedder=embedder, build=default_index, progress=progress)
    report = Report(gold=str(gold_path))
    for name, factory in pipelines(names, settings, embedder).items():
        pipeline = hybrid if name == "hybrid" else factory()
        outcomes = run(pipeline, questions, hybrid.snapshot.units, name, progress)
        report.results[name] = summarize(outcomes)
        report.failures[name] = failures(outcomes)
        report.breakdowns[name] = breakdown(outcomes)
        report.stages[name] = stage_latencies(outcomes)
    return report


def main(args) -> None:
    settings = load_settings(index_dir=args.index)
    names = [n.strip() for n in args.compare.split(",") if n.strip()]
    if args.bench:
        from .bench import evaluate_bench

        path = evaluate_bench(args.bench, settings, args.out, limit=args.limit)
    else:
        gold = args.gold or settings.seeds_dir.parent / "eval" / "gold.jsonl"
        report = evaluate_gold(gold, settings, names, args.out, limit=args.limit)
        path = write_report(report, args.out, "gold", ("hit@3", "mrr", "citation_precision",
                                                       "citation_recall", "refusal_precision", "refusal_recall"))
    print(path.read_text())
    print(f"Report written to {path} (also .json and .png)")
