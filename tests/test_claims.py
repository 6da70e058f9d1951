"""A yes/no question's claim checked against what the documents write: a role claimed for someone against the
roles the documents give people, a day or date against the one the quote writes; nothing else is judged."""

from __future__ import annotations

import pytest

from assistant.answer.claims import day_verdict, describes, holders, role_claimed, yes_no
from assistant.answer.extractive import ExtractiveAnswerer
from assistant.answer.understanding import Understanding
from assistant.config import Settings
from assistant.schema import Passage, Unit

ROLES = {"Zakaria": "Subkor Hubungan Pers dan Media Massa",
         "Arief Rahman": "Ketua Asosiasi Media Siber Indonesia (AMSI) Jatim", "Galih WP": "kreator konten DJKI",
         "Danny Keegan": "Spv Produksi Konten Kanwil Kemenkumham Jatim", "Heni Yuwono": "Kakanwil Kemenkumham Jatim",
         "Hendro Tri Prasetyo": "Kadiv Keimigrasian"}


@pytest.mark.parametrize("question", [
    "Apakah Arief Rahman ketua AMSI?", "Did Heni open the bootcamp?", "Benarkah acara digelar Kamis?",
    "benar tidak Danny Keegan itu kreator konten?", "summit 2022 bisa ikut online tidak?",
    "dia datang juga tidak ke PR Summit 2022?",
])
def test_a_yes_no_question_is_known_by_its_opener_or_its_chat_form(question):
    assert yes_no(question)


@pytest.mark.parametrize("question", ["Siapa yang membuka bootcamp?", "Kenapa humas tidak boleh defensif?",
                                      "Apa yang tidak boleh dilakukan humas saat krisis?",
                                      "Where was the summit held?"])
def test_other_questions_are_not_yes_no(question):
    assert not yes_no(question)


@pytest.mark.parametrize("question, person, claimed", [
    ("apa zakaria itu ketua AMSI jatim?", "Zakaria", "ketua AMSI jatim"),
    ("benar tidak danny keegan itu kreator konten DJKI", "Danny Keegan", "kreator konten DJKI"),
    ("Did Hendro Tri Prasetyo speak as the head of the regional office?", "Hendro Tri Prasetyo",
     "head of the regional office"),
    ("Was Heni Yuwono the head of the regional office in 2024?", "Heni Yuwono", "head of the regional office"),
    ("Apakah dia menjabat sebagai Kadiv Keimigrasian?", "Hendro Tri Prasetyo", "Kadiv Keimigrasian"),  # a pronoun
    ("Zakaria itu ketua apa?", "Zakaria", ""),  # asks which, claims nothing
    ("Siapa Zakaria itu?", "Zakaria", ""),  # no yes/no question
])
def test_the_role_a_yes_no_question_claims_follows_the_persons_name_and_a_copula(question, person, claimed):
    assert role_claimed(question, person) == claimed


@pytest.mark.parametrize("claimed, role, described", [
    ("ketua AMSI jatim", ROLES["Arief Rahman"], True),
    ("the head of the regional office", ROLES["Heni Yuwono"], True),  # English, by the role table
    ("kreator konten DJKI", ROLES["Danny Keegan"], False),  # "konten" alone is not the role
    ("mewakili Kakanwil", ROLES["Heni Yuwono"], False),  # says something else of them
    ("", ROLES["Zakaria"], False),
])
def test_a_claimed_role_describes_a_role_when_each_of_its_roles_and_words_is_there(claimed, role, described):
    assert describes(claimed, role) is described


def test_the_holders_of_a_claimed_role_are_those_whose_role_it_describes():
    assert holders("ketua AMSI jatim", ROLES) == ("Arief Rahman",)
    assert holders("mewakili Kakanwil", ROLES) == ()


