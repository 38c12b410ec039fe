"""Documents in: text, HTML and JSON-lines files, folders and standard input.

contract.md ("Documents in") is the specification. Every reader yields ``Document`` records, or a
``Failure`` naming the document and the reason, so one bad input never stops a batch. Spans
downstream point into ``Document.text``, so text is kept exactly as decoded: newlines are not
normalised and only a byte-order mark is dropped.
"""

from __future__ import annotations

import codecs
import itertools
import json
import logging
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any, BinaryIO, TextIO, cast

from sitrep.errors import DocumentError, UsageError
from sitrep.ingest.pages import document_from_html
from sitrep.ingest.sidecars import Metadata, folder_table, is_sidecar, metadata_for
from sitrep.records import Document, Failure, normalise_date

log = logging.getLogger(__name__)

STAGE = "ingest"
DEFAULT_MAX_BYTES = 5_000_000
STDIN_NAME = "<stdin>"
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
TEXT_SUFFIXES = (".txt", ".text", "")
# What a folder holds that is read: documents. Other files in it (notes, spreadsheets, PDFs,
# images) are skipped; a file named on the command line is read whatever its suffix.
FOLDER_SUFFIXES = frozenset(HTML_SUFFIXES + JSONL_SUFFIXES + TEXT_SUFFIXES)
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
    import charset_normalizer  # only for the rare text that is not UTF-8 (about 0.08 s to import)

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


# ---------------------------------------------------------------- paths and files


def _read_all(
    paths: list[str], stdin: TextIO | BinaryIO | None, max_bytes: int, defaults: dict[str, str | None]
) -> Iterator[Document | Failure]:
    tables: Tables = {}
    for path in paths:
        if path == "-":
            if stdin is None:
                raise UsageError("'-' reads standard input, but standard input is closed")
            items = _read_stdin(stdin, max_bytes)
        elif os.path.isdir(path):
            items = _read_folder(path, max_bytes, tables)
        elif not os.path.lexists(path):
            items = iter([Failure(display_name(path), "no such file or directory", STAGE)])
        else:
            items = _read_file(path, max_bytes, tables)
        for item in items:
            yield _with_defaults(item, defaults) if isinstance(item, Document) else item


def display_name(path: str) -> str:
    """A path as it can be shown and stored: bytes that are not UTF-8 in a file name become U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


Tables = dict[str, dict[str, Metadata]]


def _read_folder(folder: str, max_bytes: int, tables: Tables) -> Iterator[Document | Failure]:
    for path in _walk(folder):
        yield path if isinstance(path, Failure) else from_file(path, max_bytes, tables)


def _walk(folder: str) -> Iterator[str | Failure]:
    """Non-hidden document files under ``folder`` (``FOLDER_SUFFIXES``), depth first, in sorted
    and so stable order; a folder that cannot be listed is a ``Failure``; metadata sidecars and
    other files are not documents."""
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        yield from (_unlistable(err) for err in errors)
        errors.clear()
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = os.path.join(root, name)
            if name.startswith(".") or is_sidecar(path):
                continue
            if os.path.splitext(name)[1].lower() in FOLDER_SUFFIXES:
                yield path
            else:
                log.info("%s: not a document file, skipped", display_name(path))
    yield from (_unlistable(err) for err in errors)


def _unlistable(err: OSError) -> Failure:
    return Failure(display_name(str(err.filename)), f"cannot list folder: {err.strerror or err}", STAGE)


def _read_file(path: str, max_bytes: int, tables: Tables) -> Iterator[Document | Failure]:
    if os.path.splitext(path)[1].lower() in JSONL_SUFFIXES:
        try:
            with open(path, "rb") as stream:
                yield from _read_jsonl_lines(stream, display_name(path), max_bytes, display_name(path))
        except OSError as err:
            yield Failure(display_name(path), err.strerror or str(err), STAGE)
        return
    yield from_file(path, max_bytes, tables)


def from_file(path: str, max_bytes: int, tables: Tables | None = None) -> Document | Failure:
    """One plain-text or HTML file as a ``Document`` with its sidecar metadata, or the
    ``Failure`` naming it: not a regular file (a pipe, a device), unreadable, binary, empty or
    too large. ``tables`` caches each folder's ``metadata.csv``."""
    name = display_name(path)
    tables = {} if tables is None else tables
    try:
        if not os.path.isfile(path):
            raise DocumentError(name, "not a regular file")
        folder = os.path.dirname(path)
        if folder not in tables:
            tables[folder] = folder_table(folder)
        meta = metadata_for(path, tables)
        document = _file_document(path, name, os.path.splitext(path)[1].lower(), max_bytes)
    except DocumentError as err:
        return Failure(err.document, err.reason, STAGE)
    except OSError as err:
        return Failure(name, err.strerror or str(err), STAGE)
    return replace(document, **meta) if meta else document


def _file_document(path: str, name: str, suffix: str, max_bytes: int) -> Document:
    text = decode_bytes(_read_bytes(path, name, max_bytes), name)
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES[:2] and _HTML_START.match(text)):
        return document_from_html(text, name, path=name)
    return document_from_text(text, name, path=name)


def _read_bytes(path: str, name: str, max_bytes: int) -> bytes:
    size = os.path.getsize(path)
    if size > max_bytes:
        raise DocumentError(name, _too_large(size, max_bytes))
    with open(path, "rb") as handle:
        # Read one byte past the limit: growing files report a misleading size.
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise DocumentError(name, _too_large(len(data), max_bytes))
    return data


def _with_defaults(document: Document, defaults: dict[str, str | None]) -> Document:
    missing = {k: v for k, v in defaults.items() if v is not None and getattr(document, k) is None}
    return replace(document, **missing) if missing else document


# ---------------------------------------------------------------- JSON lines


def _read_stdin(stream: TextIO | BinaryIO, max_bytes: int) -> Iterator[Document | Failure]:
    """JSON lines; or, when the first line that is not blank does not start like JSON ("{", "["), the
    whole input as one plain-text document (``cat report.txt | sitrep extract -``)."""
    lines = iter(cast(Iterable[Line], stream))
    head: list[Line] = []
    for raw in lines:
        head.append(raw)
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
        if text.strip().lstrip("\ufeff"):
            break
    first = head[-1] if head else ""
    first_text = first.decode("utf-8", "replace") if isinstance(first, bytes) else first
    if not head or first_text.strip().lstrip("\ufeff").startswith(("{", "[")):
        yield from _read_jsonl_lines(itertools.chain(head, lines), STDIN_NAME, max_bytes, None)
        return
    log.info("standard input is not JSON lines: reading it as one plain-text document")
    yield _stdin_text(itertools.chain(head, lines), max_bytes)


def _stdin_text(lines: Iterable[Line], max_bytes: int) -> Document | Failure:
    chunks: list[bytes] = []
    size = 0
    for raw in lines:
        chunk = raw if isinstance(raw, bytes) else raw.encode("utf-8", "surrogatepass")
        size += len(chunk)
        if size > max_bytes:
            return Failure(STDIN_NAME, _too_large(size, max_bytes), STAGE)
        chunks.append(chunk)
    try:
        return document_from_text(decode_bytes(b"".join(chunks), STDIN_NAME), STDIN_NAME)
    except DocumentError as err:
        return Failure(err.document, err.reason, STAGE)


def _read_jsonl_lines(
    stream: TextIO | BinaryIO | Iterable[Line], name: str, max_bytes: int, path: str | None
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
