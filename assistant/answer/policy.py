"""When to answer and from which passages: the whole refusal policy, shared by every answerer.

An answerer (`Answerer`) turns an `Understanding` and the passages retrieval (and reading) ranked into
an `Answer`. Whatever it composes, it may only cite the passages `decide` returns, and it refuses when
there are none, saying why (`Decision.reason`, worded in frames.json). The causes of a refusal, in the
order checked:
- "Who is X?" (`who_is`) is answered by the passage naming X beside a role, and refused when none does;
  "Who was the head of … in 2024?" (`holder`) by the passage naming someone beside that position;
- an Indonesian question holds `UNSTATED` words the documents never use (`unstated`) and the reader finds
  no passage it reads as a paraphrase's answer (`PARAPHRASE`), or every word it asks with beside the names
  of the people it is about is such a word ("Apa hobi Arief Rahman?"; not for what someone said, whose
  topic is measured by similarity: "Apa kata Heni tentang hoaks?" over "hoax"): what it asks about is not
  in the text;
- the question asks what someone said, and that person is unknown to the documents, never speaks, or is
  not the one who spoke most about the topic asked (`topic_share` below `topic_share_min`);
- the best passage is less similar than the refusal threshold of the question's language pair (cross-
  language similarities run lower, so English questions over Indonesian text have their own threshold),
  unless the question names someone and the passage naming them reads as its answer (`names_whom_asked`);
- a how-many question finds no count of what it asks about, a how-much-money question no amount, a where
  question no place, a question asking someone's name no name (beside the position it asks about), in
  the reader's first `TYPE_WINDOW` passages (the first that does is the answer);
- the passages were read and no document holds every year and full name the question names and the
  person whose words it asks for (if some retrieved document holds them): the person asked about speaks
  only at another event than the one asked, or the year is of no event here, or no article mentions the
  person it names (`Passage.anchored`);
- the passages were read (`reading`) and the reader's best probability that a unit answers is below
  the threshold fitted with it: the detail asked is never stated.

What a passage must hold for each kind of answer is `kinds`; the words the documents never use, `unstated`.

When the passages were read, the best passage is the reader's first, the similarity threshold applies to
the best similarity among the candidates (is anything on topic at all?), and runners-up are compared by
reading probability; otherwise by retrieval's order and score, as before reading existed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Protocol

from ..config import Settings
from ..documents.people import people_in
from ..reading.features import PRECISE, anchors_in
from ..reading.lexicon import contains_phrase, roles_in, translate
from ..reading.types import ENUMERATION, ROLE, SEQUENCE, holds
from ..schema import Answer, Passage
from .kinds import (PARTICIPANTS, SPEAKERS, STEPS_ASKED, STEPS_COUNTED, answer_type_ok, fuller_name, missing,
                    named_beside, steps_named)
from .page import PAGE_LINE
from .understanding import (BESIDES, DIFFERENCE, EVENT_NAME, FIRST_ASKED, THE_EVENTS, YEAR, Understanding,
                            set_aside)
from .unstated import UNSTATED, asked_beside_event, asked_by


TYPE_WINDOW = 3  # how deep in the reader's order a passage holding the kind asked may come from
# Who spoke, as a verb ("Who spoke at the 2024 bootcamp?", "Siapa saja yang memberi sambutan …?"): each
# person quoted. The speakers as a noun ("narasumber", "speakers") are the sessions' list (`listing`).
SPOKE = re.compile(r"\b(?:spoke|speak|talked|quoted|gave (?:a |the )?(?:speech|speeches|remarks|talks?)|"
                   r"berbicara|bicara|memberi(?:kan)? sambutan|menyampaikan sambutan|dikutip)\b", re.I)
# ... unless it asks who spoke about something or for someone: one person, found the ordinary way.
ABOUT_OR_FOR = re.compile(r"\b(?:about|on|regarding|for|behalf|tentang|soal|mengenai|terkait|mewakili|atas nama)\b",
                          re.I)
# A hope asked ("Apa harapan Heni?", "What did Heni hope for?") and voiced in a passage ("berharap").
HOPE_ASKED = re.compile(r"\b(?:hop(?:e|es|ed|ing)|wish\w*|expect\w*|harap\w*|berharap|mengharapkan|diharapkan)\b",
                        re.I)
HOPE = re.compile(r"\b(?:harap\w*|berharap|mengharapkan|diharapkan|hope[sd]?)\b", re.I)
# What follows the event, asked ("… setelah bootcamp selesai?", "… once the bootcamp was over?") and told
# ("Kami juga berharap, setelah kegiatan ini, tercipta …").
AFTER_ASKED = re.compile(r"\b(?:after(?:wards)?|once (?:\w+ ){0,4}(?:over|finished|ended|done)|setelah|sesudah|"
                         r"seusai|usai|pasca|selepas)\b", re.I)
AFTER = re.compile(r"\b(?:setelah|sesudah|seusai|usai|pasca|selepas|sehabis)\b", re.I)
# A comparison asking which event came first: its answer lists the earlier first.
EARLIER = re.compile(rf"{FIRST_ASKED.pattern}|\b(?:earlier|first one)\b", re.I)
# A reading probability above this takes a question's unstated words for a paraphrase: measured on the
# Indonesian questions of the tuning half and four fresh sets (none of the test half), answerable ones with
# 2+ unstated words read 0.72-0.89 at best, unanswerable ones 0.13-0.59.
PARAPHRASE = 0.65


class Answerer(Protocol):
    """Anything that answers from ranked passages within this policy (extractive today)."""

    def answer(self, understood: Understanding, passages: list[Passage]) -> Answer: ...


def threshold(understood: Understanding, settings: Settings) -> float:
    """The similarity the best passage needs, by whether the question shares the documents' language."""
    if understood.same_language:
        return settings.refusal_threshold_same_lang
    return settings.refusal_threshold_cross_lang


