"""Benchmark: our production build against stock Pelican on the same Markdown.

    python3 benchmarks/build.py [--sizes 100 1000 5000] [--rounds 3]

For each size N it writes a synthetic blog (benchmarks/corpus.py) and measures:
- our first build (nothing cached: every image, sharing card, compressed file
  and the search index made), against stock Pelican in the same run;
- our clean build (a new output folder, every file read and written again;
  the caches of derived files, images first, already filled) and stock Pelican
  4.12 (default theme, no plugins), alternating the two in each round: the
  ratio per round and its median;
- our no-change rebuild with Pelican's content cache (and so our page
  cache) against a clean build run just before it, in each round (ratio per
  round, median); then a one-article-edit rebuild against a clean build
  right after it; whether they encoded any image and how many pages came from the
  page cache;
- peak memory of our clean build;
- the author's loop: `invoke livereload`'s server (scripts/live_preview.py) on
  the same blog, an article saved five times, seconds from each save to its
  written page.
Machines here are shared and noisy: read the ratios, not the seconds.
"""

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import make_corpus  # beside this script

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"clean_vs_stock": 1.3, "rebuild_vs_clean": 0.5, "peak_memory_mb_at_5000": 1024, "save_to_page_s": 1.0}
SAVES = 5
STOCK_SETTINGS = """
PATH = "content"
ARTICLE_PATHS = ["blog"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
SITEURL = "https://therapyties.test"
TIMEZONE = "America/Los_Angeles"
PLUGINS = []  # none: otherwise Pelican loads every pelican.plugins.* package installed
"""


