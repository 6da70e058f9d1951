"""Sentence-aware chunking: exact offsets, Indonesian sentence rules, size limits, stable ids."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.documents.chunking import sentences, split_sentences, unit_spans
from assistant.schema import Document
from assistant.documents.units import make_units

# Each is exactly one sentence, including the awkward ones: abbreviations, initials, dates, quotes closed by
# a comma and a reporting verb, a quote ending in "!", a sentence opening with a digit or a quote mark.
SENTENCES = [
    "Kanwil Kemenkumham Jatim menggelar bootcamp.",
    "Acara dibuka oleh dr. Budi Santoso di Jl. Ahmad Yani.",
    "Sambutan disampaikan H. Ahmad pada 3/6/2024.",
    "“Kami ingin maju bersama,” ujar Heni.",
    "Peserta sangat antusias!",
    "Apakah humas siap?",
    "Mengingat, hoax dan disinformasi menyebar lebih cepat dari kebenaran.",
    "10 orang hadir pada Rabu (26/10/2022).",
    '"Saat ini, orang lebih suka konten tiktok," ujarnya.',
    "“Humas harus aktif!” tegas Hendro.",
    "Ia tinggal di Jl. Merdeka No. 5 Surabaya.",
]


@st.composite
def articles(draw):
    """(text, sentences in order): paragraphs of pool sentences, repeats likely, odd whitespace allowed."""
    paragraphs = draw(st.lists(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6), min_size=1, max_size=5))
    if draw(st.booleans()):
        paragraphs.append(list(paragraphs[0]))  # a repeated paragraph
    parts = []
    for paragraph in paragraphs:
        text = paragraph[0]
        for sentence in paragraph[1:]:
            text += draw(st.sampled_from([" ", "  ", "\n"])) + sentence
        parts.append(text)
    text = parts[0]
    for part in parts[1:]:
        text += draw(st.sampled_from(["\n\n", "\n \n", "\n\n\n"])) + part
    text = draw(st.sampled_from(["", " ", "\n"])) + text + draw(st.sampled_from(["", "\n", " \n"]))
    return text, [s for p in paragraphs for s in p]

# database=None: no .hypothesis/ folder in the checkout; failures print their example instead.
PROPERTY = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

@PROPERTY
@given(articles(), st.integers(20, 400), st.integers(1, 3))
def test_every_unit_is_its_exact_slice_of_the_text(article, max_chars, max_sentences):
    text, _ = article
    for unit in make_units(Document("d.txt", text), max_chars, max_sentences):
        assert text[unit.start:unit.end] == unit.text

@PROPERTY
@given(articles(), st.integers(20, 400), st.integers(1, 3))
def test_chunk_ids_are_unique_within_a_document(article, max_chars, max_sentences):
    ids = [u.chunk_id for u in make_units(Document("d.txt", article[0]), max_chars, max_sentences)]
    assert len(ids) == len(set(ids))

@PROPERTY
@given(articles(), st.integers(20, 400), st.integers(1, 3))
def test_units_cover_every_word_once_in_order(article, max_chars, max_sentences):
    text, _ = article
    units = make_units(Document("d.txt", text), max_chars, max_sentences)
    assert all(a.end <= b.start for a, b in zip(units, units[1:]))
    assert " ".join(u.text for u in units).split() == text.split()
    assert all(u.text == u.text.strip() and "\n\n" not in u.text for u in units)

@PROPERTY
@given(articles())
def test_sentence_splitting_recovers_the_sentences_the_text_was_built_from(article):
    text, built_from = article
    assert [text[s.start:s.end] for s in sentences(text)] == built_from

@PROPERTY
@given(articles(), st.integers(20, 400), st.integers(1, 3))
def test_units_exceed_max_chars_only_when_one_sentence_is_longer(article, max_chars, max_sentences):
    text, _ = article
    for unit in make_units(Document("d.txt", text), max_chars, max_sentences):
        inside = [s for s in sentences(text) if unit.start <= s.start < unit.end]
        assert len(inside) <= max_sentences
        assert len(unit.text) <= max_chars or len(inside) == 1


@pytest.mark.parametrize("sentence", [
    "Acara dibuka oleh dr. Budi Santoso hari ini.",
    "Sambutan disampaikan oleh H. Ahmad Dahlan.",
    "Kantornya berada di Jl. Ahmad Yani Surabaya.",
])
def test_abbreviation_does_not_end_a_sentence(sentence):
    text = f"{sentence} Peserta pulang."
    assert [text[s.start:s.end] for s in split_sentences(text)] == [sentence, "Peserta pulang."]


def test_date_does_not_split_a_sentence():
    text = "Bootcamp dibuka Senin malam 3/6/2024 di Surabaya. Peserta pulang."
    assert len(split_sentences(text)) == 2


def test_quote_closed_by_comma_and_reporting_verb_is_one_sentence():
    text = "“Kami ingin maju bersama,” ujar Heni. Acara ditutup."
    assert [text[s.start:s.end] for s in split_sentences(text)] == ["“Kami ingin maju bersama,” ujar Heni.",
                                                                    "Acara ditutup."]


def test_quote_ending_in_exclamation_and_reporting_verb_is_one_sentence():
    text = "“Humas harus aktif!” tegas Hendro. Acara ditutup."
    assert len(split_sentences(text)) == 2


def test_sentences_are_grouped_up_to_max_sentences():
    text = "Satu. Dua. Tiga. Empat. Lima."
    assert [text[s.start:s.end] for s in unit_spans(text, max_sentences=2)] == ["Satu. Dua.", "Tiga. Empat.", "Lima."]


def test_unit_stops_growing_at_max_chars():
    text = "Kalimat pertama di sini. Kalimat kedua di sini. Kalimat ketiga."
    assert [text[s.start:s.end] for s in unit_spans(text, max_chars=50)] == [
        "Kalimat pertama di sini. Kalimat kedua di sini.", "Kalimat ketiga."]


def test_sentence_longer_than_max_chars_is_its_own_unit():
    long = "Ini kalimat yang sangat panjang sekali melebihi batas ukuran unit."
    text = f"Pendek. {long} Pendek lagi."
    assert [text[s.start:s.end] for s in unit_spans(text, max_chars=30)] == ["Pendek.", long, "Pendek lagi."]


def test_unit_never_crosses_a_paragraph():
    text = "Satu.\n\nDua."
    assert [text[s.start:s.end] for s in unit_spans(text, max_sentences=3)] == ["Satu.", "Dua."]


def test_repeated_text_gets_a_numbered_chunk_id():
    first, second = make_units(Document("d.txt", "Sama.\n\nSama."))
    assert second.chunk_id == f"{first.chunk_id}-2"


def test_chunk_id_names_the_document():
    [unit] = make_units(Document("berita.txt", "Satu kalimat."))
    assert unit.chunk_id.startswith("berita.txt#")


def test_chunk_id_depends_only_on_the_unit_text_not_its_position():
    before = make_units(Document("d.txt", "Paragraf lama.\n\nParagraf kedua."))
    after = make_units(Document("d.txt", "Paragraf baru di depan.\n\nParagraf lama.\n\nParagraf kedua."))
    assert [u.chunk_id for u in after[1:]] == [u.chunk_id for u in before]


CHUNK_IDS = ("import json; from assistant.schema import Document; from assistant.documents.units import make_units; "
             "print(json.dumps([u.chunk_id for u in make_units(Document('d.txt', {text!r}))]))")


def test_chunk_ids_are_stable_across_runs():
    text = "Pertama. Kedua.\n\n“Kami ingin maju bersama,” ujar Heni.\n\nPertama. Kedua."

    def run(seed: str) -> list[str]:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", CHUNK_IDS.format(text=text)], env=env, check=True,
                             capture_output=True, text=True).stdout
        return json.loads(out)

    first = run("1")
    assert first == run("2") == [u.chunk_id for u in make_units(Document("d.txt", text))]
    assert len(first) == 3


def test_the_word_ibu_can_end_a_sentence():
    text = "Ia datang bersama ibu. Mereka pulang bersama."
    assert len(split_sentences(text)) == 2
