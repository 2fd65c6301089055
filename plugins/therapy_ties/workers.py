"""The processes our work may use, and a map over objects held in memory.

WORKERS (pelicanconf.py) is the one setting for every pool of the build: None
for one process per core, 1 for the build's own process alone.
"""

import os
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from multiprocessing import get_context

_items = []  # what the workers of the map under way read
_waiting = {}  # what the forked process of each Background is to do, by number


def worker_count(settings):
    workers = settings.get("WORKERS")
    return max(1, workers if workers else os.cpu_count() or 1)


def map_forked(function, items, workers, chunks_per_worker=8):
    """[function(item) for item in items], in that order. Forked workers find
    the items as they are, unpickled; where there is no fork (Windows), or one
    worker, the build's own process does it all."""
    global _items
    if workers < 2 or not hasattr(os, "fork"):
        return [function(item) for item in items]
    _items = items
    try:
        with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
            chunk = max(1, len(items) // (workers * chunks_per_worker))
            return list(pool.map(_call, repeat(function), range(len(items)), chunksize=chunk))
    finally:
        _items = []


def _call(function, index):
    return function(_items[index])


class Background:
    """function() worked out in a forked process while the build goes on;
    result() waits for it. Where there is no fork (Windows), or one worker,
    the build's own process works it out at once, before going on."""

    def __init__(self, function, workers):
        self._pool = None
        if workers < 2 or not hasattr(os, "fork"):
            self._value = function()
            return
        number = len(_waiting)
        _waiting[number] = function  # the process forks in submit(): it finds the function there
        try:
            self._pool = ProcessPoolExecutor(1, mp_context=get_context("fork"))
            self._future = self._pool.submit(_call_waiting, number)
        finally:
            del _waiting[number]

    def result(self):
        if self._pool is None:
            return self._value
        try:
            return self._future.result()
        finally:
            self._pool.shutdown()
            self._pool = None


def _call_waiting(number):
    return _waiting[number]()
