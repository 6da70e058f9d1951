"""`make bench`: how speed, memory and disk grow with the corpus (1k, 10k, 100k units), embedded and on a
Chroma server, each speed beside its floor measured in the same run.

Why it is built this way:
- Embedding 100k units would take hours on 2 cores, and embedding speed is measured elsewhere. So a base
  set of real units is embedded once with the real model (cached), and every other unit gets a stored
  vector: a base vector plus a little noise, renormalised (cosine about 0.9 to its anchor). Units keep
  their real text (chunked and attributed by the real code); copies beyond the ~14.6k real units carry a
  copy tag in their document id, title and text. Each index is written by the real `ingest()` with an embedder
  that serves those vectors, so chunking, LlamaIndex's ChromaVectorStore and Chroma's HNSW all do their
  real work.
- Questions are encoded once with the real model; `ask()` then runs on those stored query vectors, so the
  query encode is reported separately from everything that grows with the corpus.
- Each size is measured in a fresh subprocess, so start time and resident memory are those of a process
  that opened that index and nothing else.
- Floors: raw `collection.query` (dense, ask), raw `bm25s` retrieve (lexical), the seconds spent inside
  chromadb's `Collection.add` during the same ingest (ingest), a bare process that opens the collection
  and runs one query (start, memory), a bare sentence-transformers script (encode), `python -c "import X"`.

    python -m assistant.evaluation.performance [--sizes 1000,10000,100000] [--server-sizes 1000,10000]
    python -m assistant.evaluation.performance readme      # the README's performance section
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ("tydiqa_id", "facqa_id", "squad_id_en")
SIZES = (1_000, 10_000, 100_000)
SERVER_SIZES = (1_000, 10_000)
BASE_UNITS = 64  # real anchors, embedded once and cached: 2 s of CPU per passage on this busy shared machine
NOISE = 0.0175  # per dimension; |noise| ~ 0.48 for 768 dims, so a derived vector has cosine ~0.9 to its anchor
QUESTIONS_PER_CORPUS = 25
ROUNDS = 3  # every question is asked this many times; p50/p95 over all, spread of per-round p50s shown
ENCODE_SAMPLES = 20
README_START, README_END = "<!-- bench:start -->", "<!-- bench:end -->"
DETAILS = "<!-- details -->"
TARGET_ASK_MS, TARGET_RSS_MB = 150.0, 4096.0
PEOPLE_QUESTIONS = ("What did Budi Santoso say about the floods?", "Apa kata Sri Mulyani tentang pajak?",
                    "What did Joko Widodo say about the capital?", "Apa kata Heni Yuwono tentang hoaks?")
IMPORTS = ("pass", "import numpy", "import chromadb", "import llama_index.vector_stores.chroma", "import bm25s",
           "import torch", "import sentence_transformers", "import assistant.assistant")


# ---------------------------------------------------------------- measuring

def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of a process in MB, from /proc (psutil is not installed)."""
    return _proc_status(pid, "VmRSS")


def peak_rss_mb(pid: int | str = "self") -> float:
    return _proc_status(pid, "VmHWM")


def _proc_status(pid: int | str, key: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def disk_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) / 1e6


def timings(fn: Callable[[object], object], items: list, rounds: int) -> dict:
    """Milliseconds of `fn(item)` over `rounds` passes: p50, p95, and the spread of the per-round p50s
    (the machine is shared, so the spread says how far to trust one number)."""
    per_round = []
    for _ in range(rounds):
        samples = []
        for item in items:
            started = time.perf_counter()
            fn(item)
            samples.append((time.perf_counter() - started) * 1000)
        per_round.append(samples)
    flat = np.concatenate(per_round)
    p50s = [float(np.median(r)) for r in per_round]
    return {"p50": float(np.percentile(flat, 50)), "p95": float(np.percentile(flat, 95)),
            "round_p50_min": min(p50s), "round_p50_max": max(p50s), "n": int(flat.size)}


def stable_hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def unit_vector(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v)).astype(np.float32)


# ---------------------------------------------------------------- corpus and vectors

def corpus_paths(root: Path = ROOT) -> list[Path]:
    """Each corpus's passages, from eval/bench/ when copied there, else from ../shared/bench beside the
    checkout."""
    paths = []
    for name in CORPORA:
        for folder in (root / "eval" / "bench" / name, root.parent / "shared" / "bench" / name):
            if (folder / "passages.jsonl").exists():
                paths.append(folder / "passages.jsonl")
                break
    if not paths:
        raise FileNotFoundError(f"no passages.jsonl of {CORPORA} under eval/bench/ or ../shared/bench/")
    return paths


def real_documents(paths: list[Path]) -> list:
    """The real passages as Documents, shuffled once (fixed seed) so every size mixes the corpora."""
    from ..documents.readers import read_documents

    docs = read_documents(paths).documents
    order = np.random.default_rng(0).permutation(len(docs))
    return [docs[i] for i in order]


def grown_corpus(docs: list, units_per_doc: list[int], size: int) -> list[dict]:
    """Documents holding about `size` units: the real ones, then tagged copies, stopping at the first
    document boundary past `size`. Copy c of passage p is `p~c`, titled `#c` (its vectors get noise), its
    text ending in ` [c]` (ingest reads a text it has already read only once)."""
    records, total, copy = [], 0, 0
    while total < size:
        for doc, n in zip(docs, units_per_doc):
            if total >= size:
                break
            text = f"{doc.text} [{copy}]" if copy else doc.text
            records.append({"id": f"{doc.doc_id}~{copy}", "text": text, "title": f"#{copy}"})
            total += n
        copy += 1
    return records


