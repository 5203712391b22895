"""Documents an article cites: resolutions, directives, regulations, conclusions, projects,
programmes, plans, decisions and guidelines.

A mention counts when it identifies one single document (corpus README, "resolutions"):

* by a number: "Chỉ thị số 05-CT/TW", "Đề án 21-ĐA/TU", "Quy định 205", "Nghị quyết (NQ) 32";
  lists share the kind ("Nghị quyết số 18-NQ/TW, số 19-NQ/TW");
* by the plenum or congress it belongs to: "Nghị quyết Trung ương 4 khóa XI, XII" (one per
  plenum and term), "Kết luận Hội nghị Trung ương 4, 5 khóa XIII", "Nghị quyết Đại hội XIII của
  Đảng", "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XV";
* by its owner named in the mention together with a title, subject or period ("kế hoạch kiểm
  tra, giám sát năm 2021 của Đảng ủy Khối"), or by a quoted title ("nghị quyết về “...”").

Plural and generic mentions ("các nghị quyết của Trung ương", "2 nghị quyết chuyên đề"), kinds
outside the list and a kind word used as a verb ("Kết luận hội nghị, ...") are left out. An
issuer named after a list ("Nghị quyết 15, Chỉ thị 15 của Thành ủy") applies to every item; with
no issuer in the text, the number's suffix may settle it ("/TU" -> the article's Tỉnh ủy or
Thành ủy), see ``data/document_kinds.json``. The same document mentioned twice in an article is
one entry (``graph.ids.resolution_id`` for numbered ones; plenum/congress identity otherwise).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from graph.ids import resolution_id
from loaders import geo
from loaders.fastre import case_variants
from loaders.records import Resolution
from loaders.textnorm import canonical, clean_text, fold

_DATA = Path(__file__).parent / "data" / "document_kinds.json"
CENTRAL_COMMITTEE = "Ban Chấp hành Trung ương"


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    return json.loads(_DATA.read_text(encoding="utf-8"))


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass
class _Patterns:
    """Regexes built once from the lexicon."""

    kind: re.Pattern[str]
    kind_names: dict[str, str]  # lower-cased kind -> canonical kind
    numbered: re.Pattern[str]
    more_numbers: re.Pattern[str]
    after_number: re.Pattern[str]
    plenum_tail: re.Pattern[str]
    plenum: re.Pattern[str]
    plenum_long: re.Pattern[str]
    congress: re.Pattern[str]
    congress_next: re.Pattern[str]
    quoted: re.Pattern[str]
    owned: re.Pattern[str]
    of_issuer: re.Pattern[str]
    issuer_head: re.Pattern[str]
    term: re.Pattern[str]
    subject: re.Pattern[str]
    plural_before: re.Pattern[str]
    plural_list_before: re.Pattern[str]
    measure_after: re.Pattern[str]
    list_gap: re.Pattern[str]
    place_words: tuple[str, ...]
    group_heads: tuple[str, ...]
    group_stops: re.Pattern[str]
    demonstratives: frozenset[str]


_NUMBER = r"\d+[a-zA-Z]?(?:[-/.][0-9A-Za-zÀ-ỹĐđ.]*[0-9A-Za-zÀ-ỹĐđ])*"
_ROMAN = r"[IVXLC]+"
_CENTRAL = r"(?:Ban\s+Chấp\s+hành|BCH)\s*(?:Trung\s+ương|T\.Ư|TW|TƯ)(?:\s+Đảng)?"
_TERMS = (
    r"(?:\s*,?\s*\(?\s*(?i:khóa)\s+(?P<terms>(?:" + _ROMAN + r"|\d{1,2})(?:\s*(?:,|và)\s*(?:" + _ROMAN
    + r"|\d{1,2}))*)(?![\w])\s*\)?)?"
)
_ORDS = r"(?P<ords>\d{1,2}(?:\s*(?:,|và)\s*\d{1,2}(?![\d/-]))*)(?![\d/-])"
_CONGRESS = (
    r"(?P<cong>(?i:đại\s+hội)(?:\s+(?i:đại\s+biểu))?(?:\s+(?i:toàn\s+quốc))?"
    r"(?:\s+(?:(?i:lần\s+th[ứu]c?)\s+)?(?P<ord1>" + _ROMAN + r")(?![\w])"
    r"(?P<body1>\s+của\s+Đảng(?:\s+Cộng\s+sản\s+Việt\s+Nam)?|\s+Đảng\s+bộ(?:\s+[^\s,;.:()“”\"]+){0,6})?"
    r"|\s+(?P<body2>Đảng(?:\s+bộ(?:\s+(?!lần\s)[^\s,;.:()“”\"]+){0,6})?)\s+(?i:lần\s+th[ứu]c?)\s+(?P<ord2>"
    + _ROMAN + r")(?![\w])))"
    r"(?P<period>\s*,?\s*\(?(?i:nhiệm\s+kỳ)\s+\d{4}\s*-\s*\d{4}\)?)?"
)


@lru_cache(maxsize=1)
def patterns() -> _Patterns:
    lex = lexicon()
    kinds = list(lex["kinds"])
    abbrs = sorted({a for codes in lex["kinds"].values() for a in codes}, key=len, reverse=True)
    heads = _alternation(lex["issuer_heads"])
    # The same matches as (?<![\w])(?i:<the kinds, longest first>)(?![\w]), written as one
    # alternative per kind and case of its first letter ("N(?<!\w.)(?i:ghị quyết)|n(?<!\w.)(?i:ghị
    # quyết)|..."): every alternative opens with a plain letter, so a search skips other words fast
    # (loaders.fastre) and tries only the kinds of the letter it stops at. Kinds of one letter keep
    # their order; kinds of different letters never match at one position.
    kind = r"(?:%s)(?![\w])" % "|".join(
        rf"{re.escape(variant)}(?<!\w.)(?i:{re.escape(k[1:])})"
        for k in sorted(kinds, key=len, reverse=True) for variant in case_variants(k[0])
    )
    return _Patterns(
        kind=re.compile(kind),
        kind_names={k.lower(): k for k in kinds},
        numbered=re.compile(
            rf"(?P<qual>\s+(?i:hành\s+động|công\s+tác))?"  # "Chương trình hành động số 20-CTr/TU"
            rf"(?:\s*\(?(?:{_alternation(abbrs)})\)?)?\s*(?P<so>(?i:số)\s*)?(?P<num>{_NUMBER})(?![\w])"
        ),
        more_numbers=re.compile(
            rf"\s*(?:,|;|\svà)\s*(?:(?P<so>(?i:số)\s*)(?P<num>{_NUMBER})|(?P<coded>\d+[a-zA-Z]?[-/][\w/.-]*\w))(?![\w])"
        ),
        after_number=re.compile(r"\s*,?\s*(?i:ngày)\s+\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{4}"),
        plenum_tail=re.compile(
            r"\s*,?\s*(?:của\s+)?(?i:hội\s+nghị)\s+(?:(?:(?i:lần\s+thứ)\s+)?(?:\d{1,2}|" + _ROMAN + r")\s*,?\s*"
            r"(?:của\s+)?" + _CENTRAL + r"|(?:(?:Ban\s+Chấp\s+hành|BCH)\s*)?(?:Trung\s+ương|TW|T\.Ư|TƯ)(?:\s+Đảng)?\s+"
            r"(?:(?i:lần\s+thứ)\s+)?\d{1,2})"  # "Hội nghị Trung ương 7 khóa XII"
            r"\s*,?\s*\(?\s*(?i:khóa)\s+(?P<term>" + _ROMAN + r"|\d{1,2})\s*\)?"
        ),
        plenum=re.compile(
            r"\s+(?:của\s+)?(?P<pfx>(?:(?i:hội\s+nghị)\s+)?(?:(?:Ban\s+Chấp\s+hành|BCH)\s*)?"
            r"(?:Trung\s+ương|TW|T\.Ư|TƯ)(?:\s+Đảng)?\s+(?:(?i:lần\s+thứ)\s+)?)" + _ORDS + r"(?P<mid>)" + _TERMS
        ),
        plenum_long=re.compile(
            r"\s+(?:của\s+)?(?P<pfx>(?i:hội\s+nghị)\s+(?:(?i:lần\s+thứ)\s+)?)" + _ORDS
            + r"(?P<mid>\s*,?\s*(?:của\s+)?" + _CENTRAL + r")" + _TERMS
        ),
        congress=re.compile(r"\s+" + _CONGRESS),
        congress_next=re.compile(r"\s*(?:,|\svà)\s+(?=(?i:đại\s+hội)\s)"),
        quoted=re.compile(r"\s+(?i:về)\s*(?P<q>[“\"][^”\"]{3,300}[”\"])"),
        owned=re.compile(
            rf"\s+(?P<desc>[^;:.!?()“”\"]{{1,120}}?)(?:(?P<of>\s+của\s+)(?={heads})|\s*(?:,|\svà)\s+(?={kind}))"
        ),
        of_issuer=re.compile(rf"\s*,?\s+của\s+(?={heads})"),
        issuer_head=re.compile(rf"(?:{heads})(?![\w])"),
        term=re.compile(r"\s*\(?\s*(?i:khóa)\s+(?P<term>" + _ROMAN + r"|\d{1,2})(?![\w])\s*\)?"),
        subject=re.compile(r"\s+(?i:về)\s+(?P<s>[“\"][^”\"]{3,300}[”\"]|[^,;:.!?()“”\"]{3,200})"),
        plural_before=re.compile(
            rf"(?:(?<![\w])(?i:{_alternation(lex['plural_markers'])})|\d+)\s*$"
        ),
        # "các nghị quyết, chương trình công tác của X": a plural shared by the kinds listed after it.
        plural_list_before=re.compile(
            rf"(?<![\w])(?i:{_alternation(lex['plural_markers'])})\s+{kind}(?:\s*(?:,|\svà)\s*{kind})*\s*(?:,|\svà)\s*$"
        ),
        measure_after=re.compile(rf"\s*(?i:{_alternation(lex['measure_words'])})(?![\w])"),
        list_gap=re.compile(r"\s*(?:,|\svà)?\s*$"),
        place_words=tuple(lex["place_words"]),
        group_heads=tuple(lex["group_heads"]),
        group_stops=re.compile(rf"^(?:{_alternation(lex['group_stops'])})$"),
        demonstratives=frozenset(lex["demonstratives"]),
    )


@dataclass
class _Mention:
    kind: str
    number: str | None
    name: str
    start: int
    end: int
    key: str
    issuer: str | None = None
    issuer_named: bool = False  # the issuer is written in the mention ("của ...")
    term: str | None = None
    needs_owner: bool = False  # kept only if an issuer named after it applies to it
    subject_start: int | None = None  # where its subject starts: documents cited there are read too
    evidence: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- issuers


def _province(loc: Any) -> str | None:
    return getattr(loc, "province", None) if loc is not None else None


def _district(loc: Any) -> str | None:
    return getattr(loc, "district", None) if loc is not None else None


def province_committee(province: str | None) -> str | None:
    """ "Hà Nội" -> "Thành ủy Hà Nội", "Nghệ An" -> "Tỉnh ủy Nghệ An"."""
    if not province:
        return None
    head = "Thành ủy" if geo.province_kind(province) == "thành phố" else "Tỉnh ủy"
    return f"{head} {geo.committee_place(province)}"


def district_committee(district: str | None, province: str | None) -> str | None:
    if not district:
        return None
    info = geo.district_info(district, province)
    head = {"quận": "Quận ủy", "thị xã": "Thị ủy", "thành phố": "Thành ủy"}.get(info.kind if info else "", "Huyện ủy")
    return f"{head} {district}"


def number_issuer_code(number: str | None) -> str | None:
    """The issuer code a number ends with: "05-CT/TW" -> "TW", "1234/QĐ-TTg" -> "TTg"."""
    if not number or "/" not in number:
        return None
    last = number.rsplit("/", 1)[1]
    if "-" in last:  # state form: 1234/QĐ-TTg
        last = last.rsplit("-", 1)[1]
    return last.strip(".") or None


def issuer_from_number(number: str | None, loc: Any) -> str | None:
    code = number_issuer_code(number)
    entry = lexicon()["issuer_codes"].get(code or "")
    if not entry or not entry["issuer"]:
        return None
    template: str = entry["issuer"]
    values = {
        "province_committee": province_committee(_province(loc)),
        "district_committee": district_committee(_district(loc), _province(loc)),
        "province": ("tỉnh " if geo.province_kind(_province(loc)) == "tỉnh" else "thành phố ") + _province(loc)
        if _province(loc)
        else None,
    }
    for slot, value in values.items():
        if "{" + slot + "}" in template:
            if not value:
                return None
            template = template.replace("{" + slot + "}", value)
    return template


def issuer_agrees_with_number(issuer: str, number: str | None) -> bool:
    """False when the number's code names another body ("26-HD/BTCTW" is not Bộ Chính trị's)."""
    entry = lexicon()["issuer_codes"].get(number_issuer_code(number) or "")
    if not entry:
        return True
    folded = fold(issuer)
    return any(word in folded for word in entry["compatible"])


def canonical_issuer(text: str, loc: Any) -> str:
    """Canonical name of an issuing body, locality made explicit where the article leaves no doubt."""
    try:
        from loaders.orgs import Locality, canonical_org

        if loc is not None and not isinstance(loc, Locality):
            loc = Locality(province=_province(loc), district=_district(loc))
        org = canonical_org(text, loc)
        if org is not None:
            return org.name
    except ImportError:  # organisations module not available: plain canonical form
        pass
    name = canonical(text)
    if name in ("Thành ủy", "Tỉnh ủy"):
        return province_committee(_province(loc)) or name
    if name == "Trung ương":
        return CENTRAL_COMMITTEE
    return name


_NEXT_WORD = re.compile(r" +([^\s,;:.!?()“”\"]+)")


def _read_body(text: str, pos: int) -> int:
    """End of an issuing body's name that starts at ``pos`` ("Thành ủy", "Đảng ủy Khối các cơ
    quan thành phố Hà Nội", "Ban Chỉ đạo xây dựng và thực hiện Quy chế dân chủ ở cơ sở"): its
    head, then capitalised words and place words (a steering committee's name runs on in lower
    case up to a stop word)."""
    p = patterns()
    head = p.issuer_head.match(text, pos)
    if head is None:
        return pos
    end = head.end()
    group = head.group(0) in p.group_heads
    while (word := _NEXT_WORD.match(text, end)) is not None:
        token = word.group(1)
        rest = text[word.start(1):]
        place = next((w for w in p.place_words if rest.startswith(w) and not rest[len(w):len(w) + 1].isalnum()), None)
        if place:
            end = word.start(1) + len(place)
        elif token[0].isupper() or group and not token[0].isdigit() and not p.group_stops.match(token):
            end = word.end()
        elif token in ("ủy", "bộ") and text[end - 1 : end].isalpha() and text[text.rfind(" ", 0, end) + 1].isupper():
            end = word.end()  # "Ban Thường vụ Huyện| ủy", "Ban Chấp hành Đảng| bộ tỉnh": a committee's head
        elif (bridge := _bridge(text, word)) is not None:  # "Khối Doanh nghiệp Trung ương"
            end = bridge
        else:
            break
    return end


_FUNCTION_WORDS = frozenset({"về", "của", "và", "với", "tại", "trong", "theo", "để", "cho", "đã", "là", "do", "ngày"})


def _bridge(text: str, word: re.Match[str]) -> int | None:
    """A lower-case word inside a body's name is kept when a capitalised word follows it."""
    token = word.group(1)
    if token in _FUNCTION_WORDS or not token[0].isalpha():
        return None
    following = _NEXT_WORD.match(text, word.end())
    if following is None or not following.group(1)[0].isupper():
        return None
    return word.end()