def sure_count(understood: Understanding, passage: Passage) -> bool:
    """A how-many question's count of what it asks about, found by the reader where the words differ: a
    passage the reader reads as a paraphrase's answer (`PARAPHRASE`) holding a number. News counts by a
    classifier or another word than the question's ("menewaskan 13 orang" for "berapakah korban …?", "14
    distrik" for "jumlah kecamatan", "dua belas volume" for "berapakah serial …?"), which the count check
    misses. Measured on FacQA and TyDi QA, the reader read such answers 0.68-0.88; on the gold tuning half
    and the fresh sets, the count-less passages of unanswerable how-many questions read at most 0.47. Not
    three speakers for how many took part: "how many participants summit 2022" was answered by "Ketiga
    narasumber yaitu …" (fresh56), as who took part is never answered by the speakers (`kinds.missing`)."""
    speakers_for_participants = bool(PARTICIPANTS.search(understood.question) and SPEAKERS.search(passage.text)
                                     and not SPEAKERS.search(understood.question))
    return understood.answer_type == "count" and passage.reading > PARAPHRASE and not speakers_for_participants \
        and (holds("count", passage.text) or holds("money", passage.text))


def names_whom_asked(understood: Understanding, typed: list[Passage]) -> bool:
    """On topic by whom or what it names: the question names someone the documents name, or names, acronyms
    or product names (`anchors_in`, numbers aside), and the reader reads the first passage of the kind asked,
    which names them too, as a paraphrase's answer (`PARAPHRASE`). Short questions are similar to little:
    "Siapa yang mewakili Zaeroji?" scores 0.25 and "yg dari Canva siapa?" 0.28, under the 0.30 threshold,
    yet "… ujar Hendro yang mewakili Kakanwil Kemenkumham Jatim Zaeroji" and "… Nerry Supanji (Canva
    Mobile Specialist)" answer them."""
    if not typed or typed[0].reading <= PARAPHRASE:
        return False
    text = typed[0].text
    named = [a for a in anchors_in(understood.question) if not a.isdigit()]
    return (bool(understood.people) and bool(people_in(text, understood.people))) \
        or (bool(named) and all(contains_phrase(text, a) for a in named))


