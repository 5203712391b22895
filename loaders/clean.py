"""Turn a RawArticle (page text as read) into a Document: metadata, body paragraphs, authors.

What a news page holds besides the article, and how it is recognised (by shape first, with
the phrase lists in data/boilerplate.json as a help, never as the only rule):

* head: site headers (all-caps lines before the title), the title (first line without sentence
  punctuation, its "(20:05 01/07/2020)" stamp stripped), datelines ("06:11 | 30/11/2020",
  "Ngày đăng 17/01/2024 | 14:27 | Lượt xem: 390", "Thứ Bảy, 26/01/2019 19:26"), bylines with a
  date ("NGUYÊN ĐOAN (thực hiện) 10/10/2018 03:09");
* body: paragraphs, where the lede may open with an outlet tag ("HNP - ", "(ĐCSVN) -"), photo
  captions may end with a credit ("Ảnh: Dương Hà"), and the page may repeat a paragraph or a
  caption verbatim;
* tail: the byline ("Huy Kiên", "Hoàng Tình – Đặng Sáng", "Thực hiện: A - B"), then
  furniture: "Tin liên quan" and related-article lists, comment forms ("Họ tên:(*)"), view
  counters and ratings, garbled text ("L?y l?i m� b?o m?t").

Paragraphs keep the article's wording (NFC, spaces squashed); only furniture lines, bylines
and photo credits are taken out. The title is metadata, not a paragraph, so the same article
read from a .txt (title on the first line) or a .jsonl (title in its own field) gets the same id.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from graph.ids import article_id
from loaders.records import ArticleMeta, Document, RawArticle

_DATA = Path(__file__).with_name("data")

UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"

_LETTER = re.compile(r"[^\W\d_]")
_LOWER_LETTER = re.compile(f"[{LOWER}]")
_UPPER_LETTER = re.compile(f"[{UPPER}]")

# Dates as the genre writes them.
_DATE_DMY = re.compile(r"(?<![\d/.\-])(\d{1,2})\s?[/.\-]\s?(\d{1,2})\s?[/.\-]\s?((?:19|20)\d{2})(?![\d/])")
_DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})", re.IGNORECASE)
_DATE_ISO = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)")
_TIME = re.compile(
    r"(?<!\d)\d{1,2}\s?(?::|h)\s?\d{2}(?::\d{2})?(?!\d)\s*(?:SA|CH|AM|PM|am|pm)?(?:\s*\(?GMT\s?\+\s?7\)?)?"
)
_TITLE_STAMP = re.compile(r"\s*\(\s*[^()]{0,20}?\d{1,2}\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?\d{4}[^()]{0,12}\)\s*$")
# "Sáng nay (25/3)", "Hôm nay 10.10", "Chiều nay (2/1/2024)": the article's own day.
_TODAY = re.compile(r"nay\s*\(?\s*(?:ngày\s+)?(\d{1,2})\s?[/.\-]\s?(\d{1,2})(?:\s?[/.\-]\s?((?:19|20)\d{2}))?(?!\d)")
_TODAY_WORD = re.compile(r"(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Hh]ôm|[Đđ]êm)\s+$")
# A single year (not a term "2020-2025"): "năm 2021", "tháng 3/2021", "11/3/2021".
_SINGLE_YEAR = re.compile(
    r"(?<![\d\-–/])(?:[Nn]ăm\s+|\d{1,2}\s?/\s?(?:\d{1,2}\s?/\s?)?)((?:19|20)\d{2})(?!\s?[-–]\s?\d)(?!\d)"
)

_OUTLET_TAG = re.compile(
    rf"^\s*(?:\((?P<paren>[^()\s:]{{2,30}}(?:\s[^()\s:]{{1,12}})?)\)|(?P<bare>[{UPPER}0-9][{UPPER}0-9.&]{{1,14}}))"
    r"\s*(?:[-–—]\s*|(?=\s+\S)|$)"
)
_MEDIA_WORDS = ("Báo", "Tạp chí", "Đài", "Website", "Cổng thông tin", "Trang tin")
_MEDIA_NAME = (
    r"(?:Báo|Tạp chí|Đài|Website|Cổng thông tin điện tử|Trang tin)"
    rf"\s+[{UPPER}0-9][\w.]*(?:\s+[{UPPER}0-9][\w.]*){{0,3}}"
)
_SELF_REFERENCE = re.compile(
    rf"(?:(?:trả lời )?phỏng vấn|chia sẻ với|trao đổi với|nói với|phóng viên|PV)\s+({_MEDIA_NAME})"
    rf"|({_MEDIA_NAME})\s+(?:trân trọng|xin|kính) giới thiệu"
)
_DOMAIN = re.compile(r"^[\w\-]+(?:\.[\w\-]+)*\.(?:vn|com|net|org|gov|info)(?:\.vn)?$", re.IGNORECASE)

_NAME_WORD = rf"[{UPPER}][{LOWER}]+"
_NAME = re.compile(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}")
_INITIALS = re.compile(rf"[{UPPER}]\.(?:\s?[{UPPER}][{LOWER}]*\.?){{1,3}}")
_NAME_SEPARATOR = re.compile(r"\s*[-–—,&/]\s*|\s+và\s+")
_AGENCY_SUFFIX = re.compile(r"\s*\((?:[^()]{1,25})\)\s*$")
_MOJIBAKE = re.compile(r"\ufffd|[^\W\d_]\?[^\W\d_]|Ã[\u0080-\u00bf]|á»|Ä‘")
_ALT_TEXT = re.compile(r"\s+-\s*\d{1,2}\s*$")


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    """Phrase lists from data/ compiled once: furniture, byline and credit words, outlet tags."""
    with open(_DATA / "boilerplate.json", encoding="utf-8") as fh:
        data = json.load(fh)
    with open(_DATA / "outlet_tags.json", encoding="utf-8") as fh:
        data["outlets"] = list(json.load(fh)["tags"])
    try:  # outlets.json (shared with the extractor) maps known tags to names and provinces
        with open(_DATA / "outlets.json", encoding="utf-8") as fh:
            data["outlets"] += list(json.load(fh).get("outlets", {}))
    except (OSError, ValueError):
        pass
    low = lambda items: frozenset(i.lower() for i in items)  # noqa: E731
    alternatives = lambda items: "|".join(re.escape(i) for i in sorted(items, key=len, reverse=True))  # noqa: E731
    return {
        "zone_markers": low(data["zone_markers"]),
        "line_phrases": low(data["line_phrases"]),
        "counters": re.compile(alternatives(data["counter_words"])),
        "form_label": re.compile(rf"^(?:{alternatives(data['form_label_words'])})\s*(?:\(\*\))?\s*:", re.IGNORECASE),
        "byline_prefix": re.compile(rf"^\(?\s*(?:{alternatives(data['byline_prefixes'])})\s*:\s*", re.IGNORECASE),
        "credit": re.compile(
            rf"(?:^|(?<=[\s.(]))\(?\s*(?:{alternatives(data['credit_words'])})\s*:\s*(?P<who>[^():\n]{{1,60}}?)\s*\)?\s*\.?\s*$"
        ),
        "date_labels": re.compile(rf"(?:{alternatives(data['date_labels'])})\s*:?", re.IGNORECASE),
        "weekdays": re.compile(rf"(?:{alternatives(data['weekdays'])})\b", re.IGNORECASE),
        "not_name_first": frozenset(data["not_name_first_words"]),
        "anonymous_bylines": low(data["anonymous_bylines"]),
        "share_words": low(data["share_words"]),
        "outlets": {o.lower(): o for o in data["outlets"]},
        # Known tags that the general shape (one upper-case token or a domain) does not cover.
        "outlet_phrases": [o.lower() for o in data["outlets"] if " " in o or _LOWER_LETTER.search(o)],
    }


# ---------------------------------------------------------------- small helpers

_CLOSERS = " ”\"’')]"


def _ends_with(line: str, marks: str) -> bool:
    """Whether ``line`` ends with one of ``marks``, ignoring closing quotes and brackets."""
    core = line.rstrip(_CLOSERS)
    return bool(core) and core[-1] in marks


def _ends_terminal(line: str) -> bool:
    return _ends_with(line, ".!?…:;")


def _ends_sentence(line: str) -> bool:
    return _ends_with(line, ".!?…")


def _squash(line: str) -> str:
    if "\u200b" in line:
        line = line.replace("\u200b", "")
    if "  " not in line and line.isprintable() and line == line.strip():
        return line  # already single-spaced: every white space but " " is unprintable
    return " ".join(line.split())


_NOT_WORD = re.compile(r"[\W_]+")


def _key(text: str) -> str:
    """Comparison key for repeated text: lower case, words only ("miền trung - Tây" = "miền Trung- Tây")."""
    return _NOT_WORD.sub(" ", text.lower()).strip()


def _same_as_title(line: str, title: str) -> bool:
    return abs(len(line) - len(title)) < 12 and _key(line) == _key(title)


def _is_all_caps(line: str) -> bool:
    return not _LOWER_LETTER.search(line) and len(_LETTER.findall(line)) >= 4


def _to_date(day: str, month: str, year: str) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> str | None:
    """The first full date in ``text`` as ISO ("01/07/2020", "17-01-2024", "ngày 17 tháng 1 năm 2024")."""
    if "19" not in text and "20" not in text:
        return None  # every date form below has a year 19xx or 20xx; most lines have none
    found: list[tuple[int, str | None]] = []
    for m in _DATE_DMY.finditer(text):
        found.append((m.start(), _to_date(m.group(1), m.group(2), m.group(3))))
    for m in _DATE_WORDS.finditer(text):
        found.append((m.start(), _to_date(m.group(1), m.group(2), m.group(3))))
    for m in _DATE_ISO.finditer(text):
        found.append((m.start(), _to_date(m.group(3), m.group(2), m.group(1))))
    for _, iso in sorted(found, key=lambda item: item[0]):
        if iso:
            return iso
    return None


def _strip_dates(line: str) -> str:
    for pattern in (_DATE_WORDS, _DATE_DMY, _DATE_ISO, _TIME):
        line = pattern.sub(" ", line)
    return line


# ---------------------------------------------------------------- names


def _title_case(word: str) -> str:
    return word[:1] + word[1:].lower()


def parse_names(text: str) -> list[str] | None:
    """Person names in a byline or credit ("Hoàng Tình – Đặng Sáng", "NGUYÊN ĐOAN", "N.Đ"), else None."""
    text = _squash(text).strip(" .;")
    text = re.sub(r"\s*\((?:thực hiện|tổng hợp|lược ghi|ghi)\)\s*", " ", text, flags=re.IGNORECASE).strip()
    while True:
        stripped = _AGENCY_SUFFIX.sub("", text)
        if stripped == text:
            break
        text = stripped
    if not text or len(text) > 80:
        return None
    names: list[str] = []
    for part in _NAME_SEPARATOR.split(text):
        part = part.strip()
        if not part:
            continue
        words = part.split()
        if _INITIALS.fullmatch(part):
            names.append(part)
            continue
        if len(words) == 1 and len(part) >= 2 and not _LOWER_LETTER.search(part):
            continue  # an agency beside the name: "Nguyễn Hoàng - TTXVN"
        if _is_all_caps(part) and len(words) >= 2 and all(len(w) >= 2 for w in words):
            part = " ".join(_title_case(w) for w in words)
        if not _NAME.fullmatch(part) or words[0] in _lexicon()["not_name_first"]:
            return None
        names.append(part)
    return names or None


def _byline_names(line: str) -> list[str] | None:
    """Names when the whole line is a byline ("Huy Kiên", "Thực hiện: A - B", "Văn Bình (TTXVN)")."""
    if len(line) > 90:
        return None
    body = _lexicon()["byline_prefix"].sub("", line.strip())
    if body.startswith("(") and body.endswith(")"):
        body = body[1:-1]
    return parse_names(body)


# ---------------------------------------------------------------- line classes


def _is_dateline(line: str, in_head: bool) -> tuple[str | None, list[str] | None]:
    """(ISO date, byline names) when the line is a dateline; else (None, None).

    Anywhere, a dateline is a date with only labels, times, weekdays and counters around it
    ("Ngày đăng 17/01/2024 | 14:27 | Lượt xem: 390"). In the head (before the first body
    paragraph) it may also carry a byline ("NGUYÊN ĐOAN (thực hiện) 10/10/2018 03:09") or a
    short unpunctuated label ("Báo Nhân Dân 10/10/2018").
    """
    if len(line) > 160:
        return None, None
    iso = find_date(line)
    if not iso:
        return None, None
    lex = _lexicon()
    rest = _strip_dates(line)
    rest = lex["counters"].sub(" ", rest)
    rest = lex["date_labels"].sub(" ", rest)
    rest = lex["weekdays"].sub(" ", rest)
    rest = re.sub(r"(?i)\blúc\b|\bngày\b|GMT\s?\+\s?7|\d+", " ", rest)
    rest = _squash(re.sub(r"[|,;\-–—()\[\]:]", " ", rest))
    if not rest:
        return iso, []
    if not in_head:
        return None, None
    names = parse_names(re.sub(r"(?i)thực hiện", "", rest).strip())
    if names:
        return iso, names
    if len(line) <= 60 and not _ends_sentence(line):
        return iso, []
    return None, None


def _is_furniture_line(line: str) -> bool:
    """A single line of page furniture, judged by its shape and the phrase lists."""
    lex = _lexicon()
    if not _LETTER.search(line):
        return True  # "|", "-0", "***", "1 2 3"
    low = line.lower().strip(" :|")
    if low in lex["line_phrases"]:
        return True
    if len(line) <= 50 and set(low.replace("|", " ").split()) <= lex["share_words"]:
        return True  # "Chia sẻ Facebook Zalo", "In bài | Gửi email"
    if len(line) <= 80 and _MOJIBAKE.search(line):
        return True
    if len(line) <= 60 and lex["counters"].search(line) and re.search(r"\d", line):
        return True  # "Lượt xem: 390", "Trung bình (0 Bình chọn)"
    if len(line) <= 60 and lex["form_label"].search(line):
        return True  # "Họ tên:(*)", "Mã xác nhận:"
    if len(line) <= 40 and (line.endswith("(*)") or re.search(r":\s*\(\*\)\s*$", line)):
        return True
    return False


def _is_label_shaped(line: str) -> bool:
    """A form field label ("Số điện thoại:", "Tiêu đề:(*)"): a few words ending with a colon."""
    return len(line) <= 40 and len(line.split()) <= 3 and line.rstrip("(*) ").endswith(":")


def _drop_form_fields(lines: list[str]) -> list[str]:
    """Drop label-shaped lines that sit next to another one: a web form, not a heading."""
    shaped = [_is_label_shaped(line) for line in lines]
    return [
        line
        for i, line in enumerate(lines)
        if not (shaped[i] and ((i > 0 and shaped[i - 1]) or (i + 1 < len(lines) and shaped[i + 1])))
    ]


def _is_zone_marker(line: str) -> bool:
    """ "Tin liên quan", "Bình luận (3)", "XEM THÊM:": the start of a related list or a comment form."""
    if len(line) > 40:
        return False
    low = re.sub(r"\(\d+\)", "", line.lower()).strip(" :|>»•-")
    return low in _lexicon()["zone_markers"]


def _is_sentence_paragraph(line: str) -> bool:
    """A real body paragraph: long enough and with sentence punctuation."""
    return len(line) >= 120 and bool(re.search(r"[.!?…]", line))


# ---------------------------------------------------------------- hard-wrapped text


def _unwrap(lines: list[str]) -> list[str]:
    """Join lines of hard-wrapped paragraphs (a line cut at a fixed width, mid-sentence)."""
    if len(lines) < 3:
        return lines
    evidence = [
        len(a)
        for a, b in zip(lines, lines[1:], strict=False)
        if a and b and not _ends_terminal(a) and _LOWER_LETTER.match(b[0])
    ]
    width = max(evidence) if len(evidence) >= 2 else None
    out: list[str] = []
    for line in lines:
        if out and out[-1] and line and not _ends_terminal(out[-1]) and not out[-1].endswith("|"):
            prev_last = out[-1].rsplit("\n", 1)[-1]
            joined = False
            if _LOWER_LETTER.match(line[0]):
                joined = True
            elif width and line[0].isdigit() and _LOWER_LETTER.search(prev_last.split()[-1][:1]):
                joined = not _is_dateline(line, in_head=False)[0]
            elif width and width - 15 <= len(prev_last) <= width + 3 and len(line) <= width + 3:
                joined = True
            if joined:
                out[-1] = out[-1] + "\n" + line
                continue
        out.append(line)
    return [o.replace("\n", " ") for o in out]


# ---------------------------------------------------------------- the cleaner


def _strip_credit(line: str) -> tuple[str, list[str] | None, str | None]:
    """(line without a trailing photo credit, credited names or None, the credit text or None).

    A credit names people ("Ảnh: Dương Hà", "(Ảnh: Thu Hà)", "Ảnh: VGP/Nhật Bắc") or a source
    ("Ảnh: TTXVN", "(Ảnh: baophapluat.vn)"); "Ảnh: Toàn cảnh hội nghị" is a caption and stays.
    """
    tail_start = max(0, len(line) - 90)
    if ":" not in line[tail_start:]:
        return line, None, None
    m = _lexicon()["credit"].search(line, tail_start)
    if not m:
        return line, None, None
    who = re.sub(rf"^[{UPPER}]{{2,8}}\s*/\s*", "", m.group("who").strip())  # "VGP/Nhật Bắc"
    names = parse_names(who)
    is_source = bool(_DOMAIN.match(who)) or (len(who.split()) <= 3 and not _LOWER_LETTER.search(who))
    if not names and not is_source:
        return line, None, None
    return line[: m.start()].rstrip(" ,-–"), names, m.group(0).strip()


def _outlet_of(paragraph: str) -> tuple[str | None, bool]:
    """(outlet tag at the start of the lede, whether the paragraph is only the tag)."""
    known = _lexicon()["outlets"]
    head = paragraph[:40].lower()
    for tag in _lexicon()["outlet_phrases"]:
        if head.startswith(tag):
            dash = re.match(r"\s*[-–—]\s*", paragraph[len(tag) :])
            if dash:
                return known[tag], not paragraph[len(tag) + dash.end() :].strip()
    m = _OUTLET_TAG.match(paragraph)
    if not m:
        return None, False
    tag = m.group("paren") or m.group("bare")
    shaped = (
        tag.lower() in known
        or _DOMAIN.match(tag)
        or (_UPPER_LETTER.match(tag) and not _LOWER_LETTER.search(tag) and len(_LETTER.findall(tag)) >= 2)
    )
    if not shaped:
        return None, False
    if m.group("bare") and not re.match(r"\s*[-–—]", paragraph[m.end("bare") :]):
        return None, False  # a bare tag needs its dash: "HNP - ...", not "UBND tỉnh ..."
    return known.get(tag.lower(), tag), not paragraph[m.end() :].strip()


def _infer_year(text: str) -> str | None:
    """The year an undated "Sáng nay (25/3)" belongs to: the single year the text names most."""
    years = Counter(m.group(1) for m in _SINGLE_YEAR.finditer(text))
    if not years:
        return None
    return max(years, key=lambda y: (years[y], y))


def _looks_like_title(line: str) -> bool:
    if len(line) > 300 or _ends_sentence(_TITLE_STAMP.sub("", line)):
        return False
    if _strip_credit(line)[2] or _outlet_of(line)[0]:
        return False
    return bool(_LETTER.search(line))


@dataclass
class _Found:
    """What the cleaner collects on its way through the page besides paragraphs."""

    authors: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)  # the byline and credit lines
    head_dates: list[str] = field(default_factory=list)  # datelines before the body
    later_dates: list[str] = field(default_factory=list)  # datelines between body paragraphs
    head_datelines: list[str] = field(default_factory=list)  # the date-only lines of the head
    later_datelines: list[str] = field(default_factory=list)  # the date-only lines of the body

    @property
    def is_listing(self) -> bool:
        """Datelines between items with other dates than the head's: a listing page, not one article."""
        head = [d for d in self.head_dates if d]
        return bool(self.later_dates) and bool(set(self.later_dates) - set(head[:1]))

    def add_authors(self, names: list[str], line: str) -> None:
        for name in names:
            if name not in self.authors:
                self.authors.append(name)
        if line not in self.evidence:
            self.evidence.append(line)