# --------------------------------------------------------------------------- mention forms


def _clean_number(number: str) -> str:
    return number.rstrip(".")


_YEAR = re.compile(r"(19|20)\d\d")


def _is_quantity(text: str, m: re.Match[str]) -> bool:
    """A bare number that counts something ("quy định 3 nội dung") or is a year."""
    number = m.group("num")
    if m.group("so") or "-" in number or "/" in number:
        return False
    if _YEAR.fullmatch(number):
        return True
    return bool(patterns().measure_after.match(text, m.end()))


def _numbered(text: str, kind: str, start: int, pos: int, loc: Any) -> list[_Mention]:
    p = patterns()
    first = p.numbered.match(text, pos)
    if first is None or _is_quantity(text, first):
        return []
    qualifier = " ".join(first.group("qual").split()) + " " if first.group("qual") else ""
    items = [(qualifier + (first.group("so") or ""), _clean_number(first.group("num")))]
    end = first.end()
    while (more := p.more_numbers.match(text, end)) is not None:
        number = more.group("num") or more.group("coded")
        items.append((more.group("so") or "", _clean_number(number)))
        end = more.end()
    if (date := p.after_number.match(text, end)) and len(items) == 1:
        end = date.end()
    issuer = term = None
    named = False
    if plenum := p.plenum_tail.match(text, end):
        issuer, term, end = CENTRAL_COMMITTEE, plenum.group("term"), plenum.end()
    if of := p.of_issuer.match(text, end):
        body_end = _read_body(text, of.end())
        if body_end > of.end():
            issuer, named = canonical_issuer(text[of.end():body_end], loc), True
            end = body_end
    if t := p.term.match(text, end):
        term, end = term or t.group("term"), t.end()
    subject = ""
    subject_start = None
    if len(items) == 1 and (s := p.subject.match(text, end)):
        subject = " về " + s.group("s").strip()
        subject_start = s.start("s")
        end = s.end()
    mentions = []
    for so, number in items:
        name = f"{kind} {so}{number}" + (f" của {issuer}" if named else "") + subject
        mention = _Mention(kind, number, canonical(name), start, end, "", issuer, named, term, subject_start=subject_start)
        if not mention.issuer:
            mention.issuer = issuer_from_number(number, loc)
        mention.key = resolution_id(kind, number, name, mention.issuer)
        mentions.append(mention)
    return mentions


