"""The guarded executor in-process: errors cross the pipe whole, a runaway query is
stopped and its worker replaced, a worker that dies is replaced, a full pool answers
503 at once instead of piling up, and the guard refuses before any parser runs."""
from __future__ import annotations

import os
import pickle
import threading
import time

import pyoxigraph as ox
import pytest

from styrgraf import errors
from styrgraf.sparql import engine, guard, results
from styrgraf.sparql.executor import QueryTimeout, ServerBusy, WorkerDied

# Three nested joins over the shipped graph: many seconds, far past the limits below.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
QUICK = "SELECT ?o WHERE { ?s a ?o } LIMIT 1"


@pytest.mark.parametrize("error", [
    errors.BadRequest("b"), errors.NotFound("n"), errors.Unavailable("u", headers={"Retry-After": "2"}),
    engine.QuerySyntaxError("s"), engine.UpdateRefused("u"), engine.QueryFailed("f"), guard.QueryRefused("r"),
    results.ResultLimitExceeded(7), QueryTimeout("t"), ServerBusy("b", headers={"Retry-After": "2"}),
    QueryTimeout("t", sv="frågan avbröts"), engine.QuerySyntaxError("s", sv="okänt prefix"),
])
def test_errors_cross_the_pipe_whole(error):
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error)
    assert (again.message, again.message_sv, again.status, again.exit_code, again.headers) == \
        (error.message, error.message_sv, error.status, error.exit_code, error.headers)
    assert getattr(again, "limit", None) == getattr(error, "limit", None)


def test_select_returns_terms_and_run_returns_bytes(executor):
    run = executor(workers=1)
    outcome = run.select("SELECT ?x WHERE { ?x a ?c } LIMIT 1", {"c": ox.NamedNode("https://w3id.org/styrgraf/def#Director")})
    assert isinstance(outcome.rows[0]["x"], ox.NamedNode)
    answer = run.run(QUICK, ["csv"])
    assert answer.format.name == "csv" and answer.body.startswith(b"o\r\n") and answer.rows == 1


def test_a_runaway_query_is_stopped_and_its_worker_replaced(executor):
    run = executor(workers=1, timeout=0.5)
    started = time.monotonic()
    with pytest.raises(QueryTimeout) as stopped:
        run.run(SLOW)
    assert time.monotonic() - started < 5 and stopped.value.status == 503
    assert run.run(QUICK).rows == 1  # the replacement answers


def test_a_worker_that_dies_is_replaced_and_the_request_gets_a_4xx(executor):
    run = executor(workers=1, timeout=30)
    worker = run._idle.queue[0]
    killer = threading.Timer(0.3, lambda: os.kill(worker.process.pid, 9))
    killer.start()
    with pytest.raises(WorkerDied) as died:
        run.run(SLOW)
    assert 400 <= died.value.status < 500
    assert run.run(QUICK).rows == 1


def test_a_full_pool_answers_busy_with_retry_after_instead_of_piling_up(executor):
    run = executor(workers=1, timeout=2.0, queue_wait=0.2)
    slow = threading.Thread(target=lambda: pytest.raises(QueryTimeout, run.run, SLOW))
    slow.start()
    time.sleep(0.2)
    started = time.monotonic()
    with pytest.raises(ServerBusy) as busy:
        run.run(QUICK)
    assert time.monotonic() - started < 1.5
    assert busy.value.status == 503 and busy.value.headers["Retry-After"]
    slow.join()


def test_the_guard_refuses_before_any_worker_sees_the_query(executor):
    run = executor(workers=1)
    pid = run._idle.queue[0].process.pid
    for text in ["SELECT * { " + "{" * 5000 + " }", "SELECT * { FILTER(" + "+".join(["1"] * 20000) + ") }",
                 "SELECT * { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }"]:
        with pytest.raises(guard.QueryRefused):
            run.run(text)
    assert run._idle.queue[0].process.pid == pid  # the same worker: it never crashed


def test_an_allowed_service_passes_the_guard():
    guard.check("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
                allowed_services={"http://example.org/sparql"})
    with pytest.raises(guard.QueryRefused):
        guard.check("SELECT * { SERVICE <http://example.org/other> { ?s ?p ?o } }",
                    allowed_services={"http://example.org/sparql"})


def test_a_query_that_needs_too_much_memory_is_a_4xx_not_a_502(executor):
    # GROUP_CONCAT over a cross join builds one string without bound; the worker may
    # allocate 64 MB past what it shares with the server, so it fails fast, not at the limit.
    run = executor(workers=1, timeout=30, memory=64 * 1024 ** 2)
    greedy = "SELECT (GROUP_CONCAT(STR(?o1)) AS ?all) WHERE { ?s1 ?p1 ?o1 . ?s2 ?p2 ?o2 }"
    with pytest.raises(errors.StyrgrafError) as refused:
        run.run(greedy)
    assert 400 <= refused.value.status < 500, refused.value.message
    assert run.run(QUICK).rows == 1


def test_a_worker_forked_from_a_short_lived_thread_outlives_it(executor):
    """Replacements are forked from whichever thread saw the timeout; they must live on
    when that thread ends (a parent-death signal would follow the thread, not the process)."""
    run = executor(workers=1, timeout=0.5)
    replaced = threading.Thread(target=lambda: pytest.raises(QueryTimeout, run.run, SLOW))
    replaced.start()
    replaced.join()
    time.sleep(1.0)
    assert run.run(QUICK).rows == 1
