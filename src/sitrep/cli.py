"""The command line: one subcommand per job, JSON lines in and out.

Only this module turns errors into messages and exit codes: 0 all documents read, 1 some
documents failed, 2 usage error.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import NoReturn, TextIO

import click

from .errors import SitrepError, UsageError

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
FORMATS = ("jsonl", "csv", "geojson", "table")  # export.FORMATS, listed here to keep start-up light
LAYOUTS = ("current", "2020")  # export.LAYOUTS
DB_HELP = "The store: an SQLite file, or a postgresql:// URL (default: $SITREP_DB)."


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sitrep")
@click.option("-v", "--verbose", count=True, help="Log more to stderr (-v info, -vv debug).")
def main(verbose: int) -> None:
    """sitrep: news reports of political violence in, ACLED-coded events with evidence out."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="Output format.")
@click.option("--published", default=None, help="Publication date (YYYY-MM-DD) for .txt inputs.")
@click.option("--outlet", default=None, help="Outlet name for .txt inputs.")
@click.option("--url", default=None, help="URL for .txt inputs (recorded, never fetched).")
@click.option("--max-bytes", type=int, default=5_000_000, show_default=True, help="Per-document size limit.")
@click.option("--batch-size", type=int, default=32, show_default=True)
@click.option("--acled-layout", "layout", type=click.Choice(LAYOUTS), default="current", show_default=True,
              help="CSV columns: ACLED's current export, or its 2020 numeric layout.")  # fmt: skip
def extract(
    paths: tuple[str, ...],
    fmt: str | None,
    published: str | None,
    outlet: str | None,
    url: str | None,
    max_bytes: int,
    batch_size: int,
    layout: str,
) -> None:
    """Read documents (files, folders, '-' for JSON lines on stdin) and write events."""
    from . import export, ingest, pipeline
    from .merge import Merger
    from .records import Failure, Mention

    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    try:
        resources = pipeline.load_resources()
    except SitrepError as exc:
        _die(f"cannot load resources: {exc}", EXIT_USAGE)
    failures = 0
    merger = Merger()
    hook = _progress_printer(sys.stderr) if sys.stderr.isatty() else None
    try:
        items = ingest.read_paths(
            paths, stdin=sys.stdin.buffer, max_bytes=max_bytes, published=published, outlet=outlet, url=url
        )
        items = merger.keep_documents(items)
        for out in pipeline.extract_mentions(items, resources, batch_size=batch_size, progress=hook):
            if isinstance(out, Failure):
                failures += 1
                click.echo(f"sitrep: {out.document}: {out.reason}", err=True)
            elif isinstance(out, Mention):
                merger.add(out)
    except UsageError as exc:
        _die(str(exc), EXIT_USAGE)
    if hook is not None:
        click.echo("", err=True)
    export.write_events(merger.events(), fmt, sys.stdout, layout=layout)
    sys.exit(EXIT_SOME_FAILED if failures else EXIT_OK)


def _progress_printer(stream: TextIO):
    def show(progress) -> None:
        stream.write(f"\r{progress.done} documents, {progress.rate:.1f} docs/s, {progress.failed} failed")
        stream.flush()

    return show


@main.group()
def gazetteer() -> None:
    """Manage the place-name index."""


@gazetteer.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--index", "index_path", type=click.Path(path_type=Path), default=None, help="Index file.")
def gazetteer_import(path: Path, index_path: Path | None) -> None:
    """Load a GeoNames dump (allCountries.txt, SY.txt, cities1000.txt; zipped or not)."""
    from .geonames import import_geonames

    try:
        count = import_geonames(path, index_path)
    except SitrepError as exc:
        _die(str(exc), EXIT_SOME_FAILED)
    click.echo(f"imported {count} places from {path}", err=True)


# ---------------------------------------------------------------- the store


def _db_option(func):
    return click.option("--db", "db", envvar="SITREP_DB", required=True, help=DB_HELP)(func)


def _open(db: str):
    from .store import open_store

    try:
        return open_store(db)
    except SitrepError as exc:
        _die(str(exc), EXIT_USAGE)


def _filter_options(func):
    options = [
        click.option("--since", help="Events on or after this day (YYYY-MM-DD)."),
        click.option("--until", help="Events on or before this day (YYYY-MM-DD)."),
        click.option("--country", help="Country name or ISO 3166 alpha-3 code."),
        click.option("--admin1", help="First-level division, e.g. Al-Hasakeh."),
        click.option("--event-type", help="ACLED event type, e.g. Battles."),
        click.option("--sub-event-type", help="ACLED sub-event type, e.g. Armed clash."),
        click.option("--actor", help="Part of an actor's name (any case)."),
        click.option("--min-fatalities", type=int, help="At least this many fatalities."),
        click.option("--bbox", help="Bounding box west,south,east,north in degrees."),
        click.option("--contradictions/--no-contradictions", default=None,
                     help="Only events whose sources disagree (or only those where they agree)."),
    ]  # fmt: skip
    for option in reversed(options):
        func = option(func)
    return func


