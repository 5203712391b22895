"""Titles: split a title phrase into offices (role + organisation) and find where titles and names start.

"Ủy viên Ban Thường vụ, Trưởng ban Tổ chức Huyện ủy" is two offices that share an organisation;
"UVTW, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Quảng Ngãi" is three, and the province named at the end
applies to the bare "Tỉnh ủy". Roles come from ``loaders/data/roles.json``; organisations from
``loaders.orgs``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from loaders import geo
from loaders.orgs import LazyPattern, Locality, _case_key, _Parsed, _surnames, normalise_org_text, parse_org
from loaders.records import Title
from loaders.textnorm import canonical, clean_text, fold

_DATA = Path(__file__).parent / "data"
_LETTER = r"0-9A-Za-zÀ-ỹĐđ"


@dataclass(frozen=True)
class _Role:
    role: str
    kind: str
    org_prefix: str | None = None
    org: str | None = None


@lru_cache(maxsize=1)
def _roles() -> dict:
    data = json.loads((_DATA / "roles.json").read_text(encoding="utf-8"))
    roles = [_Role(r["role"], r["kind"], r.get("org_prefix"), r.get("org")) for r in data["roles"]]
    roles.sort(key=lambda r: len(r.role), reverse=True)
    by_fold = {fold(r.role): r for r in roles}
    members = data["committee_member"]
    words = [r.role for r in roles] + list(members) + list(data["fixed_orgs"])
    alternation = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(set(words), key=len, reverse=True))
    modifiers = "|".join(map(re.escape, data["modifiers"]))
    abbreviations = r"UVBCT|UVTW|UVTƯ|UVT\.Ư|UVBTV|ĐBQH|TVTU|UV|" + "|".join(map(re.escape, data.get("rewrites", {})))
    start = re.compile(
        rf"(?<![{_LETTER}])(?:(?:{modifiers})\s+)?(?i:{alternation}|{abbreviations})(?![{_LETTER}])"
    )
    role_re = re.compile(rf"(?:(?P<mod>{modifiers})\s+)?(?P<role>(?i:{alternation}))(?![{_LETTER}])")
    # The letters ``start`` can begin with, matched the same way (modifiers as written, the rest in
    # any case): the word where a title starts is one of these.
    opening = [*words, "UVBCT", "UVTW", "UVTƯ", "UVT.Ư", "UVBTV", "ĐBQH", "TVTU", "UV", *data.get("rewrites", {})]
    first_word = re.compile(
        "(?:%s)|(?i:%s)" % ("|".join(sorted({re.escape(_leading_letters(m)) for m in data["modifiers"]})),
                            "|".join(sorted({re.escape(_leading_letters(w)) for w in opening})))
    )
    return {"roles": roles, "by_fold": by_fold, "members": members, "fixed": data["fixed_orgs"],
            "rewrites": data.get("rewrites", {}),
            "start": start, "role_re": role_re, "first_word": first_word}


_LETTERS = re.compile(rf"[{_LETTER}]*")


def _leading_letters(text: str, pos: int = 0) -> str:
    return _LETTERS.match(text, pos).group(0)


def _title_start() -> re.Pattern[str]:
    return _roles()["start"]


# A compiled regex matching a role word where a title begins (built from roles.json).
TITLE_START: re.Pattern[str] = _title_start()


def title_prefix_len(text: str) -> int:
    """Length of the role word(s) a title starts with, 0 when ``text`` does not start with a title."""
    m = TITLE_START.match(text.lstrip())
    return m.end() + (len(text) - len(text.lstrip())) if m else 0


def is_title_start(text: str) -> bool:
    return title_prefix_len(text) > 0


def title_starts_at(text: str, pos: int = 0) -> bool:
    """Whether ``TITLE_START`` matches at ``pos``. The word there is looked at first: most words
    (names, places, verbs) open no title, and that check is a cached lookup."""
    return _may_open_title(_leading_letters(text, pos)) and TITLE_START.match(text, pos) is not None


@lru_cache(maxsize=65536)
def _may_open_title(word: str) -> bool:
    return _roles()["first_word"].fullmatch(word) is not None


# --- splitting ----------------------------------------------------------------------------------

_SEPARATORS = re.compile(rf"\s*[,;]\s*|\s+-\s+|(?<=[{geo.LOWER}])-(?=[{geo.UPPER}])|\s+kiêm\s+")


@lru_cache(maxsize=65536)
def _pieces(text: str) -> tuple[str, ...]:
    """Split on commas/semicolons/dashes/"kiêm", re-joining pieces that do not open with a role
    ("Bộ Văn hóa, Thể thao và Du lịch"; "Nghị quyết 15, Chỉ thị 15 của Thành ủy").

    Cached (pure in ``text``): archives repeat the same title phrases constantly."""
    raw: list[str] = []
    pos = 0
    for m in _SEPARATORS.finditer(text):
        raw.append((text[pos : m.start()], m.group(0)))
        pos = m.end()
    raw.append((text[pos:], ""))
    pieces: list[str] = []
    pending_sep = " "
    for chunk, sep in raw:
        chunk_stripped = chunk.strip()
        if not chunk_stripped:
            continue
        if pieces and not is_title_start(chunk_stripped):
            pieces[-1] = pieces[-1] + pending_sep + chunk_stripped
        else:
            pieces.append(chunk_stripped)
        pending_sep = ", " if sep.strip() == "," else ("; " if sep.strip() == ";" else " ")
    return tuple(pieces)


@dataclass
class _Office:
    modifier: str | None
    role: _Role | None
    role_text: str
    rest: str  # normalised remainder after the role
    original: str
    parsed: _Parsed | None = None
    partial: _Parsed | None = None  # a bare unit ("Ban Thường vụ") waiting for its committee
    fixed_org: str | None = None


@lru_cache(maxsize=1)
def _title_recase() -> list[tuple[LazyPattern, str]]:
    """Body names re-cased inside a title, where a lower-case "huyện ủy" is still the body itself."""
    kinds = json.loads((_DATA / "org_kinds.json").read_text(encoding="utf-8"))
    phrases = [c["head"] for c in kinds["committees"]] + [u["name"] for u in kinds["units"] if " " in u["name"]]
    phrases += [s["name"] for s in kinds["state_bodies"]] + ["Đảng ủy", "Đảng bộ"]
    phrases.sort(key=len, reverse=True)
    space = r"\s+"
    return [(LazyPattern(rf"(?<![{_LETTER}])(?i:{space.join(map(re.escape, p.split()))})(?![{_LETTER}])"), p) for p in phrases]


@lru_cache(maxsize=1)
def _title_recase_keys() -> list[tuple[LazyPattern, str, str]]:
    # Each pattern matches only where the text's case key contains the phrase's (see orgs._case_key).
    return [(pattern, phrase, _case_key(phrase)) for pattern, phrase in _title_recase()]


def _recase(text: str) -> str:
    key = _case_key(text)  # re-casing keeps the key, so one is enough
    for pattern, phrase, phrase_key in _title_recase_keys():
        if phrase_key in key:
            text = pattern.sub(phrase, text)
    return text


@lru_cache(maxsize=1)
def _folded_lexicon() -> dict[str, list[tuple[str, str, str]]]:
    """(written, folded written, replacement) for the rewrites, member ranks and fixed offices,
    folded once instead of on every piece."""
    r = _roles()
    return {part: [(written, fold(written), value) for written, value in r[part].items()]
            for part in ("rewrites", "members", "fixed")}


def _read_office(piece: str) -> _Office:
    """The role and the rest of one office; a fresh object, as ``_resolve_org`` fills it in."""
    modifier, role, role_text, rest, fixed_org = _office_reading(piece)
    return _Office(modifier, role, role_text, rest, piece, fixed_org=fixed_org)


@lru_cache(maxsize=65536)
def _office_reading(piece: str) -> tuple[str | None, _Role | None, str, str, str | None]:
    """(modifier, role, role text, rest, fixed organisation) of one office as written. Pure in
    ``piece`` and cached: the same offices ("Phó Bí thư Huyện ủy") recur in every article."""
    office = _read_office_uncached(piece)
    return office.modifier, office.role, office.role_text, office.rest, office.fixed_org


def _read_office_uncached(piece: str) -> _Office:
    r = _roles()
    lexicon = _folded_lexicon()
    norm = _recase(normalise_org_text(piece))
    norm_key = fold(norm)  # refolded only when a rewrite changes ``norm``
    for written, written_key, full in lexicon["rewrites"]:
        if norm_key.startswith(written_key):
            norm = full + norm[len(written):]
            norm_key = fold(norm)
    for written, written_key, committee in lexicon["members"]:
        if norm_key.startswith(written_key):
            # "Tỉnh ủy viên" = "Ủy viên Tỉnh ủy"
            rest = committee + norm[len(written):]
            role = r["by_fold"][fold("Ủy viên")]
            return _Office(None, role, "Ủy viên", rest.strip(), piece)
    for written, written_key, org in lexicon["fixed"]:
        if norm_key == written_key:
            role = r["by_fold"][fold("Bí thư")]
            return _Office(None, role, written, "", piece, fixed_org=org)
    m = r["role_re"].match(norm)
    if not m:
        return _Office(None, None, "", norm, piece)
    role = r["by_fold"].get(fold(m.group("role")))
    modifier = m.group("mod")
    return _Office(modifier.lower() if modifier else None, role, role.role if role else m.group("role"),
                   norm[m.end():].strip(" ,;"), piece)


def _resolve_org(office: _Office, loc: Locality) -> None:
    role = office.role
    rest = office.rest
    if office.fixed_org:
        office.parsed = parse_org(office.fixed_org, loc)
        return
    if not rest:
        if role and role.org:
            office.parsed = parse_org(role.org, loc)
        return
    rest = rest[:1].upper() + rest[1:]  # "Bí thư huyện ủy": a title's body is never generic
    candidates = [rest]
    if role and role.org_prefix:
        candidates.insert(0, f"{role.org_prefix} {rest}")
    if role and role.org and not rest.lower().startswith(role.org.lower()):
        candidates.append(f"{role.org} {rest}")
    for cand in candidates:
        parsed = parse_org(cand, loc)
        if parsed is not None:
            office.parsed = parsed
            return
    # A unit without its committee ("Ban Thường vụ"): filled from a neighbouring office.
    from loaders.orgs import _Parser

    for cand in candidates:
        norm = normalise_org_text(cand)
        partial = _Parser(norm, loc, whole=True).parse(0)
        if partial is not None and not partial.complete and partial.end >= len(norm.rstrip()):
            office.partial = partial
            return


def _committee_of(parsed: _Parsed) -> _Parsed | None:
    """The body a unit belongs to ("Ban Tổ chức Huyện ủy Chương Mỹ" -> "Huyện ủy Chương Mỹ")."""
    node = parsed
    while node.base is not None:
        node = node.base
    return node if node is not parsed or parsed.unit is None else None


def _places_named(text: str, province: str | None) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """The provinces and (district, province) pairs a title phrase names.

    ``province`` only settles a district name that several provinces share, so a phrase is read
    once for every province ("Chủ tịch UBND tỉnh", "huyện Chương Mỹ"), and again with
    ``province`` only when it names such a district."""
    provinces, districts, shared_district = _places_named_anywhere(text)
    if shared_district and province is not None:
        return _places_named_preferring(text, province)
    return provinces, districts


@lru_cache(maxsize=65536)
def _places_named_anywhere(text: str) -> tuple[frozenset[str], frozenset[tuple[str, str]], bool]:
    """``_places_named(text, None)``, and whether ``text`` names a district that several
    provinces share (left without a province: geo.find_places can settle it only with a
    preferred province, and that is all the preferred province changes)."""
    places = geo.find_places(canonical(text), None)
    provinces = frozenset(p.province for p in places if p.level == "province" and p.province)
    districts = frozenset((p.name, p.province) for p in places if p.level == "district" and p.province)
    shared_district = any(p.level == "district" and not p.province for p in places)
    return provinces, districts, shared_district


@lru_cache(maxsize=65536)
def _places_named_preferring(text: str, province: str | None) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """The provinces and (district, province) pairs a title phrase names, ``province`` settling
    shared district names. Cached: the same phrases recur across an archive's articles about
    one province."""
    places = geo.find_places(canonical(text), province)
    provinces = frozenset(p.province for p in places if p.level == "province" and p.province)
    districts = frozenset((p.name, p.province) for p in places if p.level == "district" and p.province)
    return provinces, districts


def _places_named_in_pieces(text: str, pieces: tuple[str, ...], province: str | None) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """``_places_named(text, province)`` read piece by piece when ``text`` is its pieces joined
    by ", " (the common chain "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Quảng Ngãi"): the pieces
    recur across articles where the whole chain does not.

    The same places: no place, run of capitalised words, abbreviation or kind word before a
    place reaches across a comma, and ", " reads as the start or end of a text does to them."""
    if len(pieces) < 2 or ", ".join(pieces) != text:
        return _places_named(text, province)
    provinces: frozenset[str] = frozenset()
    districts: frozenset[tuple[str, str]] = frozenset()
    for piece in pieces:
        piece_provinces, piece_districts = _places_named(piece, province)
        provinces |= piece_provinces
        districts |= piece_districts
    return provinces, districts


def _title_locality(text: str, loc: Locality, pieces: tuple[str, ...] | None = None) -> Locality:
    """The province (and district) a title list names itself wins over the article's."""
    if pieces is None:
        provinces, districts = _places_named(text, loc.province)
    else:
        provinces, districts = _places_named_in_pieces(text, pieces, loc.province)
    if len(provinces) == 1 and not districts:
        [province] = provinces
        if geo.province_info(province) != geo.province_info(loc.province):
            return Locality(province, None, loc.published, loc.known)
    if len(districts) == 1 and not provinces:
        [(name, province)] = districts
        if name != loc.district:
            return Locality(province, name, loc.published, loc.known)
    return loc


