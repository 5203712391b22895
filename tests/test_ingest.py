"""Streaming parallel ingest and the embedded store's bulk path, on generated articles."""

from __future__ import annotations

import json
import threading

import pytest

from bench.generate import build_article, generate
from bench.records import gold_extraction
from graph import ladybug_bulk
from graph.batch import build_batch, evidence_rows, page_rows
from graph.errors import InputFileError, WriteFailed
from graph.ladybug_store import LadybugStore
from graph.schema import EVIDENCE, EVIDENCE_CAP, SUPPORTS
from loaders import ingest as ingest_module
from loaders.ingest import count_sources, ingest
from loaders.reader import iter_documents
from loaders.records import Document


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    generate(folder, 60, seed=21)
    return folder


def _open(path):
    return LadybugStore(path)


def test_parallel_ingest_builds_the_same_graph_as_one_process(tmp_path, corpus, monkeypatch):
    monkeypatch.setattr(ingest_module, "FILES_PER_UNIT", 7)  # several units in flight
    exports = {}
    for jobs in (1, 2):
        with _open(tmp_path / f"g{jobs}.lbdb") as store:
            report = ingest(store, [str(corpus)], jobs=jobs, batch_size=25)
            assert (report.read, report.extracted, report.known) == (60, 60, 0)
            assert report.stored.transactions >= 3
            exports[jobs] = (store.counts(), store.export())
    assert exports[1][0]["Article"] == 60
    assert exports[1] == exports[2]


def test_reingest_is_incremental(tmp_path, corpus):
    with _open(tmp_path / "g.lbdb") as store:
        first = ingest(store, [str(corpus)], jobs=1, batch_size=25)
        counts = store.counts()
        calls = []
        second = ingest(store, [str(corpus)], jobs=1, batch_size=25, progress=calls.append)
        assert first.extracted == 60
        assert (second.read, second.known, second.extracted) == (60, 60, 0)
        assert second.stored.transactions == 0
        assert sum(calls) == 60
        assert store.counts() == counts
        # A grown archive: only the new articles are extracted.
        generate(corpus, 5, seed=21, start=60)
        third = ingest(store, [str(corpus)], jobs=1)
        assert (third.known, third.extracted) == (60, 5)


class FailingSecondWrite:
    """The real store, except that the second batch carries a relationship to a node that does not exist."""

    def __init__(self, store):
        self.store, self.writes, self.counts_after_first = store, 0, None

    def __getattr__(self, name):
        return getattr(self.store, name)

    def write(self, batch):
        self.writes += 1
        if self.writes == 2:
            self.counts_after_first = self.store.counts()
            article = next(iter(batch.articles))
            batch.rel("MENTIONED_IN", ("Person", "h:nobody-at-all"), ("Article", article), article, ["invalid row"])
        return self.store.write(batch)


@pytest.mark.parametrize("bulk_min_rows", [1, 10**9], ids=["bulk", "merge"])
def test_a_failed_batch_leaves_the_graph_as_it_was(tmp_path, corpus, monkeypatch, bulk_min_rows):
    monkeypatch.setattr(ladybug_bulk, "BULK_MIN_ROWS", bulk_min_rows)
    with _open(tmp_path / "g.lbdb") as store:
        failing = FailingSecondWrite(store)
        with pytest.raises(WriteFailed):
            ingest(failing, [str(corpus)], jobs=1, batch_size=20)
        assert failing.counts_after_first["Article"] == 20 and failing.counts_after_first[EVIDENCE] > 0
        assert store.counts() == failing.counts_after_first
        # No evidence of the failed batch's articles is left behind.
        stored = {r["a"] for r in store.query("MATCH (a:Article) RETURN a.id AS a")}
        assert {r["a"] for r in store.query("MATCH (pg:EvidencePage) UNWIND pg.entries AS e "
                                            "RETURN DISTINCT e.article AS a")} == stored


def _gold_batches(n, size, seed=4):
    extractions = []
    for i in range(n):
        text, gold = build_article(seed, i)
        extractions.append(gold_extraction(gold, text, f"{i:06d}.txt"))
    return [build_batch(extractions[k:k + size]) for k in range(0, n, size)]


