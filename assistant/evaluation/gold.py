"""`assistant eval`: measure answers against a gold question set, LLM-free.

Every configuration answers the same questions and is scored with the same metrics (see `metrics`):
retrieval hit@1/3/5, MRR, nDCG@5; answer hit@1 (the first citation holds the evidence); citation
precision and recall; quote exactness; refusal precision and recall; answer token-F1; mean cited length;
latency per stage. Each is also given per slice and per language. Formatting is in `reports`.

Configurations: each retrieval mode of `retrieval.retriever.Mode` answered by its top-ranked unit (the
answer as it was before the reading stage; `hybrid` is today's answer), `full` (the pipeline as shipped,
every stage on) and `naive` (LlamaIndex out of the box, `baselines`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Protocol

from tqdm import tqdm

from . import metrics
from .reports import GoldReport
from ..config import Settings, load_settings
from ..errors import AssistantError
from ..retrieval.retriever import MODES
from ..schema import Answer, Document, Unit

CONFIGS: tuple[str, ...] = (*MODES, "full", "naive")
DEFAULT_CONFIGS = ("dense", "hybrid", "full", "naive")
# Slices whose questions measure a feature still being built (answers citing a page's outlet, editor or
# date line, which the cleaned text drops): reported in their own table, kept out of the headline.
APART = ("metadata",)


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


def answer_hit(outcome: Outcome) -> float:
    """1.0 when the answer's first citation holds the evidence (a refusal never does)."""
    if outcome.answer.refused:
        return 0.0
    return metrics.first_holds([c.text for c in outcome.answer.citations], outcome.gold.evidence)


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
    cited_per_answer = [float(sum(len(c.text) for c in o.answer.citations)) for o in outcomes if not o.answer.refused]
    totals = [o.answer.timings.get("total", 0.0) for o in outcomes]
    return {
        "questions": len(outcomes),
        "hit@1": metrics.mean([metrics.hit_at_k(o.relevant, 1) for o in ranked]),
        "hit@3": metrics.mean([metrics.hit_at_k(o.relevant, 3) for o in ranked]),
        "hit@5": metrics.mean([metrics.hit_at_k(o.relevant, 5) for o in ranked]),
        "mrr": metrics.mean([metrics.reciprocal_rank(o.relevant) for o in ranked]),
        "ndcg@5": metrics.mean([metrics.ndcg_at_k(o.relevant, 5, o.n_relevant) for o in ranked]),
        "answer_hit@1": metrics.mean([answer_hit(o) for o in ranked]),
        "citation_precision": metrics.precision(correct, len(cited)),
        "citation_recall": metrics.mean([float(h) for h in recall_hits]),
        "quote_exactness": metrics.mean([float(e) for o in outcomes for e in o.exact]),
        "refusal_precision": refusal["precision"],
        "refusal_recall": refusal["recall"],
        "answer_f1": metrics.mean([metrics.token_f1(o.answer.text, o.gold.answer) for o in answered]),
        "mean_cited_chars": metrics.mean(cited_per_answer),  # per answer: all its citations together
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


def failures(outcomes: list[Outcome]) -> list[dict]:
    """Questions a configuration got wrong, with the answer given: wrong refusal, or no correct citation."""
    rows = []
    for o in outcomes:
        correct = any(metrics.contains_evidence(c.text, o.gold.evidence) for c in o.answer.citations)
        if o.answer.refused != (not o.gold.answerable) or (o.gold.answerable and not correct):
            rows.append({"id": o.gold.id, "question": o.gold.question, "answerable": o.gold.answerable,
                         "answer": o.answer.to_dict()})
    return rows


def top_unit(settings: Settings) -> Settings:
    """Settings that answer with the top-ranked unit, as before the reading stage (the baselines)."""
    return settings.with_(reading=False)


def check_configs(names: list[str]) -> None:
    """An unknown configuration name is an error naming the valid ones (raised before the model loads)."""
    unknown = [name for name in names if name not in CONFIGS]
    if unknown:
        raise AssistantError(f"unknown configuration {unknown[0]!r}; choose from {', '.join(CONFIGS)}")


def pipelines(names: list[str], settings: Settings, embedder) -> dict[str, Callable[[], Pipeline]]:
    """Factories for each configuration, sharing one embedder (and one index)."""
    from ..assistant import Assistant
    from .baselines import NaivePipeline

    made: dict[str, Callable[[], Pipeline]] = {}
    for name in names:
        if name == "naive":
            made[name] = lambda: NaivePipeline(settings.seeds_dir, embedder)
        elif name == "full":
            made[name] = lambda: Assistant(settings=settings, embedder=embedder, build=False, progress=False)
        else:
            made[name] = lambda mode=name: Assistant(settings=top_unit(settings), embedder=embedder, mode=mode,
                                                     build=False, progress=False)
    return made


def groups_apart(outcomes: list[Outcome]) -> tuple[list[Outcome], dict[str, list[Outcome]]]:
    """The headline outcomes, and those of each slice in `APART` that this question set has."""
    kept = [o for o in outcomes if not set(o.gold.slices) & set(APART)]
    apart = {name: [o for o in outcomes if name in o.gold.slices] for name in APART}
    return kept, {name: group for name, group in apart.items() if group}


def evaluate_gold(questions: list[GoldQuestion], settings: Settings, names: list[str], gold: str = "",
                  split: str = "all", progress: bool = True, embedder=None) -> GoldReport:
    """Every configuration in `names` on `questions`; the seed index is built first if it is the default."""
    from ..assistant import Assistant
    from ..index.embedder import load_embedder

    check_configs(names)
    embedder = embedder or load_embedder(settings)
    made = pipelines(names, settings, embedder)
    default_index = settings.index_dir == load_settings().index_dir
    units = Assistant(settings=settings, embedder=embedder, build=default_index, progress=progress).snapshot.units
    report = GoldReport(gold=gold, split=split)
    for name, factory in made.items():
        outcomes = run(factory(), questions, units, name, progress)
        headline, apart = groups_apart(outcomes)
        report.results[name] = summarize(headline)
        for slice_name, group in apart.items():
            report.apart.setdefault(slice_name, {})[name] = summarize(group)
        report.failures[name] = failures(outcomes)
        report.breakdowns[name] = breakdown(outcomes)
        report.stages[name] = stage_latencies(outcomes)
    return report
