"""The web chat's handlers, called directly with a hand-made bot (no model, no index, no browser), and the
app itself served on loopback for what only HTTP shows (styles, script, upload limit, API errors)."""

from __future__ import annotations

import json
import logging
import socket
from html.parser import HTMLParser
from pathlib import Path

import gradio as gr
import httpx
import orjson
import pytest

from assistant.answer.understanding import check_question
from assistant.config import Settings, load_settings
from assistant.errors import QuestionError
from assistant.interfaces import web
from assistant.schema import Answer, Citation, Document, Quote

HONEST = Document(
    doc_id="003.txt", title="Kakanwil Tekankan Perubahan Paradigma", source="jatimnow.com", date="2024-06-03",
    text=("Kanwil menggelar bootcamp.\n\nPada masa kini, lanjut Heni, membangun reputasi tidak cukup. "
          "Mengingat, hoax dan disinformasi menyebar lebih cepat dari kebenaran. Itu kata Heni.\n\nPenutup."),
)
SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
HOSTILE = Document(
    doc_id="<b>hostile</b>.md", title=f"Catatan <b>situs</b> {SCRIPT}", source="evil<i>.com", date="<i>kemarin</i>",
    text=f"Pembuka.\n\nBambang berkata {SCRIPT} dan {IMG} harus dihapus.\n\nAkhir {IMG}.",
)
HOSTILE_SENTENCE = f"Bambang berkata {SCRIPT} dan {IMG} harus dihapus."
HOSTILE_SPEAKER, HOSTILE_ROLE = "Bambang <u>S</u>", f"<b>Kepala</b> {IMG}"
HOAX = "Mengingat, hoax dan disinformasi menyebar lebih cepat dari kebenaran."


def cite(doc: Document, sentence: str, number: int = 1, speaker: str = "", role: str = "") -> Citation:
    start = doc.text.index(sentence)
    return Citation(number=number, doc_id=doc.doc_id, chunk_id=f"{doc.doc_id}#{number}", text=sentence,
                    start=start, end=start + len(sentence), title=doc.title, source=doc.source, date=doc.date,
                    speaker=speaker, role=role, score=0.8)


class FakeBot:
    """Answers from a fixed script, checks questions as `Assistant` does, and records the history given."""

    def __init__(self, tmp_path: Path):
        self.settings = Settings(index_dir=tmp_path / "index", feedback_path=tmp_path / "deep" / "fb.jsonl")
        self.documents = {d.doc_id: d for d in (HONEST, HOSTILE)}
        self.histories: list[list] = []

    def ask(self, question: str, history=None) -> Answer:
        question = check_question(question, limit=1000)  # the real check: QuestionError on bad input
        self.histories.append(list(history or []))
        if "france" in question.lower():
            return Answer(question=question, text="I can't answer that from the documents I have.", refused=True)
        if "bambang" in question.lower():
            c = cite(HOSTILE, HOSTILE_SENTENCE, speaker=HOSTILE_SPEAKER, role=HOSTILE_ROLE)
            return Answer(question=question, text=f"Bambang said: “{c.text}” [1]", citations=[c])
        c = cite(HONEST, HOAX, speaker="Heni Yuwono", role="Kakanwil Kemenkumham Jatim")
        return Answer(question=question, text=f"Heni Yuwono said:\n“{HOAX}” [1]", citations=[c])

    def warm_up(self) -> None:
        self.warmed = True

    def quotes(self, speaker=None) -> list[Quote]:
        quotes = [Quote("Heni Yuwono", "Kakanwil", cite(HONEST, HOAX)),
                  Quote(HOSTILE_SPEAKER, HOSTILE_ROLE, cite(HOSTILE, HOSTILE_SENTENCE))]
        return [q for q in quotes if not speaker or speaker.lower() in q.speaker.lower()]


@pytest.fixture
def bot(tmp_path):
    return FakeBot(tmp_path)


@pytest.fixture
def chat(bot):
    return web.Chat(bot)


def last(stream):
    return list(stream)[-1]


def failing_with(bot, error: Exception):
    def ask(question, history=None):
        raise error
    bot.ask = ask


class Markup(HTMLParser):
    """Tags, attributes and the text a browser would show, from an HTML fragment."""

    def __init__(self, fragment: str):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str]] = []
        self.text = ""
        self.feed(fragment)

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes += [(name, value or "") for name, value in attrs]

    def handle_data(self, data):
        self.text += data


# ---------------------------------------------------------------- rendering

