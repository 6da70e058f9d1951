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
def chat_words(path: Path = TABLE) -> dict[str, str]:
    """The table, read once: lower-case chat word -> standard word(s), or "" for a particle."""
    return json.loads(path.read_text(encoding="utf-8"))["words"]


# A repeated word written with "2" ("kata2", "satu2nya", "orang2nya"): Indonesian writes it in full with a
# hyphen ("kata-kata", "satu-satunya"); a clitic after the "2" belongs to the whole.
REPEATED = re.compile(r"\b([a-z]{2,})2(nya|lah|kah|pun)?\b")  # lower case: "PS2" is a name


def standard(question: str) -> str:
    """The question with every chat word of the table in its standard form (whole words, any case), each
    word repeated with "2" written in full (`REPEATED`) and the spaces a dropped particle leaves folded;
    anything else, names included, as written."""
    table = chat_words()
    repeated = REPEATED.sub(lambda m: f"{m.group(1)}-{m.group(1)}{m.group(2) or ''}", question)
    replaced = TOKEN.sub(lambda m: table.get(m.group(0).lower(), m.group(0)), repeated)
    if replaced == question:
        return question
    return re.sub(r"\s+([?!.,])", r"\1", " ".join(replaced.split()))
