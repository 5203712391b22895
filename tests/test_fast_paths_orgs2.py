"""Shortcuts of the organisation stage, second round (orgs.find_organizations, _Parser, the
normalisation pre-checks and extract._organizations): each must give what the slower form it
replaced gives. Cases a careless version would get wrong: upper case, old tone placement (Uỷ,
khoá), abbreviations, white space other than a plain space (NBSP, zero-width), "Ð" (U+00D0)."""

import pytest

from loaders import orgs


@pytest.mark.parametrize("name", [
    "Ban tổ chức Tỉnh uỷ", "BAN TỔ CHỨC THÀNH ỦY", "Thường trực HĐND tỉnh", "Ðảng ủy Khối các cơ quan tỉnh",
    "UBND\u00a0huyện", "Văn phòng Trung ương Đảng", "các Huyện ủy",
])
def test_a_name_asked_with_its_locality_key_is_the_name_asked_without(name):
    # _organizations builds the locality's key once per article and passes it on.
    loc = orgs.Locality(province="Quảng Nam", district="Tam Kỳ", published="2024-05-01")
    with_key = orgs.canonical_org(name, loc, loc_key=orgs.locality_key(loc))
    assert with_key == orgs.canonical_org(name, loc)


@pytest.mark.parametrize("sentence", [
    "Quốc hội và Chính phủ họp bàn.",  # no "trung" at all
    "TRUNG\u00a0ƯƠNG ĐẢNG chỉ đạo; các nghị quyết của TW.",  # upper case, NBSP, an abbreviation
    "Chỉ thị của T.Ư và BCHTW khoá XIII.",
    "Thị trấn Trung Sơn họp.",  # "trung" but no "trung ương"
])
def test_central_committee_check_stops_early_only_where_the_search_finds_nothing(sentence):
    norm = orgs.normalise_org_text(sentence)
    searched = "trung ương" in orgs._case_key(norm) and bool(orgs._CC_BODY.search(orgs._CC_MEMBERSHIP.sub(" ", norm)))
    assert orgs.names_central_committee.__wrapped__(sentence) == searched


def test_misspelt_phrases_grouped_by_first_word_match_where_one_of_them_does():
    misspelt = orgs._normalise_plan().misspelt
    for text in ("Ban thường vụ", "BAN Thường vụ", "Ban\tThường vụ", "Ban Thường Vụ Tỉnh ủy", "Hội Đồng nhân dân"):
        assert misspelt.search(text), text
    for text in ("Ban Thường vụ", "Bank thường vụ", "Banthường vụ", "ban thường vụ", "Bí thư Tỉnh ủy"):
        assert misspelt.search(text) is None, text


def _all_heads() -> list[str]:
    lex = orgs._lexicon()
    kinds = lex["kinds"]
    return ([a for b in lex["central"] for a in [b["name"], *b["aliases"]]] + [g["name"] for g in kinds["groups"]]
            + [u["name"] for u in kinds["units"]] + [c["head"] for c in kinds["committees"]]
            + [s["name"] for s in kinds["state_bodies"]] + [n["head"] for n in kinds["named_heads"]] + ["Đảng ủy Khối"])


def _head_spellings(head: str) -> list[str]:
    first, rest = head[0], head[1:]
    return [head, first + rest.upper(), first + rest.lower(), head.replace(" ", "\u00a0"), head.replace(" ", "\t "),
            head.replace("ủy", "uỷ"), head + ",", head + "-", head + "_"]


def test_parse_leaves_out_only_readers_that_cannot_match_the_word_there():
    # _readers_for_word drops a reader whose heads' first words differ from the word at the
    # position: every reader that reads a name there must still be tried.
    loc = orgs.Locality(province="Quảng Nam", district="Tam Kỳ", published="2024-05-01")
    for head in _all_heads():
        for written in _head_spellings(head):
            for after in (" tỉnh Quảng Nam họp.", " Giao thông vận tải tỉnh Quảng Nam", " Hóa chất Việt Nam", ""):
                text = orgs.normalise_org_text(written + after)
                parser = orgs._Parser(text, loc)
                word = orgs._NON_SPACE_RUN.match(text).group(0)
                tried = orgs._readers_for_word(word)
                for reader in orgs._readers_by_first_letter().get(text[:1], ()):
                    if reader not in tried:
                        assert reader(parser, 0) is None, (text, reader.__name__)


