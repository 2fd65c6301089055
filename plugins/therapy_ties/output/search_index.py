"""Site search: Pagefind indexes the written site (pagefind-bin runs its
bundled binary; nothing is downloaded at build time).

Indexing 1,000 articles takes Pagefind longer than Pelican takes to build them,
so the bundle is cached by a fingerprint of every HTML file it reads: a build
whose pages did not change copies the last bundle instead of indexing again.
"""

import hashlib
import os
import shutil
import subprocess
import sys
from importlib.metadata import version

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


def _run_pagefind(output_path, bundle):
    command = [sys.executable, "-m", "pagefind_bin", "--site", str(output_path),
               "--output-path", bundle, "--silent"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        logger.error(
            "Pagefind could not index %s: %s Fix: check that pagefind-bin is installed "
            "(pip install -e .).", output_path, (result.stderr or result.stdout).strip()
        )
        return False
    return True


def _forget_old(cache_folder):
    bundles = sorted((os.path.join(cache_folder, n) for n in os.listdir(cache_folder)), key=os.path.getmtime)
    for old in bundles[:-KEEP]:
        shutil.rmtree(old, ignore_errors=True)


def build_index(output_path, cache_folder):
    """Write output_path/pagefind; say whether it was indexed or from the cache."""
    os.makedirs(cache_folder, exist_ok=True)
    cached = os.path.join(cache_folder, fingerprint(output_path))
    reused = os.path.isdir(cached)
    if not reused:
        fresh = cached + ".new"
        shutil.rmtree(fresh, ignore_errors=True)
        if not _run_pagefind(output_path, os.path.abspath(fresh)):
            return "failed"
        os.replace(fresh, cached)
    os.utime(cached)  # most recently used
    shutil.copytree(cached, os.path.join(output_path, BUNDLE), dirs_exist_ok=True, copy_function=place)
    _forget_old(cache_folder)
    return "from the cache" if reused else "indexed"
