"""Sentence-aware chunking into citable units with exact character offsets.

A unit is one to three sentences of one paragraph of article content (never a page line, see `units`), at
most `max_chars` where the sentences allow, so a citation points at a short, quotable span and
`document.text[unit.start:unit.end] == unit.text`.

Written by hand because the offsets must be exact and Indonesian news text needs rules the generic
splitters (punkt, LlamaIndex's SentenceSplitter) get wrong: a quote closed by a comma and a reporting
verb (“…,” ujar Heni.) is one sentence; abbreviations such as "Kanwil", "dr." or "H." and dates such as
3/6/2024 never end one.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from ..config import Settings

# Abbreviations that end with a full stop without ending a sentence (compared case-insensitively).
ABBREVIATIONS = {
    "dr", "drs", "dra", "ir", "prof", "h", "hj", "kh", "st", "no", "nomor", "jl", "jln", "kec", "kab",
    "kel", "prov", "pt", "cv", "tbk", "dkk", "dll", "dsb", "dst", "tsb", "yth", "sdr", "bpk",
    "mr", "mrs", "ms", "vs", "etc", "e.g", "i.e", "a.n", "u.p", "s.h", "m.h", "s.e", "m.si", "s.kom",
    "s.sos", "m.m", "s.pd", "m.pd", "s.ip", "amd", "hlm", "tel", "telp", "fax", "rp",
}
# A sentence ends at . ! ? (plus closing quotes/brackets) followed by space and a capital, digit or quote.
# Matched only from the start of a run of stops, possessively: a run that does not end a sentence is
# skipped in one step, so a page of "....." stays linear instead of rescanning the run from every dot.
BOUNDARY = re.compile(r"(?<![.!?])[.!?]++[\"”’')\]]*+(?=\s+[\"“‘(\[]?[A-Z0-9])")
WORD_BEFORE = re.compile(r"([\w.]+)$")
# How far back from a full stop `_is_abbreviation` looks: a word longer than every abbreviation is none, so
# a longer look-back would only cost time (it used to reread the whole sentence so far at every stop).
LOOK_BACK = max(map(len, ABBREVIATIONS)) + 2


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def split_sentences(text: str, offset: int = 0) -> list[Span]:
    """Sentence spans of `text` (shifted by `offset`), whitespace excluded from every span."""
    spans: list[Span] = []
    start = 0
    for match in BOUNDARY.finditer(text):
        if _is_abbreviation(text[max(start, match.start() - LOOK_BACK):match.start() + 1]):
            continue
        spans.append(Span(start, match.end()))
        start = match.end()
    spans.append(Span(start, len(text)))
    out = []
    for span in spans:
        chunk = text[span.start:span.end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if chunk.strip():
            out.append(Span(offset + span.start + lead, offset + span.end - trail))
    return out


def _is_abbreviation(before_stop: str) -> bool:
    """True when the full stop just after `before_stop` belongs to an abbreviation or an initial."""
    if not before_stop.endswith("."):
        return False
    match = WORD_BEFORE.search(before_stop[:-1])
    if not match:
        return False
    word = match.group(1).lower()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def paragraphs(text: str) -> list[Span]:
    """Paragraph spans: blocks separated by blank lines."""
    spans, start = [], 0
    for match in re.finditer(r"\n\s*\n", text):
        if text[start:match.start()].strip():
            spans.append(Span(start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append(Span(start, len(text.rstrip())))
    return spans


def paragraph_sentences(text: str, blocks: list[Span] | None = None) -> list[list[Span]]:
    """The sentences of each paragraph (or of each span of `blocks`, such as a document's article content
    without its page lines), in order: each is split once, so the whole is linear."""
    return [split_sentences(text[p.start:p.end], p.start) for p in (paragraphs(text) if blocks is None else blocks)]


def sentences(text: str) -> list[Span]:
    """Every sentence of a document, in order, never crossing a paragraph."""
    return [s for paragraph in paragraph_sentences(text) for s in paragraph]


def group_sentences(spans: list[Span], max_chars: int, max_sentences: int) -> list[list[Span]]:
    """Greedy groups of consecutive sentences of one paragraph within the size limits."""
    groups: list[list[Span]] = []
    for span in spans:
        if groups:
            current = groups[-1]
            fits = len(current) < max_sentences and span.end - current[0].start <= max_chars
            if fits:
                current.append(span)
                continue
        groups.append([span])
    return groups


def unit_spans(text: str, max_chars: int = Settings.max_unit_chars,
               max_sentences: int = Settings.max_unit_sentences) -> list[Span]:
    """The citable units of a document, as spans of its text."""
    return [Span(group[0].start, group[-1].end) for spans in paragraph_sentences(text)
            for group in group_sentences(spans, max_chars, max_sentences)]


def chunk_id(doc_id: str, text: str, seen: dict[str, int]) -> str:
    """A stable id from the document id and the unit's own text (numbered when a text repeats)."""
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    seen[digest] = seen.get(digest, 0) + 1
    suffix = f"-{seen[digest]}" if seen[digest] > 1 else ""
    return f"{doc_id}#{digest}{suffix}"
