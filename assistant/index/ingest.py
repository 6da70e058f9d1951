"""Ingest: documents on disk -> a new finished version of the index, re-embedding only what changed.

The index mirrors the paths given: documents whose content hash is unchanged keep their stored vectors
(copied into the new version), new or edited ones are embedded, and documents no longer present are left
out. Nothing is switched until the new version is complete (see `store`), so an interrupted or failed
ingest leaves the previous index answering.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from tqdm import tqdm

from ..config import Settings
from ..documents.readers import read_documents
from ..errors import IndexError_
from .model import Embedder
from ..schema import Document, Unit
from .store import Store, doc_metadata, unit_metadata
from ..documents.units import embedding_text, make_units

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    version: str | None = None
    added: list[str] = field(default_factory=list)  # new or edited documents (embedded)
    kept: list[str] = field(default_factory=list)  # unchanged documents (vectors reused)
    resumed: int = 0  # units whose vectors an interrupted ingest had already computed
    removed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    units: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)

    def summary(self) -> str:
        head = (f"index version {self.version}: {self.units} units" if self.version else "index unchanged")
        resumed = f" ({self.resumed} units resumed from an interrupted ingest)" if self.resumed else ""
        return (f"{head}; {len(self.added)} documents embedded{resumed}, {len(self.kept)} unchanged, "
                f"{len(self.removed)} removed, {len(self.problems)} skipped ({self.seconds:.1f}s)")


def current_hashes(store: Store) -> dict[str, str]:
    """doc_id -> content hash of the active version (empty when there is none)."""
    version = store.active()
    if not version:
        return {}
    docs = store.client.get_collection(store.docs_name(version)).get(include=["metadatas"])
    return {i: m.get("content_hash", "") for i, m in zip(docs["ids"], docs["metadatas"])}


def open_for_ingest(settings: Settings, rebuild: bool) -> Store:
    """The store to write into. A damaged embedded index that cannot even be opened is moved aside
    (never deleted) when rebuilding; otherwise the error says to rebuild."""
    try:
        return Store(settings, create=True)
    except IndexError_:
        path = Path(settings.index_dir)
        if not rebuild or settings.chroma_host:
            raise
        aside = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
        path.rename(aside)
        log.warning("moved the damaged index to %s and started a new one", aside)
        forget_clients()
        return Store(settings, create=True)


def forget_clients() -> None:
    """Chroma caches one client per path, a failed one included; drop them so the path opens afresh."""
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()


def chunking_of(settings: Settings) -> str:
    """The chunking a version was built with; a version built otherwise is re-chunked in full."""
    return f"{settings.max_unit_chars}/{settings.max_unit_sentences}"


def ingest(paths: Iterable[Path], settings: Settings, embedder_factory: Callable[[], Embedder],
           rebuild: bool = False, progress: bool = True) -> IngestReport:
    """Bring the index in `settings` in line with the documents under `paths`.

    `embedder_factory` is only called when something needs embedding, so a no-op ingest stays fast.
    """
    started = time.perf_counter()
    read = read_documents([Path(p) for p in paths])
    report = IngestReport(problems=read.problems)
    if not read.documents:
        raise IndexError_("no readable documents under " + ", ".join(map(str, paths))
                          + "; nothing was changed. Add .txt, .md or .jsonl files.")
    store = open_for_ingest(settings, rebuild)
    stored = current_hashes(store)
    same_chunking = store.chunking() == chunking_of(settings)
    old = stored if same_chunking and not rebuild else {}
    fresh = [d for d in read.documents if old.get(d.doc_id) != d.content_hash]
    report.kept = [d.doc_id for d in read.documents if old.get(d.doc_id) == d.content_hash]
    report.added = [d.doc_id for d in fresh]
    report.removed = sorted(set(stored) - {d.doc_id for d in read.documents})
    if not report.changed and store.active() and not rebuild:
        store.drop_inactive()  # leftovers of an interrupted ingest
        report.seconds = time.perf_counter() - started
        return report
    done_before = store.leftover_vectors()
    report.version = f"v{time.time_ns()}"
    units_col, docs_col = store.create_version(report.version)
    report.units += copy_units(store, units_col, set(report.kept))
    embedded, report.resumed = embed_units(units_col, fresh, settings, embedder_factory, progress, done_before)
    report.units += embedded
    for batch in batched(read.documents, 500):
        docs_col.add(ids=[d.doc_id for d in batch], documents=[d.text for d in batch],
                     metadatas=[doc_metadata(d) for d in batch], embeddings=[[0.0]] * len(batch))
    store.activate(report.version, chunking_of(settings))
    report.seconds = time.perf_counter() - started
    return report


def copy_units(store: Store, units_col, doc_ids: set[str]) -> int:
    """Copy the stored units (and vectors) of unchanged documents into the new version."""
    version = store.active()
    if not version or not doc_ids:
        return 0
    raw = store.raw_units(version)
    keep = [i for i, m in enumerate(raw["metadatas"]) if m["doc_id"] in doc_ids]
    for batch in batched(keep, 2000):
        units_col.add(ids=[raw["ids"][i] for i in batch], documents=[raw["documents"][i] for i in batch],
                      metadatas=[raw["metadatas"][i] for i in batch],
                      embeddings=[raw["embeddings"][i] for i in batch])
    return len(keep)


def embed_units(units_col, documents: list[Document], settings: Settings,
                embedder_factory: Callable[[], Embedder], progress: bool,
                done_before: dict[tuple[str, str], list[float]]) -> tuple[int, int]:
    """Chunk, attribute and embed new documents, writing them through LlamaIndex's ChromaVectorStore.

    Units an interrupted ingest already embedded (`done_before`) keep their vectors; the embedder is only
    built when something is left to embed. Returns (units written, units resumed)."""
    from llama_index.vector_stores.chroma import ChromaVectorStore

    vector_store = ChromaVectorStore(chroma_collection=units_col)
    pending: list[tuple[Unit, Document]] = [
        (u, d) for d in documents for u in make_units(d, settings.max_unit_chars, settings.max_unit_sentences)]
    resumed = [(u, d) for u, d in pending if (u.chunk_id, d.content_hash) in done_before]
    todo = [(u, d) for u, d in pending if (u.chunk_id, d.content_hash) not in done_before]
    for batch in batched(resumed, 500):
        vector_store.add([node(u, d, done_before[(u.chunk_id, d.content_hash)]) for u, d in batch])
    if todo:
        embedder = embedder_factory()
        bar = tqdm(total=len(todo), desc="Embedding passages", unit="passage", disable=not progress)
        for batch in batched(todo, max(settings.embed_batch_size * 4, 16)):
            vectors = embedder.embed_documents([embedding_text(u) for u, _ in batch],
                                               titles=[d.title or "none" for _, d in batch])
            vector_store.add([node(u, d, v.tolist()) for (u, d), v in zip(batch, vectors)])
            bar.update(len(batch))
        bar.close()
    return len(pending), len(resumed)


def node(unit: Unit, doc: Document, vector: list[float]):
    """A LlamaIndex TextNode for a unit; the SOURCE relationship is what it stores as `doc_id`."""
    from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

    keys = list(unit_metadata(unit, ""))
    return TextNode(id_=unit.chunk_id, text=unit.text, embedding=vector,
                    metadata=unit_metadata(unit, doc.content_hash),
                    relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=unit.doc_id)},
                    excluded_embed_metadata_keys=keys, excluded_llm_metadata_keys=keys)


def batched(items: list, size: int) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