def write_jsonl(records: list[dict], path: Path) -> str:
    """Write records, return a hash of the content (the key of the index built from it)."""
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class StoredVectors:
    """An embedder without a model: the real vectors of the base set and of the bench questions, and for
    everything else a base vector (chosen by the text's hash) plus noise seeded by title and text.

    Deterministic, so an index built in one process and queried in another agree. Counts query encodes, so
    the benchmark knows how many encodes one `ask()` costs."""

    def __init__(self, base_texts: list[str], base: np.ndarray, queries: dict[str, np.ndarray],
                 noise: float = NOISE):
        self.base = base
        self.real = {t: i for i, t in enumerate(base_texts)}
        self.queries = queries
        self.noise = noise
        self.query_calls = 0

    def _derived(self, key: str, anchor_text: str) -> np.ndarray:
        anchor = self.base[self.real.get(anchor_text, stable_hash(anchor_text) % len(self.base))]
        noise = np.random.default_rng(stable_hash(key)).standard_normal(anchor.shape[0])
        return unit_vector(anchor + self.noise * noise)

    def document_vector(self, text: str, title: str) -> np.ndarray:
        if title == "#0" and text in self.real:
            return self.base[self.real[text]]
        return self._derived(title + "\x00" + text, text)

    def embed_documents(self, texts: list[str], titles: list[str] | None = None) -> np.ndarray:
        titles = titles or ["#0"] * len(texts)
        return np.stack([self.document_vector(x, t) for x, t in zip(texts, titles)])

    def embed_query(self, text: str) -> np.ndarray:
        self.query_calls += 1
        return self.queries[text] if text in self.queries else self._derived("query\x00" + text, text)


