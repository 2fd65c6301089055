"""Pages rendered on every core.

Pelican renders its pages one after another in one process: at 1,000 articles
that is most of a rebuild. This writer sets each page and feed Pelican asks
for aside (files that override another are written at once, and feeds too when
a plugin listens for feed_written); once the pages generator is done, before
anything reads the written files, forked workers (which hold the same objects
in memory) render them all with Pelican's own Writer.write_file and
write_feed. A file name set aside twice, or written after being set aside,
first writes what waits, so every file ends as Pelican would leave it.

content_written, for a page a worker wrote, is sent twice: in the worker,
where a receiver may still change the file (and its work is spread over the
cores), and then in the build's own process, where receivers that keep a list
of pages (a sitemap) are heard. The second time goes through Pelican's own
write_file with the file already written, so its context is exactly the one
Pelican gives (relative SITEURL, pagination), plus
`fastbuild_written_in_worker: True`: a receiver that changes files skips those.

A page or feed whose inputs did not change since the last build is copied
from the page cache instead of rendered, in the build's own process, with
no workers started when none is to be rendered (page_cache.py; local
builds only). Each article's address is worked out once first (urls.py).
"""

import logging
import os
from typing import NamedTuple, Optional

from blinker import signal
from pelican import signals
from pelican.utils import sanitised_join
from pelican.writers import Writer

from . import build, page_cache, urls
from .forked import map_forked

WRITTEN_IN_WORKER = "fastbuild_written_in_worker"
# The one hook for what else a finished page depends on (a plugin that puts
# published images into pages): receivers get the settings and return text,
# hashed into every page-cache key.
page_inputs = signal("fastbuild_page_inputs")


class Job(NamedTuple):
    kind: str  # "page" (Writer.write_file) or "feed" (Writer.write_feed)
    arguments: tuple
    kwargs: dict
    entry: Optional[str]  # the page's place in the page cache, if it is used


class ParallelWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.run = build.current
        self.workers = self.run.workers
        self.waiting_names = set()
        self.cache = None  # made at the first page: it needs the templates
        self.stored_any = False  # whether a page or feed went into the cache
        self.announcing = False  # sending content_written for pages already written
        self.run.writer, self.run.waiting = self, []

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):
        arguments = (name, template, context, relative_urls, paginated, template_name, override_output, url)
        if name in self.waiting_names:
            self.write_waiting()  # keep Pelican's order for a file written twice
        if not name or self.workers < 2 or override_output:  # written at once
            return super().write_file(*arguments, **kwargs)
        self.run.waiting.append(Job("page", arguments, kwargs, self._cache_entry(arguments, kwargs)))
        self.waiting_names.add(name)

    def write_feed(self, elements, context, path=None, url=None, feed_type="atom",
                   override_output=False, feed_title=None):
        """Feeds wait with the pages when nothing listens for feed_written
        (its receivers would want the feed object, which stays in the worker)."""
        arguments = (elements, context, path, url, feed_type, override_output, feed_title)
        if path in self.waiting_names:
            self.write_waiting()
        if not path or self.workers < 2 or override_output or signals.feed_written.receivers:
            return super().write_feed(*arguments)
        self.run.waiting.append(Job("feed", arguments, {}, self._feed_entry(arguments)))
        self.waiting_names.add(path)

    def _cache_entry(self, arguments, kwargs):
        """Where this page is (or will be) kept in the page cache, if it is used."""
        if not self._use_cache(arguments[1].environment):
            return None
        key = self.cache.key(*arguments, kwargs)
        return None if key is None else self.cache.path(key)

    def _feed_entry(self, arguments):
        """Where this feed is (or will be) kept in the page cache, if it is used."""
        if not self._use_cache(self.run.env):
            return None
        key = self.cache.feed_key(*arguments)
        return None if key is None else self.cache.path(key)

    def _use_cache(self, env):
        """Whether pages are cached; the cache made at the first page or feed,
        with every article's and page's digest (PageCache.seed)."""
        if self.cache is None:
            if not page_cache.enabled(self.settings) or env is None:
                return False
            extra = "\n".join(str(text) for _receiver, text in page_inputs.send(self.settings))
            self.cache = page_cache.PageCache(self.settings, env, extra, self.run.plugins)
            self.cache.seed(self.run.contents, self.workers)
        return True

    def write_waiting(self):
        jobs, self.run.waiting = self.run.waiting, []
        self.waiting_names = set()
        if not jobs:
            return
        results = [_restore(job) for job in jobs]  # pages from the cache: copied here, no workers forked
        rest = [number for number, result in enumerate(results) if result is None]
        if rest:
            for number, result in zip(rest, map_forked(_write_one, [jobs[n] for n in rest], self.workers)):
                results[number] = result
                self.stored_any = self.stored_any or jobs[number].entry is not None
        if self.cache is not None:
            self.cache.count([(job.kind, from_cache) for job, (_paths, from_cache) in zip(jobs, results)
                              if job.entry is not None])
        for job, (paths, _from_cache) in zip(jobs, results):
            if job.kind == "page":
                self._announce(job)
            else:
                self._written_files.update(paths)  # as Pelican's writer records them

    def _announce(self, job):
        """content_written in this process for a page a worker wrote: Pelican's
        write_file again, rendering nothing and opening no file."""
        name, _template, *rest = job.arguments
        self.announcing = True
        _quiet.enabled = True
        try:
            Writer.write_file(self, name, _Written(), *rest, **job.kwargs, **{WRITTEN_IN_WORKER: True})
        finally:
            self.announcing = _quiet.enabled = False

    def _open_w(self, filename, encoding, override=False):
        if not self.announcing:
            return super()._open_w(filename, encoding, override)
        self._written_files.add(filename)  # what Pelican's _open_w records
        return open(os.devnull, "w", encoding=encoding)


