"""Turning text into vectors: the `Embedder` protocol, three backends, and picking one by measurement.

Backends of the same model (EmbeddingGemma-300M, provisioned by `provision`):
- `torch-fp32`: sentence-transformers in float32, the reference every other backend is checked against;
- `torch-bf16`: the same in bfloat16, several times faster on CPUs with AVX512-BF16 and several times
  slower on CPUs without it;
- `onnx-fp32`: the transformer exported to ONNX and run by ONNX Runtime, with tokenisation, pooling, the
  Dense layers and normalisation done here from the model folder, so queries need neither torch nor
  sentence-transformers (importing those dominates a cold start).

Which is fastest depends on the CPU, so it is measured on the machine that runs (`choose_backend`): each
backend embeds a fixed sample, those whose vectors are not within cosine `MIN_COSINE` of fp32 are
rejected, the fastest of the rest wins. The decision is cached in the model cache, keyed by the model and
the CPU, so it is measured once per machine. `ASSISTANT_MODEL_BACKEND` forces a backend.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Protocol

import numpy as np

from ..errors import ModelError
from .locks import exclusive
from .provision import ONNX_FILE, ensure_model, ensure_onnx, is_ready

if TYPE_CHECKING:
    from ..config import Settings

log = logging.getLogger(__name__)

BACKENDS = ("torch-fp32", "torch-bf16", "onnx-fp32")
REFERENCE = "torch-fp32"
# Vectors this close to fp32 rank like fp32 and can share an index with them (one `family`).
MIN_COSINE = 0.999

# The fixed sample every backend embeds for the fp32 check and the timing: news passages of the length
# ingest produces (1-3 sentences, speaker prefixed), in Indonesian and English, plus queries.
SAMPLE_PASSAGES: list[tuple[str, str]] = [
    ("Kakanwil Kemenkumham Jatim Tekankan Peran Humas",
     "Heni Yuwono: Humas harus menjadi garda terdepan melawan hoaks. Informasi yang keliru harus segera "
     "diluruskan dengan data yang akurat, ujar Kakanwil Kemenkumham Jatim, Heni Yuwono."),
    ("Optimalkan Peran Humas di Era Digital",
     "Para peserta Kumham PR Summit 2022 diminta aktif mengelola media sosial satuan kerja masing-masing "
     "agar capaian kinerja tersampaikan kepada masyarakat secara luas."),
    ("Banjir Rendam Ratusan Rumah",
     "Badan Penanggulangan Bencana Daerah mencatat 350 rumah terendam banjir setinggi satu meter. Warga "
     "diungsikan ke balai desa sejak Senin malam, kata kepala pelaksana BPBD setempat."),
    ("Harga Beras Naik Jelang Ramadan",
     "Kenaikan harga beras medium mencapai Rp1.000 per kilogram di pasar tradisional. Pemerintah berjanji "
     "menggelar operasi pasar untuk menstabilkan harga dalam dua pekan ke depan."),
    ("Timnas Indonesia Lolos ke Putaran Final",
     "Pelatih tim nasional menyebut kemenangan atas Vietnam sebagai hasil kerja keras seluruh pemain. "
     "Kami tidak boleh cepat puas, tegasnya usai pertandingan."),
    ("",
     "Ernest Douwes Dekker wafat dini hari tanggal 28 Agustus 1950 dan dimakamkan di TMP Cikutra, Bandung."),
    ("Ministry urges public relations officers to fight misinformation",
     "The regional head of the law ministry said that public relations teams must correct false "
     "information quickly, using accurate data and official sources."),
    ("Gempa Magnitudo 5,2 Guncang Sulawesi",
     "BMKG memastikan gempa tidak berpotensi tsunami. Getaran dirasakan cukup kuat selama beberapa detik "
     "di Kota Palu dan sekitarnya, namun belum ada laporan kerusakan."),
]
SAMPLE_QUERIES: list[str] = [
    "What did Heni say about hoaxes?",
    "Apa kata Heni tentang hoaks?",
    "Berapa rumah yang terendam banjir?",
    "Where was Douwes Dekker buried?",
]


class Embedder(Protocol):
    """What indexing and retrieval need from an embedding model: unit-normalised vectors.

    `family` names the vector space: backends whose vectors match fp32 share one (for example
    "embeddinggemma-300m/fp32"), so an index built by one can be queried by another.
    """

    family: str

    def embed_documents(self, texts: list[str], titles: list[str] | None = None) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


def family_name(model_dir: Path, precision: str) -> str:
    return f"{model_dir.name}/{precision}"


def _require_model(model_dir: Path) -> None:
    if not is_ready(model_dir):
        raise ModelError(f"no verified model in {model_dir}: run `assistant model` (or `make install`).")


class TorchEmbedder:
    """EmbeddingGemma through sentence-transformers on the CPU, in float32 or bfloat16.

    sentence-transformers applies the model's own prompts ("task: search result | query: ",
    "title: ... | text: "): it is the reference the ONNX backend replicates and is checked against.
    """

    def __init__(self, model_dir: Path, batch_size: int = 16, dtype: str = "float32", family: str = ""):
        _require_model(model_dir)
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import torch
        from sentence_transformers import SentenceTransformer

        try:
            self._model = SentenceTransformer(
                str(model_dir), device="cpu", local_files_only=True,
                model_kwargs={"torch_dtype": getattr(torch, dtype)},
            )
        except Exception as exc:  # a damaged cache folder shows up here
            raise ModelError(f"could not load the model from {model_dir} ({exc}); delete that folder "
                             "and run `assistant model` to fetch it again.") from exc
        self.batch_size = batch_size
        self.family = family or family_name(model_dir, "fp32" if dtype == "float32" else dtype)

    def embed_documents(self, texts: list[str], titles: list[str] | None = None) -> np.ndarray:
        """Vectors for passages; a title, when given, fills the model's `title:` slot."""
        if titles is None:
            inputs, prompt = texts, None
        else:
            inputs = [f"title: {t or 'none'} | text: {x}" for t, x in zip(titles, texts)]
            prompt = ""
        vectors = self._model.encode_document(
            inputs, prompt=prompt, batch_size=self.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        vector = self._model.encode_query(text, normalize_embeddings=True, convert_to_numpy=True)
        return np.asarray(vector, dtype=np.float32)


class OnnxEmbedder:
    """The transformer in ONNX Runtime; the rest of the sentence-transformers pipeline done here in numpy.

    Read from the model folder as sentence-transformers reads it: prompts from
    config_sentence_transformers.json, the module chain from modules.json (mean pooling over every token
    including the prompt, then each Dense layer, then normalisation), the tokenizer from tokenizer.json
    with its maximum length from sentence_bert_config.json. Imports neither torch nor
    sentence-transformers, so a query process starts in a fraction of the time.
    """

    def __init__(self, model_dir: Path, onnx_dir: Path, batch_size: int = 16, family: str = ""):
        _require_model(model_dir)
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3  # the export's unused-initializer warnings are noise
        # The session (reading 1.2 GB of weights) and the tokenizer (parsing a 33 MB JSON) each take about
        # a second of CPU at start; built on two threads they overlap on a multi-core machine.
        with ThreadPoolExecutor(max_workers=1) as pool:
            session = pool.submit(onnxruntime.InferenceSession, str(onnx_dir / ONNX_FILE), options,
                                  providers=["CPUExecutionProvider"])
            config = json.loads((model_dir / "config_sentence_transformers.json").read_text())
            self.prompts: dict[str, str] = config.get("prompts", {})
            max_length = json.loads((model_dir / "sentence_bert_config.json").read_text())["max_seq_length"]
            self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
            self._tokenizer.enable_truncation(max_length=max_length)
            self._layers = dense_layers(model_dir)
            hidden = json.loads((model_dir / "config.json").read_text())["hidden_size"]
            self.dimension: int = self._layers[-1].shape[0] if self._layers else hidden
            self._session = session.result()
        self.batch_size = batch_size
        self.family = family or family_name(model_dir, "fp32")

    def embed_documents(self, texts: list[str], titles: list[str] | None = None) -> np.ndarray:
        """Vectors for passages; a title, when given, fills the model's `title:` slot."""
        if titles is None:
            inputs = [self.prompts.get("document", "") + x for x in texts]
        else:
            inputs = [f"title: {t or 'none'} | text: {x}" for t, x in zip(titles, texts)]
        return self._encode(inputs)

    def embed_query(self, text: str) -> np.ndarray:
        return self._encode([self.prompts.get("query", "") + text])[0]

    def _encode(self, inputs: list[str]) -> np.ndarray:
        """Batches of similar length (as sentence-transformers sorts them), right-padded, masked."""
        encodings = self._tokenizer.encode_batch(inputs)
        order = np.argsort([-len(e.ids) for e in encodings], kind="stable")
        parts: list[np.ndarray] = []
        for start in range(0, len(order), self.batch_size):
            rows = order[start:start + self.batch_size]
            width = max(len(encodings[i].ids) for i in rows)
            ids = np.zeros((len(rows), width), np.int64)
            mask = np.zeros((len(rows), width), np.int64)
            for r, i in enumerate(rows):
                ids[r, :len(encodings[i].ids)] = encodings[i].ids
                mask[r, :len(encodings[i].ids)] = 1
            hidden = self._session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
            parts.append(pool_and_project(hidden, mask, self._layers))
        if not parts:
            return np.zeros((0, self.dimension), np.float32)
        vectors = np.empty((len(inputs), parts[0].shape[1]), np.float32)
        vectors[order] = np.concatenate(parts)
        return vectors


def dense_layers(model_dir: Path) -> list[np.ndarray]:
    """The weight matrices of the model's Dense modules, in order, after checking the chain is one this
    backend reproduces (Transformer, mean Pooling, bias-free identity Dense layers, Normalize)."""
    from safetensors.numpy import load_file

    layers: list[np.ndarray] = []
    for module in json.loads((model_dir / "modules.json").read_text()):
        kind = module["type"].rsplit(".", 1)[-1]
        folder = model_dir / module["path"]
        if kind == "Pooling":
            pooling = json.loads((folder / "config.json").read_text())
            if not (pooling.get("pooling_mode_mean_tokens") and pooling.get("include_prompt", True)):
                raise ModelError(f"{folder}: only mean pooling including the prompt is implemented for ONNX.")
        elif kind == "Dense":
            config = json.loads((folder / "config.json").read_text())
            if config.get("bias") or not config.get("activation_function", "").endswith("Identity"):
                raise ModelError(f"{folder}: only bias-free identity Dense layers are implemented for ONNX.")
            layers.append(load_file(str(folder / "model.safetensors"))["linear.weight"].astype(np.float32))
        elif kind not in ("Transformer", "Normalize"):
            raise ModelError(f"{model_dir}: module {kind} is not implemented for the ONNX backend.")
    return layers


def pool_and_project(hidden: np.ndarray, mask: np.ndarray, layers: list[np.ndarray]) -> np.ndarray:
    """Mean over the unmasked tokens, through each Dense layer (y = W x), to unit length."""
    weights = mask[..., None].astype(np.float32)
    vectors = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
    for weight in layers:
        vectors = vectors @ weight.T
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


# --- measuring and choosing -------------------------------------------------------------------------

@dataclass
class Trial:
    """One backend measured on the sample: speed, agreement with fp32, or why it could not run."""

    backend: str
    ms_per_passage: float | None = None
    min_cosine: float | None = None
    error: str = ""

    @property
    def matches(self) -> bool:
        return not self.error and self.min_cosine is not None and self.min_cosine >= MIN_COSINE

    def describe(self) -> str:
        if self.error:
            return f"{self.backend:<11} unavailable: {self.error}"
        verdict = "matches fp32" if self.matches else f"REJECTED: cosine < {MIN_COSINE}"
        return (f"{self.backend:<11} {self.ms_per_passage:7.1f} ms/passage   "
                f"min cosine to fp32 {self.min_cosine:.5f}   {verdict}")


@dataclass
class Choice:
    """The backend picked on one machine, with the measurements that picked it."""

    key: str
    chosen: str
    trials: list[Trial] = field(default_factory=list)
    measured_at: str = ""

    def trial(self, backend: str) -> Trial | None:
        return next((t for t in self.trials if t.backend == backend), None)

    def for_queries(self) -> str:
        """The backend a process that answers questions loads: ONNX whenever it matches fp32, whatever
        ingest's pick. Such a process encodes one short question at a time, so what it waits on is start-
        up (importing torch and sentence-transformers: 8-15 s here, against ~2 s for an ONNX session),
        not throughput; and every matching backend's vectors mix in one index."""
        onnx = self.trial("onnx-fp32")
        return "onnx-fp32" if onnx and onnx.matches else self.chosen

    def reason(self) -> str:
        chosen = self.trial(self.chosen)
        others = [t for t in self.trials if t.matches and t.backend != self.chosen and t.ms_per_passage]
        if chosen is None or chosen.ms_per_passage is None:
            return f"{self.chosen}: the only backend that ran"
        ratios = ", ".join(f"{t.ms_per_passage / chosen.ms_per_passage:.2f}x faster than {t.backend}"
                           for t in others)
        return f"{self.chosen}: the fastest backend whose vectors match fp32" + (f" ({ratios})" if ratios else "")

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2)

    @classmethod
    def from_json(cls, text: str) -> "Choice":
        data = json.loads(text)
        return cls(key=data["key"], chosen=data["chosen"], trials=[Trial(**t) for t in data["trials"]],
                   measured_at=data.get("measured_at", ""))


