"""`python -m assistant.reading.train`: fit the reader and write `assistant/reading/reader.json`.

reader.json is configuration produced by this command (feature names, the scaler's means and scales, a
logistic regression's coefficients and intercept, the refusal threshold: a few KB), not model weights;
it is committed so that the package answers without training. No number in it is typed by hand.

Training data, none of it the test set:
- FacQA validation (Indonesian news factoid questions; label: the unit contains an answer string),
- the tuning half of the gold set (`eval/gold_tune.txt` lists its ids; label: the unit contains an
  evidence phrase); without the file the reader is fitted on external data only.

Held out by default, and read all the same: TyDi QA GoldP Indonesian (Wikipedia) and SQuAD-id-en (in
both languages). Training on them (`--only`) costs the news sets: measured on 2026-11-24, adding TyDi
lowered cross-validated top-1 on FacQA (0.826 -> 0.801) and on the gold tuning half (0.597 -> 0.545) for
0.3 points on TyDi itself. Held out, they report how the reader carries over to other text, and their
answerable questions count against the refusal threshold together with every other dataset's: the gold
tuning half's unanswerable questions are the only ones that argue for refusing, and with the cut fitted
beside FacQA alone (0.085) the assistant refused 7.2 % of SQuAD's English questions against dense's 2.6 %.

Each benchmark is indexed into `eval/bench-index/<name>` (reused while unchanged). For every question
the assistant understands and retrieves exactly as `Assistant.ask` does, and the first
`read_candidates` units become examples. The report prints grouped 5-fold cross-validated top-1 (by
question, so no question is scored by a model that saw it), leave-one-dataset-out top-1 and held-out
top-1, each against dense top-1.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tqdm import tqdm

from ..config import Settings, load_settings, project_root
from ..evaluation.metrics import contains_evidence, normalize
from .features import FEATURES, vectors
from .reader import MODEL, prepare

FOLDS = 5
C = 1.0  # scikit-learn's default regularisation; the cross-validated report shows it does not overfit


@dataclass(frozen=True)
class Item:
    """One training question: `answers` are answer strings (benchmarks) or evidence phrases (gold)."""

    dataset: str
    qid: str
    question: str
    answers: tuple[str, ...]
    history: tuple[str, ...] = ()

    @property
    def answerable(self) -> bool:
        return bool(self.answers)


@dataclass
class Examples:
    """One row per (question, candidate): features, label, and which question it belongs to."""

    x: list[list[float]]
    y: list[int]
    group: list[str]  # "dataset/qid"
    dataset: list[str]


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def benchmark_items(folder: Path, name: str) -> list[Item]:
    return [Item(name, q["id"], q["question"], tuple(q["answers"])) for q in read_jsonl(folder / "questions.jsonl")]


def gold_items(gold: Path, ids_file: Path) -> list[Item]:
    """The gold questions whose id is in `ids_file` (one id a line); none when the file does not exist."""
    if not ids_file.exists():
        return []
    wanted = {line.strip() for line in ids_file.read_text(encoding="utf-8").splitlines() if line.strip()}
    return [Item("gold", g["id"], g["question"], tuple(g["evidence"]), tuple(g.get("history") or ()))
            for g in read_jsonl(gold) if g["id"] in wanted]


def label(text: str, item: Item) -> int:
    if item.dataset == "gold":
        return int(contains_evidence(text, item.answers))
    return int(any(normalize(a) in normalize(text) for a in item.answers))


def bot_for(settings: Settings, passages: Path | None, embedder):
    """An Assistant over `passages` indexed in eval/bench-index/<its folder's name> (None: the settings'
    own index, built from the seeds when stale)."""
    from ..assistant import Assistant
    from ..index.ingest import ingest

    if passages is not None:
        settings = settings.with_(index_dir=project_root() / "eval" / "bench-index" / passages.parent.name)
        print(ingest([passages], settings, lambda: embedder, sync=True).summary())
    return Assistant(settings=settings.with_(reading=False), embedder=embedder, build=passages is None,
                     progress=False)


def collect(bot, items: list[Item], settings: Settings, examples: Examples) -> None:
    """Understand and retrieve as `Assistant.ask` does, then one example per candidate."""
    for item in tqdm(items, desc=f"reading {items[0].dataset}", unit="q"):
        understood = bot.understand(item.question, list(item.history))
        passages = bot.retriever.retrieve(understood.query, k=settings.read_context, speakers=understood.steer)
        question, found = prepare(understood, passages, bot.snapshot, settings.read_candidates)
        for c, x in zip(found, vectors(question, found)):
            examples.x.append(x)
            examples.y.append(label(c.passage.text, item))
            examples.group.append(f"{item.dataset}/{item.qid}")
            examples.dataset.append(item.dataset)


def balance(datasets: np.ndarray) -> np.ndarray:
    """Example weights under which every dataset counts as much as any other, whatever its size: the
    gold tuning questions (news articles with titles and leads, the product's own kind of text) would
    otherwise be drowned by the benchmarks' hundreds of short untitled passages."""
    names, counts = np.unique(datasets, return_counts=True)
    per = dict(zip(names, len(datasets) / (len(names) * counts)))
    return np.array([per[d] for d in datasets])


def fit(x: np.ndarray, y: np.ndarray, datasets: np.ndarray):
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=C, max_iter=2000).fit(scaler.transform(x), y, sample_weight=balance(datasets))
    return scaler, model