class _Written:
    """Stands for a page's template when its file is already written."""

    def render(self, context):
        return ""


class _QuietWhileAnnouncing(logging.Filter):
    """The worker already logged 'Writing <file>'."""

    enabled = False

    def filter(self, record):
        return not self.enabled


_quiet = _QuietWhileAnnouncing()
logging.getLogger("pelican.writers").addFilter(_quiet)


def _restore(job):
    """(the paths it wrote, True) of a call the page cache holds, or None."""
    if job.entry is None or not os.path.exists(job.entry):
        return None
    try:
        return page_cache.restore(job.entry, build.current.writer.output_path), True
    except (OSError, ValueError):  # a damaged entry: the page is rendered
        return None


def _write_one(job):
    """Runs in a worker: one waiting call rendered with Pelican's own
    write_file or write_feed (and then kept in the page cache, if used);
    (the paths it wrote, False)."""
    kind, arguments, kwargs, entry = job
    writer = build.current.writer
    if kind == "feed":
        Writer.write_feed(writer, *arguments)
        written = [sanitised_join(writer.output_path, arguments[2])]  # the path Pelican's writer records
    else:
        written = []

        def record(path, context):
            written.append(path)

        signals.content_written.connect(record, weak=False)
        try:
            Writer.write_file(writer, *arguments, **kwargs)
        finally:
            signals.content_written.disconnect(record)
    if entry is not None:
        page_cache.store(entry, writer.output_path, written)
    return written, False


def parallel_writer(pelican):
    """get_writer: Pelican builds with this writer class (every article's
    address worked out once, first: urls.py)."""
    build.current.plugins = pelican.plugins  # their code is in every page-cache key
    urls.settle(build.current.contents)
    return ParallelWriter


def write_waiting_pages():
    """Every waiting file written."""
    run = build.current
    if run is not None and run.writer is not None:
        run.writer.write_waiting()


def pages_generated(generator, writer=None):
    """page_writer_finalized: the pages generator was the last to ask for
    pages; all are written now, before plugins read them at finalized, and
    any file asked for later is written at once."""
    write_waiting_pages()
    if build.current is not None and build.current.writer is not None:
        build.current.writer.workers = 1


def finish_page_cache():
    """After the last page: drop cached pages this build did not use; what
    the cache did, for the log (None when it was not used)."""
    run = build.current
    if run is None or run.writer is None or run.writer.cache is None:
        return None
    cache = run.writer.cache
    cache.prune(run.writer.stored_any)
    return cache.said()
