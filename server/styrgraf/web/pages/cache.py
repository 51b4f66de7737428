"""A small cache for what a page derives from values that never change while they are
served (the network view, the validation report): a county's graph elements, the
validation page. Entries are keyed by the objects they were derived from (held, so
an identity is never reused) and the request's own values; the oldest go first."""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable

_LOCK = threading.Lock()
_ENTRIES: OrderedDict = OrderedDict()
SIZE = 64


def remembered(sources: tuple, key: tuple, compute: Callable[[], object]):
    """``compute()`` once for these source objects and this key, then kept (LRU)."""
    full = (tuple(id(s) for s in sources), key)
    with _LOCK:
        found = _ENTRIES.get(full)
        if found is not None and all(a is b for a, b in zip(found[0], sources)):
            _ENTRIES.move_to_end(full)
            return found[1]
    value = compute()
    with _LOCK:
        _ENTRIES[full] = (sources, value)
        while len(_ENTRIES) > SIZE:
            _ENTRIES.popitem(last=False)
    return value
