"""Read article sources (.txt, .html/.htm, .jsonl; files or folders) into RawArticle records.

Bytes are decoded by sniffing, not by trusting one codec: BOM first (UTF-8, UTF-16 LE/BE),
then strict UTF-8, then UTF-16 without BOM (NUL-byte pattern), then the legacy Vietnamese code
page Windows-1258 when the result reads as Vietnamese, then charset-normalizer. Decoded text is
NFC (cp1258 and some editors store tone marks as combining characters), and UTF-8 that an
exporter had read as Windows-1252 ("Há»™i nghá»‹") is repaired. .jsonl files are streamed
line by line.

A path the user named that does not exist or cannot be read is an error
(graph.errors.InputFileError); a file inside a folder that cannot be read, or a file that is
not text, becomes a Skipped record with the reason, and reading goes on.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from graph.errors import InputFileError
from loaders.records import Document, RawArticle, Skipped

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SOURCE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

# Control characters that never occur in text (everything below U+0020 except \t \n \r \f).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Letters only Vietnamese uses (after NFC): ă đ ơ ư and the Latin Extended Additional block
# (ạ ả ấ ầ ộ ữ ...), so French or German text read as cp1258 does not pass for Vietnamese.
_VIETNAMESE_LETTER = re.compile(r"[ăđơưĂĐƠƯ\u1ea0-\u1ef9]")
_LETTER = re.compile(
    r"[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    r"ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ]"
)
_LETTER = re.compile(r"[^\W\d_]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)


class NotText(ValueError):
    """The bytes are not text in any encoding we read."""


# ---------------------------------------------------------------- decoding


def _looks_vietnamese(text: str) -> bool:
    letters = len(_LETTER.findall(text[:20000]))
    if letters == 0:
        return False
    return len(_VIETNAMESE_LETTER.findall(text[:20000])) / letters >= 0.03


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without BOM: NUL high bytes of ASCII characters sit on one parity."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    codec = None
    if odd > 0.3 * half and even < 0.05 * half:
        codec = "utf-16-le"
    elif even > 0.3 * half and odd < 0.05 * half:
        codec = "utf-16-be"
    if codec is None or len(data) % 2:
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode article bytes to NFC text; raise NotText with the reason when they are not text."""
    text: str | None = None
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="strict") if _strict_ok(data[3:], "utf-8") else None
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        text = data[2:].decode(codec, errors="strict") if _strict_ok(data[2:], codec) else None
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
    if text is None and declared and b"\x00" not in data:
        try:  # the page's <meta charset>, after UTF-8: pages often declare a charset they do not use
            text = data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None and b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise NotText("binary file (contains NUL bytes)")
    if text is None:
        text = _legacy_decode(data)
    if "\x00" in text or len(_CONTROL.findall(text[:20000])) > max(3, len(text[:20000]) // 1000):
        raise NotText("binary file (control characters)")
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _repair_double_encoding(text))


# UTF-8 bytes of Vietnamese letters read as Windows-1252/Latin-1: "Há»™i nghá»‹" for "Hội nghị".
_DOUBLE_ENCODED = re.compile(r"á»|áº|Ä‘|Æ°|Æ¡|Ã[\u00a0-\u00bf]")


def _cp1252_byte(error: UnicodeError) -> tuple[bytes, int]:
    """Encode error handler: C1 characters (undefined cp1252 bytes kept by Latin-1) are their byte."""
    chars = error.object[error.start : error.end]
    if all(0x80 <= ord(c) <= 0xFF for c in chars):
        return bytes(ord(c) for c in chars), error.end
    raise error


codecs.register_error("partykg_cp1252_byte", _cp1252_byte)


def _repair_double_encoding(text: str) -> str:
    """Undo UTF-8 read as Windows-1252 when the page clearly is that mojibake; else unchanged."""
    if len(_DOUBLE_ENCODED.findall(text[:20000])) < 3:
        return text
    try:
        repaired = text.encode("cp1252", errors="partykg_cp1252_byte").decode("utf-8")
    except UnicodeError:
        return text
    return repaired if _looks_vietnamese(repaired) else text


