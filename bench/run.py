"""Benchmarks: extraction throughput, ingest at 1k/10k/100k articles, canned queries, Neo4j batching.

    python -m bench.run            # the full run (by hand: generates and ingests 100k articles)
    python -m bench.run --quick    # CI: 1k articles, a few query runs; prints the same table

Figures are printed, never asserted: a slow machine does not fail the build. Each ingest runs in
a fresh process, so its peak memory is its own. Corpora and graphs go under ``--work``
(default ``/tmp/partykg-bench``); generated corpora are reused across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
GOALS = {
    "extract_mb_s": 2.0, "vs_underthesea": 100, "ingest_100k_s": 600, "rss_mb": 1536,
    "query_median_ms": 50, "query_worst_ms": 200, "neo4j_round_trips_per_1000_rows": 1.0,
}


# --------------------------------------------------------------------------- machine


def machine() -> dict[str, Any]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
    except (OSError, StopIteration):
        mem_kb = 0
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gb": round(mem_kb / 1024 / 1024, 1),
            "python": platform.python_version()}


# --------------------------------------------------------------------------- extraction


def bench_documents(quick: bool) -> tuple[list[Any], str]:
    """The real articles when the shared corpus is there (seeds and dev), else generated full-length ones."""
    from loaders.reader import iter_documents
    from loaders.records import Document

    if SEEDS.is_dir():
        paths = [str(p) for folder in (SEEDS, SEEDS.parent / "dev") for p in sorted(folder.glob("*.txt"))]
        label = "corpus articles (seeds and dev)"
    else:
        from bench.generate import generate

        folder = work_dir() / "extract-sample"
        if not (folder / ".complete").exists():
            generate(folder, 40, seed=1)
            (folder / ".complete").touch()
        paths, label = [str(folder)], "generated articles"
    return [d for d in iter_documents(paths) if isinstance(d, Document)], label


def clear_extraction_caches() -> int:
    """Empty the extractor's bounded memo caches (names, titles, places, sentences seen before),
    keeping its lexicons (loaded once, ``maxsize=1``): the state of a worker meeting new text."""
    cleared = 0
    for name, module in list(sys.modules.items()):
        if name.startswith("loaders."):
            for key, obj in vars(module).items():
                if callable(getattr(obj, "cache_clear", None)) and obj.cache_info().maxsize != 1:
                    obj.cache_clear()
                    cleared += 1
                elif key.endswith("_CACHE") and isinstance(obj, dict):  # hand-made bounded memos
                    obj.clear()
                    cleared += 1
    return cleared


def bench_extraction(quick: bool) -> dict[str, Any]:
    """Two figures on the same articles. "First sight", the honest one: the worker has warmed its
    caches on a few hundred OTHER (generated) articles, as it has mid-archive, then meets each
    article once; repeated with the caches emptied in between. "Repeated": the same articles
    over and over, so every sentence is already cached (what a re-extraction costs; flattering).
    Measured as an ingest worker runs (``loaders.ingest.tune_gc``); underthesea with Python's defaults."""
    import gc

    from loaders.extract import extract
    from loaders.ingest import tune_gc
    from loaders.reader import iter_documents
    from loaders.records import Document

    docs, label = bench_documents(quick)
    chars = sum(len(d.text.encode("utf-8")) for d in docs)
    warm_folder, _ = corpus(1000)
    warm_files = sorted(str(p) for p in warm_folder.glob("*.txt"))[: 100 if quick else 300]
    warm = [d for d in iter_documents(warm_files) if isinstance(d, Document)]
    gc_before = tune_gc()
    first_cpu, first_wall, passes = 0.0, 0.0, (2 if quick else 8)
    for _ in range(passes):
        clear_extraction_caches()
        for d in warm:
            extract(d)
        wall, cpu = time.perf_counter(), time.process_time()
        for d in docs:
            extract(d)
        first_cpu += time.process_time() - cpu
        first_wall += time.perf_counter() - wall
    runs, started = 0, time.perf_counter()
    while True:
        for d in docs:
            extract(d)
        runs += 1
        elapsed = time.perf_counter() - started
        if elapsed > (1.0 if quick else 5.0):
            break
    gc.set_threshold(*gc_before)
    gc.unfreeze()
    out = {"sample": f"{len(docs)} {label}, {chars / 1000:.0f} KB",
           "articles_s": passes * len(docs) / first_wall, "mb_s": passes * chars / first_wall / 1e6,
           "mb_s_cpu": passes * chars / first_cpu / 1e6,
           "repeated_articles_s": runs * len(docs) / elapsed, "repeated_mb_s": runs * chars / elapsed / 1e6}
    try:
        from underthesea import ner
    except ImportError:
        out["underthesea"] = "underthesea not installed"
        return out
    sample, sample_chars = docs, chars  # the same articles, each once
    paragraphs = [p for d in sample for p in d.paragraphs]
    ner(paragraphs[0])  # loads its model
    started = time.perf_counter()
    for p in paragraphs:
        ner(p)
    elapsed = time.perf_counter() - started
    out["underthesea_articles_s"] = len(sample) / elapsed
    out["underthesea_mb_s"] = sample_chars / elapsed / 1e6
    out["ratio"] = out["mb_s"] / out["underthesea_mb_s"]
    return out