def test_answer_links_marker_to_card_with_highlighted_sentence_in_its_paragraph(bot):
    answer = bot.ask("What did Heni say about hoaxes?")
    out = web.render_answer(answer, bot.documents, exchange=3)
    assert '<a class="cite" href="#src-3-1">[1]</a>' in out
    card = out[out.index('id="src-3-1"'):]
    assert f"<mark>{HOAX}</mark>" in card
    para = card[card.index('class="src-para"'):card.index("</blockquote>")]
    assert "Pada masa kini, lanjut Heni" in para and "Itu kata Heni." in para  # the rest of its paragraph
    assert "Kanwil menggelar" not in para and "Penutup" not in para  # but not other paragraphs
    for meta in ("Kakanwil Tekankan Perubahan Paradigma", "jatimnow.com", "3 June 2024", "Heni Yuwono",
                 "Kakanwil Kemenkumham Jatim"):
        assert meta in card


def test_card_date_follows_the_answers_language(bot):
    answer = bot.ask("Apa kata Heni tentang hoaks?")
    answer.lang = "id"
    assert "3 Juni 2024" in web.render_answer(answer, bot.documents, exchange=1)


def test_marker_without_a_citation_stays_plain_text(bot):
    answer = bot.ask("What did Heni say about hoaxes?")
    answer.text += " [2]"
    out = web.render_answer(answer, bot.documents, exchange=1)
    assert out.count('class="cite"') == 1 and " [2]" in out


def test_card_holds_whole_article_with_cited_span_marked(bot):
    out = web.render_answer(bot.ask("hoaxes?"), bot.documents, exchange=1)
    article = out[out.index('class="src-article"'):]
    assert "<summary>" in article and "Kanwil menggelar bootcamp." in article and "Penutup." in article
    assert f'<mark id="src-1-1-mark">{HOAX}</mark>' in article


def test_answer_html_has_no_newlines_so_markdown_leaves_it_alone(bot):
    out = web.render_answer(bot.ask("hoaxes?"), bot.documents, exchange=1)
    assert "\n" not in out and "<br>" in out


def test_refusal_is_styled_apart_and_has_no_sources(bot):
    out = web.render_answer(bot.ask("What is the capital of France?"), bot.documents, exchange=1)
    assert 'class="answer refusal"' in out and "No answer in the documents" in out
    assert "src-card" not in out and "Sources" not in out and "cite" not in out


OUR_TAGS = {"div", "span", "a", "blockquote", "mark", "details", "summary", "br", "p"}


@pytest.mark.parametrize("render", [
    lambda bot: web.render_answer(bot.ask("What did Bambang say?"), bot.documents, exchange=1),
    lambda bot: web.render_quotes(bot.quotes(), bot.documents, open_all=True),
], ids=["answer", "who-said-what"])
def test_every_piece_of_document_text_reaches_the_page_as_text(bot, render):
    """Title, outlet, date, text, speaker and role all hold markup; none of it may become a tag or an
    attribute, and all of it must show, character for character."""
    page = Markup(render(bot))
    assert page.tags <= OUR_TAGS
    assert {name for name, _ in page.attributes} <= {"class", "id", "href", "open"}
    assert all(value.startswith(("#src-", "src-", "quote-")) for name, value in page.attributes
               if name in ("id", "href"))
    for text in (HOSTILE_SENTENCE, HOSTILE_SPEAKER, HOSTILE_ROLE, HOSTILE.source, HOSTILE.title,
                 HOSTILE.date, f"Akhir {IMG}."):
        assert text in page.text


def test_user_question_and_error_messages_reach_the_page_as_text(chat, bot):
    messages, _, _ = last(chat.stream(f"{IMG} hoaxes?", [], []))
    assert Markup(messages[0]["content"]).tags == {"div"}
    assert f"{IMG} hoaxes?" in Markup(messages[0]["content"]).text
    failing_with(bot, QuestionError(f"bad {SCRIPT}"))
    messages, _, _ = last(chat.stream("anything", [], []))
    assert Markup(messages[-1]["content"]).tags == {"div"} and SCRIPT in Markup(messages[-1]["content"]).text


# ---------------------------------------------------------------- chat handlers

def test_stream_shows_the_placeholder_then_the_whole_answer_and_nothing_in_between(chat):
    """No fake typing: the answer arrives in one piece as soon as it exists."""
    updates = [m[-1]["content"] for m, _, _ in chat.stream("What did Heni say about hoaxes?", [], [])]
    assert len(updates) == 2
    assert 'class="answer pending"' in updates[0] and "src-card" in updates[1]


def test_stream_records_the_answer_as_to_dict_and_clears_the_textbox(chat, bot):
    messages, exchanges, box = last(chat.stream("  What did Heni say about hoaxes?  ", [], []))
    assert box == ""
    assert [m["role"] for m in messages] == ["user", "assistant"]
    assert exchanges == [{"index": 1, "answer": bot.ask("What did Heni say about hoaxes?").to_dict(),
                          "verdicts": []}]


