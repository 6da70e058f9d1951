"""Document -> citable Units: chunk into sentence groups, then attribute each group to its speaker."""

from __future__ import annotations

from ..config import Settings
from ..schema import Document, Unit
from .attribution import Person, attribute
from .chunking import chunk_id, group_sentences, paragraph_sentences, sentences


def make_units(doc: Document, max_chars: int = Settings.max_unit_chars,
               max_sentences: int = Settings.max_unit_sentences) -> list[Unit]:
    """The units of one document, in order, each carrying its speaker and role when it has one.

    A unit's speaker is the first speaker attributed inside it, else its paragraph's: in
    "Pada masa kini, lanjut Heni, … Mengingat, hoax dan disinformasi …" the second sentence is Heni's too.
    """
    by_paragraph = paragraph_sentences(doc.text)
    spans = [s for paragraph in by_paragraph for s in paragraph]
    speaker_of = dict(zip(spans, attribute(doc.text, spans)[0]))  # one lookup per sentence: linear time
    units: list[Unit] = []
    seen: dict[str, int] = {}
    for paragraph in by_paragraph:
        paragraph_speaker = next((speaker_of[s] for s in paragraph if speaker_of[s]), None)
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
