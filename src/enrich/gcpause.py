"""Python's cyclic garbage collector, paused around work that makes many short-lived objects in
no reference cycles: a list's parse (tokens), a load of saved answers (rows).

Each full pass of the collector visits every live object; with a big list parsed and held (the
100k benchmark: 700 MB) the passes that the new objects trigger cost more than the work (a
third of a 10,000-entry list's parse; a third of the 100k raw load). Reference counting still
frees each object when its last user lets go.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """The collector off for the duration, switched back on afterwards (and left alone if
    someone else had switched it off)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
