"""Cross-process coordination through small files beside the index: one writer at a time, and leases
that keep the versions open readers still query.

Both live in the index folder (for a Chroma server, in a per-server folder under the user's home, so
they coordinate the processes of this machine). The writer lock is an `fcntl.flock`: the kernel releases
it when its holder dies, so a killed ingest never leaves the index locked. A lease is a file naming a
process and the version it reads; a lease whose process is gone does not count.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from ..config import Settings, user_home
from ..errors import StoreError

log = logging.getLogger(__name__)

LOCK_FILE = "ingest.lock"
LEASE_FOLDER = "leases"
WRITER_WAIT_SECONDS = 60.0  # how long a second ingest waits for the first before giving up


def state_dir(settings: Settings) -> Path:
    """Where the lock and the leases of this index live."""
    if settings.chroma_host:
        return user_home() / "chroma-servers" / f"{settings.chroma_host}-{settings.chroma_port}"
    return Path(settings.index_dir)


@contextmanager
def writer_lock(settings: Settings, wait: float = WRITER_WAIT_SECONDS) -> Iterator[None]:
    """Hold the index's writer lock for the block, waiting up to `wait` seconds for another writer;
    raises StoreError naming the holder (pid, since when) when it does not finish in time."""
    path = state_dir(settings) / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = acquire(path, wait)
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(), "since": time.time()}))
        handle.flush()
        yield
    finally:
        handle.truncate(0)
        handle.close()  # closing releases the flock


@contextmanager
def exclusive(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `lock_path` (created if needed). Several processes (tests, ingest, the
    web app) may want the same export or measurement at once: one does it, the others then reuse it."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def acquire(path: Path, wait: float) -> IO[str]:
    """An open handle on `path` holding its exclusive flock."""
    deadline = time.monotonic() + wait
    announced = False
    while True:
        handle = open(path, "a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            if time.monotonic() >= deadline:
                raise StoreError(f"{holder(path)} is writing the index in {path.parent}; wait for it to "
                                 f"finish, or stop that process, then run this again.") from None
            if not announced:
                log.warning("waiting up to %.0f s for %s to finish writing the index", wait, holder(path))
                announced = True
            time.sleep(0.1)
            continue
        if path.exists() and os.path.samestat(os.fstat(handle.fileno()), path.stat()):
            return handle
        handle.close()  # the folder was moved aside (rebuild of a damaged index) while we waited


def holder(path: Path) -> str:
    """Who holds the lock, as its holder wrote it: "another ingest (pid 123, since 10:42:07)"."""
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        since = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(info["since"]))
        return f"another ingest (pid {info['pid']}, since {since})"
    except (OSError, ValueError, KeyError, TypeError):
        return "another ingest"  # it took the lock and has not written its name yet


class Lease:
    """This reader's claim on the version it queries, so that no writer drops it underneath."""

    def __init__(self, settings: Settings):
        self.path = state_dir(settings) / LEASE_FOLDER / f"{os.getpid()}-{uuid.uuid4().hex[:12]}.json"

    def hold(self, version: str) -> None:
        """Claim `version` (replacing any earlier claim of this lease), atomically."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".tmp")
        partial.write_text(json.dumps({"pid": os.getpid(), "version": version}), encoding="utf-8")
        partial.replace(self.path)

    def release(self) -> None:
        self.path.unlink(missing_ok=True)


def leased_versions(settings: Settings) -> set[str]:
    """The versions that live readers hold; leases of processes that are gone are deleted."""
    versions: set[str] = set()
    for path in (state_dir(settings) / LEASE_FOLDER).glob("*.json"):
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
            pid, version = int(info["pid"]), str(info["version"])
        except (OSError, ValueError, KeyError, TypeError):
            continue  # being replaced right now, or unreadable: the next look sees it
        if alive(pid):
            versions.add(version)
        else:
            path.unlink(missing_ok=True)
    return versions


def alive(pid: int) -> bool:
    """Whether process `pid` still runs (a killed one its parent has not reaped yet does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True  # no /proc: trust kill(0)
    return state != "Z"