def _strict_ok(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
        return True
    except UnicodeDecodeError:
        return False


def _legacy_decode(data: bytes) -> str:
    """Not UTF-8: Windows-1258 if it reads as Vietnamese, else charset-normalizer's best guess."""
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
        if _looks_vietnamese(text):
            return text
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise NotText("not text (no encoding decodes it)")
    return str(best)


def read_text_file(path: Path) -> str:
    """Read and decode one file; OSError and NotText propagate to the caller."""
    data = path.read_bytes()
    declared = None
    if path.suffix.lower() in HTML_SUFFIXES:
        m = _META_CHARSET.search(data[:4096])
        declared = m.group(1).decode("ascii").lower() if m else None
        if declared in ("windows-1258", "cp1258", "x-cp1258"):
            declared = "cp1258"
    return decode_bytes(data, declared)


# ---------------------------------------------------------------- dates in metadata

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY_DATE = re.compile(r"(?<!\d)(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?!\d)")


def iso_date(value: object) -> str | None:
    """An ISO date from a metadata value ("2020-07-01", "2020-07-01T20:05:00+07:00", "01/07/2020")."""
    if value is None:
        return None
    text = str(value)
    m = _ISO_DATE.match(text)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = _DMY_DATE.search(text)
        if not m:
            return None
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


# ---------------------------------------------------------------- sources


def _read_txt(path: Path, text: str) -> Iterator[RawArticle | Skipped]:
    if not text.strip():
        yield Skipped(str(path), "empty file")
        return
    yield RawArticle(source=str(path), text=text)


def _read_html(path: Path, text: str) -> Iterator[RawArticle | Skipped]:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, include_tables=True)
    except Exception as exc:  # noqa: BLE001 - a page trafilatura cannot parse is skipped, not fatal
        yield Skipped(str(path), f"html not parsed: {exc}")
        return
    if doc is None or not (doc.text or "").strip():
        yield Skipped(str(path), "html page without main text")
        return
    body = doc.text
    credits = [c for c in _photo_credits(text) if c not in body]
    if credits:  # trafilatura drops <figcaption>: keep its photo credits, as a text page has them
        body = body.rstrip("\n") + "\n" + "\n".join(credits)
    yield RawArticle(
        source=str(path),
        text=unicodedata.normalize("NFC", body),
        title=doc.title or None,
        url=doc.url or None,
        published=iso_date(doc.date),
        outlet=None,  # the page's site name is not the article's outlet tag; clean() finds the tag
    )


_CREDIT = re.compile(r"(?:Ảnh|Tin,\s*ảnh|Tin\s+và\s+ảnh|Bài,\s*ảnh)\s*:\s*[^.;:()]{2,60}?\s*$")


def _photo_credits(html: str) -> list[str]:
    """Photo credits ("Ảnh: Hoàng Hiệp") at the end of the page's figure captions, each once."""
    if "figcaption" not in html.lower():
        return []
    try:
        from lxml import html as lxml_html

        tree = lxml_html.fromstring(html)
    except Exception:  # noqa: BLE001 - a page lxml cannot parse simply has no credits
        return []
    credits: list[str] = []
    for caption in tree.iter("figcaption"):
        text = " ".join(caption.text_content().split())
        m = _CREDIT.search(unicodedata.normalize("NFC", text))
        if m and m.group(0).strip() not in credits:
            credits.append(m.group(0).strip())
    return credits


def _jsonl_lines(path: Path) -> Iterator[tuple[int, str | None]]:
    """(line number, decoded line or None when the line is not text), streamed for big files.

    JSON Lines is UTF-8; a UTF-16 file (BOM or NUL bytes) is decoded whole instead.
    """
    with open(path, "rb") as fh:
        start = fh.read(4)
        if start.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in start:
            text = decode_bytes(start + fh.read())
            yield from enumerate(text.split("\n"), start=1)
            return
        fh.seek(3 if start.startswith(b"\xef\xbb\xbf") else 0)
        for number, raw in enumerate(fh, start=1):
            try:
                yield number, raw.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    yield number, decode_bytes(raw)
                except NotText:
                    yield number, None


