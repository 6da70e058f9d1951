"""Extractive answers: quote the evidence verbatim with [n] markers, framed in the question's language
with speaker, role, outlet and date. No text is generated, so every claim in an answer is a quotation of
the passage its marker points to. Which passages, and whether to refuse, is `policy`'s decision.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..config import Settings
from ..documents.attribution import PARENTHETICAL
from ..documents.cleaning import credit_match, dateline_match
from ..documents.people import people_in
from ..reading.lexicon import contains_phrase, in_english
from ..reading.types import DAY_RANGE, span
from ..schema import Answer, Citation, Passage
from . import policy
from .frames import frames, glossed, published, refusal
from .claims import day_verdict
from .kinds import (HASHTAG, HASHTAG_ASKED, STEP, STEPS_ASKED, STEPS_COUNTED, fuller_name, named_beside,
                    spelt_out_asked)
from .understanding import DURATION_ASKED, WHO_QUESTION, Understanding


def citation(number: int, passage: Passage) -> Citation:
    """Citation `number` for a passage: its unit's exact text and offsets, with the document's metadata."""
    unit = passage.unit
    return Citation(number=number, doc_id=unit.doc_id, chunk_id=unit.chunk_id, text=unit.text,
                    start=unit.start, end=unit.end, title=passage.title, source=passage.source,
                    date=passage.date, speaker=unit.speaker, role=unit.role, score=passage.score)


QUOTE_MARKS = "“\"'‘"


def direct(text: str) -> bool:
    """The unit opens with a quotation mark: the speaker's own words, not the reporter's about them."""
    return text[:1] in QUOTE_MARKS


def lead(c: Citation, lang: str) -> str:
    """"Heni Yuwono (Kakanwil Kemenkumham Jatim) said, in “Title” (jatimnow.com, published 3 June 2024):" for the
    speaker's own words; "“Title” (…) reports, on Heni Yuwono (…):" for the reporter's words about them
    ("Pada masa kini, lanjut Heni, …"), which "said" would pass off as a quotation of Heni. For an English
    reader the role is glossed in English when the role table knows all of it (`lexicon.in_english`), and
    so is a speaker the text names only by a role ("Kepala Biro Humas, Hukum dan Kerjasama (head of the
    public relations bureau) said", which read as a name to an English tester, fresh45)."""
    where = ", ".join(x for x in (c.source, published(c.date, lang)) if x)
    article = f"“{c.title}”" + (f" ({where})" if where else "") if c.title else where
    english = in_english(c.role or c.speaker) if lang == "en" else ""  # "Kadiv Keimigrasian: division head for …"
    if c.role:
        who = f"{c.speaker} ({c.role}: {english})" if english else f"{c.speaker} ({c.role})"
    else:
        who = f"{c.speaker} ({english})" if c.speaker and english else c.speaker
    said = "who" if direct(c.text) else "reported"
    key = (f"{said}_in_article" if article else said) if who else ("article" if article else "none")
    return frames()[lang][key].format(who=who, article=article)


def compose(citations: list[Citation], lang: str) -> str:
    """Quoted units with [n] markers; a new lead line whenever the speaker, the article, or whose words
    they are changes."""
    lines: list[str] = []
    previous: tuple[str, str, bool] | None = None
    for c in citations:
        key = (c.doc_id, c.speaker, direct(c.text))
        if key != previous:
            lines.append(lead(c, lang))
            previous = key
        quoted = c.text if direct(c.text) else f"“{c.text}”"
        lines.append(f"{quoted} [{c.number}]")
    return "\n".join(lines)


