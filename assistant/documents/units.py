"""Document -> citable Units: chunk into sentence groups, then attribute each group to its speaker."""

from __future__ import annotations

import re

from ..config import Settings
from ..schema import Document, Unit
from .attribution import Person, attribute
from .chunking import Span, chunk_id, group_sentences, paragraph_sentences, paragraphs
from .cleaning import article_bounds


# A paragraph opening with a conjunction that cannot start a statement of its own ("Sehingga, kerja-kerja
# … bisa tersampaikan") finishes the previous paragraph's sentence, and so its speaker's statement.
FINISHES_SENTENCE = re.compile(r"^(?:Sehingga|Maka|Sebab|Karena|Agar|Supaya|Dengan (?:demikian|begitu)|"
                       r"Oleh (?:karena|sebab) itu)\b")


def content_paragraphs(doc: Document) -> list[Span]:
    """The spans of `doc.text` that are article content: every paragraph, less what its page lines hold.

    A date, title or editor line is left out, the dateline paragraph starts after its prefix and the credit
    paragraph ends before its credit, so units cite the article, never the page around it, and their texts
    are those of the article alone (as before page lines were kept in the text)."""
    kinds: dict[int, list[str]] = {}
    for kind, start, _ in doc.page_lines:
        kinds.setdefault(start, []).append(kind)
    spans = []
    for paragraph in paragraphs(doc.text):
        start, end = article_bounds(kinds.get(paragraph.start, ()), doc.text[paragraph.start:paragraph.end])
        if start < end:
            spans.append(Span(paragraph.start + start, paragraph.start + end))
    return spans


def make_units(doc: Document, max_chars: int = Settings.max_unit_chars,
               max_sentences: int = Settings.max_unit_sentences) -> list[Unit]:
    """The units of one document's article content, in order, each carrying its speaker and role when it
    has one.

    A unit's speaker is the first speaker attributed inside it, else its paragraph's: in
    "Pada masa kini, lanjut Heni, … Mengingat, hoax dan disinformasi …" the second sentence is Heni's too.
    A paragraph without one that finishes the previous paragraph's sentence (`FINISHES_SENTENCE`) has
    that paragraph's speaker.
    """
    by_paragraph = paragraph_sentences(doc.text, content_paragraphs(doc))
    spans = [s for paragraph in by_paragraph for s in paragraph]
    speaker_of = dict(zip(spans, attribute(doc.text, spans)[0]))  # one lookup per sentence: linear time
    units: list[Unit] = []
    seen: dict[str, int] = {}
    previous: Person | None = None
    for paragraph in by_paragraph:
        paragraph_speaker = next((speaker_of[s] for s in paragraph if speaker_of[s]), None)
        opening = doc.text[paragraph[0].start:paragraph[0].end] if paragraph else ""
        if paragraph_speaker is None and FINISHES_SENTENCE.match(opening):
            paragraph_speaker = previous
        previous = paragraph_speaker
        for group in group_sentences(paragraph, max_chars, max_sentences):
            start, end = group[0].start, group[-1].end
            person: Person | None = next((speaker_of[s] for s in group if speaker_of[s]), paragraph_speaker)
            text = doc.text[start:end]
            units.append(Unit(
                chunk_id=chunk_id(doc.doc_id, text, seen), doc_id=doc.doc_id, text=text, start=start, end=end,
                position=len(units), speaker=person.name if person else "", role=person.role if person else "",
            ))
    return units


def people(doc: Document) -> list[Person]:
    """Everyone the document's article names, speakers or not (used to tell "never spoke" from "unknown")."""
    spans = [s for paragraph in paragraph_sentences(doc.text, content_paragraphs(doc)) for s in paragraph]
    return attribute(doc.text, spans)[1].people


def embedding_text(unit: Unit) -> str:
    """What the dense model sees: the unit, prefixed with who said it.

    A quote closed by "ujarnya" does not contain the speaker's name; the prefix lets "What did Heni say
    about hoaxes?" find it. The cited text stays the unit's own text.
    """
    if not unit.speaker:
        return unit.text
    who = f"{unit.speaker}, {unit.role}" if unit.role else unit.speaker
    return f"{who}: {unit.text}"
