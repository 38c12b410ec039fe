"""The command line: one subcommand per job, JSON lines in and out.

Only this module turns errors into messages and exit codes:

- 0 every document read and coded;
- 1 some documents could not be read or coded (each named on stderr with the reason);
- 2 a usage error (a bad option, a closed standard input or output);
- 3 a resource (the model, a lexicon, the gazetteer) missing or broken;
- 4 an internal error (a bug: please report it with the output of ``-vv``);
- 130 / 143 interrupted by Ctrl-C / SIGTERM, after writing the events merged so far.
"""

from __future__ import annotations

import atexit
import gc
import logging
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn, TextIO

import click

from sitrep.errors import ResourceError, SitrepError, UsageError

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_RESOURCE, EXIT_INTERNAL = 0, 1, 2, 3, 4
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143
FORMATS = ("jsonl", "csv", "geojson", "table")  # export.FORMATS, listed here to keep start-up light
LAYOUTS = ("current", "2020")  # export.LAYOUTS
DB_HELP = "The store: an SQLite file, or a postgresql:// URL (default: $SITREP_DB)."

log = logging.getLogger("sitrep")


class Interrupted(BaseException):
    """Ctrl-C or SIGTERM during a run."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class _Group(click.Group):
    """Turns an unexpected exception into a one-line message and exit code 4."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except UsageError as exc:
            _die(str(exc), EXIT_USAGE)
        except ResourceError as exc:
            _die(str(exc), EXIT_RESOURCE)
        except SitrepError as exc:
            _die(str(exc), EXIT_SOME_FAILED)
        except Exception as exc:  # noqa: BLE001 - a bug becomes a message and its own exit code
            log.debug("internal error", exc_info=True)
            _die(f"internal error: {exc!r} (run with -vv for the traceback)", EXIT_INTERNAL)


def _set_verbosity(ctx: click.Context, _param: click.Parameter, value: int) -> None:
    """-v info (and why each event's date, place and actor were chosen), -vv debug; accepted
    before or after the subcommand."""
    root = ctx.find_root()
    root.meta["verbosity"] = root.meta.get("verbosity", 0) + (value or 0)
    level = logging.WARNING - 10 * min(root.meta["verbosity"], 2)
    logging.basicConfig(format="sitrep: %(levelname)s: %(message)s", stream=sys.stderr)
    logging.getLogger("sitrep").setLevel(level)


verbose_option = click.option(
    "-v", "--verbose", count=True, expose_value=False, callback=_set_verbosity, help="Say more (-vv debug)."
)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sitrep")
@verbose_option
def main() -> None:
    """sitrep: news reports of political violence in, ACLED-coded events with evidence out."""
    # The model, lexicons and index are millions of objects: frozen as the interpreter exits,
    # the collector does not walk them all once more on the way out (about 0.2 s of each run).
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="Output format.")
@click.option("--published", default=None, help="Publication date (YYYY-MM-DD) for files that carry none.")
@click.option("--outlet", default=None, help="Outlet name for files that carry none.")
@click.option("--url", default=None, help="URL for files that carry none (recorded, never fetched).")
@click.option("--max-bytes", type=int, default=5_000_000, show_default=True, help="Per-document size limit.")
@click.option("--batch-size", type=int, default=32, show_default=True)
@click.option("--no-merge", is_flag=True, help="Write each document's events as soon as it is coded.")
@click.option("--acled-layout", "layout", type=click.Choice(LAYOUTS), default="current", show_default=True,
              help="CSV columns: ACLED's current export, or its 2020 numeric layout.")  # fmt: skip