def save_vectors(path: Path, texts: list[str], vectors: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(path, texts=np.array(texts, dtype=np.str_), vectors=vectors.astype(np.float32))


def load_vectors(path: Path) -> tuple[list[str], np.ndarray]:
    with np.load(path) as data:
        return [str(t) for t in data["texts"]], data["vectors"]


def questions(paths: list[Path], per_corpus: int = QUESTIONS_PER_CORPUS) -> list[str]:
    """Bench questions beside each passages file (Indonesian; SQuAD's English ones too), plus people
    questions, which make `ask()` look names up in the corpus text."""
    out: list[str] = []
    for path in paths:
        qpath = path.with_name("questions.jsonl")
        if not qpath.exists():
            continue
        rows = [json.loads(line) for line in qpath.read_text(encoding="utf-8").splitlines()[:per_corpus]]
        out += [r["question"] for r in rows] + [r["question_en"] for r in rows if r.get("question_en")][:10]
    return list(dict.fromkeys(out + list(PEOPLE_QUESTIONS)))


# ---------------------------------------------------------------- the encode floor (real model)

BARE_ENCODE = """
import json, os, sys, time
started = time.perf_counter()
from sentence_transformers import SentenceTransformer
model = SentenceTransformer(sys.argv[1], device="cpu", local_files_only=True)
loaded = time.perf_counter()
samples = []
for q in json.loads(sys.argv[2]):
    t = time.perf_counter(); model.encode_query(q, normalize_embeddings=True); samples.append(time.perf_counter() - t)
print(json.dumps({"load_s": loaded - started, "encode_ms": [s * 1000 for s in samples]}))
"""


def measure_encode(embedder_loader: Callable[[], object], model_dir: Path, texts: list[str]) -> dict:
    """The package's query encode (load and per-query ms) against a bare sentence-transformers script."""
    started = time.perf_counter()
    embedder = embedder_loader()
    load_s = time.perf_counter() - started
    embedder.embed_query(texts[0])  # first call pays one-time set-up; users meet it once per process
    ms = timings(embedder.embed_query, texts[:ENCODE_SAMPLES], 1)
    bare = json.loads(subprocess.run([sys.executable, "-c", BARE_ENCODE, str(model_dir),
                                      json.dumps(texts[:ENCODE_SAMPLES + 1])], capture_output=True, text=True,
                                     check=True, env={**os.environ, "HF_HUB_OFFLINE": "1"}).stdout.splitlines()[-1])
    bare_p50 = float(np.median(bare["encode_ms"][1:]))
    return {"backend": type(embedder).__name__, "load_s": load_s, "encode_ms": ms,
            "floor_load_s": bare["load_s"], "floor_encode_p50_ms": bare_p50,
            "ratio_encode": ms["p50"] / bare_p50, "ratio_load": load_s / bare["load_s"]}


def import_floors(statements: tuple[str, ...] = IMPORTS, repeats: int = 3) -> dict[str, float]:
    """Median wall seconds of `python -c STATEMENT` (interpreter start included; `pass` is its floor)."""
    out = {}
    for statement in statements:
        samples = []
        for _ in range(repeats):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", statement], check=True, capture_output=True)
            samples.append(time.perf_counter() - started)
        out[statement] = float(np.median(samples))
    return out


# ---------------------------------------------------------------- building an index

@contextmanager
def timed_chroma_writes() -> Iterator[dict]:
    """Seconds spent inside chromadb's `Collection.add` while the block runs: the floor of an ingest
    (what Chroma itself needs to store and index the same records), measured inside the same ingest."""
    from chromadb.api.models.Collection import Collection

    spent = {"seconds": 0.0}
    original = Collection.add

    def add(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            return original(self, *args, **kwargs)
        finally:
            spent["seconds"] += time.perf_counter() - started

    Collection.add = add
    try:
        yield spent
    finally:
        Collection.add = original


def build_index(corpus: Path, settings, vectors: StoredVectors) -> dict:
    """Ingest `corpus` through the package's real `ingest()` (chunking, attribution, ChromaVectorStore),
    the embedder being the stored vectors."""
    from ..index.ingest import ingest

    with timed_chroma_writes() as spent:
        started = time.perf_counter()
        report = ingest([corpus], settings, lambda: vectors, rebuild=True, sync=True, progress=True)
        seconds = time.perf_counter() - started
    if report.problems:  # a skipped document would silently shrink the size being measured
        raise RuntimeError(f"ingest skipped {len(report.problems)} bench documents: {report.problems[:3]}")
    return {"units": report.units, "documents": len(report.added), "ingest_s": seconds,
            "floor_ingest_s": spent["seconds"], "ratio_ingest": seconds / max(spent["seconds"], 1e-9)}


# ---------------------------------------------------------------- measuring one index (in a subprocess)

def bench_settings(index_dir: Path, host: str = "", port: int = 8000):
    """Settings of a bench index, independent of the caller's ASSISTANT_* environment."""
    from ..config import Settings

    return Settings(index_dir=Path(index_dir), chroma_host=host, chroma_port=port)


def raw_collection(settings):
    """The active units collection as a plain chromadb collection (the floor of dense search)."""
    from ..index.store import Store

    store = Store(settings)
    return store.client.get_collection(store.units_name(store.active()))


@contextmanager
def paged_full_reads(page: int = 10_000) -> Iterator[None]:
    """Make a whole-collection `Collection.get()` read in pages of `page` records.

    With chromadb 1.5.9's SQLite backend, one `get()` of more than about 32k records fails with "too many
    SQL variables", so `Store.snapshot()` cannot open a 100k index. Paged reads are the fix recommended to
    the store; the benchmark applies them only (and says so) to measure what lies past that failure."""
    from chromadb.api.models.Collection import Collection

    original = Collection.get

    def get(self, ids=None, where=None, limit=None, offset=None, **kwargs):
        if ids is not None or limit is not None or offset is not None:
            return original(self, ids=ids, where=where, limit=limit, offset=offset, **kwargs)
        merged = None
        for start in range(0, self.count(), page):
            part = original(self, where=where, limit=page, offset=start, **kwargs)
            merged = part if merged is None else {
                k: (list(v) + list(part[k]) if k != "included" and isinstance(v, (list, np.ndarray)) else v)
                for k, v in merged.items()}
        return merged if merged is not None else original(self, where=where, **kwargs)

    Collection.get = get
    try:
        yield
    finally:
        Collection.get = original


def measure_start_floor(settings, query: np.ndarray) -> dict:
    """What any Chroma-backed reader pays: import chromadb, open the collection, run one query (which
    loads the HNSW index). Run in its own process, before anything else."""
    started = time.perf_counter()
    collection = raw_collection(settings)
    collection.query(query_embeddings=[query.tolist()], n_results=10)
    return {"start_s": time.perf_counter() - started, "rss_mb": rss_mb()}


def measure_index(settings, vectors: StoredVectors, asked: list[str], rounds: int = ROUNDS) -> dict:
    """Start, memory and query latency of one index, in a process that has opened nothing else."""
    from tqdm import tqdm

    out: dict = {"rss_before_mb": rss_mb()}
    started = time.perf_counter()
    from ..assistant import Assistant
    from ..index.store import Store
    from ..retrieval.lexical import tokenize
    from ..retrieval.retriever import Retriever

    out["import_s"] = time.perf_counter() - started
    vector_of = {q: vectors.embed_query(q) for q in asked}
    bar = tqdm(total=8, desc=f"measuring {settings.chroma_host or 'embedded'}", unit="step", leave=False)

    started = time.perf_counter()
    bot = Assistant(settings=settings, embedder=vectors, build=False, progress=False)
    out["start_s"] = time.perf_counter() - started
    started = time.perf_counter()
    bot.warm_up()
    out["first_query_s"] = time.perf_counter() - started
    out["rss_start_mb"] = rss_mb()
    out["units"], out["documents"] = len(bot.snapshot.units), len(bot.documents)
    bar.update()

    n = settings.candidates
    collection = raw_collection(settings)
    out["dense_floor_ms"] = timings(lambda q: collection.query(query_embeddings=[vector_of[q].tolist()],
                                                               n_results=n), asked, rounds)
    bar.update()
    out["dense_ms"] = timings(lambda q: bot.snapshot.dense_search(vector_of[q], n), asked, rounds)
    bar.update()
    vectors.query_calls = 0
    out["ask_ms"] = timings(bot.ask, asked, rounds)
    out["encodes_per_ask"] = vectors.query_calls / (len(asked) * rounds)
    out["rss_after_ask_mb"] = rss_mb()
    bar.update()

    retriever = bot.retriever  # the same object ask() uses: switch it to BM25, then hybrid with BM25 on
    started = time.perf_counter()
    lexical = retriever.lexical
    out["bm25_build_s"] = time.perf_counter() - started
    out["rss_after_bm25_mb"] = rss_mb()
    tokens = {q: [t for t in tokenize(q) if t in lexical._vocab] or ["\u2205"] for q in asked}
    out["lexical_floor_ms"] = timings(lambda q: lexical._bm25.retrieve([tokens[q]], k=n, show_progress=False),
                                      asked, rounds)
    bar.update()
    retriever.mode = "bm25"
    out["lexical_ms"] = timings(lambda q: retriever.retrieve(q, k=settings.top_k), asked, rounds)
    bar.update()
    retriever.mode = "hybrid"
    retriever.settings = settings.with_(lexical_weight_same_lang=0.1, lexical_weight_cross_lang=0.1)
    out["ask_bm25_ms"] = timings(bot.ask, asked, rounds)
    out["rss_after_queries_mb"] = rss_mb()
    out["peak_rss_mb"] = peak_rss_mb()
    bar.update()
    retriever.settings = settings
    out["ask_profile"] = ask_profile(bot, asked)
    out["linear"] = linear_parts(bot, settings, vectors, Store, Retriever)  # last: it holds a second copy
    bar.update()
    bar.close()
    return out


def ask_profile(bot, asked: list[str], top: int = 8) -> list[dict]:
    """Where one round of `ask()` spends its time (cProfile, own time per function): names what grows."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for question in asked:
        bot.ask(question)
    profiler.disable()
    stats = pstats.Stats(profiler).stats
    total = sum(own for _, _, own, _, _ in stats.values())
    rows = sorted(stats.items(), key=lambda kv: -kv[1][2])[:top]
    return [{"function": f"{Path(file).name}:{line} {name}", "ms_per_ask": own * 1000 / len(asked),
             "share": own / total} for (file, line, name), (_, _, own, _, _) in rows]


def linear_parts(bot, settings, vectors: StoredVectors, store_cls, retriever_cls) -> dict:
    """Time (and Python memory) of each start-up step that reads the whole corpus, repeated on the running
    assistant: the snapshot of every unit and document, the retriever's dicts over all units, the people
    index (attribution over every document, and one string of all text), and the corpus-text scan that
    `ask()` makes for a name it does not know."""
    import tracemalloc

    parts: dict = {}

    def step(name: str, fn: Callable[[], object]) -> None:
        started = time.perf_counter()
        fn()
        parts[f"{name}_s"] = time.perf_counter() - started
        tracemalloc.start()
        kept = fn()  # noqa: F841  (alive while traced: what it holds is the step's memory)
        parts[f"{name}_py_mb"] = tracemalloc.get_traced_memory()[0] / 1e6
        tracemalloc.stop()

    step("snapshot", lambda: store_cls(settings).snapshot())
    step("retriever", lambda: retriever_cls(bot.snapshot, vectors, settings, "hybrid"))
    step("people", bot._index_people)
    parts["corpus_text_mb"] = len(bot._corpus_text) / 1e6
    started = time.perf_counter()
    for _ in range(20):
        "no such person here" in bot._corpus_text  # noqa: B015  (the scan understand() makes per name)
    parts["name_scan_ms"] = (time.perf_counter() - started) * 1000 / 20
    return parts


# ---------------------------------------------------------------- orchestration

@dataclass
class Plan:
    """One `make bench` run: where things go and which sizes run where."""

    out: Path = ROOT / "bench"
    cache: Path = field(default_factory=lambda: Path(os.environ.get("ASSISTANT_BENCH_CACHE", "")
                                                     or ROOT / "eval" / "bench-index" / "growth"))
    sizes: tuple[int, ...] = SIZES
    server_sizes: tuple[int, ...] = SERVER_SIZES
    corpus: list[Path] = field(default_factory=corpus_paths)
    real_model: bool = True  # False (tests): random base and query vectors, no encode or import floors
    rounds: int = ROUNDS
    base_units: int = BASE_UNITS


def base_and_queries(plan: Plan, units: list, asked: list[str]) -> tuple[Path, Path, dict | None]:
    """Files of the base vectors and the question vectors (embedded once, cached by their texts), and the
    encode measurement of this run (None without the real model)."""
    from ..documents.units import embedding_text

    step = max(1, len(units) // plan.base_units)
    base = [embedding_text(u) for u in units[::step][:plan.base_units]]
    titles = ["none"] * len(base)
    key = hashlib.sha256(json.dumps([base, asked, plan.real_model]).encode()).hexdigest()[:16]
    base_path, query_path = plan.cache / f"base-{key}.npz", plan.cache / f"queries-{key}.npz"
    if not plan.real_model:
        rng = np.random.default_rng(1)
        save_vectors(base_path, base, np.stack([unit_vector(v) for v in rng.standard_normal((len(base), 64))]))
        save_vectors(query_path, asked, np.stack([unit_vector(v) for v in rng.standard_normal((len(asked), 64))]))
        return base_path, query_path, None
    from ..config import load_settings
    from ..index.embedder import load_embedder

    settings = load_settings()
    loaded: list = []

    def loader():
        loaded.append(load_embedder(settings))
        return loaded[-1]

    encode = measure_encode(loader, settings.model_dir, asked)
    if not base_path.exists():
        print(f"embedding {len(base)} base units once with the real model (cached in {plan.cache})", flush=True)
        save_vectors(base_path, base, embed_with_progress(loaded[-1], base, titles))
    if not query_path.exists():
        save_vectors(query_path, asked, np.stack([loaded[-1].embed_query(q) for q in asked]))
    return base_path, query_path, encode


def embed_with_progress(embedder, texts: list[str], titles: list[str], batch: int = 32) -> np.ndarray:
    """Real vectors for the base set, with a progress bar (minutes on 2 cores)."""
    from tqdm import tqdm

    parts = []
    for i in tqdm(range(0, len(texts), batch), desc="embedding base units", unit="batch"):
        parts.append(embedder.embed_documents(texts[i:i + batch], titles=titles[i:i + batch]))
    return np.concatenate(parts)


def run_worker(task: str, config: dict, env: dict | None = None) -> dict:
    """Run `task` in a fresh interpreter and return its JSON (the last line it prints)."""
    result = subprocess.run([sys.executable, "-m", "assistant.evaluation.performance", "worker", task,
                             json.dumps(config)], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "HF_HUB_OFFLINE": "1", **(env or {})})
    if result.returncode != 0:
        raise RuntimeError(f"bench worker {task} failed ({result.returncode}): {result.stdout[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def worker(task: str, config: dict) -> dict:
    """The subprocess side: load the stored vectors, then measure."""
    base_texts, base = load_vectors(Path(config["base"]))
    query_texts, query_vectors = load_vectors(Path(config["queries"]))
    vectors = StoredVectors(base_texts, base, dict(zip(query_texts, query_vectors)))
    settings = bench_settings(Path(config["index_dir"]), config.get("host", ""), config.get("port", 8000))
    if task == "start-floor":
        return measure_start_floor(settings, query_vectors[0])
    try:
        return measure_index(settings, vectors, query_texts, config["rounds"])
    except Exception as exc:
        if "too many SQL variables" not in str(exc):
            raise
        with paged_full_reads():
            return {**measure_index(settings, vectors, query_texts, config["rounds"]), "blocker": str(exc)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def chroma_server(path: Path) -> Iterator[tuple[int, int]]:
    """`chroma run` from this venv on a free loopback port over a fresh `path`: yields (port, pid)."""
    shutil.rmtree(path, ignore_errors=True)
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or "chroma"
    port = free_port()
    server = subprocess.Popen([chroma, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the Chroma server did not start within 60 s")
                time.sleep(0.5)
        yield port, server.pid
    finally:
        server.terminate()
        server.wait(timeout=60)


def embedded_size(plan: Plan, corpus: Path, key: str, vectors: StoredVectors, config: dict) -> dict:
    """An embedded index, reused from the cache when the same corpus was already built (its ingest
    figures are then those of the run that built it, marked `cached`)."""
    index_dir = plan.cache / f"index-{key}"
    record_path = index_dir / "bench-ingest.json"
    if record_path.exists():
        build = {**json.loads(record_path.read_text()), "cached": True}
    else:
        shutil.rmtree(index_dir, ignore_errors=True)
        build = {**build_index(corpus, bench_settings(index_dir), vectors), "cached": False}
        record_path.write_text(json.dumps(build))
    task = {**config, "index_dir": str(index_dir)}
    floor = run_worker("start-floor", task)
    measured = run_worker("measure", task)
    return {**build, **measured, "disk_mb": disk_mb(index_dir) - record_path.stat().st_size / 1e6,
            "floor_start_s": floor["start_s"], "floor_rss_mb": floor["rss_mb"]}


def server_size(plan: Plan, corpus: Path, key: str, vectors: StoredVectors, config: dict) -> dict:
    """The same corpus in a fresh Chroma server: ingest over HTTP, then the same measurements; memory is
    the client's plus the server's."""
    path = plan.cache / f"server-{key}"
    with chroma_server(path) as (port, pid):
        settings = bench_settings(path, "127.0.0.1", port)
        build = {**build_index(corpus, settings, vectors), "cached": False}
        server_after_ingest = rss_mb(pid)
        task = {**config, "index_dir": str(path), "host": "127.0.0.1", "port": port}
        floor = run_worker("start-floor", task)
        measured = run_worker("measure", task)
        server_rss = rss_mb(pid)
    result = {**build, **measured, "disk_mb": disk_mb(path), "floor_start_s": floor["start_s"],
              "floor_rss_mb": floor["rss_mb"], "server_rss_after_ingest_mb": server_after_ingest,
              "server_rss_mb": server_rss}
    shutil.rmtree(path, ignore_errors=True)
    return result


def run(plan: Plan) -> dict:
    """The whole benchmark; returns what results.json holds."""
    from tqdm import tqdm

    from ..documents.units import make_units

    started = time.perf_counter()
    results: dict = {"machine": machine(), "plan": {"sizes": plan.sizes, "server_sizes": plan.server_sizes,
                                                     "base_units": plan.base_units, "noise": NOISE,
                                                     "rounds": plan.rounds, "real_model": plan.real_model,
                                                     "corpus": [str(p) for p in plan.corpus]}}
    steps = tqdm(total=3 + len(plan.sizes) + len(plan.server_sizes), desc="make bench", unit="step")
    docs = real_documents(plan.corpus)
    units_by_doc = [make_units(d) for d in docs]
    units = [u for us in units_by_doc for u in us]
    results["real"] = {"documents": len(docs), "units": len(units)}
    asked = questions(plan.corpus)
    steps.update()
    results["imports_s"] = import_floors() if plan.real_model else {}
    steps.update()
    base_path, query_path, results["encode"] = base_and_queries(plan, units, asked)
    base_texts, base = load_vectors(base_path)
    query_texts, query_vectors = load_vectors(query_path)
    vectors = StoredVectors(base_texts, base, dict(zip(query_texts, query_vectors)))
    config = {"base": str(base_path), "queries": str(query_path), "rounds": plan.rounds}
    steps.update()
    code_key = hashlib.sha256(b"".join((ROOT / "assistant" / "index" / f).read_bytes()
                                       for f in ("store.py", "ingest.py"))).hexdigest()[:8]
    results["embedded"], results["server"], results["failures"] = [], [], []
    for size in sorted(set(plan.sizes) | set(plan.server_sizes)):
        records = grown_corpus(docs, [len(us) for us in units_by_doc], size)
        corpus = plan.cache / f"corpus-{size}.jsonl"
        key = f"{size}-{write_jsonl(records, corpus)}-{base_path.stem[5:]}-{code_key}"
        for where, wanted, measure in (("embedded", plan.sizes, embedded_size), ("server", plan.server_sizes,
                                                                                  server_size)):
            if size in wanted:
                steps.set_postfix_str(f"{where} {size:,}")
                try:
                    results[where].append({"size": size, **measure(plan, corpus, key, vectors, config)})
                except RuntimeError as exc:  # one size failing must not lose the others' numbers
                    results["failures"].append({"store": where, "size": size, "error": str(exc)[-1500:]})
                steps.update()
    steps.close()
    results["machine"]["load_after"] = os.getloadavg()
    results["seconds"] = time.perf_counter() - started
    return results


def machine() -> dict:
    """What the numbers were measured on, and how busy it was (the machine is shared)."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "date": time.strftime("%Y-%m-%d %H:%M"), "load_before": os.getloadavg()}


# ---------------------------------------------------------------- reports

def ms(timing: dict | None) -> str:
    return f"{timing['p50']:.1f} / {timing['p95']:.1f}" if timing else "–"


def ratio(value: float | None, floor: float | None) -> str:
    return f"{value / floor:.1f}×" if value is not None and floor else "–"


def p50(row: dict, key: str) -> float:
    return row[key]["p50"]


def ask_beyond_encode(row: dict) -> float:
    """`ask()` p50 on stored query vectors: what grows with the corpus, the query encode excluded."""
    return p50(row, "ask_ms")


def blockers(results: dict) -> list[str]:
    """What failed outright, said first: a size the package cannot open outweighs any latency."""
    lines = [f"**Blocker at {r['units']:,} units ({where})**: `Assistant(...)` fails to start as the code stands "
             f"(`{r['blocker'][-220:].strip()}`): chromadb's SQLite backend refuses one `get()` of more than about "
             "32k records, and `Store.snapshot()` reads whole collections. The figures for this size were measured "
             "with the benchmark reading those collections in pages of 10,000 (`paged_full_reads`), the fix "
             "recommended to `index/store.py` (ingest's `current_hashes` and `leftover_vectors` read whole "
             "collections too)."
             for where in ("embedded", "server") for r in results[where] if r.get("blocker")]
    lines += [f"**Failed: {r['store']} at {r['size']:,} units**: `{r['error'][-300:].strip()}`"
              for r in results.get("failures", [])]
    return [line + "\n" for line in lines]


def summary_table(rows: list[dict], where: str) -> list[str]:
    lines = []
    for r in rows:
        lines.append(
            f"| {where} | {r['units']:,} | {r['ingest_s']:.0f}{' (cached)' if r.get('cached') else ''} "
            f"({ratio(r['ingest_s'], r['floor_ingest_s'])}) | {r['disk_mb']:.0f} | {r['start_s']:.2f} "
            f"({ratio(r['start_s'], r['floor_start_s'])}) | {memory(r)} | "
            f"{ms(r['dense_ms'])} ({ratio(p50(r, 'dense_ms'), p50(r, 'dense_floor_ms'))}) | "
            f"{ms(r['lexical_ms'])} ({ratio(p50(r, 'lexical_ms'), p50(r, 'lexical_floor_ms'))}) | "
            f"{ms(r['ask_ms'])} ({ratio(p50(r, 'ask_ms'), p50(r, 'dense_floor_ms'))}) |")
    return lines


def memory(row: dict) -> str:
    """Client RSS after start → after all queries (BM25 built); the server's RSS added for a server."""
    text = f"{row['rss_start_mb']:.0f} → {row['rss_after_queries_mb']:.0f}"
    if "server_rss_mb" in row:
        text += f" + server {row['server_rss_mb']:.0f}"
    return text + f" ({ratio(row['rss_after_ask_mb'], row['floor_rss_mb'])})"


def targets(results: dict) -> str:
    """The issue's targets at the largest embedded size, met or not, with the encode beside them."""
    if not results["embedded"]:
        return "No embedded size was measured."
    top = results["embedded"][-1]
    ask, rss = ask_beyond_encode(top), top["peak_rss_mb"]
    encode = results.get("encode")
    encode_text = (f" The query encode comes on top: {encode['encode_ms']['p50']:.0f} ms p50 "
                   f"({encode['backend']}, {ratio(encode['encode_ms']['p50'], encode['floor_encode_p50_ms'])} "
                   f"a bare sentence-transformers encode of {encode['floor_encode_p50_ms']:.0f} ms), "
                   f"{top['encodes_per_ask']:.2f} encodes per `ask()`." if encode else "")
    return (f"At {top['units']:,} units `ask()` takes {ask:.0f} ms p50 beyond the query encode (target ≤ "
            f"{TARGET_ASK_MS:.0f} ms: {'met' if ask <= TARGET_ASK_MS else 'missed'}); the process peaks at "
            f"{rss:,.0f} MB resident with the BM25 index built (target < {TARGET_RSS_MB:,.0f} MB: "
            f"{'met' if rss < TARGET_RSS_MB else 'missed'}).{encode_text}")


LINEAR = [
    # (key in `linear`, what it is, when it runs, recommended fix)
    ("snapshot", "`Store.snapshot()` reads every unit and document (text and metadata) into Python objects",
     "start",
     "keep units and documents in Chroma and fetch only the units a question retrieved (≤ 60) and their "
     "documents by id (`collection.get(ids=...)`); `quotes()` becomes a `where={'speaker': ...}` query"),
    ("retriever", "`Retriever.__post_init__` builds `by_id` and `ids` over all units", "start",
     "goes with the snapshot fix: passages come from the store by id; the BM25 id list lives in the "
     "lexical index"),
    ("people", "`Assistant._index_people` collects speakers and people over every unit and document and joins "
               "all text into one lower-cased string", "start",
     "store the people and speaker lists once per version at ingest (a small collection or JSON beside it); "
     "replace the corpus string by a set of known name tokens"),
]


def linear_table(results: dict) -> list[str]:
    """Each corpus-sized piece at the largest embedded size: its time, its Python memory, its share."""
    if not results["embedded"]:
        return []
    top = results["embedded"][-1]
    parts, start = top["linear"], top["start_s"]
    lines = [f"At {top['units']:,} units: start {start:.2f} s, RSS after start {top['rss_start_mb']:,.0f} MB, of "
             f"which {top['rss_start_mb'] - top['floor_rss_mb']:,.0f} MB above a bare process that opened the "
             "same collection and ran one query (Chroma's own buffers for whole-collection reads are most of it: "
             "the Python objects below, measured by tracemalloc on a second run of each step, are far smaller). "
             "`ask()` hot spots come from the profile further down.", "",
             "| what grows with the corpus | when | time | share | Python memory | recommended fix |",
             "|---|---|---|---|---|---|"]
    for key, what, when, fix in LINEAR:
        lines.append(f"| {what} | {when} | {parts[f'{key}_s']:.2f} s | {parts[f'{key}_s'] / start:.0%} of start | "
                     f"{parts[f'{key}_py_mb']:.0f} MB | {fix} |")
    ask = p50(top, "ask_ms")
    lines += [
        f"| `understand()` looks an unknown name up in the corpus string ({parts['corpus_text_mb']:.0f} MB) | "
        f"each people question | {parts['name_scan_ms']:.1f} ms | {parts['name_scan_ms'] / ask:.0%} of ask p50 | "
        f"(the string above) | a set of known name tokens built at ingest: O(1) per name |",
        *people_rows(top, ask),
        f"| BM25 index (`LexicalIndex`): stemming and indexing every unit | first lexical query | "
        f"{top['bm25_build_s']:.1f} s | (lazy; off by default) | "
        f"+{top['rss_after_bm25_mb'] - top['rss_after_ask_mb']:.0f} MB RSS (reuses freed memory) | "
        "build it at ingest and save it beside the version (`bm25s` save/load with `mmap=True`) |",
        f"| BM25 scoring: `get_scores` over all units, then `np.argsort` of all of them | each lexical query | "
        f"{p50(top, 'lexical_ms'):.1f} ms p50 | {ratio(p50(top, 'lexical_ms'), p50(top, 'lexical_floor_ms'))} "
        f"raw `bm25s.retrieve` ({p50(top, 'lexical_floor_ms'):.1f} ms) | – | "
        + ("none needed at this size (a sparse column sum and one sort); past it, `np.argpartition` for the top "
           "candidates instead of a full sort |" if p50(top, "lexical_ms") < 10 else
           "`np.argpartition` for the top candidates instead of a full sort, or `bm25s.retrieve(k=...)` |"),
    ]
    return lines


def profile_lines(results: dict) -> list[str]:
    rows = results["embedded"][-1].get("ask_profile") if results["embedded"] else None
    if not rows:
        return ["Not measured in this run."]
    return (["| function | ms per ask | share |", "|---|---|---|"]
            + [f"| `{r['function']}` | {r['ms_per_ask']:.2f} | {r['share']:.0%} |" for r in rows])


def people_rows(top: dict, ask_p50: float) -> list[str]:
    """`ask()` time spent matching the question against every known person (from the profile)."""
    spent = sum(r["ms_per_ask"] for r in top.get("ask_profile") or [] if r["function"].startswith("people.py"))
    if not spent:
        return []
    return [f"| `people_in` and its helpers match the question against every known person | each question | "
            f"{spent:.1f} ms | {spent / ask_p50:.0%} of ask p50 | – | index known names by token once per version "
            "(dict from lower-cased name token to people), so a question looks up its own words |"]


def encode_lines(results: dict) -> list[str]:
    encode = results.get("encode")
    if not encode:
        return ["Not measured (run without the real model)."]
    return [f"| | package ({encode['backend']}) | bare sentence-transformers (fp32) | ratio |", "|---|---|---|---|",
            f"| model load | {encode['load_s']:.1f} s | {encode['floor_load_s']:.1f} s | {encode['ratio_load']:.2f}× |",
            f"| query encode p50 / p95 | {ms(encode['encode_ms'])} ms | {encode['floor_encode_p50_ms']:.1f} ms (p50) | "
            f"{encode['ratio_encode']:.2f}× |"]


def import_lines(results: dict) -> list[str]:
    imports = results.get("imports_s") or {}
    if not imports:
        return ["Not measured (run without the real model)."]
    floor = imports.get("pass")
    return (["| `python -c` | seconds | × bare interpreter |", "|---|---|---|"]
            + [f"| `{k}` | {v:.2f} | {ratio(v, floor)} |" for k, v in imports.items()])


def latency_lines(rows: list[dict], where: str) -> list[str]:
    lines = []
    for r in rows:
        for key, floor in (("dense_ms", "dense_floor_ms"), ("lexical_ms", "lexical_floor_ms"),
                           ("ask_ms", "dense_floor_ms"), ("ask_bm25_ms", "dense_floor_ms")):
            t, f = r[key], r[floor]
            lines.append(f"| {where} | {r['units']:,} | {key[:-3]} | {ms(t)} | {t['round_p50_min']:.1f}–"
                         f"{t['round_p50_max']:.1f} | {ms(f)} ({floor[:-3]}) | {ratio(t['p50'], f['p50'])} |")
    return lines


def server_advice(results: dict) -> str:
    """When to move past the embedded store, from this run's numbers."""
    emb = {r["size"]: r for r in results["embedded"]}
    srv = {r["size"]: r for r in results["server"]}
    common = sorted(set(emb) & set(srv))
    if not common:
        return "No size was measured both embedded and on a server."
    n = common[-1]
    e, s = emb[n], srv[n]
    top = results["embedded"][-1]
    per_1k = mb_per_1k_units(results["embedded"])
    server_per_1k = mb_per_1k_units(results["server"], "server_rss_mb")
    return (
        f"At {n:,} units a Chroma server answered `ask()` in {p50(s, 'ask_ms'):.0f} ms p50 against "
        f"{p50(e, 'ask_ms'):.0f} ms embedded (raw query {p50(s, 'dense_floor_ms'):.1f} ms over loopback HTTP against "
        f"{p50(e, 'dense_floor_ms'):.1f} ms in process), started in {s['start_s']:.1f} s against {e['start_s']:.1f} s "
        f"(no faster: the client still reads every unit and document, now over HTTP), and held client "
        f"{s['rss_after_ask_mb']:.0f} MB + server {s['server_rss_mb']:.0f} MB against {e['rss_after_ask_mb']:.0f} MB "
        f"in one process; ingest took {s['ingest_s']:.0f} s against {e['ingest_s']:.0f} s. On one machine and one "
        f"process the server only adds a few milliseconds, so stay embedded while the index fits: at "
        f"{top['units']:,} units the embedded process peaks at {top['peak_rss_mb']:,.0f} MB with "
        f"{top['disk_mb']:,.0f} MB on disk, and grows by about {per_1k:.0f} MB per 1,000 units, so "
        f"{TARGET_RSS_MB / 1024:.0f} GB hold about {units_within(results['embedded'], TARGET_RSS_MB):,.0f} units. "
        "Move to `chroma run` (`ASSISTANT_CHROMA_HOST`/`ASSISTANT_CHROMA_PORT`) when several app processes or "
        "machines must answer from one index (embedded, each process loads its own HNSW copy and only one may "
        "write) or when ingest must run apart from serving. Move to Chroma's distributed deployment when one "
        f"node's memory no longer holds the index: the server grew by about {server_per_1k:.0f} MB per 1,000 "
        f"units here, so a 16 GB node holds roughly {16384 / max(server_per_1k, 1e-9) * 1e3:,.0f} units, or "
        "when query load outgrows one node. The lexical side and the unit store do not follow by themselves: "
        "every app process still reads all units and documents into memory at start and builds its own BM25 "
        "index, so client start and memory keep growing linearly with a server too. They should follow the "
        "vectors: units and documents fetched from Chroma by id per question, people stored at ingest, and the "
        "BM25 index built once at ingest and saved beside the version (memory-mapped by every process), or "
        "replaced by the deployment's own full-text or sparse search.")


def mb_per_1k_units(rows: list[dict], key: str = "peak_rss_mb") -> float:
    """The marginal memory per 1,000 units between the two largest sizes (fixed costs such as imports
    excluded)."""
    if len(rows) < 2:
        return rows[-1][key] / rows[-1]["units"] * 1e3
    a, b = rows[-2], rows[-1]
    return (b[key] - a[key]) / (b["units"] - a["units"]) * 1e3


def units_within(rows: list[dict], budget_mb: float) -> float:
    """Units that fit in `budget_mb` if memory keeps growing at the last measured rate."""
    top = rows[-1]
    return top["units"] + (budget_mb - top["peak_rss_mb"]) / max(mb_per_1k_units(rows), 1e-9) * 1e3


def markdown(results: dict) -> str:
    """bench/RESULTS.md: the summary (also the README's performance section), then the details."""
    m = results["machine"]
    load = lambda loads: "/".join(f"{x:.1f}" for x in loads)  # noqa: E731
    head = ["# Performance and growth", "",
            f"Measured by `make bench` on {m['date']}: {m['cpu']}, {m['cores']} cores, Python {m['python']}, shared "
            f"with other work (load average {load(m['load_before'])} before, {load(m['load_after'])} after), "
            f"{results['seconds'] / 60:.0f} minutes in all. Query figures are p50 / p95 ms over "
            f"{results['plan']['rounds']} rounds of every question; × is the ratio to the floor measured in the "
            "same run. Expect ±20 % between runs here.", ""]
    summary = ["## Summary", "", targets(results), "", *blockers(results),
               "| store | units | ingest s (× Chroma's own add) | disk MB | start s (× bare open + query) | "
               "RSS MB start → after queries (× bare) | dense ms (× raw query) | lexical ms (× raw bm25s) | "
               "`ask()` ms (× raw query) |",
               "|---|---|---|---|---|---|---|---|---|",
               *summary_table(results["embedded"], "embedded"), *summary_table(results["server"], "server"), "",
               "### Past one machine", "", server_advice(results), ""]
    details = [DETAILS, "## Details", "",
               "![latency](latency.png) ![memory](memory.png) ![build](build.png)", "",
               "### What grows linearly with the corpus", "", *linear_table(results), "",
               "### Query latency", "",
               "| store | units | path | p50 / p95 ms | per-round p50 range | floor p50 / p95 ms | × floor |",
               "|---|---|---|---|---|---|---|",
               *latency_lines(results["embedded"], "embedded"), *latency_lines(results["server"], "server"), "",
               "`ask_bm25` is `ask()` with the BM25 leg on (weight 0.1; off by default). `ask` and `ask_bm25` run on "
               "stored query vectors: add the query encode below. The lexical path is faster than its \"floor\": "
               "one sparse column sum and one full sort beat `bm25s.retrieve`'s per-call set-up and top-k "
               "selection at these sizes, so that ratio reads below 1.", "",
               "### Where `ask()` spends its time (largest embedded size, cProfile own time)", "",
               *profile_lines(results), "",
               "### Query encode (real model, once per run)", "", *encode_lines(results), "",
               "### Imports", "", *import_lines(results), "",
               "### Method", "", method(results), ""]
    return "\n".join(head + summary + details)


def method(results: dict) -> str:
    plan, real = results["plan"], results["real"]
    return (f"Units come from {real['documents']:,} real passages ({real['units']:,} units after the real "
            f"chunking and attribution) of {', '.join(Path(p).parent.name for p in plan['corpus'])}; sizes past "
            f"that repeat them as tagged copies. {plan['base_units']} units were embedded with the real model "
            f"(cached); every other vector is a base vector plus Gaussian noise (σ = {plan['noise']} per "
            "dimension, cosine ≈ 0.9), renormalised. Each index is written by the real `ingest()` (chunking, "
            "attribution, LlamaIndex's ChromaVectorStore, HNSW) with an embedder serving those vectors; its "
            "floor is the time spent inside chromadb's `Collection.add` in the same ingest. Each size is "
            "measured in a fresh process: start is `Assistant(...)` construction, memory is VmRSS; the start "
            "floor is a fresh process that opens the collection with the plain chromadb client and runs one "
            "query. Dense is `Snapshot.dense_search` (LlamaIndex) against `collection.query`; lexical is the "
            "retriever in BM25 mode against `bm25s.retrieve` on pre-stemmed tokens; `ask()` runs on stored "
            "query vectors against `collection.query`. The embedded 100k index is cached between runs "
            "(`eval/bench-index/growth/`), its ingest figures then come from the run that built it. Server "
            "runs use a fresh `chroma run` on loopback per size.")


def charts(results: dict, out: Path) -> list[Path]:
    """latency.png, memory.png, build.png: each measure against units, embedded solid, server dashed."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    def plot(name: str, title: str, ylabel: str, series: list[tuple[str, str, Callable[[dict], float]]]) -> Path:
        fig, ax = plt.subplots(figsize=(7, 4.5))
        for where, style in (("embedded", "-"), ("server", "--")):
            rows = results[where]
            if not rows:
                continue
            for i, (label, marker, value) in enumerate(series):
                ax.plot([r["units"] for r in rows], [value(r) for r in rows], style, marker=marker, color=f"C{i}",
                        label=f"{label} ({where})")
        ax.set(xscale="log", yscale="log", xlabel="units in the index", ylabel=ylabel, title=title)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7)
        fig.tight_layout()
        path = out / f"{name}.png"
        fig.savefig(path, dpi=110)
        plt.close(fig)
        return path

    return [
        plot("latency", "Query latency p50 (query encode excluded)", "ms",
             [("ask()", "o", lambda r: p50(r, "ask_ms")), ("dense search", "s", lambda r: p50(r, "dense_ms")),
              ("raw Chroma query", ".", lambda r: p50(r, "dense_floor_ms")),
              ("lexical (BM25)", "^", lambda r: p50(r, "lexical_ms")),
              ("raw bm25s", "v", lambda r: p50(r, "lexical_floor_ms"))]),
        plot("memory", "Resident memory and disk", "MB",
             [("RSS after start", "o", lambda r: r["rss_start_mb"]),
              ("RSS after queries", "s", lambda r: r["rss_after_queries_mb"]),
              ("bare open + query", ".", lambda r: r["floor_rss_mb"]),
              ("server RSS", "x", lambda r: r.get("server_rss_mb", float("nan"))),
              ("disk", "^", lambda r: r["disk_mb"])]),
        plot("build", "Ingest and start", "seconds",
             [("ingest", "o", lambda r: r["ingest_s"]), ("Chroma add (floor)", ".", lambda r: r["floor_ingest_s"]),
              ("start", "s", lambda r: r["start_s"]), ("bare open + query", "v", lambda r: r["floor_start_s"]),
              ("BM25 build", "^", lambda r: r["bm25_build_s"])]),
    ]


def readme_section(results_md: str) -> str:
    """The README's performance section: RESULTS.md's summary, headed "Performance", between the markers
    (so a test can check the README says what the last `make bench` measured)."""
    summary = results_md.split(DETAILS, 1)[0]
    body = summary[summary.index("## Summary") + len("## Summary"):].strip()
    return (f"{README_START}\n## Performance\n\n{body}\n\nDetails, charts and method: "
            f"[bench/RESULTS.md](bench/RESULTS.md) (`make bench`).\n{README_END}")


def readme_block(readme: str) -> str | None:
    """The performance section as the README holds it, markers included (None when not pasted yet)."""
    match = re.search(re.escape(README_START) + r".*?" + re.escape(README_END), readme, re.S)
    return match.group(0) if match else None


def write(results: dict, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2, default=float) + "\n")
    charts(results, out)
    path = out / "RESULTS.md"
    path.write_text(markdown(results))
    return path


def sizes(text: str) -> tuple[int, ...]:
    return tuple(int(s) for s in text.split(",") if s.strip())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m assistant.evaluation.performance", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs="?", default="run", choices=("run", "render", "readme", "worker"),
                        help="run the benchmark; render RESULTS.md and charts again from results.json; print "
                             "the README section")
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", type=sizes, default=SIZES)
    parser.add_argument("--server-sizes", type=sizes, default=SERVER_SIZES)
    parser.add_argument("--out", type=Path, default=ROOT / "bench")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    options = parser.parse_args(argv)
    if options.command == "worker":
        print(json.dumps(worker(options.args[0], json.loads(options.args[1])), default=float))
    elif options.command == "render":
        print(f"wrote {write(json.loads((options.out / 'results.json').read_text()), options.out)}")
    elif options.command == "readme":
        print(readme_section((options.out / "RESULTS.md").read_text()))
    else:
        plan = Plan(out=options.out, sizes=options.sizes, server_sizes=options.server_sizes, rounds=options.rounds)
        print(f"wrote {write(run(plan), plan.out)}")


if __name__ == "__main__":
    main()
