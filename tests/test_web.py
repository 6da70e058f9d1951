"""The web chat's handlers, called directly with a hand-made bot (no model, no index, no browser)."""

from __future__ import annotations

import json
from pathlib import Path

import gradio as gr
import pytest

from assistant.interfaces import web
from assistant.config import Settings
from assistant.errors import QuestionError
from assistant.schema import Answer, Citation, Document, Quote

HONEST = Document(
    doc_id="003.txt", title="Kakanwil Tekankan Perubahan Paradigma", source="jatimnow.com", date="2024-06-03",
    text=("Kanwil menggelar bootcamp.\n\nPada masa kini, lanjut Heni, membangun reputasi tidak cukup. "
          "Mengingat, hoax dan disinformasi menyebar lebih cepat dari kebenaran. Itu kata Heni.\n\nPenutup."),
)
HOSTILE = Document(
    doc_id="hostile.md", title="Catatan <b>situs</b>", source="evil<i>.com",
    text=('Pembuka.\n\nBambang berkata <script>window.__pwned=1</script> dan <img src=x onerror="window.__pwned=1"> '
          "harus dihapus.\n\nAkhir."),
)
HOAX = "Mengingat, hoax dan disinformasi menyebar lebih cepat dari kebenaran."


def cite(doc: Document, sentence: str, number: int = 1, speaker: str = "", role: str = "") -> Citation:
    start = doc.text.index(sentence)
    return Citation(number=number, doc_id=doc.doc_id, chunk_id=f"{doc.doc_id}#{number}", text=sentence,
                    start=start, end=start + len(sentence), title=doc.title, source=doc.source, date=doc.date,
                    speaker=speaker, role=role, score=0.8)


class FakeBot:
    """Answers from a fixed script and records the history it was given."""

    def __init__(self, tmp_path: Path):
        self.settings = Settings(index_dir=tmp_path / "index", feedback_path=tmp_path / "deep" / "fb.jsonl")
        self.documents = {d.doc_id: d for d in (HONEST, HOSTILE)}
        self.histories: list[list] = []

    def ask(self, question: str, history=None) -> Answer:
        self.histories.append(list(history or []))
        if not question.strip():
            raise QuestionError("The question is empty: type a question about the documents.")
        if "france" in question.lower():
            return Answer(question=question, text="I can't answer that from the documents I have.", refused=True)
        if "bambang" in question.lower():
            c = cite(HOSTILE, 'Bambang berkata <script>window.__pwned=1</script> dan <img src=x '
                              'onerror="window.__pwned=1"> harus dihapus.', speaker="Bambang <u>S</u>")
            return Answer(question=question, text=f"Bambang said: “{c.text}” [1]", citations=[c])
        c = cite(HONEST, HOAX, speaker="Heni Yuwono", role="Kakanwil Kemenkumham Jatim")
        return Answer(question=question, text=f"Heni Yuwono said:\n“{HOAX}” [1]", citations=[c])

    def warm_up(self) -> None:
        self.warmed = True

    def quotes(self, speaker=None) -> list[Quote]:
        quotes = [Quote("Heni Yuwono", "Kakanwil", cite(HONEST, HOAX)),
                  Quote("Bambang <u>S</u>", "<b>Kepala</b>", cite(HOSTILE, "harus dihapus."))]
        return [q for q in quotes if not speaker or speaker.lower() in q.speaker.lower()]


@pytest.fixture
def bot(tmp_path):
    return FakeBot(tmp_path)


@pytest.fixture
def chat(bot):
    return web.Chat(bot, pause=0)


def last(stream):
    return list(stream)[-1]


def test_answer_links_marker_to_card_with_highlighted_sentence_in_its_paragraph(bot):
    answer = bot.ask("What did Heni say about hoaxes?")
    out = web.render_answer(answer, bot.documents, turn=3)
    assert '<a class="cite" href="#src-3-1">[1]</a>' in out
    assert 'id="src-3-1"' in out
    card = out[out.index('id="src-3-1"'):]
    assert f"<mark>{HOAX}</mark>" in card
    para = card[card.index('class="src-para"'):card.index("</blockquote>")]
    assert "Pada masa kini, lanjut Heni" in para and "Itu kata Heni." in para  # the rest of its paragraph
    assert "Kanwil menggelar" not in para and "Penutup" not in para  # but not other paragraphs
    for meta in ("Kakanwil Tekankan Perubahan Paradigma", "jatimnow.com", "3 June 2024", "Heni Yuwono",
                 "Kakanwil Kemenkumham Jatim"):
        assert meta in card


