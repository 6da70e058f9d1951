"""`assistant eval --bench DIR`: an external benchmark (TyDi QA GoldP, Indonesian) in its own index.

`passages.jsonl` is ingested into `eval/bench-index/<name>` (incremental: reused while the passages are
unchanged, since embedding 4,665 passages takes tens of minutes on 2 cores), then every question of
`questions.jsonl` is asked of plain BM25, dense alone and our hybrid. Passage-level metrics: Recall@1/5/10
and MRR@10 of the gold `passage_id`, lenient hit@k (a retrieved passage contains an answer string), the
share of answers whose citations contain an answer string, and latency.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tqdm import tqdm

from . import metrics
from ..config import Settings
from ..errors import AssistantError

MODES = ("bm25", "dense", "hybrid")
UNITS_PER_QUERY = 60  # units retrieved, deduplicated to passages (several units share a passage)


@dataclass
class BenchReport:
    bench: str
    questions: int = 0
    index_seconds: float = 0.0
    results: dict[str, dict] = field(default_factory=dict)


def load_questions(folder: Path) -> list[dict]:
    path = folder / "questions.jsonl"
    if not path.exists():
        raise AssistantError(f"{path} not found: a benchmark folder holds questions.jsonl and passages.jsonl.")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def passage_ranking(passages) -> list[str]:
    """Passage ids in order of their best unit, each once."""
    seen: list[str] = []
    for p in passages:
        if p.doc_id not in seen:
            seen.append(p.doc_id)
    return seen


def score_mode(bot, questions: list[dict], texts: dict[str, str], name: str, with_answers: bool) -> dict:
    recall = {1: [], 5: [], 10: []}
    lenient = {1: [], 5: [], 10: []}
    rr, cited_ok, latency = [], [], []
    for q in tqdm(questions, desc=f"bench {name}", unit="q"):
        started = time.perf_counter()
        units = bot.retriever.retrieve(q["question"], k=UNITS_PER_QUERY)
        latency.append(time.perf_counter() - started)
        if with_answers:  # what a user waits for: the whole answer, not the ranking pass above
            answer = bot.ask(q["question"])
            latency[-1] = answer.timings["total"]
            cited_ok.append(float(any(a.lower() in c.text.lower() for c in answer.citations for a in q["answers"])))
        ranking = passage_ranking(units)
        gold = [pid == q["passage_id"] for pid in ranking]
        has_answer = [any(a.lower() in texts.get(pid, "").lower() for a in q["answers"]) for pid in ranking]
        for k in recall:
            recall[k].append(metrics.hit_at_k(gold, k))
            lenient[k].append(metrics.hit_at_k(has_answer, k))
        rr.append(metrics.reciprocal_rank(gold, 10))
    result = {f"recall@{k}": metrics.mean(v) for k, v in recall.items()}
    result["mrr@10"] = metrics.mean(rr)
    result.update({f"lenient_hit@{k}": metrics.mean(v) for k, v in lenient.items()})
    result["citation_has_answer"] = metrics.mean(cited_ok) if with_answers else None
    result["latency_p50"] = metrics.percentile(latency, 50)
    result["latency_p95"] = metrics.percentile(latency, 95)
    return result


def evaluate_bench(folder: Path, settings: Settings, out: Path, limit: int | None = None) -> Path:
    from ..assistant import Assistant
    from .gold import chart
    from ..index.ingest import ingest
    from ..index.model import load_embedder

    folder = Path(folder)
    questions = load_questions(folder)[:limit]
    bench_settings = settings.with_(index_dir=settings.seeds_dir.parent / "eval" / "bench-index" / folder.name)
    embedder = load_embedder(bench_settings)
    started = time.perf_counter()
    print(ingest([folder / "passages.jsonl"], bench_settings, lambda: embedder).summary())
    report = BenchReport(bench=str(folder), questions=len(questions), index_seconds=time.perf_counter() - started)
    texts: dict[str, str] | None = None
    for mode in MODES:
        bot = Assistant(settings=bench_settings, embedder=embedder, mode=mode, build=False, progress=False)
        texts = texts or {d: doc.text for d, doc in bot.documents.items()}
        report.results[mode] = score_mode(bot, questions, texts, mode, with_answers=(mode == "hybrid"))
    out.mkdir(parents=True, exist_ok=True)
    name = f"bench-{folder.name}"
    (out / f"{name}.json").write_text(json.dumps(asdict(report), indent=2))
    (out / f"{name}.md").write_text(bench_markdown(report))
    chart(report.results, out / f"{name}.png", ("recall@1", "recall@5", "recall@10", "mrr@10", "lenient_hit@5"))
    return out / f"{name}.md"


def bench_markdown(report: BenchReport) -> str:
    from .gold import fmt

    modes = list(report.results)
    keys = list(next(iter(report.results.values())))
    lines = [f"# Benchmark `{report.bench}` ({report.questions} questions)", "",
             "| metric | " + " | ".join(modes) + " |", "|---|" + "---|" * len(modes)]
    lines += [f"| {k} | " + " | ".join(fmt(report.results[m][k]) for m in modes) + " |" for k in keys]
    lines += ["", f"Index build or check: {report.index_seconds:.0f} s."]
    return "\n".join(lines) + "\n"
