"""Every canned query on the embedded store, over the graph of tests/fixtures/records.py."""

from __future__ import annotations

import dataclasses
import json
import os
import unicodedata

import pytest
from fixtures.records import EXTRACTIONS

from graph.batch import build_batch, evidence_rows
from graph.errors import QueryError
from graph.ladybug_store import LadybugStore
from graph.schema import EVIDENCE, REL_TYPES, SUPPORTS
from loaders.textnorm import fold
from queries.catalog import PATH_ENDS, PATH_MAX_HOPS, QUERIES, path_text
import queries.run as run_module
from queries.run import bind_params, run_query

TBTC_TW = "Trưởng Ban Tổ chức Trung ương"


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    """The fixture graph, loaded once: these tests only read it."""
    store = LadybugStore(tmp_path_factory.mktemp("graph") / "graph.lbdb")
    store.write(build_batch(EXTRACTIONS))
    yield store
    store.close()


def col(rows, name):
    return [r[name] for r in rows]


# -- the catalogue itself -------------------------------------------------------------------


def test_catalogue_has_the_required_queries_each_documented():
    required = {"chairs", "person", "hierarchy", "holders", "members", "resolution", "citations", "path",
                "stats", "meetings", "organizations"}
    assert required <= set(QUERIES)
    for q in QUERIES.values():
        assert q.description and "\n" not in q.description
        assert all(p.help for p in q.params)
        assert q.ladybug is None or q.ladybug != q.neo4j  # a variant only where the dialect differs


# Sample parameters that give each query a non-empty answer on the fixture graph.
SAMPLES = {
    "chairs": {},
    "person": {"name": "Vũ Đức Bảo"},
    "hierarchy": {"org": "Thành ủy Hà Nội"},
    "holders": {"title": TBTC_TW},
    "members": {"org": "Ban Tổ chức Trung ương"},
    "resolution": {"name": "05-CT/TW"},
    "citations": {"name": "Quy định 205"},
    "path": {"a": "Vũ Văn Hậu", "b": "Phạm Minh Chính"},
    "meetings": {},
    "organizations": {},
    "people": {},
    "stats": {},
}


def test_every_query_has_a_sample():
    assert set(SAMPLES) == set(QUERIES)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_query_answers_on_the_embedded_store(graph, name):
    assert run_query(graph, name, SAMPLES[name])


# -- chairs ---------------------------------------------------------------------------------


def test_chairs_lists_who_chaired_each_meeting_newest_first_with_evidence_and_source(graph):
    rows = run_query(graph, "chairs", {})
    assert [(r["date"], r["person"]) for r in rows] == [
        ("2024-01-17", "Trịnh Tiến Tường"),
        ("2022-06-29", "Trương Thị Mai"),
        ("2020-11-30", "Phạm Minh Chính"),
        ("2020-07-01", "Vũ Đức Bảo"),
    ]
    bao = rows[-1]
    assert bao["kind"] == "hội nghị"
    assert bao["organizers"] == ["Ban Tổ chức Thành ủy Hà Nội"]
    assert "chủ trì hội nghị" in bao["evidence"][0]
    assert bao["sources"] == ["fixtures/hnp_2020_07_01.txt"]


def test_chairs_filters_by_person_organiser_and_dates(graph):
    assert col(run_query(graph, "chairs", {"person": "vu duc bao"}), "date") == ["2020-07-01"]
    central = run_query(graph, "chairs", {"org": "Ban Tổ chức Trung ương"})
    assert col(central, "person") == ["Trương Thị Mai", "Phạm Minh Chính"]
    later = run_query(graph, "chairs", {"org": "ban to chuc trung uong", "from_date": "2021-01-01"})
    assert col(later, "person") == ["Trương Thị Mai"]
    in_2020 = run_query(graph, "chairs", {"from_date": "2020-01-01", "to_date": "2020-12-31"})
    assert col(in_2020, "person") == ["Phạm Minh Chính", "Vũ Đức Bảo"]
    assert run_query(graph, "chairs", {"person": "nobody of that name"}) == []


