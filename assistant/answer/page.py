"""Questions about the page rather than the article: its headline, outlet, editor, date line, dateline.

Cleaning keeps these lines in a scraped page's text as page lines (see `documents.cleaning`), and content
units never hold them, so retrieval never offers them. A question asking for one is answered from that
page line of the documents it is about, quoted and cited like any unit.

Which documents: those retrieved whose page holds the question's topic (its words less the page words:
"bootcamp 2024" of "Siapa editor berita bootcamp 2024?", "barometerbali" of "Kapan halaman barometerbali
itu diterbitkan?"), or, when it names none, the best passage's document. The topic is checked word by
word, not by similarity: a page question is mostly page words ("Who edited the … article?"), so the
similarity of the whole question to the article text says little (0.13 for "Which news outlets covered
the two events?", 0.21 for the off-topic "Siapa editor berita cuaca?"). A topic no page holds leaves the
question to the ordinary passages and refusal threshold; a page that lacks the line asked for is refused.
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping

from ..reading.lexicon import ENGLISH_STOP, INDONESIAN_STOP
from ..schema import Document, Passage, Unit

WHEN = r"when|what date|which date|what day|kapan|tanggal|hari apa"
PUBLISHED = (r"(?:published|posted|put online|appeared|terbit|diterbitkan|dimuat|diunggah|tayang|ditayangkan|"
             r"dipublikasikan)(?:nya)?")  # "tanggal tayangnya kapan?"
PAGE_NOUNS = r"articles?|story|page|news|piece|report|it|berita|artikel|halaman|tulisan|laman"
COVERED = r"ran|run|covered|cover|reported|published|carried|wrote"
NEWS_ID = r"berita|artikel|memuat|dimuat|memberitakan|diberitakan|meliput|diliput|menerbitkan|diterbitkan"
EVENT_WORDS = r"digelar|diadakan|dilaksanakan|diselenggarakan|berlangsung|dibuka|dimulai|menggelar|mengadakan|acara"


def _all(*alternatives: str) -> str:
    """A pattern matching a question that holds one word of each of `alternatives`, in any order."""
    return "^" + "".join(rf"(?=.*\b(?:{words})\b)" for words in alternatives)


# Which page line a question asks for, checked in order: the first pattern that matches decides. Words
# that also name article content ("media", "title", "reporters", "covered") count only in a phrase that
# asks about the page ("which media covered …", "title of the article", "who is the reporter").
PAGE_PATTERNS = (
    ("date", r"\b(?:date line|publication date|date of publication|page['’]s date|date (?:on|of) the page|"
             r"baris tanggal|tanggal (?:terbit|halaman|pemuatan|publikasi|tayang)|"
             r"(?:halaman|berita|artikel)(?:nya)? (?:\w+ )?(?:tertanggal|bertanggal))\b"),
    ("date", _all(r"dates?|tanggal(?:nya)?", r"top|shown|printed|displayed|tercantum|tertera|tertulis|atas",
                  PAGE_NOUNS)),
    ("title", r"\b(?:headlines?|judul(?:nya)?|title of (?:the|this|that) (?:article|story|news|report|piece|page)|"
              r"(?:article|story|page|report)['’]s title|what(?:'s| is| was) the title)\b"),
    ("writer", r"\b(?:byline|who wrote|ditulis oleh|siapa (?:yang )?menulis)\b|"
               + _all(r"who|siapa", r"reporters?|(?:wartawan|pewarta|penulis|reporter)(?:nya)?|author|writer") + "|"
               + _all(r"(?:which|what) (?:\w+ )?(?:reporter|journalist|writer|author)", r"wrote|write|written")),
    ("editor", r"\b(?:editors?|edited|(?:editor|redaktur|penyunting)(?:nya)?|disunting)\b"),
    ("caption", r"\b(?:(?:photo|picture|image)(?:'s)? (?:caption|credit)s?|captions?|caption(?:nya)?|"
                r"(?:keterangan|ket) (?:foto|gambar)|foto(?:nya)?|kredit foto)\b"),
    ("credit", r"\b(?:credit line|closing credit|baris kredit)\b"),
    ("dateline", r"\b(?:datelines?|datelined|filed from|kota asal|asal berita)\b|"
                 + _all(r"written|filed|ditulis|dikirim", r"from|dari")),
    ("date", _all(WHEN, PUBLISHED, PAGE_NOUNS)),
    # "berita barometerbali itu tanggal berapa": the date of the news page, unless an event's verb asks
    # the event's date ("Tanggal berapa bootcamp digelar menurut berita itu?")
    ("date", rf"^(?!.*\b(?:{EVENT_WORDS})\b)(?=.*\btanggal(?:nya)?\b)(?=.*\b(?:berita|artikel|halaman|tulisan)\b)"),
    ("dateline", r"\b(?:(?:news )?outlets?|news ?(?:web)?sites?|news portals?|portal (?:berita|apa|mana)|"
                 r"situs (?:berita|web|apa|mana)|media (?:outlets?|berita)|news media|newspapers?|koran|surat kabar)\b|"
                 + _all(r"(?:which|what) (?:news )?(?:web)?(?:site|media)", COVERED) + "|"
                 + _all(r"(?:media|laman) (?:apa|mana)", NEWS_ID)),
)
PAGE_QUESTIONS = tuple((kind, re.compile(pattern, re.I)) for kind, pattern in PAGE_PATTERNS)
# A line the question sets aside is not asked for: "Who wrote it (not the editor)?", "selain editornya".
NEGATED = re.compile(r"\b(?:not|bukan|selain|except|other than)\s+(?:the |its |sang )?\w+", re.I)
# The title of a talk, a session or a speech ("Apa judul materi yang dibawakan Nerry?", "What was the title of
# Heni's keynote?"): asked of what someone presented, not of the page.
TALKS = (r"talk|speech|keynote|presentation|lecture|session|remark|"
         r"materi|presentasi|paparan|pidato|sambutan|ceramah|makalah|sesi")
TITLE_WORDS = r"title|judul(?:nya)?|tajuk(?:nya)?|tema(?:nya)?|theme"
TALK_TITLE = re.compile(rf"\b(?:{TITLE_WORDS})\b(?:(?!\b(?:{PAGE_NOUNS})\b)[^?.]){{0,40}}?\b(?:{TALKS})\w*|"
                        rf"\b(?:{TALKS})\w*['’]?s? (?:{TITLE_WORDS})\b", re.I)
# Words that say a page line or a page is meant, not which page: a page question's topic is its other words.
PAGE_WORDS = frozenset("""
article articles story stories news page pages piece report site sites website websites web outlet outlets
media portal portals newspaper newspapers paper publication com co net org event events both two line
headline headlines title dateline datelined date day published publish posted appeared ran run covered
cover carried reported wrote written filed edited editor editors byline credit credited reporter reporters
writer author city town place name
berita artikel halaman tulisan laman situs koran acara kegiatan kedua keduanya dua masing judul
penulis wartawan redaktur pewarta penyunting disunting ditulis menulis baris tanggal
kredit kota asal terbit diterbitkan dimuat memuat diunggah tayang ditayangkan dipublikasikan memberitakan
diberitakan meliput diliput liputan coverage menerbitkan tertera hari
top shown printed displayed tercantum tertulis bagian atas listed named credited given
sent dikirim dikirimkan code kode closes closing close ends end penutup menutup appear appears show shows
journalist journalists jurnalis author authors writers section rubric category rubrik kategori kanal masuk
caption captions captionnya photo photos picture image foto fotonya gambar keterangan ket under below say says
tertanggal bertanggal
""".split()) | ENGLISH_STOP | INDONESIAN_STOP
WORD = re.compile(r"\w+")
# A topic word matches another form on the page ("hoaxes" and "hoax") when one is the other plus a short
# ending and they share this many first letters; "jatimnow" is not a form of "Jatim".
SHARED_PREFIX = 4
ENDING = 2
# A question about several events names no topic ("Which outlets covered the two events?"): it is about
# the documents of this many first passages.
EVERY_DOCUMENT_PASSAGES = 5
# The position of a page line's passage: before every unit of the article (units count from 0).
PAGE_LINE = -1
# A news agency's closing credit ("(BB/502/hms/Kemenkumham Jatim/redho)") is the byline of a page without a
# writer line: who wrote it. It names no editor, so an editor question about such a page is refused: four
# fresh-eyes testers expected "the page names no editor" where it cited the credit paragraph (fresh48-51),
# and read "redho" as the editor. Nor is a writer question answered by the editor's line: two testers
# expected "the page does not say" where it cited "Editor : Yanuar D".
FALLBACK = {"writer": "credit"}


def page_kind(question: str) -> str | None:
    """The page line `question` asks for ("date", "title", "writer", "editor", "dateline", "credit"), or None
    for a question about the article's content ("When was the bootcamp held?")."""
    return next(iter(page_kinds(question)), None)


