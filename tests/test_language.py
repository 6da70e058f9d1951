"""English or Indonesian, from function words: enough for short questions."""

from __future__ import annotations

import pytest

from assistant.language import detect


@pytest.mark.parametrize("question", [
    "What did Heni say about hoaxes?",
    "Who opened it?",
    "Who is Arief Rahman?",
    "When was the bootcamp held?",
    "Tell me about the 2024 PR bootcamp",
    "venue PR Summit 2022",  # chat: only a noun that asks, and names
])
def test_short_english_questions_are_english(question):
    assert detect(question, default="id") == "en"


@pytest.mark.parametrize("question", [
    "Apa kata Heni tentang hoaks?",
    "Siapa yang membuka acara itu?",
    "Siapa Arief Rahman?",
    "Kapan bootcamp digelar?",
    "Bagaimana pesannya?",
    "Kalau bootcamp 2024?",  # a chat follow-up: "kalau", "terus", "gimana"
    "Terus gimana?",
    "lokasi PR Summit 2022",  # chat: only a noun that asks, and names
    "tanggal bootcamp 2024",
])
def test_short_indonesian_questions_are_indonesian(question):
    assert detect(question, default="en") == "id"


def test_text_without_function_words_gets_the_default():
    assert detect("Heni Yuwono", default="id") == "id"
    assert detect("Heni Yuwono") == "en"


def test_nya_suffix_counts_as_indonesian():
    assert detect("pesannya", default="en") == "id"


def test_detection_ignores_case_and_punctuation():
    assert detect("WHAT DID HENI SAY?!", default="id") == "en"
