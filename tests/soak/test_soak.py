"""`make soak` (not in CI): 16 concurrent clients ask 1,000 questions of the real web app on loopback.

The app runs as its own process (`assistant serve`, real model, the checkout's seed index), the clients
talk to it through the public `/ask` endpoint with gradio_client. Reported: errors, latency p50/p95 per
request, and the server's resident memory before, during and after. Asserted: no request failed, and
memory did not keep growing (the last quarter's peak within 25 % of the first quarter's).
"""

from __future__ import annotations

import itertools
import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from assistant.evaluation.metrics import percentile

pytestmark = pytest.mark.soak

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 16
QUESTIONS = 1000
ASKED = ["What did Heni say about hoaxes?", "Apa kata Heni tentang hoaks?", "Who opened the bootcamp?",
         "Kapan Kumham PR Summit 2022 digelar?", "What is the weather in Surabaya?",
         "Siapa yang menjadi narasumber?", "What did Zaeroji say?", "Berapa anggaran acara itu?",
         "<script>alert(1)</script>", "Who is Arief Rahman?"]


def resident_mb(pid: int) -> float:
    """The process's resident set size in MB (/proc: no extra dependency)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@pytest.fixture(scope="module")
def app():
    """(url, pid) of `assistant serve` on a free loopback port, stopped after the module."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    server = subprocess.Popen([sys.executable, "-m", "assistant.interfaces.cli", "serve", "--port", str(port)],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert server.poll() is None, server.stderr.read()
            time.sleep(0.5)
    yield url, server.pid
    server.terminate()
    server.wait(timeout=30)


def test_sixteen_clients_ask_a_thousand_questions_without_an_error_or_a_leak(app):
    from gradio_client import Client

    url, pid = app
    clients = [Client(url, verbose=False) for _ in range(CLIENTS)]
    memory = [resident_mb(pid)]
    latencies: list[float] = []
    errors: list[str] = []

    def one(job: tuple[int, str]) -> None:
        number, question = job
        started = time.perf_counter()
        try:
            result = clients[number % CLIENTS].predict(question, [], api_name="/ask")
            assert isinstance(result, dict) and "text" in result
        except Exception as exc:  # every failure is counted and shown, none stops the run
            errors.append(f"{question!r}: {exc!r}")
        latencies.append(time.perf_counter() - started)
        if number % 50 == 0:
            memory.append(resident_mb(pid))

    jobs = list(zip(range(QUESTIONS), itertools.cycle(ASKED)))
    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(one, jobs))
    memory.append(resident_mb(pid))
    quarter = max(len(memory) // 4, 1)
    print(f"\nsoak: {QUESTIONS} questions, {CLIENTS} clients, {len(errors)} errors; latency p50 "
          f"{percentile(latencies, 50):.3f} s, p95 {percentile(latencies, 95):.3f} s; server RSS MB "
          f"start {memory[0]:.0f}, max {max(memory):.0f}, end {memory[-1]:.0f}")
    assert errors == []
    assert max(memory[-quarter:]) <= 1.25 * max(memory[:quarter])
