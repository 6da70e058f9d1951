"""`make bench` plumbing at toy size: the growth runner fills every field the report reads, the Markdown and
charts render from them, and the README's performance section is the one RESULTS.md renders.

Fake vectors (no model) and 50 units, embedded and on a real `chroma run`; no timing is asserted: speed goals
live in the benchmark, not in tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assistant.evaluation import performance
from assistant.evaluation.performance import Plan, StoredVectors, grown_corpus, markdown, readme_block, readme_section

ROOT = Path(__file__).resolve().parent.parent
TYDI = ROOT / "eval" / "bench" / "tydiqa_id" / "passages.jsonl"

TIMING_KEYS = ("dense_ms", "dense_floor_ms", "lexical_ms", "lexical_floor_ms", "ask_ms", "ask_bm25_ms")
ROW_KEYS = ("size", "units", "documents", "ingest_s", "floor_ingest_s", "disk_mb", "start_s", "floor_start_s",
            "rss_start_mb", "rss_after_ask_mb", "rss_after_bm25_mb", "rss_after_queries_mb", "peak_rss_mb",
            "floor_rss_mb", "bm25_build_s", "encodes_per_ask", "linear", *TIMING_KEYS)


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """One toy run: 50 units embedded and on a Chroma server, one round of questions."""
    cache = tmp_path_factory.mktemp("bench-cache")
    corpus = cache / "toy" / "passages.jsonl"
    corpus.parent.mkdir()
    corpus.write_text("".join(TYDI.read_text(encoding="utf-8").splitlines(keepends=True)[:60]), encoding="utf-8")
    plan = Plan(out=tmp_path_factory.mktemp("bench-out"), cache=cache, sizes=(50,), server_sizes=(50,),
                corpus=[corpus], real_model=False, rounds=1, base_units=20)
    return performance.run(plan), plan


def test_growth_runner_fills_every_field_for_both_stores(results):
    data, _ = results
    assert data["plan"]["sizes"] == (50,) and data["real"]["units"] > 50
    for where in ("embedded", "server"):
        (row,) = data[where]
        assert set(ROW_KEYS) <= set(row), set(ROW_KEYS) - set(row)
        assert row["units"] >= 50
        for key in TIMING_KEYS:
            assert {"p50", "p95", "round_p50_min", "round_p50_max", "n"} <= set(row[key])
        assert {"snapshot_s", "snapshot_py_mb", "retriever_s", "people_s", "name_scan_ms",
                "corpus_text_mb"} <= set(row["linear"])
    assert "server_rss_mb" in data["server"][0] and "server_rss_mb" not in data["embedded"][0]


def test_report_renders_json_markdown_and_charts(results):
    data, plan = results
    path = performance.write(data, plan.out)
    text = path.read_text()
    assert json.loads((plan.out / "results.json").read_text())["embedded"][0]["units"] == data["embedded"][0]["units"]
    for name in ("latency.png", "memory.png", "build.png"):
        assert (plan.out / name).stat().st_size > 0
    units = f"{data['embedded'][0]['units']:,}"
    assert f"| embedded | {units} |" in text and f"| server | {units} |" in text
    assert "### Past one machine" in text and "What grows linearly" in text and "Not measured" in text


def test_readme_section_is_the_summary_between_markers(results):
    data, _ = results
    text = markdown(data)
    section = readme_section(text)
    assert section.startswith(performance.README_START) and section.endswith(performance.README_END)
    assert "## Performance" in section and "### Past one machine" in section and "## Details" not in section
    assert readme_block(f"intro\n\n{section}\n\n## Next") == section


def test_readme_performance_section_matches_bench_results():
    """The README's performance section is what bench/RESULTS.md renders (never typed by hand)."""
    results_md, readme = ROOT / "bench" / "RESULTS.md", (ROOT / "README.md").read_text()
    assert readme_block(readme) == readme_section(results_md.read_text())


def test_grown_corpus_copies_with_tags_until_the_size_is_reached():
    class Doc:
        def __init__(self, doc_id: str):
            self.doc_id, self.text = doc_id, f"text of {doc_id}"

    records = grown_corpus([Doc("a"), Doc("b")], [3, 2], 12)
    assert [r["id"] for r in records] == ["a~0", "b~0", "a~1", "b~1", "a~2"]
    assert records[-1]["title"] == "#2" and records[-1]["text"] == "text of a [2]" and records[0]["text"] == "text of a"


def test_stored_vectors_keep_real_ones_and_derive_unit_length_neighbours():
    base = np.eye(4, dtype=np.float32)
    vectors = StoredVectors(["one", "two", "three", "four"], base, {"q?": base[1]}, noise=0.05)
    assert np.array_equal(vectors.embed_documents(["one"], titles=["#0"])[0], base[0])
    copy = vectors.embed_documents(["one"], titles=["#1"])[0]
    assert abs(np.linalg.norm(copy) - 1) < 1e-5 and copy @ base[0] > 0.8 and not np.array_equal(copy, base[0])
    assert np.array_equal(copy, vectors.embed_documents(["one"], titles=["#1"])[0])  # deterministic
    assert np.array_equal(vectors.embed_query("q?"), base[1]) and vectors.query_calls == 1


def test_paged_full_reads_return_every_record(tmp_path):
    """The benchmark's stand-in for the paged snapshot reads it recommends: same records, read in pages."""
    import chromadb

    collection = chromadb.PersistentClient(path=str(tmp_path)).create_collection("paged", embedding_function=None)
    collection.add(ids=[f"u{i}" for i in range(25)], embeddings=np.eye(25, 4, dtype=np.float32) + 0.1,
                   documents=[f"text {i}" for i in range(25)])
    with performance.paged_full_reads(page=10):
        paged = collection.get(include=["documents"])
    assert sorted(paged["ids"]) == sorted(collection.get()["ids"]) and len(paged["documents"]) == 25
