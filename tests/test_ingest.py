"""Ingest with the fake embedder (real chunking, real Chroma): only what changed is embedded, ingest adds and
never silently removes, removal is explicit, people are stored per document, each change is a new version,
an interrupted ingest changes nothing readers see, a damaged index is reported (and moved aside on rebuild),
and one writer at a time holds the index."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from assistant.config import Settings, load_settings
from assistant.documents.units import people
from assistant.errors import StoreError
from assistant.index import ingest as ingest_module
from assistant.index import store as store_module
from assistant.index.ingest import ingest, list_documents, remove
from assistant.index.live import LiveIndex
from assistant.index.locks import Lease, leased_versions, writer_lock
from assistant.index.store import Store
from assistant.interfaces.cli import main

A = "# Pasar\n\nPasar ikan di Surabaya ramai pembeli.\n"
B = "# Hoaks\n\n“Hoaks menyebar lebih cepat dari kebenaran,” ujar Kepala Humas, Budi Santoso.\n"
B_EDITED = "# Hoaks\n\n“Hoaks harus dilawan dengan literasi digital,” ujar Kepala Humas, Budi Santoso.\n"
C = "# Banjir\n\nBanjir merendam tiga desa di Gresik, kata Kepala BPBD, Sri Wahyuni.\n"
JSONL = '{"id": "berita-1", "title": "Panen raya", "source": "jatimnow.com", "date": "2024-05-02", ' \
        '"text": "Petani di Lamongan memulai panen raya. Harga gabah naik."}\n'
LONG = "\n\n".join(f"Paragraf nomor {n} tentang pasar." for n in range(20))


class Interrupted(RuntimeError):
    """Stands in for Ctrl-C or a crash in the middle of embedding."""


class Counting:
    """Wraps an embedder and records every text it embeds; `fail_after` batches, it raises instead."""

    def __init__(self, embedder, fail_after: int | None = None):
        self.embedder, self.fail_after = embedder, fail_after
        self.texts: list[str] = []
        self.batches = 0

    def embed_documents(self, texts, titles=None):
        if self.fail_after is not None and self.batches >= self.fail_after:
            raise Interrupted("interrupted while embedding")
        self.batches += 1
        self.texts.extend(texts)
        return self.embedder.embed_documents(texts, titles=titles)

    def embed_query(self, text):
        return self.embedder.embed_query(text)


def folder(root: Path, name: str, **files: str) -> Path:
    path = root / name
    path.mkdir()
    for file, text in files.items():
        (path / file.replace("_", ".")).write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def docs(tmp_path) -> Path:
    return folder(tmp_path, "docs", a_md=A, b_md=B)


@pytest.fixture
def settings(tmp_path) -> Settings:
    return load_settings(index_dir=tmp_path / "index")


@pytest.fixture
def built(docs, settings, fake_embedder) -> Settings:
    """The tiny index after a first ingest of a.md and b.md."""
    ingest([docs], settings, lambda: fake_embedder, progress=False)
    return settings


def without_people(doc, doc_metadata=store_module.doc_metadata) -> dict:
    """Document metadata as indexes built before people were stored hold it."""
    return {k: v for k, v in doc_metadata(doc).items() if k != "people"}


def no_model():
    pytest.fail("the embedder was requested although nothing needs embedding")


def units(settings) -> list[tuple[str, str, str]]:
    return [(u.doc_id, u.chunk_id, u.text) for u in Store(settings).snapshot().units]


def doc_ids(settings) -> set[str]:
    return set(Store(settings).snapshot().documents)


# Adding and updating.

def test_no_readable_documents_is_an_error_and_creates_nothing(tmp_path, settings):
    (tmp_path / "empty").mkdir()
    with pytest.raises(StoreError, match="no readable documents"):
        ingest([tmp_path / "empty"], settings, no_model, progress=False)
    assert not settings.index_dir.exists()


def test_reingesting_unchanged_files_embeds_nothing(docs, built):
    report = ingest([docs], built, no_model, progress=False)
    assert (report.version, report.added, report.kept) == (None, [], ["a.md", "b.md"])


def test_reingesting_unchanged_files_keeps_the_same_units_without_duplicates(docs, built, fake_embedder):
    before = units(built)
    ingest([docs], built, lambda: fake_embedder, progress=False)
    after = units(built)
    assert after == before
    assert len({chunk_id for _, chunk_id, _ in after}) == len(after) == 2


def test_edited_file_is_reembedded_and_the_others_kept(docs, built, fake_embedder):
    before = units(built)
    (docs / "b.md").write_text(B_EDITED, encoding="utf-8")
    counting = Counting(fake_embedder)
    report = ingest([docs], built, lambda: counting, progress=False)
    assert (report.added, report.kept) == (["b.md"], ["a.md"])
    assert counting.texts == ["Budi Santoso, Kepala Humas: “Hoaks harus dilawan dengan literasi digital,” "
                              "ujar Kepala Humas, Budi Santoso."]
    after = units(built)
    assert [u for u in after if u[0] == "a.md"] == [u for u in before if u[0] == "a.md"]
    assert [text for doc, _, text in after if doc == "b.md"] == [
        "“Hoaks harus dilawan dengan literasi digital,” ujar Kepala Humas, Budi Santoso."]


def test_kept_documents_still_answer_dense_search(docs, built, fake_embedder):
    (docs / "b.md").write_text(B_EDITED, encoding="utf-8")
    ingest([docs], built, lambda: fake_embedder, progress=False)
    [(chunk_id, cosine)] = Store(built).snapshot().dense_search(fake_embedder.embed_query("pasar ikan di Surabaya"), 1)
    assert chunk_id.startswith("a.md#") and cosine > 0.4


def test_ingesting_other_paths_adds_and_keeps_what_is_indexed(tmp_path, built, fake_embedder):
    report = ingest([folder(tmp_path, "more", c_md=C)], built, lambda: fake_embedder, progress=False)
    assert (report.added, report.untouched, report.removed) == (["c.md"], ["a.md", "b.md"], [])
    assert doc_ids(built) == {"a.md", "b.md", "c.md"}


def test_a_file_gone_from_disk_stays_indexed_without_sync(docs, built):
    (docs / "b.md").unlink()
    report = ingest([docs], built, no_model, progress=False)
    assert (report.version, report.removed) == (None, [])
    assert doc_ids(built) == {"a.md", "b.md"}


def test_changing_the_unit_size_rechunks_documents_not_under_the_paths_too(tmp_path, settings, fake_embedder):
    three = "# Tiga\n\nSatu kalimat. Dua kalimat. Tiga kalimat.\n"
    ingest([folder(tmp_path, "first", c_md=three)], settings.with_(max_unit_sentences=3), lambda: fake_embedder,
           progress=False)
    one_each = settings.with_(max_unit_sentences=1)
    ingest([folder(tmp_path, "second", a_md=A)], one_each, lambda: fake_embedder, progress=False)
    assert [text for doc, _, text in units(one_each) if doc == "c.md"] == [
        "Satu kalimat.", "Dua kalimat.", "Tiga kalimat."]


# Removal is explicit.

def test_sync_removes_documents_no_longer_under_the_paths(docs, built):
    (docs / "b.md").unlink()
    report = ingest([docs], built, no_model, progress=False, sync=True)  # removing embeds nothing
    snapshot = Store(built).snapshot()
    assert report.removed == ["b.md"]
    assert {u.doc_id for u in snapshot.units} == {"a.md"} and set(snapshot.documents) == {"a.md"}


def test_sync_names_what_it_removes_before_and_after(docs, built, caplog):
    (docs / "b.md").unlink()
    with caplog.at_level(logging.WARNING):
        report = ingest([docs], built, no_model, progress=False, sync=True)
    assert "removing 1 documents" in caplog.text and "b.md" in caplog.text
    assert "1 removed (b.md)" in report.summary()


def test_remove_by_id_leaves_the_other_documents_answering(built, fake_embedder):
    report = remove(["b.md"], built)
    snapshot = Store(built).snapshot()
    assert (report.removed, report.untouched) == (["b.md"], ["a.md"])
    assert set(snapshot.documents) == {"a.md"} and {u.doc_id for u in snapshot.units} == {"a.md"}
    [(chunk_id, _)] = snapshot.dense_search(fake_embedder.embed_query("pasar ikan"), 1)
    assert chunk_id.startswith("a.md#")


def test_removing_an_unknown_id_changes_nothing_and_points_to_list(built):
    version = Store(built).active()
    with pytest.raises(StoreError, match="not in the index: nope.md.*assistant list"):
        remove(["a.md", "nope.md"], built)
    assert Store(built).active() == version and doc_ids(built) == {"a.md", "b.md"}


def test_list_shows_each_document_with_outlet_date_and_unit_count(tmp_path, built, fake_embedder):
    ingest([folder(tmp_path, "news", berita_jsonl=JSONL)], built, lambda: fake_embedder, progress=False)
    listed = {d.doc_id: d for d in list_documents(built)}
    assert set(listed) == {"a.md", "b.md", "berita-1"}
    berita = listed["berita-1"]
    assert (berita.title, berita.source, berita.date, berita.units) == ("Panen raya", "jatimnow.com", "2024-05-02", 1)


def test_cli_list_and_remove(built, capsys):
    assert main(["list", "--index", str(built.index_dir)]) == 0
    assert "a.md\t-\t-\t1 units\tPasar" in capsys.readouterr().out
    assert main(["remove", "a.md", "--index", str(built.index_dir)]) == 0
    assert "1 removed (a.md)" in capsys.readouterr().out
    assert main(["remove", "a.md", "--index", str(built.index_dir)]) == 1
    assert capsys.readouterr().err.startswith("Error: not in the index: a.md")


# People are found once, at ingest.

def test_each_document_stores_the_people_it_names(built, docs):
    stored = Store(built).snapshot().documents
    assert stored["b.md"].people == (("Budi Santoso", "Kepala Humas"),)
    assert stored["a.md"].people == ()
    assert stored["b.md"].people == tuple((p.name, p.role) for p in people(stored["b.md"]))


def test_documents_indexed_before_people_were_stored_get_them_on_the_next_ingest(
        tmp_path, docs, settings, fake_embedder, monkeypatch):
    with monkeypatch.context() as old_format:
        old_format.setattr(ingest_module, "STORED_FIELDS", "")
        old_format.setattr(store_module, "doc_metadata", without_people)
        ingest([docs], settings, lambda: fake_embedder, progress=False)
    assert Store(settings).snapshot().documents["b.md"].people == ()
    ingest([folder(tmp_path, "more", c_md=C)], settings, lambda: fake_embedder, progress=False)
    stored = Store(settings).snapshot().documents
    assert stored["b.md"].people == (("Budi Santoso", "Kepala Humas"),)


# Versions.

def test_each_change_switches_in_a_new_version_and_drops_the_old(docs, built, fake_embedder):
    first = Store(built).active()
    (docs / "b.md").write_text(B_EDITED, encoding="utf-8")
    report = ingest([docs], built, lambda: fake_embedder, progress=False)
    assert report.version and report.version != first
    assert Store(built).active() == report.version and Store(built).versions() == {report.version}


def test_a_version_leased_by_a_live_reader_is_kept_until_it_moves_on(docs, built, fake_embedder):
    reader = LiveIndex(built)
    held = reader.current()
    (docs / "b.md").write_text(B_EDITED, encoding="utf-8")
    report = ingest([docs], built, lambda: fake_embedder, progress=False)
    assert held.dense_search(fake_embedder.embed_query("hoaks menyebar"), 1)[0][0].startswith("b.md#")
    assert reader.current().version == report.version
    assert Store(built).versions() == {report.version}


def test_a_lease_of_a_dead_process_does_not_count(built):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    lease = Lease(built)
    lease.hold("v1")
    assert leased_versions(built) == {"v1"}
    lease.path.write_text(f'{{"pid": {int(dead.stdout)}, "version": "v1"}}', encoding="utf-8")
    assert leased_versions(built) == set() and not lease.path.exists()


@pytest.fixture
def interrupted(docs, built, fake_embedder):
    """(settings, units before, active version): an ingest of a new 20-unit document, interrupted after its
    first batch."""
    before = units(built)
    version = Store(built).active()
    (docs / "long.md").write_text(LONG)
    failing = Counting(fake_embedder, fail_after=1)
    with pytest.raises(Interrupted):  # batches of max(4 * 4, 16) = 16 units: the second one fails
        ingest([docs], built.with_(embed_batch_size=4), lambda: failing, progress=False)
    assert failing.batches == 1  # one batch was written into the unfinished version
    (docs / "long.md").unlink()
    return built, before, version


def test_interrupted_ingest_leaves_the_previous_version_answering(interrupted):
    settings, before, version = interrupted
    assert Store(settings).active() == version
    assert units(settings) == before


def test_next_ingest_removes_the_leftovers_of_an_interrupted_one(interrupted, docs):
    settings, _, version = interrupted
    assert len(Store(settings).versions()) == 2  # the active one and the unfinished one
    ingest([docs], settings, no_model, progress=False)
    assert Store(settings).versions() == {version}


def test_next_ingest_resumes_where_an_interrupted_one_stopped(interrupted, docs, fake_embedder):
    settings, _, _ = interrupted
    (docs / "long.md").write_text(LONG)
    counting = Counting(fake_embedder)
    report = ingest([docs], settings.with_(embed_batch_size=4), lambda: counting, progress=False)
    assert report.resumed == 16  # the first batch, embedded before the interruption
    assert len(counting.texts) == 4  # only the units the interrupted ingest never reached
    assert len([u for u in units(settings) if u[0] == "long.md"]) == 20


def test_rebuild_produces_a_fresh_version_with_the_same_units(docs, built, fake_embedder):
    before_version, before = Store(built).active(), units(built)
    report = ingest([docs], built, lambda: fake_embedder, rebuild=True, progress=False)
    assert report.version and report.version != before_version
    assert (report.added, report.kept) == (["a.md", "b.md"], [])
    assert Store(built).active() == report.version and units(built) == before
    assert before_version not in Store(built).versions()


# A damaged index.

def damage(settings: Settings, tmp_path: Path) -> Settings:
    """A copy of the index with garbage bytes for its database. (A copy, because Chroma keeps the databases it
    opened in this process cached by path.)"""
    damaged = tmp_path / "damaged-index"
    shutil.copytree(settings.index_dir, damaged)
    (damaged / "chroma.sqlite3").write_bytes(b"\x00this is not sqlite\xff" * 512)
    return settings.with_(index_dir=damaged)


def test_damaged_index_error_says_to_rebuild(docs, built, fake_embedder, tmp_path):
    with pytest.raises(StoreError, match="damaged.*--rebuild"):
        ingest([docs], damage(built, tmp_path), lambda: fake_embedder, progress=False)


def test_opening_a_damaged_index_says_to_rebuild(built, tmp_path):
    with pytest.raises(StoreError, match="damaged.*--rebuild"):
        Store(damage(built, tmp_path))


def test_rebuild_over_a_damaged_index_succeeds_and_moves_it_aside(docs, built, fake_embedder, tmp_path):
    damaged = damage(built, tmp_path)
    report = ingest([docs], damaged, lambda: fake_embedder, rebuild=True, progress=False)
    [aside] = list(tmp_path.glob("damaged-index.damaged-*"))
    assert (aside / "chroma.sqlite3").read_bytes().startswith(b"\x00this is not sqlite")
    assert report.added == ["a.md", "b.md"]
    assert {u.doc_id for u in Store(damaged).snapshot().units} == {"a.md", "b.md"}


# One writer at a time (the two-process cases are in tests/reliability/test_ingest_processes.py).

def test_a_second_writer_that_cannot_wait_names_the_holder(settings):
    with writer_lock(settings):
        with pytest.raises(StoreError, match=rf"another ingest \(pid {os.getpid()}, since .*\) is writing"):
            with writer_lock(settings, wait=0.3):
                pass


def test_a_second_writer_waits_for_the_first(settings):
    released = threading.Event()

    def hold():
        with writer_lock(settings):
            started.set()
            released.wait(5)

    started = threading.Event()
    holder = threading.Thread(target=hold)
    holder.start()
    started.wait(5)
    threading.Timer(0.3, released.set).start()
    with writer_lock(settings, wait=5):
        assert released.is_set()
    holder.join()


# Reading large collections.

def test_every_record_is_read_when_a_collection_holds_more_than_one_page(built, monkeypatch):
    """Chroma's SQLite backend refuses one get() of more than ~32k records: reads go in pages."""
    everything = units(built)
    monkeypatch.setattr(store_module, "PAGE", 1)
    assert len(everything) == 2 and units(built) == everything
    assert doc_ids(built) == {"a.md", "b.md"}


