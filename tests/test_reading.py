"""The reading stage, rule by rule: what a question expects, what a unit holds, each signal on hand-made
units, the bilingual lexicon and role table, and that the fitted reader prefers the unit that answers over
the lead sentence that only restates the event. No model is loaded (hand-built passages)."""

from __future__ import annotations

import json

import pytest

from assistant.answer.understanding import SpeakerAsk, Understanding, answer_type
from assistant.reading import types
from assistant.reading.features import FEATURES, Candidate, read_question, vector
from assistant.reading.lexicon import freedict, role_forms, translate
from assistant.reading.reader import MODEL, Reader, load_model
from assistant.index.store import Snapshot
from assistant.schema import Document, Passage, Unit

TITLE = "Kumham PR Summit 2022 East Java Region Resmi Dibuka"
LEAD = "Kanwil Kemenkumham Jatim menggelar Kumham PR Summit 2022 East Java Region."
VENUE = "Kegiatan tersebut digelar di Hotel Santika Surabaya, Rabu (26/10/2022)."


def question(text: str, lang: str = "id", ask: SpeakerAsk | None = None, people: tuple[str, ...] = ()) -> Understanding:
    return Understanding(question=text, lang=lang, query=text, answer_type=answer_type(text), ask=ask,
                         people=people, same_language=lang == "id")


def passage(text: str, dense: float = 0.5, n: int = 0, speaker: str = "", role: str = "") -> Passage:
    unit = Unit(chunk_id=f"d.txt#{n}", doc_id="d.txt", text=text, start=0, end=len(text), position=n,
                speaker=speaker, role=role)
    return Passage(unit=unit, score=dense, dense=dense)


def features(q: Understanding, p: Passage, **context) -> dict[str, float]:
    c = Candidate(passage=p, rank=context.pop("rank", 0), top_dense=context.pop("top_dense", p.dense),
                  context=context.pop("context", p.dense), doc_best=context.pop("doc_best", p.dense), **context)
    return dict(zip(FEATURES, vector(read_question(q), c)))


@pytest.mark.parametrize("text, expected", [
    ("Where was the summit held?", "where"),
    ("In which city did the bootcamp take place?", "where"),
    ("Di gedung mana acara itu diadakan?", "where"),
    ("Lalu dia bekerja di mana?", "where"),
    ("When did the bootcamp start?", "when"),
    ("What date was the summit?", "when"),
    ("Kapan acara itu digelar?", "when"),
    ("Tanggal berapa kegiatan itu dibuka?", "when"),
    ("Who opened the event?", "who"),
    ("Siapa yang membuka acara?", "who"),
    ("Which office organised the bootcamp?", "who"),
    ("How many participants attended?", "count"),
    ("Berapa orang peserta yang hadir?", "count"),
    ("How much did the event cost?", "money"),
    ("Berapa anggaran kegiatan itu?", "money"),
    ("Why is the summit important?", "why"),
    ("Mengapa humas harus berkarakter?", "why"),
    ("Kenapa kegiatan itu penting?", "why"),
    ("Siapa saja pemateri di acara itu?", "list"),
    ("Sesi apa saja yang ada?", "list"),
    ("What did Heni say about hoaxes?", ""),
])
def test_the_question_words_name_the_kind_of_answer_expected(text, expected):
    assert answer_type(text) == expected


@pytest.mark.parametrize("kind, text, held", [
    ("where", VENUE, True),
    ("where", "Kegiatan ini bertempat di aula kantor wilayah.", True),
    ("where", "Humas harus mampu bercerita dengan baik.", False),
    ("when", VENUE, True),
    ("when", "Acara berlangsung pukul 09.00 WIB.", True),
    ("when", "Acara dibuka pada 3 Juni.", True),
    ("when", LEAD, False),  # an event name holding a year is not a date
    ("who", "Acara dibuka oleh Kakanwil Heni Yuwono.", True),
    ("who", "acara itu berlangsung meriah.", False),
    ("count", "Sebanyak 120 peserta hadir.", True),
    ("count", LEAD, False),
    ("money", "Anggarannya Rp 50 juta.", True),
    ("why", "Humas penting karena hoaks menyebar cepat.", True),
    ("why", "Humas bercerita di media sosial.", False),
    ("list", "Pemateri yaitu Zakaria, Arief Rahman, dan Galih WP.", True),
])
def test_a_unit_holds_the_kind_of_answer_or_not(kind, text, held):
    assert types.holds(kind, text) is held


