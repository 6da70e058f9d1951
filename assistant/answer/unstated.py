"""The words of a question the documents never use (`unstated`), and the words a question asks by: what it
asks about is not in the text when every word it asks with is such a word, when two of them are and no
passage reads as a paraphrase's answer, or when the word it asks a person or a degree by is one
(`asked_by`). The policy (`policy.decide`) refuses on them.
"""

from __future__ import annotations

import re
from typing import Collection, Mapping

from ..documents.people import PRONOUNS
from ..reading.features import PRECISE, content_word, words
from ..reading.lexicon import clitic_free, related, role_match, roots, translate
from ..retrieval.lexical import stem
from ..schema import Passage
from .understanding import COMPARES, YEAR, Understanding, misspells

UNSTATED = 2  # words of an Indonesian question the documents never use, from which it may refuse (`unstated`)
# Words that name a person as anyone at all ("Siapa pejabat yang menyebut …?": whichever official said it): no
# word the person is asked by (`asked_by`), though the documents may never use them (fresh55).
ANYONE = frozenset("pejabat orang tokoh pihak sosok official person people".split())
# The words an English question asks a person or a degree by: "Who was the moderator …?", "Who was the MC or
# moderator …?", "How satisfied …?", "Who won the content-creation competition …?" (its head noun), "Who
# sponsored …?" (the verb).
# Not "What/which X …?": X is often a kind the text names an instance of ("Which platform …?" for "tiktok").
ASKED_BY_EN = re.compile(r"\bwho (?:was|were|is|are) (?:the |a |an )?(\w+)(?: (?!or\b)\w+)?"
                         r"(?: or (?:the |a |an )?(\w+))?|"
                         r"\bhow (?!many\b|much\b|long\b|old\b|often\b|far\b|soon\b)(\w+)|"
                         r"\bwho (?:won|received|got|was given|was awarded) (?:the |a |an )?"
                         r"((?:(?!at\b|in\b|of\b|for\b|on\b|during\b|and\b)[\w-]+ ?){1,3})|"
                         r"\bwho (?:\w+ly )?(\w+ed)\b", re.I)
# The word a who-question names the person by: just after "siapa" ("Siapa moderator …?", not the verb of
# "Siapa yang menjabat …?") or after "siapa yang jadi" ("… sebagai", "… menjadi").
WHO_BY = re.compile(r"\bsiapa(?:kah)?\s+(?:(?:nama|saja|aja)\s+)?(?!yang\b|yg\b)(\w+)|"
                    r"\bsiapa(?:kah)?\s+yang\s+(?:jadi|menjadi|sebagai|bertindak\s+sebagai)\s+(\w+)", re.I)
# Words a question uses about the documents, the asking, or the kind of answer it wants ("nama", "tahun", the
# reason a why-question asks: "apa alasan dia menyebut …?"), not about what happened.
ABOUT_THE_TEXT = frozenset("""acara kegiatan artikel berita halaman tanggal baris judul penulis sebutkan disebutkan
bandingkan membandingkan pandangan pendapat komentar pesan jelaskan ceritakan tertulis tertera nama tahun hari
bulan waktu jam pukul jumlah kota tempat lokasi jabatan segi pertama kedua ketiga keempat terakhir alasan sebab
tujuan menyebut disebut lengkap arti artinya maksud maksudnya""".split())
# English words that name the kind of answer asked ("What topic did Zakaria cover?"), not a thing asked about.
ABOUT_THE_ANSWER_EN = frozenset("""topic topics subject subjects theme themes message messages point points view views
opinion opinions comment comments name names date dates time times day days year years place places venue location
reason reasons purpose title titles role roles position positions job kind kinds type types sort way ways thing
things number amount word words""".split())


