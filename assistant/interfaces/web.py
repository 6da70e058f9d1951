"""The web chat: a thin Gradio layer over `Assistant`.

`create_app(bot)` wires plain handlers (`Chat.stream`, `Chat.feedback`, `Chat.ask_api`, the `render_*`
functions) into a `gr.Blocks`; tests call the handlers directly. `serve()` is what `python app.py` and
`assistant serve` run. One `Assistant` (one model) serves every session.

Everything that comes from documents or users is passed through `html.escape` before our own markup is
added, and chat messages are emitted as single-line HTML blocks, so Markdown never reinterprets them.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import threading
import time
from datetime import date as _date, datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import gradio as gr

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
WORDS_PER_CHUNK = 4  # words added to the visible answer per streamed update
STREAM_PAUSE = 0.02  # seconds between streamed updates, so the answer visibly types out
VERDICTS = {True: "like", False: "dislike", "Like": "like", "Dislike": "dislike", "Wrong citation": "wrong_citation"}
FEEDBACK_OPTIONS = ("Like", "Dislike", "Wrong citation")
MARKER = re.compile(r"\[(\d+)\]")

CSS = """
.answer { line-height: 1.55; }
.answer a.cite { font-weight: 600; text-decoration: none; color: var(--color-accent); cursor: pointer; }
.answer.refusal { border-left: 4px solid #b45309; background: #fff7ed; color: #7c2d12; padding: .5em .8em;
                  border-radius: 6px; }
.answer.refusal .refusal-title { font-weight: 600; display: block; margin-bottom: .2em; }
.answer.error { border-left: 4px solid #b91c1c; background: #fef2f2; color: #7f1d1d; padding: .5em .8em;
                border-radius: 6px; }
.answer.pending { color: var(--body-text-color-subdued); font-style: italic; }
.sources { margin-top: .8em; display: flex; flex-direction: column; gap: .6em; }
.sources-title { font-size: .85em; text-transform: uppercase; letter-spacing: .05em;
                 color: var(--body-text-color-subdued); }
.src-card { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: .6em .8em;
            background: var(--background-fill-primary); transition: box-shadow .3s; }