ENTRIES_COUNT = "MATCH (pg:EvidencePage) UNWIND pg.entries AS e RETURN count(*) AS n"


def _entries(batch) -> int:
    """The page entries a batch's evidence needs: one per Evidence row under each of its anchors,
    so two for HOLDS evidence (the person's page and the position's)."""
    rows = evidence_rows(batch)
    return len(rows) + sum(1 for r in rows if r["type"] == "HOLDS")


def _pages(batch) -> int:
    """The batch's evidence pages when all its articles are new: one per anchor."""
    return len(page_rows(batch, set(batch.articles))[0])


def test_bulk_and_merge_paths_give_the_same_graph(tmp_path, monkeypatch):
    batches = _gold_batches(90, 30)
    overlap = _gold_batches(45, 15)  # the same articles again: every row already exists
    exports = []
    for name, bulk_min_rows in (("bulk", 1), ("merge", 10**9)):
        monkeypatch.setattr(ladybug_bulk, "BULK_MIN_ROWS", bulk_min_rows)
        with _open(tmp_path / f"{name}.lbdb") as store:
            for batch in batches:
                stats = store.write(batch)
                evidence = len(evidence_rows(batch))
                assert sum(stats.nodes.values()) == len(batch.nodes) + evidence
                # One page per anchor, each linked to it once: fewer pages than evidence rows.
                assert stats.relationships[SUPPORTS] == _pages(batch) < evidence
                assert sum(stats.relationships.values()) == len(batch.rels) + _pages(batch)
            counts, graph = store.counts(), store.export()
            store.write(batches[-1])  # the same batch again changes nothing, counts included
            assert (store.counts(), store.export()) == (counts, graph)
            # Regrouped, the same articles add no fact and no evidence (a node keeps the values of
            # the last batch that named it, so captions may differ: graph/schema.node_merge_statement).
            for batch in overlap:
                store.write(batch)
            assert store.counts() == counts and store.export()["relationships"] == graph["relationships"]
            assert store.query(ENTRIES_COUNT) == [{"n": sum(_entries(b) for b in batches)}]
            exports.append((counts, store.export()))
    (bulk_counts, bulk), (merge_counts, merge) = exports
    assert len(bulk["nodes"]) > 500 and len(bulk["relationships"]) > 1000
    assert bulk_counts[EVIDENCE] == sum(len(evidence_rows(b)) for b in batches)
    assert bulk_counts == merge_counts and bulk == merge


def test_provenance_is_complete_on_both_paths_and_for_any_batching(tmp_path, monkeypatch):
    """Every fact shows every article that supports it, earliest first, and its first distinct
    sentences, whichever path wrote it and however the articles were batched (nodes keep the last
    batch's values, so only the facts are compared across batchings)."""
    whole = _gold_batches(90, 90)[0]
    exports = []
    for name, bulk_min_rows, batches in (("bulk", 1, _gold_batches(90, 30)), ("merge", 10**9, _gold_batches(90, 30)),
                                         ("whole", 1, [whole]), ("small", 10**9, _gold_batches(90, 7))):
        monkeypatch.setattr(ladybug_bulk, "BULK_MIN_ROWS", bulk_min_rows)
        with _open(tmp_path / f"{name}.lbdb") as store:
            for batch in batches:
                store.write(batch)
            assert store.query(ENTRIES_COUNT) == [{"n": _entries(whole)}]
            exports.append((store.counts(), store.export()))
    assert exports[0] == exports[1]  # bulk and MERGE paths, same batches
    assert all((c, g["relationships"]) == (exports[0][0], exports[0][1]["relationships"]) for c, g in exports)
    counts, graph = exports[0]
    assert counts[EVIDENCE] == len(evidence_rows(whole))
    published = {n["id"]: n["properties"].get("published") for n in graph["nodes"] if n["labels"] == ["Article"]}
    rels = graph["relationships"]
    assert max(len(r["properties"]["sources"]) for r in rels) >= 20  # hub facts, every article kept
    for r in rels:
        support = whole.rels[(r["type"], r["start"], r["end"])].props["support"]
        sources = r["properties"]["sources"]
        assert sorted(sources) == sorted(support)
        assert sources == sorted(sources, key=lambda a: (published[a] is None, published[a] or "", a))
        first = list(dict.fromkeys(s for s in (support[a] for a in sources) if s))[:EVIDENCE_CAP]
        assert r["properties"]["evidence"] == first


