"""What a unit holds, by the kinds of answer `answer.understanding.answer_type` expects: a place, a date,
a person or role, a count, an amount, a reason, a list. Indonesian news text; surface patterns only, so a
unit that merely names the event ("Kumham PR Summit 2022") does not count as holding a date or a place.
"""

from __future__ import annotations

import re

MONTHS = ("januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember|"
          "january|february|march|may|june|july|august|october|december|"
          "jan|feb|mar|apr|jun|jul|agu|agt|aug|sep|okt|oct|nov|des|dec")
# A count: a number that is not a year, not part of a date (3/6/2024, "3-6 Juni", "26 Oktober"), or a
# number word, or "satu-satunya" (the only one); "salah satu" (one of) counts nothing.
COUNT = re.compile(rf"\b(?!(?:19|20)\d\d\b)\d+(?:[.,]\d+)?\b(?![/-]\d)(?!\s*(?:{MONTHS})\b)|"
                   r"(?<!salah )\b(satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|puluhan|"
                   r"ratusan|ribuan|ketiga|kedua|keempat|kelima)\b(?!-satunya)|\bsatu-satunya\b", re.I)
NEAR = 3  # words either side of a count that say what it counts ("Ketiga narasumber", "peserta sebanyak 40")
TOKEN = re.compile(r"[\w-]+")
SENTENCE = re.compile(r"(?<=[.!?])\s+")
MONEY = re.compile(r"\b(rp\.?|rupiah|juta|miliar|triliun|ribu)\b", re.I)
DAYS = "senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad"
WHEN = re.compile(
    rf"\b\d{{1,2}}[/-]\d{{1,2}}[/-]\d{{2,4}}\b|\b\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?\s+(?:{MONTHS})\b|"
    rf"\b(?:{DAYS})\b|\b(?:{MONTHS})\s+(?:19|20)\d\d\b|\b(?:pukul|jam)\s+\d|\b(?:tahun|sejak|pada)\s+(?:19|20)?\d\d\b|"
    r"\b(?:kemarin|besok|abad)\b", re.I)
PLACE_WORDS = ("bertempat|berlokasi|gedung|hotel|aula|auditorium|ruang|kantor|kota|kabupaten|provinsi|"
               "kecamatan|desa|kelurahan|jalan|jl|pulau|pantai|gunung|sungai|bandara|bandar|pelabuhan|"
               "stadion|kampus|universitas|lapas|rutan|alun-alun|wilayah|daerah|negara|terletak|berada|"
               "lokasi|markas|ibu\\s?kota")
# "di/ke/dari" and a capitalised word, or a place word. Case matters for the name: under a global re.I the
# capital matched any word, so "dalam membangun" passed for a place and every lead "held" one.
WHERE = re.compile(rf"\b(?i:di|ke|dari)\s+[A-Z][\w-]+|(?i:\b(?:{PLACE_WORDS})\b)")
DI_CAPITAL = re.compile(r"\b(?:di|ke|dari)\s+[A-Z][\w-]+")
ROLE_WORDS = ("kepala|kakanwil|kadiv|kasubag|kasubbag|kalapas|karutan|menteri|direktur|dirjen|ketua|wakil|"
              "presiden|gubernur|bupati|wali\\s?kota|sekjen|sekretaris|pemateri|narasumber|pembicara|"
              "pendiri|ceo|manajer|staf|pejabat|bapak|ibu|pak|bu|dr|prof|tokoh|raja|ratu|sultan|jenderal|"
              "komandan|anggota|pemimpin|pimpinan|penulis|pencipta|penemu|atlet|pemain|pelatih")
ROLE = re.compile(rf"\b(?:{ROLE_WORDS})\b", re.I)
WHO = re.compile(rf"\b(?:{ROLE_WORDS})\b|\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b")
WHY = re.compile(r"\b(?:karena|karenanya|mengingat|agar|supaya|sehingga|untuk|demi|guna|bertujuan|tujuan|"
                 r"alasan|sebab|disebabkan|akibat|maka|oleh\s+karena|because|so\s+that|in\s+order)\b", re.I)
