"""The refusal policy on read passages: the reader's first is cited, its probability decides refusal, and
the similarity threshold still asks whether anything retrieved is on topic at all."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.answer.page import PAGE_LINE
from assistant.answer.policy import Decision, decide, evidence, other_documents, reading_floor, step_named
from assistant.answer.unstated import elsewhere, unstated
from assistant.answer.understanding import SpeakerAsk, Understanding
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


def test_someones_words_read_low_are_cited_when_theirs_is_the_most_similar_unit_retrieved():
    asked = Understanding(question="What did Heni say was unique?", lang="en", query="q",
                          ask=SpeakerAsk("Heni", ("Heni Yuwono",), False, ""))
    hers = in_doc("Satu-satunya kanwil yang menggelar ini, kata Heni.", "d.txt", 0.03, dense=0.43,
                  speaker="Heni Yuwono")
    closer = in_doc("Kanwil menggelar bootcamp.", "d.txt", 0.6, dense=0.5, n=1)
    assert evidence(asked, [hers], SETTINGS) == [hers]
    assert evidence(asked, [closer, hers], SETTINGS) == []  # another unit is more similar: the floor applies
    assert evidence(replace(asked, ask=None), [hers], SETTINGS) == []  # no one's words asked: the floor applies


def test_someones_words_about_the_event_only_are_cited_however_low_they_read():
    asked = Understanding(question="What did the head of the bureau say about the bootcamp?", lang="en", query="q",
                          ask=SpeakerAsk("head of the bureau", ("Kepala Biro",), False, "the bootcamp"))
    his = in_doc("Kanwil Jatim satu-satunya kanwil yang menyelenggarakan kegiatan seperti ini.", "d.txt", 0.03,
                 dense=0.3, speaker="Kepala Biro")
    closer = in_doc("Heni berharap kegiatan Kumham PR Bootcamp ini bermanfaat.", "d.txt", 0.6, dense=0.5, n=1,
                    speaker="Heni Yuwono")
    assert evidence(replace(asked, event_topic=True), [closer, his], SETTINGS) == [his]
    assert evidence(asked, [closer, his], SETTINGS) == []  # a topic beside the event: the floor applies


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


def in_doc(text: str, doc: str, reading: float, dense: float = 0.5, n: int = 0, anchored: float = 1.0,
           speaker: str = "") -> Passage:
    unit = Unit(chunk_id=f"{doc}#{n}", doc_id=doc, text=text, start=0, end=len(text), position=n, speaker=speaker)
    return Passage(unit=unit, score=dense, dense=dense, reading=reading, anchored=anchored)


@pytest.mark.parametrize("question, person, reason", [
    ("What is Galih WP's full name?", "Galih WP", "no_full_name"),  # no article writes more of it
    ("Siapa nama lengkap Hendro?", "Hendro Tri Prasetyo", ""),
])
def test_a_full_name_is_answered_by_a_passage_writing_more_of_it_than_the_question(question, person, reason):
    asked = Understanding(question=question, lang="id", query="q", people=(person,))
    named = in_doc(f"Narasumbernya {person} dan Danny Keegan.", "d.txt", 0.1, dense=0.5)  # read low: a name
    decision = decide(asked, [named], SETTINGS)
    assert decision.reason == reason and decision.passages == ([] if reason else [named])


def test_only_a_full_name_question_takes_a_name_written_out_for_its_answer():
    named = in_doc("Narasumbernya Hendro Tri Prasetyo.", "d.txt", 0.1, dense=0.5)  # read low
    asked = Understanding(question="Apa kata Hendro?", lang="id", query="q", people=("Hendro Tri Prasetyo",))
    assert decide(asked, [named], SETTINGS).reason == "not_stated"


def test_a_document_missing_the_person_or_year_asked_about_is_not_cited():
    other_event = in_doc("Hendro berbicara.", "2022.txt", 0.9, anchored=0.5)
    assert evidence(QUESTION, [other_event], SETTINGS) == []
    right_event = in_doc("Heni berbicara.", "2024.txt", 0.5, anchored=1.0)
    assert evidence(QUESTION, [other_event, right_event], SETTINGS) == [right_event]


def test_a_comparison_cites_the_best_passage_of_each_document():
    passages = [in_doc("a", "2022.txt", 0.9), in_doc("b", "2022.txt", 0.8, n=1), in_doc("c", "2024.txt", 0.7)]
    compared = Understanding(question="q", lang="id", query="q", compares=True)
    assert [p.text for p in evidence(compared, passages, SETTINGS)] == ["a", "c"]
    assert [p.text for p in evidence(QUESTION, passages, SETTINGS)] == ["a"]


def test_a_comparison_cites_each_side_however_dissimilar_once_the_question_is_on_topic():
    compared = Understanding(question="q", lang="id", query="q", compares=True)
    one_side = in_doc("Kakanwil Heni Yuwono membuka.", "2024.txt", 0.9, dense=0.5)
    other_side = in_doc("Hendro mewakili Kakanwil Zaeroji.", "2022.txt", 0.05, dense=0.1)  # below 0.30, reads low
    assert evidence(compared, [one_side, other_side], SETTINGS) == [one_side, other_side]
    off_topic = in_doc("Kakanwil Heni Yuwono membuka.", "2024.txt", 0.9, dense=0.25)
    assert evidence(compared, [off_topic, other_side], SETTINGS) == []


@pytest.mark.parametrize("question, kind, answered", [
    ("When were the two events held?", "when", True),
    ("Di mana kedua acara itu digelar?", "where", True),
    ("Who won a prize at the two events?", "who", False),  # every event has a date and a place, not a winner
    ("When was it held?", "when", False),  # not the events as a set: similarity decides
])
def test_asking_when_or_where_of_the_events_as_a_set_is_on_topic_by_reference(question, kind, answered):
    asked = Understanding(question=question, lang="en", query=question, compares=True, answer_type=kind)
    passages = [in_doc("Digelar di Aula Raden Wijaya, Rabu (26/10/2022).", "2022.txt", 0.9, dense=0.15),
                in_doc("Bootcamp digelar di Surabaya pada 3-6 Juni 2024 oleh Heni.", "2024.txt", 0.8, dense=0.15)]
    assert bool(evidence(asked, passages, SETTINGS)) is answered


def test_the_events_as_a_set_cite_a_passage_holding_the_kind_asked_in_each_document():
    """Each event has a date: the 2022 article's dateless sentence read first does not answer for it."""
    asked = Understanding(question="What were the dates of the two events?", lang="en", query="q", compares=True,
                          answer_type="when")
    dateless = in_doc("Hendro mengatakan bahwa kegiatan ini sangat penting.", "2022.txt", 0.9, dense=0.15)
    dated = in_doc("Kanwil menggelar PR Summit, Rabu (26/10/2022).", "2022.txt", 0.5, dense=0.15, n=1)
    other = in_doc("Bootcamp digelar pada 3-6 Juni.", "2024.txt", 0.8, dense=0.15)
    assert evidence(asked, [dateless, dated, other], SETTINGS) == [dated, other]


