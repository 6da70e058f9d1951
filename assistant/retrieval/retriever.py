"""Hybrid retrieval: the dense leg (Chroma) and the lexical leg (BM25), fused by weighted scores.

Plain reciprocal-rank fusion treats both legs as equals. They are not: an English question over
Indonesian text shares almost no words with it, so BM25's ranking there is mostly noise and RRF drags
good dense results down. We fuse *scores* instead, `cosine + w * bm25/max(bm25)`, with `w` chosen by
whether the question is in the corpus's language. Tuned on the gold set and on TyDi QA, both weights
measured best at 0 with EmbeddingGemma (see config), so by default ranking is dense similarity plus
speaker steering and BM25 is only built when a mode or weight uses it. A person named in the question
adds `speaker_boost` to the units they said.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Literal, get_args

import numpy as np

from ..config import Settings
from ..language import detect
from ..index.embedder import Embedder
from ..schema import Passage, Unit
from ..index.store import Snapshot

if TYPE_CHECKING:
    from .lexical import LexicalIndex

Mode = Literal["hybrid", "dense", "bm25", "rrf"]
MODES: tuple[str, ...] = get_args(Mode)
RRF_K = 60.0  # Cormack, Clarke & Büttcher (SIGIR 2009), "Reciprocal rank fusion outperforms ..."


def rrf(rankings: list[list[str]], k: float = RRF_K) -> dict[str, float]:
    """Reciprocal rank fusion: sum over rankings of 1 / (k + rank), rank counted from 1."""
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank)
    return fused


def weighted_fusion(dense: dict[str, float], lexical: dict[str, float], weight: float,
                    floor: float) -> dict[str, float]:
    """cosine + weight * normalised BM25; a unit the dense leg did not return gets `floor` as cosine.

    Items keep the dense leg's order (then the lexical leg's), so exact ties rank the same in every run."""
    top = max(lexical.values(), default=0.0)
    fused = {}
    for item in dict.fromkeys([*dense, *lexical]):
        lex = lexical.get(item, 0.0) / top if top > 0 else 0.0
        fused[item] = dense.get(item, floor) + weight * lex
    return fused


@dataclass
class Retriever:
    snapshot: Snapshot
    embedder: Embedder
    settings: Settings
    mode: Mode = "hybrid"

    def __post_init__(self) -> None:
        self.by_id: dict[str, Unit] = {u.chunk_id: u for u in self.snapshot.units}
        self.ids = [u.chunk_id for u in self.snapshot.units]
        langs = Counter(detect(u.text, default="id") for u in self.snapshot.units[:500])
        self.corpus_lang = langs.most_common(1)[0][0] if langs else "id"

    @cached_property
    def lexical(self) -> "LexicalIndex":
        """The BM25 index, built on first use (stemming a large corpus takes a while)."""
        from ..documents.units import embedding_text
        from .lexical import LexicalIndex

        return LexicalIndex([embedding_text(u) for u in self.snapshot.units])

    def uses_lexical(self, question: str) -> bool:
        return self.mode in ("bm25", "rrf") or (self.mode == "hybrid" and self.lexical_weight(question) > 0)

    def same_language(self, question: str) -> bool:
        return detect(question, default=self.corpus_lang) == self.corpus_lang

    def lexical_weight(self, question: str) -> float:
        same = self.same_language(question)
        return self.settings.lexical_weight_same_lang if same else self.settings.lexical_weight_cross_lang

    def retrieve(self, query: str, k: int | None = None, speakers: tuple[str, ...] = ()) -> list[Passage]:
        """The best `k` passages for `query`, best first; `speakers` steers towards what they said."""
        k = k or self.settings.top_k
        n = max(self.settings.candidates, k)
        dense: dict[str, float] = {}
        if self.mode != "bm25":
            dense = dict(self.snapshot.dense_search(self.embedder.embed_query(query), n))
        lexical: dict[str, float] = {}
        if self.uses_lexical(query):
            scores = self.lexical.scores(query)
            top = np.argsort(-scores)[:n]
            lexical = {self.ids[i]: float(scores[i]) for i in top if scores[i] > 0}
        fused = self._fuse(query, dense, lexical)
        for chunk_id in fused:
            if speakers and self.by_id[chunk_id].speaker in speakers:
                fused[chunk_id] += self.settings.speaker_boost
        best = sorted(fused, key=lambda i: -fused[i])[:k]
        return [self._passage(i, fused[i], dense, lexical) for i in best]

    def topic_share(self, topic: str, speakers: tuple[str, ...]) -> float:
        """How close `speakers`' best match for `topic` comes to the whole corpus's best match (<= 1.0).

        Below 1.0 somebody else said more about it: "What did Ishadi say about hoaxes?" when only Heni
        spoke of hoaxes."""
        vector = self.embedder.embed_query(topic)
        theirs = self.snapshot.dense_search(vector, 1, speakers=speakers)
        anyone = self.snapshot.dense_search(vector, 1)
        if not theirs or not anyone or anyone[0][1] <= 0:
            return 0.0
        return max(theirs[0][1], 0.0) / anyone[0][1]

    def _fuse(self, query: str, dense: dict[str, float], lexical: dict[str, float]) -> dict[str, float]:
        if self.mode == "dense":
            return dict(dense)
        if self.mode == "bm25":
            return dict(lexical)
        if self.mode == "rrf":
            return rrf([sorted(dense, key=lambda i: -dense[i]), sorted(lexical, key=lambda i: -lexical[i])])
        floor = min(dense.values(), default=0.0)
        return weighted_fusion(dense, lexical, self.lexical_weight(query), floor)

    def _passage(self, chunk_id: str, score: float, dense: dict[str, float],
                 lexical: dict[str, float]) -> Passage:
        unit = self.by_id[chunk_id]
        doc = self.snapshot.documents.get(unit.doc_id)
        top = max(lexical.values(), default=0.0)
        return Passage(unit=unit, score=score, title=doc.title if doc else "", source=doc.source if doc else "",
                       date=doc.date if doc else "", dense=dense.get(chunk_id, 0.0),
                       lexical=lexical.get(chunk_id, 0.0) / top if top else 0.0)
