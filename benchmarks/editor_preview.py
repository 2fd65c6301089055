"""How soon the editor's preview shows what the author typed (issue 24: within
a second of a pause in typing), at the launch site and at N synthetic articles.

For each site: a copy of the project, the editor started as the launcher starts
it (python -m editor), an article opened in Chromium; then, round after round,
a word typed at the end of the body and the time until the preview frame shows
it: the editor's pause (PREVIEW_PAUSE in editor/src/main.js, 400 ms), the
preview request (read, checked and written by the site's own build) and the
frame's load. Also: from starting the editor to the first preview (the first
build). The 1,000-article figures are a ratio to the launch site's, measured in
the same run.

    python3 benchmarks/editor_preview.py [--articles 1000] [--rounds 9]
"""

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]
from corpus import make_corpus  # noqa: E402 (beside this script)

LEFT_OUT = shutil.ignore_patterns("output", ".output-*", ".cache", ".editor", ".reports", "node_modules", ".git",
                                  "__pycache__", ".pytest_cache", "*.egg-info", "benchmarks")


def project_copy(folder, articles):
    project = Path(folder) / "project"
    shutil.copytree(ROOT, project, ignore=LEFT_OUT)
    if articles:
        shutil.rmtree(project / "content")
        make_corpus(project, articles)
    return project


def measure(project, rounds, browser):
    log = project / "editor.log"
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "editor", "--port", "0", "--no-browser"], cwd=project,
                               stdout=open(log, "w"), stderr=subprocess.STDOUT)
    try:
        while not (found := re.search(r"http://127\.0\.0\.1:\d+/\?token=\S+", log.read_text())):
            time.sleep(0.02)
        base = found[0].split("/?")[0]
        page = browser.new_page(viewport={"width": 1280, "height": 900}, bypass_csp=True)
        timings = []
        page.on("requestfinished", lambda request: timings.append(request.timing["responseEnd"])
                if request.url.endswith("/api/preview") else None)
        page.goto(found[0])
        article = sorted((project / "content" / "blog").glob("*.md"))[0].relative_to(project / "content")
        page.goto(f"{base}/edit?path={article.as_posix()}")
        page.wait_for_function("document.querySelector('#preview').src.includes('/preview/')", timeout=600_000)
        first = time.perf_counter() - started
        body = page.get_by_role("textbox", name="Body")
        body.click()
        page.keyboard.press("Control+End")
        shown = []
        for number in range(rounds):
            word = f"measured{number}word"
            page.keyboard.type(f" {word}")
            typed = time.perf_counter()
            frame = page.frame_locator("iframe[title=Preview]")
            frame.locator(f"text={word}").first.wait_for(timeout=60_000)
            shown.append(time.perf_counter() - typed)
            page.wait_for_timeout(300)
        page.close()
        return first, statistics.median(shown), statistics.median(timings[-rounds:])
    finally:
        process.terminate()
        process.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                             args=["--no-sandbox", "--disable-gpu"])
        for name, articles in (("launch site", 0), (f"{args.articles} articles", args.articles)):
            with tempfile.TemporaryDirectory(prefix="editor-preview-") as folder:
                results[name] = measure(project_copy(folder, articles), args.rounds, browser)
        browser.close()
    baseline = results["launch site"]
    print(f"{'site':16} {'start to first preview':>24} {'pause to shown (median)':>26} {'preview request':>18}")
    for name, (first, shown, request) in results.items():
        print(f"{name:16} {first:10.1f} s {first / baseline[0]:6.2f}x {shown * 1000:12.0f} ms {shown / baseline[1]:5.2f}x"
              f" {request:10.0f} ms")
    print("pause to shown includes the editor's 400 ms pause; target: under 1 s (issue 24)")


if __name__ == "__main__":
    main()
