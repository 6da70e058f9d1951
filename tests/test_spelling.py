"""Chat spelling read as standard spelling: abbreviations and colloquial forms become the words the
documents use, particles that ask nothing go, everything else stays as written."""

from __future__ import annotations

import pytest

from assistant.answer.spelling import standard


@pytest.mark.parametrize("chat, written", [
    ("siapa yg buka acara bootcamp?", "siapa yang buka acara bootcamp?"),
    ("pesertanya brp orang?", "pesertanya berapa orang?"),
    ("yg ngisi materi siapa aja?", "yang mengisi materi siapa saja?"),
    ("PR Summit 2022 diadain di mana?", "PR Summit 2022 diadakan di mana?"),
    ("whats the headline?", "what is the headline?"),
    ("bootcamp 2024 nya tgl brp aja?", "bootcamp 2024 nya tanggal berapa saja?"),
    ("siapa MC nya pas PR Summit 2022?", "siapa pembawa acara nya saat PR Summit 2022?"),
    ("trus dia nekenin apa?", "terus dia menekankan apa?"),
    ("siapa wartawan yg nulis berita itu", "siapa wartawan yang menulis berita itu"),
    ("pesertanya dari satker mna aja", "pesertanya dari satker mana saja"),
    ("ishadi hastag nya apa", "ishadi tagar nya apa"),
    ("materi yg dia bawain ttg apa", "materi yang dia membawakan tentang apa"),
])
def test_chat_words_become_standard_words(chat, written):
    assert standard(chat) == written


@pytest.mark.parametrize("chat, written", [
    ("satu2nya kanwil?", "satu-satunya kanwil?"),
    ("apa saja kata2 Heni?", "apa saja kata-kata Heni?"),
    ("apa kata PS2 dan G20?", "apa kata PS2 dan G20?"),  # names with a 2 stay
])
def test_a_word_repeated_with_a_2_is_written_in_full(chat, written):
    assert standard(chat) == written


def test_particles_that_ask_nothing_are_dropped_without_leaving_spaces():
    assert standard("Zakaria itu jabatannya apa ya?") == "Zakaria itu jabatannya apa?"
    assert standard("tujuan utama bootcamp apa sih dong?") == "tujuan utama bootcamp apa?"


def test_a_chat_word_in_capitals_is_read_the_same():
    assert standard("YG membuka acara?") == "yang membuka acara?"


@pytest.mark.parametrize("chat, written", [
    ("pesertanya dr satker mana aja", "pesertanya dari satker mana saja"),
    ("Kapan dr. Terawan dilantik?", "Kapan dr. Terawan dilantik?"),  # a doctor's title
    ("Di mana Dr Wilson bekerja?", "Di mana Dr Wilson bekerja?"),
])
def test_a_chat_word_that_is_also_a_title_is_replaced_only_in_lower_case_before_a_lower_case_word(chat, written):
    assert standard(chat) == written


def test_a_word_is_replaced_only_whole():
    assert standard("Surabaya yang diyakini") == "Surabaya yang diyakini"  # "ya" inside words stays


def test_a_question_in_standard_spelling_is_returned_unchanged():
    question = "Siapa  yang membuka Kumham PR Bootcamp 2024 ?"
    assert standard(question) is question
