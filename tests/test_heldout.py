"""Regression floors on a held-out set: 14 short articles the team wrote and annotated by hand
(``tests/fixtures/heldout/hNN.*`` with ``hNN.gold.json``), never used to tune the extractor.

They cover what the shared corpus under-represents: post-2025 merged provinces and communes,
pre-2025 districts, enterprise party committees, HĐND sessions, congresses, a ceremony, a
giao ban, an online conference, several outlet tags and date stamps, old tone placement and "Ð",
a date across New Year, a date with no year (null), and one .html and one .jsonl source. Each gold
file's ``notes`` records its judgment calls.

The floors below are the level the extractor reached after the errors found on this set were
fixed (by rules over the genre, issue 3), minus a small margin: they catch regressions, they
are not targets. Since those fixes were made looking at these articles, the set is no longer
strictly unseen; a fresh set measures generalisation. The team's floors on the
shared corpus are in ``test_extraction_quality.py`` (``loaders.evaluate.FLOORS``).
"""

from __future__ import annotations

import json
from pathlib import Path

from loaders.evaluate import evaluate_dir

HELDOUT = Path(__file__).resolve().parent / "fixtures" / "heldout"

# Measured F1 (main-meeting date: accuracy), in brackets; floor = measured - margin. Raised after
# issue 3's fixes (localities of district/commune bodies, defined acronyms, issuers, Ê-đê names,
# presidium chairs, connection-point attendees); the figures when the set was written were
# persons .970, titles .918, chairs .833, attendees .955, speakers .966, organisations .882,
# parents .872, resolutions .917, issuers .812.
HELDOUT_FLOORS: dict[str, float] = {
    "persons": 0.97,  # [1.000]
    "person_titles": 0.96,  # [0.995]
    "chairs": 0.97,  # [1.000]
    "attendees": 0.97,  # [1.000]
    "speakers": 0.97,  # [1.000]
    "meeting_dates": 0.97,  # [1.000]
    "organizations": 0.96,  # [0.995]
    "organization_parents": 0.96,  # [0.995]
    "resolutions": 0.97,  # [1.000]
    "resolution_issuers": 0.97,  # [1.000]
    "main_meeting_date": 0.92,  # [14/14; one miss of 14 is 0.929]
}


def test_every_heldout_article_is_read_and_scored() -> None:
    report = evaluate_dir(HELDOUT)
    articles = sorted(a.article for a in report.articles)
    assert len(articles) == 14, articles
    assert {Path(a).suffix for a in articles} == {".txt", ".html", ".jsonl"}
    assert [a.error for a in report.articles if a.error] == []


def test_extraction_keeps_its_level_on_heldout_articles() -> None:
    report = evaluate_dir(HELDOUT)
    failures = report.failures(HELDOUT_FLOORS)
    if failures:
        detail = json.dumps(report.misses(), ensure_ascii=False, indent=1)
        lines = [f"{metric}: {value:.3f} < floor {floor:.2f}" for metric, (value, floor) in failures.items()]
        raise AssertionError(
            "held-out extraction below its regression floors:\n"
            + "\n".join(lines)
            + "\n"
            + report.format_table()
            + "\nmisses per article:\n"
            + detail
        )
