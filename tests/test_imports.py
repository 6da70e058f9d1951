"""What importing the package costs: the query path loads nothing it does not use."""

from __future__ import annotations

import subprocess
import sys


def imported_after(statement: str) -> set[str]:
    """Top-level module names loaded by running `statement` in a fresh interpreter."""
    code = f"{statement}\nimport sys\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def test_importing_the_assistant_loads_no_stemmer_and_no_bm25():
    loaded = imported_after("import assistant.assistant")
    assert {"Sastrawi", "bm25s"}.isdisjoint(loaded)


def test_importing_the_package_loads_no_model_or_store():
    loaded = imported_after("import assistant")
    assert {"torch", "sentence_transformers", "chromadb", "llama_index", "gradio"}.isdisjoint(loaded)
