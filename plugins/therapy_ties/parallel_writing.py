"""Pages rendered on every core.

Pelican renders its pages one after another in one process: at 1,000 articles
that is most of a rebuild. Our writer sets each page and feed Pelican asks for
aside (files that override another are written at once, and feeds too when a
plugin listens for feed_written); once the pages generator is done, before
anything reads the written files, forked workers (which hold the same objects
in memory) render them all with Pelican's own Writer.write_file and
write_feed. Then the content_written signal is sent
again here for other plugins (the sitemap lists pages it was told of); ours
already finished the pages in the workers. A file name set aside twice, or
written after being set aside, first writes what waits, so every file ends as
Pelican would leave it.

A page whose inputs did not change since the last build is copied from the
page cache instead of rendered (page_cache.py; local builds only).
"""

import os
from typing import NamedTuple, Optional

from pelican import signals
from pelican.utils import sanitised_join
from pelican.writers import Writer

from . import page_cache
from .forked import map_forked


class Job(NamedTuple):
    kind: str  # "page" (Writer.write_file) or "feed" (Writer.write_feed)
    arguments: tuple
    kwargs: dict
    entry: Optional[str]  # the page's place in the page cache, if it is used


class _Waiting:
    writer = None  # the build's ParallelWriter
    jobs = []  # Jobs, in call order
    telling_others = False  # content_written sent again, for other plugins
    pages_also_depend_on = ""  # inputs of finished pages beyond templates and settings


def telling_others():
    """Whether content_written is being sent again for pages already finished."""
    return _Waiting.telling_others


class ParallelWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.workers = (settings or {}).get("WRITING_WORKERS") or os.cpu_count()
        self.waiting_names = set()
        self.cache = None  # made at the first page: it needs the templates
        _Waiting.writer, _Waiting.jobs = self, []

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):
        arguments = (name, template, context, relative_urls, paginated, template_name, override_output, url)
        if name in self.waiting_names:
            self.write_waiting()  # keep Pelican's order for a file written twice
        if not name or self.workers < 2 or override_output:
            return super().write_file(*arguments, **kwargs)
        _Waiting.jobs.append(Job("page", arguments, kwargs, self._cache_entry(arguments, kwargs)))
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
        _Waiting.jobs.append(Job("feed", arguments, {}, None))
        self.waiting_names.add(path)

    def _cache_entry(self, arguments, kwargs):
        """Where this page is (or will be) kept in the page cache, if it is used."""
        if not page_cache.enabled(self.settings):
            return None
        if self.cache is None:
            self.cache = page_cache.PageCache(self.settings, arguments[1].environment, _Waiting.pages_also_depend_on)
        key = self.cache.key(*arguments, kwargs)
        return None if key is None else self.cache.path(key)

    def write_waiting(self):
        jobs, _Waiting.jobs = _Waiting.jobs, []
        self.waiting_names = set()
        if not jobs:
            return
        results = map_forked(_write_one, jobs, self.workers)
        if self.cache is not None:
            self.cache.count([from_cache for job, (_paths, from_cache) in zip(jobs, results) if job.kind == "page"])
        _Waiting.telling_others = True
        try:
            for job, (paths, _from_cache) in zip(jobs, results):
                for path in paths:  # a paginated listing writes several
                    self._written_files.add(path)  # as Pelican's writer records them
                    if job.kind == "page":
                        context, output_file = job.arguments[2], os.path.relpath(path, self.output_path)
                        signals.content_written.send(path, context=dict(context, output_file=output_file, **job.kwargs))
        finally:
            _Waiting.telling_others = False


def _write_one(job):
    """Runs in a worker: one waiting call, copied from the page cache or
    rendered with Pelican's own write_file (and then kept in the cache);
    (the paths it wrote, whether they came from the cache)."""
    kind, arguments, kwargs, entry = job
    output_path = _Waiting.writer.output_path
    if kind == "feed":
        Writer.write_feed(_Waiting.writer, *arguments)
        return [sanitised_join(output_path, arguments[2])], False  # the path Pelican's writer records
    if entry is not None and os.path.exists(entry):
        try:
            return page_cache.restore(entry, output_path), True
        except (OSError, ValueError):
            pass  # a damaged entry: render the page
    written = []

    def record(path, context):
        written.append(path)

    signals.content_written.connect(record, weak=False)
    try:
        Writer.write_file(_Waiting.writer, *arguments, **kwargs)
    finally:
        signals.content_written.disconnect(record)
    if entry is not None:
        page_cache.store(entry, output_path, written)
    return written, False


def parallel_writer(pelican):
    """get_writer: Pelican builds with this writer class."""
    return ParallelWriter


def write_waiting_pages(*_signal_arguments, **_signal_keywords):
    """Also the receiver of page_writer_finalized: every waiting file written."""
    if _Waiting.writer is not None:
        _Waiting.writer.write_waiting()


def finish_page_cache():
    """After the last page: drop cached pages this build did not use; what
    the cache did, for the log (None when it was not used)."""
    writer = _Waiting.writer
    if writer is None or writer.cache is None:
        return None
    writer.cache.prune()
    return f"{writer.cache.reused} from the cache, {writer.cache.rendered} rendered"


def forget_waiting_pages():
    _Waiting.writer, _Waiting.jobs, _Waiting.telling_others = None, [], False
    _Waiting.pages_also_depend_on = ""


def pages_also_depend_on(inputs):
    """Text standing for what finishing a page reads beyond its template and
    settings (the published images), for the page cache's keys."""
    _Waiting.pages_also_depend_on = inputs
