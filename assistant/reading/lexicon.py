"""Bilingual lexicon: the words of an English question in the Indonesian the documents are written in.

Dictionary-based query translation (a classic cross-language retrieval method) feeds the reader's lexical
and answer-type signals; the dense leg needs none of it. Two sources:

- FreeDict English-Indonesian (WikDict build from Wiktionary data; data licensed CC-BY-SA-3.0, Debian
  packaging GPL-3+), installed by `make install` as Debian's `dict-freedict-eng-ind`. We read its dictd
  files (`/usr/share/dictd/freedict-eng-ind.index` + `.dict.dz`) at run time and never ship them; without
  the package English questions simply get no translations.
- `words.json` (ours, in the package): general English news words FreeDict lacks or translates only
  in another sense ("held" -> digelar, diadakan), looked up before FreeDict.
- `roles.json` (ours, in the package): English descriptions of Indonesian government roles, offices and
  institutions mapped to their Indonesian forms and abbreviations ("head of the regional office" ->
  Kakanwil, Kepala Kantor Wilayah), which no general dictionary holds. It works in both directions, so an
  Indonesian question's "Kepala Kantor Wilayah" also finds "Kakanwil".
"""

from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable

FREEDICT = Path("/usr/share/dictd/freedict-eng-ind")
ROLES = Path(__file__).with_name("roles.json")
WORDS = Path(__file__).with_name("words.json")
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
NUMBERED = re.compile(r"^\d+\.\s+(?=\S)")
STRAY_NUMBER = re.compile(r"\s+\d+\.$")
# A word, its English possessive left off ("government's" is looked up as "government").
WORD = re.compile(r"[A-Za-z][\w-]*(?:'(?!s\b)[\w-]+)*")


def dictd_number(text: str) -> int:
    """dictd index offsets and lengths are base-64 numbers (RFC 2229 servers' index format)."""
    value = 0
    for char in text:
        value = value * 64 + B64.index(char)
    return value


def entry_translations(entry: str) -> list[str]:
    """The Indonesian translations of one dictd entry.

    An entry is a headword line, then for each sense a translation line (the first one bare, later ones
    numbered "2. kepala, pimpin") followed by an English gloss; stray sense numbers (" 3.") mark glosses."""
    lines = entry.split("\n")[1:]
    found: list[str] = []
    for i, line in enumerate(lines):
        if not line.strip() or (i > 0 and not NUMBERED.match(line)):
            continue
        line = STRAY_NUMBER.sub("", NUMBERED.sub("", line)).strip()
        found += [w.strip().lower() for w in line.split(",") if w.strip()]
    return list(dict.fromkeys(found))


@lru_cache(maxsize=1)
def freedict(base: Path = FREEDICT) -> dict[str, tuple[str, ...]]:
    """English headword -> Indonesian translations, read once from the installed dictd files
    (empty when the package is missing)."""
    index, data = base.with_suffix(".index"), base.with_suffix(".dict.dz")
    if not index.exists() or not data.exists():
        return {}
    raw = gzip.open(data).read()
    table: dict[str, list[str]] = {}
    for line in index.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or parts[0].startswith("00database"):
            continue
        start, length = dictd_number(parts[1]), dictd_number(parts[2])
        entry = raw[start:start + length].decode("utf-8", "replace")
        table.setdefault(parts[0].lower(), []).extend(entry_translations(entry))
    return {word: tuple(dict.fromkeys(ts)) for word, ts in table.items()}


def lemmas(word: str) -> list[str]:
    """The word and the forms a dictionary would list it under (plural, past, -ing stripped)."""
    forms = [word]
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"),
                         ("ing", ""), ("ing", "e")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            forms.append(word[: len(word) - len(suffix)] + repl)
    return forms