# -- name matching --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["Vũ Đức Bảo", "vu duc bao", "VU DUC BAO", "  Vu   Duc  Bao ", unicodedata.normalize("NFD", "Vũ Đức Bảo"),
     "duc bao"],
)
def test_names_match_with_or_without_diacritics(graph, typed):
    rows = run_query(graph, "person", {"name": typed})
    assert set(col(rows, "person")) == {"Vũ Đức Bảo"}


def test_old_tone_placement_and_eth_match_too(graph):
    # "Uỷ" (old placement) and "Ð" (U+00D0) are typed for "Ủy" and "Đ".
    rows = run_query(graph, "hierarchy", {"org": "Ban Tổ chức Huyện uỷ Chương Mỹ"})
    assert set(col(rows, "organization")) == {"Ban Tổ chức Huyện ủy Chương Mỹ"}
    assert set(col(run_query(graph, "person", {"name": "Vũ \u00d0ức Bảo"}), "person")) == {"Vũ Đức Bảo"}


def test_user_input_reaches_cypher_as_a_parameter(graph):
    assert run_query(graph, "person", {"name": "x' OR 1=1 //"}) == []
    assert run_query(graph, "chairs", {"person": "') RETURN 1 //"}) == []


# -- person, hierarchy, holders, members ----------------------------------------------------


def test_person_profile_has_positions_over_time_and_meetings(graph):
    rows = run_query(graph, "person", {"name": "vu duc bao"})
    holds = {r["what"]: (r["first_seen"], r["last_seen"]) for r in rows if r["relation"] == "HOLDS"}
    assert holds == {
        "Trưởng Ban Tổ chức Thành ủy Hà Nội": ("2020-07-01", "2024-01-17"),
        "Ủy viên Ban Thường vụ Thành ủy Hà Nội": ("2020-07-01", "2020-07-01"),
    }
    meetings = [(r["relation"], r["first_seen"]) for r in rows if r["relation"] != "HOLDS"]
    assert sorted(meetings) == [("ATTENDED", "2020-11-30"), ("ATTENDED", "2024-01-17"), ("CHAIRED", "2020-07-01")]
    assert all(r["evidence"] for r in rows)
    # Newest first: the first row was last seen on 2024-01-17, the last on 2020-07-01.
    assert rows[0]["last_seen"] == "2024-01-17" and rows[-1]["last_seen"] == "2020-07-01"


@pytest.mark.parametrize("name", ["vu duc bao", "Trịnh Tiến Tường", "Nguyễn"])
def test_person_branches_run_at_once_give_the_rows_of_the_whole_union(graph, monkeypatch, name):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # two at a time, whatever this machine has
    assert len(run_module._UNION_ALL.split(QUERIES["person"].ladybug)) == 2  # the two halves, each run alone
    at_once = run_query(graph, "person", {"name": name})
    assert QUERIES["person"].branches_at_once and at_once and graph._reader_count == 2
    monkeypatch.setitem(QUERIES, "person", dataclasses.replace(QUERIES["person"], branches_at_once=False))
    assert run_query(graph, "person", {"name": name}) == at_once


def test_person_who_chaired_and_spoke_appears_in_both_roles(graph):
    rows = run_query(graph, "person", {"name": "Trịnh Tiến Tường"})
    assert {r["relation"] for r in rows} == {"HOLDS", "CHAIRED", "SPOKE_AT"}


def test_hierarchy_chain_up_to_the_central_committee(graph):
    rows = run_query(graph, "hierarchy", {"org": "Ban Tổ chức Huyện ủy Chương Mỹ"})
    up = [r for r in rows if r["direction"] == "up"]
    assert [(r["depth"], r["name"]) for r in up] == [
        (1, "Huyện ủy Chương Mỹ"),
        (2, "Thành ủy Hà Nội"),
        (3, "Ban Chấp hành Trung ương"),
    ]
    assert [r["via"] for r in up] == ["Ban Tổ chức Huyện ủy Chương Mỹ", "Huyện ủy Chương Mỹ", "Thành ủy Hà Nội"]
    assert not [r for r in rows if r["direction"] == "down"]


