"""The fixed wording around quotations, per language: answer frames, refusals and their reasons, the names of
months and days.

The wording lives in `frames.json` beside this module (package data, so an installed wheel has it) and is
read on first use, not at import.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources


@cache
def frames() -> dict[str, dict]:
    """Per language ("en", "id"): the frame templates, the refusal sentence and the month names."""
    raw = json.loads(resources.files(__package__).joinpath("frames.json").read_text(encoding="utf-8"))
    return {lang: table for lang, table in raw.items() if not lang.startswith("_")}


def refusal(lang: str, reason: str = "", detail: str = "") -> str:
    """The sentence every refusal opens with, in the question's language, then why (`policy.Decision`):
    "I can't answer that from the documents I have. The documents give no amount of money." The words of a
    question the documents never use are quoted as words ("Dokumen sama sekali tidak menyebut “anggaran”
    atau “dihabiskan”."): bare, "tidak menyebut anggaran, dihabiskan" read as a broken sentence to four
    testers (fresh49-52)."""
    if reason == "page":  # the page line's kind ("editor") in the reader's words
        detail = frames()[lang]["page_lines"].get(detail, detail)
    if reason in ("unstated", "elsewhere"):  # the question's words, quoted: "… “anggaran” atau “dihabiskan”."
        quoted = [f"“{word}”" for word in detail.split(", ")]
        detail = f" {frames()[lang]['or']} ".join(filter(None, (", ".join(quoted[:-1]), quoted[-1])))
    why = frames()[lang]["why"].get(reason, "").format(detail=detail)
    return " ".join(filter(None, (frames()[lang]["refusal"], why)))


def human_date(iso: str, lang: str = "en") -> str:
    """2024-06-03 -> "3 June 2024" ("3 Juni 2024" in Indonesian); anything else unchanged."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    if not match:
        return iso or ""
    year, month, day = match.groups()
    return f"{int(day)} {frames()[lang]['months'][int(month) - 1]} {year}"


def published(iso: str, lang: str = "en") -> str:
    """"page dated 16 September 2024" ("halaman bertanggal …"): the date the page shows, said to be the page's,
    no more. A bare date beside a quote about a 2022 event read as the event's date to two testers; as
    "published" it read as a claim the page does not make to four more (fresh49-52), for the barometerbali
    page heads a 2022 report with "Monday, 16-09-2024", most likely the site's date of the day."""
    return frames()[lang]["published"].format(date=human_date(iso, lang)) if iso else ""


DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")  # as Indonesian news writes a date: 3/6/2024


def glossed(span: str, lang: str, source: str = "id") -> str:
    """A date or place as an Indonesian quote writes it (`types.span`), for a reader of `lang`: the names of
    months, days and parts of the day in their words, and a place without the preposition it follows
    ("di Aula Raden Wijaya" -> "Aula Raden Wijaya"), and a date written day/month/year with its month
    named: "Senin malam (3/6/2024)" reads "Monday evening (3 June 2024)" to an English reader, who gets no
    other English in an answer of Indonesian quotes and may read 3/6 as March 6 (fresh47, a tester); the
    names of places are the same in both languages."""
    if lang == source:
        return span
    names = {old.lower(): new for key in ("months", "days", "day_parts")
             for old, new in zip(frames()[source][key], frames()[lang][key])}
    found = re.sub(r"\w+", lambda m: names.get(m.group(0).lower(), m.group(0)), span)
    found = DAY_MONTH_YEAR.sub(lambda m: human_date(f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}", lang)
                               if 1 <= int(m[2]) <= 12 else m[0], found)
    return re.sub(r"^(?:di|ke|dari)\s+(?=[A-Z])", "", found)