def machine_key(model_dir: Path) -> str:
    """What the speed ranking depends on: the model, the CPU (its model name and flags, e.g. avx512_bf16),
    the cores available, and the torch and ONNX Runtime versions."""
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        cpu = "\n".join(sorted({ln for ln in lines if ln.startswith(("model name", "flags"))}))
    except OSError:
        cpu = platform.processor() or platform.machine()
    versions = []
    for package in ("torch", "onnxruntime"):
        try:
            versions.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package}=none")
    parts = [model_dir.name, cpu, str(os.cpu_count()), *versions]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def choice_path(model_dir: Path) -> Path:
    """The cached decision for this model on this machine, beside the model in the model cache."""
    return model_dir.parent / "backend-choice" / f"{model_dir.name}-{machine_key(model_dir)}.json"


def cached_choice(model_dir: Path) -> Choice | None:
    path = choice_path(model_dir)
    try:
        choice = Choice.from_json(path.read_text())
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return choice if choice.chosen in BACKENDS else None


def sample_vectors(embedder: Embedder) -> np.ndarray:
    """The sample's passages and queries embedded by one backend, one row each."""
    titles = [t for t, _ in SAMPLE_PASSAGES]
    texts = [x for _, x in SAMPLE_PASSAGES]
    queries = np.stack([embedder.embed_query(q) for q in SAMPLE_QUERIES])
    return np.concatenate([embedder.embed_documents(texts, titles=titles), queries])


