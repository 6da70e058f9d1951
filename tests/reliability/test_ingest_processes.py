"""Ingest across processes, as an unlucky operator meets it: a second ingest while one runs, an ingest killed
with SIGKILL at a random point, a reader answering while another process ingests. Nothing indexed is ever
lost, readers never see an error, and the next ingest finishes the job.

Children run this file as a script (see `child_main`) with the fake embedder, slowed down so that there is
an "in the middle" to hit.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import pytest

HERE = Path(__file__).resolve()

def long_text(doc: int) -> str:
    """20 paragraphs, one unit each, different in each document."""
    return "\n\n".join(f"Paragraf nomor {n} dokumen {doc} tentang pasar ikan." for n in range(20))


OLD = {"a.md": "# Pasar\n\nPasar ikan di Surabaya ramai pembeli.\n",
       "b.md": "# Hoaks\n\n“Hoaks menyebar lebih cepat dari kebenaran,” ujar Kepala Humas, Budi Santoso.\n"}
NEW = {f"long{n}.md": f"# Panjang {n}\n\n{long_text(n)}\n" for n in range(3)}  # 60 units: 4 batches of 16
BATCH_SECONDS = 0.4


def child_main(argv: list[str]) -> None:
    """`ingest INDEX DOCS PROGRESS`: a slow ingest that appends a line to PROGRESS before it starts and
    before each embedding batch. `hold INDEX SECONDS`: hold the writer lock."""
    sys.path.insert(0, str(HERE.parent.parent))
    from conftest import HashingEmbedder

    from assistant.config import load_settings
    from assistant.index.ingest import ingest
    from assistant.index.locks import writer_lock

    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=("ingest", "hold"))
    parser.add_argument("index", type=Path)
    parser.add_argument("arg")
    parser.add_argument("progress", nargs="?", type=Path)
    args = parser.parse_args(argv)
    settings = load_settings(index_dir=args.index, embed_batch_size=4)
    if args.what == "hold":
        with writer_lock(settings):
            print("locked", flush=True)
            time.sleep(float(args.arg))
        return

    class Slow(HashingEmbedder):
        def embed_documents(self, texts, titles=None):
            with args.progress.open("a") as progress:
                progress.write("batch\n")
            time.sleep(BATCH_SECONDS)
            return super().embed_documents(texts, titles)

    args.progress.write_text("started\n")
    print(ingest([Path(args.arg)], settings, Slow, progress=False).summary(), flush=True)


# The parent's side.

def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def spawn(*args: object) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(HERE), *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.02)


def lines(path: Path) -> list[str]:
    return path.read_text().split() if path.exists() else []


def kill(child: subprocess.Popen) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)


@pytest.fixture
def settings(tmp_path):
    from assistant.config import load_settings

    return load_settings(index_dir=tmp_path / "index", embed_batch_size=4)


@pytest.fixture
def old_index(tmp_path, settings, fake_embedder):
    """An index holding a.md and b.md, and the folder of 60 new units a child will ingest."""
    from assistant.index.ingest import ingest

    ingest([write(tmp_path / "old", OLD)], settings, lambda: fake_embedder, progress=False)
    return settings, write(tmp_path / "new", NEW)


def answers_from(settings, fake_embedder, question: str) -> str:
    """The document of the best unit for `question` in the active version."""
    from assistant.index.store import Store

    [(chunk_id, _)] = Store(settings).snapshot().dense_search(fake_embedder.embed_query(question), 1)
    return chunk_id.split("#")[0]


def unit_counts(settings) -> dict[str, int]:
    from assistant.index.ingest import list_documents

    return {d.doc_id: d.units for d in list_documents(settings)}


COMPLETE = {"a.md": 1, "b.md": 1, "long0.md": 20, "long1.md": 20, "long2.md": 20}


def test_a_second_ingest_waits_for_the_first_and_both_land(old_index, tmp_path, fake_embedder):
    from assistant.index.ingest import ingest

    settings, new = old_index
    progress = tmp_path / "progress"
    first = spawn("ingest", settings.index_dir, new, progress)
    wait_until(lambda: "batch" in lines(progress), "the first ingest to start embedding")
    third = write(tmp_path / "third", {"c.md": "# Banjir\n\nBanjir merendam tiga desa di Gresik.\n"})
    report = ingest([third], settings, lambda: fake_embedder, progress=False, wait=60)
    assert first.wait(timeout=60) == 0, first.stderr.read()
    assert report.added == ["c.md"]
    assert unit_counts(settings) == {**COMPLETE, "c.md": 1}


def test_a_second_ingest_that_cannot_wait_names_the_holder_and_changes_nothing(old_index, fake_embedder):
    from assistant.errors import StoreError
    from assistant.index.ingest import ingest

    settings, new = old_index
    holder = spawn("hold", settings.index_dir, 30)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreError, match=rf"another ingest \(pid {holder.pid}, since .*\) is writing the index"):
            ingest([new], settings, lambda: fake_embedder, progress=False, wait=0.5)
    finally:
        kill(holder)
    assert unit_counts(settings) == {"a.md": 1, "b.md": 1}


def test_the_lock_of_a_killed_ingest_is_free_at_once(old_index, fake_embedder):
    from assistant.index.ingest import ingest

    settings, new = old_index
    holder = spawn("hold", settings.index_dir, 30)
    assert holder.stdout.readline().strip() == "locked"
    kill(holder)
    report = ingest([new], settings, lambda: fake_embedder, progress=False, wait=0)
    assert report.added == ["long0.md", "long1.md", "long2.md"]


@pytest.mark.parametrize("run", range(3))
def test_kill_9_at_a_random_point_loses_nothing_and_the_next_ingest_completes(old_index, tmp_path, fake_embedder, run):
    from assistant.index.ingest import ingest

    settings, new = old_index
    progress = tmp_path / "progress"
    delay = random.uniform(0, 4 * BATCH_SECONDS + 1.0)  # from the ingest's start to a little after its end
    child = spawn("ingest", settings.index_dir, new, progress)
    wait_until(lambda: "started" in lines(progress), "the child to start its ingest")
    time.sleep(delay)
    kill(child)
    where = f"killed {delay:.2f} s in, after {lines(progress).count('batch')} batches"
    counts = unit_counts(settings)
    assert counts in ({"a.md": 1, "b.md": 1}, COMPLETE), where  # the old version, or the whole new one
    assert answers_from(settings, fake_embedder, "hoaks menyebar") == "b.md", where
    ingest([new], settings, lambda: fake_embedder, progress=False, wait=0)
    assert unit_counts(settings) == COMPLETE, where


def test_the_next_ingest_resumes_after_a_kill_9_mid_embedding(old_index, tmp_path, fake_embedder):
    from assistant.index.ingest import ingest

    settings, new = old_index
    progress = tmp_path / "progress"
    child = spawn("ingest", settings.index_dir, new, progress)
    wait_until(lambda: lines(progress).count("batch") >= 3, "two batches to be written")
    kill(child)
    embedded: list[str] = []

    class Counting(type(fake_embedder)):
        def embed_documents(self, texts, titles=None):
            embedded.extend(texts)
            return super().embed_documents(texts, titles)

    report = ingest([new], settings, Counting, progress=False)
    assert report.resumed >= 32 and len(embedded) == 60 - report.resumed
    assert unit_counts(settings) == COMPLETE


def test_a_reader_keeps_answering_during_an_ingest_and_then_answers_from_the_new_version(
        old_index, tmp_path, fake_embedder):
    from assistant.index.live import LiveIndex
    from assistant.index.store import Store

    settings, new = old_index
    reader, idle = LiveIndex(settings), LiveIndex(settings)  # one asks all along, one not until the end
    held = idle.current()
    question = fake_embedder.embed_query("hoaks menyebar")
    progress = tmp_path / "progress"
    child = spawn("ingest", settings.index_dir, new, progress)
    answered = 0
    while child.poll() is None:  # every question during the ingest is answered, from the old version
        assert reader.current().dense_search(question, 1)[0][0].startswith("b.md#")
        answered += 1
    assert child.returncode == 0, child.stderr.read()
    assert answered > 10
    now = reader.current()
    assert now.version != held.version and len(now.units) == 62
    assert now.dense_search(fake_embedder.embed_query("paragraf nomor"), 1)[0][0].startswith("long")
    assert held.dense_search(question, 1)[0][0].startswith("b.md#")  # leased by `idle`: not dropped underneath
    assert idle.current().version == now.version
    assert Store(settings).versions() == {now.version}  # once no reader holds it, the old version is dropped


if __name__ == "__main__":
    child_main(sys.argv[1:])
