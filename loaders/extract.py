"""One cleaned article -> everything it states (``Extraction``): a pure function, no I/O, no model.

Stages, each a module with one job: locality (``orgs.resolve_locality``), sentences
(``sentences.split_sentences``), people and their titles (``persons``), meetings and roles
(``meetings``), documents (``resolutions``), organisations (from titles, running text, organisers
and the Party's structure above them, ``orgs``).

Rules decided here:

* ``Meeting.discussed``: a document is discussed at a meeting when the article cites it in a
  sentence about that meeting: the lede and every sentence after it up to the next reported
  event (for the main meeting also the sentences before its lede). Articles in this genre report
  what was reviewed, directed and concluded at the event, so the documents cited there are the
  ones the meeting dealt with.
* ``Person.scope``: the province of the person's most specific position (a district body's
  province, a province's own); "Trung ương" when every position is central; else the article's
  province; else None.
* Authors (bylines, photo credits) are persons with ``is_author`` and no titles.
* Organisations listed (the corpus annotation's conventions): every body the text or a title
  names, and the committee named inside a unit's name ("Ban Tổ chức Tỉnh ủy X" -> Tỉnh ủy X).
  Not listed: a body a title only implies ("Tổng Bí thư", "Bí thư Trung ương Đảng"), the Central
  Committee in a membership rank ("Ủy viên Trung ương Đảng"), an office a person holds
  ("Thường trực Ban Bí thư"), a party organisation named only as its congress's owner
  ("Đại hội đại biểu Đảng bộ tỉnh X", in ``orgs.find_organizations``), and a business on its own
  ("Tập đoàn X"; its "Đảng ủy Tập đoàn X" is listed). Abbreviations the article defines
  ("Ngân hàng Phát triển Việt Nam (NHPT)") are spelled out.
"""

from __future__ import annotations

import re

from loaders.meetings import find_meetings
from loaders.orgs import (
    CENTRAL_COMMITTEE, BoundedPhrase, Locality, canonical_org, defined_abbreviations, find_organizations, find_part_of_statements,
    is_business, is_listed_body, locality_key, names_central_committee,
    resolve_locality,
)
from loaders.persons import find_persons
from loaders.records import Document, Extraction, Organization, Person, Title
from loaders.resolutions import find_resolutions
from loaders.sentences import split_sentences
from loaders.textnorm import canonical, clean_text, fold, squash_spaces

CENTRAL = "Trung ương"
_CENTRAL_COMMITTEE_KEY = CENTRAL_COMMITTEE.casefold()


def extract(doc: Document) -> Extraction:
    """Everything ``doc`` states, each fact with the sentence it came from."""
    loc = resolve_locality(doc)
    sentences: list[str] = []
    paragraph_starts: set[int] = set()
    for paragraph in doc.paragraphs:
        paragraph_starts.add(len(sentences))
        sentences.extend(split_sentences(paragraph))

    authors = [squash_spaces(clean_text(a)) for a in doc.authors]
    index = find_persons(sentences, loc, authors)
    meetings, owner = find_meetings(
        sentences, index.normalised, index.mentions, loc,
        published=doc.meta.published, url=doc.meta.url, paragraph_starts=paragraph_starts,
    )
    resolutions = find_resolutions(sentences, loc, doc.meta.published)
    _link_discussed(meetings, owner, sentences, resolutions)

    organizations = _organizations(sentences, index.persons, meetings, loc)
    defined = defined_abbreviations(doc.text)
    if defined:
        organizations = _expand_defined(defined, organizations, index.persons, meetings, loc)
    for person in index.persons:
        person.scope = _scope(person, organizations, loc)
    persons = list(index.persons)
    known = {p.name for p in persons}
    evidence = doc.author_evidence[:1]
    for name in authors:
        if name and name not in known:
            known.add(name)
            persons.append(Person(name=name, is_author=True, evidence=list(evidence), scope=loc.province))
    return Extraction(
        article=doc.meta, persons=persons, organizations=organizations, meetings=meetings,
        resolutions=resolutions, locality=loc.province, district=loc.district,
    )


def _link_discussed(meetings, owner: list[int], sentences: list[str], resolutions) -> None:
    where = {s: i for i, s in enumerate(sentences)}
    for r in resolutions:
        for ev in r.evidence:
            i = where.get(ev)
            if i is None or owner[i] < 0:
                continue
            meeting = meetings[owner[i]]
            if r.name not in meeting.discussed:
                meeting.discussed.append(r.name)


