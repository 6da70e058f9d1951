"""The words that tell the articles' events apart, read from their events' names."""

from __future__ import annotations

from assistant.assistant import event_words
from assistant.schema import Document


def article(name: str, text: str, title: str = "Judul") -> Document:
    return Document(name, text, title=title)


def test_the_words_only_some_events_names_hold_tell_the_events_apart():
    summit = article("a", "Kanwil menggelar Kumham PR Summit 2022 East Java Region, Rabu.")
    bootcamp = article("b", "Kanwil menggelar Kumham PR Bootcamp East Java Region 2024 pada 3-6 Juni.")
    assert event_words([summit, bootcamp]) == {"summit", "bootcamp"}


def test_one_article_or_untitled_passages_have_no_events_to_tell_apart():
    summit = article("a", "Kanwil menggelar Kumham PR Summit 2022 East Java Region.")
    bootcamp = article("b", "Kanwil menggelar Kumham PR Bootcamp 2024.", title="")
    assert event_words([summit]) == frozenset() and event_words([summit, bootcamp]) == frozenset()
