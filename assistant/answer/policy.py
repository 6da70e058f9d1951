"""When to answer and from which passages: the whole refusal policy, shared by every answerer.

An answerer (`Answerer`) turns an `Understanding` and the passages retrieval (and reading) ranked into
an `Answer`. Whatever it composes, it may only cite what `evidence` returns, and it refuses when that is
empty. The causes of a refusal, in the order checked:
- the question asks what someone said, and that person is unknown to the documents, never speaks, or is
  not the one who spoke most about the topic asked (`topic_share` below `topic_share_min`);
- the best passage is less similar than the refusal threshold of the question's language pair (cross-
  language similarities run lower, so English questions over Indonesian text have their own threshold);
- a how-many question finds no count in the passage, a how-much-money question no amount.
"""

from __future__ import annotations

import re
from typing import Protocol

from ..config import Settings
from ..schema import Answer, Passage
from .understanding import Understanding

COUNT = re.compile(r"\b(?!(?:19|20)\d\d\b)\d+(?:[.,]\d+)?\b(?![/-]\d)|\b(satu|dua|tiga|empat|lima|enam|tujuh|"
                   r"delapan|sembilan|sepuluh|puluhan|ratusan|ribuan|ketiga|kedua|keempat|kelima)\b", re.I)
MONEY = re.compile(r"\b(rp\.?|rupiah|juta|miliar|triliun|ribu)\b", re.I)


class Answerer(Protocol):
    """Anything that answers from ranked passages within this policy (extractive today)."""

    def answer(self, understood: Understanding, passages: list[Passage]) -> Answer: ...


def threshold(understood: Understanding, settings: Settings) -> float:
    """The similarity the best passage needs, by whether the question shares the documents' language."""
    if understood.same_language:
        return settings.refusal_threshold_same_lang
    return settings.refusal_threshold_cross_lang


def answer_type_ok(answer_type: str, text: str) -> bool:
    """A count question needs a count in the passage (not a year or a date), a money question an amount."""
    if answer_type == "money":
        return bool(MONEY.search(text))
    if answer_type == "count":
        return bool(COUNT.search(text))
    return True


def strong_enough(passage: Passage, minimum: float) -> bool:
    """Dense similarity at or above `minimum`; in BM25-only mode (no similarity) a lexical match."""
    if passage.dense == 0.0:
        return passage.lexical > 0.0
    return passage.dense >= minimum


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
    if not strong_enough(best, minimum) or not answer_type_ok(understood.answer_type, best.text):
        return []
    chosen = [best]
    for passage in pool[1:]:
        if len(chosen) >= settings.max_citations:
            break
        if passage.score >= settings.relative_cutoff * best.score and passage.dense >= minimum:
            chosen.append(passage)
    return chosen
