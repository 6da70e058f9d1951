"""`Reader`: re-orders retrieval's top candidates by the probability that each unit answers the question.

Retrieval ranks by similarity to the question, so the lead paragraph that names the event outranks the
sentence that says where or when it happened. The reader looks at each candidate with its neighbours and
its document (`features`) and combines the signals with the logistic model in `reader.json`, fitted by
`python -m assistant.reading.train` on data that is not the test set. The probability is stored on each
passage (`Passage.reading`); the refusal policy reads it too.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ..answer.understanding import Understanding
from ..index.store import Snapshot
from ..schema import Passage, Unit
from .features import FEATURES, Candidate, Question, read_question, vector

MODEL = Path(__file__).with_name("reader.json")


@dataclass(frozen=True)
class ReaderModel:
    """Standardise, then logistic regression: p = sigmoid(intercept + coef . (x - mean) / scale)."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    refusal_threshold: float  # best reading probability below which the policy refuses

    def probability(self, x: list[float]) -> float:
        z = self.intercept + sum(c * (v - m) / s for c, v, m, s in zip(self.coef, x, self.mean, self.scale))
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL) -> ReaderModel:
    """The fitted reader; a clear error when its features are not the ones the code computes."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    model = ReaderModel(features=tuple(data["features"]), mean=tuple(data["mean"]), scale=tuple(data["scale"]),
                        coef=tuple(data["coef"]), intercept=float(data["intercept"]),
                        refusal_threshold=float(data["refusal_threshold"]))
    if model.features != FEATURES:
        raise ValueError(f"{path} was fitted on features {list(model.features)}, but the code computes "
                         f"{list(FEATURES)}: retrain with `python -m assistant.reading.train`.")
    return model


@dataclass(frozen=True)
class Layout:
    """Where each unit sits: its neighbours in the document and the document's first unit."""

    before: dict[str, Unit]
    after: dict[str, Unit]
    lead: dict[str, str]  # doc_id -> chunk_id of its first unit


LAYOUTS: dict[tuple[str, int], Layout] = {}  # per open snapshot (version, object), the last few


def layout(snapshot: Snapshot) -> Layout:
    """Neighbours from `snapshot.units`, which are sorted by (doc_id, position); computed once per snapshot."""
    key = (snapshot.version, id(snapshot))
    if key not in LAYOUTS:
        if len(LAYOUTS) >= 4:  # keeps memory flat across re-ingests
            LAYOUTS.pop(next(iter(LAYOUTS)))
        LAYOUTS[key] = arrange(snapshot.units)
    return LAYOUTS[key]


def arrange(units: list[Unit]) -> Layout:
    before: dict[str, Unit] = {}
    after: dict[str, Unit] = {}
    lead: dict[str, str] = {}
    for i, unit in enumerate(units):
        lead.setdefault(unit.doc_id, unit.chunk_id)
        if i and units[i - 1].doc_id == unit.doc_id:
            before[unit.chunk_id] = units[i - 1]
            after[units[i - 1].chunk_id] = unit
    return Layout(before=before, after=after, lead=lead)


def candidates(understood: Understanding, passages: list[Passage], snapshot: Snapshot,
               limit: int) -> list[Candidate]:
    """The first `limit` passages with their context. All of `passages` supply cosines: a neighbour not
    retrieved at all gets the lowest cosine retrieved (it is at most that similar)."""
    cosine = {p.chunk_id: p.dense for p in passages}
    floor = min(cosine.values(), default=0.0)
    top = max((p.dense for p in passages[:limit]), default=0.0)
    doc_best: dict[str, float] = {}
    for p in passages:
        doc_best[p.doc_id] = max(doc_best.get(p.doc_id, floor), p.dense)
    where = layout(snapshot)
    out = []
    for rank, p in enumerate(passages[:limit]):
        around = [u for u in (where.before.get(p.chunk_id), where.after.get(p.chunk_id)) if u]
        doc = snapshot.documents.get(p.doc_id)
        context = sum(cosine.get(u.chunk_id, floor) for u in around) / len(around) if around else p.dense
        out.append(Candidate(passage=p, rank=rank, top_dense=top, context=context, doc_best=doc_best[p.doc_id],
                             neighbours=" ".join(u.text for u in around), title=doc.title if doc else "",
                             doc_text=doc.text if doc else "", is_lead=where.lead.get(p.doc_id) == p.chunk_id,
                             people=understood.steer))
    return out


class Reader:
    """Reads the top candidates and orders them by the probability that they answer."""

    def __init__(self, limit: int = 20, model: ReaderModel | None = None):
        self.limit = limit
        self.model = model or load_model()

    def score(self, question: Question, candidate: Candidate) -> float:
        return self.model.probability(vector(question, candidate))

    def read(self, understood: Understanding, passages: list[Passage], snapshot: Snapshot) -> list[Passage]:
        """The first `limit` passages, each with its `reading` probability, most probable first (ties keep
        retrieval's order)."""
        question = read_question(understood)
        read = [replace(c.passage, reading=self.score(question, c))
                for c in candidates(understood, passages, snapshot, self.limit)]
        return sorted(read, key=lambda p: -p.reading)