def _read_jsonl(path: Path) -> Iterator[RawArticle | Skipped]:
    for number, line in _jsonl_lines(path):
        source = f"{path}:{number}"
        if line is None:
            yield Skipped(source, f"line {number}: not text")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(source, f"line {number}: invalid JSON ({exc.msg})")
            continue
        if not isinstance(record, dict):
            yield Skipped(source, f"line {number}: not a JSON object")
            continue
        body = record.get("text") or record.get("content")
        if not isinstance(body, str) or not body.strip():
            yield Skipped(source, f"line {number}: no 'text' or 'content'")
            continue
        title = record.get("title")
        outlet = record.get("outlet")
        url = record.get("url")
        yield RawArticle(
            source=source,
            text=unicodedata.normalize("NFC", body.replace("\r\n", "\n")),
            title=unicodedata.normalize("NFC", title).strip() or None if isinstance(title, str) else None,
            url=url if isinstance(url, str) and url else None,
            published=iso_date(record.get("published") or record.get("date")),
            outlet=outlet.strip() or None if isinstance(outlet, str) else None,
        )


_TEXT_READERS = {
    **{s: _read_txt for s in TEXT_SUFFIXES},
    **{s: _read_html for s in HTML_SUFFIXES},
}


def _read_file(path: Path) -> Iterator[RawArticle | Skipped]:
    """One file; OSError propagates so the caller decides between error and Skipped."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        try:
            yield from _read_jsonl(path)
        except NotText as exc:
            yield Skipped(str(path), str(exc))
        return
    try:
        text = read_text_file(path)
    except NotText as exc:
        yield Skipped(str(path), str(exc))
        return
    yield from _TEXT_READERS.get(suffix, _read_txt)(path, text)


def walk_sources(folder: Path, errors: list[Skipped] | None = None) -> list[Path]:
    """Source files under ``folder``, recursively, sorted by their path (so runs are repeatable).

    Subfolders that cannot be listed are reported in ``errors`` when given.
    """

    def report(exc: OSError) -> None:
        if errors is not None:
            errors.append(Skipped(str(exc.filename or folder), f"folder cannot be read ({exc.strerror or exc})"))

    found = []
    for root, dirs, files in os.walk(folder, onerror=report):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if Path(name).suffix.lower() in SOURCE_SUFFIXES and not name.startswith("."):
                found.append(Path(root) / name)
    return sorted(found, key=lambda p: p.relative_to(folder).parts)



def iter_sources(paths: Iterable[str], *, skip_unreadable: bool = False) -> Iterator[RawArticle | Skipped]:
    """RawArticle for every article in ``paths`` (files or folders), Skipped for what is not read.

    A path given here that is missing or unreadable raises InputFileError (the user named it),
    unless ``skip_unreadable`` (for callers passing files they found by walking a folder).
    """
    for given in paths:
        path = Path(given)
        problem = None
        if not path.exists():
            problem = "no such file or folder"
        elif path.is_dir() and not os.access(path, os.R_OK | os.X_OK):
            problem = "folder cannot be read (permission denied)"
        if problem:
            if not skip_unreadable:
                raise InputFileError(str(given), problem)
            yield Skipped(str(given), problem)
            continue
        if path.is_dir():
            errors: list[Skipped] = []
            for file in walk_sources(path, errors):
                try:
                    yield from _read_file(file)
                except OSError as exc:
                    yield Skipped(str(file), f"cannot be read ({exc.strerror or exc})")
            yield from errors
            continue
        suffix = path.suffix.lower()
        if suffix and suffix not in SOURCE_SUFFIXES:
            yield Skipped(str(path), f"unsupported file type '{suffix}' (expected .txt, .html, .htm or .jsonl)")
            continue
        try:
            yield from _read_file(path)
        except OSError as exc:
            if not skip_unreadable:
                raise InputFileError(str(given), f"cannot be read ({exc.strerror or exc})") from None
            yield Skipped(str(given), f"cannot be read ({exc.strerror or exc})")


def iter_documents(paths: Iterable[str], *, skip_unreadable: bool = False) -> Iterator[Document | Skipped]:
    """Cleaned Documents for every article in ``paths``; Skipped records pass through."""
    from loaders.clean import clean

    for item in iter_sources(paths, skip_unreadable=skip_unreadable):
        if isinstance(item, Skipped):
            yield item
            continue
        document = clean(item)
        if not document.paragraphs:
            yield Skipped(item.source, "no article text left after removing page furniture")
            continue
        yield document


__all__ = ["iter_sources", "iter_documents", "walk_sources", "decode_bytes", "read_text_file", "iso_date", "NotText"]
