"""Ingest: documents on disk -> a new finished version of the index, re-embedding only what changed.

Ingest adds and updates: documents whose content hash is unchanged keep their stored vectors (copied into
the new version), new or edited ones are embedded, and documents already indexed but not under the paths
given stay as they are. Removal is explicit: `remove(doc_ids)`, or `sync=True` to mirror the paths.
Nothing is switched until the new version is complete (see `store`), so an interrupted or failed ingest
leaves the previous index answering; one writer at a time holds the index's lock (see `locks`).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable

from tqdm import tqdm

from ..config import Settings
from ..documents.readers import read_documents
from ..documents.units import embedding_text, make_units, people
from ..errors import StoreError
from .embedder import Embedder
from ..schema import Document, Unit
from .locks import LEASE_FOLDER, LOCK_FILE, WRITER_WAIT_SECONDS, writer_lock
from .store import Store, batched, check_family

log = logging.getLogger(__name__)

# What a version stores besides its units; bump it when that changes, so the next ingest derives every
# document again (from its stored text when its file is not among the paths given).
STORED_FIELDS = "people"


@dataclass
class IngestReport:
    version: str | None = None  # the version switched in; None when nothing changed
    added: list[str] = field(default_factory=list)  # new or edited documents (embedded)
    kept: list[str] = field(default_factory=list)  # unchanged documents under the paths (vectors reused)
    untouched: list[str] = field(default_factory=list)  # indexed documents not under the paths, left in
    resumed: int = 0  # units whose vectors an interrupted ingest had already computed
    removed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    units: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        head = (f"index version {self.version}: {self.units} units" if self.version else "index unchanged")
        resumed = f" ({self.resumed} units reusing vectors of an unfinished or older version)" if self.resumed else ""
        removed = f" ({', '.join(self.removed)})" if self.removed else ""
        return (f"{head}; {len(self.added)} documents embedded{resumed}, {len(self.kept)} unchanged, "
                f"{len(self.untouched)} others kept, {len(self.removed)} removed{removed}, "
                f"{len(self.problems)} skipped ({self.seconds:.1f}s)")


@dataclass(frozen=True)
class ListedDocument:
    """One line of `assistant list`."""

    doc_id: str
    title: str
    source: str
    date: str
    units: int


def layout_of(settings: Settings) -> str:
    """How a version derives units and documents; a version built otherwise is derived again in full."""
    return f"{settings.max_unit_chars}/{settings.max_unit_sentences}/{STORED_FIELDS}"


def open_for_ingest(settings: Settings, rebuild: bool) -> Store:
    """The store to write into. A damaged embedded index that cannot even be opened is moved aside
    (never deleted) when rebuilding; otherwise the error says to rebuild."""
    try:
        return Store(settings, create=True)
    except StoreError:
        if not rebuild or settings.chroma_host:
            raise
        move_aside(Path(settings.index_dir))
        forget_clients()
        return Store(settings, create=True)


def move_aside(path: Path) -> None:
    """Move a damaged index's files into a sibling folder; the lock and leases stay, so the writer
    lock this ingest holds keeps guarding the index."""
    aside = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    aside.mkdir()
    for item in path.iterdir():
        if item.name not in (LOCK_FILE, LEASE_FOLDER):
            item.rename(aside / item.name)
    log.warning("moved the damaged index to %s and started a new one", aside)


def forget_clients() -> None:
    """Chroma caches one client per path, a failed one included; drop them so the path opens afresh."""
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()


def ingest(paths: Iterable[Path], settings: Settings, embedder_factory: Callable[[], Embedder],
           rebuild: bool = False, progress: bool = True, sync: bool = False,
           wait: float = WRITER_WAIT_SECONDS) -> IngestReport:
    """Add or update the documents under `paths` in the index in `settings`; with `sync`, also remove
    the indexed documents not under them (named in a warning first). `rebuild` embeds everything again.

    `embedder_factory` is only called when something needs embedding, so a no-op ingest stays fast.
    Waits up to `wait` seconds for another writer."""
    started = time.perf_counter()
    paths = [Path(p) for p in paths]
    read = read_documents(paths, settings.max_document_bytes)
    report = IngestReport(problems=read.problems)
    if not read.documents:
        reasons = "".join(f"\n  {problem}" for problem in read.problems)
        raise StoreError("no readable documents under " + ", ".join(map(str, paths))
                         + "; nothing was changed. Add .txt, .md or .jsonl files." + reasons)
    with writer_lock(settings, wait):
        store = open_for_ingest(settings, rebuild)
        stored = store.stored_hashes()
        given = {d.doc_id for d in read.documents}
        report.removed = sorted(set(stored) - given) if sync else []
        if report.removed:
            log.warning("removing %d documents not under %s (sync): %s", len(report.removed),
                        ", ".join(map(str, paths)), ", ".join(report.removed))
        others = set(stored) - given - set(report.removed)
        report.untouched = sorted(others)
        if rebuild or store.layout() != layout_of(settings):
            fresh, copied = read.documents + store.stored_documents(others), set()
        else:
            fresh = [d for d in read.documents if stored.get(d.doc_id) != d.content_hash]
            copied = set(stored) - {d.doc_id for d in fresh} - set(report.removed)
        report.added = [d.doc_id for d in fresh if d.doc_id in given]
        report.kept = [d.doc_id for d in read.documents if d.doc_id in copied]
        if fresh or report.removed or not store.active():
            report.version, report.units, report.resumed = write_version(
                store, fresh, copied, settings, embedder_factory, progress)
        else:
            store.drop_unused()  # leftovers of an interrupted ingest
    report.seconds = time.perf_counter() - started
    return report


def write_version(store: Store, fresh: list[Document], copied: set[str], settings: Settings,
                  embedder_factory: Callable[[], Embedder], progress: bool) -> tuple[str, int, int]:
    """A new version holding the `copied` documents of the active one and the `fresh` ones, switched in
    once complete. Returns (version, units, units resumed)."""
    done_before = store.leftover_vectors()
    kept_family = store.family() if copied else ""
    version = store.new_version()
    store.create_version(version)
    units = store.copy_units(version, copied)
    embedded, resumed, family = embed_units(store, version, fresh, settings, embedder_factory, progress,
                                            done_before, kept_family)
    store.copy_documents(version, copied)
    store.add_documents(version, [replace(d, people=tuple((p.name, p.role) for p in people(d))) for d in fresh])
    store.activate(version, layout_of(settings), family or store.family())
    return version, units + embedded, resumed


def remove(doc_ids: Iterable[str], settings: Settings, wait: float = WRITER_WAIT_SECONDS) -> IngestReport:
    """Remove documents from the index by id (a new version without them); unknown ids change nothing."""
    started = time.perf_counter()
    wanted = set(doc_ids)
    with writer_lock(settings, wait):
        store = Store(settings)
        stored = store.stored_hashes()
        unknown = sorted(wanted - set(stored))
        if unknown:
            raise StoreError(f"not in the index: {', '.join(unknown)}; nothing was removed. "
                             "`assistant list` shows the document ids.")
        keep = set(stored) - wanted
        version = store.new_version()
        store.create_version(version)
        units = store.copy_units(version, keep)
        store.copy_documents(version, keep)
        store.activate(version, store.layout(), store.family())
    return IngestReport(version=version, removed=sorted(wanted), untouched=sorted(keep), units=units,
                        seconds=time.perf_counter() - started)


def list_documents(settings: Settings) -> list[ListedDocument]:
    """The documents of the active version, by id, with their unit counts."""
    store = Store(settings)
    counts = store.unit_counts()
    return sorted((ListedDocument(d.doc_id, d.title, d.source, d.date, counts.get(d.doc_id, 0))
                   for d in store.stored_documents()), key=lambda d: d.doc_id)


def embed_units(store: Store, version: str, documents: list[Document], settings: Settings,
                embedder_factory: Callable[[], Embedder], progress: bool,
                done_before: dict[tuple[str, str], list[float]], kept_family: str = "") -> tuple[int, int, str]:
    """Chunk, attribute and embed new documents into `version`.

    Units an interrupted ingest already embedded (`done_before`) keep their vectors; the embedder is only
    built when something is left to embed, and must make vectors of the `kept_family` of the vectors
    copied beside them. Returns (units written, units resumed, the family of the new vectors or "")."""
    pending: list[tuple[Unit, Document]] = [
        (u, d) for d in documents for u in make_units(d, settings.max_unit_chars, settings.max_unit_sentences)]
    resumed = [(u, d) for u, d in pending if (u.chunk_id, d.content_hash) in done_before]
    todo = [(u, d) for u, d in pending if (u.chunk_id, d.content_hash) not in done_before]
    for batch in batched(resumed, 500):
        store.add_units(version, [(u, d.content_hash, done_before[(u.chunk_id, d.content_hash)]) for u, d in batch])
    family = ""
    if todo:
        embedder = embedder_factory()
        family = getattr(embedder, "family", "")
        check_family(kept_family, family)
        bar = tqdm(total=len(todo), desc="Embedding passages", unit="passage", disable=not progress)
        for batch in batched(todo, max(settings.embed_batch_size * 4, 16)):
            vectors = embedder.embed_documents([embedding_text(u) for u, _ in batch],
                                               titles=[d.title or "none" for _, d in batch])
            store.add_units(version, [(u, d.content_hash, v.tolist()) for (u, d), v in zip(batch, vectors)])
            bar.update(len(batch))
        bar.close()
    return len(pending), len(resumed), family

