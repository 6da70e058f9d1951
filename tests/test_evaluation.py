"""`assistant eval`: gold questions in, the same metrics for every configuration, reports out; the gold
set's fixed halves; external benchmarks in their own index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.errors import AssistantError
from assistant.evaluation.bench import evaluate_bench
from assistant.evaluation.gold import (GoldQuestion, Outcome, check_configs, evaluate_gold, groups_apart,
                                       load_gold, summarize, top_unit)
from assistant.evaluation.reports import BenchReport, GoldReport, bench_markdown, gold_markdown, write_report
from assistant.evaluation.split import read_ids, select, split_ids, split_path, write_split
from assistant.interfaces.cli import parser
from assistant.schema import Answer, Citation

ROOT = Path(__file__).resolve().parent.parent
GOLD_PATH = ROOT / "eval" / "gold.jsonl"

GOLD = [
    {"id": "t1", "question": "What did Heni say about hoaxes?", "lang": "en", "history": [],
     "doc_id": "003_aed5bb9b2ecf9d57.txt", "evidence": ["hoax dan disinformasi menyebar lebih cepat"],
     "answer": "Hoaxes spread faster than the truth.", "speaker": "Heni Yuwono", "answerable": True,
     "slices": ["speaker"]},
    {"id": "t2", "question": "Apa kata Heni tentang hoaks?", "lang": "id", "history": [],
     "doc_id": "003_aed5bb9b2ecf9d57.txt", "evidence": ["hoax dan disinformasi menyebar lebih cepat"],
     "answer": "Hoaks menyebar lebih cepat dari kebenaran.", "speaker": "Heni Yuwono", "answerable": True,
     "slices": ["speaker"]},
    {"id": "t3", "question": "What is the capital of France?", "lang": "en", "history": [], "doc_id": None,
     "evidence": [], "answer": "Not in the documents.", "speaker": None, "answerable": False,
     "slices": ["unanswerable"]},
    {"id": "t4", "question": "What did he say about the media?", "lang": "en", "history": ["Who is Arief Rahman?"],
     "doc_id": "000_bddb50fd49da4ba6.txt", "evidence": ["tidak alergi dengan media massa", "awak media sebagai mitra kerja"],
     "answer": "Units should not be allergic to the media.", "speaker": "Arief Rahman", "answerable": True,
     "slices": ["multi-turn", "speaker"]},
]
RIGHT = "Mengingat, hoax dan disinformasi menyebar lebih cepat dari kebenaran."
WRONG = "Sesi terakhir menyangkut aspek teknis."


def gold(**changes) -> GoldQuestion:
    return GoldQuestion(**{**GOLD[0], **changes})


def cite(number: int, text: str) -> Citation:
    return Citation(number, "d", f"c{number}", text, 0, len(text), "", "", "", "", "", 1.0)


def outcome(question: GoldQuestion, *cited: str, refused: bool = False) -> Outcome:
    answer = Answer("q", "a", [cite(n, t) for n, t in enumerate(cited, start=1)], refused=refused)
    return Outcome(question, answer, [], 1, [True] * len(cited))


def write_gold(folder: Path, items: list[dict]) -> Path:
    path = folder / "gold.jsonl"
    path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    return path


# Gold questions and their metrics.

def test_a_malformed_gold_line_is_an_error_naming_its_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOLD[0]) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(AssistantError, match="line 2"):
        load_gold(path)


def test_citation_precision_counts_citations_of_answerable_questions_only():
    right = cite(1, RIGHT)
    wrong = cite(2, WRONG)
    answered = Outcome(gold(), Answer("q", "a", [right, wrong]), [True, False], 1, [True, True])
    unanswerable = Outcome(gold(answerable=False, evidence=[]), Answer("q", "a", [wrong]), [False], 0, [True])
    summary = summarize([answered, unanswerable])
    assert summary["citation_precision"] == 0.5
    assert summary["citation_recall"] == 1.0
    assert summary["refusal_recall"] == 0.0


def test_answer_hit_at_1_credits_only_answers_whose_first_citation_holds_evidence():
    summary = summarize([outcome(gold(), RIGHT, WRONG), outcome(gold(), WRONG, RIGHT)])
    assert summary["answer_hit@1"] == 0.5
    assert summary["citation_recall"] == 1.0  # both cite the evidence somewhere


def test_a_refusal_is_never_an_answer_hit_even_with_citations():
    assert summarize([outcome(gold(), RIGHT, refused=True)])["answer_hit@1"] == 0.0


def test_answer_hit_at_1_is_over_answerable_questions_only():
    unanswerable = gold(id="u", answerable=False, evidence=[], doc_id=None)
    assert summarize([outcome(gold(), RIGHT), outcome(unanswerable, WRONG)])["answer_hit@1"] == 1.0


def test_metadata_questions_are_kept_out_of_the_headline_and_grouped_apart():
    page = outcome(gold(id="m", slices=["fact", "metadata"]), WRONG)
    body = outcome(gold(), RIGHT)
    headline, apart = groups_apart([page, body])
    assert headline == [body]
    assert apart == {"metadata": [page]}


def test_an_unknown_configuration_is_an_error_naming_the_valid_ones():
    with pytest.raises(AssistantError, match="dense.*full.*naive"):
        check_configs(["dense", "reranked"])


def test_baseline_configurations_answer_without_the_reading_stage():
    from assistant.config import load_settings

    assert top_unit(load_settings()).reading is False


def test_eval_asks_the_test_half_by_default():
    assert parser().parse_args(["eval"]).split == "test"


# The fixed halves of eval/gold.jsonl.

def test_committed_halves_are_disjoint():
    tune, test = (set(read_ids(split_path(GOLD_PATH, half))) for half in ("tune", "test"))
    assert not tune & test


def test_committed_halves_cover_every_gold_question_and_nothing_else():
    halves = read_ids(split_path(GOLD_PATH, "tune")) + read_ids(split_path(GOLD_PATH, "test"))
    assert sorted(halves) == sorted(q.id for q in load_gold(GOLD_PATH))


def test_split_ids_is_the_same_for_the_same_seed():
    questions = load_gold(GOLD_PATH)
    assert split_ids(questions, seed=3) == split_ids(questions, seed=3)


def test_split_ids_deals_each_slice_and_language_evenly_to_both_halves():
    questions = ([gold(id=f"s{i}", lang="en", slices=["speaker"]) for i in range(4)]
                 + [gold(id=f"f{i}", lang="id", slices=["fact"]) for i in range(6)])
    for ids in split_ids(questions).values():
        assert sum(i.startswith("s") for i in ids) == 2
        assert sum(i.startswith("f") for i in ids) == 3


def test_select_returns_only_the_questions_of_the_asked_half(tmp_path):
    path = write_gold(tmp_path, GOLD)
    split_path(path, "test").write_text("t3\nt1\n", encoding="utf-8")
    assert [q.id for q in select(load_gold(path), path, "test")] == ["t1", "t3"]


def test_select_without_split_files_is_an_error_suggesting_all(tmp_path):
    path = write_gold(tmp_path, GOLD)
    with pytest.raises(AssistantError, match="--split all"):
        select(load_gold(path), path, "test")


def test_an_existing_split_is_never_redrawn(tmp_path):
    path = write_gold(tmp_path, GOLD)
    write_split(path)
    with pytest.raises(AssistantError, match="already split"):
        write_split(path)


def test_every_evidence_phrase_outside_the_metadata_slice_is_in_its_cleaned_document(seed_documents):
    """Metadata questions quote the raw page (outlet, editor, date line), which cleaning drops on purpose."""
    from assistant.evaluation.metrics import contains_evidence

    missing = []
    for q in load_gold(GOLD_PATH):
        docs = [q.doc_id] if isinstance(q.doc_id, str) else q.doc_id or []
        if "metadata" not in q.slices:
            missing += [(q.id, phrase) for phrase in q.evidence
                        if not any(contains_evidence(seed_documents[d].text, [phrase]) for d in docs)]
    assert missing == []


# Reports.

def gold_report() -> GoldReport:
    summary = summarize([outcome(gold(), RIGHT, WRONG)])
    missed = {"id": "t1", "question": "Q?", "answerable": True,
              "answer": Answer("Q?", "a", [cite(1, WRONG)]).to_dict()}
    return GoldReport(gold="eval/gold.jsonl", split="test", results={"dense": summary, "full": summary},
                      apart={"metadata": {"dense": summary, "full": summary}},
                      breakdowns={"dense": {"lang:en": summary}, "full": {"lang:en": summary}},
                      stages={"dense": {"total": {"p50": 0.1, "p95": 0.2}}, "full": {"total": {"p50": 0.1, "p95": 0.2}}},
                      failures={"full": [missed]})


def test_gold_report_has_a_column_per_configuration_and_an_answer_hit_row():
    text = gold_markdown(gold_report())
    assert "| metric | dense | full |" in text
    assert "| answer_hit@1 | 1.000 | 1.000 |" in text


def test_gold_report_shows_the_apart_slice_in_its_own_table():
    assert "## Slice `metadata`, reported apart" in gold_markdown(gold_report())


def test_gold_report_lists_misses_with_what_they_cited():
    assert "- t1 'Q?': refused=False answerable=True cited=['Sesi terakhir" in gold_markdown(gold_report())


def test_bench_report_shows_undefined_metrics_as_a_dash():
    report = BenchReport(bench="b", questions=1, results={"dense · id": {"recall@1": 1.0, "refused": None}})
    assert "| refused | – |" in bench_markdown(report)


def test_write_report_writes_markdown_json_and_chart(tmp_path):
    path = write_report(gold_report(), tmp_path, "gold-test")
    assert path.read_text(encoding="utf-8").startswith("# Evaluation on `eval/gold.jsonl`, test questions")
    assert json.loads((tmp_path / "gold-test.json").read_text())["failures"]["full"][0]["answer"]["citations"]
    assert (tmp_path / "gold-test.png").stat().st_size > 1000


# External benchmarks.

PASSAGES = [
    {"passage_id": "p1", "text": "Gunung Bromo terletak di Jawa Timur. Gunung Bromo ramai dikunjungi wisatawan. "
                                 "Gunung Bromo punya kawah aktif. Puncaknya mencapai 2329 meter."},
    {"passage_id": "p2", "text": "Danau Toba berada di Sumatera Utara. Danau Toba adalah danau vulkanik terbesar."},
    {"passage_id": "p3", "text": "Candi Borobudur dibangun oleh wangsa Syailendra di Magelang."},
]
QUESTIONS = [
    {"id": "q1", "question": "Berapa tinggi Gunung Bromo?", "question_en": "How tall is Gunung Bromo?",
     "answers": ["2329 meter"], "passage_id": "p1"},
    {"id": "q2", "question": "Siapa membangun Candi Borobudur?", "question_en": "Who built Candi Borobudur?",
     "answers": ["wangsa Syailendra"], "passage_id": "p3"},
]


@pytest.fixture
def tiny_bench(tmp_path) -> Path:
    folder = tmp_path / "tiny"
    folder.mkdir()
    for name, rows in (("passages.jsonl", PASSAGES), ("questions.jsonl", QUESTIONS)):
        (folder / name).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return folder


def test_bench_asks_each_configuration_in_each_language_of_the_file(tiny_bench, tmp_path, fake_embedder):
    from assistant.config import load_settings

    report = evaluate_bench(tiny_bench, load_settings(), tmp_path / "indexes", embedder=fake_embedder,
                            progress=False)
    assert list(report.results) == ["dense · id", "dense · en", "full · id", "full · en"]
    assert report.questions == 2


def test_bench_scores_the_gold_passage_and_the_unit_holding_the_answer(tiny_bench, tmp_path, fake_embedder):
    from assistant.config import load_settings

    report = evaluate_bench(tiny_bench, load_settings(), tmp_path / "indexes", embedder=fake_embedder,
                            progress=False)
    dense = report.results["dense · id"]
    assert dense["recall@1"] == 1.0
    assert dense["mrr@10"] == 1.0
    assert dense["lenient_hit@1"] == 1.0
    assert dense["unit@1_has_answer"] == 0.5  # Bromo's height is in the passage's second unit, not its first


def test_bench_index_goes_under_the_index_root_by_folder_name(tiny_bench, tmp_path, fake_embedder):
    from assistant.config import load_settings

    evaluate_bench(tiny_bench, load_settings(), tmp_path / "indexes", embedder=fake_embedder, progress=False)
    assert (tmp_path / "indexes" / "tiny").is_dir()


@pytest.mark.slow
def test_eval_writes_markdown_json_and_chart_for_every_configuration(tmp_path, seed_settings, embedder):
    report = evaluate_gold(load_gold(write_gold(tmp_path, GOLD)), seed_settings, ["bm25", "full"],
                           progress=False, embedder=embedder)
    write_report(report, tmp_path / "out", "gold")
    data = json.loads((tmp_path / "out" / "gold.json").read_text())
    assert set(data["results"]) == {"bm25", "full"}
    assert data["results"]["full"]["hit@3"] == 1.0
    assert data["results"]["full"]["refusal_recall"] == 1.0
    assert set(data["breakdowns"]["bm25"]) >= {"lang:en", "lang:id", "slice:speaker", "slice:unanswerable"}
