"""A yes/no question's claim, checked against what the documents write: "apa Zakaria itu ketua AMSI Jatim?" is
answered "Tidak. Zakaria, Subkor Hubungan Pers dan Media Massa [1]; Arief Rahman, Ketua Asosiasi Media Siber
Indonesia (AMSI) Jatim [2]", and "Benarkah PR Summit 2022 digelar pada hari Kamis?" "Tidak. Rabu (26/10/2022)".

Only like is compared with like, so a verdict is never a guess about meaning:
- a role claimed for someone ("X itu Y", "Is X the Y?", "Did X speak as the Y?") against the roles the documents
  give people: yes when X's role is the one described, no when someone else's is (and they are cited too);
- a day or a date claimed for an event against the day or date the cited quote writes.
Anything else gets no verdict: the quote answers, as before. Five testers' yes/no checks got quotes and no
"Ya"/"Tidak" (fresh51), and one read the quote about the AMSI chair as a yes for Zakaria.
"""

from __future__ import annotations

import re
from typing import Mapping

from ..documents.people import PRONOUNS
from ..reading.lexicon import ENGLISH_STOP, INDONESIAN_STOP, contains_phrase, role_match, words
from .frames import DAY_MONTH_YEAR, frames

# A question answered yes or no, by its opener ("Did Heni attend …?", "Apakah Zakaria juga …?", "Benarkah …?").
YES_NO = re.compile(r"^\s*(?:did|was|were|is|are|has|have|had|does|do|apakah|apa benar|benarkah|betulkah)\b", re.I)
# ... or as chat Indonesian asks it: "benar tidak …", or "tidak"/"bukan" (chat "gak", "ga" read as "tidak") in
# a question asking by no question word ("dia datang juga tidak ke PR Summit 2022?", "bisa ikut online tidak?").
CHAT_YES_NO = re.compile(r"^\s*(?:benar|betul)\s+(?:tidak|bukan)\b|"
                         r"^(?!.*\b(?:apa|siapa|kapan|mana|berapa|mengapa|kenapa|bagaimana)\b).*\b(?:tidak|bukan)\b",
                         re.I)
# ... or "apa Zakaria itu ketua AMSI?": what someone is, asked by "apa" (only a role claim reads it so: "apa
# tujuan acara itu?" names no one).
APA_IS = re.compile(r"^\s*apa\s+(?!\w+\s+(?:apa|siapa)\b)\w+(?:\s+\w+)?\s+(?:itu|adalah|merupakan)\b", re.I)
# What may stand between a person and the role claimed for them: "itu", "adalah", "menjabat sebagai", "the",
# "speak as the", "hadir sebagai".
COPULA = re.compile(r"^\s*(?:(?:itu|ini|adalah|merupakan|menjabat|bertindak|hadir|berbicara|sebagai|jadi|menjadi|"
                    r"the|a|an|really|actually|(?:speak|spoke|serve|served|act|acted|attend|attended|appear|"
                    r"appeared|talk|talked)\s+as)\s+)*", re.I)
# Where a role claim ends: the event or time it is claimed for ("… in 2024", "… di PR Summit 2022").
CONTEXT = re.compile(r"(?:^|\s+)(?:in|at|during|for the|pada|di|saat|waktu|ketika|dalam)\s+.*$|[?.!]+\s*$", re.I)


def yes_no(question: str) -> bool:
    """A question answered yes or no: an English or Indonesian opener ("Did …", "Apakah …", "Benarkah …")
    or a chat form ("benar tidak …", "… tidak?")."""
    return bool(YES_NO.search(question) or CHAT_YES_NO.search(question))


