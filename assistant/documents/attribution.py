"""Who said it: attribute quoted and reported speech in Indonesian news text to a named speaker.

Handles the constructions Indonesian news writing uses:
- a closing quote and a reporting verb: “…,” ujar Hendro / “…,” terang Kakanwil Kemenkumham Jatim, Heni Yuwono
- the -nya forms that point to the person just named: “…,” tegasnya / tuturnya / Menurutnya, …
- a subject and a reporting verb: Kadiv Keimigrasian Hendro Tri Prasetyo mengatakan bahwa …
- inserted attributions: Pada masa kini, lanjut Heni, … / Menurut Heni, …
Short names ("Heni") resolve to the full name introduced earlier ("Heni Yuwono"), and a role phrase
before the name ("Kakanwil Kemenkumham Jatim") becomes the speaker's role. A speaker known only by role
("Kepala Biro Humas, Hukum dan Kerjasama") is kept under that role.

Written by hand: no maintained library does Indonesian quote attribution.
"""

from __future__ import annotations

import re

from .chunking import Span
from .people import PRONOUNS_ID, ROLE_HEADS, ROLE_WORDS, Person, Registry

NAME_TOKEN = re.compile(r"^[A-Z][A-Za-z'’-]*\.?$")

# Verbs that follow a closing quote: “…,” ujar X.  Their -nya forms refer back to the last speaker.
QUOTE_VERBS = ("ujar", "kata", "terang", "tutur", "tegas", "jelas", "harap", "tutup", "lanjut", "ungkap",
               "papar", "imbuh", "tambah", "sebut", "pungkas", "ucap", "pesan", "ajak", "sambung", "urai")
# Verbs of reported speech after a subject: X mengatakan bahwa …
SUBJECT_VERBS = ("mengatakan", "menjelaskan", "menekankan", "menegaskan", "mengungkapkan", "menyampaikan",
                 "berharap", "mengapresiasi", "membahas", "menuturkan", "menilai", "meminta", "mengajak",
                 "menyebutkan", "memaparkan", "menambahkan", "mengimbau", "berpesan", "menyatakan")


def _tokens_is_role(tokens: list[str]) -> bool:
    return any(t.strip(",()").lower() in ROLE_WORDS for t in tokens)


def split_role_name(phrase: str) -> tuple[str, str]:
    """("Kakanwil Kemenkumham Jatim, Heni Yuwono") -> ("Heni Yuwono", "Kakanwil Kemenkumham Jatim").

    The name is the trailing run of capitalised words that are not institution words; what precedes it is
    the role. A phrase with no such run is a role alone, returned as ("", role).
    """
    phrase = phrase.strip(" ,.")
    if "," in phrase:
        head, _, tail = phrase.rpartition(",")
        tail_tokens = tail.split()
        if tail_tokens and not _tokens_is_role(tail_tokens) and all(NAME_TOKEN.match(t) for t in tail_tokens):
            return tail.strip(), head.strip()
    tokens = phrase.split()
    cut = len(tokens)
    while cut > 0 and NAME_TOKEN.match(tokens[cut - 1]) and tokens[cut - 1].strip(".").lower() not in ROLE_WORDS:
        cut -= 1
    name, role = " ".join(tokens[cut:]), " ".join(tokens[:cut]).strip(" ,")
    if name and not role and tokens[0].lower() in ROLE_HEADS:
        return "", phrase
    return name, role


def _walk_forward(text: str) -> str:
    """The capitalised phrase at the start of `text` ("Kakanwil Kemenkumham Jatim, Heni Yuwono saat…")."""
    taken: list[str] = []
    for token in text.split():
        bare = token.rstrip(".,;:")
        if NAME_TOKEN.match(bare) or re.match(r"^\([A-Z]+\)$", bare) or (bare == "dan" and taken):
            taken.append(token)
            if token.endswith((".", ";", ":")) and not re.match(r"^[A-Z]{1,3}\.$", token):
                break
        else:
            break
    while taken and taken[-1] == "dan":
        taken.pop()
    return " ".join(taken).rstrip(".,;:")


