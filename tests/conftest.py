"""Shared fixtures. Keep each fixture small and documented; add new ones below."""

from __future__ import annotations

import pytest

from graph.ladybug_store import LadybugStore


@pytest.fixture
def store(tmp_path):
    """A fresh, empty embedded store in a file of its own, closed after the test."""
    s = LadybugStore(tmp_path / "graph.lbdb")
    yield s
    s.close()
