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

When the passages were read, the best passage is the reader's first, the similarity threshold applies to
the best similarity among the candidates (is anything on topic at all?), and runners-up are compared by
reading probability; otherwise by retrieval's order and score, as before reading existed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Collection, Protocol

from ..config import Settings
from ..documents.people import PRONOUNS, people_in
from ..reading.features import ANCHOR, PRECISE, anchors_in, content_word, term_in, words
from ..reading.lexicon import (clitic_free, contains_phrase, name_words, question_terms, related, role_forms, role_match,
                               roles_in, roots, translate)
from ..reading.types import ENUMERATION, ROLE, SENTENCE, SEQUENCE, TITLED, TOKEN, counted, expands, holds, lasts
from ..schema import Answer, Passage
from .page import PAGE_LINE, TALK_TITLE
from .understanding import (BESIDES, COMPARES, DIFFERENCE, DURATION_ASKED, EVENT_NAME, FIRST_ASKED, STANDS_FOR,
                            THE_EVENTS, YEAR, Understanding, set_aside)


TYPE_WINDOW = 3  # how deep in the reader's order a passage holding the kind asked may come from
# A count of kinds ("how many kinds of units", "berapa jenis satker"), which a list answers.
KINDS = re.compile(r"\b(?:how many (?:kinds|types|sorts|categories)|berapa (?:jenis|macam|kategori|tipe))\b", re.I)
# A time of day asked ("What time did the summit start?", "Pukul berapa acara dibuka?"), and one given.
TIME_ASKED = re.compile(r"\b(?:(?:at )?what time|(?:pukul|jam) berapa(?:kah)?)\b", re.I)
TIME = re.compile(r"\b(?:pukul|jam)\s*\d|\b\d{1,2}[.:]\d{2}\b|\b(?:WIB|WITA|WIT|pagi|siang|sore|malam|"
                  r"morning|afternoon|evening|night|a\.m\.|p\.m\.)\b", re.I)
# A quantity measured rather than things counted ("Berapakah usia John Hall?", "How old …?", "ke berapa"): the
# text gives the number bare ("John Hall (71)"), seldom beside the word asked.
MEASURE = re.compile(r"\b(?:how (?:old|large|big|far|high|tall|heavy|fast|hot|cold)|what percent\w*|"
                     r"(?:ke|yang ke)[- ]berapa(?:kah)?|usia(?:nya)?|umur(?:nya)?|luas(?:nya)?|tinggi(?:nya)?|"
                     r"panjang(?:nya)?|berat(?:nya)?|bobot(?:nya)?|suhu(?:nya)?|temperatur(?:nya)?|persen\w*|"
                     r"tingkat|kecepatan(?:nya)?|jarak(?:nya)?|nilai(?:nya)?|harga(?:nya)?|kadar(?:nya)?|"
                     r"volume(?:nya)?|kapasitas(?:nya)?)\b", re.I)
# One day of an event asked ("on the second day of the bootcamp", "pada hari kedua bootcamp"), and told: a
# passage giving the event's dates ("3-6 Juni") does not say what happened on its second day.
DAY = (r"(?:first|second|third|fourth|fifth|last|final|1st|2nd|3rd|4th|5th) day|"
       r"day (?:one|two|three|four|five|[1-5])|hari (?:pertama|kedua|ketiga|keempat|kelima|terakhir|ke-?[1-5])")
DAY_ASKED = re.compile(rf"\b(?:{DAY})\b", re.I)
# Who took part ("Siapa peserta …?", "Who attended …?"), and the speakers, who are not its answer.
PARTICIPANTS = re.compile(r"\b(?:peserta(?:nya)?|participants?|attend\w*|took part|take part|taking part|ikut serta|ikut|"
                          r"mengikuti|diikuti|hadir|menghadiri|dihadiri)\b", re.I)
# Who asked as a group or an institution ("Which office organised …?", "Siapa penyelenggaranya?", "Who was
# it for?"): a lead naming only the office ("Kanwil Kemenkumham Jatim menggelar …") answers it.
GROUP_ASKED = re.compile(r"\b(?:organi[sz]\w*|host\w*|put on|held|sponsor\w*|fund\w*|compan(?:y|ies)|offices?|"
                         r"institutions?|agenc(?:y|ies)|outlets?|publish\w*|audience|for whom|aimed|target\w*|"
                         r"penyelenggara\w*|menyelenggarakan|diselenggarakan|(?:meng|di)gelar|(?:meng|di)adakan|"
                         r"instansi|lembaga|kantor|satker|perusahaan|media|sasaran\w*|ditujukan)\b", re.I)
