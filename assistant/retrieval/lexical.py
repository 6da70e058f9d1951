"""The lexical leg: BM25 (bm25s) over Indonesian-stemmed, stop-word-filtered tokens.

PySastrawi stems Indonesian words ("menyebarkan" -> "sebar"), so an Indonesian question matches
inflected forms; stems are cached because Sastrawi is slow per word and vocabularies repeat.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import numpy as np

from ..language import ENGLISH

TOKEN = re.compile(r"#?\w+", re.UNICODE)


@cache
def _stemmer():
    """Sastrawi's stemmer, built on first use: building it loads a dictionary (~0.2 s), and BM25 is off by
    default, so most processes never need it."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@cache
def stopwords() -> frozenset[str]:
    """Sastrawi's Indonesian stop words, our English function words, and the -nya clitic."""
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    return frozenset(StopWordRemoverFactory().get_stop_words()) | ENGLISH | {"nya"}


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Indonesian stem of an alphabetic word ("menyebarkan" -> "sebar"); other tokens unchanged."""
    return _stemmer().stem(word) or word if word.isalpha() else word


def tokenize(text: str) -> list[str]:
    """Lower-cased, stop words dropped, stemmed. Hashtags keep their '#'; numbers stay as they are."""
    tokens = []
    for raw in TOKEN.findall(text.lower()):
        word = raw.replace("_", "")
        if not word or word in stopwords():
            continue
        tokens.append(stem(word))
    return tokens


class LexicalIndex:
    """BM25 scores of every unit for a query, in the order the units were given."""

    def __init__(self, texts: list[str]):
        import bm25s  # here, not at module level: BM25 is off by default and bm25s pulls in scipy

        self.size = len(texts)
        self._bm25 = bm25s.BM25()
        corpus = [tokenize(t) or ["\u2205"] for t in texts]
        self._bm25.index(corpus, show_progress=False)
        self._vocab = self._bm25.vocab_dict

    def scores(self, query: str) -> np.ndarray:
        tokens = [t for t in tokenize(query) if t in self._vocab]
        if not tokens or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)