def clean(raw: RawArticle) -> Document:
    """Metadata, body paragraphs and authors of one article (see the module docstring)."""
    text = raw.text if unicodedata.is_normalized("NFC", raw.text) else unicodedata.normalize("NFC", raw.text)
    lines = [line for line in _unwrap([_squash(line) for line in text.split("\n")]) if line]
    found = _Found()
    title, start = _read_head(lines, _squash(raw.title) if raw.title else None, found)
    kept = _read_body(_drop_form_fields(lines[start:]), title, found)
    if not found.is_listing:
        kept = [line for line in kept if line not in found.later_datelines]
    kept = _take_bylines(kept, found)
    paragraphs = _drop_repeated_captions(_drop_repeated_paragraphs(kept))

    outlet = raw.outlet
    if paragraphs:
        tag, alone = _outlet_of(paragraphs[0])
        if tag:
            outlet = outlet or tag
            if alone:
                paragraphs = paragraphs[1:]  # "NDO -" on a line of its own
    if outlet is None:
        outlet = _outlet_naming_itself(paragraphs[:3])
    if found.is_listing:
        # Each item's date stays in place: the only year an item's "Sáng ngày 3/1" can take.
        paragraphs = found.head_datelines[:1] + paragraphs

    meta = ArticleMeta(
        id=article_id("\n".join(paragraphs)),
        source=raw.source,
        title=title,
        published=raw.published or _published_date(found, paragraphs),
        outlet=outlet,
        url=raw.url,
    )
    return Document(meta=meta, paragraphs=paragraphs, authors=found.authors, author_evidence=found.evidence)


