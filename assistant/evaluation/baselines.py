"""The naive baseline every report compares against: LlamaIndex's out-of-the-box pipeline.

`VectorStoreIndex` over the raw files (no cleaning), LlamaIndex's default chunking, top-k similarity,
the same embedding model. It answers with its top passages and never refuses, as such pipelines do.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Iterable

from llama_index.core.embeddings import BaseEmbedding
from pydantic import PrivateAttr

from ..answer.extractive import citation
from ..index.embedder import Embedder
from ..schema import Answer, Document, Passage, Unit

TOP_K = 5
CITED = 3


class LlamaIndexEmbedding(BaseEmbedding):
    """Our embedder behind LlamaIndex's embedding interface (so no network model is ever built)."""

    _embedder: Any = PrivateAttr()

    def __init__(self, embedder: Embedder, **kwargs: Any):
        super().__init__(model_name="embeddinggemma-300m", **kwargs)
        self._embedder = embedder

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._embedder.embed_query(query).tolist()

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._embedder.embed_documents([text])[0].tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._embedder.embed_documents(texts).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)


class NaivePipeline:
    def __init__(self, folder: Path, embedder: Embedder):
        from llama_index.core import SimpleDirectoryReader, VectorStoreIndex

        raw = SimpleDirectoryReader(input_dir=str(folder), required_exts=[".txt", ".md"]).load_data()
        for doc in raw:
            doc.id_ = Path(doc.metadata["file_path"]).name
        self.documents = {d.id_: Document(doc_id=d.id_, text=d.text) for d in raw}
        index = VectorStoreIndex.from_documents(raw, embed_model=LlamaIndexEmbedding(embedder))
        self._retriever = index.as_retriever(similarity_top_k=TOP_K)

    def ask(self, question: str, history: Iterable[Any] | None = None) -> Answer:
        started = time.perf_counter()
        nodes = self._retriever.retrieve(question)
        passages = []
        for rank, hit in enumerate(nodes):
            node = hit.node
            doc_id = node.ref_doc_id or ""
            start = node.start_char_idx or 0
            unit = Unit(chunk_id=node.node_id, doc_id=doc_id, text=node.get_content(), start=start,
                        end=node.end_char_idx or start + len(node.get_content()), position=rank)
            passages.append(Passage(unit=unit, score=hit.score or 0.0, dense=hit.score or 0.0))
        citations = [citation(n, p) for n, p in enumerate(passages[:CITED], start=1)]
        text = "\n".join(f"{c.text} [{c.number}]" for c in citations)
        total = time.perf_counter() - started
        return Answer(question=question, text=text, citations=citations, refused=False,
                      passages=passages, timings={"total": total})
