"""The index: Chroma, through LlamaIndex's ChromaVectorStore, embedded on disk or on a server.

One code path serves both: an embedded `PersistentClient` in `index_dir`, or an `HttpClient` when
`chroma_host` is set. Each ingest writes a complete new *version* (a units collection and a documents
collection) and only then switches a pointer kept in the metadata of a small `<name>-meta` collection.
A reader always sees the last finished version, so an interrupted ingest leaves the previous index
answering; leftovers of an unfinished version are removed by the next ingest.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..config import Settings
from ..errors import IndexError_
from ..schema import Document, Unit

HNSW = {"hnsw": {"space": "cosine", "ef_construction": 200, "ef_search": 200}}
REBUILD_HINT = "rebuild it with `assistant ingest --rebuild` (or delete the folder)"


def open_client(settings: Settings, create: bool = False):
    """A Chroma client for the configured store; telemetry off (no network here)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
    if settings.chroma_host:
        try:
            return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port,
                                       settings=chroma_settings)
        except Exception as exc:
            raise IndexError_(f"cannot reach the Chroma server at {settings.chroma_host}:"
                              f"{settings.chroma_port} ({exc}); start it or unset ASSISTANT_CHROMA_HOST.") from exc
    path = Path(settings.index_dir)
    if not create and not (path / "chroma.sqlite3").exists():
        raise IndexError_(f"no index in {path}: build it with `assistant ingest seeds/ --index {path}`.")
    path.mkdir(parents=True, exist_ok=True)
    try:
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    except Exception as exc:
        raise IndexError_(f"the index in {path} is damaged ({exc}); {REBUILD_HINT}.") from exc


def cosine_from_llamaindex(similarity: float) -> float:
    """LlamaIndex's Chroma store reports exp(-distance); with cosine space distance = 1 - cos."""
    return 1.0 + math.log(max(similarity, 1e-12))


def unit_metadata(unit: Unit, content_hash: str) -> dict:
    return {"doc_id": unit.doc_id, "start": unit.start, "end": unit.end, "position": unit.position,
            "speaker": unit.speaker, "role": unit.role, "doc_hash": content_hash}


def doc_metadata(doc: Document) -> dict:
    return {"title": doc.title, "source": doc.source, "date": doc.date, "byline": doc.byline,
            "dateline": doc.dateline, "event_dates": ",".join(doc.event_dates),
            "content_hash": doc.content_hash}


def doc_from_record(doc_id: str, text: str, meta: dict) -> Document:
    events = tuple(e for e in (meta.get("event_dates") or "").split(",") if e)
    return Document(doc_id=doc_id, text=text, title=meta.get("title", ""), source=meta.get("source", ""),
                    date=meta.get("date", ""), event_dates=events, byline=meta.get("byline", ""),
                    dateline=meta.get("dateline", ""), content_hash=meta.get("content_hash", ""))


def unit_from_record(chunk_id: str, text: str, meta: dict) -> Unit:
    return Unit(chunk_id=chunk_id, doc_id=meta["doc_id"], text=text, start=int(meta["start"]),
                end=int(meta["end"]), position=int(meta["position"]), speaker=meta.get("speaker", ""),
                role=meta.get("role", ""))


@dataclass
class Snapshot:
    """Everything a reader needs from one finished version: the units, the documents, dense search."""

    version: str
    units: list[Unit]
    documents: dict[str, Document]
    vector_store: object  # llama_index ChromaVectorStore over the units collection

    def dense_search(self, embedding: np.ndarray, n: int, speakers: tuple[str, ...] = ()) -> list[tuple[str, float]]:
        """(chunk_id, cosine similarity) of the `n` nearest units, best first; `speakers` restricts the
        search to units attributed to them (a metadata filter inside Chroma)."""
        from llama_index.core.vector_stores.types import (FilterOperator, MetadataFilter, MetadataFilters,
                                                          VectorStoreQuery)

        n = min(n, len(self.units))
        if n == 0:
            return []
        filters = None
        if speakers:
            filters = MetadataFilters(filters=[MetadataFilter(key="speaker", value=list(speakers),
                                                              operator=FilterOperator.IN)])
        query = VectorStoreQuery(query_embedding=embedding.tolist(), similarity_top_k=n, filters=filters)
        result = self.vector_store.query(query)
        return [(i, cosine_from_llamaindex(s)) for i, s in zip(result.ids, result.similarities)]


