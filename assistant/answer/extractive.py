"""Extractive answers: pick the one to three units that answer, quote them verbatim with [n] markers,
and frame them in the question's language with speaker, role, outlet and date. No generation happens,
so every claim in an answer is a quotation of the passage its marker points to.

The answer is a fixed refusal sentence with no citations when the evidence is too weak, when the question
asks what someone said and that person is unknown, never speaks, or is not the one who spoke about the
topic asked, or when a how-many question finds no count in the passage.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from .conversation import people_in
from ..schema import Citation, Passage

FRAMES_PATH = Path(__file__).resolve().parents[2] / "prompts" / "frames.json"


def load_frames(path: Path = FRAMES_PATH) -> dict[str, dict]:
    """The wording of answer frames and refusals per language (prompts/frames.json)."""
    frames = json.loads(path.read_text(encoding="utf-8"))
    return {lang: table for lang, table in frames.items() if not lang.startswith("_")}


FRAMES = load_frames()
REFUSAL = {lang: table["refusal"] for lang, table in FRAMES.items()}
POINTER_WORDS = {"he", "she", "him", "they", "them", "dia", "ia", "beliau", "mereka", "nya"}
# "What did X say about …", "Apa kata X tentang …": the X whose words are asked for.
SPEAKER_QUESTIONS = [
    re.compile(r"\bwhat (?:did|does|has|had|do|was|were|is) (?P<who>.+?) (?:say|said|tell|told|mention|"
               r"explain|think|stress|emphasi[sz]e|hope|want|discuss|talk|speak|state|note|highlight|urge|"
               r"expect|convey|add)\w*\b", re.I),
    re.compile(r"\b(?:according to|in the words of) (?P<who>[^,?]+?)(?:,|\?|$| what| how| who| is| was)", re.I),
    re.compile(r"\bwhat (?:was|is) (?P<who>.+?)['’]s (?:message|view|point|opinion|hope|take|stance)", re.I),
    re.compile(r"\b(?:did|does|has) (?P<who>.+?) (?:say|mention|talk|speak|comment)\w*\b", re.I),
    re.compile(r"\bhow did (?P<who>.+?) (?:describe|explain|see|view|characteri[sz]e)\b", re.I),
    re.compile(r"\bapa (?:kata|pesan|harapan|pendapat|pandangan|penjelasan|tanggapan|komentar|ucapan)"
               r"(?P<who>(?:nya)|\s+[^?,]+?)(?:\s+(?:tentang|soal|mengenai|terkait|untuk|kepada|bagi)\b|\?|$)", re.I),
    re.compile(r"\bapa (?:saja )?yang (?:di)?(?:kata|sampai|tekan|jelas|ungkap|harap|bahas|pesan|tegas)"
               r"\w*(?: oleh)?\s+(?P<who>[^?]+?)(?:\s+(?:tentang|soal|mengenai|terkait)\b|\?|$)", re.I),
    re.compile(r"\bmenurut (?P<who>[^,?]+?)(?:,|\?|$| apa| bagaimana| siapa)", re.I),
    re.compile(r"(?P<who>[A-Z]\w+(?: [A-Z]\w+)*) (?:bilang|berkata|mengatakan|menyampaikan|berpesan) apa", re.I),
]


TOPIC = re.compile(r"\b(?:about|on|regarding|concerning|tentang|soal|mengenai|terkait)\s+(?P<topic>[^?]+)", re.I)
# "How many people", "berapa orang": the answer must hold a count, not just a year or a date.
COUNT_QUESTION = re.compile(r"\b(how many|how much|berapa)\b", re.I)
MONEY_QUESTION = re.compile(r"\b(money|budget|cost|costs|fund\w*|anggaran|biaya|dana|rupiah)\b", re.I)
COUNT = re.compile(r"\b(?!(?:19|20)\d\d\b)\d+(?:[.,]\d+)?\b(?![/-]\d)|\b(satu|dua|tiga|empat|lima|enam|tujuh|"
                   r"delapan|sembilan|sepuluh|puluhan|ratusan|ribuan|ketiga|kedua|keempat|kelima)\b", re.I)
MONEY = re.compile(r"\b(rp\.?|rupiah|juta|miliar|triliun|ribu)\b", re.I)


@dataclass(frozen=True)
class SpeakerAsk:
    """A question asking for someone's words: `who` as written; `people` the known people it names."""

    who: str
    people: tuple[str, ...]
    unknown_name: bool  # names someone (capitalised) that the documents never mention
    topic: str = ""  # what they are asked about ("hoaxes"), when the question says
    topic_share: float = 1.0  # their best match for the topic / the corpus's best match for it