def test_card_holds_whole_article_with_cited_span_marked(bot):
    out = web.render_answer(bot.ask("hoaxes?"), bot.documents, turn=1)
    article = out[out.index('class="src-article"'):]
    assert "<summary>" in article and "Kanwil menggelar bootcamp." in article and "Penutup." in article
    assert f'<mark id="src-1-1-mark">{HOAX}</mark>' in article


def test_answer_html_has_no_newlines_so_markdown_leaves_it_alone(bot):
    out = web.render_answer(bot.ask("hoaxes?"), bot.documents, turn=1)
    assert "\n" not in out and "<br>" in out


def test_refusal_is_styled_apart_and_has_no_sources(bot):
    out = web.render_answer(bot.ask("What is the capital of France?"), bot.documents, turn=1)
    assert 'class="answer refusal"' in out
    assert "src-card" not in out and "Sources" not in out and "cite" not in out


@pytest.mark.parametrize("render", [
    lambda bot: web.render_answer(bot.ask("What did Bambang say?"), bot.documents, turn=1),
    lambda bot: web.render_quotes(bot.quotes(), bot.documents),
])
def test_hostile_document_text_is_escaped(bot, render):
    out = render(bot)
    assert "<script" not in out and "<img" not in out and "<b>" not in out and "<u>" not in out
    assert "<i>" not in out
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in out
    assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in out


