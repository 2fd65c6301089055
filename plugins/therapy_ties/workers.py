"""The processes our work may use, and a map over objects held in memory.

WORKERS (pelicanconf.py) is the one setting for every pool of the build: None
for one process per core, 1 for the build's own process alone.
"""

import os
import pickle
import tempfile
import traceback
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from multiprocessing import get_context

_items = []  # what the workers of the map under way read


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
    result() waits for it (and raises what it raised). Where there is no fork
    (Windows), or one worker, the build's own process works it out at once.

    A plain fork, not a pool: a build that stops before asking for the result
    leaves nothing behind to shut down (the process ends on its own once it
    has written its answer to a file)."""

    def __init__(self, function, workers):
        self._pid, self._ok = None, True
        if workers < 2 or not hasattr(os, "fork"):
            self._value = function()
            return
        handle, self._answer = tempfile.mkstemp(prefix="therapy-ties-", suffix=".pickle")
        os.close(handle)
        pid = os.fork()
        if pid == 0:  # the forked process: work, write the answer, leave without cleaning up the build's state
            code = 1
            try:
                try:
                    answer = (True, function())
                except Exception as problem:  # raised again by result(), with what it said
                    answer = (False, problem if _picklable(problem) else RuntimeError(traceback.format_exc()))
                with open(self._answer, "wb") as out:
                    pickle.dump(answer, out, protocol=pickle.HIGHEST_PROTOCOL)
                code = 0
            finally:
                os._exit(code)
        self._pid = pid

    def result(self):
        if self._pid is not None:
            _pid, status = os.waitpid(self._pid, 0)
            self._pid = None
            try:
                with open(self._answer, "rb") as handle:
                    self._ok, self._value = pickle.load(handle)
            except (OSError, EOFError, pickle.UnpicklingError):
                self._ok, self._value = False, RuntimeError(
                    f"the background process ended without an answer (exit status {os.waitstatus_to_exitcode(status)})")
            finally:
                _remove(self._answer)
            if not self._ok:
                raise self._value
        elif not self._ok:
            raise self._value
        return self._value

    def __del__(self):
        if self._pid is not None:  # never asked for: reap the process when it is done
            try:
                if os.waitpid(self._pid, os.WNOHANG)[0]:
                    _remove(self._answer)
            except ChildProcessError:
                pass


def _picklable(value):
    try:
        pickle.dumps(value)
        return True
    except Exception:
        return False


def _remove(path):
    try:
        os.remove(path)
    except OSError:
        pass
