"""What a reader sees is citable: page lines (date line, headline, editor, dateline, credit) stay in a scraped
page's stored text with exact spans, content units never hold them, and a question about the page is
answered from them."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.answer.page import answer_from_page, page_kind, page_kinds, page_passages, page_topic
from assistant.answer.extractive import ExtractiveAnswerer, citation, page_value
from assistant.answer.understanding import Understanding, understand
from assistant.config import Settings
from assistant.documents.cleaning import clean_page
from assistant.documents.readers import read_documents, read_news_page
from assistant.documents.units import make_units, people
from assistant.index.store import doc_from_record, doc_metadata
from assistant.schema import Document, Passage

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


ONE_PARAGRAPH = "Judul Berita Yang Cukup Panjang\n\nSurabaya - Warga berkumpul di balai desa. (BB/1/hms/ani)"


def page_line_texts(doc: Document) -> list[tuple[str, str]]:
    return [(kind, doc.text[start:end]) for kind, start, end in doc.page_lines]


def old_style(doc: Document) -> Document:
    """The document as cleaning made it before page lines were kept: the article paragraphs alone."""
    return replace(doc, text="\n\n".join(clean_page((SEEDS / doc.doc_id).read_text(encoding="utf-8")).paragraphs),
                   page_lines=())


def passage(doc: Document, dense: float = 0.5) -> Passage:
    unit = make_units(doc)[0]
    return Passage(unit=unit, score=0.5, title=doc.title, source=doc.source, date=doc.date, dense=dense)


# Page lines in the stored text.

def test_seed_page_lines_are_kept_in_page_order_with_exact_spans(article_2022, article_2024):
    paragraphs_2022 = article_2022.text.split("\n\n")
    assert page_line_texts(article_2022) == [
        ("date", "Monday, 16-09-2024"),
        ("title", "Optimalkan Peran Humas dalam Membangun Citra Positif Organisasi"),
        ("caption", "Ket foto: Kegiatan penguatan SDM kehumasan Kumham PR Summit 2022 East Java Region, Kamis "
                    "(26/10/2022) (hms/kemenkumham/jatim/redho)"),
        ("dateline", paragraphs_2022[3]),
        ("credit", paragraphs_2022[-1]),
    ]
    assert paragraphs_2022[3].startswith("Surabaya | barometerbali – Kanwil Kemenkumham Jatim")
    assert paragraphs_2022[-1].endswith("tutup Hendro. (BB/502/hms/Kemenkumham Jatim/redho)")
    assert page_line_texts(article_2024) == [
        ("title", "Kakanwil Kemenkumham Jatim Tekankan Pentingnya Perubahan Paradigma Kehumasan"),
        ("editor", "Editor : Yanuar D"),
        ("caption", "Kumham PR Bootcamp East Java Region 2024 (Foto: Humas Kemenkumham Jatim/jatimnow.com)"),  # once
        ("dateline", article_2024.text.split("\n\n")[3]),
    ]
    assert article_2024.text.split("\n\n")[3].startswith("jatimnow.com - Untuk mengoptimalkan peran kehumasan")


def test_seed_metadata_is_still_filled(article_2022, article_2024):
    assert (article_2022.date, article_2022.source, article_2022.dateline, article_2022.byline) == (
        "2024-09-16", "barometerbali", "Surabaya", "BB/502/hms/Kemenkumham Jatim/redho")
    assert (article_2024.source, article_2024.byline) == ("jatimnow.com", "Yanuar D")


def test_boilerplate_is_still_removed(seed_documents):
    for doc in seed_documents.values():
        for furniture in ("Baca juga", "Related Articles", "Leave a Reply", "Pixel Code"):
            assert furniture not in doc.text, (doc.doc_id, furniture)


# Content units unchanged.

def test_content_units_are_those_of_the_article_alone(seed_documents):
    for doc in seed_documents.values():
        new = [(u.chunk_id, u.text, u.position, u.speaker, u.role) for u in make_units(doc)]
        old = [(u.chunk_id, u.text, u.position, u.speaker, u.role) for u in make_units(old_style(doc))]
        assert new == old, doc.doc_id


def test_no_unit_holds_page_line_text(seed_documents):
    for doc in seed_documents.values():
        for unit in make_units(doc):
            for line in ("Editor :", "16-09-2024", "barometerbali –", "jatimnow.com -", "BB/502", "Ket foto", "(Foto:",
                         "Optimalkan Peran Humas dalam Membangun Citra Positif Organisasi"):
                assert line not in unit.text, (unit.chunk_id, line)


def test_lead_and_last_units_stop_at_the_dateline_and_the_credit(article_2022, article_2024):
    units = make_units(article_2022)
    assert units[0].text.startswith("Kanwil Kemenkumham Jatim berupaya")
    assert units[-1].text.endswith("bermanfaat bagi masyarakat,” tutup Hendro.")
    assert make_units(article_2024)[0].text.startswith("Untuk mengoptimalkan peran kehumasan")


def test_unit_texts_are_byte_identical_to_the_indexed_ones(article_2022, article_2024):
    """The chunk id hashes the unit's text: these are the ids the index held before page lines were kept."""
    ids = {u.chunk_id for u in make_units(article_2022)} | {u.chunk_id for u in make_units(article_2024)}
    assert {"000_bddb50fd49da4ba6.txt#d0dc4922a8", "003_aed5bb9b2ecf9d57.txt#1a24bd691f",
            "003_aed5bb9b2ecf9d57.txt#d644e3dcd7"} <= ids


