"""The partykg CLI through Typer's CliRunner, on a real embedded store in tmp_path."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import typer
from typer.core import TyperCommand as click_command
import typer.main
from fixtures.records import EXTRACTIONS
from typer.testing import CliRunner

from cli.errors import PartyKGGroup
from cli.main import app
from graph.batch import GraphBatch, build_batch
from graph.exporters import as_stored, support_rows
from graph.errors import InputFileError
from graph.ladybug_store import LadybugStore
from graph.schema import LABELS

DOCS = Path(__file__).resolve().parents[1] / "docs" / "commands.md"

runner = CliRunner()


def invoke(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env=env)


def one_error_line(result) -> str:
    """The single stderr line of a failed command (and no traceback)."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


@pytest.fixture
def db(tmp_path) -> str:
    """A graph file holding the fixture records."""
    path = tmp_path / "graph.lbdb"
    store = LadybugStore(path)
    store.write(build_batch(EXTRACTIONS))
    store.close()
    return str(path)


def counts(path: str) -> dict[str, int]:
    store = LadybugStore(path, read_only=True)
    try:
        return store.counts()
    finally:
        store.close()


# -- canned query commands ------------------------------------------------------------------


def test_chairs_prints_a_table_of_who_chaired_what(db):
    result = invoke("chairs", "--db", db)
    assert result.exit_code == 0, result.output
    for name in ("Vũ Đức Bảo", "Phạm Minh Chính", "Trương Thị Mai", "Trịnh Tiến Tường"):
        assert name in result.stdout
    assert "2020-07-01" in result.stdout


def test_chairs_as_json_and_csv_for_scripts(db):
    rows = json.loads(invoke("chairs", "--db", db, "--person", "vu duc bao", "--format", "json").stdout)
    assert [(r["person"], r["date"]) for r in rows] == [("Vũ Đức Bảo", "2020-07-01")]
    assert rows[0]["evidence"][0].startswith("Đồng chí Vũ Đức Bảo")
    out = invoke("chairs", "--db", db, "--from", "2021-01-01", "--format", "csv").stdout
    table = list(csv.DictReader(io.StringIO(out)))
    assert [r["person"] for r in table] == ["Trịnh Tiến Tường", "Trương Thị Mai"]  # newest first
    assert {"person", "meeting", "date", "kind", "organizers", "evidence", "sources"} <= set(table[0])


def test_db_from_the_environment(db):
    result = invoke("chairs", "--format", "json", env={"PARTYKG_DB": db})
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 4


@pytest.mark.parametrize("typed", ["Vũ Đức Bảo", "vu duc bao", "VŨ ĐỨC BẢO"])
def test_person_matches_names_as_users_type_them(db, typed):
    rows = json.loads(invoke("person", typed, "--db", db, "-f", "json").stdout)
    assert {r["person"] for r in rows} == {"Vũ Đức Bảo"}
    assert {"HOLDS", "CHAIRED", "ATTENDED"} == {r["relation"] for r in rows}


def test_hierarchy_draws_the_chain_and_the_tree(db):
    result = invoke("hierarchy", "ban to chuc huyen uy chuong my", "--db", db)
    assert result.exit_code == 0, result.output
    lines = [line.strip("│└─├ ") for line in result.stdout.splitlines()]
    chain = ["Ban Chấp hành Trung ương", "Thành ủy Hà Nội", "Huyện ủy Chương Mỹ", "Ban Tổ chức Huyện ủy Chương Mỹ"]
    assert lines[: len(chain)] == chain
    rows = json.loads(invoke("hierarchy", "Thành ủy Hà Nội", "--db", db, "-f", "json").stdout)
    assert {r["name"] for r in rows if r["direction"] == "down"} >= {"Huyện ủy Chương Mỹ", "Ban Tổ chức Thành ủy Hà Nội"}


