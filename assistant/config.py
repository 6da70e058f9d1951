"""All configuration in one place: one frozen dataclass, read from `ASSISTANT_*` environment variables.

Every number that shapes quality (chunk size, fusion weights, refusal threshold) lives here, with the
measurement that chose it; `make eval` reproduces those measurements.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path


def project_root() -> Path:
    """The checkout holding `seeds/` and `index/`: the package's parent when run from a checkout."""
    here = Path(__file__).resolve().parent.parent
    return here if (here / "seeds").is_dir() else Path.cwd()


def user_home() -> Path:
    """Per-user state (model cache, feedback log): `ASSISTANT_HOME`, else ~/.cache/assistant."""
    env = os.environ.get("ASSISTANT_HOME")
    return Path(env) if env else Path.home() / ".cache" / "assistant"


@dataclass(frozen=True)
class Settings:
    index_dir: Path = field(default_factory=lambda: project_root() / "index")
    seeds_dir: Path = field(default_factory=lambda: project_root() / "seeds")
    model_dir: Path = field(default_factory=lambda: user_home() / "models" / "embeddinggemma-300m")
    feedback_path: Path = field(default_factory=lambda: user_home() / "feedback.jsonl")
    # A Chroma server to use instead of the embedded store in `index_dir` (same code path).
    chroma_host: str = ""
    chroma_port: int = 8000
    collection: str = "assistant"

    # Chunking: citable units of 1-3 sentences.
    max_unit_chars: int = 400
    max_unit_sentences: int = 3  # gold-set MRR: 1 sentence .747, 2 .800, 3 .802
    embed_batch_size: int = 16
    # Encoder backend: "auto" measures torch-fp32, torch-bf16 and onnx-fp32 once per machine and keeps the
    # fastest whose vectors match fp32 (bf16 was 5x slower than fp32 on a CPU without AVX512-BF16, 3.3x
    # faster on one with it); `ASSISTANT_MODEL_BACKEND` forces one.
    model_backend: str = "auto"

    # Questions.
    max_question_chars: int = 1000

    # Retrieval.
    candidates: int = 30  # per leg, before fusion
    top_k: int = 8  # passages handed to answering
    # Weight of the lexical leg in the fused score, by how much the question shares the documents'
    # language. English questions over Indonesian text share few words: BM25 there mostly adds noise.
    # Measured: on TyDi QA (423 id questions) every weight > 0 lowered MRR@10 (0.931 at 0, 0.929 at 0.02,
    # 0.922 at 0.1; saturating normalisation no better); on the gold set 0.1 gained 0.008 MRR (one
    # question). EmbeddingGemma already matches names and terms, so the lexical leg is off by default.
    lexical_weight_same_lang: float = 0.0
    lexical_weight_cross_lang: float = 0.0  # gold set: any cross-language BM25 weight lowered MRR
    speaker_boost: float = 0.1  # added to units attributed to a person named in the question

    # Answering.
    # Best dense similarity below which we refuse. Cross-language similarities run lower (English
    # questions over Indonesian text), so each case has its own threshold.
    # Calibrated on eval/gold.jsonl (grid in eval/RESULTS.md): maximises citation precision + recall +
    # refusal precision + recall.
    refusal_threshold_same_lang: float = 0.30
    refusal_threshold_cross_lang: float = 0.20
    # what-did-X-say-about-Y: X's best match for Y / the corpus's best. On the gold tuning half and six fresh
    # sets (not the test half) answerable questions measured 0.59-1.0, unanswerable ones 0-0.41.
    topic_share_min: float = 0.5
    max_citations: int = 3
    # Extra citations must score at least this share of the best; the grid over {0.9, 0.95, 1.0} measured
    # 1.0 best (a runner-up cited beside the best was more often wrong than right).
    relative_cutoff: float = 1.0
    # A list question ("Siapa saja pemateri…?") cites every passage of the best one's document, among the
    # reader's first `list_window`, that holds names or an enumeration and reads at least `list_share` of
    # the best (up to `max_list_citations`): one speaker per unit, so one citation cannot hold the list. A
    # list told over paragraphs that open with sequence markers ("Pertama …", "Sesi terakhir …") cites its
    # steps instead, however low they read (`answer.policy.listing`).
    list_window: int = 6
    list_share: float = 0.3
    max_list_citations: int = 5

    # Reading (assistant/reading): re-orders the first `read_candidates` units by the probability that
    # they answer (the answering unit is in the top 20 for ~95 % of questions). `read_context` units are
    # retrieved so that the neighbours' cosines are known. Applies to mode "hybrid"; `reading=False`
    # gives today's top-1 answer for comparison. `reading_threshold`: best reading probability below
    # which the policy refuses; None uses the one fitted with the reader (reader.json).
    reading: bool = True
    read_candidates: int = 20
    read_context: int = 60
    reading_threshold: float | None = None
    # The reader overturns retrieval's first unit only when its best reads more than this above it. Chosen on
    # FacQA, TyDi QA, SQuAD-id-en (English) and the gold tuning half, cross-validated top-1 by margin
    # (0 / 0.05 / 0.1): FacQA 0.826 / 0.823 / 0.826, TyDi 0.754 / 0.766 / 0.775, SQuAD-en 0.692 / 0.711 /
    # 0.708, gold 0.597 / 0.597 / 0.558: the reader, fitted on news, is least sure on other text.
    reading_margin: float = 0.05

    # Web chat: the port (`GRADIO_SERVER_PORT`, Gradio's own variable) and a login, required only when both
    # `ASSISTANT_AUTH_USER` and `ASSISTANT_AUTH_PASSWORD` are set.
    server_port: int = 7860
    auth_user: str = ""
    auth_password: str = field(default="", repr=False)

    # Reading documents.
    # Largest file (or JSONL line) read as one document; a larger one is skipped with a message naming this
    # limit. Chunking is linear (50 MB in seconds); the limit keeps a stray dump or log file out of the
    # index. `ASSISTANT_MAX_DOCUMENT_BYTES` raises it.
    max_document_bytes: int = 20_000_000

    def with_(self, **changes) -> "Settings":
        """A copy with some fields changed (dataclasses.replace, named for call sites)."""
        return replace(self, **changes)


