"""Follow-up questions without an LLM: carry people and topics over from earlier turns.

"What did he say about the media?" after "Who is Arief Rahman?" becomes a search for what Arief Rahman
said about the media; "Who opened it?" after "Tell me about the 2024 PR bootcamp" is searched together
with the bootcamp. People are recognised against the people the documents name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..documents.people import PRONOUNS, people_in
from .spelling import standard

# Words that point back to a person named earlier: pronouns, and -nya forms ("katanya", "jabatannya").
PERSON_POINTERS = re.compile(
    rf"\b({'|'.join(sorted(PRONOUNS))})\b|\b\w{{2,}}nya\b", re.I)
# Words ending in -nya that are adverbs or verbs, not "his/her" ("hanya" = only, "punya" = have).
NOT_POINTERS = set("""hanya punya tanya bahwasanya sebenarnya sesungguhnya akhirnya selanjutnya sebelumnya
setelahnya sesudahnya biasanya seharusnya semestinya misalnya contohnya lainnya rupanya agaknya adanya
tampaknya nampaknya kiranya pertamanya keduanya ketiganya semuanya masing-masingnya satunya""".split())
# One of the people an earlier answer listed, by their place in it ("yang kedua jabatannya apa?" after the
# technical session's three speakers, "And the last one?").
# Not an event, a day or a session by its place ("acara yang pertama", "the first event").
ORDINAL = re.compile(r"(?<!acara )(?<!kegiatan )(?<!sesi )(?<!hari )(?<!artikel )(?<!berita )"
                     r"\b(?:(?:yang|orang|narasumber|pembicara) (?P<id>pertama|kedua|ketiga|keempat|terakhir)|"
                     r"the (?P<en>first|second|third|fourth|last)(?: one| person| speaker|(?=\s*[?.,!]|\s*$)))",
                     re.I)
PLACES = {"pertama": 0, "kedua": 1, "ketiga": 2, "keempat": 3, "terakhir": -1,
          "first": 0, "second": 1, "third": 2, "fourth": 3, "last": -1}
# Words that point back to an event or topic named earlier, or a question too short to stand alone.
TOPIC_POINTERS = re.compile(
    r"\b(it|this|that|there|the event|the same|acara (itu|tersebut|ini)|kegiatan (itu|tersebut|ini)|"
    r"itu|tersebut|di sana|disana)\b", re.I)
# A follow-up about the event the earlier question did not ask about ("What about the other event?", "Kalau
# acara yang satunya?"): the earlier question again, of the documents it was not answered from.
OTHER_EVENT = re.compile(r"\b(?:the other (?:event|one|article|story|report|activity|summit|bootcamp)|"
                         r"(?:acara|kegiatan|artikel|berita|event)(?: yang)? (?:lain(?:nya)?|satunya)|yang satunya)\b",
                         re.I)
# A follow-up naming a person and its own topic ("Terus soal narasi, Heni bilang apa?") carries neither
# from earlier turns: it only continues the conversation.
OWN_TOPIC = re.compile(r"\b(?:about|regarding|concerning|tentang|soal|mengenai|terkait)\s+"  # not "about it"
                       r"(?!(?:it|this|that|them|itu|ini|tersebut|hal (?:itu|ini|tersebut))\b)\w", re.I)
OWN_WORDS = 4  # content words of a follow-up naming someone that make it a question of its own
OTHER_WORDS = frozenset("kalau bagaimana dengan then also dong".split())  # that only open such a follow-up
# A follow-up that opens by continuing the conversation ("And who spoke besides …?", "Lalu …", "What
# about …?") is about what the earlier question was about.
CONTINUES = re.compile(r"^\W*(?:and|also|then|so|what about|how about|lalu|terus|kemudian|dan|juga|"
                       r"bagaimana dengan|selain itu)\b", re.I)
# A follow-up that asks the earlier question about someone of something else. When that question named a
# person, what the follow-up names replaces its part: another person takes the earlier topic and kind of
# question ("What about Ishadi?"), another topic keeps the person but not the earlier topic ("And what
# about TikTok?" after "What did Heni say about hoaxes?"). Without a person it carries like `CONTINUES`
# ("What about the speakers?" after a question about the bootcamp is still about the bootcamp).
ASKS_AGAIN = re.compile(r"^\W*(?:(?:and|so|then|lalu|terus|dan|kalau)\s+)?(?:what about|how about|bagaimana dengan)\b",
                        re.I)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# A follow-up that only gives another year ("And in 2024?", "Kalau tahun 2022?"): the earlier question again,
# of that year, as `ASKS_AGAIN` with a name.
ONLY_A_YEAR = re.compile(r"^\W*(?:(?:and|so|then|also|but|lalu|terus|dan|kalau|tapi)\W+)?(?:\w+\W+){0,2}"
                         + YEAR.pattern + r"\W*$", re.I)
QUESTION_WORDS = set("""what who whom when where why how which did does do is are was were the a an about
tell me please and apa siapa kapan mana dimana bagaimana mengapa kenapa berapa apakah tentang yang dan
ceritakan jelaskan soal""".split())


@dataclass(frozen=True)
class FollowUp:
    """The question to search for, after carrying context over, and the people it is about."""

    question: str  # as asked
    query: str  # what retrieval sees
    people: tuple[str, ...] = ()  # full names of the people the question (or its context) is about
    carried: tuple[str, ...] = field(default=())  # what came from earlier turns, for display and tests
    again: str = ""  # the earlier question it asks again of another person (see `ASKS_AGAIN`)
    other: str = ""  # the earlier question whose event it sets aside (see `OTHER_EVENT`)


def user_questions(history: Iterable[Any] | None) -> list[str]:
    """Earlier user questions from strings, Gradio message dicts or (user, bot) pairs, oldest first, in
    standard spelling (`spelling.standard`), as the question itself is read."""
    if isinstance(history, (str, bytes)):
        raise TypeError("history is a list of earlier questions (or chat messages), not one string")
    questions: list[str] = []
    for item in history or []:
        if isinstance(item, str):
            questions.append(item)
        elif isinstance(item, dict):
            if item.get("role", "user") == "user":
                questions.append(_content_text(item.get("content")))
        elif isinstance(item, (list, tuple)) and item:
            questions.append(_content_text(item[0]))
    return [standard(q) for q in questions if q and q.strip()]


def turns_newest_first(history: Iterable[Any] | None) -> list[list[str]]:
    """Each earlier turn's texts, question first then any assistant reply, newest turn first."""
    turns: list[list[str]] = []
    for item in history or []:
        if isinstance(item, dict) and item.get("role") == "assistant":
            if turns:
                turns[-1].append(_content_text(item.get("content")))
        elif isinstance(item, (list, tuple)) and item:
            turns.append([_content_text(part) for part in item[:2] if part])
        else:
            turns.extend([q] for q in user_questions([item]))
    return list(reversed(turns))


