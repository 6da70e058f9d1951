"""Reports of `assistant eval`: what a run measured, as Markdown, JSON and a PNG chart.

Only formatting lives here, so the gold-set runner (`gold`) and the benchmark runner (`bench`) both import
it and neither imports the other. `eval/RESULTS.md` is these Markdown files joined by `make eval`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Sequence

GOLD_HEADLINE = ("hit@1", "hit@3", "hit@5", "mrr", "ndcg@5", "answer_hit@1", "citation_precision",
                 "citation_recall", "quote_exactness", "refusal_precision", "refusal_recall", "answer_f1",
                 "mean_cited_chars", "latency_p50", "latency_p95")
GOLD_CHART = ("hit@3", "mrr", "answer_hit@1", "citation_recall", "refusal_precision", "refusal_recall")
BENCH_CHART = ("recall@1", "recall@5", "mrr@10", "unit@1_has_answer", "cited@1_has_answer")


@dataclass
class GoldReport:
    gold: str
    split: str
    results: dict[str, dict] = field(default_factory=dict)  # config -> summary (headline questions)
    apart: dict[str, dict] = field(default_factory=dict)  # slice reported apart -> config -> summary
    breakdowns: dict[str, dict] = field(default_factory=dict)  # config -> slice/lang -> summary
    stages: dict[str, dict] = field(default_factory=dict)  # config -> stage -> p50/p95
    failures: dict[str, list[dict]] = field(default_factory=dict)  # config -> misses, for reading


@dataclass
class BenchReport:
    bench: str
    questions: int = 0
    index_seconds: float = 0.0
    results: dict[str, dict] = field(default_factory=dict)  # "config · lang" -> metrics


def fmt(value: Any) -> str:
    """A cell: three decimals for rates, a dash where a metric is undefined."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    """A Markdown table's lines."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(fmt(cell) for cell in row) + " |" for row in rows]


def metric_table(results: dict[str, dict], metrics_shown: Sequence[str]) -> list[str]:
    """One row per metric, one column per configuration."""
    configs = list(results)
    return table(["metric", *configs], [[m, *(results[c].get(m) for c in configs)] for m in metrics_shown])


def gold_markdown(report: GoldReport) -> str:
    lines = [f"# Evaluation on `{report.gold}`, {report.split} questions", ""]
    lines += metric_table(report.results, ("questions",) + GOLD_HEADLINE)
    for name, results in report.apart.items():
        lines += ["", f"## Slice `{name}`, reported apart (not in the table above)", ""]
        lines += metric_table(results, ("questions", "hit@3", "answer_hit@1", "citation_recall",
                                        "refusal_precision", "refusal_recall"))
    shown = "full" if "full" in report.breakdowns else next(reversed(report.breakdowns), "")
    if shown:
        lines += ["", f"## `{shown}` by slice and language (every configuration's is in the JSON)", ""]
        lines += table(["group", "n", "hit@3", "answer hit@1", "citation precision", "citation recall",
                        "refusal P", "refusal R"],
                       [[key, s["questions"], s["hit@3"], s["answer_hit@1"], s["citation_precision"],
                         s["citation_recall"], s["refusal_precision"], s["refusal_recall"]]
                        for key, s in report.breakdowns[shown].items()])
        lines += ["", f"## `{shown}` latency per stage (seconds)", ""]
        lines += table(["stage", "p50", "p95"], [[s, v["p50"], v["p95"]] for s, v in report.stages[shown].items()])
    for config, rows in report.failures.items():
        lines += ["", f"## `{config}` misses ({len(rows)})", ""]
        lines += [f"- {r['id']} {r['question']!r}: refused={r['answer']['refused']} answerable={r['answerable']} "
                  f"cited={[c['text'][:90] for c in r['answer']['citations']]}" for r in rows]
    return "\n".join(lines) + "\n"


def bench_markdown(report: BenchReport) -> str:
    keys = list(next(iter(report.results.values()), {}))
    lines = [f"# Benchmark `{report.bench}` ({report.questions} questions)", ""]
    lines += metric_table(report.results, keys)
    lines += ["", "`unit@1`: the first retrieved unit; `cited@1`: the answer's first citation (a refusal "
              "counts as a miss); `cited_any`: any of its citations.", "",
              f"Index build or check: {report.index_seconds:.0f} s."]
    return "\n".join(lines) + "\n"


def chart(results: dict[str, dict], path: Path, metrics_shown: Sequence[str]) -> None:
    """Grouped bars, one group per metric, one bar per configuration."""
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


def write_report(report: GoldReport | BenchReport, out: Path, name: str) -> Path:
    """`out/<name>.md`, `.json` and `.png`; returns the Markdown's path."""
    out.mkdir(parents=True, exist_ok=True)
    if isinstance(report, GoldReport):
        text, shown = gold_markdown(report), GOLD_CHART
    else:
        text, shown = bench_markdown(report), BENCH_CHART
    (out / f"{name}.json").write_text(json.dumps(asdict(report), indent=2, ensure_ascii=False), encoding="utf-8")
    (out / f"{name}.md").write_text(text, encoding="utf-8")
    chart(report.results, out / f"{name}.png", shown)
    return out / f"{name}.md"