def test_holders_members_resolution_citations_path(db):
    holders = json.loads(invoke("holders", "Trưởng Ban Tổ chức Trung ương", "--db", db, "-f", "json").stdout)
    assert [r["person"] for r in holders] == ["Trương Thị Mai", "Phạm Minh Chính"]
    members = json.loads(invoke("members", "Huyện ủy Chương Mỹ", "--depth", "1", "--db", db, "-f", "json").stdout)
    assert {r["person"] for r in members} == {"Trịnh Tiến Tường", "Nguyễn Trường Năng"}
    meetings = json.loads(invoke("resolution", "05-CT/TW", "--db", db, "-f", "json").stdout)
    assert [m["date"] for m in meetings] == ["2022-06-29", "2020-11-30"]
    cited = json.loads(invoke("citations", "Quy định 205", "--db", db, "-f", "json").stdout)
    assert len(cited) == 2
    path = invoke("path", "Trịnh Tiến Tường", "Phạm Minh Chính", "--db", db)
    assert "Trịnh Tiến Tường -[CHAIRED]-" in path.stdout and "-[CHAIRED]- Phạm Minh Chính" in path.stdout


def test_lists_meetings_organizations_people(db):
    meetings = json.loads(invoke("meetings", "--kind", "giao ban", "--db", db, "-f", "json").stdout)
    assert [m["location"] for m in meetings] == ["Quảng Ngãi"]
    orgs = json.loads(invoke("organizations", "--name", "chuong my", "--db", db, "-f", "json").stdout)
    assert len(orgs) == 4
    people = json.loads(invoke("people", "--name", "vu", "--db", db, "-f", "json").stdout)
    assert [p["person"] for p in people] == ["Vũ Văn Hậu", "Vũ Đức Bảo"]


LISTING_COMMANDS = [
    ["chairs"], ["meetings"], ["people"], ["organizations"], ["person", "vu duc bao"],
    ["holders", "Trưởng Ban Tổ chức Trung ương"], ["members", "Huyện ủy Chương Mỹ", "--depth", "1"],
    ["resolution", "05-CT/TW"], ["citations", "Quy định 205"],
]


@pytest.mark.parametrize("command", LISTING_COMMANDS)
def test_limit_keeps_the_first_rows(db, command):
    everything = json.loads(invoke(*command, "--limit", "0", "--db", db, "-f", "json").stdout)
    assert len(everything) >= 2
    first = json.loads(invoke(*command, "--limit", "1", "--db", db, "-f", "json").stdout)
    assert first == everything[:1]


def test_a_negative_limit_is_one_line(db):
    result = invoke("chairs", "--limit", "-1", "--db", db)
    assert result.exit_code == 1 and "0 (no limit) or more" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_stats_matches_the_store(db):
    rows = json.loads(invoke("stats", "--db", db, "-f", "json").stdout)
    assert {r["name"]: r["count"] for r in rows} == {k: v for k, v in counts(db).items() if v}


def test_queries_lists_the_catalogue_and_query_runs_any(db):
    listed = json.loads(invoke("queries", "-f", "json").stdout)
    assert {"chairs", "person", "hierarchy", "path", "stats"} <= {q["query"] for q in listed}
    result = invoke("query", "chairs", "--param", "person=truong thi mai", "--param", "from_date=2022-01-01",
                    "--db", db, "-f", "json")
    assert [r["meeting"] for r in json.loads(result.stdout)] == [
        "Hội nghị giao ban công tác tổ chức xây dựng Đảng 6 tháng đầu năm 2022"
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        (["query", "nope"], "unknown query 'nope'"),
        (["query", "person"], "needs parameter 'name'"),
        (["query", "chairs", "--param", "person"], "--param expects KEY=VALUE"),
        (["chairs", "--from", "July 2020"], "YYYY-MM-DD"),
        (["chairs", "--no-such-option"], "No such option"),
        (["person"], "Missing argument"),
    ],
)
def test_bad_arguments_exit_1_with_one_line(db, args, message):
    result = invoke(*args, "--db", db)
    assert result.exit_code == 1
    assert message in one_error_line(result)


# -- cypher and its read-only guard ---------------------------------------------------------