def _walk_backward(text: str) -> str:
    """The capitalised phrase at the end of `text` ("Sementara itu, Kepala Biro Humas, Hukum dan Kerjasama")."""
    taken: list[str] = []
    for token in reversed(text.split()):
        bare = token.rstrip(",")
        if NAME_TOKEN.match(bare) or re.match(r"^\([A-Z]+\)$", bare) or (bare == "dan" and taken):
            if token.endswith(",") and taken and bare.lower() not in ROLE_WORDS:
                break  # "Untuk itu, Heni": the comma closes an adverbial, not a role
            taken.insert(0, token)
        else:
            break
    while taken and taken[0] == "dan":
        taken.pop(0)
    return " ".join(taken).strip(" ,")


QUOTE_ATTRIBUTION = re.compile(
    rf"[”\"]\s*,?\s*(?P<verb>{'|'.join(QUOTE_VERBS)})(?P<nya>nya)?\b\s*(?P<rest>.*)$", re.S)
INSERTED = re.compile(rf",\s*(?:{'|'.join(QUOTE_VERBS)})\s+(?P<who>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)\s*,")
ACCORDING = re.compile(r"\bMenurut(?P<nya>nya)?\b(?:\s+(?P<rest>[^,]+))?")
SUBJECT = re.compile(rf"\b(?P<verb>{'|'.join(SUBJECT_VERBS)})\b")
# A name starts at a word start and runs at most 12 more capitalised words: unbounded, every capitalised
# word of a long run was retried as a start, so one long sentence of them took minutes (quadratic).
SELAKU = re.compile(r"(?P<name>\b[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,12})\s+selaku\s+(?P<role>[^.,;]+)")
PARENTHETICAL = re.compile(r"(?P<name>\b[A-Z][\w]*(?:\s+[A-Z][\w]*){0,12})\s+\((?P<role>[^()]{3,60})\)")
ROLE_PHRASE = re.compile(
    rf"\b(?:{'|'.join(sorted((h.capitalize() for h in ROLE_HEADS), key=len, reverse=True))})\b[^.;:“”\"]*")


class Attributor:
    """Reads a document's sentences in order and names the speaker of each (or "")."""

    def __init__(self) -> None:
        self.registry = Registry()
        self.last: Person | None = None  # the person a -nya form or a pronoun refers to

    def person(self, phrase: str) -> Person | None:
        name, role = split_role_name(phrase)
        if not name and not role:
            return None
        if not name:
            return self.registry.add(role, "")
        return self.registry.add(name, role)

    def introduce(self, sentence: str) -> None:
        """Register people named with a role, without making them speakers."""
        for match in SELAKU.finditer(sentence):
            self.last = self.registry.add(split_role_name(match["name"])[0] or match["name"],
                                          match["role"].strip())
        for match in PARENTHETICAL.finditer(sentence):
            if re.search(r"[a-z]{3}", match["role"]) and not re.search(r"\d", match["role"]):
                self.registry.add(match["name"].split(",")[-1].strip(), match["role"].strip())
        for match in ROLE_PHRASE.finditer(sentence):
            name, role = split_role_name(_walk_forward(match.group(0)))
            if name and role:
                self.registry.add(name, role)

    def speaker_of(self, sentence: str) -> Person | None:
        self.introduce(sentence)
        found = self._quote(sentence) or self._inserted(sentence) or self._subject(sentence)
        if found:
            self.last = found
        return found

    def _quote(self, sentence: str) -> Person | None:
        match = QUOTE_ATTRIBUTION.search(sentence)
        if not match:
            return None
        if match["nya"]:
            return self.last
        return self.person(_walk_forward(match["rest"])) or self.last

    def _inserted(self, sentence: str) -> Person | None:
        match = INSERTED.search(sentence)
        if match:
            return self.person(match["who"])
        match = ACCORDING.search(sentence)
        if match:
            return self.last if match["nya"] else self.person(_walk_forward(match["rest"] or ""))
        return None

    def _subject(self, sentence: str) -> Person | None:
        match = SUBJECT.search(sentence)
        if not match:
            return None
        before = sentence[: match.start()].strip()
        before = re.sub(r"\s+juga$", "", before)
        if before.split()[-1:] and before.split()[-1].lower() in PRONOUNS_ID:
            return self.last
        phrase = _walk_backward(before)
        return self.person(phrase) if phrase else None


def attribute(text: str, sentences: list[Span]) -> tuple[list[Person | None], Registry]:
    """The speaker of each sentence of one document, read in order, and the people it names."""
    attributor = Attributor()
    speakers = [attributor.speaker_of(text[s.start:s.end]) for s in sentences]
    return speakers, attributor.registry