def test_the_events_as_a_set_are_answered_by_each_articles_lead_when_it_holds_the_kind_asked():
    asked = Understanding(question="When were the two events held?", lang="en", query="q", compares=True,
                          answer_type="when")
    opening = in_doc("ujar Heni saat membuka kegiatan, Senin malam (3/6/2024).", "2024.txt", 0.9, dense=0.15, n=1)
    lead = in_doc("Kanwil menggelar Kumham PR Bootcamp 2024 pada 3-6 Juni.", "2024.txt", 0.5, dense=0.15)
    assert evidence(asked, [opening, lead], SETTINGS) == [lead]


@pytest.mark.parametrize("question", ["What were the names of the two events?", "Apa nama kedua acara itu?"])
def test_the_events_names_are_answered_by_each_articles_lead_however_dissimilar(question):
    asked = Understanding(question=question, lang="en", query="q", compares=True, answer_type="list")
    opening = in_doc("ujar Heni saat membuka kegiatan.", "2024.txt", 0.9, dense=0.15, n=1)
    lead_2024 = in_doc("Kanwil menggelar Kumham PR Bootcamp 2024 pada 3-6 Juni.", "2024.txt", 0.5, dense=0.15)
    lead_2022 = in_doc("Kanwil menggelar Kumham PR Summit 2022.", "2022.txt", 0.4, dense=0.15)
    assert evidence(asked, [opening, lead_2024, lead_2022], SETTINGS) == [lead_2024, lead_2022]


@pytest.mark.parametrize("answer_type, cited", [("", "leads"), ("who", "the opening")])
def test_the_differences_between_the_events_are_answered_by_each_articles_lead_unless_a_kind_narrows_them(
        answer_type, cited):
    asked = Understanding(question="Apa saja perbedaan acara humas 2022 dan 2024?", lang="id", query="q",
                          compares=True, answer_type=answer_type)
    opening = in_doc("ujar Kakanwil Heni saat membuka kegiatan.", "2024.txt", 0.9, dense=0.35, n=1)
    lead_2024 = in_doc("Kanwil menggelar Kumham PR Bootcamp 2024 pada 3-6 Juni.", "2024.txt", 0.5, dense=0.35)
    lead_2022 = in_doc("Kanwil menggelar Kumham PR Summit 2022.", "2022.txt", 0.4, dense=0.35)
    chosen = evidence(asked, [opening, lead_2024, lead_2022], SETTINGS)
    assert chosen == ([lead_2024, lead_2022] if cited == "leads" else [opening, lead_2022])


def test_a_page_line_asked_for_is_cited_whatever_kind_of_answer_the_question_expects():
    """"Dari kota mana …?" expects a place phrase; the dateline gives the city bare ("Surabaya | …")."""
    asked = Understanding(question="Berita itu ditulis dari kota mana?", lang="id", query="q", answer_type="where",
                          page="dateline")
    line = in_doc("Surabaya | barometerbali – Kanwil menggelar acara.", "2022.txt", 1.0, dense=1.0)
    line = replace(line, unit=replace(line.unit, position=PAGE_LINE))
    assert evidence(asked, [line], SETTINGS) == [line]
    assert evidence(replace(asked, page=None), [line], SETTINGS) == []


@pytest.mark.parametrize("question, kind, answer", [
    ("Siapa saja peserta PR Summit 2022?", "list", "diikuti"),
    ("Who attended the 2022 summit?", "who", "diikuti"),
    ("Siapa saja narasumber yang hadir di PR Summit 2022?", "list", "narasumber"),  # the speakers asked for
    ("Bagaimana antusiasme peserta?", "", "narasumber"),  # not who took part: the reader decides
])
def test_who_took_part_is_not_answered_by_the_speakers(question, kind, answer):
    asked = Understanding(question=question, lang="id", query=question, answer_type=kind)
    speakers = in_doc("Ketiga narasumber yaitu Galih WP dan Danny Keegan. Para peserta antusias.", "d.txt", 0.9)
    taking_part = in_doc("Kegiatan itu diikuti seluruh tim humas dari satker jajaran.", "d.txt", 0.6, n=1)
    cited = evidence(asked, [speakers, taking_part], SETTINGS)
    assert answer in cited[0].text
    assert answer == "narasumber" or not any("narasumber" in p.text for p in cited)  # nor among a list's parts


def test_a_question_naming_someone_is_on_topic_when_the_passage_naming_them_reads_as_its_answer():
    """"Siapa yang mewakili Zaeroji?" is too short to be similar to anything (0.25, under 0.30)."""
    asked = Understanding(question="Siapa yang mewakili Zaeroji?", lang="id", query="q", people=("Zaeroji",),
                          answer_type="who")
    answer = in_doc("ujar Hendro yang mewakili Kakanwil Kemenkumham Jatim Zaeroji.", "d.txt", 0.7, dense=0.17)
    assert evidence(asked, [answer], SETTINGS) == [answer]
    assert evidence(asked, [replace(answer, reading=0.6)], SETTINGS) == []  # read as no paraphrase's answer
    other = replace(asked, question="Siapa yang mewakili Heni Yuwono?", people=("Heni Yuwono",))
    assert evidence(other, [answer], SETTINGS) == []  # names someone else


def test_a_question_naming_a_product_or_acronym_is_on_topic_when_the_passage_naming_it_reads_as_its_answer():
    """"yg dari Canva siapa?" is too short to be similar to anything (0.28, under 0.30)."""
    asked = Understanding(question="yg dari Canva siapa?", lang="id", query="q", answer_type="who")
    answer = in_doc("Ketiga narasumber yaitu Galih WP dan Nerry Supanji (Canva Mobile Specialist).", "d.txt", 0.8,
                    dense=0.2)
    assert evidence(asked, [answer], SETTINGS) == [answer]
    assert evidence(asked, [replace(answer, reading=0.6)], SETTINGS) == []  # read as no paraphrase's answer
    assert evidence(replace(asked, question="yg dari Adobe siapa?"), [answer], SETTINGS) == []  # names another


def test_an_indonesian_question_naming_its_event_in_the_documents_words_is_on_topic():
    """"Siapa yang membuka bootcamp?" is too short to be similar to anything (0.21 here, under 0.30)."""
    asked = Understanding(question="Siapa yang membuka bootcamp?", lang="id", query="q", answer_type="who",
                          events=("bootcamp",))
    opened = in_doc("Ujar Kakanwil Kemenkumham Jatim, Heni Yuwono saat membuka kegiatan.", "d.txt", 0.5, dense=0.15)
    assert evidence(asked, [opened], SETTINGS) == [opened]
    assert evidence(replace(asked, events=()), [opened], SETTINGS) == []  # names no event
    assert evidence(replace(asked, unstated=("pemenang",)), [opened], SETTINGS) == []  # asks a word never used
    assert evidence(replace(asked, lang="en", question="Who opened it?"), [opened], SETTINGS) == []  # unchecked
    by_year = Understanding(question="Pematerinya siapa saja yang 2022?", lang="id", query="q", answer_type="who")
    assert evidence(by_year, [opened], SETTINGS) == [opened]  # names its event by the year