def test_people_are_found_in_the_article_alone(seed_documents):
    for doc in seed_documents.values():
        assert people(doc) == people(old_style(doc)), doc.doc_id


def test_offsets_slice_the_text_for_every_unit_and_page_line(seed_documents):
    one_paragraph = read_news_page(Path("rilis.txt"), ONE_PARAGRAPH)
    for doc in [*seed_documents.values(), one_paragraph]:
        for unit in make_units(doc):
            assert doc.text[unit.start:unit.end] == unit.text
        for kind, start, end in doc.page_lines:
            before, after = doc.text[:start], doc.text[end:]
            assert before in ("",) or before.endswith("\n\n"), (doc.doc_id, kind)  # a whole line
            assert after in ("",) or after.startswith("\n\n"), (doc.doc_id, kind)


def test_a_paragraph_both_dateline_and_credit_gives_units_between_them():
    doc = read_news_page(Path("rilis.txt"), ONE_PARAGRAPH)
    assert [kind for kind, _, _ in doc.page_lines] == ["title", "dateline", "credit"]
    assert [u.text for u in make_units(doc)] == ["Warga berkumpul di balai desa."]


# Markdown and JSON Lines: no page lines, nothing changed.

def test_markdown_and_jsonl_documents_are_unchanged(tmp_path):
    (tmp_path / "note.md").write_text("# Catatan Rapat\n\nEditor : Ani\n\nRapat dimulai.\n")
    (tmp_path / "docs.jsonl").write_text(json.dumps({"id": "p1", "title": "Panen", "text": "Monday, 16-09-2024\n\n"
                                                     "jatimnow.com - Petani memulai panen."}) + "\n")
    jsonl, md = read_documents([tmp_path]).documents
    assert (md.text, md.page_lines) == ("Editor : Ani\n\nRapat dimulai.", ())
    assert (jsonl.text, jsonl.page_lines) == ("Monday, 16-09-2024\n\njatimnow.com - Petani memulai panen.", ())
    assert [u.text for u in make_units(jsonl)] == ["Monday, 16-09-2024", "jatimnow.com - Petani memulai panen."]


