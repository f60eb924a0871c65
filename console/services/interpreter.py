"""Settings of the Python interpreter for a process that runs an engine.

Python's full garbage collection walks every object that lives long. In an engine
process those are mostly what start-up made (modules, schemas, the database layer):
with them in every full collection, a collection paused the loop for about 150 ms, the
chargers' slowest replies under API load (docs/benchmarks.md). Frozen once the engine
runs, they are left out of collections for good; what the engine makes later is still
collected, the full collections of it less often.

Only for a process that is an engine (``chargedesk serve``, the console's child engine):
a frozen object is never freed, so tests that start many engines must not call this.
The console's own process collects on its GUI thread instead (console_app.py); freezing
there made the engine thread's replies slower at 1000 chargers (p50 3 -> 37 ms), so it
does not.
"""

from __future__ import annotations

import gc

FULL_COLLECTION_EVERY = 100  # middle-generation collections per full one (Python: 10)


def settle_after_start() -> None:
    """Collect what start-up left over, then keep the rest out of later collections."""
    gc.collect()
    gc.freeze()
    # A full collection still takes 10 to 30 ms of what the engine made since: ten times
    # fewer of them (the young generations are collected as before).
    young, middle, _full = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_EVERY)