def test_user_question_is_escaped(chat):
    messages, _, _ = last(chat.stream("<img src=x onerror=alert(1)> hoaxes?", [], []))
    assert "<img" not in messages[0]["content"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in messages[0]["content"]


def test_stream_grows_the_answer_then_adds_cards(chat):
    updates = [m[-1]["content"] for m, _, _ in chat.stream("What did Heni say about hoaxes?", [], [])]
    assert updates[0] == web.PENDING
    partial = updates[1:-1]
    assert len(partial) >= 3 and all("src-card" not in u for u in partial)
    assert [len(u) for u in partial] == sorted(len(u) for u in partial)
    assert "src-card" in updates[-1]


def test_stream_records_the_turn_and_clears_the_textbox(chat):
    messages, turns, box = last(chat.stream("  What did Heni say about hoaxes?  ", [], []))
    assert box == ""
    assert [m["role"] for m in messages] == ["user", "assistant"]
    assert turns[0]["question"] == "What did Heni say about hoaxes?" and turns[0]["index"] == 1
    assert turns[0]["citations"][0]["text"] == HOAX


def test_follow_up_passes_earlier_questions_and_plain_replies_as_history(chat, bot):
    messages, turns, _ = last(chat.stream("Who is Heni?", [], []))
    messages, turns, _ = last(chat.stream("What did she say about hoaxes?", messages, turns))
    first, second = bot.histories
    assert first == []
    assert second[0] == {"role": "user", "content": "Who is Heni?"}
    assert second[1]["role"] == "assistant" and second[1]["content"] == turns[0]["text"]
    assert "<" not in second[1]["content"]  # the reply as plain text, not the rendered HTML
    assert len(messages) == 4 and turns[1]["index"] == 3
    assert 'href="#src-2-1"' in messages[3]["content"]  # second turn's cards have their own ids


def test_new_chat_forgets_the_history(chat, bot):
    messages, turns, _ = last(chat.stream("Who is Heni?", [], []))
    messages, turns, box = chat.reset()
    last(chat.stream("What did she say?", messages, turns))
    assert bot.histories[-1] == []


def test_empty_question_adds_nothing(chat):
    assert last(chat.stream("   ", [], [])) == ([], [], "")


def test_assistant_error_is_shown_as_an_error_message(chat, bot):
    def refuse(question, history=None):
        raise QuestionError("The question is 2000 characters long; the limit is 1000.")

    bot.ask = refuse
    messages, turns, _ = last(chat.stream("x" * 2000, [], []))
    assert 'class="answer error"' in messages[-1]["content"] and "limit is 1000" in messages[-1]["content"]
    assert turns == []


@pytest.mark.parametrize("liked, verdict", [(True, "like"), (False, "dislike"), ("Wrong citation", "wrong_citation")])
def test_feedback_appends_one_json_line(chat, bot, liked, verdict):
    messages, turns, _ = last(chat.stream("What did Heni say about hoaxes?", [], []))
    data = gr.LikeData(None, {"index": 1, "value": messages[1]["content"], "liked": liked})
    status, turns = chat.feedback(turns, data)
    assert "recorded" in status
    lines = bot.settings.feedback_path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["verdict"] == verdict
    assert record["question"] == "What did Heni say about hoaxes?"
    assert HOAX in record["answer"]
    start = HONEST.text.index(HOAX)
    assert record["citations"] == [{"number": 1, "doc_id": "003.txt", "chunk_id": "003.txt#1", "start": start,
                                    "end": start + len(HOAX), "text": HOAX}]
    assert record["timestamp"].startswith("20")


def test_feedback_is_recorded_once_per_answer_and_verdict(chat, bot):
    _, turns, _ = last(chat.stream("What did Heni say about hoaxes?", [], []))
    for liked in (True, "Wrong citation", "Wrong citation", True):
        _, turns = chat.feedback(turns, gr.LikeData(None, {"index": 1, "value": "", "liked": liked}))
    verdicts = [json.loads(x)["verdict"] for x in bot.settings.feedback_path.read_text().splitlines()]
    assert verdicts == ["like", "wrong_citation"]


def test_feedback_on_a_message_that_is_not_an_answer_is_ignored(chat, bot):
    _, turns, _ = last(chat.stream("What did Heni say about hoaxes?", [], []))
    assert chat.feedback(turns, gr.LikeData(None, {"index": 0, "value": "", "liked": True}))[0] == ""
    assert not bot.settings.feedback_path.exists()


def test_quotes_view_groups_people_with_roles_quotes_and_sources(chat):
    out = chat.quotes(None)
    assert out.count('class="person"') == 2
    heni = out[out.index("Heni Yuwono"):out.index("Bambang")]
    assert "Kakanwil" in heni and HOAX in heni and "jatimnow.com" in heni and "3 June 2024" in heni
    assert 'class="src-article"' in heni and "1 quote<" in heni
    assert '<details class="person">' in out  # collapsed until a person is chosen
    assert chat.quotes("Heni").count('<details class="person" open>') == 1
    assert chat.quotes("Everyone") == out


def test_api_returns_json_able_answer(chat, bot):
    out = chat.ask_api("What did he say about hoaxes?", ["Who is Heni?"])
    assert bot.histories[-1] == ["Who is Heni?"]
    assert json.loads(json.dumps(out)) == out
    assert out["refused"] is False and "[1]" in out["text"]
    assert out["citations"][0]["text"] == HOAX and out["citations"][0]["speaker"] == "Heni Yuwono"


def test_api_turns_question_errors_into_gradio_errors(chat):
    with pytest.raises(gr.Error, match="empty"):
        chat.ask_api("  ")


def test_word_chunks_end_with_the_whole_text():
    text = "one two  three\nfour five six seven eight nine"
    chunks = list(web.word_chunks(text, size=4))
    assert chunks[-1] == text and len(chunks) == 3
    assert all(text.startswith(c) for c in chunks)


def test_create_app_builds_blocks_with_named_ask_endpoint(bot):
    demo = web.create_app(bot)
    assert isinstance(demo, gr.Blocks)
    names = [d.get("api_name") for d in demo.config["dependencies"] if d.get("api_visibility", "public") == "public"]
    assert names == ["ask"]


def test_auth_only_when_both_variables_are_set(monkeypatch):
    monkeypatch.delenv("ASSISTANT_AUTH_USER", raising=False)
    monkeypatch.setenv("ASSISTANT_AUTH_PASSWORD", "pw")
    assert web.auth_from_env() is None
    monkeypatch.setenv("ASSISTANT_AUTH_USER", "ann")
    assert web.auth_from_env() == ("ann", "pw")


def test_serve_defaults_to_loopback_7860_without_share(monkeypatch, bot):
    seen = {}
    monkeypatch.delenv("GRADIO_SERVER_PORT", raising=False)
    monkeypatch.setattr("assistant.assistant.Assistant", lambda index_dir=None: bot)
    monkeypatch.setattr(web, "launch", lambda demo, **kw: seen.update(kw))
    web.serve()
    assert (seen["server_name"], seen["server_port"], seen["share"]) == ("127.0.0.1", 7860, False)
    assert bot.warmed  # the model and the index are warmed before the first visitor
    monkeypatch.setenv("GRADIO_SERVER_PORT", "7999")
    web.serve(port=None)
    assert seen["server_port"] == 7999


def test_app_py_offers_host_port_index_and_share_without_loading_anything():
    import subprocess
    import sys

    app = Path(__file__).resolve().parent.parent / "app.py"
    out = subprocess.run([sys.executable, str(app), "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    for option in ("--host", "--port", "--index", "--share", "GRADIO_SERVER_PORT"):
        assert option in out.stdout