def _organizations(sentences: list[str], persons: list[Person], meetings, loc: Locality) -> list[Organization]:
    """Every body named in titles or running text and the organisers, each with its parent.

    Bodies above them that the article does not name are not listed (their names are still the
    ``parent`` of the ones listed, so the graph gets them as nodes).
    """
    found: dict[str, Organization] = {}
    canonical_here: dict[str, Organization | None] = {}
    loc_key = locality_key(loc)  # (nothing here changes ``loc``)

    def canonical(name: str) -> Organization | None:
        """canonical_org(name, loc), worked out once per name: an article names its bodies
        again and again, and each mention asks for the bodies inside it. (Safe to share: add
        only reads the organisations it is given.)"""
        if name not in canonical_here:
            canonical_here[name] = canonical_org(name, loc, loc_key=loc_key)
        return canonical_here[name]

    def add(org: Organization | None, evidence: str | None) -> None:
        if org is None or is_business(org.name) or not is_listed_body(org.name):
            return  # an enterprise is listed inside its party committee's name only
        key = org.name.casefold()  # names differing in case only are one body
        have = found.get(key)
        if have is None:
            have = found[key] = Organization(org.name, org.kind, org.level, org.locality, org.parent, [])
        elif have.parent is None and org.parent:
            have.parent = org.parent
        if evidence and evidence not in have.evidence:
            have.evidence.append(evidence)
        if org.parent and org.parent.casefold() not in found and org.name.endswith(" " + org.parent):
            add(canonical(org.parent), evidence)  # "Ban Tổ chức Tỉnh ủy X" names Tỉnh ủy X
        party, _, body = org.name.partition(" ")
        if party == "Đảng" and body.startswith(("ủy ", "bộ ")) and org.kind in ("party committee", "party organisation"):
            inner = canonical(body[3:])  # "Đảng bộ Văn phòng UBND tỉnh X" names that office
            if inner is not None and inner.name == body[3:] and inner.kind in ("state body", "commission"):
                add(inner, evidence)

    offices: dict[str, set[str]] = {}  # sentence -> the titles people hold in it, folded
    for person in persons:
        for title in person.titles:
            title_key = fold(title.text)
            held = offices.setdefault(title.evidence, set())
            held.add(title_key)
            if title.org and _is_delegate(title_key):
                held.add(fold(title.org))  # "ĐBQH tỉnh X": a seat, not the body
            elif title.org and _title_names_org(title, title_key):
                add(canonical(title.org), title.evidence)
    for sentence in sentences:
        mentions = find_organizations(sentence, loc)
        held = offices.get(sentence)
        for org, _ in mentions:
            if held and fold(org.name) in held:
                continue  # "Thường trực Ban Bí thư" held by a person: an office, not a body
            if org.name == CENTRAL_COMMITTEE and not names_central_committee(sentence):
                continue  # only "Ủy viên Ban Chấp hành Trung ương Đảng", a rank
            add(org, sentence)
        if _CENTRAL_COMMITTEE_KEY not in found and names_central_committee(sentence):
            add(canonical(CENTRAL_COMMITTEE), sentence)  # "các nghị quyết của Trung ương"
        if "thuộc" not in sentence:
            continue  # part-of statements need "thuộc" / "trực thuộc"; skip the costly parse
        for child, parent in find_part_of_statements(sentence, loc, mentions):
            add(child, sentence)
            add(parent, sentence)
            if child.name.casefold() in found:
                found[child.name.casefold()].parent = parent.name
    for meeting in meetings:
        for name in meeting.organizers:
            add(canonical(name), meeting.evidence[0] if meeting.evidence else None)
    return _without_bare_levels(_without_short_groups(list(found.values())))


_GROUP_KINDS = ("steering committee", "working group")


def _without_short_groups(organizations: list[Organization]) -> list[Organization]:
    """A steering committee or team named again by the start of its full name ("Ban Chỉ đạo
    Trung ương" after "Ban Chỉ đạo Trung ương về xây dựng Đề án ...") is that same group."""
    groups = [(o, o.name.casefold()) for o in organizations if o.kind in _GROUP_KINDS]
    if not groups:
        return organizations  # (most articles name none)
    kept = []
    for org in organizations:
        if org.kind in _GROUP_KINDS:
            starts = (org.name.casefold() + " ", org.name.casefold() + ",")
            longer = next((g for g, folded in groups if g is not org and folded.startswith(starts)), None)
            if longer is not None:
                longer.evidence.extend(e for e in org.evidence if e not in longer.evidence)
                continue
        kept.append(org)
    return kept


_LEVEL_WORDS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")
_BARE_LEVEL_ENDINGS = tuple(" " + w for w in _LEVEL_WORDS)


