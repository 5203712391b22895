"""geo.places_starting_at reads only the runs of words around the offsets asked for; it must give
exactly the places find_places gives there."""

from loaders import geo
from loaders.textnorm import clean_text

TEXTS = [
    "Chiều 12/3, Huyện ủy Chương Mỹ và UBND tỉnh Quảng Nam làm việc với Thành ủy Hà Nội tại thành phố Hồ Chí Minh.",
    "Đồng chí Nguyễn Thị Hà Giang, Bí thư Tỉnh ủy Hà Giang, thăm Bà Rịa - Vũng Tàu và huyện Ea H'Leo.",
    "Hội đồng nhân dân Thành phố Hồ Chí Minh; Đảng bộ thị xã Sơn Tây; TP. Huế; Tỉnh ủy Thừa Thiên Huế.",
    "Ban Thường vụ Tỉnh ủy Vĩnh Phúc họp tại Phúc Yên, Vĩnh Yên và Thái Bình Dương Nam Định.",
]


def test_places_starting_at_are_those_find_places_gives_there():
    for text in TEXTS:
        for prefer in (None, "Hà Nội", "Đắk Lắk"):
            everywhere = geo.find_places(text, prefer)
            assert everywhere
            starts = {p.start for p in everywhere}
            for offset in range(len(clean_text(text))):
                for wanted in ((offset,), (offset, offset + 5)):
                    got = geo.places_starting_at(text, wanted, prefer)
                    assert got == [p for p in everywhere if p.start in wanted], (text, wanted)
            assert len(geo.places_starting_at(text, tuple(sorted(starts)), prefer)) == len(everywhere)
    assert geo.places_starting_at(TEXTS[0], ()) == []
