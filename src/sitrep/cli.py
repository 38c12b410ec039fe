"""The command line: one subcommand per job, JSON lines in and out.

Only this module turns errors into messages and exit codes: 0 all documents read, 1 some
documents failed, 2 usage error, 3 a resource (model, lexicon, gazetteer) missing or broken.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TextIO

import click

from sitrep.errors import ResourceError, SitrepError, UsageError

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_RESOURCE = 0, 1, 2, 3
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
    from sitrep import export, ingest
    from sitrep.pipeline import Runner
    from sitrep.records import Failure

    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    hook = _progress_printer(sys.stderr) if sys.stderr.isatty() else None
    try:
        runner = Runner(batch_size=batch_size, progress=hook)
    except ResourceError as exc:
        _die(f"cannot load resources: {exc}", EXIT_RESOURCE)
    try:
        items = ingest.read_paths(
            paths, stdin=sys.stdin.buffer, max_bytes=max_bytes, published=published, outlet=outlet, url=url
        )
        for out in runner.run(items):
            if isinstance(out, Failure):
                click.echo(f"sitrep: {out.document}: {out.reason}", err=True)
    except UsageError as exc:
        _die(str(exc), EXIT_USAGE)
    if hook is not None:
        click.echo("", err=True)
    export.write_events(runner.events(), fmt, sys.stdout)
    sys.exit(EXIT_SOME_FAILED if runner.failures else EXIT_OK)


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
    from sitrep.places.dumps import import_geonames

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
