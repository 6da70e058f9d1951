"""The short answer: a when- or where-question's answer leads with the date or place asked, a span of the
first quote (its month and day names in English for an English reader), and a who-question's with the
person asked for, so it is seen at a glance."""

from __future__ import annotations

import pytest

from assistant.answer.extractive import ExtractiveAnswerer, as_written
from assistant.answer.understanding import SpeakerAsk, Understanding
from assistant.config import Settings
from assistant.reading.lexicon import in_english
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


def answer(question: str, answer_type: str, text: str, lang: str = "id", compares: bool = False,
           **understood) -> str:
    speaker = understood.pop("speaker", "")
    units = [Unit(chunk_id=f"d{i}.txt#0", doc_id=f"d{i}.txt", text=t, start=0, end=len(t), position=0,
                  speaker=speaker if i == 0 else "") for i, t in enumerate(text if isinstance(text, list) else [text])]
    asked = Understanding(question=question, lang=lang, query=question, answer_type=answer_type,
                          compares=compares, **understood)
    passages = [Passage(unit=unit, score=0.9, dense=0.9, reading=0.9 if compares else 0.0) for unit in units]
    return ExtractiveAnswerer(Settings()).answer(asked, passages).text


def test_a_when_question_leads_with_the_date_asked():
    assert answer("Kapan bootcamp digelar?", "when", BOOTCAMP).splitlines()[0] == "Singkatnya: 3-6 Juni [1]"


def test_a_where_question_leads_with_the_place_asked_in_the_questions_language():
    first = answer("Where was the summit held?", "where", VENUE, lang="en").splitlines()[0]
    assert first == "In short: Aula Raden Wijaya Kanwil Kemenkumham Jatim [1]"
    assert answer("Di mana summit digelar?", "where", VENUE).splitlines()[0] == \
        "Singkatnya: di Aula Raden Wijaya Kanwil Kemenkumham Jatim [1]"


@pytest.mark.parametrize("question, lang, short", [
    ("Berapa hari bootcamp itu berlangsung?", "id", "Singkatnya: 3-6 Juni (4 hari) [1]"),
    ("Berapa lama bootcampnya?", "id", "Singkatnya: 3-6 Juni (4 hari) [1]"),
    ("How long did the bootcamp last?", "en", "In short: 3-6 June (4 days) [1]"),
])
def test_how_long_something_lasted_leads_with_its_dates_and_the_days_they_span(question, lang, short):
    assert answer(question, "when", BOOTCAMP, lang=lang).splitlines()[0] == short


@pytest.mark.parametrize("text, short", [
    (BOOTCAMP, "In short: 3-6 June [1]"),
    ("ujar Heni saat membuka kegiatan, Senin malam (3/6/2024).", "In short: Monday evening (3 June 2024) [1]"),
    ("penguatan SDM kehumasan Kumham PR Summit 2022, Rabu (26/10/2022).", "In short: Wednesday (26 October 2022) [1]"),
])
def test_an_english_readers_short_answer_names_months_and_days_in_english(text, short):
    assert answer("When was the bootcamp?", "when", text, lang="en").splitlines()[0] == short


def test_how_many_steps_leads_with_their_number_and_each_step():
    sessions = ["Pertama dari aspek kebijakan. Narasumbernya Zakaria.", "Sesi terakhir menyangkut aspek teknis."]
    first = answer("Berapa aspek materi di summit?", "count", sessions).splitlines()[0]
    assert first == "Singkatnya: 2: aspek kebijakan [1]; aspek teknis [2]"


def test_a_hashtag_asked_leads_with_the_hashtag():
    first = answer("tagar ishadi apa?", "", "“Makanya kami pakai tagar #growtogether,” harap Ishadi.").splitlines()[0]
    assert first == "Singkatnya: #growtogether [1]"


def test_which_came_first_leads_with_each_events_date_in_the_order_cited():
    leads = ["Kanwil menggelar Kumham PR Summit 2022, Rabu (26/10/2022).", BOOTCAMP]
    first = answer("Which came first, the summit or the bootcamp?", "when", leads, lang="en", compares=True)
    assert first.splitlines()[0] == "In short: Wednesday (26 October 2022) [1]; 3-6 June [2]"


def test_a_full_name_asked_leads_with_the_name_as_the_quote_writes_it():
    first = answer("Siapa nama lengkap Hendro?", "who", "Kadiv Keimigrasian Hendro Tri Prasetyo mengatakan …",
                   people=("Hendro Tri Prasetyo",)).splitlines()[0]
    assert first == "Singkatnya: Hendro Tri Prasetyo [1]"


