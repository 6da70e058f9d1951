"""The `assistant` command: fast help, and one `Error: …` line with exit code 1 instead of a traceback."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("torch", "sentence_transformers", "transformers", "chromadb", "gradio", "llama_index")


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=timeout)


def test_help_exits_zero_and_lists_the_commands():
    result = run("-m", "assistant.interfaces.cli", "--help")
    assert result.returncode == 0
    for command in ("ingest", "ask", "quotes", "serve", "model", "eval"):
        assert command in result.stdout


def test_help_imports_no_heavy_library():
    result = run("-X", "importtime", "-m", "assistant.interfaces.cli", "--help")
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert "assistant.errors" in imported  # the parse saw our own imports
    assert not {m for m in imported if m.split(".")[0] in HEAVY}


def test_ask_without_an_index_prints_one_error_line_and_exits_1(tmp_path):
    result = run("-m", "assistant.interfaces.cli", "ask", "What did Heni say?", "--index", str(tmp_path))
    assert result.returncode == 1
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("Error: ") and str(tmp_path) in line and "assistant ingest" in line


def test_ingest_of_a_missing_path_prints_one_error_line_and_exits_1(tmp_path):
    result = run("-m", "assistant.interfaces.cli", "ingest", str(tmp_path / "nowhere"), "--index", str(tmp_path / "index"))
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("Error: ") and "nowhere" in line


def test_ingest_of_a_folder_without_documents_prints_one_error_line_and_exits_1(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "scan.pdf").write_bytes(b"%PDF")
    result = run("-m", "assistant.interfaces.cli", "ingest", str(tmp_path / "docs"), "--index", str(tmp_path / "index"))
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("Error: no readable documents")


def test_an_empty_question_is_rejected_before_any_model_or_index_loads(tmp_path):
    result = run("-X", "importtime", "-m", "assistant.interfaces.cli", "ask", "  ", "--index", str(tmp_path))
    assert result.returncode == 1
    assert "Error: The question is empty" in result.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert not {m for m in imported if m.split(".")[0] in HEAVY}


def test_an_invalid_byte_in_the_question_is_one_error_line(tmp_path):
    question = b"Apa kata Heni \xff?"  # not UTF-8: Python hands it over as a lone surrogate
    result = subprocess.run([sys.executable, b"-m", b"assistant.interfaces.cli", b"ask", question,
                             b"--index", str(tmp_path).encode()], capture_output=True, timeout=120)
    assert result.returncode == 1
    [line] = result.stderr.decode().strip().splitlines()
    assert line.startswith("Error: The question holds invalid text")


def test_terminal_safe_shows_escape_sequences_instead_of_sending_them():
    from assistant.interfaces.cli import terminal_safe

    shown = terminal_safe("Judul \x1b]0;pwned\x07 berita\x1b[2J\nbaris\tdua")
    assert "\x1b" not in shown and "\x07" not in shown
    assert shown == "Judul \\x1b]0;pwned\\x07 berita\\x1b[2J\nbaris\tdua"