SPEAKERS = re.compile(r"\b(?:narasumber|pemateri|pembicara|speakers?|presenters?|resource persons?)\b", re.I)
# Who spoke, as a verb ("Who spoke at the 2024 bootcamp?", "Siapa saja yang memberi sambutan …?"): each
# person quoted. The speakers as a noun ("narasumber", "speakers") are the sessions' list (`listing`).
SPOKE = re.compile(r"\b(?:spoke|speak|talked|quoted|gave (?:a |the )?(?:speech|speeches|remarks|talks?)|"
                   r"berbicara|bicara|memberi(?:kan)? sambutan|menyampaikan sambutan|dikutip)\b", re.I)
# ... unless it asks who spoke about something or for someone: one person, found the ordinary way.
ABOUT_OR_FOR = re.compile(r"\b(?:about|on|regarding|for|behalf|tentang|soal|mengenai|terkait|mewakili|atas nama)\b",
                          re.I)
# When someone took up a post, asked ("When was Heni Yuwono appointed head of the regional office?", "Kapan
# Heni dilantik?"), and told: a passage must say so, not merely date an event the person opened.
OFFICE_TAKEN_ASKED = re.compile(r"\b(?:appointed|appointment|installed|inaugurated|sworn in|took office|took up|"
                                r"assumed (?:office|the post)|dilantik|pelantikan|diangkat|pengangkatan|ditunjuk|"
                                r"penunjukan|mulai menjabat)\b", re.I)
OFFICE_TAKEN = re.compile(r"\b(?:dilantik|pelantikan|melantik|diangkat|pengangkatan|mengangkat|ditunjuk|"
                          r"penunjukan|menjabat|jabatan|appointed|sworn|sejak)(?:nya)?\b", re.I)
# A hashtag asked ("What hashtag was used for the 2024 bootcamp?", "Apa tagarnya?"), and given.
HASHTAG_ASKED = re.compile(r"\b(?:hashtags?|tagar(?:nya)?)\b", re.I)
HASHTAG = re.compile(r"#\w+")
# What an abbreviation stands for, asked ("Apa kepanjangan BPS?", "AMSI itu singkatan dari apa?", "What does
# DJKI stand for?"), of the acronyms the question names.
EXPANSION_ASKED = re.compile(r"\b(?:kepanjangan(?:nya)?|singkatan(?:nya)?|stands? for|short for|abbreviation)\b",
                             re.I)
ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
# A scientific name asked ("Apa nama latin dari penyu hijau?"), and given as news gives one: in brackets after
# the common name, a capitalised genus and a species in lower case ("penyu hijau (Chelonia mydas)").
SCIENTIFIC_ASKED = re.compile(r"\b(?:nama (?:latin|ilmiah)(?:nya)?|scientific name|latin name|binomial)\b", re.I)
SCIENTIFIC = re.compile(r"\(\s*[A-Z][a-z]+(?: [a-z]{3,}){1,2}\s*[),;]")
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
UNSTATED = 2  # words of an Indonesian question the documents never use, from which it may refuse (`unstated`)
# A reading probability above this takes a question's unstated words for a paraphrase: measured on the
# Indonesian questions of the tuning half and four fresh sets (none of the test half), answerable ones with
# 2+ unstated words read 0.72-0.89 at best, unanswerable ones 0.13-0.59.
PARAPHRASE = 0.65
# The word a who-question names the person by: just after "siapa" ("Siapa moderator …?", not the verb of
# "Siapa yang menjabat …?") or after "siapa yang jadi" ("… sebagai", "… menjadi").
# The word an English question asks a person, a thing or a degree by: "Who was the moderator …?", "What award
# did … receive?", "How satisfied …?".
ASKED_BY_EN = re.compile(r"\bwho (?:was|were|is|are) (?:the |a |an )?(\w+)|"
                         r"\b(?:what|which) (\w+) (?:did|was|were|is|are|does|do|has|had)\b|"
                         r"\bhow (?!many\b|much\b|long\b|old\b|often\b|far\b|soon\b)(\w+)", re.I)
WHO_BY = re.compile(r"\bsiapa(?:kah)?\s+(?:(?:nama|saja|aja)\s+)?(?!yang\b|yg\b)(\w+)|"
                    r"\bsiapa(?:kah)?\s+yang\s+(?:jadi|menjadi|sebagai|bertindak\s+sebagai)\s+(\w+)", re.I)
