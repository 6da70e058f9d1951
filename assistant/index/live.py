"""A live view of the index for long-running readers (the web app, any `Assistant`): it keeps answering
while an ingest runs and answers from the new version once it is switched in, without a restart.

Each question asks `current()`, which costs one read of the version pointer; the index is read again only
when the pointer moved. The version in use is leased (see `locks`), so a writer never drops it underneath;
once this reader moves on, it drops the version it left when no other reader holds it.
"""

from __future__ import annotations

import threading

from ..config import Settings
from ..errors import StoreError
from .locks import Lease, writer_lock
from .store import Snapshot, Store


class LiveIndex:
    """Hands out the current `Snapshot`. A snapshot stays queryable until `current()` returns another
    one (or `close()`), so callers must not query an older snapshot after that."""

    def __init__(self, settings: Settings):
        self.store = Store(settings)
        self.lease = Lease(settings)
        self._lock = threading.Lock()
        self._snapshot = self._open()

    def current(self) -> Snapshot:
        """The active version's snapshot, re-read only when the active pointer changed."""
        with self._lock:
            if self.store.active() != self._snapshot.version:
                left = self._snapshot.version
                self._snapshot = self._open()
                self._drop(left)
            return self._snapshot

    def close(self) -> None:
        """Give up the lease (a reader that just exits needs not: a dead process's lease does not count)."""
        self.lease.release()

    def _open(self) -> Snapshot:
        """Lease the active version, then read it. The pointer is checked again after leasing: a writer
        that moves it later sees the lease before it drops anything."""
        while True:
            version = self.store.active()
            if not version:
                return self.store.snapshot()  # raises: no finished ingest yet
            self.lease.hold(version)
            if self.store.active() == version:
                return self.store.snapshot(version)

    def _drop(self, version: str) -> None:
        """Drop the version this reader left if no writer is busy and no other reader holds it."""
        try:
            with writer_lock(self.store.settings, wait=0):
                self.store.drop_if_unused(version)
        except StoreError:
            pass  # a writer is busy; it drops unused versions itself when it finishes