def _read_head(lines: list[str], title: str | None, found: _Found) -> tuple[str | None, int]:
    """(title, index of the first body line): skip headers and datelines, take the title and bylines."""
    i = 0
    while i < len(lines):
        line = lines[i]
        stamp = _TITLE_STAMP.search(line) if line.endswith(")") else None
        if title is None and stamp and len(line[: stamp.start()].split()) >= 3 and i + 1 < len(lines):
            found.head_dates.append(find_date(stamp.group(0)) or "")  # "Tiêu đề (20:05 01/07/2020)"
            title = line[: stamp.start()].strip(" |")
        elif (dated := _is_dateline(line, in_head=True))[0]:
            found.head_dates.append(dated[0])
            if dated[1]:
                found.add_authors(dated[1], line)
            else:
                found.head_datelines.append(line)
        elif title and _same_as_title(_ALT_TEXT.sub("", line), title):
            pass  # the title again (html h1, jsonl text that repeats its title)
        elif _is_furniture_line(line):
            pass
        elif (title or _lexicon()["byline_prefix"].match(line)) and (names := _byline_names(line)):
            found.add_authors(names, line)  # a byline under the title: "Minh Anh", "Tác giả: Minh Anh"
        elif title is None and _is_all_caps(line) and not _outlet_of(line)[0]:
            if _is_site_header(lines, i):
                pass  # "TIN TỨC - SỰ KIỆN NỔI BẬT" above the title
            else:
                title = line  # a title written in capitals
        elif title is None and i + 1 < len(lines) and _looks_like_title(line):
            title = line.strip(" |")
        else:
            break
        i += 1
    return title, i


