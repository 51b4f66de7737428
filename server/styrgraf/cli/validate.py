"""``styrgraf validate``: the curated files against the shapes, for people and CI."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from styrgraf.cli.common import data_paths, describe_data, iso_date, say, user_options

REPORT_FORMATS = ("text", "json", "junit", "github")  # styrgraf.validation.reports.FORMATS (a test checks)
EXIT_VIOLATIONS = 1


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="text", show_default=True,
              help="Report format: text for people, json for tools, junit for CI dashboards, github for annotations.")
@click.option("--as-of", type=str, callback=iso_date, default=None,
              help="Judge validity and review dates as of this day (YYYY-MM-DD); default today.")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True,
              help="Language of the messages in text, junit and github reports.")
@click.option("--jobs", type=click.IntRange(1, 64), default=None,
              help="Processes for the per-organisation shapes (default: one per core).")
@click.option("--changed", is_flag=True,
              help="Re-validate only files whose content changed since the last run (.styrgraf-cache/).")
@click.option("--store", "store_url", metavar="URL",
              help="Validate what an external SPARQL 1.1 store holds (loaded with styrgraf push) instead of files.")
@user_options("the external store")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report to this file (atomically) instead of stdout, e.g. JUnit XML for CI.")
def validate(paths, fmt, as_of, lang, jobs, changed, store_url, user, password, output):
    """Check Turtle files or folders (default: ./data when there is one, else the
    shipped data, said on stderr), or what an external store holds, against the shapes.

    Exit 0 without violations (warnings are printed), 1 with violations, 2 when an
    input cannot be read, 3 when the store cannot answer.

    Example: styrgraf validate data/ --as-of 2025-06-01 --format junit --output report.xml
    """
    from styrgraf.validation import reports
    if store_url:
        if paths or changed or jobs:
            raise click.UsageError("--store URL validates what that store holds; it takes no PATHS, --changed or --jobs")
        report = _store_report(store_url, user, password, as_of)
    else:
        if user or password:
            raise click.UsageError("--user and --password go with --store URL")
        report = _files_report(paths, fmt, as_of, jobs, changed)
    _write(reports.render(report, fmt, lang), output)
    sys.exit(0 if report.conforms else EXIT_VIOLATIONS)


def _files_report(paths, fmt, as_of, jobs, changed):
    """The report on the Turtle files (progress on stderr for many)."""
    from styrgraf import validation
    from styrgraf.store import loading
    files = loading.find_turtle_files(data_paths(paths))
    say(f"Validating {len(files)} file{'s' if len(files) != 1 else ''} from {describe_data(paths, 'PATHS')}")
    cache = validation.ValidationCache() if changed else None
    jobs = jobs or (validation.default_jobs() if len(files) > 8 else 1)
    try:
        if len(files) > 20 and fmt == "text":
            with click.progressbar(length=len(files), label="Validating", file=sys.stderr) as bar:
                report = validation.validate_paths(files, as_of=as_of, jobs=jobs, cache=cache,
                                                   progress=lambda _path: bar.update(1))
        else:
            report = validation.validate_paths(files, as_of=as_of, jobs=jobs, cache=cache)
    except loading.DataError as error:
        raise loading.name_all(files, error) from None
    if cache is not None:
        say(f"{cache.hits} of {len(files)} files unchanged since the last run.")
    return report


def _store_report(url: str, user, password, as_of):
    """The report on what the store at ``url`` holds."""
    from styrgraf.store import open_store
    from styrgraf.validation.on_store import validate_store
    store = open_store(store_url=url, user=user, password=password)
    say(f"Validating what {store.description()} holds")
    return validate_store(store, as_of=as_of)


def _write(rendered: str, output: Path | None) -> None:
    """The report on stdout, or atomically to ``output``."""
    if output is None:
        click.echo(rendered)
        return
    from styrgraf.ingest.turtle import write_atomic
    try:
        write_atomic(output, rendered + "\n")
    except OSError as error:
        raise click.BadParameter(f"cannot write {output}: {error.strerror or error}", param_hint="--output") from None
    say(f"Report written to {output}")
