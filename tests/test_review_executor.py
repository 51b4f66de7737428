"""Review findings on the executor's pool: a worker that died while idle, a replacement
that cannot be started, and close() while a query is being given back."""
from __future__ import annotations

import os
import signal
import threading

import pytest

from styrgraf import errors

QUICK = "SELECT ?o WHERE { ?s a ?o } LIMIT 1"


def _idle_workers(executor):
    return list(executor._idle.queue)


def test_a_worker_that_died_while_idle_does_not_fail_the_next_query(executor):
    """The next query was sent to the dead worker and got 400 'the query stopped the
    process that ran it', blaming an innocent query."""
    pool = executor(workers=1)
    [worker] = _idle_workers(pool)
    os.kill(worker.process.pid, signal.SIGKILL)
    worker.process.join(5)
    outcome = pool.select(QUICK)
    assert outcome.rows


def test_a_replacement_that_cannot_be_started_keeps_its_place_in_the_pool(executor, monkeypatch):
    """When the fork of a replacement failed, the OSError escaped (a 500) and the pool
    lost the worker for good: after `workers` such failures every query waited and got 503."""
    pool = executor(workers=1, timeout=0.5, queue_wait=1.0)
    [worker] = _idle_workers(pool)
    os.kill(worker.process.pid, signal.SIGKILL)
    worker.process.join(5)
    real = pool._new_worker

    def fail():
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(pool, "_new_worker", fail)
    with pytest.raises(errors.StyrgrafError) as raised:
        pool.select(QUICK)
    assert raised.value.status == 503
    monkeypatch.setattr(pool, "_new_worker", real)
    assert pool.select(QUICK).rows  # the place was kept: a worker is started for it now


def test_close_while_a_worker_is_given_back_stops_it(executor, monkeypatch):
    """close() between a query's 'closed?' check and its worker's return to the pool
    left that worker running (never stopped)."""
    pool = executor(workers=1)
    [worker] = _idle_workers(pool)
    real_put = pool._idle.put
    closer = []

    def put(item, *args, **kwargs):
        if not closer:  # close() from another thread, right when the worker comes back
            closer.append(threading.Thread(target=pool.close))
            closer[0].start()
            closer[0].join(0.5)
        real_put(item, *args, **kwargs)

    monkeypatch.setattr(pool._idle, "put", put)
    pool.select(QUICK)
    closer[0].join(10)
    worker.process.join(5)
    assert not worker.process.is_alive()
