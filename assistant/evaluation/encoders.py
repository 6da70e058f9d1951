"""Ingest throughput of each encoder backend: units/s on real passages, per batch size.

`python -m assistant.evaluation.encoders [--passages FILE] [--n 64] [--batch-sizes 8,16,32] [--out FILE]`
(a later `make bench` calls `bench_encoders`). Ingest time is embedding time, so this is its ceiling.
Rounds are interleaved across backends and batch sizes and the best round kept: on a shared machine,
load from other processes then hits every configuration alike. Vectors are also compared with torch fp32
on the same passages, so a speed is never reported without its agreement.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from ..config import Settings, load_settings
from ..index.embedder import BACKENDS, REFERENCE, backend_loaders, min_cosine

DEFAULT_PASSAGES = Path("eval/bench/tydiqa_id/passages.jsonl")


@dataclass
class Throughput:
    backend: str
    batch_size: int
    units_per_s: float
    min_cosine: float


def read_passages(path: Path, n: int) -> list[str]:
    """The first `n` passage texts of a benchmark's passages.jsonl (a fixed, realistic sample)."""
    texts: list[str] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                texts.append(json.loads(line)["text"])
            if len(texts) == n:
                break
    return texts


def bench_encoders(settings: Settings, texts: list[str], batch_sizes: tuple[int, ...] = (8, 16, 32),
                   backends: tuple[str, ...] = BACKENDS, rounds: int = 2) -> list[Throughput]:
    """Units/s of each backend at each batch size on `texts`, with its lowest cosine to torch fp32."""
    loaders = backend_loaders(settings)
    loaded = {name: loaders[name]() for name in dict.fromkeys((REFERENCE, *backends))}
    titles = ["none"] * len(texts)
    reference = loaded[REFERENCE].embed_documents(texts, titles=titles)
    cosine = {name: min_cosine(e.embed_documents(texts, titles=titles), reference) for name, e in loaded.items()}
    best: dict[tuple[str, int], float] = {}
    for _ in range(rounds):
        for size in batch_sizes:
            for name in backends:
                embedder = loaded[name]
                embedder.batch_size = size
                started = time.perf_counter()
                embedder.embed_documents(texts, titles=titles)
                elapsed = time.perf_counter() - started
                best[name, size] = min(best.get((name, size), elapsed), elapsed)
    return [Throughput(name, size, len(texts) / best[name, size], cosine[name])
            for name in backends for size in batch_sizes]


def markdown(results: list[Throughput], n: int) -> str:
    lines = [f"Encoder throughput on {n} passages (best of interleaved rounds)", "",
             "| backend | batch | units/s | min cosine to fp32 |", "|---|---|---|---|"]
    lines += [f"| {r.backend} | {r.batch_size} | {r.units_per_s:.2f} | {r.min_cosine:.5f} |" for r in results]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=Path, default=DEFAULT_PASSAGES)
    parser.add_argument("--n", type=int, default=64, help="passages to embed per run")
    parser.add_argument("--batch-sizes", default="8,16,32")
    parser.add_argument("--backends", default=",".join(BACKENDS))
    parser.add_argument("--out", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    texts = read_passages(args.passages, args.n)
    results = bench_encoders(load_settings(), texts, tuple(int(b) for b in args.batch_sizes.split(",")),
                             tuple(args.backends.split(",")))
    print(markdown(results, len(texts)))
    if args.out:
        args.out.write_text(json.dumps([asdict(r) for r in results], indent=2))


if __name__ == "__main__":
    main()
