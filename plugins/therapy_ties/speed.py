"""Whether this build may use the speed machinery: Markdown read on every core
(parallel_reading.py), pages written on every core and copied from the page
cache (parallel_writing.py, page_cache.py), both through forked workers
(forked.py).

That machinery goes beyond Pelican's documented extension points. The Pelican
internals it relies on, all in Pelican 4.12.0:
- pelican/readers.py:299  MarkdownReader.__init__ completes settings["MARKDOWN"]
  (parallel_reading.start calls it for that);
- pelican/readers.py:311  MarkdownReader._parse_metadata deregisters the "meta"
  preprocessor of self._md on every call (parallel_reading._FieldsMarkdown);
- pelican/generators.py:277  the content cache file is named
  "<Generator>-Readers" (parallel_reading._content_cache_will_load);
- pelican/writers.py:183  Writer.write_file's positional parameters, and
  pelican/writers.py:30 its private _written_files set (parallel_writing,
  page_cache);
- pelican/writers.py:233  what content_written's context holds
  (parallel_writing re-sends it for pages written by workers).

So on a Pelican version it was not tested with, and where processes cannot
fork (Windows), it steps aside with one warning: Pelican's own reader and
writer build the site, with the same output, only slower (tests/test_speed.py).
"""

import os

import pelican

TESTED_PELICAN_VERSIONS = {"4.12.0"}


def reason_to_step_aside(version=None, can_fork=None):
    """Why the speed machinery must not run here, or None when it may."""
    version = pelican.__version__ if version is None else version
    can_fork = hasattr(os, "fork") if can_fork is None else can_fork
    if not can_fork:
        return "this system cannot fork worker processes (Windows)"
    if version not in TESTED_PELICAN_VERSIONS:
        tested = ", ".join(sorted(TESTED_PELICAN_VERSIONS))
        return f"Pelican {version} is not a version it was tested with ({tested})"
    return None


class Speed:
    """Decided once per build, when Pelican registers the plugin."""

    on = True


def decide(log):
    reason = reason_to_step_aside()
    Speed.on = reason is None
    if reason:
        log.warning("Building without the speed plugin's workers and page cache: %s. "
                    "The site is the same, only slower.", reason)
    return Speed.on


def workers(count):
    """`count` worker processes, or one when the machinery stepped aside."""
    return count if Speed.on else 1