def _is_site_header(lines: list[str], index: int) -> bool:
    """An all-caps line is a site header when a title-like line follows it, else it is the title."""
    for line in lines[index + 1 : index + 4]:
        if _is_dateline(line, in_head=True)[0] or _is_furniture_line(line):
            continue
        return _is_all_caps(line) or _looks_like_title(line)
    return True


def _read_body(lines: list[str], title: str | None, found: _Found) -> list[str]:
    """Body lines without furniture zones and lines, datelines, alt text and photo credits."""
    kept: list[str] = []
    in_zone = False
    for line in lines:
        if _is_zone_marker(line):
            in_zone = True  # "Tin liên quan", "Viết bình luận": a list or form follows
            continue
        if in_zone:
            if not _is_sentence_paragraph(line) or _MOJIBAKE.search(line):
                continue
            in_zone = False
        iso, names = _is_dateline(line, in_head=not kept)
        if iso:
            if not kept:
                found.head_dates.append(iso)
            elif not re.search(r"(?i)cập nhật", line):
                found.later_dates.append(iso)
                found.later_datelines.append(line)
                kept.append(line)  # an item's date on a listing page; dropped below if not a listing
                continue
            if names:
                found.add_authors(names, line)
            continue
        if _is_furniture_line(line):
            continue
        if line[-1:].isdigit() and len(line) < 200 and _ALT_TEXT.search(line):
            if not _ends_sentence(_ALT_TEXT.sub("", line)):
                continue  # image alt text ("<title> -0")
        if title and _same_as_title(line, title):
            continue
        stripped, credited, credit_text = _strip_credit(line)
        if credit_text:
            if credited:
                found.add_authors(credited, credit_text)
            if not _LETTER.search(stripped):
                continue
            line = stripped
        kept.append(line)
    return kept