def test_jsonl_records_are_streamed_and_counted(tmp_path):
    lines = [json.dumps({"text": build_article(2, i)[0], "url": f"https://example.org/{i}"}, ensure_ascii=False)
             for i in range(5)]
    (tmp_path / "archive.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    generate(tmp_path / "more", 3, seed=2, start=5)
    paths = [str(tmp_path / "archive.jsonl"), str(tmp_path / "more")]
    assert count_sources(paths) == 8
    with _open(tmp_path / "g.lbdb") as store:
        report = ingest(store, paths, jobs=1)
        assert (report.read, report.extracted) == (8, 8)
        assert store.counts()["Article"] == 8


def test_a_missing_path_is_a_clear_error(tmp_path):
    with _open(tmp_path / "g.lbdb") as store:
        with pytest.raises(InputFileError, match="no-such-folder"):
            ingest(store, [str(tmp_path / "no-such-folder")], jobs=1)


class RecordingStore:
    """The real store, recording on which thread each batch was written and which articles it held."""

    def __init__(self, store, fail_at=None):
        self.store, self.fail_at, self.batches, self.threads = store, fail_at, [], []

    def __getattr__(self, name):
        return getattr(self.store, name)

    def write(self, batch):
        self.batches.append(list(batch.articles))
        self.threads.append(threading.current_thread())
        if len(self.batches) == self.fail_at:
            article = batch.articles[0]
            batch.rel("MENTIONED_IN", ("Person", "h:nobody-at-all"), ("Article", article), article, ["invalid row"])
        return self.store.write(batch)


def test_batches_are_written_off_the_callers_thread_in_source_order(tmp_path, corpus, monkeypatch):
    monkeypatch.setattr(ingest_module, "FILES_PER_UNIT", 7)
    with _open(tmp_path / "g.lbdb") as store:
        recording = RecordingStore(store)
        ingest(recording, [str(corpus)], jobs=2, batch_size=20)
        assert len(recording.batches) >= 3
        assert threading.current_thread() not in recording.threads
        in_order = [a for batch in recording.batches for a in batch]
        docs = [d for d in iter_documents([str(corpus)]) if isinstance(d, Document)]
        assert in_order == [d.meta.id for d in docs]
        assert store.counts()["Article"] == 60


def test_a_failed_last_batch_is_reported_and_rolled_back(tmp_path, corpus):
    with _open(tmp_path / "g.lbdb") as store:
        recording = RecordingStore(store, fail_at=3)
        with pytest.raises(WriteFailed, match="rolled back"):
            ingest(recording, [str(corpus)], jobs=1, batch_size=25)  # batches of 25, 25, 10
        assert len(recording.batches) == 3
        assert store.counts()["Article"] == 50
        again = ingest(store, [str(corpus)], jobs=1, batch_size=25)  # the file is still usable
        assert (again.known, again.extracted) == (50, 10)


def test_an_error_while_a_batch_is_written_waits_for_that_write(tmp_path, corpus, monkeypatch):
    """Ctrl-C or an error in the pipeline must not leave the writer thread using the store after
    ingest returns (the caller closes it): the batch in progress is committed or rolled back first."""
    with _open(tmp_path / "g.lbdb") as store:
        recording = RecordingStore(store)
        extract_documents = ingest_module.extract_documents
        calls = []

        def failing_after_first_batch(docs):
            calls.append(len(docs))
            if sum(calls) > 30:
                raise KeyboardInterrupt
            return extract_documents(docs)

        monkeypatch.setattr(ingest_module, "extract_documents", failing_after_first_batch)
        with pytest.raises(KeyboardInterrupt):
            ingest(recording, [str(corpus)], jobs=1, batch_size=25)
        assert not any(t.is_alive() for t in recording.threads)
        assert store.counts()["Article"] == 25 * len(recording.batches)
