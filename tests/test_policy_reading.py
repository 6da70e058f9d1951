"""The refusal policy on read passages: the reader's first is cited, its probability decides refusal, and
the similarity threshold still asks whether anything retrieved is on topic at all."""

from __future__ import annotations

import pytest

from assistant.answer.policy import evidence, reading_floor
from assistant.answer.understanding import Understanding
from assistant.config import Settings
from assistant.reading.reader import load_model
from assistant.schema import Passage, Unit

SETTINGS = Settings(refusal_threshold_same_lang=0.30, refusal_threshold_cross_lang=0.20, max_citations=3,
                    relative_cutoff=1.0, reading_threshold=0.4)
QUESTION = Understanding(question="q", lang="id", query="q")


def read(text: str, dense: float, reading: float, n: int = 0) -> Passage:
    unit = Unit(chunk_id=f"d.txt#{n}", doc_id="d.txt", text=text, start=0, end=len(text), position=n)
    return Passage(unit=unit, score=dense, dense=dense, reading=reading)


def test_the_readers_first_is_cited_even_when_another_is_more_similar():
    chosen = evidence(QUESTION, [read("digelar di Surabaya", 0.40, 0.9), read("acara dibuka", 0.60, 0.2, 1)],
                      SETTINGS)
    assert [p.text for p in chosen] == ["digelar di Surabaya"]


@pytest.mark.parametrize("reading, answered", [(0.39, False), (0.41, True)])
def test_a_best_reading_probability_below_the_threshold_refuses(reading, answered):
    assert bool(evidence(QUESTION, [read("acara dibuka", 0.6, reading)], SETTINGS)) is answered


def test_the_similarity_threshold_applies_to_the_most_similar_candidate_when_read():
    on_topic = [read("digelar di Surabaya", 0.25, 0.9), read("acara dibuka", 0.35, 0.5, 1)]
    off_topic = [read("digelar di Surabaya", 0.25, 0.9), read("acara dibuka", 0.28, 0.5, 1)]
    assert evidence(QUESTION, on_topic, SETTINGS)
    assert evidence(QUESTION, off_topic, SETTINGS) == []


def test_runners_up_are_compared_by_reading_probability():
    tie = [read("a", 0.5, 0.8), read("b", 0.7, 0.8, 1), read("c", 0.9, 0.7, 2)]
    assert [p.text for p in evidence(QUESTION, tie, SETTINGS)] == ["a", "b"]


def test_without_a_setting_the_threshold_fitted_with_the_reader_applies():
    assert reading_floor(SETTINGS.with_(reading_threshold=None)) == load_model().refusal_threshold
