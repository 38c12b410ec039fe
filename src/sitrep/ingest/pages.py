"""Web pages in: the main text of an HTML page, with navigation, ads and related-link lists dropped.

The page is never fetched and no URL in it is followed: trafilatura reads the HTML given, and a
plain tag strip stands in when it finds no main text.
"""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser
from typing import Any

from sitrep.errors import DocumentError
from sitrep.records import Document, normalise_date

log = logging.getLogger(__name__)

_HTML_FRAME = re.compile(r"<(html|body)[\s>]", re.IGNORECASE)
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.IGNORECASE)


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



def _extract_page(html: str, url: str | None, doc_id: str) -> dict[str, Any]:
    if not _HTML_FRAME.search(html[:5000]):
        # A bare fragment (common in JSON lines) is not a tree trafilatura accepts.
        html = f"<html><body>{html}</body></html>"
    import trafilatura  # only when a page is read: with lxml, about 0.12 s to import

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


