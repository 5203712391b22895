"""The embedded LadybugDB store: atomic idempotent writes, provenance union, read-only queries."""

from __future__ import annotations

import threading

import pytest

import graph.ladybug_store as ladybug_store
from graph import ladybug_bulk
from graph.batch import GraphBatch
from graph.errors import PartyKGError, QueryError, ReadOnlyViolation, StoreUnavailable, WriteFailed
from graph.ladybug_store import LadybugStore
from graph.schema import EVIDENCE_CAP, LABELS, REL_TYPES, SOURCES_CAP

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
    b.node(*MEETING, name="Hội nghị giao ban", kind="giao ban", date=published, search="hoi nghi giao ban")
    b.node(*DIRECTIVE, kind="Chỉ thị", number="05-CT/TW", name="Chỉ thị số 05-CT/TW", issuer="Bộ Chính trị",
           search="chi thi so 05-ct/tw")
    b.rel("HOLDS", PERSON, POSITION, article, [evidence], seen=published)
    b.rel("OF", POSITION, BOARD, article, [evidence])
    b.rel("PART_OF", BOARD, CITY, article, [evidence])
    b.rel("CHAIRED", PERSON, MEETING, article, [evidence])
    b.rel("DISCUSSED", MEETING, DIRECTIVE, article, [S_DOC])
    for node in (PERSON, BOARD, MEETING, DIRECTIVE):
        b.rel("MENTIONED_IN", node, art, article, [evidence])
    return b


def holds_props(store: LadybugStore) -> dict:
    rows = store.query("MATCH (:Person)-[r:HOLDS]->(:Position) RETURN r")
    assert len(rows) == 1
    return rows[0]["r"]["properties"]


def test_new_file_has_every_label_and_type_with_zero_counts(store):
    assert store.counts() == {name: 0 for name in (*LABELS, *REL_TYPES)}


def test_write_stores_every_row_in_one_transaction(store):
    stats = store.write(hanoi_batch())
    assert stats.transactions == 1
    assert stats.nodes == {"Article": 1, "Person": 1, "Position": 1, "Organization": 2, "Meeting": 1, "Resolution": 1}
    assert stats.relationships["MENTIONED_IN"] == 4 and stats.relationships["HOLDS"] == 1
    counts = store.counts()
    assert counts["Organization"] == 2 and counts["MENTIONED_IN"] == 4 and counts["WROTE"] == 0


def test_writing_the_same_batch_twice_changes_nothing(store):
    store.write(hanoi_batch())
    counts, graph = store.counts(), store.export()
    store.write(hanoi_batch())
    assert store.counts() == counts
    assert store.export() == graph


def test_provenance_is_unioned_and_dates_widened_across_batches(store):
    store.write(hanoi_batch("a:2", "2021-01-05", S_CHAIR_2))
    store.write(hanoi_batch("a:1", "2020-07-01", S_CHAIR))
    props = holds_props(store)
    assert props["sources"] == ["a:2", "a:1"]
    assert props["evidence"] == [S_CHAIR_2, S_CHAIR]
    assert (props["first_seen"], props["last_seen"]) == ("2020-07-01", "2021-01-05")
    # Writing an old article again neither duplicates provenance nor narrows the dates.
    store.write(hanoi_batch("a:1", "2020-07-01", S_CHAIR))
    assert holds_props(store) == props


@pytest.mark.parametrize("bulk_min_rows", [1, 10**9], ids=["bulk", "merge"])
def test_provenance_keeps_the_first_articles_up_to_the_caps(store, monkeypatch, bulk_min_rows):
    monkeypatch.setattr(ladybug_bulk, "BULK_MIN_ROWS", bulk_min_rows)
    articles = [f"a:{i:04d}" for i in range(SOURCES_CAP + 25)]

    def batch_of(chunk: list[str]) -> GraphBatch:
        b = GraphBatch()
        for a in chunk:
            b.merge(hanoi_batch(a, evidence=f"{S_CHAIR} ({a})"))
        return b

    for k in range(0, len(articles), 30):  # batches that cross the caps midway
        store.write(batch_of(articles[k:k + 30]))
    props = holds_props(store)
    assert props["sources"] == articles[:SOURCES_CAP]
    assert props["evidence"] == [f"{S_CHAIR} ({a})" for a in articles[:EVIDENCE_CAP]]
    # Written again, or late, the same articles change nothing.
    graph = store.export()
    store.write(batch_of(articles[-9:]))
    store.write(batch_of(articles[:9]))
    assert store.export() == graph


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
    assert store.counts() == {name: 0 for name in (*LABELS, *REL_TYPES)}


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
    assert row["r"]["properties"] == {"sources": ["a:1"], "evidence": [S_CHAIR]}
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
    assert holds["properties"]["first_seen"] == "2020-07-01"


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
    rows that change still are, and the stats count every row of the batch either way."""
    monkeypatch.setattr(ladybug_bulk, "BULK_MIN_ROWS", 1)
    updates = []
    count = ladybug_bulk._count

    def counting(conn, statement, rows):
        updates.append((statement, len(rows)))
        return count(conn, statement, rows)

    monkeypatch.setattr(ladybug_bulk, "_count", counting)
    store.write(hanoi_batch("a:1"))
    graph = store.export()
    stats = store.write(hanoi_batch("a:1"))
    assert updates == [] and store.export() == graph
    assert sum(stats.nodes.values()) == 7 and sum(stats.relationships.values()) == 9
    store.write(hanoi_batch("a:2", "2021-01-05", S_CHAIR_2))  # a new source and a later date
    updated = {st.split("]")[0].rsplit(":", 1)[-1]: n for st, n in updates if "-[r:" in st}
    assert updated == {"HOLDS": 1, "OF": 1, "PART_OF": 1, "CHAIRED": 1, "DISCUSSED": 1}
    props = holds_props(store)
    assert props["sources"] == ["a:1", "a:2"] and props["last_seen"] == "2021-01-05"


@pytest.mark.parametrize(("stored", "row", "changes"), [
    ({"sources": ["a"], "evidence": ["s"]}, {"sources": ["a"], "evidence": ["s"]}, False),
    ({"sources": ["a"], "evidence": ["s"]}, {"sources": ["b"], "evidence": ["s"]}, True),
    ({"sources": None, "evidence": None}, {"sources": ["a"], "evidence": []}, True),
    ({"sources": [str(i) for i in range(SOURCES_CAP)], "evidence": ["s"] * EVIDENCE_CAP},
     {"sources": ["new"], "evidence": ["new"]}, False),  # both lists at their caps
    ({"sources": ["a"], "evidence": ["s"], "first_seen": "2020-01-01", "last_seen": "2020-05-01"},
     {"sources": ["a"], "evidence": ["s"], "first_seen": "2020-03-01", "last_seen": "2020-03-01"}, False),
    ({"sources": ["a"], "evidence": ["s"], "first_seen": "2020-01-01", "last_seen": "2020-05-01"},
     {"sources": ["a"], "evidence": ["s"], "first_seen": "2019-12-31", "last_seen": None}, True),
    ({"sources": ["a"], "evidence": ["s"], "first_seen": None, "last_seen": None},
     {"sources": ["a"], "evidence": ["s"], "first_seen": None, "last_seen": "2020-01-01"}, True),
])
def test_rel_changes_mirrors_the_stores_on_match_set(stored, row, changes):
    assert ladybug_bulk.rel_changes(stored, row) is changes


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
