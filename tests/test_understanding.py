"""Reading a question before retrieval: whose words it asks for, about what, and what answer it expects."""

from __future__ import annotations

import pytest

from assistant.answer.understanding import (also_asked, answer_type, asks_name, beyond, check_question, compares,
                                            described, events_named, named_people, roles_asked, speaker_ask,
                                            the_event_only, topics, understand, unknown_names, who_is)
from assistant.errors import QuestionError

PEOPLE = ["Heni Yuwono", "Hendro Tri Prasetyo", "Zaeroji", "Ishadi MP", "Kepala Biro Humas, Hukum dan Kerjasama"]
CORPUS = "heni yuwono hendro tri prasetyo zaeroji kepala biro humas hoaks media"


@pytest.mark.parametrize("topic, expected", [
    ("graphic design skills for PR staff", ("graphic design skills for PR staff", "graphic design skills")),
    ("hoaks", ("hoaks",)),
    ("sikap satker terhadap media", ("sikap satker terhadap media", "sikap satker")),
])
def test_a_topic_narrowed_by_more_words_is_also_measured_by_its_head(topic, expected):
    assert topics(topic) == expected


NAMES = {"kumham", "pr", "summit", "bootcamp", "east", "java", "region"}


@pytest.mark.parametrize("topic, events, only", [
    ("kegiatan bootcamp", ("bootcamp",), True),
    ("the 2024 bootcamp", ("bootcamp",), True),
    ("PR Summit 2022", ("summit",), True),
    ("hoaks di bootcamp", ("bootcamp",), False),  # something said at the event, not the event
    ("Canva at the summit", ("summit",), False),
    ("the event", (), False),  # no event named
])
def test_a_topic_made_only_of_an_events_name_is_the_event(topic, events, only):
    assert the_event_only(topic, events, NAMES) is only


@pytest.mark.parametrize("question, who", [
    ("What did Heni say about hoaxes?", ("Heni Yuwono",)),
    ("What does Hendro think about the media?", ("Hendro Tri Prasetyo",)),
    ("According to Heni, what matters most?", ("Heni Yuwono",)),
    ("What was Heni's message to the participants?", ("Heni Yuwono",)),
    ("Did Zaeroji mention the budget?", ("Zaeroji",)),
    ("Did Hendro give any tips about TikTok?", ("Hendro Tri Prasetyo",)),
    ("How did Hendro describe the bootcamp?", ("Hendro Tri Prasetyo",)),
    ("Apa kata Heni tentang hoaks?", ("Heni Yuwono",)),
    ("Apa pesan Hendro kepada peserta?", ("Hendro Tri Prasetyo",)),
    ("Apa yang disampaikan Heni tentang media?", ("Heni Yuwono",)),
    ("Menurut Hendro, apa tantangannya?", ("Hendro Tri Prasetyo",)),
    ("Heni bilang apa soal hoaks?", ("Heni Yuwono",)),
    ("Heni bicara apa soal hoaks?", ("Heni Yuwono",)),
    ("What did Hendro recommend to the work units?", ("Hendro Tri Prasetyo",)),
    ("Apa saran Heni untuk humas?", ("Heni Yuwono",)),
    ("Apa yang disarankan Hendro?", ("Hendro Tri Prasetyo",)),
    ("Apakah pesan yang disampaikan oleh Hendro?", ("Hendro Tri Prasetyo",)),  # formal: -kah, a noun before "yang"
    ("Bagaimana pendapat Hendro mengenai media?", ("Hendro Tri Prasetyo",)),  # an opinion asked with "how"
    ("Seperti apa pandangan Heni soal hoaks?", ("Heni Yuwono",)),
    ("Ishadi MP pendapatnya soal konten tiktok bagaimana?", ("Ishadi MP",)),  # the person first, in chat
])
def test_a_question_for_someones_words_names_them(question, who):
    ask = speaker_ask(question, (), PEOPLE, CORPUS)
    assert ask is not None and ask.people == who and not ask.unknown_name