def unstated(understood: Understanding, vocabulary: Collection[str]) -> list[str]:
    """The content words of an Indonesian question that the documents (`vocabulary`: every word of every
    unit) hold in no inflection ("sosialisasi", "fidusia", "pemenang", "lomba", "dilantik"): what it asks
    about is not in the text. Of an English question only the words it asks a person or a degree by are
    looked at (`english_asked_by`: a missing translation is weak evidence); a page question's words are
    left alone, and so are the words that make a question compare ("lebih dulu",
    "masing-masing") and those a question uses about the documents or the kind of answer (`ABOUT_THE_TEXT`).

    A role or office the text writes in another form (`role_words`) is stated.

    Measured before choosing `UNSTATED` = 2: on the gold tuning half, 2 or more such words flag 5 of 9
    unanswerable Indonesian questions and none of 28 answerable ones; on FacQA and TyDi QA 1.0 % and
    2.1 % of questions, nearly all naming someone or something their passages never mention. A question
    in other words than the text's ("Siapa pejabat … yang mengisi materi …?" for "Narasumber …") has
    them too, so they refuse only when the reader finds no passage likely enough to answer (`PARAPHRASE`)."""
    if understood.page:
        return []
    if understood.lang != "id":
        return english_asked_by(understood, vocabulary)
    described = role_words(understood.question, vocabulary)
    return [w for w in asked_words(understood, names=False) if w not in described and not stated(w, vocabulary)
            and not typo(w, vocabulary)]


def elsewhere(understood: Understanding, passages: list[Passage],
              vocabularies: Mapping[str, Collection[str]]) -> list[str]:
    """The words of a question about one event that only other articles use: its event's article
    (`vocabularies`: every word of each titled article, page lines included) holds them in no inflection,
    another does (`unstated` finds the rest). "Bagaimana dengan bootcamp 2024, apakah juga diikuti secara
    daring?" quoted the bootcamp's lead, though only the 2022 summit had online participants (fresh47, fresh50).
    The event is the one article every key of the question anchors its passages to (`Passage.anchored`:
    its event word or year), so untitled passages (a benchmark's) and questions about several events have
    none."""
    if not (understood.events or YEAR.search(understood.question)) or understood.compares:
        return []
    anchored = {p.doc_id for p in passages if p.anchored >= 1.0}
    if len(anchored) != 1 or (here := next(iter(anchored))) not in vocabularies:
        return []
    return [w for w in unstated(understood, vocabularies[here]) if w not in understood.unstated]


TYPO_LENGTH = 7  # how long a word and the one it misspells must be (`typo`): "tindak" is no "tidak" misspelt


def typo(word: str, vocabulary: Collection[str]) -> bool:
    """`word` misspells a word the documents use: one letter dropped, added or changed in a long word
    ("narsumber" for "narasumber", "kemenkumhan" for "kemenkumham": a tester was told the documents never
    mention "narsumber", fresh57), not a word two edits away ("pengarang" is no "pengairan", "dilantik" no
    "dilatih"), nor a short word another ("tindak" is no "tidak": `TYPO_LENGTH`). Only words beginning with
    the same two letters are compared."""
    return len(word) >= TYPO_LENGTH and misspells(word, [w for w in vocabulary
                                                         if w[:2] == word[:2] and len(w) >= TYPO_LENGTH])


def stated(word: str, vocabulary: Collection[str]) -> bool:
    """The documents use an Indonesian word in some inflection, or a word news says it with (`related`).
    An inflection holds the word and stems (Sastrawi) to it: "wakil" is stated by "mewakili", but "usia"
    is not by "antusias", which only holds its letters ("Berapa usia Heni?" was answered, fresh45). Each
    part of a hyphenated word counts ("narasumber" in "narasumber-narasumber"), and so does a word without
    its clitic, which Sastrawi keeps on words it does not know ("personil" in "personilnya")."""
    forms = related((word, *roots(word), *clitic_free(word)))
    if any(form in vocabulary for form in forms):
        return True
    long = [form for form in forms if len(form) >= 4]
    stems = {*long, *(stem(form) for form in long)}
    return any(stem(bare) in stems for w in vocabulary if any(form in w for form in long)
               for part in w.split("-") for bare in (part, *clitic_free(part)))


