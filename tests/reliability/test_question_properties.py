"""Whatever a user types, `ask()` returns a refusal or citations that are exact slices of their documents,
or one of the documented input errors — never anything else (hypothesis, thousands of questions)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.errors import QuestionError

ANY_CHARACTER = st.characters(exclude_categories=())  # surrogates and control characters included
SURROGATE = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
WORDS = st.sampled_from(["What", "did", "Heni", "say", "about", "hoaxes", "Apa", "kata", "tentang", "hoaks",
                         "Who", "opened", "the", "bootcamp", "siapa", "kapan", "berapa", "he", "dia", "?",
                         "Zaeroji", "Kumham", "PR", "2024", "#growtogether", "<script>", "Rp", "\x1b[2J"])
QUESTIONS = st.one_of(
    st.text(ANY_CHARACTER, max_size=200),
    st.lists(WORDS, min_size=1, max_size=12).map(" ".join),
    st.tuples(st.lists(WORDS, max_size=6).map(" ".join), SURROGATE).map("".join),
    st.text(ANY_CHARACTER, min_size=990, max_size=1100),
)
HISTORIES = st.one_of(st.none(), st.lists(st.one_of(QUESTIONS, st.fixed_dictionaries(
    {"role": st.sampled_from(["user", "assistant"]), "content": QUESTIONS})), max_size=3))


def check(bot, question, history) -> None:
    """The contract of `ask()` for one input."""
    try:
        answer = bot.ask(question, history=history)
    except QuestionError as exc:
        assert str(exc)  # a documented input error, with a message
        return
    if answer.refused:
        assert answer.citations == []
        return
    assert answer.citations
    for citation in answer.citations:
        document = bot.documents[citation.doc_id]
        assert document.text[citation.start:citation.end] == citation.text
        assert f"[{citation.number}]" in answer.text


@settings(max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(question=QUESTIONS, history=HISTORIES)
def test_any_question_gets_a_refusal_exact_citations_or_a_question_error(fake_seed_bot, question, history):
    check(fake_seed_bot, question, history)


@pytest.mark.parametrize("question", [123, None, 4.5, b"What?", ["What did Heni say?"]])
def test_a_question_that_is_not_text_is_a_type_error(fake_seed_bot, question):
    with pytest.raises(TypeError):
        fake_seed_bot.ask(question)