@verbose_option
def extract(
    paths: tuple[str, ...],
    fmt: str | None,
    published: str | None,
    outlet: str | None,
    url: str | None,
    max_bytes: int,
    batch_size: int,
    no_merge: bool,
    layout: str,
) -> None:
    """Read documents (files, folders, '-' for standard input) and write events.

    Standard input is JSON lines ({"id", "text" or "html", ...} per line), or plain text read as
    one document."""
    out = _stdout()
    fmt = fmt or ("table" if out.isatty() else "jsonl")
    stdin = sys.stdin.buffer if sys.stdin is not None and "-" in paths else None
    hook = _progress_printer(sys.stderr) if sys.stderr is not None and sys.stderr.isatty() else None
    with _loading():
        from sitrep import export
        from sitrep.ingest import read as ingest
        from sitrep.pipeline import Runner

        try:
            runner = Runner(batch_size=batch_size, progress=hook, merge=not no_merge)
        except ResourceError as exc:
            _die(f"cannot load resources: {exc}", EXIT_RESOURCE)
    items = ingest.read_paths(
        paths, stdin=stdin, max_bytes=max_bytes, published=published, outlet=outlet, url=url
    )
    with _signals_as_interrupts():
        try:
            if no_merge:
                export.write_events(_streamed(runner.run(items), out), fmt, out, layout=layout)
            else:
                _report_failures(runner.run(items))
                _finish_progress(hook)
                _write(export, runner.events(), fmt, out, layout)
        except UsageError as exc:
            _die(str(exc), EXIT_USAGE)
        except Interrupted as stop:
            _finish_progress(hook)
            events = runner.events()
            _write(export, events, fmt, out, layout)
            _say(f"interrupted: wrote the {len(events)} events merged so far")
            sys.exit(stop.code)
    _finish_progress(hook)
    sys.exit(EXIT_SOME_FAILED if runner.failures else EXIT_OK)


def _write(export: Any, events: list[Any], fmt: str, out: TextIO, layout: str) -> None:
    export.write_events(events, fmt, out, layout=layout)
    if logging.getLogger("sitrep").isEnabledFor(logging.INFO):
        from sitrep.explain import why

        for event in events:
            _say(why(event))


def _streamed(results: Iterator[Any], out: TextIO) -> Iterator[Any]:
    """Events as they are coded, failures named on the way; each document's events flushed."""
    from sitrep.records import Failure

    for item in results:
        if isinstance(item, Failure):
            _say(f"{item.document}: {item.reason}")
            out.flush()
        else:
            yield item


def _report_failures(results: Iterator[Any]) -> None:
    from sitrep.records import Failure

    for item in results:
        if isinstance(item, Failure):
            _say(f"{item.document}: {item.reason}")


@contextmanager
def _loading() -> Iterator[None]:
    """Import and load with no full garbage collection, then freeze what was loaded: the model,
    lexicons and index are millions of objects that live until exit, and each full collection
    would walk them all again (0.2 s of a short run). Thresholds rather than ``gc.disable``:
    spaCy's loader turns the collector back on."""
    thresholds = gc.get_threshold()
    gc.set_threshold(thresholds[0], thresholds[1], 1_000_000)  # no full collection while loading
    try:
        yield
    finally:
        gc.freeze()
        gc.set_threshold(*thresholds)


@contextmanager
def _signals_as_interrupts() -> Iterator[None]:
    """SIGINT and SIGTERM raise ``Interrupted`` so a run can write what it has before it exits;
    a second signal ends it at once."""
    old = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

    def interrupt(signum: int, _frame: object) -> None:
        for sig, handler in old.items():
            signal.signal(sig, handler)
        raise Interrupted(EXIT_INTERRUPTED if signum == signal.SIGINT else EXIT_TERMINATED)

    for sig in old:
        signal.signal(sig, interrupt)
    try:
        yield
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)


def _progress_printer(stream: TextIO) -> Any:
    def show(progress: Any) -> None:
        noun = "document" if progress.done == 1 else "documents"
        stream.write(f"\r{progress.done} {noun}, {progress.failed} failed, {progress.rate:.1f} docs/s")
        stream.flush()

    return show


def _finish_progress(hook: Any) -> None:
    if hook is not None:
        click.echo("", err=True)


# --------------------------------------------------------------------------- gazetteer


@main.group()
@verbose_option
def gazetteer() -> None:
    """Manage the place-name index."""


@gazetteer.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--index", "index_path", type=click.Path(path_type=Path), default=None, help="Index file.")
@verbose_option
def gazetteer_import(path: Path, index_path: Path | None) -> None:
    """Load a GeoNames dump (allCountries.txt, SY.txt, cities1000.txt; zipped or not)."""
    from sitrep.places.dumps import import_geonames

    try:
        count = import_geonames(path, index_path)
    except UsageError as exc:
        _die(str(exc), EXIT_USAGE)
    click.echo(f"imported {count} places from {path}", err=True)


