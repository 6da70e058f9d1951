"""Bad input at the reader edge: each bad file, line or field is reported (where, what, what to do) and
skipped, everything else is read, and what is read is safe to hash, print and show."""

from __future__ import annotations

import codecs
import json
import logging
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.documents.readers import read_documents

GOOD = {"id": "good", "text": "Rapat dimulai pukul sembilan."}
ARTICLE = "Judul Berita Yang Cukup Panjang\n\nWarga membersihkan selokan bersama pada Minggu pagi.\n"


def printable(text: str) -> bool:
    """No control character but newline and tab, no lone surrogate: safe for a terminal or a browser."""
    return all(c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cs") for c in text)


# database=None: no .hypothesis/ folder in the checkout; failures print their example instead.
PROPERTY = settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def jsonl(path: Path, *lines: object) -> Path:
    """A JSONL file with `GOOD` first, then each of `lines` (str as written, anything else as JSON)."""
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in (GOOD, *lines)) + "\n")
    return path


def test_numeric_source_is_read_as_text_and_the_run_goes_on(tmp_path):
    report = read_documents([jsonl(tmp_path / "d.jsonl", {"id": "b", "text": "Dua.", "source": 42})])
    assert [(d.doc_id, d.source) for d in report.documents] == [("good", ""), ("b", "42")]
    assert report.problems == []


@pytest.mark.parametrize("line, kind", [([1, 2, 3], "a list"), (None, "null"), ("text", "a string"), (7, "a number")])
def test_line_that_is_not_an_object_is_reported_by_its_json_type(tmp_path, line, kind):
    report = read_documents([jsonl(tmp_path / "d.jsonl", json.dumps(line))])
    assert [d.doc_id for d in report.documents] == ["good"]
    [problem] = report.problems
    assert "d.jsonl line 2" in problem and f"is {kind}, not an object" in problem and '{"id"' in problem


def test_missing_text_names_the_field_and_what_to_do(tmp_path):
    [problem] = read_documents([jsonl(tmp_path / "d.jsonl", {"id": "b", "title": "Dua"})]).problems
    assert "line 2: field `text` is missing; add the document's text as a string" in problem


def test_missing_id_names_the_field_and_shows_an_example(tmp_path):
    [problem] = read_documents([jsonl(tmp_path / "d.jsonl", {"text": "Dua."})]).problems
    assert "field `id` is missing" in problem and '{"id": "a1"' in problem


@pytest.mark.parametrize("record, message", [
    ({"id": "b", "text": "Dua.", "title": {"main": "Dua"}}, "field `title` is an object; it must be a string"),
    ({"id": "b", "text": "Dua.", "date": ["2024"]}, "field `date` is a list; it must be a string"),
    ({"id": "b", "text": "Dua.", "source": [["x.com"]]}, "an entry of field `source` is a list"),
    ({"id": {"n": 1}, "text": "Dua."}, "field `id` is an object"),
    ({"id": "b", "text": ["Dua."]}, "field `text` is a list; it must be a string"),
    ({"id": "b", "text": "Dua.", "title": True}, "field `title` is true"),
])
def test_nested_value_rejects_the_record_naming_the_field(tmp_path, record, message):
    report = read_documents([jsonl(tmp_path / "d.jsonl", record)])
    assert [d.doc_id for d in report.documents] == ["good"]
    assert message in report.problems[0]


def test_reader_reports_problems_without_logging_them_again(tmp_path, caplog):
    """The CLI prints `problems`; a log line as well printed every warning twice."""
    (tmp_path / "empty.md").write_bytes(b"")
    with caplog.at_level(logging.DEBUG):
        report = read_documents([tmp_path])
    assert len(report.problems) == 1 and caplog.records == []


@pytest.mark.parametrize("bom, codec", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
                                        (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF8, "utf-8")])
def test_file_with_a_byte_order_mark_reads_like_utf8(tmp_path, bom, codec):
    (tmp_path / "utf8.txt").write_text(ARTICLE)
    (tmp_path / "other.txt").write_bytes(bom + ARTICLE.replace("Minggu", "Senin").encode(codec))
    other, utf8 = read_documents([tmp_path]).documents
    assert other.text == utf8.text.replace("Minggu", "Senin") and other.title == utf8.title


def test_utf16_jsonl_with_a_byte_order_mark_is_read(tmp_path):
    (tmp_path / "d.jsonl").write_bytes(json.dumps(GOOD, ensure_ascii=False).encode("utf-16"))
    assert [d.text for d in read_documents([tmp_path]).documents] == [GOOD["text"]]


def test_utf16_without_byte_order_mark_says_to_resave_as_utf8(tmp_path):
    (tmp_path / "a.txt").write_bytes(ARTICLE.encode("utf-16-le"))
    [problem] = read_documents([tmp_path]).problems
    assert "UTF-16 without a byte-order mark" in problem and "re-save it as UTF-8" in problem