def _take_bylines(kept: list[str], found: _Found) -> list[str]:
    """Remove bylines: a name-only line that repeats (tag pages), and the lines after the body.

    A name-only line naming someone the article itself talks about ("... đồng chí Vũ Đức Bảo
    ..." then "Vũ Đức Bảo") is a caption, not a byline: it stays.
    """

    def byline_of(line: str) -> list[str] | None:
        names = _byline_names(line)
        if not names:
            return None
        others = [k for k in kept if k != line]
        if all(any(name in other for other in others) for name in names):
            return None
        return names

    for line, count in Counter(line for line in kept if _byline_names(line)).items():
        if count >= 2 and (names := byline_of(line)):
            found.add_authors(names, line)
            kept = [k for k in kept if k != line]
    while len(kept) >= 2:
        last = kept[-1]
        if len(last) <= 60 and re.match(r"(?i)^\(?\s*(?:theo|nguồn)\s*:?\s+\S", last):
            kept.pop()  # "Theo TTXVN", "Nguồn: ..." names a source, not an author
            continue
        if last.lower() in _lexicon()["anonymous_bylines"] or re.fullmatch(rf"[{UPPER}/]{{2,8}}", last):
            kept.pop()  # "PV", "Nhóm PV", "TTXVN": a byline without a person's name
            continue
        names = byline_of(last)
        if not names:
            break
        found.add_authors(names, last)
        kept.pop()
    return kept