def test_content_hash_of_a_document_without_page_lines_is_the_one_indexes_hold(tmp_path):
    """Pinned: a change here makes every indexed benchmark of JSON Lines passages stale (as PIPELINE_VERSION
    bumps must: 5, speakers of continuing paragraphs)."""
    (tmp_path / "docs.jsonl").write_text('{"id": "a1", "text": "Teks pertama.", "title": "Satu"}\n')
    assert read_documents([tmp_path]).documents[0].content_hash == "f3855a9c88f054c3"


# Stored and read back.

def test_store_round_trips_page_lines(article_2022):
    stored = doc_from_record(article_2022.doc_id, article_2022.text, doc_metadata(article_2022))
    assert stored.page_lines == article_2022.page_lines and stored == article_2022


def test_a_record_of_an_index_without_page_lines_reads_back_without(article_2024):
    old = {k: v for k, v in doc_metadata(article_2024).items() if k != "page_lines"}
    assert doc_from_record(article_2024.doc_id, article_2024.text, old).page_lines == ()


def test_an_index_holds_the_page_lines_of_its_documents(fake_seed_bot, seed_documents):
    for doc_id, doc in seed_documents.items():
        assert fake_seed_bot.documents[doc_id].page_lines == doc.page_lines


# Which questions ask about the page.

@pytest.mark.parametrize("question, kind", [
    ("What is the headline of the 2022 summit article?", "title"),
    ("Apa judul berita tentang bootcamp?", "title"),
    ("Apa judul berita tentang sesi teknis?", "title"),  # a session named, but the article's title asked
    ("Which news outlets covered the two events?", "dateline"),
    ("Which news site ran the story about the 2024 bootcamp?", "dateline"),
    ("Media apa yang memberitakan kedua acara itu?", "dateline"),
    ("Di situs berita apa artikel ini dimuat?", "dateline"),
    ("Who is the editor of the 2024 bootcamp article?", "editor"),
    ("Who edited the bootcamp article?", "editor"),
    ("Siapa editor berita bootcamp 2024?", "editor"),
    ("editornya siapa?", "editor"),  # -nya: "its editor", in chat
    ("penulisnya siapa?", "writer"),
    ("Siapa penulis artikel itu?", "writer"),
    ("Siapa wartawan yang menulis berita itu?", "writer"),
    ("Who was the reporter who wrote the article (not the editor)?", "writer"),
    ("What is on the page's date line?", "date"),
    ("When was the bootcamp article published?", "date"),
    ("Kapan halaman barometerbali itu diterbitkan?", "date"),
    ("Artikel barometerbali itu tanggal tayangnya kapan?", "date"),  # -nya on the word for published
    ("Kapan terbitnya berita itu?", "date"),
    ("Tanggal berapa yang tertera di baris tanggal halaman barometerbali?", "date"),
    ("Tanggal berapa tercantum di bagian atas halaman barometerbali?", "date"),
    ("What date is shown at the top of the barometerbali page?", "date"),
    ("What is the dateline of the 2022 article?", "dateline"),
    ("Berita barometerbali itu ditulis dari kota mana?", "dateline"),
    ("Apa kota asal berita itu?", "dateline"),
    ("What is the credit line of the barometerbali article?", "credit"),
    ("photo credit barometerbali?", "caption"),
    ("Kapan halaman beritanya tertanggal?", "date"),
    ("Apa keterangan foto di berita jatimnow?", "caption"),
    ("What does the photo caption of the 2022 article say?", "caption"),
    ("berita barometerbali itu tanggal berapa", "date"),  # the news page's date, in chat word order
    ("Which jatimnow reporter wrote the Bootcamp story?", "writer"),  # which reporter, not who
    ("siapa wartawan yang menulis berita bootcamp di jatimnow", "writer"),
])
def test_a_question_about_the_page_names_the_page_line(question, kind):
    assert page_kind(question) == kind


