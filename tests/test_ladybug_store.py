"""The embedded LadybugDB store: atomic idempotent writes, provenance in evidence pages, read-only queries."""

from __future__ import annotations

import datetime as dt
import threading

import ladybug
import pytest

import graph.ladybug_store as ladybug_store
from graph import ladybug_bulk
from graph.batch import GraphBatch
from graph.errors import PartyKGError, QueryError, ReadOnlyViolation, StoreUnavailable, WriteFailed
from graph.ladybug_store import LadybugStore
from graph.schema import EVIDENCE, EVIDENCE_CAP, EVIDENCE_PAGE, LABELS, REL_TYPES, ladybug_ddl

S_CHAIR = "Đồng chí Vũ Đức Bảo, Trưởng Ban Tổ chức Thành ủy chủ trì hội nghị giao ban."
S_CHAIR_2 = "Trưởng Ban Tổ chức Thành ủy Vũ Đức Bảo phát biểu chỉ đạo tại buổi làm việc."
S_DOC = "Hội nghị quán triệt Chỉ thị số 05-CT/TW của Bộ Chính trị."

PERSON = ("Person", "h:vu-duc-bao@ha-noi")
POSITION = ("Position", "p:truong-ban-to-chuc-thanh-uy-ha-noi")
BOARD = ("Organization", "o:ban-to-chuc-thanh-uy-ha-noi")
CITY = ("Organization", "o:thanh-uy-ha-noi")
MEETING = ("Meeting", "m:giao-ban-2020")
DIRECTIVE = ("Resolution", "r:chi-thi:5:tw")


def hanoi_batch(article: str = "a:1", published: str = "2020-07-01", evidence: str = S_CHAIR) -> GraphBatch:
    """One article's facts, written the way graph.batch writes them."""
    b = GraphBatch()
    art = ("Article", b.node("Article", article, source=f"{article}.txt", title="Giao ban", published=published,
                             outlet="HNP", url=None))
    b.articles.append(article)
    b.node(*PERSON, name="Vũ Đức Bảo", search="vu duc bao")
    b.node(*POSITION, title="Trưởng Ban Tổ chức Thành ủy Hà Nội", role="Trưởng Ban",
           search="truong ban to chuc thanh uy ha noi")
    b.node(*BOARD, name="Ban Tổ chức Thành ủy Hà Nội", kind="commission", level="provincial", locality="Hà Nội",
           search="ban to chuc thanh uy ha noi")
    b.node(*CITY, name="Thành ủy Hà Nội", search="thanh uy ha noi")  # named only as a parent
    b.node(*MEETING, name="Hội nghị giao ban", kind="giao ban", date="2020-07-01", search="hoi nghi giao ban")
    b.node(*DIRECTIVE, kind="Chỉ thị", number="05-CT/TW", name="Chỉ thị số 05-CT/TW", issuer="Bộ Chính trị",
           search="chi thi so 05-ct/tw")
    b.rel("HOLDS", PERSON, POSITION, article, [evidence])
    b.rel("OF", POSITION, BOARD, article, [evidence])
    b.rel("PART_OF", BOARD, CITY, article, [evidence])
    b.rel("CHAIRED", PERSON, MEETING, article, [evidence])
    b.rel("DISCUSSED", MEETING, DIRECTIVE, article, [S_DOC])
    for node in (PERSON, BOARD, MEETING, DIRECTIVE):
        b.rel("MENTIONED_IN", node, art, article, [evidence])
    return b


FACTS = 9  # relationships in hanoi_batch, each with one evidence row from its article
# One evidence page per anchor and batch, each linked to it: the article (OF, PART_OF, four
# MENTIONED_IN), the meeting (CHAIRED, DISCUSSED), the person and the position (HOLDS).
PAGES = 4
PAGE_ROWS = ("MATCH (pg:EvidencePage)-[:SUPPORTS]->(x) RETURN label(x) AS label, x.id AS id, pg.anchor AS anchor, "
             "size(pg.entries) AS entries ORDER BY label, id")
EMPTY = {name: 0 for name in (*LABELS, EVIDENCE, *REL_TYPES)}