@pytest.mark.parametrize("question, topic", [
    ("What did Heni say about hoaxes?", "hoaxes"),
    ("Apa kata Heni tentang hoaks?", "hoaks"),
    ("What did Heni say?", ""),
])
def test_the_topic_asked_about_is_kept(question, topic):
    assert speaker_ask(question, (), PEOPLE, CORPUS).topic == topic


@pytest.mark.parametrize("question, who", [
    ("Apa harapan Heni setelah bootcamp selesai?", "Heni"),  # when they said it is no part of who
    ("Apa pesan Kepala Biro Humas di PR Summit 2022?", "Kepala Biro Humas"),
])
def test_whose_words_are_asked_ends_where_the_time_or_place_begins(question, who):
    assert speaker_ask(question, (), PEOPLE, CORPUS).who == who


def test_a_name_the_documents_never_mention_is_unknown():
    ask = speaker_ask("What did Budiman say about hoaxes?", (), PEOPLE, CORPUS)
    assert ask.people == () and ask.unknown_name


@pytest.mark.parametrize("question, unknown", [
    ("Was Minister Yasonna Laoly present at the bootcamp?", ("Yasonna Laoly",)),
    ("Apakah Yasonna Laoly hadir?", ("Yasonna Laoly",)),
    ("Did Heni Yuwono open the bootcamp?", ()),  # named by the documents
    ("Was Budiman at the bootcamp?", ()),  # one unknown word may misspell a name the text gives
    ("What did the Head of the Public Relations Subdivision say?", ()),  # a role, in English words
    ("Heni bisa dihubungi lewat IG apa?", ("IG",)),  # an acronym the documents never write
    ("WHO OPENED THE BOOTCAMP?", ()),  # typed in capitals: no acronyms
])
def test_a_full_name_or_acronym_the_documents_never_mention_is_unknown(question, unknown):
    assert unknown_names(question, {"heni", "yuwono"}, CORPUS) == unknown


def test_understanding_carries_the_unknown_names():
    assert understand("Apakah Yasonna Laoly hadir?", None, PEOPLE, CORPUS, "id").unknown == ("Yasonna Laoly",)


def test_a_pronoun_keeps_the_person_carried_from_the_conversation():
    ask = speaker_ask("What did he say about hoaxes?", ("Heni Yuwono",), PEOPLE, CORPUS)
    assert ask.people == ("Heni Yuwono",) and not ask.unknown_name


def test_a_role_description_keeps_the_conversations_people():
    ask = speaker_ask("What did the head of the office say?", ("Heni Yuwono",), PEOPLE, CORPUS)
    assert ask.people == ("Heni Yuwono",)


ROLES = {"Heni Yuwono": "Kakanwil Kemenkumham Jatim", "Zaeroji": "Kakanwil Kemenkumham Jatim",
         "Hendro Tri Prasetyo": "Kadiv Keimigrasian", "Arief Rahman": "Ketua Asosiasi Media Siber Indonesia (AMSI) Jatim",
         "Ishadi MP": "Kasubag Humas Kanwil Kemenkumham Jatim", "Kepala Biro Humas, Hukum dan Kerjasama": ""}


@pytest.mark.parametrize("description, person", [
    ("the cyber media association chairman", "Arief Rahman"),
    ("ketua AMSI Jatim", "Arief Rahman"),
    ("the immigration chief", "Hendro Tri Prasetyo"),
    ("the head of the Public Relations, Law and Cooperation Bureau", "Kepala Biro Humas, Hukum dan Kerjasama"),
    ("the PR subsection head", "Ishadi MP"),
])
def test_a_role_description_names_the_one_person_whose_role_fits_it_best(description, person):
    assert described(description, ROLES) == (person,)