# Words a question uses about the documents, the asking, or the kind of answer it wants ("nama", "tahun", the
# reason a why-question asks: "apa alasan dia menyebut …?"), not about what happened.
ABOUT_THE_TEXT = frozenset("""acara kegiatan artikel berita halaman tanggal baris judul penulis sebutkan disebutkan
bandingkan membandingkan pandangan pendapat komentar pesan jelaskan ceritakan tertulis tertera nama tahun hari
bulan waktu jam pukul jumlah kota tempat lokasi jabatan segi pertama kedua ketiga keempat terakhir alasan sebab
tujuan menyebut disebut""".split())
# English words that name the kind of answer asked ("What topic did Zakaria cover?"), not a thing asked about.
ABOUT_THE_ANSWER_EN = frozenset("""topic topics subject subjects theme themes message messages point points view views
opinion opinions comment comments name names date dates time times day days year years place places venue location
reason reasons purpose title titles role roles position positions job kind kinds type types sort way ways thing
things number amount word words""".split())
BESIDE = 4  # words between a position and the name of who holds it ("Kakanwil Kemenkumham Jatim, Heni")
# One step of a list told over paragraphs, named by its word: "the technical session", "sesi manajerial".
STEPS_ASKED = re.compile(r"\b(?:sesi|sessions?|aspek|aspects?|materi|agenda|segmen|segments?|topi[ck]s?|topik)\b",
                         re.I)  # the steps of a list told over paragraphs, asked for as such
STEP = re.compile(r"\b([\w-]+) (?:session|aspect|segment)\b|\b(?:sesi|aspek|materi) ([\w-]+)", re.I)


class Answerer(Protocol):
    """Anything that answers from ranked passages within this policy (extractive today)."""

    def answer(self, understood: Understanding, passages: list[Passage]) -> Answer: ...


def threshold(understood: Understanding, settings: Settings) -> float:
    """The similarity the best passage needs, by whether the question shares the documents' language."""
    if understood.same_language:
        return settings.refusal_threshold_same_lang
    return settings.refusal_threshold_cross_lang


def answer_type_ok(understood: Understanding, text: str) -> bool:
    """Whether `text` holds the kind of answer the question asks for (`missing`)."""
    return not missing(understood, text)


def missing(understood: Understanding, text: str) -> str:
    """What `text` lacks of the kind of answer asked, as a refusal reason ("no_count", "no_person", …; a key
    of frames.json's "why"), or "" when it holds it. A count question needs a count of what it asks about
    ("Ketiga narasumber" does not say how many people took part), a quantity measured (`MEASURE`) any
    number, a time of day asked a time (`TIME_ASKED`), a money question an amount, a name question
    someone's name (`asks_name`), a question who took part a passage that does not introduce the speakers
    (a speaker is no participant: "Ketiga narasumber yaitu Galih WP, …" shares "peserta" and names with
    "Siapa peserta …?", and the reader put it above "… itu diikuti seluruh tim humas dari satker jajaran"),
    a question who stood in for whom someone besides the person it names or describes (the sentence
    introducing the immigration chief names only him); other kinds are the reader's to weigh, not a reason
    to refuse."""
    question = understood.question
    if understood.name_asked:  # someone's name, beside the position asked about if it names one
        named = named_beside(text, understood.holder, understood.names) if understood.holder \
            else bool(people_in(text, understood.names))
        if not named:
            return "no_name"
    if understood.answer_type == "who" and STANDS_FOR.search(question) and not understood.name_asked \
            and understood.names \
            and not set(people_in(text, understood.names)) - {*understood.people, *understood.described}:
        return "no_person"  # who stood in for whom: someone beside the one asked about (`STANDS_FOR`)
    if understood.answer_type == "who" and understood.names and not GROUP_ASKED.search(question) \
            and not PARTICIPANTS.search(question) \
            and not people_in(text, understood.names) and not ROLE.search(text):
        return "no_person"  # who did something: a person or a role, not the office's lead (`GROUP_ASKED` aside)
    if understood.answer_type in ("who", "list") and PARTICIPANTS.search(question) \
            and not SPEAKERS.search(question) and SPEAKERS.search(text):
        return "no_person"  # who took part: not the speakers a passage introduces ("Ketiga narasumber yaitu …")
    if EXPANSION_ASKED.search(question) and (acronyms := ACRONYM.findall(understood.question)) \
            and not any(expands(a, text) for a in acronyms):
        return "no_expansion"  # what an abbreviation stands for: a passage only using it does not say
    if SCIENTIFIC_ASKED.search(question) and not SCIENTIFIC.search(text):
        return "no_scientific_name"  # a scientific name asked: a passage with the common name only lacks it
    if HASHTAG_ASKED.search(question) and not HASHTAG.search(text):
        return "no_hashtag"  # a hashtag asked: a passage without one does not give it
    if TALK_TITLE.search(question) and not TITLED.search(text):
        return "no_title"  # the title of a talk: a passage naming the talk without its title does not say it
    if DAY_ASKED.search(question) and understood.answer_type != "when" and not DAY_ASKED.search(text):
        return "no_day"  # what happened on one day of the event: a passage must tell of that day ("hari kedua")
    if understood.answer_type == "count":
        if KINDS.search(question) and ENUMERATION.search(text):
            return ""  # "how many kinds of units" is counted off a list of them ("lapas, rutan, …")
        if MEASURE.search(question):
            found = holds("count", text) or holds("money", text)  # any number: "(71)", "Rp 3,7 miliar"
        else:
            found = any(term_in(t, counted(text)) for t in counted_terms(question, understood.lang))
        return "" if found else "no_count"
    if understood.answer_type == "where":
        return "" if holds("where", text) else "no_place"
    if understood.answer_type == "when" and TIME_ASKED.search(question):
        return "" if TIME.search(text) else "no_time"  # a time of day: a date alone does not say it
    if understood.answer_type == "when" and OFFICE_TAKEN_ASKED.search(question) and not OFFICE_TAKEN.search(text):
        return "not_stated"  # when someone took office: the date of an event they opened is not it
    if understood.answer_type == "when" and DURATION_ASKED.search(question):
        # how long: a duration, a range of dates or a start and an end, not a date alone
        return "" if lasts(text) else "no_duration"
    return "no_amount" if understood.answer_type == "money" and not holds("money", text) else ""