def split_titles(text: str, loc: Locality | None = None, evidence: str = "", keep_ranks: bool = False) -> list[Title]:
    """One Title per office in a title phrase as written, with the organisation made explicit."""
    loc = loc or Locality()
    text = clean_text(text).strip(" ,;.:-")
    if not text:
        return []
    pieces = _pieces(text)
    local = _title_locality(text, loc, pieces)
    offices = [_read_office(p) for p in pieces]
    for office in offices:
        _resolve_org(office, local)
    # Share organisations: "Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Huyện ủy".
    for i, office in enumerate(offices):
        if office.partial is None:
            continue
        neighbours = offices[i + 1 :] + offices[:i][::-1]
        for other in neighbours:
            if other.parsed is None:
                continue
            committee = _committee_of(other.parsed) or (other.parsed if other.parsed.kind == "party committee" else None)
            if committee is not None and committee.name:
                office.parsed = parse_org(f"{office.partial.name} {committee.name}", local)
                break
    titles: list[Title] = []
    for office in offices:
        if office.role is None and not office.rest:
            continue
        if office.role is not None and office.role.kind in ("rank", "honorific") and not keep_ranks:
            continue
        titles.append(_to_title(office, evidence))
    return titles


def _same_org(parsed: _Parsed | None, org: _Parsed) -> bool:
    return parsed is not None and parsed.name == org.name


