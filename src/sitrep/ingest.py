"""Documents in: text, HTML and JSON-lines files, folders and standard input.

contract.md ("Documents in") is the specification. Every reader yields ``Document`` records, or a
``Failure`` naming the document and the reason, so one bad input never stops a batch. Spans
downstream point into ``Document.text``, so text is kept exactly as decoded: newlines are not
normalised and only a byte-order mark is dropped.
"""

from __future__ import annotations

import codecs
import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from html.parser import HTMLParser
from typing import Any, BinaryIO, TextIO, cast

import charset_normalizer
import trafilatura

from sitrep.errors import DocumentError, UsageError
from sitrep.records import Document, Failure

log = logging.getLogger(__name__)

STAGE = "ingest"
DEFAULT_MAX_BYTES = 5_000_000
STDIN_NAME = "<stdin>"
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
META_FIELDS = ("url", "outlet", "title", "language")

# UTF-32 first: its little-endian mark begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HTML_START = re.compile(r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
_HTML_FRAME = re.compile(r"<(html|body)[\s>]", re.IGNORECASE)
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.IGNORECASE)

Line = str | bytes


# ---------------------------------------------------------------- public entry points


def read_paths(
    paths: Iterable[str],
    *,
    stdin: TextIO | BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    published: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Iterator[Document | Failure]:
    """Read files, folders (recursively) and ``-`` (JSON lines on ``stdin``) in the order given.

    ``published``, ``outlet`` and ``url`` fill metadata a document does not carry itself (the
    contract's flags for ``.txt`` files). Raises ``UsageError`` at once for a bad flag; problems
    with single documents come out as ``Failure`` records.
    """
    if max_bytes <= 0:
        raise UsageError(f"max_bytes must be positive, not {max_bytes}")
    day = None
    if published is not None:
        day = normalise_date(published)
        if day is None:
            raise UsageError(f"--published: {published!r} is not a YYYY-MM-DD, YYYY-MM or ISO 8601 date")
    defaults = {"published": day, "outlet": outlet, "url": url}
    return _read_all(list(paths), stdin, max_bytes, defaults)


def document_from_json(obj: dict[str, Any], where: str) -> Document:
    """One JSON-lines record as a Document; ``where`` (``file:line``) is the id when none is given.

    Raises ``DocumentError`` for a record with neither usable ``text`` nor ``html``.
    """
    if not isinstance(obj, dict):
        raise DocumentError(where, "not a JSON object")
    doc_id = _json_id(obj, where)
    meta = {name: _json_str(obj, name, doc_id) for name in META_FIELDS}
    published = _json_date(obj.get("published"), doc_id)
    text, html = obj.get("text"), obj.get("html")
    if text is None and html is None:
        raise DocumentError(doc_id, "no text or html")
    for name, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            raise DocumentError(doc_id, f"{name} is a JSON {type(value).__name__}, not a string")
    if text and text.strip():
        return Document(id=doc_id, text=text, published=published, **meta)
    if html and html.strip():
        return document_from_html(html, doc_id, published=published, **meta)
    raise DocumentError(doc_id, "empty")


def document_from_html(
    html: str,
    doc_id: str,
    *,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    title: str | None = None,
    language: str | None = None,
    path: str | None = None,
) -> Document:
    """The main text of a page, with navigation, ads and related-link lists dropped.

    Metadata given as arguments wins over what the page says (title, date, site name, url).
    The page is never fetched and no URL in it is followed. Raises ``DocumentError`` when no
    text is left.
    """
    page = _extract_page(html, url, doc_id)
    text = page.get("text") or ""
    if not text.strip():
        log.debug("%s: no main text found, falling back to a plain tag strip", doc_id)
        text = strip_tags(html)
    if not text.strip():
        raise DocumentError(doc_id, "empty: no text in the HTML")
    return Document(
        id=doc_id,
        text=text,
        url=url or page.get("url"),
        outlet=outlet or page.get("sitename"),
        published=normalise_date(published or "") or normalise_date(page.get("date") or ""),
        title=title or page.get("title"),
        language=language or page.get("language") or _html_language(html),
        path=path,
    )


def document_from_text(text: str, doc_id: str, **meta: str | None) -> Document:
    """A plain-text document, kept exactly as given; raises ``DocumentError`` when blank."""
    if not text.strip():
        raise DocumentError(doc_id, "empty")
    return Document(id=doc_id, text=text, **meta)


def decode_bytes(data: bytes, name: str) -> str:
    """Decode a file's bytes: a byte-order mark, else UTF-8, else charset-normalizer's best guess.

    Raises ``DocumentError`` naming ``name`` for empty or binary input.
    """
    if not data.strip():
        raise DocumentError(name, "empty")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data[len(bom) :], codec, name)
    if b"\x00" in data:
        raise DocumentError(name, "binary file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise DocumentError(name, "binary file")
    # On short texts charset-normalizer cannot tell the Windows code pages apart and often picks
    # Central European cp1250, which garbles "São Paulo"; legacy English news is nearly always
    # Windows-1252 / Latin-1, so that wins whenever it is among the plausible readings.
    plausible = {enc for match in matches for enc in (match.encoding, *match.could_be_from_charset)}
    encoding = "cp1252" if "cp1252" in plausible else best.encoding
    log.debug("%s: not UTF-8, decoded as %s", name, encoding)
    return data.decode(encoding) if encoding == "cp1252" else str(best)


def normalise_date(value: str) -> str | None:
    """``YYYY-MM-DD`` from a ``YYYY-MM-DD`` or ISO 8601 string, ``YYYY-MM`` from a month given
    alone ("2019-12": the page shows only the month), else None.

    The calendar day is kept as written: a time zone offset does not move it, because relative
    dates in a story ("yesterday") are meant in the writer's local day.
    """
    value = value.strip()
    if not value:
        return None
    if _MONTH_ONLY.fullmatch(value) and 1 <= int(value[5:7]) <= 12:
        return value
    try:
        return datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        return None


_MONTH_ONLY = re.compile(r"\d{4}-\d{2}")


def strip_tags(html: str) -> str:
    """Crude text of a page: tags dropped, scripts, styles and page furniture skipped."""
    parser = _TextCollector()
    try:
        parser.feed(html)
        parser.close()
    except AssertionError:
        # html.parser asserts on some malformed declarations; keep what was collected.
        log.debug("HTML parser gave up part way through the page")
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


# ---------------------------------------------------------------- paths and files


def _read_all(
    paths: list[str], stdin: TextIO | BinaryIO | None, max_bytes: int, defaults: dict[str, str | None]
) -> Iterator[Document | Failure]:
    for path in paths:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            items = _read_jsonl_lines(stream, STDIN_NAME, max_bytes, None)
        elif os.path.isdir(path):
            items = _read_folder(path, max_bytes)
        elif not os.path.exists(path):
            items = iter([Failure(path, "no such file or directory", STAGE)])
        else:
            items = _read_file(path, max_bytes)
        for item in items:
            yield _with_defaults(item, defaults) if isinstance(item, Document) else item


def _read_folder(folder: str, max_bytes: int) -> Iterator[Document | Failure]:
    for path in _walk(folder):
        yield from _read_file(path, max_bytes)


def _walk(folder: str) -> Iterator[str]:
    """Non-hidden files under ``folder``, depth first, in sorted and so stable order."""
    for root, dirs, files in os.walk(folder, onerror=_log_walk_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(root, name)


def _log_walk_error(err: OSError) -> None:
    log.warning("cannot list %s: %s", err.filename, err.strerror)


def _read_file(path: str, max_bytes: int) -> Iterator[Document | Failure]:
    suffix = os.path.splitext(path)[1].lower()
    try:
        if suffix in JSONL_SUFFIXES:
            with open(path, "rb") as stream:
                yield from _read_jsonl_lines(stream, path, max_bytes, path)
            return
        document = _file_document(path, suffix, max_bytes)
    except DocumentError as err:
        yield Failure(err.document, err.reason, STAGE)
        return
    except OSError as err:
        yield Failure(path, err.strerror or str(err), STAGE)
        return
    yield document


def _file_document(path: str, suffix: str, max_bytes: int) -> Document:
    text = decode_bytes(_read_bytes(path, max_bytes), path)
    if suffix in HTML_SUFFIXES or (suffix not in (".txt", ".text") and _HTML_START.match(text)):
        return document_from_html(text, path, path=path)
    return document_from_text(text, path, path=path)


def _read_bytes(path: str, max_bytes: int) -> bytes:
    size = os.path.getsize(path)
    if size > max_bytes:
        raise DocumentError(path, _too_large(size, max_bytes))
    with open(path, "rb") as handle:
        # Read one byte past the limit: pipes and growing files report a misleading size.
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise DocumentError(path, _too_large(len(data), max_bytes))
    return data


def _with_defaults(document: Document, defaults: dict[str, str | None]) -> Document:
    missing = {k: v for k, v in defaults.items() if v is not None and getattr(document, k) is None}
    return replace(document, **missing) if missing else document


# ---------------------------------------------------------------- JSON lines


def _read_jsonl_lines(
    stream: TextIO | BinaryIO, name: str, max_bytes: int, path: str | None
) -> Iterator[Document | Failure]:
    lines = cast(Iterable[Line], stream)  # text or bytes lines, told apart per line
    for number, raw in enumerate(lines, start=1):
        where = f"{name}:{number}"
        try:
            line = _decode_line(raw, where, first=number == 1)
            if not line.strip():
                continue
            document = _json_line_document(line, where, max_bytes)
        except DocumentError as err:
            yield _line_failure(err, where)
            continue
        yield replace(document, path=path) if path else document


def _decode_line(raw: Line, where: str, *, first: bool) -> str:
    if isinstance(raw, bytes):
        return decode_bytes(raw, where) if raw.strip() else ""
    return raw.removeprefix("\ufeff") if first else raw


def _json_line_document(line: str, where: str, max_bytes: int) -> Document:
    try:
        # strict=False lets raw tabs and other control characters through inside strings,
        # which some exporters write without escaping.
        obj = json.loads(line, strict=False)
    except json.JSONDecodeError as err:
        raise DocumentError(where, f"invalid JSON: {err.msg} (column {err.colno})") from err
    except RecursionError as err:
        raise DocumentError(where, "invalid JSON: nested too deeply") from err
    if isinstance(obj, dict):
        _check_json_size(obj, where, max_bytes)
    return document_from_json(obj, where)


def _check_json_size(obj: dict[str, Any], where: str, max_bytes: int) -> None:
    for name in ("text", "html"):
        value = obj.get(name)
        # A character is at most four bytes, so short strings need no encoding to check.
        if isinstance(value, str) and len(value) * 4 > max_bytes:
            size = len(value.encode("utf-8", "surrogatepass"))
            if size > max_bytes:
                raise DocumentError(_json_id(obj, where), _too_large(size, max_bytes))


def _line_failure(err: DocumentError, where: str) -> Failure:
    reason = err.reason if err.document == where else f"{err.reason} ({where})"
    return Failure(err.document, reason, STAGE)


def _json_id(obj: dict[str, Any], where: str) -> str:
    value = obj.get("id")
    if isinstance(value, bool) or value is None:
        return where
    if isinstance(value, int | str) and str(value).strip():
        return str(value)
    return where


def _json_str(obj: dict[str, Any], name: str, doc_id: str) -> str | None:
    value = obj.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        log.warning("%s: ignoring %s, a JSON %s rather than a string", doc_id, name, type(value).__name__)
        return None
    return value.strip() or None


def _json_date(value: Any, doc_id: str) -> str | None:
    if value is None:
        return None
    day = normalise_date(value) if isinstance(value, str) else None
    if day is None:
        log.warning("%s: ignoring published %r, not a YYYY-MM-DD, YYYY-MM or ISO 8601 date", doc_id, value)
    return day


# ---------------------------------------------------------------- HTML


def _extract_page(html: str, url: str | None, doc_id: str) -> dict[str, Any]:
    if not _HTML_FRAME.search(html[:5000]):
        # A bare fragment (common in JSON lines) is not a tree trafilatura accepts.
        html = f"<html><body>{html}</body></html>"
    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            favor_precision=True,
            include_comments=False,
            include_tables=False,
            include_links=False,
            include_images=False,
            # Page dates from metadata only: htmldate's extensive search reads dates out of the
            # story body, usually the event's day rather than the publication day.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as err:  # a parser failure on one hostile page must not end the batch
        log.warning("%s: trafilatura failed (%s), falling back to a plain tag strip", doc_id, err)
        return {}
    if result is None:
        return {}
    return result if isinstance(result, dict) else result.as_dict()


def _html_language(html: str) -> str | None:
    match = _HTML_LANG.search(html[:5000])
    return match.group(1).lower() if match else None


class _TextCollector(HTMLParser):
    """Collects text outside scripts and page furniture, with a newline at each block."""

    SKIP = frozenset({"script", "style", "noscript", "template", "title", "nav", "header", "footer", "aside"})
    SKIP |= frozenset({"form", "svg", "iframe", "button", "select"})
    BLOCK = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "article"})
    BLOCK |= frozenset({"section", "blockquote", "pre", "table", "ul", "ol", "dd", "dt", "figcaption"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


# ---------------------------------------------------------------- small helpers


def _decode_with_bom(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        raise DocumentError(name, f"bad encoding: not valid {codec} after its byte-order mark") from err


def _too_large(size: int, limit: int) -> str:
    return f"too large: {_human_size(size)} > {_human_size(limit)} limit"


def _human_size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.1f} kB"
    return f"{size} bytes"