@pytest.mark.parametrize("question", [
    "When was the bootcamp held?",
    "Kapan acara dibuka?",
    "Who spoke?",
    "Siapa yang membuka kegiatan?",
    "What did he say about the media?",
    "Bagaimana Heni Yuwono memandang pengaruh media sosial?",
    "What is Zakaria's job title?",
    "What were the sessions of the 2022 summit, and who covered each one?",
    "How many reporters attended?",
    "Media apa yang digunakan humas?",
    "Di kota mana PR Summit 2022 diselenggarakan?",
    "Tanggal berapa bootcamp dibuka?",
    "What date is shown for the opening of the bootcamp?",
    "Tanggal berapa tercantum sebagai hari pembukaan acara?",
    "Apa judul materi yang dibawakan Nerry Supanji?",  # the title of a talk
    "What was the title of Heni's keynote speech?",
    "What was the keynote's title?",
    "Tanggal berapa bootcamp digelar menurut berita itu?",  # the event's date, as the news tells it
    "What did Arief say about journalists?",
    "Which journalists did Arief Rahman say PR should work with?",
])
def test_a_question_about_the_article_names_no_page_line(question):
    assert page_kind(question) is None


def test_a_question_may_ask_for_two_page_lines_the_deciding_one_first():
    assert page_kinds("What is the headline of the barometerbali story and what date is shown?") == ("date", "title")
    assert page_kinds("Siapa editor berita bootcamp 2024?") == ("editor",)
    assert page_kinds("Siapa penulis dan editor berita bootcamp 2024?") == ("writer", "editor")


def test_a_page_line_the_question_sets_aside_is_not_asked_for():
    assert page_kinds("Who was the reporter who wrote the article (not the editor)?") == ("writer",)
    assert page_kinds("Siapa penulis berita itu, selain editornya?") == ("writer",)


def test_every_page_line_asked_for_is_cited(seed_documents, article_2022):
    retrieved = [passage(article_2022)]
    found = answer_from_page("date", "What is the headline of the barometerbali story and what date is shown?",
                             False, retrieved, seed_documents)
    assert [p.unit.chunk_id.rsplit("-", 1)[-1] for p in found] == ["date", "title"]


def test_understanding_carries_the_page_line_asked_for():
    assert understand("Siapa editor berita bootcamp 2024?", None, [], "", "id").page == "editor"
    assert understand("Kapan acara dibuka?", None, [], "", "id").page is None


def test_a_question_for_someones_words_is_not_a_page_question():
    assert understand("Apa komentar editor Yanuar D tentang bootcamp tersebut?", None, [], "", "id").page is None


def test_a_page_line_as_the_source_of_according_to_is_a_page_question():
    understood = understand("Dari kota mana berita itu dikirim menurut dateline-nya?", None, [], "", "id")
    assert understood.page == "dateline" and understood.ask is None


def test_the_topic_of_a_page_question_leaves_out_its_page_words():
    assert page_topic("Siapa editor berita bootcamp 2024?") == ["bootcamp", "2024"]
    assert page_topic("Which news outlets covered the two events?") == []


def test_words_saying_where_a_caption_sits_or_what_it_says_are_page_words():
    assert page_topic("What does the photo credit under the jatimnow.com article's picture say?") == ["jatimnow"]


def test_the_words_for_a_pages_rubric_are_page_words():
    assert page_topic("Tanggal berapa artikel barometerbali itu dimuat, dan masuk rubrik apa?") == ["barometerbali"]


def test_a_page_word_with_nya_is_still_a_page_word():
    assert page_topic("Artikel barometerbali itu tanggal tayangnya kapan? Judulnya?") == ["barometerbali"]


# Page passages.

def test_page_passages_cite_the_exact_page_line(seed_documents, article_2024):
    [found] = page_passages("editor", seed_documents, [article_2024.doc_id])
    assert (found.chunk_id, found.text, found.unit.position) == (
        f"{article_2024.doc_id}#page-editor", "Editor : Yanuar D", -1)
    assert article_2024.text[found.unit.start:found.unit.end] == found.text
    assert (found.title, found.source, found.date) == (article_2024.title, "jatimnow.com", article_2024.date)


