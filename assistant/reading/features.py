"""The reader's signals: what one candidate unit, seen with its neighbours and its document, offers one
question. Every signal is a number in a small range, computed from text and precomputed similarities only
(no model call per candidate), so reading 20 candidates costs milliseconds.

`FEATURES` names them in the order `vectors` returns them; `reader.json` must list the same names, so a
signal added here without retraining fails loudly (and a test).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from ..answer.understanding import Understanding
from ..schema import Passage
from . import types
from .lexicon import (ENGLISH_STOP, INDONESIAN_STOP, contains_phrase, question_terms, roles_in, roots, term_groups,
                      words)

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
    "weighted_overlap",  # share of the question's words found in the unit, each weighted by its rarity
    "weighted_gap",     # ...minus the best candidate's share (<= 0)
    "focus",            # ...of the words its titled document's title and lead do not hold (0 when untitled)
    "focus_gap",        # ...minus the best candidate's (<= 0)
    "names_kind",       # the question asks which X ("Di pulau manakah …?") and the unit names one ("Pulau Buton")
    "rank_trust",       # reciprocal rank times how far retrieval's best cosine stands above the second
)

ANCHOR = re.compile(r"#\w+|\b\d[\d/.,:-]*\d\b|\b\d\b|\b[A-Z][A-Za-z]*[A-Z][A-Za-z]*\b|\b[A-Z][a-z]+\b")
# Capitalised words that are question or function words, not names.
NOT_ANCHORS = frozenset("""apa siapa kapan mana dimana berapa bagaimana mengapa kenapa apakah siapakah di ke dari
yang dan atau lalu dalam pada untuk tentang soal menurut bandingkan sesi tagar apakah siapakah dimanakah
kapankah berapakah bagaimanakah mengapakah manakah""".split())
PRECISE = frozenset({"when", "where", "count", "money"})  # kinds whose patterns rarely fire by accident
STOP = ENGLISH_STOP | INDONESIAN_STOP
# What a word only an earlier turn gave weighs beside the question's own ("there" carries "Kumham PR Summit
# 2022 held" into "Who represented the head of the regional office there?", and the summit's lead would win
# on them). Measured on 27 answerable follow-ups (the tuning half's and four fresh sets'): 1.0 answers 25,
# 0.5 and 0.25 answer 26; 0 (own words only) lost earlier turns' topics altogether.
CARRIED = 0.5
CONTENT_MIN = 4  # shorter words are mostly function words in either language


@dataclass(frozen=True)
class Question:
    """The question as the reader looks at it, computed once for all candidates."""

    understood: Understanding
    terms: frozenset[str]  # lower-cased content words, with translations and role forms
    anchors: frozenset[str]  # lower-cased language-independent tokens: names, numbers, acronyms, hashtags
    roles: tuple[tuple[str, ...], ...]  # per role it describes, its Indonesian forms
    groups: tuple[tuple[str, ...], ...] = ()  # per content word outside roles: it and its translations
    weights: Mapping[str, "Term"] = field(default_factory=dict)  # see `weigh`
    carried: frozenset[str] = frozenset()  # the groups (by first form) only earlier turns gave: see `CARRIED`
    kind: str = ""  # the kind of thing asked which of (`kind_asked`): "pulau" in "Di pulau manakah …?"


@dataclass(frozen=True)
class Candidate:
    """One retrieved unit with what the reader sees around it."""

    passage: Passage
    rank: int
    top_dense: float  # best cosine among the candidates
    context: float  # mean cosine of its neighbours
    doc_best: float  # best cosine of its document's units
    standout: float = 0.0  # retrieval's best cosine minus its second best
    neighbours: str = ""  # the neighbours' text
    title: str = ""
    doc_text: str = ""
    is_lead: bool = False
    lead: str = ""  # the text of its document's first unit
    people: tuple[str, ...] = field(default=())  # the people the question is about


def read_question(understood: Understanding) -> Question:
    """Terms, anchors and roles of the question (translated for an English one). The people a follow-up
    points to ("ia" -> Heni Yuwono) are the question's own; the topic it carries is not (`CARRIED`). A
    description of the person whose words are asked ("According to the head of the East Java cyber media
    association, how should …?") says who, not what: its words would favour the sentence introducing him
    over his words, which the speaker signals already find."""
    text = understood.query  # the question with what a follow-up carries from earlier turns
    question = understood.question
    ask = understood.ask
    if ask and ask.beyond is not None:  # described, not named: keep only what the description asks beyond
        text, question = (" ".join(t.replace(ask.who, ask.beyond).split()) for t in (text, question))
    anchors = anchors_in(text)
    groups = tuple(term_groups(text, understood.lang, understood.people))
    own = {g[0] for g in term_groups(" ".join((question, *understood.people)), understood.lang,
                                     understood.people)}
    return Question(understood=understood, terms=frozenset(question_terms(text, understood.lang)),
                    anchors=frozenset(anchors), roles=tuple(roles_in(text)), groups=groups,
                    carried=frozenset(g[0] for g in groups if g[0] not in own), kind=kind_asked(question))


# "<kind> apa/mana(kah)" or "nama <kind>": the noun an Indonesian question asks which one of.
KIND_ASKED = re.compile(r"\b([a-z]+)\s+(?:apa|apakah|mana|manakah)\b|\bnama\s+([a-z]+)\b", re.I)
NOT_KINDS = frozenset("di ke dari yang itu dan oleh untuk dengan pada dalam tahun".split())


def kind_asked(question: str) -> str:
    """The lower-cased noun the question asks which one of ("provinsi" in "Di provinsi manakah …?"), or ""."""
    found = KIND_ASKED.search(question)
    kind = next((g for g in found.groups() if g), "").lower() if found else ""
    return "" if kind in NOT_KINDS else kind


def anchors_in(text: str) -> set[str]:
    """The lower-cased language-independent tokens of a question: names, numbers, acronyms, hashtags, not
    its capitalised question or function words."""
    anchors = {a.lower() for a in ANCHOR.findall(text) if a.lower() not in NOT_ANCHORS}
    return anchors - {w for w in anchors if w.isalpha() and w in STOP}


@dataclass(frozen=True)
class Term:
    """One thing the question asks for, as the text may say it: words (an inflected form counts: "wakil"
    in "mewakili") and phrases (a role's long forms), weighted by rarity."""

    weight: float
    forms: frozenset[str]
    phrases: tuple[str, ...] = ()

    def found(self, vocabulary: set[str], text: str) -> bool:
        return bool(self.forms & vocabulary) or any(contains_phrase(text, p) for p in self.phrases)


def idf(frequency: int, units: int) -> float:
    return math.log((units + 1) / frequency)


def weigh(question: Question, seen: set[str], df: Mapping[str, int], units: int) -> Question:
    """The question with its weighted terms: one per content word (an English word's translations are
    alternatives of one term) and one per role it describes, whatever its forms ("PR" and "hubungan
    masyarakat" are one term). An Indonesian word no unit holds is looked for by its root (`roots`:
    "dibuka" in "membuka"). A term weighs the inverse document frequency (over units) of its most
    common form (times `CARRIED` for a topic only earlier turns gave); a term no unit holds weighs nothing,
    so an absent word or an unused dictionary sense does not dilute the shares. `seen` are the candidates'
    words, where inflected forms are looked for ("wakil" in "mewakili"): the corpus is too large to scan
    per question."""
    terms: dict[str, Term] = {}
    for group in question.groups:
        forms = {w for alt in group for w in seen if w == alt or (len(alt) >= CONTENT_MIN and alt in w)}
        forms |= {alt for alt in group if alt in df}
        frequency = max((df.get(w, 0) for w in forms), default=0)
        if not frequency and question.understood.lang == "id":  # "dibuka": its root is inside "membuka"
            found = {r for alt in group if alt.isalpha() for r in roots(alt) if len(r) >= CONTENT_MIN}
            forms = {w for w in seen if any(r in w for r in found)}
            frequency = max((df.get(w, 0) for w in forms), default=0)
        if frequency:
            carried = CARRIED if group[0] in question.carried else 1.0
            terms[group[0]] = Term(carried * idf(frequency, units), frozenset(forms))
    for forms in question.roles:
        single = {f.lower() for f in forms if " " not in f}
        phrases = tuple(f for f in forms if " " in f)
        frequencies = [df.get(f, 0) for f in single]
        frequencies += [min(df.get(w, 0) for w in words(ph)) for ph in phrases if words(ph)]
        frequency = max(frequencies, default=0)
        if frequency:
            terms["role:" + forms[0].lower()] = Term(idf(frequency, units), frozenset(single), phrases)
    return replace(question, weights=terms)


def weighted_share(terms: Mapping[str, Term], vocabulary: set[str], text: str) -> float:
    """Weighted share of the terms found in a text (`vocabulary` its lower-cased words)."""
    total = sum(t.weight for t in terms.values())
    return share(sum(t.weight for t in terms.values() if t.found(vocabulary, text)), total) if total else 0.0


def content_word(word: str) -> bool:
    """Long enough and not a function word of either language."""
    return len(word) >= CONTENT_MIN and word not in STOP


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if content_word(w)]


def term_in(term: str, vocabulary: set[str]) -> bool:
    """Exact word, or (for words of 4+ letters) inside an inflected word: "pimpin" in "memimpin"."""
    if term in vocabulary:
        return True
    return len(term) >= CONTENT_MIN and any(term in w for w in vocabulary)


def share(found: int, total: int) -> float:
    return found / total if total else 0.0


def vectors(q: Question, found: list[Candidate]) -> list[list[float]]:
    """Every candidate's signals, in `FEATURES` order; the gaps compare each to the best of them."""
    rows = [signals(q, c) for c in found]
    for gap, of in (("weighted_gap", "weighted_overlap"), ("focus_gap", "focus")):
        best = max((r[of] for r in rows), default=0.0)
        for r in rows:
            r[gap] = r[of] - best
    return [[float(r[name]) for name in FEATURES] for r in rows]


def signals(q: Question, c: Candidate) -> dict[str, float]:
    """One candidate's own signals (everything but the gaps)."""
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
        # retrieval's order is worth more when its best stands out: on TyDi (Wikipedia paragraphs, recall@1
        # 0.90) rank alone decides well, on FacQA (short news passages, recall@1 0.68) it misleads
        "rank_trust": c.standout / (1.0 + c.rank),
        "context": c.context,
        "doc_best_gap": c.doc_best - c.top_dense,
        "typed": float(typed),
        "type_match": float(held and kind in PRECISE),
        "loose_type_match": float(held and kind not in PRECISE),
        "type_strength": types.strength(kind, text),
        "type_in_neighbour": float(typed and not held and types.holds(kind, c.neighbours)),
        "anchor_unit": share(sum(contains_phrase(text, a) for a in q.anchors), len(q.anchors)),
        "anchor_doc": share(sum(contains_phrase(doc, a) for a in q.anchors), len(q.anchors)),
        "overlap": share(sum(term_in(t, unit_words) for t in q.terms), len(q.terms)),
        "novelty": share(sum(not term_in(w, set(q.terms) | set(q.anchors)) for w in unit_content),
                         len(unit_content)),
        "restates_title": share(sum(w in title_words for w in unit_content), len(unit_content)),
        "is_lead": float(c.is_lead and bool(c.title)),
        "speaker_match": float(bool(p.unit.speaker) and p.unit.speaker in people),
        "says_when_asked": float(asked is not None and bool(p.unit.speaker)),
        "role_match": share(sum(any(contains_phrase(role_text, f) for f in forms) for forms in q.roles), len(q.roles)),
        "title_match": share(sum(contains_phrase(c.title, a) for a in q.anchors), len(q.anchors)),
        "weighted_overlap": weighted_share(q.weights, unit_words, text),
        "focus": weighted_share(asked_beyond_event(q, c), unit_words, text),
        "names_kind": names_kind(q, text),
    }
    return values