# --------------------------------------------------------------------------- ingest


def work_dir() -> Path:
    return Path(os.environ.get("PARTYKG_BENCH_DIR", "/tmp/partykg-bench"))


def corpus(n: int, seed: int = 7) -> tuple[Path, float]:
    """A generated corpus of ``n`` articles (reused when complete); seconds spent generating."""
    from bench.generate import generate

    folder = work_dir() / f"corpus-s{seed}-n{n}"
    if (folder / ".complete").exists():
        return folder, 0.0
    started = time.perf_counter()
    generate(folder, n, seed)
    (folder / ".complete").touch()
    return folder, time.perf_counter() - started


class PeakRSS:
    """Samples the resident memory of this process and its workers a few times a second."""

    def __init__(self, interval: float = 0.25):
        self.interval, self.peak_total, self.peak_main = interval, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            import psutil
        except ImportError:
            return
        me = psutil.Process()
        while not self._stop.is_set():
            try:
                main = me.memory_info().rss
                total = main + sum(c.memory_info().rss for c in me.children(recursive=True))
            except psutil.Error:
                continue
            self.peak_main, self.peak_total = max(self.peak_main, main), max(self.peak_total, total)
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        import resource

        self.peak_main = max(self.peak_main, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)


def ingest_once(corpus_dir: str, db: str, jobs: int | None) -> dict[str, Any]:
    """One ingest into a fresh graph (run in its own process by ``bench_ingest``)."""
    from graph.ladybug_store import LadybugStore
    from loaders.ingest import ingest

    with PeakRSS() as rss:
        store = LadybugStore(db)
        report = ingest(store, [corpus_dir], jobs=jobs)
        store.close()
    return {"articles": report.read, "extracted": report.extracted, "seconds": report.seconds,
            "articles_s": report.articles_per_second, "mb": report.chars / 1e6, "jobs": report.jobs,
            "transactions": report.stored.transactions, "skipped": len(report.skipped),
            "rss_main_mb": rss.peak_main / 2**20, "rss_total_mb": rss.peak_total / 2**20,
            "write_s": [round(s, 1) for s in report.write_seconds], "wait_s": report.wait_seconds}


def bench_ingest(sizes: list[int], jobs: int | None) -> list[dict[str, Any]]:
    results = []
    for n in sizes:
        folder, gen_s = corpus(n)
        db = work_dir() / f"graph-n{n}.lbdb"
        for stale in work_dir().glob(f"graph-n{n}.lbdb*"):
            stale.unlink()
        cmd = [sys.executable, "-m", "bench.run", "--ingest-one", str(folder), str(db)]
        if jobs:
            cmd += ["--jobs", str(jobs)]
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1])
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            raise SystemExit(f"ingest of {n} articles failed")
        result = json.loads(done.stdout.strip().splitlines()[-1])
        result.update(size=n, generate_s=gen_s, db=str(db))
        results.append(result)
        print(f"  ingest {n}: {result['seconds']:.1f} s, {result['articles_s']:.0f} articles/s, "
              f"peak RSS {result['rss_total_mb']:.0f} MB", file=sys.stderr)
    return results


