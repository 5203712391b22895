"""Synthetic corpus: party-news articles in the genre's style, with their gold facts beside them.

Articles are written from the project's own templates (``bench/templates/*.json``) and
lexicons; places come from ``vietnamadminunits`` (all 63 provinces before the 2025
reorganisation with their districts, all 34 after it with their communes). Each article is a
pure function of ``(seed, index)``, so a corpus is deterministic, can be generated in any order
and never has to be held in memory: 100,000 articles stream to disk one at a time.

    python -m bench.generate --n 1000 --seed 7 --out /tmp/corpus

writes ``000000.txt`` + ``000000.gold.json`` ... in the gold format of
``shared/corpus/README.md``, so ``partykg evaluate /tmp/corpus`` scores the extractor at scale.

Office holders are drawn from a roster that is fixed per (place, term, office), so the same
official shows up across many articles of a province, as in a real archive.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from loaders.textnorm import canonical, clean_text

TEMPLATES = Path(__file__).with_name("templates")
ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
         "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV"]
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
REORGANISATION = dt.date(2025, 7, 1)  # 34 provinces, no districts from this date
FIRST_DAY, LAST_DAY = dt.date(2015, 1, 5), dt.date(2026, 6, 28)


@lru_cache(maxsize=None)
def template(name: str) -> dict[str, Any]:
    return json.loads((TEMPLATES / f"{name}.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- places


@dataclass(frozen=True)
class Place:
    """A unit with a party committee: the centre, a province, a district or a commune."""

    level: str  # central | province | district | commune
    name: str  # "Nam Định", "Chương Mỹ"; "" for the centre
    committee: str  # "Tỉnh ủy", "Huyện ủy", "Đảng ủy xã"
    unit: str  # "tỉnh", "huyện", "xã"
    up: Place | None = None

    @property
    def key(self) -> str:
        return f"{self.up.key if self.up else ''}/{self.level}:{self.name}"

    def cu(self, short: bool = False) -> str:
        return self.committee if short else f"{self.committee} {self.name}"

    def adm(self, short: bool = False) -> str:
        return self.unit if short else f"{self.unit} {self.name}"


CENTRE = Place("central", "", "", "")


@lru_cache(maxsize=None)
def _admin_data(module_file: str) -> dict[str, Any]:
    import vietnamadminunits

    return json.loads((Path(vietnamadminunits.__file__).parent / "data" / module_file).read_text(encoding="utf-8"))


def _place(level: str, short: str, unit_type: str, up: Place | None) -> Place:
    committee, unit = template("positions")["committee_words"][unit_type]
    return Place(level, short, committee, unit, up)


@lru_cache(maxsize=None)
def provinces(era: str) -> tuple[Place, ...]:
    data = _admin_data("parser_legacy.json" if era == "legacy" else "parser_from_2025.json")["DICT_PROVINCE"]
    out = []
    for p in data.values():
        unit_type = "Thành phố" if p["province"].startswith("Thành phố") else "Tỉnh"
        out.append(_place("province", p["provinceShort"], unit_type, CENTRE))
    return tuple(out)


@lru_cache(maxsize=None)
def _province_keys(era: str) -> dict[str, str]:
    data = _admin_data("parser_legacy.json" if era == "legacy" else "parser_from_2025.json")["DICT_PROVINCE"]
    return {p["provinceShort"]: k for k, p in data.items()}


@lru_cache(maxsize=None)
def districts(province: Place) -> tuple[Place, ...]:
    """Districts of a province before the 2025 reorganisation."""
    key = _province_keys("legacy")[province.name]
    data = _admin_data("parser_legacy.json")["DICT_PROVINCE_DISTRICT"].get(key, {})
    return tuple(_place("district", d["districtShort"], d["districtType"], province)
                 for d in data.values() if d["districtType"] in ("Huyện", "Quận", "Thị xã", "Thành phố"))


@lru_cache(maxsize=None)
def communes(province: Place) -> tuple[Place, ...]:
    """Communes and wards of a province after the 2025 reorganisation."""
    key = _province_keys("new")[province.name]
    data = _admin_data("parser_from_2025.json")["DICT_PROVINCE_WARD_NO_ACCENTED"].get(key, {})
    return tuple(_place("commune", w["wardShort"], w["wardType"], province)
                 for w in data.values() if w["wardType"] in ("Xã", "Phường", "Đặc khu"))


def place_name(place: Place, short: bool = False) -> str:
    """Name of the unit in running text; "thành phố Hồ Chí Minh" keeps its unit word."""
    override = template("positions")["place_overrides"].get(place.name)
    return override if override and not short else place.name


def cu_name(place: Place, short: bool = False) -> str:
    if short:
        return place.committee
    override = template("positions")["place_overrides"].get(place.name)
    return f"{place.committee} {override or place.name}"


def adm_name(place: Place, short: bool = False) -> str:
    if short:
        return place.unit
    override = template("positions")["place_overrides"].get(place.name)
    return override if override else f"{place.unit} {place.name}"


# --------------------------------------------------------------------------- organisations and offices


@dataclass(frozen=True)
class Org:
    name: str
    parent: Org | None
    central: bool


def era_of(day: dt.date) -> str:
    return "new" if day >= REORGANISATION else "legacy"


@lru_cache(maxsize=100000)
def org(key: str, place: Place, era: str) -> Org | None:
    """The organisation ``key`` ("btc", "up.cu", "central.bct") at ``place``; None if it does not exist."""
    orgs = template("positions")["orgs"]
    if key.startswith("central."):
        spec = orgs["central"][key[8:]]
        if spec.get("era", era) != era:
            return None
        parent = org(spec["parent"], place, era) if spec["parent"] else None
        return Org(spec["name"], parent, True)
    if key.startswith("up."):
        up = place.up
        if up is None:
            return None
        if up.level == "central":  # a province's committee answers to the Central Committee
            return org("central.bchtw", up, era) if key == "up.cu" else None
        return org(key[3:], up, era)
    if place.level == "central":
        return org("central." + key, place, era) if key in orgs["central"] else None
    spec = orgs["local"].get(key)
    if spec is None or spec.get("era", era) != era or place.level not in spec.get("levels", [place.level]):
        return None
    name = spec["name"].replace("{CU}", cu_name(place)).replace("{ADM}", adm_name(place))
    parent = org(spec["parent"], place, era) if spec["parent"] else None
    return Org(name, parent, False)


@dataclass(frozen=True)
class Office:
    role: str  # key in positions.json "roles"
    place: Place

    def spec(self) -> dict[str, Any]:
        return template("positions")["roles"][self.role]

    def title(self) -> str:
        return fill_place(self.spec()["title"], self.place, short=False)

    def surface(self, rng: random.Random, short: bool) -> str:
        spec = self.spec()
        options = list(spec["surfaces"]) + (list(spec.get("short_surfaces", [])) if short else [])
        return fill_place(rng.choice(options), self.place, short)


def fill_place(text: str, place: Place, short: bool) -> str:
    return text.replace("{CU}", cu_name(place, short)).replace("{ADM}", adm_name(place, short))


def office_exists(role: str, place: Place, era: str) -> Office | None:
    if role.startswith("up."):
        if place.up is None or place.up.level == "central":
            return None
        role, place = role[3:], place.up
    spec = template("positions")["roles"][role]
    if org(spec["org"], place, era) is None:
        return None
    return Office(role, CENTRE if spec["org"].startswith("central.") else place)


@dataclass
class Official:
    name: str
    offices: list[Office]
    female: bool = False


def person_name(rng: random.Random) -> tuple[str, bool]:
    names = template("names")
    female = rng.random() < names["female_share"]
    middle = rng.choice(names["middle_female" if female else "middle_male"])
    given = rng.choice(names["given_female" if female else "given_male"])
    if rng.random() < 0.15:  # four-syllable names are common too
        middle = f"{middle} {rng.choice(names['middle_male'] if not female else names['middle_female'])}"
        if len(set(middle.split())) < 2:
            middle = middle.split()[0]
    return f"{rng.choice(names['surnames'])} {middle} {given}", female


@lru_cache(maxsize=20000)
def official(seed: int, place: Place, term: int, post: str, era: str) -> Official | None:
    """The holder of ``post`` at ``place`` during ``term``: the same person in every article."""
    spec = next(p for p in template("positions")["posts"][place.level] if p["post"] == post)
    rng = random.Random(f"{seed}|{place.key}|{term}|{post}")
    offices = [o for r in spec["roles"] if (o := office_exists(r, place, era))]
    if len(offices) < len(spec["roles"]):
        return None  # the post does not exist in this era (e.g. Ban Dân vận after 2025)
    for role, share in spec.get("extra", []):
        if rng.random() < share and (o := office_exists(role, place, era)):
            if role in ("uvtw", "uv_bct", "up.uv_cu"):  # membership of the higher body comes first
                offices.insert(0, o)
            else:
                offices.append(o)
    name, female = person_name(rng)
    return Official(name, offices, female)


def roster(seed: int, place: Place, day: dt.date) -> list[Official]:
    era, term = era_of(day), (day.year - 2015) // 5
    posts = template("positions")["posts"][place.level]
    return [o for p in posts if (o := official(seed, place, term, p["post"], era))]


# --------------------------------------------------------------------------- one article


@dataclass
class Article:
    """Text plus the facts it states, gathered while it is written."""

    rng: random.Random
    place: Place
    era: str
    ref: str = "hội nghị"
    people: dict[str, Official] = field(default_factory=dict)  # mentioned (non-author) officials
    authors: list[str] = field(default_factory=list)
    orgs: dict[str, str | None] = field(default_factory=dict)  # name -> parent
    resolutions: list[dict[str, Any]] = field(default_factory=list)

    def add_org(self, o: Org | None) -> None:
        """Record an organisation named in the text, with the bodies its name implies."""
        while o is not None:
            self.orgs.setdefault(o.name, o.parent.name if o.parent else None)
            # A parent counts as named when the child's name spells it out ("Ban Tổ chức Tỉnh ủy X").
            if o.parent is None or not o.name.endswith(o.parent.name):
                return
            o = o.parent

    def mention(self, person: Official, *, full: bool, style: str | None = None) -> str:
        """A person as the text writes them: with all their titles the first time, briefly after."""
        rng = self.rng
        first = person.name not in self.people
        self.people.setdefault(person.name, person)
        if first or full:
            for office in person.offices:
                spec = office.spec()
                o = org(spec["org"], office.place, self.era)
                self.add_org(o)
            titles = [o.surface(rng, short=o.place == self.place and rng.random() < 0.6) for o in person.offices]
            style = style or rng.choice(["comma", "comma", "before", "dash", "ong"])
            joined = ", ".join(titles)
            if style == "before":
                return f"{joined} {person.name}"
            if style == "dash":
                return f"đồng chí {person.name} - {joined}"
            if style == "ong":
                return f"{'bà' if person.female else 'ông'} {person.name} - {joined}"
            if style == "list":
                return f"{person.name}, {joined}"
            return f"đồng chí {person.name}, {joined}"
        if rng.random() < 0.5:
            return f"đồng chí {person.name}"
        office = rng.choice(person.offices)
        return f"{office.surface(rng, short=office.place == self.place)} {person.name}"


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def people_list(art: Article, people: list[Official], semi: bool) -> str:
    if semi:
        return "; ".join(art.mention(p, full=True, style="list") for p in people)
    parts = [art.mention(p, full=True, style=art.rng.choice(["comma", "before", "dash"])) for p in people]
    return ", ".join(parts[:-1]) + " và " + parts[-1] if len(parts) > 1 else parts[0]


def date_phrase(rng: random.Random, day: dt.date, published: dt.date | None) -> tuple[str, str | None]:
    """How the text dates the event, and the date a careful reader can work out (None if not)."""
    part = rng.choice(["Sáng", "Chiều", "Ngày", "Sáng", "Chiều", "Tối"])
    same_year = published is not None and published.year == day.year
    if not same_year or rng.random() < 0.12:
        if published is None and rng.random() < 0.5:
            return f"{part} {day.day}/{day.month}", None
        return f"{part} {day.day}/{day.month}/{day.year}", day.isoformat()
    if published == day and rng.random() < 0.2:
        return f"{rng.choice(['Sáng', 'Chiều'])} nay ({day.day}/{day.month})", day.isoformat()
    style = rng.choice(["slash", "slash0", "dash", "dot"])
    if style == "slash":
        text = f"{part} {day.day}/{day.month}"
    elif style == "slash0":
        text = f"{part} {day.day:02d}/{day.month}"
    elif style == "dash":
        text = f"{part} {day.day}-{day.month}"
    else:
        text = f"{part} {day.day:02d}.{day.month:02d}"
    return text, day.isoformat()


def numbers(rng: random.Random) -> dict[str, Any]:
    return {"n1": f"{rng.randint(12, 2400):,}".replace(",", "."), "n2": f"{rng.randint(5, 900)}",
            "n3": f"{rng.randint(3, 150)}", "p1": f"{rng.randint(80, 99)},{rng.randint(1, 9)}"}


def document(art: Article, day: dt.date, level_place: Place) -> tuple[str, dict[str, Any]]:
    """One document mention and its gold entry."""
    rng, docs = art.rng, template("documents")
    central = level_place.level == "central" or rng.random() < 0.45
    form = rng.random()
    if central and form < 0.12:
        roman = rng.choice([c for c in docs["congresses"] if (c != "XIV" or day.year >= 2026)])
        text = f"Nghị quyết Đại hội {roman} của Đảng"
        return text, {"kind": "Nghị quyết", "number": None, "name": text, "issuer": f"Đại hội {roman} của Đảng"}
    if central and form < 0.24:
        term = rng.choice(docs["terms"][:3])
        text = f"Nghị quyết Trung ương {rng.randint(3, 12)} khóa {term}"
        art.add_org(org("central.bchtw", CENTRE, art.era))
        return text, {"kind": "Nghị quyết", "number": None, "name": text, "issuer": "Ban Chấp hành Trung ương"}
    if central and form < 0.32:
        number = str(rng.choice([105, 132, 144, 205, 213, 214, 179, 69, 96]))
        text = f"Quy định {number}"
        return text, {"kind": "Quy định", "number": number, "name": text, "issuer": None}
    kinds = [k for k, v in docs["kinds"].items() if v["central" if central else "local"]]
    kind = rng.choice(kinds)
    spec = docs["kinds"][kind]
    place = CENTRE if central else level_place
    issuer_key = rng.choice(spec["central" if central else "local"])
    issuer = org(issuer_key, place, art.era)
    if issuer is None:
        issuer_key, issuer = "cu", org("cu", place, art.era)
    suffix = docs["central_suffix"].get(issuer_key, docs["suffix"]["central"]) if central else docs["suffix"][place.level]
    n = rng.randint(1, 60 if not central else 45)
    number = f"{n:02d}-{spec['abbr']}/{suffix}" if rng.random() < 0.5 else f"{n}-{spec['abbr']}/{suffix}"
    subject = rng.choice(docs["subjects"]).replace("{domain}", rng.choice(template("meetings")["domains"]))
    issuer_surface = issuer.name
    if not central and rng.random() < 0.6:
        issuer_surface = issuer.name.replace(cu_name(place), cu_name(place, short=True))
    style = rng.random()
    if style < 0.4:
        text = f"{kind} số {number} ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/{day.year - rng.randint(0, 3)} của {issuer_surface} {subject}"
        name = f"{kind} số {number} của {issuer.name} {subject}"
    elif style < 0.7:
        short_number = str(n)
        text = f"{kind} {short_number} của {issuer_surface}"
        art.add_org(issuer)
        return text, {"kind": kind, "number": short_number, "name": f"{kind} {short_number} của {issuer.name}",
                      "issuer": issuer.name}
    elif not central:
        text = f"{kind} {number} {subject}"
        name = text
        # The issuer follows from the number's suffix (/TU, /HU): the level's committee.
        cu = org("cu", place, art.era)
        art.add_org(cu)
        return text, {"kind": kind, "number": number, "name": name, "issuer": cu.name if cu else None}
    else:
        text = f"{kind} số {number} của {issuer_surface}"
        name = f"{kind} số {number} của {issuer.name}"
    art.add_org(issuer)
    return text, {"kind": kind, "number": number, "name": name, "issuer": issuer.name}


def pick_level(rng: random.Random, era: str) -> str:
    r = rng.random()
    if r < 0.12:
        return "central"
    if r < 0.6:
        return "province"
    return "district" if era == "legacy" else "commune"


def build_article(seed: int, index: int) -> tuple[str, dict[str, Any]]:
    """Article ``index`` of corpus ``seed``: (text, gold annotation)."""
    rng = random.Random(f"{seed}:{index}")
    day = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
    era = era_of(day)
    level = pick_level(rng, era)
    province = rng.choice(provinces(era))
    if level == "district":
        place = rng.choice(districts(province) or (province,))
    elif level == "commune":
        place = rng.choice(communes(province) or (province,))
    elif level == "central":
        place = CENTRE
    else:
        place = province
    level = place.level
    art = Article(rng, place, era)

    # The event and who took part.
    kinds = [k for k in template("meetings")["kinds"] if level in k["levels"]]
    kinds = [k for k in kinds if any(org(o, place, era) for o in k["organizers"])]
    if level != "province" or era == "new" or not districts(province):
        kinds = [k for k in kinds if k.get("opening") != "delegation"]
    meeting = rng.choices(kinds, weights=[k["weight"] for k in kinds])[0]
    art.ref = meeting["ref"]
    organizer = next(o for key in rng.sample(meeting["organizers"], len(meeting["organizers"]))
                     if (o := org(key, place, era)))
    cast = roster(seed, place, day)
    rng.shuffle(cast)
    chairs = cast[: rng.choice([1, 1, 1, 2, 2, 3])]
    rest = cast[len(chairs):]
    speakers = rest[: rng.choice([0, 1, 1, 2])]
    attendees = rest[len(speakers): len(speakers) + rng.choice([0, 1, 2, 3])]
    guests: list[Official] = []
    if level != "central" and rng.random() < 0.35:  # a guest from the level above
        above = place.up if place.up and place.up.level != "central" else CENTRE
        guests = roster(seed, above, day)[:3]
        guests = [rng.choice(guests)] if guests else []
    seen_names = {p.name for p in chairs}
    attendees = [p for p in guests + attendees if p.name not in seen_names and not seen_names.add(p.name)]
    speakers = [p for p in speakers if p.name not in {a.name for a in attendees}]
    online_point: list[Official] = []
    if meeting.get("online"):
        point = rng.choice(provinces(era))
        online_point = [p for p in roster(seed, point, day)[:2] if p.name not in seen_names]

    # Dates.
    published = day + dt.timedelta(days=rng.choice([0, 0, 0, 1, 1, 2])) if rng.random() < 0.82 else None
    date_text, meeting_date = date_phrase(rng, day, published)

    # The event's name, in the words of the text.
    nums = numbers(rng)
    y = day.year
    meeting_doc: tuple[str, dict[str, Any]] | None = document(art, day, place) if meeting.get("needs_doc") else None
    target = ""
    if meeting.get("opening") == "delegation":
        target_place = rng.choice(districts(province))
        target = cu_name(target_place)
        art.add_org(org("btv", target_place, era))
    name = meeting["name"].format(
        domain=rng.choice(template("meetings")["domains"]), Y=y, Yp=y - 1, n=rng.randint(2, 30),
        roman=ROMAN[rng.randint(6, 22)] if level != "commune" else ROMAN[rng.randint(1, 3)],
        quarter=ROMAN[(day.month - 1) // 3 + 1], tk=("2025-2030" if y >= 2024 else "2020-2025" if y >= 2019 else "2015-2020"),
        period=rng.choice(template("meetings")["periods"]).format(m=day.month, Y=y, quarter=ROMAN[(day.month - 1) // 3 + 1]),
        doc=meeting_doc[0] if meeting_doc else "", TARGET=target,
        ADM="{ADM}", CU="{CU}",
    )
    name = fill_place(name, place, short=rng.random() < 0.4)
    if meeting_date is None and re.findall(r"\b(?:19|20)\d\d\b", name) == [str(day.year)]:
        meeting_date = day.isoformat()  # the year is in the event's name ("... 6 tháng đầu năm 2021")
    location = None
    loc_text = ""
    if level != "central" and rng.random() < 0.5:
        location = fill_place(rng.choice(template("meetings")["places"]), place, short=rng.random() < 0.5)
        loc_text = f" tại {location}"
    if meeting.get("online") and online_point:
        pass

    # ---- the text
    s = template("sentences")
    paragraphs: list[str] = []
    header: list[str] = []
    if rng.random() < 0.25:
        header.append(rng.choice(s["site_headers"]))
    headline = cap(name if rng.random() < 0.5 else f"{organizer.name} tổ chức {name[:1].lower() + name[1:]}")
    date_line = None
    if published is not None:
        hhmm = f"{rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}"
        pub = f"{published.day:02d}/{published.month:02d}/{published.year}"
        style = rng.randrange(4)
        if style == 0:
            headline = f"{headline} ({hhmm} {pub})"
        elif style == 1:
            date_line = f"{hhmm} | {pub}"
        elif style == 2:
            date_line = f"Ngày đăng {pub} | {hhmm}"
        else:
            date_line = f"{WEEKDAYS[published.weekday()]}, {pub} {hhmm}"
    header.append(headline)
    if date_line:
        header.append(date_line)
    if rng.random() < 0.3:
        header.append(rng.choice(s["views"]).format(**nums))

    outlet = rng.choice(s["outlets"]) if rng.random() < 0.4 else None
    art.add_org(organizer)
    if meeting.get("opening") == "delegation":
        lead = rng.choice(s["openings_delegation"]).format(date=date_text, org=organizer.name, p=art.mention(chairs[0], full=True, style="comma"), meeting=name)
        chairs = chairs[:1]
        chair_sentence = ""
    else:
        key = {"session": "openings_session"}.get(meeting.get("opening", ""), "openings_online" if meeting.get("online") else "openings")
        place_text = location or fill_place("Hội trường {CU}", place, short=True) if level != "central" else "Trụ sở Trung ương Đảng"
        opening = rng.choice(s[key])
        if "{place}" in opening:
            location = place_text
        lead = opening.format(date=date_text, org=organizer.name, meeting=name, loc=loc_text if "{place}" not in opening else "", place=place_text)
        if len(chairs) == 1:
            chair_sentence = rng.choice(s["chair_one"]).format(p=art.mention(chairs[0], full=True), ref=art.ref, Ref=cap(art.ref))
        else:
            t = rng.choice(s["chair_many"])
            chair_sentence = t.format(plist=people_list(art, chairs, semi=False) if "{plist}" in t else "",
                                      plist_semi=people_list(art, chairs, semi=True) if "{plist_semi}" in t else "",
                                      ref=art.ref, Ref=cap(art.ref))
        chair_sentence = cap(chair_sentence)
    if outlet:
        lead = f"{outlet} - {lead}"
    first = " ".join(x for x in (lead, chair_sentence) if x)
    paragraphs.append(first)

    if online_point:
        point_place = online_point[0].offices[-1].place
        location = f"{adm_name(point_place)}"
        paragraphs.append(cap(rng.choice(s["online_point"]).format(place=location, plist=people_list(art, online_point, semi=False))))
    if attendees:
        t = rng.choice(s["attend"])
        generic = fill_place(rng.choice(s["generic_attendees"]), place, short=True) if level != "central" else "lãnh đạo các ban, bộ, ngành Trung ương"
        paragraphs.append(cap(t.format(ref=art.ref, plist=people_list(art, attendees, semi=False) if "{plist}" in t else "",
                                       plist_semi=people_list(art, attendees, semi=True) if "{plist_semi}" in t else "",
                                       generic=generic)))

    captions: list[str] = []
    long_form = rng.random() < 0.6
    if long_form and rng.random() < 0.7:
        who = rng.choice(chairs)
        office = who.offices[-1]
        cap_text = rng.choice(s["captions"]).format(short=office.surface(rng, short=office.place == place), name=who.name, ref=art.ref)
        captions.append(cap(cap_text))
        paragraphs.append(captions[-1])

    speaker_facts: list[str] = []
    for i, sp in enumerate(speakers):
        t = rng.choice(s["speak_report"] if i == 0 else s["speak_speech"])
        sentence = t.format(ref=art.ref, p=art.mention(sp, full=False), fact=rng.choice(s["facts"]).format(period_word=rng.choice(["năm qua", "6 tháng đầu năm", "nhiệm kỳ qua", "quý vừa qua"]), **numbers(rng)),
                            ask=rng.choice(s["asks"]), praise=rng.choice(s["praises"]))
        speaker_facts.append(cap(sentence))
    paragraphs.extend(speaker_facts)

    if long_form:
        for filler in rng.sample(s["fillers"], rng.randint(3, 7)):
            paragraphs.append(cap(filler.format(ref=art.ref, **numbers(rng))))

    # Documents.
    doc_mentions = [document(art, day, place) for _ in range(rng.choice([0, 0, 1, 1, 2, 3]))]
    if meeting_doc:
        art.resolutions.append(meeting_doc[1])
    if doc_mentions:
        texts = [d[0] for d in doc_mentions]
        joined = ", ".join(texts[:-1]) + " và " + texts[-1] if len(texts) > 1 else texts[0]
        paragraphs.append(cap(rng.choice(s["doc_sentences"]).format(docs=joined, Ref=cap(art.ref))))
        art.resolutions.extend(d[1] for d in doc_mentions)
    if long_form and rng.random() < 0.5 and level != "central":
        paragraphs.append(fill_place(rng.choice(s["generic_doc_mentions"]), place, short=True))

    concluding = None
    if long_form or rng.random() < 0.3:
        concluding = rng.choice(chairs)
        paragraphs.append(cap(rng.choice(s["speak_conclude"]).format(ref=art.ref, p=art.mention(concluding, full=False),
                                                                     ask=rng.choice(s["asks"]), praise=rng.choice(s["praises"]))))
    if captions and rng.random() < 0.5:
        paragraphs.append(captions[0])  # the same caption again, as pages repeat them

    # Bylines and photo credits.
    names = template("names")
    byline: list[str] = []
    r = rng.random()
    if r < 0.3:
        a = rng.choice(names["pen_names"])
        byline.append(a)
        art.authors.append(a)
    elif r < 0.45:
        a, b = rng.sample(names["pen_names"], 2)
        byline.append(f"{a} - {b}")
        art.authors += [a, b]
    elif r < 0.6:
        a = rng.choice(names["pen_names"])
        byline.append(f"Bài và ảnh: {a}")
        art.authors.append(a)
    elif r < 0.7:
        a, b = rng.sample(names["pen_names"], 2)
        byline.append(a)
        byline.append(f"Ảnh: {b}")
        art.authors += [a, b]

    tail: list[str] = []
    if rng.random() < 0.35:
        tail.append("Tin liên quan")
        for h in rng.sample(s["related_headlines"], 3):
            tail.append(h.format(domain=rng.choice(template("meetings")["domains"]), quarter=ROMAN[rng.randint(1, 4)]))
    if rng.random() < 0.2:
        tail.extend(s["comment_form"])

    blocks = ["\n".join(header), *paragraphs, *byline, "\n".join(tail)]
    text = "\n\n".join(b for b in blocks if b) + "\n"
    if rng.random() < 0.15:
        text = old_tone(text)
    if rng.random() < 0.03:
        text = text.replace("Đ", "\u00d0")

    chair_names = [p.name for p in chairs]
    speaker_names = [p.name for p in speakers]
    if concluding and concluding.name not in speaker_names:
        speaker_names.append(concluding.name)
    attendee_names = [p.name for p in attendees + online_point]
    art.add_org(organizer)
    gold = {
        "article": None,
        "url": None,
        "published": published.isoformat() if published else None,
        "outlet": outlet,
        "persons": [
            {"name": clean_text(p.name), "titles": [clean_text(o.title()) for o in p.offices], "is_author": False}
            for p in art.people.values()
        ] + [{"name": clean_text(a), "titles": [], "is_author": True} for a in art.authors],
        "meetings": [{
            "main": True,
            "kind": meeting["kind"],
            "name": canonical(name),
            "date": meeting_date,
            "location": canonical(location) if location else None,
            "organizers": [organizer.name],
            "chairs": chair_names,
            "attendees": attendee_names,
            "speakers": speaker_names,
        }],
        "organizations": [{"name": n, "parent": p} for n, p in art.orgs.items()],
        "resolutions": _unique_docs(art.resolutions),
        "notes": f"Generated by bench.generate (seed {seed}, article {index}); level {level}, era {era}.",
    }
    return text, gold


def _unique_docs(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out, seen = [], set()
    for d in docs:
        key = (d["kind"], d["number"] or d["name"])
        if key not in seen:
            seen.add(key)
            out.append({**d, "name": canonical(d["name"])})
    return out


_OLD_TONES = [("ủy", "uỷ"), ("Ủy", "Uỷ"), ("khóa", "khoá"), ("hòa", "hoà"), ("Hòa", "Hoà"), ("thủy", "thuỷ"),
              ("Thủy", "Thuỷ"), ("Thúy", "Thuý"), ("Khóa", "Khoá")]


def old_tone(text: str) -> str:
    """The older tone placement many sites still use ("Uỷ", "khoá")."""
    for new, old in _OLD_TONES:
        text = re.sub(rf"(?<!\w){new}", old, text)
    return text


# --------------------------------------------------------------------------- corpus


def file_stem(index: int, n: int) -> str:
    return f"{index:0{max(6, len(str(n - 1)))}d}"


def iter_articles(n: int, seed: int, start: int = 0) -> Iterator[tuple[int, str, dict[str, Any]]]:
    for i in range(start, start + n):
        text, gold = build_article(seed, i)
        yield i, text, gold


def generate(out: Path, n: int, seed: int = 7, *, start: int = 0, progress: Any = None) -> int:
    """Write ``n`` articles and their gold files to ``out``; returns the bytes of text written."""
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    width_n = start + n
    for i, text, gold in iter_articles(n, seed, start):
        stem = file_stem(i, width_n)
        gold["article"] = f"{stem}.txt"
        data = text.encode("utf-8")
        (out / f"{stem}.txt").write_bytes(data)
        (out / f"{stem}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        total += len(data)
        if progress and (i - start + 1) % 1000 == 0:
            progress(i - start + 1)
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of articles")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--start", type=int, default=0, help="index of the first article (to grow a corpus)")
    args = parser.parse_args(argv)
    size = generate(args.out, args.n, args.seed, start=args.start,
                    progress=lambda k: print(f"  {k} articles", file=sys.stderr))
    print(f"wrote {args.n} articles ({size / 1e6:.1f} MB of text) to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
