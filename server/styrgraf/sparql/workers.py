"""The query workers: processes forked from the one that holds the store, each running
one query at a time from its pipe, ending with the server, capped in memory."""
from __future__ import annotations

import logging
import os
import signal
import threading
import time

from styrgraf.errors import BadRequest, StyrgrafError
from styrgraf.sparql import engine


def _die_with_parent() -> None:
    """A worker ends when the server process ends, however it ends (a watchdog on the
    parent's pid: PR_SET_PDEATHSIG would follow the forking *thread*, not the process)."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="styrgraf-parent-watch", daemon=True).start()


def _limit_memory(extra_bytes: int | None) -> None:
    """Cap what one query may allocate: the memory the worker shares with the server at
    fork, plus ``extra_bytes``. Past it an allocation fails: a MemoryError (400), or the
    engine aborts and the worker is replaced (400)."""
    if not extra_bytes:
        return
    try:
        import resource
        with open("/proc/self/status", encoding="ascii") as status:
            data_kb = next(int(line.split()[1]) for line in status if line.startswith("VmData:"))
        _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        limit = data_kb * 1024 + extra_bytes
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
    except (OSError, ValueError, StopIteration, ImportError) as error:  # the query runs uncapped: say so
        logging.getLogger(__name__).warning("the query memory cap could not be set: %s", error)


def _worker_loop(store, connection, memory: int | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when workers stop
    _die_with_parent()
    _limit_memory(memory)
    store = store.reopen()  # an on-disk store gets this process's own read-only handle
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            reply = ("ok", job.run(store))
        except StyrgrafError as error:
            reply = ("error", error)
        except RecursionError:
            reply = ("error", BadRequest("the query is too deeply nested to be read",
                                         sv="frågan är för djupt nästlad för att kunna läsas"))
        except MemoryError:
            reply = ("error", BadRequest("the query needs more memory than one query may use; "
                                         "narrow it or add LIMIT",
                                         sv="frågan behöver mer minne än en fråga får använda; "
                                         "avgränsa den eller lägg till LIMIT"))
        except Exception as error:  # noqa: BLE001 - reported to the parent, never a crash
            reply = ("error", engine.QueryFailed(f"{type(error).__name__}: {error}"))
        try:
            connection.send(reply)
        except Exception as error:  # noqa: BLE001 - e.g. an answer that does not pickle
            connection.send(("error", engine.QueryFailed(f"the answer could not be returned: {error}")))


class Worker:
    """One forked query worker and the pipe to it."""

    def __init__(self, store, context, memory: int | None = None):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker_loop, args=(store, child, memory), daemon=True)
        self.process.start()
        child.close()

    def kill(self) -> None:
        try:
            os.kill(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, TypeError):
            pass
        self.process.join(timeout=5)
        self.connection.close()