def _content_text(content: Any) -> str:
    """Gradio content is a string, or a list of parts such as {"type": "text", "text": ...}."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(_content_text(c.get("text", "") if isinstance(c, dict) else c) for c in content)
    if isinstance(content, dict):
        return str(content.get("text", ""))
    return ""


def needs_reply(question: str, history: Iterable[Any] | None, people: Iterable[str]) -> bool:
    """True when only the earlier answer can say who the question points back to: it points to someone
    ("Lalu dia bekerja di mana?"), names no one, the newest earlier question names no one either ("Siapa
    yang membuka bootcamp 2024?") and the history holds no replies (the Python API, the web endpoint and
    the evaluation pass earlier questions only; the chat passes its replies)."""
    earlier = user_questions(history)
    people = list(people)
    replies = any((isinstance(item, dict) and item.get("role") == "assistant")
                  or (isinstance(item, (list, tuple)) and len(item) > 1) for item in history or [])
    return bool(earlier) and not replies and points_to_person(question) \
        and not people_in(question, people) and not people_in(earlier[-1], people)


def points_to_person(question: str) -> bool:
    """True when the question refers back to someone ("he", "dia", "katanya", "yang kedua"), not just to a
    -nya adverb."""
    return bool(ORDINAL.search(question)) \
        or any(m.group(0).lower() not in NOT_POINTERS for m in PERSON_POINTERS.finditer(question))


def by_place(question: str, listed: list[str]) -> list[str]:
    """The person a question points to by place ("yang kedua") among `listed`, in the order an earlier
    turn named them; else the first named, whom a pronoun means."""
    match = ORDINAL.search(question)
    place = PLACES[(match["id"] or match["en"]).lower()] if match else 0
    return listed[place:][:1] if -len(listed) <= place < len(listed) else []


def is_name(word: str) -> bool:
    """The word names something: capitalised ("Summit", "PR") or a number ("2022")."""
    return word[:1].isupper() or word[:1].isdigit()


def is_year(word: str) -> bool:
    return bool(YEAR.fullmatch(word))


def names_in(text: str) -> list[str]:
    """The words of `text` past its first (capitalised as a sentence's) that name something."""
    return [w for w in re.findall(r"[\w#/-]+", text)[1:] if is_name(w)]


def topic_words(question: str) -> str:
    """The content words of an earlier question, to search with a follow-up that points back to it."""
    words = [w for w in re.findall(r"[\w#/-]+", question) if w.lower() not in QUESTION_WORDS]
    return " ".join(words)


def resolve(question: str, history: Iterable[Any] | None, people: Iterable[str]) -> FollowUp:
    """Fill in who and what a follow-up question is about from earlier turns (questions, and the
    assistant's replies when the history holds them)."""
    people = list(people)
    earlier = user_questions(history)
    named = people_in(question, people)
    carried: list[str] = []
    query = question
    again = bool(ASKS_AGAIN.match(question) or ONLY_A_YEAR.match(question))
    before = people_in(earlier[-1], people) if earlier and again else []
    if named and before:  # the earlier question, asked of another person ("What about Ishadi?")
        names = {w.lower() for person in before for w in person.split()}
        topic = " ".join(w for w in topic_words(earlier[-1]).split() if w.lower() not in names)
        return FollowUp(question=question, query=f"{question} ({topic})" if topic else question,
                        people=tuple(named), carried=(topic,) if topic else (), again=earlier[-1])
    if before:  # another topic, asked of the same person ("And what about TikTok?"): hoaxes are not asked
        return FollowUp(question=question, query=f"{before[0]}: {question}", people=tuple(before[:1]),
                        carried=tuple(before[:1]))
    if earlier and OTHER_EVENT.search(question) and not named:
        # The other event: what the follow-up asks itself ("Kalau di acara yang satunya, siapa yang membuka?"),
        # else the earlier question without the names and years that said which event it was about; searched
        # among the other documents.
        own = " ".join(OTHER_EVENT.sub(" ", question).split())
        if any(len(w) >= 4 and w.lower() not in QUESTION_WORDS | OTHER_WORDS for w in re.findall(r"\w+", own)):
            return FollowUp(question=question, query=own, other=earlier[-1])
        first, *rest = re.findall(r"[\w#/-]+", earlier[-1]) or [""]
        frame = " ".join([first, *(w for w in rest if not is_name(w))])
        return FollowUp(question=question, query=frame, carried=(frame,), again=earlier[-1], other=earlier[-1])
    if earlier and again and names_in(question):
        # The earlier question asked of something else it names ("And what about the PR Summit?" after
        # "When was the 2024 bootcamp held?"): its names and years give way, its kind of question stays;
        # of another year only ("And in 2024?"), only its years give way.
        replaced = is_year if ONLY_A_YEAR.match(question) else is_name
        frame = " ".join(w for w in topic_words(earlier[-1]).split() if not replaced(w))
        return FollowUp(question=question, query=f"{question} ({frame})" if frame else question,
                        people=tuple(named), carried=(frame,) if frame else (), again=earlier[-1])
    if earlier and not named and points_to_person(question):
        # The newest turn that names someone: its question first, then the assistant's reply if given
        # ("What was his job title?" after "Who spoke about media policy?" answered by Zakaria's quote).
        before = next((found for turn in turns_newest_first(history) for text in turn
                       if (found := by_place(question, people_in(text, people)))), [])
        named = before
        if named:
            carried.append(named[0])
            query = f"{named[0]}: {question}"
    # A pointer to someone the earlier turns do not name ("Kapan dia membukanya?" after "Siapa yang membuka
    # bootcamp 2024?"): the earlier question's topic is what identifies them.
    unresolved = earlier and not named and points_to_person(question)
    gives_own = bool(named) and bool(OWN_TOPIC.search(question))  # "Terus soal narasi, Heni bilang apa?"
    # Someone, and a whole question of their words: "And what did he say people now prefer over journalistic
    # products?" is about what it says, not the earlier topic ("why good performance is not enough").
    own = [w for w in topic_words(question).split() if len(w) > 2 and w.lower() not in PRONOUNS]
    gives_own = gives_own or (bool(named) and len(own) >= OWN_WORDS and not TOPIC_POINTERS.search(question))
    if earlier and not gives_own and (unresolved or TOPIC_POINTERS.search(question) or CONTINUES.match(question)
                                      or len(topic_words(question).split()) <= 1):
        # the earlier question as it was understood: "Where was it held?" after a question about the summit
        # carries the summit on to "Who took part in it?" (fresh47: it carried only "it held")
        topic = topic_words(resolve(earlier[-1], earlier[:-1], people).query)
        if topic and topic.lower() not in query.lower():
            carried.append(topic)
            query = f"{query} ({topic})"
            named = named or people_in(topic, people)
    return FollowUp(question=question, query=query, people=tuple(named), carried=tuple(carried))
