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
import re
import weakref
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ..answer.claims import yes_no
from ..answer.understanding import YEAR, Understanding
from ..index.store import Snapshot
from ..schema import Passage, Unit
from .features import FEATURES, Candidate, Question, read_question, vectors, weigh, weighted_share, words
from .lexicon import contains_phrase, name_words

MODEL = Path(__file__).with_name("reader.json")
RECRUITS = 5  # passages beyond the reading limit read for their words (see `prepare`)
# A unit whose subject is only a pronoun or a demonstrative phrase: "Kegiatan yang … itu diikuti …",
# "Dia membahas …", "Hal itu …". What it speaks of is named in the unit before.
REFERS_BACK = re.compile(r"^(?:(?:Kegiatan|Acara|Agenda|Program|Pertemuan|Forum)\b[^.]{0,120}?\b(?:itu|tersebut|ini)\b|"
                         r"(?:Dia|Ia|Beliau|Mereka|Pihaknya|Hal (?:itu|ini|tersebut))\b)")


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
    """Where each unit sits (its neighbours, its document's first unit) and how common each word is."""

    before: dict[str, Unit]
    after: dict[str, Unit]
    lead: dict[str, Unit]  # doc_id -> its first unit
    df: Counter  # word -> number of units holding it (the reader's term weights)
    units: int
    content: dict[str, str]  # doc_id -> its title and units: what it says, without page furniture


# per open snapshot (version, object), the last few, each with a weak reference to its snapshot
LAYOUTS: dict[tuple[str, int], tuple[weakref.ref, Layout]] = {}


def layout(snapshot: Snapshot) -> Layout:
    """Neighbours from `snapshot.units`, which are sorted by (doc_id, position); computed once per snapshot.
    An object's id is reused once it is gone: a layout cached under it is another snapshot's unless its
    weak reference still gives this one (a test's second snapshot read the first one's documents)."""
    key = (snapshot.version, id(snapshot))
    cached = LAYOUTS.get(key)
    if cached is None or cached[0]() is not snapshot:
        if key not in LAYOUTS and len(LAYOUTS) >= 4:  # keeps memory flat across re-ingests
            LAYOUTS.pop(next(iter(LAYOUTS)))
        LAYOUTS[key] = (weakref.ref(snapshot), arrange(snapshot.units))
    return LAYOUTS[key][1]


def arrange(units: list[Unit]) -> Layout:
    before: dict[str, Unit] = {}
    after: dict[str, Unit] = {}
    lead: dict[str, Unit] = {}
    df: Counter = Counter()
    texts: dict[str, list[str]] = {}
    for i, unit in enumerate(units):
        lead.setdefault(unit.doc_id, unit)
        df.update(set(words(unit.text)))
        texts.setdefault(unit.doc_id, []).append(unit.text)
        if i and units[i - 1].doc_id == unit.doc_id:
            before[unit.chunk_id] = units[i - 1]
            after[units[i - 1].chunk_id] = unit
    content = {doc_id: "\n".join(parts) for doc_id, parts in texts.items()}
    return Layout(before=before, after=after, lead=lead, df=df, units=len(units), content=content)


def prepare(understood: Understanding, passages: list[Passage], snapshot: Snapshot,
            limit: int) -> tuple[Question, list[Candidate]]:
    """The question as the reader sees it, with its terms weighted by rarity among the units, and its
    candidates: the first `limit` passages, then the `RECRUITS` later ones that hold most of the question's
    weighted terms. Similarity alone can rank the answering sentence far down when it shares little meaning
    with the question's other words ("Who represented the Kakanwil …?" and "… ujar Hendro yang mewakili
    Kakanwil …" score 0.19 against the lead's 0.36): the lexical signal gets a say in who is read, not only
    in how. Reading and training both start here."""
    where = layout(snapshot)
    context = {p.doc_id: (snapshot.documents[p.doc_id].title if p.doc_id in snapshot.documents else "",
                          where.lead[p.doc_id].text if p.doc_id in where.lead else "") for p in passages}
    seen = {w for p in passages for w in words(f"{context[p.doc_id][0]} {p.text} {context[p.doc_id][1]}")}
    question = weigh(read_question(understood), seen, where.df, where.units)
    later = {rank: weighted_share(question.weights, set(words(passages[rank].text)), passages[rank].text)
             for rank in range(limit, len(passages))}
    recruits = [rank for rank in sorted(later, key=lambda r: (-later[r], r))[:RECRUITS] if later[rank] > 0]
    return question, candidates(understood, passages, snapshot, [*range(min(limit, len(passages))), *recruits])


def candidates(understood: Understanding, passages: list[Passage], snapshot: Snapshot,
               chosen: list[int]) -> list[Candidate]:
    """The passages at the `chosen` ranks with their context. All of `passages` supply cosines: a
    neighbour not retrieved at all gets the lowest cosine retrieved (it is at most that similar)."""
    cosine = {p.chunk_id: p.dense for p in passages}
    floor = min(cosine.values(), default=0.0)
    top = max((passages[rank].dense for rank in chosen), default=0.0)
    best_two = sorted(cosine.values(), reverse=True)[:2]
    standout = best_two[0] - best_two[1] if len(best_two) == 2 else 0.0
    doc_best: dict[str, float] = {}
    for p in passages:
        doc_best[p.doc_id] = max(doc_best.get(p.doc_id, floor), p.dense)
    where = layout(snapshot)
    out = []
    for rank in chosen:
        p = passages[rank]
        around = [u for u in (where.before.get(p.chunk_id), where.after.get(p.chunk_id)) if u]
        doc = snapshot.documents.get(p.doc_id)
        first = where.lead.get(p.doc_id)
        context = sum(cosine.get(u.chunk_id, floor) for u in around) / len(around) if around else p.dense
        out.append(Candidate(passage=p, rank=rank, top_dense=top, context=context, doc_best=doc_best[p.doc_id],
                             standout=standout,
                             neighbours=" ".join(u.text for u in around), title=doc.title if doc else "",
                             doc_text=doc.text if doc else "", is_lead=bool(first) and first.chunk_id == p.chunk_id,
                             lead=first.text if first else "", people=understood.steer))
    return out