LIST = re.compile(r"\b(?:yaitu|yakni|antara\s+lain|meliputi|di\s+antaranya|diantaranya|terdiri|serta|dan)\b"
                  r"|(?:,[^,]+){2,}", re.I)
# An enumeration proper (for citing the parts of a list), without the lone "dan"/"serta" LIST accepts.
ENUMERATION = re.compile(r"\b(?:yaitu|yakni|antara\s+lain|meliputi|di\s+antaranya|diantaranya|terdiri)\b|"
                         r"(?:,[^,.]{1,40}){3,}", re.I)  # or three short items after commas
# A paragraph that opens with a sequence marker is one step of a list told over several paragraphs
# ("Pertama dari aspek kebijakan …", "Selanjutnya, Ketua AMSI …", "Sesi terakhir menyangkut …").
SEQUENCE = re.compile(r"^(?:(?:Yang )?(?:pertama|kedua|ketiga|keempat|kelima)\b|(?:Se)?lanjut(?:nya)?\b|Berikutnya\b|"
                      r"Kemudian\b|(?:Dan )?(?:yang )?terakhir\b|(?:Sesi|Materi|Pembicara|Narasumber|Agenda) "
                      r"(?:pertama|kedua|ketiga|berikutnya|selanjutnya|terakhir|penutup)\b|(?:Dalam|Dari) (?:aspek|sesi|bidang) \w+|"
                      r"First(?:ly)?\b|Second(?:ly)?\b|Next\b|Finally\b|Lastly\b)", re.I)
# A range of days in one month ("3-6 Juni", "3-6 June"), its first and last day captured.
DAY_RANGE = re.compile(rf"\b(\d{{1,2}})\s*[-–]\s*(\d{{1,2}})\s+(?:{MONTHS})\b", re.I)
# How long something lasted or has gone on: a range of dates or years ("3-6 Juni", "1939 hingga 1945"), a
# number of days or years ("tiga hari", "2 tahun"), or "sejak"/"selama" ("selama ini", so far, is none).
DURATION = re.compile(
    rf"{DAY_RANGE.pattern}|"
    r"\b\d{1,4}\s*(?:[-–]|hingga|sampai|s\.?d\.?|to|until)\s*\d{1,4}\b|"
    r"\b(?:\d+|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|belasan|puluhan|beberapa|setengah)\s+"
    r"(?:hari|minggu|pekan|bulan|tahun|jam|menit|days?|weeks?|months?|years?|hours?|minutes?)\b|"
    r"\b(?:sejak|since|sehari|semalam|seminggu|sepekan|sebulan|setahun)\b|\bselama\b(?!\s+ini\b)", re.I)
YEARS = re.compile(r"\b(?:1\d{3}|20\d\d)\b")


def lasts(text: str) -> bool:
    """Says how long something lasted: a duration (`DURATION`), or two different years, its start and its
    end ("dimulai pada tahun 1634 masehi, dan selesai pada tahun 1641")."""
    return bool(DURATION.search(text)) or len(set(YEARS.findall(text))) >= 2


# A title given to a talk or an event ("materi bertajuk …", "dengan tema …", "a talk titled …").
TITLED = re.compile(r"\b(?:bertajuk|berjudul|bertema(?:kan)?|tema(?:nya)?|judul(?:nya)?|tajuk(?:nya)?|titled|"
                    r"entitled)\b", re.I)
PATTERNS: dict[str, re.Pattern] = {"when": WHEN, "where": WHERE, "who": WHO, "count": COUNT, "money": MONEY,
                                   "why": WHY, "list": LIST}


# What may join two date parts into one ("Senin malam (3/6/2024)", "Rabu (26/10/2022)"): spaces, brackets and
# commas, with at most one word between.
DATE_JOIN = re.compile(r"[\s(),]*(?:[a-z]+[\s(),]*)?")
# Capitalised words and the small words inside names that extend a place ("di Aula Raden Wijaya Kanwil
# Kemenkumham Jatim").
NAME_CONTINUES = re.compile(r"(?:\s+(?:[A-Z][\w-]*|dan|di|de|van))*")


