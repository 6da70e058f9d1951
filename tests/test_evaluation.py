"""`assistant eval`: gold questions in, the same metrics for every configuration, reports out."""

from __future__ import annotations

import json

import pytest

from assistant.errors import AssistantError
from assistant.evaluation.gold import GoldQuestion, Outcome, evaluate_gold, load_gold, summarize, write_report
from assistant.schema import Answer, Citation

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


def gold(**changes) -> GoldQuestion:
    return GoldQuestion(**{**GOLD[0], **changes})


def cite(number: int, text: str) -> Citation:
    return Citation(number, "d", f"c{number}", text, 0, len(text), "", "", "", "", "", 1.0)


def test_a_malformed_gold_line_is_an_error_naming_its_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOLD[0]) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(AssistantError, match="line 2"):
        load_gold(path)


def test_citation_precision_counts_citations_of_answerable_questions_only():
    right = cite(1, "Mengingat, hoax dan disinformasi menyebar lebih cepat dari kebenaran.")
    wrong = cite(2, "Sesi terakhir menyangkut aspek teknis.")
    answered = Outcome(gold(), Answer("q", "a", [right, wrong]), [True, False], 1, [True, True])
    unanswerable = Outcome(gold(answerable=False, evidence=[]), Answer("q", "a", [wrong]), [False], 0, [True])
    summary = summarize([answered, unanswerable])
    assert summary["citation_precision"] == 0.5
    assert summary["citation_recall"] == 1.0
    assert summary["refusal_recall"] == 0.0


@pytest.mark.slow
def test_eval_writes_markdown_json_and_chart_for_every_configuration(tmp_path, seed_settings, embedder):
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(g) + "\n" for g in GOLD), encoding="utf-8")
    report = evaluate_gold(path, seed_settings, ["bm25", "hybrid"], tmp_path, progress=False, embedder=embedder)
    written = write_report(report, tmp_path / "out", "gold", ("hit@3", "mrr"))
    data = json.loads((tmp_path / "out" / "gold.json").read_text())
    assert set(data["results"]) == {"bm25", "hybrid"}
    assert data["results"]["hybrid"]["hit@3"] == 1.0
    assert data["results"]["hybrid"]["refusal_recall"] == 1.0
    assert set(data["breakdowns"]["bm25"]) >= {"lang:en", "lang:id", "slice:speaker", "slice:unanswerable"}
    assert "| hit@3 |" in written.read_text()
    assert (tmp_path / "out" / "gold.png").stat().st_size > 1000
