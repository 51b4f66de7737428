"""What the core derives from the store: kept once computed; a failure kept briefly so
that a store that is down fails every caller at once instead of one after another; and
saved-query parameters of the typed kinds refused when they are not what they claim."""
from __future__ import annotations

import threading
import time

import pytest

from styrgraf.core import _Derived
from styrgraf.sparql import queries


def test_a_derived_value_is_computed_once_by_whoever_asks_first():
    calls = []
    derived = _Derived(lambda: calls.append(1) or len(calls))
    threads = [threading.Thread(target=derived.get) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert derived.get() == 1 and calls == [1]


def test_a_failure_is_kept_briefly_then_retried(monkeypatch):
    calls = []

    def failing():
        calls.append(time.monotonic())
        raise OSError("store down")

    derived = _Derived(failing)
    for _ in range(3):
        with pytest.raises(OSError):
            derived.get()
    assert len(calls) == 1  # the others got the kept failure at once
    monkeypatch.setattr(_Derived, "RETRY_AFTER", 0.0)
    with pytest.raises(OSError):
        derived.get()
    assert len(calls) == 2


@pytest.mark.parametrize("kind,value", [("integer", "١٢"), ("integer", "9" * 40), ("date", "20240101"),
                                        ("date", "2024-13-01"), ("date", "٢٠٢٤-01-01")])
def test_typed_parameters_refuse_what_they_are_not(kind, value):
    parameter = queries.Parameter(name="p", type=kind)
    with pytest.raises(queries.ParameterError):
        parameter.term(value)


def test_a_busy_pool_is_not_kept_as_a_failure():
    from styrgraf.sparql.executor import ServerBusy
    answers = iter([ServerBusy("busy"), "ready"])

    def flaky():
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    derived = _Derived(flaky)
    with pytest.raises(ServerBusy):
        derived.get()
    assert derived.get() == "ready"
