"""The records that flow one way through the package:

Document -> Unit -> Passage (a scored unit) -> Answer(citations).

Chat, Python API and evaluation all consume the same `Answer`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Document:
    """A cleaned document: `text` is what is chunked and cited; everything else is metadata.

    `page_lines` are (kind, start, end) spans of `text` that a reader sees on a scraped page around the
    article: "date", "title", "writer", "editor" lines, and the "dateline" and "credit" paragraphs (the whole
    paragraph holding the prefix or the credit). They are cited for questions about the page only; content
    units never hold their non-article text."""

    doc_id: str
    text: str
    title: str = ""
    source: str = ""  # outlet, e.g. "jatimnow.com"
    date: str = ""  # publication date, ISO (YYYY-MM-DD) when known
    event_dates: tuple[str, ...] = ()
    byline: str = ""  # editor or credit line
    dateline: str = ""  # place the article was filed from, e.g. "Surabaya"
    content_hash: str = ""
    people: tuple[tuple[str, str], ...] = ()  # (name, role) of everyone named, found at ingest
    page_lines: tuple[tuple[str, int, int], ...] = ()  # (kind, start, end), see above; () unless a scraped page


@dataclass(frozen=True)
class Unit:
    """A citable span of one to three sentences: `doc.text[start:end] == text` always holds."""

    chunk_id: str
    doc_id: str
    text: str
    start: int
    end: int
    position: int  # order within the document
    speaker: str = ""
    role: str = ""


@dataclass(frozen=True)
class Passage:
    """A unit retrieved for a question, with its document's metadata and a fused score."""

    unit: Unit
    score: float
    title: str = ""
    source: str = ""
    date: str = ""
    dense: float = 0.0  # cosine similarity of the dense leg
    lexical: float = 0.0  # normalised BM25 score of the lexical leg
    reading: float = 0.0  # the reader's probability that this unit answers (0.0 when not read)
    # share of the question's years and asked-for speakers (those any retrieved document holds) that this
    # unit's document holds: below 1, the document is about another event than the one asked
    anchored: float = 1.0
    # the unit just before, when this one's subject is only a pronoun ("Kegiatan … itu", "Dia …"): it names
    # what the pronoun stands for, and is cited beside it
    antecedent: Unit | None = None

    @property
    def doc_id(self) -> str:
        return self.unit.doc_id

    @property
    def chunk_id(self) -> str:
        return self.unit.chunk_id

    @property
    def text(self) -> str:
        return self.unit.text


@dataclass(frozen=True)
class Citation:
    """One numbered source of an answer; `text` is exactly the cleaned document's `[start:end]`."""

    number: int
    doc_id: str
    chunk_id: str
    text: str
    start: int
    end: int
    title: str
    source: str
    date: str
    speaker: str
    role: str
    score: float


@dataclass
class Answer:
    """What `Assistant.ask` returns: text with [n] markers and the citations they point to."""

    question: str
    text: str
    citations: list[Citation] = field(default_factory=list)
    refused: bool = False
    lang: str = "en"
    timings: dict[str, float] = field(default_factory=dict)
    passages: list[Passage] = field(default_factory=list)  # what retrieval returned, best first
    reason: str = ""  # why it refused ("no_amount", "unknown", …: `answer.policy.Decision`), "" when answered

    def to_dict(self) -> dict:
        """The answer as JSON-able data (the web endpoint, feedback log and reports all use this)."""
        return {"question": self.question, "text": self.text, "refused": self.refused, "reason": self.reason,
                "lang": self.lang,
                "citations": [{**asdict(c), "score": round(float(c.score), 4)} for c in self.citations]}


@dataclass(frozen=True)
class Quote:
    """A statement attributed to a person, for `Assistant.quotes()`."""

    speaker: str
    role: str
    citation: Citation