.src-card.flash { box-shadow: 0 0 0 3px var(--color-accent); }
.src-head { font-weight: 600; }
.src-num { color: var(--color-accent); margin-right: .3em; }
.src-meta { font-size: .85em; color: var(--body-text-color-subdued); margin: .15em 0 .4em; }
.src-para { margin: 0; padding: .3em .7em; border-left: 3px solid var(--border-color-primary); font-size: .92em; }
.src-card mark, .article-body mark, .quote mark { background: #fde68a; color: inherit; padding: 0 .1em; }
.src-article summary { cursor: pointer; font-size: .88em; margin-top: .4em; color: var(--color-accent); }
.article-body { max-height: 22em; overflow-y: auto; font-size: .9em; padding: .5em .7em; margin-top: .3em;
                background: var(--background-fill-secondary); border-radius: 6px; }
.question { white-space: normal; }
.people { display: flex; flex-direction: column; gap: .5em; }
.person { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: .5em .9em; }
.person summary { cursor: pointer; display: flex; gap: .8em; align-items: baseline; flex-wrap: wrap; }
.person .name { font-weight: 600; font-size: 1.05em; }
.person .role { color: var(--body-text-color-subdued); font-size: .9em; }
.person .count { margin-left: auto; font-size: .8em; color: var(--body-text-color-subdued); }
.try p { margin: .2em 0 -.4em; font-size: .9em; }
.quote { margin: .5em 0; }
.quote blockquote { margin: 0; padding: .2em .7em; border-left: 3px solid #fde68a; }
.quote .src-meta { margin: .2em 0 0 .9em; }
"""

# Document-level delegation: works for cards rendered at any time inside the chat.
HEAD = """<script>
(() => {
  document.addEventListener('click', (event) => {
    const link = event.target.closest ? event.target.closest('a.cite') : null;
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    const card = document.getElementById((link.getAttribute('href') || '').slice(1));
    if (!card) return;
    card.scrollIntoView({behavior: 'smooth', block: 'nearest'});
    card.classList.add('flash');
    setTimeout(() => card.classList.remove('flash'), 1500);
  }, true);
  document.addEventListener('toggle', (event) => {
    const box = event.target;
    if (!(box.matches && box.matches('details.src-article') && box.open)) return;
    const mark = box.querySelector('mark');
    if (mark) mark.scrollIntoView({block: 'center'});
  }, true);
})();
</script>"""


# ---------------------------------------------------------------- rendering (pure functions)

def esc(text: Any) -> str:
    """Text from documents or users, safe to place inside our markup (newlines become <br>)."""
    return html.escape(str(text or ""), quote=True).replace("\r", "").replace("\n", "<br>")


def nice_date(iso: str) -> str:
    """2024-06-03 -> 3 June 2024; anything else unchanged."""
    try:
        day = _date.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso or ""
    return f"{day.day} {day.strftime('%B')} {day.year}"


def marked(text: str, start: int, end: int, lo: int = 0, hi: int | None = None, mark_id: str = "") -> str:
    """`text[lo:hi]` escaped, with `[start:end]` wrapped in <mark>."""
    hi = len(text) if hi is None else hi
    start, end = max(lo, min(start, hi)), max(lo, min(end, hi))
    attr = f' id="{esc(mark_id)}"' if mark_id else ""
    return f"{esc(text[lo:start])}<mark{attr}>{esc(text[start:end])}</mark>{esc(text[end:hi])}"


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph(s) holding `[start:end]`: from the newline before `start` to the one after `end`."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return lo, (len(text) if hi < 0 else hi)


def anchor(turn: int, number: int) -> str:
    return f"src-{turn}-{number}"


def render_text(text: str, turn: int, numbers: set[int] | None = None) -> str:
    """Answer text escaped, each `[n]` a link to card n of this turn (only for known citations)."""
    def link(match: re.Match) -> str:
        n = int(match.group(1))
        if numbers is not None and n not in numbers:
            return match.group(0)
        return f'<a class="cite" href="#{anchor(turn, n)}">[{n}]</a>'

    return MARKER.sub(link, esc(text))


def render_meta(c: Citation) -> str:
    parts = [esc(c.source) if c.source else "", esc(nice_date(c.date)) if c.date else ""]
    if c.speaker:
        parts.append(esc(c.speaker) + (f", {esc(c.role)}" if c.role else ""))
    return " · ".join(p for p in parts if p)


def render_article(doc: Document | None, c: Citation, mark_id: str = "") -> str:
    """The whole cleaned article with the cited span highlighted, inside a collapsed <details>."""
    if doc is None:
        return ""
    body = marked(doc.text, c.start, c.end, mark_id=mark_id)
    return (f'<details class="src-article"><summary>Open the full article</summary>'
            f'<div class="article-body">{body}</div></details>')


def render_card(c: Citation, doc: Document | None, turn: int) -> str:
    """One source: title, outlet, date, speaker and role, the cited sentence highlighted in its paragraph."""
    if doc is not None and doc.text[c.start:c.end] == c.text:
        lo, hi = paragraph_bounds(doc.text, c.start, c.end)
        para = marked(doc.text, c.start, c.end, lo, hi)
    else:  # the index changed under us: still show the cited text itself
        para = f"<mark>{esc(c.text)}</mark>"
    title = esc(c.title or (doc.title if doc else "") or c.doc_id)
    return (f'<div class="src-card" id="{anchor(turn, c.number)}">'
            f'<div class="src-head"><span class="src-num">[{c.number}]</span>{title}</div>'
            f'<div class="src-meta">{render_meta(c)}</div>'
            f'<blockquote class="src-para">{para}</blockquote>'
            f'{render_article(doc, c, mark_id=anchor(turn, c.number) + "-mark")}</div>')


def render_answer(answer: Answer, documents: dict[str, Document], turn: int) -> str:
    """A finished answer as one HTML block: the text with linked markers, then one card per citation."""
    if answer.refused or not answer.citations:
        return render_refusal(answer.text)
    numbers = {c.number for c in answer.citations}
    cards = "".join(render_card(c, documents.get(c.doc_id), turn) for c in answer.citations)
    return (f'<div class="answer">{render_text(answer.text, turn, numbers)}'
            f'<div class="sources"><div class="sources-title">Sources</div>{cards}</div></div>')


def render_partial(text: str, turn: int) -> str:
    """The answer while it streams: text only, cards follow with the last update."""
    return f'<div class="answer">{render_text(text, turn)}</div>'


def render_refusal(text: str) -> str:
    return (f'<div class="answer refusal"><span class="refusal-title">No answer in the documents</span>'
            f'{esc(text)}</div>')


def render_error(message: str) -> str:
    return f'<div class="answer error">{esc(message)}</div>'


def render_question(text: str) -> str:
    return f'<div class="question">{esc(text)}</div>'


PENDING = '<div class="answer pending">Searching the documents…</div>'


def render_quotes(quotes: list[Quote], documents: dict[str, Document], open_all: bool = False) -> str:
    """Who said what: one collapsible block per person (name, role, number of quotes), holding their
    quotes, each with its source and the full article."""
    if not quotes:
        return '<div class="people"><p>No attributed quotes in the documents.</p></div>'
    people: dict[str, list[Quote]] = {}
    for q in quotes:
        people.setdefault(q.speaker, []).append(q)
    blocks = []
    for p, (speaker, said) in enumerate(people.items()):
        roles = sorted({q.role for q in said if q.role})
        items = []
        for i, q in enumerate(said):
            c = q.citation
            doc = documents.get(c.doc_id)
            meta = " · ".join(x for x in (esc(c.title), esc(c.source), esc(nice_date(c.date))) if x)
            items.append(f'<div class="quote"><blockquote>{esc(c.text)}</blockquote>'
                         f'<div class="src-meta">{meta}</div>'
                         f'{render_article(doc, c, mark_id=f"quote-{p}-{i}-mark")}</div>')
        count = f"{len(said)} quote" + ("s" if len(said) != 1 else "")
        role = f'<span class="role">{esc("; ".join(roles))}</span>' if roles else ""
        blocks.append(f'<details class="person"{" open" if open_all else ""}><summary><span class="name">'
                      f'{esc(speaker)}</span>{role}<span class="count">{count}</span></summary>'
                      f'{"".join(items)}</details>')
    return f'<div class="people">{"".join(blocks)}</div>'


def answer_payload(answer: Answer) -> dict:
    """What the API returns: JSON-able text, refusal flag and citations."""
    return {
        "text": answer.text,
        "refused": answer.refused,
        "lang": answer.lang,
        "citations": [{"number": c.number, "doc_id": c.doc_id, "chunk_id": c.chunk_id, "text": c.text,
                       "start": c.start, "end": c.end, "title": c.title, "source": c.source, "date": c.date,
                       "speaker": c.speaker, "role": c.role, "score": round(float(c.score), 4)}
                      for c in answer.citations],
    }


def word_chunks(text: str, size: int = WORDS_PER_CHUNK) -> Iterator[str]:
    """Growing prefixes of `text`, `size` words longer each time (whitespace kept), ending with all of it."""
    pieces = re.findall(r"\s*\S+\s*", text) or [text]
    for i in range(size, len(pieces) + size, size):
        yield "".join(pieces[:i])


# ---------------------------------------------------------------- feedback

_feedback_lock = threading.Lock()


def conversation(turns: list[dict]) -> list[dict]:
    """Earlier turns as message dicts, replies as plain text, so follow-ups can refer to either."""
    return [m for t in turns for m in ({"role": "user", "content": t["question"]},
                                      {"role": "assistant", "content": t["text"]})]


def feedback_record(turn: dict, verdict: str) -> dict:
    return {
        "timestamp": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "verdict": verdict,
        "question": turn.get("question", ""),
        "answer": turn.get("text", ""),
        "refused": turn.get("refused", False),
        "citations": [{k: c[k] for k in ("number", "doc_id", "chunk_id", "start", "end", "text")}
                      for c in turn.get("citations", [])],
    }


def append_feedback(path: Path, record: dict) -> None:
    """Append one JSON line; parent folders are created."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(record, ensure_ascii=False) + "\n"
    with _feedback_lock, path.open("a", encoding="utf-8") as f:
        f.write(line)


# ---------------------------------------------------------------- handlers

class Chat:
    """The handlers behind the interface, bound to one shared `Assistant`.

    Per-session state is explicit: `chat` is the Chatbot's message list, `turns` a list of dicts
    (question, answer payload, index of the assistant message) kept in a `gr.State`.
    """

    def __init__(self, bot, pause: float = STREAM_PAUSE):
        self.bot = bot
        self.pause = pause

    def stream(self, question: str, chat: list | None, turns: list | None) -> Iterator[tuple[list, list, str]]:
        """Yield (chat, turns, textbox) while answering: a placeholder, growing text, then text and cards."""
        chat, turns = list(chat or []), list(turns or [])
        question = (question or "").strip()
        if not question:
            yield chat, turns, ""
            return
        chat.append({"role": "user", "content": render_question(question)})
        chat.append({"role": "assistant", "content": PENDING})
        yield chat, turns, ""
        try:
            answer = self.bot.ask(question, history=conversation(turns))
        except AssistantError as exc:
            chat[-1] = {"role": "assistant", "content": render_error(str(exc))}
            yield chat, turns, ""
            return
        turn = len(turns) + 1
        if not answer.refused:
            for prefix in word_chunks(answer.text):
                chat[-1] = {"role": "assistant", "content": render_partial(prefix, turn)}
                yield chat, turns, ""
                if self.pause:
                    time.sleep(self.pause)
        chat[-1] = {"role": "assistant", "content": render_answer(answer, self.bot.documents, turn)}
        turns.append({"question": question, "index": len(chat) - 1, **answer_payload(answer)})
        yield chat, turns, ""

    def reset(self) -> tuple[list, list, str]:
        """New chat: no messages, no history."""
        return [], [], ""

    def feedback(self, turns: list | None, data: gr.LikeData) -> tuple[str, list]:
        """Append a verdict on one answer (like, dislike, wrong citation) to the feedback log, once per
        answer and verdict (Gradio's feedback menu can send the same choice twice)."""
        turns = list(turns or [])
        verdict = VERDICTS.get(data.liked) if isinstance(data.liked, (bool, str)) else None
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        turn = next((t for t in turns if t.get("index") == index), None)
        if verdict is None or turn is None:
            return "", turns
        if verdict not in turn.setdefault("verdicts", []):
            append_feedback(self.bot.settings.feedback_path, feedback_record(turn, verdict))
            turn["verdicts"].append(verdict)
        return f"Thanks: feedback “{verdict.replace('_', ' ')}” recorded.", turns

    def ask_api(self, question: str, history: list[str] | None = None) -> dict:
        """Answer `question` (earlier user questions in `history`) -> {"text", "refused", "citations"}."""
        try:
            answer = self.bot.ask(question, history=list(history or []))
        except AssistantError as exc:
            raise gr.Error(str(exc)) from exc
        return answer_payload(answer)

    def quotes(self, speaker: str | None = None) -> str:
        speaker = None if not speaker or speaker == "Everyone" else speaker
        return render_quotes(self.bot.quotes(speaker), self.bot.documents, open_all=bool(speaker))


def create_app(bot, examples: list[str] | None = None, pause: float = STREAM_PAUSE) -> gr.Blocks:
    """The whole interface for one shared `Assistant`; launch it with `launch(demo, ...)`."""
    chat = Chat(bot, pause=pause)
    examples = EXAMPLES if examples is None else examples
    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        gr.Markdown(f"## {TITLE}\nAsk in English or Indonesian. Every answer quotes the documents, "
                    "and every [n] opens its source.")
        with gr.Tab("Chat"):
            chatbot = gr.Chatbot(label="Conversation", height=560, elem_id="chat",
                                 feedback_options=FEEDBACK_OPTIONS, buttons=["copy"],
                                 placeholder="Ask a question about the documents, or pick an example below.")
            turns = gr.State([])
            with gr.Row():
                box = gr.Textbox(placeholder="e.g. What did Heni say about hoaxes?", show_label=False,
                                 scale=8, autofocus=True, elem_id="question", max_lines=4)
                send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
                new = gr.Button("New chat", scale=1, elem_id="new-chat")
            gr.Markdown("**Try an example** (English or Indonesian):", elem_classes=["try"])
            with gr.Row(elem_id="examples", equal_height=True):
                example_buttons = [gr.Button(q, size="sm", elem_classes=["example"]) for q in examples]
            status = gr.Markdown(elem_id="feedback-status")

            outputs = [chatbot, turns, box]
            private = {"api_visibility": "private"}
            box.submit(chat.stream, [box, chatbot, turns], outputs, **private)
            send.click(chat.stream, [box, chatbot, turns], outputs, **private)
            for button in example_buttons:
                button.click(chat.stream, [button, chatbot, turns], outputs, **private)
            new.click(chat.reset, None, outputs, **private).then(lambda: "", None, status, **private)
            chatbot.clear(chat.reset, None, outputs, **private)
            chatbot.like(chat.feedback, [turns], [status, turns], concurrency_limit=1, **private)

        with gr.Tab("Who said what"):
            speakers = ["Everyone"] + sorted({q.speaker for q in bot.quotes()})
            who = gr.Dropdown(speakers, value="Everyone", label="Person", elem_id="who")
            people = gr.HTML(chat.quotes(None), elem_id="quotes")
            who.change(chat.quotes, who, people, **private)

        gr.api(chat.ask_api, api_name="ask")
    demo.queue(default_concurrency_limit=4)  # the Assistant serialises model calls itself
    return demo


def launch(demo: gr.Blocks, **kwargs):
    """`demo.launch` with the app's CSS and script (Gradio 6 takes them at launch)."""
    kwargs.setdefault("footer_links", ["api"])
    return demo.launch(css=CSS, head=HEAD, **kwargs)


def auth_from_env() -> tuple[str, str] | None:
    user, password = os.environ.get("ASSISTANT_AUTH_USER"), os.environ.get("ASSISTANT_AUTH_PASSWORD")
    return (user, password) if user and password else None


def serve(host: str = "127.0.0.1", port: int | None = None, index_dir: str | Path | None = None,
          share: bool = False, **launch_kwargs):
    """Load (building if needed) the index and the model once, then serve the chat until interrupted."""
    from ..assistant import Assistant

    bot = Assistant(index_dir)
    bot.warm_up()
    port = port or int(os.environ.get("GRADIO_SERVER_PORT") or 7860)
    demo = create_app(bot)
    return launch(demo, server_name=host, server_port=port, share=share, auth=auth_from_env(),
                  ssr_mode=False, **launch_kwargs)


__all__ = ["create_app", "serve", "launch", "Chat", "render_answer", "render_card", "render_quotes",
           "answer_payload", "append_feedback", "feedback_record", "EXAMPLES"]
