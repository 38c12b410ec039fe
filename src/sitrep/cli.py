"""The command line: one subcommand per job, JSON lines in and out.

Only this module turns errors into messages and exit codes: 0 all documents read, 1 some
documents failed, 2 usage error.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TextIO

import click

from .errors import SitrepError, UsageError

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
FORMATS = ("jsonl", "csv", "geojson", "table")  # export.FORMATS, listed here to keep start-up light


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
def extract(
    paths: tuple[str, ...],
    fmt: str | None,
    published: str | None,
    outlet: str | None,
    url: str | None,
    max_bytes: int,
    batch_size: int,
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
    export.write_events(merger.events(), fmt, sys.stdout)
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


def _die(message: str, code: int) -> None:
    click.echo(f"sitrep: {message}", err=True)
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