def test_a_question_whose_every_word_beside_the_names_is_unstated_is_refused():
    """"Apa hobi Arief Rahman?": the passage naming him reads well, but nothing says a hobby."""
    asked = Understanding(question="Apa hobi Arief Rahman?", lang="id", query="q", people=("Arief Rahman",),
                          unstated=("hobi",))
    named = in_doc("Ketua AMSI Jatim Arief Rahman menekankan agar satker tidak alergi.", "d.txt", 0.9)
    assert evidence(asked, [named], SETTINGS) == []
    partly = replace(asked, question="Apa hobi Arief Rahman soal media?")  # "media" is stated
    assert evidence(partly, [named], SETTINGS) == [named]


def test_a_question_whose_every_word_beside_its_event_is_unstated_is_refused():
    """"Cuacanya gimana pas PR Summit 2022?": the summit's lead reads well, but nothing says the weather."""
    asked = Understanding(question="Cuacanya bagaimana pas PR Summit 2022, hujan tidak?", lang="id", query="q",
                          unstated=("cuacanya", "hujan"), events=("summit",))
    lead = in_doc("Kanwil Kemenkumham Jatim menggelar Kumham PR Summit 2022.", "d.txt", 0.9)
    assert evidence(asked, [lead], SETTINGS) == []
    assert evidence(replace(asked, events=()), [lead], SETTINGS) == [lead]  # "summit" then asks too
    day = Understanding(question="PR Summit 2022 jatuh pada hari apa?", lang="id", query="q", answer_type="when",
                        unstated=("jatuh",), events=("summit",))
    dated = in_doc("Kanwil menggelar Kumham PR Summit 2022, Rabu (26/10/2022).", "d.txt", 0.9)
    assert evidence(day, [dated], SETTINGS) == [dated]  # a day asked: "jatuh pada" only frames it


def test_a_question_whose_every_word_beside_its_event_only_another_article_uses_is_refused():
    """"Bagaimana dengan bootcamp 2024, apakah juga diikuti secara daring?": only the summit's article says "daring"."""
    asked = Understanding(question="Apakah bootcamp 2024 juga daring?", lang="id", query="q", events=("bootcamp",),
                          elsewhere=("daring",))
    lead = in_doc("Kanwil Kemenkumham Jatim menggelar Kumham PR Bootcamp 2024.", "d.txt", 0.9)
    decision = decide(asked, [lead], SETTINGS)
    assert (decision.passages, decision.reason, decision.detail) == ([], "elsewhere", "daring")
    partly = replace(asked, question="Apakah bootcamp 2024 juga daring dan dibuka Heni?")  # "dibuka" is its own
    assert evidence(partly, [lead], SETTINGS) == [lead]


ARTICLES = {"2022.txt": set("kumham pr summit 2022 diikuti secara langsung maupun daring".split()),
            "2024.txt": set("kumham pr bootcamp 2024 dibuka heni".split())}


@pytest.mark.parametrize("question, events, anchored, words", [
    ("Apakah bootcamp 2024 juga diikuti secara daring?", ("bootcamp",), {"2024.txt"}, ["diikuti", "daring"]),
    ("Apakah summit 2022 diikuti secara daring?", ("summit",), {"2022.txt"}, []),  # its own article says it
    ("Apakah acaranya diikuti secara daring?", (), {"2024.txt"}, []),  # no event named
    ("Apakah bootcamp 2024 juga daring?", ("bootcamp",), {"2024.txt", "2022.txt"}, []),  # no one article anchored
    ("Apakah bootcamp 2024 ada lomba?", ("bootcamp",), {"2024.txt"}, []),  # no article says it: `unstated`'s
])
def test_the_words_of_a_question_about_one_event_only_another_article_uses(question, events, anchored, words):
    asked = Understanding(question=question, lang="id", query="q", events=events,
                          unstated=tuple(unstated(Understanding(question=question, lang="id", query="q"),
                                                  set().union(*ARTICLES.values()))))
    passages = [in_doc("x", doc, 0.5, anchored=1.0 if doc in anchored else 0.0, n=i) for i, doc in enumerate(ARTICLES)]
    assert elsewhere(asked, passages, ARTICLES) == words


@pytest.mark.parametrize("question, by", [
    ("Siapa moderator sesi teknis di summit?", "moderator"),
    ("Siapa yang jadi moderator di summit?", "moderator"),
])
def test_a_who_question_naming_its_person_by_a_word_never_used_is_refused_however_well_a_passage_reads(question, by):
    """No one moderates in the text; the speakers of the session asked about read 0.88."""
    asked = Understanding(question=question, lang="id", query="q", answer_type="who", unstated=(by,))
    speakers = in_doc("Sesi teknis. Ketiga narasumber yaitu Galih WP dan Danny Keegan.", "d.txt", 0.88)
    assert decide(asked, [speakers], SETTINGS) == Decision([], "unstated", by)


def test_a_who_question_asking_for_anyone_at_all_is_not_refused_by_that_word():
    """"Siapa pejabat yang menyebut …?": whichever official said it (fresh55)."""
    asked = Understanding(question="Siapa pejabat yang menyebut kanwil satu-satunya?", lang="id", query="q",
                          answer_type="who", unstated=("pejabat",))
    said = in_doc("Kepala Biro Humas mengatakan Kanwil Jatim satu-satunya kanwil.", "d.txt", 0.88)
    assert decide(asked, [said], SETTINGS).passages == [said]


def test_an_english_question_asking_by_a_word_never_used_is_refused_however_well_a_passage_reads():
    asked = Understanding(question="Who was the moderator of the technical session?", lang="en", query="q",
                          answer_type="who", unstated=("moderator",))
    speakers = in_doc("Sesi teknis. Ketiga narasumber yaitu Galih WP dan Danny Keegan.", "d.txt", 0.88)
    assert decide(asked, [speakers], SETTINGS) == Decision([], "unstated", "moderator")


def test_a_who_questions_verb_never_used_is_no_word_its_person_is_named_by():
    """"Siapa yang menjabat Kasubag Humas …?": the text never says "menjabat", but names the holder."""
    asked = Understanding(question="Siapa yang menjabat Kasubag Humas saat summit?", lang="id", query="q",
                          answer_type="who", unstated=("menjabat",))
    holder = in_doc("Kasubag Humas Kanwil, Galih, mengatakan hal itu.", "d.txt", 0.9)
    assert decide(asked, [holder], SETTINGS) == Decision([holder])


