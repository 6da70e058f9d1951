"""The web chat: a thin Gradio layer over `Assistant`.

`create_app(bot)` wires plain handlers (`Chat.stream`, `Chat.feedback`, `Chat.ask_api`, `Chat.quotes`) into
a `gr.Blocks`; tests call the handlers directly. `serve()` is what `python app.py` and `assistant serve`
run. One `Assistant` (one model) serves every session.

Markup lives in Jinja2 templates (`templates/`) with autoescape on, so everything from documents and users
is escaped by default; styles and script are files in `static/`. Both are read on first use. Chat messages
are single-line HTML blocks, so Markdown never reinterprets them.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Iterator

import gradio as gr
from jinja2 import Environment, PackageLoader
from markupsafe import Markup, escape

from ..answer.frames import published
from ..config import Settings
from ..errors import AssistantError
from ..schema import Answer, Citation, Document, Quote

log = logging.getLogger(__name__)

TITLE = "Ask the press documents"
EXAMPLES = [
    "What did Heni say about hoaxes?",
    "Apa kata Heni tentang hoaks?",
    "Who is Arief Rahman?",
    "Siapa yang membuka Kumham PR Bootcamp 2024?",
]
VERDICTS = {True: "like", False: "dislike", "Like": "like", "Dislike": "dislike", "Wrong citation": "wrong_citation"}
FEEDBACK_OPTIONS = ("Like", "Dislike", "Wrong citation")
MARKER = re.compile(r"\[(\d+)\]")
# The app has no upload widget, yet Gradio always serves /gradio_api/upload (and no setting closes it):
# the smallest limit Gradio accepts keeps anonymous visitors from filling the temp folder.
MAX_UPLOAD = "1kb"


# ---------------------------------------------------------------- package files, read on first use

@cache
def asset(name: str) -> str:
    """A file of `static/` (the chat's CSS and script)."""
    return (files(__package__) / "static" / name).read_text(encoding="utf-8")


def as_text(value: Any) -> Markup:
    """What every `{{ value }}` of the templates becomes: escaped, newlines as <br>. Markup (a macro's
    output) passes unchanged."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return Markup("<br>").join(escape(line) for line in str(value).replace("\r", "").split("\n"))


@cache
def templates() -> Environment:
    return Environment(loader=PackageLoader(__package__, "templates"), autoescape=True, finalize=as_text)


def one_line(markup: str) -> str:
    """Rendered markup without the template files' line breaks and indentation (text has <br> instead)."""
    return re.sub(r"\n\s*", "", str(markup))


def message(name: str, **values: Any) -> str:
    """One chat message: macro `name` of templates/chat.html.j2."""
    return one_line(getattr(templates().get_template("chat.html.j2").module, name)(**values))


# ---------------------------------------------------------------- views: what the templates show

@dataclass(frozen=True)
class Highlight:
    """A passage cut in three: text before the cited span, the span, text after."""

    before: str
    quote: str
    after: str


@dataclass(frozen=True)
class CardView:
    number: int
    anchor: str
    title: str
    meta: list[str]  # outlet, date, "speaker, role"
    paragraph: Highlight  # the cited sentence in its paragraph
    article: Highlight | None  # the whole article, when the document is at hand


@dataclass(frozen=True)
class QuoteView:
    text: str
    meta: list[str]  # title, outlet, date
    article: Highlight | None


@dataclass(frozen=True)
class PersonView:
    name: str
    roles: str
    quotes: list[QuoteView]


def highlight(text: str, start: int, end: int, lo: int = 0, hi: int | None = None) -> Highlight:
    """`text[lo:hi]` with `[start:end]` as the quote (clamped into the window)."""
    hi = len(text) if hi is None else hi
    start, end = max(lo, min(start, hi)), max(lo, min(end, hi))
    return Highlight(text[lo:start], text[start:end], text[end:hi])


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph(s) holding `[start:end]`: from the newline before `start` to the one after `end`."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return lo, (len(text) if hi < 0 else hi)


def anchor(exchange: int, number: int) -> str:
    """The id of source card `number` of the `exchange`-th answer (ids stay unique across a chat)."""
    return f"src-{exchange}-{number}"


def cite_pieces(text: str, exchange: int, numbers: set[int]) -> list[tuple[str, str]]:
    """The answer text as (text, anchor) pieces: each known `[n]` carries its card's anchor, the rest ""."""
    parts = MARKER.split(text)  # text, number, text, number, ..., text
    pieces = [(parts[0], "")]
    for number, after in zip(parts[1::2], parts[2::2]):
        n = int(number)
        pieces += [(f"[{n}]", anchor(exchange, n) if n in numbers else ""), (after, "")]
    return [p for p in pieces if p[0]]


def article(doc: Document | None, c: Citation) -> Highlight | None:
    return highlight(doc.text, c.start, c.end) if doc is not None else None


def card(c: Citation, doc: Document | None, exchange: int, lang: str) -> CardView:
    """One source: title, outlet, date, speaker and role, the cited sentence highlighted in its paragraph."""
    if doc is not None and doc.text[c.start:c.end] == c.text:
        paragraph = highlight(doc.text, c.start, c.end, *paragraph_bounds(doc.text, c.start, c.end))
    else:  # the index changed under us: still show the cited text itself
        paragraph = Highlight("", c.text, "")
    speaker = ", ".join(x for x in (c.speaker, c.role) if x) if c.speaker else ""
    meta = [x for x in (c.source, published(c.date, lang), speaker) if x]
    return CardView(c.number, anchor(exchange, c.number), c.title or (doc.title if doc else "") or c.doc_id,
                    meta, paragraph, article(doc, c))


def render_answer(answer: Answer, documents: dict[str, Document], exchange: int) -> str:
    """A finished answer as one HTML block: the text with linked markers, then one card per citation."""
    if answer.refused or not answer.citations:
        return message("refusal", text=answer.text)
    numbers = {c.number for c in answer.citations}
    cards = [card(c, documents.get(c.doc_id), exchange, answer.lang) for c in answer.citations]
    return message("answer", pieces=cite_pieces(answer.text, exchange, numbers), cards=cards)


def quote_view(q: Quote, documents: dict[str, Document]) -> QuoteView:
    c = q.citation
    meta = [x for x in (c.title, c.source, published(c.date, "en")) if x]
    return QuoteView(c.text, meta, article(documents.get(c.doc_id), c))


def render_quotes(quotes: list[Quote], documents: dict[str, Document], open_all: bool = False) -> str:
    """Who said what: one collapsible block per person (name, roles, number of quotes), holding their
    quotes, each with its source and the full article."""
    said: dict[str, list[Quote]] = {}
    for q in quotes:
        said.setdefault(q.speaker, []).append(q)
    people = [PersonView(name, "; ".join(sorted({q.role for q in qs if q.role})),
                         [quote_view(q, documents) for q in qs]) for name, qs in said.items()]
    return one_line(templates().get_template("quotes.html.j2").render(people=people, open_all=open_all))


# ---------------------------------------------------------------- feedback

_feedback_lock = threading.Lock()


def history_messages(exchanges: list[dict]) -> list[dict]:
    """Earlier exchanges as message dicts, replies as plain text, so follow-ups can refer to either."""
    return [m for e in exchanges for m in ({"role": "user", "content": e["answer"]["question"]},
                                          {"role": "assistant", "content": e["answer"]["text"]})]


def feedback_record(exchange: dict, verdict: str) -> dict:
    """One line of the feedback log: when, the verdict, and the answer as `Answer.to_dict()` gives it."""
    return {"timestamp": datetime.now(timezone.utc).isoformat(timespec="seconds"), "verdict": verdict,
            **exchange["answer"]}


def append_feedback(path: Path, record: dict) -> None:
    """Append one JSON line; parent folders are created."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(record, ensure_ascii=False) + "\n"
    with _feedback_lock, path.open("a", encoding="utf-8") as f:
        f.write(line)


# ---------------------------------------------------------------- handlers

def shown(text: str) -> str:
    """Text that can be sent to the browser: invalid Unicode (lone surrogates) replaced."""
    return text.encode("utf-8", "replace").decode("utf-8")


def input_error(message: str) -> gr.Error:
    """A user's mistake, for the API caller: logged as one line, no traceback."""
    log.warning("rejected: %s", message)
    return gr.Error(message, print_exception=False)


class Chat:
    """The handlers behind the interface, bound to one shared `Assistant`.

    Per-session state is explicit: `chat` is the Chatbot's message list, `exchanges` a list of past
    questions and answers ({"index": position of the answer in `chat`, "answer": `Answer.to_dict()`,
    "verdicts": feedback given}) kept in a `gr.State`.
    """

    def __init__(self, bot):
        self.bot = bot

    def stream(self, question: str, chat: list | None,
               exchanges: list | None) -> Iterator[tuple[list, list, str]]:
        """Yield (chat, exchanges, textbox): the question with a placeholder, then the answer with its cards
        or an error box."""
        chat, exchanges = list(chat or []), list(exchanges or [])
        question = (question or "").strip()
        if not question:
            yield chat, exchanges, ""
            return
        chat.append({"role": "user", "content": message("question", text=shown(question))})
        chat.append({"role": "assistant", "content": message("pending")})
        yield chat, exchanges, ""
        try:
            answer = self.bot.ask(question, history=history_messages(exchanges))
        except AssistantError as exc:
            log.warning("rejected: %s", exc)
            chat[-1] = {"role": "assistant", "content": message("error", message=str(exc))}
            yield chat, exchanges, ""
            return
        chat[-1] = {"role": "assistant", "content": render_answer(answer, self.bot.documents, len(exchanges) + 1)}
        exchanges.append({"index": len(chat) - 1, "answer": answer.to_dict(), "verdicts": []})
        yield chat, exchanges, ""

    def reset(self) -> tuple[list, list, str]:
        """New chat: no messages, no history."""
        return [], [], ""

    def feedback(self, exchanges: list | None, data: gr.LikeData) -> tuple[str, list]:
        """Append a verdict on one answer (like, dislike, wrong citation) to the feedback log, once per
        answer and verdict (Gradio's feedback menu can send the same choice twice)."""
        exchanges = list(exchanges or [])
        verdict = VERDICTS.get(data.liked) if isinstance(data.liked, (bool, str)) else None
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        exchange = next((e for e in exchanges if e["index"] == index), None)
        if verdict is None or exchange is None:
            return "", exchanges
        if verdict not in exchange["verdicts"]:
            append_feedback(self.bot.settings.feedback_path, feedback_record(exchange, verdict))
            exchange["verdicts"].append(verdict)
        return f"Thanks: feedback “{verdict.replace('_', ' ')}” recorded.", exchanges

    def ask_api(self, question: str, history: list[str] | None = None) -> dict:
        """Answer `question` (earlier user questions in `history`) -> `Answer.to_dict()`."""
        if not isinstance(question, str):
            raise input_error(f"question must be a string, not {type(question).__name__}")
        if not isinstance(history, (list, type(None))):
            raise input_error(f"history must be a list of earlier questions, not {type(history).__name__}")
        try:
            answer = self.bot.ask(question, history=history or [])
        except AssistantError as exc:
            raise input_error(str(exc)) from None
        return answer.to_dict()

    def quotes(self, speaker: str | None = None) -> str:
        speaker = None if not speaker or speaker == "Everyone" else speaker
        return render_quotes(self.bot.quotes(speaker), self.bot.documents, open_all=bool(speaker))


def create_app(bot, examples: list[str] | None = None) -> gr.Blocks:
    """The whole interface for one shared `Assistant`; launch it with `launch(demo, ...)`."""
    chat = Chat(bot)
    examples = EXAMPLES if examples is None else examples
    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        gr.Markdown(f"## {TITLE}\nAsk in English or Indonesian. Every answer quotes the documents, "
                    "and every [n] opens its source.")
        with gr.Tab("Chat"):
            chatbot = gr.Chatbot(label="Conversation", height=560, elem_id="chat",
                                 feedback_options=FEEDBACK_OPTIONS, buttons=["copy"],
                                 placeholder="Ask a question about the documents, or pick an example below.")
            exchanges = gr.State([])
            with gr.Row():
                box = gr.Textbox(placeholder="e.g. What did Heni say about hoaxes?", show_label=False,
                                 scale=8, autofocus=True, elem_id="question", max_lines=4)
                send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
                new = gr.Button("New chat", scale=1, elem_id="new-chat")
            gr.Markdown("**Try an example** (English or Indonesian):", elem_classes=["try"])
            with gr.Row(elem_id="examples", equal_height=True):
                example_buttons = [gr.Button(q, size="sm", elem_classes=["example"]) for q in examples]
            status = gr.Markdown(elem_id="feedback-status")

            outputs = [chatbot, exchanges, box]
            private = {"api_visibility": "private"}
            box.submit(chat.stream, [box, chatbot, exchanges], outputs, **private)
            send.click(chat.stream, [box, chatbot, exchanges], outputs, **private)
            for button in example_buttons:
                button.click(chat.stream, [button, chatbot, exchanges], outputs, **private)
            new.click(chat.reset, None, outputs, **private).then(lambda: "", None, status, **private)
            chatbot.clear(chat.reset, None, outputs, **private)
            chatbot.like(chat.feedback, [exchanges], [status, exchanges], concurrency_limit=1, **private)

        with gr.Tab("Who said what"):
            speakers = ["Everyone"] + sorted({q.speaker for q in bot.quotes()})
            who = gr.Dropdown(speakers, value="Everyone", label="Person", elem_id="who")
            people = gr.HTML(chat.quotes(None), elem_id="quotes")
            who.change(chat.quotes, who, people, **private)

        gr.api(chat.ask_api, api_name="ask")
    demo.queue(default_concurrency_limit=4)  # the Assistant serialises model calls itself
    return demo


def launch(demo: gr.Blocks, **kwargs):
    """`demo.launch` with the app's CSS, script and upload limit (Gradio 6 takes them at launch)."""
    kwargs.setdefault("footer_links", ["api"])
    return demo.launch(css=asset("chat.css"), head=f"<script>{asset('chat.js')}</script>",
                       max_file_size=MAX_UPLOAD, **kwargs)


def login(settings: Settings) -> tuple[str, str] | None:
    """Basic auth when both the user and the password are set."""
    return (settings.auth_user, settings.auth_password) if settings.auth_user and settings.auth_password else None


def serve(settings: Settings, host: str = "127.0.0.1", share: bool = False, build: bool = False,
          **launch_kwargs):
    """Load the index (ingesting `seeds_dir` first when `build`) and the model once, then serve the chat on
    `settings.server_port` until interrupted."""
    from ..assistant import Assistant

    bot = Assistant(settings=settings, build=build)
    bot.warm_up()
    return launch(create_app(bot), server_name=host, server_port=settings.server_port, share=share,
                  auth=login(settings), ssr_mode=False, **launch_kwargs)


__all__ = ["create_app", "serve", "launch", "Chat", "render_answer", "render_quotes", "append_feedback",
           "feedback_record", "EXAMPLES"]