def _without_bare_levels(organizations: list[Organization]) -> list[Organization]:
    """A bare "Ủy ban nhân dân xã" (from a title read without its sentence) is the one body of
    that head the article names in full ("Ủy ban nhân dân xã Lũng Cú"), when it names only one."""
    kept = []
    for org in organizations:
        if org.locality is None and org.name.endswith(_BARE_LEVEL_ENDINGS):
            prefix = org.name.casefold() + " "
            longer = [o for o in organizations if o.name.casefold().startswith(prefix)]
            if len(longer) == 1:
                longer[0].evidence.extend(e for e in org.evidence if e not in longer[0].evidence)
                continue
        kept.append(org)
    return kept


_WORD_CHAR = re.compile(r"[\wÀ-ỹ]")


def _expand_defined(defined: dict[str, str], organizations: list[Organization], persons: list[Person],
                   meetings, loc: Locality) -> list[Organization]:
    """Names written with an abbreviation the article defines ("Ngân hàng Phát triển Việt Nam
    (NHPT)" ... "Đảng ủy NHPT") spelled out in organisations, titles and organisers; a renamed
    organisation gets the parent its full name implies."""
    # (Bounded phrases, not one regex per abbreviation: those would be compiled for every article.)
    patterns = [(BoundedPhrase(re.escape(a), _WORD_CHAR, _WORD_CHAR), full) for a, full in defined.items()]

    def spell(name: str | None) -> str | None:
        for pattern, full in patterns:
            if name:
                name = pattern.sub(full, name).replace(f"{full} {full}", full)  # "Nghị quyết NQ 32"
        return name

    merged: dict[str, Organization] = {}
    for org in organizations:
        name = spell(org.name)
        if name != org.name:
            full = canonical_org(name, loc)
            org.name = name
            if full is not None and full.name == name:
                org.kind, org.level, org.locality = full.kind, full.level, full.locality
                org.parent = org.parent or full.parent
        org.parent = spell(org.parent)
        have = merged.get(org.name)
        if have is None:
            merged[org.name] = org
        else:
            have.parent = have.parent or org.parent
            have.evidence.extend(e for e in org.evidence if e not in have.evidence)
    for person in persons:
        for title in person.titles:
            title.text, title.org = spell(title.text), spell(title.org)
    for meeting in meetings:
        meeting.organizers = [spell(n) for n in meeting.organizers]
    return list(merged.values())


def _is_delegate(title_key: str) -> bool:
    """"Đại biểu Quốc hội (tỉnh X)" (``title_key``: the title's text, folded): a member's seat,
    like "Ủy viên Trung ương Đảng" a rank; the annotation lists the assembly only where the text
    names it as a body ("bầu cử đại biểu Quốc hội khóa XV"), and the delegation only as "Đoàn
    đại biểu Quốc hội tỉnh X"."""
    return title_key.startswith("dai bieu ")


def _title_names_org(title: Title, title_key: str) -> bool:
    """Whether a title's own words (``title_key``: its text, folded) name its body, so the
    article lists that body.

    A body the role only implies ("Tổng Bí thư", "Bí thư Trung ương Đảng" -> Ban Bí thư) is not
    named; nor is the Central Committee in a membership title ("Ủy viên Trung ương Đảng",
    "Ủy viên dự khuyết Ban Chấp hành Trung ương Đảng"): the annotation treats that as the person's
    rank and lists the Central Committee only where the text names it as a body
    (``orgs.names_central_committee``). It stays the parent of every provincial committee.
    """
    if not title.org or title.org == CENTRAL_COMMITTEE:
        return False
    return fold(title.org) in title_key


_LEVEL_RANK = {"grassroots": 0, "district": 1, "provincial": 2, "central": 3}


def _scope(person: Person, organizations: list[Organization], loc: Locality) -> str | None:
    by_name = {o.name: o for o in organizations}
    best: tuple[int, str] | None = None
    central = False
    for title in person.titles:
        org = by_name.get(title.org or "")
        if org is None and title.org:
            org = canonical_org(title.org, loc)  # a body the title implies but the list leaves out
        if org is None:
            continue
        if org.level == "central":
            central = True
            continue
        province = _province_of(org, by_name, loc)
        if province:
            rank = _LEVEL_RANK.get(org.level or "", 2)
            if best is None or rank < best[0]:
                best = (rank, province)
    if best:
        return best[1]
    if central:
        return CENTRAL
    return loc.province


def _province_of(org: Organization, by_name: dict[str, Organization], loc: Locality) -> str | None:
    node: Organization | None = org
    seen: set[str] = set()
    while node is not None and node.name not in seen:
        seen.add(node.name)
        if node.level == "provincial" and node.locality:
            return canonical(node.locality)
        node = by_name.get(node.parent or "")
    if org.level in ("district", "grassroots"):
        return loc.province
    return None
