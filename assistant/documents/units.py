"""Document -> citable Units: chunk into sentence groups, then attribute each group to its speaker."""

from __future__ import annotations

from .attribution import Person, attribute
from .chunking import chunk_id, paragraphs, sentences, unit_spans
from ..schema import Document, Unit


def make_units(doc: Document, max_chars: int = 400, max_sentences: int = 3) -> list[Unit]:
    """The units of one document, in order, each carrying its speaker and role when it has one.

    A unit's speaker is the first speaker attributed inside it, else its paragraph's: in
    "Pada masa kini, lanjut Heni, … Mengingat, hoax dan disinformasi …" the second sentence is Heni's too.
    """
    spans = sentences(doc.text)
    speakers, _ = attribute(doc.text, spans)
    units: list[Unit] = []
    seen: dict[str, int] = {}
    for paragraph in paragraphs(doc.text):
        said = [(s, p) for s, p in zip(spans, speakers) if paragraph.start <= s.start < paragraph.end]
        paragraph_speaker = next((p for _, p in said if p), None)
        for span in unit_spans(doc.text[paragraph.start:paragraph.end], max_chars, max_sentences):
            start, end = paragraph.start + span.start, paragraph.start + span.end
            inside = [p for s, p in said if start <= s.start < end and p]
            person: Person | None = inside[0] if inside else paragraph_speaker
            text = doc.text[start:end]
            units.append(Unit(
                chunk_id=chunk_id(doc.doc_id, text, seen), doc_id=doc.doc_id, text=text, start=start, end=end,
                position=len(units), speaker=person.name if person else "", role=person.role if person else "",
            ))
    return units


def people(doc: Document) -> list[Person]:
    """Everyone the document names, speakers or not (used to tell "never spoke" from "unknown")."""
    return attribute(doc.text, sentences(doc.text))[1].people


def embedding_text(unit: Unit) -> str:
    """What the dense model sees: the unit, prefixed with who said it.

    A quote closed by "ujarnya" does not contain the speaker's name; the prefix lets "What did Heni say
    about hoaxes?" find it. The cited text stays the unit's own text.
    """
    if not unit.speaker:
        return unit.text
    who = f"{unit.speaker}, {unit.role}" if unit.role else unit.speaker
    return f"{who}: {unit.text}"