def english_asked_by(understood: Understanding, vocabulary: Collection[str]) -> list[str]:
    """The words an English question asks a person or a degree by (`ASKED_BY_EN`: "Who was the moderator …?",
    "How satisfied were …?"), as its unstated words, when they have translations
    (`translate`) and the documents use none of them: "How satisfied were participants with the 2024
    bootcamp?" quoted the bootcamp's purpose, though nothing says "puas" (fresh39, a tester). Only those
    words: a dictionary's other senses make the rest of an English question noisy evidence (measured: every
    content word, +5 refusals and -26 answers on the tuning half and the fresh sets)."""
    heads = asked_by_words(ASKED_BY_EN.search(understood.question))
    described = role_words(understood.question, vocabulary)  # "the head of the regional office"
    return [head for head in heads if content_word(head) and head not in ABOUT_THE_ANSWER_EN
            and head not in described and (forms := translate(head))
            and not any(stated(f, vocabulary) for f in forms)]


def role_words(question: str, vocabulary: Collection[str]) -> set[str]:
    """The words of the roles and offices a question names, when the documents write every one of them in
    some form: "Kepala Subbagian Hubungan Masyarakat" is stated where the text writes "Kasubag Humas", and
    "Kantor Wilayah" where it writes "Kanwil"."""
    roles, rest = role_match(question)
    if not roles or not all(any(all(w in vocabulary for w in words(form)) for form in forms) for forms in roles):
        return set()
    return set(words(question)) - set(words(rest))


def asked_words(understood: Understanding, names: bool = True) -> list[str]:
    """The content words of the question that say what it asks, once each: not the words about the text
    or the kind of answer (`ABOUT_THE_TEXT`), not comparing words, not numbers, not the words that point
    to someone ("beliau", "olehnya"), and (unless `names`) not the names of the people it is about."""
    comparing = {w for m in COMPARES.finditer(understood.question) for w in words(m.group(0))}
    named = {w.lower() for person in understood.people for w in words(person)} if names else set()
    return [w for w in dict.fromkeys(words(understood.question)) if content_word(w) and not w.isdigit()
            and w not in ABOUT_THE_TEXT and w.removesuffix("nya") not in ABOUT_THE_TEXT
            and w not in comparing and w not in named and not points(w)]


def asked_beside_event(understood: Understanding) -> set[str]:
    """What a question asks with beside the people it names (`asked_words`) and, unless it expects a date,
    place, count or amount, the words it names its event by: "Cuacanya gimana pas PR Summit 2022?" asks
    only "cuaca". A question of a precise kind is answered only by a passage holding one (`answer_type_ok`),
    so its other words may only frame it: "PR Summit 2022 jatuh pada hari apa?" asks a day, not "jatuh"."""
    asked = set(asked_words(understood))
    return asked if understood.answer_type in PRECISE else asked - set(understood.events)


def asked_by(understood: Understanding) -> str:
    """The word a who-question names the person it asks for by (`WHO_BY`), when the documents never use it
    (`unstated`): "Siapa moderator sesi teknis?" where no one moderates, "Siapa MC waktu pembukaan bootcamp?"
    (read as "pembawa acara") where no one presents. One such word is enough, against two (`UNSTATED`)
    for the rest of a question, and however well a passage reads: it is what the answer must be, not a
    detail beside it, and the role words news uses for the same person are stated through `related`
    ("pembicara", "pemateri" for "narasumber"). The opener was answered as the MC, and the speakers of the
    technical session, read 0.88, as its moderators (fresh39, a tester)."""
    match = WHO_BY.search(understood.question) or ASKED_BY_EN.search(understood.question)
    return next((w for w in asked_by_words(match) if w in understood.unstated and w not in ANYONE), "")


def asked_by_words(match: re.Match | None) -> list[str]:
    """The lower-cased words of what `WHO_BY` or `ASKED_BY_EN` caught ("content-creation competition")."""
    return [w.lower() for group in (match.groups() if match else ()) if group for w in group.split()]


def points(word: str) -> bool:
    """A pronoun, or a function word with the pronoun -nya ("olehnya", "kepadanya")."""
    return word in PRONOUNS or (word.endswith("nya") and not content_word(word[:-3]))