def page_kinds(question: str) -> tuple[str, ...]:
    """Every page line `question` asks for, the deciding one first: "What is the headline of the
    barometerbali story and what date is shown?" asks for two, "Who wrote it (not the editor)?" one."""
    question = NEGATED.sub(" ", question)
    kinds = (kind for kind, pattern in PAGE_QUESTIONS if pattern.search(question))
    return tuple(dict.fromkeys(k for k in kinds if not (k == "title" and TALK_TITLE.search(question))))


def page_topic(question: str) -> list[str]:
    """The words of a page question that say which page it means, lower-cased, in order. A page word with
    -nya ("tayangnya", "penulisnya") is still a page word."""
    words = (w.lower() for w in WORD.findall(question))
    return list(dict.fromkeys(w for w in words if len(w) > 1 and w not in PAGE_WORDS
                              and not (w.endswith("nya") and w[:-3] in PAGE_WORDS)))


def same_word(a: str, b: str) -> bool:
    """`a` and `b` are one word, or forms of one: the shorter (of `SHARED_PREFIX` letters or more) begins
    the longer, which goes on for at most `ENDING` letters."""
    short, long = sorted((a, b), key=len)
    return a == b or (len(short) >= SHARED_PREFIX and len(long) - len(short) <= ENDING
                      and long.startswith(short))


