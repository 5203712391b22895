"""loaders.fastre writes word alternations that open with a character set; they must match
exactly what the plain alternations match."""

import json
import re
import string
from pathlib import Path

import pytest

from loaders.fastre import case_variants, first_letter_alternation, word_branches
from loaders.meetings import TIME_EXPR, _lexicon

_LETTER = r"0-9A-Za-zÀ-ỹĐđ"
_DATA = Path(__file__).resolve().parents[1] / "loaders" / "data"

TEXTS = [
    "Sáng 12/3, đồng chí Nguyễn Văn An, Bí thư Tỉnh ủy chủ trì hội nghị; đồng chí Lê Thị Hoa dự và phát biểu.",
    "CHỦ TRÌ HỘI NGHỊ là đồng chí Trần Minh, Phó Chủ tịch UBND tỉnh; tham dựa không phải là dự.",
    "Đồng chủ trì buổi làm việc có các đồng chí: Phạm Hùng, Võ Thị Lan. Kết luận hội nghị, đồng chí nhấn mạnh.",
    "xchủ trì, achủ trì, chủ  trì,\nchủ\ttrì: báo cáo, trình bày, quán triệt, công bố, bày tỏ, dẫn đầu.",
    "Về phía tỉnh có mặt đồng chí Hà; thăm và làm việc với Đảng ủy xã; \u212aết luận; ſáng 1/2; İ.",
    "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12 sẽ được tổ chức; sắp tới, dự kiến ngày mai.",
]


@pytest.mark.parametrize("letter", list(string.ascii_lowercase) + ["đ", "Đ", "K"])
def test_case_variants_are_every_character_case_insensitive_matching_equates(letter):
    pattern = re.compile("(?i:%s)" % re.escape(letter))
    expected = "".join(sorted(chr(c) for c in range(0x10000) if pattern.fullmatch(chr(c))))
    assert case_variants(letter) == expected


def _flat(words, not_before, ignore_case, capture):
    body = "|".join(("(%s)" if capture else "(?:%s)") % r"\s+".join(map(re.escape, w.split())) for w in words)
    behind = f"(?<!{not_before})" if not_before else ""
    return re.compile(f"(?i:{behind}(?:{body}))" if ignore_case else f"{behind}(?:{body})")


@pytest.mark.parametrize("ignore_case", [True, False])
@pytest.mark.parametrize("capture", [True, False])
def test_first_letter_alternation_matches_the_flat_alternation(ignore_case, capture):
    data = json.loads((_DATA / "meeting_kinds.json").read_text(encoding="utf-8"))
    words = sorted({w for ws in data["roles"].values() for w in ws} | set(data["report_verbs"]), key=len, reverse=True)
    if capture:  # capturing branches stay in order; the flat form numbers them as given
        pattern, order = first_letter_alternation(word_branches(words), f"[{_LETTER}]", ignore_case, capture=True)
        words = [words[i] for i in order]
    else:
        pattern, _ = first_letter_alternation(word_branches(words), f"[{_LETTER}]", ignore_case)
    fast = re.compile(pattern + f"(?![{_LETTER}])")
    flat = re.compile(_flat(words, f"[{_LETTER}]", ignore_case, capture).pattern + f"(?![{_LETTER}])")
    for text in TEXTS:
        assert [(m.span(), m.lastindex) for m in fast.finditer(text)] == [(m.span(), m.lastindex) for m in flat.finditer(text)]
        for pos in range(len(text)):
            a, b = fast.match(text, pos), flat.match(text, pos)
            assert (a and a.span()) == (b and b.span())
    assert fast.search(TEXTS[0]) is not None


@pytest.mark.parametrize("ignore_case", [True, False])
@pytest.mark.parametrize("capture", [True, False])
def test_a_rest_only_matches_after_its_own_first_letter(ignore_case, capture):
    """Two words that share a first letter are one group: the check of that letter covers both
    (a rest read after another word's first letter, "dhỉ đạo", is not a match)."""
    words = ["chủ trì", "chỉ đạo", "dự"]
    pattern, _ = first_letter_alternation(word_branches(words), None, ignore_case, capture)
    fast = re.compile(pattern)
    for text in ["dhỉ đạo", "dhủ trì", "cự", "Dhỉ đạo"]:
        assert fast.search(text) is None, text
    assert [m.group(0) for m in fast.finditer("chỉ đạo, chủ trì và dự")] == ["chỉ đạo", "chủ trì", "dự"]


def test_meeting_cues_still_find_their_roles():
    lex = _lexicon()
    found = [(m.group(0), lex["cue_roles"][m.lastindex - 1]) for m in lex["cue_re"].finditer(TEXTS[0])]
    assert found == [("chủ trì", "chair"), ("dự", "attendee"), ("phát biểu", "speaker")]
    t = TIME_EXPR.search(TEXTS[0])
    assert t is not None and (t.group("d"), t.group("m")) == ("12", "3")