def _split_list(text: str, pattern: str) -> list[str]:
    return [part for part in re.split(r"\s*(?:,|và)\s*", text.strip()) if re.fullmatch(pattern, part)]


def _plenum(text: str, kind: str, start: int, pos: int) -> list[_Mention]:
    p = patterns()
    m = p.plenum_long.match(text, pos) or p.plenum.match(text, pos)
    if m is None:
        return []
    prefix = " ".join(m.group("pfx").split())
    mid = " ".join(m.group("mid").replace(",", " ").split())
    terms = _split_list(m.group("terms") or "", rf"{_ROMAN}|\d{{1,2}}") or [None]
    mentions = []
    for ordinal in _split_list(m.group("ords"), r"\d{1,2}"):
        for term in terms:
            name = canonical(f"{kind} {prefix} {ordinal} {mid}".strip() + (f" khóa {term}" if term else ""))
            key = f"plenum|{fold(kind)}|{ordinal}|{term or ''}"
            mentions.append(_Mention(kind, None, name, start, m.end(), key, CENTRAL_COMMITTEE, True, term))
    return mentions


_BARE_PARTY_BODY = re.compile(r"Đảng bộ (tỉnh|thành phố|huyện|quận|thị xã)")


def _explicit_party_body(body: str, loc: Any) -> str:
    """ "Đảng bộ thành phố" in a Hà Nội article -> "Đảng bộ thành phố Hà Nội"."""
    bare = _BARE_PARTY_BODY.fullmatch(body)
    if not bare:
        return body
    place = _district(loc) if bare.group(1) in ("huyện", "quận", "thị xã") else _province(loc)
    return f"{body} {place}" if place else body