def sure_count(understood: Understanding, passage: Passage) -> bool:
    """A how-many question's count of what it asks about, found by the reader where the words differ: a
    passage the reader reads as a paraphrase's answer (`PARAPHRASE`) holding a number. News counts by a
    classifier or another word than the question's ("menewaskan 13 orang" for "berapakah korban …?", "14
    distrik" for "jumlah kecamatan", "dua belas volume" for "berapakah serial …?"), which the count check
    misses. Measured on FacQA and TyDi QA, the reader read such answers 0.68-0.88; on the gold tuning half
    and the fresh sets, the count-less passages of unanswerable how-many questions read at most 0.47."""
    return understood.answer_type == "count" and passage.reading > PARAPHRASE \
        and (holds("count", passage.text) or holds("money", passage.text))


def counted_terms(question: str, lang: str) -> list[str]:
    """What a how-many question counts: its content words (translated when English) but the names that
    say which event it is about ("Kumham PR Bootcamp 2024") and their role forms ("Kemenkumham"), which
    sit beside any count in the article ("Kanwil Kemenkumham Jatim merupakan satu-satunya kanwil"). The
    question particle -kah is no part of what is counted ("Berapa kategorikah …?" counts "kategori")."""
    names = [a for a in ANCHOR.findall(question) if a[:1].isupper() or a[:1].isdigit()]
    named = {w.lower() for w in names} | {w.lower() for form in role_forms(" ".join(names)) for w in form.split()}
    terms = [t[:-3] if lang == "id" and t.endswith("kah") and len(t) > 6 else t
             for t in question_terms(question, lang)]
    return [t for t in terms if content_word(t) and t not in named]


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
    lines = [p for p in passages if p.unit.position == PAGE_LINE] if understood.page else []
    if lines:  # the page lines asked for, looked up (`answer.page`): what they hold is what was asked
        return Decision(lines[:settings.max_citations])
    if understood.page and not passages:
        return refuse("page")
    ask = understood.ask
    if ask and ask.unknown_name:
        return refuse("unknown", ask.who)
    if len(understood.unstated) >= UNSTATED and paraphrase_read(passages) <= PARAPHRASE:
        return refuse("unstated", ", ".join(understood.unstated))  # unless the reader reads a paraphrase's answer
    if not ask and (asked := asked_beside_event(understood)) and asked <= set(understood.unstated):
        return refuse("unstated", ", ".join(sorted(asked)))  # all it asks of whom or which event it names is
        # unstated: "Apa hobi Arief Rahman?", "Cuacanya gimana pas PR Summit 2022, hujan nggak?"
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
            and not most_similar_said(understood, best, passages):
        return refuse("not_stated")
    quoted = each_speaker(understood, best, pool, settings) if read else []
    if quoted:
        return Decision(quoted)
    if read and understood.answer_type == "list":
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