@pytest.mark.parametrize("description, rest", [
    ("ketua AMSI Jatim humas tidak boleh defensif", "humas tidak boleh defensif"),
    ("kepala subbagian humas kanwil terhadap humas di jajaran", "kepala subbagian terhadap humas di jajaran"),
    ("the cyber media association chairman", "the"),
])
def test_what_a_description_asks_beyond_the_person_it_describes(description, rest):
    person = next(p for p in ROLES if described(description, ROLES) == (p,))
    assert beyond(description, f"{person} {ROLES[person]}") == rest


def test_a_role_two_people_held_names_nobody():
    assert described("the head of the regional office", ROLES) == ()


@pytest.mark.parametrize("question, person", [
    ("Whom was the immigration chief standing in for?", ("Hendro Tri Prasetyo",)),
    ("Who was the immigration chief at the 2022 summit?", ()),  # asks who he is, not whom he stood in for
])
def test_who_stood_in_for_whom_knows_the_person_described(question, person):
    assert understand(question, None, PEOPLE, CORPUS, "id", ROLES).described == person


def test_a_question_for_the_words_of_someone_described_by_role_asks_for_theirs():
    ask = speaker_ask("What did the head of the Public Relations, Law and Cooperation Bureau say about the office?",
                      (), PEOPLE, CORPUS, ROLES)
    assert ask.people == ("Kepala Biro Humas, Hukum dan Kerjasama",) and not ask.unknown_name


@pytest.mark.parametrize("question", ["Who opened the bootcamp?", "Kapan acara itu digelar?",
                                      "Where was the summit held?",
                                      "Who spoke for the head of the office, and what was that speaker's position?",
                                      "Which session did Nerry Supanji speak in?",
                                      "Berapa jumlah penduduk Siprus Utara menurut sensus tahun 2002?",
                                      "Siapakah Dewa Wisnu menurut agama Hindu?",
                                      "According to the report, how many people attended?"])
def test_a_question_that_asks_for_no_ones_words_is_no_speaker_ask(question):
    assert speaker_ask(question, (), PEOPLE, CORPUS) is None


@pytest.mark.parametrize("question, expected", [
    ("How many participants attended?", "count"),
    ("Berapa orang peserta yang hadir?", "count"),
    ("How much did the event cost?", "money"),
    ("Berapa anggaran kegiatan itu?", "money"),
    ("What was the total budget for the bootcamp, and who funded it?", "money"),  # an amount without "how much"
    ("What percentage of the coverage was negative?", "count"),
    ("How old is Heni Yuwono?", "count"),  # a quantity measured: a number
    ("How large was the hall?", "count"),
])
def test_count_and_money_questions_expect_a_count_or_an_amount(question, expected):
    assert answer_type(question) == expected


@pytest.mark.parametrize("question, expected", [
    ("Is it correct that the summit was held on a Thursday?", "when"),  # a day claimed: a date answers it
    ("Apakah PR Summit 2022 digelar tanggal 26 Oktober?", "when"),
    ("Apakah Heni membuka bootcamp?", ""),  # no day claimed
])
def test_a_day_claimed_yes_or_no_expects_a_date(question, expected):
    assert answer_type(question) == expected


@pytest.mark.parametrize("question, expected", [
    ("What sessions did the 2022 summit cover?", "list"),
    ("Which topics does Heni raise?", "list"),
    ("What sessions or aspects was the 2022 summit divided into?", "list"),
    ("Acara itu dibagi menjadi sesi apa?", "list"),
    ("What process does the office follow?", ""),  # a singular ending in s
    ("Which hotel hosted the 2024 bootcamp?", "where"),
    ("What status did the summit have?", ""),
])
def test_a_plural_asked_for_is_a_list(question, expected):
    assert answer_type(question) == expected


