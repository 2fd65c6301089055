"""Work on every core over objects the build already holds in memory.

Worker processes are forked, so they find the objects as they are (articles,
pages, templates, the writer) without pickling them; only the index of each
item goes in and each result comes back. Linux and macOS only (fork).
"""

from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from multiprocessing import get_context

_items = []  # what the workers of the map under way read


def map_forked(function, items, workers, chunks_per_worker=8):
    """[function(item) for item in items], in that order, on `workers` forked
    processes; `function` must be a module-level function."""
    global _items
    _items = items
    try:
        with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
            chunk = max(1, len(items) // (workers * chunks_per_worker))
            return list(pool.map(_call, repeat(function), range(len(items)), chunksize=chunk))
    finally:
        _items = []


def _call(function, index):
    return function(_items[index])
