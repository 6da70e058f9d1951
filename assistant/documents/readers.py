"""Readers: files on disk -> cleaned `Document`s, every bad input named and skipped, never fatal.

`.txt` files are scraped news pages (see `cleaning`), `.md` files are notes whose first `# ` heading is
the title, and `.jsonl` files hold one document per line (`id` or `passage_id`, `text`, optional
`title`, `date`, `source`). Files are UTF-8, or UTF-16/UTF-32 with a byte-order mark (what Windows editors
save as "Unicode"). A bad file, line or field is reported (where, what is wrong, what to do) and skipped;
everything else is read. The same text under two names is read once.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .cleaning import clean_page
from ..config import load_settings
from ..errors import DocumentError
from ..schema import Document

SUFFIXES = (".txt", ".md", ".jsonl")
# Bump when cleaning, chunking or attribution changes, so that ingest re-embeds every document. A change that alters only
# some documents' text or page lines needs none: their hash changes by itself, and the others' indexes stay.
PIPELINE_VERSION = "5"
# Byte-order marks and the codec that reads past them; UTF-32-LE's mark starts like UTF-16-LE's, so first.
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Removed from everything read: control characters but newline and tab (escape sequences steer terminals),
# lone surrogates (from JSON "\ud800" escapes: they cannot be encoded, hashed or printed) and bidi
# overrides (they reorder what a terminal or browser shows). Document text is printed to both.
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
EXAMPLE = '{"id": "a1", "text": "…"}'
NO_ARTICLE = ("no article text left after removing page boilerplate; if every line is article text, save it "
              "as .md to keep them all")


@dataclass
class ReadReport:
    """What was read, and one line per skipped input.

    Problems are collected, not logged: the caller shows them once (the CLI's `ingest` prints each as a
    warning). Logging them here as well printed every warning twice.
    """

    documents: list[Document] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def skip(self, where: str, reason: str) -> None:
        self.problems.append(safe_text(f"skipped {where}: {reason}"))


def safe_text(text: str) -> str:
    """`text` with Windows and old Mac line ends made "\\n" and the `UNSAFE` characters removed."""
    return UNSAFE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def content_hash(*parts: str) -> str:
    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    for part in parts:
        digest.update(b"\x00" + part.encode("utf-8"))
    return digest.hexdigest()[:16]


def finish(doc: Document) -> Document:
    """Stamp the content hash that incremental ingest compares.

    Page lines count only when there are some, so that documents without them (Markdown, JSON Lines) keep
    the hash they had before page lines existed, and their indexes stay valid."""
    fields = (doc.doc_id, doc.text, doc.title, doc.source, doc.date, doc.byline, doc.dateline)
    if doc.page_lines:
        fields += (json.dumps(doc.page_lines),)
    return Document(**{**doc.__dict__, "content_hash": content_hash(*fields)})


def too_large(size: int, limit: int) -> str:
    """Why input of `size` bytes is skipped, and the setting that admits it."""
    return (f"{size:,} bytes is over the limit of {limit:,} bytes per document; split it, or raise the limit "
            f"(environment ASSISTANT_MAX_DOCUMENT_BYTES={size}, or Settings.max_document_bytes)")


def decode(data: bytes) -> str:
    """A file's text: UTF-8, or UTF-16/32 when a byte-order mark says so; DocumentError when it is not text."""
    encoding = next((name for bom, name in BOMS if data.startswith(bom)), "utf-8-sig")
    if encoding == "utf-8-sig" and b"\x00" in data[:8192]:
        raise DocumentError("binary file, not text (or UTF-16 without a byte-order mark); if it is text, "
                            "re-save it as UTF-8")
    try:
        text = safe_text(data.decode(encoding))
    except UnicodeDecodeError as exc:
        name = "UTF-8" if encoding == "utf-8-sig" else encoding.upper()
        raise DocumentError(f"not {name} ({exc.reason} at byte {exc.start}); re-save it as UTF-8") from None
    if not text.strip():
        raise DocumentError("the file is empty; add text to it or remove it")
    return text