def short(understood: Understanding, citations: list[Citation]) -> str:
    """"Singkatnya: 3-6 Juni [1]": the date or place a when- or where-question asks, as the first quote writes
    it (`types.span`; "In short: 3-6 June [1]", its month and day names in English, for an English question:
    `glossed`), or the person a who-question asks for (`person`; for a comparison, the person of each
    article's first quote: "Zaeroji [1]; Heni Yuwono [2]"), so the answer is seen at a glance. Names and
    numbers read the same in both languages: an English reader gets the answer before the Indonesian quotes.
    What an abbreviation stands for is its spelling out ("In short: Asosiasi Media Siber Indonesia [1]"),
    "Who is X?" the role the quote gives X (`role_given`). Empty for other kinds, for a date or place
    compared (each quote answers for its own event) and for someone's words, and when the quote holds none."""
    kind = "who" if understood.holder else understood.answer_type  # "What's the name of the head of …?"
    if checked := verdict(understood, citations):  # before someone's words: "Did X speak as …?" asks for them too
        return frames()[understood.lang]["short"].format(answer=checked)
    if not citations or understood.ask:
        return ""
    if understood.page:  # "Singkatnya: Yanuar D [1]", "In short: Surabaya | barometerbali [1]"
        found = [(page_value(c), c.number) for c in citations]
    elif understood.who_is:
        found = [(role_given(understood, citations[0]), citations[0].number)]
    elif expansion := spelt_out_asked(understood.question, citations[0].text):
        found = [(expansion, citations[0].number)]
    elif full := fuller_name(understood, citations[0].text):
        found = [(as_written(full, citations[0].text), citations[0].number)]  # "Hendro Tri Prasetyo [1]"
    elif kind == "list" and understood.names:  # who all: "Siapa saja narasumbernya?"
        found = listed(understood, citations)
    elif len(citations) > 1 and STEPS_ASKED.search(understood.question):  # "sesinya ada apa saja?"
        found = steps(citations)
    elif HASHTAG_ASKED.search(understood.question) and (tag := HASHTAG.search(citations[0].text)):
        found = [(tag.group(0), citations[0].number)]  # "Singkatnya: #growtogether [1]"
    elif understood.compares and policy.EARLIER.search(understood.question):  # each event's date, earlier first
        found = [(glossed(when, understood.lang), c.number) for c in citations if (when := span("when", c.text))]
    elif kind not in ("when", "where", "who"):
        return ""
    elif kind == "who":
        firsts = [c for i, c in enumerate(citations) if c.doc_id not in {d.doc_id for d in citations[:i]}]
        each = understood.compares or (bool(understood.holder) and len(firsts) > 1)  # each article's holder
        found = [(person(understood, c), c.number) for c in (firsts if each else citations[:1])]
    elif understood.compares:
        return ""
    else:  # "Who opened the bootcamp, and when?" leads with who too: "Heni Yuwono, Monday evening (3 June 2024)"
        when = lasting(understood, glossed(span(kind, citations[0].text), understood.lang))
        who = person(understood, citations[0]) if WHO_QUESTION.search(understood.question) else ""
        found = [(", ".join(filter(None, (who, when))), citations[0].number)]
        for also in understood.also:  # "Where and when …?": the place too, from the quote that gives it
            found += next(([(glossed(s, understood.lang), c.number)] for c in citations
                           if (s := span(also, c.text))), [])
    answer = "; ".join(f"{text} [{number}]" for text, number in found if text)
    if answer and kind == "count" and STEPS_COUNTED.search(understood.question):  # "3: aspek kebijakan [1]; …"
        answer = f"{len(found)}: {answer}"
    return frames()[understood.lang]["short"].format(answer=answer) if answer else ""