_WORD = re.compile(r"\S+")


def _trim_body(text: str, start: int, end: int) -> int:
    """Cut a party organisation's name at its first word that is neither capitalised nor a
    place word ("Đảng bộ TP đề ra" -> "Đảng bộ TP")."""
    place_words = patterns().place_words
    keep = start
    words = list(_WORD.finditer(text[start:end]))
    for i, w in enumerate(words):
        rest = text[start + w.start():]
        place = any(rest.startswith(pw) and not rest[len(pw):len(pw) + 1].isalnum() for pw in place_words)
        # A lower-case word between capitalised ones is inside the name ("Khối Doanh nghiệp Trung ương").
        inside = (i + 1 < len(words) and words[i + 1].group(0)[0].isupper() and w.group(0) not in _FUNCTION_WORDS
                  and w.group(0)[0].isalpha())
        if i < 2 or w.group(0)[0].isupper() or place or inside or w.group(0) in ("phố", "xã", "cơ", "quan", "ương"):
            keep = start + w.end()
        else:
            break
    return keep


def _congress_at(text: str, pos: int, loc: Any) -> tuple[str, str, str, int] | None:
    """(congress phrase, ordinal, party body, end) of "Đại hội ... XIII ..." at ``pos``; the
    phrase is the text's wording with a bare "Đảng bộ thành phố" made explicit."""
    m = patterns().congress.match(text, pos)
    if m is None:
        return None
    ordinal = m.group("ord1") or m.group("ord2")
    group = "body1" if m.group("ord1") else "body2"
    b_start, b_end = m.span(group)
    if b_start < 0:  # "Đại hội XIII": the Party's own congress
        return canonical(text[m.start("cong"):m.end("ord1")]), ordinal, "Đảng", m.end("ord1")
    b_start += len(text[b_start:b_end]) - len(text[b_start:b_end].lstrip())
    if text.startswith("của", b_start):  # "Đại hội XIII của Đảng"
        body, end = "Đảng", b_end
        phrase = canonical(text[m.start("cong"):b_end])
    else:
        trimmed = _trim_body(text, b_start, b_end)
        body = _explicit_party_body(canonical(text[b_start:trimmed]), loc)
        known = canonical_issuer(body, loc)
        body = known if known.startswith("Đảng bộ") else body
        end = trimmed if group == "body1" else m.end("ord2")
        after = canonical(text[trimmed:end]) if group == "body2" else ""
        phrase = f"{canonical(text[m.start('cong'):b_start])} {body} {after}"
    if m.group("period") and end == m.start("period"):
        end = m.end("period")
        phrase += " " + canonical(m.group("period").strip(" ,"))
    return " ".join(phrase.split()), ordinal, body, end