def test_words_about_the_asking_with_nya_or_a_place_in_a_list_are_not_what_is_asked():
    """"Yang kedua jabatannya apa?" asks the second speaker's position, which the passage naming him gives."""
    asked = Understanding(question="Danny Keegan: yang kedua jabatannya apa?", lang="id", query="q",
                          people=("Danny Keegan",), unstated=("jabatannya", "kedua"))
    named = in_doc("Narasumber yaitu Galih WP (kreator konten DJKI), Danny Keegan (Spv Produksi Konten).", "d.txt", 0.9)
    assert evidence(asked, [named], SETTINGS) == [named]


def test_what_someone_said_about_a_topic_spelled_otherwise_is_not_refused_as_unstated():
    """"Apa kata Heni tentang hoaks?" over "… hoax dan disinformasi …": a what-did-X-say topic is measured
    by similarity (`topic_share`), which a spelling does not defeat."""
    asked = Understanding(question="Apa kata Heni tentang hoaks?", lang="id", query="q", people=("Heni Yuwono",),
                          unstated=("hoaks",), ask=SpeakerAsk("Heni", ("Heni Yuwono",), False, "hoaks"))
    said = in_doc("Mengingat, hoax dan disinformasi menyebar lebih cepat.", "d.txt", 0.9, speaker="Heni Yuwono")
    assert evidence(asked, [said], SETTINGS) == [said]


def test_a_place_asked_besides_a_date_cites_the_passage_of_the_same_article_holding_it():
    asked = Understanding(question="Where and on what day was the summit held?", lang="en", query="q",
                          answer_type="when", also=("where",))
    dated = in_doc("Kanwil menggelar PR Summit 2022, Rabu (26/10/2022).", "2022.txt", 0.9)
    placed = in_doc("Kegiatan itu diselenggarakan di Aula Raden Wijaya.", "2022.txt", 0.3, n=1)
    elsewhere = in_doc("Bootcamp digelar di Surabaya.", "2024.txt", 0.4, n=2)
    assert evidence(asked, [dated, elsewhere, placed], SETTINGS) == [dated, placed]
    assert evidence(replace(asked, also=()), [dated, elsewhere, placed], SETTINGS) == [dated]


@pytest.mark.parametrize("question, each", [
    ("Who spoke at the 2024 bootcamp?", True),
    ("Siapa saja yang memberi sambutan di bootcamp 2024?", True),
    ("Who spoke about hoaxes?", False),  # one person, found the ordinary way
    ("Who spoke for the Kakanwil?", False),
    ("List the resource persons who spoke at the bootcamp.", False),  # the sessions' list
])
def test_who_spoke_at_an_event_cites_each_person_quoted_in_its_article(question, each):
    asked = Understanding(question=question, lang="en", query="q", answer_type="who")
    kepala = in_doc("Kepala Biro mengatakan Kanwil Jatim satu-satunya.", "2024.txt", 0.9, n=5, speaker="Kepala Biro")
    heni = in_doc("Heni berharap kegiatan ini memberi pemahaman.", "2024.txt", 0.6, n=2, speaker="Heni Yuwono")
    heni_again = in_doc("Menurut Heni, media sosial menjadi tantangan.", "2024.txt", 0.5, n=3, speaker="Heni Yuwono")
    other = in_doc("Hendro mengatakan kegiatan ini penting.", "2022.txt", 0.4, speaker="Hendro")
    cited = evidence(asked, [kepala, heni, heni_again, other], SETTINGS)
    assert cited == ([kepala, heni] if each else [kepala])


def test_who_spoke_besides_someone_leaves_them_out():
    asked = Understanding(question="And who spoke besides the head of the regional office?", lang="en",
                          query="q", answer_type="who")
    kepala = in_doc("Kepala Biro mengatakan Kanwil Jatim satu-satunya.", "2024.txt", 0.9, n=5, speaker="Kepala Biro")
    heni = in_doc("Heni berharap kegiatan ini memberi pemahaman.", "2024.txt", 0.6, n=2, speaker="Heni Yuwono")
    heni = replace(heni, unit=replace(heni.unit, role="Kakanwil Kemenkumham Jatim"))
    assert evidence(asked, [kepala, heni], SETTINGS) == [kepala]
    assert evidence(asked, [heni, kepala], SETTINGS) == [kepala]  # the one left is the answer, however read
    by_name = replace(asked, question="Who spoke at the bootcamp besides Heni?")
    assert evidence(by_name, [heni, kepala], SETTINGS) == [kepala]


def test_one_speaker_found_leaves_who_spoke_to_the_ordinary_answer():
    asked = Understanding(question="Who spoke at the 2024 bootcamp?", lang="en", query="q", answer_type="who")
    lead = in_doc("Kanwil Kemenkumham Jatim menggelar Bootcamp 2024.", "2024.txt", 0.9)
    heni = in_doc("Heni berharap kegiatan ini memberi pemahaman.", "2024.txt", 0.6, n=2, speaker="Heni Yuwono")
    assert evidence(asked, [lead, heni], SETTINGS)[0] == lead


@pytest.mark.parametrize("question, earlier_first", [
    ("Which came first, the summit or the bootcamp?", True),
    ("Mana yang lebih dulu digelar, summit atau bootcamp?", True),
    ("Compare the two events.", False),  # in the order of each document's best passage
])
def test_which_came_first_lists_the_earlier_event_first(question, earlier_first):
    asked = Understanding(question=question, lang="en", query="q", compares=True)
    later = in_doc("Kanwil menggelar Bootcamp 2024 pada 3-6 Juni.", "2024.txt", 0.9)
    unit = Unit(chunk_id="2022.txt#0", doc_id="2022.txt", text="Kanwil menggelar Summit 2022, Rabu.", start=0,
                end=35, position=0)
    earlier = replace(in_doc("Kegiatan itu digelar di Aula Raden Wijaya.", "2022.txt", 0.8, n=1), antecedent=unit)
    cited = evidence(asked, [later, earlier], SETTINGS)
    assert cited == ([earlier, later] if earlier_first else [later, earlier])


CORPUS = set("kanwil kemenkumham jatim menggelar kumham pr bootcamp digelar di aula para peserta berharap kegiatan "
             "ini humas diikuti konten hoax menekankan kakanwil mewakili antusias narasumber-narasumber "
             "personilnya".split())


@pytest.mark.parametrize("question, absent", [
    ("Siapa narsumber sesi teknis?", []),  # "narasumber" with a letter dropped
    ("Siapa yang dilantik kakanwil?", ["dilantik"]),  # "dilatih" is another word, 0.80 alike
    ("Apa tindak lanjutnya?", ["tindak"]),  # a short word is no typo of another ("tidak")
    ("Siapa pengarang buku itu?", ["pengarang"]),  # two edits from "pengairan": another word
    ("Apa hashtag humas?", []),  # the loanword, said "tagar" in the text
])
def test_a_typo_or_a_loanword_of_a_word_the_documents_use_is_stated(question, absent):
    said = {"narasumber", "sesi", "teknis", "dilatih", "kakanwil", "tagar", "humas", "tidak", "lanjutnya", "buku",
            "pengairan"}
    assert unstated(Understanding(question=question, lang="id", query="q"), said) == absent