def asked_beyond_event(q: Question, c: Candidate) -> dict[str, Term]:
    """The weighted terms the candidate's document's title and lead do not hold: what the question asks
    about the event rather than the words that name it. Only a titled article names an event in its lead;
    an untitled passage (a Wikipedia paragraph) has no such lead, and its first sentence often answers."""
    if not c.title:
        return {}
    event_text = f"{c.title} {c.lead}"
    event = set(words(event_text))
    return {k: t for k, t in q.weights.items() if not t.found(event, event_text)}


def names_kind(q: Question, text: str) -> float:
    """1 when the question asks which thing of a kind ("Di pulau manakah …?", "Apakah nama pelabuhan di
    Cilacap?") and the unit writes that kind before a name the question does not hold ("Pulau Buton",
    "Pelabuhan Tanjung Intan"): Indonesian names a place, body or work after its kind, so this is where
    the answer stands. Measured by repeated grouped cross-validation (six splits) with `rank_trust`:
    FacQA top-1 0.815 -> 0.826, the gold tuning half 0.636 -> 0.647."""
    if not q.kind:
        return 0.0
    own = set(words(q.understood.question))
    for hit in re.finditer(rf"(?i:\b{re.escape(q.kind)}\w*)\s+((?:[A-Z][\w-]*\s*){{1,4}})", text):
        if any(w.lower() not in own for w in hit.group(1).split() if w[:1].isupper()):
            return 1.0
    return 0.0