def _drop_repeated_paragraphs(paragraphs: list[str]) -> list[str]:
    """Keep the first of paragraphs repeated verbatim (case and a final period aside)."""
    seen: set[str] = set()
    unique: list[str] = []
    for paragraph in paragraphs:
        key = paragraph.lower().rstrip(" .")
        if key not in seen:
            seen.add(key)
            unique.append(paragraph)
    return unique


def _outlet_naming_itself(paragraphs: list[str]) -> str | None:
    """The outlet named by the text itself ("chia sẻ với Báo Quảng Nam", "Website VDB trân trọng giới thiệu")."""
    for paragraph in paragraphs:
        if not any(word in paragraph for word in _MEDIA_WORDS):
            continue
        m = _SELF_REFERENCE.search(paragraph)
        if m:
            return m.group(1) or m.group(2)
    return None


def _published_date(found: _Found, paragraphs: list[str]) -> str | None:
    """The article's date: its dateline; none on a listing page (several items, several dates)."""
    head = [d for d in found.head_dates if d]
    if found.is_listing:
        return None
    if head:
        return head[0]
    text = "\n".join(paragraphs)
    today = {
        (int(m.group(1)), int(m.group(2)), m.group(3))
        for m in _TODAY.finditer(text)
        if _TODAY_WORD.search(text, max(0, m.start() - 8), m.start())
    }
    if len({(d, mo) for d, mo, _ in today}) != 1:
        return None
    day, month, year = next(iter(today))
    year = year or _infer_year(text)
    return _to_date(str(day), str(month), year) if year else None


def _drop_repeated_captions(paragraphs: list[str]) -> list[str]:
    """Drop a short caption-like paragraph repeated verbatim inside another paragraph."""
    kept = []
    for index, paragraph in enumerate(paragraphs):
        core = paragraph.rstrip(" .")
        if (
            len(paragraph) < 250
            and len(core) >= 20
            and any(core in other for j, other in enumerate(paragraphs) if j != index and len(other) > len(paragraph))
        ):
            continue
        kept.append(paragraph)
    return kept


__all__ = ["clean", "find_date", "parse_names"]
