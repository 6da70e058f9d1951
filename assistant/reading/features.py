"""The reader's signals: what one candidate unit, seen with its neighbours and its document, offers one
question. Every signal is a number in a small range, computed from text and precomputed similarities only
(no model call per candidate), so reading 20 candidates costs milliseconds.

`FEATURES` names them in the order `vector` returns them; `reader.json` must list the same names, so a
signal added here without retraining fails loudly (and a test).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..answer.understanding import Understanding
from ..schema import Passage
from . import types
from .lexicon import ENGLISH_STOP, INDONESIAN_STOP, WORD, question_terms, roles_in

FEATURES: tuple[str, ...] = (
    "dense",            # cosine of the unit
    "dense_gap",        # cosine minus the best candidate's cosine (<= 0)
    "reciprocal_rank",  # 1 / (1 + rank) in retrieval's order
    "context",          # mean cosine of the unit's neighbours in its paragraph flow (floor when not retrieved)
    "doc_best_gap",     # best cosine of any unit of the same document minus the best overall (<= 0)
    "typed",            # the question expects a kind of answer (place, date, person, count, reason, list)
    "type_match",       # ...a place, date, count or amount, and the unit holds one (precise patterns)
    "loose_type_match",  # ...a person, reason or list, and the unit holds one (loose patterns)
    "type_strength",    # how many of them it holds, squashed
    "type_in_neighbour",  # the kind asked for is in a neighbour but not the unit (the answer is next door)
    "anchor_unit",      # share of the question's names, numbers, acronyms, hashtags found in the unit
    "anchor_doc",       # ...found anywhere in the unit's document (title included)
    "overlap",          # share of the question's content words (translated when English) in the unit
    "novelty",          # share of the unit's content words the question does not already hold
    "restates_title",   # share of the unit's content words that are in its document's title (a lead)
    "is_lead",          # the unit is its document's first unit and the document has a title
    "speaker_match",    # the unit was said by a person the question is about
    "says_when_asked",  # the question asks for someone's words and the unit is a statement
    "role_match",       # share of the roles the question describes found, in any form, in the unit or its role
    "title_match",      # share of the question's anchors in the document's title (the article asked about)
)

ANCHOR = re.compile(r"#\w+|\b\d[\d/.,:-]*\d\b|\b\d\b|\b[A-Z][A-Za-z]*[A-Z][A-Za-z]*\b|\b[A-Z][a-z]+\b")
# Capitalised words that are question or function words, not names.
NOT_ANCHORS = frozenset("""apa siapa kapan mana dimana berapa bagaimana mengapa kenapa apakah siapakah di ke dari
yang dan atau lalu dalam pada untuk tentang soal menurut bandingkan sesi tagar apakah siapakah dimanakah
kapankah berapakah bagaimanakah mengapakah manakah""".split())
PRECISE = frozenset({"when", "where", "count", "money"})  # kinds whose patterns rarely fire by accident
STOP = ENGLISH_STOP | INDONESIAN_STOP
CONTENT_MIN = 4  # shorter words are mostly function words in either language


@dataclass(frozen=True)
class Question:
    """The question as the reader looks at it, computed once for all candidates."""

    understood: Understanding
    terms: frozenset[str]  # lower-cased content words, with translations and role forms
    anchors: frozenset[str]  # lower-cased language-independent tokens: names, numbers, acronyms, hashtags
    roles: tuple[tuple[str, ...], ...]  # per role it describes, its Indonesian forms


@dataclass(frozen=True)
class Candidate:
    """One retrieved unit with what the reader sees around it."""

    passage: Passage
    rank: int
    top_dense: float  # best cosine among the candidates
    context: float  # mean cosine of its neighbours
    doc_best: float  # best cosine of its document's units
    neighbours: str = ""  # the neighbours' text
    title: str = ""
    doc_text: str = ""
    is_lead: bool = False
    people: tuple[str, ...] = field(default=())  # the people the question is about


def read_question(understood: Understanding) -> Question:
    """Terms, anchors and roles of the question (translated for an English one)."""
    text = understood.question
    anchors = {a.lower() for a in ANCHOR.findall(text) if a.lower() not in NOT_ANCHORS}
    anchors -= {w for w in anchors if w.isalpha() and w in STOP}
    return Question(understood=understood, terms=frozenset(question_terms(text, understood.lang)),
                    anchors=frozenset(anchors), roles=tuple(roles_in(text)))


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if len(w) >= CONTENT_MIN and w not in STOP]


def term_in(term: str, vocabulary: set[str]) -> bool:
    """Exact word, or (for words of 4+ letters) inside an inflected word: "pimpin" in "memimpin"."""
    if term in vocabulary:
        return True
    return len(term) >= CONTENT_MIN and any(term in w for w in vocabulary)


def has_phrase(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.I) is not None


def share(found: int, total: int) -> float:
    return found / total if total else 0.0


def vector(q: Question, c: Candidate) -> list[float]:
    """The candidate's signals, in `FEATURES` order."""
    p = c.passage
    text = p.text
    kind = q.understood.answer_type
    unit_words = set(words(text))
    unit_content = content_words(text)
    title_words = set(words(c.title))
    typed = bool(kind)
    held = types.holds(kind, text)
    asked = q.understood.ask
    people = c.people or q.understood.people
    doc = f"{c.title}\n{c.doc_text}"
    role_text = f"{text} {p.unit.role}"
    values = {
        "dense": p.dense,
        "dense_gap": p.dense - c.top_dense,
        "reciprocal_rank": 1.0 / (1.0 + c.rank),
        "context": c.context,
        "doc_best_gap": c.doc_best - c.top_dense,
        "typed": float(typed),
        "type_match": float(held and kind in PRECISE),
        "loose_type_match": float(held and kind not in PRECISE),
        "type_strength": types.strength(kind, text),
        "type_in_neighbour": float(typed and not held and types.holds(kind, c.neighbours)),
        "anchor_unit": share(sum(has_phrase(text, a) for a in q.anchors), len(q.anchors)),
        "anchor_doc": share(sum(has_phrase(doc, a) for a in q.anchors), len(q.anchors)),
        "overlap": share(sum(term_in(t, unit_words) for t in q.terms), len(q.terms)),
        "novelty": share(sum(not term_in(w, set(q.terms) | set(q.anchors)) for w in unit_content),
                         len(unit_content)),
        "restates_title": share(sum(w in title_words for w in unit_content), len(unit_content)),
        "is_lead": float(c.is_lead and bool(c.title)),
        "speaker_match": float(bool(p.unit.speaker) and p.unit.speaker in people),
        "says_when_asked": float(asked is not None and bool(p.unit.speaker)),
        "role_match": share(sum(any(has_phrase(role_text, f) for f in forms) for forms in q.roles), len(q.roles)),
        "title_match": share(sum(has_phrase(c.title, a) for a in q.anchors), len(q.anchors)),
    }
    return [float(values[name]) for name in FEATURES]

