"""Scraped news pages -> page text plus metadata: page furniture never reaches `Document.text`; the page lines
a reader sees (date line, headline, editor, photo caption, dateline, credit) stay in it but never in an article
paragraph."""

from __future__ import annotations

import pytest

from assistant.documents.cleaning import clean_page
from assistant.documents.units import make_units

BOILERPLATE = [
    "Baca juga",
    "Kakanwil Kemenkumham Jatim Lantik 23 Pejabat Manajerial, Ini Pesannya",
    "Kemenkumham Jatim Gelar Sosialisasi Tata Cara Penghapusan Fidusia",
    "Back to top button",
    "Leave a Reply",
    "Related Articles",
    "Pixel Code",
    "Your email address will not be published",
]
# Page lines: in the text, where a reader sees them, and in no unit.
PAGE_LINE_TEXT = [
    "Monday, 16-09-2024",
    "Editor :",
    "(BB/502/hms/Kemenkumham Jatim/redho)",
    "BB/502",
    "Surabaya | barometerbali –",
    "barometerbali",
    "Ket foto:",
    "(hms/kemenkumham/jatim/redho)",
    "(Foto: Humas Kemenkumham Jatim/jatimnow.com)",
]


@pytest.mark.parametrize("furniture", BOILERPLATE)
def test_seed_article_text_holds_no_page_furniture(seed_documents, furniture):
    for doc in seed_documents.values():
        assert furniture.lower() not in doc.text.lower(), doc.doc_id


@pytest.mark.parametrize("line", PAGE_LINE_TEXT)
def test_seed_page_lines_are_in_the_text_but_in_no_unit(seed_documents, line):
    assert any(line.lower() in doc.text.lower() for doc in seed_documents.values())
    for doc in seed_documents.values():
        assert all(line.lower() not in unit.text.lower() for unit in make_units(doc)), doc.doc_id


def test_seed_article_keeps_the_last_quote_before_the_credit(article_2022):
    assert article_2022.text.endswith("masyarakat,” tutup Hendro. (BB/502/hms/Kemenkumham Jatim/redho)")
    assert make_units(article_2022)[-1].text.endswith("bermanfaat bagi masyarakat,” tutup Hendro.")


def test_seed_article_starts_after_the_dateline(article_2022, article_2024):
    assert make_units(article_2022)[0].text.startswith("Kanwil Kemenkumham Jatim berupaya mengoptimalkan peran")
    assert make_units(article_2024)[0].text.startswith("Untuk mengoptimalkan peran kehumasan")


def test_seed_article_keeps_the_paragraph_after_a_related_headline(article_2024):
    assert '"Saat ini, orang lebih suka konten-konten tiktok,' in article_2024.text
    assert '"Kami juga berharap, setelah kegiatan ini,' in article_2024.text


def test_headline_becomes_the_title_and_a_page_line_not_article_text():
    page = clean_page("Peristiwa\n\nWarga Surabaya Gelar Kerja Bakti Bersama\n\nWarga membersihkan selokan.")
    assert page.title == "Warga Surabaya Gelar Kerja Bakti Bersama"
    assert page.text == "Warga Surabaya Gelar Kerja Bakti Bersama\n\nWarga membersihkan selokan."
    assert page.page_lines == [("title", 0, 40)]
    assert page.paragraphs == ["Warga membersihkan selokan."]


def test_related_headline_on_the_next_line_is_removed():
    page = clean_page("Judul Berita Yang Cukup Panjang\n\nAwal.\n\nBaca juga:\nJudul Lain Yang Tidak Terkait\n\nAkhir.")
    assert page.paragraphs == ["Awal.", "Akhir."]


def test_related_headline_on_the_same_line_is_removed():
    page = clean_page("Judul Berita Yang Cukup Panjang\n\nAwal.\n\nBaca juga: Judul Lain Yang Tidak Terkait\n\nAkhir.")
    assert page.paragraphs == ["Awal.", "Akhir."]


def test_a_photo_caption_is_a_page_line_once_however_often_the_page_shows_it():
    page = clean_page("Judul Berita Yang Cukup Panjang\n\nKet foto: Peserta berfoto bersama\n\n"
                      "Rapat (Foto: Humas)\n\nRapat (Foto: Humas)\n\nIsi berita.")
    assert page.paragraphs == ["Isi berita."]
    assert [(kind, page.text[start:end]) for kind, start, end in page.page_lines] == [
        ("title", "Judul Berita Yang Cukup Panjang"), ("caption", "Ket foto: Peserta berfoto bersama"),
        ("caption", "Rapat (Foto: Humas)")]


def test_everything_after_leave_a_reply_is_dropped():
    page = clean_page("Judul Berita Yang Cukup Panjang\n\nIsi berita.\n\nLeave a Reply\n\nKomentar pembaca yang panjang.")
    assert page.paragraphs == ["Isi berita."]