def test_word_keys_equate_what_case_insensitive_matching_equates():
    assert orgs._word_key("BAN") == orgs._word_key("Ban") == orgs._word_key("BaN")
    assert orgs._word_key("ban") != orgs._word_key("Ban")  # the first letter keeps its case
    assert orgs._word_key("Tİnh") == orgs._word_key("Tinh") == orgs._word_key("Tınh")
    assert orgs._word_key("Sở,").startswith(orgs._word_key("Sở"))


def _flat_head_re():
    """head_re as it was: every head's branch in one alternation, grouped by first letter only."""
    import re
    lex = orgs._lexicon()
    kinds = lex["kinds"]
    letter = r"0-9A-Za-zÀ-ỹĐđ"
    aliases = sorted({a for b in lex["central"] for a in [b["name"], *b["aliases"]]
                      if orgs.fold(a) not in ("trung uong", "trung uong dang")}, key=len, reverse=True)
    units = sorted(kinds["units"], key=lambda u: len(u["name"]), reverse=True)
    state = sorted(kinds["state_bodies"], key=lambda s: len(s["name"]), reverse=True)
    return re.compile(orgs._by_first_letter(
        [orgs._ci(a) for a in aliases] + [orgs._ci(u["name"]) for u in units] + [orgs._ci(g["name"]) for g in kinds["groups"]]
        + [orgs._ci(s["name"]) for s in state] + [orgs._ci(c["head"]) for c in kinds["committees"]]
        + [orgs._ci(n["head"]) + r"(?![%s])" % letter for n in kinds["named_heads"]]))


def test_heads_grouped_by_first_word_match_where_and_as_the_flat_alternation_does():
    # find_organizations moves on to the end of the match when a parse fails: the regrouped
    # regex must give the same spans, not only the same starts.
    flat, grouped = _flat_head_re(), orgs._patterns()["head_re"]
    for head in _all_heads():
        for written in _head_spellings(head):
            for text in (f"Tại {written} tỉnh Quảng Nam, Sở, Sở Nội vụ và Sởx họp.", f"{written}", f"x{written}y"):
                assert [m.span() for m in flat.finditer(text)] == [m.span() for m in grouped.finditer(text)], text
                for i in range(len(text)):
                    a, b = flat.match(text, i), grouped.match(text, i)
                    assert (a and a.span()) == (b and b.span()), (text, i)


def test_central_bodies_share_their_parents_but_each_caller_gets_its_own_object():
    # Parses set the end of the object they return: the cached central body must not be it.
    first = orgs._central("BỘ CHÍNH TRỊ")
    first.end = 17
    second = orgs._central("Bộ Chính trị")
    assert second is not first and second.end == 0 and second.name == "Bộ Chính trị"
    assert second.parent is first.parent and second.parent.name == orgs.CENTRAL_COMMITTEE
    loc = orgs.Locality(province="Quảng Nam")
    for sentence, written in (("Bộ Chính trị họp.", "Bộ Chính trị"), ("Hôm qua, Ban Tổ chức Trung ương và Bộ chính trị họp.", "Bộ Chính trị")):
        found = {org.name: text for org, text in orgs.find_organizations(sentence, loc)}
        assert found["Bộ Chính trị"] == written


@pytest.mark.parametrize("sentence, expected", [
    ("Phó Bí thư Thường trực Tỉnh ủy dự họp.", ["Tỉnh ủy Quảng Nam"]),
    ("Ban Chấp hành, Ban Thường vụ Tỉnh uỷ Quảng Nam họp.", ["Ban Chấp hành Đảng bộ tỉnh Quảng Nam", "Ban Thường vụ Tỉnh ủy Quảng Nam"]),
    ("PHÓ BÍ THƯ Thường trực Tỉnh ủy, Thường trực HĐND tỉnh.", ["Tỉnh ủy Quảng Nam", "Thường trực Hội đồng nhân dân tỉnh Quảng Nam"]),
])
def test_a_body_read_inside_a_unit_is_read_the_same_when_the_scan_meets_it_again(sentence, expected):
    # _Parser keeps what parse gave at each position: a later look at the same position (after
    # a role's "Thường trực", after a shared body) must find what a fresh parser finds.
    loc = orgs.Locality(province="Quảng Nam")
    assert [org.name for org, _ in orgs.find_organizations(sentence, loc)] == expected
    norm = orgs.normalise_org_text(sentence)
    parser = orgs._Parser(norm, loc)
    for pos in range(len(norm)):
        fresh = orgs._Parser(norm, loc).parse(pos)
        assert parser.parse(pos) == fresh and parser.parse(pos) == fresh