@pytest.mark.parametrize("question, when, verdict", [
    ("Benarkah Kumham PR Summit 2022 digelar pada hari Kamis?", "Rabu (26/10/2022)", False),
    ("Apakah bootcamp dibuka Senin malam?", "Senin malam (3/6/2024)", True),
    ("Is it true that the bootcamp opened on Sunday evening, 2 June 2024?", "Senin malam (3/6/2024)", False),
    ("Was the summit held on 26 October?", "Rabu (26/10/2022)", True),  # by the date when no day is claimed
    ("Apakah bootcamp dibuka malam hari?", "Senin malam (3/6/2024)", None),  # nothing like to compare
    ("Kapan summit digelar, Kamis?", "Rabu (26/10/2022)", None),  # no yes/no question
])
def test_a_claimed_day_or_date_is_checked_against_the_quotes(question, when, verdict):
    assert day_verdict(question, when) is verdict


def cited(text: str, n: int, speaker: str = "", role: str = "") -> Passage:
    unit = Unit(chunk_id=f"d.txt#{n}", doc_id="d.txt", text=text, start=0, end=len(text), position=n,
                speaker=speaker, role=role)
    return Passage(unit=unit, score=0.6, dense=0.6, reading=0.9)


def test_a_role_claimed_for_someone_else_is_answered_no_with_each_persons_role():
    asked = Understanding(question="apa Zakaria itu ketua AMSI Jatim?", lang="id", query="q", people=("Zakaria",),
                          claim="ketua AMSI Jatim", claimed_by=("Arief Rahman",))
    his = cited("Narasumber yang dihadirkan adalah Zakaria selaku Subkor Hubungan Pers dan Media Massa.", 1,
                "Zakaria", ROLES["Zakaria"])
    chair = cited("Selanjutnya, Ketua Asosiasi Media Siber Indonesia (AMSI) Jatim Arief Rahman menekankan …", 2,
                  "Arief Rahman", ROLES["Arief Rahman"])
    answer = ExtractiveAnswerer(Settings()).answer(asked, [chair, his])
    assert [c.speaker for c in answer.citations] == ["Zakaria", "Arief Rahman"]
    assert answer.text.splitlines()[0] == ("Singkatnya: Tidak. Zakaria, Subkor Hubungan Pers dan Media Massa [1]; "
                                           "Arief Rahman, Ketua Asosiasi Media Siber Indonesia (AMSI) Jatim [2]")


def test_no_verdict_is_given_without_the_role_of_the_person_the_claim_is_about():
    asked = Understanding(question="apa Zakaria itu ketua AMSI Jatim?", lang="id", query="q", people=("Zakaria",),
                          claim="ketua AMSI Jatim", claimed_by=("Arief Rahman",))
    chair = cited("Selanjutnya, Ketua Asosiasi Media Siber Indonesia (AMSI) Jatim Arief Rahman menekankan …", 2,
                  "Arief Rahman", ROLES["Arief Rahman"])
    assert not ExtractiveAnswerer(Settings()).answer(asked, [chair]).text.startswith("Singkatnya")


def test_a_role_claimed_for_its_holder_is_answered_yes():
    asked = Understanding(question="Is Arief Rahman the chair of AMSI?", lang="en", query="q",
                          people=("Arief Rahman",), claim="chair of AMSI", claimed_by=("Arief Rahman",))
    chair = cited("Ketua Asosiasi Media Siber Indonesia (AMSI) Jatim Arief Rahman menekankan …", 2,
                  "Arief Rahman", ROLES["Arief Rahman"])
    first = ExtractiveAnswerer(Settings()).answer(asked, [chair]).text.splitlines()[0]
    assert first.startswith("In short: Yes. Arief Rahman, Ketua Asosiasi Media Siber Indonesia (AMSI) Jatim")


def test_a_claimed_day_is_answered_with_the_day_the_quote_writes():
    asked = Understanding(question="Benarkah summit digelar pada hari Kamis?", lang="id", query="q")
    lead = cited("Kumham PR Summit 2022 East Java Region, Rabu (26/10/2022).", 0)
    first = ExtractiveAnswerer(Settings()).answer(asked, [lead]).text.splitlines()[0]
    assert first == "Singkatnya: Tidak. Rabu (26/10/2022) [1]"
