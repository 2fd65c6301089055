"""pelican_fastbuild: the same site, built on every core.

A Pelican plugin that knows nothing of any site. With it, pages and feeds are
rendered by forked workers once Pelican has asked for them all (writing.py), or
copied from the page cache when nothing they read changed (page_cache.py;
builds that load and save Pelican's content cache).

(It once also read Markdown on every core, with Python-Markdown's smarty pass
shortened. With a compiled CommonMark reader a file reads in half a
millisecond, and a pool of two saved 0.1-0.2 s at 1,000 articles while it
needed three Pelican internals: taken out.)

Settings: WORKERS, the processes a build may use (None: one per core; 1: the
build's own process only, as Pelican builds).

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

import gc
import logging

from pelican import signals
from pelican.contents import Content

from . import build, guard, writing

logger = logging.getLogger(__name__)


def on_initialized(pelican):
    gc.unfreeze()  # an earlier build's objects, in a process that builds again (the live preview)
    build.begin(pelican.settings, guard.worker_count(pelican.settings))


def on_all_generators_finalized(generators):
    """What the page cache needs before the first page or feed: the theme's
    templates, and every article and page the generators hold."""
    run = build.current
    run.env = next((g.env for g in generators if getattr(g, "env", None) is not None), None)
    found = {}
    for generator in generators:
        for value in vars(generator).values():
            if isinstance(value, list):
                found.update((id(item), item) for item in value if isinstance(item, Content))
    run.contents = list(found.values())


def on_finalized(pelican):
    writing.write_waiting_pages()  # none wait, unless a file was asked for after the pages
    cached = writing.finish_page_cache()
    if cached:
        logger.info("%s", cached)
    # The build's objects live until the process ends (or the next build):
    # the collector leaves them be, and the interpreter's last collection at
    # exit, a tenth of a second at 1,000 articles, does not walk them.
    gc.freeze()


CONNECTIONS = (
    (signals.initialized, on_initialized),
    (signals.all_generators_finalized, on_all_generators_finalized),
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