def most_similar_said(understood: Understanding, best: Passage, passages: list[Passage]) -> bool:
    """A what-did-X-say question's best unit of X's is the most similar unit retrieved: speaker and
    similarity both point at it, however low the reader (fitted on factoid questions) reads a statement.
    "What did the Head of the Bureau of Public Relations, Law and Cooperation say was unique about the East
    Java regional office?" is answered by his sentence (similarity 0.43, the highest; reading 0.03), not
    refused as "not stated" (fresh35 q15 and fresh37 q15, two testers)."""
    return bool(understood.ask and understood.ask.people) and best.dense >= max(p.dense for p in passages)


def said_at_the_event(understood: Understanding) -> bool:
    """A what-did-X-say question about an event only ("What did the head of the PR bureau say about the
    bootcamp?", `the_event_only`): the best of X's passages anchored to that event answers it, however low the
    reader (fitted on factoid questions) reads it or similarity scores it. Its words say "kegiatan seperti
    ini", not the event's name."""
    return bool(understood.ask and understood.ask.people and understood.event_topic)


def names_event_in_its_words(understood: Understanding) -> bool:
    """On topic by the event it names in the documents' own words: an Indonesian question using a word that
    tells the articles' events apart ("bootcamp", "summit") or a year, whose every content word the documents
    use (`unstated` finds none). Short questions are similar to little: "Siapa yang membuka bootcamp?" scores
    0.21 and "peserta summit dr satker mana aja" 0.30 on their best passage, under the 0.30 threshold, though
    the text says both (fresh40, a tester); "pematerinya siapa aja yg 2022" names its event by the year
    (fresh42). A year no document holds anchors no passage (`Passage.anchored`), so it answers nothing.
    English questions are not checked word by word (`unstated`), so their similarity alone decides, against
    a lower threshold."""
    named = bool(understood.events) or bool(YEAR.search(understood.question))
    return understood.lang == "id" and named and not understood.unstated


def paraphrase_read(passages: list[Passage]) -> float:
    """The best reading of a passage that may answer in other words than the question's: not an article's
    lead (its first unit, under a title), which names the event every question about it names and reads
    high for that alone. "Satker mana yang meraih penghargaan humas terbaik pada Kumham PR Summit 2022?"
    read the summit's lead 0.71, though nothing says "meraih" or "penghargaan" (fresh41, a tester); on the
    tuning half and the fresh sets, the answerable questions this guard keeps read 0.82-0.88 at a later unit."""
    return max((p.reading for p in passages if not (p.unit.position == 0 and p.title)), default=0.0)


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


@dataclass(frozen=True)
class Decision:
    """The passages an answer may cite, best first; none is a refusal, and `reason` says why (a key of the
    "why" frames in frames.json), with `detail` naming what it is about: the name no article mentions, the
    words the documents never use, the person not quoted on it."""

    passages: list[Passage]
    reason: str = ""
    detail: str = ""


def refuse(reason: str, detail: str = "") -> Decision:
    return Decision([], reason, detail)


def evidence(understood: Understanding, passages: list[Passage], settings: Settings) -> list[Passage]:
    """The passages an answer may cite, best first; empty means refuse (`decide` says why)."""
    return decide(understood, passages, settings).passages