def run(command, cwd, env=None):
    """(seconds, peak resident memory in MB, output) of one command."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=dict(os.environ, **(env or {})),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command[:6]} failed:\n{output[-3000:]}")
    return seconds, usage.ru_maxrss / 1024, output


def ours(folder, output, cache, *overrides):
    """Our production build; overrides are more SETTING=VALUE items (in the
    same -e: Pelican keeps only the last -e it is given)."""
    command = [sys.executable, "-m", "pelican", str(folder / "content"), "-s", str(ROOT / "publishconf.py"),
               "-o", str(output), "-v", "--fatal", "errors", "-e", f"CACHE_PATH={json.dumps(str(cache))}",
               f"CHECKS_REPORT={json.dumps(str(folder / 'checks.json'))}", *overrides]
    return run(command, ROOT, {"SITEURL": "https://therapyties.test"})


def stock(folder, output):
    (folder / "stock.py").write_text(STOCK_SETTINGS, encoding="utf-8")
    command = [sys.executable, "-m", "pelican", str(folder / "content"), "-s", str(folder / "stock.py"),
               "-o", str(output), "--ignore-cache"]
    return run(command, folder)


def encoded(log):
    """What the images line of our -v log says, e.g. '0 encoded, 12 from the cache'."""
    found = re.findall(r"images: (\d+ encoded, \d+ from the cache)", log)
    return found[-1] if found else "?"


def pages_line(log):
    """What the pages line of our -v log says, e.g. '1024 from the cache, 0 rendered'."""
    found = re.findall(r"pages: (\d+ from the cache, \d+ rendered)", log)
    return found[-1] if found else "every page rendered"


def save_to_page(folder):
    """Seconds from each save of one article to its page being written, with
    the live preview server running as `invoke livereload` runs it."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "scripts.live_preview", "--content", str(folder / "content"),
         "--output", str(folder / "live"), "--port", str(port), "--cache", str(folder / "cache")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for line in server.stdout:  # the first full build
            if "(ready)" in line:
                break
        else:
            raise SystemExit("the live preview server stopped before it was ready")
        source = folder / "content" / "blog" / "article-1.md"
        page = folder / "live" / "blog" / "article-1" / "index.html"
        times = []
        for save in range(SAVES):
            time.sleep(1)  # the author reads between saves
            sentence = f"Saved again, number {save}."
            start = time.perf_counter()
            source.write_text(source.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
            while sentence not in page.read_text(encoding="utf-8", errors="replace"):
                if time.perf_counter() - start > 120:
                    raise SystemExit("the saved article's page was not written within 120 s")
                time.sleep(0.005)
            times.append(time.perf_counter() - start)
        return times
    finally:
        server.terminate()
        server.wait()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def measure(count, rounds, folder):
    make_corpus(folder, count)
    cache = folder / "cache"
    first, _, log = ours(folder, folder / "out-first", cache)
    theirs, _, _ = stock(folder, folder / "stock-first")
    print(f"\nN = {count}: first build {first:.1f} s ({encoded(log)}) = {first / theirs:.1f}x stock ({theirs:.1f} s)")
    ratios, clean_times, peaks = [], [], []
    for round_number in range(rounds):
        mine, peak, log = ours(folder, folder / f"out-{round_number}", cache)
        theirs, _, _ = stock(folder, folder / f"stock-{round_number}")
        ratios.append(mine / theirs)
        clean_times.append(mine)
        peaks.append(peak)
        print(f"  round {round_number + 1}: ours {mine:6.2f} s ({encoded(log)}), stock {theirs:6.2f} s, "
              f"ratio {mine / theirs:4.2f}")
    clean = statistics.median(clean_times)
    cached = ["LOAD_CONTENT_CACHE=true", "CACHE_CONTENT=true"]
    ours(folder, folder / "out-cached", cache, *cached)  # fill the content cache (and the page cache)
    rebuild_ratios = []
    for round_number in range(rounds):  # each rebuild against a clean build beside it in time
        mine, _, _ = ours(folder, folder / f"out-clean-{round_number}", cache)
        again, _, log_again = ours(folder, folder / f"out-again-{round_number}", cache, *cached)
        rebuild_ratios.append(again / mine)
        print(f"  rebuild round {round_number + 1}: clean {mine:6.2f} s, no-change rebuild {again:6.2f} s "
              f"({pages_line(log_again)}), ratio {again / mine:4.2f}")
        for output in (f"out-clean-{round_number}", f"out-again-{round_number}"):
            shutil.rmtree(folder / output)  # a 5,000-article site is gigabytes
    article = folder / "content" / "blog" / "article-0.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    edited, _, log_edit = ours(folder, folder / "out-edit", cache, *cached)
    clean_after_edit, _, _ = ours(folder, folder / "out-clean-edited", cache)
    result = {
        "articles": count,
        "clean_vs_stock_median": statistics.median(ratios),
        "rebuild_vs_clean": statistics.median(rebuild_ratios),
        "edit_vs_clean": edited / clean_after_edit,
        "peak_memory_mb": max(peaks),
    }
    print(f"  median ratio ours/stock {result['clean_vs_stock_median']:.2f} "
          f"(target <= {TARGETS['clean_vs_stock']} at 1,000)")
    print(f"  no-change rebuild / clean, median of {rounds}: {result['rebuild_vs_clean']:.2f} "
          f"(last: {encoded(log_again)}); target <= {TARGETS['rebuild_vs_clean']}")
    print(f"  one-article edit  {edited:6.2f} s = {result['edit_vs_clean']:.2f}x the clean build after it "
          f"({encoded(log_edit)}; "
          f"pages: {pages_line(log_edit)})")
    print(f"  peak memory {result['peak_memory_mb']:.0f} MB")
    saves = save_to_page(folder)
    result["save_to_page_median"], result["save_to_page_max"] = statistics.median(saves), max(saves)
    print("  save to written page (live preview): " + ", ".join(f"{t:.2f}" for t in saves)
          + f" s; median {result['save_to_page_median']:.2f} s = "
          f"{result['save_to_page_median'] / clean:.3f}x our clean build")
    return result


def verdicts(results):
    by_size = {r["articles"]: r for r in results}
    lines = []
    if 1000 in by_size:
        r = by_size[1000]
        lines.append(("clean build at 1,000 <= 1.3x stock", r["clean_vs_stock_median"] <= TARGETS["clean_vs_stock"],
                      f"{r['clean_vs_stock_median']:.2f}x"))
        lines.append(("no-change rebuild <= 0.5x our clean build", r["rebuild_vs_clean"] <= TARGETS["rebuild_vs_clean"],
                      f"{r['rebuild_vs_clean']:.2f}x"))
        lines.append(("save to written page at 1,000 < 1 s (slowest of the saves)",
                      r["save_to_page_max"] < TARGETS["save_to_page_s"], f"{r['save_to_page_max']:.2f} s"))
    if 5000 in by_size:
        r = by_size[5000]
        lines.append(("peak memory at 5,000 < 1 GB", r["peak_memory_mb"] < TARGETS["peak_memory_mb_at_5000"],
                      f"{r['peak_memory_mb']:.0f} MB"))
    print("\nTargets:")
    for name, passed, figure in lines:
        print(f"  {'PASS' if passed else 'FAIL'}  {name}: {figure}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}")
    results = []
    for count in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-{count}-") as folder:
            results.append(measure(count, args.rounds, Path(folder)))
    verdicts(results)


if __name__ == "__main__":
    main()