def test_cypher_reads_with_parameters(db):
    result = invoke("cypher", "MATCH (p:Person) WHERE p.search CONTAINS $q RETURN p.name AS name ORDER BY name",
                    "--param", "q=vu", "--db", db, "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"name": "Vũ Văn Hậu"}, {"name": "Vũ Đức Bảo"}]


def test_cypher_is_read_only_unless_write_is_given(db):
    before = counts(db)
    create = "CREATE (:Person {id: 'h:test', name: 'Người Thử', search: 'nguoi thu'})"
    refused = invoke("cypher", create, "--db", db)
    assert refused.exit_code == 1
    assert "read-only" in one_error_line(refused) and "--write" in refused.stderr
    assert counts(db) == before
    allowed = invoke("cypher", create, "--write", "--db", db)
    assert allowed.exit_code == 0, allowed.output
    assert counts(db)["Person"] == before["Person"] + 1


def test_bad_cypher_is_a_one_line_user_error(db):
    result = invoke("cypher", "MATCH (n:NoSuchLabel) RETURN n", "--db", db)
    assert result.exit_code == 1
    assert one_error_line(result).startswith("error:")


# -- export ---------------------------------------------------------------------------------


def batch_from_export(data: dict) -> GraphBatch:
    """GraphBatch rows from export JSON: how a colleague re-imports a graph we sent them. Each fact
    is stated again by every article of its ``sources`` (``support_rows``: the sentence only where
    one article gives it, since JSON does not say which article gave which sentence)."""
    batch = GraphBatch()
    label_of = {}
    for node in data["nodes"]:
        label_of[node["id"]] = node["labels"][0]
        batch.node(node["labels"][0], node["id"], **{k: v for k, v in node["properties"].items() if k != "id"})
    for rel in data["relationships"]:
        start, end = (label_of[rel["start"]], rel["start"]), (label_of[rel["end"]], rel["end"])
        for row in support_rows(rel):
            batch.rel(rel["type"], start, end, row["article"], [row["sentence"] or ""])
    return batch


def test_export_json_round_trips_into_a_fresh_store(db, tmp_path):
    out = tmp_path / "graph.json"
    result = invoke("export", "--format", "json", "--out", str(out), "--db", db)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {"nodes", "relationships"}
    assert {"id", "labels", "properties"} == set(data["nodes"][0])
    assert {"id", "type", "start", "end", "properties"} == set(data["relationships"][0])
    assert f"wrote {len(data['nodes'])} nodes" in result.stdout

    copy = LadybugStore(tmp_path / "copy.lbdb")
    try:
        copy.write(batch_from_export(data))
        assert copy.counts() == counts(db)
        again = copy.export()
    finally:
        copy.close()
    key = lambda n: (n["labels"][0], n["id"], n["properties"].get("name") or n["properties"].get("title"))  # noqa: E731
    assert sorted(map(key, again["nodes"])) == sorted(map(key, data["nodes"]))
    by_id = lambda items: sorted(items, key=lambda x: x["id"])  # noqa: E731
    # Every node, fact and source survived (the counts above: one Evidence node per source);
    # so did each fact's dates and, where one article states it, its sentence.
    assert by_id(again["nodes"]) == by_id(data["nodes"])
    assert by_id(again["relationships"]) == by_id(as_stored(data)["relationships"])
    exported = {r["id"]: r["properties"] for r in data["relationships"]}
    single = [r for r in again["relationships"] if len(r["properties"]["sources"]) == 1]
    assert single and all(r["properties"] == exported[r["id"]] for r in single)
    for r in again["relationships"]:
        assert {k: v for k, v in r["properties"].items() if k != "evidence"} == {
            k: v for k, v in exported[r["id"]].items() if k != "evidence"}


def test_export_to_stdout(db):
    result = invoke("export", "--db", db)
    assert result.exit_code == 0
    graph = counts(db)
    assert len(json.loads(result.stdout)["nodes"]) == sum(graph[label] for label in LABELS)


# -- ingest, extract, evaluate --------------------------------------------------------------

ARTICLE = """Ban Tổ chức Huyện ủy Chương Mỹ sơ kết công tác quý I

Ngày đăng 05/04/2024 | 09:10

Sáng 05/4, Huyện ủy Chương Mỹ tổ chức hội nghị sơ kết công tác tổ chức xây dựng Đảng quý I năm 2024.

Đồng chí Nguyễn Trường Năng, Ủy viên Ban Thường vụ, Trưởng ban Tổ chức Huyện ủy chủ trì hội nghị.

Hội nghị tiếp tục quán triệt Quy định số 205-QĐ/TW của Bộ Chính trị về kiểm soát quyền lực trong công tác cán bộ.
"""


def test_ingest_twice_changes_nothing(tmp_path):
    pytest.importorskip("loaders.extract", reason="the extractor (issue 3) is not in this tree yet")
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "chuongmy.txt").write_text(ARTICLE, encoding="utf-8")
    graph = str(tmp_path / "g.lbdb")
    first = invoke("ingest", str(folder), "--db", graph, "-f", "json")
    assert first.exit_code == 0, first.output
    report = json.loads(first.stdout)
    assert report["articles"]["read"] == 1 and report["articles"]["extracted"] == 1
    after_first = counts(graph)
    assert after_first["Article"] == 1 and after_first["Person"] >= 1
    second = json.loads(invoke("ingest", str(folder), "--db", graph, "-f", "json").stdout)
    assert second["articles"]["already_known"] == 1 and second["articles"]["extracted"] == 0
    assert counts(graph) == after_first
    table = invoke("ingest", str(folder), "--db", graph)
    assert "already known" in table.stdout


