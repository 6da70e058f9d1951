"""Turn a scraped news page (plain text copied from a browser) into article text plus metadata.

Scraped pages carry navigation words, photo captions, "Baca juga:" related-article headlines, comment
forms and credit lines. None of that is article content, so none of it may be indexed or cited; what is
useful (title, outlet, dates, editor, dateline) is kept as metadata instead.

Written by hand: readability-style libraries work on HTML, and our input is already flattened text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Whole lines that are page furniture, never article content.
BOILERPLATE_LINES = re.compile(
    r"^(related articles|artikel terkait|leave a reply|tinggalkan balasan|back to top( button)?|"
    r"your email address will not be published.*|required fields are marked.*|share( this)?|bagikan|"
    r"tags?:.*|komentar|comments?|advertisement|iklan|pixel code.*|scroll to continue.*)$",
    re.I,
)
# Once one of these appears, the rest of the page is comments and footers.
TAIL_MARKERS = re.compile(r"^(related articles|artikel terkait|leave a reply|tinggalkan balasan)$", re.I)
CAPTION = re.compile(r"^(ket(erangan)?\.?\s*foto\s*:|foto\s*:|caption\s*:)|\((foto|photo)\s*:", re.I)
RELATED_HEADER = re.compile(r"^(baca juga|read also|lihat juga)\s*:?\s*(?P<rest>.*)$", re.I)
EDITOR = re.compile(r"^(editor|penulis|reporter|pewarta|redaktur)\s*:\s*(?P<name>.+)$", re.I)
WEEKDAY = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday|senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu)"
PUBLISHED = re.compile(rf"^{WEEKDAY},?\s+(?P<d>\d{{1,2}})[-/.](?P<m>\d{{1,2}})[-/.](?P<y>\d{{4}})$", re.I)
# "Surabaya | barometerbali – " or "jatimnow.com - " opening the first paragraph.
DATELINE = re.compile(
    r"^(?:(?P<place>[A-Z][A-Za-z .]{1,40}?)\s*[|,]\s*)?(?P<outlet>[a-z][a-z0-9.-]{2,40})\s*[–—-]\s+(?=\S)"
)
# "Surabaya - " opening a press note: a place (one to three capitalised words) without an outlet.
PLACE_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*){0,2})\s+[–—-]\s+(?=\S)")
# "(BB/502/hms/Kemenkumham Jatim/redho)" closing the last paragraph (a credit holds a "/"). Possessive, and
# without leading whitespace, so that a long paragraph of slashes or spaces is scanned once, not per position.
CREDIT = re.compile(r"\((?P<credit>[^()]*+)\)\s*$")
# A sentence that ends with a full stop, possibly inside closing quotes or brackets.
SENTENCE_END = re.compile(r"\.[\"”’')\]]*$")
EVENT_DATE = re.compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\b")
# Starts only where a run of name characters starts, so a long "a-a-a-…" run is scanned once, not per "-".
DOMAIN = re.compile(r"(?<![\w-])([a-z0-9][a-z0-9-]*\.(?:com|co\.id|id|net|org|news))\b")


@dataclass
class CleanPage:
    title: str
    paragraphs: list[str]
    source: str = ""
    date: str = ""
    event_dates: list[str] = field(default_factory=list)
    byline: str = ""
    dateline: str = ""
    removed: list[str] = field(default_factory=list)  # what was dropped, for tests and debugging

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def iso_date(day: str, month: str, year: str) -> str:
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


def _is_title_candidate(line: str) -> bool:
    """A headline: several words, no sentence-final full stop, not a caption or credit."""
    words = line.split()
    return 4 <= len(words) <= 25 and not line.endswith(".") and not CAPTION.search(line)


def _reads_like_prose(line: str) -> bool:
    """Article text, not a headline or menu word: five or more words ending with a full stop.

    A document that opens with such a line (a press note without a headline) starts with its text; before,
    every line above a headline was dropped as menu words, which ate headline-less documents whole.
    """
    return len(line.split()) >= 5 and SENTENCE_END.search(line) is not None


def clean_page(raw: str) -> CleanPage:
    """Split a scraped page into title, body paragraphs and metadata."""
    lines = [line.strip().replace("\u00a0", " ").strip() for line in raw.splitlines()]
    page = CleanPage(title="", paragraphs=[])
    skip_next_headline = False
    for line in lines:
        if not line:
            continue
        if TAIL_MARKERS.match(line):
            page.removed.append(line)
            break
        if skip_next_headline:
            skip_next_headline = False
            page.removed.append(line)
            continue
        if _take_metadata_line(line, page):
            continue
        related = RELATED_HEADER.match(line)
        if related:
            page.removed.append(line)
            skip_next_headline = not related.group("rest")
            continue
        if BOILERPLATE_LINES.match(line) or CAPTION.search(line):
            page.removed.append(line)
            continue
        if not page.title and not page.paragraphs:
            if _reads_like_prose(line):
                page.paragraphs.append(line)  # no headline: the text starts here
            elif _is_title_candidate(line):
                page.title = line
            else:
                page.removed.append(line)  # section labels and menu words above the headline
            continue
        page.paragraphs.append(line)
    _strip_dateline(page)
    _strip_credit(page)
    page.event_dates = sorted({iso_date(m["d"], m["m"], m["y"]) for m in EVENT_DATE.finditer(page.text)})
    if not page.source:
        domains = DOMAIN.findall(raw)
        page.source = domains[0] if domains else ""
    return page


def _take_metadata_line(line: str, page: CleanPage) -> bool:
    """Consume a publication-date or editor line into metadata; True when consumed."""
    published = PUBLISHED.match(line)
    if published and not page.date:
        page.date = iso_date(published["d"], published["m"], published["y"])
        page.removed.append(line)
        return True
    editor = EDITOR.match(line)
    if editor:
        page.byline = editor["name"].strip()
        page.removed.append(line)
        return True
    return False


def _strip_dateline(page: CleanPage) -> None:
    if not page.paragraphs:
        return
    match = DATELINE.match(page.paragraphs[0]) or PLACE_DATELINE.match(page.paragraphs[0])
    if match:
        page.dateline = (match["place"] or "").strip()
        page.source = match.groupdict().get("outlet") or page.source
        page.removed.append(match.group(0).strip())
        page.paragraphs[0] = page.paragraphs[0][match.end():]


def _strip_credit(page: CleanPage) -> None:
    if not page.paragraphs:
        return
    match = CREDIT.search(page.paragraphs[-1])
    if match and "/" in match["credit"]:
        credit = match["credit"].strip()
        page.byline = f"{page.byline}; {credit}" if page.byline else credit
        page.removed.append(match.group(0).strip())
        page.paragraphs[-1] = page.paragraphs[-1][: match.start()].rstrip()