def decide(understood: Understanding, passages: list[Passage], settings: Settings) -> Decision:
    """The passages an answer may cite, or a refusal with its reason.

    The best qualifying passage, plus runners-up scoring at least `relative_cutoff` of it (up to
    `max_citations`). For a what-did-X-say question only what X said qualifies."""
    if understood.who_is:
        named = naming(understood, passages)
        return Decision(named) if named else refuse("who_is", ", ".join(understood.people))
    if understood.claimed_by and (checked := claim_checked(understood, passages, settings)):
        return Decision(checked)
    lines = [p for p in passages if p.unit.position == PAGE_LINE] if understood.page else []
    if lines:  # the page lines asked for, looked up (`answer.page`): what they hold is what was asked
        return Decision(lines[:settings.max_citations])
    if understood.page and not passages:  # "The page shows no editor.": the line asked for, named
        return refuse("page", understood.page)
    ask = understood.ask
    if ask and ask.unknown_name:
        return refuse("unknown", ask.who)
    if len(understood.unstated) >= UNSTATED and paraphrase_read(passages) <= PARAPHRASE:
        return refuse("unstated", ", ".join(understood.unstated))  # unless the reader reads a paraphrase's answer
    if not ask and (asked := asked_beside_event(understood)):
        if asked <= set(understood.unstated):  # all it asks of whom or which event it names is unstated: "Apa
            return refuse("unstated", ", ".join(sorted(asked)))  # hobi Arief Rahman?", "Cuacanya gimana pas …?"
        if understood.elsewhere and asked <= {*understood.unstated, *understood.elsewhere}:  # or only another
            return refuse("elsewhere", ", ".join(understood.elsewhere))  # event's article says it: "Bagaimana
            # dengan bootcamp 2024, apakah juga diikuti secara daring?"
    if by := asked_by(understood):
        return refuse("unstated", by)  # whom it asks for is named by a word the documents never use
    pool = passages
    if understood.holder and passages and passages[0].reading > 0.0:
        held = holding(understood, [p for p in passages
                                    if (p.anchored > 0.0 if understood.compares else p.anchored >= 1.0)])
        if held:
            return Decision(held)
    if ask and ask.people:
        if understood.topic_share < settings.topic_share_min:  # 0.0: nothing they said was found at all
            return refuse("not_said" if understood.topic_share > 0.0 else "never_quoted", ", ".join(ask.people))
        pool = [p for p in passages if p.unit.speaker in ask.people]
        if not pool:
            return refuse("not_said", ", ".join(ask.people))
    if not pool:
        return refuse("off_topic")
    read = pool[0].reading > 0.0
    minimum = threshold(understood, settings)
    if read and understood.compares:
        chosen = per_document([p for p in pool if p.anchored > 0.0], understood, settings, minimum)
        return Decision(chosen) if chosen else refuse("off_topic")
    if read:
        pool = [p for p in pool if p.anchored >= 1.0]
        if not pool:
            return refuse("unknown", ", ".join(understood.unknown)) if understood.unknown else refuse("not_about")
    strongest = max(pool, key=lambda p: p.dense) if read else pool[0]
    # The best of the first `TYPE_WINDOW` that holds the kind asked: the reader's first may be the lead
    # that names the event beside the sentence that says where.
    typed = after_first(understood, [p for p in pool[:TYPE_WINDOW]
                                     if answer_type_ok(understood, p.text) or sure_count(understood, p)])
    on_topic = strong_enough(strongest, minimum) or bool(understood.other) \
        or (read and (names_whom_asked(understood, typed) or names_event_in_its_words(understood)))
    if not typed:  # the more telling reason first, "no one who did that" over "nothing close enough": what the
        # first candidate lacks (all of the first `TYPE_WINDOW` lack the kind asked)
        return refuse(missing(understood, pool[0].text) if on_topic or understood.answer_type else "off_topic")
    if not on_topic:
        return refuse("off_topic")
    best = typed[0]
    pool = [best] + [p for p in pool if p is not best]
    other_dated = bool(understood.other) and understood.answer_type in PRECISE  # the other event's date or place
    if read and best.reading < reading_floor(settings) and not other_dated \
            and not most_similar_said(understood, best, passages) and not said_at_the_event(understood) \
            and not fuller_name(understood, best.text):  # a full name written out: exact evidence, however low
        # the reader (which reads "What is Heni's full name?" against the whole quote) reads it
        return refuse("not_stated")
    quoted = each_speaker(understood, best, pool, settings) if read else []
    if quoted:
        return Decision(quoted)
    if read and (understood.answer_type == "list" or STEPS_COUNTED.search(understood.question)):  # or counted
        return Decision(listing(understood, best, [p for p in pool if answer_type_ok(understood, p.text)], settings))
    chosen = [best]
    for kind in understood.also:  # a date or place asked besides: the best passage of its document holding it
        if not any(holds(kind, p.text) for p in chosen):
            chosen += first_per_document([p for p in pool[1:settings.list_window] if p.doc_id == best.doc_id],
                                         lambda text: holds(kind, text))
    chosen += hopes_beside(understood, best, pool[1:settings.list_window])[:settings.max_citations - len(chosen)]
    for passage in pool[1:]:
        if len(chosen) >= settings.max_citations:
            break
        rank_score = (passage.reading, best.reading) if read else (passage.score, best.score)
        if rank_score[0] >= settings.relative_cutoff * rank_score[1] and passage.dense >= minimum \
                and answer_type_ok(understood, passage.text):
            chosen.append(passage)
    return Decision(chosen)


