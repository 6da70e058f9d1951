"""Follow-up questions: people and topics carried over from earlier user questions, in any history format."""

from __future__ import annotations

import pytest

from assistant.answer.conversation import (needs_reply, people_in, points_to_person, resolve, topic_words,
                                          user_questions)
from assistant.answer.understanding import understand

PEOPLE = ["Arief Rahman", "Heni Yuwono", "Hendro Tri Prasetyo", "Zakaria"]


def test_he_carries_the_person_named_in_the_previous_question():
    turn = resolve("What did he say about the media?", ["Who is Arief Rahman?"], PEOPLE)
    assert turn.people == ("Arief Rahman",)
    assert "Arief Rahman" in turn.query and "media" in turn.query


def test_nya_form_carries_the_person_named_earlier():
    turn = resolve("Apa katanya tentang media?", ["Siapa Arief Rahman?"], PEOPLE)
    assert turn.people == ("Arief Rahman",)


def test_person_carried_is_the_most_recently_named():
    turn = resolve("What did she say?", ["Who is Arief Rahman?", "Who is Heni Yuwono?"], PEOPLE)
    assert turn.people == ("Heni Yuwono",)


def test_it_carries_the_topic_of_the_previous_question():
    turn = resolve("Who opened it?", ["Tell me about the 2024 PR bootcamp"], PEOPLE)
    assert turn.query == "Who opened it? (2024 PR bootcamp)"
    assert turn.carried == ("2024 PR bootcamp",)


@pytest.mark.parametrize("follow_up", ["And who spoke besides the head of the office?",
                                       "Lalu siapa lagi yang berbicara?", "What about the speakers?"])
def test_a_follow_up_that_continues_carries_the_topic_of_the_previous_question(follow_up):
    turn = resolve(follow_up, ["When was the 2024 PR bootcamp held?"], PEOPLE)
    assert turn.carried == ("2024 PR bootcamp held",)


def test_a_follow_up_to_a_follow_up_carries_the_topic_the_earlier_one_carried():
    history = ["What was the purpose of the Kumham PR Summit 2022?", "Where was it held?"]
    follow = resolve("Who took part in it?", history, PEOPLE)
    assert "Kumham PR Summit 2022" in follow.query and "held" in follow.query


def test_a_question_that_starts_afresh_carries_nothing():
    turn = resolve("Who spoke at the 2022 summit?", ["When was the 2024 PR bootcamp held?"], PEOPLE)
    assert turn.carried == ()


def test_question_naming_someone_keeps_its_own_person():
    turn = resolve("What did Heni say about hoaxes?", ["Who is Arief Rahman?"], PEOPLE)
    assert turn.people == ("Heni Yuwono",)
    assert turn.query == "What did Heni say about hoaxes?" and turn.carried == ()


def test_first_question_is_searched_as_asked():
    turn = resolve("What did he say?", [], PEOPLE)
    assert (turn.query, turn.people, turn.carried) == ("What did he say?", (), ())


def test_gradio_message_dicts_are_read_as_history():
    history = [{"role": "user", "content": "Who is Arief Rahman?"},
               {"role": "assistant", "content": "Heni Yuwono said something else."}]
    turn = resolve("What did he say about the media?", history, PEOPLE)
    assert turn.people == ("Arief Rahman",)


def test_only_user_turns_count_as_earlier_questions():
    history = [{"role": "user", "content": "Who is Arief Rahman?"},
               {"role": "assistant", "content": "Arief Rahman is ..."},
               {"role": "user", "content": [{"type": "text", "text": "And Zakaria?"}]}]
    assert user_questions(history) == ["Who is Arief Rahman?", "And Zakaria?"]


def test_user_bot_pairs_and_blank_strings_are_read():
    assert user_questions([("Who is Arief Rahman?", "He chairs AMSI."), "  ", "Siapa Heni?"]) == [
        "Who is Arief Rahman?", "Siapa Heni?"]


def test_missing_history_is_empty():
    assert user_questions(None) == []


def test_people_in_matches_a_first_name_to_the_full_name():
    assert people_in("What did heni say?", PEOPLE) == ["Heni Yuwono"]


def test_people_in_matches_a_surname_to_the_full_name():
    assert people_in("What did Rahman say about the media?", PEOPLE) == ["Arief Rahman"]


