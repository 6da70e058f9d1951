"""Fusion and ranking logic, with hand-computed values and a fake embedder that still separates texts."""

from __future__ import annotations


import numpy as np
import pytest

from assistant.config import Settings
from assistant.retrieval.lexical import LexicalIndex, tokenize
from assistant.retrieval.retriever import RRF_K, Retriever, rrf, weighted_fusion
from assistant.schema import Document
from assistant.index.store import Snapshot
from assistant.documents.units import embedding_text, make_units


def test_rrf_constant_is_sixty():
    assert RRF_K == 60.0


def test_rrf_sums_reciprocal_ranks_counted_from_one():
    fused = rrf([["a", "b", "c"], ["b", "a"]])
    assert fused["a"] == pytest.approx(1 / 61 + 1 / 62)
    assert fused["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert fused["c"] == pytest.approx(1 / 63)


def test_rrf_ranks_an_item_in_both_lists_above_one_in_a_single_list():
    fused = rrf([["x", "y"], ["z", "y"]])
    assert max(fused, key=fused.get) == "y"
    assert fused["x"] == pytest.approx(1 / 61) and fused["y"] == pytest.approx(2 / 62)


def test_rrf_takes_another_k():
    assert rrf([["a"]], k=1.0) == {"a": 0.5}


def test_rrf_of_nothing_is_empty():
    assert rrf([[], []]) == {}


def test_weighted_fusion_adds_weighted_normalised_bm25_to_cosine():
    fused = weighted_fusion({"a": 0.8, "b": 0.5}, {"b": 4.0, "c": 2.0}, weight=0.5, floor=0.1)
    assert fused == pytest.approx({"a": 0.8, "b": 1.0, "c": 0.35})


def test_weighted_fusion_without_lexical_hits_keeps_cosines():
    assert weighted_fusion({"a": 0.8, "b": 0.5}, {}, weight=0.5, floor=0.0) == {"a": 0.8, "b": 0.5}


def test_weighted_fusion_with_zero_weight_ignores_bm25():
    fused = weighted_fusion({"a": 0.3}, {"a": 9.0, "b": 1.0}, weight=0.0, floor=0.2)
    assert fused == pytest.approx({"a": 0.3, "b": 0.2})


def test_lexical_leg_matches_inflected_indonesian_words():
    scores = LexicalIndex(["Hoaks menyebar lebih cepat.", "Pasar ikan ramai."]).scores("menyebarkan")
    assert scores[0] > 0 and scores[1] == 0


def test_lexical_tokens_drop_stop_words_and_keep_hashtags():
    assert tokenize("Kami pakai tagar #growtogether dan yang lain") == ["pakai", "tagar", "#growtogether"]


class InMemorySnapshot(Snapshot):
    """A snapshot whose dense leg is exact cosine search over the fake embedder's vectors."""

    def __init__(self, documents: list[Document], embedder, settings: Settings):
        units = [u for d in documents for u in make_units(d, settings.max_unit_chars, settings.max_unit_sentences)]
        super().__init__("v-test", units, {d.doc_id: d for d in documents}, collection=None)
        self._vectors = embedder.embed_documents([embedding_text(u) for u in units])

    def dense_search(self, embedding: np.ndarray, n: int, speakers: tuple[str, ...] = ()) -> list[tuple[str, float]]:
        cosines = self._vectors @ embedding
        allowed = [i for i in np.argsort(-cosines) if not speakers or self.units[i].speaker in speakers]
        return [(self.units[i].chunk_id, float(cosines[i])) for i in allowed[:n]]


DOCS = [
    Document("pasar.md", "Pasar ikan di Surabaya ramai pembeli.\n\nHarga beras naik tajam minggu ini.",
             title="Pasar Surabaya", source="x.com", date="2024-01-02"),
    Document("hoaks.md", "“Hoaks menyebar lebih cepat dari kebenaran,” ujar Budi Santoso.\n\n"
             "Hoaks menyebar lebih cepat dari kebenaran, menurut survei.", title="Hoaks", source="y.com"),
]


@pytest.fixture
def retriever(fake_embedder) -> Retriever:
    settings = Settings()
    return Retriever(InMemorySnapshot(DOCS, fake_embedder, settings), fake_embedder, settings)


def test_fake_embedder_separates_texts(fake_embedder):
    a, b, c = fake_embedder.embed_documents(["pasar ikan ramai", "pasar ikan sepi", "hoaks menyebar"])
    assert a @ b > 0.5 and a @ c == 0 and a @ a == pytest.approx(1.0)


def test_passages_come_best_first_and_at_most_k(retriever):
    passages = retriever.retrieve("pasar ikan ramai", k=2)
    assert len(passages) == 2
    assert passages[0].text == "Pasar ikan di Surabaya ramai pembeli."
    assert passages[0].score >= passages[1].score


def test_passage_carries_its_documents_metadata(retriever):
    top = retriever.retrieve("harga beras naik", k=1)[0]
    assert (top.doc_id, top.title, top.source, top.date) == ("pasar.md", "Pasar Surabaya", "x.com", "2024-01-02")


def test_passage_keeps_both_legs_scores(fake_embedder):
    settings = Settings(lexical_weight_same_lang=0.3, lexical_weight_cross_lang=0.3)
    retriever = Retriever(InMemorySnapshot(DOCS, fake_embedder, settings), fake_embedder, settings)
    top = retriever.retrieve("pasar ikan ramai", k=1)[0]
    assert 0 < top.dense <= 1 and top.lexical == pytest.approx(1.0)


def test_hybrid_with_zero_lexical_weight_never_builds_the_bm25_index(fake_embedder):
    settings = Settings(lexical_weight_same_lang=0.0, lexical_weight_cross_lang=0.0)
    retriever = Retriever(InMemorySnapshot(DOCS, fake_embedder, settings), fake_embedder, settings)
    retriever.retrieve("pasar ikan ramai", k=1)
    assert "lexical" not in retriever.__dict__


def test_speaker_boost_is_added_to_what_the_named_speaker_said_only(retriever):
    plain = {p.chunk_id: p.score for p in retriever.retrieve("hoaks menyebar cepat", k=4)}
    steered = {p.chunk_id: p for p in retriever.retrieve("hoaks menyebar cepat", k=4, speakers=("Budi Santoso",))}
    lift = {i: steered[i].score - plain[i] for i in plain}
    said = {i for i, p in steered.items() if p.unit.speaker == "Budi Santoso"}
    assert said and all(lift[i] == pytest.approx(Settings().speaker_boost) for i in said)
    assert all(lift[i] == pytest.approx(0.0) for i in set(plain) - said)


# Distinct weights, so that swapping the two cases is seen (the defaults are both 0).
WEIGHTS = Settings(lexical_weight_same_lang=0.3, lexical_weight_cross_lang=0.05)


@pytest.fixture
def weighted(fake_embedder) -> Retriever:
    return Retriever(InMemorySnapshot(DOCS, fake_embedder, WEIGHTS), fake_embedder, WEIGHTS)


def test_same_language_question_gets_the_same_language_lexical_weight(weighted):
    assert weighted.corpus_lang == "id"
    assert weighted.lexical_weight("Apa kata Budi tentang hoaks?") == 0.3


def test_cross_language_question_gets_the_cross_language_lexical_weight(weighted):
    assert weighted.lexical_weight("What did Budi say about hoaxes?") == 0.05


def test_hybrid_score_is_cosine_plus_weighted_bm25(retriever):
    question = "Apa harga beras di pasar?"
    top = retriever.retrieve(question, k=1)[0]
    assert top.score == pytest.approx(top.dense + retriever.lexical_weight(question) * top.lexical)


def test_dense_mode_scores_are_cosines(retriever):
    retriever.mode = "dense"
    top = retriever.retrieve("pasar ikan ramai", k=1)[0]
    assert top.score == pytest.approx(top.dense)


def test_bm25_mode_returns_only_units_sharing_a_word(retriever):
    retriever.mode = "bm25"
    passages = retriever.retrieve("beras", k=5)
    assert [p.text for p in passages] == ["Harga beras naik tajam minggu ini."]


def test_rrf_mode_scores_are_reciprocal_rank_sums(retriever):
    retriever.mode = "rrf"
    top = retriever.retrieve("pasar ikan ramai", k=1)[0]
    assert top.score == pytest.approx(2 / (RRF_K + 1))  # first in both legs


def test_weighted_fusion_keeps_the_dense_order_for_ties():
    fused = weighted_fusion({"b": 0.5, "a": 0.5}, {"c": 1.0}, weight=0.0, floor=0.1)
    assert list(fused) == ["b", "a", "c"]