def _to_title(office: _Office, evidence: str) -> Title:
    role_text = office.role_text if office.role else ""
    prefix = f"{office.modifier} " if office.modifier else ""
    org = office.parsed
    if org is None or not office.rest:
        body = office.rest
    elif org.level == "central" and office.rest and fold(office.rest) and _same_org(parse_org(office.rest), org):
        body = office.rest  # keep the article's wording of a central body ("Trung ương Đảng")
    else:
        body = org.name
    if office.fixed_org:
        body = ""
    # "Trưởng Ban" + "Ban Tổ chức ..." -> "Trưởng Ban Tổ chức ..."
    role_words = [w.lower() for w in role_text.split()]
    body_words = body.split()
    body_start = [w.lower() for w in body_words[: len(role_words)]]
    for k in range(len(body_start), 0, -1):
        if role_words[-k:] == body_start[:k]:
            body = " ".join(body_words[k:])
            break
    text = " ".join(w for w in (prefix + role_text, body) if w).strip()
    return Title(text=text, role=office.role.role if office.role else "", org=org.name if org else None,
                 original=office.original, evidence=evidence)


# --- titles and names ---------------------------------------------------------------------------

_CAP_WORD = re.compile(rf"[{geo.UPPER}](?:['’][{geo.UPPER}])?[{geo.LOWER}]*")


