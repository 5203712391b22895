"""Ingest: read -> clean -> extract -> batch -> store, streaming and in parallel.

The work is a pipeline of small units (a few dozen files each), taken in the order the reader
walks the sources:

1. read and clean the unit's files (a worker process; ``.jsonl`` files are streamed by this
   process, since one file can hold a whole archive);
2. drop articles already in the graph (same content hash): one ``known_articles`` query per
   unit, here, BEFORE any extraction, so re-running over a grown archive costs only the new
   articles;
3. extract the rest and map them to graph rows (a worker process);
4. merge units into a write batch and, when it holds ``batch_size`` articles, hand it to the
   writer thread, which writes it while the next batch is extracted (the stores' C++ and network
   code release the GIL). Each batch is one atomic write: a failure leaves the graph as it was
   before that batch, and stops the ingest with that batch's error.

Only a bounded number of units is in flight, and at most two batches exist at a time (one being
written, one being filled: a full batch waits for the previous write to end), so memory depends
on the batch size and the number of workers, not on the size of the corpus. Results are
consumed, and batches written, in source order, so ``jobs=1`` and ``jobs=N`` build the same
graph. ``jobs=1`` runs everything but the writes in this thread.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.batch import GraphBatch, build_batch
from graph.errors import InputFileError
from graph.store import Store, WriteStats
from loaders.reader import walk_sources  # the reader's own order, so every path sees the same sequence
from loaders.records import Document, Skipped

# Articles per atomic write when the caller does not say: the embedded store bulk-loads, so
# fewer, larger batches are cheaper (each commit costs ~3 s on a 100k-article graph, whatever its
# size), but a write's peak memory grows with its size (one write into a 100k-article graph:
# 1.02 GB at 1,250 articles, 1.27 GB at 2,500, 1.51 GB at 5,000); the store gives the memory back
# after each write (LadybugStore._release_memory).
# On Neo4j 60 articles make ~9,000 rows (facts and their Evidence): one transaction of one statement
# (Neo4jStore.write).
DEFAULT_BATCH = {"ladybug": 1250, "neo4j": 60}
FILES_PER_UNIT = 32  # files read and extracted together in one worker task
JSONL_DOCS_PER_UNIT = 64  # records of a .jsonl file per unit
# Each unit asks the store once which of its articles it holds: a round trip to a server, so on
# Neo4j a unit is a whole batch (one lookup per transaction) rather than 32 files.
WHOLE_BATCH_UNITS = {"neo4j"}


@dataclass
class IngestReport:
    read: int = 0  # articles read and cleaned
    known: int = 0  # already in the graph, skipped before extraction
    extracted: int = 0  # articles extracted and stored
    skipped: list[Skipped] = field(default_factory=list)  # sources not read, with reasons
    stored: WriteStats = field(default_factory=WriteStats)
    seconds: float = 0.0  # wall time of the whole run
    chars: int = 0  # characters of article text extracted (for MB/s)
    jobs: int = 1  # worker processes used
    write_seconds: list[float] = field(default_factory=list)  # each batch's write, in order
    wait_seconds: float = 0.0  # time the pipeline stood waiting for a write to end

    def add_stats(self, stats: WriteStats) -> None:
        for mine, theirs in ((self.stored.nodes, stats.nodes), (self.stored.relationships, stats.relationships)):
            for k, v in theirs.items():
                mine[k] = mine.get(k, 0) + v
        self.stored.transactions += stats.transactions
        self.stored.round_trips += stats.round_trips

    @property
    def articles_per_second(self) -> float:
        return (self.read / self.seconds) if self.seconds else 0.0


# --------------------------------------------------------------------------- sources


def _units(paths: Iterable[str], size: int, per_unit: int = FILES_PER_UNIT) -> Iterator[tuple[str, Any]]:
    """("files", [paths]) units for workers to read, ("docs", [Document | Skipped]) for .jsonl."""
    from loaders.reader import JSONL_SUFFIXES, iter_documents

    group: list[str] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise InputFileError(str(given), "no such file or folder")
        files = walk_sources(path) if path.is_dir() else [path]
        for file in files:
            if file.suffix.lower() in JSONL_SUFFIXES:
                if group:
                    yield "files", group
                    group = []
                chunk: list[Document | Skipped] = []
                for item in iter_documents([str(file)]):
                    chunk.append(item)
                    if len(chunk) >= min(size, max(per_unit, JSONL_DOCS_PER_UNIT)):
                        yield "docs", chunk
                        chunk = []
                if chunk:
                    yield "docs", chunk
                continue
            group.append(str(file))
            if len(group) >= min(size, per_unit):
                yield "files", group
                group = []
    if group:
        yield "files", group


def count_sources(paths: Iterable[str]) -> int:
    """How many articles ``paths`` hold, cheaply (files, plus lines of .jsonl files): the
    progress bar's total. Missing paths count 0 (ingest reports them)."""
    from loaders.reader import JSONL_SUFFIXES

    total = 0
    for given in paths:
        path = Path(given)
        if not path.exists():
            continue
        for file in walk_sources(path) if path.is_dir() else [path]:
            if file.suffix.lower() in JSONL_SUFFIXES:
                try:
                    with open(file, "rb") as f:
                        total += sum(1 for line in f if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total


# --------------------------------------------------------------------------- worker tasks


def read_files(files: list[str]) -> list[Document | Skipped]:
    """Worker task: read and clean a group of files."""
    from loaders.reader import iter_documents

    return list(iter_documents(files))


@dataclass
class Extracted:
    batch: GraphBatch
    articles: int
    chars: int
    failed: list[Skipped]


def extract_documents(docs: list[Document]) -> Extracted:
    """Worker task: extract facts from documents and map them to graph rows."""
    from loaders.extract import extract

    extractions, failed, chars = [], [], 0
    for doc in docs:
        try:
            extractions.append(extract(doc))
            chars += sum(len(p) for p in doc.paragraphs)
        except Exception as exc:  # one bad article must not stop an archive's ingest
            failed.append(Skipped(doc.meta.source, f"extraction failed: {type(exc).__name__}: {exc}"))
    return Extracted(build_batch(extractions), len(extractions), chars, failed)


class _Done:
    """The result of a task run in this process, shaped like an AsyncResult."""

    def __init__(self, value: Any):
        self.value = value

    def get(self) -> Any:
        return self.value


class _InProcess:
    def apply_async(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> _Done:
        return _Done(fn(*args))

    def __enter__(self) -> _InProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


# Extraction allocates millions of short-lived objects and makes few reference cycles, so CPython's
# default first-generation threshold (700 allocations) collected every few sentences: 10-20% of a
# worker's CPU (measured 2026-11 on generated articles: 221-251 -> 278 articles/s per core). Not
# higher than 30,000: at 50,000 new real articles were extracted 25% slower (0.87 -> 0.64 MB/s per
# core at first sight; bench.run's extraction figure, 10,000 to 30,000 all alike).
GC_THRESHOLD = (20_000, 20, 100)


def tune_gc() -> tuple[int, int, int]:
    """Collect less often, and never again scan what is loaded so far (lexicons, compiled
    patterns); returns the thresholds it replaced."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)
    gc.freeze()
    return before


def _worker_start() -> None:
    import loaders.extract  # noqa: F401 - loaded before the freeze, so never scanned again

    tune_gc()


# A worker is replaced after this many units (~5,000 articles). The extractor's memos are bounded,
# but together they grew a worker to ~280 MB over 50,000 articles (~105 MB after 5,000); a new
# worker starts them empty, for ~6% more extraction time (measured on generated articles: 3.8 ms
# per article over 5,000, 3.56 over 10,000).
UNITS_PER_WORKER = 160


def _pool(jobs: int) -> Any:
    if jobs <= 1:
        return _InProcess()
    # "spawn": workers start clean (no copy of the open database or its threads) on every OS.
    return multiprocessing.get_context("spawn").Pool(jobs, initializer=_worker_start,
                                                     maxtasksperchild=UNITS_PER_WORKER)


# --------------------------------------------------------------------------- the writer


class _Writer:
    """Writes batches on one background thread, in the order given, one at a time.

    ``submit`` waits for the previous write to end before handing over the next batch, so at most
    one batch is being written while the caller fills another. ``on_written`` runs in the
    caller's thread once a write has ended; a failed write's error is raised there instead, and
    nothing after it is written.
    """

    def __init__(self, store: Store, on_written: Callable[[GraphBatch, WriteStats, float], None]):
        self.store, self.on_written = store, on_written
        self.seconds = 0.0  # the last write's duration
        self._thread: threading.Thread | None = None
        self._batch: GraphBatch | None = None
        self._outcome: WriteStats | BaseException | None = None

    def submit(self, batch: GraphBatch) -> float:
        """Hand ``batch`` over; the seconds spent waiting for the previous write to end."""
        started = time.perf_counter()
        self.wait()
        waited = time.perf_counter() - started
        self._batch, self._outcome = batch, None
        self._thread = threading.Thread(target=self._write, name="partykg-writer", daemon=True)
        self._thread.start()
        return waited

    def _write(self) -> None:
        started = time.perf_counter()
        try:
            self._outcome = self.store.write(self._batch)
        except BaseException as exc:  # raised in the caller's thread by wait()
            self._outcome = exc
        self.seconds = time.perf_counter() - started

    def wait(self) -> None:
        """Wait for the write in progress to end; report it, or raise its error."""
        if self._thread is None:
            return
        self._thread.join()
        batch, outcome = self._batch, self._outcome
        self._thread = self._batch = self._outcome = None
        if isinstance(outcome, BaseException):
            raise outcome
        self.on_written(batch, outcome, self.seconds)


# --------------------------------------------------------------------------- the pipeline


def ingest(
    store: Store,
    paths: Iterable[str],
    *,
    batch_size: int | None = None,
    progress: Callable[[int], None] | None = None,
    jobs: int | None = None,
) -> IngestReport:
    """Ingest every article under ``paths`` into ``store``.

    ``batch_size`` articles per atomic write (default by store, ``DEFAULT_BATCH``; a batch may
    exceed it by part of a unit); ``jobs`` worker processes (default: all cores;
    1 runs in this process); ``progress(n)`` after each unit of ``n`` sources is done.
    """
    started = time.perf_counter()
    batch_size = batch_size or DEFAULT_BATCH.get(getattr(store, "dialect", ""), 200)
    jobs = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
    report = IngestReport(jobs=jobs)
    paths = list(paths)
    per_unit = batch_size if getattr(store, "dialect", "") in WHOLE_BATCH_UNITS else FILES_PER_UNIT
    units = _units(paths, batch_size, per_unit)  # a unit never spans more than one batch
    first = next(units, None)
    second = next(units, None)
    if second is None:  # one small unit: starting workers would cost more than it saves
        jobs = report.jobs = 1
    queue = [u for u in (first, second) if u is not None]

    def all_units() -> Iterator[tuple[str, Any]]:
        yield from queue
        yield from units

    pending = GraphBatch()
    pending_articles = 0
    in_flight_ids: set[str] = set()  # extracted or being extracted, not yet written
    reading: deque[Any] = deque()  # read tasks (or .jsonl units already read), oldest first
    extracting: deque[tuple[Any, int]] = deque()  # (extraction task, sources in its unit)
    window = 2 * jobs  # units in flight at each stage

    def written(batch: GraphBatch, stats: WriteStats, seconds: float) -> None:
        report.add_stats(stats)
        report.write_seconds.append(seconds)
        in_flight_ids.difference_update(batch.articles)  # committed: known_articles finds them now

    writer = _Writer(store, written)

    def flush() -> None:
        nonlocal pending, pending_articles
        if pending_articles:
            report.wait_seconds += writer.submit(pending)
        pending, pending_articles = GraphBatch(), 0

    def finish_extraction() -> None:
        nonlocal pending_articles
        result, sources = extracting.popleft()
        extracted: Extracted = result.get()
        if extracted.articles:
            pending.merge(extracted.batch)
            pending_articles += extracted.articles
        report.extracted += extracted.articles
        report.chars += extracted.chars
        report.skipped.extend(extracted.failed)
        if pending_articles >= batch_size:
            flush()
        if progress:
            progress(sources)

    def finish_reading() -> None:
        result = reading.popleft()
        items: list[Document | Skipped] = result if isinstance(result, list) else result.get()
        docs = [d for d in items if isinstance(d, Document)]
        report.skipped.extend(s for s in items if isinstance(s, Skipped))
        report.read += len(docs)
        ids = [d.meta.id for d in docs]
        known = (store.known_articles(ids) if ids else set()) | (in_flight_ids & set(ids))
        todo: list[Document] = []
        for doc in docs:
            if doc.meta.id in known:
                report.known += 1
                continue
            known.add(doc.meta.id)
            in_flight_ids.add(doc.meta.id)
            todo.append(doc)
        extracting.append((pool.apply_async(extract_documents, (todo,)), len(items)))
        while len(extracting) > window:
            finish_extraction()

    completed = False
    gc_before = tune_gc()  # this process merges every batch: the same allocation pattern
    try:
        with _pool(jobs) as pool:
            for kind, payload in all_units():
                reading.append(pool.apply_async(read_files, (payload,)) if kind == "files" else payload)
                while len(reading) > window:
                    finish_reading()
            while reading:
                finish_reading()
            while extracting:
                finish_extraction()
            flush()
        completed = True
    finally:
        # Never leave a write running past the ingest (the caller may close the store): after an
        # error or Ctrl-C here, the write in progress still ends, committed or rolled back, and
        # the first error is the one raised.
        try:
            started_waiting = time.perf_counter()
            writer.wait()
            report.wait_seconds += time.perf_counter() - started_waiting
        except BaseException:
            if completed:
                raise
        finally:
            gc.set_threshold(*gc_before)
            gc.unfreeze()
    report.seconds = time.perf_counter() - started
    return report