@lru_cache(maxsize=1)
def word_tables(path: Path = WORDS) -> dict[str, dict[str, tuple[str, ...]]]:
    """The tables of words.json, read once: "words" (English news words -> Indonesian) and "indonesian"
    (Indonesian words -> the other words news gives their answer in)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {section: {w: tuple(ts) for w, ts in data[section].items()} for section in ("words", "indonesian")}


def related(forms: Iterable[str]) -> list[str]:
    """The forms, then the other words news says them with ("peserta" -> "diikuti")."""
    table = word_tables()["indonesian"]
    return list(dict.fromkeys([*forms, *(r for f in forms for r in table.get(f, ()))]))


def words(text: str) -> list[str]:
    """The lower-cased words of `text`."""
    return [w.lower() for w in WORD.findall(text)]


def with_related(text: str) -> str:
    """`text` followed by the other words news says its words with (`related`): "hoaks" -> "hoaks hoax".
    A topic of one or two words is embedded alone, and a spelling the documents do not use ("hoaks" where
    they write "hoax") lands far from the passage that speaks of it."""
    extra = [r for w in dict.fromkeys(w.lower() for w in WORD.findall(text)) for r in related((w,))[1:]]
    return " ".join([text, *dict.fromkeys(extra)])


def translate(word: str) -> tuple[str, ...]:
    """Indonesian translations of an English word (any inflection), single words only, under the first
    form of the word a table lists: our news words when they list it (they give the senses news use, so
    FreeDict's other senses, "skill" -> "mampu" (able), stay out), else FreeDict's."""
    for table in (word_tables()["words"], freedict()):
        form = next((f for f in lemmas(word.lower()) if f in table), None)
        if form:
            return tuple(dict.fromkeys(t for t in table[form] if " " not in t))
    return ()


@lru_cache(maxsize=1)
def role_table(path: Path = ROLES) -> tuple[tuple[tuple[str, ...], tuple[str, ...], bool], ...]:
    """(English phrases, Indonesian forms, is a place) per role, from roles.json."""
    rows = json.loads(path.read_text(encoding="utf-8"))["roles"]
    return tuple((tuple(p.lower() for p in r["en"]), tuple(r["id"]), r.get("place", False)) for r in rows)


def contains_phrase(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.I) is not None


def roles_in(text: str) -> list[tuple[str, ...]]:
    """The Indonesian forms of each role, office or institution `text` describes (in English or
    Indonesian), one tuple per role.

    Longest phrases first; a phrase inside a longer matched one adds nothing of its own ("head of the
    regional office" does not also add "Kanwil")."""
    return role_match(text)[0]


def role_match(text: str) -> tuple[list[tuple[str, ...]], str]:
    """`roles_in`, and the lower-cased text left once the role phrases are taken out. Places go first:
    a province inside a role's description ("the head of the East Java regional office") is its own term."""
    lowered = " ".join(text.lower().split())
    phrases = sorted(((p, forms, place) for en, forms, place in role_table()
                      for p in (*en, *(f.lower() for f in forms))),
                     key=lambda pf: (not pf[2], -len(pf[0])))
    found: list[tuple[str, ...]] = []
    for phrase, forms, _ in phrases:
        if contains_phrase(lowered, phrase):
            if forms not in found:
                found.append(forms)
            lowered = " ".join(re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", lowered).split())
    return found, lowered


@lru_cache(maxsize=256)
def in_english(role: str) -> str:
    """An Indonesian role as the English descriptions of its parts, in the role's order (`roles_in`, the
    first English phrase of each; places capitalised): "Kadiv Keimigrasian" -> "division head for
    immigration", "Kasubag Humas Kanwil Kemenkumham Jatim" -> "head of public relations subsection, law and
    human rights office, East Java". "" unless the table knows every word of it: "Ketua Asosiasi Media Siber
    Indonesia" glossed as "head" would say less than the text."""
    found, rest = role_match(role)
    if not found or any(w not in INDONESIAN_STOP for w in words(rest)):
        return ""
    english = {forms: en[0].title() if place else en[0] for en, forms, place in role_table()}
    lowered = role.lower()

    def where(forms: tuple[str, ...]) -> int:
        return min((i for f in forms if (i := lowered.find(f.lower())) >= 0), default=len(lowered))
    return ", ".join(english[forms] for forms in sorted(found, key=where))


def role_forms(text: str) -> list[str]:
    """Every Indonesian form of every role `text` describes (see `roles_in`)."""
    return list(dict.fromkeys(form for forms in roles_in(text) for form in forms))


# Clitics Indonesian writes onto any word, a borrowed one too ("bootcampnya", "summitlah", "pesertakah"), and
# the verb suffix of chat Indonesian ("wakilin" for "mewakili", "jelasin" for "menjelaskan").
CLITIC = re.compile(r"(?<=\w{4})(?:nya|lah|kah|pun|in)$")


def clitic_free(word: str) -> tuple[str, ...]:
    """`word` without its clitic or chat suffix, when it has one: Sastrawi strips clitics only from words of
    its dictionary, and "bootcampnya" (its bootcamp) is the text's "bootcamp", "wakilin" its "mewakili"."""
    bare = CLITIC.sub("", word)
    return (bare,) if bare != word else ()


def roots(word: str) -> tuple[str, ...]:
    """An Indonesian word's root (Sastrawi) and the root as the prefixes me-/pe- write it when it begins
    with t, p, k or s, which the nasal replaces ("ditekankan" -> "tekan", "nekan" as in "menekankan"),
    to be looked for inside the text's words: the root of "dibuka" is inside "membuka"."""
    from ..retrieval.lexical import stem  # Sastrawi loads on first use only

    root = stem(word)
    start = {"t": "n", "p": "m", "k": "ng", "s": "ny"}.get(root[:1])
    return (root, start + root[1:]) if start and len(root) >= 4 else (root,)


ENGLISH_STOP = frozenset("""a an the and or but of to in on at for from by with about as into over
is are was were be been being do does did has have had will would can could should may might must shall
what which who whom whose when where why how that this these those it its he she they them his her their
him i you we our your my me us there here than then so such not no any all each some many much more most
other also just only very too say said tell told""".split())


# Indonesian function words (a short list: Sastrawi's is not loaded, so importing the package stays light).
INDONESIAN_STOP = frozenset("""yang dan di ke dari untuk dengan pada dalam ini itu adalah akan juga tidak
sudah telah bisa dapat harus lebih oleh atau saat serta karena agar sehingga bahwa para tersebut kami kita
mereka dia ia nya saja hanya tetapi tapi namun jika maka seperti antara secara sangat masih pun lagi baik
lalu terus kemudian soal mengenai terkait selain supaya kalau dibanding daripada ketimbang
bagi sebagai kepada tentang hingga sejak ada apa siapa kapan mana dimana berapa bagaimana mengapa kenapa
apakah sebuah seorang satu banyak ujar kata tutur terang jelas lanjut menurut
siapakah kapankah dimanakah manakah berapakah bagaimanakah mengapakah kenapakah""".split())


def name_words(person: str) -> tuple[str, ...]:
    """The lower-cased words of a person's name that could be written alone ("Hendro", "Prasetyo")."""
    return tuple(w.lower() for w in WORD.findall(person) if len(w) > 2)


def term_groups(question: str, lang: str, people: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """One group per content word of the question outside its role phrases (roles are terms of their
    own): the word and, for an English question, its Indonesian translations: alternatives of one term.
    Each of `people` the question names, in part or in full, is one term too, whichever of its words a
    sentence uses: "Hendro Tri Prasetyo" weighs as one word, so a sentence that names him in full does not
    outweigh "… Hendro yang mewakili …" for "Whom was Hendro Tri Prasetyo standing in for?"."""
    rest = role_match(question)[1]
    groups = []
    for person in people:
        names = name_words(person)
        if any(contains_phrase(rest, n) for n in names):
            groups.append(names)
            rest = " ".join(re.sub(rf"(?<!\w)(?:{'|'.join(map(re.escape, names))})(?!\w)", " ", rest).split())
    for word in dict.fromkeys(w.lower() for w in WORD.findall(rest)):
        if word in ENGLISH_STOP or word in INDONESIAN_STOP or len(word) <= 2:
            continue
        groups.append(tuple(related((word, *translate(word)) if lang == "en" else (word,))))
    return groups


def question_terms(question: str, lang: str) -> set[str]:
    """The lower-cased words to look for in Indonesian text: the question's own content words, their
    FreeDict translations for an English question, and the Indonesian forms of any role it describes."""
    words = [w.lower() for w in WORD.findall(question)]
    terms = {w for w in words if w not in ENGLISH_STOP and len(w) > 2}
    if lang == "en":
        for word in list(terms):
            terms.update(translate(word))
    for form in role_forms(question):
        terms.update(w.lower() for w in WORD.findall(form))
    return terms