def test_what_a_speaker_brought_is_stated_by_what_they_discussed():
    """"materi yang dibawakan" is said with "membahas" (fresh53)."""
    said = {"dia", "membahas", "kebijakan"}
    assert unstated(Understanding(question="Materi yang dia bawakan tentang apa?", lang="id", query="q"), said) == []


@pytest.mark.parametrize("question, absent", [
    ("Siapa pemenang lomba konten di bootcamp?", ["pemenang", "lomba"]),
    ("Kapan Kemenkumham Jatim mengadakan sosialisasi fidusia?", ["sosialisasi", "fidusia"]),
    ("Apa harapannya dari kegiatan ini?", []),  # "harapannya" is a form of "berharap"
    ("Kapan bootcampnya?", []),  # the clitic -nya on a word Sastrawi does not know
    ("Kapan lombanya?", ["lombanya"]),  # a clitic on a word the documents never use
    ("Kegiatan apa yang digelarin?", []),  # the verb suffix of chat Indonesian: "digelar"
    ("Kalau kegiatan bootcamp?", []),  # "kalau" asks nothing
    ("Apa kata humas soal kanwil dibanding bootcamp?", []),  # "dibanding" (compared with) only relates
    ("Siapa peserta yang hadir?", []),  # "hadir" is said as "diikuti"
    ("Bagaimana humas menghadapi hoaks?", ["menghadapi"]),  # "hoaks" is spelt "hoax" in the text
    ("Mana yang lebih dulu diadakan, bootcamp atau summit?", ["summit"]),  # comparing words, "diadakan" = "digelar"
    ("Apa perbedaan bootcamp dan summit dari segi waktu?", ["summit"]),  # comparing, and the kind of answer asked
    ("Apa yang ditekankan Kepala Kantor Wilayah?", []),  # "menekankan", and "Kanwil" for the office
    ("Apa yang ditekankan beliau kepadanya?", []),  # words that point to someone ask nothing
    ("Apa alasan dia menyebut kegiatan ini penting?", ["penting"]),  # the reason asked and the mention are the asking
    ("Siapa wakil kakanwil di bootcamp?", []),  # "wakil" is inflected in "mewakili"
    ("Berapa usia peserta bootcamp?", ["usia"]),  # "antusias" only holds its letters
    ("Siapa narasumber di bootcamp?", []),  # a part of the hyphenated "narasumber-narasumber"
    ("Siapa personil humas?", []),  # "personilnya", whose clitic Sastrawi keeps
])
def test_the_words_of_an_indonesian_question_the_documents_never_use(question, absent):
    assert unstated(Understanding(question=question, lang="id", query=question), CORPUS) == absent


@pytest.mark.parametrize("question, absent", [
    ("How satisfied were the participants?", ["satisfied"]),  # "puas" is nowhere
    ("Who was the winner of the content contest?", ["winner"]),  # nor "pemenang"
    ("Which platform did Heni say people prefer?", []),  # a kind, which the text names an instance of
    ("Who was the MC or moderator at the summit?", ["moderator"]),  # either word it asks by
    ("Who was the head of the regional office?", []),  # "kakanwil"
    ("What topic did Zakaria cover?", []),  # the kind of answer asked, not a thing asked about
    ("How was the bootcamp held?", []),  # "held" is "digelar"
    ("Who won the content-creation competition at the summit?", ["competition"]),  # the head of what was won
    ("Who officially sponsored the summit?", ["sponsored"]),  # the verb a who-question asks by
    ("Who officially organized the bootcamp?", []),  # "organized" is "menggelar"
])
def test_an_english_question_is_unstated_by_the_word_it_asks_a_person_or_a_degree_by(question, absent):
    assert unstated(Understanding(question=question, lang="en", query=question), CORPUS) == absent


def test_an_english_question_not_asking_by_a_word_or_a_page_question_has_no_unstated_words():
    english = Understanding(question="Which prize did the content contest give?", lang="en", query="q")
    page = Understanding(question="Siapa penyunting halaman itu?", lang="id", query="q", page="editor")
    assert unstated(english, CORPUS) == [] and unstated(page, CORPUS) == []


def test_two_words_the_documents_never_use_refuse_unless_a_passage_reads_as_a_paraphrases_answer():
    asked = Understanding(question="q", lang="id", query="q", unstated=("pemenang", "lomba"))
    doubtful = in_doc("Kanwil menggelar bootcamp.", "d.txt", 0.6)  # above SETTINGS' reading floor
    assert evidence(asked, [doubtful], SETTINGS) == []
    assert evidence(replace(asked, unstated=("pemenang",)), [doubtful], SETTINGS) == [doubtful]
    paraphrased = in_doc("Narasumber yang dihadirkan adalah Zakaria.", "d.txt", 0.7)
    assert evidence(asked, [paraphrased], SETTINGS) == [paraphrased]



def test_an_articles_lead_read_high_is_no_paraphrases_answer_to_words_the_documents_never_use():
    """The lead names the event every question about it names: "Satker mana yang meraih penghargaan … pada
    Kumham PR Summit 2022?" read the summit's lead 0.71."""
    asked = Understanding(question="q", lang="id", query="q", unstated=("meraih", "penghargaan"))
    lead = replace(in_doc("Kanwil Kemenkumham Jatim menggelar Kumham PR Summit 2022.", "d.txt", 0.71),
                   title="Optimalkan Peran Humas")
    assert evidence(asked, [lead], SETTINGS) == []
    untitled = replace(lead, title="")  # a benchmark's paragraph: its first unit is no lead
    assert evidence(asked, [untitled], SETTINGS) == [untitled]


def test_how_many_kinds_is_counted_off_a_list_of_them():
    asked = Understanding(question="How many kinds of work units took part?", lang="en", query="q",
                          answer_type="count")
    listed = in_doc("Diikuti tim humas satker: lapas, rutan, rupbasan, bapas dan balai.", "d.txt", 0.9)
    assert evidence(asked, [listed], SETTINGS) == [listed]
    assert evidence(replace(asked, question="How many people took part?"), [listed], SETTINGS) == []


@pytest.mark.parametrize("question, named", [
    ("Siapa saja narasumber pada sesi aspek teknis?", ["teknis"]),  # "sesi aspek teknis": the step is "teknis"
    ("Ada berapa aspek/sesi materi?", []),  # step words in a row name no step
    ("Who spoke in the technical session?", ["technical", "teknis"]),
])
def test_the_step_a_question_names_is_the_word_after_or_before_the_step_word(question, named):
    assert step_named(Understanding(question=question, lang="en" if "Who" in question else "id", query="q")) == named


