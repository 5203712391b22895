"""Shortcuts of the organisation stage (orgs.normalise_org_text, find_organizations and
extract._organizations): each must give what the slower form it replaced gives. Cases a careless
version would get wrong: upper case, old tone placement (Uỷ, khoá), abbreviations, white space
other than a plain space (NBSP, zero-width), "Ð" (U+00D0) for "Đ"."""

import pytest

from loaders import geo, orgs, textnorm


def _recased_the_slow_way(text: str) -> str:
    """normalise_org_text as it was: every lexicon re-casing tried on the text, in order."""
    plan = orgs._normalise_plan()
    text = textnorm.canonical(text)
    for pattern, full, abbr in plan.extra:
        if abbr in text:
            text = pattern.sub(full, text)
    for pattern, phrase, _ in plan.capitalise:
        text = pattern.sub(phrase, text)
    if "đoàn đại biểu quốc hội" in orgs._case_key(text):
        text = orgs._DELEGATION.sub("Đoàn đại biểu Quốc hội", text)
    return text


def _spellings(phrase: str) -> list[str]:
    first, rest = phrase[0], phrase[1:]
    return [
        phrase,
        first + rest.upper(),
        first + rest.lower(),
        phrase.replace(" ", "  "),
        phrase.replace(" ", "\u00a0"),
        phrase.replace(" ", " \u200b"),
        phrase.replace("Ủy", "Uỷ").replace("ủy", "uỷ"),
        phrase.replace("Đ", "\u00d0"),
        phrase.lower(),  # a lower-case first letter is not re-cased
    ]


def test_every_phrase_is_recased_from_any_spelling_as_the_slow_way_does():
    # The one-search pre-check must match wherever any phrase is misspelt: a phrase left out of
    # it, or a look-ahead refusing more than the exact phrase, would leave a spelling un-cased.
    for _, phrase, _ in orgs._normalise_plan().capitalise:
        for written in _spellings(phrase):
            sentence = f"Hôm nay, {written} họp với Uỷ ban nhân dân tỉnh."
            assert orgs._normalise_org_text(sentence) == _recased_the_slow_way(sentence), sentence


@pytest.mark.parametrize("sentence", [
    "Ban thường vụ Tỉnh ủy và BAN TỔ CHỨC Thành ủy Hà Nội họp.",
    "Đồng chí dự họp cùng UBND TP, HĐND tỉnh và BCH Đảng bộ huyện.",
    "Ðảng Bộ khoá XIII, Văn Phòng Trung ương Đảng và Thường Trực Tỉnh ủy.",
    "Ban Thường vụ Tỉnh ủy, Ban Tổ chức Thành ủy, Đảng bộ tỉnh Quảng Nam.",  # nothing to re-case
    "đoàn đại biểu quốc hội tỉnh Quảng Nam và đoàn đại biểu Quốc hội thành phố Hà Nội.",
])
def test_sentences_are_normalised_as_the_slow_way_does(sentence):
    assert orgs._normalise_org_text(sentence) == _recased_the_slow_way(sentence)


def test_every_lexicon_abbreviation_and_the_delegation_are_still_normalised():
    # Text the one pre-check search does not match is returned as canonical() gives it: each
    # abbreviation the lexicon expands, and a delegation in any case, must make it match.
    for _, _, abbr in orgs._normalise_plan().extra:
        for sentence in (f"Đồng chí {abbr} tỉnh dự họp.", f"({abbr})", abbr):
            assert orgs._normalise_org_text(sentence) == _recased_the_slow_way(sentence), sentence
    for delegation in ("Đoàn đại biểu Quốc hội", "đoàn đại biểu quốc hội", "ĐOÀN ĐẠI BIỂU QUỐC HỘI",
                       "Đoàn Đại biểu Quốc hội", "Đoàn  đại\u00a0biểu Quốc hội", "Ðoàn đại biểu Quốc Hội"):
        sentence = f"Làm việc với {delegation} tỉnh Quảng Nam."
        assert orgs._normalise_org_text(sentence) == _recased_the_slow_way(sentence), sentence
        assert "Đoàn đại biểu Quốc hội tỉnh" in orgs._normalise_org_text(sentence)


def test_misspelt_phrase_pre_check_refuses_only_the_exact_phrase():
    misspelt = orgs._normalise_plan().misspelt
    assert misspelt.search("Ban Thường vụ Tỉnh ủy Quảng Nam") is None
    assert misspelt.search("Ban thường vụ") and misspelt.search("Ban Thường  vụ") and misspelt.search("BAN THƯỜNG VỤ")
    assert misspelt.search("ban thường vụ") is None  # the first letter keeps its case, as in the re-casing