class Reader:
    """Reads the top candidates and orders them by the probability that they answer."""

    def __init__(self, limit: int = 20, model: ReaderModel | None = None, margin: float = 0.0):
        self.limit = limit
        self.model = model or load_model()
        self.margin = margin

    def scores(self, question: Question, found: list[Candidate]) -> list[float]:
        return [self.model.probability(x) for x in vectors(question, found)]

    def read(self, understood: Understanding, passages: list[Passage], snapshot: Snapshot) -> list[Passage]:
        """The candidates (`prepare`), each with its `reading` probability, most probable first (ties keep
        retrieval's order), except that retrieval's first stays first unless the reader's best reads more
        than `margin` above it. The passages not read follow (`reading` 0), in retrieval's order: an
        answer may need more of a document than the candidates hold (a list's later steps)."""
        question, found = prepare(understood, passages, snapshot, self.limit)
        anchored = anchored_share(question, passages, snapshot)
        where = layout(snapshot)
        read = [replace(c.passage, reading=p, anchored=anchored[c.passage.doc_id],
                        antecedent=where.before.get(c.passage.chunk_id) if REFERS_BACK.match(c.passage.text) else None)
                for c, p in zip(found, self.scores(question, found))]
        ranked = sorted(read, key=lambda p: -p.reading)
        if read and ranked[0] is not read[0] and ranked[0].reading - read[0].reading <= self.margin:
            ranked.remove(read[0])
            ranked.insert(0, read[0])  # not sure enough to overturn retrieval's first
        read_ids = {c.passage.chunk_id for c in found}
        unread = [replace(p, reading=0.0, anchored=anchored[p.doc_id])
                  for p in passages if p.chunk_id not in read_ids]
        return ranked + unread


def anchored_share(question: Question, passages: list[Passage], snapshot: Snapshot) -> dict[str, float]:
    """Per retrieved document, the share of the question's years, of the words it names its event by
    (`Understanding.events`: "Where was the bootcamp held?"), of the names no document holds
    (`Understanding.unknown`: "Was Minister Yasonna Laoly at the bootcamp?") and of the people whose words
    it asks for that the document holds (title or units), counting every year and unknown name and the
    events and people some retrieved document holds: what tells one event from another ("What did Hendro
    say at the 2024 bootcamp?": Hendro spoke in 2022; "Siapa Kakanwil tahun 2019?": no event here is of 2019).
    Other names and numbers are left to the reader's signals: a long question's details are often spread
    over several passages, and names found by attribution in general news are too noisy to gate on
    (measured on FacQA: gating on every person named refused 19 % of its questions, years alone 0.6 %). A
    document that names no year at all contradicts none: news often dates by "Jumat (12/8)" (on FacQA this
    kept 12 right answers the gate had turned away)."""
    where = layout(snapshot)
    docs = list(dict.fromkeys(p.doc_id for p in passages))
    text = {d: f"{snapshot.documents[d].title if d in snapshot.documents else ''}\n{where.content.get(d, '')}"
            for d in docs}
    understood = question.understood
    # the years the question names, else those an earlier turn gave: "And who spoke … at the 2022 summit?"
    # after a question about the 2024 bootcamp is about 2022 only (it was refused, fresh47)
    years = [(year,) for year in dict.fromkeys(YEAR.findall(understood.question) or YEAR.findall(understood.query))]
    asked = understood.ask.people if understood.ask else ()
    events = [(word,) for word in understood.events]
    unknown = [(name,) for name in understood.unknown]
    people = [name_words(person) or (person,) for person in asked]
    # whether someone took part in an event, asked yes or no ("Did Heni attend the 2022 summit?", "Apakah
    # Zakaria juga menjadi narasumber di bootcamp 2024?"): an article that never names them does not say so;
    # nor a named thing ("Was there a similar Canva session at the 2024 bootcamp?": Canva is in the 2022
    # article only, which the 2024 bootcamp's was quoted for, fresh47)
    checked: list[tuple[str, ...]] = []
    if yes_no(understood.question) or understood.events:  # or what someone did at an event it names
        checked = [name_words(person) or (person,) for person in understood.people if person not in asked]
    if yes_no(understood.question):
        named = {part.lower() for k in (*people, *checked, *events) for form in k for part in form.split()}
        checked += [(a,) for a in sorted(question.anchors) if a.isalpha() and a not in named]
    keys = years + events + unknown + people + checked
    held = {d: {k for k in keys if any(contains_phrase(text[d], w) for w in k)} for d in docs}
    for d in docs:
        if not YEAR.search(text[d]):
            held[d] |= set(years)  # a document naming no year ("Jumat (12/8)") is about no other year
        if d in snapshot.documents and not snapshot.documents[d].title:
            # an untitled passage names no event of its own, nor whom it is about ("Peran utama dalam drama
            # ini dibintangi oleh …" answers "Siapa pemeran utama drama Yowakutemo Katemasu?")
            held[d] |= set(events) | set(unknown) | set(checked)
    # Years and unknown names count even when no document holds them: "Siapa Kakanwil tahun 2019?" is about
    # no event here.
    known = set(years).union(unknown, *held.values()) if held else set()
    return {d: len(held[d] & known) / len(known) if known else 1.0 for d in docs}
