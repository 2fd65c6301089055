"""pelican_fastbuild: the same site, built on every core.

A Pelican plugin that knows nothing of any site. With it:
- Markdown files are rendered by a pool of worker processes while Pelican
  starts up (reading.py), smarty's pass skipping the runs of text it cannot
  change (smarty.py);
- pages and feeds are rendered by forked workers once Pelican has asked for
  them all (writing.py), or copied from the page cache when nothing they read
  changed (page_cache.py; builds that load and save Pelican's content cache).

Settings: WORKERS, the processes a build may use (None: one per core; 1: the
build's own process only, as Pelican builds). List it first in PLUGINS: its
workers then render while other plugins do their work at `initialized` (a
plugin that changes MARKDOWN there makes them start again, so the HTML is
always what Pelican would make).

For other plugins:
- content_written is sent in the worker that wrote a page, and again in the
  build's process with `fastbuild_written_in_worker` in its context (writing.py);
- the blinker signal "fastbuild_page_inputs" (sent with the settings, its
  receivers return text) adds what a finished page depends on beyond its
  template's values to the page-cache keys.

It relies on Pelican internals (listed in guard.py), so on a Pelican version it
was not tested with, or where processes cannot fork, it logs one warning and
connects nothing: Pelican builds the site, the same, only slower.
"""

import logging

from pelican import signals

from . import build, guard, reading, writing

logger = logging.getLogger(__name__)


def on_initialized(pelican):
    reading.stop(build.current)  # of a build that ended early (live preview)
    run = build.begin(pelican.settings, guard.worker_count(pelican.settings))
    reading.start(run)  # the workers render while Pelican and other plugins start


def on_finalized(pelican):
    writing.write_waiting_pages()  # none wait, unless a file was asked for after the pages
    cached = writing.finish_page_cache()
    if cached:
        logger.info("pages: %s", cached)
    reading.stop(build.current)


CONNECTIONS = (
    (signals.initialized, on_initialized),
    (signals.readers_init, reading.use_parallel_reader),
    (signals.get_writer, writing.parallel_writer),
    (signals.page_writer_finalized, writing.pages_generated),
    (signals.finalized, on_finalized),
)


def register():
    reason = guard.reason_to_step_aside()
    for sig, receiver in CONNECTIONS:
        if reason:
            sig.disconnect(receiver)  # connected by an earlier build in this process
        else:
            sig.connect(receiver)
    if reason:
        logger.warning("Building without pelican_fastbuild's workers and page cache: %s. "
                       "The site is the same, only slower.", reason)