def hopes_beside(understood: Understanding, best: Passage, passages: list[Passage]) -> list[Passage]:
    """For what someone hoped (`HOPE_ASKED`): the other passages of the best one's speaker,
    in its document, that voice a hope too (`HOPE`). A speaker's hopes often come apart in the article
    ("Untuk itu, Heni berharap …" and, paragraphs later, "Kami juga berharap, setelah kegiatan ini, …"), and
    the reader reads the second low beside the first: a tester was given only the first of the opener's two."""
    if not best.unit.speaker or not HOPE_ASKED.search(understood.question) or not HOPE.search(best.text) \
            or AFTER_ASKED.search(understood.question):  # one hope asked: the one for after the event
        return []
    return [p for p in passages if p.doc_id == best.doc_id and p.unit.speaker == best.unit.speaker
            and HOPE.search(p.text)]


def after_first(understood: Understanding, passages: list[Passage]) -> list[Passage]:
    """For a question about what follows the event (`AFTER_ASKED`), the passages that speak of after first,
    else in the order given: the reader weighs "setelah" as one word among many, and "Untuk itu, Heni
    berharap kegiatan Kumham PR Bootcamp … dapat memberikan pemahaman …", which names the event and the
    hope, outread "Kami juga berharap, setelah kegiatan ini, tercipta …" for "Apa harapan Heni setelah bootcamp
    humas selesai?"."""
    if not AFTER_ASKED.search(understood.question):
        return passages
    return sorted(passages, key=lambda p: not AFTER.search(p.text))


def other_documents(understood: Understanding, passages: list[Passage], earlier: list[Passage],
                    settings: Settings) -> tuple[Understanding, list[Passage]]:
    """For "What about the other event?": the passages of the documents other than the one the earlier
    question's best passage (`earlier`) came from. The follow-up is on topic by reference (its words are
    only the earlier question's frame, "When and where was the held"), so only when the earlier question
    was on topic; else it is an ordinary question (`other` cleared)."""
    if not earlier or not strong_enough(earlier[0], threshold(understood, settings)):
        return replace(understood, other=""), passages
    return understood, [p for p in passages if p.doc_id != earlier[0].doc_id]


def naming(understood: Understanding, passages: list[Passage]) -> list[Passage]:
    """For "Who is X?": the best-read passage that gives X a title (`titles`), else the best-read one that
    names X and a role word anywhere (what the text says X is). A bare name is what the dense model matches
    worst, so similarity is not asked of it: the exact name is the evidence. "Apa jabatannya?" after a
    question about Hendro cites "Kadiv Keimigrasian Hendro Tri Prasetyo mengatakan …", not "… ujar Hendro
    yang mewakili Kakanwil …", which names a role, but someone else's."""
    names = [w for person in understood.people for w in person.split() if len(w) > 2]
    named = [p for p in passages if ROLE.search(p.text) and any(contains_phrase(p.text, w) for w in names)]
    firsts = [person.split()[0] for person in understood.people if person.split()]
    return next(([p] for p in named if titles(p.text, firsts)), named[:1])


def claim_checked(understood: Understanding, passages: list[Passage], settings: Settings) -> list[Passage]:
    """For a role a yes/no question claims for someone (`claims`: "apa Zakaria itu ketua AMSI Jatim?"): the
    passage giving them their role (`naming`), then the one giving it to each other person whose role the
    claim describes ("… Ketua AMSI Jatim Arief Rahman …"), so the answer shows who holds it. Empty when no
    passage gives the person a role: the question goes the ordinary way. A tester asking whether Zakaria
    chairs AMSI got Arief Rahman's paragraph alone, which reads as a yes (fresh51)."""
    person = understood.people[0]
    own = naming(replace(understood, people=(person,)), passages)
    others = [p for holder in understood.claimed_by if holder != person
              for p in naming(replace(understood, people=(holder,)), passages)]
    return list({p.chunk_id: p for p in own + others}.values())[:settings.max_citations] if own else []