def test_who_and_when_asked_together_lead_with_the_speaker_and_the_date():
    opened = "ujar Heni saat membuka kegiatan, Senin malam (3/6/2024)."
    first = answer("Who opened the bootcamp, and when?", "when", opened, lang="en", speaker="Heni Yuwono")
    assert first.splitlines()[0] == "In short: Heni Yuwono, Monday evening (3 June 2024) [1]"
    assert answer("When did Heni open it?", "when", opened, lang="en", speaker="Heni Yuwono",
                  people=("Heni Yuwono",)).splitlines()[0] == "In short: Monday evening (3 June 2024) [1]"


def test_a_place_asked_besides_a_date_leads_with_both_from_the_quotes_that_give_them():
    lead = "penguatan SDM kehumasan Kumham PR Summit 2022, Rabu (26/10/2022)."
    first = answer("Where and when was the summit held?", "when", [lead, VENUE], lang="en", also=("where",))
    assert first.splitlines()[0] == ("In short: Wednesday (26 October 2022) [1]; "
                                     "Aula Raden Wijaya Kanwil Kemenkumham Jatim [2]")


@pytest.mark.parametrize("answer_type, compares", [("", False), ("why", False), ("when", True)])
def test_other_kinds_and_dates_compared_have_no_short_answer(answer_type, compares):
    text = answer("Kapan dan siapa?", answer_type, BOOTCAMP, compares=compares)
    assert not text.startswith("Singkatnya") and "3-6 Juni" in text


def test_the_steps_of_a_list_lead_with_each_citations_step_as_its_first_sentence_names_it():
    sessions = ["Pertama dari aspek kebijakan. Narasumbernya Zakaria.",
                "Selanjutnya, Ketua AMSI Jatim Arief Rahman menekankan agar satker tidak alergi.",  # names no step
                "Sesi terakhir menyangkut aspek teknis. Ketiga narasumber yaitu Galih WP dan Danny Keegan."]
    text = answer("sesinya ada apa saja di summit itu?", "list", sessions)
    assert text.splitlines()[0] == "Singkatnya: aspek kebijakan [1]; aspek teknis [3]"


PEOPLE = ("Hendro Tri Prasetyo", "Zaeroji", "Heni Yuwono")
STOOD_IN = "“Citra instansi sangat bergantung pada performa humas,” ujar Hendro yang mewakili Kakanwil Zaeroji."
OPENED = "“Kami ingin humas tak sekedar melakukan publikasi,” ujar Kakanwil Kemenkumham Jatim, Heni Yuwono."


def test_who_all_leads_with_each_citations_people_its_speaker_or_those_it_names():
    sessions = ["“Media harus diverifikasi,” ujar Zakaria.",
                "Ketiga narasumber yaitu Galih WP (kreator konten DJKI) dan Danny Keegan (Spv Produksi Konten).",
                "Sesi Zakaria dan Galih WP diikuti peserta."]  # named before: not again
    text = answer("Siapa saja narasumbernya?", "list", sessions, speaker="Zakaria",
                  names=("Zakaria", "Galih WP", "Danny Keegan", "Heni Yuwono"))
    assert "[3]" in text and text.splitlines()[0] == "Singkatnya: Zakaria [1]; Galih WP, Danny Keegan [2]"


def test_a_who_question_leads_with_the_speaker_of_the_quote():
    first = answer("Who opened the bootcamp?", "who", OPENED, lang="en", names=PEOPLE, speaker="Heni Yuwono")
    assert first.splitlines()[0] == "In short: Heni Yuwono [1]"


def test_a_who_question_does_not_lead_with_the_speaker_it_asks_about():
    text = answer("Hendro mewakili siapa?", "who", STOOD_IN, names=PEOPLE, people=("Hendro Tri Prasetyo",),
                  speaker="Hendro Tri Prasetyo")
    assert not text.startswith("Singkatnya")


def test_a_quote_without_a_speaker_gives_no_short_answer_whoever_it_names():
    """Attribution takes words of general news for names ("Kompas" in "Jakarta, Kompas-…")."""
    text = answer("Siapa yang mewakili Zaeroji?", "who", STOOD_IN, names=PEOPLE, people=("Zaeroji",))
    assert not text.startswith("Singkatnya")


def test_who_held_a_position_leads_with_the_name_after_it_not_the_speaker():
    first = answer("Who was the head of the regional office in 2022?", "who", STOOD_IN, lang="en", names=PEOPLE,
                   holder=("Kakanwil",), speaker="Hendro Tri Prasetyo")
    assert first.splitlines()[0] == "In short: Zaeroji [1]"


def test_who_held_a_position_at_each_event_leads_with_each_articles_holder():
    first = answer("Siapa Kakanwil tahun 2022 dan 2024?", "who", [STOOD_IN, OPENED], compares=True, names=PEOPLE,
                   holder=("Kakanwil",))
    assert first.splitlines()[0] == "Singkatnya: Zaeroji [1]; Heni Yuwono [2]"