def min_cosine(a: np.ndarray, b: np.ndarray) -> float:
    """The lowest row-wise cosine between two sets of vectors (the worst sample, not the average)."""
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    return float((a * b).sum(axis=1).min())


def measure(loaders: dict[str, Callable[[], Embedder]], rounds: int = 3) -> list[Trial]:
    """Load each backend, check its sample vectors against the reference's, and time it.

    Rounds are interleaved (every backend once per round) and the best round kept, so load from other
    processes on a shared machine hits every backend alike instead of whichever ran during a spike.
    """
    loaded: dict[str, Embedder] = {}
    trials = {name: Trial(name) for name in loaders}
    for name, load in loaders.items():
        try:
            loaded[name] = load()
        except Exception as exc:  # a missing package or a failed export makes a backend unavailable
            trials[name].error = f"{type(exc).__name__}: {str(exc)[:200]}"
    if REFERENCE not in loaded:
        raise ModelError(f"the reference backend {REFERENCE} could not load: {trials[REFERENCE].error}")
    reference = sample_vectors(loaded[REFERENCE])
    for name, embedder in loaded.items():
        trials[name].min_cosine = min_cosine(sample_vectors(embedder), reference)  # also the warm-up
    titles = [t for t, _ in SAMPLE_PASSAGES]
    texts = [x for _, x in SAMPLE_PASSAGES]
    best = {name: float("inf") for name in loaded}
    for _ in range(rounds):
        for name, embedder in loaded.items():
            started = time.perf_counter()
            embedder.embed_documents(texts, titles=titles)
            best[name] = min(best[name], time.perf_counter() - started)
    for name, seconds in best.items():
        trials[name].ms_per_passage = 1000 * seconds / len(texts)
    return list(trials.values())