def test_extract_shows_facts_with_their_sentences(tmp_path):
    pytest.importorskip("loaders.extract", reason="the extractor (issue 3) is not in this tree yet")
    article = tmp_path / "chuongmy.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    data = json.loads(invoke("extract", str(article), "-f", "json").stdout)
    [found] = data["articles"]
    assert "Nguyễn Trường Năng" in {p["name"] for p in found["persons"]}
    table = invoke("extract", str(article))
    assert table.exit_code == 0 and "Nguyễn Trường Năng" in table.stdout
    assert not (tmp_path / "partykg.lbdb").exists()


def test_evaluate_prints_metrics(tmp_path):
    pytest.importorskip("loaders.extract", reason="the extractor (issue 3) is not in this tree yet")
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
    if not corpus.is_dir():
        pytest.skip(f"shared corpus not found at {corpus}")
    data = json.loads(invoke("evaluate", str(corpus), "-f", "json").stdout)
    assert data["articles"] == 5 and "persons" in data["metrics"]
    table = invoke("evaluate", str(corpus))
    assert table.exit_code == 0 and "person_titles" in table.stdout


# -- clear errors ---------------------------------------------------------------------------


def test_missing_file_is_one_line_naming_it(tmp_path):
    missing = tmp_path / "no_such_article.txt"
    result = invoke("ingest", str(missing), "--db", str(tmp_path / "g.lbdb"))
    assert result.exit_code == 1
    line = one_error_line(result)
    assert str(missing) in line and "no such file" in line
    assert not (tmp_path / "g.lbdb").exists()  # nothing created for nothing read


def test_missing_graph_file_is_one_line(tmp_path):
    result = invoke("chairs", "--db", str(tmp_path / "none.lbdb"))
    assert result.exit_code == 1
    assert "none.lbdb" in one_error_line(result)