@pytest.mark.parametrize("question, expected", [
    ("Kapankah Kumham PR Summit 2022 diadakan?", "when"),
    ("Tahun berapakah bootcamp itu digelar?", "when"),
    ("Di manakah bootcamp itu diselenggarakan?", "where"),
    ("Berlangsung dimanakah PR Summit 2022?", "where"),
    ("Berapakah jumlah narasumber?", "count"),
    ("Mengapakah humas harus proaktif?", "why"),
    ("Satuan kerja apa sajakah yang ikut?", "list"),
])
def test_a_question_word_with_the_particle_kah_asks_the_same(question, expected):
    assert answer_type(question) == expected


@pytest.mark.parametrize("question", ["Apa saja perbedaan acara humas 2022 dan 2024?",
                                      "What are the differences between the summit and the bootcamp?"])
def test_differences_asked_for_are_no_list_within_one_passage(question):
    assert answer_type(question) == ""


@pytest.mark.parametrize("question, expected", [
    ("What did Arief say PR should do when a crisis hits?", ""),  # a conjunction, not a question word
    ("Who opened the bootcamp and when?", "when"),
    ("So when did it start?", "when"),
    ("For my piece: when did each of the two events take place?", "when"),  # a clause after a colon
    ("How long did the bootcamp last?", "when"),  # how long is read off dates, not counted
    ("Sudah berapa lama Heni menjabat?", "when"),
])
def test_when_asks_when_only_at_the_start_of_a_question_or_clause(question, expected):
    assert answer_type(question) == expected


@pytest.mark.parametrize("question, also", [
    ("Where and on what day was the summit held?", ("where",)),
    ("Kapan dan di mana PR Summit 2022 digelar?", ("where",)),
    ("When was the summit held?", ()),
    ("Where was the summit held, and when?", ("where",)),
    ("Di mana acara itu digelar?", ()),
])
def test_a_place_or_date_asked_besides_the_kind_expected(question, also):
    assert also_asked(question, answer_type(question)) == also


@pytest.mark.parametrize("question", ["Give me the dates of both events.", "What were the dates of the two events?",
                                      "Sebutkan tanggal kedua acara itu."])
def test_dates_asked_for_are_a_when_question_even_in_the_plural(question):
    assert answer_type(question) == "when"


def test_a_date_the_question_gives_is_not_asked():
    assert answer_type("Siapa yang menutup bootcamp pada tanggal 6 Juni 2024?") == "who"


@pytest.mark.parametrize("question, expected", [
    ("What were the two PR events called, and which year was each held?", "when"),
    ("How do the events in the two articles compare in name and date?", "when"),
    ("What were the two PR events about?", "list"),  # no date asked
])
def test_when_or_a_date_asked_of_the_events_as_a_set_is_a_when_question(question, expected):
    assert answer_type(question) == expected


def test_the_two_events_may_be_described_and_still_compare():
    assert compares("What were the two PR events about?") and compares("Apa tujuan kedua acara humas itu?")


def test_someone_set_aside_by_besides_is_not_whom_the_question_is_about():
    """Retrieval steered to Heni read nobody else, and "Siapa saja yang berbicara selain Heni …?" was refused."""
    understood = understand("Siapa saja yang berbicara selain Heni di bootcamp 2024?", None, PEOPLE, CORPUS, "id")
    assert understood.people == () and understood.steer == ()
    assert understand("Apa kata Heni tentang hoaks?", None, PEOPLE, CORPUS, "id").people == ("Heni Yuwono",)


def test_a_follow_up_pronoun_is_searched_with_the_person_named_before():
    understood = understand("What did he say about hoaxes?", ["Who is Heni Yuwono?"], PEOPLE, CORPUS, "id")
    assert understood.people == ("Heni Yuwono",) and "Heni Yuwono" in understood.query
    assert understood.steer == ("Heni Yuwono",)


@pytest.mark.parametrize("question, lang, same", [
    ("What did Heni say about hoaxes?", "en", False),
    ("Apa kata Heni tentang hoaks?", "id", True),
])
def test_language_and_same_language_follow_the_question(question, lang, same):
    understood = understand(question, None, PEOPLE, CORPUS, "id")
    assert (understood.lang, understood.same_language) == (lang, same)