def test_a_page_without_a_writer_line_gives_its_credit_for_who_wrote_it(seed_documents, article_2022):
    [found] = page_passages("writer", seed_documents, [article_2022.doc_id])
    assert found.chunk_id.endswith("#page-credit") and found.text.endswith("(BB/502/hms/Kemenkumham Jatim/redho)")


@pytest.mark.parametrize("kind, year, value", [
    ("editor", 2024, "Yanuar D"),
    ("dateline", 2024, "jatimnow.com"),
    ("dateline", 2022, "Surabaya | barometerbali"),
    ("credit", 2022, "BB/502/hms/Kemenkumham Jatim/redho"),
    ("date", 2022, "Monday, 16-09-2024"),
])
def test_a_page_lines_value_is_what_it_says_without_its_label_or_the_article_text(seed_documents, article_2022,
                                                                                   article_2024, kind, year, value):
    doc = article_2022 if year == 2022 else article_2024
    [found] = page_passages(kind, seed_documents, [doc.doc_id])
    assert page_value(citation(1, found)) == value


def test_a_page_question_leads_with_each_lines_value(seed_documents, article_2024):
    asked = Understanding(question="Siapa editor berita jatimnow?", lang="id", query="q", page="editor")
    lines = page_passages("editor", seed_documents, [article_2024.doc_id])
    assert ExtractiveAnswerer(Settings()).answer(asked, lines).text.splitlines()[0] == "Singkatnya: Yanuar D [1]"


def test_a_credit_names_no_editor(seed_documents, article_2022):
    """Four testers read "redho" of the credit as the barometerbali page's editor."""
    assert page_passages("editor", seed_documents, [article_2022.doc_id]) == []


BYLINES = "Judul Berita Yang Cukup Panjang\n\n{label} : Ani\n\nSurabaya - Warga berkumpul di balai desa."


def test_who_wrote_a_page_is_answered_by_its_writers_line_not_by_its_editors():
    written = read_news_page(Path("ditulis.txt"), BYLINES.format(label="Penulis"))
    edited = read_news_page(Path("disunting.txt"), BYLINES.format(label="Editor"))
    documents = {d.doc_id: d for d in (written, edited)}
    assert [p.text for p in page_passages("writer", documents, documents)] == ["Penulis : Ani"]
    assert [p.text for p in page_passages("editor", documents, documents)] == ["Editor : Ani"]


def test_a_document_without_the_line_is_skipped(seed_documents, article_2022, article_2024):
    assert [p.doc_id for p in page_passages("date", seed_documents, [article_2024.doc_id, article_2022.doc_id])] \
        == [article_2022.doc_id]


def test_a_question_about_both_events_gets_the_page_line_of_each_document(seed_documents, article_2022,
                                                                           article_2024):
    retrieved = [passage(article_2024, 0.13), passage(article_2022, 0.12)]
    found = answer_from_page("dateline", "Which news outlets covered the two events?", True, retrieved,
                             seed_documents)
    assert [p.doc_id for p in found] == [article_2024.doc_id, article_2022.doc_id]
    assert found[0].text.startswith("jatimnow.com - Untuk mengoptimalkan peran kehumasan")
    assert found[1].text.startswith("Surabaya | barometerbali – Kanwil Kemenkumham Jatim")
    assert all((p.score, p.reading, p.dense) == (1.0, 1.0, 1.0) for p in found)


def test_a_question_about_one_event_gets_the_best_documents_page_line_only(seed_documents, article_2022,
                                                                           article_2024):
    retrieved = [passage(article_2024), passage(article_2022)]
    found = answer_from_page("dateline", "Which outlet covered it?", False, retrieved, seed_documents)
    assert [p.doc_id for p in found] == [article_2024.doc_id]


