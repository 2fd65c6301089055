"""Site search: Pagefind indexes the written site (pagefind-bin runs its
bundled binary; nothing is downloaded at build time)."""

import subprocess
import sys

from .findings import logger


def build_index(output_path):
    command = [sys.executable, "-m", "pagefind_bin", "--site", str(output_path), "--silent"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        logger.error(
            "Pagefind could not index %s: %s Fix: check that pagefind-bin is installed "
            "(pip install -e .).", output_path, (result.stderr or result.stdout).strip()
        )
