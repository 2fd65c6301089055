"""Profile our production build of a synthetic blog with cProfile.

    python3 benchmarks/profile_build.py [--articles 1000] [--top 25] [--folder F]

The first build fills the caches of derived files (images, sharing cards,
compressed files, search index); the profiled build is a clean build after it
(the case the build benchmark's targets are about). Prints the functions with
the most cumulative time, our code and libraries. Time spent in worker
processes shows as waiting in the build's own process. --folder keeps the
blog and its caches there, for profiling again without the first build.
"""

import argparse
import cProfile
import io
import os
import pstats
import shutil
import tempfile
from pathlib import Path

from corpus import make_corpus  # beside this script

ROOT = Path(__file__).resolve().parent.parent


def build(folder, output):
    from pelican import main as pelican_main

    os.chdir(ROOT)
    os.environ["SITEURL"] = "https://therapyties.test"
    try:
        pelican_main([str(folder / "content"), "-s", str(ROOT / "publishconf.py"), "-o", str(output), "-q",
                      "-e", f'CACHE_PATH="{folder / "cache"}"', f'CHECKS_REPORT="{folder / "checks.json"}"'])
    except SystemExit as stop:
        if stop.code:
            raise


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--folder", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="profile-") as name:
        folder = args.folder or Path(name)
        if not (folder / "content").exists():
            make_corpus(folder, args.articles)
            build(folder, folder / "first")
        shutil.rmtree(folder / "profiled", ignore_errors=True)
        profile = cProfile.Profile()
        profile.enable()
        build(folder, folder / "profiled")
        profile.disable()
    text = io.StringIO()
    stats = pstats.Stats(profile, stream=text)
    stats.sort_stats("cumulative").print_stats(args.top)
    print(text.getvalue())


if __name__ == "__main__":
    main()
