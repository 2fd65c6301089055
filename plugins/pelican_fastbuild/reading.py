"""Markdown rendered on every core.

Pelican reads content files one after another, and turning Markdown into HTML
is half of a clean build. When a build will read every file (no content
cache to load), it starts by rendering all articles and pages in a pool of
worker processes; Pelican then asks for each file as usual and gets the
finished HTML. Metadata is still turned into Pelican's objects here, in the
build's own process, exactly as Pelican's Markdown reader does it.

The workers start at `initialized`, with the Markdown settings as they are
then. A plugin that changes them later (adds an extension at `initialized`)
is seen when Pelican makes its readers: the workers then start again with the
settings Pelican will use.
"""

import atexit
import json
import os
from multiprocessing import get_context
from types import SimpleNamespace

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from . import build
from .smarty import SmartyOnlyWhereNeeded

_worker_reader = None  # made once in each worker process


def _markdown(config):
    """Python-Markdown as Pelican's reader makes it, with smarty only where it has work (smarty.py)."""
    return Markdown(**{**config, "extensions": [*config["extensions"], SmartyOnlyWhereNeeded()]})


class _FieldsMarkdown:
    """The Markdown instance for formatted metadata (the summary), made once:
    Pelican's _parse_metadata takes the meta preprocessor off it each time."""

    def __init__(self, config):
        self.markdown = _markdown(config)
        self.markdown.preprocessors.deregister("meta")
        self.preprocessors = SimpleNamespace(deregister=lambda name: None)

    def reset(self):
        return self.markdown.reset()

    def convert(self, text):
        return self.markdown.convert(text)


class _LighterMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, with smarty only where it has work
    (smarty.py), and its Markdown instances made once and reset for each
    file: making one costs a third of converting an article."""

    _made = None

    def _instances(self):
        if self._made is None:
            self._made = (_markdown(self.settings["MARKDOWN"]), _FieldsMarkdown(self.settings["MARKDOWN"]))
        return self._made

    def read(self, source_path):
        self._source_path = source_path
        with pelican_open(source_path) as text:
            document, self._md = self._instances()
            content = document.reset().convert(text)
        meta = getattr(document, "Meta", None)
        metadata = self._parse_metadata(meta) if meta is not None else {}
        return content, metadata


class _TextMetadataReader(_LighterMarkdownReader):
    """Leaves metadata values as text (formatted fields such as the summary
    already in HTML): they travel back to the build cheaply and become
    Pelican's objects there."""

    def process_metadata(self, name, value):
        return value


def _render(path):
    """(HTML, metadata as text) of one file; runs in a worker process."""
    global _worker_reader
    if _worker_reader is None:
        _worker_reader = _TextMetadataReader(build.current.settings)
    return _worker_reader.read(path)


def _markdown_files(settings):
    extensions = tuple("." + e for e in ParallelMarkdownReader.file_extensions)
    folders = {os.path.join(settings["PATH"], p) for p in settings["ARTICLE_PATHS"] + settings["PAGE_PATHS"]}
    for top in sorted(folders):
        for folder, _dirs, files in os.walk(top):
            yield from (os.path.abspath(os.path.join(folder, n)) for n in files if n.endswith(extensions))


def content_cache_will_load(settings):
    cache = os.path.join(settings["CACHE_PATH"], "ArticlesGenerator-Readers")
    return settings.get("LOAD_CONTENT_CACHE") and os.path.exists(cache)


def start(run):
    """Begin rendering every Markdown file, unless a content cache will serve them."""
    if run.workers < 2 or content_cache_will_load(run.settings):
        return
    MarkdownReader(run.settings)  # completes settings["MARKDOWN"] as Pelican's reader will
    # A multiprocessing pool, not concurrent.futures: when another plugin stops
    # the build before Pelican reads, the process exits at once, its workers
    # ended, instead of waiting for every file to be rendered.
    run.reading_pool = get_context("fork").Pool(run.workers)
    run.markdown_settings = markdown_settings(run.settings)
    run.rendering = {path: run.reading_pool.apply_async(_render, (path,)) for path in _markdown_files(run.settings)}


def stop(run):
    """End the workers (every file read, or the build ended early)."""
    if run is not None and run.reading_pool is not None:
        run.reading_pool.terminate()
        run.reading_pool, run.rendering = None, {}


# A build stopped before every file was read (an error under --fatal, a
# plugin's SystemExit) leaves the pool running: end it while Python can, not in
# Pool.__del__ at shutdown ("Exception ignored in: <function Pool.__del__ …>").
atexit.register(lambda: stop(build.current))


def _rendered(pending):
    """(HTML, metadata as text) from a worker, or None when it failed there."""
    try:
        return pending.get()
    except Exception:  # noqa: BLE001 (Pelican's own reader then meets it and reports it, as usual)
        return None


class ParallelMarkdownReader(_LighterMarkdownReader):
    def read(self, source_path):
        run = build.current
        pending = run.rendering.pop(os.path.abspath(source_path), None) if run else None
        result = _rendered(pending) if pending is not None else None
        if run and not run.rendering:
            stop(run)  # the last file read: the workers' work is done
        if result is None:
            return super().read(source_path)
        html, text_metadata = result
        return html, {name: self.process_metadata(name, value) for name, value in text_metadata.items()}


def markdown_settings(settings):
    """MARKDOWN as text, extension objects by class and identity."""
    return json.dumps(settings.get("MARKDOWN"), sort_keys=True,
                      default=lambda value: f"{type(value).__qualname__}@{id(value)}")


def use_parallel_reader(readers):
    """readers_init: our reader for every Markdown extension; workers that
    started with other Markdown settings start again."""
    run = build.current
    if run is not None and run.reading_pool is not None:
        MarkdownReader(readers.settings)  # as Pelican's reader will complete them, right after this
        if markdown_settings(readers.settings) != run.markdown_settings:
            stop(run)
            start(run)
    for extension in ParallelMarkdownReader.file_extensions:
        readers.reader_classes[extension] = ParallelMarkdownReader
