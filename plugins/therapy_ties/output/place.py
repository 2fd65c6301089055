"""Cached files put into the output without copying their bytes."""

import os
import shutil


def place(cached, target):
    """`target` becomes the cached file: a hard link where the file system
    allows one (nothing in the build writes into a placed file afterwards),
    else a copy. Returns target, as copy functions do."""
    try:
        if os.path.lexists(target):
            os.remove(target)
        os.link(cached, target)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(cached, target)
    return target