def _make_filter(values: dict):
    from .store import make_filter

    try:
        return make_filter(**values)
    except UsageError as exc:
        _die(str(exc), EXIT_USAGE)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_db_option
@click.option("--published", default=None, help="Publication date (YYYY-MM-DD) for .txt inputs.")
@click.option("--outlet", default=None, help="Outlet name for .txt inputs.")
@click.option("--url", default=None, help="URL for .txt inputs (recorded, never fetched).")
@click.option("--max-bytes", type=int, default=5_000_000, show_default=True, help="Per-document size limit.")
@click.option("--batch-size", type=int, default=16, show_default=True)
def ingest(paths: tuple[str, ...], db: str, published, outlet, url, max_bytes: int, batch_size: int) -> None:
    """Extract documents and merge them into the store; stored texts are skipped, so a re-run resumes."""
    from .store import engine
    from .store.ingest import ingest as run

    store = _open(db)

    def resources():
        try:
            return engine.load_resources()
        except SitrepError as exc:
            _die(f"cannot load resources: {exc}", EXIT_USAGE)

    counts = {"stored": 0, "skipped": 0, "failed": 0}
    tty = sys.stderr.isatty()
    try:
        items = engine.read_paths(
            paths, stdin=sys.stdin.buffer, max_bytes=max_bytes, published=published, outlet=outlet, url=url
        )
        for outcome in run(store, items, resources, batch_size=batch_size):
            counts[outcome.status] += 1
            if outcome.status == "failed":
                click.echo(f"{chr(13) if tty else ''}sitrep: {outcome.document}: {outcome.reason}", err=True)
            done = sum(counts.values())
            if tty or done % 100 == 0:
                line = f"{done} documents: " + ", ".join(f"{n} {status}" for status, n in counts.items())
                click.echo(f"\r{line}" if tty else line, err=True, nl=not tty)
    except SitrepError as exc:
        _die(str(exc), EXIT_USAGE if isinstance(exc, UsageError) else EXIT_SOME_FAILED)
    finally:
        store.close()
    if tty:
        click.echo("", err=True)
    total = _open(db)
    events = total.count_events()
    total.close()
    click.echo(
        f"sitrep: {counts['stored']} stored, {counts['skipped']} already stored, {counts['failed']} failed;"
        f" the store holds {events} events",
        err=True,
    )
    sys.exit(EXIT_SOME_FAILED if counts["failed"] else EXIT_OK)


@main.command()
@_db_option
@_filter_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="Output format.")
@click.option("--acled-layout", "layout", type=click.Choice(LAYOUTS), default="current", show_default=True,
              help="CSV columns: ACLED's current export, or its 2020 numeric layout.")  # fmt: skip
def events(db: str, fmt: str | None, layout: str, **filters) -> None:
    """Write the stored events that pass the filters."""
    from . import export

    flt = _make_filter(filters)
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    store = _open(db)
    try:
        found = list(store.events(flt))
        stamps = store.updated(e.event_id for e in found) if fmt == "csv" else None
        export.write_events(found, fmt, sys.stdout, layout=layout, timestamps=stamps)
    except SitrepError as exc:
        _die(str(exc), EXIT_USAGE)
    finally:
        store.close()


@main.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8000, show_default=True)
def serve(db: str, host: str, port: int) -> None:
    """The map, the event dossiers and the JSON API over a store (read only)."""
    from .web import serve as run

    store = _open(db)
    click.echo(f"sitrep: serving {db} on http://{host}:{port}/", err=True)
    try:
        run(store, host=host, port=port)
    finally:
        store.close()


@main.command()
@_db_option
@click.option("--country", help="Country name or ISO 3166 alpha-3 code.")
@click.option("--since", help="From this day (YYYY-MM-DD).")
@click.option("--until", help="To this day (YYYY-MM-DD).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The HTML file to write.")  # fmt: skip
def report(db: str, country: str | None, since: str | None, until: str | None, output: Path) -> None:
    """A situation report: one self-contained HTML file (map, charts, events, contradictions)."""
    from .report import write_report

    flt = _make_filter({"country": country, "since": since, "until": until})
    store = _open(db)
    try:
        count = write_report(store, flt, output)
    except (SitrepError, OSError) as exc:
        _die(str(exc), EXIT_SOME_FAILED)
    finally:
        store.close()
    click.echo(f"sitrep: wrote {output} ({count} events)", err=True)


def _die(message: str, code: int) -> NoReturn:
    click.echo(f"sitrep: {message}", err=True)
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