def test_follow_up_passes_earlier_questions_and_plain_replies_as_history(chat, bot):
    messages, exchanges, _ = last(chat.stream("Who is Heni?", [], []))
    messages, exchanges, _ = last(chat.stream("What did she say about hoaxes?", messages, exchanges))
    first, second = bot.histories
    assert first == []
    assert second[0] == {"role": "user", "content": "Who is Heni?"}
    assert second[1] == {"role": "assistant", "content": exchanges[0]["answer"]["text"]}  # text, not HTML
    assert len(messages) == 4 and exchanges[1]["index"] == 3
    assert 'href="#src-2-1"' in messages[3]["content"]  # the second answer's cards have their own ids


def test_new_chat_forgets_the_history(chat, bot):
    messages, exchanges, _ = last(chat.stream("Who is Heni?", [], []))
    messages, exchanges, box = chat.reset()
    last(chat.stream("What did she say?", messages, exchanges))
    assert bot.histories[-1] == []


def test_empty_question_adds_nothing(chat):
    assert last(chat.stream("   ", [], [])) == ([], [], "")


def test_question_error_is_shown_in_an_error_box_and_logged_as_one_line(chat, bot, caplog):
    failing_with(bot, QuestionError("The question is 2000 characters long; the limit is 1000."))
    with caplog.at_level(logging.WARNING, logger=web.log.name):
        messages, exchanges, _ = last(chat.stream("x" * 2000, [], []))
    assert 'class="answer error"' in messages[-1]["content"] and "limit is 1000" in messages[-1]["content"]
    assert exchanges == []
    [record] = caplog.records
    assert "limit is 1000" in record.getMessage() and record.exc_info is None


def test_lone_surrogate_question_gives_an_error_box_the_browser_can_receive(chat):
    """Invalid Unicode must not break the message sent to the browser (orjson, as Gradio, refuses it)."""
    messages, exchanges, _ = last(chat.stream("Apa kata \ud800 Heni?", [], []))
    assert 'class="answer error"' in messages[-1]["content"] and "invalid text" in messages[-1]["content"]
    orjson.dumps(messages)
    assert exchanges == []


@pytest.mark.parametrize("liked, verdict", [(True, "like"), (False, "dislike"), ("Wrong citation", "wrong_citation")])
def test_feedback_appends_the_verdict_and_the_answer_as_one_json_line(chat, bot, liked, verdict):
    messages, exchanges, _ = last(chat.stream("What did Heni say about hoaxes?", [], []))
    status, exchanges = chat.feedback(exchanges, gr.LikeData(None, {"index": 1, "value": "", "liked": liked}))
    assert "recorded" in status
    [line] = bot.settings.feedback_path.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record.pop("verdict") == verdict and record.pop("timestamp").startswith("20")
    assert record == bot.ask("What did Heni say about hoaxes?").to_dict()


def test_feedback_is_recorded_once_per_answer_and_verdict(chat, bot):
    _, exchanges, _ = last(chat.stream("What did Heni say about hoaxes?", [], []))
    for liked in (True, "Wrong citation", "Wrong citation", True):
        _, exchanges = chat.feedback(exchanges, gr.LikeData(None, {"index": 1, "value": "", "liked": liked}))
    verdicts = [json.loads(x)["verdict"] for x in bot.settings.feedback_path.read_text().splitlines()]
    assert verdicts == ["like", "wrong_citation"]


def test_feedback_on_a_message_that_is_not_an_answer_is_ignored(chat, bot):
    _, exchanges, _ = last(chat.stream("What did Heni say about hoaxes?", [], []))
    assert chat.feedback(exchanges, gr.LikeData(None, {"index": 0, "value": "", "liked": True}))[0] == ""
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


def test_quotes_view_says_so_when_nobody_is_quoted(bot):
    assert "No attributed quotes" in web.render_quotes([], bot.documents)


# ---------------------------------------------------------------- API handler

def test_api_returns_the_answers_to_dict(chat, bot):
    out = chat.ask_api("What did he say about hoaxes?", ["Who is Heni?"])
    assert bot.histories[-1] == ["Who is Heni?"]
    assert out == bot.ask("What did he say about hoaxes?").to_dict()


