"""The index: Chroma, embedded on disk or on a server; units are written through LlamaIndex's
ChromaVectorStore and queried directly.

Every Chroma call of the package lives here. One code path serves both stores: an embedded
`PersistentClient` in `index_dir`, or an `HttpClient` when `chroma_host` is set. Each ingest writes a
complete new *version* (a units collection and a documents collection) and only then switches a pointer
kept in the metadata of a small `<name>-meta` collection. A reader always sees the last finished version,
so an interrupted ingest leaves the previous index answering. Versions that are neither active nor leased
by a live reader (see `locks`) are dropped by the next writer; the vectors of an unfinished one are
reused first, so an interrupted ingest resumes.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, TypeVar

import numpy as np

from ..config import Settings
from ..errors import StoreError
from ..schema import Document, Unit
from .locks import leased_versions

log = logging.getLogger(__name__)

HNSW = {"hnsw": {"space": "cosine", "ef_construction": 200, "ef_search": 200}}


def damaged(where: object, exc: Exception) -> StoreError:
    """The one error for an index that cannot be read, with the way out."""
    reason = " ".join(str(exc).split()) or type(exc).__name__
    return StoreError(f"the index in {where} is damaged ({reason}); rebuild it with "
                      "`assistant ingest --rebuild` (or delete the folder).")


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
            raise StoreError(f"cannot reach the Chroma server at {settings.chroma_host}:"
                              f"{settings.chroma_port} ({exc}); start it or unset ASSISTANT_CHROMA_HOST.") from exc
    path = Path(settings.index_dir)
    if not create and not (path / "chroma.sqlite3").exists():
        raise StoreError(f"no index in {path}: build it with `assistant ingest seeds/ --index {path}`.")
    path.mkdir(parents=True, exist_ok=True)
    try:
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    except Exception as exc:
        raise damaged(path, exc) from exc


def unit_metadata(unit: Unit, content_hash: str) -> dict:
    return {"doc_id": unit.doc_id, "start": unit.start, "end": unit.end, "position": unit.position,
            "speaker": unit.speaker, "role": unit.role, "doc_hash": content_hash}


def doc_metadata(doc: Document) -> dict:
    """Chroma metadata holds scalars only: event dates joined, people as a JSON list of [name, role], page
    lines as a JSON list of [kind, start, end]."""
    return {"title": doc.title, "source": doc.source, "date": doc.date, "byline": doc.byline,
            "dateline": doc.dateline, "event_dates": ",".join(doc.event_dates),
            "content_hash": doc.content_hash,
            "people": json.dumps([list(person) for person in doc.people], ensure_ascii=False),
            "page_lines": json.dumps([list(line) for line in doc.page_lines])}


def doc_from_record(doc_id: str, text: str, meta: dict) -> Document:
    """The stored document; an index written before a field existed gives its empty value."""
    events = tuple(e for e in (meta.get("event_dates") or "").split(",") if e)
    people = tuple((str(name), str(role)) for name, role in json.loads(meta.get("people") or "[]"))
    page_lines = tuple((str(kind), int(start), int(end))
                       for kind, start, end in json.loads(meta.get("page_lines") or "[]"))
    return Document(doc_id=doc_id, text=text, title=meta.get("title", ""), source=meta.get("source", ""),
                    date=meta.get("date", ""), event_dates=events, byline=meta.get("byline", ""),
                    dateline=meta.get("dateline", ""), content_hash=meta.get("content_hash", ""),
                    people=people, page_lines=page_lines)


def unit_from_record(chunk_id: str, text: str, meta: dict) -> Unit:
    return Unit(chunk_id=chunk_id, doc_id=meta["doc_id"], text=text, start=int(meta["start"]),
                end=int(meta["end"]), position=int(meta["position"]), speaker=meta.get("speaker", ""),
                role=meta.get("role", ""))


PAGE = 10_000  # records per read: Chroma's SQLite backend refuses one get() of more than ~32k records


def read_all(collection, include: list[str]) -> dict[str, list]:
    """Every record of a collection, read in pages (ids plus the `include` fields, in Chroma's order)."""
    out: dict[str, list] = {"ids": [], **{field: [] for field in include}}
    offset = 0
    while True:
        page = collection.get(include=include, limit=PAGE, offset=offset)
        for field in out:
            out[field].extend(page[field] if page[field] is not None else [])
        if len(page["ids"]) < PAGE:
            return out
        offset += PAGE


def check_family(indexed: str, encoder: str) -> None:
    """Vectors of two families (e.g. fp32 and an unverified bf16) are not comparable: refuse to mix them."""
    if indexed and encoder and indexed != encoder:
        raise StoreError(f"the index holds {indexed} vectors and this machine's encoder makes {encoder} "
                         "ones, which do not mix; run `assistant ingest --rebuild` to embed everything again, "
                         "or set ASSISTANT_MODEL_BACKEND to a backend of the index's family.")

@dataclass
class Snapshot:
    """Everything a reader needs from one finished version: the units, the documents, dense search."""

    version: str
    units: list[Unit]
    documents: dict[str, Document]
    collection: object  # the chromadb Collection of the version's units

    def dense_search(self, embedding: np.ndarray, n: int, speakers: tuple[str, ...] = ()) -> list[tuple[str, float]]:
        """(chunk_id, cosine similarity) of the `n` nearest units, best first; `speakers` restricts the
        search to units attributed to them (a metadata filter inside Chroma).

        Queries go to Chroma directly, not through LlamaIndex (which writes every unit, see `add_units`):
        importing llama_index.core costs ~2.5 s, most of a cold `assistant ask`, for a call this small."""
        n = min(n, len(self.units))
        if n == 0:
            return []
        where = {"speaker": {"$in": list(speakers)}} if speakers else None
        result = self.collection.query(query_embeddings=[embedding.tolist()], n_results=n, where=where,
                                       include=["distances"])
        return [(i, 1.0 - d) for i, d in zip(result["ids"][0], result["distances"][0])]  # cosine space


class Store:
    """Versions of the index inside one Chroma database, and the pointer to the active one."""

    def __init__(self, settings: Settings, create: bool = False):
        self.settings = settings
        self.name = settings.collection
        self.client = open_client(settings, create=create)
        self.meta_name = f"{self.name}-meta"
        try:
            self.meta = self.client.get_or_create_collection(self.meta_name, embedding_function=None)
        except Exception as exc:
            raise damaged(settings.index_dir, exc) from exc

    # The pointer, read afresh each time: another process may have moved it (about a millisecond).

    def _pointer(self) -> dict:
        try:
            return self.client.get_collection(self.meta_name).metadata or {}
        except Exception as exc:
            raise damaged(self.settings.index_dir, exc) from exc

    def active(self) -> str | None:
        return self._pointer().get("active") or None

    def layout(self) -> str:
        """How the active version derived units and documents (chunking, stored fields); "" when unknown."""
        return self._pointer().get("layout") or ""

    def family(self) -> str:
        """The vector family of the active version's units (e.g. "embeddinggemma-300m/fp32"): backends of
        one family make interchangeable vectors; "" when unknown (built before it was recorded)."""
        return self._pointer().get("family") or ""

    # Versions.

    def units_name(self, version: str) -> str:
        return f"{self.name}-{version}-units"

    def docs_name(self, version: str) -> str:
        return f"{self.name}-{version}-docs"

    def versions(self) -> set[str]:
        """Every version with a collection in the database, finished or not."""
        pattern = re.compile(rf"{re.escape(self.name)}-(v\d+)-(units|docs)")
        names = (c if isinstance(c, str) else c.name for c in self.client.list_collections())
        return {match[1] for match in map(pattern.fullmatch, names) if match}

    @staticmethod
    def new_version() -> str:
        return f"v{time.time_ns()}"

    def create_version(self, version: str) -> None:
        """Fresh, empty collections for a new version."""
        self._drop(version)
        self.client.create_collection(self.units_name(version), embedding_function=None, configuration=HNSW)
        self.client.create_collection(self.docs_name(version), embedding_function=None)

    def activate(self, version: str, layout: str, family: str) -> None:
        """Point readers at `version` (one metadata write), then drop the versions nobody uses."""
        self.meta.modify(metadata={"active": version, "layout": layout, "family": family})
        self.drop_unused()

    def drop_unused(self) -> None:
        """Drop every version that is neither active nor leased by a live reader (writers only: this
        includes what an interrupted ingest left, so read `leftover_vectors` first)."""
        keep = {self.active()} | leased_versions(self.settings)
        for version in self.versions() - keep:
            self._drop(version)

    def drop_if_unused(self, version: str) -> None:
        """Drop one finished version a reader has just left, unless it is active or leased."""
        if version != self.active() and version not in leased_versions(self.settings):
            self._drop(version)

    def _drop(self, version: str) -> None:
        for name in (self.units_name(version), self.docs_name(version)):
            try:
                self.client.delete_collection(name)
            except Exception:
                pass  # not there: nothing to drop

    # Reading the active version.

    def _active_docs(self, include: list[str]) -> dict:
        version = self.active()
        if not version:
            return {"ids": [], "documents": [], "metadatas": []}
        try:
            return read_all(self.client.get_collection(self.docs_name(version)), include)
        except Exception as exc:
            raise damaged(self.settings.index_dir, exc) from exc

    def stored_hashes(self) -> dict[str, str]:
        """doc_id -> content hash in the active version (empty when there is none)."""
        raw = self._active_docs(["metadatas"])
        return {i: m.get("content_hash", "") for i, m in zip(raw["ids"], raw["metadatas"])}

    def stored_documents(self, doc_ids: set[str] | None = None) -> list[Document]:
        """The active version's documents (those among `doc_ids`, if given), text included."""
        raw = self._active_docs(["documents", "metadatas"])
        return [doc_from_record(i, t, m) for i, t, m in zip(raw["ids"], raw["documents"], raw["metadatas"])
                if doc_ids is None or i in doc_ids]

    def unit_counts(self) -> dict[str, int]:
        """doc_id -> number of units in the active version."""
        version = self.active()
        if not version:
            return {}
        try:
            metas = read_all(self.client.get_collection(self.units_name(version)), ["metadatas"])["metadatas"]
        except Exception as exc:
            raise damaged(self.settings.index_dir, exc) from exc
        return dict(Counter(meta["doc_id"] for meta in metas))

    # Writing a new version.

    def add_units(self, version: str, units: list[tuple[Unit, str, list[float]]]) -> None:
        """Write (unit, its document's content hash, vector) triples as LlamaIndex TextNodes through
        ChromaVectorStore."""
        from llama_index.vector_stores.chroma import ChromaVectorStore

        if units:
            ChromaVectorStore(chroma_collection=self.client.get_collection(self.units_name(version))).add(
                [text_node(unit, doc_hash, vector) for unit, doc_hash, vector in units])

    def add_documents(self, version: str, documents: list[Document]) -> None:
        collection = self.client.get_collection(self.docs_name(version))
        for batch in batched(documents, 500):
            collection.add(ids=[d.doc_id for d in batch], documents=[d.text for d in batch],
                           metadatas=[doc_metadata(d) for d in batch], embeddings=[[0.0]] * len(batch))

    def copy_units(self, version: str, doc_ids: set[str]) -> int:
        """Copy the active version's units (vectors included) of `doc_ids` into `version`; how many."""
        return self._copy(self.units_name, version, doc_ids, lambda i, meta: meta["doc_id"])

    def copy_documents(self, version: str, doc_ids: set[str]) -> int:
        """Copy the active version's document records of `doc_ids` into `version`, as they are."""
        return self._copy(self.docs_name, version, doc_ids, lambda i, meta: i)

    def _copy(self, name_of, version: str, doc_ids: set[str], doc_of) -> int:
        active = self.active()
        if not active or not doc_ids:
            return 0
        raw = read_all(self.client.get_collection(name_of(active)), ["embeddings", "documents", "metadatas"])
        keep = [n for n, (i, meta) in enumerate(zip(raw["ids"], raw["metadatas"])) if doc_of(i, meta) in doc_ids]
        target = self.client.get_collection(name_of(version))
        for batch in batched(keep, 2000):
            target.add(ids=[raw["ids"][n] for n in batch], documents=[raw["documents"][n] for n in batch],
                       metadatas=[raw["metadatas"][n] for n in batch],
                       embeddings=[raw["embeddings"][n] for n in batch])
        return len(keep)

    def leftover_vectors(self) -> dict[tuple[str, str], list[float]]:
        """Vectors already embedded by unfinished ingests, keyed by (chunk id, document hash).

        An interrupted ingest leaves its half-written version behind; the next ingest reuses those
        vectors instead of embedding the same units again, so a long ingest resumes where it stopped.
        A leftover that cannot be read (killed mid-write) is skipped: its units are simply embedded."""
        active = self.active()
        found: dict[tuple[str, str], list[float]] = {}
        for version in self.versions() - {active}:
            try:
                raw = read_all(self.client.get_collection(self.units_name(version)), ["embeddings", "metadatas"])
            except Exception as exc:
                log.warning("ignored the unreadable leftovers of version %s (%s)", version, exc)
                continue
            for chunk_id, vector, meta in zip(raw["ids"], raw["embeddings"], raw["metadatas"]):
                found[(chunk_id, meta.get("doc_hash", ""))] = list(vector)
        return found

    def snapshot(self, version: str | None = None) -> Snapshot:
        """A version (default: the active one), read in full. Raises StoreError when there is none or
        it is damaged."""
        version = version or self.active()
        if not version:
            raise StoreError(f"the index in {self.settings.index_dir} holds no finished ingest; "
                             "run `assistant ingest seeds/`.")
        try:
            units_col = self.client.get_collection(self.units_name(version))
            units_raw = read_all(units_col, ["documents", "metadatas"])
            docs_raw = read_all(self.client.get_collection(self.docs_name(version)), ["documents", "metadatas"])
        except Exception as exc:
            raise damaged(self.settings.index_dir, exc) from exc
        units = [unit_from_record(i, t, m) for i, t, m in
                 zip(units_raw["ids"], units_raw["documents"], units_raw["metadatas"])]
        units.sort(key=lambda u: (u.doc_id, u.position))
        documents = {i: doc_from_record(i, t, m) for i, t, m in
                     zip(docs_raw["ids"], docs_raw["documents"], docs_raw["metadatas"])}
        return Snapshot(version, units, documents, units_col)


def text_node(unit: Unit, doc_hash: str, vector: list[float]):
    """A LlamaIndex TextNode for a unit; the SOURCE relationship is what it stores as `doc_id`."""
    from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

    keys = list(unit_metadata(unit, ""))
    return TextNode(id_=unit.chunk_id, text=unit.text, embedding=vector,
                    metadata=unit_metadata(unit, doc_hash),
                    relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=unit.doc_id)},
                    excluded_embed_metadata_keys=keys, excluded_llm_metadata_keys=keys)


T = TypeVar("T")


def batched(items: list[T], size: int) -> Iterator[list[T]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