def test_same_text_under_two_names_is_read_once_and_reported(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "copy of a.txt").write_text("Menu\n\n" + ARTICLE)  # differs only in what cleaning removes
    report = read_documents([tmp_path])
    assert [d.doc_id for d in report.documents] == ["a.txt"]
    [problem] = report.problems
    assert "copy of a.txt" in problem and "same text as 'a.txt'" in problem and "delete one" in problem


def test_same_text_on_two_jsonl_lines_is_read_once(tmp_path):
    report = read_documents([jsonl(tmp_path / "d.jsonl", {**GOOD, "id": "again"})])
    assert [d.doc_id for d in report.documents] == ["good"]
    assert "line 2" in report.problems[0] and "same text as 'good'" in report.problems[0]


def test_file_over_the_size_limit_is_skipped_naming_the_limit_and_how_to_raise_it(tmp_path):
    (tmp_path / "big.txt").write_text(ARTICLE)
    (tmp_path / "small.md").write_text("Kecil.")
    report = read_documents([tmp_path], max_document_bytes=20)
    assert [d.doc_id for d in report.documents] == ["small.md"]
    [problem] = report.problems
    assert "big.txt" in problem and "over the limit of 20 bytes" in problem
    assert f"ASSISTANT_MAX_DOCUMENT_BYTES={len(ARTICLE)}" in problem


def test_size_limit_applies_to_each_jsonl_line(tmp_path):
    path = jsonl(tmp_path / "d.jsonl", {"id": "long", "text": "Panjang sekali. " * 10})
    report = read_documents([path], max_document_bytes=100)
    assert [d.doc_id for d in report.documents] == ["good"]
    assert "line 2" in report.problems[0] and "over the limit of 100 bytes" in report.problems[0]


def test_size_limit_comes_from_the_environment(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(ARTICLE)
    monkeypatch.setenv("ASSISTANT_MAX_DOCUMENT_BYTES", "10")
    assert read_documents([tmp_path]).documents == []


def test_unreadable_file_is_reported_and_the_rest_read(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text("Bisa dibaca.")
    (tmp_path / "locked.md").write_text("Terkunci.")
    read_bytes = Path.read_bytes

    def refuse_locked(path: Path) -> bytes:
        if path.name == "locked.md":
            raise PermissionError(13, "Permission denied")
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse_locked)
    report = read_documents([tmp_path])
    assert [d.doc_id for d in report.documents] == ["a.md"]
    assert "locked.md: cannot read it (Permission denied)" in report.problems[0]


def test_control_characters_leave_the_text_but_newlines_and_tabs_stay(tmp_path):
    text = "Awas\x1b[2J layar\x07 bersih.\r\n\r\nTab\tdi sini. \u202egnaleb\x9b"
    (tmp_path / "d.jsonl").write_text(json.dumps({"id": "a", "text": text}))
    [doc] = read_documents([tmp_path]).documents
    assert doc.text == "Awas[2J layar bersih.\n\nTab\tdi sini. gnaleb"


def test_control_characters_in_a_file_leave_its_text(tmp_path):
    (tmp_path / "a.md").write_text("Awas\x1b[2J layar\x07 bersih.\x7f")
    [doc] = read_documents([tmp_path]).documents
    assert doc.text == "Awas[2J layar bersih."


def test_lone_surrogate_in_jsonl_is_removed_and_the_document_read(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text('{"id": "a\\udfff", "text": "Halo \\ud800dunia.", "title": "Judul \\u001b[31m"}\n')
    [doc] = read_documents([path]).documents
    assert (doc.doc_id, doc.text, doc.title) == ("a", "Halo dunia.", "Judul [31m")


@PROPERTY
@given(st.binary(max_size=400), st.sampled_from([".txt", ".md", ".jsonl"]))
def test_arbitrary_bytes_never_crash_the_reader(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("bytes") / f"f{suffix}"
    path.write_bytes(data)
    report = read_documents([path])
    assert all(printable(d.text + d.doc_id + d.title + d.source) for d in report.documents)
    assert all(p.startswith(f"skipped {path}") for p in report.problems)


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                        max_size=3), max_leaves=8)
RECORDS = st.fixed_dictionaries({}, optional={"id": JSON_VALUES, "passage_id": JSON_VALUES, "text": JSON_VALUES,
                                              "title": JSON_VALUES, "date": JSON_VALUES, "source": JSON_VALUES})


@PROPERTY
@given(st.lists(st.one_of(RECORDS, JSON_VALUES), min_size=1, max_size=6))
def test_every_jsonl_line_becomes_a_document_or_a_problem_naming_its_line(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("jsonl") / "d.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines))
    report = read_documents([path])
    assert len(report.documents) + len(report.problems) == len(lines)
    assert all(p.startswith(f"skipped {path} line ") for p in report.problems)
    assert all(printable(d.text + d.doc_id + d.title + d.source + d.date) for d in report.documents)