def pick(trials: list[Trial]) -> str:
    """The fastest backend whose vectors match fp32."""
    matching = [t for t in trials if t.matches and t.ms_per_passage is not None]
    if not matching:
        raise ModelError("no embedding backend produced vectors matching fp32; see `assistant model`.")
    return min(matching, key=lambda t: t.ms_per_passage).backend


def backend_loaders(settings: "Settings", family_for: Callable[[str], str] | None = None
                    ) -> dict[str, Callable[[], Embedder]]:
    """A loader per backend name. Loading `onnx-fp32` exports the model to ONNX first when needed."""
    model_dir, batch = settings.model_dir, settings.embed_batch_size

    def family(name: str) -> str:
        return family_for(name) if family_for else ""

    def onnx() -> Embedder:
        folder = ensure_onnx(model_dir, check=lambda staging: check_onnx(model_dir, staging),
                             min_cosine=MIN_COSINE)
        return OnnxEmbedder(model_dir, folder, batch, family("onnx-fp32"))

    return {
        "torch-fp32": lambda: TorchEmbedder(model_dir, batch, "float32", family("torch-fp32")),
        "torch-bf16": lambda: TorchEmbedder(model_dir, batch, "bfloat16", family("torch-bf16")),
        "onnx-fp32": onnx,
    }


