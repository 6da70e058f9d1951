"""The short answer: a when- or where-question's answer leads with the date or place asked, a verbatim span
of the first quote, so it is seen at a glance."""

from __future__ import annotations

import pytest

from assistant.answer.extractive import ExtractiveAnswerer
from assistant.answer.understanding import Understanding
from assistant.config import Settings
from assistant.reading.types import span
from assistant.schema import Passage, Unit

BOOTCAMP = "Kanwil Kemenkumham Jatim menggelar Kumham PR Bootcamp East Java Region 2024 pada 3-6 Juni."
VENUE = "Kegiatan yang diselenggarakan di Aula Raden Wijaya Kanwil Kemenkumham Jatim itu diikuti tim humas."


@pytest.mark.parametrize("kind, text, found", [
    ("when", BOOTCAMP, "3-6 Juni"),
    ("when", "ujar Heni saat membuka kegiatan, Senin malam (3/6/2024).", "Senin malam (3/6/2024)"),
    ("when", "penguatan SDM kehumasan Kumham PR Summit 2022, Rabu (26/10/2022).", "Rabu (26/10/2022)"),
    ("where", VENUE, "di Aula Raden Wijaya Kanwil Kemenkumham Jatim"),
    ("where", "Acara digelar di Surabaya, Jawa Timur.", "di Surabaya"),
    ("when", "Heni berharap humas lebih proaktif.", ""),
    ("who", BOOTCAMP, ""),
])
def test_the_date_or_place_a_text_gives_is_its_span_as_written(kind, text, found):
    assert span(kind, text) == found


def answer(question: str, answer_type: str, text: str, lang: str = "id", compares: bool = False) -> str:
    unit = Unit(chunk_id="d.txt#0", doc_id="d.txt", text=text, start=0, end=len(text), position=0)
    understood = Understanding(question=question, lang=lang, query=question, answer_type=answer_type,
                               compares=compares)
    return ExtractiveAnswerer(Settings()).answer(understood, [Passage(unit=unit, score=0.9, dense=0.9)]).text


def test_a_when_question_leads_with_the_date_asked():
    assert answer("Kapan bootcamp digelar?", "when", BOOTCAMP).splitlines()[0] == "Singkatnya: 3-6 Juni [1]"


def test_a_where_question_leads_with_the_place_asked_in_the_questions_language():
    first = answer("Where was the summit held?", "where", VENUE, lang="en").splitlines()[0]
    assert first == "In short: di Aula Raden Wijaya Kanwil Kemenkumham Jatim [1]"


@pytest.mark.parametrize("answer_type, compares", [("who", False), ("when", True)])
def test_other_kinds_and_comparisons_have_no_short_answer(answer_type, compares):
    text = answer("Kapan dan siapa?", answer_type, BOOTCAMP, compares=compares)
    assert not text.startswith("Singkatnya") and "3-6 Juni" in text