def test_topic_words_drop_question_words():
    assert topic_words("Tell me about the 2024 PR bootcamp") == "2024 PR bootcamp"


@pytest.mark.parametrize("question", ["Apakah hanya Kanwil Jatim yang menggelar kegiatan seperti ini?",
                                      "Siapa yang punya tagar growtogether?",
                                      "Siapa yang bilang kanwil Jatim satu-satunya yang menggelar bootcamp?"])
def test_ordinary_words_ending_in_nya_do_not_point_to_a_person(question):
    assert resolve(question, ["Siapa Arief Rahman?"], PEOPLE).people == ()


def test_pointer_resolves_to_the_person_named_in_the_previous_reply():
    history = [{"role": "user", "content": "Who spoke about media policy there?"},
               {"role": "assistant", "content": "Zakaria (Subkor Hubungan Pers dan Media Massa) said: ... [1]"}]
    turn = resolve("What was his job title?", history, PEOPLE)
    assert turn.people == ("Zakaria",)


def test_the_previous_question_wins_over_the_reply_it_got():
    history = [{"role": "user", "content": "Who is Arief Rahman?"},
               {"role": "assistant", "content": "Zakaria said one thing; Arief Rahman said another."}]
    assert resolve("What did he say about the media?", history, PEOPLE).people == ("Arief Rahman",)


@pytest.mark.parametrize("follow_up, person", [("Yang kedua jabatannya apa?", "Hendro Tri Prasetyo"),
                                               ("What is the role of the last one?", "Zakaria"),
                                               ("Dia jabatannya apa?", "Arief Rahman")])
def test_a_person_pointed_to_by_place_is_the_one_the_earlier_answer_named_there(follow_up, person):
    history = [("Siapa saja narasumbernya?", "Narasumbernya Arief Rahman, Hendro dan Zakaria. [1]")]
    assert resolve(follow_up, history, PEOPLE).people == (person,)


@pytest.mark.parametrize("question", ["Kapan acara yang pertama digelar?", "What happened at the first event?"])
def test_an_event_named_by_its_place_points_to_no_person(question):
    assert not points_to_person(question)


def test_people_come_in_the_order_the_text_names_them():
    assert people_in("Hendro yang mewakili Zaeroji", ["Zaeroji", "Hendro Tri Prasetyo"]) == [
        "Hendro Tri Prasetyo", "Zaeroji"]


def test_a_pronoun_no_earlier_turn_resolves_carries_the_earlier_topic():
    turn = resolve("Kapan dia membukanya?", ["Siapa yang membuka Kumham PR Bootcamp 2024?"], PEOPLE)
    assert "Bootcamp 2024" in turn.query and turn.people == ()


@pytest.mark.parametrize("follow_up", ["And what about TikTok?", "Bagaimana dengan TikTok?"])
def test_asking_again_about_another_topic_keeps_the_person_but_not_the_earlier_topic(follow_up):
    """"Hoaxes" carried over would compete with TikTok for what Heni said."""
    turn = resolve(follow_up, ["What did Heni Yuwono say about hoaxes?"], PEOPLE)
    assert turn.people == ("Heni Yuwono",) and "hoaxes" not in turn.query


def test_asking_again_about_another_person_carries_the_earlier_topic_to_them():
    turn = resolve("What about Arief Rahman?", ["What did Heni Yuwono say about hoaxes?"], PEOPLE)
    assert turn.people == ("Arief Rahman",)
    assert "hoaxes" in turn.query and "Heni" not in turn.query
    assert turn.again == "What did Heni Yuwono say about hoaxes?"


@pytest.mark.parametrize("follow_up", ["And what about the PR Summit?", "Bagaimana dengan PR Summit 2022?"])
def test_asking_again_about_another_named_thing_replaces_the_earlier_names_and_keeps_the_question(follow_up):
    """The bootcamp's name and year carried over would compete with the summit, and the year would rule
    out the summit's article."""
    turn = resolve(follow_up, ["When was the Kumham PR Bootcamp 2024 held?"], PEOPLE)
    assert "Bootcamp" not in turn.query and "2024" not in turn.query and "held" in turn.query
    assert turn.again == "When was the Kumham PR Bootcamp 2024 held?"
    assert understand(follow_up, ["When was the Kumham PR Bootcamp 2024 held?"], PEOPLE, "", "id").answer_type \
        == "when"


