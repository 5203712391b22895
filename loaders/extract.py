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
"""

from __future__ import annotations

from loaders.meetings import find_meetings
from loaders.orgs import Locality, canonical_org, find_organizations, find_part_of_statements, resolve_locality
from loaders.persons import find_persons
from loaders.records import Document, Extraction, Organization, Person
from loaders.resolutions import find_resolutions
from loaders.sentences import split_sentences
from loaders.textnorm import canonical, clean_text, squash_spaces

CENTRAL = "Trung ương"


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

    def add(org: Organization | None, evidence: str | None) -> None:
        if org is None:
            return
        for o in [org]:
            have = found.get(o.name)
            if have is None:
                have = found[o.name] = Organization(o.name, o.kind, o.level, o.locality, o.parent, [])
            elif have.parent is None and o.parent:
                have.parent = o.parent
            if evidence and evidence not in have.evidence:
                have.evidence.append(evidence)

    for person in persons:
        for title in person.titles:
            if title.org:
                add(canonical_org(title.org, loc), title.evidence)
    for sentence in sentences:
        for org, _ in find_organizations(sentence, loc):
            add(org, sentence)
        if "thuộc" not in sentence:
            continue  # part-of statements need "thuộc" / "trực thuộc"; skip the costly parse
        for child, parent in find_part_of_statements(sentence, loc):
            add(child, sentence)
            add(parent, sentence)
            found[child.name].parent = parent.name
    for meeting in meetings:
        for name in meeting.organizers:
            add(canonical_org(name, loc), meeting.evidence[0] if meeting.evidence else None)
    return list(found.values())


_LEVEL_RANK = {"grassroots": 0, "district": 1, "provincial": 2, "central": 3}


def _scope(person: Person, organizations: list[Organization], loc: Locality) -> str | None:
    by_name = {o.name: o for o in organizations}
    best: tuple[int, str] | None = None
    central = False
    for title in person.titles:
        org = by_name.get(title.org or "")
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