def holds(page_words: set[str], word: str) -> bool:
    """True when the page has `word` or another form of it."""
    return word in page_words or any(same_word(word, w) for w in page_words)


def held(page_words: set[str], topic: list[str]) -> set[str]:
    """The words of `topic` the page has, in some form; two words in a row count when the page writes
    them as one: "Barometer Bali" is the outlet "barometerbali"."""
    found = {word for word in topic if holds(page_words, word)}
    for first, second in zip(topic, topic[1:]):
        if holds(page_words, first + second):
            found |= {first, second}
    return found


def page_line(doc: Document, kind: str) -> tuple[str, int, int] | None:
    """The document's first page line of `kind` (or of its fallback kind), None when it has neither."""
    for wanted in (kind, FALLBACK.get(kind)):
        line = next((line for line in doc.page_lines if line[0] == wanted), None)
        if line:
            return line
    return None


def page_passages(kind: str, documents: Mapping[str, Document], doc_ids: Iterable[str]) -> list[Passage]:
    """A passage citing the `kind` page line of each document of `doc_ids`, in order; documents without
    one are skipped. The line is looked up, not retrieved, and is exactly what was asked for: score,
    similarity and reading are 1.0."""
    passages = []
    for doc_id in doc_ids:
        doc = documents.get(doc_id)
        line = page_line(doc, kind) if doc else None
        if doc is None or line is None:
            continue
        found, start, end = line
        unit = Unit(chunk_id=f"{doc_id}#page-{found}", doc_id=doc_id, text=doc.text[start:end], start=start,
                    end=end, position=PAGE_LINE)
        passages.append(Passage(unit=unit, score=1.0, title=doc.title, source=doc.source, date=doc.date,
                                dense=1.0, reading=1.0))
    return passages


def asked_about(question: str, every: bool, passages: list[Passage],
                documents: Mapping[str, Document]) -> list[str]:
    """The ids of the documents a page question is about, best first (see the module's docstring).

    With a topic: the first retrieved document whose page holds all of it, or with `every` each retrieved
    document holding part of it, when together they hold all. Without one: the best passage's document, or
    with `every` those of the first passages."""
    retrieved = list(dict.fromkeys(p.doc_id for p in passages))
    topic = page_topic(question)
    if not topic:
        first = passages[:EVERY_DOCUMENT_PASSAGES] if every else passages[:1]
        return list(dict.fromkeys(p.doc_id for p in first))
    found: dict[str, set[str]] = {}
    for doc_id in (d for d in retrieved if d in documents):
        found[doc_id] = held({w.lower() for w in WORD.findall(documents[doc_id].text)}, topic)
    if not every:
        return next(([d] for d, words in found.items() if len(words) == len(topic)), [])
    chosen = [d for d, words in found.items() if words]
    return chosen if set().union(*(found[d] for d in chosen)) == set(topic) else []


def answer_from_page(kind: str, question: str, every: bool, passages: list[Passage],
                     documents: Mapping[str, Document]) -> list[Passage]:
    """The passages to answer a page question from: the `kind` page lines of the documents it is about,
    then those of any other page line it asks for (`page_kinds`); none, so a refusal, when those pages show
    no such line (the jatimnow page has no date line), or `passages` unchanged when it names a topic no page
    holds."""
    about = asked_about(question, every, passages, documents)
    if not about:
        return passages
    kinds = dict.fromkeys((kind, *page_kinds(question)))
    return [passage for each in kinds for passage in page_passages(each, documents, about)]
