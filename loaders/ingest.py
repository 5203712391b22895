"""Ingest: read -> clean -> extract -> batch -> store, with a report of what happened.

Articles already stored (same content hash) are skipped before extraction. Each batch is
written atomically, so a failure leaves the graph as it was before that batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from graph.batch import build_batch
from graph.store import Store, WriteStats
from loaders.records import Document, Extraction, Skipped


@dataclass
class IngestReport:
    read: int = 0  # articles read and cleaned
    known: int = 0  # already in the graph, skipped before extraction
    extracted: int = 0  # articles extracted and stored
    skipped: list[Skipped] = field(default_factory=list)  # sources not read, with reasons
    stored: WriteStats = field(default_factory=WriteStats)

    def add_stats(self, stats: WriteStats) -> None:
        for mine, theirs in ((self.stored.nodes, stats.nodes), (self.stored.relationships, stats.relationships)):
            for k, v in theirs.items():
                mine[k] = mine.get(k, 0) + v
        self.stored.transactions += stats.transactions
        self.stored.round_trips += stats.round_trips


def _chunks(items: Iterable[Document | Skipped], size: int) -> Iterator[list[Document | Skipped]]:
    chunk: list[Document | Skipped] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def ingest(
    store: Store,
    paths: Iterable[str],
    *,
    batch_size: int = 200,
    progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Ingest every article under ``paths`` into ``store``; ``progress(n)`` after each chunk."""
    from loaders.extract import extract
    from loaders.reader import iter_documents

    report = IngestReport()
    for chunk in _chunks(iter_documents(paths), batch_size):
        docs = [d for d in chunk if isinstance(d, Document)]
        report.skipped.extend(s for s in chunk if isinstance(s, Skipped))
        report.read += len(docs)
        known = store.known_articles([d.meta.id for d in docs]) if docs else set()
        report.known += sum(1 for d in docs if d.meta.id in known)
        extractions: list[Extraction] = []
        seen: set[str] = set(known)
        for doc in docs:
            if doc.meta.id in seen:
                continue
            seen.add(doc.meta.id)
            extractions.append(extract(doc))
        if extractions:
            report.add_stats(store.write(build_batch(extractions)))
            report.extracted += len(extractions)
        if progress:
            progress(len(chunk))
    return report
