"""People: who a text names, and which known person a name or a question refers to.

One place for the words that decide it, shared by speaker attribution (documents) and follow-up
questions (answer): the pronouns that point back to a person, the words that open a role phrase, and the
institution and place words that belong to a role, never to a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

# Pronouns that point back to a person named earlier.
PRONOUNS_ID = {"dia", "ia", "beliau", "mereka"}
PRONOUNS_EN = {"he", "she", "him", "his", "her", "hers", "they", "them", "their"}
PRONOUNS = PRONOUNS_ID | PRONOUNS_EN
# Words that open a role phrase ("Kakanwil Kemenkumham Jatim, Heni Yuwono").
ROLE_HEADS = {
    "kakanwil", "kadiv", "kasubag", "kasubbag", "kabag", "kabid", "kasi", "kepala", "ketua", "wakil",
    "direktur", "dirjen", "sekjen", "menteri", "wamen", "gubernur", "bupati", "wali", "walikota", "kapolda",
    "kapolres", "kalapas", "karutan", "subkor", "koordinator", "sekretaris", "staf", "plt", "plh", "kajati",
    "kajari", "presiden", "anggota", "spv", "kreator", "pimpinan", "kasubdit", "kabiro", "jubir", "juru",
}
# Words of institutions and places that belong to a role, never to a name.
ROLE_WORDS = ROLE_HEADS | {
    "kanwil", "kemenkumham", "kementerian", "kumham", "hukum", "ham", "jatim", "jawa", "timur", "humas",
    "biro", "divisi", "keimigrasian", "imigrasi", "pemasyarakatan", "asosiasi", "media", "siber",
    "indonesia", "pers", "massa", "hubungan", "kerjasama", "kerja", "sama", "dan", "djki", "lapas", "rutan",
    "bapas", "produksi", "konten", "canva", "mobile", "specialist", "region", "provinsi", "kota",
    "kabupaten", "republik", "dprd", "dpr", "polda", "polres", "kejati", "pelayanan", "administrasi",
    "umum", "informasi", "komunikasi", "publik", "bidang", "bagian", "seksi", "sub", "pusat", "daerah",
    "timur", "barat", "utara", "selatan", "tengah", "surabaya", "ri", "east", "java", "pr", "amsi",
    "panitia", "pelaksana", "penyelenggara", "kegiatan", "acara", "tim", "satgas", "unit", "kantor",
}


@dataclass(frozen=True)
class Person:
    name: str  # full name, or the role itself when the text never names the person
    role: str = ""


@dataclass
class Registry:
    """The people of one document, found in order; short names resolve to full names."""

    people: list[Person] = field(default_factory=list)

    def add(self, name: str, role: str = "") -> Person:
        known = self.resolve(name)
        if known:
            if role and not known.role:
                better = Person(known.name, role)
                self.people[self.people.index(known)] = better
                return better
            return known
        person = Person(name, role)
        self.people.append(person)
        return person

    def resolve(self, name: str) -> Person | None:
        """The registered person `name` refers to: same name, or sharing its first word."""
        wanted = name.lower().split()
        for person in self.people:
            have = person.name.lower().split()
            if have == wanted or (wanted and wanted[0] in have) or (have and have[0] in wanted):
                return person
        return None


def people_in(text: str, people: Iterable[str]) -> list[str]:
    """The known people `text` names, by any word of their name ("Heni" or "Yuwono" -> "Heni Yuwono"),
    in the order the text first names them.

    Institution words never identify a person, so "humas" does not name the unnamed "Kepala Biro Humas";
    such a person is found by their whole role phrase."""
    words = [w.lower() for w in re.findall(r"\w+", text)]
    joined = " ".join(words)
    found: list[tuple[int, str]] = []
    for person in people:
        parts = [p.lower() for p in re.findall(r"\w+", person)]
        naming = {p for p in parts if len(p) > 2 and p not in ROLE_WORDS}
        positions = [i for i, w in enumerate(words) if w in naming]
        phrase = " ".join(parts)
        if phrase and phrase in joined:
            positions.append(len(joined[:joined.index(phrase)].split()))
        if positions:
            found.append((min(positions), person))
    return [person for _, person in sorted(found)]
