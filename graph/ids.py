"""Deterministic node ids: loading the same article twice changes nothing.

Identity rules (documented in the README, "Identity"):

* Article: hash of the normalised body text, so the same text from two paths is one article.
* Organization, Position: their canonical name / title, folded.
* Resolution: kind + the number's leading part + the issuing level, so "Chỉ thị số 05-CT/TW"
  and "Chỉ thị 05 của Bộ Chính trị" are one; without a number, kind + folded name.
* Person: folded name + scope (the province of their most specific position, "Trung ương" for
  central-only officials, else the article's province). Two people sharing a name stay apart
  when their localities conflict; one official seen in many articles of one province is one
  node.
* Meeting: kind + date + folded name when the date is known (two outlets reporting the same
  conference merge), else scoped to the article.
"""

from __future__ import annotations

import hashlib
import re

from loaders.textnorm import clean_text, fold, slug


def _h(text: str, n: int = 16) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=n // 2).hexdigest()


def article_id(normalised_text: str) -> str:
    return "a:" + _h(" ".join(clean_text(normalised_text).split()), 16)


def org_id(name: str) -> str:
    return "o:" + slug(name)


def position_id(title: str) -> str:
    return "p:" + slug(title)


def person_id(name: str, scope: str | None) -> str:
    return "h:" + slug(name) + ("@" + slug(scope) if scope else "")


def meeting_id(kind: str, name: str, date: str | None, article: str) -> str:
    anchor = date if date else article
    return "m:" + _h(f"{fold(kind)}|{fold(name)}|{anchor}", 16)


# Suffixes of document numbers that name the issuing level: "-CT/TW" (central), "-ĐA/TU",
# "/TU" (provincial/city committee), "/HU" (district committee), "/ĐU" (party committee).
_NUMBER_HEAD = re.compile(r"^\s*(\d+[a-zA-Z]?)")


_CENTRAL = ("trung uong", "bo chinh tri", "ban bi thu", "chinh phu", "quoc hoi", "dai hoi")


def issuing_scope(number: str | None, issuer: str | None) -> str:
    """The level a document was issued at, for matching mentions of one document."""
    if issuer:
        f = fold(issuer)
        return "tw" if any(k in f for k in _CENTRAL) else slug(issuer)
    if number and "/" in number:
        return fold(number.rsplit("/", 1)[1]).replace(" ", "")
    return ""


def resolution_id(kind: str, number: str | None, name: str, issuer: str | None) -> str:
    if number:
        m = _NUMBER_HEAD.match(number)
        head = m.group(1).lstrip("0") or "0" if m else slug(number)
        return "r:" + slug(kind) + ":" + head.lower() + ":" + issuing_scope(number, issuer)
    return "r:" + slug(kind) + ":" + _h(fold(name), 16)


# Codes document numbers carry for their kind ("05-CT/TW": CT = Chỉ thị) and for the issuing
# level ("/TW" central, "/TU" a provincial or city committee, "/HU" a district committee).
KIND_CODES = {
    "nghi quyet": "NQ", "chi thi": "CT", "quy dinh": "QĐ", "ket luan": "KL", "de an": "ĐA",
    "chuong trinh": "CTr", "ke hoach": "KH", "quyet dinh": "QĐ", "huong dan": "HD",
}
_LEVEL_CODES = (("tw", "TW"), ("thanh uy", "TU"), ("tinh uy", "TU"), ("huyen uy", "HU"), ("quan uy", "HU"),
                ("thi uy", "HU"), ("dang uy", "ĐU"))


def full_number(kind: str, number: str | None, issuer: str | None) -> str | None:
    """A document number in its full written form: "05" of Bộ Chính trị -> "05-CT/TW"."""
    if not number:
        return None
    if "/" in number:
        return number
    scope = issuing_scope(number, issuer)
    level = next((code for key, code in _LEVEL_CODES if scope == key or fold(scope.replace("-", " ")).startswith(key)), None)
    code = KIND_CODES.get(fold(kind))
    if not (level and code and _NUMBER_HEAD.match(number)):
        return None
    return f"{number}-{code}/{level}"