def test_hierarchy_tree_below(graph):
    rows = run_query(graph, "hierarchy", {"org": "thanh uy ha noi"})
    down = {(r["depth"], r["name"], r["via"]) for r in rows if r["direction"] == "down"}
    assert down == {
        (1, "Ban Tổ chức Thành ủy Hà Nội", "Thành ủy Hà Nội"),
        (1, "Ban Thường vụ Thành ủy Hà Nội", "Thành ủy Hà Nội"),
        (1, "Huyện ủy Chương Mỹ", "Thành ủy Hà Nội"),
        (2, "Ban Tổ chức Huyện ủy Chương Mỹ", "Huyện ủy Chương Mỹ"),
        (2, "Ban Thường vụ Huyện ủy Chương Mỹ", "Huyện ủy Chương Mỹ"),
    }
    assert [r["name"] for r in rows if r["direction"] == "up"] == ["Ban Chấp hành Trung ương"]


def test_an_exact_name_wins_over_names_that_contain_it(graph):
    # "Huyện ủy Chương Mỹ" is also part of "Ban Tổ chức Huyện ủy Chương Mỹ".
    rows = run_query(graph, "hierarchy", {"org": "huyen uy chuong my"})
    assert set(col(rows, "organization")) == {"Huyện ủy Chương Mỹ"}
    # Without an exact match, every organisation containing the words answers.
    rows = run_query(graph, "hierarchy", {"org": "chuong my"})
    assert {"Huyện ủy Chương Mỹ", "Ban Tổ chức Huyện ủy Chương Mỹ"} <= set(col(rows, "organization"))


def test_holders_of_a_position_over_time(graph):
    rows = run_query(graph, "holders", {"title": "truong ban to chuc trung uong"})
    assert [(r["person"], r["first_seen"]) for r in rows] == [  # the newest holder first
        ("Trương Thị Mai", "2022-06-29"),
        ("Phạm Minh Chính", "2020-11-30"),
    ]
    # The exact title, not the deputy's that contains it.
    city = run_query(graph, "holders", {"title": "Trưởng Ban Tổ chức Thành ủy Hà Nội"})
    assert col(city, "person") == ["Vũ Đức Bảo"]
    assert (city[0]["first_seen"], city[0]["last_seen"]) == ("2020-07-01", "2024-01-17")


def test_members_of_an_organisation_and_below(graph):
    own = run_query(graph, "members", {"org": "Huyện ủy Chương Mỹ"})
    assert {(r["person"], r["position"]) for r in own} == {
        ("Trịnh Tiến Tường", "Phó Bí thư Thường trực Huyện ủy Chương Mỹ")
    }
    below = run_query(graph, "members", {"org": "Huyện ủy Chương Mỹ", "depth": 1})
    assert {(r["organization"], r["person"]) for r in below} == {
        ("Huyện ủy Chương Mỹ", "Trịnh Tiến Tường"),
        ("Ban Tổ chức Huyện ủy Chương Mỹ", "Nguyễn Trường Năng"),
        ("Ban Thường vụ Huyện ủy Chương Mỹ", "Nguyễn Trường Năng"),
    }
    city = run_query(graph, "members", {"org": "Ban Tổ chức Thành ủy Hà Nội"})
    assert set(col(city, "person")) == {"Vũ Đức Bảo", "Vũ Văn Hậu"}


# -- documents ------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["05-CT/TW", "Chỉ thị 05", "chi thi so 05 ct tw"])
def test_meetings_that_discussed_a_directive(graph, typed):
    rows = run_query(graph, "resolution", {"name": typed})
    assert [(r["date"], r["kind"]) for r in rows] == [("2022-06-29", "giao ban"), ("2020-11-30", "hội nghị trực tuyến")]
    assert set(col(rows, "resolution")) == {"Chỉ thị số 05-CT/TW của Bộ Chính trị"}
    assert all(r["evidence"] and r["sources"] for r in rows)


def test_citations_of_a_regulation_with_evidence(graph):
    rows = run_query(graph, "citations", {"name": "Quy định 205"})
    assert [(r["published"], r["source"]) for r in rows] == [
        ("2024-01-17", "fixtures/chuongmy_2024_01_17.txt"),
        ("2020-07-01", "fixtures/hnp_2020_07_01.txt"),
    ]
    assert "Quy định 205" in rows[0]["evidence"][0]