def test_how_many_sessions_is_counted_off_the_steps_of_a_list_told_over_paragraphs_in_their_order():
    asked = Understanding(question="Ada berapa aspek materi di PR Summit 2022?", lang="id", query="q",
                          answer_type="count")
    last = in_doc("Sesi terakhir menyangkut aspek teknis.", "d.txt", 0.9, n=12)
    first = in_doc("Pertama dari aspek kebijakan.", "d.txt", 0.5, n=6)
    assert evidence(asked, [last, first], SETTINGS) == [first, last]
    assert evidence(replace(asked, question="Ada berapa peserta di PR Summit 2022?"), [last, first], SETTINGS) == []

def test_a_count_in_other_words_than_the_questions_is_its_answer_when_the_reader_is_sure_of_it():
    asked = Understanding(question="Berapakah korban diare yang tewas?", lang="id", query="q", answer_type="count")
    sure = in_doc("Hingga Jumat, penyakit ini telah menewaskan 13 orang.", "d.txt", 0.7)
    assert evidence(asked, [sure], SETTINGS) == [sure]
    assert evidence(asked, [replace(sure, reading=0.6)], SETTINGS) == []  # doubtful: no count of "korban"
    no_number = in_doc("Hingga Jumat, penyakit ini telah menewaskan banyak warga.", "d.txt", 0.9)
    assert evidence(asked, [no_number], SETTINGS) == []


def test_a_count_of_speakers_is_no_count_of_participants_however_sure_the_reader_is():
    asked = Understanding(question="How many participants were at the summit?", lang="en", query="q",
                          answer_type="count")
    speakers = in_doc("Ketiga narasumber yaitu Galih WP dan Danny Keegan. Para peserta sangat antusias.", "d.txt", 0.9)
    assert evidence(asked, [speakers], SETTINGS) == []
    assert evidence(replace(asked, question="How many speakers were at the summit?"), [speakers], SETTINGS) \
        == [speakers]


NAMED = ("Heni Yuwono", "Hendro Tri Prasetyo", "Zaeroji")


def test_who_held_a_position_cites_the_name_beside_it_however_low_everything_reads():
    asked = Understanding(question="Siapa Kakanwil tahun 2024?", lang="id", query="q", answer_type="who",
                          holder=("Kakanwil",), names=NAMED)
    lead = in_doc("Kakanwil Kemenkumham Jatim membuka bootcamp 2024.", "2024.txt", 0.03)
    named = in_doc('"Kami ingin humas berubah," ujar Kakanwil Kemenkumham Jatim, Heni Yuwono.', "2024.txt", 0.02, n=1)
    assert evidence(asked, [lead, named], SETTINGS) == [named]


def test_a_name_far_from_the_position_does_not_say_who_held_it():
    asked = Understanding(question="Siapa Kakanwil?", lang="id", query="q", answer_type="who",
                          holder=("Kakanwil",), names=NAMED)
    far = in_doc("Kakanwil membuka acara yang dihadiri para pejabat dan tamu. Heni hadir.", "2024.txt", 0.03)
    assert evidence(asked, [far], SETTINGS) == []  # reads under the floor, and no name at the position


def test_who_held_a_position_at_each_event_cites_each_documents_holder():
    asked = Understanding(question="Siapa Kakanwil pada 2022 dan 2024?", lang="id", query="q", answer_type="who",
                          holder=("Kakanwil",), names=NAMED, compares=True)
    heni = in_doc("ujar Kakanwil Kemenkumham Jatim, Heni Yuwono.", "2024.txt", 0.05, anchored=0.5)
    zaeroji = in_doc("ujar Hendro yang mewakili Kakanwil Kemenkumham Jatim Zaeroji.", "2022.txt", 0.01, anchored=0.5)
    assert evidence(asked, [heni, zaeroji], SETTINGS) == [heni, zaeroji]


def test_who_held_a_position_asked_of_no_event_year_or_person_cites_each_documents_holder():
    asked = Understanding(question="What's the name of the head of the regional office?", lang="en", query="q",
                          holder=("Kakanwil",), names=NAMED, name_asked=True)
    heni = in_doc("ujar Kakanwil Kemenkumham Jatim, Heni Yuwono.", "2024.txt", 0.05)
    zaeroji = in_doc("ujar Hendro yang mewakili Kakanwil Kemenkumham Jatim Zaeroji.", "2022.txt", 0.01)
    assert evidence(asked, [heni, zaeroji], SETTINGS) == [heni, zaeroji]
    assert evidence(replace(asked, events=("bootcamp",)), [heni, zaeroji], SETTINGS) == [heni]


def test_what_someone_hoped_cites_each_of_their_hopes_in_the_article():
    """Heni's two hopes are paragraphs apart, and the second reads low beside the first."""
    asked = Understanding(question="Apa harapan Heni untuk bootcamp?", lang="id", query="q", people=("Heni Yuwono",))
    first = in_doc("Untuk itu, Heni berharap kegiatan ini memberi pemahaman.", "d.txt", 0.8, speaker="Heni Yuwono")
    other = in_doc("Kami ingin humas berubah, ujar Heni.", "d.txt", 0.1, n=1, speaker="Heni Yuwono")
    second = in_doc('"Kami juga berharap tercipta ekosistem," tutup Heni.', "d.txt", 0.1, n=2, speaker="Heni Yuwono")
    someone_else = in_doc("Arief berharap humas proaktif.", "d.txt", 0.1, n=3, speaker="Arief Rahman")
    assert evidence(asked, [first, other, second, someone_else], SETTINGS) == [first, second]
    after = replace(asked, question="Apa harapan Heni setelah bootcamp?")  # one hope asked
    assert evidence(after, [first, other, second], SETTINGS) == [first]


def test_a_question_asking_a_name_is_not_answered_by_a_role_alone():
    asked = Understanding(question="Siapa nama Kepala Biro Humas?", lang="id", query="q", answer_type="who",
                          names=NAMED, name_asked=True)
    role_only = in_doc("Kepala Biro Humas, Hukum dan Kerjasama mengatakan bahwa kanwil ini maju.", "d.txt", 0.9)
    assert evidence(asked, [role_only], SETTINGS) == []
    assert evidence(replace(asked, name_asked=False), [role_only], SETTINGS) == [role_only]


def test_a_name_asked_of_a_position_must_stand_beside_it():
    """"What is the Kepala Biro's name?" is not answered by "Kadiv Keimigrasian Hendro …"."""
    asked = Understanding(question="What is the Kepala Biro's name?", lang="en", query="q", names=NAMED,
                          name_asked=True, holder=("Kepala Biro",))
    other = in_doc("Kadiv Keimigrasian Hendro Tri Prasetyo mengatakan bahwa kegiatan ini penting.", "d.txt", 0.9)
    assert evidence(asked, [other], SETTINGS) == []