def split_title_and_name(text: str) -> tuple[str, str | None]:
    """("Trưởng Ban Tổ chức Thành ủy", "Vũ Đức Bảo") from "Trưởng Ban Tổ chức Thành ủy Vũ Đức Bảo":
    the name is the trailing 2-4 capitalised syllables starting with a family name."""
    stripped = text.strip(" ,;:")
    words = stripped.split()
    surnames = _surnames()
    # The trailing run of capitalised words.
    run_start = len(words)
    while run_start > 0 and _CAP_WORD.fullmatch(words[run_start - 1]):
        run_start -= 1
    run = words[run_start:]
    best = None
    for i, word in enumerate(run):
        size = len(run) - i
        if word in surnames and 2 <= size <= 4:
            before = run[:i]
            # Prefer the split where what precedes is a place or committee word, not half a name.
            if not before or geo.find_places(" ".join(before)) or fold(before[-1]) in ("uy", "vien"):
                best = i
                break
            if best is None:
                best = i
    if best is None:
        return stripped, None
    cut = run_start + best
    title = " ".join(words[:cut]).strip(" ,;:")
    name = " ".join(words[cut:])
    return title, name


@lru_cache(maxsize=65536)  # asked for every capitalised run a surname does not open; runs repeat
def looks_like_org_or_place(text: str) -> bool:
    from loaders.orgs import looks_like_org_or_place as _impl

    return _impl(text)
