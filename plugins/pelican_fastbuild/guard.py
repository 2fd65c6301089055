"""Whether this build may use the speed plugin, and the Pelican internals it
relies on, named here and nowhere else.

The plugin goes beyond Pelican's documented extension points (signals,
get_writer). What it relies on, all read in Pelican 4.12.0:
- pelican/writers.py:183  Writer.write_file's positional parameters (writing,
  page_cache); pelican/writers.py:30 its private _written_files set and
  pelican/writers.py:106 its private _open_w, through which every file is
  opened (writing: pages written by workers are announced in the build's own
  process through Pelican's write_file, with their files already written);
  pelican/contents.py:252 Content.get_url_setting answering `url` from an
  `override_url` attribute, as it does for a `URL:` in the metadata (urls.py
  sets it, so each address is worked out once).

So on a Pelican version it was not tested with, and where processes cannot
fork (Windows), it steps aside with one warning: Pelican's own reader and
writer build the site, with the same output, only slower.
"""

import os

import pelican

TESTED_PELICAN_VERSIONS = {"4.12.0"}


def reason_to_step_aside(version=None, can_fork=None):
    """Why the speed plugin must not run here, or None when it may."""
    version = pelican.__version__ if version is None else version
    can_fork = hasattr(os, "fork") if can_fork is None else can_fork
    if not can_fork:
        return "this system cannot fork worker processes (Windows)"
    if version not in TESTED_PELICAN_VERSIONS:
        tested = ", ".join(sorted(TESTED_PELICAN_VERSIONS))
        return f"Pelican {version} is not a version it was tested with ({tested})"
    return None


def worker_count(settings):
    """Processes the build may use, from the WORKERS setting: None (the
    default) for one per core, 1 for the build's own process alone."""
    workers = settings.get("WORKERS")
    return max(1, workers if workers else os.cpu_count() or 1)
