"""A finished build replaces the served output folder, never a failed one."""

import shutil
from pathlib import Path


def replace_folder(fresh, output):
    """Put the complete folder `fresh` where `output` is (the old one is removed)."""
    fresh, output = Path(fresh), Path(output)
    old = output.with_name(f".{output.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if output.exists():
        output.rename(old)
    fresh.rename(output)
    shutil.rmtree(old, ignore_errors=True)
