"""Unit tests for assistant.evaluation.metrics: one behaviour per test, hand-computed values."""

import math

import pytest

from assistant.evaluation.metrics import (
    contains_evidence,
    first_holds,
    hit_at_k,
    mean,
    ndcg_at_k,
    normalize,
    percentile,
    precision,
    reciprocal_rank,
    refusal_scores,
    token_f1,
)

T, F = True, False


def test_normalize_casefolds_and_folds_whitespace():
    assert normalize("  Hoax\n\tdan   DISINFORMASI ") == "hoax dan disinformasi"


def test_normalize_folds_non_breaking_space():
    assert normalize("Yanuar\u00a0D") == "yanuar d"


def test_normalize_applies_nfc():
    assert normalize("cafe\u0301") == normalize("caf\u00e9")


def test_contains_evidence_matches_any_phrase():
    text = "Mengingat, hoax dan disinformasi menyebar lebih cepat dari kebenaran."
    assert contains_evidence(text, ["tidak ada", "HOAX dan  disinformasi"])


def test_contains_evidence_matches_across_line_breaks():
    assert contains_evidence("hoax dan\ndisinformasi", ["hoax dan disinformasi"])


def test_contains_evidence_false_when_no_phrase_present():
    assert not contains_evidence("Humas harus aktif.", ["media sosial"])


def test_contains_evidence_false_for_empty_evidence():
    assert not contains_evidence("anything at all", [])


def test_contains_evidence_ignores_blank_phrase():
    assert not contains_evidence("anything at all", ["   "])


def test_first_holds_when_the_first_cited_text_has_evidence():
    assert first_holds(["Hoax dan disinformasi menyebar lebih cepat.", "Sesi terakhir."], ["hoax dan disinformasi"]) == 1.0


def test_first_holds_ignores_evidence_cited_only_second():
    assert first_holds(["Sesi terakhir.", "Hoax dan disinformasi menyebar."], ["hoax dan disinformasi"]) == 0.0


def test_first_holds_is_zero_without_citations():
    assert first_holds([], ["hoax dan disinformasi"]) == 0.0


def test_hit_at_k_finds_relevant_within_k():
    assert hit_at_k([F, F, T], 3) == 1.0


def test_hit_at_k_ignores_relevant_beyond_k():
    assert hit_at_k([F, F, T], 2) == 0.0


def test_reciprocal_rank_is_inverse_of_first_relevant_rank():
    assert reciprocal_rank([F, T, T]) == 0.5


def test_reciprocal_rank_zero_when_nothing_relevant():
    assert reciprocal_rank([F, F]) == 0.0


def test_reciprocal_rank_respects_cutoff():
    assert reciprocal_rank([F, F, T], k=2) == 0.0


def test_ndcg_discounts_second_rank_by_log2_of_three():
    assert ndcg_at_k([F, T, F], 3, 1) == pytest.approx(1 / math.log2(3))


def test_ndcg_is_one_for_ideal_ranking():
    assert ndcg_at_k([T, T, F], 3, 2) == pytest.approx(1.0)


def test_ndcg_ideal_is_capped_at_k():
    # 5 relevant items exist but only 2 fit in the top 2, so [T, T] is ideal.
    assert ndcg_at_k([T, T, F], 2, 5) == pytest.approx(1.0)


def test_ndcg_penalises_missing_relevant_items():
    # DCG = 1; ideal with 2 relevant = 1 + 1/log2(3).
    assert ndcg_at_k([T, F, F], 3, 2) == pytest.approx(1 / (1 + 1 / math.log2(3)))


def test_ndcg_zero_when_no_relevant_items_exist():
    assert ndcg_at_k([T, F], 2, 0) == 0.0


def test_precision_divides_hits_by_total():
    assert precision(1, 4) == 0.25


def test_precision_none_when_total_zero():
    assert precision(0, 0) is None


def test_token_f1_exact_match_is_one():
    assert token_f1("Heni Yuwono", "heni yuwono.") == 1.0


def test_token_f1_partial_overlap():
    # prediction 3 tokens, reference 2, overlap 1: p=1/3, r=1/2, f1=0.4
    assert token_f1("the Heni person", "Heni Yuwono") == pytest.approx(0.4)


def test_token_f1_no_overlap_is_zero():
    assert token_f1("Surabaya", "Jakarta") == 0.0


def test_token_f1_strips_curly_quotes():
    assert token_f1("“growtogether”", "growtogether") == 1.0


def test_token_f1_both_empty_is_one():
    assert token_f1("", "...") == 1.0


def test_refusal_scores_precision_and_recall():
    refused = [T, T, F, F]
    answerable = [F, T, F, T]
    # 1 correct refusal of 2 refusals; 1 of 2 unanswerable refused.
    assert refusal_scores(refused, answerable) == {"precision": 0.5, "recall": 0.5}


def test_refusal_scores_precision_none_without_refusals():
    assert refusal_scores([F, F], [F, T])["precision"] is None


def test_refusal_scores_recall_none_without_unanswerable():
    assert refusal_scores([T], [T])["recall"] is None


def test_refusal_scores_rejects_mismatched_lengths():
    with pytest.raises(ValueError):
        refusal_scores([T], [T, F])


def test_percentile_interpolates_linearly():
    # numpy.percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile([4, 1, 3, 2], 50) == 2.5


def test_percentile_matches_numpy_at_p95():
    # position = 4 * 0.95 = 3.8 -> 4 + 0.8 * (10 - 4)
    assert percentile([1, 2, 3, 4, 10], 95) == pytest.approx(8.8)


def test_percentile_of_single_value():
    assert percentile([7.0], 99) == 7.0


def test_percentile_rejects_empty_list():
    with pytest.raises(ValueError):
        percentile([], 50)


def test_mean_averages_values():
    assert mean([1.0, 2.0, 6.0]) == 3.0


def test_mean_none_for_empty():
    assert mean([]) is None