@pytest.mark.parametrize("earlier, lang", [(["Di mana PR Summit 2022 digelar?"], "id"),
                                           (["Where was the 2022 summit held?"], "en"), ([], "en")])
def test_a_follow_up_without_function_words_takes_the_conversations_language(earlier, lang):
    assert understand("Bootcamp 2024?", iter(earlier), PEOPLE, CORPUS, "id").lang == lang


def test_a_history_given_as_an_iterator_is_read_for_both_the_language_and_the_follow_up():
    understood = understand("Apa katanya tentang hoaks?", iter(["Siapa Heni Yuwono?"]), PEOPLE, CORPUS, "id")
    assert understood.people == ("Heni Yuwono",)


@pytest.mark.parametrize("question", [123, None, b"bytes", ["What?"]])
def test_a_question_that_is_not_a_string_is_a_type_error(question):
    with pytest.raises(TypeError, match="must be a string"):
        check_question(question, 1000)


@pytest.mark.parametrize("question", ["Who is \ud800Heni?", "\udcff", "Apa kata Heni\udc80?"])
def test_a_question_with_a_lone_surrogate_is_a_question_error_naming_the_fix(question):
    with pytest.raises(QuestionError, match="UTF-8"):
        check_question(question, 1000)


def test_control_and_escape_characters_are_removed_from_a_question():
    assert check_question("What did \x1b[31mHeni\x07 say?\x00", 1000) == "What did  [31mHeni  say?"


@pytest.mark.parametrize("question", ["", "   ", "\x00\x1b"])
def test_a_question_with_nothing_left_is_empty(question):
    with pytest.raises(QuestionError, match="empty"):
        check_question(question, 1000)


def test_a_question_over_the_limit_names_the_limit():
    with pytest.raises(QuestionError, match="limit is 10"):
        check_question("x" * 11, 10)


def test_history_given_as_one_string_is_a_type_error():
    with pytest.raises(TypeError, match="list of earlier questions"):
        understand("What did he say?", "Who is Heni?", PEOPLE, CORPUS, "id")


@pytest.mark.parametrize("question, people, expected", [
    ("Who is Zaeroji?", ("Zaeroji",), True),
    ("Siapa Ishadi?", ("Ishadi MP",), True),
    ("What was his job title?", ("Zakaria",), True),
    ("Apa jabatan Hendro?", ("Hendro Tri Prasetyo",), True),
    ("Zakaria itu jabatannya apa?", ("Zakaria",), True),  # the question word last
    ("Zakaria itu?", ("Zakaria",), False),  # no question word: nothing asked
    ("Siapa yang mewakili Zaeroji?", ("Zaeroji",), False),  # asks something else about him
    ("What did Heni say?", ("Heni Yuwono",), False),
    ("Who is Budi?", (), False),  # nobody the documents name
    ("Where does Zakaria work?", ("Zakaria",), True),  # where someone works: the office beside the role
    ("Lalu dia bekerja di mana?", ("Heni Yuwono",), True),
    ("Di mana Ishadi bekerja?", ("Ishadi MP",), True),
    ("Where did Heni work before?", ("Heni Yuwono",), False),  # "before": more than the role given
    ("Where did Heni speak?", ("Heni Yuwono",), False),  # where, not where they work
    ("who is heni yowono", ("Heni Yuwono",), True),  # a name misspelt is still the name
    ("who is heni yowono hobby", ("Heni Yuwono",), False),
])
def test_who_is_asks_only_who_a_known_person_is(question, people, expected):
    assert who_is(question, people) is expected


