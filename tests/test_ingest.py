"""Incremental, versioned ingest with the real model on tiny documents: only what changed is embedded, an
interrupted ingest changes nothing readers see, a damaged index is reported (and moved aside on rebuild)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.config import Settings, load_settings
from assistant.errors import IndexError_
from assistant.index.ingest import ingest
from assistant.index.store import Store

A = "# Pasar\n\nPasar ikan di Surabaya ramai pembeli.\n"
B = "# Hoaks\n\n“Hoaks menyebar lebih cepat dari kebenaran,” ujar Budi Santoso.\n"
B_EDITED = "# Hoaks\n\n“Hoaks harus dilawan dengan literasi digital,” ujar Budi Santoso.\n"


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


@pytest.fixture
def docs(tmp_path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.md").write_text(A, encoding="utf-8")
    (folder / "b.md").write_text(B, encoding="utf-8")
    return folder


@pytest.fixture
def settings(tmp_path):
    return load_settings(index_dir=tmp_path / "index")


@pytest.fixture
def built(docs, settings, embedder):
    """The tiny index after a first ingest of a.md and b.md."""
    ingest([docs], settings, lambda: embedder, progress=False)
    return settings


def units(settings) -> list[tuple[str, str, str]]:
    return [(u.doc_id, u.chunk_id, u.text) for u in Store(settings).snapshot().units]


def collections(settings) -> set[str]:
    return {c if isinstance(c, str) else c.name for c in Store(settings).client.list_collections()}


def test_no_readable_documents_is_an_error_and_creates_nothing(tmp_path, settings):
    (tmp_path / "empty").mkdir()
    with pytest.raises(IndexError_, match="no readable documents"):
        ingest([tmp_path / "empty"], settings, lambda: pytest.fail("embedder requested"), progress=False)
    assert not settings.index_dir.exists()


@pytest.mark.slow
def test_reingesting_unchanged_files_embeds_nothing(docs, built, embedder):
    counting = Counting(embedder)
    report = ingest([docs], built, lambda: counting, progress=False)
    assert counting.texts == []
    assert (report.version, report.added, report.kept) == (None, [], ["a.md", "b.md"])


@pytest.mark.slow
def test_reingesting_unchanged_files_keeps_the_same_units_without_duplicates(docs, built, embedder):
    before = units(built)
    ingest([docs], built, lambda: embedder, progress=False)
    after = units(built)
    assert after == before
    assert len({chunk_id for _, chunk_id, _ in after}) == len(after) == 2


@pytest.mark.slow
def test_edited_file_is_reembedded_and_the_others_kept(docs, built, embedder):
    before = units(built)
    (docs / "b.md").write_text(B_EDITED, encoding="utf-8")
    counting = Counting(embedder)
    report = ingest([docs], built, lambda: counting, progress=False)
    assert (report.added, report.kept) == (["b.md"], ["a.md"])
    assert counting.texts == ["Budi Santoso: “Hoaks harus dilawan dengan literasi digital,” ujar Budi Santoso."]
    after = units(built)
    assert [u for u in after if u[0] == "a.md"] == [u for u in before if u[0] == "a.md"]
    assert [text for doc, _, text in after if doc == "b.md"] == [
        "“Hoaks harus dilawan dengan literasi digital,” ujar Budi Santoso."]


@pytest.mark.slow
def test_kept_documents_still_answer_dense_search(docs, built, embedder):
    (docs / "b.md").write_text(B_EDITED, encoding="utf-8")
    ingest([docs], built, lambda: embedder, progress=False)
    snapshot = Store(built).snapshot()
    [(chunk_id, cosine)] = snapshot.dense_search(embedder.embed_query("pasar ikan di Surabaya"), 1)
    assert chunk_id.startswith("a.md#") and cosine > 0.4


@pytest.mark.slow
def test_removed_file_leaves_the_index(docs, built, embedder):
    (docs / "b.md").unlink()
    report = ingest([docs], built, lambda: embedder, progress=False)
    snapshot = Store(built).snapshot()
    assert report.removed == ["b.md"]
    assert {u.doc_id for u in snapshot.units} == {"a.md"} and set(snapshot.documents) == {"a.md"}


@pytest.mark.slow
def test_removing_a_file_does_not_load_the_model(docs, built):
    (docs / "b.md").unlink()
    report = ingest([docs], built, lambda: pytest.fail("model loaded although nothing needs embedding"),
                    progress=False)
    assert report.removed == ["b.md"]


@pytest.fixture
def interrupted(docs, built, embedder):
    """(settings, units before, active version): an ingest of a new 20-unit document, interrupted after its first batch."""
    before = units(built)
    version = Store(built).active()
    (docs / "long.md").write_text(LONG)
    failing = Counting(embedder, fail_after=1)
    with pytest.raises(Interrupted):  # batches of max(4 * 4, 16) = 16 units: the second one fails
        ingest([docs], built.with_(embed_batch_size=4), lambda: failing, progress=False)
    assert failing.batches == 1  # one batch was written into the unfinished version
    (docs / "long.md").unlink()
    return built, before, version


@pytest.mark.slow
def test_interrupted_ingest_leaves_the_previous_version_answering(interrupted):
    settings, before, version = interrupted
    assert Store(settings).active() == version
    assert units(settings) == before


@pytest.mark.slow
def test_next_ingest_removes_the_leftovers_of_an_interrupted_one(interrupted, docs, embedder):
    settings, _, version = interrupted
    assert len(collections(settings)) > 3  # meta + the active version's two + the unfinished version's
    ingest([docs], settings, lambda: embedder, progress=False)
    name = settings.collection
    assert collections(settings) == {f"{name}-meta", f"{name}-{version}-units", f"{name}-{version}-docs"}


@pytest.mark.slow
def test_next_ingest_resumes_where_an_interrupted_one_stopped(interrupted, docs, embedder):
    settings, _, _ = interrupted
    (docs / "long.md").write_text(LONG)
    counting = Counting(embedder)
    report = ingest([docs], settings.with_(embed_batch_size=4), lambda: counting, progress=False)
    assert report.resumed == 16  # the first batch, embedded before the interruption
    assert len(counting.texts) == 4  # only the units the interrupted ingest never reached
    assert len([u for u in units(settings) if u[0] == "long.md"]) == 20


@pytest.mark.slow
def test_rebuild_produces_a_fresh_version_with_the_same_units(docs, built, embedder):
    before_version, before = Store(built).active(), units(built)
    report = ingest([docs], built, lambda: embedder, rebuild=True, progress=False)
    assert report.version and report.version != before_version
    assert (report.added, report.kept) == (["a.md", "b.md"], [])
    assert Store(built).active() == report.version and units(built) == before
    assert not any(before_version in name for name in collections(built))


def damage(settings: Settings, tmp_path: Path) -> Settings:
    """A copy of the index with garbage bytes for its database. (A copy, because Chroma keeps the databases it
    opened in this process cached by path.)"""
    damaged = tmp_path / "damaged-index"
    shutil.copytree(settings.index_dir, damaged)
    (damaged / "chroma.sqlite3").write_bytes(b"\x00this is not sqlite\xff" * 512)
    return settings.with_(index_dir=damaged)


@pytest.mark.slow
def test_damaged_index_error_says_to_rebuild(docs, built, embedder, tmp_path):
    damaged = damage(built, tmp_path)
    with pytest.raises(IndexError_, match="--rebuild"):
        ingest([docs], damaged, lambda: embedder, progress=False)


@pytest.mark.slow
def test_opening_a_damaged_index_says_to_rebuild(built, tmp_path):
    with pytest.raises(IndexError_, match="--rebuild"):
        Store(damage(built, tmp_path))


@pytest.mark.slow
def test_rebuild_over_a_damaged_index_succeeds_and_moves_it_aside(docs, built, embedder, tmp_path):
    damaged = damage(built, tmp_path)
    report = ingest([docs], damaged, lambda: embedder, rebuild=True, progress=False)
    [aside] = list(tmp_path.glob("damaged-index.damaged-*"))
    assert (aside / "chroma.sqlite3").read_bytes().startswith(b"\x00this is not sqlite")
    assert report.added == ["a.md", "b.md"]
    assert {u.doc_id for u in Store(damaged).snapshot().units} == {"a.md", "b.md"}


@pytest.mark.slow
def test_changing_the_unit_size_rechunks_on_the_next_ingest(tmp_path, settings, embedder):
    docs = tmp_path / "three"
    docs.mkdir()
    (docs / "c.md").write_text("# Tiga\n\nSatu kalimat. Dua kalimat. Tiga kalimat.\n", encoding="utf-8")
    ingest([docs], settings.with_(max_unit_sentences=3), lambda: embedder, progress=False)
    one_each = settings.with_(max_unit_sentences=1)
    ingest([docs], one_each, lambda: embedder, progress=False)
    assert [text for _, _, text in units(one_each)] == ["Satu kalimat.", "Dua kalimat.", "Tiga kalimat."]
