"""Turn a scraped news page (plain text copied from a browser) into the page a reader sees, minus furniture.

Scraped pages carry navigation words, "Baca juga:" related-article headlines, comment forms and "Related
Articles" lists. None of that is what a reader reads as the article, so it is dropped.

The lines a reader does see around the article are kept in the text, in page order, as *page lines*: the
date line ("Monday, 16-09-2024"), the headline, the editor line ("Editor : Yanuar D"), a photo's caption
("Ket foto: … Kamis (26/10/2022) (hms/kemenkumham/jatim/redho)", once however often the page shows it; testers
asked for its credit, and why it gives another day than the article), the dateline
paragraph ("Surabaya | barometerbali – Kanwil …", whose prefix names place and outlet) and the paragraph
that closes with a credit ("… tutup Hendro. (BB/502/hms/Kemenkumham Jatim/redho)"). A question about the
page itself (who edited it, which outlet ran it) can then be answered with a citation into the stored
text. Page lines are never article content: `article_bounds` says which part of a page line is, and
content units are made of that part only. Their values also go to metadata (title, outlet, dates,
byline, dateline), as before.

Written by hand: readability-style libraries work on HTML, and our input is already flattened text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

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
EDITOR = re.compile(r"^(?P<label>editor|penulis|reporter|pewarta|wartawan|redaktur)\s*:\s*(?P<name>.+)$", re.I)
WRITERS = ("penulis", "reporter", "pewarta", "wartawan")  # labels of a line naming who wrote the article
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


# Page lines that are wholly outside the article, and those that hold article text after or before them.
WHOLE_LINE_KINDS = ("date", "title", "writer", "editor", "caption")


@dataclass
class Line:
    """One kept line of the page: article text, a page line (`kinds` non-empty), or both (a dateline or
    credit paragraph, which holds article text after its prefix or before its credit)."""

    text: str
    kinds: list[str] = field(default_factory=list)


@dataclass
class CleanPage:
    title: str = ""
    lines: list[Line] = field(default_factory=list)  # everything kept, in page order
    source: str = ""
    date: str = ""
    event_dates: list[str] = field(default_factory=list)
    byline: str = ""
    dateline: str = ""
    removed: list[str] = field(default_factory=list)  # what was dropped, for tests and debugging

    @property
    def text(self) -> str:
        """What the document stores and citations point into: every kept line, one paragraph each."""
        return "\n\n".join(line.text for line in self.lines)

    @property
    def paragraphs(self) -> list[str]:
        """The article content alone: page lines left out, the dateline prefix and the credit cut off."""
        parts = (line.text[slice(*article_bounds(line.kinds, line.text))] for line in self.lines)
        return [part for part in parts if part]

    @property
    def page_lines(self) -> list[tuple[str, int, int]]:
        """(kind, start, end) of each page line in `text`, in page order."""
        spans: list[tuple[str, int, int]] = []
        start = 0
        for line in self.lines:
            spans.extend((kind, start, start + len(line.text)) for kind in line.kinds)
            start += len(line.text) + 2
        return spans


def iso_date(day: str, month: str, year: str) -> str:
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


def dateline_match(paragraph: str) -> re.Match[str] | None:
    """The dateline prefix opening a paragraph ("Surabaya | barometerbali – "), if any."""
    return DATELINE.match(paragraph) or PLACE_DATELINE.match(paragraph)


def credit_match(paragraph: str) -> re.Match[str] | None:
    """The credit closing a paragraph ("(BB/502/hms/redho)"); a bracket without a "/" is article text."""
    match = CREDIT.search(paragraph)
    return match if match and "/" in match["credit"] else None


def article_bounds(kinds: Iterable[str], line: str) -> tuple[int, int]:
    """(start, end) of the article text within a kept line holding page lines of `kinds`.

    A date, title or editor line holds none; a dateline paragraph starts after its prefix, a credit
    paragraph ends before its credit (and the space before it). Units are made of this part only, so that
    page lines are cited for page questions and never as article content."""
    start, end = 0, len(line)
    for kind in kinds:
        if kind in WHOLE_LINE_KINDS:
            return 0, 0
        if kind == "dateline" and (match := dateline_match(line)):
            start = match.end()
        if kind == "credit" and (match := credit_match(line)):
            end = len(line[:match.start()].rstrip())
    return start, max(start, end)


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
    """Split a scraped page into its kept lines (page lines and article paragraphs) and metadata."""
    lines = [line.strip().replace("\u00a0", " ").strip() for line in raw.splitlines()]
    page = CleanPage()
    article: list[Line] = []
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
        kind = _take_metadata_line(line, page)
        if kind:
            page.lines.append(Line(line, [kind]))
            continue
        related = RELATED_HEADER.match(line)
        if related:
            page.removed.append(line)
            skip_next_headline = not related.group("rest")
            continue
        if CAPTION.search(line) and all(kept.text != line for kept in page.lines):
            page.lines.append(Line(line, ["caption"]))  # what the page shows under its photo, and its credit
            continue
        if BOILERPLATE_LINES.match(line) or CAPTION.search(line):  # furniture, or a caption shown again
            page.removed.append(line)
            continue
        if not page.title and not article and not _reads_like_prose(line):
            if _is_title_candidate(line):
                page.title = line
                page.lines.append(Line(line, ["title"]))
            else:
                page.removed.append(line)  # section labels and menu words above the headline
            continue
        article.append(Line(line))  # with no headline, the text starts at the first line of prose
        page.lines.append(article[-1])
    if article:
        _mark_dateline(article[0], page)
        _mark_credit(article[-1], page)
    page.event_dates = sorted({iso_date(m["d"], m["m"], m["y"])
                               for m in EVENT_DATE.finditer("\n\n".join(page.paragraphs))})
    if not page.source:
        domains = DOMAIN.findall(raw)
        page.source = domains[0] if domains else ""
    return page


def _take_metadata_line(line: str, page: CleanPage) -> str:
    """The page-line kind of a publication-date, writer or editor line ("Penulis : …" is the writer's, "Editor :
    …" the editor's), its value taken into metadata; "" else."""
    published = PUBLISHED.match(line)
    if published and not page.date:
        page.date = iso_date(published["d"], published["m"], published["y"])
        return "date"
    editor = EDITOR.match(line)
    if editor:
        page.byline = editor["name"].strip()
        return "writer" if editor["label"].lower() in WRITERS else "editor"
    return ""


def _mark_dateline(line: Line, page: CleanPage) -> None:
    """The first paragraph opening with a dateline is a page line; place and outlet go to metadata."""
    match = dateline_match(line.text)
    if match:
        page.dateline = (match["place"] or "").strip()
        page.source = match.groupdict().get("outlet") or page.source
        line.kinds.append("dateline")


def _mark_credit(line: Line, page: CleanPage) -> None:
    """The last paragraph closing with a credit is a page line; the credit joins the byline."""
    match = credit_match(line.text)
    if match:
        credit = match["credit"].strip()
        page.byline = f"{page.byline}; {credit}" if page.byline else credit
        line.kinds.append("credit")
