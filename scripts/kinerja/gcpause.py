"""Pause Python's cyclic garbage collector around bulk work on acyclic data (cache snapshot,
file listings, repository indexes): collection there only costs time."""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def no_gc():
    """Unpickling or building a 25,000-row table makes hundreds of thousands of acyclic objects;
    the cyclic collector would run hundreds of times over them for nothing (a third of a
    one-file run's time). Collection resumes afterwards; what was made meanwhile is moved to the
    permanent generation (gc.freeze), else the first collection after would walk it all anyway."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.freeze()
            gc.enable()
