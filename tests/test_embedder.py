"""Encoder backends: choosing by measurement (fake backends, fast) and the ONNX backend against torch fp32
(the real model, slow)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant.config import load_settings
from assistant.errors import ModelError
from assistant.index import embedder as emb
from assistant.index import provision

ROOT = Path(__file__).resolve().parent.parent


class FakeBackend:
    """Vectors = a fixed random projection of character counts, plus optional noise; a set delay per call."""

    def __init__(self, noise: float = 0.0, family: str = "fake/fp32"):
        self.noise = noise
        self.family = family
        self.calls = 0

    def _vector(self, text: str) -> np.ndarray:
        counts = np.bincount(np.frombuffer(text.lower().encode(), np.uint8), minlength=256).astype(np.float32)
        vector = np.random.default_rng(0).standard_normal((256, 64)).T @ counts
        vector += self.noise * np.random.default_rng(len(text)).standard_normal(64) * np.linalg.norm(vector)
        return (vector / np.linalg.norm(vector)).astype(np.float32)

    def embed_documents(self, texts, titles=None):
        self.calls += 1
        return np.stack([self._vector(t) for t in texts])

    def embed_query(self, text):
        return self._vector(text)


class SlowBackend(FakeBackend):
    def __init__(self, ms: float, noise: float = 0.0):
        super().__init__(noise)
        self.ms = ms

    def embed_documents(self, texts, titles=None):
        import time

        time.sleep(self.ms / 1000)
        return super().embed_documents(texts, titles)


def loaders(**backends) -> dict:
    return {name.replace("_", "-"): (lambda b=b: b) for name, b in backends.items()}


def test_selection_picks_the_fastest_backend_whose_vectors_match_fp32():
    trials = emb.measure(loaders(torch_fp32=SlowBackend(40), torch_bf16=SlowBackend(20),
                                 onnx_fp32=SlowBackend(30)), rounds=2)
    assert all(t.matches for t in trials)
    assert emb.pick(trials) == "torch-bf16"


def test_selection_rejects_a_faster_backend_whose_vectors_differ():
    trials = emb.measure(loaders(torch_fp32=SlowBackend(40), torch_bf16=SlowBackend(1, noise=0.3),
                                 onnx_fp32=SlowBackend(30)), rounds=2)
    by_name = {t.backend: t for t in trials}
    assert by_name["torch-bf16"].min_cosine < emb.MIN_COSINE and not by_name["torch-bf16"].matches
    assert emb.pick(trials) == "onnx-fp32"
    assert "REJECTED" in by_name["torch-bf16"].describe()


def test_a_backend_that_cannot_load_is_reported_not_chosen():
    def broken():
        raise ImportError("no onnxruntime")

    trials = emb.measure({"torch-fp32": lambda: SlowBackend(5), "onnx-fp32": broken}, rounds=1)
    onnx = next(t for t in trials if t.backend == "onnx-fp32")
    assert "no onnxruntime" in onnx.error and not onnx.matches
    assert emb.pick(trials) == "torch-fp32"


def test_without_the_reference_backend_nothing_can_be_checked():
    def broken():
        raise ModelError("damaged")

    with pytest.raises(ModelError, match="reference backend"):
        emb.measure({"torch-fp32": broken, "onnx-fp32": lambda: FakeBackend()})


def fake_settings(tmp_path: Path, backend: str = "auto"):
    return load_settings(model_dir=tmp_path / "models" / "gemma", index_dir=tmp_path / "index").with_(
        model_backend=backend)


def test_the_choice_is_cached_per_machine_and_reused(tmp_path, monkeypatch):
    settings = fake_settings(tmp_path)
    fast = SlowBackend(1)
    first = emb.choose_backend(settings, loaders=loaders(torch_fp32=SlowBackend(20), onnx_fp32=fast))
    assert first.chosen == "onnx-fp32"
    saved = json.loads(emb.choice_path(settings.model_dir).read_text())
    assert saved["chosen"] == "onnx-fp32" and {t["backend"] for t in saved["trials"]} == {"torch-fp32", "onnx-fp32"}

    def must_not_measure():
        raise AssertionError("measured again although a choice was cached")

    again = emb.choose_backend(settings, loaders={"torch-fp32": must_not_measure})
    assert again.chosen == "onnx-fp32" and again.trials == first.trials

    monkeypatch.setattr(emb, "machine_key", lambda model_dir: "another-cpu")  # a different machine
    other = emb.choose_backend(settings, loaders=loaders(torch_fp32=SlowBackend(1), onnx_fp32=SlowBackend(20)))
    assert other.chosen == "torch-fp32"


def test_answering_processes_load_onnx_when_it_matches_even_where_ingest_picks_another(tmp_path, monkeypatch):
    settings = fake_settings(tmp_path)
    emb.choose_backend(settings, loaders=loaders(torch_fp32=SlowBackend(20), torch_bf16=SlowBackend(1),
                                                 onnx_fp32=SlowBackend(10)))
    built: list[str] = []
    monkeypatch.setattr(emb, "backend_loaders", lambda s, family_for=None: {
        name: (lambda name=name: built.append(name) or FakeBackend()) for name in emb.BACKENDS})
    emb.load_embedder(settings, fetch=False)
    emb.load_embedder(settings, fetch=False, purpose="query")
    assert built == ["torch-bf16", "onnx-fp32"]


def test_answering_processes_keep_ingests_pick_when_onnx_does_not_match(tmp_path):
    settings = fake_settings(tmp_path)
    choice = emb.choose_backend(settings, loaders=loaders(torch_fp32=SlowBackend(20), torch_bf16=SlowBackend(1),
                                                          onnx_fp32=SlowBackend(10, noise=0.5)))
    assert choice.for_queries() == choice.chosen == "torch-bf16"


def test_the_machine_key_depends_on_the_model(tmp_path):
    assert emb.machine_key(tmp_path / "a") != emb.machine_key(tmp_path / "b")
    assert emb.machine_key(tmp_path / "a") == emb.machine_key(tmp_path / "a")


def test_a_forced_backend_is_used_without_measuring(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_MODEL_BACKEND", "torch-bf16")
    settings = load_settings(model_dir=tmp_path / "gemma")
    assert settings.model_backend == "torch-bf16"
    built: list[str] = []
    monkeypatch.setattr(emb, "backend_loaders", lambda s, family_for=None: {
        name: (lambda name=name: built.append(name) or FakeBackend(family=family_for(name)))
        for name in emb.BACKENDS})
    monkeypatch.setattr(emb, "measure", lambda *a, **k: pytest.fail("measured although a backend was forced"))
    embedder = emb.load_embedder(settings, fetch=False)
    assert built == ["torch-bf16"]
    assert embedder.family == "gemma/bf16"  # not verified against fp32 on this machine: its own family


def test_bf16_joins_the_fp32_family_only_where_it_was_measured_to_match(tmp_path):
    settings = fake_settings(tmp_path)
    emb.choose_backend(settings, loaders=loaders(torch_fp32=SlowBackend(20), torch_bf16=SlowBackend(1)))
    assert emb.backend_family(settings.model_dir, "torch-bf16") == "gemma/fp32"
    assert emb.backend_family(settings.model_dir, "onnx-fp32") == "gemma/fp32"
    emb.choose_backend(settings, remeasure=True,
                       loaders=loaders(torch_fp32=SlowBackend(20), torch_bf16=SlowBackend(1, noise=0.3)))
    assert emb.backend_family(settings.model_dir, "torch-bf16") == "gemma/bf16"


def test_an_unknown_backend_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="unknown model backend 'cuda'"):
        emb.load_embedder(fake_settings(tmp_path, "cuda"), fetch=False)


def test_pooling_ignores_padding_and_projects_to_unit_length():
    hidden = np.array([[[1.0, 0.0], [3.0, 2.0], [100.0, 100.0]]], np.float32)
    mask = np.array([[1, 1, 0]])
    swap = np.array([[0.0, 1.0], [1.0, 0.0]], np.float32)
    vector = emb.pool_and_project(hidden, mask, [swap])[0]
    np.testing.assert_allclose(vector, np.array([1.0, 2.0]) / np.sqrt(5), rtol=1e-6)


def test_torch_backend_refuses_an_unverified_folder_and_says_what_to_run(tmp_path):
    with pytest.raises(ModelError, match="assistant model"):
        emb.TorchEmbedder(tmp_path)


# --- the real model ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def onnx_and_fp32():
    settings = load_settings()
    provision.ensure_model(settings.model_dir)
    backends = emb.backend_loaders(settings)
    return backends["onnx-fp32"](), backends["torch-fp32"]()


@pytest.mark.slow
def test_onnx_vectors_match_torch_fp32_on_real_text(onnx_and_fp32, article_2024):
    onnx, fp32 = onnx_and_fp32
    paragraphs = [p for p in article_2024.text.split("\n") if len(p) > 80][:3]
    titled = (paragraphs, [article_2024.title] * len(paragraphs))
    long_text = ""  # just past the 512-token sliding window of Gemma 3's local layers, embedded alone
    while len(onnx._tokenizer.encode(long_text).ids) <= 530:
        long_text += " " + paragraphs[len(long_text) % len(paragraphs)]
    for texts, titles in (titled, ([long_text], None), (paragraphs[:1], None)):
        a, b = onnx.embed_documents(texts, titles=titles), fp32.embed_documents(texts, titles=titles)
        assert a.shape == b.shape == (len(texts), 768)
        assert emb.min_cosine(a, b) >= emb.MIN_COSINE
    q_onnx, q_fp32 = onnx.embed_query("Apa kata Heni tentang hoaks?"), fp32.embed_query("Apa kata Heni tentang hoaks?")
    assert float(q_onnx @ q_fp32) >= emb.MIN_COSINE
    assert abs(float(np.linalg.norm(q_onnx)) - 1.0) < 1e-5
    assert onnx.family == fp32.family == "embeddinggemma-300m/fp32"
    assert onnx.embed_documents([]).shape == (0, 768)


@pytest.mark.slow
def test_the_onnx_query_path_imports_neither_torch_nor_sentence_transformers(onnx_and_fp32):
    script = ("import sys; from assistant.config import load_settings; "
              "from assistant.index.embedder import load_embedder; "
              "e = load_embedder(load_settings()); v = e.embed_query('Apa kata Heni tentang hoaks?'); "
              "print(type(e).__name__, e.family, round(float(v @ v), 4), "
              "[m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules])")
    env = {**os.environ, "ASSISTANT_MODEL_BACKEND": "onnx-fp32", "HF_HUB_OFFLINE": "1"}
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                         cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["OnnxEmbedder", "embeddinggemma-300m/fp32", "1.0", "[]"]