def top1(prob: np.ndarray, y: np.ndarray, groups: np.ndarray) -> dict[str, float]:
    """Per question: does the most probable candidate (reader) / the first candidate (dense) answer?"""
    reader, dense = [], []
    for g in dict.fromkeys(groups):
        rows = np.flatnonzero(groups == g)
        reader.append(y[rows[np.argmax(prob[rows])]])
        dense.append(y[rows[0]])
    return {"reader": float(np.mean(reader)), "dense": float(np.mean(dense)), "questions": len(reader)}


def out_of_fold(x: np.ndarray, y: np.ndarray, groups: np.ndarray, datasets: np.ndarray) -> np.ndarray:
    """Each row's probability from a model fitted without its question (grouped k-fold)."""
    from sklearn.model_selection import GroupKFold

    prob = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        scaler, model = fit(x[train], y[train], datasets[train])
        prob[test] = model.predict_proba(scaler.transform(x[test]))[:, 1]
    return prob


def refusal_threshold(prob: np.ndarray, groups: np.ndarray, answerable: dict[str, bool]) -> float:
    """The best-probability cut that best separates the questions read into answerable (best probability
    at or above it) and unanswerable (below), each dataset counting as much as any other:
    refusing an answerable question is an error whichever unit it would have cited, and the benchmarks'
    answerable questions say what a cut costs outside the gold set. 0 (never refuse) when no question is
    unanswerable."""
    best = {g: float(prob[groups == g].max()) for g in dict.fromkeys(groups)}
    if all(answerable[g] for g in best):
        return 0.0
    datasets = {g: g.rsplit("/", 1)[0] for g in best}
    size = {d: sum(1 for g in best if datasets[g] == d) for d in set(datasets.values())}
    cuts = sorted(set(best.values()) | {0.0})

    def correct(cut: float) -> float:
        return sum(((p >= cut) == answerable[g]) / size[datasets[g]] for g, p in best.items())

    scores = [correct(c) for c in cuts]
    top = max(scores)
    chosen = [c for c, s in zip(cuts, scores) if s >= top - 1e-12]
    earlier = [c for c in cuts if c < chosen[0]]
    return (chosen[0] + earlier[-1]) / 2 if earlier else chosen[0]  # midway to the cut below: a margin


def report(name: str, result: dict[str, float]) -> None:
    print(f"  {name:28s} reader top-1 {result['reader']:.3f}   dense top-1 {result['dense']:.3f}   "
          f"({result['questions']} questions)")


def squad_items(folder: Path, name: str) -> list[Item]:
    """SQuAD-id-en asked both ways: the Indonesian question and its English original (answers are
    Indonesian strings, found in the Indonesian units either way)."""
    records = read_jsonl(folder / "questions.jsonl")
    return ([Item(f"{name}/id", q["id"], q["question"], tuple(q["answers"])) for q in records]
            + [Item(f"{name}/en", q["id"], q["question_en"], tuple(q["answers"])) for q in records if q.get("question_en")])


