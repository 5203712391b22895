"""Gold annotations as extraction records: the graph a perfect extractor would build.

Used to load generated corpora into a store without running the extractor (to measure the
store alone) and to compare the store's write paths on realistic rows.
"""

from __future__ import annotations

from typing import Any

from graph import ids
from loaders.records import (
    ArticleMeta,
    Extraction,
    Meeting,
    Organization,
    Participation,
    Person,
    Resolution,
    Title,
)

ROLE_LISTS = (("chairs", "chair"), ("attendees", "attendee"), ("speakers", "speaker"))


def gold_extraction(gold: dict[str, Any], text: str, source: str) -> Extraction:
    meta = ArticleMeta(ids.article_id(text), source, published=gold.get("published"), outlet=gold.get("outlet"))
    org_names = sorted((o["name"] for o in gold["organizations"]), key=len, reverse=True)

    def title(t: str) -> Title:
        org = next((o for o in org_names if t.endswith(o) and t != o), None)
        role = t[: -len(org)].strip() if org else t
        return Title(text=t, role=role, org=org, original=t, evidence=t)

    persons = [Person(p["name"], [title(t) for t in p["titles"]], p["is_author"], [p["name"]])
               for p in gold["persons"]]
    orgs = [Organization(o["name"], "other", None, None, o["parent"], [o["name"]]) for o in gold["organizations"]]
    resolutions = [Resolution(r["kind"], r["number"], r["name"], r["issuer"], None, [r["name"]])
                   for r in gold["resolutions"]]
    meetings = []
    for m in gold["meetings"]:
        participants = [Participation(name, role, m["name"]) for key, role in ROLE_LISTS for name in m[key]]
        meetings.append(Meeting(m["name"], m["kind"], m["date"], m["location"], m["main"], list(m["organizers"]),
                                participants, [r.name for r in resolutions] if m["main"] else [], [m["name"]]))
    return Extraction(meta, persons, orgs, meetings, resolutions)