@gazetteer.command("info")
@click.option("--index", "index_path", type=click.Path(path_type=Path), default=None, help="Index file.")
@verbose_option
def gazetteer_info(index_path: Path | None) -> None:
    """Where the index is and what it holds."""
    from sitrep.places.index import default_index_path, index_summary

    for key, value in index_summary(index_path or default_index_path()).items():
        click.echo(f"{key}: {value}")


@gazetteer.command("path")
@verbose_option
def gazetteer_path() -> None:
    """The path of the index file (it is built there on first use)."""
    from sitrep.places.index import default_index_path

    click.echo(str(default_index_path()))


@gazetteer.command("rebuild")
@click.option("--index", "index_path", type=click.Path(path_type=Path), default=None, help="Index file.")
@verbose_option
def gazetteer_rebuild(index_path: Path | None) -> None:
    """Build the index again from the packaged data (GeoNames dumps imported before are dropped)."""
    from sitrep.places.index import build_index, default_index_path

    path = index_path or default_index_path()
    _say(f"building the gazetteer index at {path} (about a minute)")
    click.echo(f"{build_index(path)} places in {path}", err=True)


# --------------------------------------------------------------------------- the store


def _db_option(func):
    return click.option("--db", "db", envvar="SITREP_DB", required=True, help=DB_HELP)(func)


def _open(db: str):
    from sitrep.store import open_store

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
    from sitrep.store import make_filter

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
@verbose_option
def ingest(paths: tuple[str, ...], db: str, published, outlet, url, max_bytes: int, batch_size: int) -> None:
    """Extract documents and merge them into the store; stored texts are skipped, so a re-run resumes."""
    from sitrep.store import engine
    from sitrep.store.ingest import ingest as run

    store = _open(db)

    def resources():
        try:
            with _loading():
                return engine.load_resources()
        except SitrepError as exc:
            _die(f"cannot load resources: {exc}", EXIT_RESOURCE)

    counts = {"stored": 0, "skipped": 0, "failed": 0}
    tty = sys.stderr is not None and sys.stderr.isatty()
    try:
        stdin = sys.stdin.buffer if sys.stdin is not None and "-" in paths else None
        items = engine.read_paths(
            paths, stdin=stdin, max_bytes=max_bytes, published=published, outlet=outlet, url=url
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
@verbose_option
def events(db: str, fmt: str | None, layout: str, **filters) -> None:
    """Write the stored events that pass the filters."""
    from sitrep import export

    flt = _make_filter(filters)
    out = _stdout()
    fmt = fmt or ("table" if out.isatty() else "jsonl")
    store = _open(db)
    try:
        found = list(store.events(flt))
        stamps = store.updated(e.event_id for e in found) if fmt == "csv" else None
        export.write_events(found, fmt, out, layout=layout, timestamps=stamps)
    except SitrepError as exc:
        _die(str(exc), EXIT_USAGE)
    finally:
        store.close()


@main.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8000, show_default=True)
@verbose_option
def serve(db: str, host: str, port: int) -> None:
    """The map, the event dossiers and the JSON API over a store (read only)."""
    from sitrep.web import serve as run

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
@verbose_option
def report(db: str, country: str | None, since: str | None, until: str | None, output: Path) -> None:
    """A situation report: one self-contained HTML file (map, charts, events, contradictions)."""
    from sitrep.report import write_report

    flt = _make_filter({"country": country, "since": since, "until": until})
    store = _open(db)
    try:
        count = write_report(store, flt, output)
    except (SitrepError, OSError) as exc:
        _die(str(exc), EXIT_SOME_FAILED)
    finally:
        store.close()
    click.echo(f"sitrep: wrote {output} ({count} events)", err=True)


# --------------------------------------------------------------------------- helpers


def _stdout() -> TextIO:
    if sys.stdout is None:
        _die("standard output is closed", EXIT_USAGE)
    return sys.stdout


def _say(message: str) -> None:
    if sys.stderr is not None:
        click.echo(f"sitrep: {message}", err=True)


def _die(message: str, code: int) -> NoReturn:
    _say(message)
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
