"""Files on disk -> Documents: seed metadata, Markdown and JSON Lines readers, bad inputs named, never fatal."""

from __future__ import annotations

import json

import pytest

from assistant.documents.readers import find_files, read_documents
from assistant.documents.units import make_units
from assistant.errors import DocumentError


def test_seed_titles_are_the_headlines(article_2022, article_2024):
    assert article_2022.title == "Optimalkan Peran Humas dalam Membangun Citra Positif Organisasi"
    assert article_2024.title == "Kakanwil Kemenkumham Jatim Tekankan Pentingnya Perubahan Paradigma Kehumasan"


def test_seed_sources_are_the_outlets(article_2022, article_2024):
    assert article_2022.source == "barometerbali"
    assert article_2024.source == "jatimnow.com"


def test_seed_dates_are_iso(article_2022, article_2024):
    assert article_2022.date == "2024-09-16"  # the page's publication line
    assert article_2024.date == ""  # no date line on the page: no publication date (the event dates are kept apart)


def test_seed_event_dates_come_from_the_text(article_2022, article_2024):
    assert article_2022.event_dates == ("2022-10-26",)
    assert article_2024.event_dates == ("2024-06-03",)


def test_seed_byline_is_the_editor(article_2024):
    assert article_2024.byline == "Yanuar D"


def test_seed_credit_line_is_kept_as_byline(article_2022):
    assert article_2022.byline == "BB/502/hms/Kemenkumham Jatim/redho"


def test_seed_dateline_is_the_place(article_2022):
    assert article_2022.dateline == "Surabaya"


def test_documents_carry_a_content_hash(seed_documents):
    hashes = [d.content_hash for d in seed_documents.values()]
    assert all(len(h) == 16 for h in hashes) and len(set(hashes)) == 2


def test_markdown_title_is_the_first_heading(tmp_path):
    (tmp_path / "note.md").write_text("# Catatan Rapat\n\nRapat dimulai\npukul sembilan.\n\nSelesai.\n")
    [doc] = read_documents([tmp_path]).documents
    assert (doc.doc_id, doc.title) == ("note.md", "Catatan Rapat")
    assert doc.text == "Rapat dimulai pukul sembilan.\n\nSelesai."


def test_markdown_without_heading_has_no_title(tmp_path):
    (tmp_path / "note.md").write_text("Rapat dimulai pukul sembilan.\n")
    [doc] = read_documents([tmp_path]).documents
    assert doc.title == "" and doc.text == "Rapat dimulai pukul sembilan."


def test_jsonl_id_comes_from_id_or_passage_id(tmp_path):
    lines = [{"id": "a1", "text": "Teks pertama.", "title": "Satu", "date": "2024-01-02"},
             {"passage_id": 7, "text": "Teks kedua.", "source": ["x.com", "y.com"]}]
    (tmp_path / "docs.jsonl").write_text("\n".join(json.dumps(x) for x in lines))
    docs = read_documents([tmp_path]).documents
    assert [(d.doc_id, d.text, d.title, d.date, d.source) for d in docs] == [
        ("a1", "Teks pertama.", "Satu", "2024-01-02", ""), ("7", "Teks kedua.", "", "", "x.com, y.com")]


def test_jsonl_bad_line_is_reported_with_its_number_and_the_rest_read(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text('{"id": "a", "text": "Satu."}\n{not json\n\n{"id": "c"}\n{"passage_id": "d", "text": "Empat."}\n')
    report = read_documents([path])
    assert [d.doc_id for d in report.documents] == ["a", "d"]
    assert len(report.problems) == 2
    assert "line 2" in report.problems[0] and "line 4" in report.problems[1]
    assert all(str(path) in p for p in report.problems)


@pytest.fixture
def messy_folder(tmp_path):
    (tmp_path / "good.md").write_text("# Baik\n\nIsi yang baik.\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "latin1.txt").write_bytes("Judul Berita Yang Cukup Panjang\n\nKafe café murah.".encode("latin-1"))
    return tmp_path


def test_good_file_is_read_beside_bad_ones(messy_folder):
    report = read_documents([messy_folder])
    assert [d.doc_id for d in report.documents] == ["good.md"]


@pytest.mark.parametrize("name, reason", [("binary.txt", "binary"), ("empty.md", "empty"),
                                          ("latin1.txt", "UTF-8")])
def test_each_bad_file_is_named_with_its_reason(messy_folder, name, reason):
    [problem] = [p for p in read_documents([messy_folder]).problems if name in p]
    assert reason in problem


def test_page_with_only_boilerplate_is_reported(tmp_path):
    (tmp_path / "menu.txt").write_text("Peristiwa\n\nLeave a Reply\n\nKomentar.\n")
    report = read_documents([tmp_path])
    assert report.documents == [] and "no article text" in report.problems[0]


def test_page_with_only_page_lines_is_reported(tmp_path):
    (tmp_path / "empty.txt").write_text("Monday, 16-09-2024\n\nJudul Berita Yang Cukup Panjang\n\nEditor : Ani\n")
    report = read_documents([tmp_path])
    assert report.documents == [] and "no article text" in report.problems[0]


def test_second_document_with_the_same_id_is_reported_and_the_first_kept(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"id": "x", "text": "Pertama."}\n')
    (tmp_path / "b.jsonl").write_text('{"id": "x", "text": "Kedua."}\n')
    report = read_documents([tmp_path])
    assert [d.text for d in report.documents] == ["Pertama."]
    assert "'x'" in report.problems[0]


def test_find_files_skips_hidden_folders_and_other_suffixes(tmp_path):
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "old.md").write_text("# Lama\n\nLama.")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF")
    (tmp_path / "b.md").write_text("B.")
    (tmp_path / "a.txt").write_text("A.")
    assert [p.name for p in find_files([tmp_path])] == ["a.txt", "b.md"]


def test_missing_path_is_a_document_error_naming_it(tmp_path):
    with pytest.raises(DocumentError, match="nowhere.*check the path"):
        find_files([tmp_path / "nowhere"])


def test_a_file_named_twice_is_read_once(tmp_path):
    (tmp_path / "a.md").write_text("Satu.")
    assert find_files([tmp_path, tmp_path / "a.md"]) == [tmp_path / "a.md"]


def test_press_note_of_one_paragraph_is_read(tmp_path):
    (tmp_path / "rilis.txt").write_text("Surabaya - Kanwil Kemenkumham Jatim menggelar rapat koordinasi pada Senin "
                                        "(3/6/2024). “Kami siap,” ujar Heni.\n")
    report = read_documents([tmp_path])
    assert report.problems == []
    [doc] = report.documents
    assert doc.text == ("Surabaya - Kanwil Kemenkumham Jatim menggelar rapat koordinasi pada Senin (3/6/2024). "
                        "“Kami siap,” ujar Heni.")
    assert [u.text for u in make_units(doc)] == [
        "Kanwil Kemenkumham Jatim menggelar rapat koordinasi pada Senin (3/6/2024). “Kami siap,” ujar Heni."]


def test_content_hash_changes_when_the_text_changes(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("# Judul\n\nSatu.")
    before = read_documents([path]).documents[0].content_hash
    path.write_text("# Judul\n\nDua.")
    assert read_documents([path]).documents[0].content_hash != before


def test_markdown_title_is_the_first_heading_even_after_a_preface_line(tmp_path):
    (tmp_path / "note.md").write_text("Draf 2\n\n# Catatan Rapat\n\nRapat dimulai.\n")
    [doc] = read_documents([tmp_path]).documents
    assert doc.title == "Catatan Rapat"
    assert "#" not in doc.text