# --------------------------------------------------------------------------- queries


def sample_params(store: Any) -> dict[str, dict[str, Any]]:
    """Parameters for every canned query, taken from the graph: its most mentioned people,
    organisations, positions and documents (the names users will ask about most)."""

    def top(cypher: str) -> list[str]:
        return [r["v"] for r in store.query(cypher)]

    people = top("MATCH (p:Person)-[r:MENTIONED_IN]->() RETURN p.name AS v, count(r) AS c ORDER BY c DESC LIMIT 2")
    org = top("MATCH (o:Organization)-[r:MENTIONED_IN]->() RETURN o.name AS v, count(r) AS c ORDER BY c DESC LIMIT 1")
    title = top("MATCH (p:Position)<-[r:HOLDS]-() RETURN p.title AS v, count(r) AS c ORDER BY c DESC LIMIT 1")
    doc = top("MATCH (d:Resolution)-[r:MENTIONED_IN]->() RETURN d.name AS v, count(r) AS c ORDER BY c DESC LIMIT 1")
    person, other = (people + ["", ""])[:2]
    values = {"person": person, "org": (org or [""])[0], "title": (title or [""])[0], "a": person, "b": other}
    from queries.catalog import QUERIES

    params: dict[str, dict[str, Any]] = {}
    for q in QUERIES.values():
        p: dict[str, Any] = {}
        for param in q.params:
            if not param.required:
                continue
            if param.name == "name":
                p["name"] = (doc or [""])[0] if q.name in ("resolution", "citations") else person
            else:
                p[param.name] = values.get(param.name, "")
        params[q.name] = p
    return params


def bench_queries(db: str, runs: int) -> list[dict[str, Any]]:
    from graph.ladybug_store import LadybugStore
    from queries.catalog import QUERIES
    from queries.run import run_query

    store = LadybugStore(db, read_only=True)
    params = sample_params(store)
    out = []
    for name in QUERIES:
        times, cpu, rows = [], [], 0
        run_query(store, name, params[name])  # warm
        for _ in range(runs):
            started, started_cpu = time.perf_counter(), time.process_time()
            rows = len(run_query(store, name, params[name]))
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)  # all threads; steadier on a shared machine
        out.append({"query": name, "params": params[name], "rows": rows,
                    "median_ms": statistics.median(times), "worst_ms": max(times),
                    "median_cpu_ms": statistics.median(cpu)})
    store.close()
    return out


# --------------------------------------------------------------------------- subgraph exports


def export_selections(store: Any) -> list[tuple[str, list[str]]]:
    """Selections users export, on the graph's hubs: the provincial party committee with the most
    bodies below it (``--org``) and the most mentioned person's neighbourhood (``--around``)."""
    committee = store.query(
        "MATCH (c:Organization)-[:PART_OF]->(o:Organization) WHERE o.kind = 'party committee' "
        "AND o.level = 'provincial' RETURN o.name AS v, count(c) AS c ORDER BY c DESC, v LIMIT 1")
    person = store.query(
        "MATCH (p:Person)-[r:MENTIONED_IN]->() RETURN p.name AS v, count(r) AS c ORDER BY c DESC, v LIMIT 1")
    out = []
    if committee:
        out.append((f"--org {committee[0]['v']}", ["--org", committee[0]["v"]]))
    if person:
        out.append((f"--around {person[0]['v']} --hops 1", ["--around", person[0]["v"], "--hops", "1"]))
    return out