def test_a_named_body_takes_the_words_right_after_its_head_and_stops_at_the_first_gap():
    # The words are matched one after another from the head's end; a capitalised word further
    # on ("Thành ủy", "Hội nghị") is not part of the name.
    loc = orgs.Locality(province="Hà Nội")
    found = [(org.name, written) for org, written in orgs.find_organizations(
        "Đảng ủy Tập đoàn Hóa chất Việt Nam làm việc với Thành ủy.", loc)]
    assert found == [("Đảng ủy Tập đoàn Hóa chất Việt Nam", "Đảng ủy Tập đoàn Hóa chất Việt Nam"),
                     ("Thành ủy Hà Nội", "Thành ủy")]
    found = [org.name for org, _ in orgs.find_organizations(
        "ÐẢNG ỦY Công ty Cổ phần Sông Đà\u00a0Hà Nội Nguyễn Văn An phát biểu tại Hội nghị.", loc)]
    assert found == ["Đảng ủy Công ty Cổ phần Sông Đà Hà Nội"]  # the person after the name is dropped


def test_bodies_named_again_get_each_sentence_as_evidence_once():
    # _organizations reads canonical_org once per name in an article and shares the result
    # between mentions: the shared organisation must not collect evidence itself.
    from loaders.extract import _organizations

    loc = orgs.Locality(province="Quảng Nam")
    first = "Đảng bộ Văn phòng UBND tỉnh Quảng Nam tổ chức đại hội."
    second = "Ban Tổ chức Tỉnh uỷ dự họp với Đảng bộ Văn phòng Ủy ban nhân dân tỉnh Quảng Nam."
    listed = {o.name: (o.parent, o.evidence) for o in _organizations([first, second], [], [], loc)}
    assert listed == {
        "Đảng bộ Văn phòng Ủy ban nhân dân tỉnh Quảng Nam": (None, [first, second]),
        "Văn phòng Ủy ban nhân dân tỉnh Quảng Nam": ("Ủy ban nhân dân tỉnh Quảng Nam", [first, second]),
        "Ủy ban nhân dân tỉnh Quảng Nam": (None, [first]),
        "Ban Tổ chức Tỉnh ủy Quảng Nam": ("Tỉnh ủy Quảng Nam", [second]),
        "Tỉnh ủy Quảng Nam": ("Ban Chấp hành Trung ương", [second]),
    }
    assert orgs.canonical_org("Văn phòng Ủy ban nhân dân tỉnh Quảng Nam", loc).evidence == []


@pytest.mark.parametrize("sentence", [
    "Quán triệt các nghị quyết, kết luận của  Trung\u00a0ương về công tác cán bộ.",
    "Thực hiện CHỈ THỊ của TRUNG ƯƠNG và của Tỉnh ủy.",
    "Hội nghị BAN CHẤP HÀNH TRUNG ƯƠNG lần thứ 8 và BCH TW khoá XIII.",
    "Ban Chấp hành TW Đảng họp; Uỷ viên BCHTW dự.",
    "Đồng chí Nguyễn Văn Nên, Ủy viên Trung ương Đảng, Ban Tổ chức Trung ương dự.",
    "Nghị quyết của Trung ương Đoàn về thanh niên, hướng dẫn của Ban Tuyên giáo Trung ương.",
    "Kết luận số 21 của Ban Chấp hành Trung ương Đảng khóa XIII.",
])
def test_central_committee_check_skips_the_search_only_where_it_finds_nothing(sentence):
    norm = orgs.normalise_org_text(sentence)
    searched = "trung ương" in orgs._case_key(norm) and bool(orgs._CC_BODY.search(orgs._CC_MEMBERSHIP.sub(" ", norm)))
    assert orgs.names_central_committee(sentence) == searched


@pytest.mark.parametrize("window, start", [
    ("Tỉnh ủy Quảng Nam tổ chức hội nghị với tỉnh Bà Rịa - Vũng Tàu", 8),  # a joined word after the cut
    ("Huyện ủy Ia Grai phối hợp với K'Brơi và xã Ia O", 9),  # an apostrophe after the cut
    ("Thành ủy Hà Nội Nguyễn Văn An phát biểu", 9),  # capitalised words glued to the place stay
    ("Ủy ban nhân dân tỉnh Hòa Bình, Sơn La và Hà Nội", 21),
    ("Hội đồng nhân dân thành phố Hồ Chí Minh (TP.HCM) họp", 28),
    ("Thành ủy Bà Rịa - Vũng Tàu chỉ đạo", 9),  # a joined word inside the run
    ("Huyện ủy Chương Mỹ\u200b tổ chức", 9),  # cleaning drops a character: the window stays whole
    ("Ðảng bộ tỉnh Quảng Nam họp", 13),
    ("Tỉnh ủy Quảng Nam", 8),
])
def test_a_place_after_a_head_is_looked_up_in_the_window_cut_after_its_words(window, start):
    cut = orgs._up_to_place_end(window, start)
    assert window.startswith(cut)
    for province in (None, "Hà Nội", "Quảng Nam"):
        assert geo.places_starting_at(cut, (start,), province) == geo.places_starting_at(window, (start,), province)