# -- path, stats, lists ---------------------------------------------------------------------


def test_shortest_path_between_two_people_runs_through_facts(graph):
    [row] = run_query(graph, "path", {"a": "Trịnh Tiến Tường", "b": "Phạm Minh Chính"})
    assert row["hops"] == 4
    assert row["nodes"][0] == "Trịnh Tiến Tường" and row["nodes"][-1] == "Phạm Minh Chính"
    assert row["nodes"][2] == "Vũ Đức Bảo"  # met both: attended the district and the central meeting
    assert row["relationships"] == ["CHAIRED", "ATTENDED", "ATTENDED", "CHAIRED"]


def test_shortest_path_between_two_organisations(graph):
    [row] = run_query(graph, "path", {"a": "Ban Tổ chức Huyện ủy Chương Mỹ", "b": "Thành ủy Hà Nội"})
    assert row["nodes"] == ["Ban Tổ chức Huyện ủy Chương Mỹ", "Huyện ủy Chương Mỹ", "Thành ủy Hà Nội"]
    assert row["relationships"] == ["PART_OF", "PART_OF"]


def test_stats_counts_every_label_and_type(graph):
    rows = run_query(graph, "stats", {})
    counted = {r["name"]: r["count"] for r in rows}
    expected = {k: v for k, v in graph.counts().items() if v}
    assert counted == expected
    assert counted["Person"] == 7 and counted["CHAIRED"] == 4 and counted["Organization"] == 11
    # Evidence: one node per fact and article stating it, so at least one per fact.
    assert counted[EVIDENCE] == len(evidence_rows(build_batch(EXTRACTIONS)))
    assert counted[EVIDENCE] >= sum(counted.get(t, 0) for t in REL_TYPES) and SUPPORTS not in counted


def test_meetings_filtered_by_kind_and_organiser(graph):
    assert col(run_query(graph, "meetings", {"kind": "giao ban"}), "date") == ["2022-06-29"]
    rows = run_query(graph, "meetings", {"org": "Chương Mỹ"})
    assert [(r["date"], r["chairs"]) for r in rows] == [("2024-01-17", ["Trịnh Tiến Tường"])]
    assert len(run_query(graph, "meetings", {"limit": 2})) == 2


def test_organizations_by_level_with_parents(graph):
    rows = run_query(graph, "organizations", {"level": "central"})
    assert {r["organization"]: r["part_of"] for r in rows} == {
        "Ban Bí thư": ["Ban Chấp hành Trung ương"],
        "Ban Chấp hành Trung ương": [],
        "Ban Tổ chức Trung ương": ["Ban Chấp hành Trung ương"],
        "Bộ Chính trị": ["Ban Chấp hành Trung ương"],
    }
    assert col(run_query(graph, "organizations", {"name": "hoi dong nhan dan"}), "organization") == [
        "Hội đồng nhân dân huyện Chương Mỹ"
    ]


def path_ends(store, name):
    """The ids a path may start or end at, exact names first (as run_query matches them)."""
    folded = bind_params(QUERIES["path"], {"a": name, "b": name})["a"]
    rows = store.query(PATH_ENDS, {"name": folded, "exact": True}) or store.query(PATH_ENDS, {"name": folded,
                                                                                           "exact": False})
    return [r["id"] for r in rows]


@pytest.mark.parametrize("a, b", [("chuong my", "ha noi"), ("vu", "Phạm Minh Chính"), ("Trịnh Tiến Tường", "vu"),
                                  ("ban to chuc", "truong")])
def test_path_from_names_many_nodes_carry_is_as_short_as_searching_from_all(graph, a, b):
    # run_query searches from one start node, then from all with fewer hops; never a longer answer.
    starts, targets = path_ends(graph, a), path_ends(graph, b)
    assert len(starts) > 1 or len(targets) > 1
    every = graph.query(path_text(PATH_MAX_HOPS), {"from_ids": starts, "to_ids": targets})
    [row] = run_query(graph, "path", {"a": a, "b": b})
    assert row["hops"] == every[0]["hops"] == len(row["relationships"]) == len(row["nodes"]) - 1
    assert (row["nodes"][0], row["nodes"][-1]) == (row["source"], row["target"])
    assert fold(a) in fold(row["source"]) and fold(b) in fold(row["target"])  # the ends stay in the order asked


