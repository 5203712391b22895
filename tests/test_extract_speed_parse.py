"""The organisation parser tries only the readers whose heads start with the letter at the
position it reads; that table must hold every letter each head regex can start with."""

import re._parser as sre_parse
from re._constants import BRANCH, LITERAL, SUBPATTERN

from loaders.orgs import Locality, _Parser, _patterns, _readers_by_first_letter, find_organizations


def _first_letters(pattern: str) -> set[str]:
    """The first characters of the top-level alternation of a head regex (each branch opens
    with a literal letter, as ``_by_first_letter`` writes them)."""
    items = list(sre_parse.parse(pattern))
    op, av = items[0]
    while op is SUBPATTERN:  # (?:...)
        items = list(av[-1])
        op, av = items[0]
    branches = av[1] if op is BRANCH else [items]
    letters = set()
    for branch in branches:
        first_op, first_av = list(branch)[0]
        assert first_op is LITERAL, (pattern[:80], first_op)
        letters.add(chr(first_av))
    return letters


def test_readers_table_holds_every_first_letter_of_their_heads():
    p = _patterns()
    table = _readers_by_first_letter()
    for key, reader in (("central_re", _Parser._central_at), ("group_re", _Parser._group_at),
                        ("unit_re", _Parser._unit_at), ("committee_re", _Parser._committee_at),
                        ("state_re", _Parser._state_at), ("named_re", _Parser._named_at)):
        letters = _first_letters(p[key].pattern)
        assert letters, key
        for letter in letters:
            assert reader in table.get(letter, ()), (key, letter)
    assert _Parser._khoi_at in table["Đ"]


def test_parse_still_reads_the_bodies():
    loc = Locality(province="Hà Nội")
    found = [org.name for org, _ in find_organizations(
        "Ban Tổ chức Thành ủy Hà Nội phối hợp với Ủy ban nhân dân huyện Chương Mỹ và Đảng ủy Khối các cơ quan thành phố.", loc)]
    assert "Ban Tổ chức Thành ủy Hà Nội" in found
    assert "Ủy ban nhân dân huyện Chương Mỹ" in found
    assert _Parser("tại hội trường", loc).parse(0) is None