@pytest.mark.parametrize("question, history, message", [
    ("  ", None, "empty"),
    ("Apa kata \ud800 Heni?", None, "invalid text"),
    (123, None, "question must be a string, not int"),
    ("hoaxes?", "Who is Heni?", "history must be a list"),
])
def test_api_turns_bad_input_into_a_visible_error_without_traceback(chat, question, history, message, caplog):
    with caplog.at_level(logging.WARNING, logger=web.log.name), pytest.raises(gr.Error, match=message) as raised:
        chat.ask_api(question, history)
    assert raised.value.print_exception is False
    [record] = caplog.records
    assert record.exc_info is None


# ---------------------------------------------------------------- app, settings, serve

def test_create_app_builds_blocks_with_named_ask_endpoint(bot):
    demo = web.create_app(bot)
    assert isinstance(demo, gr.Blocks)
    names = [d.get("api_name") for d in demo.config["dependencies"] if d.get("api_visibility", "public") == "public"]
    assert names == ["ask"]


def test_settings_read_port_and_login_from_the_environment_and_hide_the_password(monkeypatch):
    monkeypatch.setenv("GRADIO_SERVER_PORT", "7999")
    monkeypatch.setenv("ASSISTANT_AUTH_USER", "ann")
    monkeypatch.setenv("ASSISTANT_AUTH_PASSWORD", "s3cret")
    settings = load_settings()
    assert (settings.server_port, settings.auth_user, settings.auth_password) == (7999, "ann", "s3cret")
    assert "s3cret" not in repr(settings)


def test_login_only_when_both_user_and_password_are_set():
    assert web.login(Settings(auth_password="pw")) is None
    assert web.login(Settings(auth_user="ann", auth_password="pw")) == ("ann", "pw")


def test_serve_defaults_to_loopback_7860_without_share_and_takes_login_from_settings(monkeypatch, bot):
    seen = {}
    monkeypatch.setattr("assistant.assistant.Assistant", lambda **kw: bot)
    monkeypatch.setattr(web, "launch", lambda demo, **kw: seen.update(kw))
    web.serve(Settings(auth_user="ann", auth_password="pw"))
    assert (seen["server_name"], seen["server_port"], seen["share"]) == ("127.0.0.1", 7860, False)
    assert seen["auth"] == ("ann", "pw")
    assert bot.warmed  # the model and the index are warmed before the first visitor


def test_serve_command_takes_its_port_from_settings_unless_given(monkeypatch):
    from assistant.interfaces import cli

    seen = {}
    monkeypatch.setattr(web, "serve", lambda settings, **kw: seen.update(port=settings.server_port, **kw))
    monkeypatch.setenv("GRADIO_SERVER_PORT", "7999")
    cli.main(["serve"])
    assert (seen["port"], seen["host"], seen["share"], seen["build"]) == (7999, "127.0.0.1", False, True)
    cli.main(["serve", "--port", "8001", "--index", "elsewhere"])
    assert (seen["port"], seen["build"]) == (8001, False)


def test_app_py_offers_host_port_index_and_share_without_loading_anything():
    import subprocess
    import sys

    app = Path(__file__).resolve().parent.parent / "app.py"
    out = subprocess.run([sys.executable, str(app), "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    for option in ("--host", "--port", "--index", "--share", "GRADIO_SERVER_PORT"):
        assert option in out.stdout


# ---------------------------------------------------------------- the app served on loopback

@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The app for a FakeBot, launched as `serve` launches it, on a free loopback port."""
    demo = web.create_app(FakeBot(tmp_path_factory.mktemp("served")))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    web.launch(demo, server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True,
               ssr_mode=False)
    yield f"http://127.0.0.1:{port}"
    demo.close()


def test_page_config_carries_the_packaged_script_and_styles(served):
    """Gradio sends both in the page's config; its frontend adds them to the page (test_browser.py shows
    them at work)."""
    config = httpx.get(served + "/config").json()
    assert f"<script>{web.asset('chat.js')}</script>" in config["head"]
    assert web.asset("chat.css") in config["css"]


def test_upload_route_rejects_a_file_over_the_limit(served):
    response = httpx.post(served + "/gradio_api/upload", files={"files": ("big.bin", b"x" * 4096)})
    assert response.status_code == 413


@pytest.mark.parametrize("question, message", [(123, "question must be a string"),
                                               ("Apa kata \ud800 Heni?", "invalid text")])
def test_api_endpoint_answers_bad_input_with_its_message(served, question, message):
    """Not a bare `{"error": null}`: the caller reads what was wrong."""
    body = json.dumps({"data": [question, []]})  # ASCII escapes: a lone surrogate travels as \ud800
    call = httpx.post(served + "/gradio_api/call/ask", content=body, headers={"content-type": "application/json"})
    events = httpx.get(f"{served}/gradio_api/call/ask/{call.json()['event_id']}").text
    assert "event: error" in events and message in events
