"""A Chroma server instead of the embedded store: the same ingest and answers through `HttpClient`."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from assistant.assistant import Assistant
from assistant.config import load_settings
from assistant.index.ingest import ingest, list_documents, remove

pytestmark = pytest.mark.slow

DOC = """# Rapat Humas

Kepala Seksi Humas, Budi Santoso, membuka rapat koordinasi media di Surabaya.

"Kami ingin setiap berita hoaks dibantah dalam satu jam," ujar Budi.
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    """`chroma run` (shipped with the chromadb package) on a free loopback port, stopped afterwards."""
    chroma = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = free_port()
    server = subprocess.Popen([chroma, "run", "--path", str(tmp_path_factory.mktemp("chroma-server")),
                               "--host", "127.0.0.1", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        server.kill()
        pytest.fail("the Chroma server did not start within 60 s")
    yield port
    server.terminate()
    server.wait(timeout=30)


@pytest.fixture(scope="module")
def server_settings(chroma_server, tmp_path_factory):
    docs = tmp_path_factory.mktemp("server-docs")
    (docs / "rapat.md").write_text(DOC, encoding="utf-8")
    return load_settings(chroma_host="127.0.0.1", chroma_port=chroma_server, seeds_dir=docs), docs


def test_ingest_into_a_chroma_server_answers_with_a_citation(server_settings, embedder):
    settings, docs = server_settings
    ingest([docs], settings, lambda: embedder, progress=False)
    bot = Assistant(settings=settings, embedder=embedder, build=False)
    answer = bot.ask("What did Budi say about hoaxes?")
    assert not answer.refused
    assert "dibantah dalam satu jam" in answer.citations[0].text
    assert answer.citations[0].speaker == "Budi Santoso"


def test_reingesting_into_a_chroma_server_changes_nothing(server_settings, embedder):
    settings, docs = server_settings
    ingest([docs], settings, lambda: embedder, progress=False)
    report = ingest([docs], settings, lambda: embedder, progress=False)
    assert report.version is None and report.kept == ["rapat.md"]


def test_adding_listing_and_removing_through_a_chroma_server(server_settings, fake_embedder, tmp_path):
    settings, docs = server_settings
    settings = settings.with_(collection="fake-embedder")  # its vectors must not meet the real model's
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "banjir.md").write_text("# Banjir\n\nBanjir merendam tiga desa di Gresik.\n", encoding="utf-8")
    ingest([docs], settings, lambda: fake_embedder, progress=False)
    ingest([extra], settings, lambda: fake_embedder, progress=False)
    assert [d.doc_id for d in list_documents(settings)] == ["banjir.md", "rapat.md"]
    remove(["rapat.md"], settings)
    assert [(d.doc_id, d.units) for d in list_documents(settings)] == [("banjir.md", 1)]
