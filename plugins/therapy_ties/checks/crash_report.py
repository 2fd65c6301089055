"""One line naming the file instead of a traceback, when our code fails.

Every signal handler of the plugin goes through `names_the_file`: an
unexpected exception stops the build with the article or page that was being
worked on (found in the failing frames: the innermost local value with a
`source_path`), what went wrong, and a request for a bug report. The author
can then look at that file, or leave it out, and build again.
"""

import functools
import os

from .findings import logger


def _file_in(traceback):
    """The source_path of the innermost article or page a failing frame held."""
    found = None
    while traceback is not None:
        for value in traceback.tb_frame.f_locals.values():
            path = getattr(value, "source_path", None)
            if isinstance(path, str):
                found = path
        traceback = traceback.tb_next
    return found


def names_the_file(handler):
    @functools.wraps(handler)
    def guarded(*args, **kwargs):
        try:
            return handler(*args, **kwargs)
        except (SystemExit, KeyboardInterrupt):
            raise
        except Exception as error:  # noqa: BLE001 (any failure becomes one line)
            path = _file_in(error.__traceback__)
            where = os.path.relpath(path) if path else "the site"
            message = (f"{where}: the build failed while working on this file "
                       f"({error.__class__.__name__}: {error}). This is a fault in the site's "
                       "code, not in your writing: please report it with this file attached. "
                       "Until then, `Status: draft` in this file lets the rest of the site build.")
            logger.error("%s", message)
            raise SystemExit(f"Build stopped: {message}") from None

    return guarded