def test_who_is_cites_the_passage_naming_the_person_beside_a_role_however_dissimilar():
    asked = Understanding(question="Who is Zaeroji?", lang="en", query="q", people=("Zaeroji",), who_is=True)
    passages = [in_doc("Zaeroji hadir.", "d.txt", 0.9, dense=0.05),
                in_doc("Hendro mewakili Kakanwil Kemenkumham Jatim Zaeroji.", "d.txt", 0.5, dense=0.09, n=1)]
    assert [p.text for p in evidence(asked, passages, SETTINGS)] == [passages[1].text]
    assert evidence(asked, passages[:1], SETTINGS) == []  # named, but nowhere with a role


def test_who_is_cites_the_passage_giving_the_person_a_title_before_one_naming_a_role_beside_them():
    asked = Understanding(question="Apa jabatannya?", lang="id", query="q", people=("Hendro Tri Prasetyo",),
                          who_is=True)
    beside = in_doc("“Citra instansi penting,” ujar Hendro yang mewakili Kakanwil Kemenkumham Jatim Zaeroji.",
                    "d.txt", 0.9)
    titled = in_doc("Kadiv Keimigrasian Hendro Tri Prasetyo mengatakan bahwa kegiatan ini penting.", "d.txt", 0.2,
                    n=1)
    assert evidence(asked, [beside, titled], SETTINGS) == [titled]
    other = in_doc("Sultan Muhammad Khan adalah adik Dost Muhammad Khan.", "d.txt", 0.2, n=1)
    kubilai = Understanding(question="Siapakah Kubilai Khan?", lang="id", query="q", people=("Kubilai Khan",),
                            who_is=True)
    khan = in_doc("Kubilai Khan adalah kaisar Mongol dan pendiri Dinasti Yuan.", "d.txt", 0.9)
    assert evidence(kubilai, [khan, other], SETTINGS) == [khan]  # a title before another Khan is no title of his


def test_a_where_question_takes_the_first_read_passage_that_holds_a_place():
    asked = Understanding(question="Di mana acaranya?", lang="id", query="q", answer_type="where")
    lead = in_doc("Kanwil menggelar Kumham PR Summit 2022.", "d.txt", 0.9)
    venue = in_doc("Kegiatan itu digelar di Aula Raden Wijaya.", "d.txt", 0.6, n=1)
    assert evidence(asked, [lead, venue], SETTINGS) == [venue]
    assert evidence(asked, [lead], SETTINGS) == []  # no place stated: refused


def test_a_list_question_cites_each_passage_that_names_a_part_of_the_list():
    asked = Understanding(question="Siapa saja narasumbernya?", lang="id", query="q", answer_type="list")
    passages = [in_doc("Narasumber pertama adalah Zakaria.", "d.txt", 0.9),
                in_doc("Ketua AMSI Arief Rahman menekankan agar humas aktif.", "d.txt", 0.5, n=1),
                in_doc("Humas harus aktif, terbuka.", "d.txt", 0.6, n=2),  # neither a role nor an enumeration
                in_doc("Ketua lain berbicara.", "e.txt", 0.8, n=3)]  # another article
    assert [p.text for p in evidence(asked, passages, SETTINGS)] == [passages[0].text, passages[1].text]


def test_a_list_told_over_paragraphs_cites_each_step_in_the_documents_order_however_low_it_reads():
    asked = Understanding(question="Which sessions were held?", lang="en", query="q", answer_type="list")
    last = in_doc("Sesi terakhir menyangkut aspek teknis.", "d.txt", 0.9, n=3)
    passages = [last, in_doc("Kanwil menggelar Kumham PR Summit 2022.", "d.txt", 0.5, n=0),
                in_doc("Dalam aspek manajerial, Ishadi menekankan …", "d.txt", 0.02, n=2),
                in_doc("Pertama dari aspek kebijakan.", "d.txt", 0.0, n=1),  # beyond the candidates: unread
                in_doc("Pertama, Heni membuka acara.", "e.txt", 0.4, n=4)]  # another article's steps
    assert [p.text for p in evidence(asked, passages, SETTINGS)] == [
        "Pertama dari aspek kebijakan.", "Dalam aspek manajerial, Ishadi menekankan …", last.text]


STEPS = [in_doc("Sesi terakhir menyangkut aspek teknis. Narasumber: Galih WP, Danny Keegan.", "d.txt", 0.9, n=3),
         in_doc("Dalam aspek manajerial, Ishadi menekankan …", "d.txt", 0.02, n=2),
         in_doc("Pertama dari aspek kebijakan.", "d.txt", 0.0, n=1)]


def test_a_list_question_asking_something_else_than_the_steps_cites_the_best_step_first():
    asked = Understanding(question="Siapa saja yang tidak boleh alergi dengan media massa?", lang="id", query="q",
                          answer_type="list")
    steps = [in_doc("Selanjutnya, Arief menekankan agar satker tidak alergi dengan media massa.", "d.txt", 0.9, n=2),
             in_doc("Pertama dari aspek kebijakan.", "d.txt", 0.0, n=1)]
    assert [p.unit.position for p in evidence(asked, steps, SETTINGS)] == [2, 1]


def test_a_list_question_about_the_step_of_the_person_it_is_about_cites_that_step_alone():
    asked = Understanding(question="Siapa saja narasumber lain di sesi yang sama dengan dia?", lang="id", query="q",
                          answer_type="list", people=("Danny Keegan",))
    assert [p.unit.position for p in evidence(asked, STEPS, SETTINGS)] == [3]


def test_a_list_question_naming_a_step_its_words_cannot_pick_out_cites_the_best_first():
    asked = Understanding(question="Who spoke in the hands-on session?", lang="en", query="q", answer_type="list")
    assert [p.unit.position for p in evidence(asked, STEPS, SETTINGS)] == [3, 1, 2]


@pytest.mark.parametrize("question, lang, step", [
    ("Who were the speakers in the technical session?", "en", "Sesi terakhir menyangkut aspek teknis."),
    ("Siapa narasumber sesi manajerial?", "id", "Dalam aspek manajerial, Ishadi menekankan …"),
])
def test_a_list_question_naming_one_step_cites_that_step_alone(question, lang, step):
    asked = Understanding(question=question, lang=lang, query="q", answer_type="list")
    passages = [in_doc("Sesi terakhir menyangkut aspek teknis.", "d.txt", 0.9, n=3),
                in_doc("Dalam aspek manajerial, Ishadi menekankan …", "d.txt", 0.02, n=2),
                in_doc("Pertama dari aspek kebijakan.", "d.txt", 0.0, n=1)]
    assert [p.text for p in evidence(asked, passages, SETTINGS)] == [step]


STOOD_IN = "“Citra instansi …,” ujar Hendro yang mewakili Kakanwil Kemenkumham Jatim Zaeroji"