def check_onnx(model_dir: Path, staging: Path) -> float:
    """The lowest cosine between a fresh ONNX export's sample vectors and torch fp32's."""
    reference = sample_vectors(TorchEmbedder(model_dir))
    return min_cosine(sample_vectors(OnnxEmbedder(model_dir, staging)), reference)


def choose_backend(settings: "Settings", remeasure: bool = False,
                   loaders: dict[str, Callable[[], Embedder]] | None = None) -> Choice:
    """This machine's backend: the cached decision, or a fresh measurement that is then cached."""
    model_dir = settings.model_dir
    cached = None if remeasure else cached_choice(model_dir)
    if cached is not None:
        return cached
    path = choice_path(model_dir)
    with exclusive(path.with_suffix(".lock")):
        cached = None if remeasure else cached_choice(model_dir)  # measured by another process meanwhile?
        if cached is not None:
            return cached
        log.warning("Measuring the embedding backends on this machine (once) ...")
        trials = measure(loaders or backend_loaders(settings))
        choice = Choice(key=machine_key(model_dir), chosen=pick(trials), trials=trials,
                        measured_at=time.strftime("%Y-%m-%dT%H:%M:%S"))
        temporary = path.with_suffix(".tmp")
        temporary.write_text(choice.to_json())
        temporary.replace(path)
    return choice


def backend_family(model_dir: Path, backend: str) -> str:
    """fp32 for backends known to match it: both fp32 ones (the ONNX export is checked when made), and
    bf16 only where this machine's measurement showed it matching; otherwise its own precision, so an
    unverified index is re-embedded rather than silently mixed."""
    if backend != "torch-bf16":
        return family_name(model_dir, "fp32")
    cached = cached_choice(model_dir)
    trial = cached.trial(backend) if cached else None
    return family_name(model_dir, "fp32" if trial and trial.matches else "bf16")


def load_embedder(settings: "Settings", fetch: bool = True, purpose: str = "ingest") -> Embedder:
    """The embedder for these settings: the forced backend (`ASSISTANT_MODEL_BACKEND`), else, for ingest,
    the fastest one matching fp32 on this machine (measured once) and, for `purpose="query"`, the one
    that starts fastest (`Choice.for_queries`). Fetches the model first when allowed."""
    if fetch:
        ensure_model(settings.model_dir)
    backend = settings.model_backend
    if backend == "auto":
        choice = choose_backend(settings)
        backend = choice.for_queries() if purpose == "query" else choice.chosen
    if backend not in BACKENDS:
        raise ModelError(f"unknown model backend {backend!r}: use auto, {', '.join(BACKENDS)}.")
    loaders = backend_loaders(settings, lambda name: backend_family(settings.model_dir, name))
    return loaders[backend]()