def span(answer_type: str, text: str) -> str:
    """The date or place `text` gives, as written: the longest run of date parts joined as `DATE_JOIN`
    allows ("Senin malam (3/6/2024)", "3-6 Juni"), or the first place named after "di/ke/dari" (else the
    first place word) with the capitalised words that go on naming it ("di Aula Raden Wijaya Kanwil
    Kemenkumham Jatim"). Empty for other kinds or when none."""
    if answer_type == "when":
        runs: list[tuple[int, int]] = []
        for m in WHEN.finditer(text):
            if runs and DATE_JOIN.fullmatch(text, runs[-1][1], m.start()):
                runs[-1] = (runs[-1][0], m.end())
            else:
                runs.append((m.start(), m.end()))
        if not runs:
            return ""
        start, end = max(runs, key=lambda r: r[1] - r[0])
        found = text[start:end]
        return found + ")" if found.count("(") > found.count(")") and text[end:end + 1] == ")" else found
    if answer_type == "where":
        m = DI_CAPITAL.search(text) or WHERE.search(text)
        if not m:
            return ""
        end = NAME_CONTINUES.match(text, m.end()).end()
        return text[m.start():end].rstrip(" ,")
    return ""


# Small words inside a name an initialism skips or counts ("Kementerian Hukum dan HAM", "Bank of Indonesia").
CONNECTORS = frozenset("dan dari di untuk and of the for".split())
# Words that define an acronym beside it ("disingkat dengan KASAD", "AMSI, singkatan dari …").
DEFINES = r"\b(?:disingkat(?:kan)?|singkatan|kepanjangan|abbreviated|stands? for|short for)\b"


def expands(acronym: str, text: str) -> bool:
    """`text` spells `acronym` out (`spelt_out`), or defines it in its own way: in brackets after the name
    ("Pekan Imunisasi Nasional (PIN)") or in so many words ("… atau biasa disingkat dengan KASAD", whose
    letters are syllables). A passage that only uses the acronym ("kreator konten DJKI") does not say what it
    stands for."""
    name = re.escape(acronym)
    if re.search(rf"\(\s*{name}\s*\)|{DEFINES}[^.]{{0,40}}\b{name}\b|\b{name}\b[^.]{{0,20}}{DEFINES}", text, re.I):
        return True
    return bool(spelt_out(acronym, text))


def spelt_out(acronym: str, text: str) -> str:
    """The words of `text` that spell `acronym` out, as written: capitalised words in a row, small words
    (`CONNECTORS`) between them skipped, whose initials are its letters ("Asosiasi Media Siber Indonesia" for
    AMSI, "Badan Pusat Statistik" for BPS); "" when none do."""
    words = list(re.finditer(r"[\w-]+", text))
    letters = acronym.upper()
    for i in range(len(words)):
        initials, j = "", i
        while j < len(words) and len(initials) < len(letters):
            word = words[j].group(0)
            if word[:1].isupper():
                initials += word[0].upper()
            elif word.lower() not in CONNECTORS or not initials:
                break
            j += 1
        if initials == letters:
            return text[words[i].start():words[j - 1].end()]
    return ""


def holds(answer_type: str, text: str) -> bool:
    """Whether `text` holds something of the kind `answer_type` asks for ("" asks for nothing in particular)."""
    pattern = PATTERNS.get(answer_type)
    return bool(pattern and pattern.search(text))


def strength(answer_type: str, text: str) -> float:
    """How many answers of that kind the text offers, squashed to [0, 1): 0 none, 0.5 one, 0.67 two..."""
    pattern = PATTERNS.get(answer_type)
    if not pattern:
        return 0.0
    n = len(pattern.findall(text))
    return n / (n + 1.0)


def counted(text: str) -> set[str]:
    """The lower-cased words within `NEAR` words of each count, in the count's own sentence: what the
    counts count ("Ketiga narasumber", "peserta sebanyak 40")."""
    near: set[str] = set()
    for sentence in SENTENCE.split(text):
        tokens = [(m.start(), m.group().lower()) for m in TOKEN.finditer(sentence)]
        for match in COUNT.finditer(sentence):
            at = next((i for i, (start, _) in enumerate(tokens) if start >= match.start()), len(tokens))
            near.update(word for _, word in tokens[max(0, at - NEAR):at + NEAR + 1])
    return near
