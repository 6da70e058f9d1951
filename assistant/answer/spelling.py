"""Chat spelling to standard spelling: "siapa yg buka acara bootcamp?" -> "siapa yang buka acara
bootcamp?". People chat in abbreviations and colloquial forms (yg, brp, aja, ngisi, diadain) and with
particles that ask nothing (sih, dong, ya); the documents, the lexicon and the question patterns know the
standard words. `spelling.json` holds the table (ours; extend freely). Applied to questions only.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).with_name("spelling.json")
TOKEN = re.compile(r"[A-Za-z]+")


@lru_cache(maxsize=1)
def table(path: Path = TABLE) -> dict:
    """`spelling.json`, read once."""
    return json.loads(path.read_text(encoding="utf-8"))


def chat_words() -> dict[str, str]:
    """Lower-case chat word -> standard word(s), or "" for a particle."""
    return table()["words"]


def lower_only() -> dict[str, str]:
    """The chat words that are also titles ("dr"), replaced only in lower case before a lower-case word
    (`BEFORE_LOWER`): "pesertanya dr satker mana aja" (three testers), but not "dr. Terawan" or "Dr Johny"."""
    return table()["lower_only"]


BEFORE_LOWER = re.compile(r"\b[a-z]+\b(?=\s+[a-z0-9])")  # a lower-case word before another
# A repeated word written with "2" ("kata2", "satu2nya", "orang2nya"): Indonesian writes it in full with a
# hyphen ("kata-kata", "satu-satunya"); a clitic after the "2" belongs to the whole.
REPEATED = re.compile(r"\b([a-z]{2,})2(nya|lah|kah|pun)?\b")  # lower case: "PS2" is a name


def standard(question: str) -> str:
    """The question with every chat word of the table in its standard form (whole words, any case; those
    that are also titles only in lower case before a lower-case word: `lower_only`), each
    word repeated with "2" written in full (`REPEATED`) and the spaces a dropped particle leaves folded;
    anything else, names included, as written."""
    words = chat_words()
    repeated = REPEATED.sub(lambda m: f"{m.group(1)}-{m.group(1)}{m.group(2) or ''}", question)
    replaced = TOKEN.sub(lambda m: words.get(m.group(0).lower(), m.group(0)), repeated)
    replaced = BEFORE_LOWER.sub(lambda m: lower_only().get(m.group(0), m.group(0)), replaced)
    if replaced == question:
        return question
    return re.sub(r"\s+([?!.,])", r"\1", " ".join(replaced.split()))