_TERM_SUFFIX = re.compile(r"\s*,?\s*\(?nhiệm kỳ.*$")


def _congress(text: str, kind: str, start: int, pos: int, loc: Any) -> list[_Mention]:
    mentions = []
    while (found := _congress_at(text, pos, loc)) is not None:
        phrase, ordinal, body, end = found
        issuer = _TERM_SUFFIX.sub("", phrase)
        key = f"congress|{fold(kind)}|{ordinal}|{fold(body)}"
        mentions.append(_Mention(kind, None, f"{kind} {phrase}", start, end, key, issuer, True))
        nxt = patterns().congress_next.match(text, end)
        if nxt is None:
            break
        pos = nxt.end() - 1  # the congress pattern starts with a space
        while pos > 0 and not text[pos].isspace():
            pos -= 1
    return mentions


def _is_plural(text: str, start: int) -> bool:
    p = patterns()
    if p.plural_before.search(text[max(0, start - 12):start]):
        return True
    before = text[max(0, start - 60):start].rstrip()
    return before.endswith((",", " và")) and bool(p.plural_list_before.search(text[max(0, start - 60):start]))


def _quoted(text: str, kind: str, start: int, pos: int) -> list[_Mention]:
    m = patterns().quoted.match(text, pos)
    if m is None or _is_plural(text, start):
        return []
    name = canonical(f"{kind} về {m.group('q')}")
    return [_Mention(kind, None, name, start, m.end(), f"quoted|{fold(kind)}|{fold(m.group('q'))}")]