@pytest.mark.parametrize("question, expected", [
    ("How did the 2022 summit and the 2024 bootcamp each deal with social media?", True),
    ("Bandingkan pandangan Hendro dan Heni.", True),
    ("Who headed the office at the 2022 event and who at the 2024 one?", True),  # two years
    ("Apakah kedua acara itu diselenggarakan oleh kantor yang sama?", True),
    ("Mana yang lebih dulu diadakan, PR Summit atau PR Bootcamp?", True),
    ("What sessions did the 2022 summit cover, and who spoke in each?", False),  # one year: parts of one event
    ("Did both speakers at the 2024 bootcamp agree?", False),
    ("Compare the 2024 bootcamp with the earlier summit.", True),
    ("Apa perbedaan PR Summit dan PR Bootcamp dari segi waktu?", True),
    ("How did the 2022 summit differ from the 2024 bootcamp?", True),
    ("How were the two events different?", True),
    ("What aspects did the different sessions of the PR Summit cover?", False),  # the various sessions
    ("Where was the 2022 summit held?", False),
    ("Apa kata Heni tentang hoaks?", False),
])
def test_a_question_about_several_events_compares(question, expected):
    assert compares(question) is expected


@pytest.mark.parametrize("question", [
    "Who was the head of the regional office in 2022?",
    "Siapa Kakanwil Kemenkumham Jatim tahun 2024?",
    "Who headed the East Java regional office at the 2022 event and who at the 2024 one?",
    "Siapa nama Kakanwil Kemenkumham Jatim pada Kumham PR Summit 2022?",
    "What is the Kakanwil's name?",
    "Siapa Kakanwil Kemenkumham Jatim yang disebut di masing-masing artikel?",
    "Who was the head of the East Java regional office back in 2022?",
    "Kakanwil Jatim tahun 2022 sama tahun 2024 beda orang ya? Siapa saja?",  # same or different people
])
def test_a_question_asking_only_who_held_a_position_names_the_positions_forms(question):
    assert "Kakanwil" in roles_asked(question)


@pytest.mark.parametrize("question", [
    "And who spoke besides the head of the regional office?",  # asks someone else
    "Who represented the Kakanwil at the 2022 summit?",  # asks a relation to the position
    "Which office organised the bootcamp?",  # an office, not a position
])
def test_a_question_asking_more_of_a_position_asks_no_holder(question):
    assert roles_asked(question) == ()


def test_a_word_the_documents_capitalise_names_the_event_a_position_was_held_at():
    assert "Kakanwil" in roles_asked("Who was the Kakanwil at the 2024 bootcamp?", proper={"bootcamp", "kumham"})
    assert roles_asked("Who was the Kakanwil at the 2024 bootcamp?") == ()  # else "bootcamp" is asked of it


@pytest.mark.parametrize("question, asked", [
    ("What is the Kepala Biro's name?", True),
    ("Siapa nama Kepala Biro Humas?", True),
    ("What was the name of the 2022 event?", False),  # an event's name, not a person's
    ("Apa perbedaan nama kegiatan humas tahun 2022 dan 2024?", False),  # "humas" is a role word, but not here
])
def test_a_name_asked_of_a_person_or_position(question, asked):
    assert asks_name(question) is asked


def test_a_speaker_known_only_by_role_has_no_name():
    assert named_people(["Heni Yuwono", "Kepala Biro Humas, Hukum dan Kerjasama"]) == ("Heni Yuwono",)


def test_a_speaker_known_only_by_role_does_not_stop_the_question_asking_who_holds_the_role():
    known = ["Heni Yuwono", "Kepala Biro Humas, Hukum dan Kerjasama"]
    understood = understand("Siapa nama Kepala Biro Humas, Hukum dan Kerjasama?", [], known, "", "id")
    assert "Kepala Biro Humas" in understood.holder and understood.name_asked
    assert understood.names == ("Heni Yuwono",)



@pytest.mark.parametrize("question, named", [
    ("Siapa saja narasumbernya?", True),  # who all: the people of each citation are named in short
    ("Who were the speakers?", True),
    ("Apa saja materinya?", False),  # a list of things
])
def test_a_question_who_all_knows_everyone_the_documents_name(question, named):
    understood = understand(question, [], ["Heni Yuwono", "Zakaria"], "", "id")
    assert understood.answer_type == "list" and bool(understood.names) is named