def holds_props(store: LadybugStore) -> dict:
    """The HOLDS fact as an export shows it (provenance read from its Evidence nodes)."""
    rows = [r for r in store.export()["relationships"] if r["type"] == "HOLDS"]
    assert len(rows) == 1
    return rows[0]["properties"]


def test_new_file_has_every_label_and_type_with_zero_counts(store):
    assert store.counts() == EMPTY


def test_write_stores_every_row_in_one_transaction(store):
    stats = store.write(hanoi_batch())
    assert stats.transactions == 1
    assert stats.nodes == {"Article": 1, "Person": 1, "Position": 1, "Organization": 2, "Meeting": 1, "Resolution": 1,
                           EVIDENCE: FACTS}
    assert stats.relationships["MENTIONED_IN"] == 4 and stats.relationships["HOLDS"] == 1
    assert stats.relationships["SUPPORTS"] == PAGES
    counts = store.counts()
    assert counts["Organization"] == 2 and counts["MENTIONED_IN"] == 4 and counts["WROTE"] == 0
    assert counts[EVIDENCE] == FACTS
    assert store.query(PAGE_ROWS) == [
        {"label": "Article", "id": "a:1", "anchor": "Article", "entries": 6},
        {"label": "Meeting", "id": MEETING[1], "anchor": "Meeting", "entries": 2},
        {"label": "Person", "id": PERSON[1], "anchor": "Person", "entries": 1},
        {"label": "Position", "id": POSITION[1], "anchor": "Position", "entries": 1}]
    # Each page counts its entries, so counting evidence reads no entry.
    assert store.query("MATCH (pg:EvidencePage) WHERE pg.rows <> size(pg.entries) RETURN count(*) AS n") == [{"n": 0}]
    # Relationships carry no properties of their own.
    assert store.query("MATCH (:Person)-[r:HOLDS]->(:Position) RETURN r")[0]["r"]["properties"] == {}


def test_writing_the_same_batch_twice_changes_nothing(store):
    store.write(hanoi_batch())
    counts, graph = store.counts(), store.export()
    store.write(hanoi_batch())
    assert store.counts() == counts
    assert store.export() == graph


def test_provenance_gathers_every_article_earliest_first_across_batches(store):
    store.write(hanoi_batch("a:2", "2021-01-05", S_CHAIR_2))
    store.write(hanoi_batch("a:1", "2020-07-01", S_CHAIR))
    props = holds_props(store)
    assert props == {"sources": ["a:1", "a:2"], "evidence": [S_CHAIR, S_CHAIR_2],
                     "first_seen": "2020-07-01", "last_seen": "2021-01-05"}
    # Writing an old article again neither duplicates provenance nor changes the dates.
    counts = store.counts()
    store.write(hanoi_batch("a:1", "2020-07-01", S_CHAIR))
    assert holds_props(store) == props
    assert store.counts() == counts and counts[EVIDENCE] == 2 * FACTS


