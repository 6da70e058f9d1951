"""Fitting the reader's refusal threshold: every dataset counts as much as any other."""

from __future__ import annotations

import numpy as np

from assistant.reading.train import refusal_threshold


def best_probabilities(rows: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    """One candidate per question, with that question's best probability."""
    return np.array(list(rows.values())), np.array(list(rows))


def test_the_cut_separates_unanswerable_gold_questions_when_nothing_else_pays_for_it():
    prob, groups = best_probabilities({"gold/a": 0.9, "gold/b": 0.8, "gold/u": 0.05})
    cut = refusal_threshold(prob, groups, {"gold/a": True, "gold/b": True, "gold/u": False})
    assert 0.05 < cut <= 0.8


def test_answerable_benchmark_questions_a_cut_would_refuse_count_against_it():
    rows = {"gold/a": 0.9, "gold/u": 0.05, "facqa/1": 0.04, "facqa/2": 0.03, "facqa/3": 0.9}
    answerable = {"gold/a": True, "gold/u": False, "facqa/1": True, "facqa/2": True, "facqa/3": True}
    prob, groups = best_probabilities(rows)
    assert refusal_threshold(prob, groups, answerable) <= 0.03  # refusing gold/u would refuse 2/3 of FacQA


def test_no_unanswerable_question_means_never_refuse():
    prob, groups = best_probabilities({"facqa/1": 0.2, "facqa/2": 0.9})
    assert refusal_threshold(prob, groups, {"facqa/1": True, "facqa/2": True}) == 0.0


def test_each_dataset_weighs_as_much_as_any_other_whatever_its_size():
    rows = {"gold/a": 0.9, "gold/u1": 0.05, "gold/u2": 0.05, "facqa/1": 0.04}
    answerable = {"gold/a": True, "gold/u1": False, "gold/u2": False, "facqa/1": True}
    prob, groups = best_probabilities(rows)
    # Counted per question, refusing both gold questions (and FacQA's one) wins 3 to 2; per dataset,
    # losing all of FacQA costs more than two thirds of the gold set gains.
    assert refusal_threshold(prob, groups, answerable) <= 0.04
