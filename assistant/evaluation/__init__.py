"""Measuring answers against gold questions and external benchmarks."""