def test_path_finds_the_one_step_link_from_another_node_of_the_name(graph):
    # Several organisations contain "chuong my" and "ha noi"; one of each pair is directly PART_OF the other.
    [row] = run_query(graph, "path", {"a": "chuong my", "b": "ha noi"})
    assert (row["source"], row["target"], row["hops"]) == ("Huyện ủy Chương Mỹ", "Thành ủy Hà Nội", 1)
    assert row["relationships"] == ["PART_OF"]


class RecordingStore:
    """The real store, noting the $since of each window query run_query sends it."""

    def __init__(self, store):
        self.store, self.dialect, self.sinces = store, store.dialect, []

    def query(self, cypher, params=None):
        if params and "since" in params and "ids" not in params:  # not the second of two steps
            self.sinces.append(params["since"])
        return self.store.query(cypher, params)


def test_newest_first_listings_ask_for_the_last_months_first(graph):
    store = RecordingStore(graph)
    [row] = run_query(store, "chairs", {"limit": 1})
    assert (row["date"], store.sinces) == ("2024-01-17", ["2023-10-17"])  # 92 days before the newest meeting
    store.sinces.clear()
    rows = run_query(store, "chairs", {"limit": 3})  # too few rows in 92 days, then in two years: all
    assert col(rows, "date") == ["2024-01-17", "2022-06-29", "2020-11-30"] and store.sinces == ["2023-10-17",
                                                                                                 "2022-01-15", ""]
    store.sinces.clear()
    assert col(run_query(store, "chairs", {"limit": 1, "to_date": "2021-01-01"}), "date") == ["2020-11-30"]
    assert store.sinces == ["2020-10-01"]  # the window ends at the end date asked for
    store.sinces.clear()
    run_query(store, "meetings", {"limit": 1, "kind": "giao ban"})  # a selective filter: asked at once
    assert store.sinces == [""]


@pytest.mark.parametrize("name", ["chairs", "meetings"])
@pytest.mark.parametrize("days", [(0,), (1, 400), (92, 732)])
def test_the_window_never_changes_the_answer(graph, monkeypatch, name, days):
    import queries.run

    everything = run_query(graph, name, {"limit": 0})
    monkeypatch.setattr(queries.run, "WINDOW_DAYS", days)
    for k in range(1, len(everything) + 1):
        assert run_query(graph, name, {"limit": k}) == everything[:k]
        assert run_query(graph, name, {"limit": k, "to_date": "2022-12-31"}) == [
            r for r in everything if r["date"] and r["date"] <= "2022-12-31"][:k]


def test_document_words_are_unrolled_into_one_condition_each():
    query = QUERIES["citations"]
    bound = bind_params(query, {"name": "Chỉ thị 05"})
    embedded, neo4j = query.text("ladybug", bound), query.text("neo4j", bound)
    assert "r.search CONTAINS list_extract($name, 3))" in embedded and "all(" not in embedded
    assert "r.search CONTAINS $name[2])" in neo4j and "all(" not in neo4j
    assert "all(w IN $name WHERE r.search CONTAINS w)" in query.neo4j  # the linted text


# -- parameters -----------------------------------------------------------------------------


def test_bad_parameters_are_one_line_query_errors(graph):
    cases = [
        ("no_such_query", {}, "unknown query 'no_such_query'"),
        ("person", {}, "needs parameter 'name'"),
        ("person", {"name": "   "}, "is empty"),
        ("chairs", {"colour": "red"}, "has no parameter 'colour'"),
        ("members", {"org": "x", "depth": "deep"}, "must be a whole number"),
        ("chairs", {"from_date": "01/07/2020"}, "YYYY-MM-DD"),
    ]
    for name, params, message in cases:
        with pytest.raises(QueryError) as err:
            run_query(graph, name, params)
        assert message in str(err.value)
        assert "\n" not in str(err.value)