def test_a_unit_that_holds_the_kind_asked_for_matches_the_type():
    q = question("Di mana Kumham PR Summit 2022 digelar?")
    assert features(q, passage(VENUE))["type_match"] == 1.0
    assert features(q, passage(LEAD))["type_match"] == 0.0


def test_a_person_reason_or_list_is_a_loose_match_not_a_precise_one():
    f = features(question("Siapa yang membuka acara?"), passage("Acara dibuka oleh Kakanwil Heni Yuwono."))
    assert f["loose_type_match"] == 1.0 and f["type_match"] == 0.0


def test_the_answer_in_a_neighbour_is_noticed():
    q = question("Di mana Kumham PR Summit 2022 digelar?")
    assert features(q, passage(LEAD), neighbours=VENUE)["type_in_neighbour"] == 1.0
    assert features(q, passage(VENUE), neighbours=LEAD)["type_in_neighbour"] == 0.0


def test_names_numbers_and_hashtags_match_exactly_in_either_language():
    q = question("What did Ishadi mean by #growtogether in 2022?", lang="en")
    assert features(q, passage("Ishadi menyebut tagar #growtogether pada 2022."))["anchor_unit"] == 1.0
    assert features(q, passage("Humas harus tumbuh bersama."))["anchor_unit"] == 0.0


def test_anchors_found_elsewhere_in_the_document_count_for_the_document():
    q = question("Kapan Heni membuka bootcamp?")
    f = features(q, passage("Acara dibuka Senin."), doc_text="Heni Yuwono membuka bootcamp.")
    assert f["anchor_unit"] == 0.0 and f["anchor_doc"] == 1.0


def test_an_english_question_overlaps_indonesian_text_through_the_dictionary():
    q = question("Where is the office?", lang="en")
    assert features(q, passage("Kantor itu berada di Surabaya."))["overlap"] > 0.0


def test_a_lead_that_restates_the_title_adds_little_and_restates_much():
    q = question("Di mana Kumham PR Summit 2022 digelar?")
    lead, venue = features(q, passage(LEAD), title=TITLE), features(q, passage(VENUE), title=TITLE)
    assert lead["restates_title"] > venue["restates_title"]
    assert venue["novelty"] > lead["novelty"]


def test_the_documents_first_unit_is_its_lead():
    q = question("Di mana acara itu digelar?")
    assert features(q, passage(LEAD), title=TITLE, is_lead=True)["is_lead"] == 1.0
    assert features(q, passage(LEAD), title="", is_lead=True)["is_lead"] == 0.0  # untitled: no lead to tell


def test_a_unit_said_by_the_person_asked_about_matches_the_speaker():
    ask = SpeakerAsk("Heni", ("Heni Yuwono",), False, "hoaks")
    q = question("Apa kata Heni tentang hoaks?", ask=ask, people=("Heni Yuwono",))
    said = features(q, passage("Hoaks menyebar cepat.", speaker="Heni Yuwono"), people=("Heni Yuwono",))
    other = features(q, passage("Hoaks menyebar cepat.", speaker="Arief Rahman"), people=("Heni Yuwono",))
    assert said["speaker_match"] == 1.0 and other["speaker_match"] == 0.0
    assert said["says_when_asked"] == other["says_when_asked"] == 1.0


def test_an_english_role_description_matches_its_indonesian_abbreviation_in_the_unit():
    q = question("Who represented the head of the regional office?", lang="en")
    assert features(q, passage("Hendro hadir mewakili Kakanwil."))["role_match"] > 0.0
    assert features(q, passage("Hendro hadir di acara itu."))["role_match"] == 0.0