class Store:
    """Versions of the index inside one Chroma database, and the pointer to the active one."""

    def __init__(self, settings: Settings, create: bool = False):
        self.settings = settings
        self.name = settings.collection
        self.client = open_client(settings, create=create)
        try:
            self.meta = self.client.get_or_create_collection(f"{self.name}-meta", embedding_function=None)
        except Exception as exc:
            raise IndexError_(f"the index in {settings.index_dir} is damaged ({exc}); {REBUILD_HINT}.") from exc

    def active(self) -> str | None:
        return (self.meta.metadata or {}).get("active") or None

    def chunking(self) -> str:
        """The chunking settings the active version was built with ("" when unknown)."""
        return (self.meta.metadata or {}).get("chunking") or ""

    def units_name(self, version: str) -> str:
        return f"{self.name}-{version}-units"

    def docs_name(self, version: str) -> str:
        return f"{self.name}-{version}-docs"

    def create_version(self, version: str):
        """Fresh, empty collections for a new version: (units, docs)."""
        for name in (self.units_name(version), self.docs_name(version)):
            self._drop(name)
        units = self.client.create_collection(self.units_name(version), embedding_function=None,
                                              configuration=HNSW)
        docs = self.client.create_collection(self.docs_name(version), embedding_function=None)
        return units, docs

    def activate(self, version: str, chunking: str) -> None:
        """Point readers at `version` (one metadata write), then drop every other version."""
        self.meta.modify(metadata={"active": version, "chunking": chunking})
        self.drop_inactive()

    def drop_inactive(self) -> None:
        active = self.active()
        keep = {f"{self.name}-meta"} | ({self.units_name(active), self.docs_name(active)} if active else set())
        for collection in self.client.list_collections():
            name = collection if isinstance(collection, str) else collection.name
            if name.startswith(f"{self.name}-") and name not in keep:
                self._drop(name)

    def leftover_vectors(self) -> dict[tuple[str, str], list[float]]:
        """Vectors already embedded by unfinished ingests, keyed by (chunk id, document hash).

        An interrupted ingest leaves its half-written version behind; the next ingest reuses those
        vectors instead of embedding the same units again, so a long ingest resumes where it stopped."""
        active = self.active()
        found: dict[tuple[str, str], list[float]] = {}
        for collection in self.client.list_collections():
            name = collection if isinstance(collection, str) else collection.name
            if not name.startswith(f"{self.name}-") or not name.endswith("-units"):
                continue
            if active and name == self.units_name(active):
                continue
            raw = self.client.get_collection(name).get(include=["embeddings", "metadatas"])
            for chunk_id, vector, meta in zip(raw["ids"], raw["embeddings"], raw["metadatas"]):
                found[(chunk_id, meta.get("doc_hash", ""))] = vector
        return found

    def _drop(self, name: str) -> None:
        try:
            self.client.delete_collection(name)
        except Exception:
            pass  # not there: nothing to drop

    def raw_units(self, version: str) -> dict:
        """The units collection's records, embeddings included (for copying unchanged documents)."""
        return self.client.get_collection(self.units_name(version)).get(
            include=["embeddings", "documents", "metadatas"])

    def snapshot(self) -> Snapshot:
        """The active version, read in full. Raises IndexError_ when there is none or it is damaged."""
        from llama_index.vector_stores.chroma import ChromaVectorStore

        version = self.active()
        if not version:
            raise IndexError_(f"the index in {self.settings.index_dir} holds no finished ingest; "
                              "run `assistant ingest seeds/`.")
        try:
            units_col = self.client.get_collection(self.units_name(version))
            docs_col = self.client.get_collection(self.docs_name(version))
            units_raw = units_col.get(include=["documents", "metadatas"])
            docs_raw = docs_col.get(include=["documents", "metadatas"])
        except Exception as exc:
            raise IndexError_(f"the index in {self.settings.index_dir} is damaged ({exc}); {REBUILD_HINT}.") from exc
        units = [unit_from_record(i, t, m) for i, t, m in
                 zip(units_raw["ids"], units_raw["documents"], units_raw["metadatas"])]
        units.sort(key=lambda u: (u.doc_id, u.position))
        documents = {i: doc_from_record(i, t, m) for i, t, m in
                     zip(docs_raw["ids"], docs_raw["documents"], docs_raw["metadatas"])}
        return Snapshot(version, units, documents, ChromaVectorStore(chroma_collection=units_col))