def role_claimed(question: str, person: str) -> str:
    """The role a yes/no question claims for `person`, as it writes it ("ketua AMSI jatim" of "apa zakaria itu
    ketua AMSI jatim?"): the words after their name (or a pronoun standing for them) and a copula, up to the
    event or time it is claimed for. "" when the question is no yes/no question ("Zakaria itu ketua apa?");
    what it says of them may be no role ("Apakah Hendro mewakili Kakanwil?": `holders` finds no one described
    by "mewakili Kakanwil")."""
    if not (yes_no(question) or APA_IS.search(question)):
        return ""
    parts = "|".join(re.escape(w) for w in re.findall(r"\w+", person))
    pronouns = "|".join(sorted(PRONOUNS))
    mentions = list(re.finditer(rf"\b(?:{parts})(?:\s+(?:{parts}))*\b|\b(?:{pronouns})\b", question, re.I))
    if not mentions:
        return ""
    rest = question[mentions[-1].end():]
    rest = rest[COPULA.match(rest).end():]
    return CONTEXT.sub("", rest).strip(" ,()")


def describes(claimed: str, role: str) -> bool:
    """`claimed` describes `role` as the documents write it: each role or office it names (in English or
    Indonesian, `role_match`) is in `role` in one of its forms, and so is each other word it has ("AMSI").
    "ketua AMSI jatim" describes "Ketua Asosiasi Media Siber Indonesia (AMSI) Jatim", "the head of the regional
    office" "Kakanwil Kemenkumham Jatim"; "kreator konten DJKI" does not describe "Spv Produksi Konten …"."""
    groups, rest = role_match(claimed)
    left = [w for w in words(rest) if w not in ENGLISH_STOP and w not in INDONESIAN_STOP]
    role_words = set(words(role))
    return bool(groups or left) and all(any(contains_phrase(role, form) for form in forms) for forms in groups) \
        and all(w in role_words for w in left)


def holders(claimed: str, roles: Mapping[str, str]) -> tuple[str, ...]:
    """The people whose role (name -> role as the documents give it) `claimed` describes."""
    return tuple(name for name, role in roles.items() if role and claimed and describes(claimed, role))


def day_verdict(question: str, when: str) -> bool | None:
    """Whether the day or date a yes/no question claims is the one the quote writes (`when`, "Rabu
    (26/10/2022)", "Senin malam (3/6/2024)"): the day of the week when both name one, else the day of the
    month and the month when both give a date. None when there is nothing to compare or no yes/no question."""
    if not yes_no(question):
        return None
    claimed_day, written_day = weekday(question), weekday(when)
    if claimed_day is not None and written_day is not None:
        return claimed_day == written_day
    claimed, written = day_of_month(question), day_of_month(when)
    return claimed == written if claimed and written else None


def day_claimed(question: str) -> bool:
    """A yes/no question claiming a day of the week or a date ("Was the summit held on a Thursday?")."""
    return yes_no(question) and (weekday(question) is not None or day_of_month(question) is not None)


def weekday(text: str) -> int | None:
    """The day of the week `text` names (0 = Monday), in English or Indonesian; None for none or several."""
    names = {name.lower(): i % 7 for i, name in enumerate([*frames()["en"]["days"], *frames()["id"]["days"]])}
    names |= {"jum'at": 4, "ahad": 6}
    found = {names[w] for w in re.findall(r"[\w']+", text.lower()) if w in names}
    return found.pop() if len(found) == 1 else None


def day_of_month(text: str) -> tuple[int, int] | None:
    """(day, month) of a date `text` writes as Indonesian news does ("3/6/2024", `frames.DAY_MONTH_YEAR`) or
    with its month named in English or Indonesian ("2 June 2024", "26 Oktober")."""
    if written := DAY_MONTH_YEAR.search(text):
        return int(written[1]), int(written[2])
    months = {name.lower(): i % 12 + 1 for i, name in enumerate([*frames()["en"]["months"], *frames()["id"]["months"]])}
    named = re.search(rf"\b(\d{{1,2}})\s+({'|'.join(months)})\b", text, re.I)
    return (int(named[1]), months[named[2].lower()]) if named else None