def _dated(i: int) -> str:
    """Article a:i's date: later ids are earlier articles, two a day."""
    return (dt.date(2020, 1, 1) + dt.timedelta(days=(129 - i) // 2)).isoformat()


def _hundred_thirty_batch(chunk: list[int]) -> GraphBatch:
    b = GraphBatch()
    for i in chunk:
        b.merge(hanoi_batch(f"a:{i:04d}", _dated(i), f"{S_CHAIR} ({i // 2})"))  # two articles share a sentence
    return b


def _write_130(path, monkeypatch, bulk_min_rows: int, size: int) -> LadybugStore:
    monkeypatch.setattr(ladybug_bulk, "BULK_MIN_ROWS", bulk_min_rows)
    articles = list(range(130))
    store = LadybugStore(path)
    for k in range(0, len(articles), size):
        store.write(_hundred_thirty_batch(articles[k:k + size]))
    return store


def test_provenance_keeps_every_article_on_both_paths_and_any_batching(tmp_path, monkeypatch):
    """130 articles support each fact: sources lists all of them, evidence the first distinct
    sentences; the bulk and MERGE paths and any batching give the same graph."""
    exports = {}
    for name, bulk_min_rows, size in (("bulk", 1, 30), ("merge", 10**9, 30), ("whole", 1, 130), ("ones", 10**9, 1)):
        with _write_130(tmp_path / f"{name}.lbdb", monkeypatch, bulk_min_rows, size) as store:
            exports[name] = (store.counts(), store.export())
            if name == "bulk":  # written again, or late, the same articles change nothing
                store.write(_hundred_thirty_batch(list(range(121, 130))))
                store.write(_hundred_thirty_batch(list(range(9))))
                assert (store.counts(), store.export()) == exports[name]
            # Every path stores each (fact, article) once per anchor (HOLDS: the person's and the
            # position's pages), and links every page to its anchor once.
            assert store.query("MATCH (pg:EvidencePage) UNWIND pg.entries AS e RETURN count(*) AS n") == [
                {"n": 130 * (FACTS + 1)}]
            assert store.query("MATCH (pg:EvidencePage)-[s:SUPPORTS]->() RETURN count(DISTINCT pg) AS pages, "
                               "count(s) AS links") == [{"pages": len(store.query(PAGE_ROWS))} | {
                                   "links": len(store.query(PAGE_ROWS))}]
    counts, graph = exports["bulk"]
    assert all(exported == exports["bulk"] for exported in exports.values())
    assert counts[EVIDENCE] == 130 * FACTS and counts["Article"] == 130 and counts["HOLDS"] == 1
    holds = next(r for r in graph["relationships"] if r["type"] == "HOLDS")
    assert holds["properties"]["sources"] == [f"a:{i:04d}" for k in range(65) for i in (128 - 2 * k, 129 - 2 * k)]
    assert holds["properties"]["evidence"] == [f"{S_CHAIR} ({64 - k})" for k in range(EVIDENCE_CAP)]
    assert (holds["properties"]["first_seen"], holds["properties"]["last_seen"]) == ("2020-01-01", "2020-03-05")
    assert len(holds["support"]) == 130


def test_a_later_mention_without_details_keeps_known_properties(store):
    store.write(hanoi_batch())
    b = GraphBatch()
    b.node(*BOARD, name="Ban Tổ chức Thành ủy Hà Nội")  # kind, level, locality unknown here
    store.write(b)
    board = store.query("MATCH (o:Organization {id: $id}) RETURN o", {"id": BOARD[1]})[0]["o"]
    assert board["properties"]["kind"] == "commission" and board["properties"]["locality"] == "Hà Nội"


def test_a_batch_failing_midway_leaves_the_graph_unchanged(store):
    store.write(hanoi_batch())
    before_counts, before = store.counts(), store.export()
    bad = hanoi_batch("a:3", "2022-03-03", S_CHAIR_2)
    bad.node("Person", "h:new-person", name="Nguyễn Văn A", search="nguyen van a")
    # The schema has no HOLDS from an Organization: the statement for this row fails after the
    # batch's nodes and its other relationships were written in the same transaction.
    bad.rel("HOLDS", BOARD, POSITION, "a:3", [S_CHAIR_2])
    with pytest.raises(WriteFailed) as err:
        store.write(bad)
    assert "rolled back" in str(err.value) and "\n" not in str(err.value)
    assert store.counts() == before_counts
    assert store.export() == before
    store.write(hanoi_batch("a:3", "2022-03-03", S_CHAIR_2))  # the store is still usable
    assert store.counts()["Article"] == 2


def test_a_relationship_to_a_missing_node_fails_the_whole_batch(store):
    b = hanoi_batch()
    b.rel("CHAIRED", ("Person", "h:nobody"), MEETING, "a:1", [S_CHAIR])  # no such Person row
    with pytest.raises(WriteFailed, match="missing Person or Meeting"):
        store.write(b)
    assert store.counts() == EMPTY


def test_a_node_row_without_id_fails_the_whole_batch(store):
    b = hanoi_batch()
    b.nodes[("Person", "")] = type(b.nodes[PERSON])("Person", "", {"id": None, "name": "Không tên"})
    with pytest.raises(PartyKGError):
        store.write(b)
    assert sum(store.counts().values()) == 0


def test_query_returns_rows_keyed_by_column_with_plain_nodes_and_relationships(store):
    store.write(hanoi_batch())
    rows = store.query(
        "MATCH (p:Person)-[r:CHAIRED]->(m:Meeting) WHERE p.search CONTAINS $name RETURN p, r, m.name AS meeting",
        {"name": "duc bao"},
    )
    assert len(rows) == 1
    row = rows[0]
    assert set(row) == {"p", "r", "meeting"}
    assert row["p"] == {"id": PERSON[1], "labels": ["Person"],
                        "properties": {"id": PERSON[1], "name": "Vũ Đức Bảo", "search": "vu duc bao"}}
    assert row["r"]["id"] == f"CHAIRED:{PERSON[1]}->{MEETING[1]}"
    assert (row["r"]["type"], row["r"]["start"], row["r"]["end"]) == ("CHAIRED", PERSON[1], MEETING[1])
    assert row["r"]["properties"] == {}  # provenance lives on Evidence nodes
    assert row["meeting"] == "Hội nghị giao ban"


def test_a_relationship_returned_alone_still_names_its_ends(store):
    store.write(hanoi_batch())
    rel = store.query("MATCH (:Organization)-[r:PART_OF]->(:Organization) RETURN r")[0]["r"]
    assert (rel["start"], rel["end"]) == (BOARD[1], CITY[1])


def test_paths_become_nodes_and_relationships(store):
    store.write(hanoi_batch())
    rows = store.query(
        "MATCH p = (:Person {id: $id})-[:HOLDS|OF|PART_OF*1..3]->(o:Organization {id: $top}) RETURN p",
        {"id": PERSON[1], "top": CITY[1]},
    )
    path = rows[0]["p"]
    assert [r["type"] for r in path["relationships"]] == ["HOLDS", "OF", "PART_OF"]
    assert [r["start"] for r in path["relationships"]] == [PERSON[1], POSITION[1], BOARD[1]]


def test_read_only_query_refuses_a_writing_statement_before_running_it(store):
    store.write(hanoi_batch())
    before = store.counts()
    for cypher in ("MATCH (p:Person) SET p.name = 'x'", "MATCH (n) DETACH DELETE n",
                   "CREATE (:Person {id: 'h:x'})", "MATCH (n) // harmless\nDELETE n"):
        with pytest.raises(ReadOnlyViolation):
            store.query(cypher)
    assert store.counts() == before
    # A write keyword inside a string is data, not a clause.
    assert store.query("MATCH (p:Person) WHERE p.name <> 'CREATE (x)' RETURN count(p) AS n") == [{"n": 1}]


def test_read_only_transaction_is_a_second_line_of_defence(store, monkeypatch):
    store.write(hanoi_batch())
    before = store.counts()
    monkeypatch.setattr(ladybug_store, "check_read_only", lambda cypher: None)  # switch the static guard off
    with pytest.raises(QueryError):
        store.query("CREATE (:Person {id: 'h:sneaky', name: 'x'})")
    assert store.counts() == before


def test_query_with_write_runs_writing_statements(store):
    store.query("CREATE (:Person {id: 'h:x', name: 'X'})", write=True)
    assert store.counts()["Person"] == 1


def test_cypher_errors_are_one_line_query_errors(store):
    with pytest.raises(QueryError) as err:
        store.query("MATCH (n:NoSuchLabel) RETURN n")
    assert "NoSuchLabel" in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(QueryError):
        store.query("MATCH (n RETURN n")
    assert store.query("RETURN 1 AS one") == [{"one": 1}]  # the connection survives errors


def test_query_all_gives_each_statements_rows_in_order_from_connections_of_their_own(store, monkeypatch):
    monkeypatch.setattr(ladybug_store.os, "cpu_count", lambda: 2)  # two at a time, whatever this machine has
    store.write(hanoi_batch())
    statements = ["MATCH (p:Person) RETURN p.name AS name ORDER BY name", "RETURN 1 AS one",
                  "MATCH (m:Meeting) RETURN count(m) AS meetings"]
    expected = [store.query(statement) for statement in statements]
    assert expected[0] and expected[2] == [{"meetings": 1}]
    assert store.query_all(statements) == expected
    assert store.query_all(statements) == expected  # the connections are kept and reused, two of them
    assert store._reader_count == 2


def test_query_all_refuses_writing_and_keeps_its_connections_after_an_error(store, monkeypatch):
    monkeypatch.setattr(ladybug_store.os, "cpu_count", lambda: 2)
    store.write(hanoi_batch())
    before = store.counts()
    with pytest.raises(ReadOnlyViolation):  # before anything runs
        store.query_all(["RETURN 1 AS one", "MATCH (p:Person) SET p.name = 'x'"])
    with pytest.raises(QueryError) as err:
        store.query_all(["RETURN 1 AS one", "MATCH (n:NoSuchLabel) RETURN n"])
    assert "NoSuchLabel" in str(err.value) and "\n" not in str(err.value)
    monkeypatch.setattr(ladybug_store, "check_read_only", lambda cypher: None)  # the guard off: the
    with pytest.raises(QueryError):  # read-only transaction still refuses
        store.query_all(["RETURN 1 AS one", "CREATE (:Person {id: 'h:sneaky', name: 'x'})"])
    assert store.counts() == before
    assert store.query_all(["RETURN 1 AS one", "RETURN 2 AS two"]) == [[{"one": 1}], [{"two": 2}]]


def test_known_articles(store):
    store.write(hanoi_batch("a:1"))
    assert store.known_articles(["a:1", "a:9"]) == {"a:1"}
    assert store.known_articles([]) == set()


def test_export_format(store):
    store.write(hanoi_batch())
    graph = store.export()
    assert set(graph) == {"nodes", "relationships"}
    node = next(n for n in graph["nodes"] if n["id"] == PERSON[1])
    assert node == {"id": PERSON[1], "labels": ["Person"],
                    "properties": {"id": PERSON[1], "name": "Vũ Đức Bảo", "search": "vu duc bao"}}
    assert len(graph["nodes"]) == 7 and len(graph["relationships"]) == 9
    rel_ids = {r["id"] for r in graph["relationships"]}
    assert f"HOLDS:{PERSON[1]}->{POSITION[1]}" in rel_ids
    assert f"MENTIONED_IN:{DIRECTIVE[1]}->a:1" in rel_ids
    holds = next(r for r in graph["relationships"] if r["type"] == "HOLDS")
    assert holds["properties"] == {"sources": ["a:1"], "evidence": [S_CHAIR],
                                   "first_seen": "2020-07-01", "last_seen": "2020-07-01"}
    assert holds["support"] == [{"article": "a:1", "published": "2020-07-01", "sentence": S_CHAIR}]
    discussed = next(r for r in graph["relationships"] if r["type"] == "DISCUSSED")
    assert discussed["properties"] == {"sources": ["a:1"], "evidence": [S_DOC]}


def test_evidence_pages_hold_each_facts_evidence_under_its_anchors(store):
    store.write(hanoi_batch())
    holds = {"type": "HOLDS", "start_id": PERSON[1], "end_id": POSITION[1], "article": "a:1",
             "published": "2020-07-01", "sentence": S_CHAIR}
    # The same evidence from either end of the fact; the position's page keeps no sentence.
    for label, sentence in (("Person", S_CHAIR), ("Position", None)):
        rows = store.query(f"MATCH (pg:EvidencePage)-[:SUPPORTS]->(:{label}) UNWIND pg.entries AS e RETURN e")
        assert [r["e"] for r in rows] == [holds | {"sentence": sentence}]
    pages = store.query("MATCH (pg:EvidencePage) RETURN pg.id AS id ORDER BY id")
    assert pages == [{"id": f"{label}\t{anchor}\ta:1"} for label, anchor in sorted(
        [("Article", "a:1"), MEETING, PERSON, POSITION])]
    # HOLDS evidence SUPPORTS the person and the position; a meeting's facts the meeting; the others
    # their article.
    anchors = store.query("MATCH (pg:EvidencePage)-[:SUPPORTS]->(x) UNWIND pg.entries AS e "
                          "RETURN e.type AS type, x.id AS anchor")
    by_type = {}
    for row in anchors:
        by_type.setdefault(row["type"], set()).add(row["anchor"])
    assert by_type == {"HOLDS": {PERSON[1], POSITION[1]}, "CHAIRED": {MEETING[1]}, "DISCUSSED": {MEETING[1]},
                       "OF": {"a:1"}, "PART_OF": {"a:1"}, "MENTIONED_IN": {"a:1"}}


def test_reopening_the_file_keeps_the_graph(tmp_path):
    path = tmp_path / "g.lbdb"
    with LadybugStore(path) as s:
        s.write(hanoi_batch())
        counts = s.counts()
    with LadybugStore(path) as s:
        assert s.counts() == counts
    with LadybugStore(path, read_only=True) as s:
        assert s.counts() == counts
        with pytest.raises(ReadOnlyViolation):
            s.write(hanoi_batch("a:2"))


def test_a_bulk_write_reopens_the_database_unseen_by_callers(store, monkeypatch):
    """Big writes reopen the database to give its memory back (LadybugStore._release_memory);
    the store must keep working as if nothing happened."""
    monkeypatch.setattr(ladybug_bulk, "BULK_MIN_ROWS", 1)
    opened = store._db
    store.write(hanoi_batch("a:1"))
    assert store._db is not opened  # reopened
    counts, graph = store.counts(), store.export()
    store.write(hanoi_batch("a:1"))  # idempotent across the reopen
    assert store.counts() == counts and store.export() == graph
    bad = hanoi_batch("a:2")
    bad.rel("HOLDS", ("Person", "h:missing"), POSITION, "a:2", [S_CHAIR])
    with pytest.raises(WriteFailed):
        store.write(bad)
    assert store.export() == graph  # still atomic after a reopen
    assert store.known_articles(["a:1", "a:2"]) == {"a:1"}


@pytest.mark.parametrize("make_path", [
    lambda tmp: tmp / "no-such-folder" / "g.lbdb",
    lambda tmp: _text_file(tmp / "notes.txt"),
    lambda tmp: tmp,  # a folder
])
def test_unusable_paths_give_a_one_line_store_unavailable(tmp_path, make_path):
    path = make_path(tmp_path)
    with pytest.raises(StoreUnavailable) as err:
        LadybugStore(path)
    message = str(err.value)
    assert str(path) in message and "\n" not in message


def test_read_only_open_of_a_missing_file_is_store_unavailable(tmp_path):
    with pytest.raises(StoreUnavailable, match="no such file"):
        LadybugStore(tmp_path / "missing.lbdb", read_only=True)


def _text_file(path):
    path.write_text("Đây không phải là một tệp cơ sở dữ liệu.\n", encoding="utf-8")
    return path


def test_a_bulk_write_skips_rows_it_would_not_change(store, monkeypatch):
    """Rows already stored with the same values are not updated (most rows of a big ingest);
    nodes that change still are; facts are never updated, a new article adds evidence pages, a
    known one none; the stats count every row of the batch either way, and the evidence written."""
    monkeypatch.setattr(ladybug_bulk, "BULK_MIN_ROWS", 1)
    updates, lookups = [], []
    count, existing_nodes = ladybug_bulk._count, ladybug_bulk.existing_nodes

    def counting(conn, statement, rows):
        updates.append((statement.split("(n:")[1].split(" ")[0], len(rows)))
        return count(conn, statement, rows)

    def looking_up(conn, label, ids):
        lookups.append(label)
        return existing_nodes(conn, label, ids)

    monkeypatch.setattr(ladybug_bulk, "_count", counting)
    monkeypatch.setattr(ladybug_bulk, "existing_nodes", looking_up)
    store.write(hanoi_batch("a:1"))
    assert EVIDENCE_PAGE not in lookups  # pages are always new
    graph, pages = store.export(), store.query(PAGE_ROWS)
    stats = store.write(hanoi_batch("a:1"))
    assert EVIDENCE_PAGE not in lookups and updates == [] and store.export() == graph
    assert store.query(PAGE_ROWS) == pages  # a known article's evidence is stored already
    assert sum(stats.nodes.values()) == 7 and sum(stats.relationships.values()) == FACTS
    later = hanoi_batch("a:2", "2021-01-05", S_CHAIR_2)  # a new source and a later date
    later.node(*CITY, kind="party committee")  # a new detail about a known node
    store.write(later)
    assert updates == [("Organization", 1)]
    props = holds_props(store)
    assert props["sources"] == ["a:1", "a:2"] and props["last_seen"] == "2021-01-05"
    assert store.counts()[EVIDENCE] == 2 * FACTS


def test_a_bulk_write_adds_evidence_of_a_known_article_next_to_a_new_one(store, monkeypatch):
    """A batch holding a new article and, without its Article row, evidence from a stored one:
    that evidence is stored already (an article's evidence is written with it), not copied twice."""
    store.write(hanoi_batch("a:1"))
    monkeypatch.setattr(ladybug_bulk, "BULK_MIN_ROWS", 1)
    b = hanoi_batch("a:2", "2021-01-05", S_CHAIR_2)
    b.rel("HOLDS", PERSON, POSITION, "a:1", [S_CHAIR])  # already stored
    store.write(b)
    assert store.counts()[EVIDENCE] == 2 * FACTS
    assert holds_props(store)["sources"] == ["a:1", "a:2"]


def test_node_changes_mirrors_coalesce():
    name = "Thành ủy Hà Nội"
    stored = {"id": "o:1", "name": name, "kind": "party committee", "level": None}
    assert not ladybug_bulk.node_changes(stored, {"id": "o:1", "name": name, "kind": None, "level": None})
    assert ladybug_bulk.node_changes(stored, {"id": "o:1", "name": name, "kind": None, "level": "provincial"})
    assert ladybug_bulk.node_changes(stored, {"id": "o:1", "name": name, "kind": "other", "level": None})


def test_known_articles_answers_while_another_thread_writes(store, monkeypatch):
    """The ingest asks for known articles while its writer thread is inside a write: the answer
    is the last committed state, and the write is unaffected."""
    monkeypatch.setattr(ladybug_bulk, "BULK_MIN_ROWS", 1)
    store.write(hanoi_batch("a:1"))
    inside, release = threading.Event(), threading.Event()
    write_batch = ladybug_bulk.write_batch

    def paused(conn, batch, stats):
        write_batch(conn, batch, stats)
        inside.set()
        assert release.wait(60)

    monkeypatch.setattr(ladybug_bulk, "write_batch", paused)
    writer = threading.Thread(target=store.write, args=(hanoi_batch("a:2"),))
    writer.start()
    assert inside.wait(60)
    assert store.known_articles(["a:1", "a:2"]) == {"a:1"}  # a:2 is not committed yet
    release.set()
    writer.join()
    assert store.known_articles(["a:1", "a:2"]) == {"a:1", "a:2"}
    assert store.counts()["Article"] == 2


def _old_schema_file(path):
    """A graph file as partykg wrote it before provenance moved to Evidence nodes."""
    db = ladybug.Database(str(path))
    conn = ladybug.Connection(db)
    conn.execute("CREATE NODE TABLE Person(id STRING, name STRING, search STRING, PRIMARY KEY(id))")
    conn.execute("CREATE NODE TABLE Position(id STRING, title STRING, role STRING, search STRING, PRIMARY KEY(id))")
    conn.execute("CREATE REL TABLE HOLDS(FROM Person TO Position, sources STRING[], evidence STRING[], "
                 "first_seen STRING, last_seen STRING)")
    conn.execute("CREATE (:Person {id: 'h:a', name: 'A'})-[:HOLDS {sources: ['a:1'], evidence: ['s']}]->"
                 "(:Position {id: 'p:b', title: 'B'})")
    conn.close()
    db.close()
    return path


def _tables(path) -> set[str]:
    db = ladybug.Database(str(path), read_only=True)
    conn = ladybug.Connection(db)
    result = conn.execute("CALL show_tables() RETURN name")
    names = set()
    while result.has_next():
        names.add(result.get_next()[0])
    conn.close()
    db.close()
    return names


@pytest.mark.parametrize("read_only", [False, True], ids=["write", "read-only"])
def test_a_graph_file_from_the_old_schema_is_refused_and_left_as_it_was(tmp_path, read_only):
    path = _old_schema_file(tmp_path / "old.lbdb")
    with pytest.raises(StoreUnavailable) as err:
        LadybugStore(path, read_only=read_only)
    message = str(err.value)
    assert str(path) in message and "older partykg" in message and "\n" not in message
    assert _tables(path) == {"Person", "Position", "HOLDS"}  # no new tables added to a refused file


def test_a_graph_file_with_one_evidence_node_per_fact_and_article_is_refused(tmp_path):
    """Files written before evidence moved into pages (Evidence nodes, SUPPORTS from them)."""
    from graph.schema import STORED_NODE_PROPERTIES, STORED_REL_TYPES

    path = tmp_path / "evidence-nodes.lbdb"
    db = ladybug.Database(str(path))
    conn = ladybug.Connection(db)
    for statement in ladybug_ddl(STORED_NODE_PROPERTIES, STORED_REL_TYPES):
        conn.execute(statement)
    conn.close()
    db.close()
    before = _tables(path)
    assert EVIDENCE in before and EVIDENCE_PAGE not in before
    for read_only in (False, True):
        with pytest.raises(StoreUnavailable) as err:
            LadybugStore(path, read_only=read_only)
        assert "older partykg" in str(err.value) and "Evidence nodes" in str(err.value)
    assert _tables(path) == before


def test_a_batch_bigger_than_the_page_cache_allows_gets_a_bigger_cache_for_its_write(store, monkeypatch):
    """LadybugDB keeps a write's uncommitted rows in its page cache: a batch of many articles is
    written with a cache sized for it (POOL_PER_ARTICLE), then the store goes back to the default."""
    opened = []
    reopen = LadybugStore._open

    def recording(self, pool=0):
        reopen(self, pool)
        opened.append(self._pool)

    monkeypatch.setattr(LadybugStore, "_open", recording)
    monkeypatch.setattr(ladybug_store, "POOL_PER_ARTICLE", ladybug_store.WRITE_BUFFER_POOL + 2**20)
    store.write(hanoi_batch())  # one article, so 1 MB more than the default
    assert opened == [ladybug_store.WRITE_BUFFER_POOL + 2**20, ladybug_store.WRITE_BUFFER_POOL]
    assert store.counts()[EVIDENCE] == FACTS
    opened.clear()
    monkeypatch.setattr(ladybug_store, "POOL_PER_ARTICLE", 2**20)
    store.write(hanoi_batch("a:2"))  # the default is enough: no reopening for a small write
    assert opened == [] and store.counts()["Article"] == 2


@pytest.mark.parametrize("cypher", [
    "MATCH (n:Person) RETURN n.id AS id, n.name AS name, n.search AS search ORDER BY id",
    "MATCH (pg:EvidencePage) RETURN pg.id AS id, pg.rows AS rows, sum(pg.rows) AS total, NULL AS nothing ORDER BY id",
    "MATCH (pg:EvidencePage) UNWIND pg.entries AS e RETURN e.type AS type, e.sentence AS sentence, e.published AS p "
    "ORDER BY type, sentence, p",
    "MATCH (n:Person) RETURN count(n) AS people, ['a', 'b'] AS names, [1, 2] AS numbers, 1.5 AS x, true AS yes, "
    "[['a'], ['b']] AS nested",
])
def test_rows_of_plain_columns_are_what_converting_them_gives(store, cypher):
    """Columns of strings, numbers, booleans and lists of them come back unconverted: the same
    rows the conversion (nodes, relationships, paths, dates) would give."""
    store.write(hanoi_batch())
    rows, plain = store._run(cypher, {})
    assert plain
    assert rows and store.query(cypher) == store._convert_rows([dict(r) for r in rows]) == rows


@pytest.mark.parametrize("cypher, check", [
    ("RETURN date('2020-07-01') AS d", lambda rows: rows == [{"d": "2020-07-01"}]),
    ("MATCH (n:Person) RETURN n LIMIT 1", lambda rows: rows[0]["n"]["labels"] == ["Person"]),
    ("MATCH (a:Person)-[r:HOLDS]->(b:Position) RETURN r LIMIT 1",
     lambda rows: rows[0]["r"]["type"] == "HOLDS" and rows[0]["r"]["start"].startswith("h:")),
    ("RETURN {a: date('2020-07-01')} AS s", lambda rows: rows == [{"s": {"a": "2020-07-01"}}]),
])
def test_nodes_relationships_structs_and_dates_are_still_converted(store, cypher, check):
    store.write(hanoi_batch())
    assert not store._run(cypher, {})[1]
    assert check(store.query(cypher))
