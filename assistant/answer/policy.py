"""When to answer and from which passages: the whole refusal policy, shared by every answerer.

An answerer (`Answerer`) turns an `Understanding` and the passages retrieval (and reading) ranked into
an `Answer`. Whatever it composes, it may only cite what `evidence` returns, and it refuses when that is
empty. The causes of a refusal, in the order checked:
- the question asks what someone said, and that person is unknown to the documents, never speaks, or is
  not the one who spoke most about the topic asked (`topic_share` below `topic_share_min`);
- the best passage is less similar than the refusal threshold of the question's language pair (cross-
  language similarities run lower, so English questions over Indonesian text have their own threshold);
- a how-many question finds no count in the passage, a how-much-money question no amount;
- the passages were read (`reading`) and the reader's best probability that a unit answers is below
  the threshold fitted with it: the detail asked is never stated, or only said about another event.

When the passages were read, the best passage is the reader's first, the similarity threshold applies to
the best similarity among the candidates (is anything on topic at all?), and runners-up are compared by
reading probability; otherwise by retrieval's order and score, as before reading existed.
"""

from __future__ import annotations

from typing import Protocol

from ..config import Settings
from ..reading.types import holds
from ..schema import Answer, Passage
from .understanding import Understanding


class Answerer(Protocol):
    """Anything that answers from ranked passages within this policy (extractive today)."""

    def answer(self, understood: Understanding, passages: list[Passage]) -> Answer: ...


def threshold(understood: Understanding, settings: Settings) -> float:
    """The similarity the best passage needs, by whether the question shares the documents' language."""
    if understood.same_language:
        return settings.refusal_threshold_same_lang
    return settings.refusal_threshold_cross_lang


def answer_type_ok(answer_type: str, text: str) -> bool:
    """A count question needs a count in the passage (not a year or a date), a money question an amount;
    other kinds are the reader's to weigh, not a reason to refuse."""
    return answer_type not in ("count", "money") or holds(answer_type, text)


def strong_enough(passage: Passage, minimum: float) -> bool:
    """Dense similarity at or above `minimum`; in BM25-only mode (no similarity) a lexical match."""
    if passage.dense == 0.0:
        return passage.lexical > 0.0
    return passage.dense >= minimum


def reading_floor(settings: Settings) -> float:
    """The best reading probability an answer needs: the setting, else the one fitted with the reader."""
    if settings.reading_threshold is not None:
        return settings.reading_threshold
    from ..reading.reader import load_model

    return load_model().refusal_threshold


def evidence(understood: Understanding, passages: list[Passage], settings: Settings) -> list[Passage]:
    """The passages an answer may cite, best first; empty means refuse.

    The best qualifying passage, plus runners-up scoring at least `relative_cutoff` of it (up to
    `max_citations`). For a what-did-X-say question only what X said qualifies."""
    ask = understood.ask
    if ask and ask.unknown_name:
        return []
    pool = passages
    if ask and ask.people:
        if understood.topic_share < settings.topic_share_min:
            return []
        pool = [p for p in passages if p.unit.speaker in ask.people]
    if not pool:
        return []
    minimum = threshold(understood, settings)
    best = pool[0]
    read = best.reading > 0.0
    strongest = max(pool, key=lambda p: p.dense) if read else best
    if not strong_enough(strongest, minimum) or not answer_type_ok(understood.answer_type, best.text):
        return []
    if read and best.reading < reading_floor(settings):
        return []
    chosen = [best]
    for passage in pool[1:]:
        if len(chosen) >= settings.max_citations:
            break
        rank_score = (passage.reading, best.reading) if read else (passage.score, best.score)
        if rank_score[0] >= settings.relative_cutoff * rank_score[1] and passage.dense >= minimum:
            chosen.append(passage)
    return chosen