def verdict(understood: Understanding, citations: list[Citation]) -> str:
    """"Tidak. Zakaria, Subkor Hubungan Pers dan Media Massa [1]; Arief Rahman, Ketua … (AMSI) Jatim [2]": a
    yes/no question's claim checked (`claims`), with what it was checked against: the role each person the
    claim is about is given, the day or date the quote writes ("No. Monday evening (3 June 2024) [1]" for
    "… on Sunday evening, 2 June 2024?"). Empty when nothing like the claim is there to compare, and when the
    quotes do not give the person the claim is about their role."""
    if not citations:
        return ""
    yes, no = frames()[understood.lang]["yes"], frames()[understood.lang]["no"]
    if understood.claimed_by:
        person = understood.people[0]
        given = [role_cited(understood, who, citations) for who in dict.fromkeys((person, *understood.claimed_by))]
        said = yes if person in understood.claimed_by else no
        return f"{said} " + "; ".join(filter(None, given)) if given[0] else ""
    when = span("when", citations[0].text)
    checked = day_verdict(understood.question, when) if when else None
    if checked is None:
        return ""
    return f"{yes if checked else no} {glossed(when, understood.lang)} [{citations[0].number}]"


def role_cited(understood: Understanding, who: str, citations: list[Citation]) -> str:
    """"Arief Rahman, Ketua … (AMSI) Jatim [2]": the role the first citation naming `who` gives them
    (`role_given`), with its marker; "" when it gives none."""
    c = next((c for c in citations if people_in(c.text, [who])), None)
    role = role_given(replace(understood, people=(who,)), c) if c else ""
    return f"{role} [{c.number}]" if role else ""


def lasting(understood: Understanding, when: str) -> str:
    """"3-6 Juni (4 hari)": for a question how long something lasted ("Berapa hari bootcamp itu?"), the
    number of days its range of dates spans, which the text never writes; other dates as they are."""
    days = DAY_RANGE.search(when) if DURATION_ASKED.search(understood.question) else None
    if not days or int(days.group(2)) <= int(days.group(1)):
        return when
    count = int(days.group(2)) - int(days.group(1)) + 1
    return frames()[understood.lang]["lasting"].format(span=when, days=count)


def listed(understood: Understanding, citations: list[Citation]) -> list[tuple[str, int]]:
    """For a question who all did something, each citation's people not named before it, as it writes them:
    its speaker, else everyone it names ("Galih WP, Danny Keegan, Nerry Supanji [1]; Zakaria [2]; …"). A
    tester had to pick the speakers of four sessions out of four long quotes (fresh46)."""
    asked = {*understood.people, *understood.described}
    seen: set[str] = set()
    found = []
    for c in citations:
        people = [p for p in ([c.speaker] if c.speaker else people_in(c.text, understood.names))
                  if p not in seen and p not in asked]
        seen.update(people)
        if written := [as_written(p, c.text) or p for p in people]:
            found.append((", ".join(written), c.number))
    return found


def page_value(c: Citation) -> str:
    """What a cited page line says, without its label or the article text it opens or closes: the name of an
    editor or writer line ("Editor : Yanuar D" -> "Yanuar D"), a dateline's prefix ("Surabaya | barometerbali"),
    a credit's code, a title or date line whole; "" for a unit of the article. A tester got "Editor : Yanuar D"
    quoted with no answer line (fresh49)."""
    kind = c.chunk_id.rpartition("#page-")[2] if "#page-" in c.chunk_id else ""
    if kind in ("editor", "writer"):
        return c.text.split(":", 1)[-1].strip()
    if kind == "dateline":
        return (m.group(0).strip(" |–—-") if (m := dateline_match(c.text)) else c.source)
    if kind == "credit":
        return m["credit"].strip() if (m := credit_match(c.text)) else ""
    return c.text.strip() if kind in ("title", "date", "caption") else ""


def steps(citations: list[Citation]) -> list[tuple[str, int]]:
    """For the steps of a list told over paragraphs ("sesinya ada apa saja?"), each citation's step as its
    first sentence names it, the last of its names there ("Sesi terakhir menyangkut aspek teknis" ->
    "aspek teknis"): "Singkatnya: aspek kebijakan [1]; aspek manajerial [3]; aspek teknis [4]". A tester had
    to find the sessions in four long quotes (fresh52)."""
    found = []
    for c in citations:
        named = list(STEP.finditer(re.split(r"(?<=[.!?])\s", c.text, maxsplit=1)[0]))
        if named:
            found.append((named[-1].group(0), c.number))
    return found


