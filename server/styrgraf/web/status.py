"""The SHACL report of the served graph, computed once in the background when the app
starts (a national graph takes a minute), never on a request's path."""
from __future__ import annotations

import datetime as dt
import threading

from styrgraf.store import loading
from styrgraf import validation


def start(store) -> None:
    """Begin validating the store's source files in a background thread."""
    thread = threading.Thread(target=_compute, args=(store,), name="styrgraf-validation", daemon=True)
    store.cache["report_thread"] = thread
    thread.start()


def _compute(store) -> None:
    paths = getattr(store, "data_paths", None)
    try:
        if not paths:  # an external store: its files live with whoever pushed them
            store.cache["report"] = validation.Report(as_of=dt.date.today())
            return
        count = len(loading.find_turtle_files(paths))
        jobs = validation.default_jobs() if count > 8 else 1
        store.cache["report"] = validation.validate_paths(paths, jobs=jobs)
    except loading.DataError as error:
        store.cache["report_error"] = str(error)


def report(store, wait: float | None = None) -> validation.Report | None:
    """The report, waiting up to ``wait`` seconds (None: until it is ready); None while
    it is still being computed.

    Raises:
        loading.DataError: the source files could not be read.
    """
    thread = store.cache.get("report_thread")
    if thread is not None:
        thread.join(wait)
    if "report_error" in store.cache:
        raise loading.DataError("data", store.cache["report_error"])
    return store.cache.get("report")
