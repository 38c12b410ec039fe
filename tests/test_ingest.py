from __future__ import annotations

import io
import json
import logging
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.errors import DocumentError, UsageError
from sitrep.ingest.pages import document_from_html, strip_tags
from sitrep.ingest.read import decode_bytes, document_from_json, read_paths
from sitrep.records import Document, Failure, normalise_date

PROTEST = "Teachers marched through Kisumu on Tuesday to demand unpaid wages, witnesses said."

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Police disperse traders in Kano | The Northern Ledger</title>
<meta property="og:site_name" content="The Northern Ledger">
<meta property="article:published_time" content="2021-03-04T08:15:00+01:00">
<link rel="canonical" href="https://ledger.example/news/kano-traders">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="advert">Cheap flights to Abuja! Subscribe today for half price.</div>
<article><h1>Police disperse traders in Kano</h1>
<p>KANO, Nigeria - Police fired tear gas on Wednesday to break up a protest by traders outside the
state assembly, a police spokesman said.</p>
<p>The traders had gathered to oppose a new levy on market stalls. Twelve of them were detained and
later released, the spokesman added.</p>
<p>Witnesses said the crowd scattered within minutes and that shops in the area stayed shut.</p>
</article>
<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/a">Flooding hits Lagos suburbs after heavy rain</a></li>
<li><a href="/b">Governor opens new bridge over the river</a></li></ul></aside>
<footer>Copyright 2021 The Northern Ledger. All rights reserved.</footer>
</body></html>
"""


def _read(*paths: str, **kwargs) -> list[Document | Failure]:
    return list(read_paths(paths, **kwargs))


def _write(path: Path, data: bytes | str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return str(path)


# ---------------------------------------------------------------- text files


def test_text_file_is_kept_exactly_and_named_by_its_path(tmp_path: Path) -> None:
    text = "Gunmen attacked a police post in Gao.\r\nTwo officers died.\r\n\r\n  Indented line.\n"
    path = _write(tmp_path / "story.txt", text)
    [doc] = _read(path)
    assert isinstance(doc, Document)
    assert doc.text == text
    assert doc.id == path and doc.path == path


def test_text_flags_give_metadata_and_published_is_normalised(tmp_path: Path) -> None:
    path = _write(tmp_path / "story.txt", PROTEST)
    [doc] = _read(path, published="2022-06-07T18:00:00+03:00", outlet="Lake Post", url="https://x.example/a")
    assert (doc.published, doc.outlet, doc.url) == ("2022-06-07", "Lake Post", "https://x.example/a")


def test_bad_published_flag_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        read_paths([str(tmp_path)], published="last Tuesday")


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = _write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + PROTEST.encode())
    [doc] = _read(path)
    assert doc.text == PROTEST


def test_latin1_text_file_is_decoded(tmp_path: Path) -> None:
    text = "Protesters in São Paulo and Brasília marched on Sunday; police in Maranhão detained three."
    path = _write(tmp_path / "latin.txt", text.encode("latin-1"))
    [doc] = _read(path)
    assert doc.text == text


def test_windows_1252_quotes_are_decoded(tmp_path: Path) -> None:
    text = "The governor’s office said “no one was hurt” in the clash near Ségou."
    path = _write(tmp_path / "cp1252.txt", text.encode("cp1252"))
    [doc] = _read(path)
    assert doc.text == text


def test_utf16_file_with_bom_is_decoded(tmp_path: Path) -> None:
    path = _write(tmp_path / "wide.txt", PROTEST.encode("utf-16"))
    [doc] = _read(path)
    assert doc.text == PROTEST


def test_binary_file_is_a_failure_and_the_rest_are_read(tmp_path: Path) -> None:
    binary = _write(tmp_path / "photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    story = _write(tmp_path / "story.txt", PROTEST)
    failure, doc = _read(binary, story)
    assert failure == Failure(binary, "binary file", "ingest")
    assert doc.text == PROTEST


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n"])
def test_empty_or_blank_file_is_a_failure(tmp_path: Path, content: bytes) -> None:
    path = _write(tmp_path / "blank.txt", content)
    assert _read(path) == [Failure(path, "empty", "ingest")]


def test_oversized_document_is_rejected_with_its_size(tmp_path: Path) -> None:
    path = _write(tmp_path / "huge.txt", "x" * 7_200_000)
    [failure] = _read(path)
    assert failure == Failure(path, "too large: 7.2 MB > 5.0 MB limit", "ingest")


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    path = _write(tmp_path / "story.txt", PROTEST)
    [failure] = _read(path, max_bytes=50)
    assert isinstance(failure, Failure)
    assert failure.reason == f"too large: {len(PROTEST)} bytes > 50 bytes limit"


def test_missing_path_is_a_failure_and_the_rest_are_read(tmp_path: Path) -> None:
    story = _write(tmp_path / "story.txt", PROTEST)
    missing = str(tmp_path / "nope.txt")
    failure, doc = _read(missing, story)
    assert failure == Failure(missing, "no such file or directory", "ingest")
    assert doc.id == story


def test_unknown_extension_is_read_as_text(tmp_path: Path) -> None:
    path = _write(tmp_path / "wire.story", PROTEST)
    [doc] = _read(path)
    assert doc.text == PROTEST


def test_unknown_extension_holding_a_page_is_read_as_html(tmp_path: Path) -> None:
    path = _write(tmp_path / "saved_page", PAGE)
    [doc] = _read(path)
    assert "Police fired tear gas" in doc.text and "<p>" not in doc.text


# ---------------------------------------------------------------- folders


def test_folder_is_read_recursively_in_sorted_order_skipping_hidden(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "sub/c.txt", "sub/.secret.txt", ".git/d.txt", "z/e.txt"):
        _write(tmp_path / name, f"{PROTEST} ({name})")
    ids = [doc.id for doc in _read(str(tmp_path))]
    expected = ["a.txt", "b.txt", "sub/c.txt", "z/e.txt"]
    assert ids == [os.path.join(str(tmp_path), name) for name in expected]


# ---------------------------------------------------------------- JSON lines


def test_broken_json_line_is_named_and_the_rest_are_read(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "one", "text": PROTEST}),
        '{"id": "two", "text": "unterminated',
        "",
        json.dumps({"id": "three", "text": "Rioters burned tyres in Mombasa on Friday."}),
    ]
    path = _write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    one, broken, three = _read(path)
    assert one.id == "one" and three.id == "three"
    assert isinstance(broken, Failure)
    assert broken.document == f"{path}:2"
    assert broken.reason.startswith("invalid JSON: Unterminated string")


def test_broken_stdin_line_is_named_by_line_number() -> None:
    stdin = io.StringIO(json.dumps({"id": "a", "text": PROTEST}) + "\n[1, 2\n")
    doc, failure = _read("-", stdin=stdin)
    assert doc.id == "a"
    assert failure.document == "<stdin>:2"


def test_line_missing_text_and_html_is_a_failure(tmp_path: Path) -> None:
    path = _write(tmp_path / "feed.jsonl", '{"id": "lonely", "title": "No body"}\n')
    assert _read(path) == [Failure("lonely", f"no text or html ({path}:1)", "ingest")]


def test_line_that_is_not_an_object_is_a_failure() -> None:
    [failure] = _read("-", stdin=io.StringIO('["a list"]\n'))
    assert failure == Failure("<stdin>:1", "not a JSON object", "ingest")


def test_json_line_without_id_is_named_by_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "feed.jsonl", "\n" + json.dumps({"text": PROTEST}) + "\n")
    [doc] = _read(path)
    assert doc.id == f"{path}:2" and doc.path == path


def test_json_line_metadata_is_read_and_iso_published_normalised() -> None:
    record = {
        "id": "k1",
        "text": PROTEST,
        "published": "2023-05-16T07:45:00Z",
        "outlet": "Lake Post",
        "url": "https://lake.example/1",
        "title": "Teachers march",
        "language": "en",
    }
    [doc] = _read("-", stdin=io.StringIO(json.dumps(record) + "\n"))
    assert doc == Document(
        id="k1",
        text=PROTEST,
        url="https://lake.example/1",
        outlet="Lake Post",
        published="2023-05-16",
        title="Teachers march",
        language="en",
    )


def test_unreadable_published_in_json_is_dropped_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="sitrep.ingest"):
        doc = document_from_json({"id": "d", "text": PROTEST, "published": "sometime in May"}, "x:1")
    assert doc.published is None
    assert "sometime in May" in caplog.text


def test_a_month_given_alone_is_read_as_the_month() -> None:
    doc = document_from_json({"id": "d", "text": PROTEST, "published": "2019-12"}, "x:1")
    assert doc.published == "2019-12"
    assert normalise_date("2019-13") is None


def test_flags_fill_but_never_override_document_metadata() -> None:
    lines = [
        json.dumps({"id": "own", "text": PROTEST, "published": "2020-01-02", "outlet": "Own Desk"}),
        json.dumps({"id": "bare", "text": PROTEST}),
    ]
    own, bare = _read("-", stdin=io.StringIO("\n".join(lines)), published="2021-09-09", outlet="Flag Desk")
    assert (own.published, own.outlet) == ("2020-01-02", "Own Desk")
    assert (bare.published, bare.outlet) == ("2021-09-09", "Flag Desk")


def test_binary_stdin_with_bom_and_crlf_lines_is_read() -> None:
    payload = "\ufeff" + json.dumps({"id": "s", "text": "Café bombing in Gao."}, ensure_ascii=False) + "\r\n"
    [doc] = _read("-", stdin=io.BytesIO(payload.encode("utf-8")))
    assert doc.text == "Café bombing in Gao."


def test_oversized_json_document_is_named_by_its_id() -> None:
    line = json.dumps({"id": "big", "text": "y" * 3_000}) + "\n"
    [failure] = _read("-", stdin=io.StringIO(line), max_bytes=1_000)
    assert failure == Failure("big", "too large: 3.0 kB > 1.0 kB limit (<stdin>:1)", "ingest")


def test_text_of_wrong_type_is_a_failure() -> None:
    with pytest.raises(DocumentError, match="text is a JSON int"):
        document_from_json({"id": "n", "text": 42}, "x:1")


def test_html_line_is_extracted_and_given_metadata_wins() -> None:
    record = {"id": "h", "html": PAGE, "published": "2021-03-05", "outlet": "Wire Copy"}
    doc = document_from_json(record, "x:1")
    assert "Police fired tear gas" in doc.text
    assert (doc.published, doc.outlet) == ("2021-03-05", "Wire Copy")
    assert doc.title == "Police disperse traders in Kano"


@given(st.text(min_size=1).filter(lambda t: t.strip()))
def test_json_line_text_is_kept_exactly_as_given(text: str) -> None:
    line = json.dumps({"id": "p", "text": text}) + "\n"
    [doc] = read_paths(["-"], stdin=io.StringIO(line))
    assert doc.text == text


# ---------------------------------------------------------------- HTML


def test_html_drops_navigation_and_related_links(tmp_path: Path) -> None:
    path = _write(tmp_path / "page.html", PAGE)
    [doc] = _read(path)
    assert "Police fired tear gas on Wednesday" in doc.text
    assert "Twelve of them were detained" in doc.text
    for junk in ("Politics", "Cheap flights", "Flooding hits Lagos", "Governor opens", "Copyright"):
        assert junk not in doc.text


def test_html_metadata_is_taken_from_the_page(tmp_path: Path) -> None:
    path = _write(tmp_path / "page.htm", PAGE)
    [doc] = _read(path, published="1999-01-01")
    assert doc.title == "Police disperse traders in Kano"
    assert doc.published == "2021-03-04"
    assert doc.outlet == "The Northern Ledger"
    assert doc.url == "https://ledger.example/news/kano-traders"
    assert doc.language == "en"


def test_html_date_is_not_guessed_from_the_story_body() -> None:
    story = "Police detained 40 protesters in Accra on 3 May 2019, witnesses said."
    html = f"<html><body><p>{story}</p></body></html>"
    doc = document_from_html(html, "d")
    assert doc.published is None


def test_html_fragment_is_extracted() -> None:
    doc = document_from_html("<p>Police fired tear gas at protesters in Lagos on Monday.</p>", "frag")
    assert doc.text == "Police fired tear gas at protesters in Lagos on Monday."


def test_html_without_text_is_a_failure() -> None:
    with pytest.raises(DocumentError, match="empty"):
        document_from_html("<html><body><script>var a = 1;</script></body></html>", "blank")


def test_tag_strip_skips_scripts_and_furniture_and_breaks_blocks() -> None:
    html = "<nav>Home | World</nav><p>First &amp; foremost.</p><script>x()</script><p>Second   line</p>"
    assert strip_tags(html) == "First & foremost.\nSecond line"


# ---------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2020-05-09", "2020-05-09"),
        ("2020-05-09T23:30:00-05:00", "2020-05-09"),
        ("2020-05-09T10:00:00Z", "2020-05-09"),
        ("2020-02-30", None),
        ("9 May 2020", None),
        ("", None),
    ],
)
def test_published_dates_normalise_to_the_written_day(value: str, day: str | None) -> None:
    assert normalise_date(value) == day


def test_nul_bytes_without_a_bom_mean_binary() -> None:
    with pytest.raises(DocumentError, match="binary file"):
        decode_bytes(b"abc\x00def", "blob")


# ---------------------------------------------------------------- hostile folders and streams


def test_a_pipe_in_a_folder_is_named_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "ok.txt").write_text(PROTEST, "utf-8")
    out = _read(str(tmp_path))
    assert [type(o).__name__ for o in out] == ["Document", "Failure"]
    assert out[1].document.endswith("pipe.txt") and "not a regular file" in out[1].reason


def test_a_file_name_that_is_not_utf8_is_read_and_named_printably(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"\xff.txt"), "wb") as handle:
        handle.write(PROTEST.encode())
    (tmp_path / "ok.txt").write_text(PROTEST, "utf-8")
    docs = _read(str(tmp_path))
    assert [d.id.rsplit("/", 1)[-1] for d in docs] == ["ok.txt", "\ufffd.txt"]
    assert all(isinstance(d, Document) for d in docs)
    docs[1].id.encode("utf-8")  # printable, storable


def test_a_folder_that_cannot_be_listed_is_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    walk = os.walk

    def broken(top, onerror=None):
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "locked")))
        yield from walk(top)

    monkeypatch.setattr(os, "walk", broken)
    (tmp_path / "ok.txt").write_text(PROTEST, "utf-8")
    out = _read(str(tmp_path))
    assert any(isinstance(o, Failure) and "cannot list folder" in o.reason for o in out)


def test_a_folder_reads_documents_and_skips_other_files(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(PROTEST, "utf-8")
    (tmp_path / "notes.md").write_text("# my notes", "utf-8")
    (tmp_path / "table.csv").write_text("a,b\n1,2\n", "utf-8")
    assert [d.id.rsplit("/", 1)[-1] for d in _read(str(tmp_path))] == ["story.txt"]


def test_plain_text_on_stdin_is_one_document() -> None:
    stdin = io.BytesIO(f"\n{PROTEST}\nMore of the same story.\n".encode())
    [doc] = _read("-", stdin=stdin)
    assert doc.id == "<stdin>" and doc.text.strip().startswith("Teachers") and "More of" in doc.text


def test_closed_stdin_with_dash_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="standard input is closed"):
        list(read_paths(["-"], stdin=None))


def test_published_far_outside_the_calendar_of_news_is_ignored() -> None:
    assert normalise_date("0001-01-01") is None and normalise_date("9999-12-31") is None
    assert normalise_date("2020-02-12") == "2020-02-12"
