"""The gold set's fixed halves: `eval/gold_tune.txt` (tune on it) and `eval/gold_test.txt` (report it).

Rules may be tuned on the tuning half and on external data only; reported numbers come from the test half,
so they are not numbers the rules were fitted to. The halves were drawn once, by question id, and are
committed: `write_split(path)` is only for a brand-new gold file, and refuses to reshuffle an existing
one. Questions appended later go into one of the files by hand.

Each question falls in one stratum, its language and its first slice in `STRATA` (an item can carry
several slices; the rarer, harder kinds come first), and each stratum is shuffled with a fixed seed and
dealt alternately to the two halves, so both halves hold about the same mix of kinds and languages.
"""

from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path
from typing import Literal, Sequence

from ..errors import AssistantError
from .gold import GoldQuestion, load_gold

Split = Literal["test", "tune", "all"]
HALVES: tuple[str, ...] = ("tune", "test")
STRATA = ("metadata", "unanswerable", "cross-doc", "multi-turn", "speaker", "fact")
SEED = 8


def stratum(question: GoldQuestion) -> tuple[str, str]:
    """(first slice of `STRATA` the question carries, language)."""
    kind = next((s for s in STRATA if s in question.slices), "other")
    return kind, question.lang


def split_ids(questions: Sequence[GoldQuestion], seed: int = SEED) -> dict[str, list[str]]:
    """Ids of the tuning and test halves (sorted), stratified by `stratum`, deterministic for a seed.

    Odd strata alternate which half gets the extra question, so the halves differ by at most one."""
    strata: dict[tuple[str, str], list[str]] = defaultdict(list)
    for q in questions:
        strata[stratum(q)].append(q.id)
    rng = random.Random(seed)
    halves: dict[str, list[str]] = {half: [] for half in HALVES}
    dealt = 0
    for key in sorted(strata):
        ids = sorted(strata[key])
        rng.shuffle(ids)
        for ident in ids:
            halves[HALVES[dealt % 2]].append(ident)
            dealt += 1
    return {half: sorted(ids) for half, ids in halves.items()}


def split_path(gold_path: Path, half: str) -> Path:
    """`eval/gold.jsonl` -> `eval/gold_test.txt`."""
    return gold_path.with_name(f"{gold_path.stem}_{half}.txt")


def read_ids(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def select(questions: list[GoldQuestion], gold_path: Path, split: Split) -> list[GoldQuestion]:
    """The questions of one half (in gold-file order), or all of them."""
    if split == "all":
        return questions
    path = split_path(gold_path, split)
    if not path.exists():
        raise AssistantError(f"{path} not found: this gold set has no {split} half; use --split all.")
    wanted = set(read_ids(path))
    return [q for q in questions if q.id in wanted]


def write_split(gold_path: Path, seed: int = SEED) -> dict[str, list[str]]:
    """Draw the halves of a new gold file and write them beside it (refuses to redraw existing ones)."""
    paths = {half: split_path(gold_path, half) for half in HALVES}
    if any(p.exists() for p in paths.values()):
        raise AssistantError(f"{gold_path} is already split; add new ids to {paths['tune'].name} or "
                             f"{paths['test'].name} by hand.")
    halves = split_ids(load_gold(gold_path), seed)
    for half, path in paths.items():
        path.write_text("".join(f"{ident}\n" for ident in halves[half]), encoding="utf-8")
    return halves