def titles(text: str, names: list[str]) -> bool:
    """A role word stands as a title before one of `names` (first names: "Sultan Muhammad Khan" is no title
    of Kubilai Khan's), with at most four capitalised words between ("Kadiv Keimigrasian Hendro",
    "Kakanwil Kemenkumham Jatim, Heni"), the way Indonesian news introduces people."""
    return any(re.search(rf"(?i:{ROLE.pattern})(?:,?\s+[A-Z][\w-]*){{0,4}},?\s+{re.escape(name)}\b", text)
               for name in names)


def holding(understood: Understanding, passages: list[Passage]) -> list[Passage]:
    """For "Who was the head of the regional office in 2024?": the best-read passage that names someone
    beside the position ("… ujar Kakanwil Kemenkumham Jatim, Heni Yuwono"). The position and the year or
    event are often all the question says, and all the title says too, so the reader reads every passage
    low; the name at the position is the evidence. A comparison takes each document's first such passage,
    and so does a question that names no event, year or person to tell the holders apart ("What's the name
    of the head of the regional office?": Zaeroji in 2022, Heni Yuwono in 2024; a tester was given one
    quote naming Zaeroji as if he were the only one). None found: the question goes the ordinary way."""
    found = first_per_document(passages, lambda text: named_beside(text, understood.holder, understood.names))
    unspecified = not (understood.events or understood.people or YEAR.search(understood.query))
    return found if understood.compares or unspecified else found[:1]


def first_per_document(passages: list[Passage], keep: Callable[[str], bool]) -> list[Passage]:
    """The first passage of each document whose text `keep` accepts, in the order of those firsts."""
    found: dict[str, Passage] = {}
    for passage in passages:
        if passage.doc_id not in found and keep(passage.text):
            found[passage.doc_id] = passage
    return list(found.values())


def listing(understood: Understanding, best: Passage, pool: list[Passage], settings: Settings) -> list[Passage]:
    """For a list question: the best passage, then the other parts of its document's list, up to
    `max_list_citations`.

    A list told over several paragraphs ("Pertama …", "Selanjutnya …", "Sesi terakhir …"): when the best
    passage opens with a sequence marker, every passage of its document that opens with one, in the
    document's order. The steps share few words with the question (only the last says "sesi"), so they
    read far below the best. One step named ("the speakers in the technical session", "sesi terakhir"), or
    naming the person asked about ("… di sesi yang sama dengan dia?"), is that step alone (`step_named`);
    a step named that no form picks out ("the hands-on session") keeps the best first. Otherwise each
    passage of its document among the reader's first `list_window` that holds a role word or an
    enumeration and reads at least `list_share` of the best."""
    steps = sorted((p for p in pool if p is not best and p.doc_id == best.doc_id and SEQUENCE.match(p.text)),
                   key=lambda p: p.unit.position) if SEQUENCE.match(best.text) else []
    if steps:
        forms = step_named(understood)
        named = [p for p in (best, *steps) if any(contains_phrase(p.text, f) for f in forms)
                 or people_in(p.text, understood.people)]
        if len(named) == 1:
            return named
        # the steps asked for in the document's order ("Pertama …" before "Sesi terakhir …"); the best first when
        # the question names a step or a person its words could not pick out ("the hands-on session"), or asks
        # something else ("Siapa saja yang tidak boleh alergi dengan media massa?" is Arief's step)
        in_order = STEPS_ASKED.search(understood.question) and not (forms or understood.people)
        ordered = sorted([best, *steps], key=lambda p: p.unit.position) if in_order else [best, *steps]
        return ordered[:settings.max_list_citations]
    chosen = [best]
    for passage in pool[:settings.list_window]:
        if len(chosen) >= settings.max_list_citations:
            break
        if passage is not best and passage.doc_id == best.doc_id \
                and passage.reading >= settings.list_share * best.reading \
                and (ENUMERATION.search(passage.text) or ROLE.search(passage.text)):
            chosen.append(passage)
    return chosen


def step_named(understood: Understanding) -> list[str]:
    """The forms of the word naming one step of a list ("the technical session" -> technical, teknis;
    "sesi terakhir" -> terakhir), none when the question names no step ("What were the sessions?")."""
    named = steps_named(understood.question)
    return [f for w in named for f in (w, *(translate(w) if understood.lang == "en" else ()))]