def role_given(understood: Understanding, c: Citation) -> str:
    """"Hendro Tri Prasetyo, Kadiv Keimigrasian": the person "Who is X?" asks about and the role the quote
    writes beside them, when the quote is theirs and writes it; for an English reader with the role in
    English words when the role table knows all of it (`lexicon.in_english`: "… (division head for
    immigration)"). Testers got the whole sentence and no answer they could read. A quote that is not
    theirs may give the role in brackets after the name: "Danny Keegan (Spv Produksi Konten …)"."""
    if c.speaker in understood.people and c.role and contains_phrase(c.text, c.role):
        who, role = c.speaker, c.role
    else:  # as attribution reads a name and its role: "Danny Keegan (Spv Produksi Konten …)"
        who, role = next(((named[0], m["role"].strip()) for m in PARENTHETICAL.finditer(c.text)
                          if (named := people_in(m["name"], understood.people))), ("", ""))
    if not role:
        return ""
    english = in_english(role) if understood.lang == "en" else ""
    return f"{who}, {role}" + (f" ({english})" if english else "")


def person(understood: Understanding, c: Citation) -> str:
    """Whom a who-question's quote gives: who holds the position asked about, as the quote writes them, else
    its speaker unless the question names or describes them ("Dia mewakili siapa?" is not answered by
    Hendro's own quote). No other name: on general news, the words attribution takes for people are noisy
    (measured on FacQA's who-questions, a quote's speaker was the answer 7 of 7 times, the first other
    person it names 4 of 13)."""
    if understood.holder:  # who held a position: the name beside it, not the speaker ("… mewakili Kakanwil …")
        return as_written(named_beside(c.text, understood.holder, understood.names), c.text)
    return c.speaker if c.speaker not in {*understood.people, *understood.described} else ""


def as_written(person: str, text: str) -> str:
    """`person` as `text` writes them: the first run of the words of their name, as the name writes them
    ("Zaeroji" in "… mewakili Kakanwil Kemenkumham Jatim Zaeroji", "Hendro" for "Hendro Tri Prasetyo");
    "" for no one, and when the text has their name's words only in other case ("atas" is no "Atas")."""
    if not person:
        return ""
    name = "|".join(re.escape(w) for w in re.findall(r"\w+", person))
    written = re.search(rf"\b(?:{name})(?:[\s,]+(?:{name}))*\b", text)
    return written.group(0) if written else ""


def with_antecedents(chosen: list[Passage]) -> list[Passage]:
    """Each chosen passage followed by the unit that names what its pronoun subject stands for, unless that
    unit is cited already: "Kegiatan … itu digelar di Aula Raden Wijaya" needs the sentence naming the
    summit beside it."""
    cited = {p.chunk_id for p in chosen}
    out: list[Passage] = []
    for passage in chosen:
        out.append(passage)
        before = passage.antecedent
        if before is not None and before.chunk_id not in cited:
            cited.add(before.chunk_id)
            out.append(replace(passage, unit=before, antecedent=None))
    return out


class ExtractiveAnswerer:
    """Answers by quoting the passages the policy accepts."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def answer(self, understood: Understanding, passages: list[Passage]) -> Answer:
        decision = policy.decide(understood, passages, self.settings)
        chosen = with_antecedents(decision.passages)
        citations = [citation(n, p) for n, p in enumerate(chosen, start=1)]
        text = "\n".join(filter(None, (short(understood, citations), compose(citations, understood.lang)))) \
            if citations else refusal(understood.lang, decision.reason, decision.detail)
        return Answer(question=understood.question, text=text, citations=citations, refused=not citations,
                      lang=understood.lang, passages=passages, reason="" if citations else decision.reason)
