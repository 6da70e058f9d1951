"""Pure evaluation metrics for the retrieval Q&A assistant.

Everything here is stdlib-only and free of package imports so the
evaluation harness can score runs without pulling in retrieval or model
code, and so each function can be unit-tested with hand-computed cases.
"""

from __future__ import annotations

import math
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Sequence

_WHITESPACE = re.compile(r"\s+")
_PUNCTUATION = set(string.punctuation) | {"“", "”", "‘", "’", "–", "—", "…"}


def normalize(text: str) -> str:
    """Return ``text`` in NFC, case-folded, with whitespace runs folded to one space.

    Cited passages and gold evidence can differ in Unicode composition,
    capitalisation, line breaks or non-breaking spaces; none of those should
    decide whether a citation is correct.
    """
    text = unicodedata.normalize("NFC", text).casefold()
    return _WHITESPACE.sub(" ", text).strip()


def contains_evidence(text: str, evidence: Sequence[str]) -> bool:
    """True when ``text`` contains any evidence phrase after :func:`normalize`.

    Gold items list one phrase per acceptable supporting sentence, so a
    single match is enough. An empty evidence list never matches, which keeps
    unanswerable questions from crediting any citation.
    """
    haystack = normalize(text)
    phrases = (normalize(phrase) for phrase in evidence)
    return any(phrase and phrase in haystack for phrase in phrases)


def first_holds(cited: Sequence[str], evidence: Sequence[str]) -> float:
    """1.0 when the first of an answer's cited texts contains evidence (answer hit@1), else 0.0.

    A reader looks at the first citation first: an answer whose right passage is only cited second
    (behind the event's lead paragraph, say) has not answered. No citation is a miss.
    """
    return 1.0 if cited and contains_evidence(cited[0], evidence) else 0.0


def hit_at_k(relevant: Sequence[bool], k: int) -> float:
    """1.0 if any of the first ``k`` ranked results is relevant, else 0.0."""
    return 1.0 if any(relevant[:k]) else 0.0


def reciprocal_rank(relevant: Sequence[bool], k: int | None = None) -> float:
    """1 / rank of the first relevant result (1-based), 0.0 if none within ``k``.

    ``k=None`` looks at the whole ranking.
    """
    ranked = relevant if k is None else relevant[:k]
    for rank, is_relevant in enumerate(ranked, start=1):
        if is_relevant:
            return 1.0 / rank
    return 0.0


def _dcg(gains: Sequence[bool]) -> float:
    """Discounted cumulative gain with binary gains and a log2(rank + 1) discount."""
    return sum(1.0 / math.log2(rank + 1) for rank, gain in enumerate(gains, start=1) if gain)


def ndcg_at_k(relevant: Sequence[bool], k: int, n_relevant: int) -> float:
    """Normalised DCG of the first ``k`` results with binary relevance.

    ``n_relevant`` is the number of relevant items that exist in the corpus,
    not just those retrieved; the ideal ranking puts min(n_relevant, k) of
    them first. Returns 0.0 when nothing is relevant, so unanswerable
    questions do not produce a division by zero.
    """
    ideal_hits = min(n_relevant, k)
    if ideal_hits <= 0:
        return 0.0
    ideal = _dcg([True] * ideal_hits)
    return _dcg(relevant[:k]) / ideal


def precision(hits: int, total: int) -> float | None:
    """``hits / total``, or None when ``total`` is 0.

    Used for citation precision: an answer with no citations has no
    precision at all, which is different from a precision of 0.
    """
    if total == 0:
        return None
    return hits / total


def _squad_tokens(text: str) -> list[str]:
    """Lowercase, drop punctuation and split on whitespace, as SQuAD scoring does.

    English articles are not removed because answers may be Indonesian.
    """
    text = unicodedata.normalize("NFC", text).lower()
    text = "".join(" " if ch in _PUNCTUATION else ch for ch in text)
    return text.split()


def token_f1(prediction: str, reference: str) -> float:
    """SQuAD-style token-overlap F1 between a predicted and a reference answer.

    Two empty answers agree (1.0); one empty answer against a non-empty one
    scores 0.0.
    """
    pred_tokens = _squad_tokens(prediction)
    ref_tokens = _squad_tokens(reference)
    if not pred_tokens or not ref_tokens:
        return 1.0 if pred_tokens == ref_tokens else 0.0
    overlap = sum((Counter(pred_tokens) & Counter(ref_tokens)).values())
    if overlap == 0:
        return 0.0
    p = overlap / len(pred_tokens)
    r = overlap / len(ref_tokens)
    return 2 * p * r / (p + r)


def refusal_scores(refused: Sequence[bool], answerable: Sequence[bool]) -> dict[str, float | None]:
    """Precision and recall of refusals, treating "unanswerable" as the positive class.

    precision: share of refusals that were on unanswerable questions.
    recall: share of unanswerable questions that were refused.
    Either is None when its denominator is zero.
    """
    if len(refused) != len(answerable):
        raise ValueError("refused and answerable must have the same length")
    correct = sum(1 for r, a in zip(refused, answerable) if r and not a)
    n_refused = sum(1 for r in refused if r)
    n_unanswerable = sum(1 for a in answerable if not a)
    return {
        "precision": precision(correct, n_refused),
        "recall": precision(correct, n_unanswerable),
    }


def percentile(values: Sequence[float], p: float) -> float:
    """The ``p``-th percentile (0-100) with linear interpolation, like numpy's default.

    Raises ValueError on an empty list, since there is no sensible value.
    """
    if not values:
        raise ValueError("percentile of an empty list")
    if not 0 <= p <= 100:
        raise ValueError("p must be between 0 and 100")
    ordered = sorted(values)
    position = (len(ordered) - 1) * p / 100
    lower = math.floor(position)
    upper = min(lower + 1, len(ordered) - 1)
    fraction = position - lower
    return ordered[lower] + (ordered[upper] - ordered[lower]) * fraction


def mean(values: Sequence[float]) -> float | None:
    """Arithmetic mean, or None for an empty list (e.g. no answerable questions)."""
    if not values:
        return None
    return sum(values) / len(values)
