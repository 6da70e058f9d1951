"""`assistant eval --bench DIR`: an external benchmark (TyDi QA, FacQA, SQuAD-id-en) in its own index.

A benchmark folder holds `questions.jsonl` (`id`, `question`, optionally `question_en` for the same
question in English, `answers` strings that occur in the gold passage, `passage_id`) and `passages.jsonl`
(`passage_id`, `text`). The passages are ingested into `<index_root>/<folder name>` (incremental: reused
while they are unchanged, since embedding thousands of passages takes tens of minutes on 2 cores), then
every question is asked, in each language the file has, of two configurations: `dense` (dense retrieval,
the top-ranked unit cited: the answer before the reading stage) and `full` (the pipeline as shipped).

Passage-level: Recall@1/5/10 and MRR@10 of the gold `passage_id`; lenient hit@k (a retrieved passage holds
an answer string: generic questions have several right passages). Unit-level, where an answer must be
read: the first retrieved unit, the answer's first citation and any of its citations holding an answer
string. Latency is the `ask()` a user waits for.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from . import metrics
from .gold import top_unit
from .reports import BenchReport
from ..config import Settings
from ..errors import AssistantError

# Question field of questions.jsonl -> language label; a benchmark without `question_en` is asked once.
QUESTION_FIELDS = {"question": "id", "question_en": "en"}
UNITS_PER_QUERY = 60  # units retrieved, deduplicated to passages (several units share a passage)
KS = (1, 5, 10)


@dataclass(frozen=True)
class BenchQuestion:
    id: str
    question: str
    answers: list[str]
    passage_id: str


def load_questions(folder: Path) -> dict[str, list[BenchQuestion]]:
    """The questions by language label: {"id": [...]} or, with `question_en`, also {"en": [...]}."""
    path = folder / "questions.jsonl"
    if not path.exists():
        raise AssistantError(f"{path} not found: a benchmark folder holds questions.jsonl and passages.jsonl.")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_lang: dict[str, list[BenchQuestion]] = {}
    for name, lang in QUESTION_FIELDS.items():
        if records and name in records[0]:
            by_lang[lang] = [BenchQuestion(r["id"], r[name], r["answers"], r["passage_id"]) for r in records]
    return by_lang


def passage_ranking(passages) -> list[str]:
    """Passage ids in order of their best unit, each once."""
    return list(dict.fromkeys(p.doc_id for p in passages))


def score(bot, questions: list[BenchQuestion], texts: dict[str, str], name: str, progress: bool) -> dict:
    """The benchmark's metrics for one configuration (`bot`) on one language's questions."""
    gold_at: dict[int, list[float]] = {k: [] for k in KS}
    lenient_at: dict[int, list[float]] = {k: [] for k in KS}
    rr, unit1, cited1, cited_any, refused, latency = [], [], [], [], [], []
    for q in tqdm(questions, desc=f"bench {name}", unit="q", disable=not progress):
        units = bot.retriever.retrieve(q.question, k=UNITS_PER_QUERY)
        ranking = passage_ranking(units)
        gold = [pid == q.passage_id for pid in ranking]
        has_answer = [metrics.contains_evidence(texts.get(pid, ""), q.answers) for pid in ranking]
        for k in KS:
            gold_at[k].append(metrics.hit_at_k(gold, k))
            lenient_at[k].append(metrics.hit_at_k(has_answer, k))
        rr.append(metrics.reciprocal_rank(gold, 10))
        unit1.append(metrics.first_holds([u.text for u in units], q.answers))
        answer = bot.ask(q.question)
        cited = [] if answer.refused else [c.text for c in answer.citations]
        cited1.append(metrics.first_holds(cited, q.answers))
        cited_any.append(float(any(metrics.contains_evidence(text, q.answers) for text in cited)))
        refused.append(float(answer.refused))
        latency.append(answer.timings["total"])
    result: dict[str, float | None] = {f"recall@{k}": metrics.mean(v) for k, v in gold_at.items()}
    result["mrr@10"] = metrics.mean(rr)
    result.update({f"lenient_hit@{k}": metrics.mean(v) for k, v in lenient_at.items()})
    result.update({"unit@1_has_answer": metrics.mean(unit1), "cited@1_has_answer": metrics.mean(cited1),
                   "cited_any_has_answer": metrics.mean(cited_any), "refused": metrics.mean(refused),
                   "latency_p50": metrics.percentile(latency, 50), "latency_p95": metrics.percentile(latency, 95)})
    return result


def evaluate_bench(folder: Path, settings: Settings, index_root: Path, limit: int | None = None,
                   embedder=None, progress: bool = True) -> BenchReport:
    """Ingest (or reuse) the benchmark's index under `index_root`, then score every configuration."""
    from ..assistant import Assistant
    from ..index.embedder import load_embedder
    from ..index.ingest import ingest

    folder = Path(folder)
    by_lang = {lang: qs[:limit] for lang, qs in load_questions(folder).items()}
    bench_settings = settings.with_(index_dir=Path(index_root) / folder.name)
    embedder = embedder or load_embedder(bench_settings)
    started = time.perf_counter()
    print(ingest([folder / "passages.jsonl"], bench_settings, lambda: embedder, progress=progress, sync=True).summary())
    report = BenchReport(bench=str(folder), questions=len(next(iter(by_lang.values()), [])),
                         index_seconds=time.perf_counter() - started)
    configs = {"dense": lambda: Assistant(settings=top_unit(bench_settings), embedder=embedder, mode="dense",
                                          build=False, progress=False),
               "full": lambda: Assistant(settings=bench_settings, embedder=embedder, build=False, progress=False)}
    texts: dict[str, str] = {}
    for config, make in configs.items():
        bot = make()
        texts = texts or {d: doc.text for d, doc in bot.documents.items()}
        for lang, questions in by_lang.items():
            name = f"{config} · {lang}"
            report.results[name] = score(bot, questions, texts, name, progress)
    return report