@pytest.mark.parametrize("people, described", [((), ("Hendro Tri Prasetyo",)), (("Hendro Tri Prasetyo",), ())])
def test_who_stood_in_for_whom_is_someone_besides_the_person_asked_about(people, described):
    question = Understanding(question="Whom was the immigration chief standing in for?", lang="en", query="q",
                             answer_type="who", people=people, described=described,
                             names=("Hendro Tri Prasetyo", "Zaeroji"))
    chosen = evidence(question, [read("Kadiv Keimigrasian Hendro Tri Prasetyo mengatakan bahwa kegiatan ini penting.",
                                      0.5, 0.9),
                                 read(STOOD_IN, 0.4, 0.5, 1)], SETTINGS)
    assert [p.text[-7:] for p in chosen] == ["Zaeroji"]


def test_who_stood_in_for_someone_the_question_only_describes_is_a_person_the_passage_names():
    question = Understanding(question="Who spoke on behalf of the head of the regional office?", lang="en", query="q",
                             answer_type="who", names=("Hendro Tri Prasetyo", "Zaeroji"))
    chosen = evidence(question, [read("Kanwil Kemenkumham Jatim berupaya mengoptimalkan peran humas.", 0.5, 0.9),
                                 read(STOOD_IN, 0.4, 0.5, 1)], SETTINGS)
    assert [p.text[-7:] for p in chosen] == ["Zaeroji"]


LEAD = "Untuk mengoptimalkan peran kehumasan, Kanwil Kemenkumham Jatim menggelar Kumham PR Bootcamp pada 3-6 Juni."


@pytest.mark.parametrize("question", ["Who officially closed the bootcamp?", "Siapa moderator sesi bootcamp?"])
def test_who_did_something_is_not_answered_by_a_passage_naming_no_person_or_role(question):
    asked = Understanding(question=question, lang="en", query="q", answer_type="who", names=("Heni Yuwono",))
    assert evidence(asked, [read(LEAD, 0.5, 0.9)], SETTINGS) == []


@pytest.mark.parametrize("text", ["Heni Yuwono membuka kegiatan.", "Kepala Biro Humas mengapresiasi kegiatan ini."])
def test_who_did_something_is_answered_by_a_person_or_a_role(text):
    asked = Understanding(question="Who praised the bootcamp?", lang="en", query="q", answer_type="who",
                          names=("Heni Yuwono",))
    assert [p.text for p in evidence(asked, [read(LEAD, 0.5, 0.9), read(text, 0.5, 0.8, 1)], SETTINGS)] == [text]


@pytest.mark.parametrize("question", ["Who organised the bootcamp?", "Siapa penyelenggara bootcamp?",
                                      "Who took part in the bootcamp?"])
def test_who_asked_of_an_organiser_or_the_participants_may_be_answered_by_the_offices_lead(question):
    asked = Understanding(question=question, lang="en", query="q", answer_type="who", names=("Heni Yuwono",))
    assert [p.text for p in evidence(asked, [read(LEAD, 0.5, 0.9)], SETTINGS)] == [LEAD]


def test_the_other_event_is_answered_from_the_documents_the_earlier_question_was_not_answered_from():
    asked = Understanding(question="What about the other event?", lang="en", query="q", other="When was the summit?")
    earlier = [in_doc("Summit digelar Rabu (26/10/2022).", "2022.txt", 0.9, dense=0.6)]
    found = [in_doc("Summit digelar Rabu.", "2022.txt", 0.9), in_doc("Bootcamp digelar 3-6 Juni.", "2024.txt", 0.5)]
    kept, passages = other_documents(asked, found, earlier, SETTINGS)
    assert [p.doc_id for p in passages] == ["2024.txt"] and kept.other


def test_the_other_event_of_an_earlier_question_off_topic_is_an_ordinary_question():
    asked = Understanding(question="What about the other event?", lang="en", query="q", other="When was the riot?")
    earlier = [in_doc("Summit digelar Rabu.", "2022.txt", 0.9, dense=0.1)]
    kept, passages = other_documents(asked, [earlier[0]], earlier, SETTINGS)
    assert kept.other == "" and passages == earlier


def test_the_other_event_is_on_topic_by_reference_however_dissimilar_its_frame():
    asked = Understanding(question="What about the other event?", lang="en", query="q", other="When was the summit?")
    lead = in_doc("Bootcamp digelar 3-6 Juni.", "2024.txt", 0.6, dense=0.1)
    assert evidence(asked, [lead], SETTINGS) == [lead]
    assert evidence(replace(asked, other=""), [lead], SETTINGS) == []


def test_which_event_came_first_is_answered_by_each_articles_lead_holding_its_date():
    asked = Understanding(question="Which came first, the summit or the bootcamp?", lang="en", query="q",
                          compares=True, answer_type="when")
    opening = in_doc("ujar Heni saat membuka kegiatan.", "2024.txt", 0.9, dense=0.15, n=1)
    lead_2024 = in_doc("Kanwil menggelar Kumham PR Bootcamp 2024 pada 3-6 Juni.", "2024.txt", 0.5, dense=0.15)
    lead_2022 = in_doc("Kanwil menggelar Kumham PR Summit, Rabu (26/10/2022).", "2022.txt", 0.4, dense=0.15)
    assert evidence(asked, [opening, lead_2024, lead_2022], SETTINGS) == [lead_2022, lead_2024]


@pytest.mark.parametrize("answer_type, answered", [("when", True), ("who", False)])
def test_the_other_events_date_or_place_needs_no_reading_probability_but_another_kind_does(answer_type, answered):
    asked = Understanding(question="What about the other event?", lang="en", query="q", other="When was the summit?",
                          answer_type=answer_type)
    lead = in_doc("Kanwil menggelar Bootcamp 2024 pada 3-6 Juni, kata Heni.", "2024.txt", 0.01, dense=0.1)
    assert bool(evidence(asked, [lead], SETTINGS)) is answered


@pytest.mark.parametrize("question, first", [
    ("Apa harapan Heni setelah bootcamp selesai?", "after"),
    ("What did Heni hope would emerge once the bootcamp was over?", "after"),
    ("Apa harapan Heni untuk bootcamp?", "named"),  # no after asked: the reader's order
])
def test_a_question_about_what_follows_the_event_is_answered_by_a_passage_speaking_of_after(question, first):
    asked = Understanding(question=question, lang="id", query="q")
    named = in_doc("Untuk itu, Heni berharap kegiatan Kumham PR Bootcamp ini dapat memberikan pemahaman.", "d.txt", 0.7)
    after = in_doc("Kami juga berharap, setelah kegiatan ini, tercipta suatu ekosistem.", "d.txt", 0.6, n=1)
    cited = evidence(asked, [named, after], SETTINGS)
    assert cited[0] is {"after": after, "named": named}[first]
