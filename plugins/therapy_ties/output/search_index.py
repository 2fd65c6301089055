"""Site search: Pagefind indexes the written site (pagefind-bin runs its
bundled binary; nothing is downloaded at build time).

Indexing 1,000 articles takes Pagefind longer than Pelican takes to build them,
so the bundle is cached by a fingerprint of every HTML file it reads: a build
whose pages did not change copies the last bundle instead of indexing again.
Pagefind runs in a process of its own while the build writes images and
sharing cards (`indexing`), where one core or the disk would otherwise wait.
"""

import hashlib
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from importlib.metadata import version
from types import SimpleNamespace

from ..checks.findings import logger
from .place import place

BUNDLE = "pagefind"
KEEP = 3  # bundles kept: local checks and production builds differ in their URLs


def fingerprint(output_path):
    """A hash of every HTML file's path and bytes, and of Pagefind's version."""
    digest = hashlib.sha256(version("pagefind_bin").encode())
    pages = []
    for folder, _dirs, files in os.walk(output_path):
        pages += [os.path.join(folder, name) for name in files if name.endswith(".html")]
    for path in sorted(pages):
        with open(path, "rb") as handle:
            page = hashlib.sha256(handle.read()).hexdigest()
        digest.update(f"{os.path.relpath(path, output_path)}\0{page}\n".encode())
    return digest.hexdigest()


def _start_pagefind(output_path, bundle):
    command = [sys.executable, "-m", "pagefind_bin", "--site", str(output_path),
               "--output-path", bundle, "--silent"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _forget_old(cache_folder):
    bundles = sorted((os.path.join(cache_folder, n) for n in os.listdir(cache_folder)), key=os.path.getmtime)
    for old in bundles[:-KEEP]:
        shutil.rmtree(old, ignore_errors=True)


@contextmanager
def indexing(output_path, cache_folder):
    """Write output_path/pagefind. Pagefind, a process of its own, indexes
    the written pages while the build does what happens inside the `with`
    (which must not change any HTML file); at its end, `.outcome` says
    whether the bundle was indexed, came from the cache, or failed."""
    os.makedirs(cache_folder, exist_ok=True)
    cached = os.path.join(cache_folder, fingerprint(output_path))
    fresh = cached + ".new"
    state = SimpleNamespace(outcome="from the cache", process=None)
    if not os.path.isdir(cached):
        shutil.rmtree(fresh, ignore_errors=True)
        state.outcome, state.process = "indexed", _start_pagefind(output_path, os.path.abspath(fresh))
    try:
        yield state
    except BaseException:
        if state.process is not None:  # the build failed: no index to wait for
            state.process.kill()
            state.process.wait()
            shutil.rmtree(fresh, ignore_errors=True)
        raise
    said = state.process.communicate()[0] if state.process is not None else ""
    if state.process is not None and state.process.returncode != 0:
        logger.error("Pagefind could not index %s: %s Fix: check that pagefind-bin is installed "
                     "(pip install -e .).", output_path, said.strip())
        state.outcome = "failed"
        shutil.rmtree(fresh, ignore_errors=True)
        return
    if state.process is not None:
        os.replace(fresh, cached)
    os.utime(cached)  # most recently used
    shutil.copytree(cached, os.path.join(output_path, BUNDLE), dirs_exist_ok=True, copy_function=place)
    _forget_old(cache_folder)