def main(argv: list[str] | None = None) -> None:
    root = project_root()
    bench = root / "eval" / "bench"
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bench", type=Path, default=bench, help="folder of the benchmark folders")
    parser.add_argument("--gold", type=Path, default=root / "eval" / "gold.jsonl")
    parser.add_argument("--tune-ids", type=Path, default=root / "eval" / "gold_tune.txt")
    parser.add_argument("--only", default="facqa_id,gold",
                        help="datasets to train on, comma-separated, of facqa_id, tydiqa_id, squad_id_en, gold; "
                             "the other benchmarks found are held out")
    parser.add_argument("--out", type=Path, default=MODEL)
    args = parser.parse_args(argv)

    from ..index.embedder import load_embedder

    settings = load_settings()
    embedder = load_embedder(settings)
    examples, held_out = Examples([], [], [], []), Examples([], [], [], [])
    answerable: dict[str, bool] = {}
    only = set(args.only.split(","))
    sources = [("facqa_id", benchmark_items), ("tydiqa_id", benchmark_items), ("squad_id_en", squad_items)]
    for name, read_items in sources:
        folder = args.bench / name
        if not (folder / "questions.jsonl").exists():
            print(f"skipped {name}: {folder} not found")
            continue
        items = read_items(folder, name)
        bot = bot_for(settings, folder / "passages.jsonl", embedder)
        for dataset in dict.fromkeys(i.dataset for i in items):
            part = [i for i in items if i.dataset == dataset]
            collect(bot, part, settings, examples if name in only else held_out)
            answerable.update({f"{dataset}/{i.qid}": i.answerable for i in part})
    gold = gold_items(args.gold, args.tune_ids) if "gold" in only else []
    if gold:
        collect(bot_for(settings, None, embedder), gold, settings, examples)
        answerable.update({f"gold/{i.qid}": i.answerable for i in gold})
    else:
        print(f"no gold tuning ids ({args.tune_ids}): external data only, no refusal threshold")

    x, y = np.array(examples.x), np.array(examples.y)
    groups, datasets = np.array(examples.group), np.array(examples.dataset)
    print(f"{len(y)} examples ({int(y.sum())} positive) from {len(set(examples.group))} questions")
    prob = out_of_fold(x, y, groups, datasets)
    print(f"grouped {FOLDS}-fold cross-validation (each question scored by a model that never saw it):")
    for name in dict.fromkeys(datasets):
        report(name, top1(prob[datasets == name], y[datasets == name], groups[datasets == name]))
    if len(set(datasets)) > 1:
        print("leave one dataset out (fitted on the others only):")
        for name in dict.fromkeys(datasets):
            scaler, model = fit(x[datasets != name], y[datasets != name], datasets[datasets != name])
            held = model.predict_proba(scaler.transform(x[datasets == name]))[:, 1]
            report(name, top1(held, y[datasets == name], groups[datasets == name]))
    scaler, model = fit(x, y, datasets)
    if held_out.y:
        hx, hy = np.array(held_out.x), np.array(held_out.y)
        hgroups, hdatasets = np.array(held_out.group), np.array(held_out.dataset)
        hprob = model.predict_proba(scaler.transform(hx))[:, 1]
        print("held out (never trained on; they count against the refusal threshold):")
        for name in dict.fromkeys(hdatasets):
            report(name, top1(hprob[hdatasets == name], hy[hdatasets == name], hgroups[hdatasets == name]))
        prob, groups = np.concatenate([prob, hprob]), np.concatenate([groups, hgroups])
    threshold = refusal_threshold(prob, groups, answerable)
    written = {
        "about": "Fitted by `python -m assistant.reading.train` (see its docstring); configuration produced "
                 "by a command, not model weights. Do not edit by hand: retrain.",
        "features": list(FEATURES),
        "mean": [round(float(v), 6) for v in scaler.mean_],
        "scale": [round(float(v), 6) for v in scaler.scale_],
        "coef": [round(float(v), 6) for v in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
        "refusal_threshold": round(threshold, 6),
        "trained_on": {name: int(sum(1 for g in dict.fromkeys(examples.group) if g.startswith(name + "/")))
                       for name in dict.fromkeys(datasets)},
    }
    args.out.write_text(json.dumps(written, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: refusal threshold {threshold:.3f}")
    for name, coef in sorted(zip(FEATURES, model.coef_[0]), key=lambda fc: -abs(fc[1])):
        print(f"  {name:20s} {coef:+.3f}")


if __name__ == "__main__":
    main()