# Vector families.

class FamilyEmbedder:
    """The fake embedder's vectors under a named family (as the real backends name theirs)."""

    def __init__(self, inner, family: str):
        self.inner, self.family = inner, family

    def embed_documents(self, texts, titles=None):
        return self.inner.embed_documents(texts, titles)

    def embed_query(self, text):
        return self.inner.embed_query(text)


def test_an_ingest_records_the_family_of_its_vectors(docs, settings, fake_embedder):
    ingest([docs], settings, lambda: FamilyEmbedder(fake_embedder, "gemma/fp32"), progress=False)
    assert Store(settings).family() == "gemma/fp32"


def test_vectors_of_another_family_are_not_mixed_into_an_index(tmp_path, docs, settings, fake_embedder):
    ingest([docs], settings, lambda: FamilyEmbedder(fake_embedder, "gemma/fp32"), progress=False)
    more = folder(tmp_path, "more", c_md="# C\n\nKalimat baru tentang pelabuhan.")
    with pytest.raises(StoreError, match="--rebuild"):
        ingest([more], settings, lambda: FamilyEmbedder(fake_embedder, "gemma/bf16"), progress=False)
    assert doc_ids(settings) == {"a.md", "b.md"} and Store(settings).family() == "gemma/fp32"


def test_a_rebuild_embeds_everything_in_the_new_family(docs, settings, fake_embedder):
    ingest([docs], settings, lambda: FamilyEmbedder(fake_embedder, "gemma/fp32"), progress=False)
    ingest([docs], settings, lambda: FamilyEmbedder(fake_embedder, "gemma/bf16"), rebuild=True, progress=False)
    assert Store(settings).family() == "gemma/bf16"


def test_an_assistant_whose_encoder_is_of_another_family_says_to_rebuild(docs, settings, fake_embedder):
    from assistant.assistant import Assistant

    ingest([docs], settings, lambda: FamilyEmbedder(fake_embedder, "gemma/fp32"), progress=False)
    with pytest.raises(StoreError, match="do not mix"):
        Assistant(settings=settings, embedder=FamilyEmbedder(fake_embedder, "gemma/bf16"), build=False)
