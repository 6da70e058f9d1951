"""Shared fixtures: the feedback log kept out of the home folder, one real embedder and one seed index per
session, the seed documents, and a small fake embedder for fast unit tests of ranking logic.

Real-model fixtures are only built when a test asks for them, so `pytest -m "not slow"` never loads the
model.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def pytest_addoption(parser):
    parser.addoption("--soak", action="store_true", help="run the soak test (make soak); never in CI")


def pytest_collection_modifyitems(config, items):
    """Soak tests run only when asked for (`make soak`): they take minutes and load a server."""
    if config.getoption("--soak"):
        return
    keep = [item for item in items if "soak" not in item.keywords]
    config.hook.pytest_deselected(items=[item for item in items if "soak" in item.keywords])
    items[:] = keep


@pytest.fixture(autouse=True)
def feedback_in_tmp(tmp_path, monkeypatch):
    """Feedback goes to the test's own folder, never the user's home. (ASSISTANT_HOME is left alone: it
    holds the cached model, which would otherwise be fetched again.)"""
    path = tmp_path / "feedback.jsonl"
    monkeypatch.setenv("ASSISTANT_FEEDBACK_PATH", str(path))
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_documents():
    """The two seed articles as cleaned Documents, by doc_id."""
    from assistant.documents.readers import read_documents

    report = read_documents([SEEDS])
    assert not report.problems, report.problems
    return {doc.doc_id: doc for doc in report.documents}


@pytest.fixture(scope="session")
def article_2022(seed_documents):
    """barometerbali, "Optimalkan Peran Humas ..." (Kumham PR Summit 2022)."""
    return next(d for d in seed_documents.values() if d.doc_id.startswith("000_"))


@pytest.fixture(scope="session")
def article_2024(seed_documents):
    """jatimnow.com, "Kakanwil Kemenkumham Jatim Tekankan ..." (Kumham PR Bootcamp 2024)."""
    return next(d for d in seed_documents.values() if d.doc_id.startswith("003_"))


@pytest.fixture(scope="session")
def embedder():
    """The real embedding model, loaded once per session (~10 s)."""
    from assistant.config import load_settings
    from assistant.index.embedder import load_embedder

    return load_embedder(load_settings())


@pytest.fixture(scope="session")
def seed_settings(tmp_path_factory, embedder, seeds_dir):
    """Settings of a seed index built once per session with the real model (~15 s)."""
    from assistant.config import load_settings
    from assistant.index.ingest import ingest

    index = tmp_path_factory.mktemp("seed-index")
    settings = load_settings(index_dir=index, seeds_dir=seeds_dir,
                             feedback_path=tmp_path_factory.mktemp("feedback") / "feedback.jsonl")
    ingest([seeds_dir], settings, lambda: embedder, progress=False)
    return settings


@pytest.fixture(scope="session")
def seed_bot(seed_settings, embedder):
    """An Assistant over the shared seed index. Read-only: tests that mutate an index build their own."""
    from assistant.assistant import Assistant

    return Assistant(settings=seed_settings, embedder=embedder, build=False, progress=False)


class HashingEmbedder:
    """A fake embedder that still separates texts: a normalised, hashed bag of lower-cased words.

    Texts sharing words get a high cosine, texts sharing none get zero; stable across runs (blake2b).
    """

    def __init__(self, dim: int = 512):
        self.dim = dim

    def _vector(self, text: str) -> np.ndarray:
        text.encode("utf-8")  # like a real tokenizer, fail on text that is not valid Unicode
        vector = np.zeros(self.dim, dtype=np.float32)
        for word in re.findall(r"\w+", text.lower()):
            slot = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "big") % self.dim
            vector[slot] += 1.0
        norm = np.linalg.norm(vector)
        return vector / norm if norm else vector

    def embed_documents(self, texts: list[str], titles: list[str] | None = None) -> np.ndarray:
        return np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._vector(text)


@pytest.fixture
def fake_embedder() -> HashingEmbedder:
    return HashingEmbedder()


@pytest.fixture(scope="session")
def fake_seed_bot(tmp_path_factory, seeds_dir):
    """An Assistant over the seed documents indexed with the fake embedder: real Chroma, real pipeline,
    answers in milliseconds (for property and load tests; the real model's answers are tested elsewhere)."""
    from assistant.assistant import Assistant
    from assistant.config import load_settings
    from assistant.index.ingest import ingest

    settings = load_settings(index_dir=tmp_path_factory.mktemp("fake-seed-index"), seeds_dir=seeds_dir)
    embedder = HashingEmbedder()
    ingest([seeds_dir], settings, lambda: embedder, progress=False)
    return Assistant(settings=settings, embedder=embedder, build=False, progress=False)
