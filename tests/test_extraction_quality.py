"""The team's gate (issue 3, "Measured"): the extractor scored on the shared corpus.

Fails below the floors in ``loaders.evaluate.FLOORS`` and prints the table and the misses, so the
failure says what to fix.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders.evaluate import evaluate_dir

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def test_extraction_meets_the_floors_on_the_corpus() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}")
    report = evaluate_dir(CORPUS)
    assert report.articles, f"no *.gold.json found under {CORPUS}"
    errors = [a.error for a in report.articles if a.error]
    failures = report.failures()
    if errors or failures:
        detail = json.dumps(report.misses(), ensure_ascii=False, indent=1)
        pytest.fail(
            "extraction below the floors:\n"
            + report.format_table()
            + ("\nerrors:\n" + "\n".join(errors) if errors else "")
            + "\nmisses per article:\n"
            + detail
        )