def _descriptor_ok(desc: str) -> bool:
    """A title, subject or period: lower-case words, digits and at most two commas; not a
    pointer back ("này"), not another document or a generic phrase."""
    p = patterns()
    words = desc.replace(",", " ").split()
    if not 1 <= len(words) <= 12 or desc.count(",") > 2:
        return False
    if words[0] in p.demonstratives or " ".join(words[:2]) in p.demonstratives:
        return False
    if "của" in words or "các" in words or "những" in words:
        return False
    if p.kind.search(desc):
        return False
    return all(w[0].islower() or w[0].isdigit() for w in words)


def _owned(text: str, kind: str, start: int, pos: int, loc: Any) -> list[_Mention]:
    p = patterns()
    m = p.owned.match(text, pos)
    if m is None or _is_plural(text, start):
        return []
    desc = " ".join(m.group("desc").split())
    if not _descriptor_ok(desc):
        return []
    if m.group("of") is None:  # "chương trình ... và kế hoạch ... của X": owner comes later
        name = f"{kind} {desc}"
        return [_Mention(kind, None, name, start, m.end("desc"), "", needs_owner=True)]
    body_start = m.end()
    body_end = _read_body(text, body_start)
    issuer = canonical_issuer(text[body_start:body_end], loc)
    name = canonical(f"{kind} {desc} của {issuer}")
    return [_Mention(kind, None, name, start, body_end, "", issuer, True)]


# --------------------------------------------------------------------------- sentences


@lru_cache(maxsize=1)
def _kind_keys() -> tuple[str, ...]:
    return tuple(k.lower() for k in lexicon()["kinds"])