def test_who_holds_a_position_in_two_cited_articles_leads_with_each_articles_holder():
    """"What's the name of the head of the regional office?" names no event: each article has its own."""
    asked = Understanding(question="What's the name of the head of the regional office?", lang="en", query="q",
                          names=PEOPLE, holder=("Kakanwil",), name_asked=True)
    units = [Unit(chunk_id=f"d{i}.txt#0", doc_id=f"d{i}.txt", text=t, start=0, end=len(t), position=0)
             for i, t in enumerate([STOOD_IN, OPENED])]
    text = ExtractiveAnswerer(Settings()).answer(asked, [Passage(unit=u, score=0.9, dense=0.9) for u in units]).text
    assert text.splitlines()[0] == "In short: Zaeroji [1]; Heni Yuwono [2]"


def test_what_an_abbreviation_stands_for_leads_with_its_spelling_out():
    text = "Selanjutnya, Ketua Asosiasi Media Siber Indonesia (AMSI) Jatim Arief Rahman menekankan agar satker aktif."
    assert answer("What does AMSI stand for?", "", text, lang="en").splitlines()[0] == \
        "In short: Asosiasi Media Siber Indonesia [1]"
    assert not answer("Apa kata Ketua AMSI?", "", text).startswith("Singkatnya")  # no abbreviation asked


@pytest.mark.parametrize("lang, short", [
    ("en", "In short: Hendro Tri Prasetyo, Kadiv Keimigrasian (division head for immigration) [1]"),
    ("id", "Singkatnya: Hendro Tri Prasetyo, Kadiv Keimigrasian [1]"),
])
def test_who_is_x_leads_with_the_role_the_quote_gives_them(lang, short):
    text = "Kadiv Keimigrasian Hendro Tri Prasetyo mengatakan bahwa kegiatan ini sangat penting."
    unit = Unit(chunk_id="d.txt#0", doc_id="d.txt", text=text, start=0, end=len(text), position=0,
                speaker="Hendro Tri Prasetyo", role="Kadiv Keimigrasian")
    asked = Understanding(question="Who is Hendro?", lang=lang, query="q", who_is=True,
                          people=("Hendro Tri Prasetyo",))
    answer = ExtractiveAnswerer(Settings()).answer(asked, [Passage(unit=unit, score=0.9, dense=0.9)]).text
    assert answer.splitlines()[0] == short


def test_who_is_x_leads_with_the_role_a_list_gives_in_brackets_after_their_name():
    text = "Ketiga narasumber yaitu Galih WP (kreator konten DJKI) dan Danny Keegan (Spv Produksi Konten)."
    unit = Unit(chunk_id="d.txt#0", doc_id="d.txt", text=text, start=0, end=len(text), position=0)
    asked = Understanding(question="Siapa itu Danny?", lang="id", query="q", who_is=True, people=("Danny Keegan",))
    answer = ExtractiveAnswerer(Settings()).answer(asked, [Passage(unit=unit, score=0.9, dense=0.9)]).text
    assert answer.splitlines()[0] == "Singkatnya: Danny Keegan, Spv Produksi Konten [1]"


@pytest.mark.parametrize("role, english", [
    ("Kadiv Keimigrasian", "division head for immigration"),
    ("Kasubag Humas Kanwil Kemenkumham Jatim",
     "head of public relations subsection, law and human rights office, East Java"),  # in the role's order
    ("Ketua Asosiasi Media Siber Indonesia", ""),  # "head" alone would say less than the text
])
def test_a_role_reads_in_english_only_when_the_table_knows_all_of_it(role, english):
    assert in_english(role) == english


@pytest.mark.parametrize("understood", [dict(who_is=True, people=("Heni Yuwono",)),
                                        dict(ask=SpeakerAsk("Heni", ("Heni Yuwono",), False, ""))])
def test_who_is_x_and_someones_words_have_no_short_answer(understood):
    text = answer("Siapa Heni?", "who", OPENED, names=PEOPLE, speaker="Heni Yuwono", **understood)
    assert not text.startswith("Singkatnya")


@pytest.mark.parametrize("person, text, written", [
    ("Hendro Tri Prasetyo", "ujar Hendro yang mewakili Kakanwil", "Hendro"),
    ("Kepala Biro Humas, Hukum dan Kerjasama", "Kepala Biro Humas, Hukum dan Kerjasama mengatakan",
     "Kepala Biro Humas, Hukum dan Kerjasama"),
    ("Atas Nama", "Tanggapan keras atas laporan itu", ""),  # a name's word in lower case is no name
])
def test_a_person_is_given_as_the_quote_writes_their_name(person, text, written):
    assert as_written(person, text) == written