@pytest.mark.parametrize("follow_up", ["And in 2024?", "Kalau tahun 2024?"])
def test_a_follow_up_giving_only_another_year_asks_the_earlier_question_of_that_year(follow_up):
    earlier = "Who was the head of the East Java regional office in 2022?"
    turn = resolve(follow_up, [earlier], PEOPLE)
    assert "2022" not in turn.query and "East Java regional office" in turn.query and turn.again == earlier
    understood = understand(follow_up, [earlier], PEOPLE, "", "id")
    assert understood.answer_type == "who" and "Kakanwil" in understood.holder


def test_asking_again_about_an_aspect_keeps_the_earlier_topic():
    turn = resolve("What about the speakers?", ["Tell me about the 2024 bootcamp"], PEOPLE)
    assert "bootcamp" in turn.query and "2024" in turn.query


def test_only_the_earlier_answer_can_say_whom_a_pronoun_means_when_no_question_names_anyone():
    assert needs_reply("Lalu dia bekerja di mana?", ["Siapa yang membuka Kumham PR Bootcamp 2024?"], PEOPLE)
    assert not needs_reply("Lalu dia bekerja di mana?", ["Siapa Heni Yuwono?"], PEOPLE)  # the question names her
    assert not needs_reply("Kapan acara itu digelar?", ["Siapa yang membuka bootcamp?"], PEOPLE)  # no person
    assert not needs_reply("Lalu dia bekerja di mana?", [("Siapa yang membuka bootcamp?", "… Heni Yuwono …")],
                           PEOPLE)  # the reply is given


def test_asking_again_about_another_person_keeps_the_kind_of_question():
    understood = understand("What about Arief Rahman?", ["Where did Heni Yuwono speak?"], PEOPLE, "", "id")
    assert understood.answer_type == "where"


@pytest.mark.parametrize("follow_up", ["What about the other event?", "And the other one?", "Kalau acara yang satunya?",
                                       "Bagaimana dengan kegiatan yang lain?"])
def test_the_other_event_asks_the_earlier_question_again_without_the_names_of_its_event(follow_up):
    turn = resolve(follow_up, ["When and where was the Kumham PR Summit 2022 held?"], PEOPLE)
    assert turn.query == "When and where was the held"
    assert turn.other == "When and where was the Kumham PR Summit 2022 held?"


def test_the_other_event_of_a_question_naming_someone_is_no_other_event():
    turn = resolve("And the other one Heni Yuwono spoke at?", ["Where did Hendro Tri Prasetyo speak?"], PEOPLE)
    assert turn.other == ""


def test_a_follow_up_naming_a_person_and_its_own_topic_carries_no_earlier_topic():
    turn = resolve("Terus soal narasi, Heni Yuwono bilang apa?", ["Apa tujuan utama bootcamp 2024?"], PEOPLE)
    assert turn.carried == () and "tujuan" not in turn.query


def test_a_follow_up_asking_a_whole_question_of_someone_carries_the_person_but_not_the_earlier_topic():
    turn = resolve("And what did he say people now prefer over journalistic products?",
                   ["According to Heni Yuwono, why is good performance no longer enough?"], PEOPLE)
    assert turn.people == ("Heni Yuwono",) and turn.carried == ("Heni Yuwono",)


@pytest.mark.parametrize("follow_up", ["And what did he say people should do about it?",
                                       "And what did he say people should do with it?"])
def test_a_follow_up_pointing_to_the_earlier_topic_carries_it_though_it_names_someone(follow_up):
    turn = resolve(follow_up, ["What did Heni Yuwono say about hoaxes?"], PEOPLE)
    assert "hoaxes" in " ".join(turn.carried)


def test_the_other_event_asked_something_of_its_own_is_searched_with_its_own_words():
    turn = resolve("Kalau di acara yang satunya, siapa yang membuka?", ["Siapa yang mewakili Kakanwil di Summit?"],
                   PEOPLE)
    assert "membuka" in turn.query and "mewakili" not in turn.query and turn.other