def test_editor_line_becomes_the_byline_and_a_page_line():
    page = clean_page("Judul Berita Yang Cukup Panjang\n\nEditor : Yanuar D\u00a0\n\nIsi berita.")
    assert page.byline == "Yanuar D"
    assert page.paragraphs == ["Isi berita."]
    assert page.page_lines[1] == ("editor", 33, 50) and page.text[33:50] == "Editor : Yanuar D"


@pytest.mark.parametrize("label", ["Penulis", "Reporter", "Pewarta", "Wartawan"])
def test_a_writers_line_becomes_the_byline_and_a_writer_page_line(label):
    page = clean_page(f"Judul Berita Yang Cukup Panjang\n\n{label} : Ani\n\nIsi berita.")
    assert page.byline == "Ani"
    assert page.page_lines[1][0] == "writer" and page.paragraphs == ["Isi berita."]


def test_publication_line_becomes_the_date_and_a_page_line_not_article_text():
    page = clean_page("Monday, 16-09-2024\n\nJudul Berita Yang Cukup Panjang\n\nIsi berita.")
    assert page.date == "2024-09-16"
    assert page.page_lines[0] == ("date", 0, 18) and page.text.startswith("Monday, 16-09-2024\n\n")
    assert not any("2024" in paragraph for paragraph in page.paragraphs)


def test_dateline_gives_place_and_outlet():
    page = clean_page("Judul Berita Yang Cukup Panjang\n\nSurabaya | barometerbali – Warga berkumpul.")
    assert (page.dateline, page.source, page.paragraphs) == ("Surabaya", "barometerbali", ["Warga berkumpul."])


def test_dateline_paragraph_is_a_page_line_kept_whole():
    page = clean_page("Judul Berita Yang Cukup Panjang\n\nSurabaya | barometerbali – Warga berkumpul.")
    kind, start, end = page.page_lines[-1]
    assert (kind, page.text[start:end]) == ("dateline", "Surabaya | barometerbali – Warga berkumpul.")


def test_closing_credit_becomes_part_of_the_byline():
    page = clean_page("Judul Berita Yang Cukup Panjang\n\nEditor : Ani\n\nWarga berkumpul. (BB/1/hms/redho)")
    assert page.paragraphs == ["Warga berkumpul."]
    assert page.byline == "Ani; BB/1/hms/redho"
    kind, start, end = page.page_lines[-1]
    assert (kind, page.text[start:end]) == ("credit", "Warga berkumpul. (BB/1/hms/redho)")


def test_event_dates_are_read_from_the_text():
    page = clean_page("Judul Berita Yang Cukup Panjang\n\nRapat digelar Senin (3/6/2024) dan Rabu (5/6/2024).")
    assert page.event_dates == ["2024-06-03", "2024-06-05"]


PRESS_NOTE = ("Surabaya - Kanwil Kemenkumham Jatim menggelar rapat koordinasi pada Senin (3/6/2024). "
              "“Kami siap,” ujar Heni.")


def test_press_note_without_headline_keeps_its_text():
    page = clean_page(PRESS_NOTE)
    assert (page.title, page.text) == ("", PRESS_NOTE)
    assert page.paragraphs == [PRESS_NOTE.removeprefix("Surabaya - ")]


def test_place_alone_opening_the_text_is_the_dateline():
    assert clean_page(PRESS_NOTE).dateline == "Surabaya"


def test_text_without_headline_keeps_every_paragraph_from_the_first_sentence_on():
    page = clean_page("Peristiwa\n\nWarga membersihkan selokan bersama pada Minggu pagi.\n\n"
                      "Kerja Bakti Berlanjut Pekan Depan\n\nKetua RT hadir.")
    assert page.title == ""
    assert page.paragraphs == ["Warga membersihkan selokan bersama pada Minggu pagi.",
                               "Kerja Bakti Berlanjut Pekan Depan", "Ketua RT hadir."]


def test_short_line_with_a_full_stop_above_the_headline_is_still_dropped():
    page = clean_page("Komentar.\n\nWarga Surabaya Gelar Kerja Bakti Bersama\n\nWarga membersihkan selokan.")
    assert page.title == "Warga Surabaya Gelar Kerja Bakti Bersama"
    assert page.text == "Warga Surabaya Gelar Kerja Bakti Bersama\n\nWarga membersihkan selokan."


def test_parenthesis_without_a_slash_closing_the_text_is_not_a_credit():
    page = clean_page("Judul Berita Yang Cukup Panjang\n\nRapat digelar di aula (lantai dua)")
    assert page.paragraphs == ["Rapat digelar di aula (lantai dua)"] and page.byline == ""
    assert [kind for kind, _, _ in page.page_lines] == ["title"]
