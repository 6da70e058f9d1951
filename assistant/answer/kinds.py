"""What a passage must hold for the kind of answer asked: a count of what a how-many question counts, a
place, a time of day, a duration, a name beside the position asked about, the hashtag, the expansion of an
abbreviation, a scientific name. `missing` names what a passage lacks as a refusal reason (a key of the
"why" frames in frames.json); the policy (`policy.decide`) takes the first of the reader's passages that
lacks nothing.
"""

from __future__ import annotations

import re

from ..documents.people import people_in
from ..reading.features import ANCHOR, content_word, term_in
from ..reading.lexicon import contains_phrase, name_words, question_terms, role_forms, words
from ..reading.types import (ENUMERATION, ROLE, SENTENCE, SEQUENCE, TITLED, TOKEN, counted, expands, holds, lasts,
                             spelt_out)
from .page import TALK_TITLE
from .understanding import ACRONYM, DURATION_ASKED, STANDS_FOR, Understanding

# The words for the steps of a list told over paragraphs (the summit's sessions), and the steps asked for as such.
STEP_WORDS = r"sesi|sessions?|aspek|aspects?|materi|agenda|segmen|segments?|topi[ck]s?|topik"
STEPS_ASKED = re.compile(rf"\b(?:{STEP_WORDS})(?:nya)?\b", re.I)
# One step named by its word: "the technical session", "sesi manajerial" ("sesi materi" names none).
STEP = re.compile(r"\b([\w-]+) (?:session|aspect|segment)\b|"
                  r"\b(?:sesi|aspek|materi) (?!(?:sesi|aspek|materi)\b)([\w-]+)", re.I)
# How many steps a list told over paragraphs has ("ada berapa aspek materi di PR Summit 2022?").
STEPS_COUNTED = re.compile(rf"\b(?:how many|berapa(?:kah)?)\s+(?:\w+\s+)?(?:{STEP_WORDS})\b", re.I)
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
# When someone took up a post, asked ("When was Heni Yuwono appointed head of the regional office?", "Kapan
# Heni dilantik?"), and told: a passage must say so, not merely date an event the person opened.
OFFICE_TAKEN_ASKED = re.compile(r"\b(?:appointed|appointment|installed|inaugurated|sworn in|took office|took up|"
                                r"assumed (?:office|the post)|dilantik|pelantikan|diangkat|pengangkatan|ditunjuk|"
                                r"penunjukan|mulai menjabat)\b", re.I)
OFFICE_TAKEN = re.compile(r"\b(?:dilantik|pelantikan|melantik|diangkat|pengangkatan|mengangkat|ditunjuk|"
                          r"penunjukan|menjabat|jabatan|appointed|sworn|sejak)(?:nya)?\b", re.I)
# When someone was born or died, asked ("Kapan X lahir?", "When did X die?"), and told: a passage must say so
# ("kelahiran Blitar 4 Februari 1937", "kematian kekasihnya") or give the life's span in brackets after the
# name ("Lothar II (9 Juni 1075 – 4 Desember 1137)", "Liu Ju (…; 128-91 SM)"), not date something else they did.
LIFE_ASKED = re.compile(r"\b(?:lahir|kelahiran(?:nya)?|dilahirkan|born|birth\w*|meninggal|wafat|tewas|gugur|"
                        r"mangkat|died|die|death)\b", re.I)
LIFE = re.compile(r"\b(?:lahir|kelahiran|dilahirkan|born|meninggal|wafat|tewas|gugur|mangkat|kematian(?:nya)?|"
                  r"died|death)\b|\([^)]*\b\d{2,4}\b[^)]*[-–—][^)]*\b\d{2,4}\b", re.I)
# A hashtag asked ("What hashtag was used for the 2024 bootcamp?", "Apa tagarnya?"), and given.
# The news outlet someone works for, asked ("Which media outlet does Arief Rahman work for?", "kerjanya di media
# apa?"), and an outlet named as news names one: a domain, or a word for an outlet ("harian Kompas", "situs
# WENN"). Only asked of someone's work: an outlet asked otherwise may be named bare ("Mainichi Shimbun" answers
# FacQA's "Surat kabar manakah …?"), and a question about the page's own outlet is a page question.
OUTLET_ASKED = re.compile(r"^(?=.*\b(?:work(?:s|ed|ing)? (?:for|at)|(?:be)?kerja(?:nya)? (?:di|untuk))\b)"
                          r"(?=.*\b(?:(?:media|news|press) outlets?|outlets?|news ?(?:web)?sites?|websites?|"
                          r"portal(?: berita)?|koran|surat kabar|media|situs|harian)\b)", re.I)
OUTLET = re.compile(r"\b[\w-]+\.(?:com|co\.id|id|net|org)\b|\b(?:harian|koran|surat kabar|majalah|portal|situs|laman|"
                    r"kantor berita|tabloid|televisi|stasiun televisi|radio)\b", re.I)