def test_the_document_whose_page_holds_the_topic_is_chosen_over_the_best_passages(seed_documents, article_2022,
                                                                                  article_2024):
    retrieved = [passage(article_2024), passage(article_2022)]
    found = answer_from_page("date", "Kapan halaman barometerbali itu diterbitkan?", False, retrieved,
                             seed_documents)
    assert [(p.doc_id, p.text) for p in found] == [(article_2022.doc_id, "Monday, 16-09-2024")]


def test_an_outlet_named_in_two_words_is_the_page_that_writes_them_as_one(seed_documents, article_2022,
                                                                          article_2024):
    retrieved = [passage(article_2024), passage(article_2022)]
    found = answer_from_page("title", "What is the headline of the Barometer Bali piece?", False, retrieved,
                             seed_documents)
    assert [p.doc_id for p in found] == [article_2022.doc_id]


def test_coverage_names_the_page_not_its_topic():
    assert page_topic("Apakah judul berita yang memuat liputan PR Summit 2022?") == ["pr", "summit", "2022"]


def test_words_that_say_how_a_page_line_is_shown_are_not_its_topic():
    assert page_topic("Who is listed as editor of the jatimnow story about the bootcamp?") == ["jatimnow", "bootcamp"]


def test_words_that_say_where_a_page_line_sits_or_how_it_came_are_not_its_topic():
    assert page_topic("What credit code closes the barometerbali report?") == ["barometerbali"]
    assert page_topic("Dari kota mana berita summit 2022 itu dikirim?") == ["summit", "2022"]
    assert page_topic("What date appears at the top of the barometerbali page?") == ["barometerbali"]


def test_a_topic_no_page_holds_keeps_the_retrieved_passages(seed_documents, article_2022, article_2024):
    retrieved = [passage(article_2024), passage(article_2022)]
    assert answer_from_page("editor", "Who edited the weather article?", False, retrieved, seed_documents) \
        == retrieved


def test_a_page_question_about_a_page_without_that_line_has_nothing_to_cite(seed_documents, article_2022,
                                                                             article_2024):
    retrieved = [passage(article_2024), passage(article_2022)]
    # the jatimnow page shows no date line: the barometerbali one must not answer for it
    assert answer_from_page("date", "When was the jatimnow article published?", False, retrieved,
                            seed_documents) == []


# Through the Assistant, with the real model.

@pytest.mark.slow
def test_the_editor_question_cites_the_editor_line_exactly(seed_bot):
    answer = seed_bot.ask("Who is the editor of the 2024 bootcamp article?")
    assert not answer.refused
    [cited] = [c for c in answer.citations if "Editor : Yanuar D" in c.text]
    assert seed_bot.documents[cited.doc_id].text[cited.start:cited.end] == cited.text
    assert f"“{cited.text}” [{cited.number}]" in answer.text


@pytest.mark.slow
@pytest.mark.parametrize("question, why", [
    ("Who edited the barometerbali article about the 2022 PR Summit?", "The page shows no editor."),
    ("siapa wartawan yg nulis berita bootcamp di jatimnow", "Halaman itu tidak mencantumkan penulis atau wartawan."),
])
def test_a_page_line_the_page_lacks_is_refused_naming_the_line(seed_bot, question, why):
    answer = seed_bot.ask(question)
    assert answer.refused and answer.reason == "page" and answer.text.endswith(why)


@pytest.mark.slow
def test_a_page_question_about_a_topic_no_document_covers_is_refused(seed_bot):
    assert seed_bot.ask("Who edited the weather article?").refused


@pytest.mark.slow
def test_a_photo_credit_question_cites_the_caption_exactly(seed_bot):
    """Two testers asked for the photo's credit, or why the caption's day is not the article's (fresh55, 56)."""
    answer = seed_bot.ask("photo credit barometerbali?")
    [cited] = answer.citations
    assert cited.text.endswith("Kamis (26/10/2022) (hms/kemenkumham/jatim/redho)")
    assert seed_bot.documents[cited.doc_id].text[cited.start:cited.end] == cited.text