def each_speaker(understood: Understanding, best: Passage, pool: list[Passage], settings: Settings) -> list[Passage]:
    """For "who spoke" ("Who spoke at the 2024 bootcamp?", "Siapa saja yang memberi sambutan …?"): the
    best-read passage of each person quoted in the best passage's document, best-read first ("And who
    spoke besides the head of the regional office?" reads the Kepala Biro first), up to
    `max_list_citations`. Each speaker has a unit of their own (the Kakanwil's opening words, the Kepala
    Biro's), so no one passage names them all. The sessions' speakers asked as a noun ("List the resource
    persons who spoke …") are the sessions' list (`listing`). Empty (the question goes the ordinary way)
    unless two speakers are found, or one is left once "besides" set the others aside."""
    question = understood.question
    if understood.answer_type not in ("who", "list") or not SPOKE.search(question) \
            or ABOUT_OR_FOR.search(question) or SPEAKERS.search(question):
        return []
    said: dict[str, Passage] = {}
    for passage in pool:
        if passage.doc_id == best.doc_id and passage.reading > 0.0 and passage.unit.speaker:
            said.setdefault(passage.unit.speaker, passage)
    if not BESIDES.search(question):
        return list(said.values())[:settings.max_list_citations] if len(said) >= 2 else []
    # "… besides Heni?", "… besides the head of the regional office?": by name, or by the role they spoke in
    aside = set(set_aside(question, said))
    roles = [form for forms in roles_in(question) for form in forms]
    return [p for who, p in said.items() if who not in aside
            and not any(contains_phrase(p.unit.role, form) for form in roles)][:settings.max_list_citations]


def per_document(pool: list[Passage], understood: Understanding, settings: Settings, minimum: float) -> list[Passage]:
    """For a question about several events: the best-read passage of each document (up to `max_citations`
    documents, in the order of their best passage), each of the kind asked. One document only is an
    ordinary answer from it. Reading probabilities are not compared across documents: the reader weighs
    each unit against the best candidate for the whole question, so the side asked second reads low.

    Similarity asks only whether the question is on topic at all (its most similar passage): a question
    naming two events is less similar to each event's sentence than a question about one, and the
    sentence that answers one side ("… yang mewakili Kakanwil … Zaeroji") shares few words with the
    other side ("who was the head in 2022 and who in 2024?"). A question asking when or where of the
    events named only as a set ("When were the two events held?") has no topic to be similar to: it is on
    topic by reference, and every event has a date and a place to check its answer's type against: each
    document's passage must hold one ("… pada 3-6 Juni", not Hendro's words after the lead), and its lead
    answers first when it does, for a news lead names its event beside when and where it was ("What were
    the two events called, and which year was each held?"). So do the differences between the events when
    no kind of answer narrows them ("Apa saja perbedaan acara humas 2022 dan 2024?"): each lead says what,
    when and what for."""
    if not pool:
        return []
    dated = understood.answer_type in ("when", "where") and bool(THE_EVENTS.search(understood.question)
                                                                 or FIRST_ASKED.search(understood.question))
    differences = bool(DIFFERENCE.search(understood.question)) and not understood.answer_type
    by_reference = dated or differences or bool(EVENT_NAME.search(understood.question))
    if not (by_reference or strong_enough(max(pool, key=lambda p: p.dense), minimum)):
        return []
    documents = list(dict.fromkeys(p.doc_id for p in pool))
    if by_reference:  # each article's lead first (when it holds the kind asked): it names its event
        pool = sorted(pool, key=lambda p: p.unit.position != 0)
    best = first_per_document(pool, lambda text: (not dated or holds(understood.answer_type, text))
                              and answer_type_ok(understood, text))
    chosen = sorted(best, key=lambda p: documents.index(p.doc_id))[:settings.max_citations]
    if EARLIER.search(understood.question):  # "Which came first …?": the earlier event's passage first
        chosen.sort(key=lambda p: min(YEAR.findall(f"{p.antecedent.text if p.antecedent else ''} {p.text}"),
                                      default="9999"))
    return chosen
