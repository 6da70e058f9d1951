"""Understanding the question and composing a cited answer, or refusing."""
