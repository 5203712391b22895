"""Plain data passed between the stages: read -> clean -> extract -> records -> store.

Every fact keeps its evidence: the sentence (as the article wrote it) it came from. The
article it came from is ``Extraction.article.id``. Names here are canonical (see
``loaders.textnorm.canonical``): NFC, one tone placement, abbreviations expanded, locality made
explicit ("Thành ủy" in a Hà Nội article -> "Thành ủy Hà Nội").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

MeetingRole = Literal["chair", "attendee", "speaker"]


@dataclass(slots=True)
class RawArticle:
    """One article as read from a source, before cleaning (loaders.reader)."""

    source: str  # path (plus ":<line>" for a .jsonl record) or URL
    text: str  # decoded, NFC; for .html the main text extracted from the page
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date, when the source gives one as metadata
    outlet: str | None = None


@dataclass(slots=True)
class Skipped:
    """A source that was not read, with the reason (shown in the ingest summary)."""

    source: str
    reason: str


@dataclass(slots=True)
class ArticleMeta:
    id: str  # stable hash of the normalised body text (see graph.ids.article_id)
    source: str  # path or URL it was read from
    title: str | None = None
    published: str | None = None  # ISO date
    outlet: str | None = None  # "HNP", "NDO", ...
    url: str | None = None


@dataclass(slots=True)
class Document:
    """A cleaned article, ready for extraction."""

    meta: ArticleMeta
    paragraphs: list[str]  # body paragraphs, boilerplate removed, NFC, original wording
    authors: list[str] = field(default_factory=list)  # bylines and photo credits
    author_evidence: list[str] = field(default_factory=list)  # the byline lines themselves

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(slots=True)
class Title:
    """One office a person holds: "Trưởng Ban Tổ chức Thành ủy Hà Nội" = role + org."""

    text: str  # canonical full title
    role: str  # "Trưởng Ban", "Ủy viên", "Bí thư", ...
    org: str | None  # canonical organisation name, None for org-less titles
    original: str  # the title as the article wrote it
    evidence: str  # sentence it came from


@dataclass(slots=True)
class Person:
    name: str  # canonical name ("Vũ Đức Bảo")
    titles: list[Title] = field(default_factory=list)
    is_author: bool = False
    evidence: list[str] = field(default_factory=list)
    # Province-level scope used to tell apart two people sharing a name (graph.ids.person_id):
    # the province of their most specific position, else "Trung ương" for central-only
    # officials, else the article's province, else None.
    scope: str | None = None


@dataclass(slots=True)
class Organization:
    name: str  # canonical ("Ban Tổ chức Thành ủy Hà Nội")
    kind: str  # see graph.schema.ORG_KINDS
    level: str | None  # "central" | "provincial" | "district" | "grassroots" | None
    locality: str | None  # "Hà Nội", "Chương Mỹ", None for central bodies
    parent: str | None = None  # canonical name of the organisation it is PART_OF
    evidence: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Participation:
    person: str  # Person.name in the same Extraction
    role: MeetingRole
    evidence: str


@dataclass(slots=True)
class Meeting:
    name: str
    kind: str  # hội nghị, đại hội, buổi làm việc, giao ban, kỳ họp, hội nghị trực tuyến, other
    date: str | None  # ISO or None when day or year cannot be worked out
    location: str | None = None
    main: bool = False  # the event the article is about
    organizers: list[str] = field(default_factory=list)  # Organization.name
    participants: list[Participation] = field(default_factory=list)
    discussed: list[str] = field(default_factory=list)  # Resolution.name of documents cited
    evidence: list[str] = field(default_factory=list)

    def people(self, role: MeetingRole) -> list[str]:
        seen: list[str] = []
        for p in self.participants:
            if p.role == role and p.person not in seen:
                seen.append(p.person)
        return seen

    @property
    def chairs(self) -> list[str]:
        return self.people("chair")

    @property
    def attendees(self) -> list[str]:
        return self.people("attendee")

    @property
    def speakers(self) -> list[str]:
        return self.people("speaker")


@dataclass(slots=True)
class Resolution:
    kind: str  # Nghị quyết, Chỉ thị, Quy định, Kết luận, Đề án, Chương trình, Kế hoạch, Quyết định, Hướng dẫn
    number: str | None  # as written: "05-CT/TW", "05", "15"; None when none given
    name: str  # the text's wording, normalised ("Chỉ thị số 05-CT/TW của Bộ Chính trị")
    issuer: str | None = None  # canonical issuing body (may be a congress, not an Organization)
    term: str | None = None  # "XIII" from "khóa XIII"
    evidence: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Extraction:
    """Everything found in one article."""

    article: ArticleMeta
    persons: list[Person] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    locality: str | None = None  # province/city the article is about ("Hà Nội")
    district: str | None = None  # district the article is about, if any ("Chương Mỹ")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for meeting, m in zip(self.meetings, data["meetings"]):
            m["chairs"], m["attendees"], m["speakers"] = meeting.chairs, meeting.attendees, meeting.speakers
        return data