def read_news_page(path: Path, text: str) -> Document:
    """A scraped page: its kept lines as text, page lines marked; DocumentError when no article is left
    (a page of only a headline and a date line has nothing to chunk)."""
    page = clean_page(text)
    if not page.paragraphs:
        raise DocumentError(NO_ARTICLE)
    return Document(
        doc_id=safe_text(path.name), text=page.text, title=page.title, source=page.source,
        date=page.date,  # the page's own date line only: an event date shown as the article's date misleads
        event_dates=tuple(page.event_dates), byline=page.byline, dateline=page.dateline,
        page_lines=tuple(page.page_lines),
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
    return Document(doc_id=safe_text(path.name), text="\n\n".join(paragraphs), title=title)


def json_type(value: object) -> str:
    """`value`'s type as JSON names it, for messages."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    return {dict: "an object", list: "a list", str: "a string"}.get(type(value), "a number")


def as_text(value: object, what: str) -> str:
    """A string or number as text ("" for null); a list, object or boolean is an error naming `what`."""
    if value is None:
        return ""
    if isinstance(value, str):
        return safe_text(value).strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise DocumentError(f"{what} is {json_type(value)}; it must be a string")


def parse_record(line: str) -> Document:
    """One JSONL line as a Document; DocumentError names the field at fault and what to write instead."""
    try:
        record = json.loads(line, strict=False)  # strict=False: a raw tab inside a string is fine
    except json.JSONDecodeError as exc:
        raise DocumentError(f"not valid JSON ({exc.msg} at column {exc.colno}); each line must be one "
                            f"object such as {EXAMPLE}") from None
    except (ValueError, RecursionError) as exc:  # a number too long to convert, brackets nested too deep
        raise DocumentError(f"not readable as JSON ({exc}); each line must be one object such as {EXAMPLE}"
                            ) from None
    if not isinstance(record, dict):
        raise DocumentError(f"the line is {json_type(record)}, not an object; each line must be one object "
                            f"such as {EXAMPLE}")
    doc_id = as_text(record.get("id"), "field `id`") or as_text(record.get("passage_id"), "field `passage_id`")
    if not doc_id:
        raise DocumentError(f"field `id` is missing or empty; give every line its own `id` (or `passage_id`), "
                            f"as in {EXAMPLE}")
    if "text" not in record:
        raise DocumentError("field `text` is missing; add the document's text as a string")
    if not isinstance(record["text"], str):
        raise DocumentError(f"field `text` is {json_type(record['text'])}; it must be a string")
    text = safe_text(record["text"]).strip()
    if not text:
        raise DocumentError("field `text` is empty; add the document's text or remove the line")
    sources = record.get("source")
    source = (", ".join(as_text(s, "an entry of field `source`") for s in sources) if isinstance(sources, list)
              else as_text(sources, "field `source`"))
    return Document(doc_id=doc_id, text=text, title=as_text(record.get("title"), "field `title`"),
                    date=as_text(record.get("date"), "field `date`"), source=source)


def read_jsonl(path: Path, text: str, report: ReadReport, max_bytes: int) -> Iterator[tuple[str, Document]]:
    """(where, document) for each good line; a bad line is reported with its number and skipped."""
    for number, line in enumerate(text.split("\n"), start=1):  # "\n" only: U+2028 may sit inside a string
        if not line.strip():
            continue
        where = f"{path} line {number}"
        size = len(line.encode("utf-8"))
        try:
            if size > max_bytes:
                raise DocumentError(too_large(size, max_bytes))
            doc = parse_record(line)
        except DocumentError as exc:
            report.skip(where, str(exc))
            continue
        yield where, doc


def read_file(path: Path, report: ReadReport, max_bytes: int) -> list[tuple[str, Document]]:
    """(where, document) for each document of one file; a bad file is reported and gives none."""
    try:
        size = path.stat().st_size
        if size > max_bytes and path.suffix != ".jsonl":  # a JSONL file is limited line by line
            raise DocumentError(too_large(size, max_bytes))
        text = decode(path.read_bytes())
        if path.suffix == ".jsonl":
            return list(read_jsonl(path, text, report, max_bytes))
        doc = read_markdown(path, text) if path.suffix == ".md" else read_news_page(path, text)
    except OSError as exc:
        report.skip(str(path), f"cannot read it ({exc.strerror or exc}); check that it exists and is readable")
        return []
    except DocumentError as exc:
        report.skip(str(path), str(exc))
        return []
    if not doc.text.strip():
        report.skip(str(path), NO_ARTICLE)
        return []
    return [(str(path), doc)]


def find_files(paths: Iterable[Path]) -> list[Path]:
    """The readable files under the given files and folders, each once, in a stable order.

    A path that does not exist is an error, not a skip: after a typo, ingest would run on less than meant.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            candidates = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in SUFFIXES
                                and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif path.is_file():
            candidates = [path]
        else:
            raise DocumentError(f"{path} does not exist (or is not a regular file); check the path. Ingest "
                                f"reads .txt, .md and .jsonl files, and folders of them.")
        for candidate in candidates:
            if candidate.resolve() not in seen:
                seen.add(candidate.resolve())
                found.append(candidate)
    return found


def read_documents(paths: Iterable[Path], max_document_bytes: int | None = None) -> ReadReport:
    """Read every document under `paths` (files over `max_document_bytes`, default the setting, skipped).

    A second document with an id already read, or with the same cleaned text as one already read (one
    article saved under two names), is reported and skipped: indexed twice, it would be quoted twice.
    """
    limit = load_settings().max_document_bytes if max_document_bytes is None else max_document_bytes
    report = ReadReport()
    where_id: dict[str, str] = {}
    where_text: dict[bytes, str] = {}
    for path in find_files(paths):
        for where, doc in read_file(path, report, limit):
            text_key = hashlib.sha256(doc.text.encode("utf-8")).digest()
            if doc.doc_id in where_id:
                report.skip(where, f"id {doc.doc_id!r} was already read from {where_id[doc.doc_id]}; give each "
                                   f"document its own id")
            elif text_key in where_text:
                report.skip(where, f"same text as {where_text[text_key]}, which is indexed instead; delete one "
                                   f"of the two copies")
            else:
                where_id[doc.doc_id] = where
                where_text[text_key] = f"{doc.doc_id!r} ({where})"
                report.documents.append(finish(doc))
    return report