def test_unreadable_file_is_one_line_naming_it(tmp_path):
    """chmod 000 stops every user but root; as root (CI), the CLI runs as "nobody" through setpriv."""
    pytest.importorskip("loaders.extract", reason="the extractor (issue 3) is not in this tree yet")
    as_root = os.geteuid() == 0
    if as_root and not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: chmod 000 does not stop root from reading")
    work = Path(tempfile.mkdtemp(prefix="partykg-unreadable-"))  # reachable by "nobody", unlike tmp_path
    try:
        work.chmod(0o777)
        locked = work / "locked.txt"
        locked.write_text(ARTICLE, encoding="utf-8")
        locked.chmod(0)
        if not as_root:
            result = invoke("ingest", str(locked), "--db", str(work / "g.lbdb"))
            code, err = result.exit_code, one_error_line(result)
        else:
            proc = subprocess.run(
                ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c",
                 "from cli.main import run; run()", "ingest", str(locked), "--db", str(work / "g.lbdb")],
                capture_output=True, text=True, timeout=120, cwd=work,
                env={**os.environ, "HOME": str(work)},
            )
            code, err = proc.returncode, proc.stderr.strip()
            assert len(err.splitlines()) == 1, err
    finally:
        shutil.rmtree(work, ignore_errors=True)
    assert code == 1, err
    assert str(locked) in err and "permission" in err.lower()


def test_file_that_is_not_text_is_one_line_naming_it(tmp_path):
    pytest.importorskip("loaders.extract", reason="the extractor (issue 3) is not in this tree yet")
    scan = tmp_path / "scan.txt"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    result = invoke("ingest", str(scan), "--db", str(tmp_path / "g.lbdb"))
    assert result.exit_code == 1
    line = one_error_line(result)
    assert str(scan) in line and "binary" in line


def test_a_folder_where_a_graph_file_is_expected_is_one_line(tmp_path):
    result = invoke("chairs", "--db", str(tmp_path))
    assert result.exit_code == 1
    assert str(tmp_path) in one_error_line(result)


def test_unreachable_neo4j_is_one_line_naming_the_uri(db):
    result = invoke("chairs", "--neo4j", "bolt://127.0.0.1:1")
    assert result.exit_code == 1
    assert "bolt://127.0.0.1:1" in one_error_line(result)


def test_an_internal_error_is_exit_2_and_one_line():
    broken = typer.Typer(cls=PartyKGGroup)

    @broken.command()
    def fail() -> None:
        {}["missing"]

    @broken.command()
    def bad_input() -> None:
        raise InputFileError("a.txt", "not an article")

    result = runner.invoke(broken, ["fail"])
    assert result.exit_code == 2
    assert one_error_line(result).startswith("internal error: KeyError")
    result = runner.invoke(broken, ["bad-input"])
    assert result.exit_code == 1
    assert one_error_line(result) == "error: a.txt: not an article"


# -- help and docs --------------------------------------------------------------------------


def commands() -> dict[str, click_command]:
    """Every runnable command by its name after "partykg" ("chairs", "analyze summary", ...)."""
    found = {}

    def walk(prefix: str, group) -> None:
        for name, command in group.commands.items():
            full = f"{prefix} {name}".strip()
            if hasattr(command, "commands"):
                assert command.help, f"partykg {full} has no help"
                walk(full, command)
            else:
                found[full] = command

    walk("", typer.main.get_command(app))
    return found


def test_every_command_has_help_with_an_example_and_is_documented():
    docs = DOCS.read_text(encoding="utf-8") if DOCS.exists() else ""
    assert commands()
    for name, command in commands().items():
        result = invoke(*name.split(), "--help")
        assert result.exit_code == 0, name
        assert command.help and command.help.strip().splitlines()[0], f"partykg {name} has no one-line summary"
        assert re.search(r"\bExamples?:", result.stdout), f"'partykg {name} --help' shows no Example:"
        assert f"partykg {name}" in command.help, f"partykg {name}'s example does not run it"
        assert f"## partykg {name}" in docs, f"partykg {name} is missing from docs/commands.md"


def test_no_arguments_shows_help():
    result = invoke()
    assert result.exit_code == 0
    assert "chairs" in result.stdout


def test_ingest_help_states_the_default_batch_sizes():
    from loaders.ingest import DEFAULT_BATCH

    result = CliRunner().invoke(app, ["ingest", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert f"default: {DEFAULT_BATCH['ladybug']} embedded, {DEFAULT_BATCH['neo4j']} on Neo4j" in text