def speaker_ask(question: str, turn_people: tuple[str, ...], known: list[str], mentioned_text: str) -> SpeakerAsk | None:
    """Recognise a what-did-X-say question and resolve X; None for any other question."""
    for pattern in SPEAKER_QUESTIONS:
        match = pattern.search(question)
        if not match:
            continue
        who = match["who"].strip(" ?,.")
        topic_match = TOPIC.search(question[match.start():])
        topic = topic_match["topic"].strip(" ?.") if topic_match else ""
        words = set(re.findall(r"\w+", who.lower()))
        if not words or words & POINTER_WORDS:
            return SpeakerAsk(who, turn_people, False, topic)
        named = tuple(people_in(who, known))
        names = re.findall(r"\b[A-Z][a-z]+\b", who)
        if not names:  # a role or a description ("the head of the office"): keep the conversation's people
            return SpeakerAsk(who, named or turn_people, False, topic)
        unknown = not named and any(n.lower() not in mentioned_text for n in names)
        return SpeakerAsk(who, named, unknown, topic)
    return None


def answer_type_ok(question: str, text: str) -> bool:
    """A how-many question needs a count in the passage, a how-much-money question an amount."""
    if not COUNT_QUESTION.search(question):
        return True
    if MONEY_QUESTION.search(question):
        return bool(MONEY.search(text))
    return bool(COUNT.search(text))


def human_date(iso: str, lang: str) -> str:
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    if not match:
        return iso
    year, month, day = match.groups()
    return f"{int(day)} {FRAMES[lang]['months'][int(month) - 1]} {year}"


def choose(passages: list[Passage], settings: Settings, ask: SpeakerAsk | None, threshold: float,
           question: str = "") -> list[Passage]:
    """The passages to cite: the best one, plus close runners-up, never below the refusal threshold.

    For a what-did-X-say question only what X said qualifies, and X must be the one in the documents who
    said most about the topic asked (else somebody else said it, and we refuse).
    """
    pool = passages
    if ask and ask.people:
        pool = [p for p in passages if p.unit.speaker in ask.people]
        if ask.topic_share < settings.topic_share_min:
            return []
    if not pool or (ask and ask.unknown_name):
        return []
    best = pool[0]
    if best.dense == 0.0:  # BM25-only mode: no similarity to threshold, a lexical match is the evidence
        if best.lexical == 0.0:
            return []
    elif best.dense < threshold:
        return []
    if not answer_type_ok(question, best.text):
        return []
    chosen = [best]
    for passage in pool[1:]:
        if len(chosen) >= settings.max_citations:
            break
        if passage.score >= settings.relative_cutoff * best.score and passage.dense >= threshold:
            chosen.append(passage)
    return chosen


def citation(number: int, passage: Passage) -> Citation:
    unit = passage.unit
    return Citation(number=number, doc_id=unit.doc_id, chunk_id=unit.chunk_id, text=unit.text,
                    start=unit.start, end=unit.end, title=passage.title, source=passage.source,
                    date=passage.date, speaker=unit.speaker, role=unit.role, score=passage.score)


def lead(c: Citation, lang: str) -> str:
    """"Heni Yuwono (Kakanwil Kemenkumham Jatim), in “Title” (jatimnow.com, 3 June 2024):"."""
    where = ", ".join(x for x in (c.source, human_date(c.date, lang)) if x)
    article = f"“{c.title}”" + (f" ({where})" if where else "") if c.title else where
    who = f"{c.speaker} ({c.role})" if c.speaker and c.role else c.speaker
    key = ("who_in_article" if article else "who") if who else ("article" if article else "none")
    return FRAMES[lang][key].format(who=who, article=article)


def compose(citations: list[Citation], lang: str) -> str:
    """Quoted units with [n] markers; a new lead line whenever the speaker or article changes."""
    lines: list[str] = []
    previous: tuple[str, str] | None = None
    for c in citations:
        key = (c.doc_id, c.speaker)
        if key != previous:
            lines.append(lead(c, lang))
            previous = key
        quoted = c.text if c.text[:1] in "“\"'‘" else f"“{c.text}”"
        lines.append(f"{quoted} [{c.number}]")
    return "\n".join(lines)


def answer_text(passages: list[Passage], lang: str, settings: Settings, ask: SpeakerAsk | None,
                threshold: float, question: str = "") -> tuple[str, list[Citation]]:
    """(answer text, citations); a refusal has the fixed sentence and no citations."""
    chosen = choose(passages, settings, ask, threshold, question)
    if not chosen:
        return REFUSAL[lang], []
    citations = [citation(n, p) for n, p in enumerate(chosen, start=1)]
    return compose(citations, lang), citations