def _kind_starts(lowered: str) -> list[int]:
    """Where ``lowered`` (lower-cased text) holds a kind, in order."""
    starts = []
    for key in _kind_keys():
        at = lowered.find(key)
        while at >= 0:
            starts.append(at)
            at = lowered.find(key, at + 1)
    return sorted(starts)


def _kinds_at(text: str, starts: list[int]) -> list[re.Match[str]]:
    """The kind pattern's matches in ``text`` at ``starts`` (in order), none overlapping the one
    before, as finditer's: a place inside the last match ("quyết" in "Nghị quyết định") is skipped."""
    kind = patterns().kind
    matches: list[re.Match[str]] = []
    end = 0
    for at in starts:
        if at >= end and (m := kind.match(text, at)) is not None:
            matches.append(m)
            end = m.end()
    return matches


def _kind_matches(text: str, lowered: str) -> list[re.Match[str]]:
    """What ``patterns().kind.finditer(text)`` gives, the pattern tried only where ``lowered``
    (``text.lower()``) holds a kind: str.find skips to those few places, where the pattern's
    search stops at every "c", "h", "k", "n", "q", "đ" of the sentence. Every match is found: each
    letter the case-insensitive pattern equates with a kind's letter lower-cases to it (a test
    checks every character)."""
    if len(lowered) != len(text):  # lower-casing moved the offsets ("İ" -> "i̇"): the slow way
        return list(patterns().kind.finditer(text))
    return _kinds_at(text, _kind_starts(lowered))


def _kinds_per_sentence(sentences: list[str]) -> list[list[re.Match[str]]]:
    """``_kind_matches`` of each sentence, the kinds looked for once in the whole article (its
    sentences joined by a line break, which no kind holds, so each place found lies in one
    sentence): nine searches of the article instead of nine of every sentence."""
    joined = "\n".join(sentences)
    lowered = joined.lower()
    if len(lowered) != len(joined):  # lower-casing moved the offsets: sentence by sentence
        return [_kind_matches(s, s.lower()) for s in sentences]
    sentence_starts = []
    offset = 0
    for s in sentences:
        sentence_starts.append(offset)
        offset += len(s) + 1
    starts: list[list[int]] = [[] for _ in sentences]
    for at in _kind_starts(lowered):
        i = bisect_right(sentence_starts, at) - 1
        starts[i].append(at - sentence_starts[i])
    return [_kinds_at(s, found) if found else [] for s, found in zip(sentences, starts)]


def _mentions_in(sentence: str, loc: Any, kinds: list[re.Match[str]] | None = None) -> list[_Mention]:
    """The documents ``sentence`` cites; ``kinds``: its ``_kind_matches`` when already known."""
    p = patterns()
    if kinds is None:
        kinds = _kind_matches(sentence, sentence.lower())
    if not kinds:  # most sentences cite nothing: skip the normalisation
        return []
    # clean_text remembers what it cleaned, and find_persons has cleaned every sentence: a lookup.
    text = clean_text(sentence)
    # A sentence that cleaning leaves as it is has the kinds already found.
    found: list[_Mention] = []
    done = 0
    for m in kinds if text == sentence else _kind_matches(text, text.lower()):
        if m.start() < done:
            continue
        kind = p.kind_names.get(m.group(0).lower()) or p.kind_names[canonical(m.group(0)).lower()]
        start, pos = m.start(), m.end()
        mentions = (
            _numbered(text, kind, start, pos, loc)
            or _plenum(text, kind, start, pos)
            or _congress(text, kind, start, pos, loc)
            or _quoted(text, kind, start, pos)
            or _owned(text, kind, start, pos, loc)
        )
        if mentions:
            found += mentions
            # "Kế hoạch số 45 về thực hiện Kết luận 21-KL/TW ...": the subject cites another document.
            done = max(x.subject_start if x.subject_start is not None else x.end for x in mentions)
    _share_issuers(text, found, loc)
    if "ban hành" in text or "thông qua" in text:
        _issuers_from_subject(text, found, loc)
    return [x for x in found if not x.needs_owner]


_LAST_WORD = re.compile(r"\S+\s*$")
_ISSUED_BY_SUBJECT = re.compile(
    r"(?:(?:cũng|vừa|đã|mới)\s+)*(?:(?:ký\s+)?ban\s+hành|thông\s+qua(?:\s+dự\s+thảo)?)\s+$")


