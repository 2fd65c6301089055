"""Site search: Pagefind indexes the written site (pagefind-bin runs its
bundled binary; nothing is downloaded at build time).

Indexing 1,000 articles takes Pagefind longer than Pelican takes to build them,
so the bundle is cached by a fingerprint of every page it indexes: a build
whose pages did not change copies the last bundle instead of indexing again.
Pagefind runs in a process of its own while the build writes images and
sharing cards (`indexing`), where one core or the disk would otherwise wait.
"""

import hashlib
import os
import re
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
INDEXED_PAGE = re.compile(rb"data-pagefind-body", re.IGNORECASE)


def pages_to_index(output_path):
    """{output-relative path: SHA-256 of its bytes} of the pages Pagefind
    indexes: those marked data-pagefind-body (once any page is, Pagefind
    leaves out every page that is not: the blog's lists here), or every page
    when none is."""
    marked, every = {}, {}
    for folder, _dirs, files in os.walk(output_path):
        for name in files:
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                with open(path, "rb") as handle:
                    data = handle.read()
                relative = os.path.relpath(path, output_path)
                every[relative] = hashlib.sha256(data).hexdigest()
                if b"data-pagefind-body" in data or INDEXED_PAGE.search(data):  # as our templates write it: quick
                    marked[relative] = every[relative]
    return marked or every


def fingerprint(pages):
    """A hash of the pages' paths and bytes, and of Pagefind's version."""
    digest = hashlib.sha256(version("pagefind_bin").encode())
    for relative in sorted(pages):
        digest.update(f"{relative}\0{pages[relative]}\n".encode())
    return digest.hexdigest()


def _linked_site(output_path, pages, folder):
    """The pages to index, alone in a folder of their own (hard links): Pagefind
    then reads 1,001 files at 1,000 articles instead of 1,614, for the same bundle."""
    shutil.rmtree(folder, ignore_errors=True)
    for relative in pages:
        target = os.path.join(folder, relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        place(os.path.join(output_path, relative), target)
    return folder


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
    pages = pages_to_index(output_path)
    cached = os.path.join(cache_folder, fingerprint(pages))
    fresh, site = cached + ".new", cached + ".site"
    state = SimpleNamespace(outcome="from the cache", process=None)
    if not os.path.isdir(cached):
        shutil.rmtree(fresh, ignore_errors=True)
        state.outcome = "indexed"
        state.process = _start_pagefind(_linked_site(output_path, pages, site), os.path.abspath(fresh))
    try:
        yield state
        said = state.process.communicate()[0] if state.process is not None else ""
    except BaseException:
        if state.process is not None:  # the build failed: no index to wait for
            state.process.kill()
            state.process.wait()
            shutil.rmtree(fresh, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(site, ignore_errors=True)  # Pagefind has ended
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