def titles(text: str, names: list[str]) -> bool:
    """A role word stands as a title before one of `names` (first names: "Sultan Muhammad Khan" is no title
    of Kubilai Khan's), with at most four capitalised words between ("Kadiv Keimigrasian Hendro",
    "Kakanwil Kemenkumham Jatim, Heni"), the way Indonesian news introduces people."""
    return any(re.search(rf"(?i:{ROLE.pattern})(?:,?\s+[A-Z][\w-]*){{0,4}},?\s+{re.escape(name)}\b", text)
               for name in names)


def unstated(understood: Understanding, vocabulary: Collection[str]) -> list[str]:
    """The content words of an Indonesian question that the documents (`vocabulary`: every word of every
    unit) hold in no inflection ("sosialisasi", "fidusia", "pemenang", "lomba", "dilantik"): what it asks
    about is not in the text. An English question's words are left alone (a missing translation is no
    evidence), and so are a page question's, the words that make a question compare ("lebih dulu",
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
    return [w for w in asked_words(understood, names=False) if w not in described and not stated(w, vocabulary)]


def stated(word: str, vocabulary: Collection[str]) -> bool:
    """The documents use an Indonesian word in some inflection, or a word news says it with (`related`)."""
    return any(form in vocabulary or (len(form) >= 4 and term_in(form, vocabulary))
               for form in related((word, *roots(word), *clitic_free(word))))


def english_asked_by(understood: Understanding, vocabulary: Collection[str]) -> list[str]:
    """The word an English question asks a person, a thing or a degree by (`ASKED_BY_EN`: "Who was the
    moderator …?", "How satisfied were …?"), as the one unstated word of the question, when it has translations
    (`translate`) and the documents use none of them: "How satisfied were participants with the 2024
    bootcamp?" quoted the bootcamp's purpose, though nothing says "puas" (fresh39, a tester). Only that
    word: a dictionary's other senses make the rest of an English question noisy evidence (measured: every
    content word, +5 refusals and -26 answers on the tuning half and the fresh sets)."""
    match = ASKED_BY_EN.search(understood.question)
    head = next((w.lower() for w in match.groups() if w), "") if match else ""
    if not head or not content_word(head) or head in ABOUT_THE_ANSWER_EN \
            or head in role_words(understood.question, vocabulary):  # "the head of the regional office"
        return []
    forms = translate(head)
    return [head] if forms and not any(stated(f, vocabulary) for f in forms) else []


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
    by = next((w.lower() for w in match.groups() if w), "") if match else ""
    return by if by in understood.unstated else ""


def points(word: str) -> bool:
    """A pronoun, or a function word with the pronoun -nya ("olehnya", "kepadanya")."""
    return word in PRONOUNS or (word.endswith("nya") and not content_word(word[:-3]))


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


def named_beside(text: str, positions: tuple[str, ...], names: tuple[str, ...]) -> str:
    """The person of `names` a word of whose name stands within `BESIDE` words of a form of `positions`, in
    one sentence, after it first, then before it ("Kadiv Keimigrasian Hendro Tri Prasetyo", "Zaeroji, Kakanwil
    …", "Hendro yang mewakili Kakanwil Kemenkumham Jatim Zaeroji": Zaeroji); "" when none. One pass over
    each sentence's words per position, however many people a large collection names."""
    owner = {w: person for person in names for w in name_words(person)}
    forms = [tuple(TOKEN.findall(position.lower())) for position in positions]
    for sentence in SENTENCE.split(text):
        tokens = TOKEN.findall(sentence.lower())
        for form in filter(None, forms):
            for i in range(len(tokens) - len(form) + 1):
                if tuple(tokens[i:i + len(form)]) == form:
                    end = i + len(form)
                    # after it first ("Kakanwil Kemenkumham Jatim, Heni Yuwono"): a name before it is often
                    # another clause's subject ("Hendro yang mewakili Kakanwil Kemenkumham Jatim Zaeroji")
                    nearest = tokens[end:end + BESIDE + 1] + tokens[max(0, i - BESIDE - 1):i][::-1]
                    found = next((owner[w] for w in nearest if w in owner), "")
                    if found:
                        return found
    return ""


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
    named = [w.lower() for m in STEP.finditer(understood.question) for w in m.groups() if w and content_word(w.lower())]
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