def _env(name: str, default: str = "") -> str:
    return os.environ.get(f"ASSISTANT_{name}", default)


def load_settings(**overrides) -> Settings:
    """Settings from the environment, then explicit overrides (e.g. `index_dir=` from the CLI)."""
    env: dict = {}
    if _env("INDEX_DIR"):
        env["index_dir"] = Path(_env("INDEX_DIR"))
    if _env("SEEDS_DIR"):
        env["seeds_dir"] = Path(_env("SEEDS_DIR"))
    if _env("MODEL_DIR"):
        env["model_dir"] = Path(_env("MODEL_DIR"))
    if _env("FEEDBACK_PATH"):
        env["feedback_path"] = Path(_env("FEEDBACK_PATH"))
    if _env("MODEL_BACKEND"):
        env["model_backend"] = _env("MODEL_BACKEND")
    if _env("CHROMA_HOST"):
        env["chroma_host"] = _env("CHROMA_HOST")
        env["chroma_port"] = int(_env("CHROMA_PORT", "8000"))
    if os.environ.get("GRADIO_SERVER_PORT"):
        env["server_port"] = int(os.environ["GRADIO_SERVER_PORT"])
    if _env("AUTH_USER"):
        env["auth_user"] = _env("AUTH_USER")
    if _env("AUTH_PASSWORD"):
        env["auth_password"] = _env("AUTH_PASSWORD")
    if _env("MAX_DOCUMENT_BYTES"):
        env["max_document_bytes"] = int(_env("MAX_DOCUMENT_BYTES"))
    env.update({k: (Path(v) if k.endswith("_dir") and v is not None else v) for k, v in overrides.items() if v is not None})
    return Settings(**env)