def _issuers_from_subject(text: str, mentions: list[_Mention], loc: Any) -> None:
    """"Ban Thường vụ Tỉnh ủy X (đã) ban hành Quyết định số 215-QĐ/TU": the body that issues
    the document is the clause's subject, more precise than the number's code."""
    from loaders.orgs import Locality, find_organizations

    for m in mentions:
        if m.issuer_named:
            continue
        verb = _ISSUED_BY_SUBJECT.search(text, 0, m.start)
        if verb is None:
            continue
        clause_start = max(text.rfind(sep, 0, verb.start()) for sep in (";", ":", ". ")) + 1
        clause = text[clause_start : verb.start()]
        if not isinstance(loc, Locality):
            loc = Locality(province=_province(loc), district=_district(loc))
        bodies = find_organizations(clause, loc)
        if not bodies:
            continue
        body, written = bodies[-1]
        if not clause.rstrip().endswith(written.split()[-1]) and not _LAST_WORD.search(clause[clause.rfind(written.split()[-1]):]):
            continue
        if m.number and not issuer_agrees_with_number(body.name, m.number):
            continue
        m.issuer = body.name


def _share_issuers(text: str, mentions: list[_Mention], loc: Any) -> None:
    """ "Nghị quyết 15, Chỉ thị 15 của Thành ủy": an issuer written after a list applies to
    the items before it, unless an item's number names another body."""
    p = patterns()
    for i in range(len(mentions) - 2, -1, -1):
        this, nxt = mentions[i], mentions[i + 1]
        if this.issuer_named or not nxt.issuer_named or not nxt.issuer:
            continue
        if this.end > nxt.start or not p.list_gap.match(text[this.end:nxt.start]):
            continue
        if this.number and not issuer_agrees_with_number(nxt.issuer, this.number):
            if this.needs_owner:
                continue
            this.issuer = issuer_from_number(this.number, loc)
            continue
        this.issuer, this.issuer_named = nxt.issuer, True
        if this.needs_owner:
            this.name = canonical(f"{this.name} của {nxt.issuer}")
            this.needs_owner = False
        elif this.number:
            this.name = canonical(f"{this.name} của {nxt.issuer}")
            this.key = resolution_id(this.kind, this.number, this.name, this.issuer)


def _identity(m: _Mention) -> str:
    return m.key or f"name|{fold(m.kind)}|{' '.join(sorted(fold(m.name).split()))}"


def find_resolutions(sentences: list[str], loc: Any = None, published: str | None = None) -> list[Resolution]:
    """The distinct documents the sentences cite, each with the sentences that cite it.

    ``loc`` is the article's locality (anything with ``province`` and ``district``), used to make
    "Thành ủy" and "/TU" explicit; ``published`` is accepted for symmetry with the other finders.
    """
    by_identity: dict[str, Resolution] = {}
    for sentence, kinds in zip(sentences, _kinds_per_sentence(sentences)):
        if not kinds:
            continue  # no document cited
        for m in _mentions_in(sentence, loc, kinds):
            key = _identity(m)
            known = by_identity.get(key)
            if known is None:
                by_identity[key] = Resolution(m.kind, m.number, m.name, m.issuer, m.term, [sentence])
                continue
            if m.number and known.number and len(m.number) > len(known.number):
                known.number = m.number  # the fuller form: "05-CT/TW" over "05"
            known.issuer = known.issuer or m.issuer
            known.term = known.term or m.term
            if sentence not in known.evidence:
                known.evidence.append(sentence)
    return _merge_bare_numbers(list(by_identity.values()))


def _merge_bare_numbers(found: list[Resolution]) -> list[Resolution]:
    """ "Nghị quyết 32 của Bộ Chính trị" ... "Nghị quyết 32": within one article a number cited
    again without its issuer is the same document."""
    kept: list[Resolution] = []
    for r in sorted(found, key=lambda r: r.issuer is None):
        same = None
        if r.number and r.issuer is None:
            head = _number_head(r.number)
            same = next((k for k in kept if k.kind == r.kind and k.number and _number_head(k.number) == head), None)
        if same is None:
            kept.append(r)
        else:
            same.evidence += [e for e in r.evidence if e not in same.evidence]
    order = {id(r): i for i, r in enumerate(found)}
    return sorted(kept, key=lambda r: order[id(r)])


_DIGITS = re.compile(r"\d+")


def _number_head(number: str) -> str:
    m = _DIGITS.match(number)
    return m.group(0).lstrip("0") if m else number