def test_the_article_asked_about_has_the_questions_anchors_in_its_title():
    q = question("Kapan Kumham PR Summit 2022 digelar?")
    assert features(q, passage(VENUE), title=TITLE)["title_match"] == 1.0
    assert features(q, passage(VENUE), title="Kumham PR Bootcamp 2024")["title_match"] < 1.0


def test_rank_and_similarity_signals_are_relative_to_the_best_candidate():
    f = features(question("Kapan?"), passage(VENUE, dense=0.4), rank=2, top_dense=0.6, doc_best=0.5)
    assert f["dense"] == 0.4 and f["dense_gap"] == pytest.approx(-0.2)
    assert f["reciprocal_rank"] == pytest.approx(1 / 3) and f["doc_best_gap"] == pytest.approx(-0.1)


@pytest.mark.parametrize("english, indonesian", [
    ("office", "kantor"), ("head", "kepala"), ("reputation", "reputasi"), ("prison", "penjara"),
    ("hoaxes", "hoaks"), ("opened", "membuka"),
])
def test_freedict_translates_english_words_into_indonesian(english, indonesian):
    assert freedict(), "dict-freedict-eng-ind is not installed: run `make install`"
    assert indonesian in translate(english)


@pytest.mark.parametrize("description, form", [
    ("the head of the regional office", "Kakanwil"),
    ("head of the regional office", "Kepala Kantor Wilayah"),
    ("the regional office's head of public relations", "Kasubag Humas"),
    ("the division head for immigration", "Kadiv Keimigrasian"),
    ("corrections", "Pemasyarakatan"),
    ("the Ministry of Law and Human Rights", "Kemenkumham"),
    ("Kepala Kantor Wilayah", "Kakanwil"),  # Indonesian forms find each other too
])
def test_the_role_table_maps_descriptions_to_indonesian_forms_and_abbreviations(description, form):
    assert form in role_forms(description)


def test_a_role_inside_a_longer_matched_role_adds_nothing_of_its_own():
    assert "Kepala" not in role_forms("the head of the regional office")


def test_reader_json_was_fitted_on_the_features_the_code_computes():
    written = json.loads(MODEL.read_text(encoding="utf-8"))
    assert tuple(written["features"]) == FEATURES
    assert len(written["coef"]) == len(written["mean"]) == len(written["scale"]) == len(FEATURES)
    assert 0.0 <= load_model().refusal_threshold < 1.0


def test_a_reader_model_with_other_features_is_refused(tmp_path):
    written = json.loads(MODEL.read_text(encoding="utf-8"))
    written["features"] = written["features"][:-1]
    stale = tmp_path / "reader.json"
    stale.write_text(json.dumps(written))
    with pytest.raises(ValueError, match="retrain"):
        load_model(stale)


def snapshot(*texts: str) -> Snapshot:
    """One titled document whose units are `texts`, in order (no vector store: the reader needs none)."""
    units = [passage(t, n=i).unit for i, t in enumerate(texts)]
    doc = Document(doc_id="d.txt", text="\n".join(texts), title=TITLE)
    return Snapshot(version="test", units=units, documents={"d.txt": doc}, collection=None)


@pytest.mark.parametrize("text, lang", [
    ("Di mana Kumham PR Summit 2022 digelar?", "id"),
    ("Where was the Kumham PR Summit 2022 held?", "en"),
    ("Kapan Kumham PR Summit 2022 digelar?", "id"),
])
def test_the_reader_puts_the_unit_that_answers_above_the_lead_that_restates_the_event(text, lang):
    lead, venue = passage(LEAD, dense=0.62, n=0), passage(VENUE, dense=0.55, n=1)
    read = Reader(limit=20).read(question(text, lang=lang), [lead, venue], snapshot(LEAD, VENUE))
    assert [p.text for p in read] == [VENUE, LEAD]
    assert read[0].reading > read[1].reading > 0.0
