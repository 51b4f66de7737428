"""What every command shares: the one error handler, the store options and how a
command opens the core, and saying which data a command uses.

Top-level imports stay light (click and the standard library): ``styrgraf validate``
must start without Flask, networkx or pyshacl.
"""
from __future__ import annotations

import datetime as dt
import functools
import sys
from dataclasses import dataclass
from pathlib import Path

import click

EXIT_INTERRUPTED = 130
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
_HANDLER = "styrgraf-cli"  # the name of the handler this module installs


def configure_logging(level: str) -> None:
    """The ``styrgraf`` loggers write to stderr from ``level`` (the standard ``logging``
    module: one handler, which writes to whatever ``sys.stderr`` is when it writes)."""
    import logging

    class Stderr(logging.StreamHandler):
        stream = property(lambda self: sys.stderr, lambda self, value: None)

    logger = logging.getLogger("styrgraf")
    for handler in [h for h in logger.handlers if h.get_name() == _HANDLER]:
        logger.removeHandler(handler)
    handler = Stderr()
    handler.set_name(_HANDLER)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level.upper())


def say(message: str) -> None:
    """A line for the person at the terminal (stderr: stdout stays the answer)."""
    click.echo(message, err=True)


def _known_error(error: BaseException) -> tuple[int, str] | None:
    """(exit code, message) for an error that bad input or a failing store causes."""
    from styrgraf.errors import EXIT_BAD_INPUT, EXIT_UNAVAILABLE, StyrgrafError
    if isinstance(error, StyrgrafError):
        return error.exit_code, error.message
    from styrgraf.sparql import queries
    from styrgraf.store import loading
    from styrgraf.store.protocol import StoreError
    if isinstance(error, (loading.DataError, queries.QueryNotFound, queries.ParameterError)):
        return EXIT_BAD_INPUT, str(error)
    if isinstance(error, StoreError):
        return EXIT_UNAVAILABLE, str(error)
    return None


class Group(click.Group):
    """A click group with the CLI's one error handler: a ``StyrgrafError`` prints
    ``styrgraf: <message>`` and exits with its exit code; unreadable data exits 2 naming
    every file; a store that cannot answer exits 3. Never a traceback for bad input."""

    group_class = type  # subgroups are of this class too

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            say("styrgraf: interrupted")
            ctx.exit(EXIT_INTERRUPTED)
        except Exception as error:  # noqa: BLE001 - anything else is a bug: its traceback is wanted
            known = _known_error(error)
            if known is None:
                raise
            code, message = known
            say(f"styrgraf: {message}")
            ctx.exit(code)


def iso_date(_ctx, _param, value):
    """A click callback: YYYY-MM-DD as a date."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


# --- Which data ------------------------------------------------------------------------------

def data_paths(data) -> list[Path]:
    """The paths a command reads: those given, else ``./data`` when there is one, else
    the data shipped with the package.

    Raises:
        click.UsageError: none given, no ./data and no shipped data (exit 2).
    """
    from styrgraf import resources
    if data:
        return list(data)
    try:
        return [resources.default_data()]
    except FileNotFoundError:
        raise click.UsageError("no ./data folder here and no data shipped with this installation: "
                               "give the Turtle files or folders to use") from None


def describe_data(data, option: str = "--data") -> str:
    """Which data a command uses, in the words a curator needs."""
    from styrgraf import resources
    if data:
        return ", ".join(str(p) for p in data)
    if resources.local_data() is not None:
        return f"./data (the data folder here; give {option} to use other files)"
    return (f"the data shipped with styrgraf ({resources.data_dir()}), as there is no ./data folder here; "
            f"run where your ./data is, or give {option}")


# --- Store options -----------------------------------------------------------------------------

@dataclass(frozen=True)
class StoreOptions:
    """Where the graph comes from, as ``query``, ``analyse`` and ``serve`` are told."""

    data: tuple[Path, ...] = ()
    store_dir: Path | None = None
    store_url: str | None = None
    reload: bool = False
    user: str | None = None
    password: str | None = None

    def check(self) -> None:
        """Refuse combinations that would be silently ignored (exit 2)."""
        if self.store_url and (self.data or self.store_dir or self.reload):
            raise click.UsageError("--store URL serves what was pushed to that store; it takes no --data, "
                                   "--store-dir or --reload (load it with `styrgraf push`)")
        if self.reload and not self.store_dir:
            raise click.UsageError("--reload goes with --store-dir (a store in memory is loaded anew each time)")
        if (self.user or self.password) and not self.store_url:
            raise click.UsageError("--user and --password go with --store URL")

    def open(self, limits=None, *, validate: bool = False):
        """The core over the chosen store; says on stderr which data it holds.

        Raises:
            loading.DataError, StoreError, StyrgrafError: reported by the error handler.
        """
        from styrgraf.core import Styrgraf
        self.check()
        if not (self.store_url or self.store_dir):  # said before loading, which takes a while on big data
            say(f"Data: {describe_data(self.data)}")
        core = Styrgraf.open(None if self.store_url else data_paths(self.data), store_dir=self.store_dir,
                             store_url=self.store_url, reload=self.reload, user=self.user,
                             password=self.password, limits=limits, validate=validate, warm=validate)
        if self.store_url or self.store_dir:  # an existing store holds what it was loaded from
            say(f"Store: {core.describe_store()}")
        return core


def data_option(help_text: str = "Turtle files or folders to use instead of ./data or the shipped data (repeatable)."):
    return click.option("--data", "data", multiple=True, type=click.Path(path_type=Path), help=help_text)


def user_options(what: str):
    """--user and --password (or STYRGRAF_STORE_PASSWORD) for an external store."""
    def decorate(command):
        command = click.option("--password", envvar="STYRGRAF_STORE_PASSWORD", show_envvar=True,
                               help=f"Password for {what}.")(command)
        return click.option("--user", help=f"User for {what} (HTTP digest or basic auth).")(command)
    return decorate


def store_options(command):
    """The store options of ``query``, ``analyse`` and ``serve``, passed to the command as
    one ``store: StoreOptions``."""
    @functools.wraps(command)
    def wrapper(*args, data, store_dir, store_url, reload, user, password, **kwargs):
        options = StoreOptions(tuple(data), store_dir, store_url, reload, user, password)
        return command(*args, store=options, **kwargs)

    wrapper = user_options("the external store")(wrapper)
    wrapper = click.option("--reload", is_flag=True,
                           help="With --store-dir: load the data again even if the store exists.")(wrapper)
    wrapper = click.option("--store", "store_url", metavar="URL",
                           help="Use an external SPARQL 1.1 store's query endpoint (loaded with styrgraf push).")(wrapper)
    wrapper = click.option("--store-dir", type=click.Path(path_type=Path),
                           help="Keep the store on disk here; later runs reopen it in well under a second.")(wrapper)
    return data_option()(wrapper)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()