# Someone's full name asked ("What is Galih WP's full name?", "Siapa nama lengkap Hendro?").
FULL_NAME_ASKED = re.compile(r"\b(?:full name|complete name|nama (?:lengkap|panjang)(?:nya)?)\b", re.I)
HASHTAG_ASKED = re.compile(r"\b(?:hashtags?|tagar(?:nya)?)\b", re.I)
HASHTAG = re.compile(r"#\w+")
# What an abbreviation stands for, asked ("Apa kepanjangan BPS?", "AMSI itu singkatan dari apa?", "What does
# DJKI stand for?"), of the acronyms the question names.
EXPANSION_ASKED = re.compile(r"\b(?:kepanjangan(?:nya)?|singkatan(?:nya)?|stands? for|short for|abbreviation)\b",
                             re.I)
# A scientific name asked ("Apa nama latin dari penyu hijau?"), and given as news gives one: in brackets after
# the common name, a capitalised genus and a species in lower case ("penyu hijau (Chelonia mydas)").
SCIENTIFIC_ASKED = re.compile(r"\b(?:nama (?:latin|ilmiah)(?:nya)?|scientific name|latin name|binomial)\b", re.I)
SCIENTIFIC = re.compile(r"\(\s*[A-Z][a-z]+(?: [a-z]{3,}){1,2}\s*[),;]")
BESIDE = 4  # words between a position and the name of who holds it ("Kakanwil Kemenkumham Jatim, Heni")


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
    if OUTLET_ASKED.search(question) and not OUTLET.search(text):
        return "no_outlet"  # which outlet: "Ketua AMSI Jatim" names an association, not where he works
    if FULL_NAME_ASKED.search(question) and not fuller_name(understood, text):
        return "no_full_name"  # someone's full name: a passage writing more of it than the question does
    if HASHTAG_ASKED.search(question) and not HASHTAG.search(text):
        return "no_hashtag"  # a hashtag asked: a passage without one does not give it
    if TALK_TITLE.search(question) and not TITLED.search(text):
        return "no_title"  # the title of a talk: a passage naming the talk without its title does not say it
    if DAY_ASKED.search(question) and understood.answer_type != "when" and not DAY_ASKED.search(text):
        return "no_day"  # what happened on one day of the event: a passage must tell of that day ("hari kedua")
    if understood.answer_type == "count":
        if KINDS.search(question) and ENUMERATION.search(text):
            return ""  # "how many kinds of units" is counted off a list of them ("lapas, rutan, …")
        if STEPS_COUNTED.search(question) and not steps_named(question) and SEQUENCE.match(text):
            return ""  # "how many sessions" is counted off a list told over paragraphs ("Pertama …", "Sesi terakhir …")
        if MEASURE.search(question):
            found = holds("count", text) or holds("money", text)  # any number: "(71)", "Rp 3,7 miliar"
        else:
            found = any(term_in(t, counted(text)) for t in counted_terms(question, understood.lang))
        return "" if found else "no_count"
    if understood.answer_type == "where":
        return "" if holds("where", text) else "no_place"
    if understood.answer_type == "when" and TIME_ASKED.search(question):
        return "" if TIME.search(text) else "no_time"  # a time of day: a date alone does not say it
    if understood.answer_type == "when" and LIFE_ASKED.search(question) and not LIFE.search(text):
        return "not_stated"  # when someone was born or died: a date of something else they did is not it
    if understood.answer_type == "when" and OFFICE_TAKEN_ASKED.search(question) and not OFFICE_TAKEN.search(text):
        return "not_stated"  # when someone took office: the date of an event they opened is not it
    if understood.answer_type == "when" and DURATION_ASKED.search(question):
        # how long: a duration, a range of dates or a start and an end, not a date alone
        return "" if lasts(text) else "no_duration"
    return "no_amount" if understood.answer_type == "money" and not holds("money", text) else ""


def fuller_name(understood: Understanding, text: str) -> str:
    """The name of someone a full-name question (`FULL_NAME_ASKED`) is about as `text` writes it, when it has
    more words than the question gives ("Hendro Tri Prasetyo" for "Hendro"); "" else, and for any other
    question. The documents' fullest form is the one known: "What is Galih WP's full name?" is refused, as no
    article writes more than "Galih WP" (a tester got the session's list quoted, fresh49)."""
    if not FULL_NAME_ASKED.search(understood.question):
        return ""
    asked = set(words(understood.question))
    return next((person for person in understood.people
                 if not set(words(person)) <= asked and contains_phrase(text, person)), "")


def steps_named(question: str) -> list[str]:
    """The words naming one step of a list ("the technical session" -> technical, "sesi terakhir" -> terakhir),
    none when the question names no step ("What were the sessions?", "Ada berapa aspek/sesi materi?")."""
    return [w.lower() for m in STEP.finditer(question) for w in m.groups() if w and content_word(w.lower())]


def spelt_out_asked(question: str, text: str) -> str:
    """What the abbreviation a question asks about stands for (`EXPANSION_ASKED`), as `text` spells it out
    (`types.spelt_out`); "" when the question asks no such thing or the text does not spell it out."""
    if not EXPANSION_ASKED.search(question):
        return ""
    return next((found for a in ACRONYM.findall(question) if (found := spelt_out(a, text))), "")


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
