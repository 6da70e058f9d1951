"""Readers: files on disk -> cleaned `Document`s, with every unreadable input named, never fatal.

`.txt` files are scraped news pages (see `cleaning`), `.md` files are notes whose first `# ` heading is
the title, and `.jsonl` files hold one document per line (`id` or `passage_id`, `text`, optional
`title`, `date`, `source`). A bad file or line is reported and skipped; the rest is read.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .cleaning import clean_page
from ..schema import Document

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".jsonl")
# Bump when cleaning or chunking changes, so that ingest re-embeds every document.
PIPELINE_VERSION = "3"


@dataclass
class ReadReport:
    documents: list[Document] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one human-readable line per skipped input

    def skip(self, message: str) -> None:
        log.warning(message)
        self.problems.append(message)


def content_hash(*parts: str) -> str:
    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    for part in parts:
        digest.update(b"\x00" + part.encode("utf-8"))
    return digest.hexdigest()[:16]


def finish(doc: Document) -> Document:
    """Stamp the content hash that incremental ingest compares."""
    fields = (doc.doc_id, doc.text, doc.title, doc.source, doc.date, doc.byline, doc.dateline)
    return Document(**{**doc.__dict__, "content_hash": content_hash(*fields)})


def decode(path: Path, report: ReadReport) -> str | None:
    """The file's text, or None (with a reported reason) for empty, binary or non-UTF-8 files."""
    data = path.read_bytes()
    if not data.strip():
        report.skip(f"skipped {path}: the file is empty")
        return None
    if b"\x00" in data[:8192]:
        report.skip(f"skipped {path}: binary file, not text")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        report.skip(f"skipped {path}: not UTF-8 ({exc.reason} at byte {exc.start}); re-save it as UTF-8")
        return None


def read_news_page(path: Path, text: str) -> Document:
    page = clean_page(text)
    return Document(
        doc_id=path.name, text=page.text, title=page.title, source=page.source,
        date=page.date or (page.event_dates[0] if page.event_dates else ""),
        event_dates=tuple(page.event_dates), byline=page.byline, dateline=page.dateline,
    )


def read_markdown(path: Path, text: str) -> Document:
    """The first `# ` heading is the title (and leaves the text); everything else is the body."""
    lines = text.strip().splitlines()
    title = ""
    heading = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    if heading is not None:
        title = lines[heading][2:].strip()
        lines = lines[:heading] + lines[heading + 1:]
    paragraphs = [" ".join(p.split()) for p in "\n".join(lines).split("\n\n") if p.strip()]
    return Document(doc_id=path.name, text="\n\n".join(paragraphs), title=title)


def read_jsonl(path: Path, text: str, report: ReadReport) -> Iterator[Document]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            doc_id = str(record.get("id") or record.get("passage_id") or "")
            body = record["text"]
            if not doc_id or not isinstance(body, str) or not body.strip():
                raise ValueError("needs a non-empty `id` (or `passage_id`) and `text`")
        except (ValueError, KeyError, AttributeError, TypeError) as exc:
            report.skip(f"skipped {path} line {number}: {exc}")
            continue
        source = record.get("source") or ""
        if not isinstance(source, str):
            source = ", ".join(map(str, source))
        yield Document(doc_id=doc_id, text=body.strip(), title=str(record.get("title") or ""),
                       date=str(record.get("date") or ""), source=source)


def read_file(path: Path, report: ReadReport) -> list[Document]:
    text = decode(path, report)
    if text is None:
        return []
    if path.suffix == ".jsonl":
        return list(read_jsonl(path, text, report))
    doc = read_markdown(path, text) if path.suffix == ".md" else read_news_page(path, text)
    if not doc.text.strip():
        report.skip(f"skipped {path}: no article text left after removing page boilerplate")
        return []
    return [doc]


def find_files(paths: Iterable[Path]) -> list[Path]:
    """The readable files under the given files and folders, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in SUFFIXES
                                and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        elif path.is_file():
            found.append(path)
        else:
            raise FileNotFoundError(f"{path} does not exist")
    return found


def read_documents(paths: Iterable[Path]) -> ReadReport:
    """Read every document under `paths`; duplicate ids are reported and the first one kept."""
    report = ReadReport()
    seen: set[str] = set()
    for path in find_files(paths):
        for doc in read_file(path, report):
            if doc.doc_id in seen:
                report.skip(f"skipped a second document with id {doc.doc_id!r} in {path}")
                continue
            seen.add(doc.doc_id)
            report.documents.append(finish(doc))
    return report