def test_parameters_are_folded_and_defaulted():
    bound = bind_params(QUERIES["chairs"], {"person": "Vũ Đức Bảo", "limit": "5"})
    assert bound == {"person": "vu duc bao", "org": "", "from_date": "", "to_date": "", "limit": 5}
    assert bind_params(QUERIES["citations"], {"name": "Chỉ thị 05"}) == {"name": ["chi", "thi", "05"], "limit": 50}


# -- limits ---------------------------------------------------------------------------------


LISTINGS = {name: params for name, params in SAMPLES.items() if any(p.name == "limit" for p in QUERIES[name].params)}


def test_every_listing_query_takes_a_limit():
    assert set(LISTINGS) == set(SAMPLES) - {"hierarchy", "path", "stats"}


@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_limit_keeps_the_first_rows_of_the_full_answer(graph, name):
    everything = run_query(graph, name, {**LISTINGS[name], "limit": 0})
    assert len(everything) >= 2, "the sample must have several rows to show the limit"
    assert run_query(graph, name, {**LISTINGS[name], "limit": 1}) == everything[:1]
    assert run_query(graph, name, {**LISTINGS[name], "limit": len(everything) - 1}) == everything[:-1]
    assert run_query(graph, name, LISTINGS[name]) == everything  # the default (50) is more than the fixture has


def test_limited_chairs_are_the_newest(graph):
    rows = run_query(graph, "chairs", {"limit": 2})
    assert [(r["date"], r["person"]) for r in rows] == [("2024-01-17", "Trịnh Tiến Tường"),
                                                         ("2022-06-29", "Trương Thị Mai")]
    # Organisers and sources are collected for the rows kept, not lost by the limit.
    assert rows[1]["organizers"] == ["Ban Tổ chức Trung ương"]
    assert rows[1]["sources"]


@pytest.mark.parametrize("name", ["chairs", "meetings"])
def test_an_empty_organiser_filter_is_cut_from_the_text(graph, name):
    query = QUERIES[name]
    assert "EXISTS" not in query.text("ladybug", bind_params(query, {}))
    assert "EXISTS" in query.text("neo4j", bind_params(query, {"org": "Chương Mỹ"}))
    # The embedded store starts from the organisations instead of testing every meeting.
    org_first = query.text("ladybug", bind_params(query, {"org": "Chương Mỹ"}))
    assert "EXISTS" not in org_first and "HINT (" in org_first and "MATCH (g:Organization)" in org_first
    assert "EXISTS" in query.neo4j  # the linted text keeps the full condition
    unfiltered = run_query(graph, name, {})
    assert len(run_query(graph, name, {"org": "Chương Mỹ"})) == 1 < len(unfiltered)


def test_a_negative_limit_is_a_query_error(graph):
    with pytest.raises(QueryError, match="0 \\(no limit\\) or more"):
        run_query(graph, "people", {"limit": -1})


def test_writing_twice_changes_nothing(store):
    store.write(build_batch(EXTRACTIONS))
    before, chairs_before, export_before = store.counts(), run_query(store, "chairs", {}), store.export()
    store.write(build_batch(EXTRACTIONS))
    assert store.counts() == before
    assert run_query(store, "chairs", {}) == chairs_before
    assert store.export() == export_before  # provenance lists not doubled, dates not moved


# -- the same answers on Neo4j (opt-in: needs a scratch server) -----------------------------


def comparable(rows: list[dict], name: str) -> list[str]:
    """Rows with list values and row order normalised (ties may come back in any order)."""
    if name == "path":  # several shortest paths may tie: compare the length and the ends
        rows = [{k: r[k] for k in ("source", "target", "hops")} for r in rows]
    out = [{k: sorted(map(str, v)) if isinstance(v, list) else v for k, v in r.items()} for r in rows]
    return sorted(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in out)


@pytest.mark.skipif(not os.environ.get("PARTYKG_TEST_NEO4J_URI"),
                    reason="set PARTYKG_TEST_NEO4J_URI to a scratch Neo4j 5 (it is written to) to compare stores")
