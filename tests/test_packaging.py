"""A built wheel works on its own: it carries its package data (answer frames, the web chat's templates,
styles and script), and installed into a fresh virtual environment, outside the checkout, it indexes
documents and answers a question with its framing words and citations."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DATA = ("assistant/answer/frames.json", "assistant/interfaces/static", "assistant/interfaces/templates")
SCRIPT = """
import json, sys
from pathlib import Path
import assistant
from assistant import Assistant
from assistant.config import load_settings
from assistant.index.embedder import load_embedder
from assistant.index.ingest import ingest

settings = load_settings(index_dir=Path(sys.argv[1]), seeds_dir=Path(sys.argv[2]))
embedder = load_embedder(settings)
ingest([settings.seeds_dir], settings, lambda: embedder, progress=False)
bot = Assistant(settings=settings, embedder=embedder, build=False, progress=False)
answer = bot.ask("What did Heni say about hoaxes?")
print(json.dumps({"package": assistant.__file__, "answer": answer.to_dict()}))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of the sources (the checkout keeps no build/ folder) without build
    isolation, so nothing is downloaded: a few seconds."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "src"
    shutil.copytree(ROOT / "assistant", source / "assistant", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                    str(work / "dist"), str(source)], check=True, capture_output=True)
    [built] = (work / "dist").glob("assistant-*.whl")
    return built


def test_the_wheel_holds_every_package_data_file(wheel):
    expected = {p.relative_to(ROOT).as_posix() for name in PACKAGE_DATA
                for p in ([ROOT / name] if (ROOT / name).is_file() else (ROOT / name).rglob("*")) if p.is_file()}
    assert {"assistant/interfaces/static/chat.css", "assistant/answer/frames.json"} <= expected
    assert expected - set(zipfile.ZipFile(wheel).namelist()) == set()


@pytest.fixture(scope="module")
def fresh_python(wheel, tmp_path_factory) -> Path:
    """The python of a new venv holding only the built wheel; the heavy dependencies (torch, Chroma, ...)
    are borrowed from the project's venv through a .pth file instead of being downloaded again."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    (Path(site) / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "-q", str(wheel)], check=True,
                   capture_output=True)
    return python


@pytest.mark.slow
def test_the_installed_wheel_answers_a_question_with_citations(fresh_python, tmp_path):
    seeds = tmp_path / "docs"
    shutil.copytree(ROOT / "seeds", seeds)
    env = {"HF_HUB_OFFLINE": "1", "HOME": str(Path.home()), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([str(fresh_python), "-c", SCRIPT, str(tmp_path / "index"), str(seeds)],
                            cwd=tmp_path, capture_output=True, text=True, env=env, timeout=900)
    assert result.returncode == 0, result.stderr[-2000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert str(fresh_python.parent.parent) in out["package"]  # the wheel, not the checkout
    answer = out["answer"]
    assert not answer["refused"] and answer["citations"]
    frames = (" said, in ", " reports, on ", "According to")  # frames.json read from the wheel
    assert any(frame in answer["text"].splitlines()[0] for frame in frames)