def bench_exports(db: str) -> list[dict[str, Any]]:
    """``partykg export --format json`` of each selection, each in a fresh process (wall time,
    peak RSS of that process)."""
    from graph.ladybug_store import LadybugStore

    store = LadybugStore(db, read_only=True)
    selections = export_selections(store)
    store.close()
    out = []
    for label, flags in selections:
        target = work_dir() / "export.json"
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", "from cli.main import run; run()", "export", "--db", db,
                                 "--format", "json", "--out", str(target), *flags],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        said = (proc.stdout.read() + proc.stderr.read()).decode("utf-8", "replace").strip()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            raise RuntimeError(f"partykg export {label} failed: {said}")
        out.append({"selection": label, "seconds": seconds, "rss_mb": usage.ru_maxrss / 1024,
                    "output": said.splitlines()[-1] if said else ""})
        target.unlink(missing_ok=True)
    return out


# --------------------------------------------------------------------------- Neo4j batching


class _CountingTx:
    """Stands in for a Neo4j transaction: counts the statements and rows that would be sent."""

    def __init__(self, tally: dict[str, int]):
        self.tally = tally

    def run(self, statement: str, parameters: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        params = {**(parameters or {}), **kwargs}
        sizes = {k: len(v) for k, v in params.items() if isinstance(v, list)}
        self.tally["round_trips"] += 1  # RUN and PULL go together
        self.tally["rows"] += sum(sizes.values())
        self.tally["max_rows_per_statement"] = max(self.tally["max_rows_per_statement"], sum(sizes.values()))
        return type("Result", (), {"single": lambda self: sizes})()  # as if every row was written


class _CountingSession:
    def __init__(self, tally: dict[str, int]):
        self.tally = tally

    def execute_write(self, work: Any) -> Any:
        self.tally["transactions"] += 1
        self.tally["round_trips"] += 2  # BEGIN, then COMMIT (the driver waits for each)
        return work(_CountingTx(self.tally))

    def run(self, statement: str, parameters: dict[str, Any] | None = None, **kwargs: Any) -> list[Any]:
        """An auto-commit query (``known_articles``): one round trip; nothing is stored yet."""
        self.tally["round_trips"] += 1
        self.tally["reads"] += 1
        return []

    def __enter__(self) -> _CountingSession:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def counting_neo4j_store(tally: dict[str, int]) -> Any:
    """A Neo4jStore whose own ``write`` and ``known_articles`` run unchanged, against a session
    that counts round trips and rows instead of sending them."""
    from graph.neo4j_store import Neo4jStore

    store = object.__new__(Neo4jStore)
    store.location, store.database, store._driver = "count-only://", None, None
    store._session = lambda *args: _CountingSession(tally)
    return store


def bench_neo4j(n: int, jobs: int | None) -> dict[str, Any]:
    from loaders.ingest import ingest

    folder, _ = corpus(n)
    tally = {"transactions": 0, "round_trips": 0, "reads": 0, "rows": 0, "max_rows_per_statement": 0}
    report = ingest(counting_neo4j_store(tally), [str(folder)], jobs=jobs)
    tally["articles"] = report.extracted
    tally["rows_per_transaction"] = tally["rows"] / max(1, tally["transactions"])
    tally["round_trips_per_1000_rows"] = 1000 * tally["round_trips"] / max(1, tally["rows"])
    return tally


# --------------------------------------------------------------------------- report


def table(results: dict[str, Any]) -> str:
    m, lines = results["machine"], []
    lines.append(f"Machine: {m['nproc']} cores, {m['cpu']}, {m['ram_gb']} GB RAM, Python {m['python']}")
    lines.append("")
    lines.append("| measure | partykg | reference / goal |")
    lines.append("|---|---|---|")
    ex = results.get("extraction")
    if ex:
        ref = ex.get("underthesea", "")
        if "underthesea_mb_s" in ex:
            ref = (f"underthesea.ner: {ex['underthesea_articles_s']:.2f} articles/s, "
                   f"{ex['underthesea_mb_s'] * 1000:.1f} KB/s; partykg is {ex['ratio']:.0f}x (goal >= 100x)")
        lines.append(f"| extraction, one core, first sight ({ex['sample']}, each met once after 300 other "
                     f"articles) | {ex['articles_s']:.0f} articles/s, {ex['mb_s']:.2f} MB/s "
                     f"({ex['mb_s_cpu']:.2f} MB/s of CPU) | {ref}; goal >= 2 MB/s per core |")
        lines.append(f"| extraction, one core, the same articles repeated (sentences cached) | "
                     f"{ex['repeated_articles_s']:.0f} articles/s, {ex['repeated_mb_s']:.2f} MB/s | |")
    for r in results.get("ingest", []):
        lines.append(f"| ingest {r['size']:,} generated articles ({r['mb']:.0f} MB text, {r['jobs']} workers) | "
                     f"{r['seconds']:.0f} s ({1000 * r['seconds'] / max(1, r['articles']):.1f} s per 1,000: linear "
                     f"when this stays flat), {r['articles_s']:.0f} articles/s, peak RSS {r['rss_total_mb']:.0f} MB "
                     f"(main {r['rss_main_mb']:.0f} MB); {len(r.get('write_s', []))} batch writes, "
                     f"{sum(r.get('write_s', [])):.0f} s in all (first {(r.get('write_s') or [0])[0]:.0f} s, "
                     f"last {(r.get('write_s') or [0])[-1]:.0f} s), pipeline waited {r.get('wait_s', 0):.0f} s "
                     f"for them | goal for 100k: <= 600 s, <= 1536 MB, linear |")
    qs = results.get("queries", [])
    if qs:
        size = results["ingest"][-1]["size"]
        for q in qs:
            lines.append(f"| query `{q['query']}` on the {size:,}-article graph ({q['rows']} rows) | "
                         f"median {q['median_ms']:.1f} ms, worst {q['worst_ms']:.1f} ms "
                         f"(CPU median {q.get('median_cpu_ms', 0):.1f} ms) | goal <= 50 ms / <= 200 ms |")
    for e in results.get("exports", []):
        size = results["ingest"][-1]["size"]
        lines.append(f"| `partykg export --format json {e['selection']}` on the {size:,}-article graph | "
                     f"{e['seconds']:.1f} s, peak RSS {e['rss_mb']:.0f} MB ({e['output']}) | |")
    neo = results.get("neo4j")
    if neo:
        lines.append(f"| Neo4j batching, {neo['articles']:,}-article ingest (counted, no server) | "
                     f"{neo['transactions']} transactions, {neo['round_trips']} round trips "
                     f"({neo['reads']} of them `known_articles` reads), {neo['rows']:,} rows: "
                     f"{neo['rows_per_transaction']:.0f} rows/transaction, "
                     f"{neo['round_trips_per_1000_rows']:.2f} round trips per 1,000 rows | goal <= 1 per 1,000 rows |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes for CI (1k articles)")
    parser.add_argument("--sizes", help="comma-separated corpus sizes (default 1000,10000,100000; quick: 1000)")
    parser.add_argument("--jobs", type=int, default=None, help="ingest workers (default: all cores)")
    parser.add_argument("--query-runs", type=int, default=None, help="runs per query (default 20; quick: 5)")
    parser.add_argument("--neo4j-size", type=int, default=None, help="articles for the Neo4j count (10000; quick 1000)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--ingest-one", nargs=2, metavar=("CORPUS", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.ingest_one:
        print(json.dumps(ingest_once(args.ingest_one[0], args.ingest_one[1], args.jobs)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else ([1000] if args.quick else [1000, 10000, 100000])
    work_dir().mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"machine": machine(), "command": " ".join(["python -m bench.run", *sys.argv[1:]])}
    print("extraction ...", file=sys.stderr)
    results["extraction"] = bench_extraction(args.quick)
    print("ingest ...", file=sys.stderr)
    results["ingest"] = bench_ingest(sizes, args.jobs)
    print("queries ...", file=sys.stderr)
    results["queries"] = bench_queries(results["ingest"][-1]["db"], args.query_runs or (5 if args.quick else 20))
    print("subgraph exports ...", file=sys.stderr)
    results["exports"] = bench_exports(results["ingest"][-1]["db"])
    print("neo4j batching ...", file=sys.stderr)
    results["neo4j"] = bench_neo4j(args.neo4j_size or (1000 if args.quick else 10000), args.jobs)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