def test_every_query_gives_the_same_answers_on_neo4j(graph):
    from graph.neo4j_store import Neo4jStore

    neo = Neo4jStore(os.environ["PARTYKG_TEST_NEO4J_URI"], user=os.environ.get("NEO4J_USERNAME", "neo4j"),
                     password=os.environ.get("NEO4J_PASSWORD", ""), database=os.environ.get("NEO4J_DATABASE"))
    try:
        neo.query("MATCH (n) DETACH DELETE n", write=True)
        neo.write(build_batch(EXTRACTIONS))
        for name, params in SAMPLES.items():
            assert comparable(run_query(neo, name, params), name) == comparable(run_query(graph, name, params), name), name
    finally:
        neo.close()


def test_every_evidence_list_is_its_facts_own_evidence(graph):
    # The queries gather a fact's sentences in Cypher, from the pages of one anchor; each row must
    # show exactly what graph.provenance makes of that fact's evidence rows, all read at once (the
    # first distinct sentences, earliest article first), and HOLDS rows its first and last dates.
    from graph.provenance import LADYBUG_ALL_EVIDENCE, provenance

    names = {}
    for label, prop in (("Person", "name"), ("Position", "title"), ("Meeting", "name"), ("Resolution", "name"),
                        ("Article", "title")):
        names.update({r["id"]: r["n"] for r in graph.query(f"MATCH (x:{label}) RETURN x.id AS id, x.{prop} AS n")})
    facts: dict[tuple[str, str, str], list[dict]] = {}
    for e in graph.query(LADYBUG_ALL_EVIDENCE):
        facts.setdefault((e["type"], names.get(e["start_id"]), names.get(e["end_id"])), []).append(e)
    expected = {key: provenance(rows, key[0]) for key, rows in facts.items()}
    checked = 0
    for row in run_query(graph, "chairs", {"limit": 0}):
        assert row["evidence"] == expected[("CHAIRED", row["person"], row["meeting"])]["evidence"]
        checked += 1
    people = {r["person"] for r in run_query(graph, "chairs", {"limit": 0})}
    for person in people:
        for row in run_query(graph, "person", {"name": person, "limit": 0}):
            want = expected[(row["relation"], row["person"], row["what"])]
            assert row["evidence"] == want["evidence"]
            if row["relation"] == "HOLDS":
                assert (row["first_seen"], row["last_seen"]) == (want.get("first_seen"), want.get("last_seen"))
                holders = run_query(graph, "holders", {"title": row["what"], "limit": 0})
                mine = [h for h in holders if h["person"] == person]
                assert mine and all(h["evidence"] == want["evidence"] for h in mine)
            checked += 1
    for row in run_query(graph, "citations", {"name": TBTC_TW.split()[0], "limit": 0}) or []:
        assert row["evidence"] == expected[("MENTIONED_IN", row["resolution"], row["article"])]["evidence"]
    assert checked > 10


def test_the_readme_example_reads_a_persons_evidence_from_the_embedded_store(graph):
    """The README's Cypher for the embedded store's evidence pages runs as written and returns
    every HOLDS row of the person, with the sentence, as graph.provenance reads them."""
    from graph.lint_statements import readme_blocks
    from graph.provenance import LADYBUG_ALL_EVIDENCE

    blocks = [b for b in readme_blocks() if "EvidencePage" in b]
    if not blocks:
        pytest.skip("README.md is not beside the package")
    rows = graph.query(blocks[0])
    person = graph.query("MATCH (p:Person {name: 'Vũ Đức Bảo'}) RETURN p.id AS id")
    titles = {r["id"]: r["t"] for r in graph.query("MATCH (x:Position) RETURN x.id AS id, x.title AS t")}
    want = sorted((titles[e["end_id"]], e["published"], e["sentence"]) for e in graph.query(LADYBUG_ALL_EVIDENCE)
                  if e["type"] == "HOLDS" and e["start_id"] in {p["id"] for p in person})
    assert want and all(s for *_, s in want)
    assert sorted(tuple(r.values()) for r in rows) == want