def test_a_question_in_chat_spelling_is_read_in_standard_spelling():
    chat = understand("Heni bilang apa sih soal hoaks yg di bootcamp?", None, PEOPLE, CORPUS, "id")
    assert chat.question == "Heni bilang apa soal hoaks yang di bootcamp?"
    assert chat.ask is not None and chat.ask.people == ("Heni Yuwono",)


def test_an_earlier_question_in_chat_spelling_is_read_in_standard_spelling():
    understood = understand("Kalau yang 2024?", ["PR Summit 2022 diadain di mana?"], PEOPLE, CORPUS, "id")
    assert "diadakan" in understood.query and "diadain" not in understood.query


def test_a_person_both_described_and_named_is_asked_nothing_beyond_by_the_description():
    roles = {"Zakaria": "Subkor Hubungan Pers dan Media Massa"}
    ask = speaker_ask("Apakah pendapat yang disampaikan oleh Subkoordinator Hubungan Pers dan Media Massa, Zakaria, "
                      "mengenai Jawa Timur?", (), ["Zakaria"], "zakaria", roles)
    assert ask is not None and ask.people == ("Zakaria",) and ask.beyond == "Zakaria"
    assert ask.topic == "Jawa Timur"


@pytest.mark.parametrize("question, holder", [
    ("Siapakah Kepala Subbagian Humas Kanwil yang menjadi narasumber pada PR Summit?", True),
    ("Who was the head of the regional office represented at the 2022 summit?", True),
    ("Who represented the head of the regional office?", False),  # the position is not whom it asks
])
def test_a_position_right_after_the_question_word_is_the_position_asked_whatever_narrows_it(question, holder):
    understood = understand(question, None, PEOPLE, CORPUS, "id")
    assert bool(understood.holder) is holder


def test_a_topic_given_before_the_ask_is_the_topic():
    ask = speaker_ask("Terus soal narasi, Heni bilang apa?", (), PEOPLE, CORPUS)
    assert ask is not None and ask.people == ("Heni Yuwono",) and ask.topic == "narasi"


@pytest.mark.parametrize("question", ["Which came first, the summit or the bootcamp?",
                                      "Mana yang lebih dulu, summit atau bootcamp?",
                                      "acara 2022 sama 2024 lebih dulu mana?"])
def test_which_event_came_first_is_a_when_question(question):
    assert answer_type(question) == "when"


def test_which_event_came_first_compares_however_it_is_asked():
    assert compares("Which one took place first?") and compares("Mana yang duluan?")


def test_who_spoke_first_asks_who_not_when():
    assert answer_type("Siapa yang berbicara lebih dulu di bootcamp?") == "who"


@pytest.mark.parametrize("question, query, named", [
    ("Where was the bootcamp held?", "Where was the bootcamp held?", ("bootcamp",)),
    ("Who spoke?", "Who spoke? (bootcamp held)", ("bootcamp",)),  # carried from an earlier turn
    ("What about 2022? Who was the head?", "What about 2022? Who was the head? (opened bootcamp)", ()),  # its own year
    ("Berapa hari bootcampnya?", "Berapa hari bootcampnya?", ("bootcamp",)),  # a clitic aside
])
def test_the_words_that_name_an_event_are_the_questions_own_else_carried(question, query, named):
    assert events_named(question, query, {"bootcamp", "summit"}) == named


def test_the_other_event_is_searched_without_the_words_that_named_the_earlier_one():
    understood = understand("What about the other event?", ["When was the bootcamp held?"], PEOPLE, CORPUS, "id",
                            events={"bootcamp", "summit"})
    assert "bootcamp" not in understood.query.lower() and understood.other == "When was the bootcamp held?"
