"""Text files precompressed for hosts that serve them (nginx gzip_static,
brotli_static): page.html gets page.html.gz and page.html.br beside it.

Like the pelican-precompress package (gzip level 9, brotli quality 11, a file
kept only when smaller), which we used first; it compresses every file on every
build, and brotli at quality 11 was 45% of a clean build's time at 1,000
articles. Here each result is cached by the bytes it was made from, so a build
compresses only the files whose bytes changed, on all cores; the cache keeps
just what the latest build used. Brotli runs at quality 5. Measured on the
1,000-article benchmark site (1,642 text files, 37 MB): quality 5 takes 0.44 s
for all of them and leaves 21.9% of the bytes; quality 10 takes 7.9 s (18
times as long) for 19.2%, and 11 twice that again for 18.5%. An article page
is 5.9 KB at quality 5 against 5.2 KB at 10 (gzip 9: 6.3 KB): 0.7 KB, less
than a round trip costs a phone, against seconds of every first build (a
fresh clone, a CI publish without its cache).
"""

import hashlib
import os
import zlib
from concurrent.futures import ProcessPoolExecutor

import brotli

from .place import place

TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".atom", ".rss", ".txt", ".svg"}
MIN_SIZE = 20  # below this, the compressed file cannot be smaller
FORMATS = (".gz", ".br")
# Part of every cache key: change it when what is made of the bytes changes
# (the levels), or builds keep files made the old way.
RECIPE = b"gzip 9; brotli text 5\0"


def gzip_bytes(data):
    """gzip at level 9; the header carries no time, so the output is steady."""
    compressor = zlib.compressobj(level=9, wbits=16 + zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


def brotli_bytes(data):
    return brotli.compress(data, mode=brotli.MODE_TEXT, quality=5)


def cache_key(data):
    """The name of the cached compressed files of these bytes."""
    return hashlib.sha256(RECIPE + data).hexdigest()


def _compress(data):
    """{".gz": bytes, ".br": bytes}; runs in a worker process."""
    return {".gz": gzip_bytes(data), ".br": brotli_bytes(data)}


def _files_to_compress(output_path):
    for folder, _dirs, files in os.walk(output_path):
        for name in files:
            if os.path.splitext(name)[1] in TEXT_SUFFIXES:
                path = os.path.join(folder, name)
                if os.path.getsize(path) >= MIN_SIZE:
                    yield path


def _write(path, data):
    with open(path + ".tmp", "wb") as handle:
        handle.write(data)
    os.replace(path + ".tmp", path)


class Precompressor:
    def __init__(self, cache_folder, workers):
        self.cache_folder = cache_folder
        self.workers = workers
        self.compressed = self.reused = 0

    def _cached(self, key):
        return [os.path.join(self.cache_folder, key + suffix) for suffix in FORMATS]

    def run(self, output_path):
        os.makedirs(self.cache_folder, exist_ok=True)
        to_make = {}  # cache key -> (data, [paths with those bytes])
        placed = []  # (path, cache key)
        for path in _files_to_compress(output_path):
            with open(path, "rb") as handle:
                data = handle.read()
            key = cache_key(data)
            placed.append((path, key))
            if not all(os.path.exists(p) for p in self._cached(key)):
                to_make.setdefault(key, data)
        self._make(to_make)
        self.reused = len({key for _path, key in placed}) - len(to_make)
        for path, key in placed:
            self._place(path, key)
        self._forget_all_but({key for _path, key in placed})

    def _make(self, to_make):
        if not to_make:
            return
        keys = list(to_make)
        datas = [to_make[k] for k in keys]
        if self.workers < 2:
            self._keep(keys, map(_compress, datas))
        else:
            with ProcessPoolExecutor(self.workers) as pool:
                self._keep(keys, pool.map(_compress, datas, chunksize=8))
        self.compressed += len(keys)

    def _keep(self, keys, results):
        for key, blobs in zip(keys, results):
            for suffix, blob in blobs.items():
                _write(os.path.join(self.cache_folder, key + suffix), blob)

    def _place(self, path, key):
        """Put the cached results beside the file, each only if it is smaller."""
        size = os.path.getsize(path)
        for suffix, cached in zip(FORMATS, self._cached(key)):
            if os.path.getsize(cached) < size:
                place(cached, path + suffix)

    def _forget_all_but(self, keys):
        for name in os.listdir(self.cache_folder):
            if os.path.splitext(name)[0] not in keys:
                os.remove(os.path.join(self.cache_folder, name))
