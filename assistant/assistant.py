"""`Assistant`: the one object the web chat, the CLI and the evaluation use.

    bot = Assistant()                      # index/ and seeds/ of the checkout; builds the index if needed
    bot = Assistant(index_dir="some/dir")  # an index built by `assistant ingest PATH... --index some/dir`
    answer = bot.ask("What did Heni say about hoaxes?", history=["Who is Heni Yuwono?"])

A question flows one way: understand (follow-ups, speaker asked for, answer type) -> retrieve -> answer
(the answerer, within the refusal policy of `answer.policy`).
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable

from .answer.conversation import needs_reply, user_questions
from .answer.extractive import ExtractiveAnswerer, citation
from .answer.page import answer_from_page
from .answer.policy import Answerer, other_documents
from .answer.understanding import Understanding, check_question, the_event_only, topics, understand
from .answer.unstated import elsewhere, unstated
from .config import Settings, load_settings
from .documents.people import people_in
from .index.embedder import Embedder, load_embedder
from .index.live import LiveIndex
from .index.store import check_family
from .reading.lexicon import with_related, words
from .reading.reader import Reader, layout
from .retrieval.retriever import Mode, Retriever
from .schema import Answer, Document, Passage, Quote

PROPER = re.compile(r"(?:(?<=\w )|(?<=, ))[A-Z][\w-]*")  # capitalised within a sentence, not opening one
# An event's name: capitalised words with a year inside or after them ("Kumham PR Summit 2022 East Java
# Region", "Kumham PR Bootcamp East Java Region 2024").
EVENT = re.compile(r"(?:[A-Z][\w-]*\s+){1,6}(?:19|20)\d\d(?:\s+[A-Z][\w-]*){0,4}")


def event_names(documents: Iterable[Document]) -> list[set[str]]:
    """Per titled article, the lower-cased words of its events' names (`EVENT`): "kumham", "pr", "summit", …
    Untitled passages (a benchmark's paragraphs) name no event of their own."""
    return [{w.lower() for m in EVENT.findall(d.text) for w in re.findall(r"[A-Za-z][\w-]*", m)}
            for d in documents if d.title]


def event_words(documents: Iterable[Document]) -> frozenset[str]:
    """The words that tell the titled articles' events apart: the words of their events' names (`event_names`)
    that some article's names lack ("summit", "bootcamp"; not "kumham" or "region", which every event here
    has). A question using one ("Where was the bootcamp held?") is about the articles that hold it."""
    names = [{w for w in words if len(w) > 2} for words in event_names(documents)]
    return frozenset(set().union(*names) - set.intersection(*names)) if len(names) > 1 else frozenset()


class Assistant:
    """Answers questions over one index, with citations. Safe to share between threads."""

    def __init__(self, index_dir: str | Path | None = None, *, settings: Settings | None = None,
                 embedder: Embedder | None = None, mode: Mode = "hybrid", build: bool | None = None,
                 progress: bool = True, answerer: Answerer | None = None):
        """`build` (default: only when using the checkout's own index/) ingests `seeds_dir` first when the
        index is missing or older than the seeds."""
        self.settings = settings or load_settings(index_dir=index_dir)
        if build is None:
            build = index_dir is None and settings is None
        self._embedder = embedder
        self._lock = threading.Lock()
        self.answerer = answerer or ExtractiveAnswerer(self.settings)
        self.ingest_report = None
        if build:
            from .index.ingest import ingest

            self.ingest_report = ingest([self.settings.seeds_dir], self.settings, lambda: self.embedder,
                                        progress=progress, sync=True)
        self.live = LiveIndex(self.settings)
        self.snapshot = self.live.current()
        check_family(self.live.store.family(), getattr(self.embedder, "family", ""))
        self.retriever = Retriever(self.snapshot, self.embedder, self.settings, mode)
        self.reader = Reader(self.settings.read_candidates, margin=self.settings.reading_margin) \
            if self.settings.reading and mode == "hybrid" else None
        self._index_people()

    @property
    def embedder(self) -> Embedder:
        """The embedding model, loaded on first use and then shared."""
        if self._embedder is None:
            self._embedder = load_embedder(self.settings, purpose="query")
        return self._embedder

    def _refresh(self) -> None:
        """Switch to the newest finished version once an ingest (in any process) activated it, so a running
        server answers from new documents without a restart. Call holding `self._lock`."""
        snapshot = self.live.current()
        if snapshot is not self.snapshot:
            self.snapshot = snapshot
            self.retriever = Retriever(snapshot, self.embedder, self.settings, self.retriever.mode)
            self._index_people()

    def _index_people(self) -> None:
        """Everyone the documents name (stored at ingest), speakers or not: "never spoke" is not "unknown"."""
        self.speakers = sorted({u.speaker for u in self.snapshot.units if u.speaker})
        mentioned = {name for d in self.snapshot.documents.values() for name, _ in d.people}
        self.people = sorted(mentioned | set(self.speakers))
        # name -> role as the documents give it, by which a question may describe someone
        self.roles = {name: role for d in self.snapshot.documents.values() for name, role in d.people}
        # the words the documents capitalise within a sentence (names of events, places, institutions)
        self._proper = frozenset(w.lower() for d in self.snapshot.documents.values()
                                 for w in PROPER.findall(d.text))
        self._events = event_words(self.snapshot.documents.values())
        # every word of an event's name: "kumham", "pr", "summit", …
        self._event_names = frozenset(set().union(*event_names(self.snapshot.documents.values())))
        self._corpus_text = " ".join(d.text for d in self.snapshot.documents.values()).lower()
        # every word a unit or a page line holds: what a question may ask about without being unstated
        # ("berita barometerbali itu tanggal berapa": the outlet is named only by the page's lines; "kamis" only
        # by the 2022 page's photo caption)
        pages = " ".join([*(f"{d.title} {d.source} {d.byline} {d.dateline}" for d in self.snapshot.documents.values()),
                          *(d.text[s:e] for d in self.snapshot.documents.values() for kind, s, e in d.page_lines
                            if kind == "caption")])
        self._vocabulary = frozenset(layout(self.snapshot).df) | frozenset(words(pages))
        # each titled article's words, page lines included: what a question about its event may ask about
        self._article_words = {d.doc_id: frozenset(words(d.text)) for d in self.snapshot.documents.values() if d.title}

    @property
    def documents(self) -> dict[str, Document]:
        return self.snapshot.documents

    def check_question(self, question: object) -> str:
        """The question, stripped; a clear error for empty, oversized or invalid input (see
        `answer.understanding.check_question`)."""
        return check_question(question, self.settings.max_question_chars)

    def warm_up(self) -> None:
        """Run one search, so that the first person to ask does not wait for the model's and Chroma's
        one-time start-up work (measured: first ask 0.28 s without, 0.23 s with)."""
        self.retrieve("warm up", k=1)

    def retrieve(self, question: str, k: int = 10) -> list[Passage]:
        """Passages for a question, best first (no follow-up handling, no refusal)."""
        question = self.check_question(question)
        with self._lock:
            self._refresh()
            return self.retriever.retrieve(question, k=k)

    def understand(self, question: str, history: Iterable[Any] | None = None) -> Understanding:
        """What the question asks, in the context of `history` and of the people the documents name."""
        question = self.check_question(question)
        history = self._with_reply(question, history)
        with self._lock:
            self._refresh()
            return self._understand(question, history)

    def _with_reply(self, question: str, history: Iterable[Any] | None) -> Iterable[Any] | None:
        """`history` with the answer to its newest question when only that answer can say whom `question`
        points back to (`needs_reply`): "Lalu dia bekerja di mana?" after "Siapa yang membuka bootcamp
        2024?" is about Heni Yuwono because the answer quoted her. Asked before taking the lock."""
        if not needs_reply(question, history, self.people):
            return history
        earlier = user_questions(history)
        reply = self.ask(earlier[-1], history=earlier[:-1])
        return [*earlier[:-1], (earlier[-1], reply.text)]

    def _understand(self, question: str, history: Iterable[Any] | None) -> Understanding:
        """`understand` on a checked question, against the snapshot in use (call holding `self._lock`)."""
        return understand(question, history, self.people, self._corpus_text, self.retriever.corpus_lang,
                          self.roles, self._proper, self._events)

    def ask(self, question: str, history: Iterable[Any] | None = None) -> Answer:
        """Answer with [n]-marked quotations, or refuse; `history` holds earlier questions (and replies).

        The index version is checked once, and the question understood and searched against that one."""
        started = time.perf_counter()
        question = self.check_question(question)
        history = self._with_reply(question, history)
        with self._lock:
            self._refresh()
            snapshot = self.snapshot
            understood = self._understand(question, history)
            understood_at = time.perf_counter()
            ask = understood.ask
            k = self.settings.read_context if self.reader else self.settings.top_k
            passages = self.retriever.retrieve(understood.query, k=k, speakers=understood.steer)
            if understood.other:  # "What about the other event?": not the documents the earlier one was about
                understood, passages = other_documents(understood, passages,
                                                       self.retriever.retrieve(understood.other, k=1), self.settings)
            if ask and ask.topic and the_event_only(ask.topic, understood.events, self._event_names):
                understood = replace(understood, event_topic=True)
            elif ask and ask.people and ask.topic and self.retriever.mode != "bm25":
                share = min(self.retriever.topic_share(with_related(t), ask.people) for t in topics(ask.topic))
                understood = replace(understood, topic_share=share)
        retrieved = time.perf_counter()
        if self.reader:
            passages = self.reader.read(understood, passages, snapshot)
            understood = replace(understood, unstated=tuple(unstated(understood, self._vocabulary)))
            understood = replace(understood, elsewhere=tuple(elsewhere(understood, passages, self._article_words)))
        read = time.perf_counter()
        if understood.page:  # asked about the page (editor, outlet, …): answer from its page lines
            passages = answer_from_page(understood.page, understood.question, understood.compares, passages,
                                        snapshot.documents)
        answer = self.answerer.answer(understood, passages)
        done = time.perf_counter()
        answer.timings = {"understand": understood_at - started, "retrieve": retrieved - understood_at,
                          "read": read - retrieved, "answer": done - read, "total": done - started}
        return answer

    def quotes(self, speaker: str | None = None) -> list[Quote]:
        """Who said what, in document order; `speaker` narrows to one person (any part of the name)."""
        with self._lock:
            self._refresh()
            snapshot = self.snapshot
        wanted = set(people_in(speaker, self.speakers)) if speaker else set(self.speakers)
        out = []
        for unit in snapshot.units:
            if unit.speaker and unit.speaker in wanted:
                doc = snapshot.documents.get(unit.doc_id)
                passage = Passage(unit=unit, score=1.0, title=doc.title if doc else "",
                                  source=doc.source if doc else "", date=doc.date if doc else "")
                out.append(Quote(speaker=unit.speaker, role=unit.role, citation=citation(len(out) + 1, passage)))
        return out


__all__ = ["Assistant"]
