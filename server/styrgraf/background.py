"""The validation report of what a server serves, computed in a background thread so
that no page ever waits for it; pages show its state instead. The files the store was
loaded from are validated (in parallel, as ``styrgraf validate`` does); a store loaded
elsewhere (``serve --store URL``) is validated from what it holds."""
from __future__ import annotations

import datetime as dt
import logging
import threading

log = logging.getLogger(__name__)


class BackgroundReport:
    """The SHACL report of a store's data, computed once in a background thread."""

    def __init__(self, store=None, as_of: dt.date | None = None, after: threading.Event | None = None):
        """``store``: what to validate (None: validation is off). ``after``: start once it
        is set (the pages' own views first: validation takes both cores), or after a
        minute whatever happens."""
        self.error: str | None = None
        self._report = None
        self._thread = None
        if store is not None:
            self._thread = threading.Thread(target=self._compute, args=(store, as_of, after),
                                            name="styrgraf-validation", daemon=True)
            self._thread.start()

    def _compute(self, store, as_of, after) -> None:
        if after is not None:
            after.wait(60)
        try:
            self._report = _validate(store, as_of)
            log.info("validation report ready: %d violations, %d warnings, %d notes",
                     *(self._report.count(s) for s in ("Violation", "Warning", "Info")))
        except Exception as error:  # noqa: BLE001 - shown on the pages and logged, never a crash
            self.error = str(error)
            log.error("the validation report failed: %s", error, exc_info=not _expected(error))

    @property
    def state(self) -> str:
        """``ready``, ``pending``, ``failed`` or ``unavailable`` (validation is off)."""
        if self._thread is None:
            return "unavailable"
        if self.error is not None:
            return "failed"
        return "ready" if self._report is not None else "pending"

    def get(self, wait: float | None = 0):
        """The report, or None when it is not ready within ``wait`` seconds."""
        if self._thread is not None and wait != 0:
            self._thread.join(wait)
        return self._report


def _validate(store, as_of):
    from styrgraf import validation
    from styrgraf.store import loading
    paths = getattr(store, "data_paths", None)
    if not paths:
        from styrgraf.validation.on_store import validate_store
        return validate_store(store, as_of=as_of)
    count = len(loading.find_turtle_files(paths))
    return validation.validate_paths(paths, as_of=as_of, jobs=validation.default_jobs() if count > 8 else 1)


def _expected(error: BaseException) -> bool:
    """Bad data or a store that cannot answer: the message says it all (no traceback)."""
    from styrgraf.store import loading
    from styrgraf.store.protocol import StoreError
    return isinstance(error, (loading.DataError, StoreError))
